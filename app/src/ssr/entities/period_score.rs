use crate::models::ScoreStatus;
use sea_orm::entity::prelude::*;

/// One computed score of an officer for a period; re-scoring adds a version.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "period_scores")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub period_id: i32,
    pub officer_id: i32,
    pub score_version: i32,
    /// `scored` or `not_scored`.
    pub status: ScoreStatus,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub components_json: String,
    pub trace_json: String,
    pub reason: Option<String>,
    pub rule_set_version_id: i32,
    pub rule_version_hash: String,
    pub inputs_hash: String,
    pub computed_at: DateTimeUtc,
    pub computed_by: Option<i32>,
    pub superseded_by: Option<i64>,
    pub approved_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    /// The officer's unit when scored.
    pub unit_id: Option<i32>,
    /// The standard hours of the entries scored (none for quarters and years).
    pub standard_hours: Option<f64>,
    pub entry_count: i32,
    /// Working days whose entries add up to more than 8 standard hours.
    pub days_over_norm: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
