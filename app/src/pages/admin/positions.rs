//! Job positions (/quan-tri/vi-tri) and one position's job-description versions with their
//! catalogs and a comparison of any two versions (/quan-tri/vi-tri/{id}).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::positions::{get_position, list_positions};
use crate::components::auth::ErrorAlert;
use crate::i18n::{format_date, format_number, use_i18n, Msg};
use crate::models::{
    catalog_diff, text_diff, CatalogChange, CatalogItemView, JdVersionView, LineChange,
    PositionDetail,
};

const PATH: &str = "/quan-tri/vi-tri";

fn kind_label(kind: &str) -> Msg {
    match kind {
        "leader" => Msg::PosKindLeader,
        "support" => Msg::PosKindSupport,
        _ => Msg::PosKindProfessional,
    }
}

fn status_label(status: &str) -> Msg {
    match status {
        "submitted" => Msg::StatusSubmitted,
        "approved" => Msg::StatusApproved,
        "returned" => Msg::StatusReturned,
        "superseded" => Msg::StatusSuperseded,
        _ => Msg::StatusDraft,
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
                                    <div class="table-wrap">
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
                                                                <td>{p.pending.as_deref().map(|s| i18n.t(status_label(s)))}</td>
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
        </section>
    }
}

#[component]
pub fn PositionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let position = Resource::new(id, get_position);
    view! {
        <section class="card">
            <p><a href=PATH>{i18n.t(Msg::PosTitle)}</a></p>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    position
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(p) => {
                                let number = |k: &str| query.read().get(k).and_then(|v| v.parse::<i32>().ok());
                                view! { <Position p shown=number("ban") from=number("tu") to=number("den") /> }.into_any()
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
        .or_else(|| versions.iter().find(|v| v.status == "approved").cloned())
        .or_else(|| versions.first().cloned());
    // Compared: as asked, else the version before the newest against the newest.
    let newer = pick(to).or_else(|| versions.first().cloned());
    let older = pick(from).or_else(|| versions.get(1).cloned());
    let base = format!("{PATH}/{}", p.id);
    view! {
        <h1 data-testid="position-name">{format!("{} — {}", p.code, p.name)}</h1>
        <h2>{i18n.t(Msg::PosVersions)}</h2>
        <div class="table-wrap">
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
                                        {i18n.t(status_label(&v.status))}
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
        <CatalogTable items=v.items />
    }
}

#[component]
fn CatalogTable(items: Vec<CatalogItemView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table data-testid="catalog">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::PosCode)}</th>
                        <th>{i18n.t(Msg::PosGroup)}</th>
                        <th>{i18n.t(Msg::DiaryTask)}</th>
                        <th>{i18n.t(Msg::PosUnit)}</th>
                        <th class="num">{i18n.t(Msg::PosNorm)}</th>
                        <th class="num">{i18n.t(Msg::PosLevel)}</th>
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
    let choices = move |name: &'static str, picked: i32| {
        let versions = versions.clone();
        view! {
            <select name=name data-testid=format!("compare-{name}")>
                {versions
                    .into_iter()
                    .map(|v| view! { <option value=v.version_no.to_string() selected=v.version_no == picked>{format!("v{}", v.version_no)}</option> })
                    .collect_view()}
            </select>
        }
    };
    let text = text_diff(&older.description, &newer.description);
    let catalog = catalog_diff(&older.items, &newer.items);
    let text_changed = text.iter().any(|l| !matches!(l, LineChange::Same(_)));
    view! {
        <h2>{i18n.t(Msg::PosCompare)}</h2>
        <form method="get" action=base class="form inline-form" data-testid="compare-form">
            <label>{i18n.t(Msg::PosFrom)} {choices("tu", older.version_no)}</label>
            <label>{i18n.t(Msg::PosTo)} {choices("den", newer.version_no)}</label>
            <button type="submit" data-testid="compare">{i18n.t(Msg::PosCompare)}</button>
        </form>
        <h3>{i18n.t(Msg::PosTextChanges)} {format!(" (v{} → v{})", older.version_no, newer.version_no)}</h3>
        {if text_changed {
            view! {
                <pre class="diff" data-testid="text-diff">
                    {text
                        .into_iter()
                        .map(|l| match l {
                            LineChange::Same(t) => view! { <span class="same">{format!("  {t}\n")}</span> }.into_any(),
                            LineChange::Added(t) => view! { <ins data-testid="line-added">{format!("+ {t}\n")}</ins> }.into_any(),
                            LineChange::Removed(t) => view! { <del data-testid="line-removed">{format!("- {t}\n")}</del> }.into_any(),
                        })
                        .collect_view()}
                </pre>
            }
                .into_any()
        } else {
            view! { <p class="muted">{i18n.t(Msg::PosNoChanges)}</p> }.into_any()
        }}
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
