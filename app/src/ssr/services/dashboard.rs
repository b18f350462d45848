//! The committee's dashboard: a period's figures for the province by agency, or for one
//! agency by unit, read from the figures stored with the scores (`period_unit_stats`,
//! rebuilt here first if a run wrote scores after them), with the trend of the grades over
//! the months before, the formula versions that scored the period, the decisions waiting,
//! and, for an agency and those who may read every score, its officers by standard hours
//! per day and the quantities far above the median of their position.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionSession, TransactionTrait,
};

use crate::authz::{reads_every_score, Subject};
use crate::error::AppError;
use crate::models::{
    grade_order, Dashboard, FigureRow, FormulaInUse, OfficerFigure, OfficerOutlier, PeriodCode,
    PeriodKind, PeriodStatus, ScoreStatus, TrendPoint, OFFICERS_LISTED,
};
use crate::ssr::entities::{
    agency_closing, catalog_item, period, period_score, period_unit_stat, rule_set,
    rule_set_version as rsv, unit, user, user_role,
};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::scoring::stats;
use crate::ssr::services::{admin_home, closing, periods, unit_board};

/// Months of the trend.
const TREND_MONTHS: u64 = 12;
/// Quantity outliers listed.
const OUTLIERS_LISTED: usize = 50;

/// The period asked for, or the latest month that has scores (last month when none has).
pub(crate) async fn period_of<C: ConnectionTrait>(
    db: &C,
    text: &str,
) -> Result<PeriodCode, AppError> {
    if !text.trim().is_empty() {
        return periods::parse(text);
    }
    let latest = period::Entity::find()
        .filter(period::Column::Kind.eq(PeriodKind::Month.as_str()))
        .filter(period::Column::Status.ne(PeriodStatus::Open))
        .order_by_desc(period::Column::StartsOn)
        .one(db)
        .await?;
    match latest {
        Some(p) => periods::code_of(&p),
        None => Ok(PeriodCode::month_of(crate::i18n::vietnam_date(Utc::now())).previous()),
    }
}

/// Rebuilds the period's figures when a run wrote scores after them (or before they were
/// kept at all).
pub async fn ensure_stats<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    p: &period::Model,
) -> Result<(), AppError> {
    let newest: Option<DateTime<Utc>> = period_score::Entity::find()
        .select_only()
        .column_as(period_score::Column::ComputedAt.max(), "newest")
        .filter(period_score::Column::PeriodId.eq(p.id))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    let stale = match (newest, p.stats_at) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(n), Some(at)) => n > at,
    };
    if stale {
        let txn = db.begin().await?;
        stats::refresh(&txn, p).await?;
        txn.commit().await?;
    }
    Ok(())
}

/// Where a unit's figures go: its agency (the province's view), or the agency's child unit
/// it lies in (an agency's view; the agency itself for officers directly in it).
fn row_of(tree: &UnitTree, agency: Option<i32>, unit: i32) -> Option<i32> {
    match agency {
        None => Some(tree.agency_of(unit).map_or(unit, |a| a.id)),
        Some(a) => {
            let chain = tree.chain(unit);
            let at = chain.iter().position(|u| *u == a)?;
            Some(if at == 0 { a } else { chain[at - 1] })
        }
    }
}

fn blank(u: &unit::Model, grades: usize) -> FigureRow {
    FigureRow {
        id: Some(u.id),
        code: u.code.clone(),
        name: u.name.clone(),
        grades: vec![0; grades],
        ..Default::default()
    }
}

/// Active officers per unit today.
async fn headcount<C: ConnectionTrait>(db: &C) -> Result<HashMap<i32, u32>, AppError> {
    let officers: HashSet<i32> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(crate::authz::Role::Officer.code()))
        .select_only()
        .column(user_role::Column::UserId)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut out: HashMap<i32, u32> = HashMap::new();
    let users: Vec<(i32, Option<i32>)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::UnitId])
        .filter(user::Column::IsActive.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    for (id, unit) in users {
        if let (true, Some(u)) = (officers.contains(&id), unit) {
            *out.entry(u).or_default() += 1;
        }
    }
    Ok(out)
}

