//! Who may see and do what: the one place that decides every permission.
//!
//! Pure functions over a [`Subject`] (the signed-in user's roles and unit scopes, or none)
//! and what they want: an [`Action`] for server functions, a page path for routes. Server
//! functions load the object first (its owner and the chain of units above it), then ask
//! [`decide`]; the page guard middleware and the navigation ask [`page_access`]. Compiled
//! into the browser too, so the navigation shows exactly the pages the server would serve.
//!
//! Rules (DOMAIN.md): an officer sees and changes only their own logs and scores; a reviewer
//! acts on the units they head and their sub-units, never on their own entries; an admin
//! manages users and configuration; the committee runs simulations and activates formulas;
//! an auditor reads everything and changes nothing.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Role {
    Officer,
    Reviewer,
    Admin,
    Committee,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Officer,
        Role::Reviewer,
        Role::Admin,
        Role::Committee,
        Role::Auditor,
    ];

    /// The value stored in `user_roles.role`.
    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
            Role::Committee => "committee",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> Msg {
        match self {
            Role::Officer => Msg::RoleOfficer,
            Role::Reviewer => Msg::RoleReviewer,
            Role::Admin => Msg::RoleAdmin,
            Role::Committee => Msg::RoleCommittee,
            Role::Auditor => Msg::RoleAuditor,
        }
    }

    /// Only a reviewer's role is limited to units; the others apply province-wide.
    pub fn takes_unit_scope(self) -> bool {
        self == Role::Reviewer
    }
}

/// One role held by a user; a reviewer's carries the unit they head.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub unit_id: Option<i32>,
}

/// The signed-in user as the permission rules see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub user_id: i32,
    pub grants: Vec<Grant>,
    /// After an administrator's reset: nothing is allowed but changing the password.
    pub must_change_password: bool,
}

impl Subject {
    pub fn has(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    /// The units the user heads as a reviewer (their sub-units are reviewed too).
    pub fn headed_units(&self) -> Vec<i32> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::Reviewer)
            .filter_map(|g| g.unit_id)
            .collect()
    }

    /// Whether the user reviews the unit whose chain (the unit, then its ancestors) is given.
    pub fn reviews(&self, unit_chain: &[i32]) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::Reviewer && g.unit_id.is_some_and(|u| unit_chain.contains(&u)))
    }
}

/// An officer's record (an entry, a score): whose it is and where they sit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub officer_id: i32,
    /// The officer's unit followed by its ancestors up to the province.
    pub unit_chain: Vec<i32>,
}

