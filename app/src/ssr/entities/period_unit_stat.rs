use crate::models::ScoreStatus;
use sea_orm::entity::prelude::*;

/// The current scores of a period summed per unit, status, grade and reason: what the
/// dashboard and the reports read (rebuilt by every scoring run).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "period_unit_stats")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub period_id: i32,
    pub unit_id: Option<i32>,
    pub status: ScoreStatus,
    pub grade: Option<String>,
    pub reason: Option<String>,
    pub officers: i32,
    pub total_sum: f64,
    pub standard_hours_sum: f64,
    pub entry_count: i32,
    pub days_over_norm: i32,
    pub officers_over_norm: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
