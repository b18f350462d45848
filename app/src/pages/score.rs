//! "My score" (/can-bo/diem): total, grade, components in plain Vietnamese, the trace rule
//! by rule with the entries behind each rule and a link to the exact script line; and the
//! read-only viewer of a formula version (/cong-thuc/{id}).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::scores::{get_formula_source, my_score};
use crate::components::auth::ErrorAlert;
use crate::i18n::{format_date, format_number, format_score, use_i18n, Msg};
use crate::models::{ScoreExplanation, TraceLine};

fn component_meaning(key: &str) -> Option<Msg> {
    match key {
        "general" => Some(Msg::ScoreCompGeneral),
        "a" => Some(Msg::ScoreCompA),
        "b" => Some(Msg::ScoreCompB),
        "c" => Some(Msg::ScoreCompC),
        "task" => Some(Msg::ScoreCompTask),
        _ => None,
    }
}

pub(crate) fn grade_name(code: &str) -> &'static str {
    match code {
        "HTXSNV" => "Hoàn thành xuất sắc nhiệm vụ",
        "HTTNV" => "Hoàn thành tốt nhiệm vụ",
        "HTNV" => "Hoàn thành nhiệm vụ",
        "KHTNV" => "Không hoàn thành nhiệm vụ",
        _ => "",
    }
}

