use crate::models::JobStatus;
use sea_orm::entity::prelude::*;

/// A durable background job (see `services::jobs`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `score` or `simulation`.
    pub kind: String,
    /// One live job per key (kind, period, scope); `None` once the job has ended.
    pub live_key: Option<String>,
    pub payload_json: String,
    pub status: JobStatus,
    pub parts_total: i32,
    pub parts_done: i32,
    pub result_json: Option<String>,
    pub error_json: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
