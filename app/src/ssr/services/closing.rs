//! The closing chain of a period, bottom to top, each step locking what is beneath it:
//!
//! 1. a head approves their unit ([`crate::ssr::services::unit_board::approve_unit`]): the
//!    officers' current scores are approved and their entries locked;
//! 2. the agency's director closes the agency ([`close_agency`]) once every officer of it
//!    has an approved score; its units can no longer be reopened;
//! 3. the committee publishes the period ([`publish`]) once every agency with officers is
//!    closed; the officers' results stop being provisional and no agency can be reopened.
//!
//! Each step is undone from the top only, with a reason kept in the audit trail:
//! [`reopen_period`], then [`reopen_agency`], then [`reopen_unit`]. While an officer's
//! month is approved the officer can no longer add or change entries of that month
//! ([`check_entry_open`]).
//!
//! Each period has a calendar ([`Deadlines`]; the default unless an administrator set it,
//! [`set_deadlines`]); the closing page marks the units, agencies and the period that are
//! past their step's day.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};
use serde_json::json;

use crate::authz::{decide, Action, Subject};
use crate::error::AppError;
use crate::i18n::{Act, Msg, Notice};
use crate::models::{
    AgencyClosingRow, ClosingBoard, Deadlines, DeadlinesForm, EntryStatus, NotificationEvent,
    PeriodCode, PeriodStatus, UnitClosingRow,
};
use crate::ssr::entities::{agency_closing, period, period_deadline, period_score, user};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::{notifications, periods, unit_board, work_log};

/// The longest reason for reopening, in characters.
pub const REASON_MAX: usize = 1000;

/// A reopening's reason, trimmed: required, at most [`REASON_MAX`] characters.
fn reason(text: &str) -> Result<&str, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::refused("reason", Msg::ClosingReasonRequired));
    }
    if text.chars().count() > REASON_MAX {
        return Err(AppError::notice(
            "reason",
            Notice::TextTooLong {
                limit: REASON_MAX as u32,
            },
        ));
    }
    Ok(text)
}

/// The period a closing step acts on: it must exist (it has scores). Inside the step's
/// transaction, before anything else is read, it serializes the closing steps of the period
/// (as `units::lock_tree` does for the tree): a write that changes nothing on the period's
/// row holds its lock on PostgreSQL, and takes the single write lock on SQLite. So a unit
/// reopened while its agency is being closed, or an agency reopened while the period is
/// being published, waits and then sees the other step's result.
async fn period_of<C: ConnectionTrait>(db: &C, code: &str) -> Result<period::Model, AppError> {
    let code = periods::parse(code)?;
    period::Entity::update_many()
        .col_expr(
            period::Column::LockVersion,
            Expr::col(period::Column::LockVersion),
        )
        .filter(period::Column::Code.eq(code.to_string()))
        .exec(db)
        .await?;
    periods::existing(db, code).await
}

fn refuse_if_published(p: &period::Model) -> Result<(), AppError> {
    if p.status == PeriodStatus::Published {
        return Err(AppError::notice(
            "period",
            Notice::PeriodPublishedLocked {
                code: p.code.clone(),
            },
        ));
    }
    Ok(())
}

/// The agency's closing of period `period_id`, if its director closed it.
async fn closing_of<C: ConnectionTrait>(
    db: &C,
    period_id: i32,
    agency_id: i32,
) -> Result<Option<agency_closing::Model>, AppError> {
    Ok(agency_closing::Entity::find()
        .filter(agency_closing::Column::PeriodId.eq(period_id))
        .filter(agency_closing::Column::AgencyId.eq(agency_id))
        .one(db)
        .await?)
}

/// The agencies whose director closed period `period_id` (none for a period not created).
async fn closed_agencies<C: ConnectionTrait>(
    db: &C,
    period_id: Option<i32>,
) -> Result<HashSet<i32>, AppError> {
    let Some(period_id) = period_id else {
        return Ok(HashSet::new());
    };
    Ok(agency_closing::Entity::find()
        .filter(agency_closing::Column::PeriodId.eq(period_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.agency_id)
        .collect())
}

/// The agencies with officers that are not closed: what publishing waits for.
fn open_agencies<'a>(
    rows: &'a BTreeMap<i32, AgencyClosingRow>,
    closed: &'a HashSet<i32>,
) -> impl Iterator<Item = &'a AgencyClosingRow> {
    rows.values()
        .filter(|a| a.officers() > 0 && !closed.contains(&a.id))
}

