use std::process::ExitCode;

use clap::Parser;
use rubric_server::{cli, config::Cli, telemetry};

/// See server/Cargo.toml: rendering pages is allocation-heavy.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(&cli.log, cli.log_format);
    cli::run(cli).await
}
