//! Job positions, their job-description versions with task catalogs, and the differences
//! between two versions (text line by line, catalog item by item).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::models::states::*;

/// A position in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PositionSummary {
    pub id: i32,
    pub code: String,
    pub name: String,
    /// leader | professional | support
    pub kind: String,
    pub officers: u64,
    /// The number of the approved version in force, if any.
    pub approved_version: Option<i32>,
    /// The state of a newer version being prepared (draft, submitted, returned), if any.
    pub pending: Option<JdStatus>,
}

/// A task of a catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogItemView {
    pub code: String,
    pub group_code: String,
    pub name: String,
    pub unit_of_measure: String,
    pub norm_minutes: f64,
    pub complexity_level: i32,
    pub coefficient: f64,
    pub evidence_required: bool,
}

/// One version of a position's job description with its catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JdVersionView {
    pub id: i32,
    pub version_no: i32,
    /// draft | submitted | approved | returned | superseded
    pub status: JdStatus,
    pub description: String,
    pub author: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<chrono::DateTime<chrono::Utc>>,
    pub decision_no: Option<String>,
    pub effective_from: Option<NaiveDate>,
    pub return_reason: Option<String>,
    pub lock_version: i32,
    pub items: Vec<CatalogItemView>,
}

/// A position with every version of its job description, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PositionDetail {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub versions: Vec<JdVersionView>,
}

/// A line of the description in a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineChange {
    Same(String),
    Added(String),
    Removed(String),
}

/// A task of the catalog in a comparison; `Changed` lists (field, before, after).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CatalogChange {
    Added(CatalogItemView),
    Removed(CatalogItemView),
    Changed {
        code: String,
        name: String,
        fields: Vec<(String, String, String)>,
    },
}

/// The description's lines from `old` to `new` (longest common subsequence of lines).
pub fn text_diff(old: &str, new: &str) -> Vec<LineChange> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(LineChange::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(LineChange::Removed(a[i].to_string()));
            i += 1;
        } else {
            out.push(LineChange::Added(b[j].to_string()));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| LineChange::Removed(l.to_string())));
    out.extend(b[j..].iter().map(|l| LineChange::Added(l.to_string())));
    out
}

fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The catalog's tasks from `old` to `new`, matched by code, in code order.
pub fn catalog_diff(old: &[CatalogItemView], new: &[CatalogItemView]) -> Vec<CatalogChange> {
    let mut codes: Vec<&str> = old.iter().chain(new).map(|i| i.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut out = Vec::new();
    for code in codes {
        let before = old.iter().find(|i| i.code == code);
        let after = new.iter().find(|i| i.code == code);
        match (before, after) {
            (None, Some(n)) => out.push(CatalogChange::Added(n.clone())),
            (Some(o), None) => out.push(CatalogChange::Removed(o.clone())),
            (Some(o), Some(n)) => {
                let mut fields = Vec::new();
                let mut field = |name: &str, a: String, b: String| {
                    if a != b {
                        fields.push((name.to_string(), a, b));
                    }
                };
                field("group_code", o.group_code.clone(), n.group_code.clone());
                field("name", o.name.clone(), n.name.clone());
                field(
                    "unit_of_measure",
                    o.unit_of_measure.clone(),
                    n.unit_of_measure.clone(),
                );
                field(
                    "norm_minutes",
                    number(o.norm_minutes),
                    number(n.norm_minutes),
                );
                field(
                    "complexity_level",
                    o.complexity_level.to_string(),
                    n.complexity_level.to_string(),
                );
                field("coefficient", number(o.coefficient), number(n.coefficient));
                field(
                    "evidence_required",
                    o.evidence_required.to_string(),
                    n.evidence_required.to_string(),
                );
                if !fields.is_empty() {
                    out.push(CatalogChange::Changed {
                        code: n.code.clone(),
                        name: n.name.clone(),
                        fields,
                    });
                }
            }
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upload_link_reads_back_only_numbers_and_known_problems() {
        assert_eq!(
            CatalogFileOutcome::from_query(Some("ok"), Some("12"), None),
            Some(CatalogFileOutcome::Imported(12))
        );
        assert_eq!(
            CatalogFileOutcome::from_query(
                Some("loi"),
                None,
                Some("3-dinh-muc.7-cot.x-y.9-<script>")
            ),
            Some(CatalogFileOutcome::Lines(vec![
                (3, LineProblem::BadNorm(String::new())),
                (7, LineProblem::TooFewColumns { found: 0 }),
            ]))
        );
        assert_eq!(
            CatalogFileOutcome::from_query(Some("ok"), Some("<b>"), None),
            None
        );
        assert_eq!(
            CatalogFileOutcome::from_query(Some("khac"), None, None),
            None
        );
        assert_eq!(CatalogFileOutcome::from_query(None, Some("1"), None), None);
        for p in [
            LineProblem::TooFewColumns { found: 2 },
            LineProblem::BadNorm("x".into()),
            LineProblem::BadLevel("y".into()),
        ] {
            assert_eq!(
                std::mem::discriminant(&LineProblem::from_code(p.code()).expect("known")),
                std::mem::discriminant(&p)
            );
        }
    }

    #[test]
    fn spreadsheet_rows_and_csv_text_read_the_same() {
        let rows = vec![
            (
                1,
                CATALOG_COLUMNS
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>(),
            ),
            (
                2,
                vec!["B01", "b", "Góp ý", "văn bản", "120", "2", "có"]
                    .into_iter()
                    .map(String::from)
                    .collect(),
            ),
            (3, vec![String::new(); 7]),
            (
                4,
                vec!["C08", "C", "Thẩm định", "hồ sơ", "30,5", "1"]
                    .into_iter()
                    .map(String::from)
                    .collect(),
            ),
        ];
        let from_rows = parse_catalog_rows(rows).expect("rows");
        let from_text = parse_catalog_table(
            "Mã;Nhóm;Công việc;Đơn vị tính;Định mức (phút);Mức độ phức tạp;Cần số văn bản\nB01;b;Góp ý;văn bản;120;2;có\n\nC08;C;Thẩm định;hồ sơ;30,5;1\n",
        )
        .expect("text");
        assert_eq!(from_rows, from_text);
        assert_eq!(from_rows.len(), 2);
        assert_eq!(from_rows[1].norm_minutes, 30.5);
        assert!(from_rows[0].evidence_required && from_rows[0].group_code == "B");
    }

    proptest::proptest! {
        #[test]
        fn the_upload_link_never_panics(tep in ".{0,12}", so in ".{0,12}", dong in ".{0,80}") {
            if let Some(CatalogFileOutcome::Lines(lines)) =
                CatalogFileOutcome::from_query(Some(&tep), Some(&so), Some(&dong))
            {
                proptest::prop_assert!(lines.len() <= 50);
            }
        }

        #[test]
        fn catalog_rows_never_panic(rows in proptest::collection::vec(
            proptest::collection::vec(".{0,8}", 0..9), 0..12)) {
            let numbered = rows.into_iter().enumerate().map(|(i, r)| (i + 1, r));
            let _ = parse_catalog_rows(numbered);
        }
    }

    fn item(code: &str, norm: f64) -> CatalogItemView {
        CatalogItemView {
            code: code.into(),
            group_code: "B".into(),
            name: format!("Việc {code}"),
            unit_of_measure: "văn bản".into(),
            norm_minutes: norm,
            complexity_level: 1,
            coefficient: 1.0,
            evidence_required: false,
        }
    }

    #[test]
    fn lines_kept_added_and_removed() {
        let d = text_diff("a\nb\nc", "a\nc\nd");
        assert_eq!(
            d,
            vec![
                LineChange::Same("a".into()),
                LineChange::Removed("b".into()),
                LineChange::Same("c".into()),
                LineChange::Added("d".into()),
            ]
        );
        assert_eq!(text_diff("", "x"), vec![LineChange::Added("x".into())]);
        assert!(text_diff("same", "same")
            .iter()
            .all(|l| matches!(l, LineChange::Same(_))));
    }

    #[test]
    fn catalog_items_added_removed_and_changed_by_code() {
        let old = vec![item("B01", 120.0), item("B02", 180.0)];
        let new = vec![item("B01", 90.0), item("C08", 30.0)];
        let d = catalog_diff(&old, &new);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(matches!(&d[0], CatalogChange::Changed { code, fields, .. }
            if code == "B01" && fields == &vec![("norm_minutes".to_string(), "120".to_string(), "90".to_string())]));
        assert!(matches!(&d[1], CatalogChange::Removed(i) if i.code == "B02"));
        assert!(matches!(&d[2], CatalogChange::Added(i) if i.code == "C08"));
        assert!(catalog_diff(&old, &old).is_empty());
    }
}

/// A catalog row of the job-description form, as typed (checked on the server).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogRowForm {
    pub code: String,
    pub group_code: String,
    pub name: String,
    pub unit_of_measure: String,
    pub norm_minutes: String,
    pub complexity_level: String,
    pub evidence_required: Option<String>,
    /// Ticked: the row is left out of the saved catalog.
    pub remove: Option<String>,
}

/// The job-description form: the description and the catalog, rows by index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobDescriptionForm {
    pub version_id: String,
    pub lock_version: String,
    pub description: String,
    pub items: Vec<CatalogRowForm>,
}

/// The catalog's columns, in the order of the CSV export and of a pasted table.
/// What is wrong with one line of a pasted catalog table (shown in the reader's language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineProblem {
    /// Fewer than the six required columns.
    TooFewColumns { found: usize },
    /// The norm (minutes) is not a number.
    BadNorm(String),
    /// The complexity level is not 1, 2 or 3.
    BadLevel(String),
}

