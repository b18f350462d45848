//! Assembling the router and running the server.

use std::future::IntoFuture;
use std::net::SocketAddr;

use app::ssr::auth::layers;
use app::ssr::auth::store::DbSessionStore;
use app::ssr::headers;
use app::ssr::rule_pool::RulePool;
use app::ssr::services::jobs::Worker;
use app::ssr::state::AppState;
use app::{shell, App};
use axum::extract::State;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::assets::Assets;
use crate::config::{NotifyArgs, ServeArgs};
use crate::notifier::{self, Mailer};

/// The options pages are rendered with; `pkg_dir` is where they load the wasm, the JS and
/// the CSS from (`pkg/<version>` when the assets are served from memory).
pub fn leptos_options(args: &ServeArgs, addr: SocketAddr, pkg_dir: &str) -> LeptosOptions {
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") | Ok("dev") | Ok("development") => Env::DEV,
        _ => Env::PROD,
    };
    LeptosOptions::builder()
        .output_name("rubric")
        .site_root(
            args.site_root
                .as_deref()
                .unwrap_or(std::path::Path::new(crate::config::DEFAULT_SITE_ROOT))
                .to_string_lossy()
                .to_string(),
        )
        .site_pkg_dir(pkg_dir)
        .site_addr(addr)
        .env(env)
        .build()
}

/// The pages' routes, listed once per process, before any page can be rendered.
///
/// Listing them runs the app with resource loading suppressed by a *process-wide* flag
/// (`leptos_server`'s `SuppressResourceLoad`): a resource first polled on another thread
/// while it is set waits forever. Listed again for a second server in the same process (the
/// black-box tests run many), a page being rendered by another server could hang: once, a
/// test's request waited 17 minutes. Other threads wait here until the first listing ends.
fn route_list() -> &'static [AxumRouteListing] {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App))
}

/// The application's routes behind its gates, outermost first: the cross-site check, the
/// session (in the database), who is asking, and the page guard.
pub fn router(state: AppState, api_requests_per_minute: u32, assets: Option<Assets>) -> Router {
    let routes = route_list().to_vec();
    let ctx_state = state.clone();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("rubric_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.auth.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(
            time::Duration::try_from(state.auth.idle_timeout).unwrap_or(time::Duration::HOUR),
        ));
    let pages = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/api/xuat-danh-muc/{id}", get(app::ssr::export::catalog))
        .route("/api/xuat-mo-phong/{id}", get(app::ssr::export::simulation))
        .route("/api/bao-cao/thang", get(app::ssr::export::monthly_report))
        .route(
            "/api/bao-cao/xep-loai",
            get(app::ssr::export::classification_report),
        )
        .route("/api/to-chuc/mau", get(app::ssr::org_files::template))
        .route("/api/to-chuc/xuat", get(app::ssr::org_files::export))
        .route(
            app::pages::privacy::DOWNLOAD_PATH,
            get(app::ssr::export::personal_data),
        )
        .route(
            app::ssr::org_files::UPLOAD_PATH,
            post(app::ssr::org_files::upload).layer(axum::extract::DefaultBodyLimit::max(
                app::ssr::org_files::UPLOAD_BODY_LIMIT,
            )),
        )
        .route(
            app::ssr::org_files::CATALOG_UPLOAD_PATH,
            post(app::ssr::org_files::catalog_upload),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx_state.clone()),
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(headers::error_status))
        .layer(middleware::from_fn(layers::page_guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            layers::resolve_principal,
        ))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            layers::csrf_guard,
        ))
        .with_state(state.clone());
    // The built assets, from memory under their content's version: no session, no guard.
    let pages = match assets {
        Some(assets) => pages.merge(
            Router::new()
                .route("/pkg/{version}/{file}", get(crate::assets::serve))
                .with_state(assets),
        ),
        None => pages,
    };
    // The integration API: bearer tokens, not sessions, so outside the session, cross-site
    // and page guards; inside the body limit, the security headers and the panic handler.
    // Responses are compressed for browsers that accept it (pages, server functions, the
    // API; not the assets, already compressed, nor the workbooks, already zipped).
    Router::new()
        .nest(
            app::ssr::api_v1::PREFIX,
            app::ssr::api_v1::router(state.clone(), api_requests_per_minute),
        )
        .merge(pages)
        .layer(middleware::from_fn(headers::body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            headers::security_headers,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            headers::panic_response,
        ))
        .layer(compression())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(middleware::from_fn(crate::telemetry::request_id))
}

/// brotli or gzip, fast levels (a page is compressed on every request), for text bodies of
/// some size; zip-based workbooks are left as they are.
fn compression(
) -> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
    use tower_http::compression::{CompressionLayer, CompressionLevel, DefaultPredicate};
    CompressionLayer::new()
        .quality(CompressionLevel::Fastest)
        .compress_when(
            DefaultPredicate::new()
                .and(SizeAbove::new(512))
                .and(NotForContentType::new("application/vnd.openxmlformats"))
                .and(NotForContentType::const_new("application/wasm")),
        )
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// A bound, not yet running server: tests bind port 0 and read the real address.
pub struct Server {
    listener: TcpListener,
    metrics: Option<TcpListener>,
    router: Router,
    db: DatabaseConnection,
    rules: RulePool,
    notify: NotifyArgs,
    mailer: Option<Mailer>,
    retention: app::ssr::services::retention::Retention,
}

