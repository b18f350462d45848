//! The reviewer's unit page: each officer's period (entries by state, standard hours, the
//! general-criteria points, the current score), the grade distribution and the signals of
//! suspicious logging; entering general points, scoring and approving the unit's period.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::authz::Subject;
use crate::error::AppError;
use crate::i18n::{Msg, Notice};
use crate::models::{
    ApprovalBlocker, BoardOfficer, Choice, EntryStatus, JobStatus, LoggingFlags, PeriodCode,
    QuantityOutlier, ScoreStatus, UnitBoard, DAY_HOURS_LIMIT,
};
use crate::ssr::entities::{
    catalog_item, criteria_points, period, period_score, position, user, user_role,
    work_log_entry as wle,
};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::rule_versions;
use crate::ssr::services::scoring::{Policy, ScoreRun};
use crate::ssr::services::{jobs, periods, work_log};

/// A quantity this many times the median of the position's officers is flagged…
pub const OUTLIER_FACTOR: f64 = 2.0;
/// …when at least this many officers of the position logged the task.
pub const OUTLIER_MIN_PEERS: usize = 3;

/// The general-criteria maximum of the formula in force for the period (30 when the
/// formula has no `general_max` parameter).
async fn general_max<C: ConnectionTrait>(db: &C, starts_on: NaiveDate) -> Result<f64, AppError> {
    let version = rule_versions::effective_for(db, None, None, starts_on).await?;
    Ok(version
        .map(|(v, _)| v)
        .and_then(|v| serde_json::from_str::<serde_json::Value>(&v.params_json).ok())
        .and_then(|p| p["general_max"]["default"].as_f64())
        .unwrap_or(30.0))
}

/// The units a reviewer may open: those they head and everything below.
fn reviewable_units(tree: &UnitTree, reviewer: &Subject) -> Vec<Choice> {
    let heads = reviewer.headed_units();
    let mut units: Vec<Choice> = tree
        .all()
        .filter(|u| heads.iter().any(|h| tree.is_within(u.id, *h)))
        .map(|u| Choice {
            id: u.id,
            code: u.code.clone(),
            name: u.name.clone(),
        })
        .collect();
    units.sort_by(|a, b| a.code.cmp(&b.code));
    units
}

/// Every active officer (holding the officer role) placed in a unit, by name.
pub async fn active_officers<C: ConnectionTrait>(db: &C) -> Result<Vec<user::Model>, AppError> {
    let officer_ids: HashSet<i32> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(crate::authz::Role::Officer.code()))
        .select_only()
        .column(user_role::Column::UserId)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .filter(user::Column::UnitId.is_not_null())
        .order_by_asc(user::Column::FullName)
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| officer_ids.contains(&u.id))
        .collect())
}

/// The officers of a unit's subtree (active, holding the officer role), except `reviewer`.
pub(crate) async fn officers_of<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    unit_id: i32,
    reviewer: i32,
) -> Result<Vec<user::Model>, AppError> {
    Ok(active_officers(db)
        .await?
        .into_iter()
        .filter(|u| u.id != reviewer)
        .filter(|u| u.unit_id.is_some_and(|id| tree.is_within(id, unit_id)))
        .collect())
}

