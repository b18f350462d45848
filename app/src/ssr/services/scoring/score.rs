//! Step two of a run: the officers of a cohort scored by the formula of their position.
//! Pure: no database, no clock. The engine runs on the bounded engine pool, off the async
//! runtime; the officers travel to the pool's thread and come back with their results.

use std::sync::Arc;

use rubric_rules::{CompiledRuleSet, Officer, OfficerResult, ParamValues, Period, ScoringInput};

use crate::error::AppError;
use crate::i18n::Notice;
use crate::ssr::entities::rule_set_version;
use crate::ssr::rule_pool::RulePool;

/// Officers of one cohort that one formula version scores.
pub struct Group {
    pub version: Arc<rule_set_version::Model>,
    pub rules: CompiledRuleSet,
    /// Indexes into the cohort's officers, in order.
    pub members: Vec<usize>,
    pub officers: Vec<Officer>,
}

/// One officer's input and result.
pub struct Scored {
    /// The index into the cohort's officers.
    pub member: usize,
    pub input: Officer,
    pub result: OfficerResult,
}

/// A formula that failed while scoring, said to the user with its version number.
pub fn formula_failed(version: &rule_set_version::Model, e: impl std::fmt::Display) -> AppError {
    AppError::notice(
        "rules",
        Notice::FormulaFailed {
            version_no: version.version_no,
            error: e.to_string(),
        },
    )
}

/// Scores a group on the pool: its officers come back with their results, in order.
pub async fn group(
    pool: &RulePool,
    who: Option<i32>,
    period: &Period,
    g: Group,
) -> Result<(Arc<rule_set_version::Model>, Vec<Scored>), AppError> {
    let Group {
        version,
        rules,
        members,
        officers,
    } = g;
    let input = ScoringInput {
        period: period.clone(),
        officers,
    };
    let (input, results) = pool
        .run(who, move |engine| {
            let results = engine.score(&rules, &input, &ParamValues::default());
            (input, results)
        })
        .await?;
    let results = results.map_err(|e| formula_failed(&version, e))?;
    if results.len() != input.officers.len() {
        return Err(AppError::internal(
            "score a group",
            format!(
                "{} officers, {} results",
                input.officers.len(),
                results.len()
            ),
        ));
    }
    let scored = members
        .into_iter()
        .zip(input.officers)
        .zip(results)
        .map(|((member, input), result)| Scored {
            member,
            input,
            result,
        })
        .collect();
    Ok((version, scored))
}