/// Per officer of `officers` with a current score for the period: whether it is approved.
async fn score_states<C: ConnectionTrait>(
    db: &C,
    period_id: Option<i32>,
    officers: &[user::Model],
) -> Result<HashMap<i32, bool>, AppError> {
    let Some(period_id) = period_id else {
        return Ok(HashMap::new());
    };
    let ids: Vec<i32> = officers.iter().map(|o| o.id).collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for s in period_score::Entity::find()
            .filter(period_score::Column::PeriodId.eq(period_id))
            .filter(period_score::Column::OfficerId.is_in(chunk.iter().copied()))
            .filter(period_score::Column::SupersededBy.is_null())
            .all(db)
            .await?
        {
            out.insert(s.officer_id, s.approved_at.is_some());
        }
    }
    Ok(out)
}

/// The agencies of the tree with their units (those with officers of their own), counted.
fn agency_rows(
    tree: &UnitTree,
    officers: &[user::Model],
    scores: &HashMap<i32, bool>,
) -> BTreeMap<i32, AgencyClosingRow> {
    let mut units: HashMap<i32, UnitClosingRow> = HashMap::new();
    for o in officers {
        let Some(unit) = o.unit_id.and_then(|u| tree.get(u)) else {
            continue;
        };
        let row = units.entry(unit.id).or_insert_with(|| UnitClosingRow {
            id: unit.id,
            code: unit.code.clone(),
            name: unit.name.clone(),
            officers: 0,
            scored: 0,
            approved: 0,
            late: false,
        });
        row.officers += 1;
        if let Some(approved) = scores.get(&o.id) {
            row.scored += 1;
            row.approved += u32::from(*approved);
        }
    }
    let mut agencies: BTreeMap<i32, AgencyClosingRow> = tree
        .all()
        .filter(|u| u.kind == "agency")
        .map(|a| {
            (
                a.id,
                AgencyClosingRow {
                    id: a.id,
                    code: a.code.clone(),
                    name: a.name.clone(),
                    units: Vec::new(),
                    closed_at: None,
                    closed_by: None,
                    can_close: false,
                    late: false,
                },
            )
        })
        .collect();
    for (_, u) in units {
        if let Some(a) = tree.agency_of(u.id).and_then(|a| agencies.get_mut(&a.id)) {
            a.units.push(u);
        }
    }
    for a in agencies.values_mut() {
        a.units.sort_by(|x, y| x.code.cmp(&y.code));
    }
    agencies
}

/// The closing page of `period_code` (this month when empty), as `subject` may see it: the
/// committee, administrators and auditors see every agency; a reviewer the agencies of the
/// units they head.
pub async fn board<C: ConnectionTrait>(
    db: &C,
    subject: &Subject,
    period_code: &str,
) -> Result<ClosingBoard, AppError> {
    let code = match period_code.trim() {
        "" => PeriodCode::month_of(crate::i18n::vietnam_date(Utc::now())),
        c => periods::parse(c)?,
    };
    let p = periods::find(db, code).await?;
    let tree = UnitTree::load(db).await?;
    let officers = unit_board::active_officers(db).await?;
    let scores = score_states(db, p.as_ref().map(|p| p.id), &officers).await?;
    let mut agencies = agency_rows(&tree, &officers, &scores);
    if let Some(p) = &p {
        let closings = agency_closing::Entity::find()
            .filter(agency_closing::Column::PeriodId.eq(p.id))
            .all(db)
            .await?;
        let closers: HashMap<i32, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(closings.iter().filter_map(|c| c.closed_by)))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.full_name))
            .collect();
        for c in closings {
            if let Some(a) = agencies.get_mut(&c.agency_id) {
                a.closed_at = Some(c.closed_at);
                a.closed_by = c.closed_by.and_then(|u| closers.get(&u).cloned());
            }
        }
    }
    let (deadlines, deadlines_set) = deadlines_of(db, code).await?;
    let today = crate::i18n::vietnam_date(Utc::now());
    let published = p
        .as_ref()
        .is_some_and(|p| p.status == PeriodStatus::Published);
    for a in agencies.values_mut() {
        for u in &mut a.units {
            u.late = !published && today > deadlines.review_by && !u.approved();
        }
        a.late = !published && today > deadlines.close_by && a.closed_at.is_none();
    }
    let sees_all = [Action::PublishPeriod, Action::ReadUsers, Action::ReadAudit]
        .iter()
        .any(|a| decide(Some(subject), a).allowed());
    let heads = subject.headed_units();
    let mut rows = Vec::new();
    for (id, mut a) in agencies {
        let chain = tree.chain(id);
        a.can_close = decide(Some(subject), &Action::CloseAgency(&chain)).allowed();
        let mine = heads
            .iter()
            .any(|h| tree.is_within(*h, id) || tree.is_within(id, *h));
        if sees_all || mine {
            rows.push(a);
        }
    }
    rows.sort_by(|x, y| x.code.cmp(&y.code));
    Ok(ClosingBoard {
        period: code.to_string(),
        period_status: p.as_ref().map(|p| p.status),
        period_lock: p.as_ref().map_or(0, |p| p.lock_version),
        agencies: rows,
        can_publish: decide(Some(subject), &Action::PublishPeriod).allowed(),
        deadlines,
        deadlines_set,
        can_set_deadlines: decide(Some(subject), &Action::SetDeadlines).allowed(),
        late: !published && today > deadlines.publish_by,
    })
}

