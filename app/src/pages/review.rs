//! The reviewer's queue (/duyet): submitted entries of their units, filtered by officer and
//! dates; approve the ticked ones at once, return one with a reason, record the findings
//! the formula uses.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::diary::ReturnWorkEntry;
use crate::api::review::{
    get_review_queue, ApproveWorkEntries, MapOffCatalogEntry, RecordFindings, RejectWorkEntry,
};
use crate::components::auth::ErrorAlert;
use crate::components::entry::EntrySummary;
use crate::components::pager::{page_param, Pager};
use crate::i18n::{format_date, use_i18n, Msg};
use crate::models::{CatalogChoice, QueueEntry, ReviewQueue};

const PATH: &str = "/duyet";
const BULK_FORM: &str = "bulk-approve";

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |k: &str| query.read().get(k).unwrap_or_default();
    let approve = ServerAction::<ApproveWorkEntries>::new();
    let give_back = ServerAction::<ReturnWorkEntry>::new();
    let record = ServerAction::<RecordFindings>::new();
    let map = ServerAction::<MapOffCatalogEntry>::new();
    let reject = ServerAction::<RejectWorkEntry>::new();
    let actions = Actions {
        give_back,
        record,
        map,
        reject,
    };
    let queue = Resource::new(
        move || {
            (
                (
                    param("can-bo"),
                    param("tu"),
                    param("den"),
                    page_param(query),
                ),
                approve.version().get(),
                give_back.version().get(),
                record.version().get(),
                map.version().get(),
                reject.version().get(),
            )
        },
        |((officer, from, to, page), ..)| get_review_queue(officer, from, to, Some(page)),
    );
    let outcome = move || {
        let err = approve
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| give_back.value().get().and_then(|r| r.err()))
            .or_else(|| record.value().get().and_then(|r| r.err()))
            .or_else(|| map.value().get().and_then(|r| r.err()))
            .or_else(|| reject.value().get().and_then(|r| r.err()));
        let approved = approve.value().get().and_then(|r| r.ok());
        // Each result is announced (role="status" is a polite live region), so a reviewer
        // working by keyboard or screen reader hears that the action took effect.
        let recorded = record.value().get().is_some_and(|r| r.is_ok());
        let returned = give_back.value().get().is_some_and(|r| r.is_ok());
        view! {
            {err.map(|e| view! { <ErrorAlert error=e /> })}
            {approved.map(|n| view! { <p class="ok" role="status" data-testid="approved-count">{i18n.t(Msg::ReviewApproved)} " " {n}</p> })}
            {recorded.then(|| view! { <p class="ok" role="status" data-testid="findings-saved">{i18n.t(Msg::ReviewFindingsSaved)}</p> })}
            {returned.then(|| view! { <p class="ok" role="status" data-testid="entry-returned">{i18n.t(Msg::ReviewReturned)}</p> })}
        }
    };
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::ReviewTitle)}</h1>
            {outcome}
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    queue
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(q) => {
                                let (officer, from, to) = (param("can-bo"), param("tu"), param("den"));
                                view! {
                                    <Filters queue=q.clone() officer=officer.clone() from=from.clone() to=to.clone() />
                                    <Queue queue=q approve actions filters=(officer, from, to) />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Transition>
        </section>
    }
}

/// The per-entry actions of the queue.
#[derive(Clone, Copy)]
struct Actions {
    give_back: ServerAction<ReturnWorkEntry>,
    record: ServerAction<RecordFindings>,
    map: ServerAction<MapOffCatalogEntry>,
    reject: ServerAction<RejectWorkEntry>,
}

