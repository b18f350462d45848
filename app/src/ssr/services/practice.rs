//! Practice mode (thực hành): an officer logs and "submits" practice entries against their
//! own catalog, with the diary's form and checks, and sees what the month's score would be
//! if their head confirmed the submitted entries as logged.
//!
//! Practice entries live in `practice_entries`, which nothing else reads: the review queue,
//! the unit board, scoring, reports, exports and the e-office API all read
//! `work_log_entries`, so a practice entry cannot reach a reviewer or a score. The preview
//! runs the formula that would score the officer on the engine pool and stores nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Utc;
use rubric_rules::{Officer, ParamValues, ScoringInput};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::error::AppError;
use crate::i18n::{vietnam_date, Msg};
use crate::models::{
    EntryStatus, PeriodCode, PeriodKind, PeriodStatus, Practice, PracticePreview, WorkLogInput,
};
use crate::ssr::entities::work_log_entry as wle;
use crate::ssr::entities::{
    catalog_item, period, position, practice_entry as pe, rule_set, unit, user,
};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::scoring::{load, rules_period, score};
use crate::ssr::services::{diary, job_descriptions, periods, rule_versions, work_log};

/// Practice entries an officer may keep at once (`Msg::PracticeFull` says the number).
pub const LIMIT: usize = 200;

/// The month shown: `text`, or the current month in Vietnam when empty. Only a month.
fn month(text: &str) -> Result<PeriodCode, AppError> {
    let code = match text.trim() {
        "" => PeriodCode::month_of(vietnam_date(Utc::now())),
        t => periods::parse(t)?,
    };
    if code.kind() != PeriodKind::Month {
        return Err(AppError::refused("period", Msg::PracticeMonthOnly));
    }
    Ok(code)
}

/// The general-criteria points the officer assumes: empty for none, else 0 to 100.
pub fn parse_general(text: &str) -> Result<Option<f64>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match crate::i18n::parse_number(t) {
        Some(v) if v.is_finite() && (0.0..=100.0).contains(&v) => Ok(Some(v)),
        _ => Err(AppError::refused("general", Msg::PracticeBadGeneral)),
    }
}

