//! The officer's diary: their entries between two dates with standard hours and missing
//! evidence, and the approved catalog of their position, most recently used tasks first.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::{CatalogChoice, Diary, DiaryEntry, PeriodCode, WorkLogForm, WorkLogInput};
use crate::ssr::entities::{catalog_item, user, work_log_entry as wle};
use crate::ssr::services::periods;

/// The catalog of the officer's position in force today, tasks used lately first.
pub async fn catalog_for<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
) -> Result<Vec<CatalogChoice>, AppError> {
    let officer = user::Entity::find_by_id(officer_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(catalogs_for(db, &[&officer])
        .await?
        .remove(&officer_id)
        .unwrap_or_default())
}

/// The catalog each of `officers` is offered ([`catalog_for`] is it for one; the review queue
/// maps its off-catalog entries with it): one query per position among them and one for when
/// each used each task.
pub async fn catalogs_for<C: ConnectionTrait>(
    db: &C,
    officers: &[&user::Model],
) -> Result<HashMap<i32, Vec<CatalogChoice>>, AppError> {
    let today = crate::i18n::vietnam_date(chrono::Utc::now());
    let positions: std::collections::BTreeSet<i32> =
        officers.iter().filter_map(|o| o.position_id).collect();
    let mut catalogs: HashMap<i32, Vec<catalog_item::Model>> = HashMap::new();
    for position_id in positions {
        let catalog =
            crate::ssr::services::job_descriptions::catalog_in_force(db, position_id, today)
                .await?;
        catalogs.insert(position_id, catalog);
    }
    let with_catalog: Vec<i32> = officers
        .iter()
        .filter(|o| {
            o.position_id
                .and_then(|p| catalogs.get(&p))
                .is_some_and(|c| !c.is_empty())
        })
        .map(|o| o.id)
        .collect();
    let last_used = last_used_by(db, &with_catalog).await?;
    Ok(officers
        .iter()
        .map(|o| {
            let catalog = o
                .position_id
                .and_then(|p| catalogs.get(&p))
                .cloned()
                .unwrap_or_default();
            (o.id, offered(catalog, o.id, &last_used))
        })
        .collect())
}

/// When each of `officers` last used each task, in one query.
async fn last_used_by<C: ConnectionTrait>(
    db: &C,
    officers: &[i32],
) -> Result<HashMap<(i32, i32), NaiveDate>, AppError> {
    if officers.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(wle::Entity::find()
        .filter(wle::Column::OfficerId.is_in(officers.iter().copied()))
        .filter(wle::Column::CatalogItemId.is_not_null())
        .select_only()
        .column(wle::Column::OfficerId)
        .column(wle::Column::CatalogItemId)
        .column_as(wle::Column::WorkDate.max(), "last")
        .group_by(wle::Column::OfficerId)
        .group_by(wle::Column::CatalogItemId)
        .into_tuple::<(i32, i32, NaiveDate)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(officer, item, last)| ((officer, item), last))
        .collect())
}

/// A catalog as offered to `officer`: the tasks they used last first, then by code.
fn offered(
    catalog: Vec<catalog_item::Model>,
    officer: i32,
    last_used: &HashMap<(i32, i32), NaiveDate>,
) -> Vec<CatalogChoice> {
    let mut items: Vec<CatalogChoice> = catalog
        .into_iter()
        .map(|i| {
            let used = last_used.get(&(officer, i.id)).copied();
            choice(i, used)
        })
        .collect();
    items.sort_by(|a, b| {
        b.last_used
            .cmp(&a.last_used)
            .then_with(|| a.code.cmp(&b.code))
    });
    items
}

/// A catalog task as offered to the officer, last used on `last_used`.
fn choice(i: catalog_item::Model, last_used: Option<NaiveDate>) -> CatalogChoice {
    CatalogChoice {
        last_used,
        id: i.id,
        code: i.code,
        group_code: i.group_code,
        name: i.name,
        unit_of_measure: i.unit_of_measure,
        norm_minutes: i.norm_minutes,
        coefficient: i.coefficient,
        evidence_required: i.evidence_required,
    }
}

/// The officer's entries from `from` to `to`, newest day first.
pub async fn diary<C: ConnectionTrait>(
    db: &C,
    officer_id: i32,
    period: &str,
) -> Result<Diary, AppError> {
    let today = chrono::Utc::now().date_naive();
    let code = match period.trim() {
        "" => PeriodCode::month_of(today),
        p => periods::parse(p)?,
    };
    let period = code.to_string();
    let (from, to) = (code.starts_on(), code.ends_on());
    let rows = wle::Entity::find()
        .filter(wle::Column::OfficerId.eq(officer_id))
        .filter(wle::Column::WorkDate.between(from, to))
        .order_by_desc(wle::Column::WorkDate)
        .order_by_desc(wle::Column::Id)
        .all(db)
        .await?;
    let catalog = catalog_for(db, officer_id).await?;
    let entries = views_knowing(db, rows, &catalog).await?;
    Ok(Diary {
        officer_id,
        period,
        from,
        to,
        today,
        entries,
        catalog,
    })
}

/// Diary lines for entries: their task, standard hours and missing evidence.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<wle::Model>,
) -> Result<Vec<DiaryEntry>, AppError> {
    views_knowing(db, rows, &[]).await
}

