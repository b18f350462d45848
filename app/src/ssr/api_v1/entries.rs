//! `POST /entries:batch`: work-log entries from an e-office system, idempotent by the
//! client's `external_id`.
//!
//! Each entry is checked on its own and answered on its own: the officer (by person id,
//! active, in the client's agency), the task (in the catalog of the officer's position in
//! force on the day), the dates and quantities. The accepted ones are written in **one
//! transaction** per batch, so an acknowledged batch is there entirely and an
//! unacknowledged one not at all. The same entry again gives the same id and changes
//! nothing; a changed draft is updated; a changed entry that has left the draft state is a
//! per-entry conflict. Two identical batches at once insert each entry once: the insert
//! skips a key another transaction holds (`ON CONFLICT DO NOTHING`, in key order, so two
//! batches never wait on each other in a circle) and the entry is then read back and
//! compared like any existing one.

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, Set, Statement,
    TransactionSession, TransactionTrait, TryInsertResult,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::problem::{ApiError, ItemError, Kind, Problem};
use super::{locale, ApiState};
use crate::error::AppError;
use crate::i18n::{vietnam_date, Locale};
use crate::models::{ApiScope, EntryStatus, JdStatus};
use crate::ssr::entities::{
    api_client, catalog_item, job_description_version as jdv, period, period_score, user,
    work_log_entry as wle,
};
use crate::ssr::services::api_clients::ApiCaller;
use crate::ssr::services::audit::{self, Change};
use crate::ssr::services::work_log;

/// The most entries one batch may hold.
pub const MAX_BATCH: usize = 1000;

/// A work-log entry as an e-office system sends it. The schema gives its shape (fields,
/// types, dates as `YYYY-MM-DD`, nothing else): a batch with an entry of another shape is
/// refused whole (`400 invalid-body`, each such entry in `errors`). What the fields say
/// (lengths, ranges, the officer, the task, the days) is checked per entry and answered
/// per entry (`refused`, with its problem).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryIn {
    /// The sender's id of the entry, 1 to 128 characters (else `external-id`): the same id
    /// again is the same entry.
    pub external_id: String,
    /// The officer's person id (`person_id` of `GET /officers`): an active officer of the
    /// client's agency (else `unknown-officer`).
    pub person_id: String,
    /// The day of the work (`YYYY-MM-DD`), not after today (else `future-date`), not in an
    /// approved period (else `period-closed`).
    pub work_date: NaiveDate,
    /// The task's code in the catalog of the officer's position in force that day (else
    /// `unknown-task`).
    pub task_code: String,
    /// The quantity assigned (in the task's unit), more than 0 and at most 10,000.
    pub quantity: f64,
    /// The quantity done, 0 to `quantity`; `quantity` when absent.
    #[serde(default)]
    pub completed_quantity: Option<f64>,
    #[serde(default)]
    pub assigned_on: Option<NaiveDate>,
    /// Not before `assigned_on`.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// Not after today.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// The document's number (số văn bản), at most 128 characters.
    #[serde(default)]
    pub document: Option<String>,
    /// At most 2,000 characters.
    #[serde(default)]
    pub note: Option<String>,
}

/// A batch of entries.
#[derive(Clone, Debug, Deserialize, ToSchema)]
pub struct BatchIn {
    /// 1 to 1,000 entries.
    #[schema(min_items = 1, max_items = 1000)]
    pub entries: Vec<EntryIn>,
}

/// The body as read: each entry is checked on its own, so a malformed one is that entry's
/// problem, not the batch's.
#[derive(Deserialize)]
struct RawBatch {
    entries: Vec<serde_json::Value>,
}

/// What happened to one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Created,
    Updated,
    Unchanged,
    Refused,
}

/// One entry's answer, in the order sent.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemResult {
    /// The entry's position in the batch, from 0.
    pub index: usize,
    pub external_id: Option<String>,
    pub outcome: Outcome,
    /// Rubric's id of the entry (also for a conflict: the entry that is kept).
    pub id: Option<i64>,
    /// The entry's state in Rubric: `draft`, `submitted`, `approved`, `returned`…
    pub entry_status: Option<String>,
    /// Why it was refused.
    pub problem: Option<Problem>,
}

