//! From text cells to typed rows, each cell checked on its own and against the other rows
//! of the workbook; the checks that need Rubric's records are in `plan`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::read::{RawBook, Sheet};
use crate::authz::Role;
use crate::models::{CatalogItemInput, CellError, CellProblem, OrgSheet};
use crate::text::fold;

#[derive(Clone, Debug, PartialEq)]
pub struct UnitRow {
    pub row: u32,
    pub code: String,
    pub name: String,
    /// `province`, `agency` or `department`.
    pub kind: &'static str,
    pub parent: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PositionRow {
    pub row: u32,
    pub code: String,
    pub name: String,
    /// `leader`, `professional` or `support`.
    pub kind: &'static str,
    pub cohort_group: String,
    pub agencies: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonRow {
    pub row: u32,
    pub username: String,
    pub full_name: String,
    pub external_id: Option<String>,
    pub unit: Option<String>,
    pub position: Option<String>,
    pub roles: Vec<Role>,
    pub reviews: Vec<String>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CatalogRow {
    pub row: u32,
    pub position: String,
    pub item: CatalogItemInput,
}

/// The workbook's rows, typed; `None` for a sheet the file does not hold.
#[derive(Debug, Default)]
pub struct Book {
    pub units: Option<Vec<UnitRow>>,
    pub positions: Option<Vec<PositionRow>>,
    pub people: Option<Vec<PersonRow>>,
    pub catalogs: Option<Vec<CatalogRow>>,
}

/// Unit kinds as the workbook names them.
pub const UNIT_KINDS: [(&str, &str); 3] = [
    ("province", "Tỉnh"),
    ("agency", "Cơ quan"),
    ("department", "Phòng"),
];
/// Position groups as the workbook names them.
pub const POSITION_GROUPS: [(&str, &str); 3] = [
    ("leader", "Lãnh đạo quản lý"),
    ("professional", "Chuyên môn nghiệp vụ"),
    ("support", "Hỗ trợ phục vụ"),
];
/// Roles as the workbook names them.
pub const ROLE_NAMES: [(Role, &str); 5] = [
    (Role::Officer, "Cán bộ"),
    (Role::Reviewer, "Trưởng đơn vị"),
    (Role::Admin, "Quản trị"),
    (Role::Committee, "Ban chỉ đạo"),
    (Role::Auditor, "Thanh tra"),
];

fn unit_kind(text: &str) -> Option<&'static str> {
    let t = fold(text);
    UNIT_KINDS
        .iter()
        .find(|(code, vi)| t == *code || t == fold(vi))
        .map(|(code, _)| *code)
        .or(match t.as_str() {
            "so" | "ubnd" | "ubnd xa" | "ubnd huyen" | "co quan, don vi" | "don vi" => {
                Some("agency")
            }
            "phong ban" | "bo phan" => Some("department"),
            _ => None,
        })
}

fn position_group(text: &str) -> Option<&'static str> {
    let t = fold(text);
    POSITION_GROUPS
        .iter()
        .find(|(code, vi)| t == *code || t == fold(vi))
        .map(|(code, _)| *code)
        .or(match t.as_str() {
            "lanh dao" | "lanh dao, quan ly" => Some("leader"),
            "chuyen mon" => Some("professional"),
            "ho tro" | "ho tro, phuc vu" => Some("support"),
            _ => None,
        })
}

fn role(text: &str) -> Option<Role> {
    let t = fold(text);
    ROLE_NAMES
        .iter()
        .find(|(r, vi)| t == r.code() || t == fold(vi))
        .map(|(r, _)| *r)
        .or(match t.as_str() {
            "cong chuc" | "vien chuc" | "can bo, cong chuc" => Some(Role::Officer),
            "nguoi danh gia" | "lanh dao don vi" | "truong phong" => Some(Role::Reviewer),
            "quan tri vien" => Some(Role::Admin),
            "kiem tra" => Some(Role::Auditor),
            _ => None,
        })
}

/// Yes or no (có/không, x, 1/0, yes/no, true/false); empty is `default`.
fn yes_no(text: &str, default: bool) -> Option<bool> {
    match fold(text).as_str() {
        "" => Some(default),
        "co" | "x" | "1" | "yes" | "true" | "dang lam viec" => Some(true),
        "khong" | "0" | "no" | "false" | "nghi" | "da nghi" => Some(false),
        _ => None,
    }
}

/// A date as dd/mm/yyyy (or yyyy-mm-dd).
pub fn date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .ok()
}

