//! Reading the workbook: an Excel file (calamine reads .xlsx, .xls, .ods) or a CSV table
//! (one sheet, recognised by its header row) into rows of text cells, each with the row
//! number the spreadsheet shows.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

use crate::models::{CellError, CellProblem, OrgSheet};
use crate::text::fold;

/// The largest file an import reads.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;
/// The most an .xlsx may hold once unzipped (a zip bomb stops here).
const MAX_UNZIPPED: u64 = 400 * 1024 * 1024;

/// One sheet's data rows: (row number, cells in the order of [`OrgSheet::columns`]).
#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<(u32, Vec<String>)>,
}

/// The sheets found (a sheet absent from the file is left alone by the import).
#[derive(Debug, Default)]
pub struct RawBook {
    pub units: Option<Sheet>,
    pub positions: Option<Sheet>,
    pub people: Option<Sheet>,
    pub catalogs: Option<Sheet>,
}

impl RawBook {
    fn slot(&mut self, s: OrgSheet) -> &mut Option<Sheet> {
        match s {
            OrgSheet::Units => &mut self.units,
            OrgSheet::Positions => &mut self.positions,
            OrgSheet::People => &mut self.people,
            OrgSheet::Catalogs => &mut self.catalogs,
        }
    }
}

fn whole_file(problem: CellProblem) -> Vec<CellError> {
    vec![CellError {
        sheet: OrgSheet::Units,
        row: 0,
        column: None,
        problem,
    }]
}

/// Reads `bytes` (an Excel workbook or a UTF-8 CSV table).
pub fn read(bytes: &[u8]) -> Result<RawBook, Vec<CellError>> {
    if bytes.len() > MAX_BYTES {
        return Err(whole_file(CellProblem::TooLarge {
            limit_mb: (MAX_BYTES / (1024 * 1024)) as u32,
        }));
    }
    if bytes.starts_with(b"PK") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        read_workbook(bytes)
    } else {
        read_csv(bytes)
    }
}

/// The rows of a single table: an Excel file's first sheet (or its sheet named like the
/// catalogs sheet), or a CSV text; each row with the number the user sees.
pub fn table_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, CellProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(CellProblem::TooLarge {
            limit_mb: (MAX_BYTES / (1024 * 1024)) as u32,
        });
    }
    if !(bytes.starts_with(b"PK") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])) {
        let text = std::str::from_utf8(bytes).map_err(|_| CellProblem::Unreadable)?;
        let text = text.trim_start_matches('\u{feff}');
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let sep = [';', '\t', ',']
            .into_iter()
            .max_by_key(|c| first.matches(*c).count())
            .unwrap_or(',');
        return Ok(crate::models::split_table(text, sep));
    }
    if bytes.starts_with(b"PK") && unzipped_size(bytes).is_none_or(|n| n > MAX_UNZIPPED) {
        return Err(CellProblem::Unreadable);
    }
    let mut wb =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| CellProblem::Unreadable)?;
    let names = wb.sheet_names();
    let name = names
        .iter()
        .find(|n| sheet_of_name(n) == Some(OrgSheet::Catalogs))
        .or(names.first())
        .cloned()
        .ok_or(CellProblem::Unreadable)?;
    let range = wb
        .worksheet_range(&name)
        .map_err(|_| CellProblem::Unreadable)?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, r)| (first_row + i + 1, r.iter().map(cell_text).collect()))
        .collect())
}

/// Which sheet a name stands for (Vietnamese with or without accents, or English).
fn sheet_of_name(name: &str) -> Option<OrgSheet> {
    let n = fold(name.trim());
    OrgSheet::ALL.into_iter().find(|s| {
        n == fold(s.title())
            || n == fold(s.name(crate::i18n::Locale::En))
            || match s {
                OrgSheet::Units => n == "donvi" || n == "units",
                OrgSheet::Positions => n == "vi tri" || n == "vitri" || n == "positions",
                OrgSheet::People => n == "nhansu" || n == "people",
                OrgSheet::Catalogs => n == "danh muc" || n == "danhmuc" || n == "catalogs",
            }
    })
}

fn unzipped_size(bytes: &[u8]) -> Option<u64> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total = 0u64;
    for i in 0..z.len() {
        total = total.saturating_add(z.by_index_raw(i).ok()?.size());
    }
    Some(total)
}