/// The answer to a batch: counts and one result per entry.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BatchOut {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub results: Vec<ItemResult>,
}

/// An entry that passed every check: the row it should be.
#[derive(Clone, Debug)]
struct Valid {
    index: usize,
    external_id: String,
    officer_id: i32,
    work_date: NaiveDate,
    catalog_item_id: i32,
    assigned_qty: f64,
    completed_qty: f64,
    assigned_on: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    completed_on: Option<NaiveDate>,
    document: Option<String>,
    note: Option<String>,
}

impl Valid {
    /// Whether the stored row says what this entry says.
    fn same_as(&self, e: &wle::Model) -> bool {
        e.officer_id == self.officer_id
            && e.work_date == self.work_date
            && e.catalog_item_id == Some(self.catalog_item_id)
            && e.assigned_qty == self.assigned_qty
            && e.completed_qty == self.completed_qty
            && e.assigned_on == self.assigned_on
            && e.deadline == self.deadline
            && e.completed_on == self.completed_on
            && e.source_document == self.document
            && e.note == self.note
    }

    fn row(&self, client: &ApiCaller, now: chrono::DateTime<Utc>) -> wle::ActiveModel {
        wle::ActiveModel {
            external_id: Set(Some(self.external_id.clone())),
            api_client_id: Set(Some(client.client_id)),
            officer_id: Set(self.officer_id),
            work_date: Set(self.work_date),
            catalog_item_id: Set(Some(self.catalog_item_id)),
            off_catalog_description: Set(None),
            proposed_minutes: Set(None),
            assigned_qty: Set(self.assigned_qty),
            completed_qty: Set(self.completed_qty),
            assigned_on: Set(self.assigned_on),
            deadline: Set(self.deadline),
            completed_on: Set(self.completed_on),
            source_document: Set(self.document.clone()),
            note: Set(self.note.clone()),
            status: Set(client.entry_status),
            return_reason: Set(None),
            quality_failures: Set(0),
            delays: Set(0),
            objective_cause: Set(false),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            lock_version: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    }
}

fn refused(index: usize, external_id: Option<String>, problem: Problem) -> ItemResult {
    ItemResult {
        index,
        external_id,
        outcome: Outcome::Refused,
        id: None,
        entry_status: None,
        problem: Some(problem),
    }
}

fn text(v: Option<String>, max: usize) -> Result<Option<String>, ()> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        Some(s) if s.chars().count() > max || s.chars().any(|c| c.is_control() && c != '\n') => {
            Err(())
        }
        other => Ok(other),
    }
}

/// Caches of what the checks read, per batch.
struct Lookups {
    officers: HashMap<String, user::Model>,
    /// position → its approved (or since superseded) catalog versions, the one in force
    /// first: newest effective date, then highest number (as `version_in_force` orders).
    versions: HashMap<i32, Vec<jdv::Model>>,
    /// version → task code → item id.
    items: HashMap<i32, HashMap<String, i32>>,
    closed_periods: Vec<(NaiveDate, NaiveDate)>,
    /// (officer, first day of a month) whose result for that month is approved: the diary's
    /// rule ([`crate::ssr::services::closing::check_entry_open`]).
    approved_months: HashSet<(i32, NaiveDate)>,
}

