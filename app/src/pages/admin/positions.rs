//! Job positions (/quan-tri/vi-tri) and one position's job-description versions with their
//! catalogs and a comparison of any two versions (/quan-tri/vi-tri/{id}).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use leptos::form::ActionForm;

use crate::api::org::UpdatePosition;
use crate::api::positions::{
    get_position, list_positions, ApproveJobDescription, ImportCatalog, NewJobDescriptionDraft,
    ReturnJobDescription, SaveJobDescription, SubmitJobDescription,
};
use crate::authz::Role;
use crate::components::auth::ErrorAlert;
use crate::components::diff::{LineDiff, VersionPicker};
use crate::i18n::{format_date, format_number, use_i18n, Msg};
use crate::models::{
    catalog_diff, text_diff, CatalogChange, CatalogFileOutcome, CatalogItemView, JdStatus,
    JdVersionView, PositionDetail,
};
use crate::pages::admin::position_form::{NewPositionForm, PositionSettingsForm};

const PATH: &str = "/quan-tri/vi-tri";

fn kind_label(kind: &str) -> Msg {
    match kind {
        "leader" => Msg::PosKindLeader,
        "support" => Msg::PosKindSupport,
        _ => Msg::PosKindProfessional,
    }
}

fn field_label(field: &str) -> Msg {
    match field {
        "group_code" => Msg::PosGroup,
        "name" => Msg::DiaryTask,
        "unit_of_measure" => Msg::PosUnit,
        "norm_minutes" => Msg::PosNorm,
        "complexity_level" => Msg::PosLevel,
        "coefficient" => Msg::PosCoefficient,
        _ => Msg::PosEvidence,
    }
}

