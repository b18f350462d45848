use sea_orm::entity::prelude::*;

/// General-criteria points a reviewer enters per officer and period.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "criteria_points")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub officer_id: i32,
    pub period_id: i32,
    pub general: f64,
    pub reform_it: Option<f64>,
    pub disqualified: bool,
    pub entered_by: Option<i32>,
    pub entered_at: DateTimeUtc,
    pub lock_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