/// Everything the checks of a batch read, in a handful of queries whatever its size: the
/// officers by person id, their positions' catalog versions and those versions' items, the
/// approved periods.
async fn lookups<C: ConnectionTrait>(db: &C, person_ids: Vec<String>) -> Result<Lookups, ApiError> {
    let mut officers = HashMap::new();
    for chunk in person_ids.chunks(500) {
        for u in user::Entity::find()
            .filter(user::Column::ExternalId.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            if let Some(x) = u.external_id.clone() {
                officers.insert(x, u);
            }
        }
    }
    let positions: HashSet<i32> = officers.values().filter_map(|u| u.position_id).collect();
    let mut versions: HashMap<i32, Vec<jdv::Model>> = HashMap::new();
    if !positions.is_empty() {
        for v in jdv::Entity::find()
            .filter(jdv::Column::PositionId.is_in(positions))
            .filter(jdv::Column::Status.is_in([JdStatus::Approved, JdStatus::Superseded]))
            .filter(jdv::Column::EffectiveFrom.is_not_null())
            .all(db)
            .await?
        {
            versions.entry(v.position_id).or_default().push(v);
        }
    }
    for list in versions.values_mut() {
        list.sort_by(|a, b| {
            b.effective_from
                .cmp(&a.effective_from)
                .then(b.version_no.cmp(&a.version_no))
        });
    }
    let ids: Vec<i32> = versions.values().flatten().map(|v| v.id).collect();
    let mut items: HashMap<i32, HashMap<String, i32>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for i in catalog_item::Entity::find()
            .filter(catalog_item::Column::JobDescriptionVersionId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            items
                .entry(i.job_description_version_id)
                .or_default()
                .insert(i.code, i.id);
        }
    }
    let periods = period::Entity::find().all(db).await?;
    let closed_periods = periods
        .iter()
        .filter(|p| p.status.is_closed())
        .map(|p| (p.starts_on, p.ends_on))
        .collect();
    let months: HashMap<i32, NaiveDate> = periods
        .iter()
        .filter(|p| p.kind == crate::models::PeriodKind::Month.as_str())
        .map(|p| (p.id, p.starts_on))
        .collect();
    let officer_ids: Vec<i32> = officers.values().map(|u| u.id).collect();
    let mut approved_months = HashSet::new();
    for chunk in officer_ids.chunks(500) {
        for (officer, period_id) in period_score::Entity::find()
            .select_only()
            .column(period_score::Column::OfficerId)
            .column(period_score::Column::PeriodId)
            .filter(period_score::Column::OfficerId.is_in(chunk.iter().copied()))
            .filter(period_score::Column::SupersededBy.is_null())
            .filter(period_score::Column::ApprovedAt.is_not_null())
            .into_tuple::<(i32, i32)>()
            .all(db)
            .await?
        {
            if let Some(start) = months.get(&period_id) {
                approved_months.insert((officer, *start));
            }
        }
    }
    Ok(Lookups {
        officers,
        versions,
        items,
        closed_periods,
        approved_months,
    })
}

impl Lookups {
    /// The catalog item `code` of `position` in force on `day`.
    fn item(&self, position: i32, day: NaiveDate, code: &str) -> Option<i32> {
        let version = self
            .versions
            .get(&position)?
            .iter()
            .find(|v| v.effective_from.is_some_and(|from| from <= day))?;
        self.items.get(&version.id)?.get(code.trim()).copied()
    }
}

/// Checks entry `index`; the row it should be, or its problem.
fn check(
    caller: &ApiCaller,
    look: &Lookups,
    index: usize,
    raw: serde_json::Value,
    today: NaiveDate,
    locale: Locale,
) -> Result<Result<Valid, ItemResult>, ApiError> {
    let external_id = raw
        .get("external_id")
        .and_then(|v| v.as_str())
        .map(|s| s.to_string());
    let no = |kind: Kind, field: &str| {
        Ok(Err(refused(
            index,
            external_id.clone(),
            Problem::new(kind, locale).field(field),
        )))
    };
    let e: EntryIn = match serde_json::from_value(raw) {
        Ok(e) => e,
        Err(err) => {
            return Ok(Err(refused(
                index,
                external_id.clone(),
                Problem::new(Kind::InvalidEntry, locale).detail(err.to_string()),
            )))
        }
    };
    let ext = e.external_id.trim();
    if ext.is_empty() || ext.chars().count() > 128 || ext.chars().any(char::is_control) {
        return no(Kind::ExternalId, "external_id");
    }
    let officer = match look.officers.get(e.person_id.trim()) {
        Some(u) if u.is_active && u.unit_id.is_some_and(|x| caller.units.contains(&x)) => u.clone(),
        _ => return no(Kind::UnknownOfficer, "person_id"),
    };
    if e.work_date > today {
        return no(Kind::FutureDate, "work_date");
    }
    if e.completed_on.is_some_and(|d| d > today) {
        return no(Kind::FutureDate, "completed_on");
    }
    if look
        .closed_periods
        .iter()
        .any(|(from, to)| *from <= e.work_date && e.work_date <= *to)
        || look.approved_months.contains(&(
            officer.id,
            crate::models::PeriodCode::month_of(e.work_date).starts_on(),
        ))
    {
        return no(Kind::PeriodClosed, "work_date");
    }
    // The diary's own checks of quantities and dates, answered under the API's field names.
    let checked = work_log::check_quantities(e.quantity, e.completed_quantity)
        .and_then(|()| work_log::check_deadline(e.assigned_on, e.deadline));
    if let Err(AppError::Refused { field, msg }) = checked {
        let field = if field == "completed_qty" {
            "completed_quantity"
        } else {
            field.as_str()
        };
        return Ok(Err(refused(
            index,
            external_id,
            Problem::new(Kind::InvalidEntry, locale)
                .field(field)
                .detail(locale.t(msg)),
        )));
    }
    let completed = e.completed_quantity.unwrap_or(e.quantity);
    let (Ok(document), Ok(note)) = (text(e.document.clone(), 128), text(e.note.clone(), 2000))
    else {
        return Ok(Err(refused(
            index,
            external_id,
            Problem::new(Kind::InvalidEntry, locale)
                .field("document")
                .detail(locale.t(crate::i18n::Msg::ApiItemText)),
        )));
    };
    let Some(position) = officer.position_id else {
        return no(Kind::UnknownTask, "task_code");
    };
    let Some(item) = look.item(position, e.work_date, &e.task_code) else {
        return no(Kind::UnknownTask, "task_code");
    };
    Ok(Ok(Valid {
        index,
        external_id: ext.to_string(),
        officer_id: officer.id,
        work_date: e.work_date,
        catalog_item_id: item,
        assigned_qty: e.quantity,
        completed_qty: completed,
        assigned_on: e.assigned_on,
        deadline: e.deadline,
        completed_on: e.completed_on,
        document,
        note,
    }))
}

