//! The demo province: what `rubric seed-demo` and the README's run command put into an empty
//! database, so that a first visitor meets a real-looking province — 3 agencies, 10
//! departments, 200 officers in 7 positions with approved job descriptions and catalogs, two
//! months of reviewed work logs (late items, failed quality, objective causes, off-catalog
//! work, a few inflated days), the Decree 335 formula active as the province default, a
//! Khánh Hòa 2025 draft, and the first month scored.
//!
//! All or nothing: one transaction; the rule-version and scoring services run inside it.
//! Deterministic: the same data on every machine, dated relative to the current month.

mod data;
mod logs;
mod province;
mod rng;

use chrono::{Datelike, NaiveDate, Utc};
use rubric_rules::RuleSetSource;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set,
    TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

use crate::error::AppError;
use crate::models::{JdStatus, PeriodCode};
use crate::ssr::entities::{
    catalog_item, criteria_points, job_description_version as jdv, position, unit, user, user_role,
};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::{periods, rule_checks, rule_versions, scoring};

pub use logs::LogStats;
pub use province::{generate_province, ProvinceStats};

/// The password of every demo account (they are asked to change it at first sign-in).
pub const DEMO_PASSWORD: &str = "Rubric@2025";

/// The scoring profiles shipped with `rules/`.
pub fn decree_335() -> RuleSetSource {
    RuleSetSource::new(
        include_str!("../../../../../rules/profiles/decree-335/rule.rhai"),
        include_str!("../../../../../rules/profiles/decree-335/params.json"),
        include_str!("../../../../../rules/profiles/decree-335/cases.json"),
    )
}

pub fn khanh_hoa_2025() -> RuleSetSource {
    RuleSetSource::new(
        include_str!("../../../../../rules/profiles/khanh-hoa-2025/rule.rhai"),
        include_str!("../../../../../rules/profiles/khanh-hoa-2025/params.json"),
        include_str!("../../../../../rules/profiles/khanh-hoa-2025/cases.json"),
    )
}

/// One account per role, printed after seeding and listed in the README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: &'static str,
    pub username: String,
    pub full_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSummary {
    pub units: usize,
    pub positions: usize,
    pub officers: usize,
    pub users: usize,
    pub entries: usize,
    pub months: [String; 2],
    pub scored_officers: usize,
    pub logins: Vec<DemoLogin>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Seeded(Box<SeedSummary>),
    /// The database already had units; nothing was written.
    AlreadyPopulated,
}

/// The two full months before `today`'s month.
pub fn demo_months(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today);
    let back = |d: NaiveDate| {
        if d.month() == 1 {
            first_of(d.year() - 1, 12)
        } else {
            first_of(d.year(), d.month() - 1)
        }
    };
    let this = first_of(today.year(), today.month());
    let second = back(this);
    (back(second), second)
}

pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
        let salt = SaltString::generate(&mut OsRng);
        argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal("argon2", e))
    })
    .await
    .map_err(|e| AppError::internal("spawn_blocking", e))?
}

/// Seeds the demo province when the database holds no unit yet.
pub async fn seed_demo_if_empty(
    db: &DatabaseConnection,
    pool: &RulePool,
) -> Result<SeedOutcome, AppError> {
    if unit::Entity::find().count(db).await? > 0 {
        return Ok(SeedOutcome::AlreadyPopulated);
    }
    let today = Utc::now().date_naive();
    let password_hash = hash_password(DEMO_PASSWORD).await?;
    let txn = db.begin().await?;
    let summary = seed(&txn, pool, today, &password_hash).await?;
    txn.commit().await?;
    Ok(SeedOutcome::Seeded(Box::new(summary)))
}

struct Person<'a> {
    username: String,
    full_name: String,
    unit: &'a str,
    position: Option<&'a str>,
    roles: Vec<(&'static str, Option<&'a str>)>,
}

