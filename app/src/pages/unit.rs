//! The reviewer's unit page (/don-vi): each officer's period at a glance (entries by state,
//! standard hours, flags of suspicious logging, general-criteria points, total and grade),
//! the grade distribution, scoring the period and approving it.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::appeals::AnswerAppeal;
use crate::api::closing::ReopenUnitPeriod;
use crate::api::delegations::{DelegateUnit, RevokeDelegation};
use crate::api::unit::{get_unit_board, ApproveUnitPeriod, SaveGeneralPoints, ScoreUnitPeriod};
use crate::components::auth::ErrorAlert;
use crate::components::pager::MonthNav;
use crate::i18n::{format_date, format_number, format_score, use_i18n, Msg};
use crate::models::{ApprovalBlocker, BoardOfficer, DelegationView, ScoreStatus, UnitBoard};
use crate::pages::score::{grade_name, AppealItem};

const PATH: &str = "/don-vi";

/// The page's actions, passed down together.
#[derive(Clone, Copy)]
struct Actions {
    points: ServerAction<SaveGeneralPoints>,
    compute: ServerAction<ScoreUnitPeriod>,
    approve: ServerAction<ApproveUnitPeriod>,
    answer: ServerAction<AnswerAppeal>,
    reopen: ServerAction<ReopenUnitPeriod>,
    delegate: ServerAction<DelegateUnit>,
    revoke_delegation: ServerAction<RevokeDelegation>,
    /// True while the board is re-read after an action: the board shown is the one from
    /// before (scores just computed are not in its approval form yet), so approving waits.
    refreshing: ReadSignal<bool>,
}

