//! Printable reports: an agency's classification list (/bao-cao/xep-loai), which the agency
//! signs and sends upward, with its results by grade and by position; and an officer's
//! evaluation sheet (/phieu-danh-gia/{id}), the score with its rules and the signature
//! blocks. Both render on the server with their data, so they print before hydration; the
//! chooser is a plain GET form.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::dashboard::get_classification_list;
use crate::api::scores::get_score_explanation;
use crate::components::auth::ErrorAlert;
use crate::i18n::{format_number, format_period, format_score, use_i18n, Msg};
use crate::models::{ClassificationList, PositionFigures, ScoreExplanation};
use crate::pages::score::{component_meaning, grade_name};

const LIST_PATH: &str = "/bao-cao/xep-loai";

/// A button that prints the page (hidden in print).
#[component]
fn PrintButton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            data-testid="print"
            on:click=move |_| {
                let _ = window().print();
            }
        >
            {i18n.t(Msg::DashPrint)}
        </button>
    }
}

/// Two or three signature blocks side by side.
#[component]
fn Signatures(blocks: Vec<(Msg, Msg)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="signatures" data-testid="signatures">
            {blocks
                .into_iter()
                .map(|(who, hint)| {
                    view! {
                        <div class="signature">
                            <strong>{i18n.t(who)}</strong>
                            <br />
                            <em>{i18n.t(hint)}</em>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub fn ClassificationPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let list = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("ky").unwrap_or_default(),
                q.get("co-quan").unwrap_or_default(),
            )
        },
        |(period, agency)| get_classification_list(period, agency),
    );
    view! {
        <section class="card report" data-testid="classification">
            <h1>{i18n.t(Msg::ListTitle)}</h1>
            <p class="muted actions">{i18n.t(Msg::ListIntro)}</p>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    list.get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(l) => {
                                let _ = i18n.locale.get();
                                view! { <ListView l /> }.into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn ListView(l: ClassificationList) -> AnyView {
    let i18n = use_i18n();
    let locale = i18n.locale.get_untracked();
    let download = format!(
        "/api/bao-cao/xep-loai?ky={}&co-quan={}",
        l.period, l.agency.0
    );
    let status = match l.period_status {
        Some(s) => i18n.t(s.label())(),
        None => i18n.t(Msg::DashNoPeriod)(),
    };
    let current = l.agency.0;
    let chooser = view! {
        <form method="get" action=LIST_PATH class="inline-form" data-testid="list-form">
            <label>
                {i18n.t(Msg::SheetAgency)} " "
                <select name="co-quan" data-testid="list-agency">
                    {l
                        .agencies
                        .iter()
                        .map(|(id, code, name)| {
                            view! {
                                <option value=id.to_string() selected=*id == current>
                                    {format!("{code} — {name}")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            " "
            <label>
                {i18n.t(Msg::ListPeriod)} " "
                <input name="ky" value=l.period.clone() size="8" data-testid="list-period" />
            </label>
            " "
            <button type="submit">{i18n.t(Msg::ListShow)}</button>
        </form>
    }
    .into_any();
    let heading = view! {
        <p class="report-head">
            <strong data-testid="list-agency-name">{l.agency.2.clone()}</strong>
        </p>
        <h2 data-testid="list-heading">
            {crate::i18n::figures::classification_title(locale, &l.period)}
        </h2>
        <p>{i18n.t(Msg::DashPeriodStatus)} ": " <strong>{status}</strong></p>
        <p class="actions">
            <a href=download data-testid="download-classification" download="">
                {i18n.t(Msg::ListDownload)}
            </a>
            " "
            <PrintButton />
        </p>
    }
    .into_any();
    if l.officers.is_empty() {
        return view! {
            {chooser}
            {heading}
            <p data-testid="list-empty">{i18n.t(Msg::ListNone)}</p>
        }
        .into_any();
    }
    let period = l.period.clone();
    let officers = view! {
        <div class="table-wrap" tabindex="0">
            <table data-testid="list-table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::ReportNo)}</th>
                        <th scope="col">{i18n.t(Msg::ReportFullName)}</th>
                        <th scope="col">{i18n.t(Msg::ReportPosition)}</th>
                        <th scope="col">{i18n.t(Msg::DashUnit)}</th>
                        <th scope="col">{i18n.t(Msg::ScoreTotal)}</th>
                        <th scope="col">{i18n.t(Msg::ScoreGrade)}</th>
                        <th scope="col">{i18n.t(Msg::DashReason)}</th>
                        <th scope="col" class="no-print">{i18n.t(Msg::ListOpenSheet)}</th>
                    </tr>
                </thead>
                <tbody>
                    {l
                        .officers
                        .iter()
                        .enumerate()
                        .map(|(i, o)| {
                            let sheet = format!("/phieu-danh-gia/{}?ky={}", o.officer_id, period);
                            view! {
                                <tr data-testid="list-row">
                                    <td>{i + 1}</td>
                                    <th scope="row">{o.name.clone()}</th>
                                    <td>{o.position.clone()}</td>
                                    <td>{o.unit.clone()}</td>
                                    <td class="num">{o.total.map(|t| format_score(locale, t))}</td>
                                    <td>{o.grade.clone()}</td>
                                    <td>{o.reason.clone()}</td>
                                    <td class="no-print">
                                        <a href=sheet>{i18n.t(Msg::ListOpenSheet)}</a>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any();
    let summary = view! {
        <h3>{i18n.t(Msg::ListSummary)}</h3>
        <table data-testid="list-summary">
            <thead>
                <tr>
                    <th scope="col">{i18n.t(Msg::ScoreGrade)}</th>
                    <th scope="col">{i18n.t(Msg::DashCount)}</th>
                    <th scope="col">{i18n.t(Msg::ListShare)}</th>
                </tr>
            </thead>
            <tbody>
                {l
                    .grades
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        let share = l
                            .share(i)
                            .map(|s| format!("{} %", format_number(locale, s * 100.0, 1)));
                        view! {
                            <tr>
                                <th scope="row">{g.clone()} " " <small>{grade_name(g)}</small></th>
                                <td class="num" data-testid=format!("count-{g}")>{l.counts[i]}</td>
                                <td class="num">{share}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
                <tr>
                    <th scope="row">{i18n.t(Msg::DashNotScored)}</th>
                    <td class="num" data-testid="count-not-scored">{l.not_scored}</td>
                    <td></td>
                </tr>
            </tbody>
        </table>
        {if l.within_cap() {
            // A <div>: the help is a <details>, which may not sit inside a <p> (the HTML
            // parser would close the paragraph and hydration would not find its nodes).
            view! {
                <div data-testid="cap" data-within="true">
                    {i18n.t(Msg::ListCapOk)} " "
                    <crate::components::help::HelpTip term=crate::i18n::glossary::ids::CAP />
                </div>
            }
                .into_any()
        } else {
            view! {
                <p class="notice" data-testid="cap" data-within="false">{i18n.t(Msg::ListCapOver)}</p>
            }
                .into_any()
        }}
    }
    .into_any();
    view! {
        {chooser}
        {heading}
        {officers}
        {summary}
        <Positions positions=l.positions.clone() grades=l.grades.clone() />
        <Signatures blocks=vec![
            (Msg::SheetPreparedBy, Msg::SheetSignHint),
            (Msg::SheetAgencyHead, Msg::SheetSignSealHint),
        ] />
    }
    .into_any()
}

/// The results by position and grade.
#[component]
fn Positions(positions: Vec<PositionFigures>, grades: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale.get_untracked();
    view! {
        <h3>{i18n.t(Msg::ListPositions)}</h3>
        <div class="table-wrap" tabindex="0">
            <table data-testid="list-positions">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::ReportPosition)}</th>
                        <th scope="col">{i18n.t(Msg::DashScored)}</th>
                        {grades.iter().map(|g| view! { <th scope="col">{g.clone()}</th> }).collect_view()}
                        <th scope="col">{i18n.t(Msg::DashNotScored)}</th>
                        <th scope="col">{i18n.t(Msg::DashAverage)}</th>
                    </tr>
                </thead>
                <tbody>
                    {positions
                        .into_iter()
                        .map(|p| {
                            let name = if p.code.is_empty() {
                                i18n.t(Msg::ReportNoPosition)().to_string()
                            } else {
                                p.name.clone()
                            };
                            let average = p.average().map(|a| format_score(locale, a));
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    <td class="num">{p.scored}</td>
                                    {p.grades.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                                    <td class="num">{p.not_scored}</td>
                                    <td class="num">{average}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// An officer's evaluation sheet for a period (`?ky=`; the latest when absent).
#[component]
pub fn ScoreSheetPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let officer = crate::components::route_id();
    let score = Resource::new(
        move || (officer(), query.read().get("ky").unwrap_or_default()),
        // The score sheet is a document: every entry behind every line is on it.
        |(id, period)| get_score_explanation(id, period, false, None),
    );
    view! {
        <section class="card report" data-testid="score-sheet">
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    score
                        .get()
                        .map(|r| match r {
                            Err(crate::error::AppError::NotFound) => {
                                view! { <p data-testid="no-score">{i18n.t(Msg::ScoreNone)}</p> }.into_any()
                            }
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(s) => {
                                let _ = i18n.locale.get();
                                view! { <Sheet s /> }.into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Sheet(s: ScoreExplanation) -> AnyView {
    let i18n = use_i18n();
    let locale = i18n.locale.get_untracked();
    let head = view! {
        <div class="sheet-head">
            <div>
                <strong>{s.officer_agency.clone()}</strong>
                <br />
                {s.officer_unit.clone()}
            </div>
            <div>
                <strong>{i18n.t(Msg::SheetNation)}</strong>
                <br />
                <u>{i18n.t(Msg::SheetMotto)}</u>
            </div>
        </div>
        <h1 class="sheet-title" data-testid="sheet-title">{i18n.t(Msg::SheetTitle)}</h1>
        <p class="sheet-period">
            {i18n.t(Msg::SheetPeriod)} ": " <strong data-testid="sheet-period">{format_period(locale, &s.period)}</strong>
        </p>
        <p class="actions">
            <PrintButton />
        </p>
        <dl class="sheet-who">
            <dt>{i18n.t(Msg::ReportFullName)}</dt>
            <dd data-testid="sheet-officer">{s.officer_name.clone()}</dd>
            <dt>{i18n.t(Msg::ReportPosition)}</dt>
            <dd>{s.officer_position.clone()}</dd>
            <dt>{i18n.t(Msg::SheetUnit)}</dt>
            <dd>{s.officer_unit.clone()}</dd>
            <dt>{i18n.t(Msg::SheetAgency)}</dt>
            <dd>{s.officer_agency.clone()}</dd>
        </dl>
    }
    .into_any();
    let result = match s.total {
        Some(t) => view! {
            <dl class="stats">
                <div>
                    <dt>{i18n.t(Msg::ScoreTotal)}</dt>
                    <dd data-testid="sheet-total">{format_score(locale, t)}</dd>
                </div>
                <div>
                    <dt>{i18n.t(Msg::ScoreGrade)}</dt>
                    <dd class="grade" data-testid="sheet-grade">
                        {s.grade.clone().unwrap_or_default()} " "
                        <small>{s.grade.as_deref().map(grade_name)}</small>
                    </dd>
                </div>
            </dl>
        }
        .into_any(),
        None => view! {
            <p class="notice" data-testid="sheet-not-scored">
                {i18n.t(Msg::ScoreNotScored)} ": " {s.reason.clone().unwrap_or_default()}
            </p>
        }
        .into_any(),
    };
    let components = view! {
        <h2>{i18n.t(Msg::ScoreComponents)}</h2>
        <ul class="components">
            {s
                .components
                .iter()
                .map(|(k, v)| {
                    let value = if matches!(k.as_str(), "a" | "b" | "c") {
                        format!("{} %", format_number(locale, v * 100.0, 2))
                    } else {
                        format_score(locale, *v)
                    };
                    let meaning = component_meaning(k)
                        .map(|m| locale.t(m).to_string())
                        .unwrap_or_else(|| k.clone());
                    view! { <li><strong>{value}</strong> " " {meaning}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any();
    let rules = view! {
        <h2>{i18n.t(Msg::SheetRules)}</h2>
        <table data-testid="sheet-rules">
            <thead>
                <tr>
                    <th scope="col">{i18n.t(Msg::ReportNo)}</th>
                    <th scope="col">{i18n.t(Msg::SimChangeRule)}</th>
                    <th scope="col">{i18n.t(Msg::SheetPoints)}</th>
                    <th scope="col">{i18n.t(Msg::SheetEntries)}</th>
                </tr>
            </thead>
            <tbody>
                {s
                    .trace
                    .iter()
                    .enumerate()
                    .map(|(i, line)| {
                        view! {
                            <tr data-testid="sheet-rule">
                                <td>{i + 1}</td>
                                <th scope="row">
                                    {line.label.clone()}
                                    <br />
                                    <small>{line.explanation.clone()}</small>
                                </th>
                                <td class="num">{format_score(locale, line.points)}</td>
                                <td class="num">{line.entries.len()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <p class="muted">
            {i18n.t(Msg::ScoreFormula)} ": "
            {format!(
                "{} — v{} · {} · {} {}",
                s.rule_set_name,
                s.rule_version_no,
                s.rule_version_hash.chars().take(12).collect::<String>(),
                locale.t(Msg::ScoreVersion),
                s.score_version,
            )}
        </p>
    }
    .into_any();
    view! {
        {head}
        {(!s.published).then(|| view! { <p class="badge" data-testid="sheet-provisional">{i18n.t(Msg::SheetProvisional)}</p> })}
        {result}
        {components}
        {rules}
        <p class="sheet-date">{i18n.t(Msg::SheetDatePlace)}</p>
        <Signatures blocks=vec![
            (Msg::SheetOfficerSigns, Msg::SheetSignHint),
            (Msg::SheetReviewerSigns, Msg::SheetSignHint),
            (Msg::SheetAgencyHead, Msg::SheetSignSealHint),
        ] />
    }
    .into_any()
}
