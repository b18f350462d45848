//! Step one of a run: read what scoring needs, nothing else, and write nothing. The roster
//! (who is scored, in which cohort) is read once; each cohort's work-log entries and
//! criteria points are read when the cohort's turn comes, so memory follows the largest
//! cohort, not the province.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rubric_rules::{CompiledRuleSet, Entry, LedUnit, MonthResult, MonthStatus, Officer};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::authz::Role;
use crate::error::AppError;
use crate::i18n::Notice;
use crate::models::{EntryStatus, ScoreStatus};
use crate::ssr::entities::work_log_entry as wle;
use crate::ssr::entities::{
    catalog_item, criteria_points, period, period_score, position, practice_entry,
    rule_set_version, user, user_role,
};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::rule_versions;

use super::DraftRules;

/// One officer to score, with what the script is told about them.
#[derive(Debug, Clone)]
pub struct OfficerRow {
    pub id: i32,
    pub full_name: String,
    pub unit_id: Option<i32>,
    pub unit_code: Option<String>,
    /// The agency the officer's unit belongs to.
    pub agency_id: Option<i32>,
    pub position: Option<Arc<position::Model>>,
    /// `agency:cohort_group` — the officers a cohort rule (the 20 % cap) compares.
    pub cohort: String,
    /// For an officer who heads a unit (holds the reviewer role on it): that unit and its
    /// active officers (its subtree's, the leader left out), for a leader's formula.
    pub leads: Option<Arc<LedUnitRows>>,
}

/// The unit a leader heads and the officers in it.
#[derive(Debug)]
pub struct LedUnitRows {
    pub code: String,
    pub members: Vec<OfficerRow>,
}

impl OfficerRow {
    pub fn position_id(&self) -> Option<i32> {
        self.position.as_ref().map(|p| p.id)
    }
}

/// The officers of one cohort, in id order.
#[derive(Debug, Clone)]
pub struct Cohort {
    pub key: String,
    pub officers: Vec<OfficerRow>,
}

#[derive(Debug, FromQueryResult)]
struct UserRow {
    id: i32,
    full_name: String,
    unit_id: Option<i32>,
    position_id: Option<i32>,
}

/// The active officers of `scope`'s subtree (the province when `None`), by cohort.
pub async fn roster<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    scope: Option<i32>,
) -> Result<Vec<Cohort>, AppError> {
    let positions: HashMap<i32, Arc<position::Model>> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, Arc::new(p)))
        .collect();
    let mut officer_ids: HashSet<i32> = HashSet::new();
    // The unit each reviewer heads (the one holding their own unit when they head several).
    let mut heads: HashMap<i32, Vec<i32>> = HashMap::new();
    for r in user_role::Entity::find()
        .filter(user_role::Column::Role.is_in([Role::Officer.code(), Role::Reviewer.code()]))
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?
    {
        if r.role == Role::Officer.code() {
            officer_ids.insert(r.user_id);
        } else if let Some(unit) = r.unit_id {
            heads.entry(r.user_id).or_default().push(unit);
        }
    }
    // Only the columns scoring uses: never the password hashes of 20,000 people.
    let users = user::Entity::find()
        .select_only()
        .columns([
            user::Column::Id,
            user::Column::FullName,
            user::Column::UnitId,
            user::Column::PositionId,
        ])
        .filter(user::Column::IsActive.eq(true))
        .order_by_asc(user::Column::Id)
        .into_model::<UserRow>()
        .all(db)
        .await?;
    let mut rows: Vec<OfficerRow> = Vec::new();
    for u in users {
        if !officer_ids.contains(&u.id) {
            continue;
        }
        let position = u.position_id.and_then(|p| positions.get(&p)).cloned();
        let agency_unit = u.unit_id.and_then(|id| tree.agency_of(id));
        let agency = agency_unit.map(|a| a.code.as_str()).unwrap_or_default();
        let group = position
            .as_ref()
            .map(|p| p.cohort_group.as_str())
            .unwrap_or("khac");
        let cohort = format!("{agency}:{group}");
        let unit_code = u
            .unit_id
            .and_then(|id| tree.get(id))
            .map(|x| x.code.clone());
        rows.push(OfficerRow {
            id: u.id,
            full_name: u.full_name,
            unit_id: u.unit_id,
            unit_code,
            agency_id: agency_unit.map(|a| a.id),
            position,
            cohort,
            leads: None,
        });
    }
    let led: Vec<(usize, i32)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let units = heads.get(&r.id)?;
            let own = units
                .iter()
                .find(|h| r.unit_id.is_some_and(|u| tree.is_within(u, **h)));
            own.or(units.first()).map(|h| (i, *h))
        })
        .collect();
    let mut by_unit: HashMap<i32, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(u) = r.unit_id {
            by_unit.entry(u).or_default().push(i);
        }
    }
    for (i, unit) in led {
        let leader = rows[i].id;
        let mut members: Vec<OfficerRow> = by_unit
            .iter()
            .filter(|(u, _)| tree.is_within(**u, unit))
            .flat_map(|(_, list)| list.iter().map(|&m| &rows[m]))
            .filter(|m| m.id != leader)
            .cloned()
            .collect();
        members.sort_by_key(|m| m.id);
        rows[i].leads = Some(Arc::new(LedUnitRows {
            code: tree.get(unit).map(|u| u.code.clone()).unwrap_or_default(),
            members,
        }));
    }
    let mut cohorts: BTreeMap<String, Vec<OfficerRow>> = BTreeMap::new();
    for row in rows {
        if let Some(scope) = scope {
            if !row.unit_id.is_some_and(|unit| tree.is_within(unit, scope)) {
                continue;
            }
        }
        cohorts.entry(row.cohort.clone()).or_default().push(row);
    }
    Ok(cohorts
        .into_iter()
        .map(|(key, officers)| Cohort { key, officers })
        .collect())
}