pub(crate) fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Per officer of `officers`: the tasks whose period quantity is far above the median of
/// all the officers of the same position (province-wide) who logged that task.
pub(crate) async fn outliers<C: ConnectionTrait>(
    db: &C,
    officers: &[user::Model],
    from: NaiveDate,
    to: NaiveDate,
    items: &HashMap<i32, catalog_item::Model>,
) -> Result<HashMap<i32, Vec<QuantityOutlier>>, AppError> {
    let positions: HashSet<i32> = officers.iter().filter_map(|o| o.position_id).collect();
    if positions.is_empty() {
        return Ok(HashMap::new());
    }
    let peers: HashMap<i32, i32> = user::Entity::find()
        .filter(user::Column::PositionId.is_in(positions))
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::PositionId)
        .into_tuple::<(i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, p)| Some((id, p?)))
        .collect();
    let sums: Vec<(i32, i32, f64)> = wle::Entity::find()
        .select_only()
        .column(wle::Column::OfficerId)
        .column(wle::Column::CatalogItemId)
        .column_as(
            // SQLite sums whole numbers as integers; both databases return a double so.
            Expr::cust("CAST(SUM(completed_qty) AS DOUBLE PRECISION)"),
            "quantity",
        )
        .filter(wle::Column::OfficerId.is_in(peers.keys().copied().collect::<Vec<_>>()))
        .filter(wle::Column::CatalogItemId.is_not_null())
        .filter(wle::Column::WorkDate.between(from, to))
        .filter(wle::Column::Status.is_in(EntryStatus::LOGGED))
        .group_by(wle::Column::OfficerId)
        .group_by(wle::Column::CatalogItemId)
        .into_tuple::<(i32, i32, f64)>()
        .all(db)
        .await?;
    let mut by_task: HashMap<(i32, i32), Vec<f64>> = HashMap::new();
    for (officer, item, qty) in &sums {
        if let Some(p) = peers.get(officer) {
            by_task.entry((*p, *item)).or_default().push(*qty);
        }
    }
    let medians: HashMap<(i32, i32), f64> = by_task
        .into_iter()
        .filter(|(_, v)| v.len() >= OUTLIER_MIN_PEERS)
        .map(|(k, mut v)| (k, median(&mut v)))
        .collect();
    let ours: HashSet<i32> = officers.iter().map(|o| o.id).collect();
    let mut out: HashMap<i32, Vec<QuantityOutlier>> = HashMap::new();
    for (officer, item, qty) in sums {
        if !ours.contains(&officer) {
            continue;
        }
        let Some(p) = peers.get(&officer) else {
            continue;
        };
        if let Some(m) = medians.get(&(*p, item)) {
            if *m > 0.0 && qty > OUTLIER_FACTOR * m {
                out.entry(officer).or_default().push(QuantityOutlier {
                    task_code: items
                        .get(&item)
                        .map(|i| i.code.clone())
                        .unwrap_or_else(|| item.to_string()),
                    quantity: qty,
                    median: *m,
                });
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| a.task_code.cmp(&b.task_code));
    }
    Ok(out)
}