async fn seed<C: ConnectionTrait + TransactionTrait>(
    txn: &C,
    pool: &RulePool,
    today: NaiveDate,
    password_hash: &str,
) -> Result<SeedSummary, AppError> {
    let now = Utc::now();
    let system = Actor::system("seed-demo");
    let mut rng = rng::Rng::new(0x5255_4252_4943); // "RUBRIC"

    // Units.
    let mut unit_ids: HashMap<&str, i32> = HashMap::new();
    for (code, name, kind, parent) in data::UNITS {
        let saved = unit::ActiveModel {
            code: Set(code.to_string()),
            name: Set(name.to_string()),
            kind: Set(kind.to_string()),
            parent_id: Set(parent.and_then(|p| unit_ids.get(p).copied())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        unit_ids.insert(code, saved.id);
    }

    // People: administrators, committee, auditor, agency directors, then every department's
    // head (officer + reviewer), clerk and professionals — 20 officers a department.
    let mut people: Vec<Person> = vec![
        Person {
            username: "admin".into(),
            full_name: "Trần Minh Quân".into(),
            unit: "snv",
            position: None,
            roles: vec![("admin", None)],
        },
        Person {
            username: "admin2".into(),
            full_name: "Lê Thị Thanh Hương".into(),
            unit: "snv",
            position: None,
            roles: vec![("admin", None)],
        },
        Person {
            username: "bcd".into(),
            full_name: "Phạm Văn Hòa".into(),
            unit: "khh",
            position: None,
            roles: vec![("committee", None)],
        },
        Person {
            username: "thanhtra".into(),
            full_name: "Võ Thị Kim Oanh".into(),
            unit: "khh",
            position: None,
            roles: vec![("auditor", None)],
        },
    ];
    for (code, _, kind, _) in data::UNITS {
        if *kind == "agency" {
            people.push(Person {
                username: format!("gd.{code}"),
                full_name: format!(
                    "{} {} {}",
                    rng.pick(data::FAMILY),
                    rng.pick(data::MIDDLE),
                    rng.pick(data::GIVEN)
                ),
                unit: code,
                position: None,
                roles: vec![("reviewer", Some(*code))],
            });
        }
    }
    for (code, _, kind, _) in data::UNITS {
        if *kind != "department" {
            continue;
        }
        let slug = code.replace('/', ".");
        let staff = data::department_positions(code);
        for n in 0..20 {
            let (username, position, roles): (String, &str, Vec<(&'static str, Option<&str>)>) =
                match n {
                    0 => (
                        format!("tp.{slug}"),
                        "TP",
                        vec![("officer", None), ("reviewer", Some(*code))],
                    ),
                    1 => (format!("cb.{slug}.{n:02}"), "VT", vec![("officer", None)]),
                    _ => (
                        format!("cb.{slug}.{n:02}"),
                        staff[n % staff.len()],
                        vec![("officer", None)],
                    ),
                };
            people.push(Person {
                username,
                full_name: format!(
                    "{} {} {}",
                    rng.pick(data::FAMILY),
                    rng.pick(data::MIDDLE),
                    rng.pick(data::GIVEN)
                ),
                unit: code,
                position: Some(position),
                roles,
            });
        }
    }

    // Positions, their approved job descriptions and catalogs.
    let admin_username = "admin";
    let mut position_ids: HashMap<&str, i32> = HashMap::new();
    let mut catalogs: HashMap<&str, Vec<catalog_item::Model>> = HashMap::new();
    let (month1, month2) = demo_months(today);
    let effective = NaiveDate::from_ymd_opt(month1.year() - 1, 1, 1).unwrap_or(month1);
    for (code, name, kind, cohort) in data::POSITIONS {
        let p = position::ActiveModel {
            code: Set(code.to_string()),
            name: Set(name.to_string()),
            kind: Set(kind.to_string()),
            cohort_group: Set(cohort.to_string()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        position_ids.insert(code, p.id);
        let jd = jdv::ActiveModel {
            position_id: Set(p.id),
            version_no: Set(1),
            status: Set(JdStatus::Approved),
            description: Set(format!(
                "Vị trí {name} ({code}). Thực hiện các nhiệm vụ theo danh mục công việc kèm theo; \
                 chịu trách nhiệm trước lãnh đạo phòng về tiến độ và chất lượng công việc được giao."
            )),
            submitted_at: Set(Some(now)),
            approved_at: Set(Some(now)),
            decision_no: Set(Some(format!("{}/QĐ-SNV", 100 + p.id))),
            effective_from: Set(Some(effective)),
            lock_version: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut items = Vec::new();
        for (icode, group, iname, uom, norm, level, evidence) in data::position_items(code)
            .iter()
            .chain(data::COMMON_ITEMS.iter())
        {
            items.push(
                catalog_item::ActiveModel {
                    job_description_version_id: Set(jd.id),
                    code: Set(icode.to_string()),
                    group_code: Set(group.to_string()),
                    name: Set(iname.to_string()),
                    unit_of_measure: Set(uom.to_string()),
                    norm_minutes: Set(*norm),
                    complexity_level: Set(*level),
                    coefficient: Set(crate::ssr::services::job_descriptions::default_coefficient(
                        *level,
                    )),
                    evidence_required: Set(*evidence),
                    ..Default::default()
                }
                .insert(txn)
                .await?,
            );
        }
        audit::record(
            txn,
            &system,
            Change::new(
                "job_description.import_approved",
                "job_description_version",
                jd.id,
            )
            .after(&json!({
                "position": code, "version_no": 1, "status": JdStatus::Approved,
                "decision_no": jd.decision_no, "catalog_items": items.len(),
                "approved_by": admin_username,
            })),
        )
        .await?;
        catalogs.insert(code, items);
    }

    // Users and roles.
    let mut user_ids: HashMap<String, i32> = HashMap::new();
    let mut officers = Vec::new();
    for (n, person) in people.iter().enumerate() {
        let u = user::ActiveModel {
            username: Set(person.username.clone()),
            // The person id the province's HR and e-office systems know them by.
            external_id: Set(Some(format!("KHH{:06}", n + 1))),
            full_name: Set(person.full_name.clone()),
            password_hash: Set(Some(password_hash.to_string())),
            unit_id: Set(unit_ids.get(person.unit).copied()),
            is_active: Set(true),
            created_at: Set(now),
            position_id: Set(person.position.and_then(|p| position_ids.get(p).copied())),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (role, scope) in &person.roles {
            user_role::ActiveModel {
                user_id: Set(u.id),
                role: Set(role.to_string()),
                unit_id: Set(scope.and_then(|s| unit_ids.get(s).copied())),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        user_ids.insert(person.username.clone(), u.id);
        if let Some(pos) = person.position {
            officers.push(logs::LogOfficer {
                id: u.id,
                position: pos,
                reviewer_id: user_ids
                    .get(&format!("tp.{}", person.unit.replace('/', ".")))
                    .copied()
                    .filter(|r| *r != u.id)
                    .or_else(|| {
                        user_ids
                            .get(&format!(
                                "gd.{}",
                                person.unit.split('/').next().unwrap_or("")
                            ))
                            .copied()
                    }),
            });
        }
    }
    audit::record(
        txn,
        &system,
        Change::new("user.import", "user", "*").after(&json!({
            "users": people.len(), "officers": officers.len(),
        })),
    )
    .await?;

    // Periods, work logs and general-criteria points.
    let p1 = periods::ensure(txn, PeriodCode::month_of(month1)).await?;
    let p2 = periods::ensure(txn, PeriodCode::month_of(month2)).await?;
    let stats = logs::generate(txn, &mut rng, &officers, &catalogs, &p1, &p2, now).await?;
    for p in [&p1, &p2] {
        let disqualified_officer = officers.get(37).map(|o| o.id);
        let mut batch = Vec::new();
        for o in &officers {
            batch.push(criteria_points::ActiveModel {
                officer_id: Set(o.id),
                period_id: Set(p.id),
                general: Set(18.0 + (rng.unit() * 24.0).round() / 2.0),
                reform_it: Set(Some(6.0 + (rng.unit() * 8.0).round() / 2.0)),
                disqualified: Set(p.id == p1.id && Some(o.id) == disqualified_officer),
                entered_by: Set(o.reviewer_id),
                entered_at: Set(now),
                lock_version: Set(0),
                ..Default::default()
            });
        }
        criteria_points::Entity::insert_many(batch)
            .exec(txn)
            .await?;
    }
    audit::record(
        txn,
        &system,
        Change::new("work_log.import", "period", p1.id).after(&json!({
            "periods": [p1.code, p2.code], "entries": stats.entries,
            "off_catalog": stats.off_catalog, "late": stats.late, "inflated_days": stats.inflated_days,
        })),
    )
    .await?;

    // The province default formula: Decree 335 active, Khánh Hòa 2025 as a draft.
    let admin = Actor::user(user_ids["admin"], "admin");
    let committee = Actor::user(user_ids["bcd"], "bcd");
    let set = rule_versions::create_rule_set(
        txn,
        &admin,
        "tinh-mac-dinh",
        "Công thức mặc định của tỉnh",
        None,
        None,
    )
    .await?;
    let v1 = rule_versions::create_draft(txn, &admin, set.id, &decree_335()).await?;
    let v1 = rule_versions::submit(txn, pool, &admin, v1.id, v1.lock_version).await?;
    let v1 = rule_versions::approve(
        txn,
        pool,
        &committee,
        v1.id,
        v1.lock_version,
        "Áp dụng công thức theo Nghị định 335/2025/NĐ-CP.",
        None,
    )
    .await?;
    rule_versions::activate(
        txn,
        &committee,
        v1.id,
        v1.lock_version,
        set.lock_version,
        effective,
    )
    .await?;
    rule_versions::create_draft(txn, &admin, set.id, &khanh_hoa_2025()).await?;
    // The draft's page shows its test results: they are stored, never run by a page view.
    rule_checks::ensure(txn, pool, None, &khanh_hoa_2025()).await?;
    // The job descriptions were written by one administrator and approved by another.
    if let (Some(author), Some(approver)) = (user_ids.get("admin"), user_ids.get("admin2")) {
        use sea_orm::{ColumnTrait, QueryFilter};
        jdv::Entity::update_many()
            .col_expr(
                jdv::Column::AuthorId,
                sea_orm::sea_query::Expr::value(*author),
            )
            .col_expr(
                jdv::Column::ApprovedBy,
                sea_orm::sea_query::Expr::value(*approver),
            )
            .filter(jdv::Column::Status.eq(JdStatus::Approved))
            .exec(txn)
            .await?;
    }
    pilot_catalog_draft(txn, &admin).await?;

    // The first month is scored.
    let run = scoring::run(
        txn,
        pool,
        &committee,
        PeriodCode::month_of(month1),
        None,
        scoring::Policy::Full,
    )
    .await?;

    let login = |role: &'static str, username: &str| DemoLogin {
        role,
        username: username.to_string(),
        full_name: people
            .iter()
            .find(|p| p.username == username)
            .map(|p| p.full_name.clone())
            .unwrap_or_default(),
    };
    Ok(SeedSummary {
        units: data::UNITS.len(),
        positions: data::POSITIONS.len(),
        officers: officers.len(),
        users: people.len(),
        entries: stats.entries,
        months: [p1.code.clone(), p2.code.clone()],
        scored_officers: run.officers,
        logins: vec![
            login("admin", "admin"),
            login("committee", "bcd"),
            login("auditor", "thanhtra"),
            login("reviewer", "tp.snv.tccb"),
            login("officer", "cb.snv.tccb.02"),
        ],
    })
}

/// After the pilot the department adjusts its catalog: a draft v2 of CV-TCCB's job
/// description with a shorter norm for C08 and a new task, waiting to be submitted.
async fn pilot_catalog_draft<C: ConnectionTrait + TransactionTrait>(
    txn: &C,
    admin: &Actor,
) -> Result<(), AppError> {
    use crate::ssr::services::job_descriptions;
    use sea_orm::{ColumnTrait, QueryFilter};
    let Some(position) = crate::ssr::entities::position::Entity::find()
        .filter(crate::ssr::entities::position::Column::Code.eq("CV-TCCB"))
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let draft = job_descriptions::new_draft(txn, admin, position.id).await?;
    let mut items: Vec<crate::models::CatalogItemInput> =
        job_descriptions::catalog_of(txn, draft.id)
            .await?
            .into_iter()
            .map(|i| crate::models::CatalogItemInput {
                norm_minutes: if i.code == "C08" {
                    25.0
                } else {
                    i.norm_minutes
                },
                code: i.code,
                group_code: i.group_code,
                name: i.name,
                unit_of_measure: i.unit_of_measure,
                complexity_level: i.complexity_level,
                coefficient: Some(i.coefficient),
                evidence_required: i.evidence_required,
            })
            .collect();
    items.push(crate::models::CatalogItemInput {
        code: "C14".into(),
        group_code: "C".into(),
        name: "Thẩm định hồ sơ tuyển dụng công chức".into(),
        unit_of_measure: "hồ sơ".into(),
        norm_minutes: 45.0,
        complexity_level: 2,
        coefficient: None,
        evidence_required: true,
    });
    let description = format!(
        "{}\nSau thí điểm: rút định mức thẩm định hồ sơ nâng lương còn 25 phút; bổ sung thẩm định hồ sơ tuyển dụng công chức.",
        draft.description
    );
    job_descriptions::update_draft(
        txn,
        admin,
        draft.id,
        draft.lock_version,
        &description,
        &items,
    )
    .await?;
    Ok(())
}
