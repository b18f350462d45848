//! Accounts, the signed-in user, user administration, and the entry and score views that
//! object-level permissions guard.

use serde::{Deserialize, Serialize};

use crate::models::states::*;

use crate::authz::{Grant, Subject};

/// The signed-in user as every page sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub unit_name: Option<String>,
    pub subject: Subject,
}

/// A row of the user list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub unit_name: Option<String>,
    pub position_code: Option<String>,
    pub roles: Vec<String>,
    pub is_active: bool,
    pub must_change_password: bool,
}

/// One page of the user list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    pub users: Vec<UserSummary>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// A user as the edit form shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub unit_id: Option<i32>,
    pub position_id: Option<i32>,
    pub grants: Vec<Grant>,
    pub is_active: bool,
    pub must_change_password: bool,
    /// A password reset waiting for a second administrator.
    pub pending_reset: Option<PendingReset>,
}

/// A password reset one administrator requested and another must confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingReset {
    pub requested_by: i32,
    pub requested_by_name: String,
    pub requested_at: chrono::DateTime<chrono::Utc>,
}

/// What resetting a password did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordResetOutcome {
    /// The temporary password is set.
    Done,
    /// The account configures, approves or oversees: a second administrator must confirm.
    AwaitingSecondAdmin,
}

/// A unit or a position offered in the user form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserFormOptions {
    pub units: Vec<Choice>,
    pub positions: Vec<Choice>,
}

/// One work-log entry as its owner, their reviewer or an auditor reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkEntryView {
    pub id: i64,
    pub officer_id: i32,
    #[serde(with = "crate::models::iso_date")]
    pub work_date: chrono::NaiveDate,
    pub catalog_item_id: Option<i32>,
    pub off_catalog_description: Option<String>,
    pub assigned_qty: f64,
    pub completed_qty: f64,
    #[serde(with = "crate::models::iso_date::option")]
    pub deadline: Option<chrono::NaiveDate>,
    #[serde(with = "crate::models::iso_date::option")]
    pub completed_on: Option<chrono::NaiveDate>,
    pub source_document: Option<String>,
    pub note: Option<String>,
    pub status: EntryStatus,
    pub return_reason: Option<String>,
    pub lock_version: i32,
}

/// An officer's current score for a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreView {
    pub officer_id: i32,
    pub period: String,
    pub status: ScoreStatus,
    pub total: Option<f64>,
    pub grade: Option<String>,
    pub reason: Option<String>,
    pub components: serde_json::Value,
    pub rule_version_hash: String,
    pub score_version: i32,
}

/// The user form as submitted (also without JavaScript, so select values arrive as text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserInput {
    /// Ignored on update: a user name never changes.
    pub username: String,
    pub full_name: String,
    /// A unit id, or empty.
    pub unit_id: String,
    /// A position id, or empty.
    pub position_id: String,
    /// Role codes: officer, reviewer, admin, committee, auditor.
    pub roles: Vec<String>,
    /// The unit ids a reviewer heads.
    pub reviewer_units: Vec<String>,
    /// The initial password on creation (the user must change it); ignored on update.
    pub password: String,
}

/// One audit event as the auditor's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEventView {
    pub seq: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// The object before and after the change, as indented JSON.
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub events: Vec<AuditEventView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    /// The kinds of object the trail holds, to filter by.
    pub entities: Vec<String>,
}

/// Which audit events to list; every part optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// The kind of object (`work_log_entry`, `user`, `appeal`…).
    pub entity: Option<String>,
    /// Part of the actor's name, accents and case ignored.
    pub actor: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

/// The result of walking the whole hash chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditCheck {
    Intact { events: u64 },
    Broken { seq: i64, problem: String },
}