#[component]
fn Filters(queue: ReviewQueue, officer: String, from: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action=PATH class="form inline-form" data-testid="review-filter">
            <label>
                {i18n.t(Msg::ReviewOfficer)}
                <select name="can-bo" data-testid="filter-officer">
                    <option value="">{i18n.t(Msg::ReviewAllOfficers)}</option>
                    {queue
                        .officers
                        .into_iter()
                        .map(|o| {
                            let selected = o.id.to_string() == officer;
                            view! { <option value=o.id.to_string() selected=selected>{format!("{} ({})", o.name, o.code)}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {i18n.t(Msg::DiaryFrom)}
                <input type="date" name="tu" value=from />
            </label>
            <label>
                {i18n.t(Msg::DiaryTo)}
                <input type="date" name="den" value=to />
            </label>
            <button type="submit">{i18n.t(Msg::ReviewFilter)}</button>
        </form>
    }
}

#[component]
fn Queue(
    queue: ReviewQueue,
    approve: ServerAction<ApproveWorkEntries>,
    actions: Actions,
    /// The officer, from and to of the URL, kept by the pager's links.
    filters: (String, String, String),
) -> impl IntoView {
    let i18n = use_i18n();
    if queue.entries.is_empty() {
        return view! { <p data-testid="queue-empty">{i18n.t(Msg::ReviewEmpty)}</p> }.into_any();
    }
    let (total, page, per_page) = (queue.total, queue.page, queue.per_page);
    let link = move |p: u64| page_link(&filters, p);
    view! {
        <p class="muted" data-testid="queue-count">
            {total}
            " "
            {i18n.t(Msg::ReviewWaiting)}
        </p>
        <ActionForm action=approve attr:id=BULK_FORM attr:class="inline">
            <button type="submit" class="primary" data-testid="approve-picked">{i18n.t(Msg::ReviewApprovePicked)}</button>
        </ActionForm>
        <ul class="entries" data-testid="queue">
            {queue
                .entries
                .into_iter()
                .map(|q| view! { <QueueItem q actions /> })
                .collect_view()}
        </ul>
        {(total > per_page).then(|| view! { <Pager current=page total_items=total per_page link /> })}
    }
    .into_any()
}

/// The queue's URL for page `page` with the same filters (the values percent-encoded).
fn page_link((officer, from, to): &(String, String, String), page: u64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [("can-bo", officer), ("tu", from), ("den", to)] {
        if !value.is_empty() {
            query.append_pair(key, value);
        }
    }
    query.append_pair("trang", &page.to_string());
    format!("{PATH}?{}", query.finish())
}

#[cfg(test)]
mod tests {
    use super::page_link;

    #[test]
    fn the_pager_keeps_the_filters_and_encodes_them() {
        let none = (String::new(), String::new(), String::new());
        assert_eq!(page_link(&none, 2), "/duyet?trang=2");
        let some = (
            "12".to_string(),
            "2026-11-01".to_string(),
            "x&trang=9 #".to_string(),
        );
        assert_eq!(
            page_link(&some, 3),
            "/duyet?can-bo=12&tu=2026-11-01&den=x%26trang%3D9+%23&trang=3"
        );
    }
}

#[component]
fn QueueItem(q: QueueEntry, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let Actions {
        give_back,
        record,
        map,
        reject,
    } = actions;
    let e = q.entry;
    let late = matches!((e.deadline, e.completed_on), (Some(d), Some(c)) if c > d);
    let date = e.work_date;
    let (id, lock) = (e.id.to_string(), e.lock_version.to_string());
    let (id_back, lock_back) = (id.clone(), lock.clone());
    view! {
        <li class="entry" data-testid="queue-entry">
            <div class="entry-head">
                <label class="check">
                    <input
                        type="checkbox"
                        name="bulk[entries][]"
                        value=format!("{}:{}", e.id, e.lock_version)
                        form=BULK_FORM
                        data-testid="pick"
                    />
                    <span data-testid="queue-officer">{q.officer_name.clone()}</span>
                </label>
                <span class="date">{move || format_date(i18n.locale.get(), date)}</span>
            </div>
            <EntrySummary entry=e.clone() />
            {late.then(|| view! { <div class="warn" data-testid="late">{i18n.t(Msg::ReviewLate)}</div> })}
            {(!q.catalog.is_empty()).then(|| view! { <OffCatalog catalog=q.catalog.clone() id=id.clone() lock=lock.clone() map reject /> })}
            <details>
                <summary data-testid="open-findings">{i18n.t(Msg::ReviewFindings)}</summary>
                <ActionForm action=record attr:class="form inline-form" attr:data-testid="findings-form">
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="lock_version" value=lock.clone() />
                    <label>
                        {i18n.t(Msg::ReviewQualityFailures)}
                        <input type="number" min="0" max="20" name="quality_failures" value=q.quality_failures.to_string() data-testid="quality-failures" />
                    </label>
                    <crate::components::help::HelpTip term=crate::i18n::glossary::ids::QUALITY />
                    <label>
                        {i18n.t(Msg::ReviewDelays)}
                        <input type="number" min="0" max="20" name="delays" value=q.delays.to_string() data-testid="delays" />
                    </label>
                    <crate::components::help::HelpTip term=crate::i18n::glossary::ids::DELAYS />
                    <label class="check">
                        <input type="checkbox" name="objective_cause" value="true" checked=q.objective_cause />
                        {i18n.t(Msg::ReviewObjectiveCause)}
                    </label>
                    <crate::components::help::HelpTip term=crate::i18n::glossary::ids::OBJECTIVE_CAUSE />
                    <button type="submit" data-testid="save-findings">{i18n.t(Msg::ReviewFindings)}</button>
                </ActionForm>
            </details>
            <details>
                <summary data-testid="open-return">{i18n.t(Msg::ReviewReturn)}</summary>
                <ActionForm action=give_back attr:class="form inline-form" attr:data-testid="return-form">
                    <input type="hidden" name="id" value=id_back.clone() />
                    <input type="hidden" name="lock_version" value=lock_back.clone() />
                    <label>
                        {i18n.t(Msg::ReviewReturnReason)}
                        <input type="text" name="reason" required data-testid="return-reason-input" />
                    </label>
                    <button type="submit" data-testid="return-entry">{i18n.t(Msg::ReviewReturn)}</button>
                </ActionForm>
            </details>
        </li>
    }
}

/// Mapping off-catalog work to a task of the officer's catalog, or rejecting it.
#[component]
fn OffCatalog(
    catalog: Vec<CatalogChoice>,
    id: String,
    lock: String,
    map: ServerAction<MapOffCatalogEntry>,
    reject: ServerAction<RejectWorkEntry>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (id_map, lock_map) = (id.clone(), lock.clone());
    view! {
        <div class="off-catalog" data-testid="off-catalog">
            <strong>{i18n.t(Msg::ReviewOffCatalog)}</strong>
            <ActionForm action=map attr:class="form inline-form" attr:data-testid="map-form">
                <input type="hidden" name="id" value=id_map />
                <input type="hidden" name="lock_version" value=lock_map />
                <label>
                    {i18n.t(Msg::DiaryTask)}
                    <select name="catalog_item_id" data-testid="map-task">
                        {catalog
                            .into_iter()
                            .map(|c| view! { <option value=c.id.to_string()>{format!("{} — {} ({})", c.code, c.name, c.unit_of_measure)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {i18n.t(Msg::ReviewMapQuantity)}
                    <input type="text" inputmode="decimal" name="quantity" required data-testid="map-quantity" />
                </label>
                <button type="submit" data-testid="map-entry">{i18n.t(Msg::ReviewMap)}</button>
            </ActionForm>
            <ActionForm action=reject attr:class="form inline-form" attr:data-testid="reject-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="lock_version" value=lock />
                <label>
                    {i18n.t(Msg::ReviewRejectReason)}
                    <input type="text" name="reason" required data-testid="reject-reason" />
                </label>
                <button type="submit" data-testid="reject-entry">{i18n.t(Msg::ReviewReject)}</button>
            </ActionForm>
        </div>
    }
}
