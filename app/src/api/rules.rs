//! The rule editor, simulations, approval and activation of formula versions.
//!
//! Administrators edit drafts, run their tests, try them and submit them; the Steering
//! Committee simulates, approves with a note, activates, retires and re-scores. Both may
//! read everything here, as auditors may.

use leptos::prelude::*;

use crate::error::AppError;
use crate::models::{
    CaseRunView, RuleDraftForm, RuleVersionPage, ScriptProblem, SimulationView, TryResult,
};

#[cfg(feature = "ssr")]
use crate::ssr::services::rule_editor;

#[cfg(feature = "ssr")]
fn may(p: &crate::ssr::auth::Principal, action: crate::authz::Action<'_>) -> bool {
    crate::authz::decide(Some(p.subject()), &action).allowed()
}

/// A formula version with its stored test results, simulations and evidence, and what the
/// reader may do.
#[server(prefix = "/api", endpoint = "get_rule_version", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_rule_version(id: i32) -> Result<RuleVersionPage, AppError> {
    use crate::authz::Action;
    let me = crate::ssr::auth::require(Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    rule_editor::page(
        &state.db,
        id,
        rule_editor::Rights {
            edit: may(&me, Action::EditConfiguration),
            steer: may(&me, Action::SteerFormulas),
            simulate: may(&me, Action::Simulate),
        },
    )
    .await
}

/// Compiles a script being typed (with version `id`'s parameters): where it fails, if it does.
#[server(prefix = "/api", endpoint = "check_rule_script", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn check_rule_script(id: i32, script: String) -> Result<Option<ScriptProblem>, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    rule_editor::check_script(&state.db, &state.rules, me.actor().id, id, script).await
}

/// Runs version `id`'s tests now and stores their results. Those who edit formulas and those
/// who simulate them may (`Simulate` is granted to both).
#[server(prefix = "/api", endpoint = "run_rule_checks", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn run_rule_checks(id: i32) -> Result<CaseRunView, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::Simulate)?;
    let state = crate::ssr::state::app_state()?;
    rule_editor::run_checks(&state.db, &state.rules, me.actor().id, id).await
}

/// Saves a draft (script, parameter values, expected results) and runs its tests.
#[server(prefix = "/api", endpoint = "save_rule_draft", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_rule_draft(form: RuleDraftForm) -> Result<CaseRunView, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    rule_editor::save(&state.db, &state.rules, &me.actor(), &form).await
}

/// Opens a new draft of the same formula, copied from version `id`.
#[server(prefix = "/api", endpoint = "new_rule_draft", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn new_rule_draft(id: i32) -> Result<i32, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::rule_editor::new_draft_from(&state.db, &me.actor(), id)
        .await
        .map(|v| v.id)
}

/// Submits a draft for the committee's approval; refused while a test fails.
#[server(prefix = "/api", endpoint = "submit_rule_version", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_rule_version(id: i32, lock_version: i32) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::rule_versions::submit(
        &state.db,
        &state.rules,
        &me.actor(),
        id,
        lock_version,
    )
    .await
    .map(|_| ())
}

/// Applies version `id` to one officer's period without storing anything.
#[server(prefix = "/api", endpoint = "try_rule_version", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn try_rule_version(
    id: i32,
    officer_id: i32,
    period: String,
) -> Result<TryResult, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    // The trace shows the officer's entries and score: only for those who may read them.
    crate::ssr::auth::guard::officer(
        &state.db,
        officer_id,
        crate::ssr::auth::guard::On::ReadScore,
    )
    .await?;
    crate::ssr::services::rule_editor::try_version(
        &state.db,
        &state.rules,
        &me.actor(),
        id,
        officer_id,
        &period,
    )
    .await
}

/// Starts a simulation of version `id` on a past period, in the background; its id.
#[server(prefix = "/api", endpoint = "start_simulation", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn start_simulation(
    id: i32,
    period: String,
    #[server(default)] units: Vec<i32>,
    #[server(default)] positions: Vec<i32>,
) -> Result<i32, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::Simulate)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::simulations::start(
        &state.db,
        &state.rules,
        &me.actor(),
        id,
        &period,
        crate::ssr::services::simulations::Scope { units, positions },
    )
    .await
}

/// A simulation with its results (per officer only for the committee and auditors).
#[server(prefix = "/api", endpoint = "get_simulation", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn get_simulation(id: i32) -> Result<SimulationView, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    let view = crate::ssr::services::simulations::view(&state.db, id).await?;
    // Each row is an officer's score: only for those who may read every score.
    Ok(if crate::authz::reads_every_score(Some(me.subject())) {
        view
    } else {
        view.without_people()
    })
}

