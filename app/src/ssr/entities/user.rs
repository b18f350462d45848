use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub username: String,
    pub full_name: String,
    /// argon2id PHC string; `None` until a password is set.
    pub password_hash: Option<String>,
    pub unit_id: Option<i32>,
    pub is_active: bool,
    pub created_at: DateTimeUtc,
    pub position_id: Option<i32>,
    /// Set by an administrator's password reset: the user must choose a new one.
    pub must_change_password: bool,
    pub password_changed_at: Option<DateTimeUtc>,
    /// The id the province's HR or e-office system knows the person by (unique).
    pub external_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
