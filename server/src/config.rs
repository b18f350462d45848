//! Configuration from flags and environment variables (clap).

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Where `cargo leptos build` puts the site.
pub const DEFAULT_SITE_ROOT: &str = "target/site";

/// Default SQLite database: a file under ./data/.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/rubric.db";

#[derive(Debug, Parser)]
#[command(
    name = "rubric",
    version,
    about = "Rubric: KPI scoring of civil servants with versioned, explained Rhai rules"
)]
pub struct Cli {
    /// sqlite://PATH (embedded) or postgres://USER@HOST:PORT/DB (production).
    #[arg(long, global = true, env = "RUBRIC_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,

    /// PostgreSQL schema to keep Rubric's tables in (created if missing); lets several
    /// provinces share one database. Ignored on SQLite.
    #[arg(long, global = true, env = "RUBRIC_DATABASE_SCHEMA")]
    pub database_schema: Option<String>,

    /// Log filter, e.g. `info` or `rubric_server=debug,info`.
    #[arg(long, global = true, env = "RUST_LOG", default_value = "info")]
    pub log: String,

    /// `text` (readable lines) or `json` (one object per line, for a log collector).
    #[arg(
        long,
        global = true,
        env = "RUBRIC_LOG_FORMAT",
        value_enum,
        default_value_t
    )]
    pub log_format: crate::telemetry::LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default when no command is given).
    Serve(ServeArgs),
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Put the demo province into an empty database.
    SeedDemo,
    /// Check, test and run scoring rule sets.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Score a period with the rule versions effective for it, and store the scores.
    Score {
        /// 2025-05 (month), 2025-Q2 (quarter) or 2025 (year).
        #[arg(long)]
        period: String,
        /// Only this unit (code, e.g. snv/tccb) and its sub-units.
        #[arg(long)]
        unit: Option<String>,
    },
    /// Simulate a formula version on a scored period beside the formulas in force, as a
    /// durable job this command works on until it ends; prints the summary.
    Simulate {
        /// The period, e.g. 2025-05.
        #[arg(long)]
        period: String,
        /// The version to simulate; default: a new draft copied from the province's formula
        /// in force on the period's first day.
        #[arg(long)]
        version: Option<i32>,
    },
    /// Run background jobs (scoring runs, simulations) without serving the web app; any
    /// number of workers (and `serve` processes) share the jobs of one database.
    Worker {
        /// Serve Prometheus metrics (job part durations, officers scored, the pool) at
        /// http://ADDR/metrics; off when not given.
        #[arg(long, env = "RUBRIC_METRICS_ADDR")]
        metrics_addr: Option<SocketAddr>,
    },
    /// Raise the notifications that time brings (review queues waiting, deadlines coming)
    /// and, with --digest, send the daily e-mail digests that are due; what every serving
    /// process does every few minutes, for a cron job or a check.
    Notify {
        /// The day to sweep as (yyyy-mm-dd); default: today in Vietnam.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        /// Also send the digests due now (needs --smtp-url).
        #[arg(long)]
        digest: bool,
        #[command(flatten)]
        notify: NotifyArgs,
    },
    /// The audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Load the organisation workbook (units, positions, people, task catalogs) from an
    /// .xlsx or a CSV sheet.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write the organisation workbook as Rubric holds it.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Write a report for higher levels as an Excel workbook.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Create an administrator account (the first one, on a new database). The password is
    /// read from RUBRIC_ADMIN_PASSWORD, or asked for on the terminal.
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "Quản trị viên")]
        full_name: String,
    },
    /// Tokens of the integration API (/api/v1), for automation.
    #[command(subcommand)]
    ApiToken(ApiTokenCommand),
    /// Write a made-up organisation workbook (for the import benchmark).
    GenOrg {
        file: PathBuf,
        #[arg(long, default_value_t = 300)]
        units: usize,
        #[arg(long, default_value_t = 60)]
        positions: usize,
        #[arg(long, default_value_t = 5_000)]
        people: usize,
        /// Catalog tasks per position.
        #[arg(long, default_value_t = 40)]
        tasks: usize,
        /// Pad the catalogs until the file is at least this many MB.
        #[arg(long, default_value_t = 0)]
        min_mb: usize,
        /// Make the last catalog row bad.
        #[arg(long)]
        bad_last_row: bool,
    },
    /// Write one file to deploy: a copy of this executable carrying the built site (wasm,
    /// JS, CSS and their compressed forms), so that `serve` needs only a database.
    Bundle {
        /// The built site (its pkg/ folder is carried).
        #[arg(long, default_value = DEFAULT_SITE_ROOT)]
        site_root: PathBuf,
        /// The executable to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Delete what is past its retention (failed sign-ins; returned entries never
    /// corrected, when set), as every serving process does every ten minutes.
    Purge {
        #[command(flatten)]
        retention: RetentionArgs,
    },
    /// Copy every table (but the sign-in sessions) to a file while the server runs: one
    /// consistent snapshot, gzip-compressed JSON lines, readable by its owner only.
    Backup {
        /// The file to write (written beside it first, renamed when complete).
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup into an empty database (of the same kind), then verify the audit
    /// chain and every table's row count. A database with data is refused.
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Generate a province-month into an empty database (for the scoring benchmark).
    GenProvince {
        #[arg(long, default_value_t = 20_000)]
        officers: usize,
        /// Entries per officer per working day (5 gives ~110 a month).
        #[arg(long, default_value_t = 5)]
        entries_per_day: usize,
        #[arg(long, default_value = "2025-05")]
        period: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Every bad cell (sheet, row, column) and every record created, changed or
    /// deactivated, then `create N, change N, deactivate N, errors N`; exit 1 on errors.
    /// All or nothing; the same file again changes nothing.
    Org {
        file: PathBuf,
        /// Show what would change, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The People sheet is the whole staff list: deactivate the active people it leaves
        /// out (administrators excepted).
        #[arg(long)]
        deactivate_missing: bool,
        /// Where the new people's one-time activation codes go (CSV, readable by you
        /// alone); default: beside FILE, as FILE.ma-kich-hoat.csv.
        #[arg(long)]
        codes: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The organisation workbook (.xlsx); importing it back changes nothing.
    Org { file: PathBuf },
    /// The empty organisation workbook with examples and instructions, to fill in.
    Template { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The monthly report to the Department of Home Affairs (what /ban-chi-dao downloads):
    /// by agency the headcount, scored, grades, not scored and why; prints how long the
    /// figures and the workbook took.
    Monthly {
        /// The period, e.g. 2026-10; default: the latest scored month.
        #[arg(long, default_value = "")]
        period: String,
        /// The workbook to write (.xlsx).
        #[arg(long)]
        to: PathBuf,
    },
    /// An agency's classification list (what /bao-cao/xep-loai downloads): its officers'
    /// results and the results by position; prints how long the list and the workbook took.
    Classification {
        /// The period, e.g. 2026 or 2026-10; default: the latest year scored (else month).
        #[arg(long, default_value = "")]
        period: String,
        /// The agency's code; default: the first agency by code.
        #[arg(long, default_value = "")]
        agency: String,
        /// The workbook to write (.xlsx).
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApiTokenCommand {
    /// Issue a token of client NAME (registered for agency CODE on first use) and print it
    /// alone on the last line: it is shown this once and stored only as a hash.
    Create {
        /// The client (an agency's e-office system).
        #[arg(long)]
        client: String,
        /// The agency's unit code: the token reaches its units only.
        #[arg(long)]
        agency: String,
        /// Comma-separated: entries:write, catalog:read, org:read, scores:read.
        #[arg(long)]
        scopes: String,
        /// Days until the token expires (1 to 365).
        #[arg(long, default_value_t = 90)]
        days: i64,
        /// The token's name in lists (default: "cli" and the date).
        #[arg(long)]
        name: Option<String>,
        /// A new client's entries land submitted instead of as drafts.
        #[arg(long)]
        submitted: bool,
    },
    /// Revoke the token whose text or first characters (rbk_xxxxxx) are given.
    Revoke { token: String },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the whole hash chain; exit 1 naming the first broken event.
    Verify,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Folder with the compiled site (pkg/ with the wasm, JS and CSS). Default: the site
    /// this executable carries (`rubric bundle`), else `target/site`.
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,
    /// Seed the demo province when the database is empty.
    #[arg(long, env = "RUBRIC_SEED_DEMO", default_value_t = false)]
    pub seed_demo: bool,
    /// Serve Prometheus metrics at http://ADDR/metrics (off when not given; bind it to an
    /// address only the monitoring system reaches, e.g. 127.0.0.1:9100).
    #[arg(long, env = "RUBRIC_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    #[command(flatten)]
    pub session: SessionArgs,
    /// Requests per minute each API token may make (bursts of a tenth of it).
    #[arg(long, env = "RUBRIC_API_REQUESTS_PER_MINUTE", default_value_t = 1200)]
    pub api_requests_per_minute: u32,
    #[command(flatten)]
    pub notify: NotifyArgs,
    #[command(flatten)]
    pub retention: RetentionArgs,
}

/// Notifications: the sweep for waiting queues and coming deadlines, and the optional daily
/// e-mail digest (off unless an SMTP server is given).
#[derive(Clone, Args)]
pub struct NotifyArgs {
    /// The SMTP server of the daily digest, as a URL: smtp://host:25 (no TLS, a relay on the
    /// local network), smtp://user:password@host:587?tls=required (STARTTLS) or
    /// smtps://user:password@host:465. Unset: no e-mail is sent.
    #[arg(long, env = "RUBRIC_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The sender of the digest.
    #[arg(
        long,
        env = "RUBRIC_MAIL_FROM",
        default_value = "Rubric <rubric@localhost>"
    )]
    pub mail_from: String,
    /// The hour (Vietnam time, 0–23) from which each day's digest goes out.
    #[arg(long, env = "RUBRIC_DIGEST_HOUR", default_value_t = 7,
          value_parser = clap::value_parser!(u32).range(0..24))]
    pub digest_hour: u32,
    /// Rubric's public address (https://kpi.example.gov.vn), for the links in e-mail.
    #[arg(long, env = "RUBRIC_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// A submitted entry waiting this many days or more is announced to the unit's heads.
    #[arg(long, env = "RUBRIC_QUEUE_WAITING_DAYS", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..=60))]
    pub queue_waiting_days: u32,
    /// A step's deadline is announced this many days before it.
    #[arg(long, env = "RUBRIC_DEADLINE_NOTICE_DAYS", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(0..=30))]
    pub deadline_notice_days: u32,
    /// Minutes between two sweeps (and digest checks) of a serving process; 0: none.
    #[arg(long, env = "RUBRIC_NOTIFY_EVERY_MINUTES", default_value_t = 15)]
    pub notify_every_minutes: u64,
}

/// The SMTP URL may hold a password: it is never printed.
impl std::fmt::Debug for NotifyArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifyArgs")
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<set>"))
            .field("mail_from", &self.mail_from)
            .field("digest_hour", &self.digest_hour)
            .field("public_url", &self.public_url)
            .field("queue_waiting_days", &self.queue_waiting_days)
            .field("deadline_notice_days", &self.deadline_notice_days)
            .field("notify_every_minutes", &self.notify_every_minutes)
            .finish()
    }
}

