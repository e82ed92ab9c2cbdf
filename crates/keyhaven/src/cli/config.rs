//! `keyhaven config check`, and the program's entry point that reads the configuration file
//! ([`crate::config`]) before the command line is parsed.

use std::ffi::OsString;

use clap::{FromArgMatches, Subcommand};

use super::{Cli, CliResult, Command};
use crate::config::{self, ConfigFile};

#[derive(Subcommand, Debug)]
pub enum ConfigCmd {
    /// Validate the configuration file and print the effective serve settings (secrets redacted),
    /// each with where it came from: flag, environment, file or default.
    Check,
}

/// Parses the command line with the configuration file and the environment applied, and runs it.
pub fn main(args: Vec<OsString>) -> CliResult {
    let file = config::load(&args)?;
    let cmd = config::command(&file)?;
    let matches = cmd.get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.to_string())?;
    match cli.command {
        Command::Config(ConfigCmd::Check) => check(&matches, &file),
        _ => super::run(cli),
    }
}

fn check(matches: &clap::ArgMatches, file: &ConfigFile) -> CliResult {
    let settings = config::effective(matches, file)?;
    match &file.path {
        Some(p) => println!("# configuration file: {} (valid)", p.display()),
        None => println!(
            "# no configuration file (none named, and {} does not exist)",
            config::DEFAULT_PATH
        ),
    }
    println!("# precedence: flag > environment > file > default");
    let width = settings.iter().map(|s| s.key.len()).max().unwrap_or(0);
    for s in settings {
        let value =
            if s.value.parse::<f64>().is_ok() || s.value.starts_with('[') || s.value == "(none)" {
                s.value
            } else {
                format!("{:?}", s.value)
            };
        println!(
            "{:width$} = {value:40} # {}",
            s.key,
            s.source.as_str(),
            width = width
        );
    }
    Ok(())
}
