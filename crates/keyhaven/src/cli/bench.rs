//! `keyhaven bench`: drives a KMIP server (any, not only Keyhaven) over mutual TLS and reports
//! throughput and latency. See [`crate::bench`] for the workloads.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, ValueEnum};
use keyhaven_kmip::ProtocolVersion;

use super::CliResult;
use crate::bench::{self, BenchOptions, Stop, Workload};
use crate::client::{self, Endpoint, TlsOptions};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum WorkloadArg {
    /// New TLS connection per flow: Discover Versions, Get, Get Attributes(State) (vCenter's check).
    Vcenter,
    /// Get on persistent connections.
    Get,
    /// Create AES-256 keys on persistent connections.
    Create,
    /// Locate by Name on persistent connections.
    Locate,
    /// --hosts hosts connect at once, each fetches --keys keys; reports the total time.
    Storm,
    /// --hosts connections opened (Discover Versions each), held idle for --duration, closed.
    Idle,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TlsArg {
    /// Offer TLS 1.3 and 1.2.
    Any,
    #[value(name = "1.3")]
    V13,
    #[value(name = "1.2")]
    V12,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// The KMIP server, HOST:PORT.
    #[arg(long)]
    pub server: String,
    /// TLS server name to verify and send as SNI (default: the HOST of --server).
    #[arg(long)]
    pub server_name: Option<String>,
    /// CA certificate(s) the server certificate must chain to (PEM).
    #[arg(long)]
    pub ca: PathBuf,
    /// Client certificate (PEM, leaf first).
    #[arg(long)]
    pub cert: PathBuf,
    /// Client private key (PEM).
    #[arg(long)]
    pub key: PathBuf,
    #[arg(long, value_enum)]
    pub workload: WorkloadArg,
    /// Concurrent connections (flows for vcenter).
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Measure for this many seconds (default 10 unless --count is given).
    #[arg(long, conflicts_with = "count")]
    pub duration: Option<f64>,
    /// Measure this many operations (flows for vcenter).
    #[arg(long)]
    pub count: Option<u64>,
    /// Keys created first and then used (get, vcenter, locate; keys per host for storm).
    #[arg(long, default_value_t = 100)]
    pub keys: usize,
    /// Simulated hosts connecting at once (storm), connections held open (idle).
    #[arg(long, default_value_t = 100)]
    pub hosts: usize,
    /// Start hosts in waves of this many, each wave when the previous one is done (storm, idle);
    /// 0: all at once.
    #[arg(long, default_value_t = 0)]
    pub wave: usize,
    /// KMIP protocol version of every request (vCenter speaks 1.1).
    #[arg(long, default_value = "1.1")]
    pub kmip_version: String,
    /// TLS versions to offer.
    #[arg(long, value_enum, default_value = "any")]
    pub tls: TlsArg,
    /// Disable TLS session resumption (every vcenter flow then runs a full handshake).
    #[arg(long)]
    pub no_resume: bool,
    /// Cipher suites to offer, most preferred first, comma-separated rustls names (e.g.
    /// TLS13_AES_128_GCM_SHA256,TLS13_AES_256_GCM_SHA384); default: rustls' list and order.
    #[arg(long, value_delimiter = ',')]
    pub cipher_suites: Vec<String>,
    /// Leave Nagle's algorithm on (no TCP_NODELAY), as some KMIP clients do.
    #[arg(long)]
    pub nagle: bool,
    /// Seconds allowed for one connect + handshake, and for one request.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Username for the KMIP Username/Password credential.
    #[arg(long, requires = "password_file")]
    pub username: Option<String>,
    /// File holding the password (first line).
    #[arg(long, requires = "username")]
    pub password_file: Option<PathBuf>,
    /// Use these existing key identifiers (one a line) instead of creating keys (get, vcenter, storm).
    #[arg(long)]
    pub uids_file: Option<PathBuf>,
    /// create: write the identifiers of the keys made to this file, one a line.
    #[arg(long)]
    pub save_uids: Option<PathBuf>,
    /// Load-generator threads (default: the number of CPUs).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

fn read(p: &PathBuf) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn parse_version(s: &str) -> Result<ProtocolVersion, String> {
    let (a, b) = s
        .split_once('.')
        .ok_or_else(|| format!("--kmip-version {s:?}: expected MAJOR.MINOR, e.g. 1.1"))?;
    let v = ProtocolVersion::new(
        a.parse().map_err(|_| format!("--kmip-version {s:?}"))?,
        b.parse().map_err(|_| format!("--kmip-version {s:?}"))?,
    );
    Ok(v)
}

fn resolve(server: &str) -> Result<(SocketAddr, String), String> {
    let addr = server
        .to_socket_addrs()
        .map_err(|e| format!("--server {server}: {e}"))?
        .next()
        .ok_or_else(|| format!("--server {server}: no address"))?;
    let host = match server.rsplit_once(':') {
        Some((h, _)) => h.trim_start_matches('[').trim_end_matches(']').to_owned(),
        None => server.to_owned(),
    };
    Ok((addr, host))
}

pub fn run(a: BenchArgs) -> CliResult {
    let workload = match a.workload {
        WorkloadArg::Vcenter => Workload::Vcenter,
        WorkloadArg::Get => Workload::Get,
        WorkloadArg::Create => Workload::Create,
        WorkloadArg::Locate => Workload::Locate,
        WorkloadArg::Storm => Workload::Storm,
        WorkloadArg::Idle => Workload::Idle,
    };
    let version = parse_version(&a.kmip_version)?;
    let (addr, host) = resolve(&a.server)?;
    let name = client::server_name(a.server_name.as_deref().unwrap_or(&host))
        .map_err(|e| e.to_string())?;
    let (ca, cert, key) = (read(&a.ca)?, read(&a.cert)?, read(&a.key)?);
    let (tls13, tls12) = match a.tls {
        TlsArg::Any => (true, true),
        TlsArg::V13 => (true, false),
        TlsArg::V12 => (false, true),
    };
    let opts = TlsOptions {
        tls13,
        tls12,
        session_cache: if a.no_resume { 0 } else { 1024 },
        cipher_suites: a.cipher_suites.clone(),
    };
    let config = client::client_config(&ca, &cert, &key, &opts).map_err(|e| e.to_string())?;
    let fresh = client::client_config(
        &ca,
        &cert,
        &key,
        &TlsOptions {
            session_cache: 0,
            ..opts.clone()
        },
    )
    .map_err(|e| e.to_string())?;
    let timeout = Duration::from_secs(a.timeout.max(1));
    let endpoint = |cfg| {
        let mut e = Endpoint::new(addr, name.clone(), Arc::new(cfg));
        e.connect_timeout = timeout;
        e.request_timeout = timeout;
        e.nodelay = !a.nagle;
        e
    };
    let credential = match (&a.username, &a.password_file) {
        (Some(u), Some(f)) => {
            let text = String::from_utf8(read(f)?).map_err(|_| "the password file is not UTF-8")?;
            Some((
                u.clone(),
                text.lines().next().unwrap_or_default().to_owned(),
            ))
        }
        _ => None,
    };
    let uids = match &a.uids_file {
        Some(f) => {
            let text =
                String::from_utf8(read(f)?).map_err(|_| "the identifiers file is not UTF-8")?;
            let v: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            if v.is_empty() {
                return Err(format!("{}: no identifiers", f.display()));
            }
            Some(Arc::new(v))
        }
        None => None,
    };
    let stop = match (a.count, a.duration) {
        (Some(n), _) => Stop::Count(n),
        (None, Some(d)) if d > 0.0 => Stop::After(Duration::from_secs_f64(d)),
        (None, Some(_)) => return Err("--duration must be positive".into()),
        (None, None) => Stop::After(Duration::from_secs(10)),
    };
    let o = BenchOptions {
        endpoint: endpoint(config),
        fresh_endpoint: endpoint(fresh),
        workload,
        concurrency: a.concurrency.max(1),
        stop,
        keys: a.keys.max(1),
        hosts: a.hosts.max(1),
        wave: a.wave,
        version,
        credential,
        uids,
        keep_created: a.save_uids.is_some(),
        server_label: a.server.clone(),
    };
    let threads = a.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let result = rt.block_on(bench::run(o));
    let outcome = match result {
        Ok(o) => o,
        Err(e) => {
            if a.json {
                println!(
                    "{}",
                    serde_json::json!({ "workload": workload.name(), "server": a.server, "error": e })
                );
            }
            return Err(e);
        }
    };
    if let Some(p) = &a.save_uids {
        let mut text = outcome.created.join("\n");
        text.push('\n');
        std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    if a.json {
        println!(
            "{}",
            serde_json::to_string(&outcome.report).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", outcome.report.to_text());
    }
    Ok(())
}
