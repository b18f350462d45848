//! Services: each use case as one function over a connection or a transaction.

pub mod home;
pub mod seed;
