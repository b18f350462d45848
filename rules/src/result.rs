//! What scoring produces: per-officer results and their traces.

use crate::numbers::to_cents;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Rule id of the item that reconciles rounded item points with the total.
pub const ROUNDING_RULE: &str = "rounding";

/// Whether an officer received a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Scored,
    /// Missing data or nothing to score; never a silent zero.
    NotScored,
}

/// The result for one officer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficerResult {
    pub id: String,
    pub status: Status,
    /// Two decimals; `None` when not scored.
    pub total: Option<f64>,
    /// Grade code (`HTXSNV`, …); `None` when not scored.
    pub grade: Option<String>,
    /// Named components the script reports (`a`, `b`, `c`, `task`, …).
    pub components: BTreeMap<String, f64>,
    /// Why the officer was not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub trace: Trace,
}

/// The explanation of a result: every point of the total belongs to one item.
///
/// Item points are rounded to two decimals and an explicit [`ROUNDING_RULE`]
/// item absorbs the difference, so the items add up to the total exactly in
/// hundredths ([`Trace::total_cents`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Trace(pub Vec<TraceItem>);

impl Trace {
    pub fn items(&self) -> &[TraceItem] {
        &self.0
    }

    /// Sum of the items' points in hundredths (exact).
    pub fn total_cents(&self) -> i64 {
        self.0.iter().map(|item| to_cents(item.points)).sum()
    }

    /// Sum of the items' points.
    pub fn total(&self) -> f64 {
        self.total_cents() as f64 / 100.0
    }
}

/// One labelled rule's share of the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceItem {
    /// Stable rule id: `general`, `task.quantity`, `penalty.delay`, `cohort.cap`, …
    pub rule: String,
    /// Short Vietnamese label.
    pub label: String,
    /// A Vietnamese sentence an officer can read.
    pub explanation: String,
    /// Points, two decimals; negative for penalties, zero for notes such as a regrade.
    pub points: f64,
    /// Script line of the call that recorded the item; `None` for host items.
    pub line: Option<u32>,
    /// The work-log entries that produced the points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<EntryContribution>,
}

/// An entry's share of a trace item's points (four decimals).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryContribution {
    pub id: Arc<str>,
    pub contribution: f64,
}