impl LineProblem {
    /// A short code for a link (the cell's text is left out).
    pub fn code(&self) -> &'static str {
        match self {
            LineProblem::TooFewColumns { .. } => "cot",
            LineProblem::BadNorm(_) => "dinh-muc",
            LineProblem::BadLevel(_) => "muc-do",
        }
    }

    /// The problem a link's code names, without the cell's text.
    pub fn from_code(code: &str) -> Option<LineProblem> {
        match code {
            "cot" => Some(LineProblem::TooFewColumns { found: 0 }),
            "dinh-muc" => Some(LineProblem::BadNorm(String::new())),
            "muc-do" => Some(LineProblem::BadLevel(String::new())),
            _ => None,
        }
    }
}

/// Where a catalog file is posted (an axum route beside the server functions).
pub const CATALOG_UPLOAD_PATH: &str = "/api/vi-tri/danh-muc";

/// What the catalog file upload reports back in the position page's link
/// (`?tep=…&so=…&dong=…`).
#[derive(Clone, Debug, PartialEq)]
pub enum CatalogFileOutcome {
    Imported(usize),
    Lines(Vec<(u32, LineProblem)>),
    Empty,
    Unreadable,
    Conflict,
    NotDraft,
    Invalid,
}

impl CatalogFileOutcome {
    /// Reads the link's query values; `None` when the page was not reached from an upload.
    pub fn from_query(tep: Option<&str>, so: Option<&str>, dong: Option<&str>) -> Option<Self> {
        Some(match tep? {
            "ok" => CatalogFileOutcome::Imported(so?.parse().ok()?),
            "loi" => CatalogFileOutcome::Lines(
                dong.unwrap_or_default()
                    .split('.')
                    .filter_map(|d| {
                        let (n, code) = d.split_once('-')?;
                        Some((n.parse().ok()?, LineProblem::from_code(code)?))
                    })
                    .take(50)
                    .collect(),
            ),
            "rong" => CatalogFileOutcome::Empty,
            "hong" => CatalogFileOutcome::Unreadable,
            "xung-dot" => CatalogFileOutcome::Conflict,
            "trang-thai" => CatalogFileOutcome::NotDraft,
            "du-lieu" => CatalogFileOutcome::Invalid,
            _ => return None,
        })
    }
}

