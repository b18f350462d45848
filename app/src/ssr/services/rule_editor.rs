//! The rule editor: a version's page (script, parameters, test cases and their results,
//! simulations, evidence), editing a draft from the form, trying a version on an officer's
//! period, and the committee's approval with its evidence packet.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate, Utc};
use rubric_rules::RuleSetSource;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use serde_json::Value;

use crate::error::AppError;
use crate::i18n::parse_number;
use crate::i18n::{Act, Msg, Notice, Record};
use crate::models::{
    text_diff, BoundaryProposal, CaseExpectRow, CaseRow, CaseRunView, Evidence, LineChange,
    ParamField, ProposedCase, RuleDraftForm, RuleVersionPage, ScriptProblem, TryResult,
};
use crate::models::{JobStatus, PeriodKind, PeriodStatus, RuleStatus};
use crate::ssr::entities::{
    period, period_score, position, rule_set_version as rsv, unit, user, user_role,
};
use crate::ssr::rule_pool::RulePool;
use crate::ssr::services::audit::Actor;
use crate::ssr::services::rule_checks;
use crate::ssr::services::rule_versions;
use crate::ssr::services::scoring::{self, DraftRules, Policy};
use crate::ssr::services::simulations;
use crate::ssr::services::{jobs, periods};

/// Version `id`'s texts with `script` instead of its own compiled for `who`: where the
/// script fails, if it does (the editor asks while the script is typed).
pub async fn check_script<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    who: Option<i32>,
    id: i32,
    script: String,
) -> Result<Option<ScriptProblem>, AppError> {
    let v = rsv::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let source = RuleSetSource::new(script, v.params_json, "[]");
    pool.run(who, move |engine| {
        engine
            .compile(&source)
            .err()
            .map(|e| rule_checks::problem_of(&e))
    })
    .await
}

/// Runs version `id`'s tests now for `who` and stores the results.
pub async fn run_checks<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    who: Option<i32>,
    id: i32,
) -> Result<CaseRunView, AppError> {
    let v = rule_versions::load(db, id).await?;
    rule_checks::refresh(db, pool, who, &rule_versions::source_of(&v)).await
}

/// The parameters of `params_json` as form fields (declaration order is by name).
pub fn param_fields(params_json: &str) -> Vec<ParamField> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(params_json) else {
        return Vec::new();
    };
    map.into_iter()
        .map(|(name, d)| {
            let text = |k: &str| {
                d.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            ParamField {
                label_vi: text("label_vi"),
                label_en: text("label_en"),
                kind: text("type"),
                value: match d.get("default") {
                    Some(Value::String(s)) => s.clone(),
                    Some(v) => v.to_string(),
                    None => String::new(),
                },
                min: d.get("min").and_then(Value::as_f64),
                max: d.get("max").and_then(Value::as_f64),
                name,
            }
        })
        .collect()
}

/// The test cases of `cases_json` as table rows.
pub fn case_rows(cases_json: &str) -> Vec<CaseRow> {
    let Ok(cases) = rubric_rules::cases::parse_cases(cases_json) else {
        return Vec::new();
    };
    cases
        .into_iter()
        .map(|c| {
            let officers = c.input.get("officers").and_then(Value::as_array);
            CaseRow {
                officers: officers.map(Vec::len).unwrap_or(0),
                entries: officers
                    .map(|o| {
                        o.iter()
                            .filter_map(|o| o.get("entries").and_then(Value::as_array))
                            .map(Vec::len)
                            .sum()
                    })
                    .unwrap_or(0),
                expects: c
                    .expect
                    .into_iter()
                    .map(|e| CaseExpectRow {
                        officer: e.officer,
                        status: serde_json::to_value(e.status)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default(),
                        total: e.total,
                        grade: e.grade,
                        components: e.components.unwrap_or_default().into_iter().collect(),
                    })
                    .collect(),
                name: c.name,
            }
        })
        .collect()
}

/// A 0-based position from the form as the 1-based number a person reads.
fn case_no(i: usize) -> u32 {
    u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX)
}

