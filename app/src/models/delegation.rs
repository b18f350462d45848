//! Delegation of a unit's review to an acting head, as the unit page shows it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One delegation of the unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegationView {
    pub id: i32,
    pub delegator: String,
    pub delegate: String,
    pub delegate_username: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub note: Option<String>,
    /// Running today (started, not ended, not revoked).
    pub running: bool,
    pub revoked: bool,
    /// The caller may revoke it (the delegator, a head of the unit or above).
    pub can_revoke: bool,
}

/// The delegation form as submitted (dates as `yyyy-mm-dd` or `dd/mm/yyyy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DelegationForm {
    pub unit: String,
    /// The acting head's user name.
    pub username: String,
    /// Empty: today.
    pub starts_on: String,
    pub ends_on: String,
    pub note: String,
}

/// The longest delegation, in days: a long absence is a change of head, made by an
/// administrator.
pub const DELEGATION_MAX_DAYS: i64 = 180;
