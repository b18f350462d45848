//! The subcommands of `rubric`.

use std::process::ExitCode;

use app::ssr::db;
use app::ssr::rule_pool::RulePool;
use app::ssr::services::audit::{self, Actor, Verification};
use app::ssr::services::jobs::{self, Worker};
use app::ssr::services::scoring::Policy;
use app::ssr::services::{
    accounts, onboarding, org as units, periods, rule_editor, rule_versions, seed, simulations,
};

use crate::config::{
    ApiTokenCommand, AuditCommand, Cli, Command, ExportCommand, ImportCommand, ReportCommand,
    RulesCommand, ServeArgs,
};
use crate::startup::{shutdown_signal, Server};

pub async fn run(cli: Cli) -> ExitCode {
    let database = Database {
        url: cli.database_url.clone(),
        schema: cli.database_schema.clone().filter(|s| !s.is_empty()),
    };
    let command = cli.command.unwrap_or(Command::Serve(ServeArgs::default()));
    let result = match command {
        Command::Serve(args) => serve(&database, args).await,
        Command::Migrate => migrate(&database).await,
        Command::SeedDemo => seed_demo(&database).await,
        Command::Rules(cmd) => return rules(cmd),
        Command::Score { period, unit } => score(&database, &period, unit.as_deref()).await,
        Command::Worker { metrics_addr } => worker(&database, metrics_addr).await,
        Command::Notify {
            today,
            digest,
            notify,
        } => notify_round(&database, today, digest, &notify).await,
        Command::Simulate { period, version } => simulate(&database, &period, version).await,
        Command::Audit(AuditCommand::Verify) => return audit_verify(&database).await,
        Command::Import(ImportCommand::Org {
            file,
            dry_run,
            deactivate_missing,
            codes,
        }) => {
            let options = onboarding::Options { deactivate_missing };
            return match import_org(&database, &file, dry_run, options, codes).await {
                Ok(code) => code,
                Err(e) => {
                    eprintln!("rubric: {e:#}");
                    ExitCode::FAILURE
                }
            };
        }
        Command::Export(ExportCommand::Org { file }) => export_org(&database, &file).await,
        Command::Export(ExportCommand::Template { file }) => export_template(&file).await,
        Command::Report(ReportCommand::Monthly { period, to }) => {
            report_monthly(&database, &period, &to).await
        }
        Command::Report(ReportCommand::Classification { period, agency, to }) => {
            report_classification(&database, &period, &agency, &to).await
        }
        Command::CreateAdmin {
            username,
            full_name,
        } => create_admin(&database, &username, &full_name).await,
        Command::ApiToken(ApiTokenCommand::Create {
            client,
            agency,
            scopes,
            days,
            name,
            submitted,
        }) => {
            api_token_create(
                &database,
                &client,
                &agency,
                &scopes,
                days,
                name.as_deref(),
                submitted,
            )
            .await
        }
        Command::ApiToken(ApiTokenCommand::Revoke { token }) => {
            api_token_revoke(&database, &token).await
        }
        Command::GenOrg {
            file,
            units,
            positions,
            people,
            tasks,
            min_mb,
            bad_last_row,
        } => {
            let shape = onboarding::export::Synthetic {
                units,
                positions,
                people,
                tasks,
                min_bytes: min_mb * 1024 * 1024,
                bad_last_row,
            };
            gen_org(&file, shape).await
        }
        Command::Bundle { site_root, out } => bundle(&site_root, &out).await,
        Command::Purge { retention } => purge(&database, &retention).await,
        Command::Backup { to } => backup(&database, &to).await,
        Command::Restore { from } => return restore(&database, &from).await,
        Command::GenProvince {
            officers,
            entries_per_day,
            period,
        } => gen_province(&database, officers, entries_per_day, &period).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rubric: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Where the data lives: a database URL and, on PostgreSQL, an optional schema.
pub struct Database {
    pub url: String,
    pub schema: Option<String>,
}

impl Database {
    pub async fn connect(&self) -> Result<sea_orm::DatabaseConnection, sea_orm::DbErr> {
        db::connect(&self.url, self.schema.as_deref()).await
    }
}

/// Service errors carry a user message; show it rather than the Debug form.
fn app_err(e: app::error::AppError) -> anyhow::Error {
    match &e {
        app::error::AppError::Internal | app::error::AppError::Transport(_) => {
            anyhow::anyhow!("{e}")
        }
        // The command line speaks Vietnamese, as the UI does by default.
        _ => anyhow::anyhow!("{}", e.user_message(app::i18n::Locale::Vi)),
    }
}

async fn serve(database: &Database, args: ServeArgs) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let pool = RulePool::default();
    if args.seed_demo {
        report_seed(
            seed::seed_demo_if_empty(&db, &pool)
                .await
                .map_err(app_err)?,
        );
    }
    if accounts::active_admins(&db).await.map_err(app_err)? == 0 {
        tracing::warn!(
            "no administrator yet: create one with `rubric create-admin --username <name>` \
             (password from RUBRIC_ADMIN_PASSWORD or the terminal)"
        );
    }
    let server = Server::build(&args, db, pool).await?;
    let addr = server.local_addr()?;
    tracing::info!(%addr, "Rubric is listening on http://{addr}");
    if let Some(m) = server.metrics_addr() {
        tracing::info!(addr = %m, "metrics at {}", crate::metrics::describe_addr(m));
    }
    server.run(shutdown_signal()).await?;
    Ok(())
}

async fn migrate(database: &Database) -> anyhow::Result<()> {
    // connect() runs the migrations.
    database.connect().await?.close().await?;
    println!("database schema is up to date");
    Ok(())
}

async fn seed_demo(database: &Database) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let pool = RulePool::default();
    report_seed(
        seed::seed_demo_if_empty(&db, &pool)
            .await
            .map_err(app_err)?,
    );
    Ok(())
}

