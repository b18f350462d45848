//! What every response says about itself: the security headers, the page's
//! Content-Security-Policy (with the nonce of its inline scripts), and the HTTP status of a
//! server function's error.
//!
//! Leptos answers every failed server function with 500; [`error_status`] reads the
//! [`AppError`] in the body and gives the status it stands for (a refusal is 422, an unknown
//! id 404, a malformed argument 400), so that only a real fault is a 500.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::ssr::state::AppState;

/// The policy of everything that is not a page: nothing may load, nothing may frame it.
const NON_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of a page whose inline scripts (the hydration bootstrap and the resources it
/// carries) bear `nonce`. WebAssembly needs `'wasm-unsafe-eval'`; styles stay `'unsafe-inline'`
/// for the `style` attributes the views set (styles run no code).
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Called while a page renders: gives the response the page's policy with its nonce.
pub fn set_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(v) = HeaderValue::from_str(&page_policy(&nonce.to_string())) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
}

/// Adds the security headers every response carries (a page's own policy is kept).
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NON_PAGE_POLICY),
        );
    }
    // A page is always checked with the server before it is reused (it names the build's
    // assets, which browsers keep for a year, and may carry personal data).
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    if state.auth.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// A response carrying `err` as the JSON body server functions answer with.
pub fn json_error(status: StatusCode, err: &AppError) -> Response {
    let body = serde_json::to_string(err).unwrap_or_else(|_| "\"Internal\"".into());
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The largest request body accepted: a pasted catalog or a long script is far smaller.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Refuses a request body over [`BODY_LIMIT`] with 413, whether or not it says its length.
pub async fn body_limit(req: Request, next: Next) -> Response {
    // The workbook upload has its own, larger limit (enforced by its route, which reads
    // nothing before it knows the caller is an administrator).
    if req.method() == Method::POST && req.uri().path() == crate::ssr::org_files::UPLOAD_PATH {
        return next.run(req).await;
    }
    let api = req.uri().path().starts_with("/api/v1/");
    let locale = crate::ssr::api_v1::problem::locale_of(req.headers());
    let too_large = || {
        if api {
            return crate::ssr::api_v1::problem::ApiError::new(
                crate::ssr::api_v1::problem::Kind::BodyTooLarge,
                locale,
            )
            .into_response();
        }
        json_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            &AppError::refused("body", crate::i18n::Msg::ErrBodyTooLarge),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > BODY_LIMIT as u64 => too_large(),
        Some(_) => next.run(req).await,
        None if matches!(*req.method(), Method::GET | Method::HEAD) => next.run(req).await,
        None => {
            let (parts, body) = req.into_parts();
            match to_bytes(body, BODY_LIMIT).await {
                Ok(bytes) => {
                    next.run(Request::from_parts(parts, Body::from(bytes)))
                        .await
                }
                Err(_) => too_large(),
            }
        }
    }
}

/// The largest error body read back to find its status; larger ones are left alone.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Gives a failed server function the status of its [`AppError`] instead of Leptos's 500.
pub async fn error_status(req: Request, next: Next) -> Response {
    let is_server_fn = req.method() == Method::POST && req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_BODY_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A panic anywhere below becomes a 500 with the opaque error, logged; the connection and
/// the process stay up.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = %what, "a request handler panicked");
    json_error(StatusCode::INTERNAL_SERVER_ERROR, &AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_only_its_own_scripts() {
        let p = page_policy("abc123");
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("'unsafe-eval'") || p.contains("'wasm-unsafe-eval'"));
        assert!(!p.contains("script-src 'self' 'unsafe-inline'"));
    }
}
