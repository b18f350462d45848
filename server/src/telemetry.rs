//! Logs (text or JSON lines, on stderr) and request ids.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    #[default]
    Text,
    /// One JSON object per line (for a log collector), with the request's id.
    Json,
}

/// Logs go to stderr so that stdout stays clean for machine-readable output (`--json`).
pub fn init(filter: &str, format: LogFormat) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .try_init(),
    };
}

pub const REQUEST_ID: &str = "x-request-id";

/// A request id from a proxy in front (e.g. nginx's `$request_id`) is kept when it is short
/// and plain; anything else gets a new one.
fn acceptable(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// 16 hex digits: this process's start (with its pid) and a counter.
fn new_id() -> String {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let prefix = *PREFIX.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos() ^ (d.as_secs() as u32))
            .unwrap_or_default();
        nanos.rotate_left(13) ^ std::process::id().wrapping_mul(2_654_435_761)
    });
    format!(
        "{prefix:08x}{:08x}",
        NEXT.fetch_add(1, Ordering::Relaxed) as u32
    )
}

/// Gives every request an id: in its log lines (the `request` span) and in the response's
/// `X-Request-Id`, so that a user's report or a proxy's log leads to the server's lines.
pub async fn request_id(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| acceptable(v))
        .map(str::to_string)
        .unwrap_or_else(new_id);
    let value = HeaderValue::from_str(&id).expect("an acceptable id is a header value");
    req.headers_mut().insert(REQUEST_ID, value.clone());
    let span = tracing::info_span!("request", id = %id);
    let mut res = next.run(req).instrument(span).await;
    res.headers_mut().insert(REQUEST_ID, value);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_new_unless_a_plain_one_came_in() {
        let (a, b) = (new_id(), new_id());
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
        assert!(acceptable(&a));
        assert!(acceptable("9f86d081884c7d65"));
        assert!(!acceptable(""));
        assert!(!acceptable("a b"));
        assert!(!acceptable("x\u{1b}[31m"));
        assert!(!acceptable(&"a".repeat(65)));
    }
}