/// Sends work-log entries.
#[utoipa::path(
    post,
    path = "/entries:batch",
    tag = "entries",
    operation_id = "sendEntries",
    description = "Gửi tối đa 1.000 bản ghi nhật ký công việc; gửi lại cùng `external_id` không tạo bản ghi mới. \
Sends up to 1,000 work-log entries, idempotent by `external_id`: the same entry again answers `unchanged` with the same id; \
a changed draft is `updated`; a changed entry already submitted or reviewed is `refused` with the problem `conflict`. \
Each entry is answered on its own; the accepted ones are written together or not at all. \
Entries land as drafts or submitted, as the client is set up. Needs `entries:write`.",
    request_body(content = BatchIn, content_type = "application/json"),
    responses(
        (status = 200, description = "Every entry answered", body = BatchOut),
        (status = 400, description = "The body is not a batch", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Scope missing", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 2 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No entries, or more than 1,000", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "A concurrent write won; send the batch again", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn batch(
    State(api): State<ApiState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<BatchOut>, ApiError> {
    let locale = locale(&headers);
    let caller = api.authorize(&headers, ApiScope::EntriesWrite).await?;
    let raw: RawBatch = serde_json::from_slice(&body)
        .map_err(|e| ApiError::new(Kind::InvalidBody, locale).detail(e.to_string()))?;
    if raw.entries.is_empty() || raw.entries.len() > MAX_BATCH {
        return Err(ApiError::new(Kind::BatchSize, locale)
            .field("entries")
            .detail(raw.entries.len().to_string()));
    }
    let errors: Vec<ItemError> = raw
        .entries
        .iter()
        .enumerate()
        .filter_map(|(index, v)| {
            serde_json::from_value::<EntryIn>(v.clone())
                .err()
                .map(|e| ItemError {
                    index,
                    detail: e.to_string(),
                })
        })
        .collect();
    if !errors.is_empty() {
        let mut e = ApiError::new(Kind::InvalidBody, locale)
            .field("entries")
            .detail(locale.t(crate::i18n::Msg::ApiItemInvalid));
        e.problem.errors = Some(errors);
        return Err(e);
    }
    let out = ingest(&api.app.db, &caller, raw.entries, locale).await?;
    Ok(Json(out))
}

/// Checks and writes one batch (one transaction).
pub async fn ingest<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &ApiCaller,
    entries: Vec<serde_json::Value>,
    locale: Locale,
) -> Result<BatchOut, ApiError> {
    let today = vietnam_date(Utc::now());
    let person_ids: Vec<String> = entries
        .iter()
        .filter_map(|v| v.get("person_id")?.as_str().map(|s| s.trim().to_string()))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let n = entries.len();
    let mut results: Vec<Option<ItemResult>> = vec![None; n];
    let mut valid: Vec<Valid> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let look = lookups(db, person_ids).await?;
    for (index, raw) in entries.into_iter().enumerate() {
        match check(caller, &look, index, raw, today, locale)? {
            Ok(v) => {
                if seen.insert(v.external_id.clone()) {
                    valid.push(v);
                } else {
                    results[index] = Some(refused(
                        index,
                        Some(v.external_id),
                        Problem::new(Kind::DuplicateInBatch, locale).field("external_id"),
                    ));
                }
            }
            Err(r) => results[index] = Some(r),
        }
    }

    let txn = db.begin().await?;
    if txn.get_database_backend() == DbBackend::Sqlite {
        // SQLite: take the write lock before reading, so no other writer commits between
        // this batch's reads and its writes.
        api_client::Entity::update_many()
            .col_expr(
                api_client::Column::Name,
                Expr::col(api_client::Column::Name),
            )
            .filter(api_client::Column::Id.eq(caller.client_id))
            .exec(&txn)
            .await?;
    }
    let ids: Vec<String> = valid.iter().map(|v| v.external_id.clone()).collect();
    let existing = stored(&txn, caller.client_id, &ids).await?;
    let now = Utc::now();
    let mut fresh: BTreeMap<String, Valid> = BTreeMap::new();
    let mut settle: Vec<(Valid, wle::Model)> = Vec::new();
    for v in valid {
        match existing.get(&v.external_id) {
            Some(e) => settle.push((v, e.clone())),
            None => {
                fresh.insert(v.external_id.clone(), v);
            }
        }
    }
    // New keys in key order (a BTreeMap), skipping any another transaction holds.
    let mut inserted: HashSet<i64> = HashSet::new();
    let fresh_list: Vec<&Valid> = fresh.values().collect();
    for chunk in fresh_list.chunks(400) {
        let rows: Vec<wle::ActiveModel> = chunk.iter().map(|v| v.row(caller, now)).collect();
        let keys = wle::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([wle::Column::ApiClientId, wle::Column::ExternalId])
            .exec_with_returning_keys(&txn)
            .await?;
        if let TryInsertResult::Inserted(keys) = keys {
            inserted.extend(keys);
        }
    }
    let fresh_ids: Vec<String> = fresh.keys().cloned().collect();
    let now_stored = stored(&txn, caller.client_id, &fresh_ids).await?;
    let mut created_ids = Vec::new();
    for (ext, v) in fresh {
        let Some(e) = now_stored.get(&ext) else {
            return Err(ApiError::new(Kind::Busy, locale));
        };
        if inserted.contains(&e.id) {
            created_ids.push(e.id);
            results[v.index] = Some(ItemResult {
                index: v.index,
                external_id: Some(ext),
                outcome: Outcome::Created,
                id: Some(e.id),
                entry_status: Some(e.status.as_str().to_string()),
                problem: None,
            });
        } else {
            // Another batch inserted it first: compare like an existing entry.
            settle.push((v, e.clone()));
        }
    }
    settle.sort_by(|a, b| a.0.external_id.cmp(&b.0.external_id));
    let mut updated_ids = Vec::new();
    for (v, e) in settle {
        let result = if v.same_as(&e) {
            ItemResult {
                index: v.index,
                external_id: Some(v.external_id.clone()),
                outcome: Outcome::Unchanged,
                id: Some(e.id),
                entry_status: Some(e.status.as_str().to_string()),
                problem: None,
            }
        } else if e.status == EntryStatus::Draft {
            let changed = wle::Entity::update_many()
                .col_expr(wle::Column::OfficerId, Expr::value(v.officer_id))
                .col_expr(wle::Column::WorkDate, Expr::value(v.work_date))
                .col_expr(wle::Column::CatalogItemId, Expr::value(v.catalog_item_id))
                .col_expr(wle::Column::AssignedQty, Expr::value(v.assigned_qty))
                .col_expr(wle::Column::CompletedQty, Expr::value(v.completed_qty))
                .col_expr(wle::Column::AssignedOn, Expr::value(v.assigned_on))
                .col_expr(wle::Column::Deadline, Expr::value(v.deadline))
                .col_expr(wle::Column::CompletedOn, Expr::value(v.completed_on))
                .col_expr(wle::Column::SourceDocument, Expr::value(v.document.clone()))
                .col_expr(wle::Column::Note, Expr::value(v.note.clone()))
                .col_expr(
                    wle::Column::Status,
                    Expr::value(caller.entry_status.as_str()),
                )
                .col_expr(wle::Column::LockVersion, Expr::value(e.lock_version + 1))
                .col_expr(wle::Column::UpdatedAt, Expr::value(now))
                .filter(wle::Column::Id.eq(e.id))
                .filter(wle::Column::LockVersion.eq(e.lock_version))
                .filter(wle::Column::Status.eq(EntryStatus::Draft.as_str()))
                .exec(&txn)
                .await?;
            if changed.rows_affected == 1 {
                updated_ids.push(e.id);
                ItemResult {
                    index: v.index,
                    external_id: Some(v.external_id.clone()),
                    outcome: Outcome::Updated,
                    id: Some(e.id),
                    entry_status: Some(caller.entry_status.as_str().to_string()),
                    problem: None,
                }
            } else {
                conflict(&v, &e, locale)
            }
        } else {
            conflict(&v, &e, locale)
        };
        results[v.index] = Some(result);
    }
    if !created_ids.is_empty() || !updated_ids.is_empty() {
        audit::record(
            &txn,
            &caller.actor(),
            Change::new("api.entries_batch", "api_client", caller.client_id).after(&json!({
                "token_id": caller.token_id,
                "created": created_ids,
                "updated": updated_ids,
            })),
        )
        .await?;
    }
    txn.commit().await?;
    let results: Vec<ItemResult> = results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| refused(i, None, Problem::new(Kind::Internal, locale))))
        .collect();
    let count = |o: Outcome| results.iter().filter(|r| r.outcome == o).count();
    Ok(BatchOut {
        created: count(Outcome::Created),
        updated: count(Outcome::Updated),
        unchanged: count(Outcome::Unchanged),
        refused: count(Outcome::Refused),
        results,
    })
}

