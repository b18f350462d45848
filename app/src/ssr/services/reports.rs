//! Reports sent upward, as Excel workbooks built from the same figures as the dashboard
//! (so a report and the page never disagree). The monthly report to the Department of Home
//! Affairs: per agency the headcount, the officers scored and their grades, those not
//! scored and why, the average score and the standard hours logged; then the reasons for
//! not scoring, agency by agency. Every text cell is neutralised against formula injection;
//! the workbook is built on the blocking pool.

use std::collections::HashMap;

use chrono::Utc;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, TransactionTrait,
};

use crate::authz::{decide, Action, Subject, Target};
use crate::error::AppError;
use crate::i18n::{figures, format_date, vietnam_date, Locale, Msg};
use crate::models::{
    grade_order, position_figures, ClassificationList, ClassifiedOfficer, Dashboard, FigureRow,
    PeriodCode, PeriodKind, PeriodStatus, PositionFigures, ScoreStatus,
};
use crate::ssr::entities::{period, period_score, position, user};
use crate::ssr::services::org::UnitTree;
use crate::ssr::services::{dashboard, periods};
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

/// The monthly report of the province's dashboard `d` with its results by position, in
/// `locale`.
pub fn monthly_workbook(
    d: &Dashboard,
    positions: &[PositionFigures],
    locale: Locale,
) -> Result<Vec<u8>, AppError> {
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
    positions_sheet(&mut book, positions, &d.grades, locale)?;
    book.save_to_buffer().map_err(fail)
}

/// The sheet of the results by position and grade.
fn positions_sheet(
    book: &mut Workbook,
    positions: &[PositionFigures],
    grades: &[String],
    locale: Locale,
) -> Result<(), AppError> {
    let bold = Format::new().set_bold();
    let two = Format::new().set_num_format("0.00");
    let ws = book.add_worksheet();
    ws.set_name(locale.t(Msg::ReportSheetPositions))
        .map_err(fail)?;
    let mut header: Vec<String> = [Msg::ReportCode, Msg::ReportPosition, Msg::DashScored]
        .iter()
        .map(|m| locale.t(*m).to_string())
        .collect();
    header.extend(grades.iter().cloned());
    header.extend(
        [Msg::DashNotScored, Msg::DashAverage]
            .iter()
            .map(|m| locale.t(*m).to_string()),
    );
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, spreadsheet_cell(h), &bold)
            .map_err(fail)?;
        ws.set_column_width(c as u16, if c == 1 { 50 } else { 14 })
            .map_err(fail)?;
    }
    for (i, p) in positions.iter().enumerate() {
        let r = i as u32 + 1;
        text(ws, r, 0, &p.code)?;
        let name = if p.code.is_empty() {
            locale.t(Msg::ReportNoPosition)
        } else {
            &p.name
        };
        text(ws, r, 1, name)?;
        ws.write_number(r, 2, p.scored as f64).map_err(fail)?;
        let mut c = 3;
        for n in &p.grades {
            ws.write_number(r, c, *n as f64).map_err(fail)?;
            c += 1;
        }
        ws.write_number(r, c, p.not_scored as f64).map_err(fail)?;
        if let Some(a) = p.average() {
            ws.write_number_with_format(r, c + 1, a, &two)
                .map_err(fail)?;
        }
    }
    ws.set_freeze_panes(1, 2).map_err(fail)?;
    Ok(())
}

/// [`monthly_workbook`] on the blocking pool.
pub async fn monthly(
    d: Dashboard,
    positions: Vec<PositionFigures>,
    locale: Locale,
) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || monthly_workbook(&d, &positions, locale))
        .await
        .map_err(|e| AppError::internal("report", e))?
}