/// The calendar of `code`, and whether an administrator set it (otherwise the default).
pub async fn deadlines_of<C: ConnectionTrait>(
    db: &C,
    code: PeriodCode,
) -> Result<(Deadlines, bool), AppError> {
    Ok(
        match period_deadline::Entity::find()
            .filter(period_deadline::Column::PeriodCode.eq(code.to_string()))
            .one(db)
            .await?
        {
            Some(d) => (
                Deadlines {
                    submit_by: d.submit_by,
                    review_by: d.review_by,
                    close_by: d.close_by,
                    publish_by: d.publish_by,
                },
                true,
            ),
            None => (Deadlines::default_for(code), false),
        },
    )
}

/// A date typed in a form, refused in `field` when it is none.
fn parse_day(field: &str, text: &str) -> Result<NaiveDate, AppError> {
    crate::i18n::parse_date(text).ok_or_else(|| AppError::refused(field, Msg::DeadlineBadDate))
}

/// An administrator sets a period's calendar: four dates after the period, in the order of
/// the steps. Audited with the calendar before and after.
#[tracing::instrument(skip_all, fields(period = %form.period, actor = %actor.name), err)]
pub async fn set_deadlines<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    form: &DeadlinesForm,
) -> Result<Deadlines, AppError> {
    let code = periods::parse(&form.period)?;
    let d = Deadlines {
        submit_by: parse_day("submit_by", &form.submit_by)?,
        review_by: parse_day("review_by", &form.review_by)?,
        close_by: parse_day("close_by", &form.close_by)?,
        publish_by: parse_day("publish_by", &form.publish_by)?,
    };
    if !d.in_order(code) {
        return Err(AppError::refused("submit_by", Msg::DeadlineOrder));
    }
    let txn = db.begin().await?;
    let (before, _) = deadlines_of(&txn, code).await?;
    period_deadline::Entity::delete_many()
        .filter(period_deadline::Column::PeriodCode.eq(code.to_string()))
        .exec(&txn)
        .await?;
    period_deadline::ActiveModel {
        period_code: Set(code.to_string()),
        submit_by: Set(d.submit_by),
        review_by: Set(d.review_by),
        close_by: Set(d.close_by),
        publish_by: Set(d.publish_by),
        set_by: Set(actor.id),
        set_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    // A racing administrator's calendar: a unique key taken, a conflict (`From<DbErr>`).
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("period.deadlines", "period", code.to_string())
            .before(&json!(before))
            .after(&json!(d)),
    )
    .await?;
    txn.commit().await?;
    Ok(d)
}

