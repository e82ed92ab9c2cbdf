//! The configuration file (`keyhaven.toml`) and how it meets flags and environment variables.
//!
//! Every `keyhaven serve` setting, and the global `data_dir`, `database_url` and `database_ca`, may be
//! written in a flat TOML file, one key per setting, spelt as the flag without its dashes and with
//! `_` for `-` (`--max-message-bytes` is `max_message_bytes`; repeatable flags take an array):
//!
//! ```toml
//! data_dir = "/var/lib/keyhaven"
//! listen = ["0.0.0.0:5696"]
//! health_listen = "127.0.0.1:9090"
//! log_format = "json"
//! ```
//!
//! Precedence: flags > environment (`KEYHAVEN_<KEY>` in capitals, for every serve setting) > file >
//! built-in defaults. Values from the file become the defaults of the command-line parser, so every
//! value is checked by the same parser as its flag. A key that is not a setting (a typo) is an
//! error that names the key and its line; so is a value of the wrong type.
//!
//! The file is `--config FILE` (or `KEYHAVEN_CONFIG`); without either, `/etc/keyhaven/keyhaven.toml`
//! when it exists.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{ArgMatches, Command, CommandFactory, FromArgMatches};

use crate::cli::Cli;

/// The file read when neither `--config` nor `KEYHAVEN_CONFIG` names one.
pub const DEFAULT_PATH: &str = "/etc/keyhaven/keyhaven.toml";

/// Settings of the top-level command that the file may hold (the rest belong to `serve`).
const GLOBAL_KEYS: &[&str] = &["data_dir", "database_url", "database_ca"];

/// Arguments that are not settings.
const NOT_SETTINGS: &[&str] = &["help", "version", "config", "ready_file"];

/// One setting read from the file: its values (one unless the flag repeats) and its line.
#[derive(Clone, Debug)]
pub struct FileSetting {
    pub values: Vec<String>,
    pub line: usize,
}

/// A parsed configuration file.
#[derive(Clone, Debug, Default)]
pub struct ConfigFile {
    pub path: Option<PathBuf>,
    pub settings: BTreeMap<String, FileSetting>,
}

/// Where an effective value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment,
    File,
    Default,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Environment => "environment",
            Source::File => "file",
            Source::Default => "default",
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn scalar(v: &toml_edit::Value) -> Option<String> {
    use toml_edit::Value;
    match v {
        Value::String(s) => Some(s.value().clone()),
        Value::Integer(i) => Some(i.value().to_string()),
        Value::Float(f) => Some(f.value().to_string()),
        Value::Boolean(b) => Some(b.value().to_string()),
        _ => None,
    }
}

impl ConfigFile {
    /// Parses the text of a configuration file against the settings `known` (key → repeatable).
    pub fn parse(
        path: &Path,
        text: &str,
        known: &BTreeMap<String, bool>,
    ) -> Result<ConfigFile, String> {
        let where_ = path.display();
        let doc = toml_edit::Document::parse(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
            format!(
                "{where_}, line {line}: not valid TOML: {}",
                e.message().trim()
            )
        })?;
        let mut settings = BTreeMap::new();
        for (key, item) in doc.as_table().iter() {
            let line = doc
                .as_table()
                .get_key_value(key)
                .and_then(|(k, _)| k.span())
                .map(|s| line_of(text, s.start))
                .unwrap_or(0);
            let Some(&repeatable) = known.get(key) else {
                let hint = suggest(key, known.keys())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "{where_}, line {line}: unknown setting `{key}`{hint}; \
                     `keyhaven serve --help` lists the settings (a flag --a-b is the key a_b)"
                ));
            };
            let bad = |what: &str| format!("{where_}, line {line}: setting `{key}`: {what}");
            let values = match item.as_value() {
                Some(toml_edit::Value::Array(a)) => {
                    if !repeatable {
                        return Err(bad("takes one value, not an array"));
                    }
                    a.iter()
                        .map(|v| scalar(v).ok_or_else(|| bad("array items must be plain values")))
                        .collect::<Result<Vec<_>, _>>()?
                }
                Some(v) => vec![scalar(v).ok_or_else(|| bad("expects a plain value"))?],
                None => return Err(bad("expects a value, not a table (the file is flat)")),
            };
            settings.insert(key.to_owned(), FileSetting { values, line });
        }
        Ok(ConfigFile {
            path: Some(path.to_owned()),
            settings,
        })
    }
}

/// The closest known key, when it is close enough to be a typo.
fn suggest<'a>(key: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(ca != *cb);
                cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    }
    known
        .map(|k| (distance(key, k), k))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

fn is_setting(arg: &clap::Arg) -> bool {
    !NOT_SETTINGS.contains(&arg.get_id().as_str()) && arg.get_action().takes_values()
}

fn repeatable(arg: &clap::Arg) -> bool {
    matches!(arg.get_action(), clap::ArgAction::Append)
}

