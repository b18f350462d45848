//! Rule sets and their versions as administrators, the committee and auditors read them,
//! and the formulas an administrator makes for a position or an agency.

use std::collections::HashMap;

use chrono::NaiveDate;
use rubric_rules::RuleSetSource;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
    TransactionTrait,
};

use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::{
    Choice, FormulaChoices, FormulaTarget, FormulaTemplate, RuleSetView, RuleVersionView,
};
use crate::ssr::entities::{position, rule_set, rule_set_version, rule_set_version as rsv, unit};
use crate::ssr::services::audit::Actor;
use crate::ssr::services::rule_versions;

/// Every rule set (the province default first) with its versions, newest first.
pub async fn rule_sets<C: ConnectionTrait>(db: &C) -> Result<Vec<RuleSetView>, AppError> {
    let agencies: HashMap<i32, String> = unit::Entity::find()
        .filter(unit::Column::Kind.eq("agency"))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.code))
        .collect();
    let positions: HashMap<i32, String> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    let mut versions: HashMap<i32, Vec<RuleVersionView>> = HashMap::new();
    for v in rule_set_version::Entity::find()
        .order_by_desc(rule_set_version::Column::VersionNo)
        .all(db)
        .await?
    {
        let params = serde_json::from_str::<serde_json::Value>(&v.params_json)
            .ok()
            .and_then(|p| serde_json::to_string_pretty(&p).ok())
            .unwrap_or(v.params_json);
        versions
            .entry(v.rule_set_id)
            .or_default()
            .push(RuleVersionView {
                id: v.id,
                version_no: v.version_no,
                status: v.status,
                content_hash: v.content_hash,
                effective_from: v.effective_from,
                approval_note: v.approval_note,
                script: v.script,
                params,
            });
    }
    let mut sets: Vec<RuleSetView> = rule_set::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| RuleSetView {
            versions: versions.remove(&s.id).unwrap_or_default(),
            position: s.position_id.and_then(|p| positions.get(&p).cloned()),
            agency: s.agency_id.and_then(|a| agencies.get(&a).cloned()),
            id: s.id,
            code: s.code,
            name: s.name,
        })
        .collect();
    // The default first, then the agencies', then the positions'.
    sets.sort_by(|a, b| {
        let level = |s: &RuleSetView| (s.position.is_some(), s.agency.is_some());
        (level(a), &a.code).cmp(&(level(b), &b.code))
    });
    Ok(sets)
}

/// The source of a shipped template, or of the province default in force on `today`
/// (else its newest version).
async fn template_source<C: ConnectionTrait>(
    db: &C,
    template: FormulaTemplate,
    today: NaiveDate,
) -> Result<RuleSetSource, AppError> {
    let shipped = |script: &str, params: &str, cases: &str| {
        Ok(RuleSetSource::new(
            script.to_string(),
            params.to_string(),
            cases.to_string(),
        ))
    };
    match template {
        FormulaTemplate::Decree335 => shipped(
            include_str!("../../../../rules/profiles/decree-335/rule.rhai"),
            include_str!("../../../../rules/profiles/decree-335/params.json"),
            include_str!("../../../../rules/profiles/decree-335/cases.json"),
        ),
        FormulaTemplate::KhanhHoa2025 => shipped(
            include_str!("../../../../rules/profiles/khanh-hoa-2025/rule.rhai"),
            include_str!("../../../../rules/profiles/khanh-hoa-2025/params.json"),
            include_str!("../../../../rules/profiles/khanh-hoa-2025/cases.json"),
        ),
        FormulaTemplate::Leader => shipped(
            include_str!("../../../../rules/profiles/leader/rule.rhai"),
            include_str!("../../../../rules/profiles/leader/params.json"),
            include_str!("../../../../rules/profiles/leader/cases.json"),
        ),
        FormulaTemplate::Default => {
            let version = match rule_versions::effective_for(db, None, None, today).await? {
                Some((v, _)) => v,
                None => newest_default(db)
                    .await?
                    .ok_or_else(|| AppError::refused("template", Msg::FormulaNoDefault))?,
            };
            Ok(rule_versions::source_of(&version))
        }
    }
}

