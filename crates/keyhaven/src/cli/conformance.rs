//! `keyhaven conformance`: plays OASIS KMIP XML test cases against any KMIP server over mutual TLS
//! (see [`crate::conformance`]).

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::CliResult;
use crate::client::{self, Endpoint, TlsOptions};
use crate::conformance::{self, report, Options};

#[derive(Args, Debug)]
pub struct ConformanceArgs {
    /// The KMIP server, HOST:PORT.
    #[arg(long)]
    pub server: String,
    /// The server's KMIP over HTTPS endpoint, HOST:PORT: the MSGENC-HTTPS/-JSON/-XML cases are
    /// played there (POST /kmip, same TLS name and credentials); without it they are not run.
    #[arg(long, value_name = "HOST:PORT")]
    pub https: Option<String>,
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
    /// Write the report (per version and profile passed/total, every case not passed with the
    /// first difference) to this Markdown file, e.g. CONFORMANCE.md.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// How the report names the server (default: "the KMIP server at HOST:PORT").
    #[arg(long)]
    pub label: Option<String>,
    /// Expected-failure list (PATH REASON a line): exit non-zero when a case fails that the list
    /// does not name, or when a listed case passes.
    #[arg(long)]
    pub expect: Option<PathBuf>,
    /// Write the failures of this run as an expected-failure list to this file.
    #[arg(long)]
    pub write_expected: Option<PathBuf>,
    /// Seconds allowed for one connect + handshake, and for one request.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Leave the objects of a failed case (default: revoke and destroy them after the file).
    #[arg(long)]
    pub no_cleanup: bool,
    /// Print the request and the actual response of each failed case to stderr (XML).
    #[arg(long)]
    pub verbose: bool,
    /// Test-case files or folders (searched recursively for *.xml).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

fn read(p: &PathBuf) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
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

pub fn run(a: ConformanceArgs) -> CliResult {
    let expected = match &a.expect {
        Some(p) => {
            let text =
                String::from_utf8(read(p)?).map_err(|_| format!("{}: not UTF-8", p.display()))?;
            Some(report::Expected::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?)
        }
        None => None,
    };
    let files = conformance::collect_files(&a.paths)?;
    if files.is_empty() {
        return Err("no test-case file (*.xml) under the paths given".into());
    }
    let (addr, host) = resolve(&a.server)?;
    let name = client::server_name(a.server_name.as_deref().unwrap_or(&host))
        .map_err(|e| e.to_string())?;
    let (ca, cert, key) = (read(&a.ca)?, read(&a.cert)?, read(&a.key)?);
    let tls = client::client_config(&ca, &cert, &key, &TlsOptions::default())
        .map_err(|e| e.to_string())?;
    let timeout = Duration::from_secs(a.timeout.max(1));
    let tls = Arc::new(tls);
    let mut endpoint = Endpoint::new(addr, name.clone(), tls.clone());
    endpoint.connect_timeout = timeout;
    endpoint.request_timeout = timeout;
    let https = match &a.https {
        Some(h) => {
            let (haddr, _) = resolve(h).map_err(|e| e.replace("--server", "--https"))?;
            let mut ep = Endpoint::new(haddr, name, tls);
            ep.connect_timeout = timeout;
            ep.request_timeout = timeout;
            Some(ep)
        }
        None => None,
    };
    let opts = Options {
        endpoint,
        cleanup: !a.no_cleanup,
        verbose: a.verbose,
        https,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let results = rt.block_on(conformance::run_files(&opts, &files, |r| {
        let mut line = r.line();
        if let Some(e) = &expected {
            match (r.passed(), e.reason(&r.name)) {
                (false, Some(_)) => line.push_str(" [expected failure]"),
                (false, None) => line.push_str(" [NOT IN THE EXPECTED-FAILURE LIST]"),
                (true, Some(_)) => line.push_str(" [LISTED AS EXPECTED FAILURE]"),
                (true, None) => {}
            }
        }
        println!("{line}");
    }));
    if let Some(p) = &a.report {
        let label = a
            .label
            .clone()
            .unwrap_or_else(|| format!("the KMIP server at {}", a.server));
        let text = report::markdown(&results, &label, "keyhaven conformance --report");
        std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    if let Some(p) = &a.write_expected {
        std::fs::write(p, report::Expected::from_results(&results))
            .map_err(|e| format!("{}: {e}", p.display()))?;
    }
    let problems = expected.map(|e| e.check(&results)).unwrap_or_default();
    for p in &problems {
        eprintln!("{p}");
    }
    println!("{}", conformance::summary_line(&results));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} case(s) disagree with the expected-failure list {}",
            problems.len(),
            a.expect
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ))
    }
}
