//! A background job's progress, read again every second while it runs, with its result or
//! its error when it ends, and a cancel button for those who may cancel it.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::jobs::{get_job, CancelJob};
use crate::components::auth::ErrorAlert;
use crate::i18n::{format_date, use_i18n, Msg};
use crate::models::{JobStatus, JobView, JobWork};

#[component]
pub fn JobProgress(id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let tick = RwSignal::new(0u32);
    let cancel = ServerAction::<CancelJob>::new();
    let data = Resource::new(
        move || (tick.get(), cancel.version().get()),
        move |_| get_job(id),
    );
    Effect::new(move |_| {
        let live = data
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|j| j.status.is_live());
        #[cfg(feature = "hydrate")]
        if live {
            set_timeout(
                move || tick.update(|t| *t += 1),
                std::time::Duration::from_millis(1000),
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = live;
    });
    view! {
        <div class="job" data-testid="job">
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || data.get().map(|r| match r {
                    Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                    Ok(j) => view! { <JobLine j cancel /> }.into_any(),
                })}
            </Transition>
            {move || cancel.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
        </div>
    }
}

#[component]
fn JobLine(j: JobView, cancel: ServerAction<CancelJob>) -> impl IntoView {
    let i18n = use_i18n();
    let percent = (j.progress() * 100.0).round();
    let title = match &j.work {
        JobWork::Score { period, unit } => {
            let scope = unit.clone().map(|u| format!(" · {u}")).unwrap_or_default();
            view! { {i18n.t(Msg::JobScoring)} {format!(" {period}{scope}")} }.into_any()
        }
        JobWork::Simulation { simulation_id } => view! {
            <a href=format!("/quan-tri/cong-thuc/mo-phong/{simulation_id}")>
                {i18n.t(Msg::SimTitle)} {format!(" #{simulation_id}")}
            </a>
        }
        .into_any(),
    };
    let created = crate::i18n::vietnam_date(j.created_at);
    let (done, total) = (j.parts_done, j.parts_total);
    view! {
        <p data-testid="job-status" data-status=j.status.as_str()>
            <strong>{title}</strong> " · " {i18n.t(j.status.label())}
            {j.status.is_live().then(|| view! {
                " " <progress max="100" value=percent.to_string() data-testid="job-progress">{format!("{percent} %")}</progress>
                {format!(" {done}/{total} ")} {i18n.t(Msg::JobParts)}
            })}
        </p>
        <p class="muted">
            {i18n.t(Msg::JobStartedBy)} " " {j.started_by.clone().unwrap_or_else(|| "—".into())}
            " · " {move || format_date(i18n.locale.get(), created)}
        </p>
        {(j.status == JobStatus::Done).then(|| j.counts.clone()).flatten().map(|c| view! {
            <p class="ok" role="status" data-testid="job-result">
                {i18n.t(Msg::JobScoredResult)} {format!(" {} · ", c.officers)}
                {i18n.t(Msg::JobKept)} {format!(" {} · ", c.kept)}
                {i18n.t(Msg::JobNotScored)} {format!(" {}", c.not_scored)}
            </p>
        })}
        {(j.status == JobStatus::Cancelled).then(|| view! {
            <p class="muted" role="status">{i18n.t(Msg::JobCancelledNote)}</p>
        })}
        {j.error.clone().map(|e| view! { <p class="error" role="alert" data-testid="job-error">{move || e.user_message(i18n.locale.get())}</p> })}
        {j.may_cancel.then(|| view! {
            <ActionForm action=cancel attr:class="inline">
                <input type="hidden" name="id" value=j.id />
                <button type="submit" class="danger" data-testid="job-cancel">{i18n.t(Msg::JobCancel)}</button>
            </ActionForm>
        })}
    }
}
