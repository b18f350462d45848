//! The workbook against Rubric's records: what an import would create, change and
//! deactivate, and the checks that need the records (a unit or position the workbook names
//! but neither it nor Rubric has, a cycle in the tree, a person id of another account).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::check::{Book, CatalogRow, PersonRow, PositionRow, UnitRow};
use crate::authz::Role;
use crate::error::AppError;
use crate::models::{CatalogItemInput, CellError, CellProblem, OrgSheet, PlanAct, PlanLine};
use crate::ssr::entities::{position, position_agency, unit, user, user_role};
use crate::ssr::services::job_descriptions;

/// Rubric's organisation as the import compares it.
pub struct Current {
    pub units: BTreeMap<String, unit::Model>,
    pub positions: BTreeMap<String, position::Model>,
    /// Agency codes per position id.
    pub agencies: HashMap<i32, BTreeSet<String>>,
    pub users: BTreeMap<String, user::Model>,
    /// (role, unit code) per user id.
    pub grants: HashMap<i32, BTreeSet<(Role, Option<String>)>>,
    /// The catalog in force today per position id (`None`: the position has no version).
    pub catalogs: HashMap<i32, Option<Vec<CatalogItemInput>>>,
    unit_codes: HashMap<i32, String>,
    position_codes: HashMap<i32, String>,
}

impl Current {
    /// The code of unit `id`.
    pub fn unit_code(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|id| self.unit_codes.get(&id).cloned())
    }

    /// The code of position `id`.
    pub fn position_code(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|id| self.position_codes.get(&id).cloned())
    }

    pub async fn load<C: ConnectionTrait>(db: &C, today: NaiveDate) -> Result<Current, AppError> {
        let units: Vec<unit::Model> = unit::Entity::find().all(db).await?;
        let unit_codes: HashMap<i32, String> =
            units.iter().map(|u| (u.id, u.code.clone())).collect();
        let positions: Vec<position::Model> = position::Entity::find().all(db).await?;
        let mut agencies: HashMap<i32, BTreeSet<String>> = HashMap::new();
        for pa in position_agency::Entity::find().all(db).await? {
            if let Some(code) = unit_codes.get(&pa.unit_id) {
                agencies
                    .entry(pa.position_id)
                    .or_default()
                    .insert(code.clone());
            }
        }
        let users: Vec<user::Model> = user::Entity::find().all(db).await?;
        let mut grants: HashMap<i32, BTreeSet<(Role, Option<String>)>> = HashMap::new();
        for g in user_role::Entity::find().all(db).await? {
            if let Some(role) = Role::parse(&g.role) {
                let unit = g.unit_id.and_then(|u| unit_codes.get(&u).cloned());
                grants.entry(g.user_id).or_default().insert((role, unit));
            }
        }
        let mut catalogs = HashMap::new();
        for p in &positions {
            let items = match job_descriptions::version_in_force(db, p.id, today).await? {
                Some(v) => Some(
                    job_descriptions::catalog_of(db, v.id)
                        .await?
                        .into_iter()
                        .map(CatalogItemInput::from)
                        .collect(),
                ),
                None => {
                    let any = crate::ssr::entities::job_description_version::Entity::find()
                        .filter(
                            crate::ssr::entities::job_description_version::Column::PositionId
                                .eq(p.id),
                        )
                        .one(db)
                        .await?;
                    any.map(|_| Vec::new())
                }
            };
            catalogs.insert(p.id, items);
        }
        let position_codes = positions.iter().map(|p| (p.id, p.code.clone())).collect();
        Ok(Current {
            unit_codes,
            position_codes,
            units: units.into_iter().map(|u| (u.code.clone(), u)).collect(),
            positions: positions.into_iter().map(|p| (p.code.clone(), p)).collect(),
            agencies,
            users: users.into_iter().map(|u| (u.username.clone(), u)).collect(),
            grants,
            catalogs,
        })
    }
}

/// What the import does, record by record, in the order it writes.
#[derive(Debug, Default)]
pub struct Plan {
    pub units: Vec<(PlanAct, UnitRow)>,
    pub positions: Vec<(PlanAct, PositionRow)>,
    pub people: Vec<(PlanAct, PersonRow)>,
    /// Usernames of the people absent from the People sheet who are deactivated.
    pub leavers: Vec<String>,
    pub catalogs: Vec<(PlanAct, String, Vec<CatalogRow>)>,
    pub lines: Vec<PlanLine>,
}

