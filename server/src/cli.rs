//! The subcommands of `rubric`.

use std::process::ExitCode;
use std::sync::Arc;

use app::ssr::db;
use app::ssr::services::audit::{self, Actor, Verification};
use app::ssr::services::{scoring, seed};
use rubric_rules::RuleEngine;

use crate::config::{AuditCommand, Cli, Command, RulesCommand, ServeArgs};
use crate::startup::{shutdown_signal, Server};

pub async fn run(cli: Cli) -> ExitCode {
    let command = cli.command.unwrap_or(Command::Serve(ServeArgs::default()));
    let result = match command {
        Command::Serve(args) => serve(&cli.database_url, args).await,
        Command::Migrate => migrate(&cli.database_url).await,
        Command::SeedDemo => seed_demo(&cli.database_url).await,
        Command::Rules(cmd) => return rules(cmd),
        Command::Score { period, unit } => score(&cli.database_url, &period, unit.as_deref()).await,
        Command::Audit(AuditCommand::Verify) => return audit_verify(&cli.database_url).await,
        Command::GenProvince {
            officers,
            entries_per_day,
            period,
        } => gen_province(&cli.database_url, officers, entries_per_day, &period).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rubric: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Service errors carry a user message; show it rather than the Debug form.
fn app_err(e: app::error::AppError) -> anyhow::Error {
    match &e {
        app::error::AppError::Invalid { message, .. } => anyhow::anyhow!("{message}"),
        _ => anyhow::anyhow!("{e}"),
    }
}

async fn serve(database_url: &str, args: ServeArgs) -> anyhow::Result<()> {
    let db = db::connect(database_url, None).await?;
    let engine = Arc::new(RuleEngine::default());
    if args.seed_demo {
        report_seed(
            seed::seed_demo_if_empty(&db, &engine)
                .await
                .map_err(app_err)?,
        );
    }
    let server = Server::build(&args, db, engine).await?;
    let addr = server.local_addr()?;
    tracing::info!(%addr, "Rubric is listening on http://{addr}");
    server.run(shutdown_signal()).await?;
    Ok(())
}

async fn migrate(database_url: &str) -> anyhow::Result<()> {
    // connect() runs the migrations.
    db::connect(database_url, None).await?.close().await?;
    println!("database schema is up to date");
    Ok(())
}

async fn seed_demo(database_url: &str) -> anyhow::Result<()> {
    let db = db::connect(database_url, None).await?;
    let engine = RuleEngine::default();
    report_seed(
        seed::seed_demo_if_empty(&db, &engine)
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

async fn score(database_url: &str, period: &str, unit: Option<&str>) -> anyhow::Result<()> {
    let db = db::connect(database_url, None).await?;
    let engine = RuleEngine::default();
    let actor = Actor::system(format!(
        "cli:{}",
        std::env::var("USER").unwrap_or_else(|_| "rubric".into())
    ));
    let run = scoring::score_period(&db, &engine, &actor, period, unit)
        .await
        .map_err(app_err)?;
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
    database_url: &str,
    officers: usize,
    entries_per_day: usize,
    period: &str,
) -> anyhow::Result<()> {
    let db = db::connect(database_url, None).await?;
    let engine = RuleEngine::default();
    let started = std::time::Instant::now();
    let stats = seed::generate_province(&db, &engine, officers, entries_per_day, period)
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

async fn audit_verify(database_url: &str) -> ExitCode {
    let result = async {
        let db = db::connect(database_url, None).await?;
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
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
