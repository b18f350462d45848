//! Writing the organisation workbook: Rubric's records as they are (an export reads back
//! as an import that changes nothing), or the template with examples and instructions.
//! Every text cell is neutralised against formula injection.

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::check::{POSITION_GROUPS, ROLE_NAMES, UNIT_KINDS};
use super::plan::Current;
use crate::error::AppError;
use crate::models::OrgSheet;
use crate::text::spreadsheet_cell;

/// A value in a row: text or a number.
pub enum Cell {
    Text(String),
    Number(f64),
}

fn fail(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::internal("xlsx", e)
}

fn sheet(book: &mut Workbook, kind: OrgSheet, rows: &[Vec<Cell>]) -> Result<(), AppError> {
    let bold = Format::new().set_bold();
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(kind.title()).map_err(fail)?;
    for (c, h) in kind.columns().iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(fail)?;
        ws.set_column_width(c as u16, 22).map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                Cell::Text(t) if t.is_empty() => {}
                Cell::Text(t) => {
                    ws.write_string(r, c, spreadsheet_cell(t)).map_err(fail)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n).map_err(fail)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    Ok(())
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The workbook's name for a stored code (the code itself when the table lacks it).
fn label<'a>(table: &[(&'a str, &'a str)], key: &'a str) -> &'a str {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, v)| *v)
}

/// The workbook of Rubric's organisation now.
pub fn workbook(now: &Current) -> Result<Vec<u8>, AppError> {
    let code_of_unit = |id: Option<i32>| now.unit_code(id).unwrap_or_default();
    // Parents before children, so that the sheet reads top-down.
    let depth = |u: &crate::ssr::entities::unit::Model| {
        let mut d = 0;
        let mut at = now.unit_code(u.parent_id);
        while let Some(code) = at {
            d += 1;
            if d > now.units.len() {
                break;
            }
            at = now
                .units
                .get(&code)
                .and_then(|x| now.unit_code(x.parent_id));
        }
        d
    };
    let mut units: Vec<_> = now.units.values().collect();
    units.sort_by_key(|u| (depth(u), u.code.clone()));
    let unit_rows: Vec<Vec<Cell>> = units
        .iter()
        .map(|u| {
            vec![
                t(&u.code),
                t(&u.name),
                t(label(&UNIT_KINDS, &u.kind)),
                t(code_of_unit(u.parent_id)),
                t(u.closed_on
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default()),
            ]
        })
        .collect();
    let position_rows: Vec<Vec<Cell>> = now
        .positions
        .values()
        .map(|p| {
            let agencies: Vec<String> = now
                .agencies
                .get(&p.id)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
            vec![
                t(&p.code),
                t(&p.name),
                t(label(&POSITION_GROUPS, &p.kind)),
                t(&p.cohort_group),
                t(agencies.join("; ")),
            ]
        })
        .collect();
    let people_rows: Vec<Vec<Cell>> = now
        .users
        .values()
        .map(|u| {
            let grants = now.grants.get(&u.id).cloned().unwrap_or_default();
            let mut roles: Vec<&str> = Vec::new();
            for (r, _) in &grants {
                let name = ROLE_NAMES
                    .iter()
                    .find(|(x, _)| x == r)
                    .map_or(r.code(), |(_, n)| *n);
                if !roles.contains(&name) {
                    roles.push(name);
                }
            }
            let reviews: Vec<String> = grants
                .iter()
                .filter(|(r, _)| *r == crate::authz::Role::Reviewer)
                .filter_map(|(_, u)| u.clone())
                .collect();
            vec![
                t(&u.username),
                t(&u.full_name),
                t(u.external_id.clone().unwrap_or_default()),
                t(code_of_unit(u.unit_id)),
                t(now.position_code(u.position_id).unwrap_or_default()),
                t(roles.join("; ")),
                t(reviews.join("; ")),
                t(if u.is_active { "có" } else { "không" }),
            ]
        })
        .collect();
    let mut catalog_rows: Vec<Vec<Cell>> = Vec::new();
    for p in now.positions.values() {
        for i in now
            .catalogs
            .get(&p.id)
            .cloned()
            .flatten()
            .unwrap_or_default()
        {
            catalog_rows.push(vec![
                t(&p.code),
                t(i.code),
                t(i.group_code),
                t(i.name),
                t(i.unit_of_measure),
                Cell::Number(i.norm_minutes),
                Cell::Number(i.complexity_level as f64),
                t(if i.evidence_required { "có" } else { "không" }),
            ]);
        }
    }
    let mut book = Workbook::new();
    sheet(&mut book, OrgSheet::Units, &unit_rows)?;
    sheet(&mut book, OrgSheet::Positions, &position_rows)?;
    sheet(&mut book, OrgSheet::People, &people_rows)?;
    sheet(&mut book, OrgSheet::Catalogs, &catalog_rows)?;
    book.save_to_buffer().map_err(fail)
}