/// The site to serve: the folder named by `--site-root`; else the site this executable
/// carries (`rubric bundle`); else `target/site`.
fn site_assets(args: &ServeArgs) -> anyhow::Result<Option<Assets>> {
    if let Some(root) = &args.site_root {
        return Ok(Assets::load(root)?);
    }
    if let Some(assets) = crate::bundle::embedded()? {
        tracing::info!(version = %assets.version(), "serving the site this executable carries");
        return Ok(Some(assets));
    }
    Ok(Assets::load(std::path::Path::new(
        crate::config::DEFAULT_SITE_ROOT,
    ))?)
}

impl Server {
    pub async fn build(
        args: &ServeArgs,
        db: DatabaseConnection,
        rules: RulePool,
    ) -> anyhow::Result<Server> {
        let mailer = Mailer::from_args(&args.notify)?;
        let listener = TcpListener::bind(args.addr).await?;
        let addr = listener.local_addr()?;
        let assets = site_assets(args)?;
        if let Some(a) = &assets {
            a.compress_in_background();
        }
        let pkg_dir = assets
            .as_ref()
            .map_or_else(|| "pkg".to_string(), Assets::pkg_dir);
        let state = AppState {
            leptos_options: leptos_options(args, addr, &pkg_dir),
            db: db.clone(),
            rules: rules.clone(),
            auth: args.session.auth_config(),
            mail_enabled: mailer.is_some(),
            explanations: Default::default(),
            admin_seen: Default::default(),
            public_figures: Default::default(),
            split: assets
                .as_ref()
                .and_then(Assets::split_manifest)
                .map(std::sync::Arc::new),
        };
        let metrics = match args.metrics_addr {
            Some(a) => Some(TcpListener::bind(a).await?),
            None => None,
        };
        let mut router = router(state, args.api_requests_per_minute, assets);
        if metrics.is_some() {
            crate::metrics::handle();
            router = router.layer(middleware::from_fn(crate::metrics::track));
        }
        Ok(Server {
            listener,
            metrics,
            router,
            db,
            rules,
            notify: args.notify.clone(),
            mailer,
            retention: args.retention.retention(),
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Where `/metrics` is served, when it is.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().and_then(|l| l.local_addr().ok())
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let store = DbSessionStore::new(self.db.clone());
        // Every serving process also runs background jobs (scoring runs, simulations); it
        // stops claiming new parts on shutdown and finishes the one in progress.
        let (stop_worker, worker_stop) = tokio::sync::watch::channel(false);
        let worker = Worker::new(self.db.clone(), self.rules.clone());
        let worker = tokio::spawn(async move { worker.run(worker_stop).await });
        // The sweeper stops between sweeps, never inside one: cancelling a query midway
        // could leave its pooled connection checked out, and closing the pool would wait.
        let (stop_sweeper, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let (db, retention) = (self.db.clone(), self.retention);
        let sweeper = tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
            loop {
                tokio::select! {
                    _ = every.tick() => {}
                    _ = &mut stopped => break,
                }
                match store.delete_expired().await {
                    Ok(0) => {}
                    Ok(n) => tracing::debug!(sessions = n, "expired sessions removed"),
                    Err(e) => tracing::warn!(error = %e, "cannot remove expired sessions"),
                }
                match app::ssr::services::retention::purge(&db, &retention, chrono::Utc::now())
                    .await
                {
                    Ok(p) if p == Default::default() => {}
                    Ok(p) => tracing::info!(
                        sign_in_failures = p.sign_in_failures,
                        returned_drafts = p.returned_drafts,
                        "retention purge"
                    ),
                    Err(e) => tracing::warn!(error = %e, "retention purge failed"),
                }
            }
        });
        // The notifier, likewise stopped between rounds.
        let (stop_notifier, mut notifier_stopped) = tokio::sync::oneshot::channel::<()>();
        let (db, notify, mailer) = (self.db.clone(), self.notify.clone(), self.mailer.clone());
        let notifier = tokio::spawn(async move {
            if notify.notify_every_minutes == 0 {
                return;
            }
            let period =
                std::time::Duration::from_secs(notify.notify_every_minutes.saturating_mul(60));
            let mut every = tokio::time::interval(period);
            loop {
                tokio::select! {
                    _ = every.tick() => {}
                    _ = &mut notifier_stopped => break,
                }
                notifier::round(&db, &notify, mailer.as_ref()).await;
            }
        });
        // /metrics on its own address, stopped with the rest.
        let metrics = self
            .metrics
            .map(|listener| crate::metrics::spawn(listener, self.db.clone()));
        // Once asked to stop, requests in flight get DRAIN_LIMIT to finish; a connection
        // that stays open longer does not hold the process (or a test) up.
        let (draining, drain_started) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            shutdown.await;
            let _ = draining.send(());
        };
        let serve = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .into_future();
        let served = tokio::select! {
            served = serve => served,
            _ = async {
                if drain_started.await.is_ok() {
                    tokio::time::sleep(DRAIN_LIMIT).await;
                } else {
                    std::future::pending::<()>().await;
                }
            } => {
                tracing::warn!(seconds = DRAIN_LIMIT.as_secs(), "connections still open after the drain limit; stopping anyway");
                Ok(())
            }
        };
        let _ = stop_sweeper.send(());
        let _ = sweeper.await;
        let _ = stop_notifier.send(());
        let _ = notifier.await;
        let _ = stop_worker.send(true);
        let _ = worker.await;
        if let Some(m) = metrics {
            m.stop().await;
        }
        served
    }
}

/// How long requests in flight may take to finish once the server is asked to stop.
const DRAIN_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
