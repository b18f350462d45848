//! Reports sent upward, as Excel workbooks built from the same figures as the dashboard
//! (so a report and the page never disagree). The monthly report to the Department of Home
//! Affairs: per agency the headcount, the officers scored and their grades, those not
//! scored and why, the average score and the standard hours logged; then the reasons for
//! not scoring, agency by agency. Every text cell is neutralised against formula injection;
//! the workbook is built on the blocking pool.

use chrono::Utc;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::error::AppError;
use crate::i18n::{figures, format_date, vietnam_date, Locale, Msg};
use crate::models::{Dashboard, FigureRow};
use crate::text::spreadsheet_cell;

fn fail(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::internal("xlsx", e)
}

fn text(ws: &mut Worksheet, r: u32, c: u16, s: &str) -> Result<(), AppError> {
    if !s.is_empty() {
        ws.write_string(r, c, spreadsheet_cell(s)).map_err(fail)?;
    }
    Ok(())
}

fn number(ws: &mut Worksheet, r: u32, c: u16, n: Option<f64>) -> Result<(), AppError> {
    if let Some(n) = n {
        ws.write_number(r, c, n).map_err(fail)?;
    }
    Ok(())
}

/// The columns of the agencies' sheet, after the number, code and name.
fn figures_row(
    ws: &mut Worksheet,
    r: u32,
    row: &FigureRow,
    d: &Dashboard,
    two: &Format,
) -> Result<(), AppError> {
    let mut c: u16 = 3;
    let mut put = |ws: &mut Worksheet, n: f64| -> Result<(), AppError> {
        ws.write_number(r, c, n).map_err(fail)?;
        c += 1;
        Ok(())
    };
    put(ws, row.headcount as f64)?;
    put(ws, row.scored as f64)?;
    for n in &row.grades {
        put(ws, *n as f64)?;
    }
    put(ws, row.not_scored as f64)?;
    put(ws, row.without_score() as f64)?;
    let base = c;
    if let Some(a) = row.average_total() {
        ws.write_number_with_format(r, base, a, two).map_err(fail)?;
    }
    if let Some(h) = row.hours_per_day(d.working_days) {
        ws.write_number_with_format(r, base + 1, h, two)
            .map_err(fail)?;
    }
    number(ws, r, base + 2, Some(row.officers_over_norm as f64))?;
    Ok(())
}

/// The monthly report of the province's dashboard `d`, in `locale`.
pub fn monthly_workbook(d: &Dashboard, locale: Locale) -> Result<Vec<u8>, AppError> {
    let bold = Format::new().set_bold();
    let two = Format::new().set_num_format("0.00");
    let mut book = Workbook::new();

    let ws = book.add_worksheet();
    ws.set_name(locale.t(Msg::ReportSheetAgencies))
        .map_err(fail)?;
    ws.write_string_with_format(0, 0, figures::report_title(locale, &d.period), &bold)
        .map_err(fail)?;
    let generated = format!(
        "{}: {}",
        locale.t(Msg::ReportGenerated),
        format_date(locale, vietnam_date(Utc::now()))
    );
    ws.write_string(1, 0, generated).map_err(fail)?;
    let mut header: Vec<String> = [Msg::ReportNo, Msg::ReportCode, Msg::DashAgency]
        .iter()
        .chain(&[Msg::DashHeadcount, Msg::DashScored])
        .map(|m| locale.t(*m).to_string())
        .collect();
    header.extend(d.grades.iter().cloned());
    header.extend(
        [
            Msg::DashNotScored,
            Msg::DashWithoutScore,
            Msg::DashAverage,
            Msg::DashHoursPerDay,
            Msg::DashOverNorm,
        ]
        .iter()
        .map(|m| locale.t(*m).to_string()),
    );
    const HEAD: u32 = 3;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(HEAD, c as u16, spreadsheet_cell(h), &bold)
            .map_err(fail)?;
        ws.set_column_width(c as u16, if c == 2 { 40 } else { 14 })
            .map_err(fail)?;
    }
    let mut r = HEAD + 1;
    for (i, row) in d.rows.iter().enumerate() {
        ws.write_number(r, 0, (i + 1) as f64).map_err(fail)?;
        text(ws, r, 1, &row.code)?;
        let name = if row.id.is_none() {
            locale.t(Msg::DashUnassigned)
        } else {
            &row.name
        };
        text(ws, r, 2, name)?;
        figures_row(ws, r, row, d, &two)?;
        r += 1;
    }
    ws.write_string_with_format(r, 2, locale.t(Msg::ReportTotalRow), &bold)
        .map_err(fail)?;
    figures_row(ws, r, &d.totals, d, &two)?;
    ws.set_freeze_panes(HEAD + 1, 3).map_err(fail)?;

    let ws = book.add_worksheet();
    ws.set_name(locale.t(Msg::ReportSheetReasons))
        .map_err(fail)?;
    for (c, m) in [
        Msg::ReportCode,
        Msg::DashAgency,
        Msg::DashReason,
        Msg::DashCount,
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, locale.t(*m), &bold)
            .map_err(fail)?;
        ws.set_column_width(c as u16, if c == 2 { 60 } else { 20 })
            .map_err(fail)?;
    }
    let mut r = 1;
    for row in &d.rows {
        for (reason, n) in &row.reasons {
            text(ws, r, 0, &row.code)?;
            text(ws, r, 1, &row.name)?;
            text(ws, r, 2, reason)?;
            ws.write_number(r, 3, *n as f64).map_err(fail)?;
            r += 1;
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// [`monthly_workbook`] on the blocking pool.
pub async fn monthly(d: Dashboard, locale: Locale) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || monthly_workbook(&d, locale))
        .await
        .map_err(|e| AppError::internal("report", e))?
}
