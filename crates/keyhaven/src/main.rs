//! `keyhaven`: the KMIP key server and its administration commands.

use std::process::ExitCode;

fn main() -> ExitCode {
    match keyhaven::cli::config::main(std::env::args_os().collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
