//! The integration API's clients (an agency's e-office system) and their tokens.
//!
//! A token is `rbk_` and 43 characters of base62 from the OS's random source (about 256
//! bits); only its SHA-256 is stored, beside its first characters to recognise it in lists.
//! A token reaches the units of its client's agency (the agency and every unit below it) and
//! does what its scopes allow, until it expires or is revoked. Creating a client, issuing a
//! token and revoking one are audited.

use std::collections::HashSet;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    SqlErr, TransactionSession, TransactionTrait,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::i18n::Msg;
use crate::models::{ApiClientView, ApiScope, ApiTokenView, EntryStatus, IssuedToken};
use crate::ssr::entities::{api_client, api_token, unit};
use crate::ssr::services::audit::{self, Actor, Change};
use crate::ssr::services::org::UnitTree;

/// What every token starts with (secret scanners can look for it).
pub const TOKEN_PREFIX: &str = "rbk_";
/// A token's length after the prefix.
const TOKEN_CHARS: usize = 43;
const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Tokens last 90 days unless asked otherwise, a year at most.
pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 365;

/// A new token's text.
fn new_token() -> String {
    let mut out = String::with_capacity(TOKEN_PREFIX.len() + TOKEN_CHARS);
    out.push_str(TOKEN_PREFIX);
    while out.len() < TOKEN_PREFIX.len() + TOKEN_CHARS {
        // 248 = 4 × 62: rejecting the bytes above it keeps every character equally likely.
        let mut b = [0u8; 1];
        OsRng.fill_bytes(&mut b);
        if b[0] < 248 {
            out.push(BASE62[(b[0] % 62) as usize] as char);
        }
    }
    out
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

/// The agency a client may be registered for: an agency-level unit, or the province.
async fn agency_by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<unit::Model, AppError> {
    let refused = || AppError::refused("agency", Msg::ApiClientUnknownAgency);
    let u = unit::Entity::find()
        .filter(unit::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or_else(refused)?;
    if u.kind == "department" {
        return Err(refused());
    }
    Ok(u)
}

fn check_name(name: &str, msg: Msg) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 128 || name.chars().any(char::is_control) {
        return Err(AppError::refused("name", msg));
    }
    Ok(name.to_string())
}

/// Registers a client for the agency with code `agency`; its entries land as drafts, or
/// submitted when `entries_submitted`.
pub async fn create_client<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    name: &str,
    agency: &str,
    entries_submitted: bool,
) -> Result<api_client::Model, AppError> {
    let name = check_name(name, Msg::ApiClientNameRequired)?;
    let txn = db.begin().await?;
    let agency = agency_by_code(&txn, agency).await?;
    let taken = || AppError::refused("name", Msg::ApiClientNameTaken);
    if api_client::Entity::find()
        .filter(api_client::Column::Name.eq(name.as_str()))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(taken());
    }
    let saved = api_client::ActiveModel {
        name: Set(name),
        agency_id: Set(agency.id),
        entry_status: Set(if entries_submitted {
            EntryStatus::Submitted
        } else {
            EntryStatus::Draft
        }),
        created_by: Set(actor.id),
        created_at: Set(Utc::now()),
        disabled_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => taken(),
        _ => e.into(),
    })?;
    audit::record(
        &txn,
        actor,
        Change::new("api_client.create", "api_client", saved.id).after(&json!({
            "name": saved.name, "agency": agency.code, "entry_status": saved.entry_status,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// The client with this name.
pub async fn client_by_name<C: ConnectionTrait>(
    db: &C,
    name: &str,
) -> Result<api_client::Model, AppError> {
    api_client::Entity::find()
        .filter(api_client::Column::Name.eq(name.trim()))
        .one(db)
        .await?
        .ok_or_else(|| AppError::refused("client", Msg::ApiClientUnknown))
}

fn view(t: &api_token::Model) -> ApiTokenView {
    ApiTokenView {
        id: t.id,
        name: t.name.clone(),
        prefix: t.prefix.clone(),
        scopes: ApiScope::parse_list(&t.scopes).unwrap_or_default(),
        created_at: t.created_at,
        expires_at: t.expires_at,
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
        expired: t.expires_at <= Utc::now(),
    }
}

/// Issues a token of client `client_id` with `scopes`, valid `days` days; the token's text
/// is in the answer and nowhere else.
pub async fn issue_token<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    client_id: i32,
    name: &str,
    scopes: &str,
    days: i64,
) -> Result<IssuedToken, AppError> {
    let name = check_name(name, Msg::ApiTokenNameRequired)?;
    let scopes = ApiScope::parse_list(scopes)
        .map_err(|_| AppError::refused("scopes", Msg::ApiTokenUnknownScope))?;
    if scopes.is_empty() {
        return Err(AppError::refused("scopes", Msg::ApiTokenScopesRequired));
    }
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::refused("days", Msg::ApiTokenDays));
    }
    let txn = db.begin().await?;
    let client = api_client::Entity::find_by_id(client_id)
        .one(&txn)
        .await?
        .filter(|c| c.disabled_at.is_none())
        .ok_or_else(|| AppError::refused("client", Msg::ApiClientUnknown))?;
    let token = new_token();
    let now = Utc::now();
    let saved = api_token::ActiveModel {
        client_id: Set(client.id),
        name: Set(name),
        prefix: Set(token.chars().take(TOKEN_PREFIX.len() + 6).collect()),
        token_hash: Set(token_hash(&token)),
        scopes: Set(ApiScope::join(&scopes)),
        created_by: Set(actor.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(days)),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        Change::new("api_token.issue", "api_token", saved.id).after(&json!({
            "client": client.name, "name": saved.name, "prefix": saved.prefix,
            "scopes": saved.scopes, "expires_at": saved.expires_at,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(IssuedToken {
        token,
        view: view(&saved),
    })
}

/// Revokes token `id` (a revoked token stays revoked).
pub async fn revoke_token<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let t = api_token::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if t.revoked_at.is_some() {
        return Ok(());
    }
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        actor,
        Change::new("api_token.revoke", "api_token", id)
            .before(&json!({ "prefix": t.prefix, "scopes": t.scopes })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The id of the token with this text, or the only one starting with these characters.
pub async fn find_token<C: ConnectionTrait>(db: &C, token: &str) -> Result<i32, AppError> {
    let token = token.trim();
    if let Some(t) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    {
        return Ok(t.id);
    }
    let matching: Vec<api_token::Model> = api_token::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|t| token.len() >= t.prefix.len() && token.starts_with(&t.prefix))
        .collect();
    match matching.as_slice() {
        [one] => Ok(one.id),
        _ => Err(AppError::NotFound),
    }
}

/// Every client with its tokens, newest first.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<ApiClientView>, AppError> {
    let clients = api_client::Entity::find()
        .order_by_asc(api_client::Column::Name)
        .all(db)
        .await?;
    let tokens = api_token::Entity::find()
        .order_by_desc(api_token::Column::CreatedAt)
        .all(db)
        .await?;
    let units = UnitTree::load(db).await?;
    Ok(clients
        .into_iter()
        .map(|c| {
            let agency = units.get(c.agency_id);
            ApiClientView {
                id: c.id,
                name: c.name.clone(),
                agency_code: agency.map(|a| a.code.clone()).unwrap_or_default(),
                agency_name: agency.map(|a| a.name.clone()).unwrap_or_default(),
                entries_submitted: c.entry_status == EntryStatus::Submitted,
                tokens: tokens
                    .iter()
                    .filter(|t| t.client_id == c.id)
                    .map(view)
                    .collect(),
            }
        })
        .collect())
}

/// Why a bearer token is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenRefusal {
    /// No such token.
    Unknown,
    Expired,
    /// Revoked, or its client disabled.
    Revoked,
}

/// The caller of an API request: its token, client and the units it reaches.
#[derive(Clone, Debug)]
pub struct ApiCaller {
    pub token_id: i32,
    pub client_id: i32,
    pub client_name: String,
    pub agency_id: i32,
    pub entry_status: EntryStatus,
    pub scopes: Vec<ApiScope>,
    /// The agency and every unit below it.
    pub units: HashSet<i32>,
}

impl ApiCaller {
    pub fn has(&self, scope: ApiScope) -> bool {
        self.scopes.contains(&scope)
    }

    /// The actor of the caller's audited writes.
    pub fn actor(&self) -> Actor {
        Actor::system(format!("api:{}", self.client_name))
    }
}

/// How stale `last_used_at` may get before a use writes it again (one write a minute, not
/// one per request).
const LAST_USED_GRANULARITY: i64 = 60;

/// The caller a bearer token stands for.
pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Result<ApiCaller, TokenRefusal>, AppError> {
    let token = token.trim();
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 128 {
        return Ok(Err(TokenRefusal::Unknown));
    }
    let Some(t) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(TokenRefusal::Unknown));
    };
    let Some(client) = api_client::Entity::find_by_id(t.client_id).one(db).await? else {
        return Ok(Err(TokenRefusal::Unknown));
    };
    let now = Utc::now();
    if t.revoked_at.is_some() || client.disabled_at.is_some() {
        return Ok(Err(TokenRefusal::Revoked));
    }
    if t.expires_at <= now {
        return Ok(Err(TokenRefusal::Expired));
    }
    if t.last_used_at
        .is_none_or(|at| now - at > Duration::seconds(LAST_USED_GRANULARITY))
    {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(t.id))
            .exec(db)
            .await?;
    }
    let tree = UnitTree::load(db).await?;
    let units = tree
        .all()
        .filter(|u| tree.is_within(u.id, client.agency_id))
        .map(|u| u.id)
        .collect();
    Ok(Ok(ApiCaller {
        token_id: t.id,
        client_id: client.id,
        client_name: client.name,
        agency_id: client.agency_id,
        entry_status: client.entry_status,
        scopes: ApiScope::parse_list(&t.scopes).unwrap_or_default(),
        units,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(a.len(), TOKEN_PREFIX.len() + TOKEN_CHARS);
        assert!(a[TOKEN_PREFIX.len()..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(token_hash(&a), token_hash(&format!(" {a}\n")));
    }
}