pub const CATALOG_COLUMNS: [&str; 7] = [
    "Mã",
    "Nhóm",
    "Công việc",
    "Đơn vị tính",
    "Định mức (phút)",
    "Mức độ phức tạp",
    "Cần số văn bản",
];

/// Every non-blank line of a CSV text as cells, with its 1-based line number.
pub fn split_table(text: &str, sep: char) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, split_row(l, sep)))
        .collect()
}

/// Splits one line of CSV (comma or semicolon) or of a table pasted from a spreadsheet
/// (tab), honouring double quotes.
fn split_row(line: &str, sep: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
        .into_iter()
        .map(|c| crate::text::from_spreadsheet_cell(c.trim()).to_string())
        .collect()
}

/// Reads a catalog from CSV text or a table pasted from a spreadsheet, columns as in
/// [`CATALOG_COLUMNS`] (a header line is recognised and skipped). All rows or none: the
/// errors name each bad line (1-based, as the user sees it).
pub fn parse_catalog_table(
    text: &str,
) -> Result<Vec<crate::models::CatalogItemInput>, Vec<(usize, LineProblem)>> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sep = if first.contains('\t') {
        '\t'
    } else if first.contains(';') {
        ';'
    } else {
        ','
    };
    parse_catalog_rows(split_table(text, sep))
}

