//! Black-box test support: the real server on port 0 with an isolated database.
//!
//! Every test runs against SQLite (a fresh file in a temp folder) and, when
//! `RUBRIC_TEST_POSTGRES_URL` is set, against PostgreSQL too (a fresh schema per test,
//! dropped afterwards). A missing PostgreSQL URL is reported loudly by `backends()`.

#![allow(dead_code)]

use std::net::SocketAddr;

use rubric_server::config::{NotifyArgs, ServeArgs, SessionArgs};
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
                // Many tests of one process make their schemas at once: the counter keeps
                // two made in the same nanosecond apart.
                static MADE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
                let schema = format!(
                    "t_{}_{}_{}",
                    std::process::id(),
                    MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
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

/// The engine pool the tests seed the demo province with: the default limits, but a
/// per-evaluation deadline a loaded machine running debug builds cannot miss. Seeding scores
/// the demo months; with the default 500 ms, a test machine compiling beside the tests once
/// took longer for one group, and the seed failed where no code under test had.
pub fn seed_pool() -> app::ssr::rule_pool::RulePool {
    let limits = rubric_rules::Limits {
        deadline_ms: 30_000,
        ..Default::default()
    };
    app::ssr::rule_pool::RulePool::new(
        std::sync::Arc::new(rubric_rules::RuleEngine::new(limits)),
        Default::default(),
    )
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
    /// The server with the demo province seeded.
    pub async fn demo(backend: &Backend) -> TestApp {
        let app = TestApp::spawn(backend).await;
        app::ssr::services::seed::seed_demo_if_empty(&app.db.db, &seed_pool())
            .await
            .expect("seed the demo province");
        app
    }

    pub async fn spawn(backend: &Backend) -> TestApp {
        TestApp::spawn_with(backend, false).await
    }

    /// The server, with `Secure` cookies and HSTS as behind HTTPS when `secure_cookies`.
    pub async fn spawn_with(backend: &Backend, secure_cookies: bool) -> TestApp {
        TestApp::spawn_opts(backend, secure_cookies, 1200).await
    }

    /// The server with each API token limited to `api_requests_per_minute`.
    pub async fn spawn_opts(
        backend: &Backend,
        secure_cookies: bool,
        api_requests_per_minute: u32,
    ) -> TestApp {
        TestApp::spawn_site(
            backend,
            secure_cookies,
            api_requests_per_minute,
            std::env::temp_dir(),
        )
        .await
    }

    /// The server serving the built site found in `site_root` (its `pkg` folder).
    pub async fn spawn_site(
        backend: &Backend,
        secure_cookies: bool,
        api_requests_per_minute: u32,
        site_root: std::path::PathBuf,
    ) -> TestApp {
        let db = TestDb::new(backend).await;
        let args = ServeArgs {
            addr: "127.0.0.1:0".parse().expect("addr"),
            site_root: Some(site_root),
            seed_demo: false,
            metrics_addr: None,
            session: SessionArgs {
                session_idle_minutes: 30,
                session_absolute_hours: 12,
                secure_cookies,
                trusted_origins: Vec::new(),
                trust_forwarded_for: false,
            },
            api_requests_per_minute,
            // Tests raise notifications themselves, at the day they choose.
            notify: NotifyArgs {
                notify_every_minutes: 0,
                ..NotifyArgs::default()
            },
            retention: Default::default(),
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
            client: browser_for(addr),
            db,
            stop: Some(tx),
            handle,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A fresh browser: its own cookie jar, our Origin on every request, no redirects
    /// followed (tests look at them).
    pub fn browser(&self) -> reqwest::Client {
        browser_for(self.addr)
    }

    /// A browser signed in as `username`; panics if the sign-in fails.
    pub async fn signed_in(&self, username: &str, password: &str) -> reqwest::Client {
        let b = self.browser();
        let res = call(
            &b,
            self.addr,
            "sign_in",
            &[("username", username), ("password", password)],
        )
        .await;
        assert!(
            res.status.is_success() || res.status.is_redirection(),
            "sign in {username}: {res:?}"
        );
        b
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

pub fn origin(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

pub fn browser_for(addr: SocketAddr) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ORIGIN,
        reqwest::header::HeaderValue::from_str(&origin(addr)).expect("origin"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        // A request the server never answers fails its test (naming the request), rather than
        // holding the whole suite until CI's limit.
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .expect("client")
}

/// What a server function answered.
#[derive(Debug)]
pub struct Answer {
    pub status: reqwest::StatusCode,
    pub body: String,
    pub location: Option<String>,
}

impl Answer {
    /// Whether the permission gate refused the call (401 or 403 with a refusal body).
    pub fn refused(&self) -> bool {
        matches!(self.status.as_u16(), 401 | 403)
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Calls the server function at /api/<endpoint> the way the browser does.
/// Follows background job `id` through `get_job` until it has ended (two minutes at most).
pub async fn wait_job(client: &reqwest::Client, addr: SocketAddr, id: i32) -> app::models::JobView {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let j: app::models::JobView = call(client, addr, "get_job", &[("id", &id.to_string())])
            .await
            .json();
        if !j.status.is_live() {
            return j;
        }
        assert!(
            std::time::Instant::now() < until,
            "job {id} still runs: {j:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

pub async fn call(
    client: &reqwest::Client,
    addr: SocketAddr,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Answer {
    let res = client
        .post(format!("http://{addr}/api/{endpoint}"))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{endpoint}: {e}"));
    let status = res.status();
    let location = res
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = res.text().await.unwrap_or_default();
    Answer {
        status,
        body,
        location,
    }
}

/// Version `id`'s page (`get_rule_version`), as `client` reads it.
pub async fn rule_version_page(
    client: &reqwest::Client,
    app: &TestApp,
    id: i32,
) -> app::models::RuleVersionPage {
    call(
        client,
        app.addr,
        "get_rule_version",
        &[("id", &id.to_string())],
    )
    .await
    .json()
}

/// The password of every account `add_user` creates.
pub const PASSWORD: &str = "Hoa-phuong-do-1975";

/// Adds a unit under `parent`; returns its id.
pub async fn add_unit(db: &DatabaseConnection, code: &str, parent: Option<i32>) -> i32 {
    use app::ssr::entities::unit;
    use sea_orm::{ActiveModelTrait, Set};
    unit::ActiveModel {
        code: Set(code.into()),
        name: Set(format!("Đơn vị {code}")),
        kind: Set(if parent.is_none() {
            "province"
        } else {
            "department"
        }
        .into()),
        parent_id: Set(parent),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("unit")
    .id
}

/// Adds an active user with [`PASSWORD`] and these roles (`(role, reviewed unit)`).
pub async fn add_user(
    db: &DatabaseConnection,
    username: &str,
    unit_id: Option<i32>,
    roles: &[(&str, Option<i32>)],
) -> i32 {
    use app::ssr::entities::{user, user_role};
    use sea_orm::{ActiveModelTrait, Set};
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    let hash = HASH
        .get_or_init(|| async {
            app::ssr::auth::password::hash(PASSWORD)
                .await
                .expect("hash")
        })
        .await;
    let u = user::ActiveModel {
        username: Set(username.into()),
        full_name: Set(format!("Người dùng {username}")),
        password_hash: Set(Some(hash.clone())),
        unit_id: Set(unit_id),
        is_active: Set(true),
        must_change_password: Set(false),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("user");
    for (role, scope) in roles {
        user_role::ActiveModel {
            user_id: Set(u.id),
            role: Set((*role).into()),
            unit_id: Set(*scope),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("role");
    }
    u.id
}

impl TestDb {
    /// The PostgreSQL schema of this database, if any.
    pub fn schema_name(&self) -> Option<&str> {
        self.schema.as_ref().map(|(_, s)| s.as_str())
    }
}

/// A real `rubric serve` process on a free port, killed when dropped.
pub struct RubricProcess {
    pub addr: SocketAddr,
    child: std::process::Child,
}

impl RubricProcess {
    pub async fn start(db: &TestDb) -> RubricProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rubric"));
        cmd.args(["serve", "--addr", &addr.to_string(), "--site-root"])
            .arg(std::env::temp_dir())
            .env("RUBRIC_DATABASE_URL", &db.url)
            .env("RUST_LOG", "warn")
            // A dead process's job part is taken over after this lease (30 s in production).
            .env("RUBRIC_JOB_LEASE_SECS", "2")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if let Some(schema) = db.schema_name() {
            cmd.env("RUBRIC_DATABASE_SCHEMA", schema);
        }
        let child = cmd.spawn().expect("spawn rubric");
        let process = RubricProcess { addr, child };
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(r) = client.get(format!("http://{addr}/readyz")).send().await {
                if r.status().is_success() {
                    return process;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("rubric serve on {addr} did not become ready");
    }

    /// `kill -9`: the server dies wherever it is, requests in flight cut off.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// GETs a page with this cookie; returns the status and the body.
    pub async fn get_page_with_cookie(&self, path: &str, cookie: &str) -> (u16, String) {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let res = client
            .get(format!("http://{}{path}", self.addr))
            .header("cookie", cookie)
            .send()
            .await
            .expect("get");
        let status = res.status().as_u16();
        (status, res.text().await.unwrap_or_default())
    }
}

/// A `rubric worker` process on `db` (a 2 s lease), killed with SIGKILL when dropped.
pub struct WorkerProcess {
    child: std::process::Child,
}

impl WorkerProcess {
    pub fn start(db: &TestDb) -> WorkerProcess {
        WorkerProcess::start_with(db, &[])
    }

    /// The worker with more arguments (e.g. `--metrics-addr`).
    pub fn start_with(db: &TestDb, args: &[&str]) -> WorkerProcess {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rubric"));
        cmd.arg("worker")
            .args(args)
            .env("RUBRIC_DATABASE_URL", &db.url)
            .env("RUST_LOG", "warn")
            .env("RUBRIC_JOB_LEASE_SECS", "2")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if let Some(schema) = db.schema_name() {
            cmd.env("RUBRIC_DATABASE_SCHEMA", schema);
        }
        WorkerProcess {
            child: cmd.spawn().expect("spawn rubric worker"),
        }
    }

    /// `kill -9`: the process dies wherever it is, its claim left behind.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RubricProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The province default formula's version in force.
pub async fn active_formula(app: &TestApp, client: &reqwest::Client) -> i32 {
    let sets: Vec<app::models::RuleSetView> =
        call(client, app.addr, "list_rule_sets", &[]).await.json();
    sets.iter()
        .find(|s| s.position.is_none())
        .and_then(|s| {
            s.versions
                .iter()
                .find(|v| v.status == app::models::RuleStatus::Active)
        })
        .expect("the default set's active version")
        .id
}

/// A new draft of the province's default formula, copied from the version in force, by
/// `client`.
pub async fn new_formula_draft(app: &TestApp, client: &reqwest::Client) -> i32 {
    let active = active_formula(app, client).await;
    call(
        client,
        app.addr,
        "new_rule_draft",
        &[("id", &active.to_string())],
    )
    .await
    .json()
}

/// Saves `script` into draft `id` as `client` (its parameters and expectations unchanged).
pub async fn save_formula_script(
    app: &TestApp,
    client: &reqwest::Client,
    id: i32,
    script: &str,
) -> Answer {
    let p = rule_version_page(client, app, id).await;
    call(
        client,
        app.addr,
        "save_rule_draft",
        &[
            ("form[id]", &id.to_string()),
            ("form[lock_version]", &p.lock_version.to_string()),
            ("form[script]", script),
        ],
    )
    .await
}

/// The user with this user name; panics when there is none.
pub async fn user_named<C: sea_orm::ConnectionTrait>(
    db: &C,
    username: &str,
) -> app::ssr::entities::user::Model {
    use app::ssr::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await
        .expect("user")
        .unwrap_or_else(|| panic!("{username} missing"))
}