impl Plan {
    pub fn count(&self, act: PlanAct) -> usize {
        self.lines.iter().filter(|l| l.act == act).count()
    }
}

fn line(sheet: OrgSheet, act: PlanAct, key: &str, fields: Vec<usize>) -> PlanLine {
    PlanLine {
        sheet,
        act,
        key: key.to_string(),
        fields: fields
            .into_iter()
            .map(|i| sheet.columns()[i].to_string())
            .collect(),
    }
}

fn err(sheet: OrgSheet, row: u32, col: usize, problem: CellProblem) -> CellError {
    CellError {
        sheet,
        row,
        column: Some(sheet.columns()[col].to_string()),
        problem,
    }
}

/// Compares the workbook with `now`; `me` is the account running the import. With
/// `deactivate_missing`, the active people the People sheet leaves out are deactivated.
pub fn plan(
    book: &Book,
    now: &Current,
    me: Option<&str>,
    deactivate_missing: bool,
) -> (Plan, Vec<CellError>) {
    let mut p = Plan::default();
    let mut errors = Vec::new();

    // Units: the tree after the import, by code.
    let mut parent: BTreeMap<String, Option<String>> = now
        .units
        .values()
        .map(|u| (u.code.clone(), now.unit_code(u.parent_id)))
        .collect();
    let mut kind: HashMap<String, String> = now
        .units
        .values()
        .map(|u| (u.code.clone(), u.kind.clone()))
        .collect();
    for u in book.units.iter().flatten() {
        parent.insert(u.code.clone(), u.parent.clone());
        kind.insert(u.code.clone(), u.kind.to_string());
    }
    let units_known = |code: &str| parent.contains_key(code);
    // Units closed on or before today, after the import.
    let today = crate::i18n::vietnam_date(chrono::Utc::now());
    let mut closed: HashSet<String> = now
        .units
        .values()
        .filter(|u| u.closed_on.is_some_and(|d| d <= today))
        .map(|u| u.code.clone())
        .collect();
    for u in book.units.iter().flatten() {
        if u.closed_on.is_some_and(|d| d <= today) {
            closed.insert(u.code.clone());
        } else {
            closed.remove(&u.code);
        }
    }
    let roots: Vec<&String> = parent
        .iter()
        .filter(|(_, up)| up.is_none())
        .map(|(c, _)| c)
        .collect();
    for u in book.units.iter().flatten() {
        if let Some(up) = &u.parent {
            if !units_known(up) {
                errors.push(err(
                    OrgSheet::Units,
                    u.row,
                    3,
                    CellProblem::UnknownUnit(up.clone()),
                ));
                continue;
            }
            // Walk up: a cycle comes back to this unit.
            let mut at = Some(up.clone());
            let mut steps = 0;
            while let Some(c) = at {
                if c == u.code || steps > parent.len() {
                    errors.push(err(
                        OrgSheet::Units,
                        u.row,
                        3,
                        CellProblem::Cycle(u.code.clone()),
                    ));
                    break;
                }
                at = parent.get(&c).cloned().flatten();
                steps += 1;
            }
        } else if roots.len() > 1 && now.units.get(&u.code).is_none_or(|x| x.parent_id.is_some()) {
            errors.push(err(
                OrgSheet::Units,
                u.row,
                3,
                CellProblem::SecondRoot(u.code.clone()),
            ));
        }
        match now.units.get(&u.code) {
            None => {
                p.lines
                    .push(line(OrgSheet::Units, PlanAct::Create, &u.code, vec![]));
                p.units.push((PlanAct::Create, u.clone()));
            }
            Some(x) => {
                let up_now = now.unit_code(x.parent_id);
                let mut f = Vec::new();
                if x.name != u.name {
                    f.push(1);
                }
                if x.kind != u.kind {
                    f.push(2);
                }
                if up_now != u.parent {
                    f.push(3);
                }
                if x.closed_on != u.closed_on {
                    f.push(4);
                }
                if !f.is_empty() {
                    p.lines
                        .push(line(OrgSheet::Units, PlanAct::Change, &u.code, f));
                    p.units.push((PlanAct::Change, u.clone()));
                }
            }
        }
    }
    // Parents first, so that every insert finds its parent's id.
    let depth = |code: &str| {
        let mut d = 0;
        let mut at = parent.get(code).cloned().flatten();
        while let Some(c) = at {
            d += 1;
            if d > parent.len() {
                break;
            }
            at = parent.get(&c).cloned().flatten();
        }
        d
    };
    p.units.sort_by_key(|(_, u)| depth(&u.code));

    // Positions.
    let mut positions_known: HashSet<String> = now.positions.keys().cloned().collect();
    for x in book.positions.iter().flatten() {
        positions_known.insert(x.code.clone());
        let mut bad = false;
        for a in &x.agencies {
            match kind.get(a) {
                None => {
                    errors.push(err(
                        OrgSheet::Positions,
                        x.row,
                        4,
                        CellProblem::UnknownUnit(a.clone()),
                    ));
                    bad = true;
                }
                Some(k) if k != "agency" => {
                    errors.push(err(
                        OrgSheet::Positions,
                        x.row,
                        4,
                        CellProblem::NotAnAgency(a.clone()),
                    ));
                    bad = true;
                }
                _ => {}
            }
        }
        if bad {
            continue;
        }
        match now.positions.get(&x.code) {
            None => {
                p.lines
                    .push(line(OrgSheet::Positions, PlanAct::Create, &x.code, vec![]));
                p.positions.push((PlanAct::Create, x.clone()));
            }
            Some(y) => {
                let mut f = Vec::new();
                if y.name != x.name {
                    f.push(1);
                }
                if y.kind != x.kind {
                    f.push(2);
                }
                if y.cohort_group != x.cohort_group {
                    f.push(3);
                }
                let had: Vec<String> = now
                    .agencies
                    .get(&y.id)
                    .map(|s| s.iter().cloned().collect())
                    .unwrap_or_default();
                if had != x.agencies {
                    f.push(4);
                }
                if !f.is_empty() {
                    p.lines
                        .push(line(OrgSheet::Positions, PlanAct::Change, &x.code, f));
                    p.positions.push((PlanAct::Change, x.clone()));
                }
            }
        }
    }

    // Catalogs, per position.
    let mut by_position: BTreeMap<String, Vec<CatalogRow>> = BTreeMap::new();
    for c in book.catalogs.iter().flatten() {
        if !positions_known.contains(&c.position) {
            errors.push(err(
                OrgSheet::Catalogs,
                c.row,
                0,
                CellProblem::UnknownPosition(c.position.clone()),
            ));
            continue;
        }
        by_position
            .entry(c.position.clone())
            .or_default()
            .push(c.clone());
    }
    let mut has_catalog: HashSet<String> = now
        .positions
        .values()
        .filter(|x| {
            now.catalogs
                .get(&x.id)
                .is_some_and(|c| c.as_ref().is_some_and(|c| !c.is_empty()))
        })
        .map(|x| x.code.clone())
        .collect();
    for (code, rows) in by_position {
        has_catalog.insert(code.clone());
        let current = now
            .positions
            .get(&code)
            .and_then(|x| now.catalogs.get(&x.id).cloned().flatten());
        let act = match current {
            None => Some(PlanAct::Create),
            Some(items) if !same_catalog(&items, &rows) => Some(PlanAct::Change),
            Some(_) => None,
        };
        if let Some(act) = act {
            p.lines.push(line(OrgSheet::Catalogs, act, &code, vec![]));
            p.catalogs.push((act, code, rows));
        }
    }

    // People.
    if let Some(people) = &book.people {
        let by_external: HashMap<&str, &str> = now
            .users
            .values()
            .filter_map(|u| Some((u.external_id.as_deref()?, u.username.as_str())))
            .collect();
        for x in people {
            let mut bad = false;
            for (col, code) in [(3, &x.unit), (4, &x.position)] {
                let Some(code) = code else { continue };
                let known = if col == 3 {
                    units_known(code)
                } else {
                    positions_known.contains(code)
                };
                if !known {
                    let problem = if col == 3 {
                        CellProblem::UnknownUnit(code.clone())
                    } else {
                        CellProblem::UnknownPosition(code.clone())
                    };
                    errors.push(err(OrgSheet::People, x.row, col, problem));
                    bad = true;
                } else if col == 3 && x.active && closed.contains(code.as_str()) {
                    let problem = CellProblem::UnitClosed(code.clone());
                    errors.push(err(OrgSheet::People, x.row, col, problem));
                    bad = true;
                }
            }
            for r in &x.reviews {
                if !units_known(r) {
                    errors.push(err(
                        OrgSheet::People,
                        x.row,
                        6,
                        CellProblem::UnknownUnit(r.clone()),
                    ));
                    bad = true;
                }
            }
            if let Some(ext) = &x.external_id {
                if by_external
                    .get(ext.as_str())
                    .is_some_and(|u| *u != x.username)
                {
                    errors.push(err(
                        OrgSheet::People,
                        x.row,
                        2,
                        CellProblem::PersonIdTaken(ext.clone()),
                    ));
                    bad = true;
                }
            }
            if x.active && x.roles.contains(&Role::Officer) {
                if let Some(pos) = &x.position {
                    if positions_known.contains(pos) && !has_catalog.contains(pos) {
                        errors.push(err(
                            OrgSheet::People,
                            x.row,
                            4,
                            CellProblem::PositionWithoutCatalog(pos.clone()),
                        ));
                        bad = true;
                    }
                }
            }
            if !x.active && me == Some(x.username.as_str()) {
                errors.push(err(OrgSheet::People, x.row, 7, CellProblem::OwnAccount));
                bad = true;
            }
            if bad {
                continue;
            }
            match now.users.get(&x.username) {
                None => {
                    p.lines
                        .push(line(OrgSheet::People, PlanAct::Create, &x.username, vec![]));
                    p.people.push((PlanAct::Create, x.clone()));
                }
                Some(u) => {
                    let f = person_changes(u, x, now);
                    if !f.is_empty() {
                        let act = if u.is_active && !x.active {
                            PlanAct::Deactivate
                        } else {
                            PlanAct::Change
                        };
                        p.lines.push(line(OrgSheet::People, act, &x.username, f));
                        p.people.push((act, x.clone()));
                    }
                }
            }
        }
        // Asked for, the active people the sheet leaves out are deactivated, except
        // administrators (managed on the users page) and the account running the import.
        let listed: HashSet<&str> = people.iter().map(|x| x.username.as_str()).collect();
        for u in now.users.values().filter(|_| deactivate_missing) {
            let admin = now
                .grants
                .get(&u.id)
                .is_some_and(|g| g.iter().any(|(r, _)| *r == Role::Admin));
            if u.is_active
                && !listed.contains(u.username.as_str())
                && !admin
                && me != Some(u.username.as_str())
            {
                p.lines.push(line(
                    OrgSheet::People,
                    PlanAct::Deactivate,
                    &u.username,
                    vec![7],
                ));
                p.leavers.push(u.username.clone());
            }
        }
    }
    (p, errors)
}