/// A draft's texts with the form's script, parameter values and expected results applied.
/// Every bad value is named; nothing is half-applied.
pub fn apply_form(v: &rsv::Model, form: &RuleDraftForm) -> Result<RuleSetSource, AppError> {
    let mut params: Value = serde_json::from_str(&v.params_json).map_err(|e| {
        AppError::notice(
            "params",
            Notice::BadParamsFile {
                error: e.to_string(),
            },
        )
    })?;
    let mut errors = Vec::new();
    for p in &form.params {
        let Some(decl) = params.get_mut(&p.name).and_then(Value::as_object_mut) else {
            errors.push(Notice::NoSuchParam {
                name: p.name.clone(),
            });
            continue;
        };
        let label = decl
            .get("label_vi")
            .and_then(Value::as_str)
            .unwrap_or(&p.name)
            .to_string();
        let label_en = decl
            .get("label_en")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let kind = decl.get("type").and_then(Value::as_str).unwrap_or("number");
        let text = p.value.trim();
        let value = match kind {
            "bool" => Some(Value::Bool(matches!(text, "true" | "on" | "1" | "có"))),
            "integer" => parse_number(text)
                .filter(|x| x.fract() == 0.0)
                .map(|x| Value::from(x as i64)),
            // A whole number is written as one (`2`, not `2.0`), as a person would.
            _ => parse_number(text).and_then(|x| {
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    Some(Value::from(x as i64))
                } else {
                    serde_json::Number::from_f64(x).map(Value::Number)
                }
            }),
        };
        let Some(value) = value else {
            errors.push(Notice::ParamNotANumber {
                label,
                label_en,
                text: text.to_string(),
                integer: kind == "integer",
            });
            continue;
        };
        if let Some(x) = value.as_f64() {
            let min = decl.get("min").and_then(Value::as_f64);
            let max = decl.get("max").and_then(Value::as_f64);
            if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) {
                errors.push(Notice::ParamOutOfRange {
                    label,
                    label_en,
                    min: min.map(|m| m.to_string()).unwrap_or_else(|| "−∞".into()),
                    max: max.map(|m| m.to_string()).unwrap_or_else(|| "∞".into()),
                });
                continue;
            }
        }
        decl.insert("default".into(), value);
    }
    let mut cases: Value = serde_json::from_str(&v.cases_json).map_err(|e| {
        AppError::notice(
            "cases",
            Notice::BadCasesFile {
                error: e.to_string(),
            },
        )
    })?;
    for x in &form.expects {
        let Some(expect) = cases
            .get_mut(x.case)
            .and_then(|c| c.get_mut("expect"))
            .and_then(|e| e.get_mut(x.index))
            .and_then(Value::as_object_mut)
        else {
            errors.push(Notice::NoSuchExpectation {
                case: case_no(x.case),
                index: case_no(x.index),
            });
            continue;
        };
        match x.total.trim() {
            "" => {
                expect.remove("total");
            }
            t => match parse_number(t).and_then(serde_json::Number::from_f64) {
                Some(n) => {
                    expect.insert("total".into(), Value::Number(n));
                }
                None => errors.push(Notice::CaseTotalNotANumber {
                    case: case_no(x.case),
                    text: t.to_string(),
                }),
            },
        }
        match x.grade.trim() {
            "" => {
                expect.remove("grade");
            }
            g => {
                expect.insert("grade".into(), Value::String(g.to_uppercase()));
            }
        }
        match x.components.as_deref().map(crate::models::parse_components) {
            None => {}
            Some(Ok(c)) if c.is_empty() => {
                expect.remove("components");
            }
            Some(Ok(c)) => {
                let map: serde_json::Map<String, Value> = c
                    .into_iter()
                    .filter_map(|(k, v)| Some((k, Value::Number(serde_json::Number::from_f64(v)?))))
                    .collect();
                expect.insert("components".into(), Value::Object(map));
            }
            Some(Err(bad)) => errors.push(Notice::CaseBadComponent {
                case: case_no(x.case),
                text: bad,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::notice(
            "form",
            Notice::FormProblems { problems: errors },
        ));
    }
    let pretty =
        |v: &Value| serde_json::to_string_pretty(v).map_err(|e| AppError::internal("json", e));
    Ok(RuleSetSource::new(
        form.script.replace("\r\n", "\n"),
        pretty(&params)?,
        pretty(&cases)?,
    ))
}

/// Today in Vietnam.
pub fn today() -> NaiveDate {
    crate::i18n::vietnam_date(Utc::now())
}

/// The version of the same rule set in force today (the newest active one), to compare with.
async fn in_force<C: ConnectionTrait>(
    db: &C,
    v: &rsv::Model,
) -> Result<Option<rsv::Model>, AppError> {
    Ok(rsv::Entity::find()
        .filter(rsv::Column::RuleSetId.eq(v.rule_set_id))
        .filter(rsv::Column::Status.eq(RuleStatus::Active))
        .filter(rsv::Column::Id.ne(v.id))
        .order_by_desc(rsv::Column::EffectiveFrom)
        .one(db)
        .await?)
}

/// What the reader of a version's page may do, as `authz` decided.
#[derive(Clone, Copy, Debug, Default)]
pub struct Rights {
    pub edit: bool,
    pub steer: bool,
    pub simulate: bool,
}

/// The rule editor's page of version `id`, with the stored results of its tests (none
/// when they were not run: reading the page runs no script).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    id: i32,
    rights: Rights,
) -> Result<RuleVersionPage, AppError> {
    let (v, set) = rule_versions::with_set(db, id).await?;
    let position = match set.position_id {
        Some(p) => position::Entity::find_by_id(p).one(db).await?,
        None => None,
    };
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(v.author_id.into_iter().chain(v.approver_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let versions = rsv::Entity::find()
        .filter(rsv::Column::RuleSetId.eq(v.rule_set_id))
        .order_by_desc(rsv::Column::VersionNo)
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.id, x.version_no, x.status))
        .collect();
    let scored_periods: HashSet<i32> = period_score::Entity::find()
        .select_only()
        .column(period_score::Column::PeriodId)
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let all_periods = period::Entity::find()
        .order_by_desc(period::Column::StartsOn)
        .all(db)
        .await?;
    let periods = all_periods
        .iter()
        .filter(|p| scored_periods.contains(&p.id))
        .map(|p| p.code.clone())
        .collect();
    let rescorable = match (v.status, v.effective_from) {
        (RuleStatus::Active, Some(from)) => all_periods
            .iter()
            .filter(|p| p.starts_on >= from && !p.status.is_closed())
            .map(|p| p.code.clone())
            .collect(),
        _ => Vec::new(),
    };
    let units = unit::Entity::find()
        .filter(unit::Column::Kind.ne("province"))
        .order_by_asc(unit::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} — {}", u.code, u.name)))
        .collect();
    let positions = position::Entity::find()
        .order_by_asc(position::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} — {}", p.code, p.name)))
        .collect();
    let officer_ids: HashSet<i32> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(crate::authz::Role::Officer.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let mut q = user::Entity::find().filter(user::Column::IsActive.eq(true));
    if let Some(p) = set.position_id {
        q = q.filter(user::Column::PositionId.eq(p));
    }
    let officers = q
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| officer_ids.contains(&u.id))
        .take(500)
        .map(|u| (u.id, u.full_name))
        .collect();
    let evidence = v
        .evidence_json
        .as_deref()
        .and_then(|j| serde_json::from_str::<Evidence>(j).ok());
    Ok(RuleVersionPage {
        id: v.id,
        rule_set_id: set.id,
        rule_set_name: set.name,
        position: position.map(|p| format!("{} — {}", p.code, p.name)),
        version_no: v.version_no,
        content_hash: v.content_hash.clone(),
        effective_from: v.effective_from,
        approval_note: v.approval_note.clone(),
        author: v.author_id.and_then(|a| names.get(&a).cloned()),
        approver: v.approver_id.and_then(|a| names.get(&a).cloned()),
        lock_version: v.lock_version,
        set_lock_version: set.lock_version,
        params: param_fields(&v.params_json),
        cases: case_rows(&v.cases_json),
        case_run: rule_checks::stored(db, &v.content_hash).await?,
        simulations: simulations::briefs(db, v.id).await?,
        evidence,
        versions,
        periods,
        units,
        positions,
        officers,
        rescorable,
        suggested_effective: suggested_start(&all_periods),
        can_edit: rights.edit && v.status == RuleStatus::Draft,
        can_draft: rights.edit,
        can_steer: rights.steer,
        can_simulate: rights.simulate && RuleStatus::SIMULABLE.contains(&v.status),
        can_run_checks: rights.simulate,
        script: v.script,
        status: v.status,
    })
}

