use crate::models::JdStatus;
use sea_orm::entity::prelude::*;

/// One version of a position's job description (bản mô tả công việc).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_description_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub position_id: i32,
    pub version_no: i32,
    /// `draft`, `submitted`, `approved`, `returned` or `superseded`.
    pub status: JdStatus,
    pub description: String,
    pub author_id: Option<i32>,
    pub submitted_at: Option<DateTimeUtc>,
    pub approved_by: Option<i32>,
    pub approved_at: Option<DateTimeUtc>,
    pub decision_no: Option<String>,
    pub effective_from: Option<Date>,
    pub return_reason: Option<String>,
    pub lock_version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
