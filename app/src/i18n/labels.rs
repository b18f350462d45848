//! The name of every state, as the pages show it: one place, so a page and a refusal
//! message name a state the same way.

use super::Msg;
use crate::models::{
    AppealDecision, AppealStatus, EntryStatus, JdStatus, JobStatus, PeriodStatus, RuleStatus,
};

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