/// The template: the four sheets with example rows, and a sheet of instructions.
pub fn template() -> Result<Vec<u8>, AppError> {
    let row = |cells: &[&str]| cells.iter().map(|c| t(*c)).collect::<Vec<_>>();
    let mut book = Workbook::new();
    let guide = book.add_worksheet();
    guide.set_name("Hướng dẫn").map_err(fail)?;
    guide.set_column_width(0, 110).map_err(fail)?;
    let lines = [
        "Mẫu nhập tổ chức vào Rubric: điền các trang Đơn vị, Vị trí việc làm, Nhân sự, Danh mục công việc; giữ nguyên dòng tiêu đề.",
        "Có thể bỏ trang không cần nhập: trang vắng mặt không bị thay đổi. Người đang hoạt động không có trong trang Nhân sự chỉ bị ngừng khi chọn «Trang Nhân sự là toàn bộ danh sách» (quản trị viên không bao giờ bị ngừng).",
        "Đơn vị — Loại: Tỉnh, Cơ quan hoặc Phòng; Mã đơn vị cấp trên để trống với đơn vị cấp tỉnh; Ngày giải thể theo dd/mm/yyyy.",
        "Vị trí việc làm — Nhóm: Lãnh đạo quản lý, Chuyên môn nghiệp vụ hoặc Hỗ trợ phục vụ; Cơ quan sử dụng: các mã cơ quan cách nhau bởi dấu ;",
        "Nhân sự — Vai trò: Cán bộ, Trưởng đơn vị, Quản trị, Ban chỉ đạo, Thanh tra (cách nhau bởi ;); Trưởng đơn vị cần Đơn vị phụ trách; Đang làm việc: có/không.",
        "Danh mục công việc — Nhóm: A, B, C hoặc D; Định mức tính bằng phút; Mức độ phức tạp 1, 2 hoặc 3; Cần số văn bản: có/không.",
        "Người mới nhận mã kích hoạt dùng một lần (hiệu lực 30 ngày) để tự đặt mật khẩu tại trang Kích hoạt tài khoản.",
        "Chạy thử trước khi áp dụng: mọi ô sai được chỉ rõ theo trang, dòng và cột; áp dụng là tất cả hoặc không gì cả.",
    ];
    for (i, l) in lines.iter().enumerate() {
        guide.write_string(i as u32, 0, *l).map_err(fail)?;
    }
    sheet(
        &mut book,
        OrgSheet::Units,
        &[
            row(&["tinh", "Tỉnh Mẫu", "Tỉnh", "", ""]),
            row(&["snv", "Sở Nội vụ", "Cơ quan", "tinh", ""]),
            row(&["snv/tccb", "Phòng Tổ chức cán bộ", "Phòng", "snv", ""]),
        ],
    )?;
    sheet(
        &mut book,
        OrgSheet::Positions,
        &[
            row(&[
                "TP-TCCB",
                "Trưởng phòng Tổ chức cán bộ",
                "Lãnh đạo quản lý",
                "lanh-dao-phong",
                "snv",
            ]),
            row(&[
                "CV-TCCB",
                "Chuyên viên tổ chức cán bộ",
                "Chuyên môn nghiệp vụ",
                "chuyen-vien",
                "snv",
            ]),
        ],
    )?;
    sheet(
        &mut book,
        OrgSheet::People,
        &[
            row(&[
                "tp.tccb",
                "Nguyễn Văn An",
                "NS-0001",
                "snv/tccb",
                "TP-TCCB",
                "Cán bộ; Trưởng đơn vị",
                "snv/tccb",
                "có",
            ]),
            row(&[
                "cv.tccb.01",
                "Trần Thị Bình",
                "NS-0002",
                "snv/tccb",
                "CV-TCCB",
                "Cán bộ",
                "",
                "có",
            ]),
        ],
    )?;
    let item =
        |p: &str, code: &str, g: &str, name: &str, unit: &str, norm: f64, level: f64, ev: &str| {
            vec![
                t(p),
                t(code),
                t(g),
                t(name),
                t(unit),
                Cell::Number(norm),
                Cell::Number(level),
                t(ev),
            ]
        };
    sheet(
        &mut book,
        OrgSheet::Catalogs,
        &[
            item(
                "CV-TCCB",
                "B01",
                "B",
                "Tham mưu văn bản góp ý/trả lời",
                "văn bản",
                120.0,
                2.0,
                "có",
            ),
            item(
                "CV-TCCB",
                "B02",
                "B",
                "Dự họp, hội nghị",
                "buổi",
                180.0,
                1.0,
                "không",
            ),
            item(
                "CV-TCCB",
                "C08",
                "C",
                "Thẩm định hồ sơ nâng lương",
                "hồ sơ",
                30.0,
                2.0,
                "có",
            ),
            item(
                "TP-TCCB",
                "A01",
                "A",
                "Chỉ đạo, điều hành công việc của phòng",
                "ngày",
                60.0,
                2.0,
                "không",
            ),
            item(
                "TP-TCCB",
                "B01",
                "B",
                "Tham mưu văn bản góp ý/trả lời",
                "văn bản",
                120.0,
                2.0,
                "có",
            ),
        ],
    )?;
    book.save_to_buffer().map_err(fail)
}

