use sea_orm::entity::prelude::*;

/// A token of an API client: its SHA-256 hash (the token is shown once), scopes and expiry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub client_id: i32,
    pub name: String,
    /// The token's first characters, to recognise it in lists.
    pub prefix: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    /// Comma-separated scopes (`entries:write,scores:read`).
    pub scopes: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
