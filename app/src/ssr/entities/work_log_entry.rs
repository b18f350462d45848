use crate::models::EntryStatus;
use sea_orm::entity::prelude::*;

/// A work-log entry (nhật ký công việc) with its review findings.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "work_log_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The id the sending system knows the entry by (unique per API client).
    pub external_id: Option<String>,
    /// The API client that sent the entry, if one did.
    pub api_client_id: Option<i32>,
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
    /// `draft`, `submitted`, `approved`, `returned` or `locked`.
    pub status: EntryStatus,
    pub return_reason: Option<String>,
    pub quality_failures: i32,
    pub delays: i32,
    pub objective_cause: bool,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub lock_version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for crate::models::WorkEntryView {
    fn from(e: Model) -> Self {
        crate::models::WorkEntryView {
            id: e.id,
            officer_id: e.officer_id,
            work_date: e.work_date,
            catalog_item_id: e.catalog_item_id,
            off_catalog_description: e.off_catalog_description,
            assigned_qty: e.assigned_qty,
            completed_qty: e.completed_qty,
            deadline: e.deadline,
            completed_on: e.completed_on,
            source_document: e.source_document,
            note: e.note,
            status: e.status,
            return_reason: e.return_reason,
            lock_version: e.lock_version,
        }
    }
}