fn conflict(v: &Valid, e: &wle::Model, locale: Locale) -> ItemResult {
    ItemResult {
        index: v.index,
        external_id: Some(v.external_id.clone()),
        outcome: Outcome::Refused,
        id: Some(e.id),
        entry_status: Some(e.status.as_str().to_string()),
        problem: Some(Problem::new(Kind::Conflict, locale).detail(e.status.as_str())),
    }
}

/// The client's stored entries with these external ids.
///
/// On PostgreSQL the ids go as one JSON array parameter compared with `= ANY(...)`: an
/// `IN ($2, …, $501)` list gets a generic plan once the statement is cached, and with the
/// table's statistics stale (a fresh province ingesting its first 100,000 entries) that plan
/// scanned every entry of the client and compared each with the 500 ids (0.8 s a query,
/// most of the batch). `= ANY(array)` keeps both columns in the unique index's condition.
async fn stored<C: ConnectionTrait>(
    db: &C,
    client_id: i32,
    ids: &[String],
) -> Result<HashMap<String, wle::Model>, ApiError> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    if db.get_database_backend() == DbBackend::Postgres {
        let keys = serde_json::Value::from(ids.to_vec()).to_string();
        let rows = wle::Entity::find()
            .from_raw_sql(Statement::from_sql_and_values(
                DbBackend::Postgres,
                r#"SELECT * FROM "work_log_entries" WHERE "api_client_id" = $1 AND "external_id" = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))"#,
                [client_id.into(), keys.into()],
            ))
            .all(db)
            .await?;
        for e in rows {
            if let Some(x) = e.external_id.clone() {
                out.insert(x, e);
            }
        }
        return Ok(out);
    }
    for chunk in ids.chunks(500) {
        for e in wle::Entity::find()
            .filter(wle::Column::ApiClientId.eq(client_id))
            .filter(wle::Column::ExternalId.is_in(chunk.iter().cloned()))
            .all(db)
            .await?
        {
            if let Some(x) = e.external_id.clone() {
                out.insert(x, e);
            }
        }
    }
    Ok(out)
}
