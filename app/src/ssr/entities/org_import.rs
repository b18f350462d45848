use sea_orm::entity::prelude::*;

/// An uploaded organisation workbook: checked (a dry run) when uploaded, applied later from
/// the same bytes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub file_name: String,
    pub sha256: String,
    #[sea_orm(column_type = "Blob")]
    pub bytes: Vec<u8>,
    pub deactivate_missing: bool,
    /// The dry run's `ImportReport` (never an activation code).
    pub report_json: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub applied_by: Option<i32>,
    pub applied_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