/// Saves a draft from the editor's form; the test results of what was saved (run and
/// stored unless these texts were run before).
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    form: &RuleDraftForm,
) -> Result<CaseRunView, AppError> {
    let (v, set) = rule_versions::with_set(db, form.id).await?;
    let source = apply_form(&v, form)?;
    crate::ssr::services::formulas::check_agency_script(db, &set, &source.script).await?;
    rule_versions::update_draft(db, actor, v.id, form.lock_version, &source).await?;
    rule_checks::ensure(db, pool, actor.id, &source).await
}

/// A new draft of the same rule set, copied from version `id`.
pub async fn new_draft_from<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<rsv::Model, AppError> {
    let (v, set) = rule_versions::with_set(db, id).await?;
    rule_versions::create_draft(db, actor, set.id, &rule_versions::source_of(&v)).await
}

/// Version `id` (its saved texts) applied to one officer's period, nothing stored.
pub async fn try_version<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
    officer_id: i32,
    period_code: &str,
) -> Result<TryResult, AppError> {
    let (v, set) = rule_versions::with_set(db, id).await?;
    let p = periods::existing(db, periods::parse(period_code)?).await?;
    let officer = user::Entity::find_by_id(officer_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    rule_versions::compile(pool, actor.id, &rule_versions::source_of(&v)).await?;
    let draft = DraftRules::of(&v, &set);
    let outcome = scoring::evaluate_officer(db, pool, actor, &p, &officer, Some(draft)).await?;
    let Some(r) = outcome else {
        return Err(AppError::notice(
            "officer",
            Notice::OfficerNotScoredInPeriod {
                officer: officer.full_name,
                period: p.code,
            },
        ));
    };
    if r.rule_version_id != v.id {
        return Err(AppError::notice(
            "officer",
            Notice::FormulaNotForOfficer {
                officer: officer.full_name,
            },
        ));
    }
    let current = crate::ssr::services::scores::current_row(db, officer_id, &p.code)
        .await
        .ok()
        .map(|(_, s)| s);
    Ok(TryResult {
        officer_name: officer.full_name,
        period: p.code,
        version_no: v.version_no,
        status: r.result.status.into(),
        total: r.result.total,
        grade: r.result.grade.clone(),
        reason: r.result.reason.clone(),
        trace: crate::ssr::services::scores::trace_lines(db, officer_id, &r.result.trace).await?,
        current_total: current.as_ref().and_then(|s| s.total),
        current_grade: current.and_then(|s| s.grade),
    })
}

/// The parameters whose default changed between two `params.json` texts.
fn params_changed(old: &str, new: &str) -> Vec<String> {
    let (old, new) = (param_fields(old), param_fields(new));
    let mut out = Vec::new();
    for n in &new {
        match old.iter().find(|o| o.name == n.name) {
            Some(o) if o.value != n.value => {
                out.push(format!("{}: {} → {}", n.name, o.value, n.value))
            }
            None => out.push(format!("{}: mới, {}", n.name, n.value)),
            _ => {}
        }
    }
    for o in &old {
        if !new.iter().any(|n| n.name == o.name) {
            out.push(format!("{}: bỏ", o.name));
        }
    }
    out
}

/// The committee approves a submitted version with a note; the latest finished simulation,
/// the test results and the comparison with the version in force are attached to it.
pub async fn approve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    note: &str,
) -> Result<rsv::Model, AppError> {
    if note.trim().is_empty() {
        return Err(AppError::refused("note", Msg::RuleApprovalNoteRequired));
    }
    let (v, _) = rule_versions::with_set(db, id).await?;
    rule_versions::refuse_editor(db, actor, &v).await?;
    let simulation = simulations::briefs(db, id)
        .await?
        .into_iter()
        .find(|s| s.status == JobStatus::Done)
        .ok_or_else(|| AppError::refused("simulation", Msg::RuleSimulationRequired))?;
    let checks = rule_checks::ensure(db, pool, actor.id, &rule_versions::source_of(&v)).await?;
    let base = in_force(db, &v).await?;
    let (added, removed) = base
        .as_ref()
        .map(|b| {
            text_diff(&b.script, &v.script)
                .iter()
                .fold((0, 0), |(a, r), l| match l {
                    LineChange::Added(_) => (a + 1, r),
                    LineChange::Removed(_) => (a, r + 1),
                    LineChange::Same(_) => (a, r),
                })
        })
        .unwrap_or((0, 0));
    let evidence = Evidence {
        note: note.trim().to_string(),
        approved_by: Some(actor.name.clone()),
        approved_at: Utc::now(),
        simulation: Some(simulation),
        cases_passed: checks.passed,
        cases_failed: checks.failed,
        compared_with: base.as_ref().map(|b| b.version_no),
        script_added: added,
        script_removed: removed,
        params_changed: base
            .as_ref()
            .map(|b| params_changed(&b.params_json, &v.params_json))
            .unwrap_or_default(),
    };
    let evidence =
        serde_json::to_string(&evidence).map_err(|e| AppError::internal("evidence", e))?;
    rule_versions::approve(db, pool, actor, id, expected_lock, note, Some(&evidence)).await
}

