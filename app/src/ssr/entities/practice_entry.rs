use sea_orm::entity::prelude::*;

/// A practice entry (thực hành): logged like a work-log entry, never reviewed or scored.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "practice_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub officer_id: i32,
    pub work_date: Date,
    pub catalog_item_id: Option<i32>,
    pub off_catalog_description: Option<String>,
    pub proposed_minutes: Option<f64>,
    pub assigned_qty: f64,
    pub completed_qty: f64,
    pub assigned_on: Option<Date>,
    pub deadline: Option<Date>,
    pub completed_on: Option<Date>,
    pub source_document: Option<String>,
    pub note: Option<String>,
    /// When the officer "submitted" it; `None` while it is a draft.
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
