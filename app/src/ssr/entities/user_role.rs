use sea_orm::entity::prelude::*;

/// One role a user holds, optionally limited to a unit (and its sub-units).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_roles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// `officer`, `reviewer`, `admin`, `committee` or `auditor`.
    pub role: String,
    pub unit_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
