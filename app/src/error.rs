//! One serializable error for every server function.
//!
//! Server functions return `Result<T, AppError>`. The variants carry what the user may see;
//! internal details (SQL, file paths) are logged on the server and replaced by
//! [`AppError::Internal`] before they cross the wire.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, Msg, Notice};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input failed validation; `field` names the form field.
    #[error("invalid input in {field}: {message}")]
    Invalid { field: String, message: String },
    /// Refused input whose message is one of the translated [`Msg`]s.
    #[error("refused {field}: {msg:?}")]
    Refused {
        field: String,
        #[serde(with = "crate::i18n::msg_wire")]
        msg: Msg,
    },
    /// Refused input whose message carries data (a code, a state), translated on display.
    #[error("refused {field}: {notice:?}")]
    Notice {
        field: String,
        #[serde(with = "crate::i18n::notice_wire")]
        notice: Notice,
    },
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// The password was reset by an administrator: change it before anything else.
    #[error("password change required")]
    PasswordChangeRequired,
    /// Someone else changed the record since it was read.
    #[error("conflict: the record was changed by someone else")]
    Conflict,
    /// Something failed on the server; details are in the server log only.
    #[error("internal error")]
    Internal,
    /// Transport-level failure reported by the server-function machinery.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// Invalid input in `field`, with the message the user sees.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The message shown to the user, in their language.
    pub fn user_message(&self, locale: Locale) -> String {
        match self {
            AppError::Invalid { message, .. } => message.clone(),
            AppError::Refused { msg, .. } => locale.t(*msg).to_string(),
            AppError::Notice { notice, .. } => notice_text(notice, locale),
            AppError::PasswordChangeRequired => {
                locale.t(Msg::ErrPasswordChangeRequired).to_string()
            }
            AppError::NotFound => locale.t(Msg::ErrNotFound).to_string(),
            AppError::Unauthenticated => locale.t(Msg::ErrUnauthenticated).to_string(),
            AppError::Forbidden => locale.t(Msg::ErrForbidden).to_string(),
            AppError::Conflict => locale.t(Msg::ErrConflict).to_string(),
            AppError::Internal | AppError::Transport(_) => locale.t(Msg::ErrInternal).to_string(),
        }
    }

    /// Refused input in `field`, with a translated message.
    pub fn refused(field: impl Into<String>, msg: Msg) -> Self {
        AppError::Refused {
            field: field.into(),
            msg,
        }
    }

    /// Refused input in `field`, with a message that carries data.
    pub fn notice(field: impl Into<String>, notice: Notice) -> Self {
        AppError::Notice {
            field: field.into(),
            notice,
        }
    }

    /// The HTTP status the error stands for: a refusal of the input is 422 (a throttled
    /// sign-in or a busy engine 429), an unknown record 404, a malformed request 400; only a fault is 500.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Refused { msg, .. }
                if *msg == Msg::SignInThrottled || *msg == Msg::ErrEngineBusy =>
            {
                429
            }
            AppError::Invalid { .. } | AppError::Refused { .. } | AppError::Notice { .. } => 422,
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::PasswordChangeRequired => 403,
            AppError::Conflict => 409,
            AppError::Transport(_) => 400,
            AppError::Internal => 500,
        }
    }

    /// The form field the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. }
            | AppError::Refused { field, .. }
            | AppError::Notice { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Logs an internal error on the server and returns the opaque variant for the wire.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(%context, error = %err, "internal error");
        AppError::Internal
    }
}

/// A notice's text. The server renders it; the browser only ever reads rendered ones off the
/// wire (`i18n::notice_wire`), so its code keeps no [`Notice::render`].
#[cfg(any(feature = "ssr", not(feature = "hydrate")))]
fn notice_text(notice: &Notice, locale: Locale) -> String {
    notice.render(locale)
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn notice_text(notice: &Notice, locale: Locale) -> String {
    // The browser makes no notice of its own: one that was not rendered cannot come here.
    notice
        .rendered(locale)
        .unwrap_or_else(|| locale.t(Msg::ErrInternal))
        .to_owned()
}

impl FromServerFnError for AppError {
    // Read from text, as the server functions' results are (`api::codec`).
    type Encoder = crate::api::codec::JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        // A write that lost a race with a concurrent transaction (SQLite's busy snapshot,
        // PostgreSQL's serialization failure) is a conflict the user can retry, not a fault.
        let text = err.to_string();
        if text.contains("database is locked")
            || text.contains("SQLITE_BUSY")
            || text.contains("could not serialize access")
        {
            tracing::info!(error = %text, "write conflict");
            return AppError::Conflict;
        }
        // Two requests inserting the same unique key at once: the loser retries and finds
        // the winner's row.
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() {
            tracing::info!(error = %detail, "unique key taken by a concurrent write");
            return AppError::Conflict;
        }
        AppError::internal("database", err)
    }
}
