use crate::models::JobStatus;
use sea_orm::entity::prelude::*;

/// A part of a job, claimed by one worker at a time under a lease.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_parts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_id: i32,
    pub seq: i32,
    /// The cohort keys this part scores (JSON array of strings).
    pub cohorts_json: String,
    pub status: JobStatus,
    pub claimed_by: Option<String>,
    pub lease_until: Option<DateTimeUtc>,
    pub attempts: i32,
    pub result_json: Option<String>,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
