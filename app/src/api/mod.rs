//! Server functions, one file per feature area: authorize → call a service → return a DTO.

pub mod home;
