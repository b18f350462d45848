use sea_orm::entity::prelude::*;

/// A node of the organisation tree: province → agency → department.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    /// `province`, `agency` or `department`.
    pub kind: String,
    pub parent_id: Option<i32>,
    pub created_at: DateTimeUtc,
    /// Closed from this day on: no new members, its history stays.
    pub closed_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