/// The director closes agency `agency_id`'s period: refused unless every officer of the
/// agency has an approved current score (the units still waiting are named), and once the
/// period is published. Two directors' clicks close it once (a unique index).
#[tracing::instrument(skip_all, fields(agency_id, actor = %actor.name), err)]
pub async fn close_agency<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    agency_id: i32,
    period_code: &str,
) -> Result<agency_closing::Model, AppError> {
    let txn = db.begin().await?;
    let p = period_of(&txn, period_code).await?;
    refuse_if_published(&p)?;
    if closing_of(&txn, p.id, agency_id).await?.is_some() {
        return Err(AppError::refused("agency", Msg::AgencyAlreadyClosed));
    }
    let tree = UnitTree::load(&txn).await?;
    let agency = tree.get(agency_id).ok_or(AppError::NotFound)?.clone();
    let officers: Vec<user::Model> = unit_board::active_officers(&txn)
        .await?
        .into_iter()
        .filter(|o| o.unit_id.is_some_and(|u| tree.is_within(u, agency_id)))
        .collect();
    let scores = score_states(&txn, Some(p.id), &officers).await?;
    let waiting: Vec<String> = agency_rows(&tree, &officers, &scores)
        .remove(&agency_id)
        .map(|a| {
            a.units
                .into_iter()
                .filter(|u| !u.approved())
                .map(|u| u.name)
                .collect()
        })
        .unwrap_or_default();
    if !waiting.is_empty() {
        return Err(AppError::notice(
            "agency",
            Notice::UnitsNotApproved { units: waiting },
        ));
    }
    let saved = agency_closing::ActiveModel {
        period_id: Set(p.id),
        agency_id: Set(agency_id),
        closed_by: Set(actor.id),
        closed_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match closing_conflict(&e) {
        true => AppError::refused("agency", Msg::AgencyAlreadyClosed),
        false => e.into(),
    })?;
    audit::record(
        &txn,
        actor,
        Change::new("period.close_agency", "unit", agency_id).after(&json!({
            "period": p.code, "agency": agency.name, "officers": officers.len(),
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Whether an insert failed on the one-closing-per-agency index (a racing click).
fn closing_conflict(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Reopens agency `agency_id`'s period (its director or the committee), with a reason;
/// refused once the period is published or when the agency is not closed.
#[tracing::instrument(skip_all, fields(agency_id, actor = %actor.name), err)]
pub async fn reopen_agency<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    agency_id: i32,
    period_code: &str,
    why: &str,
) -> Result<(), AppError> {
    let why = reason(why)?;
    let txn = db.begin().await?;
    let p = period_of(&txn, period_code).await?;
    refuse_if_published(&p)?;
    let closing = closing_of(&txn, p.id, agency_id)
        .await?
        .ok_or(AppError::refused("agency", Msg::AgencyNotClosed))?;
    let gone = agency_closing::Entity::delete_many()
        .filter(agency_closing::Column::Id.eq(closing.id))
        .exec(&txn)
        .await?;
    if gone.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    audit::record(
        &txn,
        actor,
        Change::new("period.reopen_agency", "unit", agency_id)
            .before(&json!({"period": p.code, "closed_at": closing.closed_at,
                            "closed_by": closing.closed_by}))
            .after(&json!({"period": p.code, "reason": why})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Reopens a unit's approved period (its head or above), with a reason: the approval of the
/// current scores of the unit's officers (but `reviewer`'s own) is withdrawn and their
/// locked entries of the period are approved entries again. Refused while the agency is
/// closed or the period published, and when nothing is approved.
#[tracing::instrument(skip_all, fields(unit_id, actor = %actor.name), err)]
pub async fn reopen_unit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    reviewer: &Subject,
    unit_id: i32,
    period_code: &str,
    why: &str,
) -> Result<usize, AppError> {
    let why = reason(why)?;
    let txn = db.begin().await?;
    let p = period_of(&txn, period_code).await?;
    // Approved as a whole, or published.
    if p.status.is_closed() {
        return Err(AppError::notice(
            "period",
            Notice::PeriodPublishedLocked {
                code: p.code.clone(),
            },
        ));
    }
    let tree = UnitTree::load(&txn).await?;
    let agency = tree.agency_of(unit_id).ok_or(AppError::NotFound)?.clone();
    if closing_of(&txn, p.id, agency.id).await?.is_some() {
        return Err(AppError::notice(
            "unit",
            Notice::AgencyClosedForUnit {
                agency: agency.name,
            },
        ));
    }
    let officers: Vec<i32> = unit_board::officers_of(&txn, &tree, unit_id, reviewer.user_id)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let scores = period_score::Entity::update_many()
        .col_expr(
            period_score::Column::ApprovedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::OfficerId.is_in(officers.clone()))
        .filter(period_score::Column::SupersededBy.is_null())
        .filter(period_score::Column::ApprovedAt.is_not_null())
        .exec(&txn)
        .await?;
    if scores.rows_affected == 0 {
        return Err(AppError::refused("unit", Msg::UnitNotApproved));
    }
    let entries = work_log::move_officers_entries(
        &txn,
        &officers,
        &p,
        EntryStatus::Locked,
        EntryStatus::Approved,
    )
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("period.reopen_unit", "unit", unit_id).after(&json!({
            "period": p.code, "reason": why, "officers": officers,
            "scores_reopened": scores.rows_affected, "entries_unlocked": entries,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(scores.rows_affected as usize)
}

/// The committee publishes the period: refused while an agency with officers is not closed
/// (they are named). The current scores are stamped published and any approved entry left
/// in the period is locked.
#[tracing::instrument(skip_all, fields(period = period_code, actor = %actor.name), err)]
pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    period_code: &str,
    expected_lock: i32,
) -> Result<period::Model, AppError> {
    let txn = db.begin().await?;
    let p = period_of(&txn, period_code).await?;
    refuse_if_published(&p)?;
    let tree = UnitTree::load(&txn).await?;
    let officers = unit_board::active_officers(&txn).await?;
    let closed = closed_agencies(&txn, Some(p.id)).await?;
    let rows = agency_rows(&tree, &officers, &HashMap::new());
    let open: Vec<String> = open_agencies(&rows, &closed)
        .map(|a| a.name.clone())
        .collect();
    if !open.is_empty() {
        return Err(AppError::notice(
            "period",
            Notice::AgenciesNotClosed { agencies: open },
        ));
    }
    let (_, after) = periods::advance(
        &txn,
        actor,
        p.id,
        expected_lock,
        Act::Publish,
        p.status,
        PeriodStatus::Published,
        period_score::Column::PublishedAt,
    )
    .await?;
    work_log::lock_period(&txn, actor, &p).await?;
    let officers: Vec<i32> = period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::SupersededBy.is_null())
        .select_only()
        .column(period_score::Column::OfficerId)
        .into_tuple::<i32>()
        .all(&txn)
        .await?;
    let event = NotificationEvent::PeriodPublished {
        period: p.code.clone(),
    };
    notifications::notify(&txn, &officers, &event).await?;
    txn.commit().await?;
    Ok(after)
}

/// The committee reopens a published period, with a reason: it is `scored` again, its
/// results provisional, and its agencies may be reopened.
#[tracing::instrument(skip_all, fields(period = period_code, actor = %actor.name), err)]
pub async fn reopen_period<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    period_code: &str,
    expected_lock: i32,
    why: &str,
) -> Result<period::Model, AppError> {
    let why = reason(why)?;
    let txn = db.begin().await?;
    let p = period_of(&txn, period_code).await?;
    let after = periods::move_period(
        &txn,
        actor,
        &p,
        expected_lock,
        Act::Reopen,
        PeriodStatus::Published,
        PeriodStatus::Scored,
        Some(why),
    )
    .await?;
    period_score::Entity::update_many()
        .col_expr(
            period_score::Column::PublishedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(period_score::Column::PeriodId.eq(p.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(after)
}

/// An officer's entry dated `day` may be added or changed only while the officer's result
/// for that month is not approved (nor the month approved or published as a whole).
pub async fn check_entry_open<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    day: NaiveDate,
) -> Result<(), AppError> {
    let code = PeriodCode::month_of(day);
    let Some(p) = periods::find(db, code).await? else {
        return Ok(());
    };
    let approved = p.status.is_closed()
        || period_score::Entity::find()
            .filter(period_score::Column::PeriodId.eq(p.id))
            .filter(period_score::Column::OfficerId.eq(officer_id))
            .filter(period_score::Column::SupersededBy.is_null())
            .filter(period_score::Column::ApprovedAt.is_not_null())
            .one(db)
            .await?
            .is_some();
    if approved {
        return Err(AppError::notice(
            "work_date",
            Notice::MonthApprovedForEntries {
                period: code.to_string(),
            },
        ));
    }
    Ok(())
}

/// Who still has a step to take in a period that is not published: the units with an
/// officer whose result is not approved (or not scored), and the agencies with officers not
/// yet closed. `None` once the period is published.
pub(crate) struct Outstanding {
    pub units: Vec<i32>,
    pub agencies: Vec<i32>,
}

pub(crate) async fn outstanding<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    code: PeriodCode,
) -> Result<Option<Outstanding>, AppError> {
    let p = periods::find(db, code).await?;
    if p.as_ref()
        .is_some_and(|p| p.status == PeriodStatus::Published)
    {
        return Ok(None);
    }
    let officers = unit_board::active_officers(db).await?;
    let scores = score_states(db, p.as_ref().map(|p| p.id), &officers).await?;
    let closed = closed_agencies(db, p.as_ref().map(|p| p.id)).await?;
    let agencies = agency_rows(tree, &officers, &scores);
    Ok(Some(Outstanding {
        units: agencies
            .values()
            .flat_map(|a| a.units.iter())
            .filter(|u| !u.approved())
            .map(|u| u.id)
            .collect(),
        agencies: open_agencies(&agencies, &closed).map(|a| a.id).collect(),
    }))
}