/// The shape of a generated organisation workbook (for the import benchmark).
#[derive(Debug, Clone, Copy)]
pub struct Synthetic {
    /// Units in all: one province, then agencies (one in ten) and their departments.
    pub units: usize,
    pub positions: usize,
    pub people: usize,
    /// Catalog tasks per position.
    pub tasks: usize,
    /// Pad the catalogs with long task names until the file holds at least this much.
    pub min_bytes: usize,
    /// Make the very last catalog row bad (a norm that is not a number).
    pub bad_last_row: bool,
}

/// A made-up province in the workbook's format: every reference resolves, every person
/// belongs to a department and holds a position used by its agency.
pub fn synthetic(shape: Synthetic) -> Result<Vec<u8>, AppError> {
    let base = synthetic_once(shape, 0)?;
    if base.len() >= shape.min_bytes {
        return Ok(base);
    }
    // Measure what a padding row costs in the file, then aim just over the size asked for.
    let trial = 10_000;
    let per_row =
        (synthetic_once(shape, trial)?.len() - base.len()).max(trial) as f64 / trial as f64;
    let mut padding = ((shape.min_bytes - base.len()) as f64 / per_row * 1.01) as usize + 1;
    loop {
        let bytes = synthetic_once(shape, padding)?;
        if bytes.len() >= shape.min_bytes || padding > 10_000_000 {
            return Ok(bytes);
        }
        padding += padding / 50 + 1;
    }
}

fn synthetic_once(shape: Synthetic, padding: usize) -> Result<Vec<u8>, AppError> {
    let agencies = (shape.units.saturating_sub(1) / 10).max(1);
    let departments = shape.units.saturating_sub(1 + agencies);
    let mut units = vec![vec![t("tinh"), t("Tỉnh Mẫu"), t("Tỉnh"), t(""), t("")]];
    for a in 0..agencies {
        units.push(vec![
            t(format!("cq{a:03}")),
            t(format!("Cơ quan số {a}")),
            t("Cơ quan"),
            t("tinh"),
            t(""),
        ]);
    }
    let department = |d: usize| format!("cq{:03}/p{d:04}", d % agencies);
    for d in 0..departments {
        units.push(vec![
            t(department(d)),
            t(format!("Phòng số {d}")),
            t("Phòng"),
            t(format!("cq{:03}", d % agencies)),
            t(""),
        ]);
    }
    let all_agencies: Vec<String> = (0..agencies).map(|a| format!("cq{a:03}")).collect();
    let positions: Vec<Vec<Cell>> = (0..shape.positions)
        .map(|p| {
            vec![
                t(format!("VT{p:03}")),
                t(format!("Vị trí việc làm số {p}")),
                t(if p % 10 == 0 {
                    "Lãnh đạo quản lý"
                } else {
                    "Chuyên môn nghiệp vụ"
                }),
                t(format!("nhom-{}", p % 5)),
                t(all_agencies.join("; ")),
            ]
        })
        .collect();
    let people: Vec<Vec<Cell>> = (0..shape.people)
        .map(|i| {
            let unit = if departments > 0 {
                department(i % departments)
            } else {
                "tinh".to_string()
            };
            vec![
                t(format!("cb{i:05}")),
                t(format!("Cán bộ số {i}")),
                t(format!("NS{i:06}")),
                t(unit),
                t(format!("VT{:03}", i % shape.positions.max(1))),
                t("Cán bộ"),
                t(""),
                t("có"),
            ]
        })
        .collect();
    let mut catalogs: Vec<Vec<Cell>> = Vec::new();
    let mut noise = 0x2545_f491_4f6c_dd1du64;
    for p in 0..shape.positions {
        for k in 0..shape.tasks {
            catalogs.push(catalog_row(
                p,
                k,
                format!("Công việc {k} của vị trí {p}"),
                30.0,
            ));
        }
    }
    for k in 0..padding {
        let mut name = String::from("Công việc bổ sung ");
        for _ in 0..12 {
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            name.push_str(&format!("{noise:016x}"));
        }
        catalogs.push(catalog_row(
            k % shape.positions.max(1),
            shape.tasks + k / shape.positions.max(1),
            name,
            45.0,
        ));
    }
    if shape.bad_last_row {
        if let Some(last) = catalogs.last_mut() {
            last[5] = t("không rõ");
        }
    }
    let mut book = Workbook::new();
    sheet(&mut book, OrgSheet::Units, &units)?;
    sheet(&mut book, OrgSheet::Positions, &positions)?;
    sheet(&mut book, OrgSheet::People, &people)?;
    sheet(&mut book, OrgSheet::Catalogs, &catalogs)?;
    book.save_to_buffer().map_err(fail)
}

fn catalog_row(position: usize, task: usize, name: String, norm: f64) -> Vec<Cell> {
    vec![
        t(format!("VT{position:03}")),
        t(format!("T{task:05}")),
        t(["A", "B", "C", "D"][task % 4]),
        t(name),
        t("việc"),
        Cell::Number(norm),
        Cell::Number((task % 3 + 1) as f64),
        t("không"),
    ]
}