/// The grants a person row asks for: (role, unit code).
pub fn grants_of(x: &PersonRow) -> BTreeSet<(Role, Option<String>)> {
    let mut out = BTreeSet::new();
    for r in &x.roles {
        if *r == Role::Reviewer {
            for u in &x.reviews {
                out.insert((*r, Some(u.clone())));
            }
        } else {
            out.insert((*r, None));
        }
    }
    out
}

fn person_changes(u: &user::Model, x: &PersonRow, now: &Current) -> Vec<usize> {
    let mut f = Vec::new();
    if u.full_name != x.full_name {
        f.push(1);
    }
    if u.external_id != x.external_id {
        f.push(2);
    }
    if now.unit_code(u.unit_id) != x.unit {
        f.push(3);
    }
    if now.position_code(u.position_id) != x.position {
        f.push(4);
    }
    let had = now.grants.get(&u.id).cloned().unwrap_or_default();
    let want = grants_of(x);
    if had.iter().map(|(r, _)| *r).collect::<BTreeSet<_>>()
        != want.iter().map(|(r, _)| *r).collect()
    {
        f.push(5);
    }
    let reviews = |g: &BTreeSet<(Role, Option<String>)>| -> BTreeSet<Option<String>> {
        g.iter()
            .filter(|(r, _)| *r == Role::Reviewer)
            .map(|(_, u)| u.clone())
            .collect()
    };
    if reviews(&had) != reviews(&want) {
        f.push(6);
    }
    if u.is_active != x.active {
        f.push(7);
    }
    f
}

fn same_catalog(items: &[CatalogItemInput], rows: &[CatalogRow]) -> bool {
    let key = |i: &CatalogItemInput| {
        (
            i.code.trim().to_uppercase(),
            i.group_code.trim().to_string(),
            i.name.trim().to_string(),
            i.unit_of_measure.trim().to_string(),
            (i.norm_minutes * 1000.0).round() as i64,
            i.complexity_level,
            i.evidence_required,
        )
    };
    let a: BTreeSet<_> = items.iter().map(key).collect();
    let b: BTreeSet<_> = rows.iter().map(|r| key(&r.item)).collect();
    items.len() == rows.len() && a == b
}
