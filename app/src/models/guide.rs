//! First-use guides: a short path through a role's main page, shown the first time a person
//! with that role opens it, until they dismiss it (remembered per person); the help page
//! opens it again.

use serde::{Deserialize, Serialize};

use crate::authz::Role;
use crate::i18n::Msg;

/// One guide: whose it is, the page it walks through and its steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Guide {
    /// The officer's diary.
    Officer,
    /// The head's review queue.
    Reviewer,
    /// The administrators' home.
    Admin,
    /// The committee's province overview.
    Committee,
}

/// A step: what to look at (an element's test id on the page) and what to do there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuideStep {
    pub title: Msg,
    pub text: Msg,
    pub target: &'static str,
}

/// The query parameter that opens a page's guide again.
pub const GUIDE_QUERY: &str = "huong-dan";

impl Guide {
    pub const ALL: [Guide; 4] = [
        Guide::Officer,
        Guide::Reviewer,
        Guide::Admin,
        Guide::Committee,
    ];

    /// The value stored in `user_guides.guide`.
    pub fn code(self) -> &'static str {
        match self {
            Guide::Officer => "officer",
            Guide::Reviewer => "reviewer",
            Guide::Admin => "admin",
            Guide::Committee => "committee",
        }
    }

    pub fn parse(code: &str) -> Option<Guide> {
        Guide::ALL.into_iter().find(|g| g.code() == code)
    }

    /// The role the guide is for.
    pub fn role(self) -> Role {
        match self {
            Guide::Officer => Role::Officer,
            Guide::Reviewer => Role::Reviewer,
            Guide::Admin => Role::Admin,
            Guide::Committee => Role::Committee,
        }
    }

    /// The page the guide walks through.
    pub fn page(self) -> &'static str {
        match self {
            Guide::Officer => "/can-bo",
            Guide::Reviewer => "/duyet",
            Guide::Admin => "/quan-tri",
            Guide::Committee => "/ban-chi-dao",
        }
    }

    /// The guide of the page at `path`, if it has one.
    pub fn of_page(path: &str) -> Option<Guide> {
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let path = if path.len() > 1 {
            path.trim_end_matches('/')
        } else {
            path
        };
        Guide::ALL.into_iter().find(|g| g.page() == path)
    }

    pub fn title(self) -> Msg {
        match self {
            Guide::Officer => Msg::GuideOfficer,
            Guide::Reviewer => Msg::GuideReviewer,
            Guide::Admin => Msg::GuideAdmin,
            Guide::Committee => Msg::GuideCommittee,
        }
    }

    pub fn steps(self) -> &'static [GuideStep] {
        match self {
            Guide::Officer => OFFICER_STEPS,
            Guide::Reviewer => REVIEWER_STEPS,
            Guide::Admin => ADMIN_STEPS,
            Guide::Committee => COMMITTEE_STEPS,
        }
    }
}

const fn step(title: Msg, text: Msg, target: &'static str) -> GuideStep {
    GuideStep {
        title,
        text,
        target,
    }
}

const OFFICER_STEPS: &[GuideStep] = &[
    step(Msg::GuideOfficer1, Msg::GuideOfficer1Text, "task-search"),
    step(Msg::GuideOfficer2, Msg::GuideOfficer2Text, "quantity"),
    step(Msg::GuideOfficer3, Msg::GuideOfficer3Text, "entries"),
    step(Msg::GuideOfficer4, Msg::GuideOfficer4Text, "submit-period"),
];
const REVIEWER_STEPS: &[GuideStep] = &[
    step(
        Msg::GuideReviewer1,
        Msg::GuideReviewer1Text,
        "review-filter",
    ),
    step(Msg::GuideReviewer2, Msg::GuideReviewer2Text, "queue"),
    step(
        Msg::GuideReviewer3,
        Msg::GuideReviewer3Text,
        "approve-picked",
    ),
];
const ADMIN_STEPS: &[GuideStep] = &[
    step(Msg::GuideAdmin1, Msg::GuideAdmin1Text, "setup-checklist"),
    step(Msg::GuideAdmin2, Msg::GuideAdmin2Text, "main-nav"),
];
const COMMITTEE_STEPS: &[GuideStep] = &[
    step(
        Msg::GuideCommittee1,
        Msg::GuideCommittee1Text,
        "dash-period-form",
    ),
    step(Msg::GuideCommittee2, Msg::GuideCommittee2Text, "dash-table"),
    step(Msg::GuideCommittee3, Msg::GuideCommittee3Text, "main-nav"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_guide_is_found_by_its_page_and_its_code() {
        for g in Guide::ALL {
            assert_eq!(Guide::of_page(g.page()), Some(g));
            assert_eq!(
                Guide::of_page(&format!("{}?{GUIDE_QUERY}=1", g.page())),
                Some(g)
            );
            assert_eq!(Guide::parse(g.code()), Some(g));
            assert!(!g.steps().is_empty());
        }
        assert_eq!(Guide::of_page("/can-bo/diem"), None);
        assert_eq!(Guide::parse("x"), None);
    }
}
