use sea_orm::entity::prelude::*;

/// A scoring rule set: a position's own, an agency's (the default's script with the agency's
/// parameter values), or the province default (neither).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rule_sets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub position_id: Option<i32>,
    pub agency_id: Option<i32>,
    /// Bumped by every activation.
    pub lock_version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
