//! The `rubric` binary's library: typed configuration, start-up (router assembly, database,
//! graceful shutdown) and the command-line subcommands. Thin by design: features live in
//! `app` (UI, server functions, services) and `rubric_rules` (the scoring engine).

pub mod assets;
pub mod backup;
pub mod bundle;
pub mod cli;
pub mod config;
pub mod metrics;
pub mod notifier;
pub mod startup;
pub mod telemetry;
