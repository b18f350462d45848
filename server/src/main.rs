use std::process::ExitCode;

use clap::Parser;
use rubric_server::{cli, config::Cli, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(&cli.log);
    cli::run(cli).await
}
