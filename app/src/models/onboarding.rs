//! Loading a province's organisation from its workbook: the sheets, what a dry run finds
//! (what would be created, changed and deactivated, and every bad cell), and the one-time
//! activation codes of the people an import creates.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::models::CATALOG_COLUMNS;

/// The sheets of the organisation workbook, in the order they are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OrgSheet {
    Units,
    Positions,
    People,
    Catalogs,
}

impl OrgSheet {
    pub const ALL: [OrgSheet; 4] = [
        OrgSheet::Units,
        OrgSheet::Positions,
        OrgSheet::People,
        OrgSheet::Catalogs,
    ];

    /// The sheet's name in the workbook Rubric writes (Vietnamese).
    pub fn title(self) -> &'static str {
        match self {
            OrgSheet::Units => "Đơn vị",
            OrgSheet::Positions => "Vị trí việc làm",
            OrgSheet::People => "Nhân sự",
            OrgSheet::Catalogs => "Danh mục công việc",
        }
    }

    /// The sheet's name in the reader's language.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (s, Locale::Vi) => s.title(),
            (OrgSheet::Units, Locale::En) => "Units",
            (OrgSheet::Positions, Locale::En) => "Positions",
            (OrgSheet::People, Locale::En) => "People",
            (OrgSheet::Catalogs, Locale::En) => "Task catalogs",
        }
    }

    /// The headers of the sheet's columns, in order (Vietnamese, as written).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            OrgSheet::Units => &["Mã", "Tên", "Loại", "Mã đơn vị cấp trên", "Ngày giải thể"],
            OrgSheet::Positions => &["Mã", "Tên", "Nhóm", "Nhóm so sánh", "Cơ quan sử dụng"],
            OrgSheet::People => &[
                "Tên đăng nhập",
                "Họ và tên",
                "Mã nhân sự",
                "Đơn vị",
                "Vị trí việc làm",
                "Vai trò",
                "Đơn vị phụ trách",
                "Đang làm việc",
            ],
            OrgSheet::Catalogs => &CATALOG_SHEET_COLUMNS,
        }
    }
}

/// The catalog sheet: the position, then the columns of a catalog table (the same as the
/// catalog page's CSV).
const CATALOG_SHEET_COLUMNS: [&str; 8] = [
    "Vị trí việc làm",
    CATALOG_COLUMNS[0],
    CATALOG_COLUMNS[1],
    CATALOG_COLUMNS[2],
    CATALOG_COLUMNS[3],
    CATALOG_COLUMNS[4],
    CATALOG_COLUMNS[5],
    CATALOG_COLUMNS[6],
];

/// What is wrong with one cell (or one row) of the workbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellProblem {
    /// The file is neither an Excel workbook nor a CSV table Rubric can read.
    Unreadable,
    /// The file is larger than an import takes.
    TooLarge { limit_mb: u32 },
    /// A required sheet is missing.
    MissingSheet,
    /// A required column is missing from the sheet's header row.
    MissingColumn,
    /// A required cell is empty.
    Required,
    /// A code or user name with characters it may not hold.
    BadCode(String),
    /// The same code, user name or person id appears twice in the sheet.
    Duplicate(String),
    /// A unit code that neither the workbook nor Rubric knows.
    UnknownUnit(String),
    /// An active person placed in a unit closed on or before today (the unit's code).
    UnitClosed(String),
    /// A position code that neither the workbook nor Rubric knows.
    UnknownPosition(String),
    /// A role Rubric does not know.
    UnknownRole(String),
    /// The unit kind is not province, agency or department.
    BadUnitKind(String),
    /// The position group is not one of the three.
    BadPositionGroup(String),
    /// Not a date (dd/mm/yyyy).
    BadDate(String),
    /// Not a number.
    BadNumber(String),
    /// The complexity level is not 1, 2 or 3.
    BadLevel(String),
    /// The task group is not A, B, C or D.
    BadTaskGroup(String),
    /// Not yes or no.
    BadYesNo(String),
    /// The unit's parent chain comes back to the unit.
    Cycle(String),
    /// A second province (a unit with no parent) besides the one there is.
    SecondRoot(String),
    /// An officer needs a unit and a position.
    OfficerNeedsUnitAndPosition,
    /// A reviewer needs the units they review.
    ReviewerNeedsUnits,
    /// A position held by officers has no task catalog, in the workbook or in Rubric.
    PositionWithoutCatalog(String),
    /// The person id already belongs to another account.
    PersonIdTaken(String),
    /// The account running the import may not deactivate itself.
    OwnAccount,
    /// The position is used by agencies that are not agencies.
    NotAnAgency(String),
}

