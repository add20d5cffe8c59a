//! The `portineria` command.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = portineria::cli::Cli::parse();
    match portineria::cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("portineria: {err:#}");
            ExitCode::FAILURE
        }
    }
}