/// Whether a version may take effect on `effective_from`: today, or the first day of a
/// month from which on no period's scores are approved or published yet (`closed` names
/// the first such period). Approved and published scores never change by an activation;
/// open and scored periods change only through an explicit re-score.
pub fn date_rule(
    today: NaiveDate,
    effective_from: NaiveDate,
    closed: Option<&str>,
) -> Result<(), AppError> {
    if effective_from == today {
        return Ok(());
    }
    if effective_from.day() != 1 {
        return Err(AppError::refused(
            "effective_from",
            Msg::RuleEffectiveDateNotPeriodStart,
        ));
    }
    if let Some(code) = closed {
        return Err(AppError::notice(
            "effective_from",
            Notice::PeriodClosedForActivation {
                code: code.to_string(),
            },
        ));
    }
    Ok(())
}

/// [`date_rule`] against the periods of the database.
pub async fn check_effective_date<C: ConnectionTrait>(
    db: &C,
    effective_from: NaiveDate,
) -> Result<(), AppError> {
    let closed = period::Entity::find()
        .filter(period::Column::EndsOn.gte(effective_from))
        .filter(period::Column::Status.is_in([PeriodStatus::Approved, PeriodStatus::Published]))
        .order_by_asc(period::Column::StartsOn)
        .one(db)
        .await?;
    date_rule(
        today(),
        effective_from,
        closed.as_ref().map(|p| p.code.as_str()),
    )
}