/// Reads a catalog from rows of cells (a CSV text's lines or a spreadsheet's rows, each with
/// the number the user sees), columns as in [`CATALOG_COLUMNS`]; a header row is skipped.
/// All rows or none.
pub fn parse_catalog_rows(
    rows: impl IntoIterator<Item = (usize, Vec<String>)>,
) -> Result<Vec<crate::models::CatalogItemInput>, Vec<(usize, LineProblem)>> {
    let (mut items, mut errors) = (Vec::new(), Vec::new());
    for (n, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let header = crate::text::fold(&cells[0]);
        if items.is_empty() && errors.is_empty() && (header == "ma" || header == "code") {
            continue;
        }
        if cells.len() < 6 {
            errors.push((n, LineProblem::TooFewColumns { found: cells.len() }));
            continue;
        }
        let norm = crate::i18n::parse_number(&cells[4]);
        let level = cells[5].trim().parse::<i32>().ok();
        let evidence = cells
            .get(6)
            .map(|c| {
                matches!(
                    crate::text::fold(c).as_str(),
                    "co" | "x" | "1" | "true" | "yes"
                )
            })
            .unwrap_or(false);
        match (norm, level) {
            (Some(norm), Some(level)) => items.push(crate::models::CatalogItemInput {
                code: cells[0].clone(),
                group_code: cells[1].to_uppercase(),
                name: cells[2].clone(),
                unit_of_measure: cells[3].clone(),
                norm_minutes: norm,
                complexity_level: level,
                coefficient: None,
                evidence_required: evidence,
            }),
            (None, _) => errors.push((n, LineProblem::BadNorm(cells[4].clone()))),
            (_, None) => errors.push((n, LineProblem::BadLevel(cells[5].clone()))),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// The catalog as CSV (comma-separated, UTF-8 with a byte-order mark so spreadsheets read
/// the Vietnamese letters), columns as in [`CATALOG_COLUMNS`].
pub fn catalog_csv(items: &[CatalogItemView]) -> String {
    let quote = |s: &str| {
        let s = crate::text::spreadsheet_cell(s);
        if s.contains([',', '"', '\n', '\r', ';', '\t']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&CATALOG_COLUMNS.join(","));
    out.push_str("\r\n");
    for i in items {
        let row = [
            quote(&i.code),
            quote(&i.group_code),
            quote(&i.name),
            quote(&i.unit_of_measure),
            number(i.norm_minutes),
            i.complexity_level.to_string(),
            if i.evidence_required { "có" } else { "không" }.to_string(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn csv_round_trip_and_pasted_tables() {
        let items = vec![CatalogItemView {
            code: "C08".into(),
            group_code: "C".into(),
            name: "Thẩm định hồ sơ, nâng lương".into(),
            unit_of_measure: "hồ sơ".into(),
            norm_minutes: 27.5,
            complexity_level: 2,
            coefficient: 1.2,
            evidence_required: true,
        }];
        let csv = catalog_csv(&items);
        let back = parse_catalog_table(&csv).expect("round trip");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].name, "Thẩm định hồ sơ, nâng lương");
        assert_eq!(
            (
                back[0].norm_minutes,
                back[0].complexity_level,
                back[0].evidence_required
            ),
            (27.5, 2, true)
        );
        // Pasted from a spreadsheet: tabs, a decimal comma, no header.
        let pasted = "B01\tb\tGóp ý văn bản\tvăn bản\t1,5\t1\tx\nB02\tB\tDự họp\tbuổi\t180\t1\n";
        let rows = parse_catalog_table(pasted).expect("pasted");
        assert_eq!(
            (
                rows[0].group_code.as_str(),
                rows[0].norm_minutes,
                rows[0].evidence_required
            ),
            ("B", 1.5, true)
        );
        assert!(!rows[1].evidence_required);
    }

    #[test]
    fn bad_lines_are_named_and_nothing_is_kept() {
        let text = "Mã;Nhóm;Công việc;Đơn vị tính;Định mức (phút);Mức độ phức tạp\nB01;B;Góp ý;văn bản;hai giờ;1\nB02;B;Dự họp\nB03;B;Báo cáo;báo cáo;360;ba\n";
        let errors = parse_catalog_table(text).expect_err("bad rows");
        let lines: Vec<usize> = errors.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        assert_eq!(errors[0].1, LineProblem::BadNorm("hai giờ".into()));
        assert_eq!(errors[1].1, LineProblem::TooFewColumns { found: 3 });
        assert_eq!(errors[2].1, LineProblem::BadLevel("ba".into()));
    }
}

/// A formula version, for the list and the comparison of formulas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleVersionView {
    pub id: i32,
    pub version_no: i32,
    /// draft | submitted | approved | active | retired
    pub status: RuleStatus,
    pub content_hash: String,
    pub effective_from: Option<NaiveDate>,
    pub approval_note: Option<String>,
    pub script: String,
    /// The parameters as indented JSON.
    pub params: String,
}

/// A rule set (the province default, an agency's or a position's own) with its versions,
/// newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleSetView {
    pub id: i32,
    pub code: String,
    pub name: String,
    /// The position's code, `None` for the province default and an agency's formula.
    pub position: Option<String>,
    /// The agency's code for an agency's parameter values on the default.
    pub agency: Option<String>,
    pub versions: Vec<RuleVersionView>,
}

/// What a new formula is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormulaTemplate {
    /// The province default in force today (or its newest version).
    Default,
    /// The shipped Decree 335 profile.
    Decree335,
    /// The shipped Khánh Hòa 2025 profile.
    KhanhHoa2025,
    /// The shipped template for unit leaders: own entries blended with the unit's results.
    Leader,
}

impl FormulaTemplate {
    pub const ALL: [FormulaTemplate; 4] = [
        FormulaTemplate::Default,
        FormulaTemplate::Decree335,
        FormulaTemplate::KhanhHoa2025,
        FormulaTemplate::Leader,
    ];

    /// The code a form sends.
    pub fn code(self) -> &'static str {
        match self {
            FormulaTemplate::Default => "mac-dinh",
            FormulaTemplate::Decree335 => "nd-335",
            FormulaTemplate::KhanhHoa2025 => "khanh-hoa-2025",
            FormulaTemplate::Leader => "lanh-dao",
        }
    }

    pub fn parse(code: &str) -> Option<FormulaTemplate> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Whom a new formula scores: a position's officers, or an agency's (parameters only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormulaTarget {
    Position(i32),
    Agency(i32),
}

/// The choices of the "new formula" form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormulaChoices {
    pub positions: Vec<crate::models::Choice>,
    pub agencies: Vec<crate::models::Choice>,
}