/// A unit or position code: 1 to 64 characters of letters without accents, digits and
/// `.-_/`. Codes keep their case.
fn code_ok(code: &str) -> bool {
    (1..=64).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'))
}

/// A list in one cell: `a; b, c` or one per line.
fn list(text: &str) -> Vec<String> {
    text.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

struct Errors<'a> {
    sheet: OrgSheet,
    out: &'a mut Vec<CellError>,
}

impl Errors<'_> {
    fn at(&mut self, row: u32, column: usize, problem: CellProblem) {
        self.out.push(CellError {
            sheet: self.sheet,
            row,
            column: Some(self.sheet.columns()[column].to_string()),
            problem,
        });
    }
}

/// Types every row; every bad cell is named.
pub fn check(raw: RawBook) -> (Book, Vec<CellError>) {
    let mut errors = Vec::new();
    let book = Book {
        units: raw.units.map(|s| units(s, &mut errors)),
        positions: raw.positions.map(|s| positions(s, &mut errors)),
        people: raw.people.map(|s| people(s, &mut errors)),
        catalogs: raw.catalogs.map(|s| catalogs(s, &mut errors)),
    };
    (book, errors)
}

fn required(e: &mut Errors, row: u32, col: usize, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        e.at(row, col, CellProblem::Required);
        None
    } else {
        Some(t.to_string())
    }
}

fn code(e: &mut Errors, row: u32, col: usize, text: &str) -> Option<String> {
    let t = required(e, row, col, text)?;
    if code_ok(&t) {
        Some(t)
    } else {
        e.at(row, col, CellProblem::BadCode(t));
        None
    }
}

/// A code that must not repeat within the sheet (`seen` holds the earlier rows').
fn unique_code(
    e: &mut Errors,
    seen: &mut HashSet<String>,
    row: u32,
    col: usize,
    text: &str,
) -> Option<String> {
    let code = code(e, row, col, text)?;
    if !seen.insert(code.clone()) {
        e.at(row, col, CellProblem::Duplicate(code.clone()));
    }
    Some(code)
}

/// One of a table's names (`parse`), required; `bad` names a text it does not know.
fn choice(
    e: &mut Errors,
    row: u32,
    col: usize,
    text: &str,
    parse: fn(&str) -> Option<&'static str>,
    bad: fn(String) -> CellProblem,
) -> Option<&'static str> {
    let found = parse(text);
    if found.is_none() {
        let problem = if text.trim().is_empty() {
            CellProblem::Required
        } else {
            bad(text.to_string())
        };
        e.at(row, col, problem);
    }
    found
}

/// Yes or no; empty is `default`.
fn yes_no_cell(e: &mut Errors, row: u32, col: usize, text: &str, default: bool) -> Option<bool> {
    let found = yes_no(text, default);
    if found.is_none() {
        e.at(row, col, CellProblem::BadYesNo(text.to_string()));
    }
    found
}

fn units(sheet: Sheet, out: &mut Vec<CellError>) -> Vec<UnitRow> {
    let mut e = Errors {
        sheet: OrgSheet::Units,
        out,
    };
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for (row, c) in sheet.rows {
        let code = unique_code(&mut e, &mut seen, row, 0, &c[0]);
        let name = required(&mut e, row, 1, &c[1]);
        let kind = choice(&mut e, row, 2, &c[2], unit_kind, CellProblem::BadUnitKind);
        let parent = match c[3].trim() {
            "" => Some(None),
            t if code_ok(t) => Some(Some(t.to_string())),
            t => {
                e.at(row, 3, CellProblem::BadCode(t.to_string()));
                None
            }
        };
        let closed_on = match c[4].trim() {
            "" => Some(None),
            t => match date(t) {
                Some(d) => Some(Some(d)),
                None => {
                    e.at(row, 4, CellProblem::BadDate(t.to_string()));
                    None
                }
            },
        };
        if let (Some(code), Some(name), Some(kind), Some(parent), Some(closed_on)) =
            (code, name, kind, parent, closed_on)
        {
            rows.push(UnitRow {
                row,
                code,
                name,
                kind,
                parent,
                closed_on,
            });
        }
    }
    rows
}

