//! The figures stored with the scores: each score's work (standard hours, entries, days
//! above the norm), and per period the current scores summed by unit, status, grade and
//! reason (`period_unit_stats`), rebuilt by every run that writes scores. The committee's
//! dashboard and the reports read these few hundred rows instead of a province's scores
//! and work logs.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::error::AppError;
use crate::models::{PeriodKind, ScoreStatus, DAY_HOURS_LIMIT};
use crate::ssr::entities::{period, period_score, period_unit_stat};

/// Rows written per INSERT statement.
const WRITE_BATCH: usize = 500;

/// The work behind one officer's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Work {
    /// `None` for quarters and years (scored from months, not from entries).
    pub standard_hours: Option<f64>,
    pub entries: i32,
    pub days_over_norm: i32,
}

/// The work of the entries a month's score was computed from.
pub fn work_of(kind: &str, officer: &rubric_rules::Officer) -> Work {
    if PeriodKind::parse(kind) != Some(PeriodKind::Month) {
        return Work {
            standard_hours: None,
            entries: 0,
            days_over_norm: 0,
        };
    }
    let mut by_day: HashMap<Option<NaiveDate>, f64> = HashMap::new();
    let mut total = 0.0;
    for e in officer.entries.iter() {
        let hours = e.completed_qty * e.norm_minutes / 60.0 * e.coefficient;
        total += hours;
        *by_day.entry(e.date).or_default() += hours;
    }
    let over = by_day
        .iter()
        .filter(|(day, h)| day.is_some() && **h > DAY_HOURS_LIMIT + 1e-9)
        .count();
    Work {
        standard_hours: Some(total),
        entries: officer.entries.len() as i32,
        days_over_norm: over as i32,
    }
}

type Key = (Option<i32>, ScoreStatus, Option<String>, Option<String>);

/// A current score as the figures read it: unit, status, grade, reason, total, standard
/// hours, entries, days above the norm.
type ScoreFigures = (
    Option<i32>,
    ScoreStatus,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<f64>,
    i32,
    i32,
);

#[derive(Default)]
struct Sums {
    officers: i32,
    total: f64,
    hours: f64,
    entries: i32,
    days_over: i32,
    officers_over: i32,
}

/// Rebuilds the period's figures from its current scores, in the caller's transaction.
/// The period's row is written first, so two rebuilds of one period wait for each other
/// instead of both inserting.
pub async fn refresh<C: ConnectionTrait>(db: &C, p: &period::Model) -> Result<(), AppError> {
    period::Entity::update_many()
        .col_expr(period::Column::StatsAt, Expr::value(Utc::now()))
        .filter(period::Column::Id.eq(p.id))
        .exec(db)
        .await?;
    // Scores stored before the unit was kept with them count in the officer's unit of today.
    period_score::Entity::update_many()
        .col_expr(
            period_score::Column::UnitId,
            Expr::cust("(SELECT u.unit_id FROM users u WHERE u.id = period_scores.officer_id)"),
        )
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::UnitId.is_null())
        .exec(db)
        .await?;
    period_unit_stat::Entity::delete_many()
        .filter(period_unit_stat::Column::PeriodId.eq(p.id))
        .exec(db)
        .await?;
    let rows: Vec<ScoreFigures> = period_score::Entity::find()
        .select_only()
        .columns([
            period_score::Column::UnitId,
            period_score::Column::Status,
            period_score::Column::Grade,
            period_score::Column::Reason,
            period_score::Column::Total,
            period_score::Column::StandardHours,
            period_score::Column::EntryCount,
            period_score::Column::DaysOverNorm,
        ])
        .filter(period_score::Column::PeriodId.eq(p.id))
        .filter(period_score::Column::SupersededBy.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let days = crate::models::working_days(p.starts_on, p.ends_on).max(1) as f64;
    let mut groups: BTreeMap<Key, Sums> = BTreeMap::new();
    for (unit, status, grade, reason, total, hours, entries, days_over) in rows {
        let reason = (status == ScoreStatus::NotScored)
            .then_some(reason)
            .flatten();
        let g = groups.entry((unit, status, grade, reason)).or_default();
        g.officers += 1;
        g.total += total.unwrap_or(0.0);
        g.hours += hours.unwrap_or(0.0);
        g.entries += entries;
        g.days_over += days_over;
        if hours.is_some_and(|h| h / days > DAY_HOURS_LIMIT + 1e-9) {
            g.officers_over += 1;
        }
    }
    let mut models = groups
        .into_iter()
        .map(
            |((unit, status, grade, reason), s)| period_unit_stat::ActiveModel {
                period_id: Set(p.id),
                unit_id: Set(unit),
                status: Set(status),
                grade: Set(grade),
                reason: Set(reason),
                officers: Set(s.officers),
                total_sum: Set(s.total),
                standard_hours_sum: Set(s.hours),
                entry_count: Set(s.entries),
                days_over_norm: Set(s.days_over),
                officers_over_norm: Set(s.officers_over),
                ..Default::default()
            },
        );
    loop {
        let batch: Vec<_> = models.by_ref().take(WRITE_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        period_unit_stat::Entity::insert_many(batch)
            .exec(db)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rubric_rules::{Entry, Officer};
    use std::sync::Arc;

    fn entry(day: u32, qty: f64, norm: f64, coefficient: f64) -> Entry {
        Entry {
            id: Arc::from(format!("e{day}{qty}").as_str()),
            date: NaiveDate::from_ymd_opt(2026, 11, day),
            task: None,
            norm_minutes: norm,
            coefficient,
            assigned_qty: qty,
            completed_qty: qty,
            deadline: None,
            completed_on: None,
            quality_failures: 0,
            delays: 0,
            objective_cause: false,
        }
    }

    fn officer(entries: Vec<Entry>) -> Officer {
        Officer {
            id: "1".into(),
            name: None,
            unit: None,
            position: None,
            cohort: "c".into(),
            disqualified: false,
            criteria: Default::default(),
            entries: entries.into(),
            led_unit: None,
            months: Vec::new(),
        }
    }

    #[test]
    fn a_months_work_is_its_standard_hours_and_the_days_above_eight() {
        // Day 2: 6 × 60 min × 1.5 = 9 h (over); day 3: 4 h + 4 h = 8 h (not over).
        let o = officer(vec![
            entry(2, 6.0, 60.0, 1.5),
            entry(3, 2.0, 120.0, 1.0),
            entry(3, 4.0, 60.0, 1.0),
        ]);
        let w = work_of("month", &o);
        assert_eq!(w.standard_hours, Some(17.0));
        assert_eq!(w.entries, 3);
        assert_eq!(w.days_over_norm, 1);
        assert_eq!(work_of("quarter", &o).standard_hours, None);
    }
}
