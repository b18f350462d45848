//! The officer's work diary (nhật ký công việc): add an entry in a few keystrokes, see and
//! correct entries, submit a range or the whole period after the warnings.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::diary::{my_diary, AddWorkEntry, DeleteWorkEntry, SubmitDiary, UpdateWorkEntry};
use crate::components::auth::ErrorAlert;
use crate::components::entry::EntrySummary;
use crate::components::form::{Form, FormAction};
use crate::components::pager::{month_code, MonthNav};
use crate::error::AppError;
use crate::i18n::{format_date, format_number, use_i18n, Locale, Msg};
use crate::models::{CatalogChoice, Diary, DiaryEntry, EntryStatus};
use crate::text::matches;

const PATH: &str = "/can-bo";

fn iso(d: Option<NaiveDate>) -> String {
    // `NaiveDate`'s Display is ISO 8601 (yyyy-mm-dd), without chrono's strftime interpreter.
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn number_text(v: f64) -> String {
    format_number(Locale::Vi, v, if v.fract() == 0.0 { 0 } else { 2 })
}

#[component]
pub fn DiaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let period = move || query.read().get("ky").unwrap_or_default();
    let editing = move || query.read().get("sua").and_then(|v| v.parse::<i64>().ok());
    let add = FormAction::<AddWorkEntry>::new();
    let update = FormAction::<UpdateWorkEntry>::new();
    let delete = FormAction::<DeleteWorkEntry>::new();
    let submit = FormAction::<SubmitDiary>::new();
    let diary = Resource::new(
        move || {
            (
                period(),
                add.version().get(),
                update.version().get(),
                delete.version().get(),
                submit.version().get(),
            )
        },
        |(p, ..)| my_diary(p),
    );
    view! {
        <section class="card">
            <h1>{i18n.t(Msg::DiaryTitle)}</h1>
            <Transition fallback=move || view! { <p>{i18n.t(Msg::StatsLoading)}</p> }>
                {move || {
                    diary
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <ErrorAlert error=e /> }.into_any(),
                            Ok(d) => {
                                let edit = editing()
                                    .and_then(|id| d.entries.iter().find(|e| e.id == id).cloned())
                                    .filter(|e| e.status.editable());
                                view! {
                                    <PeriodNav diary=d.clone() />
                                    {match edit {
                                        Some(e) => {
                                            view! { <EntryForm diary=d.clone() entry=Some(e) update=update add=add /> }
                                                .into_any()
                                        }
                                        None => {
                                            view! { <EntryForm diary=d.clone() entry=None update=update add=add /> }
                                                .into_any()
                                        }
                                    }}
                                    <p class="muted">
                                        <a href=crate::pages::practice::PATH data-testid="practice-link">
                                            {i18n.t(Msg::PracticeLink)}
                                        </a>
                                    </p>
                                    <SubmitPanel diary=d.clone() submit=submit />
                                    <EntryList diary=d delete=delete />
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
fn PeriodNav(diary: Diary) -> impl IntoView {
    view! { <MonthNav from=diary.from to=diary.to link=|code| format!("{PATH}?ky={code}") /> }
}

/// The add form, or the edit form of one draft or returned entry.
#[component]
fn EntryForm(
    diary: Diary,
    entry: Option<DiaryEntry>,
    update: FormAction<UpdateWorkEntry>,
    add: FormAction<AddWorkEntry>,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = entry
        .clone()
        .unwrap_or_else(|| blank_entry(diary.today.clamp(diary.from, diary.to)));
    let fields = view! { <EntryFields catalog=diary.catalog.clone() e editing=entry.is_some() /> };
    let outcome = move |value: Option<Result<(), AppError>>| {
        match value {
        Some(Ok(())) => Some(view! { <p class="ok" role="status" data-testid="form-ok">{i18n.t(Msg::DiarySaved)}</p> }.into_any()),
        Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
        None => None,
    }
    };
    match entry {
        Some(e) => view! {
            <h2>{i18n.t(Msg::DiaryEdit)}</h2>
            <Form action=update attr:class="form" attr:data-testid="entry-form">
                <input type="hidden" name="id" value=e.id.to_string() />
                <input type="hidden" name="lock_version" value=e.lock_version.to_string() />
                {fields}
                {move || outcome(update.value().get().map(|r| r.map(|_| ())))}
                <div class="actions">
                    <button type="submit" class="primary" data-testid="save-entry">{i18n.t(Msg::DiarySave)}</button>
                    <a href=format!("{PATH}?ky={}", month_code(e.work_date))>{i18n.t(Msg::DiaryCancelEdit)}</a>
                </div>
            </Form>
        }
        .into_any(),
        None => view! {
            <h2>{i18n.t(Msg::DiaryAdd)}</h2>
            <Form action=add attr:class="form" attr:data-testid="entry-form">
                {fields}
                {move || outcome(add.value().get().map(|r| r.map(|_| ())))}
                <button type="submit" class="primary" data-testid="save-entry">{i18n.t(Msg::DiarySave)}</button>
            </Form>
        }
        .into_any(),
    }
}

/// A new entry's starting values: one unit of work on `day`.
pub(crate) fn blank_entry(day: NaiveDate) -> DiaryEntry {
    DiaryEntry {
        id: 0,
        work_date: day,
        catalog_item_id: None,
        task_code: None,
        task_name: None,
        unit_of_measure: None,
        off_catalog_description: None,
        proposed_minutes: None,
        assigned_qty: 1.0,
        completed_qty: 1.0,
        assigned_on: None,
        deadline: None,
        completed_on: None,
        source_document: None,
        note: None,
        status: EntryStatus::Draft,
        return_reason: None,
        lock_version: 0,
        standard_hours: 0.0,
        evidence_missing: false,
    }
}

/// The fields of an entry (`form[...]`): the task searched in the officer's catalog, the
/// day, quantities, dates, document, off-catalog work and a note. The diary's add and edit
/// forms and the practice form share them.
#[component]
pub(crate) fn EntryFields(
    catalog: Vec<CatalogChoice>,
    e: DiaryEntry,
    editing: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let catalog = StoredValue::new(catalog);
    let selected = e.catalog_item_id;
    let visible = move |c: &CatalogChoice| {
        Some(c.id) == selected || matches(&format!("{} {}", c.code, c.name), &search.get())
    };
    view! {
        <label>
            {i18n.t(Msg::DiarySearch)}
            <input
                type="search"
                data-testid="task-search"
                autocomplete="off"
                on:input=move |ev| search.set(event_target_value(&ev))
            />
        </label>
        <label>
            {i18n.t(Msg::DiaryTask)}
            <select name="form[catalog_item_id]" data-testid="task">
                {move || {
                    catalog
                        .with_value(|items| {
                            items
                                .iter()
                                .filter(|c| visible(c))
                                .map(|c| {
                                    let label = format!(
                                        "{} — {} ({}, {} {})",
                                        c.code,
                                        c.name,
                                        c.unit_of_measure,
                                        number_text(c.hours_per_unit()),
                                        i18n.locale.get().t(Msg::DiaryUnitHours),
                                    );
                                    view! { <option value=c.id.to_string() selected=Some(c.id) == selected>{label}</option> }
                                })
                                .collect_view()
                        })
                }}
                <option value="" selected=editing && selected.is_none()>{i18n.t(Msg::DiaryOffCatalog)}</option>
            </select>
        </label>
        <crate::components::help::HelpTip term=crate::i18n::glossary::ids::STANDARD_HOURS />
        <div class="grid2">
            <label>
                {i18n.t(Msg::DiaryWorkDate)}
                <input type="date" name="form[work_date]" value=iso(Some(e.work_date)) required data-testid="work-date" />
            </label>
            <label>
                {i18n.t(Msg::DiaryQuantity)}
                <input type="text" inputmode="decimal" name="form[quantity]" value=number_text(e.assigned_qty) required data-testid="quantity" />
            </label>
            <label>
                {i18n.t(Msg::DiaryDocument)}
                <input type="text" name="form[source_document]" value=e.source_document.clone().unwrap_or_default() data-testid="document" />
            </label>
            <label>
                {i18n.t(Msg::DiaryCompletedQty)}
                <input
                    type="text"
                    inputmode="decimal"
                    name="form[completed_qty]"
                    value=if e.completed_qty == e.assigned_qty { String::new() } else { number_text(e.completed_qty) }
                />
            </label>
            <label>
                {i18n.t(Msg::DiaryAssignedOn)}
                <input type="date" name="form[assigned_on]" value=iso(e.assigned_on) />
            </label>
            <label>
                {i18n.t(Msg::DiaryDeadline)}
                <input type="date" name="form[deadline]" value=iso(e.deadline) data-testid="deadline" />
            </label>
            <label>
                {i18n.t(Msg::DiaryCompletedOn)}
                <input type="date" name="form[completed_on]" value=iso(e.completed_on) data-testid="completed-on" />
            </label>
        </div>
        <details open=e.off_catalog_description.is_some()>
            <summary>{i18n.t(Msg::DiaryOffCatalog)}</summary>
            <label>
                {i18n.t(Msg::DiaryOffCatalogDescription)}
                <input type="text" name="form[off_catalog_description]" value=e.off_catalog_description.clone().unwrap_or_default() data-testid="off-description" />
            </label>
            <label>
                {i18n.t(Msg::DiaryProposedMinutes)}
                <input type="text" inputmode="numeric" name="form[proposed_minutes]" value=e.proposed_minutes.map(number_text).unwrap_or_default() data-testid="off-minutes" />
            </label>
        </details>
        <label>
            {i18n.t(Msg::DiaryNote)}
            <input type="text" name="form[note]" value=e.note.clone().unwrap_or_default() />
        </label>
    }
}

/// The warnings, then submitting a range of days or the whole period.
#[component]
fn SubmitPanel(diary: Diary, submit: FormAction<SubmitDiary>) -> impl IntoView {
    let i18n = use_i18n();
    let pending: Vec<&DiaryEntry> = diary
        .entries
        .iter()
        .filter(|e| e.status.editable())
        .collect();
    let heavy = diary.heavy_days();
    let missing: Vec<String> = pending
        .iter()
        .filter(|e| e.evidence_missing)
        .map(|e| {
            format!(
                "{} {}",
                e.task_code.clone().unwrap_or_default(),
                format_date(Locale::Vi, e.work_date)
            )
        })
        .collect();
    let (from, to) = (iso(Some(diary.from)), iso(Some(diary.to)));
    let week_start =
        diary.today - chrono::Duration::days(diary.today.weekday().num_days_from_monday() as i64);
    let range_from = iso(Some(week_start.clamp(diary.from, diary.to)));
    let range_to = iso(Some(diary.today.clamp(diary.from, diary.to)));
    view! {
        <h2>{i18n.t(Msg::DiarySubmitTitle)}</h2>
        {(!heavy.is_empty())
            .then(|| {
                view! {
                    <p class="notice" data-testid="warn-heavy">
                        {i18n.t(Msg::DiaryWarnHeavyDay)}
                        " "
                        {move || {
                            heavy
                                .iter()
                                .map(|(d, h)| format!("{} ({})", format_date(i18n.locale.get(), *d), format_number(i18n.locale.get(), *h, 1)))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }}
                    </p>
                }
            })}
        {(!missing.is_empty())
            .then(|| {
                view! {
                    <p class="notice" data-testid="warn-evidence">
                        {i18n.t(Msg::DiaryWarnEvidence)}
                        " "
                        {missing.join(", ")}
                    </p>
                }
            })}
        <Form action=submit attr:class="form inline-form" attr:data-testid="submit-range">
            <label>
                {i18n.t(Msg::DiaryFrom)}
                <input type="date" name="from" value=range_from />
            </label>
            <label>
                {i18n.t(Msg::DiaryTo)}
                <input type="date" name="to" value=range_to />
            </label>
            <button type="submit" data-testid="submit-range-button">{i18n.t(Msg::DiarySubmitRange)}</button>
        </Form>
        <Form action=submit attr:class="inline">
            <input type="hidden" name="from" value=from />
            <input type="hidden" name="to" value=to />
            <button type="submit" class="primary" data-testid="submit-period">{i18n.t(Msg::DiarySubmitPeriod)}</button>
        </Form>
        {move || match submit.value().get() {
            Some(Ok(n)) => Some(view! { <p class="ok" role="status" data-testid="submitted-count">{i18n.t(Msg::DiarySubmitted)} " " {n}</p> }.into_any()),
            Some(Err(e)) => Some(view! { <ErrorAlert error=e /> }.into_any()),
            None => None,
        }}
    }
}

#[component]
fn EntryList(diary: Diary, delete: FormAction<DeleteWorkEntry>) -> impl IntoView {
    let i18n = use_i18n();
    if diary.entries.is_empty() {
        return view! { <p data-testid="no-entries">{i18n.t(Msg::DiaryNoEntries)}</p> }.into_any();
    }
    let period = diary.period.clone();
    view! {
        <h2>{i18n.t(Msg::DiaryEntries)}</h2>
        {move || delete.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorAlert error=e /> })}
        <ul class="entries" data-testid="entries">
            {diary
                .entries
                .into_iter()
                .map(|e| {
                    let editable = e.status.editable();
                    let deletable = e.status == EntryStatus::Draft;
                    let status = e.status.label();
                    let date = e.work_date;
                    let edit_link = format!("{PATH}?ky={period}&sua={}", e.id);
                    view! {
                        <li class=format!("entry status-{}", e.status) data-testid="entry">
                            <div class="entry-head">
                                <span class="date">{move || format_date(i18n.locale.get(), date)}</span>
                                <span class="badge" data-testid="entry-status">{i18n.t(status)}</span>
                            </div>
                            <EntrySummary line=e.line() />
                            {e.return_reason.clone().filter(|_| matches!(e.status, EntryStatus::Returned | EntryStatus::Rejected)).map(|r| {
                                let label = if e.status == EntryStatus::Rejected { Msg::DiaryRejectReason } else { Msg::DiaryReturnReason };
                                view! { <div class="returned" data-testid="return-reason">{i18n.t(label)} " " {r}</div> }
                            })}
                            <div class="actions">
                                {editable.then(|| view! { <a href=edit_link.clone() data-testid="edit-entry">{i18n.t(Msg::UserEdit)}</a> })}
                                {deletable.then(|| view! {
                                    <Form action=delete attr:class="inline">
                                        <input type="hidden" name="id" value=e.id.to_string() />
                                        <input type="hidden" name="lock_version" value=e.lock_version.to_string() />
                                        <button type="submit" class="link" data-testid="delete-entry">{i18n.t(Msg::DiaryDelete)}</button>
                                    </Form>
                                })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
