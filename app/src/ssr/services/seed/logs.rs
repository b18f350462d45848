//! Two months of work logs for the demo province, with the reviewers' findings.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use std::collections::HashMap;

use super::rng::Rng;
use crate::error::AppError;
use crate::models::EntryStatus;
use crate::ssr::entities::{catalog_item, period, work_log_entry as wle};

pub struct LogOfficer {
    pub id: i32,
    pub position: &'static str,
    pub reviewer_id: Option<i32>,
}

#[derive(Debug, Default)]
pub struct LogStats {
    pub entries: usize,
    pub off_catalog: usize,
    pub late: usize,
    pub inflated_days: usize,
}

const OFF_CATALOG: &[&str] = &[
    "Hỗ trợ đoàn kiểm tra của tỉnh",
    "Chuẩn bị hội trường cho hội nghị",
    "Trực tiếp nhận phản ánh của công dân",
    "Tham gia tổ công tác liên ngành",
];

const BATCH: usize = 500;

fn working_days(p: &period::Model) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut d = p.starts_on;
    while d <= p.ends_on {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            days.push(d);
        }
        d += Duration::days(1);
    }
    days
}

fn hours_per_unit(item: &catalog_item::Model) -> f64 {
    item.norm_minutes / 60.0 * item.coefficient
}

#[allow(clippy::too_many_arguments)]
pub async fn generate<C: ConnectionTrait>(
    db: &C,
    rng: &mut Rng,
    officers: &[LogOfficer],
    catalogs: &HashMap<&str, Vec<catalog_item::Model>>,
    month1: &period::Model,
    month2: &period::Model,
    now: DateTime<Utc>,
) -> Result<LogStats, AppError> {
    let mut stats = LogStats::default();
    let mut batch: Vec<wle::ActiveModel> = Vec::with_capacity(BATCH);
    // Three officers declare implausible days (the abuse the press reported).
    let inflaters: Vec<i32> = [11usize, 58, 143]
        .iter()
        .filter_map(|i| officers.get(*i).map(|o| o.id))
        .collect();
    for (month_no, p) in [(1, month1), (2, month2)] {
        let days = working_days(p);
        let last_days = days.len().saturating_sub(5);
        for o in officers {
            let Some(items) = catalogs.get(o.position) else {
                continue;
            };
            let small: Vec<&catalog_item::Model> =
                items.iter().filter(|i| hours_per_unit(i) <= 6.0).collect();
            let big: Vec<&catalog_item::Model> =
                items.iter().filter(|i| hours_per_unit(i) > 6.0).collect();
            let d01 = items.iter().find(|i| i.code == "D01");
            let inflated_day = inflaters.contains(&o.id).then(|| rng.range(3, 15) as usize);
            // Officers differ: most are reliable, a few often finish late, partly or with errors.
            let (r1, r2, r3) = (rng.unit(), rng.unit(), rng.unit());
            let p_partial = 0.01 + 0.14 * r1 * r1 * r1;
            let p_late = 0.02 + 0.25 * r2 * r2 * r2;
            let p_quality = 0.01 + 0.15 * r3 * r3 * r3;
            let big_day = rng.range(5, days.len().saturating_sub(6).max(6) as i64) as usize;
            for (day_no, day) in days.iter().enumerate() {
                let mut budget = 6.5 + rng.unit() * 1.5;
                let inflate = inflated_day == Some(day_no);
                if inflate {
                    budget *= 2.2;
                    stats.inflated_days += 1;
                }
                let mut planned: Vec<(&catalog_item::Model, f64)> = Vec::new();
                if day_no == big_day && !big.is_empty() {
                    planned.push((*rng.pick(&big), 1.0));
                    budget = 0.0;
                }
                let tasks = rng.range(2, 4);
                for t in 0..tasks {
                    if budget <= 0.25 || small.is_empty() {
                        break;
                    }
                    let item = *rng.pick(&small);
                    let share = if t == tasks - 1 {
                        budget
                    } else {
                        budget * (0.3 + rng.unit() * 0.4)
                    };
                    let qty = (share / hours_per_unit(item)).floor().max(1.0);
                    budget -= qty * hours_per_unit(item);
                    planned.push((item, qty));
                }
                let off_catalog = rng.chance(0.015);
                // State of the day: month 1 fully reviewed; month 2 reviewed until its last
                // week, which waits in the reviewers' queues (the last two days partly drafts).
                let day_state = if month_no == 1 || day_no < last_days {
                    EntryStatus::Approved
                } else if day_no + 2 >= days.len() && rng.chance(0.3) {
                    EntryStatus::Draft
                } else {
                    EntryStatus::Submitted
                };
                for (item, qty) in planned {
                    let mut e = base_entry(o, *day, now);
                    e.catalog_item_id = Set(Some(item.id));
                    e.assigned_qty = Set(qty);
                    let partial = rng.chance(p_partial);
                    let completed = if partial { (qty - 1.0).max(0.0) } else { qty };
                    e.completed_qty = Set(completed);
                    e.completed_on = Set((completed > 0.0).then_some(*day));
                    if rng.chance(0.7) {
                        e.assigned_on = Set(Some(*day - Duration::days(rng.range(0, 5))));
                        let late = rng.chance(p_late);
                        let deadline = if late {
                            stats.late += 1;
                            *day - Duration::days(rng.range(1, 3))
                        } else {
                            *day + Duration::days(rng.range(0, 3))
                        };
                        e.deadline = Set(Some(deadline));
                        if late && day_state == EntryStatus::Approved {
                            // Reviewers record most delays; the formula catches the rest by date.
                            e.delays = Set(if rng.chance(0.6) { 1 } else { 0 });
                            e.objective_cause = Set(rng.chance(0.15));
                        }
                    }
                    if item.evidence_required && rng.chance(0.95) {
                        e.source_document = Set(Some(format!(
                            "{}/{}-{}",
                            rng.range(12, 2400),
                            if item.group_code == "A" { "QĐ" } else { "CV" },
                            item.code
                        )));
                    }
                    if day_state == EntryStatus::Approved && rng.chance(p_quality) {
                        e.quality_failures = Set(if rng.chance(0.15) { 2 } else { 1 });
                    }
                    apply_state(&mut e, day_state, o, now, rng);
                    batch.push(e);
                    stats.entries += 1;
                }
                if off_catalog {
                    let minutes = rng.range(1, 4) as f64 * 60.0;
                    let mut e = base_entry(o, *day, now);
                    e.off_catalog_description = Set(Some(rng.pick(OFF_CATALOG).to_string()));
                    e.proposed_minutes = Set(Some(minutes));
                    e.assigned_qty = Set(1.0);
                    e.completed_qty = Set(1.0);
                    e.completed_on = Set(Some(*day));
                    if day_state == EntryStatus::Approved {
                        if let (Some(d01), true) = (d01, rng.chance(0.7)) {
                            // The reviewer mapped it to "other assigned work", counted in hours.
                            e.catalog_item_id = Set(Some(d01.id));
                            e.assigned_qty = Set(minutes / 60.0);
                            e.completed_qty = Set(minutes / 60.0);
                            apply_state(&mut e, EntryStatus::Approved, o, now, rng);
                        } else {
                            apply_state(&mut e, EntryStatus::Returned, o, now, rng);
                            e.return_reason = Set(Some(
                                "Không thuộc nhiệm vụ được giao; không tính điểm.".into(),
                            ));
                        }
                    } else {
                        apply_state(&mut e, day_state, o, now, rng);
                    }
                    batch.push(e);
                    stats.entries += 1;
                    stats.off_catalog += 1;
                }
                if batch.len() >= BATCH {
                    wle::Entity::insert_many(std::mem::take(&mut batch))
                        .exec(db)
                        .await?;
                }
            }
        }
    }
    if !batch.is_empty() {
        wle::Entity::insert_many(batch).exec(db).await?;
    }
    Ok(stats)
}

