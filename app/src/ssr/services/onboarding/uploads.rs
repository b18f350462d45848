//! Workbooks uploaded on the organisation page: checked (a dry run) when uploaded and kept,
//! so that "apply" writes exactly the file whose report the administrator read.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use sha2::{Digest, Sha256};

use super::{apply, dry_run, Options};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::{ImportBrief, ImportReport, ImportView};
use crate::ssr::entities::org_import;
use crate::ssr::services::accounts::full_names;
use crate::ssr::services::audit::Actor;

/// An upload's columns the list shows: id, file name, report, uploader, when, applied.
type Row = (
    i32,
    String,
    String,
    Option<i32>,
    chrono::DateTime<Utc>,
    Option<chrono::DateTime<Utc>>,
);

/// The longest file name kept (the rest is cut).
const NAME_CHARS: usize = 120;

/// Checks an uploaded file and keeps it with its report; its id.
pub async fn upload(
    db: &DatabaseConnection,
    actor: &Actor,
    file_name: &str,
    bytes: Vec<u8>,
    options: Options,
) -> Result<i32, AppError> {
    let sha = hex::encode(Sha256::digest(&bytes));
    let report = dry_run(db, actor, bytes.clone(), options).await?;
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_CHARS)
        .collect();
    let saved = org_import::ActiveModel {
        file_name: Set(if name.trim().is_empty() {
            "tep".into()
        } else {
            name
        }),
        sha256: Set(sha),
        bytes: Set(bytes),
        deactivate_missing: Set(options.deactivate_missing),
        report_json: Set(
            serde_json::to_string(&report).map_err(|e| AppError::internal("report", e))?
        ),
        created_by: Set(actor.id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

fn brief(
    m: &org_import::Model,
    report: &ImportReport,
    names: &HashMap<i32, String>,
) -> ImportBrief {
    ImportBrief {
        id: m.id,
        file_name: m.file_name.clone(),
        uploaded_by: m.created_by.and_then(|u| names.get(&u).cloned()),
        uploaded_at: m.created_at,
        create: report.create,
        change: report.change,
        deactivate: report.deactivate,
        errors: report.errors.len(),
        applied_at: m.applied_at,
    }
}

fn report_of(m: &org_import::Model) -> ImportReport {
    serde_json::from_str(&m.report_json).unwrap_or_default()
}

/// An upload with its report.
pub async fn view(db: &DatabaseConnection, id: i32) -> Result<ImportView, AppError> {
    let m = org_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = report_of(&m);
    let names = full_names(db, m.created_by).await?;
    Ok(ImportView {
        brief: brief(&m, &report, &names),
        deactivate_missing: m.deactivate_missing,
        report,
    })
}

/// The latest uploads, newest first (their files are not read).
pub async fn recent(db: &DatabaseConnection) -> Result<Vec<ImportBrief>, AppError> {
    let rows: Vec<Row> = org_import::Entity::find()
        .select_only()
        .column(org_import::Column::Id)
        .column(org_import::Column::FileName)
        .column(org_import::Column::ReportJson)
        .column(org_import::Column::CreatedBy)
        .column(org_import::Column::CreatedAt)
        .column(org_import::Column::AppliedAt)
        .order_by_desc(org_import::Column::Id)
        .limit(20)
        .into_tuple()
        .all(db)
        .await?;
    let names = full_names(db, rows.iter().filter_map(|r| r.3)).await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, file_name, report_json, created_by, created_at, applied_at)| {
                let m = org_import::Model {
                    id,
                    file_name,
                    sha256: String::new(),
                    bytes: Vec::new(),
                    deactivate_missing: false,
                    report_json,
                    created_by,
                    created_at,
                    applied_by: None,
                    applied_at,
                };
                brief(&m, &report_of(&m), &names)
            },
        )
        .collect())
}

/// Applies upload `id` (all or nothing); the report with the new people's activation codes,
/// shown this once. An upload is applied once.
pub async fn apply_upload(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
) -> Result<ImportReport, AppError> {
    let m = org_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.applied_at.is_some() {
        return Err(AppError::refused("id", Msg::OrgAlreadyApplied));
    }
    let options = Options {
        deactivate_missing: m.deactivate_missing,
    };
    let report = apply(db, actor, m.bytes, options).await?;
    if report.applied {
        let mut kept = report.clone();
        kept.activations.clear();
        org_import::Entity::update_many()
            .col_expr(org_import::Column::AppliedAt, Expr::value(Some(Utc::now())))
            .col_expr(org_import::Column::AppliedBy, Expr::value(actor.id))
            .col_expr(
                org_import::Column::ReportJson,
                Expr::value(
                    serde_json::to_string(&kept).map_err(|e| AppError::internal("report", e))?,
                ),
            )
            .filter(org_import::Column::Id.eq(id))
            .filter(org_import::Column::AppliedAt.is_null())
            .exec(db)
            .await?;
    }
    Ok(report)
}
