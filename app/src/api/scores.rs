//! Scores explained rule by rule, and the formula versions behind them.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{FormulaSource, ScoreExplanation};

/// An officer's score for a period (empty: the latest), explained. The officer reads their
/// own; their reviewers, the committee and auditors read it too. With `folded`, only trace
/// line `open`'s entries are listed, as on [`my_score`] (the reviewer's page); without, every
/// entry of every line (the score sheet).
#[server(prefix = "/api", endpoint = "score_explanation", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_score_explanation(
    officer_id: i32,
    period: String,
    #[server(default)] folded: bool,
    #[server(default)] open: Option<usize>,
) -> Result<ScoreExplanation, AppError> {
    let state = crate::ssr::state::app_state()?;
    let caller = crate::ssr::auth::guard::officer(
        &state.db,
        officer_id,
        crate::ssr::auth::guard::On::ReadScore,
    )
    .await?;
    let mut explanation = crate::ssr::services::scores::explanation_cached(
        &state.db,
        &state.explanations,
        officer_id,
        &period,
    )
    .await?;
    // Someone else reading an officer's score and its trace is in the audit trail: the
    // auditor's report of who read whose score, and the officer's own data download.
    if caller.id() != officer_id {
        crate::ssr::services::audit::record_score_access(
            &state.db,
            &caller.actor(),
            officer_id,
            &explanation.officer_name,
            &explanation.period,
        )
        .await?;
    }
    if folded {
        // Appeals are filed from my score: this view has no appeal form to fill.
        explanation.fold_lines(open);
    }
    Ok(explanation)
}

/// The signed-in officer's own score for a period (empty: the latest), explained. With
/// `folded`, only trace line `open`'s entries are listed (the others keep their count): the
/// page asks for a line's entries when opened, and for every entry behind the score once,
/// for the appeal form ([`ScoreExplanation::fold_entries`]), with `appeal` (the form open).
#[server(prefix = "/api", endpoint = "my_score", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_score(
    period: String,
    #[server(default)] folded: bool,
    #[server(default)] open: Option<usize>,
    #[server(default)] appeal: bool,
) -> Result<ScoreExplanation, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::OwnDiary)?;
    let state = crate::ssr::state::app_state()?;
    let mut explanation = crate::ssr::services::scores::explanation_cached(
        &state.db,
        &state.explanations,
        me.id(),
        &period,
    )
    .await?;
    match (folded, appeal) {
        (true, true) => explanation.fold_entries(open),
        (true, false) => explanation.fold_lines(open),
        (false, _) => {}
    }
    Ok(explanation)
}

/// A formula version's script: every signed-in user may read a formula that is or was in
/// force; drafts and versions under approval only those who configure, steer or audit.
#[server(prefix = "/api", endpoint = "formula_source", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_formula_source(id: i32) -> Result<FormulaSource, AppError> {
    use crate::authz::Action;
    crate::ssr::auth::require(Action::ReadFormula { in_force: true })?;
    let state = crate::ssr::state::app_state()?;
    let source = crate::ssr::services::scores::formula_source(&state.db, id).await?;
    crate::ssr::auth::require(Action::ReadFormula {
        in_force: source.ever_in_force(),
    })?;
    Ok(source)
}
