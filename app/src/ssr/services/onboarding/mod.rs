//! Loading a province's organisation from the workbook it already keeps: units, positions
//! (with the agencies that use them), people (with their roles and the units they review)
//! and each position's task catalog.
//!
//! An import is three steps: **read** the file (an Excel workbook or one CSV table) into
//! text cells, **check** every cell and row (typed rows, every bad cell named by sheet, row
//! and column), and **plan** it against Rubric's records (what is created, changed,
//! deactivated). A dry run stops there; **apply** writes the plan in one transaction and
//! records one audit event, so a bad row anywhere writes nothing and the same file applied
//! twice changes nothing the second time. [`export`] writes the same workbook from the
//! records, so that an export imports back as no change.
//!
//! The work is CPU-bound (unzipping, parsing, comparing): it runs on the blocking pool,
//! never on the async runtime.

pub mod apply;
pub mod check;
pub mod export;
pub mod plan;
pub mod read;
pub mod uploads;

use sea_orm::{DatabaseConnection, TransactionTrait};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::models::{ImportReport, PlanAct};
use crate::ssr::services::audit::Actor;

/// Reads and checks `bytes` off the async runtime.
async fn parse(
    bytes: Vec<u8>,
) -> Result<(check::Book, Vec<crate::models::CellError>, String), AppError> {
    tokio::task::spawn_blocking(move || {
        let hash = hex::encode(Sha256::digest(&bytes));
        match read::read(&bytes) {
            Ok(raw) => {
                let (book, errors) = check::check(raw);
                (book, errors, hash)
            }
            Err(errors) => (check::Book::default(), errors, hash),
        }
    })
    .await
    .map_err(|e| AppError::internal("import", e))
}

fn report(plan: &plan::Plan, errors: Vec<crate::models::CellError>) -> ImportReport {
    ImportReport {
        create: plan.count(PlanAct::Create),
        change: plan.count(PlanAct::Change),
        deactivate: plan.count(PlanAct::Deactivate),
        errors,
        lines: plan
            .lines
            .iter()
            .take(ImportReport::SHOWN)
            .cloned()
            .collect(),
        applied: false,
        activations: Vec::new(),
    }
}

/// How an import treats what the workbook leaves out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Deactivate the active people the People sheet leaves out (the sheet is the whole
    /// staff list); administrators and the importing account excepted.
    pub deactivate_missing: bool,
}

/// What importing `bytes` would do, writing nothing.
#[tracing::instrument(skip_all, fields(bytes = bytes.len(), actor = %actor.name), err)]
pub async fn dry_run(
    db: &DatabaseConnection,
    actor: &Actor,
    bytes: Vec<u8>,
    options: Options,
) -> Result<ImportReport, AppError> {
    let (book, mut errors, _) = parse(bytes).await?;
    let now = plan::Current::load(db, chrono::Utc::now().date_naive()).await?;
    let (plan, mut more) = plan::plan(&book, &now, me(actor), options.deactivate_missing);
    errors.append(&mut more);
    Ok(report(&plan, errors))
}

/// Imports `bytes`: all or nothing. With any bad cell nothing is written and the report
/// lists them; otherwise the plan is written in one transaction, checked again inside it
/// against the records as they are then.
#[tracing::instrument(skip_all, fields(bytes = bytes.len(), actor = %actor.name), err)]
pub async fn apply(
    db: &DatabaseConnection,
    actor: &Actor,
    bytes: Vec<u8>,
    options: Options,
) -> Result<ImportReport, AppError> {
    let (book, mut errors, hash) = parse(bytes).await?;
    let txn = db.begin().await?;
    // The import changes the tree: it waits for (and is waited for by) a change made on the
    // units page, and plans against what that change committed.
    crate::ssr::services::units::lock_tree(&txn).await?;
    let now = plan::Current::load(&txn, chrono::Utc::now().date_naive()).await?;
    // Planned even with bad cells: the report names every problem at once.
    let (plan, mut more) = plan::plan(&book, &now, me(actor), options.deactivate_missing);
    errors.append(&mut more);
    let mut out = report(&plan, errors);
    if !out.errors.is_empty() {
        return Ok(out); // the transaction rolls back unused
    }
    out.activations = apply::apply(&txn, actor, &plan, &hash).await?;
    txn.commit().await?;
    out.applied = true;
    Ok(out)
}

/// The organisation workbook as Rubric holds it now.
pub async fn export(db: &DatabaseConnection) -> Result<Vec<u8>, AppError> {
    let now = plan::Current::load(db, chrono::Utc::now().date_naive()).await?;
    tokio::task::spawn_blocking(move || export::workbook(&now))
        .await
        .map_err(|e| AppError::internal("export", e))?
}

/// The template with examples and instructions.
pub async fn template() -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(export::template)
        .await
        .map_err(|e| AppError::internal("template", e))?
}

/// The importing account's user name: it is never deactivated by its own import.
fn me(actor: &Actor) -> Option<&str> {
    actor.id.map(|_| actor.name.as_str())
}

/// A made-up province's workbook (for the import benchmark), built on the blocking pool.
pub async fn synthetic(shape: export::Synthetic) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || export::synthetic(shape))
        .await
        .map_err(|e| AppError::internal("spawn_blocking", e))?
}