/// The activation form's suggestion: the start of the first open period after the last
/// scored one, else the first day of next month.
fn suggested_start(periods: &[period::Model]) -> NaiveDate {
    // `periods` is newest first.
    let last_scored = periods.iter().position(|p| p.status != PeriodStatus::Open);
    let candidate = match last_scored {
        Some(i) => periods[..i]
            .iter()
            .rev()
            .find(|p| p.kind == PeriodKind::Month.as_str()),
        None => None,
    };
    candidate.map(|p| p.starts_on).unwrap_or_else(|| {
        let t = today();
        let (y, m) = if t.month() == 12 {
            (t.year() + 1, 1)
        } else {
            (t.year(), t.month() + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(t)
    })
}

/// The explicit re-score of an open or scored period after an activation: every officer
/// whose rule version, inputs or result changed gets a new score version; approved scores
/// stay as they are. Recorded in the audit trail as a period scoring. Returns the job's id.
pub async fn rescore<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    period_code: &str,
) -> Result<i32, AppError> {
    let code = periods::parse(period_code)?;
    let p = periods::existing(db, code).await?;
    if p.status.is_closed() {
        return Err(AppError::notice(
            "period",
            Notice::StateRefused {
                act: Act::Rescore,
                record: Record::Period(p.code.clone()),
                state: p.status.into(),
            },
        ));
    }
    // A durable job, run by the servers' workers; the page follows its progress. A second
    // request while it runs joins it.
    jobs::enqueue_score(db, actor, code, None, Policy::Rescore).await
}

/// Test cases proposed on each side of every grade threshold of draft `id` (±0,01), with
/// whether the draft already holds each; computed on the engine pool, nothing stored.
pub async fn propose_boundaries<C: ConnectionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
) -> Result<BoundaryProposal, AppError> {
    let v = rule_versions::load(db, id).await?;
    let have: HashSet<String> = existing_case_names(&v.cases_json);
    Ok(match boundary_specs(pool, actor, &v).await? {
        Ok(found) => BoundaryProposal {
            cases: found
                .cases
                .iter()
                .map(|c| ProposedCase {
                    name: c.name.clone(),
                    total: c.expect.first().and_then(|e| e.total).unwrap_or_default(),
                    grade: c
                        .expect
                        .first()
                        .and_then(|e| e.grade.clone())
                        .unwrap_or_default(),
                    already: have.contains(&c.name),
                })
                .collect(),
            unreachable: found
                .unreachable
                .iter()
                .map(|u| {
                    format!(
                        "{} ({}): {}",
                        u.grade,
                        crate::i18n::format_number(crate::i18n::Locale::Vi, u.total, 2),
                        u.reason
                    )
                })
                .collect(),
            problem: None,
        },
        Err(problem) => BoundaryProposal {
            cases: Vec::new(),
            unreachable: Vec::new(),
            problem: Some(problem),
        },
    })
}

