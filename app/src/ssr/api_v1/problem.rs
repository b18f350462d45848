//! Errors of `/api/v1` as `application/problem+json` (RFC 9457): a stable `type` per kind
//! of error (a link into the reference page), a title in the caller's language, the HTTP
//! status, and for a batch the problem of each refused entry.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::{Locale, Msg};

/// Every kind of problem the API answers with, by its stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Unauthenticated,
    TokenExpired,
    TokenRevoked,
    MissingScope,
    OutsideAgency,
    NotFound,
    InvalidBody,
    InvalidParameter,
    BodyTooLarge,
    BatchSize,
    RateLimited,
    Busy,
    Internal,
    // Per entry of a batch.
    InvalidEntry,
    ExternalId,
    DuplicateInBatch,
    UnknownOfficer,
    UnknownTask,
    FutureDate,
    PeriodClosed,
    Conflict,
}

impl Kind {
    pub const ALL: [Kind; 21] = [
        Kind::Unauthenticated,
        Kind::TokenExpired,
        Kind::TokenRevoked,
        Kind::MissingScope,
        Kind::OutsideAgency,
        Kind::NotFound,
        Kind::InvalidBody,
        Kind::InvalidParameter,
        Kind::BodyTooLarge,
        Kind::BatchSize,
        Kind::RateLimited,
        Kind::Busy,
        Kind::Internal,
        Kind::InvalidEntry,
        Kind::ExternalId,
        Kind::DuplicateInBatch,
        Kind::UnknownOfficer,
        Kind::UnknownTask,
        Kind::FutureDate,
        Kind::PeriodClosed,
        Kind::Conflict,
    ];

    /// The stable code (the end of `type`).
    pub const fn code(self) -> &'static str {
        match self {
            Kind::Unauthenticated => "unauthenticated",
            Kind::TokenExpired => "token-expired",
            Kind::TokenRevoked => "token-revoked",
            Kind::MissingScope => "missing-scope",
            Kind::OutsideAgency => "outside-agency",
            Kind::NotFound => "not-found",
            Kind::InvalidBody => "invalid-body",
            Kind::InvalidParameter => "invalid-parameter",
            Kind::BodyTooLarge => "body-too-large",
            Kind::BatchSize => "batch-size",
            Kind::RateLimited => "rate-limited",
            Kind::Busy => "busy",
            Kind::Internal => "internal",
            Kind::InvalidEntry => "invalid-entry",
            Kind::ExternalId => "external-id",
            Kind::DuplicateInBatch => "duplicate-in-batch",
            Kind::UnknownOfficer => "unknown-officer",
            Kind::UnknownTask => "unknown-task",
            Kind::FutureDate => "future-date",
            Kind::PeriodClosed => "period-closed",
            Kind::Conflict => "conflict",
        }
    }

    pub const fn status(self) -> StatusCode {
        match self {
            Kind::Unauthenticated | Kind::TokenExpired | Kind::TokenRevoked => {
                StatusCode::UNAUTHORIZED
            }
            Kind::MissingScope | Kind::OutsideAgency => StatusCode::FORBIDDEN,
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::InvalidBody | Kind::InvalidParameter => StatusCode::BAD_REQUEST,
            Kind::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::BatchSize => StatusCode::UNPROCESSABLE_ENTITY,
            Kind::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Kind::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Kind::Conflict => StatusCode::CONFLICT,
            Kind::InvalidEntry
            | Kind::ExternalId
            | Kind::DuplicateInBatch
            | Kind::UnknownOfficer
            | Kind::UnknownTask
            | Kind::FutureDate
            | Kind::PeriodClosed => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    pub const fn msg(self) -> Msg {
        match self {
            Kind::Unauthenticated => Msg::ApiProblemUnauthenticated,
            Kind::TokenExpired => Msg::ApiProblemTokenExpired,
            Kind::TokenRevoked => Msg::ApiProblemTokenRevoked,
            Kind::MissingScope => Msg::ApiProblemScope,
            Kind::OutsideAgency => Msg::ApiProblemOutsideAgency,
            Kind::NotFound => Msg::ApiProblemNotFound,
            Kind::InvalidBody => Msg::ApiProblemInvalidBody,
            Kind::InvalidParameter => Msg::ApiProblemInvalidParameter,
            Kind::BodyTooLarge => Msg::ErrBodyTooLarge,
            Kind::BatchSize => Msg::ApiProblemBatchSize,
            Kind::RateLimited => Msg::ApiProblemRateLimited,
            Kind::Busy => Msg::ApiProblemBusy,
            Kind::Internal => Msg::ApiProblemInternal,
            Kind::InvalidEntry => Msg::ApiItemInvalid,
            Kind::ExternalId => Msg::ApiItemExternalId,
            Kind::DuplicateInBatch => Msg::ApiItemDuplicate,
            Kind::UnknownOfficer => Msg::ApiItemUnknownOfficer,
            Kind::UnknownTask => Msg::ApiItemUnknownTask,
            Kind::FutureDate => Msg::ApiItemFutureDate,
            Kind::PeriodClosed => Msg::ApiItemPeriodClosed,
            Kind::Conflict => Msg::ApiItemConflict,
        }
    }

    /// The `type` URI: the problem's entry on the reference page.
    pub fn type_uri(self) -> String {
        format!("{}#problem-{}", super::DOCS_PATH, self.code())
    }
}

/// A problem (RFC 9457).
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Problem {
    /// Stable per kind of error: `/api/v1/docs#problem-<code>`.
    #[serde(rename = "type")]
    pub type_: String,
    /// The kind's stable code (the end of `type`).
    pub code: String,
    /// What went wrong, in the caller's language (Vietnamese unless `Accept-Language: en`).
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// Details of this occurrence (the parameter, the scope, the field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The field of the request the problem is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a batch refused whole: each entry that is not of the documented shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ItemError>>,
}

/// An entry of a batch that is not of the documented shape.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ItemError {
    /// The entry's position in the batch, from 0.
    pub index: usize,
    /// What is wrong with it (the field, the type expected).
    pub detail: String,
}

