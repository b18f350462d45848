use crate::models::RuleStatus;
use sea_orm::entity::prelude::*;

/// One version of a rule set: script, parameters and test cases.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rule_set_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rule_set_id: i32,
    pub version_no: i32,
    /// `draft`, `submitted`, `approved`, `active` or `retired`.
    pub status: RuleStatus,
    pub script: String,
    pub params_json: String,
    pub cases_json: String,
    pub content_hash: String,
    pub effective_from: Option<Date>,
    pub author_id: Option<i32>,
    pub approver_id: Option<i32>,
    pub approval_note: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub approved_at: Option<DateTimeUtc>,
    pub activated_at: Option<DateTimeUtc>,
    pub retired_at: Option<DateTimeUtc>,
    /// The approval's evidence packet (JSON): simulation, test results, comparison.
    pub evidence_json: Option<String>,
    pub lock_version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
