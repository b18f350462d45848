use crate::models::EntryStatus;
use sea_orm::entity::prelude::*;

/// A system that uses the integration API: an agency's e-office.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_clients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub name: String,
    /// The agency (unit) whose units the client's tokens reach.
    pub agency_id: i32,
    /// The state the client's entries land in: `draft` or `submitted`.
    pub entry_status: EntryStatus,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub disabled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