/// What a server function is about to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action<'a> {
    /// Public, non-personal data (the home page's overview).
    ReadPublic,
    /// Signing in or out: open to everyone.
    SignInOrOut,
    /// Reading one's own account, signing out, changing one's own password, one's
    /// first-use guides.
    OwnAccount,
    /// Listing and reading user accounts.
    ReadUsers,
    /// Creating users, changing roles, resetting passwords, deactivating.
    ManageUsers,
    /// Reading the audit trail.
    ReadAudit,
    /// Reading and marking one's own notifications, setting one's digest address.
    OwnNotifications,
    /// The administrators' home: the setup checklist and the jobs' health.
    ReadAdminHome,
    /// The province's figures: the committee's dashboard by agency and unit, and the
    /// reports sent upward (counts and sums, no one's score by name).
    ReadProvinceFigures,
    /// An agency's classification list (every officer's result by name): the committee,
    /// auditors, and heads, who see the agencies they head (the service narrows).
    ReadClassification,
    /// The signed-in officer's own diary (entries and catalog).
    OwnDiary,
    /// Reading one officer's work-log entry.
    ReadEntry(&'a Target),
    /// Creating, editing, deleting or submitting one's own entry.
    WriteOwnEntry(&'a Target),
    /// Approving, returning, recording findings on an entry.
    ReviewEntry(&'a Target),
    /// Reading an officer's scores and their explanation.
    ReadScore(&'a Target),
    /// Opening one's review queue (it holds only the units one heads).
    ReviewQueue,
    /// Scoring, approving a unit's period; entering general-criteria points.
    ReviewUnit(&'a [i32]),
    /// Reading the closing page of a period (how far each unit and agency is).
    ReadClosing,
    /// Closing an agency's period once its units are approved: its director (a reviewer of
    /// the agency or of a unit above it). Its chain: the agency, then its ancestors.
    CloseAgency(&'a [i32]),
    /// Reopening a closed agency: its director, or the committee.
    ReopenAgency(&'a [i32]),
    /// Publishing the province's period, and reopening it: the committee.
    PublishPeriod,
    /// Setting a period's calendar (the deadline of each closing step): administrators.
    SetDeadlines,
    /// Reading a formula version's script: one that is or was in force scores people and is
    /// no secret; drafts and versions under approval are read only by those who configure,
    /// steer or audit formulas.
    ReadFormula { in_force: bool },
    /// Job descriptions, catalogs and rule versions: editing drafts.
    EditConfiguration,
    /// Reading job descriptions, catalogs and rule versions.
    ReadConfiguration,
    /// Approving job descriptions.
    ApproveJobDescription,
    /// Approving, activating and retiring formula versions; re-scoring after activation.
    SteerFormulas,
    /// Running a simulation of a formula version on a past period (the authors of drafts
    /// and the committee).
    Simulate,
    /// Cancelling a background job: the committee any, the one who started it their own
    /// (a simulation).
    CancelJob { own: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Allow,
    /// Not signed in.
    SignIn,
    /// Signed in with a reset password: change it first.
    ChangePassword,
    Forbidden,
}

impl Decision {
    pub fn allowed(self) -> bool {
        self == Decision::Allow
    }
}

fn allow_if(yes: bool) -> Decision {
    if yes {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// The decision for `action` by `subject` (`None`: anonymous).
pub fn decide(subject: Option<&Subject>, action: &Action<'_>) -> Decision {
    match action {
        Action::ReadPublic | Action::SignInOrOut => return Decision::Allow,
        _ => {}
    }
    let Some(s) = subject else {
        return Decision::SignIn;
    };
    if matches!(action, Action::OwnAccount) {
        return Decision::Allow;
    }
    if s.must_change_password {
        return Decision::ChangePassword;
    }
    use Role::*;
    match action {
        Action::ReadPublic | Action::SignInOrOut | Action::OwnAccount => Decision::Allow,
        Action::ReadUsers => allow_if(s.has(Admin) || s.has(Auditor)),
        Action::ManageUsers => allow_if(s.has(Admin)),
        Action::ReadAudit => allow_if(s.has(Auditor) || s.has(Admin)),
        Action::OwnNotifications => Decision::Allow,
        Action::ReadAdminHome => allow_if(s.has(Admin)),
        Action::ReadProvinceFigures => allow_if(s.has(Committee) || s.has(Auditor) || s.has(Admin)),
        Action::ReadClassification => {
            allow_if(s.has(Committee) || s.has(Auditor) || s.has(Reviewer))
        }
        Action::ReadEntry(t) => allow_if(
            (s.user_id == t.officer_id && s.has(Officer))
                || s.reviews(&t.unit_chain)
                || s.has(Auditor),
        ),
        Action::OwnDiary => allow_if(s.has(Officer)),
        Action::ReadFormula { in_force } => {
            allow_if(*in_force || s.has(Admin) || s.has(Committee) || s.has(Auditor))
        }
        Action::WriteOwnEntry(t) => allow_if(s.user_id == t.officer_id && s.has(Officer)),
        Action::ReviewEntry(t) => allow_if(s.user_id != t.officer_id && s.reviews(&t.unit_chain)),
        Action::ReadScore(t) => allow_if(
            (s.user_id == t.officer_id && s.has(Officer))
                || s.reviews(&t.unit_chain)
                || s.has(Auditor)
                || s.has(Committee),
        ),
        Action::ReviewQueue => allow_if(s.has(Reviewer)),
        Action::ReviewUnit(chain) => allow_if(s.reviews(chain)),
        Action::ReadClosing => {
            allow_if(s.has(Reviewer) || s.has(Committee) || s.has(Admin) || s.has(Auditor))
        }
        Action::CloseAgency(chain) => allow_if(s.reviews(chain)),
        Action::ReopenAgency(chain) => allow_if(s.reviews(chain) || s.has(Committee)),
        Action::PublishPeriod => allow_if(s.has(Committee)),
        Action::SetDeadlines => allow_if(s.has(Admin)),
        Action::EditConfiguration | Action::ApproveJobDescription => allow_if(s.has(Admin)),
        Action::ReadConfiguration => allow_if(s.has(Admin) || s.has(Committee) || s.has(Auditor)),
        Action::SteerFormulas => allow_if(s.has(Committee)),
        Action::Simulate => allow_if(s.has(Committee) || s.has(Admin)),
        Action::CancelJob { own } => allow_if(s.has(Committee) || (*own && s.has(Admin))),
    }
}

/// Whether `subject` may read every officer's score (the committee, auditors): the test is
/// the score of an officer in no unit anyone heads, so it follows [`Action::ReadScore`].
pub fn reads_every_score(subject: Option<&Subject>) -> bool {
    let nobody = Target {
        officer_id: -1,
        unit_chain: Vec::new(),
    };
    decide(subject, &Action::ReadScore(&nobody)).allowed()
}

/// Who may open a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageRule {
    Public,
    /// Anyone signed in (even with a reset password).
    SignedIn,
    /// Holders of any of these roles.
    AnyOf(&'static [Role]),
}

/// A page of the application: its path, who may open it, and its entry in the navigation.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    pub path: &'static str,
    pub rule: PageRule,
    pub nav: Option<Msg>,
}

pub const SIGN_IN_PATH: &str = "/dang-nhap";
pub const CHANGE_PASSWORD_PATH: &str = "/doi-mat-khau";
pub const ACTIVATION_PATH: &str = "/kich-hoat";

/// Every page, in navigation order. The router's routes must all appear here (a test
/// checks it); a path's rule also covers the paths under it unless they have their own.
pub const PAGES: &[Page] = &[
    Page {
        path: "/",
        rule: PageRule::Public,
        nav: Some(Msg::NavHome),
    },
    Page {
        path: SIGN_IN_PATH,
        rule: PageRule::Public,
        nav: None,
    },
    Page {
        path: ACTIVATION_PATH,
        rule: PageRule::Public,
        nav: None,
    },
    Page {
        path: CHANGE_PASSWORD_PATH,
        rule: PageRule::SignedIn,
        nav: None,
    },
    Page {
        path: "/can-bo",
        rule: PageRule::AnyOf(&[Role::Officer]),
        nav: Some(Msg::NavOfficer),
    },
    Page {
        path: "/can-bo/diem",
        rule: PageRule::AnyOf(&[Role::Officer]),
        nav: Some(Msg::NavMyScore),
    },
    Page {
        path: "/can-bo/thuc-hanh",
        rule: PageRule::AnyOf(&[Role::Officer]),
        nav: None,
    },
    Page {
        path: "/cong-thuc",
        rule: PageRule::SignedIn,
        nav: None,
    },
    Page {
        path: "/duyet",
        rule: PageRule::AnyOf(&[Role::Reviewer]),
        nav: Some(Msg::NavReviewer),
    },
    Page {
        path: "/don-vi",
        rule: PageRule::AnyOf(&[Role::Reviewer]),
        nav: Some(Msg::NavUnit),
    },
    Page {
        path: "/don-vi/can-bo",
        rule: PageRule::AnyOf(&[Role::Reviewer, Role::Committee, Role::Auditor]),
        nav: None,
    },
    Page {
        path: "/bao-cao/xep-loai",
        rule: PageRule::AnyOf(&[Role::Reviewer, Role::Committee, Role::Auditor]),
        nav: None,
    },
    Page {
        path: "/phieu-danh-gia",
        rule: PageRule::AnyOf(&[
            Role::Officer,
            Role::Reviewer,
            Role::Committee,
            Role::Auditor,
        ]),
        nav: None,
    },
    Page {
        path: "/thuat-ngu",
        rule: PageRule::Public,
        nav: None,
    },
    Page {
        path: "/quyen-rieng-tu",
        rule: PageRule::Public,
        nav: None,
    },
    Page {
        path: "/tro-giup",
        rule: PageRule::SignedIn,
        nav: None,
    },
    Page {
        path: "/thong-bao",
        rule: PageRule::SignedIn,
        nav: None,
    },
    Page {
        path: "/chot-ky",
        rule: PageRule::AnyOf(&[Role::Reviewer, Role::Committee, Role::Admin, Role::Auditor]),
        nav: Some(Msg::NavClosing),
    },
    Page {
        path: "/quan-tri",
        rule: PageRule::AnyOf(&[Role::Admin]),
        nav: Some(Msg::NavAdmin),
    },
    Page {
        path: "/quan-tri/to-chuc",
        rule: PageRule::AnyOf(&[Role::Admin]),
        nav: Some(Msg::NavOrg),
    },
    Page {
        path: "/quan-tri/don-vi",
        rule: PageRule::AnyOf(&[Role::Admin]),
        nav: Some(Msg::NavUnits),
    },
    Page {
        path: "/quan-tri/ket-noi",
        rule: PageRule::AnyOf(&[Role::Admin]),
        nav: Some(Msg::NavApi),
    },
    Page {
        path: "/quan-tri/nguoi-dung",
        rule: PageRule::AnyOf(&[Role::Admin, Role::Auditor]),
        nav: Some(Msg::NavUsers),
    },
    Page {
        path: "/quan-tri/cong-thuc",
        rule: PageRule::AnyOf(&[Role::Admin, Role::Committee, Role::Auditor]),
        nav: Some(Msg::NavFormulas),
    },
    Page {
        path: "/quan-tri/vi-tri",
        rule: PageRule::AnyOf(&[Role::Admin, Role::Committee, Role::Auditor]),
        nav: Some(Msg::NavPositions),
    },
    Page {
        path: "/quan-tri/nguoi-dung/moi",
        rule: PageRule::AnyOf(&[Role::Admin]),
        nav: None,
    },
    Page {
        path: "/ban-chi-dao",
        rule: PageRule::AnyOf(&[Role::Committee, Role::Auditor, Role::Admin]),
        nav: Some(Msg::NavProvinceFigures),
    },
    Page {
        path: "/thanh-tra",
        rule: PageRule::AnyOf(&[Role::Auditor, Role::Admin]),
        nav: Some(Msg::NavAuditor),
    },
];

/// The page whose path is the longest prefix of `path` (by whole segments).
pub fn page_for(path: &str) -> Option<&'static Page> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    PAGES
        .iter()
        .filter(|p| {
            p.path == "/"
                || path == p.path
                || (path.starts_with(p.path) && path[p.path.len()..].starts_with('/'))
        })
        .max_by_key(|p| p.path.len())
}

/// Whether `subject` may open the page at `path`. Unknown paths are public (they are 404s).
pub fn page_access(subject: Option<&Subject>, path: &str) -> Decision {
    let rule = page_for(path).map_or(PageRule::Public, |p| p.rule);
    if rule == PageRule::Public {
        return Decision::Allow;
    }
    let Some(s) = subject else {
        return Decision::SignIn;
    };
    if rule == PageRule::SignedIn {
        return Decision::Allow;
    }
    if s.must_change_password {
        return Decision::ChangePassword;
    }
    match rule {
        PageRule::AnyOf(roles) => allow_if(roles.iter().any(|r| s.has(*r))),
        PageRule::Public | PageRule::SignedIn => Decision::Allow,
    }
}

/// The navigation entries `subject` sees.
pub fn navigation(subject: Option<&Subject>) -> Vec<&'static Page> {
    PAGES
        .iter()
        .filter(|p| p.nav.is_some() && page_access(subject, p.path).allowed())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(id: i32, grants: &[(Role, Option<i32>)]) -> Subject {
        Subject {
            user_id: id,
            grants: grants
                .iter()
                .map(|(role, unit_id)| Grant {
                    role: *role,
                    unit_id: *unit_id,
                })
                .collect(),
            must_change_password: false,
        }
    }

    #[test]
    fn a_reviewer_acts_on_their_unit_and_its_sub_units_but_not_on_their_own_entries() {
        // Units: 1 province, 2 agency, 3 department of 2, 4 department of another agency 5.
        let head = subject(10, &[(Role::Reviewer, Some(2)), (Role::Officer, None)]);
        let in_dept = Target {
            officer_id: 11,
            unit_chain: vec![3, 2, 1],
        };
        let elsewhere = Target {
            officer_id: 12,
            unit_chain: vec![4, 5, 1],
        };
        let own = Target {
            officer_id: 10,
            unit_chain: vec![2, 1],
        };
        assert!(decide(Some(&head), &Action::ReviewEntry(&in_dept)).allowed());
        assert_eq!(
            decide(Some(&head), &Action::ReviewEntry(&elsewhere)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(Some(&head), &Action::ReviewEntry(&own)),
            Decision::Forbidden
        );
        assert!(decide(Some(&head), &Action::WriteOwnEntry(&own)).allowed());
        assert_eq!(
            decide(Some(&head), &Action::WriteOwnEntry(&in_dept)),
            Decision::Forbidden
        );
    }

    #[test]
    fn an_auditor_reads_everything_and_changes_nothing() {
        let auditor = subject(1, &[(Role::Auditor, None)]);
        let t = Target {
            officer_id: 2,
            unit_chain: vec![3],
        };
        for read in [
            Action::ReadUsers,
            Action::ReadAudit,
            Action::ReadEntry(&t),
            Action::ReadScore(&t),
            Action::ReadConfiguration,
        ] {
            assert!(decide(Some(&auditor), &read).allowed(), "{read:?}");
        }
        for write in [
            Action::ManageUsers,
            Action::WriteOwnEntry(&t),
            Action::ReviewEntry(&t),
            Action::ReviewUnit(&[3]),
            Action::CloseAgency(&[2, 1]),
            Action::ReopenAgency(&[2, 1]),
            Action::PublishPeriod,
            Action::SetDeadlines,
            Action::EditConfiguration,
            Action::ApproveJobDescription,
            Action::SteerFormulas,
            Action::Simulate,
            Action::CancelJob { own: true },
        ] {
            assert_eq!(
                decide(Some(&auditor), &write),
                Decision::Forbidden,
                "{write:?}"
            );
        }
    }

    #[test]
    fn the_director_closes_their_agency_the_committee_publishes_and_reopens() {
        // Units: 1 province, 2 agency, 3 department of 2.
        let director = subject(1, &[(Role::Reviewer, Some(2))]);
        let head = subject(2, &[(Role::Reviewer, Some(3)), (Role::Officer, None)]);
        let committee = subject(3, &[(Role::Committee, None)]);
        let agency = [2, 1];
        assert!(decide(Some(&director), &Action::CloseAgency(&agency)).allowed());
        assert!(decide(Some(&director), &Action::ReopenAgency(&agency)).allowed());
        assert!(!decide(Some(&director), &Action::CloseAgency(&[5, 1])).allowed());
        assert!(!decide(Some(&director), &Action::PublishPeriod).allowed());
        assert!(!decide(Some(&head), &Action::CloseAgency(&agency)).allowed());
        assert!(decide(Some(&head), &Action::ReadClosing).allowed());
        assert!(!decide(Some(&committee), &Action::CloseAgency(&agency)).allowed());
        assert!(decide(Some(&committee), &Action::ReopenAgency(&agency)).allowed());
        assert!(decide(Some(&committee), &Action::PublishPeriod).allowed());
    }

    #[test]
    fn the_committee_cancels_any_job_an_administrator_only_their_own() {
        let committee = subject(1, &[(Role::Committee, None)]);
        let admin = subject(2, &[(Role::Admin, None)]);
        let officer = subject(3, &[(Role::Officer, None)]);
        for own in [true, false] {
            assert!(decide(Some(&committee), &Action::CancelJob { own }).allowed());
        }
        assert!(decide(Some(&admin), &Action::CancelJob { own: true }).allowed());
        assert!(!decide(Some(&admin), &Action::CancelJob { own: false }).allowed());
        assert!(!decide(Some(&officer), &Action::CancelJob { own: true }).allowed());
    }

    #[test]
    fn a_reset_password_allows_nothing_but_the_own_account() {
        let mut admin = subject(1, &[(Role::Admin, None)]);
        admin.must_change_password = true;
        assert_eq!(
            decide(Some(&admin), &Action::ManageUsers),
            Decision::ChangePassword
        );
        assert!(decide(Some(&admin), &Action::OwnAccount).allowed());
        assert_eq!(
            page_access(Some(&admin), "/quan-tri"),
            Decision::ChangePassword
        );
        assert!(page_access(Some(&admin), CHANGE_PASSWORD_PATH).allowed());
    }

    #[test]
    fn anonymous_users_are_sent_to_sign_in() {
        assert_eq!(decide(None, &Action::OwnAccount), Decision::SignIn);
        assert_eq!(page_access(None, "/can-bo"), Decision::SignIn);
        assert_eq!(page_access(None, "/can-bo/nhat-ky?x=1"), Decision::SignIn);
        assert!(page_access(None, "/").allowed());
        assert!(page_access(None, "/khong-co").allowed());
        assert!(page_access(None, "/can-bob").allowed());
    }

    #[test]
    fn the_navigation_follows_the_roles() {
        let paths = |s: Option<&Subject>| navigation(s).iter().map(|p| p.path).collect::<Vec<_>>();
        assert_eq!(paths(None), ["/"]);
        let auditor = subject(1, &[(Role::Auditor, None)]);
        assert_eq!(
            paths(Some(&auditor)),
            [
                "/",
                "/chot-ky",
                "/quan-tri/nguoi-dung",
                "/quan-tri/cong-thuc",
                "/quan-tri/vi-tri",
                "/ban-chi-dao",
                "/thanh-tra"
            ]
        );
        let admin = subject(2, &[(Role::Admin, None)]);
        assert_eq!(
            paths(Some(&admin)),
            [
                "/",
                "/chot-ky",
                "/quan-tri",
                "/quan-tri/to-chuc",
                "/quan-tri/don-vi",
                "/quan-tri/ket-noi",
                "/quan-tri/nguoi-dung",
                "/quan-tri/cong-thuc",
                "/quan-tri/vi-tri",
                "/ban-chi-dao",
                "/thanh-tra"
            ]
        );
    }
}
