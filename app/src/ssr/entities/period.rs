use crate::models::PeriodStatus;
use sea_orm::entity::prelude::*;

/// A scoring period: a month, a quarter or a year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "periods")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub kind: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// `open`, `scored`, `approved` or `published`.
    pub status: PeriodStatus,
    pub lock_version: i32,
    /// When the period's figures (`period_unit_stats`) were last rebuilt.
    pub stats_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