fn base_entry(o: &LogOfficer, day: NaiveDate, now: DateTime<Utc>) -> wle::ActiveModel {
    wle::ActiveModel {
        officer_id: Set(o.id),
        work_date: Set(day),
        catalog_item_id: Set(None),
        off_catalog_description: Set(None),
        proposed_minutes: Set(None),
        assigned_qty: Set(1.0),
        completed_qty: Set(1.0),
        assigned_on: Set(None),
        deadline: Set(None),
        completed_on: Set(None),
        source_document: Set(None),
        note: Set(None),
        status: Set(EntryStatus::Draft),
        return_reason: Set(None),
        quality_failures: Set(0),
        delays: Set(0),
        objective_cause: Set(false),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        external_id: Set(None),
        lock_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

fn apply_state(
    e: &mut wle::ActiveModel,
    state: EntryStatus,
    o: &LogOfficer,
    now: DateTime<Utc>,
    rng: &mut Rng,
) {
    let state = if state == EntryStatus::Submitted && rng.chance(0.02) {
        e.return_reason = Set(Some("Thiếu số, ký hiệu văn bản làm căn cứ.".into()));
        EntryStatus::Returned
    } else {
        state
    };
    e.status = Set(state);
    if matches!(state, EntryStatus::Approved | EntryStatus::Returned) {
        e.reviewed_by = Set(o.reviewer_id);
        e.reviewed_at = Set(Some(now));
    }
}
