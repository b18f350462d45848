//! The organisation as administrators edit it: the unit tree with its heads and members,
//! and the forms that create units and positions. Validated here, once, for the browser and
//! the server: codes ([`OrgCode`]), unit kinds ([`UnitKind`]) and position groups
//! ([`PositionKind`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// A unit or position code: 1 to 64 characters of letters without accents, digits and
/// `.-_/` (the rule of the organisation workbook). It keeps its case and never changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrgCode(String);

impl OrgCode {
    pub fn parse(text: &str) -> Option<OrgCode> {
        let t = text.trim();
        let ok = (1..=64).contains(&t.len())
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'));
        ok.then(|| OrgCode(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A day as a date field sends it (`yyyy-mm-dd`) or as people write it (`dd/mm/yyyy`).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

/// A level of the organisation tree: province → agency (Sở, UBND xã) → department (Phòng).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    Province,
    Agency,
    Department,
}

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::Province, UnitKind::Agency, UnitKind::Department];

    /// The stored form (`units.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::Agency => "agency",
            UnitKind::Department => "department",
        }
    }

    pub fn parse(text: &str) -> Option<UnitKind> {
        UnitKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
    }

    pub fn label(self) -> Msg {
        match self {
            UnitKind::Province => Msg::UnitsKindProvince,
            UnitKind::Agency => Msg::UnitsKindAgency,
            UnitKind::Department => Msg::UnitsKindDepartment,
        }
    }

    /// Whether a unit of this kind may sit under a unit of kind `parent`: an agency under
    /// the province, a department under an agency or another department. The province sits
    /// under nothing.
    pub fn fits_under(self, parent: UnitKind) -> bool {
        matches!(
            (self, parent),
            (UnitKind::Agency, UnitKind::Province)
                | (
                    UnitKind::Department,
                    UnitKind::Agency | UnitKind::Department
                )
        )
    }
}

/// A position's group (nhóm vị trí việc làm).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PositionKind {
    Leader,
    Professional,
    Support,
}

impl PositionKind {
    pub const ALL: [PositionKind; 3] = [
        PositionKind::Leader,
        PositionKind::Professional,
        PositionKind::Support,
    ];

    /// The stored form (`positions.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            PositionKind::Leader => "leader",
            PositionKind::Professional => "professional",
            PositionKind::Support => "support",
        }
    }

    pub fn parse(text: &str) -> Option<PositionKind> {
        PositionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
    }

    pub fn label(self) -> Msg {
        match self {
            PositionKind::Leader => Msg::PosKindLeader,
            PositionKind::Professional => Msg::PosKindProfessional,
            PositionKind::Support => Msg::PosKindSupport,
        }
    }
}

/// A head of a unit (a reviewer whose role names the unit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitHead {
    pub user_id: i32,
    pub username: String,
    pub full_name: String,
    pub is_active: bool,
}

/// One unit of the tree, in depth-first order with its depth (the province is 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitNode {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<i32>,
    pub depth: u32,
    pub heads: Vec<UnitHead>,
    /// Active users whose unit this is (not counting sub-units).
    pub members: u64,
    pub closed_on: Option<NaiveDate>,
}

/// The unit form as submitted (also without JavaScript, so ids arrive as text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    /// `agency` or `department`.
    pub kind: String,
    /// The parent unit's id.
    pub parent_id: String,
}

/// The position form as submitted. The code is read on creation only: it never changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PositionInput {
    pub code: String,
    pub name: String,
    /// `leader`, `professional` or `support`.
    pub kind: String,
    /// Empty: the position's code in lower case (a cohort of its own).
    pub cohort_group: String,
    /// The ids of the agencies that use the position.
    pub agencies: Vec<String>,
}

/// What the position form shows: the position as it is (none when creating), the agencies
/// to choose from and the cohort groups already in use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionSetup {
    pub position: Option<PositionSettings>,
    pub agencies: Vec<super::Choice>,
    pub cohort_groups: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionSettings {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub cohort_group: String,
    pub agency_ids: Vec<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_case_and_refuse_what_would_break_a_path_or_a_cell() {
        assert_eq!(
            OrgCode::parse(" snv/TCCB ").map(|c| c.0),
            Some("snv/TCCB".into())
        );
        for bad in ["", "a b", "phòng", "=1+2", "<b>", &"x".repeat(65)] {
            assert_eq!(OrgCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_read_both_ways() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(parse_day("2026-12-31"), d);
        assert_eq!(parse_day(" 31/12/2026 "), d);
        assert_eq!(parse_day("31.12.2026"), None);
    }

    #[test]
    fn units_nest_province_agency_department() {
        use UnitKind::*;
        assert!(Agency.fits_under(Province));
        assert!(Department.fits_under(Agency));
        assert!(Department.fits_under(Department));
        assert!(!Agency.fits_under(Agency));
        assert!(!Agency.fits_under(Department));
        assert!(!Department.fits_under(Province));
        assert!(UnitKind::ALL.iter().all(|k| !Province.fits_under(*k)));
    }
}
