//! A generated province-month for benchmarks: `officers` officers in 50 agencies (one
//! cohort each), ~110 approved entries per officer in one month, general-criteria points,
//! and the Decree 335 profile active. Bulk inserts, no per-row audit (a bench fixture, not
//! demo data; it refuses a database that already has units).

use crate::ssr::rule_pool::RulePool;
use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set, TransactionTrait,
};

use super::rng::Rng;
use super::{data, decree_335};
use crate::error::AppError;
use crate::models::{EntryStatus, JdStatus};
use crate::ssr::entities::{
    catalog_item, criteria_points, job_description_version as jdv, position, unit, user, user_role,
    work_log_entry as wle,
};
use crate::ssr::services::audit::Actor;
use crate::ssr::services::{periods, rule_versions};

const AGENCIES: usize = 50;
const BATCH: usize = 1_000;

#[derive(Debug)]
pub struct ProvinceStats {
    pub officers: usize,
    pub entries: usize,
    pub period: String,
}

/// Generates the province-month `period_code` (a month such as `2025-05`).
pub async fn generate_province(
    db: &DatabaseConnection,
    pool: &RulePool,
    officers: usize,
    entries_per_day: usize,
    period_code: &str,
) -> Result<ProvinceStats, AppError> {
    if unit::Entity::find().count(db).await? > 0 {
        return Err(AppError::refused(
            "database",
            crate::i18n::Msg::SeedDatabaseNotEmpty,
        ));
    }
    let actor = Actor::system("gen-province");
    let mut rng = Rng::new(20_000);
    let now = Utc::now();
    let txn = db.begin().await?;
    let period = periods::ensure(&txn, periods::parse(period_code)?).await?;

    let province = unit::ActiveModel {
        code: Set("tinh".into()),
        name: Set("Tỉnh mô phỏng".into()),
        kind: Set("province".into()),
        parent_id: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let pos = position::ActiveModel {
        code: Set("CV".into()),
        name: Set("Chuyên viên".into()),
        kind: Set("professional".into()),
        cohort_group: Set("chuyen-vien".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let jd = jdv::ActiveModel {
        position_id: Set(pos.id),
        version_no: Set(1),
        status: Set(JdStatus::Approved),
        description: Set("Chuyên viên".into()),
        lock_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        approved_at: Set(Some(now)),
        decision_no: Set(Some("1/QĐ".into())),
        effective_from: Set(Some(period.starts_on)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut items = Vec::new();
    for (code, group, name, uom, norm, level, evidence) in data::position_items("CV-TCCB")
        .iter()
        .chain(data::position_items("VT"))
        .chain(data::COMMON_ITEMS)
    {
        items.push(
            catalog_item::ActiveModel {
                job_description_version_id: Set(jd.id),
                code: Set(code.to_string()),
                group_code: Set(group.to_string()),
                name: Set(name.to_string()),
                unit_of_measure: Set(uom.to_string()),
                norm_minutes: Set(*norm),
                complexity_level: Set(*level),
                coefficient: Set(crate::ssr::services::job_descriptions::default_coefficient(
                    *level,
                )),
                evidence_required: Set(*evidence),
                ..Default::default()
            }
            .insert(&txn)
            .await?,
        );
    }
    let mut agencies = Vec::new();
    for a in 0..AGENCIES {
        let agency = unit::ActiveModel {
            code: Set(format!("co-quan-{a:02}")),
            name: Set(format!("Cơ quan {a:02}")),
            kind: Set("agency".into()),
            parent_id: Set(Some(province.id)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        agencies.push(agency.id);
    }
    let hash = super::hash_password(super::DEMO_PASSWORD).await?;
    let mut users = Vec::with_capacity(BATCH);
    for i in 0..officers {
        users.push(user::ActiveModel {
            username: Set(format!("cb{i:06}")),
            external_id: Set(Some(format!("P{i:06}"))),
            full_name: Set(format!(
                "{} {} {}",
                rng.pick(data::FAMILY),
                rng.pick(data::MIDDLE),
                rng.pick(data::GIVEN)
            )),
            password_hash: Set(Some(hash.clone())),
            unit_id: Set(Some(agencies[i % AGENCIES])),
            is_active: Set(true),
            created_at: Set(now),
            position_id: Set(Some(pos.id)),
            ..Default::default()
        });
        if users.len() == BATCH {
            user::Entity::insert_many(std::mem::take(&mut users))
                .exec(&txn)
                .await?;
        }
    }
    if !users.is_empty() {
        user::Entity::insert_many(users).exec(&txn).await?;
    }
    let ids: Vec<i32> = user::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let mut batch = Vec::with_capacity(BATCH);
    for id in &ids {
        batch.push(user_role::ActiveModel {
            user_id: Set(*id),
            role: Set(crate::authz::Role::Officer.code().into()),
            unit_id: Set(None),
            ..Default::default()
        });
        if batch.len() == BATCH {
            user_role::Entity::insert_many(std::mem::take(&mut batch))
                .exec(&txn)
                .await?;
        }
    }
    if !batch.is_empty() {
        user_role::Entity::insert_many(batch).exec(&txn).await?;
    }
    let mut cps = Vec::with_capacity(BATCH);
    for id in &ids {
        cps.push(criteria_points::ActiveModel {
            officer_id: Set(*id),
            period_id: Set(period.id),
            general: Set(18.0 + (rng.unit() * 24.0).round() / 2.0),
            reform_it: Set(None),
            disqualified: Set(false),
            entered_by: Set(None),
            entered_at: Set(now),
            lock_version: Set(0),
            ..Default::default()
        });
        if cps.len() == BATCH {
            criteria_points::Entity::insert_many(std::mem::take(&mut cps))
                .exec(&txn)
                .await?;
        }
    }
    if !cps.is_empty() {
        criteria_points::Entity::insert_many(cps).exec(&txn).await?;
    }

    let mut days = Vec::new();
    let mut d = period.starts_on;
    while d <= period.ends_on {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            days.push(d);
        }
        d += Duration::days(1);
    }
    let mut entries = 0usize;
    let mut rows = Vec::with_capacity(BATCH);
    for id in &ids {
        for day in &days {
            for _ in 0..entries_per_day {
                let item = rng.pick(&items);
                let qty = rng.range(1, 4) as f64;
                let late = rng.chance(0.05);
                let deadline: NaiveDate = if late {
                    *day - Duration::days(1)
                } else {
                    *day + Duration::days(2)
                };
                rows.push(wle::ActiveModel {
                    officer_id: Set(*id),
                    work_date: Set(*day),
                    catalog_item_id: Set(Some(item.id)),
                    assigned_qty: Set(qty),
                    completed_qty: Set(if rng.chance(0.03) { qty - 1.0 } else { qty }),
                    deadline: Set(Some(deadline)),
                    completed_on: Set(Some(*day)),
                    status: Set(EntryStatus::Approved),
                    quality_failures: Set(if rng.chance(0.03) { 1 } else { 0 }),
                    delays: Set(if late && rng.chance(0.5) { 1 } else { 0 }),
                    objective_cause: Set(late && rng.chance(0.1)),
                    lock_version: Set(0),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                });
                entries += 1;
                if rows.len() == BATCH {
                    wle::Entity::insert_many(std::mem::take(&mut rows))
                        .exec(&txn)
                        .await?;
                }
            }
        }
    }
    if !rows.is_empty() {
        wle::Entity::insert_many(rows).exec(&txn).await?;
    }
    let set = rule_versions::create_rule_set(&txn, &actor, "tinh", "Mặc định", None, None).await?;
    let v = rule_versions::create_draft(&txn, &actor, set.id, &decree_335()).await?;
    let v = rule_versions::submit(&txn, pool, &actor, v.id, v.lock_version).await?;
    let v = rule_versions::approve(&txn, pool, &actor, v.id, v.lock_version, "bench", None).await?;
    rule_versions::activate(
        &txn,
        &actor,
        v.id,
        v.lock_version,
        set.lock_version,
        period.starts_on,
    )
    .await?;
    txn.commit().await?;
    Ok(ProvinceStats {
        officers,
        entries,
        period: period.code,
    })
}