/// (position, agency): what decides an officer's formula.
type FormulaKey = (Option<i32>, Option<i32>);

/// The formula that scores each position in a period, compiled once per run.
pub struct Formulas<'a> {
    starts_on: NaiveDate,
    period_code: String,
    draft: Option<DraftRules<'a>>,
    /// By (position, agency): the version chosen, if any.
    chosen: HashMap<FormulaKey, Option<Arc<rule_set_version::Model>>>,
    compiled: HashMap<i32, CompiledRuleSet>,
}

impl<'a> Formulas<'a> {
    /// The formulas in force on the period's first day; `draft` in place of them where it
    /// applies.
    pub fn new(p: &period::Model, draft: Option<DraftRules<'a>>) -> Self {
        Formulas {
            starts_on: p.starts_on,
            period_code: p.code.clone(),
            draft,
            chosen: HashMap::new(),
            compiled: HashMap::new(),
        }
    }

    /// The version that scores an officer of `position` in `agency_id`; refused when none
    /// is in force.
    pub async fn version_for<C: ConnectionTrait>(
        &mut self,
        db: &C,
        position: Option<&position::Model>,
        agency_id: Option<i32>,
    ) -> Result<Arc<rule_set_version::Model>, AppError> {
        let pid = position.map(|p| p.id);
        let key = (pid, agency_id);
        if !self.chosen.contains_key(&key) {
            let active = rule_versions::effective_for(db, pid, agency_id, self.starts_on).await?;
            let chosen = match self.draft {
                Some(d) if d.covers(pid, agency_id, active.as_ref()) => Some(d.version.clone()),
                _ => active.map(|(v, _)| v),
            };
            self.chosen.insert(key, chosen.map(Arc::new));
        }
        self.chosen.get(&key).cloned().flatten().ok_or_else(|| {
            AppError::notice(
                "rules",
                Notice::NoFormula {
                    period: self.period_code.clone(),
                    position: position.map(|p| p.code.clone()),
                },
            )
        })
    }

    /// The version compiled (once per run, on the engine pool).
    pub async fn compiled(
        &mut self,
        pool: &RulePool,
        who: Option<i32>,
        version: &rule_set_version::Model,
    ) -> Result<CompiledRuleSet, AppError> {
        if let Some(rules) = self.compiled.get(&version.id) {
            return Ok(rules.clone());
        }
        let source = rule_versions::source_of(version);
        let rules = pool
            .run(who, move |engine| engine.compile(&source))
            .await?
            .map_err(|e| AppError::internal("compile a stored rule version", e))?;
        self.compiled.insert(version.id, rules.clone());
        Ok(rules)
    }
}

