//! The closing page (/chot-ky): for one period, each agency with its units (officers,
//! scored, approved), the director's closing of the agency and the committee's publication
//! of the period, with the forms for each step and for reopening with a reason.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::closing::{
    get_closing_board, CloseAgency, PublishPeriod, ReopenAgency, ReopenPeriod, SetPeriodDeadlines,
};
use crate::components::auth::ErrorAlert;
use crate::i18n::{format_date, format_period, use_i18n, vietnam_date, Msg};
use crate::models::{AgencyClosingRow, ClosingBoard};

const PATH: &str = "/chot-ky";

#[derive(Clone, Copy)]
struct Actions {
    close: ServerAction<CloseAgency>,
    reopen_agency: ServerAction<ReopenAgency>,
    publish: ServerAction<PublishPeriod>,
    reopen_period: ServerAction<ReopenPeriod>,
    deadlines: ServerAction<SetPeriodDeadlines>,
}

#[component]
pub fn ClosingPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = Actions {
        close: ServerAction::new(),
        reopen_agency: ServerAction::new(),
        publish: ServerAction::new(),
        reopen_period: ServerAction::new(),
        deadlines: ServerAction::new(),
    };
    let board = Resource::new(
        move || {
            (
                query.read().get("ky").unwrap_or_default(),
                actions.close.version().get(),
                actions.reopen_agency.version().get(),
                actions.publish.version().get(),
                actions.reopen_period.version().get(),
                actions.deadlines.version().get(),
            )
        },
        |(period, ..)| get_closing_board(period),
    );
    let outcome = move || {
        let a = actions;
        let results = [
            a.close.value().get(),
            a.reopen_agency.value().get(),
            a.publish.value().get(),
            a.reopen_period.value().get(),
            a.deadlines.value().get(),
        ];
        let newest = [
            a.close.version().get(),
            a.reopen_agency.version().get(),
            a.publish.version().get(),
            a.reopen_period.version().get(),
            a.deadlines.version().get(),
        ];
        // The outcome of the action submitted last.
        let last = (0..5).max_by_key(|i| newest[*i]).filter(|i| newest[*i] > 0);
        last.and_then(|i| results[i].clone()).map(|r| match r {
            Ok(()) => view! { <p class="ok" role="status" data-testid="closing-done">{i18n.t(Msg::ClosingDone)}</p> }.into_any(),
            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
        })
    };
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::ClosingTitle)}</h1>
            <p class="muted">{i18n.t(Msg::ClosingIntro)}</p>
            {outcome}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
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
fn Board(b: ClosingBoard, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let period = b.period.clone();
    let shown = b.period.clone();
    let published = b.published();
    let exists = b.period_status.is_some();
    let publication = if published {
        view! { <span class="badge ok" data-testid="period-publication" data-published="true">{i18n.t(Msg::ClosingPublishedState)}</span> }.into_any()
    } else {
        view! { <span class="badge" data-testid="period-publication" data-published="false">{i18n.t(Msg::ClosingNotPublished)}</span> }.into_any()
    };
    let committee = b.can_publish.then(|| {
        let (p1, p2) = (b.period.clone(), b.period.clone());
        let lock = b.period_lock.to_string();
        if published {
            view! {
                <ActionForm action=actions.reopen_period attr:class="inline" attr:data-testid="reopen-period-form">
                    <input type="hidden" name="period" value=p1 />
                    <input type="hidden" name="lock_version" value=lock />
                    <label>
                        {i18n.t(Msg::ClosingReason)}
                        <input type="text" name="reason" required maxlength="1000" data-testid="reopen-period-reason" />
                    </label>
                    <button type="submit" data-testid="reopen-period">{i18n.t(Msg::ClosingReopenPeriod)}</button>
                </ActionForm>
            }
                .into_any()
        } else {
            let blocked = !exists || b.agencies_open() > 0;
            view! {
                <ActionForm action=actions.publish attr:class="inline" attr:data-testid="publish-form">
                    <input type="hidden" name="period" value=p2 />
                    <input type="hidden" name="lock_version" value=lock />
                    <button type="submit" class="primary" disabled=blocked data-testid="publish-period">
                        {i18n.t(Msg::ClosingPublish)}
                    </button>
                </ActionForm>
            }
                .into_any()
        }
    });
    let list_period = b.period.clone();
    let auth = crate::components::auth::use_auth();
    view! {
        <form method="get" action=PATH class="form inline-form" data-testid="closing-filter">
            <label>
                {i18n.t(Msg::ClosingPeriod)}
                <input type="text" name="ky" value=shown inputmode="numeric" pattern="[0-9]{4}(-(0[1-9]|1[0-2]|[Qq][1-4]))?" data-testid="closing-period" />
            </label>
            <button type="submit">{i18n.t(Msg::ClosingShow)}</button>
        </form>
        <h2 data-testid="closing-heading">
            {move || format_period(i18n.locale.get(), &period)} " " {publication}
        </h2>
        {move || {
            // The agencies' classification lists, for those who may read them.
            let lists = crate::authz::decide(
                auth.subject().as_ref(),
                &crate::authz::Action::ReadClassification,
            );
            lists.allowed().then(|| {
                view! {
                    <p class="actions">
                        <a href=format!("/bao-cao/xep-loai?ky={list_period}") data-testid="classification-link">
                            {i18n.t(Msg::ListNav)}
                        </a>
                    </p>
                }
            })
        }}
        {(!exists).then(|| view! { <p class="muted" data-testid="closing-no-period">{i18n.t(Msg::ClosingNoPeriod)}</p> })}
        {b.late.then(|| view! { <p class="badge late" data-testid="period-late">{i18n.t(Msg::ClosingLate)}</p> })}
        <Calendar b=b.clone() actions />
        {committee}
        <ul class="entries" data-testid="closing-agencies">
            {b.agencies
                .into_iter()
                .map(|a| view! { <AgencyItem a period=b.period.clone() published actions /> })
                .collect_view()}
        </ul>
    }
}