/// The officer's practice month: their entries (drafts and "submitted"), the catalog, and
/// the preview of the month's score from the submitted ones.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    officer_id: i32,
    period: &str,
    general: &str,
) -> Result<Practice, AppError> {
    let code = month(period)?;
    let general = parse_general(general)?;
    let officer = user::Entity::find_by_id(officer_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (from, to) = (code.starts_on(), code.ends_on());
    let rows = pe::Entity::find()
        .filter(pe::Column::OfficerId.eq(officer_id))
        .filter(pe::Column::WorkDate.between(from, to))
        .order_by_desc(pe::Column::WorkDate)
        .order_by_desc(pe::Column::Id)
        .all(db)
        .await?;
    let entries = diary::views(db, rows.iter().map(as_diary_row).collect()).await?;
    let submitted_hours = entries
        .iter()
        .filter(|e| e.status == EntryStatus::Submitted)
        .map(|e| e.standard_hours)
        .sum();
    let preview = preview(db, pool, &officer, code, &rows, general, submitted_hours).await?;
    Ok(Practice {
        diary: crate::models::Diary {
            officer_id,
            period: code.to_string(),
            from,
            to,
            today: vietnam_date(Utc::now()),
            entries,
            catalog: diary::catalog_for(db, officer_id).await?,
        },
        general,
        preview,
    })
}

/// A practice entry shown as a diary line (in memory only: it is never written to the work
/// log). Drafts stay drafts; "submitted" ones show as submitted.
fn as_diary_row(e: &pe::Model) -> wle::Model {
    wle::Model {
        id: e.id,
        external_id: None,
        api_client_id: None,
        officer_id: e.officer_id,
        work_date: e.work_date,
        catalog_item_id: e.catalog_item_id,
        off_catalog_description: e.off_catalog_description.clone(),
        proposed_minutes: e.proposed_minutes,
        assigned_qty: e.assigned_qty,
        completed_qty: e.completed_qty,
        assigned_on: e.assigned_on,
        deadline: e.deadline,
        completed_on: e.completed_on,
        source_document: e.source_document.clone(),
        note: e.note.clone(),
        status: if e.submitted_at.is_some() {
            EntryStatus::Submitted
        } else {
            EntryStatus::Draft
        },
        return_reason: None,
        quality_failures: 0,
        delays: 0,
        objective_cause: false,
        reviewed_by: None,
        reviewed_at: None,
        lock_version: 0,
        created_at: e.created_at,
        updated_at: e.created_at,
    }
}

/// Serializes one officer's practice changes: a write that changes nothing on their user
/// row. PostgreSQL holds its row lock until the transaction ends; SQLite takes its single
/// write lock before anything is read. So two adds racing at the limit cannot both pass.
async fn lock_officer<C: ConnectionTrait>(txn: &C, officer_id: i32) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::FullName, Expr::col(user::Column::FullName))
        .filter(user::Column::Id.eq(officer_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Adds a practice draft, checked as a diary entry is (the task must be in the officer's
/// catalog in force on the day). Refused beyond [`LIMIT`] entries.
pub async fn add<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    officer_id: i32,
    input: &WorkLogInput,
) -> Result<i64, AppError> {
    work_log::validate(input)?;
    let txn = db.begin().await?;
    lock_officer(&txn, officer_id).await?;
    if let Some(item) = input.catalog_item_id {
        job_descriptions::check_officer_item(&txn, officer_id, input.work_date, item).await?;
    }
    let held = pe::Entity::find()
        .filter(pe::Column::OfficerId.eq(officer_id))
        .count(&txn)
        .await?;
    if held >= LIMIT as u64 {
        return Err(AppError::refused("work_date", Msg::PracticeFull));
    }
    let saved = pe::ActiveModel {
        officer_id: Set(officer_id),
        work_date: Set(input.work_date),
        catalog_item_id: Set(input.catalog_item_id),
        off_catalog_description: Set(input.off_catalog_description.clone()),
        proposed_minutes: Set(input.proposed_minutes),
        assigned_qty: Set(input.quantity),
        completed_qty: Set(input.completed_qty.unwrap_or(input.quantity)),
        assigned_on: Set(input.assigned_on),
        deadline: Set(input.deadline),
        completed_on: Set(input.completed_on),
        source_document: Set(input.source_document.clone()),
        note: Set(input.note.clone()),
        submitted_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// "Submits" the officer's practice drafts of the month: they count in the preview.
pub async fn submit<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period: &str,
) -> Result<u64, AppError> {
    let code = month(period)?;
    let done = pe::Entity::update_many()
        .col_expr(pe::Column::SubmittedAt, Expr::value(Utc::now()))
        .filter(pe::Column::OfficerId.eq(officer_id))
        .filter(pe::Column::WorkDate.between(code.starts_on(), code.ends_on()))
        .filter(pe::Column::SubmittedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Deletes one of the officer's practice entries; another's is not found.
pub async fn delete<C: ConnectionTrait>(db: &C, officer_id: i32, id: i64) -> Result<(), AppError> {
    let done = pe::Entity::delete_many()
        .filter(pe::Column::Id.eq(id))
        .filter(pe::Column::OfficerId.eq(officer_id))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Deletes all of the officer's practice entries (start again).
pub async fn clear<C: ConnectionTrait>(db: &C, officer_id: i32) -> Result<u64, AppError> {
    Ok(pe::Entity::delete_many()
        .filter(pe::Column::OfficerId.eq(officer_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// The month scored from the submitted practice entries, confirmed as logged (no quality
/// failures, no delays), with the general-criteria points the officer assumes, by the
/// formula that would score them (their position's, their agency's, or the province's),
/// on the engine pool.
/// Scored alone: the 20 % cap, which compares the officer with their cohort, is applied
/// only when the real month is scored. `None` when nothing is submitted. `standard_hours`:
/// the submitted entries' hours, as their diary lines count them.
async fn preview<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    officer: &user::Model,
    code: PeriodCode,
    rows: &[pe::Model],
    general: Option<f64>,
    standard_hours: f64,
) -> Result<Option<PracticePreview>, AppError> {
    let submitted: Vec<pe::Model> = rows
        .iter()
        .filter(|e| e.submitted_at.is_some())
        .cloned()
        .collect();
    if submitted.is_empty() {
        return Ok(None);
    }
    // The month as scoring sees it; never stored.
    let p = period::Model {
        id: 0,
        code: code.to_string(),
        kind: "month".into(),
        starts_on: code.starts_on(),
        ends_on: code.ends_on(),
        status: PeriodStatus::Open,
        lock_version: 0,
        stats_at: None,
    };
    let position = match officer.position_id {
        Some(id) => position::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let tree = UnitTree::load(db).await?;
    let agency = officer
        .unit_id
        .and_then(|u| tree.agency_of(u))
        .map(|a| a.id);
    let unit_code = officer
        .unit_id
        .and_then(|u| tree.get(u))
        .map(|u: &unit::Model| u.code.clone());
    let mut formulas = load::Formulas::new(&p, None);
    let version = formulas.version_for(db, position.as_ref(), agency).await?;
    let set = rule_set::Entity::find_by_id(version.rule_set_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let ids: HashSet<i32> = submitted.iter().filter_map(|e| e.catalog_item_id).collect();
    let items: HashMap<i32, catalog_item::Model> = catalog_item::Entity::find()
        .filter(catalog_item::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut criteria = BTreeMap::new();
    if let Some(g) = general {
        criteria.insert("general".to_string(), g);
    }
    let input = ScoringInput {
        period: rules_period(&p),
        officers: vec![Officer {
            id: officer.id.to_string(),
            name: Some(officer.full_name.clone()),
            unit: unit_code,
            position: position.as_ref().map(|p| p.code.clone()),
            cohort: format!("practice:{}", officer.id),
            disqualified: false,
            criteria,
            entries: load::practice_entries(&submitted, &items).into(),
            led_unit: None,
            months: Vec::new(),
        }],
    };
    // One engine job (the compiled script comes from the engine's cache), queued for the
    // officer's seat rather than refused: a page view waits its turn instead of failing
    // when the officer has another request in flight.
    let source = rule_versions::source_of(&version);
    let results = pool
        .background()
        .run(Some(officer.id), move |engine| {
            let rules = engine.compile(&source)?;
            engine.score_alone(&rules, &input, &ParamValues::default())
        })
        .await?
        .map_err(|e| score::formula_failed(&version, e))?;
    let r = results
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("practice preview", "no result"))?;
    Ok(Some(PracticePreview {
        rule_set_name: set.name,
        rule_version_id: version.id,
        rule_version_no: version.version_no,
        entries: submitted.len(),
        standard_hours,
        total: r.total,
        grade: r.grade.filter(|g| !g.trim().is_empty()),
        reason: r.reason,
        components: r.components.into_iter().collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assumed_general_points_are_empty_or_a_vietnamese_number_from_0_to_100() {
        assert_eq!(parse_general("").unwrap(), None);
        assert_eq!(parse_general("  ").unwrap(), None);
        assert_eq!(parse_general("25").unwrap(), Some(25.0));
        assert_eq!(parse_general("27,5").unwrap(), Some(27.5));
        assert_eq!(parse_general("0").unwrap(), Some(0.0));
        assert_eq!(parse_general("100").unwrap(), Some(100.0));
        for bad in ["-1", "100,5", "mười", "NaN", "inf", "1e400"] {
            assert_eq!(
                parse_general(bad).unwrap_err().field(),
                Some("general"),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_a_month_is_practised() {
        assert_eq!(month("2026-11").unwrap().to_string(), "2026-11");
        assert!(month("").is_ok());
        for bad in ["2026", "2026-Q4", "khong-phai-ky"] {
            assert_eq!(month(bad).unwrap_err().field(), Some("period"), "{bad}");
        }
    }
}
