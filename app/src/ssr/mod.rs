//! Everything server-only: application state, database access, entities and services.
//! Compiled with the `ssr` feature only.

pub mod api_v1;
pub mod auth;
pub mod built_once;
pub mod db;
pub mod entities;
pub mod export;
pub mod headers;
pub mod org_files;
pub mod rows;
pub mod rule_pool;
pub mod services;
pub mod split;
pub mod state;
