//! Rule sets and their versions as administrators, the committee and auditors read them.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use crate::error::AppError;
use crate::models::{RuleSetView, RuleVersionView};
use crate::ssr::entities::{position, rule_set, rule_set_version};

/// Every rule set (the province default first) with its versions, newest first.
pub async fn rule_sets<C: ConnectionTrait>(db: &C) -> Result<Vec<RuleSetView>, AppError> {
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
            id: s.id,
            code: s.code,
            name: s.name,
        })
        .collect();
    sets.sort_by(|a, b| (a.position.is_some(), &a.code).cmp(&(b.position.is_some(), &b.code)));
    Ok(sets)
}
