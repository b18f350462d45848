//! The middlewares every request passes, outermost first:
//! [`csrf_guard`] (state-changing requests must come from our own pages),
//! the session layer (tower-sessions over [`super::store::DbSessionStore`]),
//! [`resolve_principal`] (who is asking) and [`page_guard`] (may they open this page).

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;
use tower_sessions::Session;

use super::store::{AUTH_KEY, LAST_SEEN_KEY};
use super::{load_user, ClientAddr, Principal, SignedIn, UnreadAtRequest};
use crate::authz::{page_access, Decision, CHANGE_PASSWORD_PATH, SIGN_IN_PATH};
use crate::error::AppError;
use crate::ssr::headers::json_error;
use crate::ssr::state::AppState;

/// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) unless its `Origin`,
/// or failing that its `Referer`, is this server or a trusted origin. Browsers send
/// `Origin` with every cross-site POST, so a forged form or fetch from another site fails
/// here; server functions are covered because they are POSTs.
pub async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || same_origin(req.headers(), &state.auth.trusted_origins)
    {
        return next.run(req).await;
    }
    tracing::warn!(
        method = %req.method(),
        path = %req.uri().path(),
        origin = ?req.headers().get(header::ORIGIN),
        referer = ?req.headers().get(header::REFERER),
        "refused a cross-site or origin-less state-changing request"
    );
    json_error(StatusCode::FORBIDDEN, &AppError::Forbidden)
}

/// Whether the request's `Origin` (or `Referer`) names the host it was sent to, or a
/// trusted origin.
pub fn same_origin(headers: &HeaderMap, trusted: &[String]) -> bool {
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    let Some(source) = source else {
        return false;
    };
    let Some((scheme, rest)) = source.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let origin = format!("{scheme}://{authority}");
    if trusted.iter().any(|t| t.trim_end_matches('/') == origin) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    matches!(scheme, "http" | "https") && host.is_some_and(|h| h.eq_ignore_ascii_case(authority))
}

/// Finds the signed-in user of the request (if any) and puts a [`Principal`] and the
/// [`ClientAddr`] into its extensions. A session past its absolute lifetime, or whose user
/// was deactivated, is ended here.
pub async fn resolve_principal(
    State(state): State<AppState>,
    session: Session,
    mut req: Request,
    next: Next,
) -> Response {
    let client = client_address(&req, state.auth.trust_forwarded_for);
    req.extensions_mut().insert(ClientAddr(client));
    if is_asset(req.uri().path()) {
        return next.run(req).await; // the wasm, scripts and styles need no session
    }
    let signed: Option<SignedIn> = match session.get(AUTH_KEY).await {
        Ok(v) => v,
        Err(e) => {
            tracing::warn!(error = %e, "unreadable session; treating the request as anonymous");
            None
        }
    };
    if let Some(signed) = signed {
        let age = chrono::Utc::now().timestamp() - signed.signed_in_at;
        let expired = age < 0 || age as u64 > state.auth.absolute_timeout.as_secs();
        let user = if expired {
            None
        } else {
            match load_user(&state.db, signed.user_id).await {
                Ok(u) => u,
                Err(e) => {
                    tracing::error!(error = %e, "cannot load the signed-in user");
                    return json_error(StatusCode::SERVICE_UNAVAILABLE, &AppError::Internal);
                }
            }
        };
        match user {
            Some(u) => {
                req.extensions_mut().insert(UnreadAtRequest(u.unread));
                req.extensions_mut().insert(Principal(u.user));
                touch(&session).await;
            }
            None => {
                if let Err(e) = session.flush().await {
                    tracing::warn!(error = %e, "cannot end a stale session");
                }
            }
        }
    }
    next.run(req).await
}

/// Moves the idle expiry forward, writing the session at most once a minute.
async fn touch(session: &Session) {
    let now = chrono::Utc::now().timestamp();
    let last: Option<i64> = session.get(LAST_SEEN_KEY).await.ok().flatten();
    if last.is_none_or(|t| now - t >= 60) {
        if let Err(e) = session.insert(LAST_SEEN_KEY, now).await {
            tracing::warn!(error = %e, "cannot refresh the session");
        }
    }
}

fn client_address(req: &Request, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for {
        if let Some(first) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            let first = first.trim();
            if !first.is_empty() {
                return first.chars().take(64).collect();
            }
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Pages: anonymous visitors of a protected page go to sign-in (and come back after);
/// users with a reset password go to the change-password page; users without the role
/// get the page's "forbidden" view with status 403.
pub async fn page_guard(req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) || !is_page(req.uri().path()) {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    let subject = req
        .extensions()
        .get::<Principal>()
        .map(|p| p.subject().clone());
    match page_access(subject.as_ref(), &path) {
        Decision::Allow => next.run(req).await,
        Decision::SignIn => {
            let next_path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            Redirect::to(&format!("{SIGN_IN_PATH}?next={}", urlencode(next_path))).into_response()
        }
        Decision::ChangePassword => Redirect::to(CHANGE_PASSWORD_PATH).into_response(),
        Decision::Forbidden => {
            let mut res = next.run(req).await;
            *res.status_mut() = StatusCode::FORBIDDEN;
            res
        }
    }
}

/// Paths the router renders as pages (not server functions, assets or probes).
fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/") || is_asset(path))
}

/// Static files and probes.
fn is_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path == "/healthz"
        || path == "/readyz"
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

/// Percent-encodes a local path for a query parameter.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, axum::http::HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_our_own_origin_may_post() {
        let host = ("host", "127.0.0.1:3000");
        assert!(same_origin(
            &headers(&[host, ("origin", "http://127.0.0.1:3000")]),
            &[]
        ));
        assert!(same_origin(
            &headers(&[host, ("referer", "http://127.0.0.1:3000/dang-nhap?next=/")]),
            &[]
        ));
        assert!(!same_origin(
            &headers(&[host, ("origin", "http://evil.example")]),
            &[]
        ));
        assert!(!same_origin(
            &headers(&[host, ("origin", "http://127.0.0.1:3000.evil.example")]),
            &[]
        ));
        assert!(!same_origin(&headers(&[host]), &[]));
        assert!(!same_origin(&headers(&[host, ("origin", "null")]), &[]));
        assert!(same_origin(
            &headers(&[
                ("host", "10.0.0.5:3000"),
                ("origin", "https://kpi.khanhhoa.gov.vn")
            ]),
            &["https://kpi.khanhhoa.gov.vn".into()]
        ));
    }

    #[test]
    fn pages_are_told_apart_from_assets_and_server_functions() {
        assert!(is_page("/"));
        assert!(is_page("/quan-tri/nguoi-dung"));
        assert!(!is_page("/api/sign_in"));
        assert!(!is_page("/pkg/rubric.wasm"));
        assert!(!is_page("/favicon.ico"));
        assert_eq!(urlencode("/can-bo?x=1&y=ă"), "/can-bo%3Fx%3D1%26y%3D%C4%83");
    }
}
