//! Simulations: a past period re-scored with a draft formula beside the formula in force,
//! in the background, nothing of the period's scores touched. The results (per officer,
//! and the summary: grade transitions, distributions, threshold crossings, the effect by
//! unit and by position) are stored and attached to the version.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::AppError;
use crate::i18n::{Act, Notice, Record};
use crate::models::{
    grade_index, ranks, transition_matrix, Crossing, GroupEffect, SimulationBrief, SimulationRow,
    SimulationSummary, SimulationView, GRADES, NOT_SCORED,
};
use crate::models::{JobStatus, RuleStatus};
use crate::ssr::entities::{
    position, rule_set_version as rsv, simulation, simulation_result, user,
};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::rule_versions;
use crate::ssr::services::scoring::{self, DraftRules, Outcome};
use crate::ssr::services::{jobs, periods};

/// One officer of a group: (total in force, draft total, grade changed).
type Moved = (Option<f64>, Option<f64>, bool);

/// Which officers a simulation reports on (empty: all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub units: Vec<i32>,
    pub positions: Vec<i32>,
}

/// Records a simulation of `version_id` on `period_code` and starts it in the background;
/// returns its id at once.
pub async fn start(
    db: &DatabaseConnection,
    pool: &RulePool,
    actor: &Actor,
    version_id: i32,
    period_code: &str,
    scope: Scope,
) -> Result<i32, AppError> {
    let (version, _) = rule_versions::with_set(db, version_id).await?;
    if !RuleStatus::SIMULABLE.contains(&version.status) {
        return Err(AppError::notice(
            "version",
            Notice::StateRefused {
                act: Act::Simulate,
                record: Record::RuleVersion(version.version_no),
                state: version.status.into(),
            },
        ));
    }
    rule_versions::compile(pool, actor.id, &rule_versions::source_of(&version)).await?;
    let period = periods::existing(db, periods::parse(period_code)?).await?;
    let txn = db.begin().await?;
    let saved = simulation::ActiveModel {
        rule_set_version_id: Set(version.id),
        period_id: Set(period.id),
        scope_json: Set(json!(scope).to_string()),
        status: Set(JobStatus::Running),
        progress: Set(0.0),
        started_by: Set(actor.id),
        started_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("simulation.start", "simulation", saved.id).after(&json!({
            "version_id": version.id, "version_no": version.version_no,
            "period": period.code, "scope": scope,
        })),
    )
    .await?;
    // The run is a durable job: any worker process runs it, and another takes it over if
    // that process dies.
    jobs::enqueue_simulation(&txn, actor, saved.id).await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// Runs recorded simulation `id` (a job's part): nothing to do when it has already ended.
pub async fn run_recorded(
    db: &DatabaseConnection,
    pool: &RulePool,
    id: i32,
) -> Result<(), AppError> {
    let s = simulation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.status != JobStatus::Running {
        return Ok(());
    }
    let (version, set) = rule_versions::with_set(db, s.rule_set_version_id).await?;
    let period = crate::ssr::entities::period::Entity::find_by_id(s.period_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let scope: Scope = serde_json::from_str(&s.scope_json).unwrap_or_default();
    let actor = Actor {
        id: s.started_by,
        name: format!("simulation:{id}"),
    };
    let draft = DraftRules::of(&version, &set);
    run(db, pool, &actor, id, draft, &period.code, &scope).await
}

/// Records a simulation's failure (in the transaction that fails its job).
pub async fn mark_failed<C: ConnectionTrait>(
    db: &C,
    id: i32,
    e: &AppError,
) -> Result<(), AppError> {
    simulation::Entity::update_many()
        .col_expr(simulation::Column::Status, Expr::value(JobStatus::Failed))
        .col_expr(
            simulation::Column::SummaryJson,
            Expr::value(json!({ "error": e }).to_string()),
        )
        .col_expr(simulation::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(simulation::Column::Id.eq(id))
        .filter(simulation::Column::Status.eq(JobStatus::Running))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a simulation's cancellation (in the transaction that cancels its job).
pub async fn mark_cancelled<C: ConnectionTrait>(db: &C, id: i32) -> Result<(), AppError> {
    simulation::Entity::update_many()
        .col_expr(
            simulation::Column::Status,
            Expr::value(JobStatus::Cancelled),
        )
        .col_expr(simulation::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(simulation::Column::Id.eq(id))
        .filter(simulation::Column::Status.eq(JobStatus::Running))
        .exec(db)
        .await?;
    Ok(())
}

/// Records how far the run got; `false` when the simulation no longer runs (cancelled), so
/// the run stops there.
async fn progress(db: &DatabaseConnection, id: i32, value: f64) -> Result<bool, AppError> {
    let res = simulation::Entity::update_many()
        .col_expr(simulation::Column::Progress, Expr::value(value))
        .filter(simulation::Column::Id.eq(id))
        .filter(simulation::Column::Status.eq(JobStatus::Running))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Runs a recorded simulation: the period with the active formulas, then with the draft;
/// stores both results of every officer the draft scores (within the scope) and the summary.
pub async fn run(
    db: &DatabaseConnection,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
    draft: DraftRules<'_>,
    period_code: &str,
    scope: &Scope,
) -> Result<(), AppError> {
    let started = Instant::now();
    let version = draft.version;
    let p = periods::existing(db, periods::parse(period_code)?).await?;
    let (active, _) = scoring::evaluate(db, pool, actor, &p, None, None, None).await?;
    if !progress(db, id, 0.45).await? {
        return Ok(());
    }
    let (draft, _) = scoring::evaluate(db, pool, actor, &p, None, Some(draft), None).await?;
    if !progress(db, id, 0.9).await? {
        return Ok(());
    }

    let tree = UnitTree::load(db).await?;
    let in_scope = |unit: Option<i32>, pos: Option<i32>| {
        (scope.units.is_empty()
            || unit.is_some_and(|u| scope.units.iter().any(|s| tree.is_within(u, *s))))
            && (scope.positions.is_empty() || pos.is_some_and(|p| scope.positions.contains(&p)))
    };
    let before: HashMap<i32, &Outcome> = active.iter().map(|r| (r.officer_id, r)).collect();
    let pairs: Vec<(&Outcome, &Outcome)> = draft
        .iter()
        .filter(|d| d.rule_version_id == version.id && in_scope(d.unit_id, d.position_id))
        .filter_map(|d| before.get(&d.officer_id).map(|a| (*a, d)))
        .collect();

    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(pairs.iter().map(|(a, _)| a.officer_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let positions: HashMap<i32, position::Model> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let active_totals: Vec<Option<f64>> = pairs.iter().map(|(a, _)| a.result.total).collect();
    let draft_totals: Vec<Option<f64>> = pairs.iter().map(|(_, d)| d.result.total).collect();
    let (rank_a, rank_d) = (ranks(&active_totals), ranks(&draft_totals));
    let delta = |a: Option<f64>, d: Option<f64>| match (a, d) {
        (Some(a), Some(d)) => Some(((d - a) * 100.0).round() / 100.0),
        _ => None,
    };

    // The summary.
    let grade_pairs: Vec<(Option<&str>, Option<&str>)> = pairs
        .iter()
        .map(|(a, d)| (a.result.grade.as_deref(), d.result.grade.as_deref()))
        .collect();
    let matrix = transition_matrix(&grade_pairs);
    let mut dist_active = vec![0; GRADES.len() + 1];
    let mut dist_draft = vec![0; GRADES.len() + 1];
    let (mut up, mut down, mut changed) = (0, 0, 0);
    for (a, d) in &grade_pairs {
        let (ia, id) = (grade_index(*a), grade_index(*d));
        dist_active[ia] += 1;
        dist_draft[id] += 1;
        if ia != id {
            changed += 1;
            // A smaller index is a better grade; "not scored" is last.
            if id < ia {
                up += 1;
            } else {
                down += 1;
            }
        }
    }
    let deltas: Vec<f64> = pairs
        .iter()
        .filter_map(|(a, d)| delta(a.result.total, d.result.total))
        .collect();
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let thresholds = thresholds(version);
    let crossings = thresholds
        .iter()
        .map(|(grade, t)| {
            let mut c = Crossing {
                grade: grade.clone(),
                threshold: *t,
                up: Vec::new(),
                down: Vec::new(),
            };
            for (a, d) in &pairs {
                if let (Some(x), Some(y)) = (a.result.total, d.result.total) {
                    let name = names.get(&a.officer_id).cloned().unwrap_or_default();
                    if x < *t && y >= *t {
                        c.up.push((a.officer_id, name, x, y));
                    } else if x >= *t && y < *t {
                        c.down.push((a.officer_id, name, x, y));
                    }
                }
            }
            c
        })
        .collect();
    let group = |key: &dyn Fn(&Outcome) -> Option<(String, String)>| {
        let mut groups: BTreeMap<(String, String), Vec<Moved>> = BTreeMap::new();
        for (a, d) in &pairs {
            if let Some(k) = key(d) {
                groups.entry(k).or_default().push((
                    a.result.total,
                    d.result.total,
                    a.result.grade != d.result.grade,
                ));
            }
        }
        groups
            .into_iter()
            .map(|((code, name), rows)| {
                let av: Vec<f64> = rows.iter().filter_map(|r| r.0).collect();
                let dv: Vec<f64> = rows.iter().filter_map(|r| r.1).collect();
                let deltas: Vec<f64> = rows.iter().filter_map(|r| delta(r.0, r.1)).collect();
                GroupEffect {
                    code,
                    name,
                    officers: rows.len(),
                    mean_active: mean(&av),
                    mean_draft: mean(&dv),
                    mean_delta: mean(&deltas),
                    changed_grade: rows.iter().filter(|r| r.2).count(),
                }
            })
            .collect::<Vec<_>>()
    };
    let by_unit = group(&|d| {
        let u = tree.get(d.unit_id?)?;
        Some((u.code.clone(), u.name.clone()))
    });
    let by_position = group(&|d| {
        let p = positions.get(&d.position_id?)?;
        Some((p.code.clone(), p.name.clone()))
    });
    let summary = SimulationSummary {
        officers: pairs.len(),
        changed_grade: changed,
        moved_up: up,
        moved_down: down,
        mean_delta: mean(&deltas),
        max_up: deltas.iter().copied().filter(|d| *d > 0.0).reduce(f64::max),
        max_down: deltas.iter().copied().filter(|d| *d < 0.0).reduce(f64::min),
        grades: GRADES
            .iter()
            .map(|g| g.to_string())
            .chain([NOT_SCORED.to_string()])
            .collect(),
        matrix,
        dist_active,
        dist_draft,
        crossings,
        by_unit,
        by_position,
        scope_units: scope
            .units
            .iter()
            .filter_map(|u| tree.get(*u).map(|u| format!("{} — {}", u.code, u.name)))
            .collect(),
        scope_positions: scope
            .positions
            .iter()
            .filter_map(|p| positions.get(p).map(|p| format!("{} — {}", p.code, p.name)))
            .collect(),
        duration_ms: started.elapsed().as_millis() as u64,
    };

    let rows: Vec<simulation_result::ActiveModel> = pairs
        .iter()
        .enumerate()
        .map(|(i, (a, d))| simulation_result::ActiveModel {
            simulation_id: Set(id),
            officer_id: Set(a.officer_id),
            active_total: Set(a.result.total),
            active_grade: Set(a.result.grade.clone()),
            draft_total: Set(d.result.total),
            draft_grade: Set(d.result.grade.clone()),
            delta: Set(delta(a.result.total, d.result.total)),
            rank_active: Set(rank_a[i]),
            rank_draft: Set(rank_d[i]),
            ..Default::default()
        })
        .collect();
    let txn = db.begin().await?;
    // Only a simulation still running gets its results: one cancelled meanwhile keeps none.
    let finished = simulation::Entity::update_many()
        .col_expr(simulation::Column::Status, Expr::value(JobStatus::Done))
        .col_expr(simulation::Column::Progress, Expr::value(1.0))
        .col_expr(
            simulation::Column::SummaryJson,
            Expr::value(
                serde_json::to_string(&summary).map_err(|e| AppError::internal("summary", e))?,
            ),
        )
        .col_expr(simulation::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(simulation::Column::Id.eq(id))
        .filter(simulation::Column::Status.eq(JobStatus::Running))
        .exec(&txn)
        .await?;
    if finished.rows_affected != 1 {
        return Ok(()); // dropping the transaction rolls it back
    }
    for chunk in rows.chunks(500) {
        simulation_result::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        actor,
        Change::new("simulation.finish", "simulation", id).after(&json!({
            "officers": summary.officers, "changed_grade": summary.changed_grade,
            "moved_up": summary.moved_up, "moved_down": summary.moved_down,
            "duration_ms": summary.duration_ms,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The grade thresholds of a version's parameters (the Decree 335 names), best first.
fn thresholds(version: &rsv::Model) -> Vec<(String, f64)> {
    let decls = rubric_rules::ParamDecls::parse(&version.params_json).unwrap_or_default();
    [
        ("excellent_min", "HTXSNV"),
        ("good_min", "HTTNV"),
        ("pass_min", "HTNV"),
    ]
    .into_iter()
    .filter_map(|(name, grade)| {
        let d = decls.0.get(name)?;
        let v = match d.default {
            rubric_rules::ParamValue::Number(x) => x,
            rubric_rules::ParamValue::Integer(i) => i as f64,
            rubric_rules::ParamValue::Bool(_) => return None,
        };
        Some((grade.to_string(), v))
    })
    .collect()
}

fn brief(s: &simulation::Model, period: &str, names: &HashMap<i32, String>) -> SimulationBrief {
    let summary: Option<SimulationSummary> = s
        .summary_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok());
    SimulationBrief {
        id: s.id,
        period: period.to_string(),
        status: s.status,
        progress: s.progress,
        started_by: s.started_by.and_then(|u| names.get(&u).cloned()),
        started_at: s.started_at,
        finished_at: s.finished_at,
        officers: summary.as_ref().map(|x| x.officers),
        changed_grade: summary.as_ref().map(|x| x.changed_grade),
    }
}

async fn period_codes<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    use crate::ssr::entities::period;
    let ids: HashSet<i32> = ids.into_iter().collect();
    Ok(period::Entity::find()
        .filter(period::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect())
}

/// A version's simulations, newest first.
pub async fn briefs<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
) -> Result<Vec<SimulationBrief>, AppError> {
    let sims = simulation::Entity::find()
        .filter(simulation::Column::RuleSetVersionId.eq(version_id))
        .order_by_desc(simulation::Column::Id)
        .all(db)
        .await?;
    let names =
        crate::ssr::services::accounts::full_names(db, sims.iter().filter_map(|s| s.started_by))
            .await?;
    let periods = period_codes(db, sims.iter().map(|s| s.period_id)).await?;
    Ok(sims
        .iter()
        .map(|s| {
            let code = periods.get(&s.period_id).cloned().unwrap_or_default();
            brief(s, &code, &names)
        })
        .collect())
}

/// A simulation with its per-officer results, the biggest moves first.
pub async fn view<C: ConnectionTrait>(db: &C, id: i32) -> Result<SimulationView, AppError> {
    let s = simulation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (version, set) = rule_versions::with_set(db, s.rule_set_version_id).await?;
    let results = simulation_result::Entity::find()
        .filter(simulation_result::Column::SimulationId.eq(id))
        .all(db)
        .await?;
    let officers: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(results.iter().map(|r| r.officer_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let tree = UnitTree::load(db).await?;
    let positions: HashMap<i32, String> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    let names = crate::ssr::services::accounts::full_names(db, s.started_by).await?;
    let periods = period_codes(db, [s.period_id]).await?;
    let mut rows: Vec<SimulationRow> = results
        .into_iter()
        .map(|r| {
            let u = officers.get(&r.officer_id);
            SimulationRow {
                officer_id: r.officer_id,
                name: u.map(|u| u.full_name.clone()).unwrap_or_default(),
                unit: u
                    .and_then(|u| u.unit_id)
                    .and_then(|id| tree.get(id))
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                position: u
                    .and_then(|u| u.position_id)
                    .and_then(|p| positions.get(&p).cloned())
                    .unwrap_or_default(),
                active_total: r.active_total,
                active_grade: r.active_grade,
                draft_total: r.draft_total,
                draft_grade: r.draft_grade,
                delta: r.delta,
                rank_active: r.rank_active,
                rank_draft: r.rank_draft,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &SimulationRow| -(r.delta.map(f64::abs).unwrap_or(f64::INFINITY));
        key(a).total_cmp(&key(b)).then_with(|| a.name.cmp(&b.name))
    });
    let summary_value: Option<serde_json::Value> = s
        .summary_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok());
    let error = summary_value
        .as_ref()
        .and_then(|v| v.get("error"))
        .map(stored_error);
    let summary = summary_value.and_then(|v| serde_json::from_value(v).ok());
    let code = periods.get(&s.period_id).cloned().unwrap_or_default();
    Ok(SimulationView {
        brief: brief(&s, &code, &names),
        version_id: version.id,
        version_no: version.version_no,
        rule_set_name: set.name,
        summary,
        rows,
        error,
        people_hidden: false,
        job_id: jobs::of_simulation(db, id).await?,
    })
}

/// A simulation as an Excel workbook: the officers, the transition matrix, the effect by
/// unit and by position.
pub fn workbook(v: &SimulationView) -> Result<Vec<u8>, AppError> {
    use crate::text::spreadsheet_cell;
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::internal("xlsx", e);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let number = Format::new().set_num_format("0.00");

    let sheet = book.add_worksheet().set_name("Cán bộ").map_err(fail)?;
    let headers = [
        "Mã cán bộ",
        "Họ và tên",
        "Đơn vị",
        "Vị trí",
        "Điểm (đang áp dụng)",
        "Xếp loại (đang áp dụng)",
        "Điểm (dự thảo)",
        "Xếp loại (dự thảo)",
        "Chênh lệch",
        "Thứ hạng (đang áp dụng)",
        "Thứ hạng (dự thảo)",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(fail)?;
    }
    for (i, r) in v.rows.iter().enumerate() {
        let row = i as u32 + 1;
        sheet
            .write_number(row, 0, r.officer_id as f64)
            .map_err(fail)?;
        sheet
            .write_string(row, 1, &*spreadsheet_cell(&r.name))
            .map_err(fail)?;
        sheet
            .write_string(row, 2, &*spreadsheet_cell(&r.unit))
            .map_err(fail)?;
        sheet
            .write_string(row, 3, &*spreadsheet_cell(&r.position))
            .map_err(fail)?;
        let numbers = [
            (4, r.active_total),
            (6, r.draft_total),
            (8, r.delta),
            (9, r.rank_active.map(f64::from)),
            (10, r.rank_draft.map(f64::from)),
        ];
        for (c, x) in numbers {
            if let Some(x) = x {
                sheet
                    .write_number_with_format(row, c, x, &number)
                    .map_err(fail)?;
            }
        }
        sheet
            .write_string(
                row,
                5,
                &*spreadsheet_cell(r.active_grade.as_deref().unwrap_or(NOT_SCORED)),
            )
            .map_err(fail)?;
        sheet
            .write_string(
                row,
                7,
                &*spreadsheet_cell(r.draft_grade.as_deref().unwrap_or(NOT_SCORED)),
            )
            .map_err(fail)?;
    }
    sheet.autofit();

    if let Some(s) = &v.summary {
        let sheet = book
            .add_worksheet()
            .set_name("Ma trận xếp loại")
            .map_err(fail)?;
        sheet
            .write_string_with_format(0, 0, "Đang áp dụng \\ Dự thảo", &bold)
            .map_err(fail)?;
        for (j, g) in s.grades.iter().enumerate() {
            sheet
                .write_string_with_format(0, j as u16 + 1, &*spreadsheet_cell(g), &bold)
                .map_err(fail)?;
        }
        for (i, g) in s.grades.iter().enumerate() {
            sheet
                .write_string_with_format(i as u32 + 1, 0, &*spreadsheet_cell(g), &bold)
                .map_err(fail)?;
            for (j, n) in s.matrix[i].iter().enumerate() {
                sheet
                    .write_number(i as u32 + 1, j as u16 + 1, *n as f64)
                    .map_err(fail)?;
            }
        }
        for (name, groups) in [("Theo đơn vị", &s.by_unit), ("Theo vị trí", &s.by_position)]
        {
            let sheet = book.add_worksheet().set_name(name).map_err(fail)?;
            let headers = [
                "Mã",
                "Tên",
                "Số cán bộ",
                "Điểm TB (đang áp dụng)",
                "Điểm TB (dự thảo)",
                "Chênh lệch TB",
                "Số người đổi xếp loại",
            ];
            for (c, h) in headers.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, *h, &bold)
                    .map_err(fail)?;
            }
            for (i, g) in groups.iter().enumerate() {
                let row = i as u32 + 1;
                sheet
                    .write_string(row, 0, &*spreadsheet_cell(&g.code))
                    .map_err(fail)?;
                sheet
                    .write_string(row, 1, &*spreadsheet_cell(&g.name))
                    .map_err(fail)?;
                sheet
                    .write_number(row, 2, g.officers as f64)
                    .map_err(fail)?;
                for (c, x) in [(3, g.mean_active), (4, g.mean_draft), (5, g.mean_delta)] {
                    if let Some(x) = x {
                        sheet
                            .write_number_with_format(row, c, x, &number)
                            .map_err(fail)?;
                    }
                }
                sheet
                    .write_number(row, 6, g.changed_grade as f64)
                    .map_err(fail)?;
            }
            sheet.autofit();
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// A failed simulation's error as stored: the error itself (translated when shown), or the
/// Vietnamese text older runs stored.
fn stored_error(value: &serde_json::Value) -> AppError {
    serde_json::from_value(value.clone())
        .unwrap_or_else(|_| AppError::invalid("simulation", value.as_str().unwrap_or_default()))
}

/// Why one officer's result moves in simulation `id`: the officer scored again with the
/// formulas in force and with the simulated version (both with their traces; the stored
/// results keep no trace), and the rules and entries whose points differ.
pub async fn explain_change<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
    officer_id: i32,
) -> Result<crate::models::SimulationChange, AppError> {
    let s = simulation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (version, set) = rule_versions::with_set(db, s.rule_set_version_id).await?;
    let p = crate::ssr::entities::period::Entity::find_by_id(s.period_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let officer = user::Entity::find_by_id(officer_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    rule_versions::compile(pool, actor.id, &rule_versions::source_of(&version)).await?;
    let draft = DraftRules::of(&version, &set);
    let simulated = scoring::evaluate_officer(db, pool, actor, &p, &officer, Some(draft)).await?;
    let in_force = scoring::evaluate_officer(db, pool, actor, &p, &officer, None).await?;
    let (Some(simulated), Some(in_force)) = (simulated, in_force) else {
        return Err(AppError::notice(
            "officer",
            Notice::OfficerNotScoredInPeriod {
                officer: officer.full_name,
                period: p.code,
            },
        ));
    };
    let before =
        crate::ssr::services::scores::trace_lines(db, officer_id, &in_force.result.trace).await?;
    let after =
        crate::ssr::services::scores::trace_lines(db, officer_id, &simulated.result.trace).await?;
    let (rules, entries) = crate::models::trace_changes(&before, &after);
    Ok(crate::models::SimulationChange {
        officer_id,
        officer_name: officer.full_name,
        period: p.code,
        version_no: version.version_no,
        active_total: in_force.result.total,
        active_grade: in_force.result.grade,
        draft_total: simulated.result.total,
        draft_grade: simulated.result.grade,
        rules,
        entries,
    })
}