impl CellProblem {
    /// The problem in the reader's language.
    pub fn text(&self, locale: Locale) -> String {
        let vi = locale == Locale::Vi;
        let q = |s: &str| format!("\u{201c}{s}\u{201d}");
        use CellProblem as P;
        match self {
            P::Unreadable => pick(
                vi,
                "không đọc được tệp (cần .xlsx hoặc .csv UTF-8)",
                "the file cannot be read (an .xlsx or a UTF-8 .csv is needed)",
            ),
            P::TooLarge { limit_mb } => {
                if vi {
                    format!("tệp lớn hơn {limit_mb} MB")
                } else {
                    format!("the file is larger than {limit_mb} MB")
                }
            }
            P::MissingSheet => pick(vi, "thiếu trang tính này", "this sheet is missing"),
            P::MissingColumn => pick(
                vi,
                "thiếu cột này ở dòng tiêu đề",
                "this column is missing from the header row",
            ),
            P::Required => pick(
                vi,
                "ô này không được để trống",
                "this cell may not be empty",
            ),
            P::BadCode(t) => {
                if vi {
                    format!("{} chỉ được gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới, gạch chéo (tối đa 64 ký tự)", q(t))
                } else {
                    format!("{} may hold only letters without accents, digits, dot, dash, underscore and slash (64 characters at most)", q(t))
                }
            }
            P::Duplicate(t) => {
                if vi {
                    format!("{} đã có ở một dòng trước", q(t))
                } else {
                    format!("{} already appears on an earlier row", q(t))
                }
            }
            P::UnknownUnit(t) => {
                if vi {
                    format!("không có đơn vị mã {}", q(t))
                } else {
                    format!("there is no unit with code {}", q(t))
                }
            }
            P::UnitClosed(t) => {
                if vi {
                    format!(
                        "đơn vị {} đã giải thể: không thể xếp người đang làm việc vào đơn vị này",
                        q(t)
                    )
                } else {
                    format!(
                        "unit {} is closed: no active person can be placed in it",
                        q(t)
                    )
                }
            }
            P::UnknownPosition(t) => {
                if vi {
                    format!("không có vị trí việc làm mã {}", q(t))
                } else {
                    format!("there is no position with code {}", q(t))
                }
            }
            P::UnknownRole(t) => {
                if vi {
                    format!("không có vai trò {} (cán bộ, trưởng đơn vị, quản trị, ban chỉ đạo, thanh tra)", q(t))
                } else {
                    format!(
                        "there is no role {} (officer, reviewer, admin, committee, auditor)",
                        q(t)
                    )
                }
            }
            P::BadUnitKind(t) => {
                if vi {
                    format!("loại đơn vị {} phải là tỉnh, cơ quan hoặc phòng", q(t))
                } else {
                    format!(
                        "the unit kind {} must be province, agency or department",
                        q(t)
                    )
                }
            }
            P::BadPositionGroup(t) => {
                if vi {
                    format!("nhóm {} phải là lãnh đạo quản lý, chuyên môn nghiệp vụ hoặc hỗ trợ phục vụ", q(t))
                } else {
                    format!(
                        "the group {} must be leadership, professional or support",
                        q(t)
                    )
                }
            }
            P::BadDate(t) => {
                if vi {
                    format!("{} không phải là ngày (dd/mm/yyyy)", q(t))
                } else {
                    format!("{} is not a date (dd/mm/yyyy)", q(t))
                }
            }
            P::BadNumber(t) => {
                if vi {
                    format!("{} không phải là số", q(t))
                } else {
                    format!("{} is not a number", q(t))
                }
            }
            P::BadLevel(t) => {
                if vi {
                    format!("mức độ phức tạp {} phải là 1, 2 hoặc 3", q(t))
                } else {
                    format!("the complexity {} must be 1, 2 or 3", q(t))
                }
            }
            P::BadTaskGroup(t) => {
                if vi {
                    format!("nhóm công việc {} phải là A, B, C hoặc D", q(t))
                } else {
                    format!("the task group {} must be A, B, C or D", q(t))
                }
            }
            P::BadYesNo(t) => {
                if vi {
                    format!("{} phải là có hoặc không", q(t))
                } else {
                    format!("{} must be yes or no", q(t))
                }
            }
            P::Cycle(t) => {
                if vi {
                    format!(
                        "cây đơn vị bị vòng: đơn vị cấp trên của {} lại nằm dưới nó",
                        q(t)
                    )
                } else {
                    format!(
                        "the unit tree has a cycle: the parent of {} lies below it",
                        q(t)
                    )
                }
            }
            P::SecondRoot(t) => {
                if vi {
                    format!(
                        "{} không có đơn vị cấp trên nhưng đã có đơn vị cấp tỉnh",
                        q(t)
                    )
                } else {
                    format!("{} has no parent but the province already exists", q(t))
                }
            }
            P::OfficerNeedsUnitAndPosition => pick(
                vi,
                "cán bộ cần có đơn vị và vị trí việc làm",
                "an officer needs a unit and a position",
            ),
            P::ReviewerNeedsUnits => pick(
                vi,
                "trưởng đơn vị cần có đơn vị phụ trách",
                "a reviewer needs the units they review",
            ),
            P::PositionWithoutCatalog(t) => {
                if vi {
                    format!("vị trí {} có cán bộ nhưng chưa có danh mục công việc", q(t))
                } else {
                    format!("position {} has officers but no task catalog", q(t))
                }
            }
            P::PersonIdTaken(t) => {
                if vi {
                    format!("mã nhân sự {} đã thuộc về tài khoản khác", q(t))
                } else {
                    format!("person id {} already belongs to another account", q(t))
                }
            }
            P::OwnAccount => pick(
                vi,
                "không thể tự ngừng tài khoản đang nhập dữ liệu",
                "the account running the import cannot deactivate itself",
            ),
            P::NotAnAgency(t) => {
                if vi {
                    format!("{} không phải là cơ quan", q(t))
                } else {
                    format!("{} is not an agency", q(t))
                }
            }
        }
    }
}