/// [`views`], with the tasks of `known` (the officer's catalog, already read) not read again:
/// only an entry naming a task outside it (of an earlier job description) costs a query.
async fn views_knowing<C: ConnectionTrait>(
    db: &C,
    rows: Vec<wle::Model>,
    known: &[CatalogChoice],
) -> Result<Vec<DiaryEntry>, AppError> {
    let missing: std::collections::BTreeSet<i32> = rows
        .iter()
        .filter_map(|e| e.catalog_item_id)
        .filter(|id| !known.iter().any(|c| c.id == *id))
        .collect();
    let others: Vec<CatalogChoice> = if missing.is_empty() {
        Vec::new()
    } else {
        catalog_item::Entity::find()
            .filter(catalog_item::Column::Id.is_in(missing))
            .all(db)
            .await?
            .into_iter()
            .map(|i| choice(i, None))
            .collect()
    };
    let items: HashMap<i32, &CatalogChoice> =
        known.iter().chain(&others).map(|c| (c.id, c)).collect();
    Ok(rows
        .into_iter()
        .map(|e| {
            let item = e.catalog_item_id.and_then(|id| items.get(&id));
            let standard_hours = standard_hours(
                e.completed_qty,
                e.proposed_minutes,
                item.map(|i| (i.norm_minutes, i.coefficient)),
            );
            let evidence_missing = evidence_missing(
                item.is_some_and(|i| i.evidence_required),
                e.source_document.as_deref(),
            );
            DiaryEntry {
                id: e.id,
                work_date: e.work_date,
                catalog_item_id: e.catalog_item_id,
                task_code: item.map(|i| i.code.clone()),
                task_name: item.map(|i| i.name.clone()),
                unit_of_measure: item.map(|i| i.unit_of_measure.clone()),
                off_catalog_description: e.off_catalog_description,
                proposed_minutes: e.proposed_minutes,
                assigned_qty: e.assigned_qty,
                completed_qty: e.completed_qty,
                assigned_on: e.assigned_on,
                deadline: e.deadline,
                completed_on: e.completed_on,
                source_document: e.source_document,
                note: e.note,
                status: e.status,
                return_reason: e.return_reason,
                lock_version: e.lock_version,
                standard_hours,
                evidence_missing,
            }
        })
        .collect())
}

/// An entry's standard hours: its quantity at its task's norm and coefficient (`item`), or,
/// for off-catalog work, the minutes the officer proposed.
pub(crate) fn standard_hours(
    completed_qty: f64,
    proposed_minutes: Option<f64>,
    item: Option<(f64, f64)>,
) -> f64 {
    match item {
        Some((norm_minutes, coefficient)) => completed_qty * norm_minutes / 60.0 * coefficient,
        None => proposed_minutes.unwrap_or(0.0) / 60.0,
    }
}

/// Whether an entry lacks the document number its task requires.
pub(crate) fn evidence_missing(required: bool, source_document: Option<&str>) -> bool {
    required && source_document.is_none_or(|s| s.trim().is_empty())
}

fn date(field: &str, text: &str) -> Result<Option<NaiveDate>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map(Some)
        .map_err(|_| AppError::refused(field, Msg::DiaryBadDate))
}

fn number(field: &str, text: &str) -> Result<Option<f64>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    crate::i18n::parse_number(t)
        .map(Some)
        .ok_or_else(|| AppError::refused(field, Msg::DiaryBadNumber))
}

fn text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.chars().take(2000).collect())
}

/// Parses the diary form; the work-log service then checks the values themselves.
pub fn parse_form(form: &WorkLogForm) -> Result<WorkLogInput, AppError> {
    let work_date = date("work_date", &form.work_date)?
        .ok_or_else(|| AppError::refused("work_date", Msg::DiaryDateRequired))?;
    let catalog_item_id = match form.catalog_item_id.trim() {
        "" => None,
        t => Some(
            t.parse::<i32>()
                .map_err(|_| AppError::refused("catalog_item_id", Msg::UserUnknownChoice))?,
        ),
    };
    Ok(WorkLogInput {
        work_date,
        catalog_item_id,
        off_catalog_description: text(&form.off_catalog_description),
        proposed_minutes: number("proposed_minutes", &form.proposed_minutes)?,
        quantity: number("quantity", &form.quantity)?
            .ok_or_else(|| AppError::refused("quantity", Msg::DiaryBadNumber))?,
        completed_qty: number("completed_qty", &form.completed_qty)?,
        assigned_on: date("assigned_on", &form.assigned_on)?,
        deadline: date("deadline", &form.deadline)?,
        completed_on: date("completed_on", &form.completed_on)?,
        source_document: text(&form.source_document),
        note: text(&form.note),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_accepts_vietnamese_numbers_and_dates_and_names_bad_fields() {
        let form = WorkLogForm {
            work_date: "05/10/2026".into(),
            catalog_item_id: "12".into(),
            quantity: "1,5".into(),
            deadline: "2026-10-07".into(),
            ..Default::default()
        };
        let input = parse_form(&form).expect("parse");
        assert_eq!(
            input.work_date,
            NaiveDate::from_ymd_opt(2026, 10, 5).unwrap()
        );
        assert_eq!(input.quantity, 1.5);
        assert_eq!(input.catalog_item_id, Some(12));
        assert_eq!(input.completed_on, None);
        let bad = WorkLogForm {
            quantity: "mười".into(),
            ..form.clone()
        };
        assert_eq!(parse_form(&bad).unwrap_err().field(), Some("quantity"));
        let no_date = WorkLogForm {
            work_date: String::new(),
            ..form
        };
        assert_eq!(parse_form(&no_date).unwrap_err().field(), Some("work_date"));
    }
}