/// Why an officer's result moves in a simulation: the rules and entries whose points differ
/// between the formula in force and the simulated version.
#[server(prefix = "/api", endpoint = "explain_simulation_change", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn explain_simulation_change(
    id: i32,
    officer_id: i32,
) -> Result<crate::models::SimulationChange, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::ReadConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    // Both traces show the officer's entries and score: only for those who may read them.
    crate::ssr::auth::guard::officer(
        &state.db,
        officer_id,
        crate::ssr::auth::guard::On::ReadScore,
    )
    .await?;
    crate::ssr::services::simulations::explain_change(
        &state.db,
        &state.rules,
        &me.actor(),
        id,
        officer_id,
    )
    .await
}

/// The committee approves a submitted version with a note (evidence attached).
#[server(prefix = "/api", endpoint = "approve_rule_version", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn approve_rule_version(
    id: i32,
    lock_version: i32,
    note: String,
) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::SteerFormulas)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::rule_editor::approve(
        &state.db,
        &state.rules,
        &me.actor(),
        id,
        lock_version,
        &note,
    )
    .await
    .map(|_| ())
}

/// The committee returns a submitted version to draft with a reason.
#[server(prefix = "/api", endpoint = "return_rule_version", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn return_rule_version(
    id: i32,
    lock_version: i32,
    reason: String,
) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::SteerFormulas)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::rule_versions::return_to_draft(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        &reason,
    )
    .await
    .map(|_| ())
}

/// Activates an approved (or, to roll back, a retired) version from a date: today or the
/// first day of a later month.
#[server(prefix = "/api", endpoint = "activate_rule_version", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn activate_rule_version(
    id: i32,
    lock_version: i32,
    set_lock_version: i32,
    effective_from: String,
) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::SteerFormulas)?;
    let state = crate::ssr::state::app_state()?;
    let text = effective_from.trim();
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map_err(|_| AppError::refused("effective_from", crate::i18n::Msg::DiaryBadDate))?;
    crate::ssr::services::rule_editor::check_effective_date(&state.db, date).await?;
    crate::ssr::services::rule_versions::activate(
        &state.db,
        &me.actor(),
        id,
        lock_version,
        set_lock_version,
        date,
    )
    .await
    .map(|_| ())
}

/// Stops applying an active version.
#[server(prefix = "/api", endpoint = "retire_rule_version", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn retire_rule_version(id: i32, lock_version: i32) -> Result<(), AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::SteerFormulas)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::rule_versions::retire(&state.db, &me.actor(), id, lock_version)
        .await
        .map(|_| ())
}

/// Re-scores an open or scored period with the formulas now in force (explicit, recorded),
/// as a background job; the job's id (see [`crate::api::jobs::get_job`]).
#[server(prefix = "/api", endpoint = "rescore_period", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn rescore_period(period: String) -> Result<i32, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::SteerFormulas)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::rule_editor::rescore(&state.db, &me.actor(), &period).await
}

/// The positions and agencies an administrator can make a formula for.
#[server(prefix = "/api", endpoint = "formula_choices", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn formula_choices() -> Result<crate::models::FormulaChoices, AppError> {
    crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    crate::ssr::services::formulas::choices(&state.db).await
}

/// Opens a draft of the formula of a position (`target` = "vi-tri") or an agency
/// ("co-quan"), copied from a template; returns the draft's id.
#[server(prefix = "/api", endpoint = "create_formula", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_formula(target: String, id: i32, template: String) -> Result<i32, AppError> {
    use crate::i18n::Msg;
    use crate::models::{FormulaTarget, FormulaTemplate};
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    let target = match target.as_str() {
        "vi-tri" => FormulaTarget::Position(id),
        "co-quan" => FormulaTarget::Agency(id),
        _ => return Err(AppError::refused("target", Msg::FormulaUnknownTarget)),
    };
    let template = FormulaTemplate::parse(&template)
        .ok_or_else(|| AppError::refused("template", Msg::FormulaUnknownTemplate))?;
    crate::ssr::services::formulas::create(
        &state.db,
        &me.actor(),
        target,
        template,
        rule_editor::today(),
    )
    .await
    .map(|v| v.id)
}

/// Test cases proposed at each grade threshold of draft `id` (±0,01); nothing stored.
#[server(prefix = "/api", endpoint = "propose_boundary_cases", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn propose_boundary_cases(id: i32) -> Result<crate::models::BoundaryProposal, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    rule_editor::propose_boundaries(&state.db, &state.rules, &me.actor(), id).await
}

/// Adds the chosen proposed boundary cases to draft `id`, saves it and runs its tests.
#[server(prefix = "/api", endpoint = "accept_boundary_cases", output = crate::api::codec::Json)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn accept_boundary_cases(
    id: i32,
    lock_version: i32,
    #[server(default)] names: Vec<String>,
) -> Result<CaseRunView, AppError> {
    let me = crate::ssr::auth::require(crate::authz::Action::EditConfiguration)?;
    let state = crate::ssr::state::app_state()?;
    rule_editor::accept_boundaries(
        &state.db,
        &state.rules,
        &me.actor(),
        id,
        lock_version,
        &names,
    )
    .await
}
