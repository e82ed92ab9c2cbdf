//! `keyhaven serve`.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use super::CliResult;
use crate::datadir::{self, DataDir};
use crate::server::tls_stream::{Acceptor, TlsPolicy};
use crate::server::{self, tls, tls_openssl, Limits, Server};

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on for KMIP (repeatable).
    #[arg(long, default_value = "0.0.0.0:5696")]
    pub listen: Vec<SocketAddr>,
    /// Extra host names or addresses for the server certificate's SANs (first start only).
    #[arg(long = "hostname")]
    pub hostnames: Vec<String>,
    /// Log filter (error, warn, info, debug, trace, or a tracing filter).
    #[arg(long, env = "KEYHAVEN_LOG", default_value = "info")]
    pub log: String,
    /// Log line format: text (colours only on a terminal) or json (one object a line).
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: crate::logging::LogFormat,
    /// Largest request accepted, in bytes.
    #[arg(long, default_value_t = 1 << 20)]
    pub max_message_bytes: usize,
    /// Most batch items in one request.
    #[arg(long, default_value_t = 256)]
    pub max_batch_items: usize,
    /// Most simultaneous connections.
    #[arg(long, default_value_t = 2048)]
    pub max_connections: usize,
    /// Most simultaneous connections from one IP address (KMIP and HTTPS together).
    #[arg(long, default_value_t = 256)]
    pub max_connections_per_ip: usize,
    /// Most TLS handshakes in progress at once from one IP address.
    #[arg(long, default_value_t = 32)]
    pub max_handshakes_per_ip: usize,
    /// Seconds a connection may stay idle between requests.
    #[arg(long, default_value_t = 120)]
    pub idle_timeout_secs: u64,
    /// Seconds allowed to receive one message, and for the TLS handshake.
    #[arg(long, default_value_t = 10)]
    pub read_timeout_secs: u64,
    /// Seconds to finish requests in flight at shutdown.
    #[arg(long, default_value_t = 30)]
    pub shutdown_grace_secs: u64,
    /// Seconds between checks that a tenant's root key still exists (crypto-shredding bound).
    #[arg(long, default_value_t = 30)]
    pub root_key_check_secs: u64,
    /// Seconds existing keys stay readable while a root-key provider (HSM) cannot be reached
    /// (new keys are refused meanwhile); never once it answers that the key is gone or disabled.
    #[arg(long, default_value_t = 300)]
    pub root_key_grace_secs: u64,
    /// Answer nodes joining the cluster (`keyhaven cluster join`) on this address (mutual TLS;
    /// a one-time token from `keyhaven cluster token` is required).
    #[arg(long, value_name = "ADDR")]
    pub cluster_listen: Option<SocketAddr>,
    /// Renew the server certificates this many days before they expire, while the CA key is on
    /// this node (0: never automatically; `keyhaven server-cert renew` does it by hand).
    #[arg(long, default_value_t = crate::certs::DEFAULT_RENEW_DAYS)]
    pub cert_renew_days: i64,
    /// Seconds between checks of the certificate files (reload when changed, renew, warn of
    /// expiry 30 days ahead).
    #[arg(long, default_value_t = 60)]
    pub cert_check_secs: u64,
    /// Write the bound listen addresses to this file once listening (for scripts and tests).
    #[arg(long)]
    pub ready_file: Option<std::path::PathBuf>,
    /// Serve plain-HTTP GET /healthz (process alive) and /readyz (store and root keys usable) on
    /// this address, for load balancers and monitoring.
    #[arg(long, value_name = "ADDR")]
    pub health_listen: Option<SocketAddr>,
    /// Also serve KMIP over HTTPS (POST /kmip; binary TTLV, XML or JSON by Content-Type) on this
    /// address, with the same mutual TLS, clients and tenants as the KMIP port (repeatable).
    #[arg(long, value_name = "ADDR")]
    pub https_listen: Vec<SocketAddr>,
    /// Serve the admin HTTPS API (/api/v1/) and the web console (/) on this address; without a
    /// value, on the loopback address 127.0.0.1:9443. Administrators: `keyhaven admin create-user`.
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = crate::admin::DEFAULT_LISTEN)]
    pub admin_listen: Option<SocketAddr>,
    /// TLS implementation and cipher suites of the KMIP and HTTPS listeners: `modern` (rustls:
    /// TLS 1.3/1.2 with ECDHE and AEAD only) or `kmip-profile` (OpenSSL: the same plus the KMIP
    /// Profiles' static-RSA AES-CBC suites for older appliances; weaker, see docs/tls.md).
    #[arg(long, value_enum, default_value_t = TlsPolicy::Modern)]
    pub tls_policy: TlsPolicy,
    #[command(flatten)]
    pub audit: AuditServeArgs,
}

