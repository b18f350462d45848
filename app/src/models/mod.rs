//! Wire types shared by the browser and the server. No ORM types here.

use serde::{Deserialize, Serialize};

/// Counts shown on the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeCounts {
    pub units: u64,
    pub users: u64,
}