/// A group of flags as clap fills it with no flag given (defaults, and the environment).
fn defaults<T: Args + clap::FromArgMatches>() -> T {
    #[derive(Parser)]
    struct Only<T: Args + clap::FromArgMatches> {
        #[command(flatten)]
        group: T,
    }
    Only::<T>::parse_from(["rubric"]).group
}

impl Default for NotifyArgs {
    /// The values clap would take from the environment with no flags given.
    fn default() -> Self {
        defaults()
    }
}

impl NotifyArgs {
    pub fn sweep_settings(&self) -> app::ssr::services::notifications::SweepSettings {
        app::ssr::services::notifications::SweepSettings {
            queue_days: self.queue_waiting_days,
            deadline_days: self.deadline_notice_days,
        }
    }
}

/// Sessions, cookies and cross-site protection.
#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    /// Minutes without a request after which a session ends.
    #[arg(long, env = "RUBRIC_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u64,
    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, env = "RUBRIC_SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    pub session_absolute_hours: u64,
    /// Mark the session cookie Secure (set it when Rubric is served over HTTPS).
    #[arg(long, env = "RUBRIC_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,
    /// Other origins allowed to post, comma-separated (e.g. https://kpi.khanhhoa.gov.vn
    /// when a proxy changes the Host header).
    #[arg(long, env = "RUBRIC_TRUSTED_ORIGINS", value_delimiter = ',')]
    pub trusted_origins: Vec<String>,
    /// Read the client address from X-Forwarded-For (only behind a proxy that sets it).
    #[arg(long, env = "RUBRIC_TRUST_FORWARDED_FOR", default_value_t = false)]
    pub trust_forwarded_for: bool,
}