fn report_seed(outcome: seed::SeedOutcome) {
    match outcome {
        seed::SeedOutcome::Seeded(s) => {
            println!(
                "seeded the demo province: {} units, {} positions, {} users ({} officers), {} work-log entries in {} and {}; {} officers scored for {}",
                s.units, s.positions, s.users, s.officers, s.entries, s.months[0], s.months[1],
                s.scored_officers, s.months[0]
            );
            println!("demo logins (password {}):", seed::DEMO_PASSWORD);
            for l in &s.logins {
                println!("  {:<10} {:<16} {}", l.role, l.username, l.full_name);
            }
        }
        seed::SeedOutcome::AlreadyPopulated => {
            println!("the database already has data; the demo was not seeded")
        }
    }
}

async fn simulate(database: &Database, period: &str, version: Option<i32>) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let pool = RulePool::default();
    let actor = Actor::system("cli:simulate");
    let code = periods::parse(period).map_err(app_err)?;
    let version = match version {
        Some(id) => id,
        None => {
            let (active, _) = rule_versions::effective_for(&db, None, None, code.starts_on())
                .await
                .map_err(app_err)?
                .ok_or_else(|| anyhow::anyhow!("no province formula is in force for {code}"))?;
            rule_editor::new_draft_from(&db, &actor, active.id)
                .await
                .map_err(app_err)?
                .id
        }
    };
    let started = std::time::Instant::now();
    let id = simulations::start(&db, &pool, &actor, version, period, Default::default())
        .await
        .map_err(app_err)?;
    let worker = Worker::new(db.clone(), pool);
    let view = loop {
        let view = simulations::view(&db, id).await.map_err(app_err)?;
        if view.brief.status != app::models::JobStatus::Running {
            break view;
        }
        if !worker.step().await.map_err(app_err)? {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    };
    if let Some(e) = view.error {
        return Err(app_err(e));
    }
    let summary = view
        .summary
        .ok_or_else(|| anyhow::anyhow!("simulation {id} ended without a summary"))?;
    println!(
        "simulation {id} of version {version} on {code}: {} officers, {} change grade; run {} ms, wall {:.2} s",
        summary.officers,
        summary.changed_grade,
        summary.duration_ms,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn worker(
    database: &Database,
    metrics_addr: Option<std::net::SocketAddr>,
) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let metrics = match metrics_addr {
        Some(addr) => {
            // The recorder first, so that the worker's first part is counted.
            crate::metrics::handle();
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!(addr = %listener.local_addr()?, "metrics at {}", crate::metrics::describe_addr(listener.local_addr()?));
            Some(crate::metrics::spawn(listener, db.clone()))
        }
        None => None,
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = Worker::new(db.clone(), RulePool::default());
    let run = tokio::spawn(async move { worker.run(stopped).await });
    shutdown_signal().await;
    let _ = stop.send(true);
    run.await?;
    if let Some(m) = metrics {
        m.stop().await;
    }
    db.close().await?;
    Ok(())
}

async fn notify_round(
    database: &Database,
    today: Option<chrono::NaiveDate>,
    digest: bool,
    args: &crate::config::NotifyArgs,
) -> anyhow::Result<()> {
    use app::ssr::services::notifications;
    let mailer = crate::notifier::Mailer::from_args(args)?;
    if digest && mailer.is_none() {
        anyhow::bail!("--digest needs an SMTP server: --smtp-url or RUBRIC_SMTP_URL");
    }
    let db = database.connect().await?;
    let now = chrono::Utc::now();
    let today = today.unwrap_or_else(|| app::i18n::vietnam_date(now));
    let report = notifications::sweep(&db, today, args.sweep_settings())
        .await
        .map_err(app_err)?;
    println!(
        "{today}: {} queue and {} deadline notifications raised",
        report.queues, report.deadlines
    );
    if let (true, Some(mailer)) = (digest, mailer) {
        let sent = mailer.send_due(&db, now).await?;
        println!("{sent} e-mail digests sent");
    }
    db.close().await?;
    Ok(())
}

async fn score(database: &Database, period: &str, unit: Option<&str>) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let pool = RulePool::default();
    let actor = Actor::system(format!(
        "cli:{}",
        std::env::var("USER").unwrap_or_else(|_| "rubric".into())
    ));
    let code = periods::parse(period).map_err(app_err)?;
    let scope = match unit {
        Some(unit) => Some(units::by_code(&db, unit).await.map_err(app_err)?.id),
        None => None,
    };
    // The same job any server runs: this process works on it (other workers may join in)
    // until it has ended.
    let id = jobs::enqueue_score(&db, &actor, code, scope, Policy::Full)
        .await
        .map_err(app_err)?;
    let job = Worker::new(db.clone(), pool)
        .run_until_done(id)
        .await
        .map_err(app_err)?;
    if let Some(e) = jobs::error_of(&job) {
        return Err(app_err(e));
    }
    let run = jobs::score_result(&job)
        .ok_or_else(|| anyhow::anyhow!("job {id} ended {} without a result", job.status))?;
    println!(
        "period {}: {} officers in {} cohorts ({} scored, {} not scored), {} entries; read {:.2} s, score {:.2} s, write {:.2} s",
        run.period,
        run.officers,
        run.cohorts,
        run.scored,
        run.not_scored,
        run.entries,
        run.read.as_secs_f64(),
        run.score.as_secs_f64(),
        run.write.as_secs_f64()
    );
    Ok(())
}

async fn gen_province(
    database: &Database,
    officers: usize,
    entries_per_day: usize,
    period: &str,
) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let pool = RulePool::default();
    let started = std::time::Instant::now();
    let stats = seed::generate_province(&db, &pool, officers, entries_per_day, period)
        .await
        .map_err(app_err)?;
    println!(
        "generated {} officers and {} entries for {} in {:.1} s",
        stats.officers,
        stats.entries,
        stats.period,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `rubric bundle --out FILE`: this executable with the site appended.
async fn bundle(site_root: &std::path::Path, out: &std::path::Path) -> anyhow::Result<()> {
    let exe = std::env::current_exe()?;
    let (site_root, out) = (site_root.to_path_buf(), out.to_path_buf());
    // Compressing the wasm takes seconds: off the async workers.
    let w = tokio::task::spawn_blocking(move || {
        crate::bundle::write(&exe, &site_root, &out).map(|w| (w, out))
    })
    .await??;
    let (w, out) = w;
    println!(
        "{} written: {} site files ({} bytes with their compressed forms), {} bytes in all; `{} serve` needs only --database-url",
        out.display(),
        w.files,
        w.site_bytes,
        w.total_bytes,
        out.display()
    );
    Ok(())
}

/// `rubric purge`: what it deleted.
async fn purge(
    database: &Database,
    retention: &crate::config::RetentionArgs,
) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let p = app::ssr::services::retention::purge(&db, &retention.retention(), chrono::Utc::now())
        .await?;
    println!(
        "purged: {} failed sign-ins, {} returned entries never corrected",
        p.sign_in_failures, p.returned_drafts
    );
    Ok(())
}

/// `rubric backup --to FILE`: one line per table with its rows, then the file's size.
async fn backup(database: &Database, to: &std::path::Path) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let started = std::time::Instant::now();
    let summary = crate::backup::backup(&db, to).await?;
    for (table, rows) in &summary.header.tables {
        println!("{table}: {rows}");
    }
    println!(
        "backup written to {}: {} tables, {} rows, {} bytes, {:.1} s",
        to.display(),
        summary.header.tables.len(),
        summary.rows,
        summary.bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `rubric restore --from FILE`: restores, then checks the counts and the audit chain;
/// exit 1 when the restored data does not verify, 2 when nothing was restored.
async fn restore(database: &Database, from: &std::path::Path) -> ExitCode {
    let started = std::time::Instant::now();
    let restored = async {
        let db = db::open(&database.url, database.schema.as_deref()).await?;
        let summary = crate::backup::restore(&db, from).await?;
        Ok::<_, anyhow::Error>((db, summary))
    }
    .await;
    let (db, summary) = match restored {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rubric: nothing restored: {e:#}");
            return ExitCode::from(2);
        }
    };
    // When the backup was made, as the province reads a time: dd/mm/yyyy hh:mm, Vietnam.
    let made = chrono::DateTime::parse_from_rfc3339(&summary.header.created_at)
        .map(|t| {
            app::i18n::vietnam_time(t.with_timezone(&chrono::Utc))
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| summary.header.created_at.clone());
    println!(
        "restored {} rows of {} tables from {} (made {made} by Rubric {}) in {:.1} s",
        summary.rows,
        summary.header.tables.len(),
        from.display(),
        summary.header.rubric_version,
        started.elapsed().as_secs_f64()
    );
    let counts = crate::backup::check_counts(&db, &summary.header).await;
    let mut ok = true;
    match counts {
        Ok(()) => println!("counts check: every table holds the backup's row count"),
        Err(e) => {
            ok = false;
            println!("counts check FAILED: {e:#}");
        }
    }
    match audit::verify(&db).await {
        Ok(Verification::Intact { events }) => println!("audit trail intact: {events} events"),
        Ok(Verification::Broken { seq, id, problem }) => {
            ok = false;
            let id = id.map(|i| format!(" (row id {i})")).unwrap_or_default();
            println!("audit trail BROKEN at event {seq}{id}: {problem}");
        }
        Err(e) => {
            ok = false;
            println!("audit trail not verified: {e}");
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn audit_verify(database: &Database) -> ExitCode {
    let result = async {
        let db = database.connect().await?;
        Ok::<_, anyhow::Error>(audit::verify(&db).await?)
    }
    .await;
    match result {
        Ok(Verification::Intact { events }) => {
            println!("audit trail intact: {events} events");
            ExitCode::SUCCESS
        }
        Ok(Verification::Broken { seq, id, problem }) => {
            let id = id.map(|i| format!(" (row id {i})")).unwrap_or_default();
            println!("audit trail BROKEN at event {seq}{id}: {problem}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("rubric: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn rules(cmd: RulesCommand) -> ExitCode {
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = match cmd {
        RulesCommand::Check { file } => rubric_rules::cli::check(&file, &mut out, &mut err),
        RulesCommand::Test { dir } => rubric_rules::cli::test(&dir, &mut out, &mut err),
        RulesCommand::Eval { rules, input, json } => {
            rubric_rules::cli::eval(&rules, &input, json, &mut out, &mut err)
        }
        RulesCommand::Boundary { dir, input } => {
            rubric_rules::cli::boundary(&dir, input.as_deref(), &mut out, &mut err)
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// `rubric create-admin`: the first administrator of a new database.
async fn create_admin(database: &Database, username: &str, full_name: &str) -> anyhow::Result<()> {
    let password = match std::env::var("RUBRIC_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            use std::io::BufRead;
            eprint!("Mật khẩu / password for {username}: ");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let db = database.connect().await?;
    let created = accounts::create_admin(&db, username, full_name, &password)
        .await
        .map_err(app_err)?;
    println!(
        "Administrator {} created (id {}). Sign in at /dang-nhap.",
        created.username, created.id
    );
    Ok(())
}

/// `rubric api-token create`: the client (registered on first use), then a token, printed
/// alone on the last line.
async fn api_token_create(
    database: &Database,
    client: &str,
    agency: &str,
    scopes: &str,
    days: i64,
    name: Option<&str>,
    submitted: bool,
) -> anyhow::Result<()> {
    use app::ssr::services::api_clients;
    let db = database.connect().await?;
    let actor = Actor::system("rubric api-token");
    let found = match api_clients::client_by_name(&db, client).await {
        Ok(c) => c,
        Err(_) => {
            let c = api_clients::create_client(&db, &actor, client, agency, submitted)
                .await
                .map_err(app_err)?;
            eprintln!(
                "Đã đăng ký hệ thống kết nối / client registered: {} (cơ quan {agency})",
                c.name
            );
            c
        }
    };
    let agency_unit = units::by_code(&db, agency).await.map_err(app_err)?;
    if agency_unit.id != found.agency_id {
        anyhow::bail!(
            "hệ thống kết nối {client} thuộc cơ quan khác / client {client} belongs to another agency than {agency}"
        );
    }
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let name = name.map(str::to_string).unwrap_or(format!("cli {today}"));
    let issued = api_clients::issue_token(&db, &actor, found.id, &name, scopes, days)
        .await
        .map_err(app_err)?;
    eprintln!(
        "Mã truy cập / token {} — quyền / scopes {} — hết hạn / expires {}",
        issued.view.prefix,
        app::models::ApiScope::join(&issued.view.scopes),
        issued.view.expires_at.format("%d/%m/%Y %H:%M UTC"),
    );
    println!("{}", issued.token);
    Ok(())
}

/// `rubric api-token revoke TOKEN`: by its text or its first characters.
async fn api_token_revoke(database: &Database, token: &str) -> anyhow::Result<()> {
    use app::ssr::services::api_clients;
    let db = database.connect().await?;
    let id = api_clients::find_token(&db, token).await.map_err(app_err)?;
    api_clients::revoke_token(&db, &Actor::system("rubric api-token"), id)
        .await
        .map_err(app_err)?;
    println!("Đã thu hồi / revoked");
    Ok(())
}

/// `rubric import org FILE [--dry-run] [--codes FILE]`: every bad cell, every record the
/// import creates, changes or deactivates, then `create N, change N, deactivate N, errors N`.
async fn import_org(
    database: &Database,
    file: &std::path::Path,
    dry_run: bool,
    options: onboarding::Options,
    codes: Option<std::path::PathBuf>,
) -> anyhow::Result<ExitCode> {
    use app::models::PlanAct;
    let db = database.connect().await?;
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let actor = Actor::system("rubric import org");
    let report = if dry_run {
        onboarding::dry_run(&db, &actor, bytes, options).await
    } else {
        onboarding::apply(&db, &actor, bytes, options).await
    }
    .map_err(app_err)?;
    let vi = app::i18n::Locale::Vi;
    for e in &report.errors {
        println!("lỗi\t{}", e.text(vi));
    }
    for l in &report.lines {
        let act = match l.act {
            PlanAct::Create => "tạo",
            PlanAct::Change => "sửa",
            PlanAct::Deactivate => "ngừng",
        };
        println!(
            "{act}\t{}\t{}\t{}",
            l.sheet.title(),
            l.key,
            l.fields.join(", ")
        );
    }
    if !report.activations.is_empty() {
        let path = codes.unwrap_or_else(|| file.with_extension("ma-kich-hoat.csv"));
        write_codes(&path, &report.activations)?;
        println!(
            "mã kích hoạt của {} người mới: {}",
            report.activations.len(),
            path.display()
        );
    }
    println!("{}", report.counts_line());
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The new people's activation codes as CSV, readable by the owner alone.
fn write_codes(path: &std::path::Path, codes: &[app::models::Activation]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    f.write_all(app::models::activations_csv(codes).as_bytes())?;
    Ok(())
}

/// `rubric export template FILE`: the workbook to fill in, with examples and instructions.
async fn export_template(file: &std::path::Path) -> anyhow::Result<()> {
    let bytes = onboarding::template().await.map_err(app_err)?;
    std::fs::write(file, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!("{}", file.display());
    Ok(())
}

/// `rubric gen-org FILE`: a made-up organisation workbook.
async fn gen_org(
    file: &std::path::Path,
    shape: onboarding::export::Synthetic,
) -> anyhow::Result<()> {
    let bytes = onboarding::synthetic(shape).await.map_err(app_err)?;
    std::fs::write(file, &bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!("{} ({} bytes)", file.display(), bytes.len());
    Ok(())
}

/// The reports' operator reads what the committee reads: the province's figures, every
/// agency's list.
fn committee_operator() -> app::authz::Subject {
    use app::authz::{Grant, Role, Subject};
    Subject {
        user_id: -1,
        grants: vec![Grant {
            role: Role::Committee,
            unit_id: None,
        }],
        must_change_password: false,
    }
}

/// `rubric report monthly`: the monthly report as a workbook.
async fn report_monthly(
    database: &Database,
    period: &str,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let operator = committee_operator();
    let t = std::time::Instant::now();
    let d = app::ssr::services::dashboard::dashboard(&db, &operator, period, None)
        .await
        .map_err(app_err)?;
    let figures = t.elapsed();
    let t = std::time::Instant::now();
    let code = d.period.clone();
    let positions = app::ssr::services::reports::positions_of(&db, &code, &d.grades)
        .await
        .map_err(app_err)?;
    let bytes = app::ssr::services::reports::monthly(d, positions, app::i18n::Locale::Vi)
        .await
        .map_err(app_err)?;
    let workbook = t.elapsed();
    std::fs::write(file, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!(
        "{}: {code}, figures in {:.0} ms, workbook in {:.0} ms",
        file.display(),
        figures.as_secs_f64() * 1000.0,
        workbook.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// `rubric report classification`: an agency's classification list as a workbook.
async fn report_classification(
    database: &Database,
    period: &str,
    agency: &str,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let operator = committee_operator();
    let agency = match agency.trim() {
        "" => None,
        code => Some(
            app::ssr::services::org::UnitTree::load(&db)
                .await
                .map_err(app_err)?
                .by_code(code)
                .filter(|u| u.kind == "agency")
                .map(|u| u.id)
                .ok_or_else(|| anyhow::anyhow!("{code}: no agency has this code"))?,
        ),
    };
    let t = std::time::Instant::now();
    let l = app::ssr::services::reports::classification(&db, &operator, period, agency)
        .await
        .map_err(app_err)?;
    let listed = t.elapsed();
    let (code, officers) = (l.period.clone(), l.officers.len());
    let t = std::time::Instant::now();
    let bytes = app::ssr::services::reports::classification_book(l, app::i18n::Locale::Vi)
        .await
        .map_err(app_err)?;
    let workbook = t.elapsed();
    std::fs::write(file, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!(
        "{}: {code}, {officers} officers, list in {:.0} ms, workbook in {:.0} ms",
        file.display(),
        listed.as_secs_f64() * 1000.0,
        workbook.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// `rubric export org FILE`: the organisation workbook as Rubric holds it now.
async fn export_org(database: &Database, file: &std::path::Path) -> anyhow::Result<()> {
    let db = database.connect().await?;
    let bytes = onboarding::export(&db).await.map_err(app_err)?;
    std::fs::write(file, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!("{}", file.display());
    Ok(())
}
