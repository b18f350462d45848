//! The reviewer's queue (/duyet): submitted entries of their units, filtered by officer and
//! dates; approve the ticked ones at once, return one with a reason, record the findings
//! the formula uses.
//!
//! An entry's findings and return forms are rendered only once opened (a link to the queue
//! with that form open, so that it works before hydration; a toggle after): 25 entries with
//! both forms and their help were most of the page's weight and of its rendering.
//!
//! The page's branches are `Either`s, not `AnyView`s: on the server, erasing a view copies
//! all of it into owned values (an allocation per attribute), and once more when it is
//! resolved: for the queue's 25 entries, a few per cent of the page's time under load.

use std::collections::BTreeSet;

use leptos::either::Either;
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
use crate::models::{CatalogChoice, Choice, QueueEntry, ReviewQueue};

const PATH: &str = "/duyet";
const BULK_FORM: &str = "bulk-approve";
/// The query parameters naming the entry whose findings, or return, form is open.
const FINDINGS_PARAM: &str = "mo";
const RETURN_PARAM: &str = "tra-lai";

/// An entry's forms that open on demand.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Panel {
    Findings,
    Return,
}

impl Panel {
    const ALL: [Panel; 2] = [Panel::Findings, Panel::Return];

    /// The query parameter naming the entry whose form this is open.
    fn param(self) -> &'static str {
        match self {
            Panel::Findings => FINDINGS_PARAM,
            Panel::Return => RETURN_PARAM,
        }
    }
}

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
    // The forms open at first: the one the URL names (a link followed before hydration, or
    // the page a form without JavaScript comes back to). Kept across the queue's refetches,
    // so a form stays open, showing what was saved.
    let opened = RwSignal::new(
        Panel::ALL
            .into_iter()
            .filter_map(|panel| {
                let id = query.with_untracked(|q| q.get(panel.param()))?;
                Some((panel, id.parse::<i64>().ok()?))
            })
            .collect::<BTreeSet<_>>(),
    );
    let actions = Actions {
        give_back,
        record,
        map,
        reject,
        opened,
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
                            Err(e) => Either::Left(view! { <ErrorAlert error=e /> }),
                            Ok(q) => {
                                let (officer, from, to) = (param("can-bo"), param("tu"), param("den"));
                                Either::Right(view! {
                                    <Filters officers=q.officers.clone() officer=officer.clone() from=from.clone() to=to.clone() />
                                    <Queue queue=q approve actions filters=(officer, from, to) />
                                })
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
    /// The entries' forms open on this page.
    opened: RwSignal<BTreeSet<(Panel, i64)>>,
}

#[component]
fn Filters(officers: Vec<Choice>, officer: String, from: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action=PATH class="form inline-form" data-testid="review-filter">
            <label>
                {i18n.t(Msg::ReviewOfficer)}
                <select name="can-bo" data-testid="filter-officer">
                    <option value="">{i18n.t(Msg::ReviewAllOfficers)}</option>
                    {officers
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
    mut queue: ReviewQueue,
    approve: ServerAction<ApproveWorkEntries>,
    actions: Actions,
    /// The officer, from and to of the URL, kept by the pager's links.
    filters: (String, String, String),
) -> impl IntoView {
    let i18n = use_i18n();
    if queue.entries.is_empty() {
        return Either::Left(view! { <p data-testid="queue-empty">{i18n.t(Msg::ReviewEmpty)}</p> });
    }
    let (total, page, per_page) = (queue.total, queue.page, queue.per_page);
    let here = page_link(&filters, page);
    let link = move |p: u64| page_link(&filters, p);
    Either::Right(view! {
        <p class="muted" data-testid="queue-count">
            {total}
            " "
            {i18n.t(Msg::ReviewWaiting)}
        </p>
        <ActionForm action=approve attr:id=BULK_FORM attr:class="inline">
            <button type="submit" class="primary" data-testid="approve-picked">{i18n.t(Msg::ReviewApprovePicked)}</button>
        </ActionForm>
        <ul class="entries" data-testid="queue">
            {std::mem::take(&mut queue.entries)
                .into_iter()
                .map(|q| {
                    let officer = queue.officer_name(q.officer_id).to_string();
                    let catalog = if q.off_catalog { queue.catalog_of(q.officer_id).to_vec() } else { Vec::new() };
                    view! { <QueueItem q officer catalog actions here=here.clone() /> }
                })
                .collect_view()}
        </ul>
        {(total > per_page).then(|| view! { <Pager current=page total_items=total per_page link /> })}
    })
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

/// The queue's URL `here` (which has a query) with `panel` of `entry` open, scrolled to
/// the entry.
fn opener_link(here: &str, panel: Panel, entry: i64) -> String {
    format!("{here}&{}={entry}#muc-{entry}", panel.param())
}

/// An entry of the queue, of `officer` (their name), with the catalog to map it to if it is
/// off-catalog work. `here` is the queue's URL (filters and page), which the links opening a
/// form extend.
#[component]
fn QueueItem(
    q: QueueEntry,
    officer: String,
    catalog: Vec<CatalogChoice>,
    actions: Actions,
    here: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let Actions {
        give_back,
        record,
        map,
        reject,
        opened,
    } = actions;
    let (late, date, entry_id) = (q.late, q.work_date, q.id);
    let (id, lock) = (q.id.to_string(), q.lock_version.to_string());
    let (quality_failures, delays, objective_cause) =
        (q.quality_failures, q.delays, q.objective_cause);
    let findings = {
        let (id, lock) = (id.clone(), lock.clone());
        move || {
            let (id, lock) = (id.clone(), lock.clone());
            view! {
                <ActionForm action=record attr:class="form inline-form" attr:data-testid="findings-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="lock_version" value=lock />
                    <label>
                        {i18n.t(Msg::ReviewQualityFailures)}
                        <input type="number" min="0" max="20" name="quality_failures" value=quality_failures.to_string() data-testid="quality-failures" />
                    </label>
                    <crate::components::help::HelpTip term=crate::i18n::glossary::ids::QUALITY />
                    <label>
                        {i18n.t(Msg::ReviewDelays)}
                        <input type="number" min="0" max="20" name="delays" value=delays.to_string() data-testid="delays" />
                    </label>
                    <crate::components::help::HelpTip term=crate::i18n::glossary::ids::DELAYS />
                    <label class="check">
                        <input type="checkbox" name="objective_cause" value="true" checked=objective_cause />
                        {i18n.t(Msg::ReviewObjectiveCause)}
                    </label>
                    <crate::components::help::HelpTip term=crate::i18n::glossary::ids::OBJECTIVE_CAUSE />
                    <button type="submit" data-testid="save-findings">{i18n.t(Msg::ReviewFindings)}</button>
                </ActionForm>
            }
        }
    };
    let give_back_form = {
        let (id, lock) = (id.clone(), lock.clone());
        move || {
            let (id, lock) = (id.clone(), lock.clone());
            view! {
                <ActionForm action=give_back attr:class="form inline-form" attr:data-testid="return-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="lock_version" value=lock />
                    <label>
                        {i18n.t(Msg::ReviewReturnReason)}
                        <input type="text" name="reason" required data-testid="return-reason-input" />
                    </label>
                    <button type="submit" data-testid="return-entry">{i18n.t(Msg::ReviewReturn)}</button>
                </ActionForm>
            }
        }
    };
    view! {
        <li class="entry" id=format!("muc-{entry_id}") data-testid="queue-entry">
            <div class="entry-head">
                <label class="check">
                    <input
                        type="checkbox"
                        name="bulk[entries][]"
                        value=format!("{}:{}", q.id, q.lock_version)
                        form=BULK_FORM
                        data-testid="pick"
                    />
                    <span data-testid="queue-officer">{officer}</span>
                </label>
                <span class="date">{move || format_date(i18n.locale.get(), date)}</span>
            </div>
            <EntrySummary line=q.line />
            {late.then(|| view! { <div class="warn" data-testid="late">{i18n.t(Msg::ReviewLate)}</div> })}
            {(!catalog.is_empty()).then(|| view! { <OffCatalog catalog id=id.clone() lock=lock.clone() map reject /> })}
            <OnDemand opened panel=Panel::Findings entry=entry_id here=here.clone() label=Msg::ReviewFindings testid="open-findings" form=findings />
            <OnDemand opened panel=Panel::Return entry=entry_id here label=Msg::ReviewReturn testid="open-return" form=give_back_form />
        </li>
    }
}

/// A form of an entry rendered only once opened: a link to the queue with this form open
/// (followed as it is before hydration), which after hydration opens and closes it in place.
#[component]
fn OnDemand<F, V>(
    opened: RwSignal<BTreeSet<(Panel, i64)>>,
    panel: Panel,
    entry: i64,
    /// The queue's URL (filters and page).
    here: String,
    label: Msg,
    testid: &'static str,
    form: F,
) -> impl IntoView
where
    F: Fn() -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let key = (panel, entry);
    let is_open = move || opened.with(|o| o.contains(&key));
    let href = opener_link(&here, panel, entry);
    view! {
        <p class="opener">
            <a
                href=href
                aria-expanded=move || is_open().to_string()
                data-testid=testid
                // Handled on the link itself (events are not delegated), before the router's
                // handler on the window, which then sees the default prevented: no navigation.
                on:click=move |ev| {
                    ev.prevent_default();
                    opened.update(|o| {
                        if !o.remove(&key) {
                            o.insert(key);
                        }
                    });
                }
            >
                {i18n.t(label)}
            </a>
        </p>
        {move || is_open().then(&form)}
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

#[cfg(test)]
mod tests {
    use super::{opener_link, page_link, Panel};

    #[test]
    fn a_form_opens_by_a_link_to_the_same_queue_page() {
        let here = page_link(&("12".into(), String::new(), String::new()), 2);
        assert_eq!(
            opener_link(&here, Panel::Findings, 345),
            "/duyet?can-bo=12&trang=2&mo=345#muc-345"
        );
        assert_eq!(
            opener_link(&here, Panel::Return, 7),
            "/duyet?can-bo=12&trang=2&tra-lai=7#muc-7"
        );
    }

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