/// The columns of a work-log entry that scoring reads (the rest is not fetched).
#[derive(Debug, FromQueryResult)]
struct EntryRow {
    id: i64,
    officer_id: i32,
    work_date: NaiveDate,
    catalog_item_id: Option<i32>,
    proposed_minutes: Option<f64>,
    assigned_qty: f64,
    completed_qty: f64,
    deadline: Option<NaiveDate>,
    completed_on: Option<NaiveDate>,
    quality_failures: i32,
    delays: i32,
    objective_cause: bool,
}

/// A cohort's scoring input: each officer as the engine sees them.
pub struct CohortInput {
    pub officers: Vec<Officer>,
    pub entries: usize,
}

/// Every catalog item, read once per run (a province has a few thousand).
#[derive(Default)]
pub struct Catalog {
    items: HashMap<i32, catalog_item::Model>,
}

impl Catalog {
    pub async fn read<C: ConnectionTrait>(db: &C) -> Result<Catalog, AppError> {
        Ok(Catalog {
            items: catalog_item::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|i| (i.id, i))
                .collect(),
        })
    }
}

/// Reads a cohort's scorable entries and criteria points and builds its scoring input.
pub async fn cohort_input<C: ConnectionTrait>(
    db: &C,
    p: &period::Model,
    cohort: &Cohort,
    catalog: &Catalog,
) -> Result<CohortInput, AppError> {
    // The cohort's officers, and the members of the units its leaders head.
    let mut ids: Vec<i32> = cohort.officers.iter().map(|o| o.id).collect();
    let own: HashSet<i32> = ids.iter().copied().collect();
    for o in &cohort.officers {
        if let Some(led) = &o.leads {
            ids.extend(
                led.members
                    .iter()
                    .map(|m| m.id)
                    .filter(|m| !own.contains(m)),
            );
        }
    }
    ids.sort_unstable();
    ids.dedup();
    let mut entries = Vec::new();
    for chunk in ids.chunks(500) {
        entries.extend(entry_rows(db, p, chunk).await?);
    }
    let mut criteria: HashMap<i32, criteria_points::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        criteria.extend(
            criteria_points::Entity::find()
                .filter(criteria_points::Column::PeriodId.eq(p.id))
                .filter(criteria_points::Column::OfficerId.is_in(chunk.to_vec()))
                .all(db)
                .await?
                .into_iter()
                .map(|c| (c.officer_id, c)),
        );
    }
    let months = if p.kind == "month" {
        HashMap::new()
    } else {
        month_results(db, p, &ids).await?
    };
    let count = entries
        .iter()
        .filter(|e: &&EntryRow| own.contains(&e.officer_id))
        .count();
    let mut entries_of: HashMap<i32, Vec<Entry>> = HashMap::new();
    for e in &entries {
        entries_of
            .entry(e.officer_id)
            .or_default()
            .push(to_rules_entry(e, &catalog.items));
    }
    let entries_of: HashMap<i32, Arc<[Entry]>> = entries_of
        .into_iter()
        .map(|(id, list)| (id, list.into()))
        .collect();
    let officers = cohort
        .officers
        .iter()
        .map(|o| {
            let mut officer = to_rules_officer(o, p, criteria.get(&o.id), &entries_of);
            officer.months = months.get(&o.id).cloned().unwrap_or_default();
            officer.led_unit = o.leads.as_ref().map(|led| LedUnit {
                code: led.code.clone(),
                members: led
                    .members
                    .iter()
                    .map(|m| {
                        let mut member = to_rules_officer(m, p, criteria.get(&m.id), &entries_of);
                        member.months = months.get(&m.id).cloned().unwrap_or_default();
                        member
                    })
                    .collect(),
            });
            officer
        })
        .collect();
    Ok(CohortInput {
        officers,
        entries: count,
    })
}