/// The unit page for `unit_id` (the first unit the reviewer heads when `None`) and the
/// period with this code (this month when empty). The caller has checked that the reviewer
/// may review the unit.
pub async fn board<C: ConnectionTrait>(
    db: &C,
    reviewer: &Subject,
    unit_id: Option<i32>,
    period_code: &str,
) -> Result<UnitBoard, AppError> {
    let tree = UnitTree::load(db).await?;
    let units = reviewable_units(&tree, reviewer);
    let unit_id = match unit_id {
        Some(id) => id,
        None => *reviewer.headed_units().first().ok_or(AppError::Forbidden)?,
    };
    let unit = tree.get(unit_id).ok_or(AppError::NotFound)?;
    let today = Utc::now().date_naive();
    let code = match period_code.trim() {
        "" => PeriodCode::month_of(today),
        c => periods::parse(c)?,
    };
    let (from, to) = (code.starts_on(), code.ends_on());
    let code = code.to_string();
    let period = periods::find(db, periods::parse(&code)?).await?;
    let officers = officers_of(db, &tree, unit_id, reviewer.user_id).await?;
    let ids: Vec<i32> = officers.iter().map(|o| o.id).collect();

    let entries = wle::Entity::find()
        .filter(wle::Column::OfficerId.is_in(ids.clone()))
        .filter(wle::Column::WorkDate.between(from, to))
        .all(db)
        .await?;
    let items: HashMap<i32, catalog_item::Model> = catalog_item::Entity::find()
        .filter(
            catalog_item::Column::Id.is_in(
                entries
                    .iter()
                    .filter_map(|e| e.catalog_item_id)
                    .collect::<HashSet<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut outliers = outliers(db, &officers, from, to, &items).await?;
    let positions: HashMap<i32, position::Model> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let (points, scores) = match &period {
        Some(p) => (
            criteria_points::Entity::find()
                .filter(criteria_points::Column::PeriodId.eq(p.id))
                .filter(criteria_points::Column::OfficerId.is_in(ids.clone()))
                .all(db)
                .await?
                .into_iter()
                .map(|c| (c.officer_id, c))
                .collect::<HashMap<_, _>>(),
            period_score::Entity::find()
                .filter(period_score::Column::PeriodId.eq(p.id))
                .filter(period_score::Column::OfficerId.is_in(ids.clone()))
                .filter(period_score::Column::SupersededBy.is_null())
                .all(db)
                .await?
                .into_iter()
                .map(|s| (s.officer_id, s))
                .collect::<HashMap<_, _>>(),
        ),
        None => (HashMap::new(), HashMap::new()),
    };

    let mut by_officer: HashMap<i32, Vec<&wle::Model>> = HashMap::new();
    for e in &entries {
        by_officer.entry(e.officer_id).or_default().push(e);
    }
    let mut grades: BTreeMap<u8, (String, u32)> = BTreeMap::new();
    let rows: Vec<BoardOfficer> = officers
        .iter()
        .map(|o| {
            let mine = by_officer.remove(&o.id).unwrap_or_default();
            let count = |states: &[EntryStatus]| {
                mine.iter().filter(|e| states.contains(&e.status)).count() as u32
            };
            let hours = |e: &wle::Model| match e.catalog_item_id.and_then(|i| items.get(&i)) {
                Some(i) => e.completed_qty * i.norm_minutes / 60.0 * i.coefficient,
                None => e.proposed_minutes.unwrap_or(0.0) / 60.0,
            };
            let approved_hours = mine
                .iter()
                .filter(|e| e.status.scorable())
                .map(|e| hours(e))
                .sum();
            let mut days: BTreeMap<NaiveDate, f64> = BTreeMap::new();
            for e in mine
                .iter()
                .filter(|e| EntryStatus::LOGGED.contains(&e.status))
            {
                *days.entry(e.work_date).or_default() += hours(e);
            }
            let missing_evidence = mine
                .iter()
                .filter(|e| EntryStatus::LOGGED.contains(&e.status))
                .filter(|e| {
                    e.catalog_item_id
                        .and_then(|i| items.get(&i))
                        .is_some_and(|i| i.evidence_required)
                        && e.source_document
                            .as_deref()
                            .is_none_or(|s| s.trim().is_empty())
                })
                .count() as u32;
            let p = points.get(&o.id);
            let s = scores.get(&o.id);
            // A score is stale when an entry it counts, or the points, changed after it.
            let changed = mine
                .iter()
                .filter(|e| e.status.scorable())
                .map(|e| e.updated_at)
                .chain(p.map(|p| p.entered_at))
                .max();
            let stale = s.is_some_and(|s| changed.is_some_and(|c| c > s.computed_at));
            if let Some(s) = s {
                let (rank, code) = match (s.status, s.grade.as_deref()) {
                    (ScoreStatus::Scored, Some("HTXSNV")) => (0, "HTXSNV"),
                    (ScoreStatus::Scored, Some("HTTNV")) => (1, "HTTNV"),
                    (ScoreStatus::Scored, Some("HTNV")) => (2, "HTNV"),
                    (ScoreStatus::Scored, Some(_)) => (3, "KHTNV"),
                    _ => (4, ScoreStatus::NotScored.as_str()),
                };
                grades.entry(rank).or_insert((code.to_string(), 0)).1 += 1;
            }
            BoardOfficer {
                id: o.id,
                username: o.username.clone(),
                name: o.full_name.clone(),
                unit_name: o
                    .unit_id
                    .and_then(|u| tree.get(u))
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                position: o
                    .position_id
                    .and_then(|p| positions.get(&p))
                    .map(|p| p.name.clone()),
                drafts: count(&[EntryStatus::Draft]),
                waiting: count(&[EntryStatus::Submitted]),
                returned: count(&[EntryStatus::Returned]),
                approved: count(&EntryStatus::SCORABLE),
                approved_hours,
                general: p.map(|p| p.general),
                disqualified: p.is_some_and(|p| p.disqualified),
                points_lock: p.map(|p| p.lock_version).unwrap_or(0),
                score_id: s.map(|s| s.id),
                status: s.map(|s| s.status),
                total: s.and_then(|s| s.total),
                grade: s.and_then(|s| s.grade.clone()),
                reason: s.and_then(|s| s.reason.clone()),
                score_version: s.map(|s| s.score_version),
                stale,
                score_approved: s.is_some_and(|s| s.approved_at.is_some()),
                flags: LoggingFlags {
                    heavy_days: days
                        .into_iter()
                        .filter(|(_, h)| *h > DAY_HOURS_LIMIT + 1e-9)
                        .collect(),
                    outliers: outliers.remove(&o.id).unwrap_or_default(),
                    missing_evidence,
                },
            }
        })
        .collect();
    // An empty period points to the last month that has work, so that a reviewer opening
    // the page early in a month is not left on an empty list.
    let empty = rows
        .iter()
        .all(|o| o.drafts + o.waiting + o.returned + o.approved == 0 && o.score_id.is_none());
    let last_month_with_data = if empty && !ids.is_empty() {
        last_work_before(db, &ids, from)
            .await?
            .map(|d| PeriodCode::month_of(d).to_string())
    } else {
        None
    };
    Ok(UnitBoard {
        unit_id,
        unit_name: unit.name.clone(),
        last_month_with_data,
        agency_name: tree
            .agency_of(unit_id)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        units,
        period: code,
        from,
        to,
        period_status: period.as_ref().map(|p| p.status),
        general_max: general_max(db, from).await?,
        officers: rows,
        grades: grades.into_values().collect(),
        appeals: match &period {
            Some(p) => crate::ssr::services::appeals::views(db, Some(&ids), p.id).await?,
            None => Vec::new(),
        },
        delegations: crate::ssr::services::delegations::of_unit(db, reviewer, unit_id).await?,
    })
}

/// The latest day before `before` on which one of `officers` logged work.
async fn last_work_before<C: ConnectionTrait>(
    db: &C,
    officers: &[i32],
    before: NaiveDate,
) -> Result<Option<NaiveDate>, AppError> {
    let mut latest: Option<NaiveDate> = None;
    for chunk in officers.chunks(500) {
        let day: Option<Option<NaiveDate>> = wle::Entity::find()
            .select_only()
            .column_as(wle::Column::WorkDate.max(), "day")
            .filter(wle::Column::OfficerId.is_in(chunk.to_vec()))
            .filter(wle::Column::WorkDate.lt(before))
            .into_tuple()
            .one(db)
            .await?;
        latest = latest.max(day.flatten());
    }
    Ok(latest)
}

/// Enters (or corrects) an officer's general-criteria points for a period. `expected_lock`
/// is the points' `lock_version` as the reviewer saw it (0: none entered yet).
pub async fn save_points<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    officer_id: i32,
    period_code: &str,
    general: f64,
    disqualified: bool,
    expected_lock: i32,
) -> Result<criteria_points::Model, AppError> {
    let txn = db.begin().await?;
    let p = periods::ensure(&txn, periods::parse(period_code)?).await?;
    let max = general_max(&txn, p.starts_on).await?;
    if !(general.is_finite() && (0.0..=max).contains(&general)) {
        return Err(AppError::notice(
            "general",
            Notice::GeneralPointsRange {
                max: max.round() as i32,
            },
        ));
    }
    let approved = period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::OfficerId.eq(officer_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .filter(period_score::Column::ApprovedAt.is_not_null())
        .one(&txn)
        .await?;
    if approved.is_some() {
        return Err(AppError::refused("general", Msg::UnitPointsApproved));
    }
    let existing = criteria_points::Entity::find()
        .filter(criteria_points::Column::PeriodId.eq(p.id))
        .filter(criteria_points::Column::OfficerId.eq(officer_id))
        .one(&txn)
        .await?;
    let now = Utc::now();
    let snapshot = |c: &criteria_points::Model| {
        json!({"officer_id": c.officer_id, "period": p.code, "general": c.general,
               "disqualified": c.disqualified, "lock_version": c.lock_version})
    };
    let (saved, before) = match existing {
        Some(c) => {
            if c.lock_version != expected_lock {
                return Err(AppError::Conflict);
            }
            let before = snapshot(&c);
            let res = criteria_points::Entity::update_many()
                .col_expr(criteria_points::Column::General, Expr::value(general))
                .col_expr(
                    criteria_points::Column::Disqualified,
                    Expr::value(disqualified),
                )
                .col_expr(criteria_points::Column::EnteredBy, Expr::value(actor.id))
                .col_expr(criteria_points::Column::EnteredAt, Expr::value(now))
                .col_expr(
                    criteria_points::Column::LockVersion,
                    Expr::value(c.lock_version + 1),
                )
                .filter(criteria_points::Column::Id.eq(c.id))
                .filter(criteria_points::Column::LockVersion.eq(c.lock_version))
                .exec(&txn)
                .await?;
            if res.rows_affected != 1 {
                return Err(AppError::Conflict);
            }
            let saved = criteria_points::Entity::find_by_id(c.id)
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            (saved, Some(before))
        }
        None => {
            if expected_lock != 0 {
                return Err(AppError::Conflict);
            }
            let saved = criteria_points::ActiveModel {
                officer_id: Set(officer_id),
                period_id: Set(p.id),
                general: Set(general),
                reform_it: Set(None),
                disqualified: Set(disqualified),
                entered_by: Set(actor.id),
                entered_at: Set(now),
                lock_version: Set(1),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (saved, None)
        }
    };
    let mut change =
        Change::new("criteria.enter", "criteria_points", saved.id).after(&snapshot(&saved));
    if let Some(b) = &before {
        change = change.before(b);
    }
    audit::record(&txn, actor, change).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Scores a unit's period. The run takes in the unit's whole agency, so that every cohort
/// (and its 20 % cap) is complete, but stores new scores only for the unit's officers, and
/// only where something changed; approved scores are left alone.
pub async fn score_unit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    unit_id: i32,
    period_code: &str,
) -> Result<ScoreRun, AppError> {
    let tree = UnitTree::load(db).await?;
    let agency = tree.agency_of(unit_id).ok_or(AppError::NotFound)?;
    let code = periods::parse(period_code)?;
    // A durable job like every scoring run (a second click joins it); one agency's month
    // takes seconds, so the reviewer's request waits for its result.
    let id = jobs::enqueue_score(db, actor, code, Some(agency.id), Policy::Unit(unit_id)).await?;
    let job = jobs::wait(db, id, UNIT_WAIT).await?;
    if let Some(e) = jobs::error_of(&job) {
        return Err(e);
    }
    if job.status == JobStatus::Cancelled {
        return Err(AppError::refused("period", Msg::JobCancelled));
    }
    jobs::score_result(&job).ok_or(AppError::refused("period", Msg::JobStillRunning))
}

/// How long the reviewer's "score" request waits for its job.
const UNIT_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Approves a unit's period: the current scores the reviewer saw (`seen`, their ids) are
/// approved and the officers' approved entries of the period locked. Refused while entries
/// wait for review, an officer has no score or a score is stale; a conflict when the
/// scores changed since the reviewer looked.
pub async fn approve_unit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    reviewer: &Subject,
    unit_id: i32,
    period_code: &str,
    seen: &[i64],
) -> Result<usize, AppError> {
    let txn = db.begin().await?;
    let b = board(&txn, reviewer, Some(unit_id), period_code).await?;
    if let Some(blocker) = b.approval_blockers().first() {
        let notice = |notice| AppError::notice("period", notice);
        return Err(match *blocker {
            ApprovalBlocker::Waiting(count) => notice(Notice::EntriesAwaitReview { count }),
            ApprovalBlocker::NotComputed(count) => notice(Notice::OfficersNotScored { count }),
            ApprovalBlocker::Stale(count) => notice(Notice::ScoresStale { count }),
            ApprovalBlocker::OpenAppeals(count) => notice(Notice::AppealsUnanswered { count }),
            ApprovalBlocker::AlreadyApproved => {
                AppError::refused("period", Msg::UnitPeriodApproved)
            }
        });
    }
    let current: HashSet<i64> = b.officers.iter().filter_map(|o| o.score_id).collect();
    if current != seen.iter().copied().collect::<HashSet<_>>() {
        return Err(AppError::Conflict);
    }
    let p = period::Entity::find()
        .filter(period::Column::Code.eq(b.period.clone()))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let ids: Vec<i64> = current.into_iter().collect();
    let officers: Vec<i32> = b.officers.iter().map(|o| o.id).collect();
    period_score::Entity::update_many()
        .col_expr(period_score::Column::ApprovedAt, Expr::value(Utc::now()))
        .filter(period_score::Column::Id.is_in(ids.clone()))
        .filter(period_score::Column::SupersededBy.is_null())
        .filter(period_score::Column::ApprovedAt.is_null())
        .exec(&txn)
        .await?;
    let locked = work_log::move_officers_entries(
        &txn,
        &officers,
        &p,
        EntryStatus::Approved,
        EntryStatus::Locked,
    )
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("period.approve_unit", "unit", unit_id).after(&json!({
            "period": p.code, "unit": b.unit_name, "officers": officers,
            "scores": ids, "entries_locked": locked,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), 0.0);
        assert_eq!(median(&mut [5.0]), 5.0);
        assert_eq!(median(&mut [9.0, 1.0, 4.0]), 4.0);
        assert_eq!(median(&mut [1.0, 10.0, 2.0, 3.0]), 2.5);
    }
}
