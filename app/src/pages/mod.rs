//! Route components, one module per area.

pub mod account;
pub mod admin;
pub mod audit;
pub mod closing;
pub mod committee;
pub mod diary;
pub mod glossary;
pub mod help;
pub mod home;
pub mod not_found;
pub mod notifications;
pub mod practice;
pub mod privacy;
pub mod reports;
pub mod review;
pub mod score;
pub mod unit;