impl Default for SessionArgs {
    fn default() -> Self {
        SessionArgs::parse_from_env()
    }
}

impl SessionArgs {
    /// The values clap would take from the environment with no flags given.
    fn parse_from_env() -> Self {
        defaults()
    }

    pub fn auth_config(&self) -> app::ssr::auth::AuthConfig {
        use std::time::Duration;
        app::ssr::auth::AuthConfig {
            idle_timeout: Duration::from_secs(self.session_idle_minutes.max(1) * 60),
            absolute_timeout: Duration::from_secs(self.session_absolute_hours.max(1) * 3600),
            secure_cookies: self.secure_cookies,
            trusted_origins: self
                .trusted_origins
                .iter()
                .map(|o| o.trim().trim_end_matches('/').to_string())
                .filter(|o| !o.is_empty())
                .collect(),
            trust_forwarded_for: self.trust_forwarded_for,
        }
    }
}

/// What `rubric` with no command serves (cargo-leptos runs the binary without arguments).
impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            addr: std::env::var("LEPTOS_SITE_ADDR")
                .ok()
                .and_then(|a| a.parse().ok())
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000))),
            site_root: std::env::var("LEPTOS_SITE_ROOT").ok().map(PathBuf::from),
            seed_demo: std::env::var("RUBRIC_SEED_DEMO").is_ok_and(|v| v == "true" || v == "1"),
            metrics_addr: std::env::var("RUBRIC_METRICS_ADDR")
                .ok()
                .and_then(|a| a.parse().ok()),
            session: SessionArgs::default(),
            api_requests_per_minute: std::env::var("RUBRIC_API_REQUESTS_PER_MINUTE")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1200),
            notify: NotifyArgs::default(),
            retention: RetentionArgs::default(),
        }
    }
}