/// The settings the file may hold: key → whether it takes several values.
pub fn known_settings(cmd: &Command) -> BTreeMap<String, bool> {
    let mut known = BTreeMap::new();
    for a in cmd.get_arguments() {
        if GLOBAL_KEYS.contains(&a.get_id().as_str()) {
            known.insert(a.get_id().to_string(), repeatable(a));
        }
    }
    if let Some(serve) = cmd.find_subcommand("serve") {
        for a in serve.get_arguments().filter(|a| is_setting(a)) {
            known.insert(a.get_id().to_string(), repeatable(a));
        }
    }
    known
}

/// The environment variable of a serve setting.
pub fn env_name(id: &str) -> String {
    format!("KEYHAVEN_{}", id.to_ascii_uppercase())
}

/// The configuration file named on the command line (`--config F`, `--config=F`), else by
/// `KEYHAVEN_CONFIG`, else the default path when it exists. `Ok(None)`: no file.
pub fn locate(args: &[OsString]) -> Option<(PathBuf, bool)> {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let s = a.to_string_lossy();
        if s == "--" {
            break;
        }
        if s == "--config" {
            return it.next().map(|v| (PathBuf::from(v), true));
        }
        if let Some(v) = s.strip_prefix("--config=") {
            return Some((PathBuf::from(v), true));
        }
    }
    if let Some(v) = std::env::var_os("KEYHAVEN_CONFIG").filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(v), true));
    }
    let default = PathBuf::from(DEFAULT_PATH);
    default.exists().then_some((default, false))
}

/// The command-line parser with environment variables for every serve setting and the file's values
/// as defaults. Each file value is checked by its flag's parser here, so an error names its line.
pub fn command(file: &ConfigFile) -> Result<Command, String> {
    let mut cmd = Cli::command();
    let serve_ids: Vec<String> = cmd
        .find_subcommand("serve")
        .map(|s| {
            s.get_arguments()
                .filter(|a| is_setting(a) && a.get_env().is_none())
                .map(|a| a.get_id().to_string())
                .collect()
        })
        .unwrap_or_default();
    cmd = cmd.mut_subcommand("serve", |mut s| {
        for id in &serve_ids {
            s = s.mut_arg(id.as_str(), |a| a.env(env_name(id)));
        }
        s
    });
    let where_ = file
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    for (key, setting) in &file.settings {
        let global = GLOBAL_KEYS.contains(&key.as_str());
        let check = |c: &Command| -> Result<(), String> {
            let Some(arg) = c.get_arguments().find(|a| a.get_id() == key.as_str()) else {
                return Err(format!("{where_}: unknown setting `{key}`"));
            };
            let long = arg.get_long().unwrap_or(key.as_str()).to_owned();
            for v in &setting.values {
                // The flag's own parser: a one-argument command parses the value as the flag would.
                let probe = Command::new("keyhaven")
                    .no_binary_name(true)
                    .arg(arg.clone().env(None::<&str>).required(false));
                probe
                    .try_get_matches_from([format!("--{long}"), v.clone()])
                    .map_err(|e| {
                        let msg = e.to_string();
                        let first = msg
                            .lines()
                            .next()
                            .unwrap_or("")
                            .trim_start_matches("error: ");
                        format!("{where_}, line {}: setting `{key}`: {first}", setting.line)
                    })?;
            }
            Ok(())
        };
        let values: Vec<clap::builder::OsStr> = setting
            .values
            .iter()
            .map(|v| clap::builder::OsStr::from(v.clone()))
            .collect();
        if global {
            check(&cmd)?;
            cmd = cmd.mut_arg(key.as_str(), |a| a.default_values(values));
        } else {
            let mut result = Ok(());
            cmd = cmd.mut_subcommand("serve", |s| {
                result = check(&s);
                s.mut_arg(key.as_str(), |a| a.default_values(values))
            });
            result?;
        }
    }
    Ok(cmd)
}

/// Reads the configuration file for this invocation (see [`locate`]).
pub fn load(args: &[OsString]) -> Result<ConfigFile, String> {
    let Some((path, named)) = locate(args) else {
        return Ok(ConfigFile::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if !named && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ConfigFile::default())
        }
        Err(e) => return Err(format!("configuration file {}: {e}", path.display())),
    };
    ConfigFile::parse(&path, &text, &known_settings(&Cli::command()))
}

/// Parses the command line with the configuration file and the environment applied.
/// Exits with clap's message on a command-line error (as `Cli::parse` does).
pub fn parse_cli(args: Vec<OsString>) -> Result<(Cli, ConfigFile), String> {
    let file = load(&args)?;
    let cmd = command(&file)?;
    let matches = cmd.get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.to_string())?;
    Ok((cli, file))
}

/// One line of the effective configuration.
#[derive(Clone, Debug)]
pub struct Effective {
    pub key: String,
    pub value: String,
    pub source: Source,
}

fn source_of(m: &ArgMatches, id: &str, file: &ConfigFile) -> Option<Source> {
    Some(match m.value_source(id)? {
        ValueSource::CommandLine => Source::Flag,
        ValueSource::EnvVariable => Source::Environment,
        _ if file.settings.contains_key(id) => Source::File,
        _ => Source::Default,
    })
}

/// Whether a setting's value is secret (shown redacted).
pub fn is_secret(key: &str) -> bool {
    ["password", "passphrase", "secret", "token"]
        .iter()
        .any(|w| key.contains(w))
}

