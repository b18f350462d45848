//! Black-box test support: the real server on port 0 with an isolated database.
//!
//! Every test runs against SQLite (a fresh file in a temp folder) and, when
//! `RUBRIC_TEST_POSTGRES_URL` is set, against PostgreSQL too (a fresh schema per test,
//! dropped afterwards). A missing PostgreSQL URL is reported loudly by `backends()`.

#![allow(dead_code)]

use std::net::SocketAddr;

use rubric_server::config::ServeArgs;
use rubric_server::startup::Server;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tokio::sync::oneshot;

#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

/// The backends to run on. Without `RUBRIC_TEST_POSTGRES_URL` PostgreSQL is skipped with a
/// message on stderr; with `RUBRIC_REQUIRE_POSTGRES=1` (set by the test script when a server
/// is reachable) its absence fails the test instead.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    match std::env::var("RUBRIC_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => out.push(Backend::Postgres(url)),
        _ => {
            if std::env::var("RUBRIC_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("RUBRIC_REQUIRE_POSTGRES=1 but RUBRIC_TEST_POSTGRES_URL is not set");
            }
            eprintln!(
                "!!! PostgreSQL SKIPPED: set RUBRIC_TEST_POSTGRES_URL=postgres://USER@HOST/DB to run this test on PostgreSQL too"
            );
        }
    }
    out
}

/// An isolated database: a temp SQLite file or a fresh PostgreSQL schema.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub url: String,
    schema: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(backend: &Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/rubric.db", dir.path().display());
                let db = app::ssr::db::connect(&url, None)
                    .await
                    .expect("connect sqlite");
                TestDb {
                    db,
                    url,
                    schema: None,
                    _dir: Some(dir),
                }
            }
            Backend::Postgres(url) => {
                let schema = format!(
                    "t_{}_{}",
                    std::process::id(),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_nanos())
                        .unwrap_or_default()
                );
                let db = app::ssr::db::connect(url, Some(&schema))
                    .await
                    .expect("connect postgres");
                TestDb {
                    db,
                    url: url.clone(),
                    schema: Some((url.clone(), schema)),
                    _dir: None,
                }
            }
        }
    }

    /// Drops the PostgreSQL schema (SQLite's folder goes with the TempDir).
    pub async fn cleanup(self) {
        if let Some((url, schema)) = self.schema {
            let _ = self.db.close().await;
            if let Ok(admin) = sea_orm::Database::connect(&url).await {
                let _ = admin
                    .execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
                    .await;
                let _ = admin.close().await;
            }
        }
    }
}

/// The real server, started on port 0.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub db: TestDb,
    stop: Option<oneshot::Sender<()>>,
    handle: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl TestApp {
    pub async fn spawn(backend: &Backend) -> TestApp {
        let db = TestDb::new(backend).await;
        let args = ServeArgs {
            addr: "127.0.0.1:0".parse().expect("addr"),
            site_root: std::env::temp_dir(),
            seed_demo: false,
        };
        let server = Server::build(&args, db.db.clone(), Default::default())
            .await
            .expect("build server");
        let addr = server.local_addr().expect("local addr");
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(server.run(async {
            let _ = rx.await;
        }));
        TestApp {
            addr,
            client: reqwest::Client::new(),
            db,
            stop: Some(tx),
            handle,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Stops the server gracefully and cleans the database up.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        let _ = self.handle.await;
        self.db.cleanup().await;
    }
}
