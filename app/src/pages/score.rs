//! "My score" (/can-bo/diem): total, grade, components in plain Vietnamese, the trace rule
//! by rule with the entries behind each rule and a link to the exact script line; and the
//! read-only viewer of a formula version (/cong-thuc/{id}).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::scores::{get_formula_source, my_score};
use crate::components::auth::ErrorAlert;
use crate::i18n::{format_date, format_number, format_score, use_i18n, Msg};
use leptos::form::ActionForm;

use crate::models::{
    AppealDecision, AppealStatus, AppealView, ReviewFindings, ScoreExplanation, ScoreVersionView,
    TraceLine, Walkthrough,
};

pub(crate) fn component_meaning(key: &str) -> Option<Msg> {
    match key {
        "general" => Some(Msg::ScoreCompGeneral),
        "a" => Some(Msg::ScoreCompA),
        "b" => Some(Msg::ScoreCompB),
        "c" => Some(Msg::ScoreCompC),
        "task" => Some(Msg::ScoreCompTask),
        "months_average" => Some(Msg::ScoreCompMonthsAverage),
        "months_scored" => Some(Msg::ScoreCompMonthsScored),
        "year_assessment" => Some(Msg::ScoreCompYearAssessment),
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
    let appeal = ServerAction::<crate::api::appeals::FileAppeal>::new();
    // A trace line's entries are listed when the officer opens it (`muc`: the line's index);
    // the appeal form, which lists every entry behind the score, once opened (`khieu-nai`).
    let open_line = move || {
        query
            .read()
            .get("muc")
            .and_then(|m| m.parse::<usize>().ok())
    };
    let appeal_open = move || query.read().get(APPEAL_PARAM).is_some();
    let score = Resource::new(
        move || {
            (
                query.read().get("ky").unwrap_or_default(),
                open_line(),
                appeal_open(),
                appeal.version().get(),
            )
        },
        |(period, open, appeal_open, _)| my_score(period, true, open, appeal_open),
    );
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::ScoreTitle)}</h1>
            {move || appeal.value().get().map(|r| match r {
                Ok(()) => view! { <p class="ok" role="status" data-testid="appeal-sent">{i18n.t(Msg::AppealSent)}</p> }.into_any(),
                Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
            })}
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
                                view! {
                                    <Explanation s=s.clone() />
                                    <AppealForm s action=appeal open=appeal_open() line=open_line() />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

/// A score explained. `base`: the page the period links of the history point to.
#[component]
pub(crate) fn Explanation(
    s: ScoreExplanation,
    #[prop(into, default = "/can-bo/diem".to_string())] base: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let history = s.history.clone();
    let current = s.period.clone();
    let version = s.rule_version_id;
    let total = s.total;
    let grade = s.grade.clone();
    let scope = StoredValue::new(s.formula_scope.clone());
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
                            href=format!("{base}?ky={}", h.period)
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
        <p class="actions">
            <a
                href=format!("/phieu-danh-gia/{}?ky={}", s.officer_id, s.period)
                data-testid="print-sheet"
            >
                {i18n.t(Msg::SheetPrint)}
            </a>
        </p>
        {if s.published {
            view! {
                <p class="badge ok" data-testid="score-publication" data-published="true">
                    {i18n.t(Msg::ScorePublished)}
                </p>
            }
                .into_any()
        } else {
            view! {
                <p class="badge" data-testid="score-publication" data-published="false">
                    {i18n.t(Msg::ScoreProvisional)}
                </p>
            }
                .into_any()
        }}
        {match total {
            Some(t) => {
                view! {
                    <dl class="stats">
                        <div>
                            <dt>{i18n.t(Msg::ScoreTotal)}</dt>
                            <dd data-testid="score-total">{move || format_score(i18n.locale.get(), t)}</dd>
                        </div>
                        <div>
                            <dt>{i18n.t(Msg::ScoreGrade)} <crate::components::help::HelpTip term=crate::i18n::glossary::ids::GRADE /></dt>
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
        <ComponentList components=s.components.clone() />
        {s.walkthrough.map(|w| view! { <WalkthroughView w version /> })}
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
        <p class="muted" data-testid="formula-scope">
            {move || scope.with_value(|f| f.describe(i18n.locale.get()))}
        </p>
        <ol class="trace" data-testid="trace">
            {
                let mut anchored = std::collections::HashSet::new();
                let (period, folded) = (s.period.clone(), s.folded);
                s.trace
                    .into_iter()
                    .enumerate()
                    .map(|(i, line)| {
                        let anchor = anchored.insert(line.rule.clone());
                        let fold = folded.then(|| Fold {
                            index: i,
                            href: format!("{base}?ky={period}&muc={i}#muc-{i}"),
                        });
                        view! { <TraceRow line version anchor fold /> }
                    })
                    .collect_view()
            }
        </ol>
        <ScoreVersions versions=s.versions />
        {(!s.appeals.is_empty()).then(|| view! {
            <h3>{i18n.t(Msg::AppealList)}</h3>
            <ul class="entries" data-testid="appeals">
                {s.appeals.into_iter().map(|a| view! { <AppealItem a answer=None /> }).collect_view()}
            </ul>
        })}
    }
}

/// Every computed version of the period's score; shown once there is more than one.
/// The components a formula reports, each with its meaning (a, b and c as percentages).
#[component]
pub(crate) fn ComponentList(components: Vec<(String, f64)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
    <ul class="components" data-testid="components">
        {components
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
    }
}

#[component]
fn ScoreVersions(versions: Vec<ScoreVersionView>) -> impl IntoView {
    let i18n = use_i18n();
    (versions.len() > 1).then(|| {
        view! {
            <h3>{i18n.t(Msg::ScoreVersions)}</h3>
            <ol class="versions" data-testid="score-versions">
                {versions
                    .into_iter()
                    .map(|v| {
                        let total = v.total;
                        let day = crate::i18n::vietnam_date(v.computed_at);
                        view! {
                            <li data-testid="score-version" class:current=v.current>
                                {i18n.t(Msg::ScoreVersionLabel)} " " {v.score_version} ": "
                                <strong>
                                    {move || total.map(|t| format_score(i18n.locale.get(), t)).unwrap_or_else(|| i18n.locale.get().t(Msg::ScoreNotScored).to_string())}
                                </strong>
                                " " {v.grade.clone().unwrap_or_default()} " — "
                                {move || format_date(i18n.locale.get(), day)}
                                {v.appeal_id.map(|id| view! { " · " {i18n.t(Msg::ScoreVersionAfterAppeal)} {format!(" #{id}")} })}
                                {v.approved.then(|| view! { " · " {i18n.t(Msg::UnitScoreApproved)} })}
                                {v.current.then(|| view! { " · " <em>{i18n.t(Msg::ScoreVersionCurrent)}</em> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    })
}

/// One appeal with its answer; with `answer`, an open appeal carries the reviewer's form.
#[component]
pub(crate) fn AppealItem(
    a: AppealView,
    answer: Option<ServerAction<crate::api::appeals::AnswerAppeal>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filed = crate::i18n::vietnam_date(a.created_at);
    let status = match a.decision {
        Some(d) => d.label(),
        None => a.status.label(),
    };
    let about = a.entry.clone();
    let (old, new) = (a.score_total, a.new_score_total);
    let answered = a.answer.clone().map(|text| {
        view! {
            <p data-testid="appeal-answer">
                <strong>{i18n.t(Msg::AppealAnswer)} ": "</strong> {text}
                <small class="muted">" " {i18n.t(Msg::AppealBy)} " " {a.answered_by.clone().unwrap_or_default()}</small>
            </p>
            <p data-testid="appeal-score-change">
                {i18n.t(Msg::AppealScoreChange)} " "
                {move || match (old, new) {
                    (Some(o), Some(n)) => format!("{} → {}", format_score(i18n.locale.get(), o), format_score(i18n.locale.get(), n)),
                    _ => i18n.locale.get().t(Msg::AppealNoChange).to_string(),
                }}
            </p>
        }
    });
    let form = answer.filter(|_| a.status == AppealStatus::Open).map(|action| {
        let findings = a.findings.unwrap_or(ReviewFindings { quality_failures: 0, delays: 0, objective_cause: false });
        let on_entry = a.entry.is_some();
        view! {
            <ActionForm action attr:class="form" attr:data-testid="appeal-answer-form">
                <input type="hidden" name="form[appeal_id]" value=a.id.to_string() />
                <input type="hidden" name="form[lock_version]" value=a.lock_version.to_string() />
                <label class="check">
                    <input type="radio" name="form[decision]" value=AppealDecision::Accepted.as_str() data-testid="appeal-accept" />
                    {i18n.t(Msg::AppealAccept)}
                </label>
                <label class="check">
                    <input type="radio" name="form[decision]" value=AppealDecision::Rejected.as_str() data-testid="appeal-reject" />
                    {i18n.t(Msg::AppealReject)}
                </label>
                {on_entry.then(|| view! {
                    <div class="inline-form form">
                        <label>
                            {i18n.t(Msg::ReviewQualityFailures)}
                            <input type="number" min="0" max="20" name="form[quality_failures]" value=findings.quality_failures.to_string() data-testid="appeal-quality-failures" />
                        </label>
                        <label>
                            {i18n.t(Msg::ReviewDelays)}
                            <input type="number" min="0" max="20" name="form[delays]" value=findings.delays.to_string() data-testid="appeal-delays" />
                        </label>
                        <label class="check">
                            <input type="checkbox" name="form[objective_cause]" value="true" checked=findings.objective_cause data-testid="appeal-objective-cause" />
                            {i18n.t(Msg::ReviewObjectiveCause)}
                        </label>
                        <crate::components::help::HelpTip term=crate::i18n::glossary::ids::OBJECTIVE_CAUSE />
                    </div>
                })}
                <label>
                    {i18n.t(Msg::AppealAnswerText)}
                    <input type="text" name="form[answer]" required data-testid="appeal-answer-text" />
                </label>
                <button type="submit" class="primary" data-testid="send-answer">{i18n.t(Msg::AppealSendAnswer)}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="entry" data-testid="appeal" data-status=a.status.as_str()>
            <div class="entry-head">
                <strong>{format!("#{} · {}", a.id, a.officer_name)}</strong>
                <span class="badge" data-testid="appeal-status">{i18n.t(status)}</span>
            </div>
            <p class="muted">
                {move || format_date(i18n.locale.get(), filed)} " · " {i18n.t(Msg::AppealAbout)} " "
                {match about.clone() {
                    Some((_, day, task)) => view! { {move || format_date(i18n.locale.get(), day)} " — " {task.clone()} }.into_any(),
                    None => view! { {i18n.t(Msg::AppealWholeScore)} }.into_any(),
                }}
                {format!(" · v{}", a.score_version)}
            </p>
            <p data-testid="appeal-comment">{a.comment.clone()}</p>
            {answered}
            {form}
        </li>
    }
}

/// The query parameter that opens the appeal form of my score.
const APPEAL_PARAM: &str = "khieu-nai";

/// The officer's appeal form: the score as a whole or one of the entries behind it. Closed,
/// a link to the page with it open (it lists every entry behind the score: only the page
/// that shows it asks for them); `line` is the trace line listed, kept by the link.
#[component]
fn AppealForm(
    s: ScoreExplanation,
    action: ServerAction<crate::api::appeals::FileAppeal>,
    open: bool,
    line: Option<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    if !open {
        let line = line.map(|i| format!("&muc={i}")).unwrap_or_default();
        let href = format!("?ky={}{line}&{APPEAL_PARAM}=1#{APPEAL_PARAM}", s.period);
        return view! {
            <p class="appeal" data-testid="appeal-box">
                <a href=href data-testid="open-appeal">{i18n.t(Msg::AppealTitle)}</a>
            </p>
        }
        .into_any();
    }
    let entries: Vec<(i64, String)> = s
        .appealable()
        .into_iter()
        .map(|e| {
            let day = e
                .work_date
                .map(|d| format_date(crate::i18n::Locale::Vi, d))
                .unwrap_or_default();
            let task = e.task.clone().unwrap_or_else(|| format!("#{}", e.entry_id));
            (e.entry_id, format!("{day} — {task}"))
        })
        .collect();
    view! {
        <section class="appeal" id=APPEAL_PARAM data-testid="appeal-box">
            <h3>{i18n.t(Msg::AppealTitle)}</h3>
            <p class="muted">{i18n.t(Msg::AppealHelp)}</p>
            <ActionForm action attr:class="form" attr:data-testid="appeal-form">
                <input type="hidden" name="period" value=s.period.clone() />
                <label>
                    {i18n.t(Msg::AppealAbout)}
                    <select name="entry_id" data-testid="appeal-entry">
                        <option value="">{i18n.t(Msg::AppealWholeScore)}</option>
                        {entries.into_iter().map(|(id, label)| view! { <option value=id.to_string()>{label}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {i18n.t(Msg::AppealComment)}
                    <input type="text" name="comment" required data-testid="appeal-comment-input" />
                </label>
                <button type="submit" class="primary" data-testid="send-appeal">{i18n.t(Msg::AppealSend)}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// "How my score is computed": the formula's steps with the officer's figures, each linked
/// to its trace item below and to the script line that records it.
#[component]
fn WalkthroughView(w: Walkthrough, version: i32) -> impl IntoView {
    use crate::i18n::walkthrough::{step_text, step_title};
    let i18n = use_i18n();
    let others = w.other_params;
    view! {
        <details class="walkthrough" data-testid="walkthrough">
            <summary>{i18n.t(Msg::WalkTitle)}</summary>
            <p class="muted">{i18n.t(Msg::WalkIntro)}</p>
            <ol>
                {w
                    .steps
                    .into_iter()
                    .map(|s| {
                        let step = StoredValue::new(s.step);
                        view! {
                            <li data-testid="walk-step" data-step=step.with_value(|s| s.key())>
                                <strong>{move || step.with_value(|s| step_title(i18n.locale.get(), s))}</strong>
                                <p>{move || step.with_value(|s| step_text(i18n.locale.get(), s))}</p>
                                {s.rule.map(|rule| view! {
                                    <a href=format!("#trace-{rule}") data-testid="walk-trace-link">{i18n.t(Msg::WalkTraceLink)}</a>
                                })}
                                {s.line.map(|n| view! {
                                    " · "
                                    <a href=format!("/cong-thuc/{version}#L{n}")>{i18n.t(Msg::ScoreLine)} {format!(" {n}")}</a>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {(!others.is_empty()).then(|| view! {
                <h4>{i18n.t(Msg::WalkOtherParams)}</h4>
                <ul class="params" data-testid="walk-params">
                    {others
                        .into_iter()
                        .map(|p| {
                            let value = p.value;
                            view! {
                                <li>
                                    {move || match i18n.locale.get() {
                                        crate::i18n::Locale::En if !p.label_en.is_empty() => p.label_en.clone(),
                                        _ => p.label_vi.clone(),
                                    }}
                                    ": "
                                    <strong>{move || crate::i18n::walkthrough::figure(i18n.locale.get(), value, 2)}</strong>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })}
        </details>
    }
    .into_any()
}

/// Where a folded trace line's entries are listed: its index, and the page that lists them.
#[derive(Clone, Debug)]
pub struct Fold {
    index: usize,
    href: String,
}

#[component]
pub(crate) fn TraceRow(
    line: TraceLine,
    version: i32,
    /// The row carries the `trace-<rule>` anchor (the first row of its rule).
    #[prop(default = false)]
    anchor: bool,
    /// The explanation's entry lists are folded: this line lists its entries only when it
    /// is the one opened, else it links to the page that does (a link, so that it works
    /// before hydration too).
    #[prop(default = None)]
    fold: Option<Fold>,
) -> impl IntoView {
    let i18n = use_i18n();
    let points = line.points;
    let count = line.entries_behind();
    let listed = !line.entries.is_empty();
    let list_id = fold.as_ref().map(|f| format!("muc-{}", f.index));
    // A quarter's or year's month item links to that month's explanation, on the same page.
    let month = line
        .rule
        .strip_prefix("month.")
        .and_then(|m| crate::models::PeriodCode::parse(m).ok())
        .filter(|c| c.kind() == crate::models::PeriodKind::Month);
    view! {
        <li
            class="trace-line"
            id=anchor.then(|| format!("trace-{}", line.rule))
            data-testid="trace-line"
            data-rule=line.rule.clone()
        >
            <div class="entry-head">
                <strong>{line.label.clone()}</strong>
                <span class="points" class:negative=points < 0.0>
                    {move || format_score(i18n.locale.get(), points)}
                </span>
            </div>
            <p>{line.explanation.clone()}</p>
            {month
                .map(|m| {
                    view! {
                        <a href=format!("?ky={m}") data-testid="month-link">
                            {i18n.t(Msg::ScoreMonthLink)}
                        </a>
                        " "
                    }
                })}
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
            {match (&fold, listed) {
                (Some(f), false) if count > 0 => Some(view! {
                    <p id=list_id.clone()>
                        <a href=f.href.clone() data-testid="show-entries">
                            {format!("{count} ")} {i18n.t(Msg::ScoreEntries)}
                        </a>
                    </p>
                }.into_any()),
                _ => None,
            }}
            {listed
                .then(|| {
                    view! {
                        <details id=list_id.clone() open=fold.is_some()>
                            <summary>{format!("{count} ")} {i18n.t(Msg::ScoreEntries)}</summary>
                            <ul class="contrib">
                                {line
                                    .entries
                                    .into_iter()
                                    .map(|e| {
                                        let (date, c) = (e.work_date, e.contribution);
                                        view! {
                                            <li data-testid="trace-entry" data-entry-id=e.entry_id.to_string()>
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
    let id = crate::components::route_id();
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