#[component]
pub fn UnitPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.read().get(k).unwrap_or_default();
    let (refreshing, set_refreshing) = signal(false);
    let actions = Actions {
        points: ServerAction::<SaveGeneralPoints>::new(),
        compute: ServerAction::<ScoreUnitPeriod>::new(),
        approve: ServerAction::<ApproveUnitPeriod>::new(),
        answer: ServerAction::<AnswerAppeal>::new(),
        reopen: ServerAction::<ReopenUnitPeriod>::new(),
        delegate: ServerAction::<DelegateUnit>::new(),
        revoke_delegation: ServerAction::<RevokeDelegation>::new(),
        refreshing,
    };
    let board = Resource::new(
        move || {
            (
                (param("don-vi"), param("ky")),
                actions.points.version().get(),
                actions.compute.version().get(),
                actions.approve.version().get(),
                actions.answer.version().get(),
                actions.reopen.version().get(),
                actions.delegate.version().get(),
                actions.revoke_delegation.version().get(),
            )
        },
        |((unit, period), ..)| get_unit_board(unit, period),
    );
    let outcome = move || {
        let Actions {
            points,
            compute,
            approve,
            answer,
            reopen,
            delegate,
            revoke_delegation,
            ..
        } = actions;
        let err = points
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| compute.value().get().and_then(|r| r.err()))
            .or_else(|| approve.value().get().and_then(|r| r.err()))
            .or_else(|| answer.value().get().and_then(|r| r.err()))
            .or_else(|| reopen.value().get().and_then(|r| r.err()))
            .or_else(|| delegate.value().get().and_then(|r| r.err()))
            .or_else(|| revoke_delegation.value().get().and_then(|r| r.err()));
        view! {
            {err.map(|e| view! { <ErrorAlert error=e /> })}
            {points.value().get().and_then(|r| r.ok()).map(|_| view! {
                <p class="ok" role="status" data-testid="points-saved">{i18n.t(Msg::UnitPointsSaved)}</p>
            })}
            {compute.value().get().and_then(|r| r.ok()).map(|n| view! {
                <p class="ok" role="status" data-testid="computed-count">{i18n.t(Msg::UnitComputed)} " " {n}</p>
            })}
            {answer.value().get().and_then(|r| r.ok()).map(|_| view! {
                <p class="ok" role="status" data-testid="appeal-answered">{i18n.t(Msg::AppealAnswered)}</p>
            })}
            {reopen.value().get().and_then(|r| r.ok()).map(|n| view! {
                <p class="ok" role="status" data-testid="reopened-scores">{i18n.t(Msg::UnitReopened)} " " {n}</p>
            })}
            {approve.value().get().and_then(|r| r.ok()).map(|n| view! {
                <p class="ok" role="status" data-testid="approved-scores">{i18n.t(Msg::UnitApproved)} " " {n}</p>
            })}
        }
    };
    view! {
        <section class="card" data-testid="unit-board" aria-busy=move || refreshing.get().to_string()>
            <h1>{i18n.t(Msg::UnitTitle)}</h1>
            {outcome}
            <Transition
                fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }
                set_pending=set_refreshing
            >
                {move || {
                    board
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(b) => view! { <Board b actions /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Board(b: UnitBoard, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let unit = b.unit_id.to_string();
    let units = b.units.clone();
    let officers = b.officers.clone();
    view! {
        <form method="get" action=PATH class="form inline-form" data-testid="unit-filter">
            <label>
                {i18n.t(Msg::UnitUnit)}
                <select name="don-vi" data-testid="unit-select">
                    {units
                        .into_iter()
                        .map(|u| {
                            let selected = u.id == b.unit_id;
                            view! { <option value=u.id.to_string() selected=selected>{u.name}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {i18n.t(Msg::DiaryPeriod)}
                <input type="month" name="ky" value=b.period.clone() data-testid="unit-period" />
            </label>
            <button type="submit">{i18n.t(Msg::UnitShow)}</button>
        </form>
        {b.last_month_with_data.clone().map(|month| {
            let href = format!("{PATH}?don-vi={}&ky={month}", b.unit_id);
            view! {
                <p class="notice" role="status" data-testid="unit-last-data">
                    {i18n.t(Msg::UnitNoData)}
                    " "
                    {i18n.t(Msg::UnitLastData)}
                    " "
                    <a href=href>{move || crate::i18n::format_period(i18n.locale.get(), &month)}</a>
                </p>
            }
        })}
        <MonthNav from=b.from to=b.to link=move |code| format!("{PATH}?don-vi={unit}&ky={code}") />
        <PeriodKinds unit=b.unit_id from=b.from shown=b.period.clone() />
        <Distribution b=b.clone() />
        <PeriodActions b=b.clone() actions />
        <Delegations unit=b.unit_id items=b.delegations.clone() actions />
        {(!b.appeals.is_empty()).then(|| {
            let appeals = b.appeals.clone();
            view! {
                <h2>{i18n.t(Msg::AppealList)}</h2>
                <ul class="entries" data-testid="unit-appeals">
                    {appeals.into_iter().map(|a| view! { <AppealItem a answer=Some(actions.answer) /> }).collect_view()}
                </ul>
            }
        })}
        {if officers.is_empty() {
            view! { <p data-testid="unit-empty">{i18n.t(Msg::UnitNoOfficers)}</p> }.into_any()
        } else {
            let period = b.period.clone();
            let max = b.general_max;
            view! {
                <ul class="entries officers" data-testid="unit-officers">
                    {officers
                        .into_iter()
                        .map(|o| view! { <OfficerRow o period=period.clone() max actions /> })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

/// Links to the month, quarter and year around the period shown: the quarter's and the
/// year's results are formed from the months.
#[component]
fn PeriodKinds(unit: i32, from: chrono::NaiveDate, shown: String) -> impl IntoView {
    use crate::models::PeriodCode;
    let i18n = use_i18n();
    let kinds = [
        (Msg::UnitPeriodMonth, PeriodCode::month_of(from), "month"),
        (
            Msg::UnitPeriodQuarter,
            PeriodCode::quarter_of(from),
            "quarter",
        ),
        (
            Msg::UnitPeriodYear,
            PeriodCode::Year(chrono::Datelike::year(&from)),
            "year",
        ),
    ];
    view! {
        <nav class="pager" aria-label=i18n.t(Msg::DiaryPeriod) data-testid="period-kinds">
            {kinds
                .into_iter()
                .map(|(msg, code, kind)| {
                    let code = code.to_string();
                    let current = code == shown;
                    view! {
                        <a
                            href=format!("{PATH}?don-vi={unit}&ky={code}")
                            aria-current=current.then_some("page")
                            data-testid="period-kind"
                            data-kind=kind
                        >
                            {i18n.t(msg)}
                            {format!(" {code}")}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

#[component]
fn Distribution(b: UnitBoard) -> impl IntoView {
    let i18n = use_i18n();
    let counted: u32 = b.grades.iter().map(|(_, n)| n).sum();
    view! {
        <section aria-label=i18n.t(Msg::UnitDistribution) data-testid="grade-distribution">
            <h2>{i18n.t(Msg::UnitDistribution)}</h2>
            {if counted == 0 {
                view! { <p class="muted">{i18n.t(Msg::UnitNotComputed)}</p> }.into_any()
            } else {
                view! {
                    <ul class="bars">
                        {b.grades
                            .into_iter()
                            .map(|(code, n)| {
                                let width = (n as f64 / counted as f64 * 100.0).round();
                                let grade = code.clone();
                                let label = move || {
                                    if grade == ScoreStatus::NotScored.as_str() {
                                        i18n.locale.get().t(Msg::UnitNotScored).to_string()
                                    } else {
                                        format!("{grade} — {}", grade_name(&grade))
                                    }
                                };
                                view! {
                                    <li data-testid="grade-count" data-grade=code.clone()>
                                        <span class="bar-label">{label}</span>
                                        <span class="bar" style=format!("width: {width}%")></span>
                                        <strong>{n}</strong>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn PeriodActions(b: UnitBoard, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let blockers = b.approval_blockers();
    let blocked = !blockers.is_empty();
    let (unit, unit2) = (b.unit_id.to_string(), b.unit_id.to_string());
    let (period, period2) = (b.period.clone(), b.period.clone());
    let scores: Vec<i64> = b.officers.iter().filter_map(|o| o.score_id).collect();
    let any_approved = b.officers.iter().any(|o| o.score_approved);
    let (unit3, period3) = (b.unit_id.to_string(), b.period.clone());
    view! {
        <section class="period-actions" data-testid="period-actions">
            <p class="muted">{i18n.t(Msg::UnitComputeHelp)} " (" {b.agency_name.clone()} ")"</p>
            <ActionForm action=actions.compute attr:class="inline" attr:data-testid="compute-form">
                <input type="hidden" name="unit" value=unit.clone() />
                <input type="hidden" name="period" value=period.clone() />
                <button type="submit" data-testid="compute">{i18n.t(Msg::UnitCompute)}</button>
            </ActionForm>
            <ActionForm action=actions.approve attr:class="inline" attr:data-testid="approve-form">
                <input type="hidden" name="unit" value=unit2.clone() />
                <input type="hidden" name="period" value=period2.clone() />
                {scores
                    .clone()
                    .into_iter()
                    .map(|id| view! { <input type="hidden" name="scores[]" value=id.to_string() /> })
                    .collect_view()}
                <button
                    type="submit"
                    class="primary"
                    disabled=move || {
                        blocked || actions.refreshing.get() || actions.compute.pending().get()
                    }
                    data-testid="approve-unit"
                >
                    {i18n.t(Msg::UnitApprove)}
                </button>
            </ActionForm>
            {any_approved.then(|| view! {
                <ActionForm action=actions.reopen attr:class="inline" attr:data-testid="reopen-unit-form">
                    <input type="hidden" name="unit" value=unit3.clone() />
                    <input type="hidden" name="period" value=period3.clone() />
                    <label>
                        {i18n.t(Msg::ClosingReason)}
                        <input type="text" name="reason" required maxlength="1000" data-testid="reopen-unit-reason" />
                    </label>
                    <button type="submit" data-testid="reopen-unit">{i18n.t(Msg::UnitReopen)}</button>
                </ActionForm>
            })}
            <ul class="blockers" data-testid="approval-blockers">
                {blockers
                    .into_iter()
                    .map(|blocker| {
                        let (msg, count) = match blocker {
                            ApprovalBlocker::Waiting(n) => (Msg::UnitBlockWaiting, Some(n)),
                            ApprovalBlocker::NotComputed(n) => (Msg::UnitBlockNotComputed, Some(n)),
                            ApprovalBlocker::Stale(n) => (Msg::UnitBlockStale, Some(n)),
                            ApprovalBlocker::OpenAppeals(n) => (Msg::UnitBlockAppeals, Some(n)),
                            ApprovalBlocker::AlreadyApproved => (Msg::UnitBlockApproved, None),
                        };
                        let text = view! { {i18n.t(msg)} {count.map(|n| format!(" {n}"))} };
                        view! { <li>{text}</li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn OfficerRow(o: BoardOfficer, period: String, max: f64, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    // On a year, the points are the head's year-end assessment (the formula's year criteria).
    let points_label = match crate::models::PeriodCode::parse(&period).map(|c| c.kind()) {
        Ok(crate::models::PeriodKind::Year) => Msg::UnitYearAssessment,
        _ => Msg::UnitGeneral,
    };
    let link = format!("{PATH}/can-bo/{}?ky={period}", o.id);
    let general = o
        .general
        .map(|g| {
            format_number(
                i18n.locale.get_untracked(),
                g,
                if g.fract() == 0.0 { 0 } else { 2 },
            )
        })
        .unwrap_or_default();
    let hours = o.approved_hours;
    let total = o.total;
    let flags = o.flags.clone();
    let score = match (&o.status, &o.grade) {
        (None, _) => view! { <span class="muted" data-testid="officer-score">{i18n.t(Msg::UnitNotComputed)}</span> }.into_any(),
        (Some(ScoreStatus::NotScored), _) => view! {
            <span data-testid="officer-score">{i18n.t(Msg::UnitNotScored)}</span>
            {o.reason.clone().map(|r| view! { <small class="muted">{r}</small> })}
        }
        .into_any(),
        (Some(_), grade) => view! {
            <span><strong data-testid="officer-total">{move || total.map(|t| format_score(i18n.locale.get(), t)).unwrap_or_default()}</strong>
            " "
            <span class="badge" data-testid="officer-grade" title=grade.as_deref().map(grade_name).unwrap_or_default()>
                {grade.clone().unwrap_or_default()}
            </span></span>
        }
        .into_any(),
    };
    view! {
        <li class="entry officer" data-testid="unit-officer" data-username=o.username.clone()>
            <div class="officer-who">
                <a href=link data-testid="officer-link"><strong>{o.name.clone()}</strong></a>
                <small class="muted">{format!("{} · {}", o.unit_name, o.position.clone().unwrap_or_default())}</small>
            </div>
            <div class="officer-log">
                <span data-testid="officer-counts">
                    <span data-testid="count-waiting">{o.waiting}</span> " " {i18n.t(Msg::UnitWaiting)} " · "
                    <span data-testid="count-approved">{o.approved}</span> " " {i18n.t(Msg::UnitApprovedEntries)} " · "
                    {o.drafts} " " {i18n.t(Msg::UnitDrafts)} " · "
                    {o.returned} " " {i18n.t(Msg::UnitReturned)} " · "
                    {move || format_number(i18n.locale.get(), hours, 1)} " " {move || i18n.locale.get().t(Msg::DiaryHours).to_lowercase()}
                </span>
                <Flags flags />
            </div>
            <div class="officer-score">
                {score}
                {o.stale.then(|| view! { <small class="warn" data-testid="officer-stale">{i18n.t(Msg::UnitStale)}</small> })}
                {o.score_approved.then(|| view! { <small class="ok" data-testid="officer-approved">{i18n.t(Msg::UnitScoreApproved)}</small> })}
            </div>
            <ActionForm action=actions.points attr:class="form inline-form points" attr:data-testid="points-form">
                <input type="hidden" name="form[officer_id]" value=o.id.to_string() />
                <input type="hidden" name="form[period]" value=period />
                <input type="hidden" name="form[lock_version]" value=o.points_lock.to_string() />
                <label>
                    {i18n.t(points_label)} " (" {i18n.t(Msg::UnitGeneralOf)} " " {format_number(i18n.locale.get_untracked(), max, 0)} ")"
                    <input type="text" inputmode="decimal" name="form[general]" value=general required disabled=o.score_approved data-testid="general-points" />
                </label>
                <crate::components::help::HelpTip term=crate::i18n::glossary::ids::GENERAL />
                <label class="check">
                    <input type="checkbox" name="form[disqualified]" value="true" checked=o.disqualified disabled=o.score_approved />
                    {i18n.t(Msg::UnitDisqualified)}
                </label>
                <button type="submit" disabled=o.score_approved data-testid="save-points">{i18n.t(Msg::UnitSavePoints)}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn Flags(flags: crate::models::LoggingFlags) -> impl IntoView {
    let i18n = use_i18n();
    if !flags.any() {
        return ().into_any();
    }
    view! {
        <ul class="warn flags" data-testid="officer-flags" aria-label=i18n.t(Msg::UnitFlags)>
            {(!flags.heavy_days.is_empty()).then(|| {
                let days = flags.heavy_days.clone();
                view! {
                    <li data-testid="flag-heavy-day">
                        {i18n.t(Msg::UnitFlagHeavyDay)} ": "
                        {move || days
                            .iter()
                            .map(|(d, h)| format!("{} ({})", format_date(i18n.locale.get(), *d), format_number(i18n.locale.get(), *h, 1)))
                            .collect::<Vec<_>>()
                            .join(", ")}
                    </li>
                }
            })}
            {(!flags.outliers.is_empty()).then(|| {
                let outliers = flags.outliers.clone();
                view! {
                    <li data-testid="flag-outlier">
                        {i18n.t(Msg::UnitFlagOutlier)} ": "
                        {move || outliers
                            .iter()
                            .map(|x| format!(
                                "{} {} ({} {})",
                                x.task_code,
                                format_number(i18n.locale.get(), x.quantity, 0),
                                i18n.locale.get().t(Msg::UnitFlagMedian),
                                format_number(i18n.locale.get(), x.median, 1),
                            ))
                            .collect::<Vec<_>>()
                            .join(", ")}
                    </li>
                }
            })}
            {(flags.missing_evidence > 0).then(|| view! {
                <li data-testid="flag-evidence">{i18n.t(Msg::UnitFlagEvidence)} ": " {flags.missing_evidence}</li>
            })}
        </ul>
    }
    .into_any()
}

/// An officer's score explained, for their reviewer (/don-vi/can-bo/{id}?ky=…).
#[component]
pub fn OfficerScorePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let officer = crate::components::route_id();
    // A trace line's entries are listed when the reviewer opens it (`muc`), as on my score.
    let score = Resource::new(
        move || {
            (
                officer(),
                query.read().get("ky").unwrap_or_default(),
                query
                    .read()
                    .get("muc")
                    .and_then(|m| m.parse::<usize>().ok()),
            )
        },
        |(id, period, open)| crate::api::scores::get_score_explanation(id, period, true, open),
    );
    view! {
        <section class="card">
            <p><a href=PATH data-testid="back-to-unit">{i18n.t(Msg::UnitTitle)}</a></p>
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
                                let base = format!("{PATH}/can-bo/{}", s.officer_id);
                                view! {
                                    <h1 data-testid="officer-name">{s.officer_name.clone()}</h1>
                                    <crate::pages::score::Explanation s base />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

/// The unit's delegations of review: who acts as head and until when; the head delegates
/// (to a user name, for dates) and revokes.
#[component]
fn Delegations(unit: i32, items: Vec<DelegationView>, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let create = actions.delegate;
    let revoke = actions.revoke_delegation;
    view! {
        <section aria-label=i18n.t(Msg::DelegationTitle) data-testid="delegations">
            <h2>{i18n.t(Msg::DelegationTitle)}</h2>
            {if items.is_empty() {
                view! { <p class="muted" data-testid="no-delegation">{i18n.t(Msg::DelegationNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="entries">
                        {items
                            .into_iter()
                            .map(|d| {
                                let id = d.id;
                                view! {
                                    <li data-testid="delegation" data-running=d.running.to_string() data-delegate=d.delegate_username.clone()>
                                        <strong>{d.delegate.clone()}</strong>
                                        {move || format!(
                                            " — {} {} {} {} ({} {})",
                                            i18n.locale.get().t(Msg::DelegationFrom),
                                            format_date(i18n.locale.get(), d.starts_on),
                                            i18n.locale.get().t(Msg::DelegationTo),
                                            format_date(i18n.locale.get(), d.ends_on),
                                            i18n.locale.get().t(Msg::DelegationBy),
                                            d.delegator,
                                        )}
                                        {d.note.clone().map(|n| view! { <small class="muted">" · " {n}</small> })}
                                        " "
                                        <span class="badge">
                                            {i18n.t(if d.revoked {
                                                Msg::DelegationStateRevoked
                                            } else if d.running {
                                                Msg::DelegationStateRunning
                                            } else {
                                                Msg::DelegationStateOther
                                            })}
                                        </span>
                                        {d.can_revoke.then(|| view! {
                                            <ActionForm action=revoke attr:class="inline">
                                                <input type="hidden" name="unit" value=unit.to_string() />
                                                <input type="hidden" name="id" value=id.to_string() />
                                                <button type="submit" data-testid="revoke-delegation">{i18n.t(Msg::DelegationRevoke)}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <ActionForm action=create attr:class="form inline-form" attr:data-testid="delegate-form">
                <input type="hidden" name="form[unit]" value=unit.to_string() />
                <label>
                    {i18n.t(Msg::DelegationUser)}
                    <input type="text" name="form[username]" required maxlength="64" autocomplete="off" data-testid="delegate-username" />
                </label>
                <label>
                    {i18n.t(Msg::DelegationFrom)}
                    <input type="date" name="form[starts_on]" data-testid="delegate-from" />
                </label>
                <label>
                    {i18n.t(Msg::DelegationTo)}
                    <input type="date" name="form[ends_on]" required data-testid="delegate-to" />
                </label>
                <label>
                    {i18n.t(Msg::DelegationNote)}
                    <input type="text" name="form[note]" maxlength="500" data-testid="delegate-note" />
                </label>
                <button type="submit" data-testid="delegate">{i18n.t(Msg::DelegationCreate)}</button>
            </ActionForm>
        </section>
    }
}