/// Adds the proposed boundary cases named in `names` to draft `id` (computed again here:
/// nothing the browser sends is taken as a case), saves and runs the tests.
pub async fn accept_boundaries<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    pool: &RulePool,
    actor: &Actor,
    id: i32,
    expected_lock: i32,
    names: &[String],
) -> Result<CaseRunView, AppError> {
    let (v, set) = rule_versions::with_set(db, id).await?;
    if v.status != RuleStatus::Draft {
        return Err(AppError::notice(
            "status",
            Notice::StateRefused {
                act: Act::Edit,
                record: Record::RuleVersion(v.version_no),
                state: v.status.into(),
            },
        ));
    }
    let found = boundary_specs(pool, actor, &v)
        .await?
        .map_err(|problem| AppError::notice("cases", Notice::BoundaryFailed { error: problem }))?;
    let have = existing_case_names(&v.cases_json);
    let mut cases: Vec<Value> = serde_json::from_str(&v.cases_json).unwrap_or_default();
    let before = cases.len();
    for c in found.cases {
        if names.contains(&c.name) && !have.contains(&c.name) {
            cases.push(serde_json::to_value(&c).map_err(|e| AppError::internal("case json", e))?);
        }
    }
    if cases.len() == before {
        return Err(AppError::refused("names", Msg::BoundaryNothingChosen));
    }
    let text =
        serde_json::to_string_pretty(&cases).map_err(|e| AppError::internal("cases json", e))?;
    let source = RuleSetSource::new(v.script.clone(), v.params_json.clone(), text);
    crate::ssr::services::formulas::check_agency_script(db, &set, &source.script).await?;
    rule_versions::update_draft(db, actor, v.id, expected_lock, &source).await?;
    rule_checks::ensure(db, pool, actor.id, &source).await
}

