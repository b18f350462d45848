//! The integration API's clients, tokens and scopes, as the admin page and the CLI see them.

use serde::{Deserialize, Serialize};

/// What a token may do. Each endpoint of `/api/v1` needs one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApiScope {
    /// Send work-log entries (`POST /api/v1/entries:batch`).
    EntriesWrite,
    /// Read the task catalog of a position.
    CatalogRead,
    /// Read the units, positions and officers of the client's agency.
    OrgRead,
    /// Read the scores of the client's agency.
    ScoresRead,
}

impl ApiScope {
    pub const ALL: [ApiScope; 4] = [
        ApiScope::EntriesWrite,
        ApiScope::CatalogRead,
        ApiScope::OrgRead,
        ApiScope::ScoresRead,
    ];

    /// The scope's name in tokens, the CLI and the OpenAPI document.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiScope::EntriesWrite => "entries:write",
            ApiScope::CatalogRead => "catalog:read",
            ApiScope::OrgRead => "org:read",
            ApiScope::ScoresRead => "scores:read",
        }
    }

    pub fn parse(text: &str) -> Option<ApiScope> {
        ApiScope::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim())
    }

    /// Scopes written as `entries:write,scores:read` (commas, semicolons or spaces);
    /// the unknown names come back as the error.
    pub fn parse_list(text: &str) -> Result<Vec<ApiScope>, Vec<String>> {
        let mut scopes = Vec::new();
        let mut unknown = Vec::new();
        for part in text.split([',', ';', ' ']).filter(|p| !p.trim().is_empty()) {
            match ApiScope::parse(part) {
                Some(s) if !scopes.contains(&s) => scopes.push(s),
                Some(_) => {}
                None => unknown.push(part.trim().to_string()),
            }
        }
        if unknown.is_empty() {
            scopes.sort();
            Ok(scopes)
        } else {
            Err(unknown)
        }
    }

    /// The stored form of a list: names joined by commas.
    pub fn join(scopes: &[ApiScope]) -> String {
        scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A token as lists show it (never the token itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiTokenView {
    pub id: i32,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<ApiScope>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Past its expiry when it was read (decided on the server, whose clock counts).
    pub expired: bool,
}

/// An API client with its tokens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiClientView {
    pub id: i32,
    pub name: String,
    pub agency_code: String,
    pub agency_name: String,
    /// Whether the client's entries land submitted (else as drafts).
    pub entries_submitted: bool,
    pub tokens: Vec<ApiTokenView>,
}

/// A token just issued: the only time its text is seen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssuedToken {
    pub token: String,
    pub view: ApiTokenView,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_lists_parse_and_join() {
        assert_eq!(
            ApiScope::parse_list("scores:read, entries:write;entries:write"),
            Ok(vec![ApiScope::EntriesWrite, ApiScope::ScoresRead])
        );
        assert_eq!(
            ApiScope::parse_list("entries:write,admin"),
            Err(vec!["admin".to_string()])
        );
        assert_eq!(
            ApiScope::join(&[ApiScope::EntriesWrite, ApiScope::ScoresRead]),
            "entries:write,scores:read"
        );
    }
}
