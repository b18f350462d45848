//! The administrators' home (/quan-tri): the setup checklist — each check with its count,
//! done or to do, what to do about it and the first records with the page that fixes them —
//! and the health of the background jobs.

use leptos::prelude::*;

use crate::api::admin_home::get_admin_home;
use crate::components::auth::ErrorAlert;
use crate::i18n::{use_i18n, Msg};
use crate::models::{CheckItem, CheckKind};

fn texts(kind: CheckKind) -> (Msg, Msg) {
    match kind {
        CheckKind::PositionsWithoutJobDescription => (
            Msg::CheckPositionsWithoutJd,
            Msg::CheckPositionsWithoutJdHint,
        ),
        CheckKind::OfficersWithoutPosition => (
            Msg::CheckOfficersWithoutPosition,
            Msg::CheckOfficersWithoutPositionHint,
        ),
        CheckKind::UnitsWithoutHead => (Msg::CheckUnitsWithoutHead, Msg::CheckUnitsWithoutHeadHint),
        CheckKind::JobDescriptionsWaiting => (Msg::CheckJdWaiting, Msg::CheckJdWaitingHint),
        CheckKind::FormulasWaiting => (Msg::CheckFormulasWaiting, Msg::CheckFormulasWaitingHint),
        CheckKind::JobsRunning => (Msg::CheckJobsRunning, Msg::CheckJobsRunningHint),
        CheckKind::JobsFailed => (Msg::CheckJobsFailed, Msg::CheckJobsFailedHint),
    }
}

#[component]
pub fn AdminHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_admin_home());
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::AdminHomeTitle)}</h1>
            <p class="muted">{i18n.t(Msg::AdminHomeIntro)}</p>
            <h2>{i18n.t(Msg::AdminHomeChecklist)}</h2>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    home.get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(h) => {
                                view! {
                                    <ul class="checklist" data-testid="setup-checklist">
                                        {h.checks.into_iter().map(|c| view! { <Check c /> }).collect_view()}
                                    </ul>
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
fn Check(c: CheckItem) -> impl IntoView {
    let i18n = use_i18n();
    let (title, hint) = texts(c.kind);
    let done = c.done();
    let more = c.count > c.examples.len() as u64;
    let state = if done {
        Msg::AdminHomeDone
    } else {
        Msg::AdminHomeToDo
    };
    let show_hint = c.count > 0;
    view! {
        <li
            data-testid="check"
            data-kind=c.kind.code()
            data-done=done.to_string()
            data-count=c.count.to_string()
            class:todo=!done
        >
            <strong class="badge">{i18n.t(state)}</strong>
            " "
            <span class="title">{i18n.t(title)}</span>
            ": "
            <span class="count">{c.count}</span>
            {show_hint.then(|| view! { <p class="muted">{i18n.t(hint)}</p> })}
            <ul>
                {c
                    .examples
                    .into_iter()
                    .map(|e| {
                        let label = e.label.clone();
                        view! {
                            <li data-testid="check-example">
                                {match e.href {
                                    Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                                    None => view! { <span>{label}</span> }.into_any(),
                                }}
                                {e.error.map(|err| view! { " " <ErrorAlert error=err /> })}
                            </li>
                        }
                    })
                    .collect_view()}
                {more.then(|| view! { <li class="muted">{i18n.t(Msg::AdminHomeMore)}</li> })}
            </ul>
        </li>
    }
}