impl Problem {
    pub fn new(kind: Kind, locale: Locale) -> Problem {
        Problem {
            type_: kind.type_uri(),
            code: kind.code().to_string(),
            title: locale.t(kind.msg()).to_string(),
            status: kind.status().as_u16(),
            detail: None,
            field: None,
            errors: None,
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }
}

/// A problem on its way out, with the headers it needs (`Retry-After`).
#[derive(Debug)]
pub struct ApiError {
    pub problem: Box<Problem>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(kind: Kind, locale: Locale) -> ApiError {
        ApiError {
            problem: Box::new(Problem::new(kind, locale)),
            retry_after: None,
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> ApiError {
        self.problem.detail = Some(detail.into());
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> ApiError {
        self.problem.field = Some(field.into());
        self
    }

    /// A failure of the services: a fault is logged and answered as `internal`, a lost
    /// write race as `busy` (send again).
    pub fn from_app(e: crate::error::AppError, locale: Locale) -> ApiError {
        use crate::error::AppError as E;
        match e {
            E::NotFound => ApiError::new(Kind::NotFound, locale),
            E::Conflict => {
                let mut busy = ApiError::new(Kind::Busy, locale);
                busy.retry_after = Some(1);
                busy
            }
            E::Forbidden => ApiError::new(Kind::OutsideAgency, locale),
            other if other.status_code() == 422 => ApiError::new(Kind::InvalidParameter, locale)
                .detail(other.user_message(locale))
                .field(other.field().unwrap_or_default().to_string()),
            other => {
                tracing::error!(error = %other, "api: internal error");
                ApiError::new(Kind::Internal, locale)
            }
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        // PostgreSQL ends one of two transactions that wait on each other: send again.
        if e.to_string().contains("deadlock detected") {
            tracing::info!(error = %e, "api: deadlock, the batch is refused as busy");
            let mut busy = ApiError::new(Kind::Busy, Locale::Vi);
            busy.retry_after = Some(1);
            return busy;
        }
        ApiError::from_app(e.into(), Locale::Vi)
    }
}

pub const PROBLEM_JSON: &str = "application/problem+json";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(s) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        let body = serde_json::to_vec(&self.problem).unwrap_or_default();
        (status, headers, body).into_response()
    }
}

/// The caller's language: English when `Accept-Language` prefers it, else Vietnamese.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    let Some(accept) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Locale::Vi;
    };
    let first = accept
        .split(',')
        .map(|part| {
            let mut it = part.split(';');
            let lang = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (lang, q)
        })
        .filter(|(l, _)| l.starts_with("vi") || l.starts_with("en"))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match first {
        Some((l, _)) if l.starts_with("en") => Locale::En,
        _ => Locale::Vi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_statuses_are_errors() {
        let codes: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), Kind::ALL.len());
        for k in Kind::ALL {
            assert!(k.status().as_u16() >= 400, "{k:?}");
        }
    }

    #[test]
    fn the_language_follows_accept_language() {
        let mut h = HeaderMap::new();
        assert_eq!(locale_of(&h), Locale::Vi);
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en-US,en;q=0.9"),
        );
        assert_eq!(locale_of(&h), Locale::En);
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en;q=0.5, vi"),
        );
        assert_eq!(locale_of(&h), Locale::Vi);
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("fr"));
        assert_eq!(locale_of(&h), Locale::Vi);
    }
}
