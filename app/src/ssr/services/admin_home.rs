//! The administrators' home (/quan-tri): what is still missing for the province to be scored
//! (positions without an approved job description, officers without a position, units nobody
//! heads), what waits for a decision (job descriptions, formula versions), and the health of
//! the background work (jobs running, jobs failed lately). Each check counts and names its
//! first few records with the page that fixes them.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::authz::Role;
use crate::error::AppError;
use crate::models::{
    AdminHome, CheckExample, CheckItem, CheckKind, JdStatus, JobStatus, RuleStatus, CHECK_EXAMPLES,
    FAILED_JOB_DAYS,
};
use crate::ssr::entities::{
    job, job_description_version as jdv, position, rule_set, rule_set_version as rsv, user_role,
};
use crate::ssr::services::jobs::{self, Payload};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::unit_board;

fn item(kind: CheckKind, examples: Vec<CheckExample>) -> CheckItem {
    CheckItem {
        kind,
        count: examples.len() as u64,
        examples: examples.into_iter().take(CHECK_EXAMPLES).collect(),
    }
}

fn link(label: String, href: String) -> CheckExample {
    CheckExample {
        label,
        href: Some(href),
        error: None,
    }
}

/// Every check, in the order of the page.
pub async fn overview<C: ConnectionTrait>(db: &C) -> Result<AdminHome, AppError> {
    let officers = unit_board::active_officers(db).await?;
    let tree = UnitTree::load(db).await?;

    let approved: HashSet<i32> = jdv::Entity::find()
        .filter(jdv::Column::Status.eq(JdStatus::Approved))
        .select_only()
        .column(jdv::Column::PositionId)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let positions = position::Entity::find()
        .order_by_asc(position::Column::Code)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = positions
        .iter()
        .map(|p| (p.id, format!("{} — {}", p.code, p.name)))
        .collect();
    let without_jd = positions
        .iter()
        .filter(|p| !approved.contains(&p.id))
        .map(|p| link(names[&p.id].clone(), format!("/quan-tri/vi-tri/{}", p.id)))
        .collect();

    let without_position = officers
        .iter()
        .filter(|o| o.position_id.is_none())
        .map(|o| {
            link(
                format!("{} ({})", o.full_name, o.username),
                format!("/quan-tri/nguoi-dung/{}", o.id),
            )
        })
        .collect();

    // Units with officers of their own where no unit of the chain has a head.
    let headed: HashSet<i32> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(Role::Reviewer.code()))
        .filter(user_role::Column::UnitId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.unit_id)
        .collect();
    let staffed: HashSet<i32> = officers.iter().filter_map(|o| o.unit_id).collect();
    let mut unheaded: Vec<_> = staffed
        .into_iter()
        .filter(|u| !tree.chain(*u).iter().any(|c| headed.contains(c)))
        .filter_map(|u| tree.get(u))
        .collect();
    unheaded.sort_by(|a, b| a.code.cmp(&b.code));
    let unheaded = unheaded
        .into_iter()
        .map(|u| {
            link(
                format!("{} — {}", u.code, u.name),
                "/quan-tri/don-vi".into(),
            )
        })
        .collect();

    let [jd_waiting, formulas_waiting] = pending(db).await?;

    let job_example = |j: &job::Model, error: Option<AppError>| {
        let payload = serde_json::from_str::<Payload>(&j.payload_json).ok();
        let (label, href) = match payload {
            Some(Payload::Score { period, .. }) => (format!("#{} · {period}", j.id), None),
            Some(Payload::Simulation { simulation_id }) => (
                format!("#{}", j.id),
                Some(format!("/quan-tri/cong-thuc/mo-phong/{simulation_id}")),
            ),
            None => (format!("#{}", j.id), None),
        };
        CheckExample { label, href, error }
    };
    let running = job::Entity::find()
        .filter(job::Column::Status.is_in([JobStatus::Queued, JobStatus::Running]))
        .order_by_asc(job::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|j| job_example(j, None))
        .collect();
    let failed = job::Entity::find()
        .filter(job::Column::Status.eq(JobStatus::Failed))
        .filter(job::Column::CreatedAt.gte(Utc::now() - Duration::days(FAILED_JOB_DAYS)))
        .order_by_desc(job::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(|j| job_example(j, jobs::error_of(j)))
        .collect();

    Ok(AdminHome {
        checks: vec![
            item(CheckKind::PositionsWithoutJobDescription, without_jd),
            item(CheckKind::OfficersWithoutPosition, without_position),
            item(CheckKind::UnitsWithoutHead, unheaded),
            jd_waiting,
            formulas_waiting,
            item(CheckKind::JobsRunning, running),
            item(CheckKind::JobsFailed, failed),
        ],
    })
}

/// What waits for a decision: job descriptions submitted for approval, formula versions
/// submitted to the committee (also on the committee's dashboard).
pub async fn pending<C: ConnectionTrait>(db: &C) -> Result<[CheckItem; 2], AppError> {
    let names: HashMap<i32, String> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} — {}", p.code, p.name)))
        .collect();
    let jd_waiting = jdv::Entity::find()
        .filter(jdv::Column::Status.eq(JdStatus::Submitted))
        .order_by_asc(jdv::Column::SubmittedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|v| {
            let name = names.get(&v.position_id).cloned().unwrap_or_default();
            link(
                format!("{name} (v{})", v.version_no),
                format!("/quan-tri/vi-tri/{}", v.position_id),
            )
        })
        .collect();

    let sets: HashMap<i32, String> = rule_set::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let formulas_waiting = rsv::Entity::find()
        .filter(rsv::Column::Status.eq(RuleStatus::Submitted))
        .order_by_asc(rsv::Column::SubmittedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|v| {
            let set = sets.get(&v.rule_set_id).cloned().unwrap_or_default();
            link(
                format!("{set} (v{})", v.version_no),
                format!("/quan-tri/cong-thuc/{}", v.id),
            )
        })
        .collect();

    Ok([
        item(CheckKind::JobDescriptionsWaiting, jd_waiting),
        item(CheckKind::FormulasWaiting, formulas_waiting),
    ])
}