/// The dashboard of `period_text` (the latest scored month when empty), for the province or,
/// with `agency`, for that agency.
pub async fn dashboard<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    subject: &Subject,
    period_text: &str,
    agency: Option<i32>,
) -> Result<Dashboard, AppError> {
    let code = period_of(db, period_text).await?;
    let tree = UnitTree::load(db).await?;
    let agency = match agency {
        None => None,
        Some(id) => {
            let u = tree.get(id).ok_or(AppError::NotFound)?;
            if tree.agency_of(id).map(|a| a.id) != Some(id) {
                return Err(AppError::NotFound);
            }
            Some(u.clone())
        }
    };
    let scope = agency.as_ref().map(|a| a.id);
    let in_scope = |u: i32| scope.is_none_or(|a| tree.is_within(u, a));
    let p = periods::find(db, code).await?;
    if let Some(p) = &p {
        ensure_stats(db, p).await?;
    }
    let stat_rows = match &p {
        Some(p) => {
            period_unit_stat::Entity::find()
                .filter(period_unit_stat::Column::PeriodId.eq(p.id))
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let grades = grade_order(stat_rows.iter().filter_map(|s| s.grade.clone()));
    let grade_at = |g: &str| grades.iter().position(|x| x == g);

    // One row per agency (or unit of the agency), every one shown even without scores.
    let mut rows: BTreeMap<i32, FigureRow> = BTreeMap::new();
    let mut loose = FigureRow {
        grades: vec![0; grades.len()],
        ..Default::default()
    };
    for u in tree.all() {
        let shown = match scope {
            None => u.kind == "agency",
            Some(a) => u.id == a || u.parent_id == Some(a),
        };
        if shown {
            rows.insert(u.id, blank(u, grades.len()));
        }
    }
    let row_for = |rows: &mut BTreeMap<i32, FigureRow>, unit: i32| -> Option<i32> {
        let r = row_of(&tree, scope, unit)?;
        if let std::collections::btree_map::Entry::Vacant(v) = rows.entry(r) {
            v.insert(blank(tree.get(r)?, grades.len()));
        }
        Some(r)
    };
    for (unit, n) in headcount(db).await? {
        if !in_scope(unit) {
            continue;
        }
        if let Some(r) = row_for(&mut rows, unit) {
            if let Some(row) = rows.get_mut(&r) {
                row.headcount += n;
            }
        }
    }
    for s in &stat_rows {
        let target = match s.unit_id {
            Some(u) if in_scope(u) => match row_for(&mut rows, u) {
                Some(r) => rows.get_mut(&r),
                None => None,
            },
            Some(_) => None,
            None if scope.is_none() => Some(&mut loose),
            None => None,
        };
        let Some(row) = target else { continue };
        let n = s.officers.max(0) as u32;
        match s.status {
            ScoreStatus::Scored => {
                row.scored += n;
                row.total_sum += s.total_sum;
                if let Some(i) = s.grade.as_deref().and_then(grade_at) {
                    row.grades[i] += n;
                }
            }
            ScoreStatus::NotScored => {
                row.not_scored += n;
                let reason = s.reason.clone().unwrap_or_default();
                match row.reasons.iter_mut().find(|(r, _)| *r == reason) {
                    Some((_, m)) => *m += n,
                    None => row.reasons.push((reason, n)),
                }
            }
        }
        if p.as_ref()
            .is_some_and(|p| p.kind == PeriodKind::Month.as_str())
        {
            row.with_hours += n;
        }
        row.standard_hours += s.standard_hours_sum;
        row.officers_over_norm += s.officers_over_norm.max(0) as u32;
        row.days_over_norm += s.days_over_norm.max(0) as u32;
    }

    // Closing: agencies closed, and late once the directors' day is past.
    if let Some(p) = &p {
        let closed: HashSet<i32> = agency_closing::Entity::find()
            .filter(agency_closing::Column::PeriodId.eq(p.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.agency_id)
            .collect();
        let (deadlines, _) = closing::deadlines_of(db, code).await?;
        let today = crate::i18n::vietnam_date(Utc::now());
        let published = p.status == PeriodStatus::Published;
        for (id, row) in rows.iter_mut() {
            let agency_id = tree.agency_of(*id).map_or(*id, |a| a.id);
            row.closed = closed.contains(&agency_id);
            row.late = !published && !row.closed && today > deadlines.close_by;
        }
    }

    let mut rows: Vec<FigureRow> = rows.into_values().collect();
    if loose.with_score() > 0 {
        rows.push(loose);
    }
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    let mut totals = FigureRow {
        grades: vec![0; grades.len()],
        ..Default::default()
    };
    for r in &rows {
        totals.add(r);
    }
    totals.late = rows.iter().any(|r| r.late);
    totals.closed = !rows.is_empty() && rows.iter().all(|r| r.closed);

    let subtree: Option<Vec<i32>> = scope.map(|a| {
        tree.all()
            .filter(|u| tree.is_within(u.id, a))
            .map(|u| u.id)
            .collect()
    });
    let trend = trend(db, code, &grades, subtree.as_deref()).await?;
    let formulas = match &p {
        Some(p) => formulas(db, p.id, subtree.as_deref()).await?,
        None => Vec::new(),
    };
    let reads_scores = reads_every_score(Some(subject));
    let (officers, outliers) = match (&p, &subtree, reads_scores) {
        (Some(p), Some(units), true) => (
            officers(db, &tree, p.id, units).await?,
            outliers(db, &tree, p, scope.unwrap_or_default()).await?,
        ),
        _ => (Vec::new(), Vec::new()),
    };
    Ok(Dashboard {
        period: code.to_string(),
        period_status: p.as_ref().map(|p| p.status),
        working_days: crate::models::working_days(code.starts_on(), code.ends_on()),
        agency: agency.map(|a| (a.id, a.code, a.name)),
        grades,
        totals,
        rows,
        trend,
        formulas,
        pending: admin_home::pending(db).await?.to_vec(),
        officers,
        outliers,
        reads_scores,
    })
}

/// Officers per grade in each month up to `code` (at most [`TREND_MONTHS`]) that has scores.
async fn trend<C: ConnectionTrait>(
    db: &C,
    code: PeriodCode,
    grades: &[String],
    units: Option<&[i32]>,
) -> Result<Vec<TrendPoint>, AppError> {
    let months = period::Entity::find()
        .filter(period::Column::Kind.eq(PeriodKind::Month.as_str()))
        .filter(period::Column::StartsOn.lte(code.starts_on()))
        .order_by_desc(period::Column::StartsOn)
        .limit(TREND_MONTHS)
        .all(db)
        .await?;
    let ids: Vec<i32> = months.iter().map(|m| m.id).collect();
    let mut q = period_unit_stat::Entity::find()
        .select_only()
        .column(period_unit_stat::Column::PeriodId)
        .column(period_unit_stat::Column::Grade)
        .column_as(period_unit_stat::Column::Officers.sum(), "officers")
        .filter(period_unit_stat::Column::PeriodId.is_in(ids))
        .filter(period_unit_stat::Column::Status.eq(ScoreStatus::Scored))
        .group_by(period_unit_stat::Column::PeriodId)
        .group_by(period_unit_stat::Column::Grade);
    if let Some(units) = units {
        q = q.filter(period_unit_stat::Column::UnitId.is_in(units.to_vec()));
    }
    let sums: Vec<(i32, Option<String>, Option<i64>)> = q.into_tuple().all(db).await?;
    let mut by_period: HashMap<i32, Vec<u32>> = HashMap::new();
    for (pid, grade, n) in sums {
        let Some(i) = grade.and_then(|g| grades.iter().position(|x| *x == g)) else {
            continue;
        };
        by_period
            .entry(pid)
            .or_insert_with(|| vec![0; grades.len()])[i] += n.unwrap_or(0) as u32;
    }
    Ok(months
        .into_iter()
        .rev()
        .filter_map(|m| {
            let grades = by_period.remove(&m.id)?;
            Some(TrendPoint {
                period: m.code,
                grades,
            })
        })
        .collect())
}

/// The formula versions that scored the period's current scores (of these units), with
/// how many officers each.
async fn formulas<C: ConnectionTrait>(
    db: &C,
    period_id: i32,
    units: Option<&[i32]>,
) -> Result<Vec<FormulaInUse>, AppError> {
    let mut q = period_score::Entity::find()
        .select_only()
        .column(period_score::Column::RuleSetVersionId)
        .column_as(period_score::Column::Id.count(), "officers")
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .group_by(period_score::Column::RuleSetVersionId);
    if let Some(units) = units {
        q = q.filter(period_score::Column::UnitId.is_in(units.to_vec()));
    }
    let used: Vec<(i32, i64)> = q.into_tuple().all(db).await?;
    let versions: HashMap<i32, rsv::Model> = rsv::Entity::find()
        .filter(rsv::Column::Id.is_in(used.iter().map(|u| u.0)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let sets: HashMap<i32, String> = rule_set::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut out: Vec<FormulaInUse> = used
        .into_iter()
        .filter_map(|(id, n)| {
            let v = versions.get(&id)?;
            Some(FormulaInUse {
                id,
                rule_set: sets.get(&v.rule_set_id).cloned().unwrap_or_default(),
                version_no: v.version_no,
                effective_from: v.effective_from,
                officers: n as u32,
            })
        })
        .collect();
    out.sort_by(|a, b| b.officers.cmp(&a.officers).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// The officers scored in these units, most standard hours first.
async fn officers<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    period_id: i32,
    units: &[i32],
) -> Result<Vec<OfficerFigure>, AppError> {
    let scores = period_score::Entity::find()
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::SupersededBy.is_null())
        .filter(period_score::Column::UnitId.is_in(units.to_vec()))
        .order_by_desc(period_score::Column::StandardHours)
        .order_by_asc(period_score::Column::OfficerId)
        .limit(OFFICERS_LISTED as u64)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(scores.iter().map(|s| s.officer_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    Ok(scores
        .into_iter()
        .map(|s| OfficerFigure {
            id: s.officer_id,
            name: names.get(&s.officer_id).cloned().unwrap_or_default(),
            unit: s
                .unit_id
                .and_then(|u| tree.get(u))
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            total: s.total,
            grade: s.grade,
            standard_hours: s.standard_hours,
            days_over_norm: s.days_over_norm.max(0) as u32,
            entries: s.entry_count.max(0) as u32,
        })
        .collect())
}

/// The agency's officers with a task's quantity far above the median of their position
/// (the unit page's flag), largest ratio first.
async fn outliers<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    p: &period::Model,
    agency: i32,
) -> Result<Vec<OfficerOutlier>, AppError> {
    if p.kind != PeriodKind::Month.as_str() {
        return Ok(Vec::new());
    }
    let officers: Vec<user::Model> = unit_board::active_officers(db)
        .await?
        .into_iter()
        .filter(|o| o.unit_id.is_some_and(|u| tree.is_within(u, agency)))
        .collect();
    let items: HashMap<i32, catalog_item::Model> = catalog_item::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let found = unit_board::outliers(db, &officers, p.starts_on, p.ends_on, &items).await?;
    let names: HashMap<i32, &str> = officers
        .iter()
        .map(|o| (o.id, o.full_name.as_str()))
        .collect();
    let mut out: Vec<OfficerOutlier> = found
        .into_iter()
        .flat_map(|(id, list)| {
            let officer = names.get(&id).copied().unwrap_or_default().to_string();
            list.into_iter().map(move |outlier| OfficerOutlier {
                officer_id: id,
                officer: officer.clone(),
                outlier,
            })
        })
        .collect();
    let ratio = |o: &OfficerOutlier| o.outlier.quantity / o.outlier.median;
    out.sort_by(|a, b| {
        ratio(b)
            .total_cmp(&ratio(a))
            .then(a.officer_id.cmp(&b.officer_id))
    });
    out.truncate(OUTLIERS_LISTED);
    Ok(out)
}