/// The period's calendar: the day of each step; a form for administrators.
#[component]
fn Calendar(b: ClosingBoard, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let d = b.deadlines;
    let steps = [
        (Msg::DeadlineSubmit, "submit_by", d.submit_by),
        (Msg::DeadlineReview, "review_by", d.review_by),
        (Msg::DeadlineClose, "close_by", d.close_by),
        (Msg::DeadlinePublish, "publish_by", d.publish_by),
    ];
    let shown = view! {
        <dl class="stats" data-testid="deadlines" data-set=b.deadlines_set.to_string()>
            {steps
                .into_iter()
                .map(|(msg, key, day)| view! {
                    <div>
                        <dt>{i18n.t(msg)}</dt>
                        <dd data-testid=format!("deadline-{key}")>{move || format_date(i18n.locale.get(), day)}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    };
    let form = b.can_set_deadlines.then(|| {
        let period = b.period.clone();
        view! {
            <ActionForm action=actions.deadlines attr:class="form inline-form" attr:data-testid="deadlines-form">
                <input type="hidden" name="form[period]" value=period />
                {steps
                    .into_iter()
                    .map(|(msg, key, day)| view! {
                        <label>
                            {i18n.t(msg)}
                            <input type="date" name=format!("form[{key}]") value=day.format("%Y-%m-%d").to_string() required data-testid=format!("deadline-input-{key}") />
                        </label>
                    })
                    .collect_view()}
                <button type="submit" data-testid="save-deadlines">{i18n.t(Msg::DeadlineSave)}</button>
            </ActionForm>
        }
    });
    view! {
        <section aria-label=i18n.t(Msg::DeadlineTitle)>
            <h3>{i18n.t(Msg::DeadlineTitle)}</h3>
            {(!b.deadlines_set).then(|| view! { <p class="muted">{i18n.t(Msg::DeadlineDefault)}</p> })}
            {shown}
            {form}
        </section>
    }
}

#[component]
fn AgencyItem(
    a: AgencyClosingRow,
    period: String,
    published: bool,
    actions: Actions,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = a.id.to_string();
    let closed = a.closed_at.is_some();
    let waiting = a.units_waiting();
    let blocked = waiting > 0;
    let state = match a.closed_at {
        Some(at) => {
            let by = a.closed_by.clone().unwrap_or_default();
            view! {
                <span class="badge ok" data-testid="agency-state" data-closed="true">
                    {i18n.t(Msg::ClosingAgencyClosed)}
                    {format!(" {} ", format_date(i18n.locale.get_untracked(), vietnam_date(at)))}
                    {(!by.is_empty()).then(|| view! { {i18n.t(Msg::ClosingBy)} " " {by.clone()} })}
                </span>
            }
                .into_any()
        }
        None => view! { <span class="badge" data-testid="agency-state" data-closed="false">{i18n.t(Msg::ClosingAgencyOpen)}</span> }.into_any(),
    };
    let unit_period = period.clone();
    let form = (a.can_close && !published).then(|| {
        if closed {
            view! {
                <ActionForm action=actions.reopen_agency attr:class="inline" attr:data-testid="reopen-agency-form">
                    <input type="hidden" name="agency" value=id.clone() />
                    <input type="hidden" name="period" value=period.clone() />
                    <label>
                        {i18n.t(Msg::ClosingReason)}
                        <input type="text" name="reason" required maxlength="1000" data-testid="reopen-agency-reason" />
                    </label>
                    <button type="submit" data-testid="reopen-agency">{i18n.t(Msg::ClosingReopenAgency)}</button>
                </ActionForm>
            }
                .into_any()
        } else {
            view! {
                <ActionForm action=actions.close attr:class="inline" attr:data-testid="close-agency-form">
                    <input type="hidden" name="agency" value=id.clone() />
                    <input type="hidden" name="period" value=period.clone() />
                    <button type="submit" class="primary" disabled=blocked data-testid="close-agency">
                        {i18n.t(Msg::ClosingCloseAgency)}
                    </button>
                </ActionForm>
            }
                .into_any()
        }
    });
    view! {
        <li class="entry" data-testid="closing-agency" data-code=a.code.clone()>
            <h3>
                {a.name.clone()} " " {state}
                {a.late.then(|| view! { " " <span class="badge late" data-testid="agency-late">{i18n.t(Msg::ClosingLate)}</span> })}
            </h3>
            <p class="muted">
                {i18n.t(Msg::ClosingOfficers)} ": " {a.officers()} " · "
                {i18n.t(Msg::ClosingApproved)} ": " <span data-testid="agency-approved">{a.approved()}</span>
            </p>
            {form}
            <table class="table" data-testid="closing-units">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Msg::ClosingUnit)}</th>
                        <th scope="col">{i18n.t(Msg::ClosingOfficers)}</th>
                        <th scope="col">{i18n.t(Msg::ClosingScored)}</th>
                        <th scope="col">{i18n.t(Msg::ClosingApproved)}</th>
                    </tr>
                </thead>
                <tbody>
                    {a.units
                        .into_iter()
                        .map(|u| {
                            let done = u.approved();
                            view! {
                                <tr data-testid="closing-unit" data-code=u.code.clone() data-approved=done.to_string() data-late=u.late.to_string() class:late=u.late>
                                    <td>
                                        <a href=format!("/don-vi?don-vi={}&ky={}", u.id, unit_period)>{u.name.clone()}</a>
                                        {(!done).then(|| view! { " " <small class="muted">{i18n.t(Msg::ClosingUnitWaiting)}</small> })}
                                        {u.late.then(|| view! { " " <span class="badge late">{i18n.t(Msg::ClosingLate)}</span> })}
                                    </td>
                                    <td>{u.officers}</td>
                                    <td>{u.scored}</td>
                                    <td>{u.approved}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </li>
    }
}