/// The current scores of a period in these units (every unit when `None`), each with the
/// officer's position code, by unit code then name.
async fn classified<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    period_id: i32,
    units: Option<&[i32]>,
) -> Result<Vec<(ClassifiedOfficer, String)>, AppError> {
    let mut q = period_score::Entity::find()
        .select_only()
        .columns([
            period_score::Column::OfficerId,
            period_score::Column::UnitId,
            period_score::Column::Status,
            period_score::Column::Total,
            period_score::Column::Grade,
            period_score::Column::Reason,
        ])
        .filter(period_score::Column::PeriodId.eq(period_id))
        .filter(period_score::Column::SupersededBy.is_null());
    if let Some(units) = units {
        q = q.filter(period_score::Column::UnitId.is_in(units.to_vec()));
    }
    type Row = (
        i32,
        Option<i32>,
        ScoreStatus,
        Option<f64>,
        Option<String>,
        Option<String>,
    );
    let scores: Vec<Row> = q.into_tuple().all(db).await?;
    let mut people: HashMap<i32, (String, Option<i32>)> = HashMap::new();
    let ids: Vec<i32> = scores.iter().map(|s| s.0).collect();
    for chunk in ids.chunks(1000) {
        let found: Vec<(i32, String, Option<i32>)> = user::Entity::find()
            .select_only()
            .columns([
                user::Column::Id,
                user::Column::FullName,
                user::Column::PositionId,
            ])
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        people.extend(found.into_iter().map(|(id, name, pos)| (id, (name, pos))));
    }
    let positions: HashMap<i32, position::Model> = position::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out: Vec<(ClassifiedOfficer, String, String)> = scores
        .into_iter()
        .map(|(id, unit, status, total, grade, reason)| {
            let (name, pos) = people.get(&id).cloned().unwrap_or_default();
            let pos = pos.and_then(|p| positions.get(&p));
            let u = unit.and_then(|u| tree.get(u));
            let scored = status == ScoreStatus::Scored;
            (
                ClassifiedOfficer {
                    officer_id: id,
                    name,
                    position: pos.map(|p| p.name.clone()).unwrap_or_default(),
                    unit: u.map(|u| u.name.clone()).unwrap_or_default(),
                    total: total.filter(|_| scored),
                    grade: grade.filter(|_| scored),
                    reason: reason.filter(|_| !scored),
                },
                pos.map(|p| p.code.clone()).unwrap_or_default(),
                u.map(|u| u.code.clone()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort_by(|a, b| (&a.2, &a.0.name, a.0.officer_id).cmp(&(&b.2, &b.0.name, b.0.officer_id)));
    Ok(out.into_iter().map(|(o, pos, _)| (o, pos)).collect())
}

/// The results by position of a period's current scores, province-wide, with the grades
/// in the order of `grades`.
pub async fn positions_of<C: ConnectionTrait>(
    db: &C,
    period_code: &str,
    grades: &[String],
) -> Result<Vec<PositionFigures>, AppError> {
    let Some(p) = periods::find(db, periods::parse(period_code)?).await? else {
        return Ok(Vec::new());
    };
    let tree = UnitTree::load(db).await?;
    Ok(position_figures(
        &classified(db, &tree, p.id, None).await?,
        grades,
    ))
}

/// The period of a classification list: the one asked for, or the latest year with scores,
/// or the latest month with scores.
async fn list_period<C: ConnectionTrait>(db: &C, text: &str) -> Result<PeriodCode, AppError> {
    use sea_orm::QueryOrder;
    if text.trim().is_empty() {
        let year = period::Entity::find()
            .filter(period::Column::Kind.eq(PeriodKind::Year.as_str()))
            .filter(period::Column::Status.ne(PeriodStatus::Open))
            .order_by_desc(period::Column::StartsOn)
            .one(db)
            .await?;
        if let Some(y) = year {
            return periods::code_of(&y);
        }
    }
    dashboard::period_of(db, text).await
}

/// Whether `subject` may read the scores of everyone in the agency `id` (the committee,
/// auditors, the agency's director or a head above it).
fn reads_agency(subject: &Subject, tree: &UnitTree, id: i32) -> bool {
    let target = Target {
        officer_id: -1,
        unit_chain: tree.chain(id),
    };
    decide(Some(subject), &Action::ReadScore(&target)).allowed()
}

/// The classification list of an agency (`None`: the first the caller may read) for
/// `period_text` (empty: the latest year, or month, with scores). 403 when the caller may
/// read no agency's scores; 404 for an id that is no agency or one the caller may not read.
pub async fn classification<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    subject: &Subject,
    period_text: &str,
    agency: Option<i32>,
) -> Result<ClassificationList, AppError> {
    let tree = UnitTree::load(db).await?;
    let mut agencies: Vec<(i32, String, String)> = tree
        .all()
        .filter(|u| u.kind == "agency" && reads_agency(subject, &tree, u.id))
        .map(|u| (u.id, u.code.clone(), u.name.clone()))
        .collect();
    agencies.sort_by(|a, b| a.1.cmp(&b.1));
    if agencies.is_empty() {
        return Err(AppError::Forbidden);
    }
    let chosen = match agency {
        None => agencies[0].clone(),
        Some(id) => agencies
            .iter()
            .find(|a| a.0 == id)
            .cloned()
            .ok_or(AppError::NotFound)?,
    };
    let code = list_period(db, period_text).await?;
    let p = periods::find(db, code).await?;
    let officers = match &p {
        Some(p) => {
            let units: Vec<i32> = tree
                .all()
                .filter(|u| tree.is_within(u.id, chosen.0))
                .map(|u| u.id)
                .collect();
            classified(db, &tree, p.id, Some(&units)).await?
        }
        None => Vec::new(),
    };
    let grades = grade_order(officers.iter().filter_map(|(o, _)| o.grade.clone()));
    let mut counts = vec![0u32; grades.len()];
    let mut not_scored = 0;
    for (o, _) in &officers {
        match o
            .grade
            .as_deref()
            .and_then(|g| grades.iter().position(|x| x == g))
        {
            Some(i) => counts[i] += 1,
            None if o.total.is_none() => not_scored += 1,
            None => {}
        }
    }
    let positions = position_figures(&officers, &grades);
    Ok(ClassificationList {
        period: code.to_string(),
        period_status: p.map(|p| p.status),
        agency: chosen,
        agencies,
        grades,
        counts,
        not_scored,
        officers: officers.into_iter().map(|(o, _)| o).collect(),
        positions,
    })
}

/// The classification list as a workbook: the officers (with the signature lines the
/// agency signs), then the results by position.
pub fn classification_workbook(
    l: &ClassificationList,
    locale: Locale,
) -> Result<Vec<u8>, AppError> {
    let bold = Format::new().set_bold();
    let two = Format::new().set_num_format("0.00");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(locale.t(Msg::ReportSheetOfficers))
        .map_err(fail)?;
    ws.write_string_with_format(
        0,
        0,
        figures::classification_title(locale, &l.period),
        &bold,
    )
    .map_err(fail)?;
    text(ws, 1, 0, &format!("{} — {}", l.agency.1, l.agency.2))?;
    let generated = format!(
        "{}: {}",
        locale.t(Msg::ReportGenerated),
        format_date(locale, vietnam_date(Utc::now()))
    );
    ws.write_string(2, 0, generated).map_err(fail)?;
    const HEAD: u32 = 4;
    for (c, m) in [
        Msg::ReportNo,
        Msg::ReportFullName,
        Msg::ReportPosition,
        Msg::DashUnit,
        Msg::ScoreTotal,
        Msg::ScoreGrade,
        Msg::DashReason,
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(HEAD, c as u16, locale.t(*m), &bold)
            .map_err(fail)?;
        let width = match c {
            0 => 6,
            1 | 3 => 30,
            2 | 6 => 40,
            _ => 12,
        };
        ws.set_column_width(c as u16, width).map_err(fail)?;
    }
    let mut r = HEAD + 1;
    for (i, o) in l.officers.iter().enumerate() {
        ws.write_number(r, 0, (i + 1) as f64).map_err(fail)?;
        text(ws, r, 1, &o.name)?;
        text(ws, r, 2, &o.position)?;
        text(ws, r, 3, &o.unit)?;
        if let Some(t) = o.total {
            ws.write_number_with_format(r, 4, t, &two).map_err(fail)?;
        }
        text(ws, r, 5, o.grade.as_deref().unwrap_or_default())?;
        text(ws, r, 6, o.reason.as_deref().unwrap_or_default())?;
        r += 1;
    }
    r += 1;
    for (i, g) in l.grades.iter().enumerate() {
        text(ws, r, 1, g)?;
        ws.write_number(r, 2, l.counts[i] as f64).map_err(fail)?;
        if let Some(s) = l.share(i) {
            let pct = Format::new().set_num_format("0.0%");
            ws.write_number_with_format(r, 3, s, &pct).map_err(fail)?;
        }
        r += 1;
    }
    ws.write_string(r, 1, locale.t(Msg::DashNotScored))
        .map_err(fail)?;
    ws.write_number(r, 2, l.not_scored as f64).map_err(fail)?;
    r += 3;
    ws.write_string_with_format(r, 1, locale.t(Msg::SheetPreparedBy), &bold)
        .map_err(fail)?;
    ws.write_string_with_format(r, 4, locale.t(Msg::SheetAgencyHead), &bold)
        .map_err(fail)?;
    ws.write_string(r + 1, 1, locale.t(Msg::SheetSignHint))
        .map_err(fail)?;
    ws.write_string(r + 1, 4, locale.t(Msg::SheetSignSealHint))
        .map_err(fail)?;
    ws.set_freeze_panes(HEAD + 1, 2).map_err(fail)?;
    positions_sheet(&mut book, &l.positions, &l.grades, locale)?;
    book.save_to_buffer().map_err(fail)
}

/// [`classification_workbook`] on the blocking pool.
pub async fn classification_book(
    l: ClassificationList,
    locale: Locale,
) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || classification_workbook(&l, locale))
        .await
        .map_err(|e| AppError::internal("report", e))?
}