/// How long data that is kept only for a while is kept (purged every ten minutes by every
/// serving process, and by `rubric purge`).
#[derive(Debug, Clone, Args)]
pub struct RetentionArgs {
    /// Hours failed sign-ins are kept.
    #[arg(
        long,
        env = "RUBRIC_RETAIN_SIGN_IN_FAILURES_HOURS",
        default_value_t = 24
    )]
    pub retain_sign_in_failures_hours: u32,
    /// Days an entry returned by the head and never corrected is kept (0: always; an entry
    /// named in an appeal is always kept).
    #[arg(long, env = "RUBRIC_RETAIN_RETURNED_DRAFTS_DAYS", default_value_t = 0)]
    pub retain_returned_drafts_days: u32,
}

impl Default for RetentionArgs {
    fn default() -> Self {
        defaults()
    }
}

impl RetentionArgs {
    pub fn retention(&self) -> app::ssr::services::retention::Retention {
        app::ssr::services::retention::Retention {
            sign_in_failures_hours: self.retain_sign_in_failures_hours,
            returned_drafts_days: self.retain_returned_drafts_days,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Compile and check a script; exit 1 with located errors.
    Check { file: PathBuf },
    /// Run a rule set's test cases (a folder with rule.rhai, params.json, cases.json).
    Test { dir: PathBuf },
    /// Score a scoring input document with a rule set.
    Eval {
        #[arg(long)]
        rules: PathBuf,
        #[arg(long)]
        input: PathBuf,
        /// Print the results as JSON on stdout and nothing else.
        #[arg(long)]
        json: bool,
    },
    /// Propose test cases just under, at and just over each grade threshold (±0,01), as
    /// JSON to add to cases.json.
    Boundary {
        dir: PathBuf,
        /// A scoring input document whose first officer is the template (default: the
        /// engine's sample officer).
        #[arg(long)]
        input: Option<PathBuf>,
    },
}