#[component]
pub fn MyScorePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let score = Resource::new(move || query.read().get("ky").unwrap_or_default(), my_score);
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::ScoreTitle)}</h1>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    score
                        .get()
                        .map(|r| match r {
                            Err(crate::error::AppError::NotFound) => {
                                view! { <p data-testid="no-score">{i18n.t(Msg::ScoreNone)}</p> }.into_any()
                            }
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(s) => view! { <Explanation s /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Explanation(s: ScoreExplanation) -> impl IntoView {
    let i18n = use_i18n();
    let history = s.history.clone();
    let current = s.period.clone();
    let version = s.rule_version_id;
    let total = s.total;
    let grade = s.grade.clone();
    view! {
        <nav class="periods" aria-label=i18n.t(Msg::ScoreHistory) data-testid="score-history">
            {history
                .into_iter()
                .map(|h| {
                    let is_current = h.period == current;
                    let width = h.total.map(|t| t.clamp(0.0, 100.0)).unwrap_or(0.0);
                    let total = h.total;
                    view! {
                        <a
                            href=format!("/can-bo/diem?ky={}", h.period)
                            class:current=is_current
                            aria-current=is_current.then_some("page")
                        >
                            <span>{h.period.clone()}</span>
                            <span class="bar" style=format!("width: {width}%")></span>
                            <span>
                                {move || {
                                    total
                                        .map(|t| format_score(i18n.locale.get(), t))
                                        .unwrap_or_else(|| i18n.locale.get().t(Msg::ScoreNotScored).to_string())
                                }}
                            </span>
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <h2 data-testid="score-period">{s.period.clone()}</h2>
        {match total {
            Some(t) => {
                view! {
                    <dl class="stats">
                        <div>
                            <dt>{i18n.t(Msg::ScoreTotal)}</dt>
                            <dd data-testid="score-total">{move || format_score(i18n.locale.get(), t)}</dd>
                        </div>
                        <div>
                            <dt>{i18n.t(Msg::ScoreGrade)}</dt>
                            <dd class="grade" data-testid="score-grade">
                                {grade.clone().unwrap_or_default()}
                                <small>{grade.as_deref().map(grade_name)}</small>
                            </dd>
                        </div>
                    </dl>
                }
                    .into_any()
            }
            None => {
                view! {
                    <p class="notice" data-testid="not-scored">
                        {i18n.t(Msg::ScoreNotScored)}
                        ": "
                        {s.reason.clone().unwrap_or_default()}
                    </p>
                }
                    .into_any()
            }
        }}
        <h3>{i18n.t(Msg::ScoreComponents)}</h3>
        <ul class="components" data-testid="components">
            {s
                .components
                .iter()
                .map(|(k, v)| {
                    let v = *v;
                    let is_ratio = matches!(k.as_str(), "a" | "b" | "c");
                    let meaning = component_meaning(k);
                    let key = k.clone();
                    view! {
                        <li>
                            <strong>
                                {move || {
                                    if is_ratio {
                                        format!("{} %", format_number(i18n.locale.get(), v * 100.0, 2))
                                    } else {
                                        format_score(i18n.locale.get(), v)
                                    }
                                }}
                            </strong>
                            " "
                            {move || meaning.map(|m| i18n.locale.get().t(m).to_string()).unwrap_or_else(|| key.clone())}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <h3>{i18n.t(Msg::ScoreTrace)}</h3>
        <p class="muted">
            {i18n.t(Msg::ScoreFormula)}
            ": "
            <a href=format!("/cong-thuc/{version}") data-testid="formula-link">
                {format!("{} — v{}", s.rule_set_name, s.rule_version_no)}
            </a>
            {format!(" · {} {}", s.rule_version_hash.chars().take(12).collect::<String>(), "")}
            {move || format!("· {} {}", i18n.locale.get().t(Msg::ScoreVersion), s.score_version)}
        </p>
        <ol class="trace" data-testid="trace">
            {s.trace.into_iter().map(|line| view! { <TraceRow line version /> }).collect_view()}
        </ol>
    }
}

#[component]
fn TraceRow(line: TraceLine, version: i32) -> impl IntoView {
    let i18n = use_i18n();
    let points = line.points;
    let count = line.entries.len();
    view! {
        <li class="trace-line" data-testid="trace-line" data-rule=line.rule.clone()>
            <div class="entry-head">
                <strong>{line.label.clone()}</strong>
                <span class="points" class:negative=points < 0.0>
                    {move || format_score(i18n.locale.get(), points)}
                </span>
            </div>
            <p>{line.explanation.clone()}</p>
            {line
                .line
                .map(|n| {
                    view! {
                        <a href=format!("/cong-thuc/{version}#L{n}") data-testid="script-line">
                            {i18n.t(Msg::ScoreLine)}
                            {format!(" {n}")}
                        </a>
                    }
                })}
            {(count > 0)
                .then(|| {
                    view! {
                        <details>
                            <summary>{format!("{count} ")} {i18n.t(Msg::ScoreEntries)}</summary>
                            <ul class="contrib">
                                {line
                                    .entries
                                    .into_iter()
                                    .map(|e| {
                                        let (date, c) = (e.work_date, e.contribution);
                                        view! {
                                            <li>
                                                {move || date.map(|d| format_date(i18n.locale.get(), d)).unwrap_or_default()}
                                                " · "
                                                {e.task.clone().unwrap_or_else(|| format!("#{}", e.entry_id))}
                                                " · "
                                                {move || format_number(i18n.locale.get(), c, 4)}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })}
        </li>
    }
}

#[component]
pub fn FormulaPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or_default()
    };
    let source = Resource::new(id, get_formula_source);
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::FormulaTitle)}</h1>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    source
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(f) => {
                                let from = f.effective_from;
                                view! {
                                    <p data-testid="formula-name">
                                        <strong>{format!("{} — v{}", f.rule_set_name, f.version_no)}</strong>
                                        {move || from.map(|d| format!(" · {}", format_date(i18n.locale.get(), d))).unwrap_or_default()}
                                    </p>
                                    <p class="muted">{i18n.t(Msg::FormulaHash)} ": " <code>{f.content_hash.clone()}</code></p>
                                    <pre class="script" data-testid="script"><code>
                                        {f
                                            .script
                                            .lines()
                                            .enumerate()
                                            .map(|(i, text)| {
                                                let n = i + 1;
                                                view! {
                                                    <span class="script-line" id=format!("L{n}")>
                                                        <a class="ln" href=format!("#L{n}")>{n}</a>
                                                        {format!("{text}\n")}
                                                    </span>
                                                }
                                            })
                                            .collect_view()}
                                    </code></pre>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}
