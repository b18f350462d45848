use sea_orm::entity::prelude::*;

/// A period's calendar as an administrator set it: the last day of each closing step.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "period_deadlines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub period_code: String,
    pub submit_by: Date,
    pub review_by: Date,
    pub close_by: Date,
    pub publish_by: Date,
    pub set_by: Option<i32>,
    pub set_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
