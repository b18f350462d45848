//! The subcommands of `rubric`.

use std::process::ExitCode;

use app::ssr::{db, services::seed};

use crate::config::{Cli, Command, RulesCommand, ServeArgs};
use crate::startup::{shutdown_signal, Server};

pub async fn run(cli: Cli) -> ExitCode {
    let command = cli.command.unwrap_or(Command::Serve(ServeArgs::default()));
    let result = match command {
        Command::Serve(args) => serve(&cli.database_url, args).await,
        Command::Migrate => migrate(&cli.database_url).await,
        Command::SeedDemo => seed_demo(&cli.database_url).await,
        Command::Rules(cmd) => return rules(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rubric: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(database_url: &str, args: ServeArgs) -> anyhow::Result<()> {
    let db = db::connect(database_url, None).await?;
    if args.seed_demo {
        report_seed(seed::seed_demo_if_empty(&db).await?);
    }
    let server = Server::build(&args, db).await?;
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
    report_seed(seed::seed_demo_if_empty(&db).await?);
    Ok(())
}

fn report_seed(outcome: seed::SeedOutcome) {
    match outcome {
        seed::SeedOutcome::Seeded { units, users } => {
            println!("seeded the demo province: {units} units, {users} users");
            println!("  admin account: admin (sign-in arrives with the sign-in issue)");
        }
        seed::SeedOutcome::AlreadyPopulated => {
            println!("the database already has data; the demo was not seeded")
        }
    }
}

fn rules(cmd: RulesCommand) -> ExitCode {
    let _ = cmd;
    eprintln!("rubric rules: the rules engine is not wired yet");
    ExitCode::from(2)
}