#[component]
pub fn PositionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let positions = Resource::new(q, list_positions);
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::PosTitle)}</h1>
            <form method="get" action=PATH class="search" role="search">
                <input type="search" name="q" value=q aria-label=i18n.t(Msg::PosSearch) placeholder=i18n.t(Msg::PosSearch) data-testid="position-search" />
                <button type="submit">{i18n.t(Msg::UsersSearchButton)}</button>
            </form>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    positions
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(list) if list.is_empty() => view! { <p data-testid="positions-empty">{i18n.t(Msg::PosNone)}</p> }.into_any(),
                            Ok(list) => {
                                view! {
                                    <div class="table-wrap" tabindex="0">
                                        <table data-testid="positions">
                                            <thead>
                                                <tr>
                                                    <th>{i18n.t(Msg::PosCode)}</th>
                                                    <th>{i18n.t(Msg::PosName)}</th>
                                                    <th>{i18n.t(Msg::PosKind)}</th>
                                                    <th class="num">{i18n.t(Msg::PosOfficers)}</th>
                                                    <th>{i18n.t(Msg::PosApproved)}</th>
                                                    <th>{i18n.t(Msg::PosPending)}</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {list
                                                    .into_iter()
                                                    .map(|p| {
                                                        view! {
                                                            <tr data-testid="position">
                                                                <td><a href=format!("{PATH}/{}", p.id)>{p.code.clone()}</a></td>
                                                                <td>{p.name.clone()}</td>
                                                                <td>{i18n.t(kind_label(&p.kind))}</td>
                                                                <td class="num">{p.officers}</td>
                                                                <td>{p.approved_version.map(|v| format!("v{v}"))}</td>
                                                                <td>{p.pending.map(|s| i18n.t(s.label()))}</td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
            <Transition fallback=|| ()>
                {move || is_admin().then(|| view! { <NewPositionForm /> })}
            </Transition>
        </section>
    }
}

fn is_admin() -> bool {
    crate::components::auth::use_auth()
        .subject()
        .is_some_and(|s| s.has(Role::Admin))
}

#[component]
pub fn PositionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = crate::components::route_id();
    let actions = Edits {
        new_draft: ServerAction::new(),
        save: ServerAction::new(),
        submit: ServerAction::new(),
        approve: ServerAction::new(),
        give_back: ServerAction::new(),
        import: ServerAction::new(),
    };
    let settings = ServerAction::<UpdatePosition>::new();
    let position = Resource::new(
        move || {
            (
                id(),
                settings.version().get(),
                actions.new_draft.version().get(),
                actions.save.version().get(),
                actions.submit.version().get(),
                actions.approve.version().get(),
                actions.give_back.version().get(),
                actions.import.version().get(),
            )
        },
        |(id, ..)| get_position(id),
    );
    let admin = move || {
        crate::components::auth::use_auth()
            .subject()
            .is_some_and(|s| s.has(Role::Admin))
    };
    let outcome = move || {
        let e = actions
            .new_draft
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| actions.save.value().get().and_then(|r| r.err()))
            .or_else(|| actions.submit.value().get().and_then(|r| r.err()))
            .or_else(|| actions.approve.value().get().and_then(|r| r.err()))
            .or_else(|| actions.give_back.value().get().and_then(|r| r.err()))
            .or_else(|| actions.import.value().get().and_then(|r| r.err()));
        let saved = actions.save.value().get().is_some_and(|r| r.is_ok())
            || actions.import.value().get().is_some_and(|r| r.is_ok());
        let file = query.with(|q| {
            CatalogFileOutcome::from_query(q.get_str("tep"), q.get_str("so"), q.get_str("dong"))
        });
        view! {
            {file.map(|f| view! { <FileOutcome f /> })}
            {e.map(|e| view! { <ErrorAlert error=e /> })}
            {saved.then(|| view! { <p class="ok" role="status" data-testid="jd-saved">{i18n.t(Msg::PosSaved)}</p> })}
        }
    };
    view! {
        <section class="card">
            <p><a href=PATH>{i18n.t(Msg::PosTitle)}</a></p>
            {outcome}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    position
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(p) => {
                                let number = |k: &str| query.read().get(k).and_then(|v| v.parse::<i32>().ok());
                                let open = p.versions.first().filter(|v| v.status.is_open()).cloned();
                                let position_id = p.id;
                                view! {
                                    {admin().then(|| match open {
                                        Some(v) if v.status == JdStatus::Submitted => view! { <Decide v actions /> }.into_any(),
                                        Some(v) => view! { <Editor v actions /> }.into_any(),
                                        None => view! {
                                            <ActionForm action=actions.new_draft attr:class="inline">
                                                <input type="hidden" name="position_id" value=position_id.to_string() />
                                                <button type="submit" data-testid="new-draft">{i18n.t(Msg::PosNewDraft)}</button>
                                            </ActionForm>
                                        }.into_any(),
                                    })}
                                    <Position p shown=number("ban") from=number("tu") to=number("den") />
                                    {admin().then(|| view! { <PositionSettingsForm id=position_id action=settings /> })}
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Position(
    p: PositionDetail,
    shown: Option<i32>,
    from: Option<i32>,
    to: Option<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let versions = p.versions.clone();
    let pick =
        |no: Option<i32>| no.and_then(|n| versions.iter().find(|v| v.version_no == n).cloned());
    // Shown: the one asked for, else the approved version in force, else the newest.
    let current = pick(shown)
        .or_else(|| {
            versions
                .iter()
                .find(|v| v.status == JdStatus::Approved)
                .cloned()
        })
        .or_else(|| versions.first().cloned());
    // Compared: as asked, else the version before the newest against the newest.
    let newer = pick(to).or_else(|| versions.first().cloned());
    let older = pick(from).or_else(|| versions.get(1).cloned());
    let base = format!("{PATH}/{}", p.id);
    view! {
        <h1 data-testid="position-name">{format!("{} — {}", p.code, p.name)}</h1>
        <h2>{i18n.t(Msg::PosVersions)}</h2>
        <div class="table-wrap" tabindex="0">
            <table data-testid="versions">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::PosVersion)}</th>
                        <th>{i18n.t(Msg::DiaryStatus)}</th>
                        <th>{i18n.t(Msg::PosDecision)}</th>
                        <th>{i18n.t(Msg::PosEffective)}</th>
                        <th>{i18n.t(Msg::PosApprovedBy)}</th>
                        <th class="num">{i18n.t(Msg::PosCatalog)}</th>
                    </tr>
                </thead>
                <tbody>
                    {versions
                        .iter()
                        .map(|v| {
                            let effective = v.effective_from;
                            let is_current = current.as_ref().is_some_and(|c| c.id == v.id);
                            view! {
                                <tr data-testid="version" class:current=is_current>
                                    <td><a href=format!("{base}?ban={}", v.version_no)>{format!("v{}", v.version_no)}</a></td>
                                    <td>
                                        {i18n.t(v.status.label())}
                                        {v.return_reason.clone().map(|r| view! { <small class="muted">" — " {r}</small> })}
                                    </td>
                                    <td>{v.decision_no.clone()}</td>
                                    <td>{move || effective.map(|d| format_date(i18n.locale.get(), d))}</td>
                                    <td>{v.approved_by.clone()}</td>
                                    <td class="num">{v.items.len()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {current.map(|v| view! { <Version v /> })}
        {(versions.len() > 1).then(|| view! { <Compare versions=versions.clone() base=base.clone() older newer /> })}
    }
}

#[component]
fn Version(v: JdVersionView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2 data-testid="shown-version">{i18n.t(Msg::PosDescription)} {format!(" — v{}", v.version_no)}</h2>
        <p class="description" data-testid="description">{v.description.clone()}</p>
        <h3>{i18n.t(Msg::PosCatalog)}</h3>
        <p><a href=format!("/api/xuat-danh-muc/{}", v.id) download data-testid="export-catalog">{i18n.t(Msg::PosExport)}</a></p>
        <CatalogTable items=v.items />
    }
}

#[component]
fn CatalogTable(items: Vec<CatalogItemView>) -> AnyView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="catalog">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::PosCode)}</th>
                        <th>{i18n.t(Msg::PosGroup)}</th>
                        <th>{i18n.t(Msg::DiaryTask)}</th>
                        <th>{i18n.t(Msg::PosUnit)}</th>
                        <th class="num">{i18n.t(Msg::PosNorm)} <crate::components::help::HelpTip term=crate::i18n::glossary::ids::NORM /></th>
                        <th class="num">{i18n.t(Msg::PosLevel)} <crate::components::help::HelpTip term=crate::i18n::glossary::ids::COEFFICIENT /></th>
                        <th class="num">{i18n.t(Msg::PosCoefficient)}</th>
                        <th>{i18n.t(Msg::PosEvidence)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|i| {
                            let (norm, coefficient) = (i.norm_minutes, i.coefficient);
                            view! {
                                <tr data-testid="catalog-item">
                                    <td>{i.code}</td>
                                    <td>{i.group_code}</td>
                                    <td>{i.name}</td>
                                    <td>{i.unit_of_measure}</td>
                                    <td class="num">{move || format_number(i18n.locale.get(), norm, if norm.fract() == 0.0 { 0 } else { 1 })}</td>
                                    <td class="num">{i.complexity_level}</td>
                                    <td class="num">{move || format_number(i18n.locale.get(), coefficient, 1)}</td>
                                    <td>{i.evidence_required.then_some("✓")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Compare(
    versions: Vec<JdVersionView>,
    base: String,
    older: Option<JdVersionView>,
    newer: Option<JdVersionView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (Some(older), Some(newer)) = (older, newer) else {
        return ().into_any();
    };
    let numbers: Vec<i32> = versions.iter().map(|v| v.version_no).collect();
    let choices = move |name: &'static str, picked: i32| {
        view! { <VersionPicker name versions=numbers.clone() picked testid=format!("compare-{name}") /> }
    };
    let text = text_diff(&older.description, &newer.description);
    let catalog = catalog_diff(&older.items, &newer.items);
    view! {
        <h2>{i18n.t(Msg::PosCompare)}</h2>
        <form method="get" action=base class="form inline-form" data-testid="compare-form">
            <label>{i18n.t(Msg::PosFrom)} {choices("tu", older.version_no)}</label>
            <label>{i18n.t(Msg::PosTo)} {choices("den", newer.version_no)}</label>
            <button type="submit" data-testid="compare">{i18n.t(Msg::PosCompare)}</button>
        </form>
        <h3>{i18n.t(Msg::PosTextChanges)} {format!(" (v{} → v{})", older.version_no, newer.version_no)}</h3>
        <LineDiff lines=text testid="text-diff" />
        <h3>{i18n.t(Msg::PosCatalogChanges)}</h3>
        {if catalog.is_empty() {
            view! { <p class="muted" data-testid="catalog-unchanged">{i18n.t(Msg::PosNoChanges)}</p> }.into_any()
        } else {
            view! {
                <ul class="entries" data-testid="catalog-diff">
                    {catalog
                        .into_iter()
                        .map(|c| match c {
                            CatalogChange::Added(i) => view! {
                                <li class="entry" data-testid="item-added"><span class="badge">{i18n.t(Msg::PosAdded)}</span> " " {format!("{} — {}", i.code, i.name)}</li>
                            }
                            .into_any(),
                            CatalogChange::Removed(i) => view! {
                                <li class="entry" data-testid="item-removed"><span class="badge">{i18n.t(Msg::PosRemoved)}</span> " " {format!("{} — {}", i.code, i.name)}</li>
                            }
                            .into_any(),
                            CatalogChange::Changed { code, name, fields } => view! {
                                <li class="entry" data-testid="item-changed">
                                    <span class="badge">{i18n.t(Msg::PosChanged)}</span> " " {format!("{code} — {name}")}
                                    <ul>
                                        {fields
                                            .into_iter()
                                            .map(|(f, a, b)| view! { <li>{i18n.t(field_label(&f))} ": " <del>{a}</del> " → " <ins>{b}</ins></li> })
                                            .collect_view()}
                                    </ul>
                                </li>
                            }
                            .into_any(),
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
    .into_any()
}

/// The editing actions of a position's page.
#[derive(Clone, Copy)]
struct Edits {
    new_draft: ServerAction<NewJobDescriptionDraft>,
    save: ServerAction<SaveJobDescription>,
    submit: ServerAction<SubmitJobDescription>,
    approve: ServerAction<ApproveJobDescription>,
    give_back: ServerAction<ReturnJobDescription>,
    import: ServerAction<ImportCatalog>,
}

/// A draft (or returned) version's description and catalog as a form: every row editable,
/// a box to remove it, and one blank row to add a task; then save or submit.
#[component]
fn Editor(v: JdVersionView, actions: Edits) -> impl IntoView {
    let i18n = use_i18n();
    let blank = CatalogItemView {
        code: String::new(),
        group_code: "C".into(),
        name: String::new(),
        unit_of_measure: String::new(),
        norm_minutes: 0.0,
        complexity_level: 1,
        coefficient: 1.0,
        evidence_required: false,
    };
    let rows: Vec<(usize, CatalogItemView, bool)> = v
        .items
        .iter()
        .cloned()
        .map(|i| (i, false))
        .chain(std::iter::once((blank, true)))
        .enumerate()
        .map(|(n, (i, new))| (n, i, new))
        .collect();
    let (id, lock) = (v.id.to_string(), v.lock_version.to_string());
    let (id2, lock2) = (id.clone(), lock.clone());
    let (id3, lock3) = (id.clone(), lock.clone());
    let (id4, lock4) = (id.clone(), lock.clone());
    view! {
        <section class="editor" data-testid="jd-editor">
            <h2>{i18n.t(Msg::PosEditTitle)} {format!(" — v{} ", v.version_no)} <span class="badge">{i18n.t(v.status.label())}</span></h2>
            {v.return_reason.clone().filter(|_| v.status == JdStatus::Returned).map(|r| view! { <p class="warn">{i18n.t(Msg::DiaryReturnReason)} " " {r}</p> })}
            <ActionForm action=actions.save attr:class="form" attr:data-testid="jd-form">
                <input type="hidden" name="form[version_id]" value=id.clone() />
                <input type="hidden" name="form[lock_version]" value=lock.clone() />
                <label>
                    {i18n.t(Msg::PosDescription)}
                    <textarea name="form[description]" rows="5" data-testid="jd-description" inner_html=crate::text::escape_html(&v.description)></textarea>
                </label>
                <div class="table-wrap" tabindex="0">
                    <table data-testid="jd-rows">
                        <thead>
                            <tr>
                                <th>{i18n.t(Msg::PosCode)}</th>
                                <th>{i18n.t(Msg::PosGroup)}</th>
                                <th>{i18n.t(Msg::DiaryTask)}</th>
                                <th>{i18n.t(Msg::PosUnit)}</th>
                                <th>{i18n.t(Msg::PosNorm)} <crate::components::help::HelpTip term=crate::i18n::glossary::ids::NORM /></th>
                                <th>{i18n.t(Msg::PosLevel)} <crate::components::help::HelpTip term=crate::i18n::glossary::ids::COEFFICIENT /></th>
                                <th>{i18n.t(Msg::PosEvidence)}</th>
                                <th>{i18n.t(Msg::PosRemove)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|(n, i, new)| {
                                    let name = move |f: &str| format!("form[items][{n}][{f}]");
                                    let norm = if new { String::new() } else { crate::i18n::format_number(crate::i18n::Locale::Vi, i.norm_minutes, if i.norm_minutes.fract() == 0.0 { 0 } else { 1 }) };
                                    view! {
                                        <tr data-testid=if new { "jd-new-row" } else { "jd-row" } data-code=i.code.clone()>
                                            <td><input type="text" name=name("code") value=i.code.clone() size="5" aria-label=i18n.t(Msg::PosCode) data-testid="row-code" /></td>
                                            <td>
                                                <select name=name("group_code") aria-label=i18n.t(Msg::PosGroup)>
                                                    {["A", "B", "C", "D"].map(|g| view! { <option value=g selected=i.group_code == g>{g}</option> }).collect_view()}
                                                </select>
                                            </td>
                                            <td><input type="text" name=name("name") value=i.name.clone() aria-label=i18n.t(Msg::DiaryTask) data-testid="row-name" /></td>
                                            <td><input type="text" name=name("unit_of_measure") value=i.unit_of_measure.clone() size="8" aria-label=i18n.t(Msg::PosUnit) data-testid="row-unit" /></td>
                                            <td><input type="text" inputmode="decimal" name=name("norm_minutes") value=norm size="5" aria-label=i18n.t(Msg::PosNorm) data-testid="row-norm" /></td>
                                            <td>
                                                <select name=name("complexity_level") aria-label=i18n.t(Msg::PosLevel)>
                                                    {[1, 2, 3].map(|l| view! { <option value=l.to_string() selected=i.complexity_level == l>{l}</option> }).collect_view()}
                                                </select>
                                            </td>
                                            <td><input type="checkbox" name=name("evidence_required") value="true" checked=i.evidence_required aria-label=i18n.t(Msg::PosEvidence) /></td>
                                            <td>{(!new).then(|| view! { <input type="checkbox" name=name("remove") value="true" aria-label=i18n.t(Msg::PosRemove) data-testid="row-remove" /> })}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="muted">{i18n.t(Msg::PosNewRow)}</p>
                <button type="submit" data-testid="jd-save">{i18n.t(Msg::PosSave)}</button>
            </ActionForm>
            <ActionForm action=actions.submit attr:class="inline">
                <input type="hidden" name="id" value=id2 />
                <input type="hidden" name="lock_version" value=lock2 />
                <button type="submit" class="primary" data-testid="jd-submit">{i18n.t(Msg::PosSubmit)}</button>
            </ActionForm>
            <details class="import">
                <summary data-testid="open-import">{i18n.t(Msg::PosImport)}</summary>
                <p class="muted">{i18n.t(Msg::PosImportHelp)} {format!(" {}.", crate::models::CATALOG_COLUMNS.join(", "))}</p>
                <ActionForm action=actions.import attr:class="form" attr:data-testid="import-form">
                    <input type="hidden" name="id" value=id3 />
                    <input type="hidden" name="lock_version" value=lock3 />
                    <textarea name="text" rows="6" required data-testid="import-text"></textarea>
                    <button type="submit" data-testid="import">{i18n.t(Msg::PosImportButton)}</button>
                </ActionForm>
                <form
                    method="post"
                    action=crate::models::CATALOG_UPLOAD_PATH
                    enctype="multipart/form-data"
                    class="form"
                    data-testid="import-file-form"
                >
                    <input type="hidden" name="version" value=id4 />
                    <input type="hidden" name="lock_version" value=lock4 />
                    <label>
                        {i18n.t(Msg::PosImportFile)}
                        <input type="file" name="file" required accept=".xlsx,.xls,.ods,.csv,.txt" data-testid="import-file" />
                    </label>
                    <button type="submit" data-testid="import-file-submit">{i18n.t(Msg::PosImportFileButton)}</button>
                </form>
            </details>
        </section>
    }
}

/// What the catalog file upload did, as its link back to this page says.
#[component]
fn FileOutcome(f: CatalogFileOutcome) -> impl IntoView {
    let i18n = use_i18n();
    let ok = matches!(f, CatalogFileOutcome::Imported(_));
    let text = move |locale: crate::i18n::Locale| match &f {
        CatalogFileOutcome::Imported(n) => format!("{} {n}.", locale.t(Msg::PosImportFileDone)),
        CatalogFileOutcome::Lines(lines) => crate::i18n::Notice::ImportLinesRefused {
            lines: lines.clone(),
        }
        .render(locale),
        CatalogFileOutcome::Empty => locale.t(Msg::PosImportNothing).to_string(),
        CatalogFileOutcome::Unreadable => locale.t(Msg::PosImportFileUnreadable).to_string(),
        CatalogFileOutcome::Conflict => locale.t(Msg::ErrConflict).to_string(),
        CatalogFileOutcome::NotDraft => locale.t(Msg::PosImportNotDraft).to_string(),
        CatalogFileOutcome::Invalid => locale.t(Msg::PosImportFileInvalid).to_string(),
    };
    view! {
        <p
            class=if ok { "ok" } else { "error" }
            role=if ok { "status" } else { "alert" }
            data-testid=if ok { "import-file-ok" } else { "import-file-error" }
        >
            {move || text(i18n.locale.get())}
        </p>
    }
}

/// A submitted version: approve it with the decision number and effective date, or return it.
#[component]
fn Decide(v: JdVersionView, actions: Edits) -> impl IntoView {
    let i18n = use_i18n();
    let (id, lock) = (v.id.to_string(), v.lock_version.to_string());
    let (id2, lock2) = (id.clone(), lock.clone());
    view! {
        <section class="editor" data-testid="jd-decide">
            <h2>{i18n.t(Msg::PosDecide)} {format!(" — v{}", v.version_no)}</h2>
            <ActionForm action=actions.approve attr:class="form inline-form" attr:data-testid="jd-approve-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="lock_version" value=lock />
                <label>
                    {i18n.t(Msg::PosDecision)}
                    <input type="text" name="decision_no" required data-testid="jd-decision" />
                </label>
                <label>
                    {i18n.t(Msg::PosEffective)}
                    <input type="date" name="effective_from" required data-testid="jd-effective" />
                </label>
                <button type="submit" class="primary" data-testid="jd-approve">{i18n.t(Msg::PosApprove)}</button>
            </ActionForm>
            <ActionForm action=actions.give_back attr:class="form inline-form" attr:data-testid="jd-return-form">
                <input type="hidden" name="id" value=id2 />
                <input type="hidden" name="lock_version" value=lock2 />
                <label>
                    {i18n.t(Msg::PosReturnReason)}
                    <input type="text" name="reason" required data-testid="jd-return-reason" />
                </label>
                <button type="submit" data-testid="jd-return">{i18n.t(Msg::PosReturn)}</button>
            </ActionForm>
        </section>
    }
}
