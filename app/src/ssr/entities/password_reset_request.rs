use sea_orm::entity::prelude::*;

/// A password reset waiting for a second administrator's confirmation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_reset_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// The temporary password the first administrator chose, hashed.
    pub password_hash: String,
    pub requested_by: i32,
    pub requested_by_name: String,
    pub requested_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