/// How `serve` keeps the audit trail (see server/audit.rs and audit/).
#[derive(Args, Debug)]
pub struct AuditServeArgs {
    /// Refuse operations (General Failure) while the audit trail cannot be written, and answer
    /// only once each operation's audit record is committed.
    #[arg(long)]
    pub audit_fail_closed: bool,
    /// Also append every committed audit record to this file, one JSON object a line.
    #[arg(long, value_name = "FILE")]
    pub audit_jsonl: Option<std::path::PathBuf>,
    /// Also send every committed audit record to syslog as RFC 5424: unix:/dev/log (journald),
    /// udp:HOST:PORT or tcp:HOST:PORT.
    #[arg(long, value_name = "TARGET")]
    pub audit_syslog: Option<crate::audit::ship::SyslogTarget>,
    /// Sign an audit checkpoint after this many records (and each minute when records were added).
    #[arg(long, default_value_t = 1000)]
    pub audit_checkpoint_every: u64,
    /// Seconds a batch of audit records is retried while the store refuses it, before it is
    /// spooled to audit-spool.jsonl in the data directory.
    #[arg(long, default_value_t = 120, hide = true)]
    pub audit_retry_secs: u64,
}

impl AuditServeArgs {
    fn options(&self, dir: &Path) -> Result<server::audit::AuditOptions, String> {
        let shipper = if self.audit_jsonl.is_some() || self.audit_syslog.is_some() {
            Some(crate::audit::ship::Shipper::open(
                self.audit_jsonl.as_deref(),
                self.audit_syslog.as_ref(),
            )?)
        } else {
            None
        };
        let signer = crate::audit::signing::AuditSigner::load_or_create(dir)?;
        tracing::info!(key_id = %signer.verifier.key_id, fail_closed = self.audit_fail_closed, "audit trail: hash chain with signed checkpoints");
        Ok(server::audit::AuditOptions {
            fail_closed: self.audit_fail_closed,
            spool: Some(dir.join("audit-spool.jsonl")),
            shipper,
            signer: Some(std::sync::Arc::new(signer)),
            checkpoint_every: self.audit_checkpoint_every.max(1),
            retry_for: Duration::from_secs(self.audit_retry_secs),
            ..Default::default()
        })
    }
}