/// For a quarter or a year: each officer's current result of every month of the period,
/// in order — scored, not scored (with the reason), or missing (no month period yet, or no
/// score for the officer in it). A month counts as disqualified when the head marked the
/// officer so in that month's criteria.
async fn month_results<C: ConnectionTrait>(
    db: &C,
    p: &period::Model,
    officers: &[i32],
) -> Result<HashMap<i32, Vec<MonthResult>>, AppError> {
    let month_periods = period::Entity::find()
        .filter(period::Column::Kind.eq("month"))
        .filter(period::Column::StartsOn.gte(p.starts_on))
        .filter(period::Column::EndsOn.lte(p.ends_on))
        .all(db)
        .await?;
    let by_start: HashMap<NaiveDate, &period::Model> =
        month_periods.iter().map(|m| (m.starts_on, m)).collect();
    let ids: Vec<i32> = month_periods.iter().map(|m| m.id).collect();
    let mut scores: HashMap<(i32, i32), period_score::Model> = HashMap::new();
    let mut banned: HashSet<(i32, i32)> = HashSet::new();
    if !ids.is_empty() {
        for chunk in officers.chunks(500) {
            for s in period_score::Entity::find()
                .filter(period_score::Column::PeriodId.is_in(ids.clone()))
                .filter(period_score::Column::OfficerId.is_in(chunk.to_vec()))
                .filter(period_score::Column::SupersededBy.is_null())
                .all(db)
                .await?
            {
                scores.insert((s.officer_id, s.period_id), s);
            }
            for c in criteria_points::Entity::find()
                .filter(criteria_points::Column::PeriodId.is_in(ids.clone()))
                .filter(criteria_points::Column::OfficerId.is_in(chunk.to_vec()))
                .filter(criteria_points::Column::Disqualified.eq(true))
                .all(db)
                .await?
            {
                banned.insert((c.officer_id, c.period_id));
            }
        }
    }
    let mut firsts = Vec::new();
    let mut first = p.starts_on;
    while first <= p.ends_on && firsts.len() < 12 {
        firsts.push(first);
        let Some(next) = first.checked_add_months(chrono::Months::new(1)) else {
            break;
        };
        first = next;
    }
    let mut out = HashMap::new();
    for &officer in officers {
        let list = firsts
            .iter()
            .map(|start| {
                let month = start.format("%Y-%m").to_string();
                let period = by_start.get(start);
                let score = period.and_then(|m| scores.get(&(officer, m.id)));
                let disqualified = period.is_some_and(|m| banned.contains(&(officer, m.id)));
                match score {
                    Some(s) if s.status == ScoreStatus::Scored && s.total.is_some() => {
                        MonthResult {
                            month,
                            status: MonthStatus::Scored,
                            total: s.total,
                            grade: s.grade.clone().filter(|g| !g.trim().is_empty()),
                            components: serde_json::from_str(&s.components_json)
                                .unwrap_or_default(),
                            disqualified,
                            reason: None,
                        }
                    }
                    Some(s) => MonthResult {
                        month,
                        status: MonthStatus::NotScored,
                        total: None,
                        grade: None,
                        components: BTreeMap::new(),
                        disqualified,
                        reason: s.reason.clone(),
                    },
                    None => MonthResult {
                        month,
                        status: MonthStatus::Missing,
                        total: None,
                        grade: None,
                        components: BTreeMap::new(),
                        disqualified,
                        reason: None,
                    },
                }
            })
            .collect::<Vec<_>>();
        out.insert(officer, list);
    }
    Ok(out)
}