/// The newest version of any province-default rule set.
async fn newest_default<C: ConnectionTrait>(db: &C) -> Result<Option<rsv::Model>, AppError> {
    let ids: Vec<i32> = rule_set::Entity::find()
        .filter(rule_set::Column::PositionId.is_null())
        .filter(rule_set::Column::AgencyId.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    Ok(rsv::Entity::find()
        .filter(rsv::Column::RuleSetId.is_in(ids))
        .order_by_desc(rsv::Column::CreatedAt)
        .order_by_desc(rsv::Column::Id)
        .one(db)
        .await?)
}

/// The positions and agencies a new formula can be made for.
pub async fn choices<C: ConnectionTrait>(db: &C) -> Result<FormulaChoices, AppError> {
    let positions = position::Entity::find()
        .order_by_asc(position::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Choice {
            id: p.id,
            code: p.code,
            name: p.name,
        })
        .collect();
    let agencies = unit::Entity::find()
        .filter(unit::Column::Kind.eq("agency"))
        .filter(unit::Column::ClosedOn.is_null())
        .order_by_asc(unit::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|u| Choice {
            id: u.id,
            code: u.code,
            name: u.name,
        })
        .collect();
    Ok(FormulaChoices {
        positions,
        agencies,
    })
}

/// A new draft of the formula that scores `target`, copied from `template`; the target's
/// rule set is created the first time. An agency's formula is the province default's
/// script with the agency's own parameter values, so it can only start from the default.
/// Returns the draft.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    target: FormulaTarget,
    template: FormulaTemplate,
    today: NaiveDate,
) -> Result<rsv::Model, AppError> {
    let (code, name, position_id, agency_id) = match target {
        FormulaTarget::Position(id) => {
            let p = position::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::refused("target", Msg::FormulaUnknownTarget))?;
            (
                format!("vt-{}", p.code),
                format!("Công thức riêng: {}", p.name),
                Some(p.id),
                None,
            )
        }
        FormulaTarget::Agency(id) => {
            let u = unit::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|u| u.kind == "agency")
                .ok_or_else(|| AppError::refused("target", Msg::FormulaUnknownTarget))?;
            if template != FormulaTemplate::Default {
                return Err(AppError::refused("template", Msg::FormulaAgencyFromDefault));
            }
            (
                format!("cq-{}", u.code),
                format!("Tham số của {}", u.name),
                None,
                Some(u.id),
            )
        }
    };
    let source = template_source(db, template, today).await?;
    let mine = match target {
        FormulaTarget::Position(id) => rule_set::Column::PositionId.eq(id),
        FormulaTarget::Agency(id) => rule_set::Column::AgencyId
            .eq(id)
            .and(rule_set::Column::PositionId.is_null()),
    };
    let txn = db.begin().await?;
    let set = match rule_set::Entity::find().filter(mine).one(&txn).await? {
        Some(set) => set,
        None => {
            rule_versions::create_rule_set(&txn, actor, &code, &name, position_id, agency_id)
                .await?
        }
    };
    let draft = rule_versions::create_draft(&txn, actor, set.id, &source).await?;
    txn.commit().await?;
    Ok(draft)
}

/// An agency's formula keeps the province default's script: refused when `script` is not
/// the script of one of the default's versions.
pub async fn check_agency_script<C: ConnectionTrait>(
    db: &C,
    set: &rule_set::Model,
    script: &str,
) -> Result<(), AppError> {
    if set.agency_id.is_none() || set.position_id.is_some() {
        return Ok(());
    }
    let ids: Vec<i32> = rule_set::Entity::find()
        .filter(rule_set::Column::PositionId.is_null())
        .filter(rule_set::Column::AgencyId.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let same = rsv::Entity::find()
        .filter(rsv::Column::RuleSetId.is_in(ids))
        .filter(rsv::Column::Script.eq(script))
        .one(db)
        .await?;
    match same {
        Some(_) => Ok(()),
        None => Err(AppError::refused("script", Msg::FormulaAgencyScriptFixed)),
    }
}