pub fn run(data_dir: &Path, a: ServeArgs) -> CliResult {
    crate::logging::init(&a.log, a.log_format)?;

    crate::hardening::apply();
    let dir = DataDir::new(data_dir);
    let opened = datadir::open(&dir, Duration::from_secs(a.root_key_check_secs))
        .map_err(|e| e.to_string())?;
    let report =
        datadir::ensure_initialized(&opened, &a.hostnames, &[]).map_err(|e| e.to_string())?;
    // Administrators of a data directory from before schema version 7 move into the store.
    if let Err(e) = crate::admin::registry::import_file(opened.store.as_ref(), &dir.root) {
        tracing::error!(error = %e, "cannot import the administrators file");
    }
    let envelope = opened.envelope.clone();
    envelope.set_unreachable_grace(Duration::from_secs(a.root_key_grace_secs));
    // Every tenant's root key must answer before we serve.
    for t in opened.store.list_tenants().map_err(|e| e.to_string())? {
        if let Err(e) = envelope.verify_tenant(&t.id) {
            tracing::error!(tenant = %t.name, error = %e, "tenant root key unusable: its keys will not be served");
        }
    }
    // Finish root key rotations that an earlier process left half done.
    for r in opened
        .store
        .list_root_rotations()
        .map_err(|e| e.to_string())?
    {
        let (store, envelope) = (opened.store.clone(), envelope.clone());
        std::thread::spawn(move || {
            let result = crate::crypto::rotation::rotate_root_key(
                store.as_ref(),
                &envelope,
                &r.tenant_id,
                crate::crypto::rotation::SETTLE,
                &mut |line| tracing::info!(tenant = %r.tenant_id, "root key rotation: {line}"),
            );
            match result {
                Ok(out) => {
                    tracing::info!(tenant = %r.tenant_id, new_root_key = %out.new_ref, "resumed root key rotation completed")
                }
                Err(e) => {
                    tracing::error!(tenant = %r.tenant_id, error = %e, "cannot complete the interrupted root key rotation")
                }
            }
        });
    }
    crate::rootkey::cloud::mirror::spawn_sweeper(
        opened.store.clone(),
        dir.providers_file(),
        Duration::from_secs(a.root_key_check_secs.max(1)),
    );
    // Data directories made before ECDSA certificates existed get one now.
    if crate::certs::ensure_ecdsa(&dir).map_err(|e| e.to_string())? {
        tracing::info!(cert = %crate::certs::CertPaths::server_ecdsa_cert(&dir).display(), "added an ECDSA P-256 server certificate");
    }
    let server_certs = crate::certs::resolver::ServerCerts::load(&dir)?;
    let tls_config =
        tls::server_config_resolving(server_certs.clone()).map_err(|e| e.to_string())?;
    let admin_tls = crate::admin::tls::server_config(server_certs.clone())?;
    crate::server::metrics::global().watch_certificate("server", dir.server_cert());
    crate::server::metrics::global().watch_certificate("ca", dir.ca_cert());
    let acceptor = match a.tls_policy {
        TlsPolicy::Modern => Acceptor::from(tls_config.clone()),
        TlsPolicy::KmipProfile => {
            // OpenSSL picks RSA or ECDSA per handshake, and reloads the files when renewed.
            let mut files = vec![tls_openssl::CertFiles {
                chain: dir.server_cert(),
                key: dir.server_key(),
            }];
            let (ec_cert, ec_key) = (
                crate::certs::CertPaths::server_ecdsa_cert(&dir),
                crate::certs::CertPaths::server_ecdsa_key(&dir),
            );
            if ec_cert.exists() && ec_key.exists() {
                files.push(tls_openssl::CertFiles {
                    chain: ec_cert,
                    key: ec_key,
                });
            }
            Acceptor::OpenSsl(Arc::new(tls_openssl::ProfileAcceptor::new(files)?))
        }
    };
    tracing::info!(policy = a.tls_policy.as_str(), "TLS policy");
    crate::certs::watch::spawn(
        server_certs,
        dir.clone(),
        opened.store.clone(),
        crate::certs::watch::WatchSettings {
            interval: Duration::from_secs(a.cert_check_secs.max(1)),
            renew_days: a.cert_renew_days,
            warn_days: crate::certs::WARN_DAYS,
        },
    );
    let limits = Limits {
        max_message_len: a.max_message_bytes,
        max_batch_items: a.max_batch_items,
        max_connections: a.max_connections,
        idle_timeout: Duration::from_secs(a.idle_timeout_secs),
        read_timeout: Duration::from_secs(a.read_timeout_secs),
        handshake_timeout: Duration::from_secs(a.read_timeout_secs),
        shutdown_grace: Duration::from_secs(a.shutdown_grace_secs),
        max_connections_per_ip: a.max_connections_per_ip,
        max_handshakes_per_ip: a.max_handshakes_per_ip,
        ..Limits::default()
    };
    let audit = a.audit.options(data_dir)?;
    let server = Arc::new(Server::with_audit(
        opened.store.clone(),
        envelope,
        limits,
        audit,
    ));
    // Certify and Re-certify sign with the server's CA.
    if let Ok(ca) = crate::datadir::load_ca(&dir) {
        crate::server::ca::install(ca);
    }

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    rt.block_on(async {
        let mut listeners = Vec::new();
        let mut bound = Vec::new();
        for addr in &a.listen {
            let l = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
            bound.push(l.local_addr().map_err(|e| e.to_string())?);
            listeners.push(l);
        }
        let mut https_listeners = Vec::new();
        let mut https_bound = Vec::new();
        for addr in &a.https_listen {
            let l = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| format!("cannot listen on {addr} for KMIP over HTTPS: {e}"))?;
            https_bound.push(l.local_addr().map_err(|e| e.to_string())?);
            https_listeners.push(l);
        }
        let health = match a.health_listen {
            Some(addr) => {
                let l = tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|e| format!("cannot listen on {addr} for health checks: {e}"))?;
                tracing::info!(addr = %l.local_addr().map_err(|e| e.to_string())?, "health endpoints /healthz and /readyz listening");
                Some(l)
            }
            None => None,
        };
        let admin = match a.admin_listen {
            Some(addr) => Some(
                tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|e| format!("cannot listen on {addr} for the admin console: {e}"))?,
            ),
            None => None,
        };
        let admin_bound = match &admin {
            Some(l) => Some(l.local_addr().map_err(|e| e.to_string())?),
            None => None,
        };
        print_banner(&dir, &bound, &report);
        if let Some(p) = &a.ready_file {
            // KMIP addresses first (one a line), then `https=ADDR` lines.
            let text: Vec<String> = bound
                .iter()
                .map(|b| b.to_string())
                .chain(https_bound.iter().map(|b| format!("https={b}")))
                .chain(admin_bound.iter().map(|b| format!("admin={b}")))
                .collect();
            std::fs::write(p, text.join("\n")).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        let (tx, rx) = tokio::sync::watch::channel(false);
        crate::cluster::heartbeat::spawn(
            opened.store.clone(),
            dir.clone(),
            bound.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(","),
        );
        if let Some(addr) = a.cluster_listen {
            let l = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| format!("cannot listen on {addr} for cluster joins: {e}"))?;
            tracing::info!(addr = %addr, "cluster join listener");
            tokio::spawn(crate::cluster::join_server::serve(
                tls_config.clone(),
                l,
                dir.clone(),
                rx.clone(),
            ));
        }
        if let Some(l) = health {
            tokio::spawn(server::health::serve(server.clone(), l, rx.clone()));
        }
        if let (Some(l), Some(b)) = (admin, admin_bound) {
            let state = crate::admin::AdminState::new(
                server.clone(),
                datadir::Opened {
                    dir: dir.clone(),
                    store: opened.store.clone(),
                    local: opened.local.clone(),
                    envelope: opened.envelope.clone(),
                },
                bound.iter().map(|b| format!("kmip {b}")).chain(https_bound.iter().map(|b| format!("https {b}"))).chain([format!("admin {b}")]).collect(),
            );
            tracing::info!(addr = %b, "admin API and web console listening: https://{b}/");
            tokio::spawn(crate::admin::serve(
                Arc::new(state),
                admin_tls.clone(),
                l,
                rx.clone(),
            ));
        }
        tokio::spawn(async move {
            wait_for_signal().await;
            let _ = tx.send(true);
        });
        let https = if https_listeners.is_empty() {
            None
        } else {
            for b in &https_bound {
                tracing::info!(addr = %b, "KMIP over HTTPS listening (POST /kmip)");
            }
            Some(tokio::spawn(server::https::serve(
                server.clone(),
                acceptor.clone(),
                https_listeners,
                rx.clone(),
            )))
        };
        server::conn::serve(server.clone(), acceptor, listeners, rx).await;
        if let Some(h) = https {
            let _ = h.await;
        }
        Ok::<(), String>(())
    })?;
    server.audit.close();
    tracing::info!("stopped");
    Ok(())
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {},
                _ = term.recv() => {},
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn print_banner(dir: &DataDir, bound: &[SocketAddr], report: &datadir::SetupReport) {
    let exe = std::env::args().next().unwrap_or_else(|| "keyhaven".into());
    let data = dir.root.display();
    let addrs: Vec<String> = bound.iter().map(|b| b.to_string()).collect();
    let port = bound.first().map(|b| b.port()).unwrap_or(5696);
    let host = match bound.first().map(|b| b.ip()) {
        Some(IpAddr::V4(ip)) if !ip.is_unspecified() => ip.to_string(),
        _ => "<this server's host name>".into(),
    };
    let first = if report.created_tenant || report.created_tls {
        " (first start: data directory initialised)"
    } else {
        ""
    };
    eprintln!(
        "\nKeyhaven is serving KMIP on {addrs}{first}\n\
         Data directory:  {data}\n\
         Store:           {store}\n\
         Server CA:       {ca}\n\n\
         Connect VMware vCenter (Configure > Security > Key Providers > Add Standard Key Provider):\n\
         \x20 1. Add the KMS: address {host}, port {port}; trust the server certificate when asked\n\
         \x20    (or give vCenter the CA above).\n\
         \x20 2. Make vCenter trust Keyhaven and Keyhaven trust vCenter (Make KMS trust vCenter), one of:\n\
         \x20    - vCenter Root CA certificate:  {exe} --data-dir {data} client trust-ca --name vcenter --ca vcenter-root.pem\n\
         \x20    - vCenter Certificate:          {exe} --data-dir {data} client trust-cert --name vcenter --cert vcenter.pem\n\
         \x20    - New Certificate Signing Request: {exe} --data-dir {data} client sign-csr --name vcenter --csr vcenter.csr --out vcenter.crt\n\
         \x20    - KMS certificate and private key: {exe} --data-dir {data} client issue --name vcenter --out vcenter-client\n\
         \x20 3. Any other KMIP client: `client issue` gives it a certificate, key and the CA.\n\
         See docs/vcenter.md for the full walk-through.\n",
        addrs = addrs.join(", "),
        ca = dir.ca_cert().display(),
        store = datadir::describe_store(dir),
    );
}
