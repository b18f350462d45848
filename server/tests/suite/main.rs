//! The server's black-box tests, one module per area, in one test binary. Each test binary
//! links the whole app (a debug binary of 160–400 MB, ten seconds or more to link on two
//! cores): one per file, 26 of them, made a large part of `cargo test`'s build. Run one area
//! with `cargo test -p server --test suite diary::` (one test: `--test suite diary::its_name`).
//! Three stay binaries of their own: `engine_pool` measures latencies (no other test may load
//! the machine meanwhile), `jobs` and `backup` set the job part size for their whole process.

#[path = "../common/mod.rs"]
mod common;

mod admin_home;
mod api_v1;
mod assets;
mod audit;
mod auth;
mod bundle;
mod cli;
mod closing;
mod dashboard;
mod data_layer;
mod delegation;
mod diary;
mod formula_levels;
mod foundation;
mod metrics;
mod notifications;
mod onboarding;
mod permissions;
mod positions;
mod practice;
mod privacy;
mod rule_editor;
mod security;
mod transitions;
mod unit_board;
mod units;