/// A database URL or key=value string with its password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        let (auth, host) = match rest.rsplit_once('@') {
            Some((a, h)) => (Some(a), h),
            None => (None, rest),
        };
        let auth = match auth {
            Some(a) => match a.split_once(':') {
                Some((user, _)) => format!("{user}:***@"),
                None => format!("{a}@"),
            },
            None => String::new(),
        };
        let host = host
            .split('&')
            .map(|p| match p.split_once('=') {
                Some((k, _)) if k.to_ascii_lowercase().ends_with("password") => format!("{k}=***"),
                _ => p.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("&");
        return format!("{scheme}://{auth}{host}");
    }
    url.split_whitespace()
        .map(|p| match p.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => p.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn shown(key: &str, values: Vec<String>) -> String {
    if is_secret(key) {
        return "<redacted>".into();
    }
    let values: Vec<String> = if key == "database_url" {
        values.iter().map(|v| redact_url(v)).collect()
    } else {
        values
    };
    match values.len() {
        1 => values.into_iter().next().unwrap_or_default(),
        _ => format!("[{}]", values.join(", ")),
    }
}

fn values_of(m: &ArgMatches, id: &str) -> Vec<String> {
    m.get_raw(id)
        .map(|vs| vs.map(|v| v.to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

/// The effective serve configuration for this invocation: the top-level settings from `top` (the
/// matches of the whole command line) and the serve settings as `serve` would see them with no
/// serve flags (environment, file, defaults). Fails as `serve` would on a bad value.
pub fn effective(top: &ArgMatches, file: &ConfigFile) -> Result<Vec<Effective>, String> {
    let cmd = command(file)?;
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if GLOBAL_KEYS.contains(&id) && seen.insert(id.to_owned()) {
            let values = values_of(top, id);
            let source = source_of(top, id, file).unwrap_or(Source::Default);
            out.push(Effective {
                key: id.to_owned(),
                value: if values.is_empty() {
                    "(none)".into()
                } else {
                    shown(id, values)
                },
                source,
            });
        }
    }
    let serve = cmd
        .find_subcommand("serve")
        .cloned()
        .ok_or("no serve command")?;
    let m = serve
        .clone()
        .no_binary_name(true)
        .try_get_matches_from(Vec::<OsString>::new())
        .map_err(|e| e.to_string())?;
    crate::cli::serve::ServeArgs::from_arg_matches(&m).map_err(|e| e.to_string())?;
    for a in serve.get_arguments().filter(|a| is_setting(a)) {
        let id = a.get_id().as_str();
        let values = values_of(&m, id);
        out.push(Effective {
            key: id.to_owned(),
            value: if values.is_empty() {
                "(none)".into()
            } else {
                shown(id, values)
            },
            source: source_of(&m, id, file).unwrap_or(Source::Default),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> BTreeMap<String, bool> {
        known_settings(&Cli::command())
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = "listen = [\"127.0.0.1:5696\"]\n\nmax_mesage_bytes = 10\n";
        let e = ConfigFile::parse(Path::new("k.toml"), text, &known()).unwrap_err();
        assert!(e.contains("line 3"), "{e}");
        assert!(e.contains("`max_mesage_bytes`"), "{e}");
        assert!(e.contains("did you mean `max_message_bytes`"), "{e}");
    }

    #[test]
    fn wrong_type_names_line() {
        let text = "# c\nmax_message_bytes = \"lots\"\n";
        let f = ConfigFile::parse(Path::new("k.toml"), text, &known()).expect("parses");
        let e = command(&f).map(|_| ()).unwrap_err();
        assert!(
            e.contains("line 2") && e.contains("max_message_bytes"),
            "{e}"
        );
    }

    #[test]
    fn tables_and_arrays_for_single_values_refused() {
        let e = ConfigFile::parse(Path::new("k"), "[serve]\nlisten = 1\n", &known()).unwrap_err();
        assert!(e.contains("line 1") && e.contains("serve"), "{e}");
        let e = ConfigFile::parse(Path::new("k"), "log = [\"a\", \"b\"]\n", &known()).unwrap_err();
        assert!(e.contains("one value"), "{e}");
    }

    #[test]
    fn the_example_file_is_valid() {
        let text = include_str!("../../../docs/keyhaven.example.toml");
        let f =
            ConfigFile::parse(Path::new("keyhaven.example.toml"), text, &known()).expect("parses");
        assert!(f.settings.contains_key("admin_listen"));
        command(&f).expect("every value is accepted by its flag");
    }

    #[test]
    fn redacts_database_passwords() {
        assert_eq!(
            redact_url("postgres://kh:s3cret@db1,db2/kh?sslmode=require&password=x"),
            "postgres://kh:***@db1,db2/kh?sslmode=require&password=***"
        );
        assert_eq!(
            redact_url("host=db user=kh password=s3cret dbname=kh"),
            "host=db user=kh password=*** dbname=kh"
        );
        assert_eq!(redact_url("postgres://kh@db/kh"), "postgres://kh@db/kh");
    }
}
