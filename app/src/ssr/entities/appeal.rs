use crate::models::{AppealDecision, AppealStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "appeals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub officer_id: i32,
    pub period_id: i32,
    /// The contested entry; `None` when the score as a whole is contested.
    pub entry_id: Option<i64>,
    /// The score version the officer contested.
    pub score_id: i64,
    pub comment: String,
    /// open | answered
    pub status: AppealStatus,
    /// accepted | rejected
    pub decision: Option<AppealDecision>,
    pub answer: Option<String>,
    pub answered_by: Option<i32>,
    pub answered_at: Option<DateTimeUtc>,
    /// The score version the accepted appeal produced, if the result changed.
    pub new_score_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub lock_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
