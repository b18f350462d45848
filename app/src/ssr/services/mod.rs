//! Services: each use case as one function over a connection or a transaction.

pub mod accounts;
pub mod activation;
pub mod api_clients;
pub mod appeals;
pub mod audit;
pub mod diary;
pub mod formulas;
pub mod home;
pub mod job_descriptions;
pub mod jobs;
pub mod onboarding;
pub mod org;
pub mod periods;
pub mod positions;
pub mod review;
pub mod rule_checks;
pub mod rule_editor;
pub mod rule_versions;
pub mod scores;
pub mod scoring;
pub mod seed;
pub mod simulations;
pub mod unit_board;
pub mod units;
pub mod versioned;
pub mod work_log;