/// The scorable entries of `officers` in the period, by officer, date and id.
/// One officer's scorable entries of a period as the script sees them, and the criteria
/// points the head gave: what a month's score is computed from (the score page walks
/// through it). Reads only the catalog items the entries use.
pub async fn officer_input<C: ConnectionTrait>(
    db: &C,
    p: &period::Model,
    officer_id: i32,
) -> Result<(Vec<Entry>, Option<criteria_points::Model>), AppError> {
    let rows = entry_rows(db, p, &[officer_id]).await?;
    let ids: HashSet<i32> = rows.iter().filter_map(|e| e.catalog_item_id).collect();
    let items: HashMap<i32, catalog_item::Model> = if ids.is_empty() {
        HashMap::new()
    } else {
        catalog_item::Entity::find()
            .filter(catalog_item::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect()
    };
    let criteria = criteria_points::Entity::find()
        .filter(criteria_points::Column::PeriodId.eq(p.id))
        .filter(criteria_points::Column::OfficerId.eq(officer_id))
        .one(db)
        .await?;
    Ok((
        rows.iter().map(|e| to_rules_entry(e, &items)).collect(),
        criteria,
    ))
}

/// Practice entries as the script would see them had the head confirmed them as logged:
/// no quality failures, no delays recorded (practice mode's preview).
pub fn practice_entries(
    rows: &[practice_entry::Model],
    items: &HashMap<i32, catalog_item::Model>,
) -> Vec<Entry> {
    rows.iter()
        .map(|e| {
            let row = EntryRow {
                id: e.id,
                officer_id: e.officer_id,
                work_date: e.work_date,
                catalog_item_id: e.catalog_item_id,
                proposed_minutes: e.proposed_minutes,
                assigned_qty: e.assigned_qty,
                completed_qty: e.completed_qty,
                deadline: e.deadline,
                completed_on: e.completed_on,
                quality_failures: 0,
                delays: 0,
                objective_cause: false,
            };
            to_rules_entry(&row, items)
        })
        .collect()
}

async fn entry_rows<C: ConnectionTrait>(
    db: &C,
    p: &period::Model,
    officers: &[i32],
) -> Result<Vec<EntryRow>, AppError> {
    Ok(wle::Entity::find()
        .select_only()
        .columns([
            wle::Column::Id,
            wle::Column::OfficerId,
            wle::Column::WorkDate,
            wle::Column::CatalogItemId,
            wle::Column::ProposedMinutes,
            wle::Column::AssignedQty,
            wle::Column::CompletedQty,
            wle::Column::Deadline,
            wle::Column::CompletedOn,
            wle::Column::QualityFailures,
            wle::Column::Delays,
            wle::Column::ObjectiveCause,
        ])
        .filter(wle::Column::OfficerId.is_in(officers.to_vec()))
        .filter(wle::Column::WorkDate.gte(p.starts_on))
        .filter(wle::Column::WorkDate.lte(p.ends_on))
        .filter(wle::Column::Status.is_in(EntryStatus::SCORABLE))
        .order_by_asc(wle::Column::OfficerId)
        .order_by_asc(wle::Column::WorkDate)
        .order_by_asc(wle::Column::Id)
        .into_model::<EntryRow>()
        .all(db)
        .await?)
}

fn to_rules_entry(e: &EntryRow, catalog: &HashMap<i32, catalog_item::Model>) -> Entry {
    let item = e.catalog_item_id.and_then(|id| catalog.get(&id));
    Entry {
        id: Arc::from(e.id.to_string()),
        date: Some(e.work_date),
        task: item.map(|i| i.code.clone()),
        // Off-catalog work the reviewer approved without mapping counts at its proposed minutes.
        norm_minutes: item
            .map(|i| i.norm_minutes)
            .or(e.proposed_minutes.map(|m| m / e.assigned_qty.max(1.0)))
            .unwrap_or(0.0),
        coefficient: item.map(|i| i.coefficient).unwrap_or(1.0),
        assigned_qty: e.assigned_qty,
        completed_qty: e.completed_qty,
        deadline: e.deadline,
        completed_on: e.completed_on,
        quality_failures: e.quality_failures.max(0) as u32,
        delays: e.delays.max(0) as u32,
        objective_cause: e.objective_cause,
    }
}

/// The officer as the script sees them. For a year, the points the head enters on the
/// year period are also given as `year_assessment` (the year-end assessment, out of 100,
/// that `aggregate` weighs against the months).
fn to_rules_officer(
    o: &OfficerRow,
    p: &period::Model,
    c: Option<&criteria_points::Model>,
    entries_of: &HashMap<i32, Arc<[Entry]>>,
) -> Officer {
    let mut points = BTreeMap::new();
    if let Some(c) = c {
        points.insert("general".to_string(), c.general);
        if p.kind == "year" {
            points.insert("year_assessment".to_string(), c.general);
        }
        if let Some(r) = c.reform_it {
            points.insert("reform_it".to_string(), r);
        }
    }
    Officer {
        id: o.id.to_string(),
        name: Some(o.full_name.clone()),
        unit: o.unit_code.clone(),
        position: o.position.as_ref().map(|p| p.code.clone()),
        cohort: o.cohort.clone(),
        disqualified: c.map(|c| c.disqualified).unwrap_or(false),
        criteria: points,
        entries: entries_of
            .get(&o.id)
            .cloned()
            .unwrap_or_else(|| Arc::from([])),
        led_unit: None,
        months: Vec::new(),
    }
}