fn positions(sheet: Sheet, out: &mut Vec<CellError>) -> Vec<PositionRow> {
    let mut e = Errors {
        sheet: OrgSheet::Positions,
        out,
    };
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for (row, c) in sheet.rows {
        let code = unique_code(&mut e, &mut seen, row, 0, &c[0]);
        let name = required(&mut e, row, 1, &c[1]);
        let kind = choice(
            &mut e,
            row,
            2,
            &c[2],
            position_group,
            CellProblem::BadPositionGroup,
        );
        // Similar positions of an agency form one cohort; by default the position alone.
        let cohort_group = match c[3].trim() {
            "" => code.clone().map(|c| c.to_lowercase()),
            t => Some(t.to_string()),
        };
        let mut agencies = Vec::new();
        for a in list(&c[4]) {
            if code_ok(&a) {
                agencies.push(a);
            } else {
                e.at(row, 4, CellProblem::BadCode(a));
            }
        }
        agencies.sort();
        agencies.dedup();
        if let (Some(code), Some(name), Some(kind), Some(cohort_group)) =
            (code, name, kind, cohort_group)
        {
            rows.push(PositionRow {
                row,
                code,
                name,
                kind,
                cohort_group,
                agencies,
            });
        }
    }
    rows
}

fn people(sheet: Sheet, out: &mut Vec<CellError>) -> Vec<PersonRow> {
    let mut e = Errors {
        sheet: OrgSheet::People,
        out,
    };
    let (mut names, mut ids) = (HashSet::new(), HashSet::new());
    let mut rows = Vec::new();
    for (row, c) in sheet.rows {
        let username = match required(&mut e, row, 0, &c[0]) {
            Some(u) => match crate::ssr::services::accounts::check_username(&u) {
                Ok(u) => {
                    if !names.insert(u.clone()) {
                        e.at(row, 0, CellProblem::Duplicate(u.clone()));
                    }
                    Some(u)
                }
                Err(_) => {
                    e.at(row, 0, CellProblem::BadCode(u));
                    None
                }
            },
            None => None,
        };
        let full_name = required(&mut e, row, 1, &c[1]);
        let external_id = match c[2].trim() {
            "" => None,
            t => {
                if !ids.insert(t.to_string()) {
                    e.at(row, 2, CellProblem::Duplicate(t.to_string()));
                }
                Some(t.to_string())
            }
        };
        let unit = Some(c[3].trim())
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let position = Some(c[4].trim())
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let mut roles = Vec::new();
        let mut roles_ok = true;
        for r in list(&c[5]) {
            match role(&r) {
                Some(r) if !roles.contains(&r) => roles.push(r),
                Some(_) => {}
                None => {
                    roles_ok = false;
                    e.at(row, 5, CellProblem::UnknownRole(r));
                }
            }
        }
        if roles.is_empty() && roles_ok {
            e.at(row, 5, CellProblem::Required);
            roles_ok = false;
        }
        roles.sort_by_key(|r| r.code());
        let mut reviews = list(&c[6]);
        reviews.sort();
        reviews.dedup();
        if roles.contains(&Role::Officer) && (unit.is_none() || position.is_none()) {
            let col = if unit.is_none() { 3 } else { 4 };
            e.at(row, col, CellProblem::OfficerNeedsUnitAndPosition);
            roles_ok = false;
        }
        if roles.contains(&Role::Reviewer) && reviews.is_empty() {
            e.at(row, 6, CellProblem::ReviewerNeedsUnits);
            roles_ok = false;
        }
        let active = yes_no_cell(&mut e, row, 7, &c[7], true);
        if let (Some(username), Some(full_name), Some(active), true) =
            (username, full_name, active, roles_ok)
        {
            rows.push(PersonRow {
                row,
                username,
                full_name,
                external_id,
                unit,
                position,
                roles,
                reviews,
                active,
            });
        }
    }
    rows
}

