//! `keyhaven`: the KMIP key server and its administration commands.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = keyhaven::cli::Cli::parse();
    match keyhaven::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
