//! The states of every stateful record, shared by the browser and the server.
//!
//! Each is stored as the lower-case string it has always had in the database (`"draft"`,
//! `"not_scored"`…), travels on the wire as that string too, and is compared and matched as
//! an enum everywhere else: no state string literal lives outside this file. On the server
//! each enum is a column type of its entity (sea-orm's `DeriveValueType`, through
//! `FromStr`/`Display`), so a row with an unknown state is a read error, never a silent
//! mismatch.

use serde::{Deserialize, Serialize};

/// A state enum: `as_str` (the stored form), `FromStr`, `Display`, serde as that string and,
/// on the server, a sea-orm value type.
macro_rules! state_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        #[cfg_attr(feature = "ssr", sea_orm(value_type = "String"))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every state, in life-cycle order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored (and wire) form.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The state stored as `text`, if it is one.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownState;
            fn from_str(text: &str) -> Result<$name, UnknownState> {
                $name::parse(text).ok_or_else(|| UnknownState {
                    kind: stringify!($name),
                    text: text.to_string(),
                })
            }
        }
    };
}

/// A stored state that no enum knows (a read error on the server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownState {
    pub kind: &'static str,
    pub text: String,
}

impl std::fmt::Display for UnknownState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} \"{}\"", self.kind, self.text)
    }
}

impl std::error::Error for UnknownState {}

state_enum! {
    /// A work-log entry: the officer writes and submits it, the head of unit approves,
    /// returns or rejects it; an approved period locks it.
    EntryStatus {
        Draft = "draft",
        Submitted = "submitted",
        Returned = "returned",
        Rejected = "rejected",
        Approved = "approved",
        Locked = "locked",
    }
}

impl EntryStatus {
    /// The states that count for scoring.
    pub const SCORABLE: [EntryStatus; 2] = [EntryStatus::Approved, EntryStatus::Locked];
    /// The states a reviewer has seen (or is asked to see): everything but a draft.
    pub const LOGGED: [EntryStatus; 4] = [
        EntryStatus::Submitted,
        EntryStatus::Approved,
        EntryStatus::Locked,
        EntryStatus::Returned,
    ];

    /// Whether the officer may still edit the entry.
    pub fn editable(self) -> bool {
        matches!(self, EntryStatus::Draft | EntryStatus::Returned)
    }

    /// Whether the entry counts for scoring.
    pub fn scorable(self) -> bool {
        Self::SCORABLE.contains(&self)
    }
}

state_enum! {
    /// A version of a position's job description and task catalog.
    JdStatus {
        Draft = "draft",
        Submitted = "submitted",
        Returned = "returned",
        Approved = "approved",
        Superseded = "superseded",
    }
}

impl JdStatus {
    /// A version still being written or decided (at most one per position).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            JdStatus::Draft | JdStatus::Submitted | JdStatus::Returned
        )
    }

    /// A version that was approved at some time (in force, or replaced since).
    pub fn was_approved(self) -> bool {
        matches!(self, JdStatus::Approved | JdStatus::Superseded)
    }
}

state_enum! {
    /// A version of a scoring formula.
    RuleStatus {
        Draft = "draft",
        Submitted = "submitted",
        Approved = "approved",
        Active = "active",
        Retired = "retired",
    }
}

impl RuleStatus {
    /// The versions that can be simulated: not yet in force, or approved and waiting.
    pub const SIMULABLE: [RuleStatus; 3] = [
        RuleStatus::Draft,
        RuleStatus::Submitted,
        RuleStatus::Approved,
    ];

    /// Whether the version has been in force at some time.
    pub fn ever_in_force(self) -> bool {
        matches!(self, RuleStatus::Active | RuleStatus::Retired)
    }
}

state_enum! {
    /// An officer's score for a period.
    ScoreStatus {
        Scored = "scored",
        NotScored = "not_scored",
    }
}

#[cfg(feature = "ssr")]
impl From<rubric_rules::Status> for ScoreStatus {
    fn from(s: rubric_rules::Status) -> ScoreStatus {
        match s {
            rubric_rules::Status::Scored => ScoreStatus::Scored,
            rubric_rules::Status::NotScored => ScoreStatus::NotScored,
        }
    }
}

state_enum! {
    /// An evaluation period: open while work is logged, scored, approved by the committee,
    /// published to the officers.
    PeriodStatus {
        Open = "open",
        Scored = "scored",
        Approved = "approved",
        Published = "published",
    }
}

impl PeriodStatus {
    /// Whether the period's scores are final (approved or published).
    pub fn is_closed(self) -> bool {
        matches!(self, PeriodStatus::Approved | PeriodStatus::Published)
    }
}

state_enum! {
    /// A background job (a scoring run, a simulation) and each of its parts.
    JobStatus {
        Queued = "queued",
        Running = "running",
        Done = "done",
        Failed = "failed",
        Cancelled = "cancelled",
    }
}

impl JobStatus {
    /// Whether the job is still to run or running.
    pub fn is_live(self) -> bool {
        matches!(self, JobStatus::Queued | JobStatus::Running)
    }
}

state_enum! {
    /// An officer's appeal of a score.
    AppealStatus {
        Open = "open",
        Answered = "answered",
    }
}

state_enum! {
    /// The answer to an appeal.
    AppealDecision {
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_forms_round_trip() {
        fn check<T>(all: &[T])
        where
            T: Copy + std::fmt::Display + std::str::FromStr + PartialEq + std::fmt::Debug,
            T: Serialize + for<'de> Deserialize<'de>,
        {
            for s in all {
                let text = s.to_string();
                assert_eq!(text.parse::<T>().ok(), Some(*s));
                let json = serde_json::to_string(s).expect("json");
                assert_eq!(json, format!("\"{text}\""));
                assert_eq!(serde_json::from_str::<T>(&json).ok(), Some(*s));
            }
        }
        check(EntryStatus::ALL);
        check(JdStatus::ALL);
        check(RuleStatus::ALL);
        check(ScoreStatus::ALL);
        check(PeriodStatus::ALL);
        check(JobStatus::ALL);
        check(AppealStatus::ALL);
        check(AppealDecision::ALL);
        assert!("Draft".parse::<EntryStatus>().is_err());
        assert_eq!(ScoreStatus::NotScored.as_str(), "not_scored");
    }
}
