//! The command line: `serve`, and the administration commands that work while the server runs (they
//! share the data directory's store with it).

pub mod admin;
pub mod admin_audit;
pub mod audit;
pub mod backup;
pub mod bench;
pub mod certs;
pub mod client;
pub mod cluster;
pub mod config;
pub mod conformance;
pub mod key;
pub mod provider;
pub mod provider_cloud;
pub mod serve;
pub mod tenant;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Keyhaven: a KMIP key server for VMware vSphere and any KMIP client.
#[derive(Parser, Debug)]
#[command(name = "keyhaven", version, about)]
pub struct Cli {
    /// Configuration file (TOML; every serve setting; precedence: flags > environment > file >
    /// defaults). Default: /etc/keyhaven/keyhaven.toml when it exists.
    #[arg(long, global = true, env = "KEYHAVEN_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The data directory (store, root keys, TLS material).
    #[arg(
        long,
        global = true,
        env = "KEYHAVEN_DATA_DIR",
        default_value = "keyhaven-data"
    )]
    pub data_dir: PathBuf,
    /// PostgreSQL store shared by a cluster of nodes, e.g. postgres://keyhaven@db1,db2/keyhaven?target_session_attrs=read-write
    /// (libpq URL or key=value string). Absent: SQLite in the data directory. Root keys and TLS
    /// material stay in the data directory (see docs/cluster.md).
    #[arg(
        long,
        global = true,
        env = "KEYHAVEN_DATABASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub database_url: Option<String>,
    /// CA certificate(s) (PEM) that signed the PostgreSQL server's certificate: the store is then
    /// reached over TLS only, the server verified against them and the URL's host name.
    #[arg(
        long,
        global = true,
        env = "KEYHAVEN_DATABASE_CA",
        value_name = "FILE",
        requires = "database_url"
    )]
    pub database_ca: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start the KMIP server (creates the data directory, CA, server certificate and default tenant on first start).
    Serve(serve::ServeArgs),
    /// Trust, issue, list and remove KMIP clients.
    #[command(subcommand)]
    Client(client::ClientCmd),
    /// The key inventory: list, show, revoke, destroy, restore.
    #[command(subcommand)]
    Key(key::KeyCmd),
    /// Create, list, suspend and resume tenants.
    #[command(subcommand)]
    Tenant(tenant::TenantCmd),
    /// Read the audit trail.
    Audit(audit::AuditArgs),
    /// Root-key providers of this node: add a PKCS#11 HSM or a cloud key manager (IBM Key
    /// Protect, AWS KMS, OpenBao/Vault Transit), list, check, remove.
    #[command(subcommand)]
    Provider(provider::ProviderCmd),
    /// Load-test any KMIP server over mutual TLS (workloads vcenter, get, create, locate, storm).
    Bench(bench::BenchArgs),
    /// Play OASIS KMIP XML test cases against any KMIP server and compare the answers.
    Conformance(conformance::ConformanceArgs),
    /// Back up this node (store, local root keys, TLS, providers) into one encrypted file while
    /// the server runs; `backup verify FILE` checks one.
    Backup(backup::BackupArgs),
    /// Restore a backup into an empty data directory (and empty database with --database-url).
    Restore(backup::RestoreArgs),
    /// Server certificates: renew (no restart needed), expiry of every certificate.
    #[command(subcommand)]
    ServerCert(certs::ServerCertCmd),
    /// The server CA: rollover with a period where both CAs are trusted.
    #[command(subcommand)]
    Ca(certs::CaCmd),
    /// Nodes sharing a PostgreSQL store: join tokens, join, status.
    #[command(subcommand)]
    Cluster(cluster::ClusterCmd),
    /// Administrators of the admin API and web console: create-user, issue, list, remove.
    #[command(subcommand)]
    Admin(admin::AdminCmd),
    /// The configuration file: `config check` validates it and prints the effective settings.
    #[command(subcommand)]
    Config(config::ConfigCmd),
}

/// A CLI failure: a message for the administrator.
pub type CliResult = Result<(), String>;

pub fn run(cli: Cli) -> CliResult {
    crate::datadir::set_database_url(cli.database_url.clone());
    crate::datadir::set_database_ca(cli.database_ca.clone());
    match cli.command {
        Command::Serve(a) => serve::run(&cli.data_dir, a),
        Command::Client(c) => {
            let what = format!("{c:?}");
            let r = client::run(&cli.data_dir, c);
            admin_audit::record(&cli.data_dir, "client", &what, &r);
            r
        }
        Command::Tenant(c) => {
            let what = format!("{c:?}");
            let r = tenant::run(&cli.data_dir, c);
            admin_audit::record(&cli.data_dir, "tenant", &what, &r);
            r
        }
        Command::Key(c) => key::run(&cli.data_dir, c),
        Command::Audit(a) => audit::run(&cli.data_dir, a),
        Command::Provider(c) => {
            let what = format!("{c:?}");
            let r = provider::run(&cli.data_dir, c);
            admin_audit::record(&cli.data_dir, "provider", &what, &r);
            r
        }
        Command::Bench(a) => bench::run(a),
        Command::Conformance(a) => conformance::run(a),
        Command::Backup(a) => backup::run_backup(&cli.data_dir, a),
        Command::Restore(a) => backup::run_restore(&cli.data_dir, a),
        Command::ServerCert(c) => certs::run_server_cert(&cli.data_dir, c),
        Command::Ca(c) => certs::run_ca(&cli.data_dir, c),
        Command::Cluster(c) => cluster::run(&cli.data_dir, c),
        Command::Admin(c) => admin::run(&cli.data_dir, c),
        // Needs the parsed command line: handled by `main`.
        Command::Config(_) => Err("`config` is run through keyhaven::cli::config::main".into()),
    }
}

/// Opens the data directory for an admin command (creating it, the store and the default tenant if needed).
pub fn open_admin(data_dir: &std::path::Path) -> Result<crate::datadir::Opened, String> {
    let dir = crate::datadir::DataDir::new(data_dir);
    let opened = crate::datadir::open(&dir, crate::crypto::envelope::DEFAULT_CHECK_INTERVAL)
        .map_err(|e| e.to_string())?;
    crate::datadir::ensure_initialized(&opened, &[], &[]).map_err(|e| e.to_string())?;
    Ok(opened)
}

/// Formats seconds since the epoch as RFC 3339 (UTC).
pub fn fmt_time(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| t.to_string())
}
