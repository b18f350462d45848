//! The organisation page (/quan-tri/to-chuc): the template and the export to download, the
//! workbook upload (checked at once: a dry run), the recent uploads; and one upload's page
//! (/quan-tri/to-chuc/nhap/{id}) with every bad cell, what would change, and "apply", after
//! which the new people's activation codes show this once.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::onboarding::{get_import, list_imports, ApplyImport};
use crate::components::auth::ErrorAlert;
use crate::components::route_id;
use crate::i18n::{format_date, use_i18n, vietnam_date, Msg};
use crate::models::{activations_csv, ImportBrief, ImportReport, PlanAct};

pub const PATH: &str = "/quan-tri/to-chuc";

#[component]
pub fn OrgPage() -> impl IntoView {
    let i18n = use_i18n();
    let uploads = Resource::new(|| (), |_| list_imports());
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::OrgTitle)}</h1>
            <p class="muted">{i18n.t(Msg::OrgIntro)}</p>
            <p>
                <a href="/api/to-chuc/mau" rel="external" download="" data-testid="org-template">{i18n.t(Msg::OrgTemplate)}</a>
                " · "
                <a href="/api/to-chuc/xuat" rel="external" download="" data-testid="org-export">{i18n.t(Msg::OrgExport)}</a>
            </p>
            // A plain form: the browser sends the file as multipart; the server checks it and
            // answers with its page.
            <form method="post" action="/api/to-chuc/nhap" enctype="multipart/form-data" class="form" data-testid="org-upload">
                <label>
                    {i18n.t(Msg::OrgFile)}
                    <input type="file" name="file" accept=".xlsx,.xls,.ods,.csv" required data-testid="org-file" />
                </label>
                <label class="check">
                    <input type="checkbox" name="deactivate_missing" value="1" data-testid="org-deactivate-missing" />
                    {i18n.t(Msg::OrgDeactivateMissing)}
                </label>
                <button type="submit" class="primary" data-testid="org-check">{i18n.t(Msg::OrgCheck)}</button>
            </form>
            <h2>{i18n.t(Msg::OrgRecent)}</h2>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || uploads.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">{i18n.t(Msg::OrgNone)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="entries" data-testid="org-uploads">
                            {list.into_iter().map(|b| view! { <UploadLine b /> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn UploadLine(b: ImportBrief) -> impl IntoView {
    let i18n = use_i18n();
    let day = vietnam_date(b.uploaded_at);
    view! {
        <li>
            <a href=format!("{PATH}/nhap/{}", b.id)>{format!("#{} · {}", b.id, b.file_name)}</a>
            " · " {move || format_date(i18n.locale.get(), day)}
            " · " {b.uploaded_by.clone().unwrap_or_default()}
            {format!(" · +{} ~{} −{} · ", b.create, b.change, b.deactivate)}
            {(b.errors > 0).then(|| view! { <span class="error">{i18n.t(Msg::OrgErrors)} {format!(" {}", b.errors)}</span> })}
            {b.applied_at.map(|_| view! { <span class="ok">{i18n.t(Msg::OrgApplied)}</span> })}
        </li>
    }
}

fn counts(report: &ImportReport) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="stats" data-testid="import-counts">
            <div><dt>{i18n.t(Msg::OrgCreate)}</dt><dd data-testid="import-create">{report.create}</dd></div>
            <div><dt>{i18n.t(Msg::OrgChange)}</dt><dd data-testid="import-change">{report.change}</dd></div>
            <div><dt>{i18n.t(Msg::OrgDeactivate)}</dt><dd data-testid="import-deactivate">{report.deactivate}</dd></div>
            <div><dt>{i18n.t(Msg::OrgErrors)}</dt><dd data-testid="import-errors">{report.errors.len()}</dd></div>
        </dl>
    }
}

/// A `data:` link to the codes as CSV (percent-encoded; built in the page, never stored).
fn codes_href(report: &ImportReport) -> String {
    let csv = activations_csv(&report.activations);
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in csv.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    let apply = ServerAction::<ApplyImport>::new();
    let data = Resource::new(
        move || (id(), apply.version().get()),
        |(id, _)| get_import(id),
    );
    let applied = move || apply.value().get().and_then(|r| r.ok());
    view! {
        <section class="card">
            <p><a href=PATH>{i18n.t(Msg::OrgBack)}</a></p>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || data.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(v) => {
                        let r = v.report.clone();
                        let can_apply = r.errors.is_empty() && v.brief.applied_at.is_none() && (r.create + r.change + r.deactivate) > 0;
                        view! {
                            <h1 data-testid="import-title">{format!("#{} · {}", v.brief.id, v.brief.file_name)}</h1>
                            {counts(&r)}
                            {v.brief.applied_at.map(|_| view! { <p class="ok" role="status" data-testid="import-applied">{i18n.t(Msg::OrgApplied)}</p> })}
                            {(!r.errors.is_empty()).then(|| view! {
                                <h2>{i18n.t(Msg::OrgErrorsTitle)}</h2>
                                <ul class="entries">
                                    {r.errors.iter().cloned().map(|e| view! {
                                        <li class="error" data-testid="import-error">{move || e.text(i18n.locale.get())}</li>
                                    }).collect_view()}
                                </ul>
                            })}
                            {(r.lines.is_empty() && r.errors.is_empty()).then(|| view! { <p class="muted" data-testid="import-nothing">{i18n.t(Msg::OrgNothing)}</p> })}
                            {(!r.lines.is_empty()).then(|| view! {
                                <h2>{i18n.t(Msg::OrgLinesTitle)}</h2>
                                <div class="table-wrap" tabindex="0">
                                    <table data-testid="import-lines">
                                        <tbody>
                                            {r.lines.iter().cloned().map(|l| {
                                                let act = match l.act {
                                                    PlanAct::Create => Msg::OrgCreate,
                                                    PlanAct::Change => Msg::OrgChange,
                                                    PlanAct::Deactivate => Msg::OrgDeactivate,
                                                };
                                                view! {
                                                    <tr data-testid="import-line">
                                                        <td>{i18n.t(act)}</td>
                                                        <td>{move || l.sheet.name(i18n.locale.get())}</td>
                                                        <td>{l.key.clone()}</td>
                                                        <td>{l.fields.join(", ")}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            })}
                            {can_apply.then(|| view! {
                                <ActionForm action=apply attr:class="inline">
                                    <input type="hidden" name="id" value=v.brief.id />
                                    <button type="submit" class="primary" data-testid="import-apply">{i18n.t(Msg::OrgApply)}</button>
                                </ActionForm>
                            })}
                        }.into_any()
                    }
                })}
            </Transition>
            {move || apply.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
            {move || applied().map(|r| view! {
                <p class="ok" role="status" data-testid="import-done">{i18n.t(Msg::OrgAppliedDone)}</p>
                {(!r.activations.is_empty()).then(|| view! {
                    <h2>{i18n.t(Msg::OrgCodesTitle)}</h2>
                    <p class="notice">{i18n.t(Msg::OrgCodesOnce)}</p>
                    <p><a href=codes_href(&r) download="ma-kich-hoat.csv" rel="external" data-testid="codes-download">{i18n.t(Msg::OrgCodesDownload)}</a></p>
                    <table data-testid="activation-codes">
                        <tbody>
                            {r.activations.iter().cloned().map(|a| view! {
                                <tr data-testid="activation-row">
                                    <td data-testid="activation-username">{a.username}</td>
                                    <td>{a.full_name}</td>
                                    <td><code data-testid="activation-value">{a.code}</code></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
            })}
        </section>
    }
}