fn catalogs(sheet: Sheet, out: &mut Vec<CellError>) -> Vec<CatalogRow> {
    let mut e = Errors {
        sheet: OrgSheet::Catalogs,
        out,
    };
    let mut seen: HashMap<String, HashSet<String>> = HashMap::new();
    let mut rows = Vec::new();
    for (row, c) in sheet.rows {
        let position = code(&mut e, row, 0, &c[0]);
        let item_code = required(&mut e, row, 1, &c[1]);
        if let (Some(p), Some(i)) = (&position, &item_code) {
            if !seen.entry(p.clone()).or_default().insert(i.to_uppercase()) {
                e.at(row, 1, CellProblem::Duplicate(i.clone()));
            }
        }
        let group = c[2].trim().to_uppercase();
        let group_ok = matches!(group.as_str(), "A" | "B" | "C" | "D");
        if !group_ok {
            e.at(row, 2, CellProblem::BadTaskGroup(c[2].clone()));
        }
        let name = required(&mut e, row, 3, &c[3]);
        let unit = required(&mut e, row, 4, &c[4]);
        let norm = match crate::i18n::parse_number(&c[5]) {
            Some(n) if n.is_finite() && n > 0.0 => Some(n),
            _ if c[5].trim().is_empty() => {
                e.at(row, 5, CellProblem::Required);
                None
            }
            _ => {
                e.at(row, 5, CellProblem::BadNumber(c[5].clone()));
                None
            }
        };
        let level = match c[6].trim().parse::<i32>() {
            Ok(l) if (1..=3).contains(&l) => Some(l),
            _ => {
                e.at(row, 6, CellProblem::BadLevel(c[6].clone()));
                None
            }
        };
        let evidence = yes_no_cell(&mut e, row, 7, &c[7], false);
        if let (
            Some(position),
            Some(code),
            true,
            Some(name),
            Some(unit),
            Some(norm),
            Some(level),
            Some(evidence),
        ) = (
            position, item_code, group_ok, name, unit, norm, level, evidence,
        ) {
            rows.push(CatalogRow {
                row,
                position,
                item: CatalogItemInput {
                    code,
                    group_code: group,
                    name,
                    unit_of_measure: unit,
                    norm_minutes: norm,
                    complexity_level: level,
                    coefficient: None,
                    evidence_required: evidence,
                },
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_in_the_workbook_and_codes_are_both_read() {
        assert_eq!(unit_kind("Cơ quan"), Some("agency"));
        assert_eq!(unit_kind("department"), Some("department"));
        assert_eq!(unit_kind("Sở"), Some("agency"));
        assert_eq!(unit_kind("xã"), None);
        assert_eq!(position_group("chuyên môn nghiệp vụ"), Some("professional"));
        assert_eq!(role("Trưởng đơn vị"), Some(Role::Reviewer));
        assert_eq!(role("officer"), Some(Role::Officer));
        assert_eq!(yes_no("Không", true), Some(false));
        assert_eq!(yes_no("", true), Some(true));
        assert_eq!(date("05/01/2026"), NaiveDate::from_ymd_opt(2026, 1, 5));
        assert_eq!(date("31/02/2026"), None);
    }

    proptest! {
        #[test]
        fn a_code_never_holds_what_would_break_a_path_or_a_cell(s in "\\PC{0,80}") {
            if code_ok(&s) {
                prop_assert!(!s.is_empty() && s.len() <= 64);
                prop_assert!(!s.starts_with(['=', '+', '@']) && !s.contains(['<', '>', '"', ' ']));
            }
        }

        #[test]
        fn lists_split_on_any_separator_and_drop_blanks(items in proptest::collection::vec("[a-z0-9/]{1,8}", 0..6)) {
            let cell = items.join(" ; ");
            prop_assert_eq!(list(&cell), items);
        }
    }
}
