//! The name of every state, as the pages show it: one place, so a page and a refusal
//! message name a state the same way.

use super::{Locale, Msg};
use crate::models::{
    AppealDecision, AppealStatus, EntryStatus, FormulaScope, JdStatus, JobStatus, PeriodStatus,
    RuleStatus,
};

impl FormulaScope {
    /// Which formula scored and why that one, as the score page says it.
    pub fn describe(&self, locale: Locale) -> String {
        let vi = locale == Locale::Vi;
        match self {
            FormulaScope::Position(code) if vi => {
                format!("Công thức riêng của vị trí việc làm {code}.")
            }
            FormulaScope::Position(code) => format!("The own formula of position {code}."),
            FormulaScope::Agency(name) if vi => format!(
                "Công thức mặc định của tỉnh với tham số riêng của {name} (vị trí việc làm không có công thức riêng)."
            ),
            FormulaScope::Agency(name) => format!(
                "The province default with the parameters of {name} (the position has no formula of its own)."
            ),
            FormulaScope::Province if vi => "Công thức mặc định của tỉnh (vị trí việc làm và cơ quan không có công thức riêng).".to_string(),
            FormulaScope::Province => "The province default (neither the position nor the agency has its own formula).".to_string(),
        }
    }
}

impl EntryStatus {
    pub fn label(self) -> Msg {
        match self {
            EntryStatus::Draft => Msg::StatusDraft,
            EntryStatus::Submitted => Msg::StatusSubmitted,
            EntryStatus::Returned => Msg::StatusReturned,
            EntryStatus::Rejected => Msg::StatusRejected,
            EntryStatus::Approved => Msg::StatusApproved,
            EntryStatus::Locked => Msg::StatusLocked,
        }
    }
}

impl JdStatus {
    pub fn label(self) -> Msg {
        match self {
            JdStatus::Draft => Msg::StatusDraft,
            JdStatus::Submitted => Msg::StatusSubmitted,
            JdStatus::Returned => Msg::StatusReturned,
            JdStatus::Approved => Msg::StatusApproved,
            JdStatus::Superseded => Msg::StatusSuperseded,
        }
    }
}

impl RuleStatus {
    pub fn label(self) -> Msg {
        match self {
            RuleStatus::Draft => Msg::RuleDraft,
            RuleStatus::Submitted => Msg::RuleSubmitted,
            RuleStatus::Approved => Msg::RuleApproved,
            RuleStatus::Active => Msg::RuleActive,
            RuleStatus::Retired => Msg::RuleRetired,
        }
    }
}

impl PeriodStatus {
    pub fn label(self) -> Msg {
        match self {
            PeriodStatus::Open => Msg::PeriodOpen,
            PeriodStatus::Scored => Msg::PeriodScored,
            PeriodStatus::Approved => Msg::PeriodApproved,
            PeriodStatus::Published => Msg::PeriodPublished,
        }
    }
}

impl JobStatus {
    pub fn label(self) -> Msg {
        match self {
            JobStatus::Queued => Msg::JobQueued,
            JobStatus::Running => Msg::SimRunning,
            JobStatus::Done => Msg::SimDone,
            JobStatus::Failed => Msg::SimFailed,
            JobStatus::Cancelled => Msg::JobCancelled,
        }
    }
}

impl AppealStatus {
    pub fn label(self) -> Msg {
        match self {
            AppealStatus::Open => Msg::AppealOpen,
            AppealStatus::Answered => Msg::AppealAnswered,
        }
    }
}

impl AppealDecision {
    pub fn label(self) -> Msg {
        match self {
            AppealDecision::Accepted => Msg::AppealAccepted,
            AppealDecision::Rejected => Msg::AppealRejected,
        }
    }
}
