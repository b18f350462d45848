//! `/metrics` in Prometheus text format, on its own address (`rubric serve --metrics-addr`;
//! off by default, so that nothing about the system's load is public).
//!
//! What it counts:
//! - `rubric_http_requests_total` and `rubric_http_request_duration_seconds` per route (the
//!   route's pattern, e.g. `/nhat-ky`; server functions by their path, `/api/…`; anything
//!   unmatched as `other`, so a scan cannot grow the label set), method and status class;
//! - `rubric_job_part_duration_seconds` per job kind and outcome, and
//!   `rubric_officers_scored_total` (scoring throughput), from the job worker;
//! - `rubric_sign_in_failures_total` (failed credential checks: sign-in, activation);
//! - `rubric_db_pool_connections` and `rubric_db_pool_idle_connections`, read at each scrape.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::DatabaseConnection;

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process's recorder once (every server in a test process shares it) and
/// returns the handle that renders it.
pub fn handle() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Suffix("_duration_seconds".into()),
                    &[
                        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
                        300.0,
                    ],
                )
                .expect("buckets are not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Another recorder already installed (none is, in this binary) only means these
            // metrics are not rendered; serving goes on.
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed");
            }
            describe();
            handle
        })
        .clone()
}

fn describe() {
    metrics::describe_counter!(
        "rubric_http_requests_total",
        "HTTP requests answered, by route, method and status class"
    );
    metrics::describe_histogram!(
        "rubric_http_request_duration_seconds",
        metrics::Unit::Seconds,
        "Time to answer an HTTP request (pages, server functions, the API)"
    );
    metrics::describe_histogram!(
        "rubric_job_part_duration_seconds",
        metrics::Unit::Seconds,
        "Time to run one part of a background job (scoring runs, simulations)"
    );
    metrics::describe_counter!(
        "rubric_officers_scored_total",
        "Officers scored by background scoring jobs"
    );
    metrics::describe_counter!(
        "rubric_sign_in_failures_total",
        "Failed credential checks (sign-in, activation codes)"
    );
    metrics::describe_gauge!(
        "rubric_db_pool_connections",
        "Open database connections in the pool"
    );
    metrics::describe_gauge!(
        "rubric_db_pool_idle_connections",
        "Idle database connections in the pool"
    );
}

/// The route label: the matched pattern; a server function's own path (their set is fixed
/// by the build); `other` for anything unmatched.
fn route_of(req: &Request) -> String {
    let path = req.uri().path();
    match req.extensions().get::<MatchedPath>() {
        Some(m) if !m.as_str().contains("{*") => m.as_str().to_string(),
        _ if path.starts_with("/api/") && !path.starts_with("/api/v1/") => path.to_string(),
        _ => "other".to_string(),
    }
}

/// Counts and times every request (a layer on the router, so the route is known).
pub async fn track(req: Request, next: Next) -> Response {
    let method = req.method().as_str().to_string();
    let mut route = route_of(&req);
    let started = Instant::now();
    let res = next.run(req).await;
    let status = res.status();
    // Unknown server-function paths answer 4xx: kept out of the label set.
    if status == axum::http::StatusCode::NOT_FOUND && route.starts_with("/api/") {
        route = "other".to_string();
    }
    let class = format!("{}xx", status.as_u16() / 100);
    let labels = [("route", route), ("method", method), ("status", class)];
    metrics::counter!("rubric_http_requests_total", &labels).increment(1);
    metrics::histogram!("rubric_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    res
}

fn pool_gauges(db: &DatabaseConnection) {
    use sea_orm::DatabaseConnectionType as T;
    let (size, idle) = match &db.inner {
        T::SqlxSqlitePoolConnection(_) => {
            let p = db.get_sqlite_connection_pool();
            (p.size(), p.num_idle())
        }
        T::SqlxPostgresPoolConnection(_) => {
            let p = db.get_postgres_connection_pool();
            (p.size(), p.num_idle())
        }
        _ => return,
    };
    metrics::gauge!("rubric_db_pool_connections").set(size as f64);
    metrics::gauge!("rubric_db_pool_idle_connections").set(idle as f64);
}

async fn render(State((handle, db)): State<(PrometheusHandle, DatabaseConnection)>) -> Response {
    pool_gauges(&db);
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// The metrics listener's router: `GET /metrics` and nothing else.
pub fn router(db: DatabaseConnection) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state((handle(), db))
}

/// Serves `/metrics` on `listener` until `shutdown` resolves.
async fn serve(
    listener: tokio::net::TcpListener,
    db: DatabaseConnection,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(db))
        .with_graceful_shutdown(shutdown)
        .await
}

/// `/metrics` served on `listener` in a task of its own (`rubric serve` and `rubric worker`),
/// until [`Running::stop`].
pub struct Running {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Starts serving `/metrics` on `listener`.
pub fn spawn(listener: tokio::net::TcpListener, db: DatabaseConnection) -> Running {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, db, async move {
        let _ = stopped.await;
    }));
    Running { stop, task }
}

impl Running {
    /// Stops serving and waits until the listener is closed.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// Where a metrics listener is bound, for the start-up line.
pub fn describe_addr(addr: SocketAddr) -> String {
    format!("http://{addr}/metrics")
}
