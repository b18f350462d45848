//! Rubric's database schema, one migration per change, written with sea-query so that the
//! same migration runs on SQLite (the embedded default) and PostgreSQL (production).
//!
//! The server runs [`Migrator::up`] at start-up; `rubric migrate` and the small
//! `rubric-migrate` binary run it on demand.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_organisation;
mod m20261127_000002_scoring_schema;
mod m20261127_000003_accounts;
mod m20261127_000004_appeals;
mod m20261127_000005_rule_evidence;
mod m20261201_000006_rule_checks;
mod m20261201_000007_password_resets;
mod m20261202_000008_jobs;
mod m20261203_000009_onboarding;
mod m20261203_000010_agency_formulas;
mod m20261203_000011_api_clients;
mod m20261203_000012_closing_chain;
mod m20261203_000013_delegations;
mod m20261203_000014_notifications;
mod m20261204_000015_period_stats;
mod m20261204_000016_user_guides;
mod m20261204_000017_practice_entries;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_organisation::Migration),
            Box::new(m20261127_000002_scoring_schema::Migration),
            Box::new(m20261127_000003_accounts::Migration),
            Box::new(m20261127_000004_appeals::Migration),
            Box::new(m20261127_000005_rule_evidence::Migration),
            Box::new(m20261201_000006_rule_checks::Migration),
            Box::new(m20261201_000007_password_resets::Migration),
            Box::new(m20261202_000008_jobs::Migration),
            Box::new(m20261203_000009_onboarding::Migration),
            Box::new(m20261203_000010_agency_formulas::Migration),
            Box::new(m20261203_000011_api_clients::Migration),
            Box::new(m20261203_000012_closing_chain::Migration),
            Box::new(m20261203_000013_delegations::Migration),
            Box::new(m20261203_000014_notifications::Migration),
            Box::new(m20261204_000015_period_stats::Migration),
            Box::new(m20261204_000016_user_guides::Migration),
            Box::new(m20261204_000017_practice_entries::Migration),
        ]
    }
}