fn pick(vi: bool, v: &str, e: &str) -> String {
    if vi { v } else { e }.to_string()
}

/// One bad cell: the sheet, the row (as the spreadsheet numbers it) and the column header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellError {
    pub sheet: OrgSheet,
    /// 1-based, as the spreadsheet shows it; 0 for the sheet as a whole.
    pub row: u32,
    pub column: Option<String>,
    pub problem: CellProblem,
}

impl CellError {
    /// "Nhân sự, dòng 12, cột Đơn vị: không có đơn vị mã “x”".
    pub fn text(&self, locale: Locale) -> String {
        let vi = locale == Locale::Vi;
        // A problem of the whole file (unreadable, too large) is not about any sheet.
        if matches!(
            self.problem,
            CellProblem::Unreadable | CellProblem::TooLarge { .. }
        ) && self.row == 0
        {
            let at = if vi { "Tệp" } else { "The file" };
            return format!("{at}: {}", self.problem.text(locale));
        }
        let mut at = self.sheet.name(locale).to_string();
        if self.row > 0 {
            at.push_str(&if vi {
                format!(", dòng {}", self.row)
            } else {
                format!(", row {}", self.row)
            });
        }
        if let Some(c) = &self.column {
            at.push_str(&if vi {
                format!(", cột {c}")
            } else {
                format!(", column {c}")
            });
        }
        format!("{at}: {}", self.problem.text(locale))
    }
}

/// What an import does to one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanAct {
    Create,
    Change,
    Deactivate,
}

/// One record an import creates, changes or deactivates, with the fields that change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLine {
    pub sheet: OrgSheet,
    pub act: PlanAct,
    /// The unit or position code, the user name.
    pub key: String,
    /// The fields that change (their workbook headers).
    pub fields: Vec<String>,
}

/// What an import would do (a dry run) or did (applied).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub create: usize,
    pub change: usize,
    pub deactivate: usize,
    pub errors: Vec<CellError>,
    /// The records touched, in sheet order (the first [`ImportReport::SHOWN`]).
    pub lines: Vec<PlanLine>,
    pub applied: bool,
    /// One-time activation codes of the people created (only after apply, shown once).
    pub activations: Vec<Activation>,
}

impl ImportReport {
    /// How many touched records a report lists.
    pub const SHOWN: usize = 1_000;

    /// The CLI's last line: `create N, change N, deactivate N, errors N`.
    pub fn counts_line(&self) -> String {
        format!(
            "create {}, change {}, deactivate {}, errors {}",
            self.create,
            self.change,
            self.deactivate,
            self.errors.len()
        )
    }
}

/// A new person's one-time activation code, handed out by the administrator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activation {
    pub username: String,
    pub full_name: String,
    pub code: String,
}

/// The new people's activation codes as CSV for the administrator to hand out (UTF-8 with
/// a byte-order mark so spreadsheets read the accents; every cell neutralised).
pub fn activations_csv(codes: &[Activation]) -> String {
    let cell = |s: &str| {
        let s = crate::text::spreadsheet_cell(s);
        format!("\"{}\"", s.replace('"', "\"\""))
    };
    let mut out = String::from("\u{feff}Tên đăng nhập,Họ và tên,Mã kích hoạt\n");
    for a in codes {
        out.push_str(&format!(
            "{},{},{}\n",
            cell(&a.username),
            cell(&a.full_name),
            cell(&a.code)
        ));
    }
    out
}

/// An uploaded workbook in the list of imports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportBrief {
    pub id: i32,
    pub file_name: String,
    pub uploaded_by: Option<String>,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    pub create: usize,
    pub change: usize,
    pub deactivate: usize,
    pub errors: usize,
    pub applied_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// An uploaded workbook with what its dry run found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    pub brief: ImportBrief,
    pub deactivate_missing: bool,
    pub report: ImportReport,
}