fn read_workbook(bytes: &[u8]) -> Result<RawBook, Vec<CellError>> {
    if bytes.starts_with(b"PK") && unzipped_size(bytes).is_none_or(|n| n > MAX_UNZIPPED) {
        return Err(whole_file(CellProblem::Unreadable));
    }
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| whole_file(CellProblem::Unreadable))?;
    let mut book = RawBook::default();
    let mut errors = Vec::new();
    for name in wb.sheet_names() {
        let Some(kind) = sheet_of_name(&name) else {
            continue; // instructions and other sheets are not data
        };
        let range = wb
            .worksheet_range(&name)
            .map_err(|_| whole_file(CellProblem::Unreadable))?;
        let first_row = range.start().map_or(0, |(r, _)| r);
        let rows: Vec<(u32, Vec<String>)> = range
            .rows()
            .enumerate()
            .map(|(i, r)| (first_row + i as u32 + 1, r.iter().map(cell_text).collect()))
            .collect();
        match columns(kind, rows) {
            Ok(sheet) => *book.slot(kind) = Some(sheet),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() && OrgSheet::ALL.into_iter().all(|s| book.slot(s).is_none()) {
        errors = OrgSheet::ALL
            .into_iter()
            .map(|sheet| CellError {
                sheet,
                row: 0,
                column: None,
                problem: CellProblem::MissingSheet,
            })
            .collect();
    }
    if errors.is_empty() {
        Ok(book)
    } else {
        Err(errors)
    }
}

/// A cell as the text a person typed: whole numbers without ".0", dates as dd/mm/yyyy.
fn cell_text(d: &Data) -> String {
    let text = match d {
        Data::Empty => String::new(),
        Data::String(s) => crate::text::from_spreadsheet_cell(s).to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "có".into(),
        Data::Bool(false) => "không".into(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    };
    text.trim().to_string()
}

fn read_csv(bytes: &[u8]) -> Result<RawBook, Vec<CellError>> {
    let text = std::str::from_utf8(bytes).map_err(|_| whole_file(CellProblem::Unreadable))?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sep = [';', '\t', ',']
        .into_iter()
        .max_by_key(|c| first.matches(*c).count())
        .unwrap_or(',');
    let rows: Vec<(u32, Vec<String>)> = crate::models::split_table(text, sep)
        .into_iter()
        .map(|(n, cells)| (u32::try_from(n).unwrap_or(u32::MAX), cells))
        .collect();
    // The sheet is the one whose headers the first row holds best.
    let header: Vec<String> = rows
        .first()
        .map(|(_, h)| h.iter().map(|c| fold(c)).collect())
        .unwrap_or_default();
    let kind = OrgSheet::ALL
        .into_iter()
        .map(|s| {
            let hits = s
                .columns()
                .iter()
                .filter(|c| header.contains(&fold(c)))
                .count();
            (hits * 100 / s.columns().len(), s)
        })
        .filter(|(score, _)| *score >= 60)
        .max_by_key(|(score, _)| *score)
        .map(|(_, s)| s)
        .ok_or_else(|| whole_file(CellProblem::Unreadable))?;
    let mut book = RawBook::default();
    *book.slot(kind) = Some(columns(kind, rows)?);
    Ok(book)
}

/// Maps the sheet's header row to its known columns (in any order) and keeps the data
/// rows that hold anything.
fn columns(kind: OrgSheet, rows: Vec<(u32, Vec<String>)>) -> Result<Sheet, Vec<CellError>> {
    let mut rows = rows
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()));
    let Some((_, header)) = rows.next() else {
        return Ok(Sheet::default());
    };
    let header: Vec<String> = header.iter().map(|h| fold(h)).collect();
    let mut at = Vec::new();
    let mut errors = Vec::new();
    for col in kind.columns() {
        match header.iter().position(|h| *h == fold(col)) {
            Some(i) => at.push(i),
            None => errors.push(CellError {
                sheet: kind,
                row: 1,
                column: Some(col.to_string()),
                problem: CellProblem::MissingColumn,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Sheet {
        rows: rows
            .map(|(n, r)| {
                (
                    n,
                    at.iter()
                        .map(|i| r.get(*i).cloned().unwrap_or_default())
                        .collect(),
                )
            })
            .collect(),
    })
}
