use crate::models::JobStatus;
use sea_orm::entity::prelude::*;

/// A re-scoring of a past period with a draft rule version.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "simulations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub rule_set_version_id: i32,
    pub period_id: i32,
    pub scope_json: String,
    pub status: JobStatus,
    pub progress: f64,
    pub summary_json: Option<String>,
    pub started_by: Option<i32>,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