fn existing_case_names(cases_json: &str) -> HashSet<String> {
    serde_json::from_str::<Vec<Value>>(cases_json)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// The boundary cases of version `v` on the engine pool: the template officer is the first
/// officer of the first of its cases that the formula scores, else the engine's sample.
/// `Err` inside: why none could be proposed (the script does not compile, no thresholds…).
async fn boundary_specs(
    pool: &RulePool,
    actor: &Actor,
    v: &rsv::Model,
) -> Result<Result<rubric_rules::boundary::BoundaryCases, String>, AppError> {
    let source = rule_versions::source_of(v);
    let inputs: Vec<Value> = serde_json::from_str::<Vec<Value>>(&v.cases_json)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| c.get("input").cloned())
        .take(3)
        .collect();
    pool.run(actor.id, move |engine| {
        let rules = engine.compile(&source).map_err(|e| e.to_string())?;
        let values = rubric_rules::ParamValues::new();
        let mut last = None;
        for input in &inputs {
            match rubric_rules::boundary::boundary_cases(engine, &rules, &values, Some(input)) {
                Ok(found) => return Ok(found),
                Err(e @ rubric_rules::boundary::BoundaryError::NoThresholds) => {
                    return Err(e.to_string())
                }
                Err(e) => last = Some(e),
            }
        }
        match rubric_rules::boundary::boundary_cases(engine, &rules, &values, None) {
            Ok(found) => Ok(found),
            Err(e) => Err(last.unwrap_or(e).to_string()),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{ExpectForm, ParamValueForm};

    fn version() -> rsv::Model {
        let now = Utc::now();
        rsv::Model {
            id: 1,
            rule_set_id: 1,
            version_no: 2,
            status: RuleStatus::Draft,
            script: "fn score(o, p, q) { not_scored(\"x\") }".into(),
            params_json: r#"{"w": {"type": "number", "default": 1, "min": 0, "max": 10, "label_vi": "Trọng số"},
                             "cap": {"type": "integer", "default": 20, "label_vi": "Giới hạn"}}"#
                .into(),
            cases_json: r#"[{"name": "c", "input": {"officers": []}, "expect": [{"officer": "a", "status": "scored", "total": 90}]}]"#.into(),
            content_hash: String::new(),
            effective_from: None,
            author_id: None,
            approver_id: None,
            approval_note: None,
            submitted_at: None,
            approved_at: None,
            activated_at: None,
            retired_at: None,
            evidence_json: None,
            lock_version: 0,
            created_at: now,
            updated_at: now,
        }
    }

    fn form(params: &[(&str, &str)], total: &str) -> RuleDraftForm {
        RuleDraftForm {
            id: 1,
            lock_version: 0,
            script: "fn score(o, p, q) {\r\n not_scored(\"y\") }".into(),
            params: params
                .iter()
                .map(|(n, v)| ParamValueForm {
                    name: n.to_string(),
                    value: v.to_string(),
                })
                .collect(),
            expects: vec![ExpectForm {
                case: 0,
                index: 0,
                total: total.into(),
                grade: "httnv".into(),
                components: Some("a = 1; task = 62,5".into()),
            }],
        }
    }

    #[test]
    fn the_form_sets_defaults_and_expectations() {
        let s = apply_form(&version(), &form(&[("w", "2,5"), ("cap", "15")], "87,5")).unwrap();
        let p: Value = serde_json::from_str(&s.params_json).unwrap();
        assert_eq!(p["w"]["default"], 2.5);
        assert_eq!(p["cap"]["default"], 15);
        let c: Value = serde_json::from_str(&s.cases_json).unwrap();
        assert_eq!(c[0]["expect"][0]["total"], 87.5);
        assert_eq!(c[0]["expect"][0]["grade"], "HTTNV");
        assert_eq!(c[0]["expect"][0]["components"]["task"], 62.5);
        assert!(!s.script.contains('\r'));
        // A blank total drops the expectation of the total.
        let s = apply_form(&version(), &form(&[], "")).unwrap();
        let c: Value = serde_json::from_str(&s.cases_json).unwrap();
        assert!(c[0]["expect"][0].get("total").is_none());
    }

    #[test]
    fn every_bad_value_is_named_and_nothing_is_applied() {
        let err = apply_form(
            &version(),
            &form(&[("w", "11"), ("cap", "1,5"), ("x", "1")], "abc"),
        )
        .unwrap_err();
        let AppError::Notice {
            notice: Notice::FormProblems { problems },
            ..
        } = &err
        else {
            panic!("expected the form's problems: {err:?}")
        };
        assert_eq!(problems.len(), 4, "{problems:?}");
        let message = err.user_message(crate::i18n::Locale::Vi);
        assert!(
            message.contains("\"Trọng số\" phải từ 0 đến 10"),
            "{message}"
        );
        assert!(
            message.contains("\"Giới hạn\": \"1,5\" không phải số nguyên"),
            "{message}"
        );
        assert!(message.contains("Không có tham số \"x\""), "{message}");
        assert!(message.contains("\"abc\" không phải số"), "{message}");
    }

    #[test]
    fn changed_parameters_are_listed() {
        let old = r#"{"a": {"type": "number", "default": 1, "label_vi": "A"}, "b": {"type": "number", "default": 2, "label_vi": "B"}}"#;
        let new = r#"{"a": {"type": "number", "default": 1.5, "label_vi": "A"}, "c": {"type": "number", "default": 3, "label_vi": "C"}}"#;
        assert_eq!(
            params_changed(old, new),
            vec!["a: 1 → 1.5", "c: mới, 3", "b: bỏ"]
        );
    }

    #[test]
    fn activation_dates_are_today_or_a_period_start_not_yet_approved() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let today = d(2026, 11, 27);
        assert!(date_rule(today, today, None).is_ok());
        assert!(date_rule(today, d(2026, 12, 1), None).is_ok());
        // The start of a past month whose scores are not approved: re-scored explicitly.
        assert!(date_rule(today, d(2026, 10, 1), None).is_ok());
        assert!(date_rule(today, d(2026, 12, 4), None).is_err());
        let err = date_rule(today, d(2026, 9, 1), Some("2026-09")).unwrap_err();
        assert_eq!(
            err,
            AppError::notice(
                "effective_from",
                Notice::PeriodClosedForActivation {
                    code: "2026-09".into()
                }
            )
        );
        assert!(err
            .user_message(crate::i18n::Locale::Vi)
            .contains("2026-09"));
        assert_eq!(
            date_rule(today, d(2026, 12, 4), None).unwrap_err(),
            AppError::refused("effective_from", Msg::RuleEffectiveDateNotPeriodStart)
        );
    }
}
