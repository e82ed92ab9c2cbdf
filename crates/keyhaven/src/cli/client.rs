//! `keyhaven client …`: the four ways vCenter offers to establish trust, plus list and remove.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{fmt_time, open_admin, CliResult};
use crate::datadir::{self, write_file, Opened};
use crate::pki;
use crate::store::{ClientRecord, ClientTrust, StoreError};

#[derive(Subcommand, Debug)]
pub enum ClientCmd {
    /// Issue a client certificate and private key signed by the server CA, and trust it
    /// (vCenter: "KMS certificate and private key"; any other KMIP client).
    Issue {
        #[command(flatten)]
        common: Common,
        /// Directory to write NAME.crt, NAME.key and ca.crt into (default: ./NAME).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Trust one client certificate, pinned by its SHA-256 (vCenter: "vCenter Certificate").
    TrustCert {
        #[command(flatten)]
        common: Common,
        /// PEM or DER certificate file.
        #[arg(long)]
        cert: PathBuf,
    },
    /// Trust every client certificate issued by a CA (vCenter: "vCenter Root CA certificate").
    TrustCa {
        #[command(flatten)]
        common: Common,
        /// PEM or DER CA certificate file.
        #[arg(long)]
        ca: PathBuf,
    },
    /// Sign a client's certificate signing request with the server CA and trust the result
    /// (vCenter: "New Certificate Signing Request").
    SignCsr {
        #[command(flatten)]
        common: Common,
        /// The CSR (PEM).
        #[arg(long)]
        csr: PathBuf,
        /// Where to write the signed certificate (PEM).
        #[arg(long)]
        out: PathBuf,
        /// Validity in days.
        #[arg(long, default_value_t = 730)]
        days: u32,
    },
    /// List trusted clients.
    List {
        /// Only this tenant's clients.
        #[arg(long)]
        tenant: Option<String>,
        /// Output JSON.
        #[arg(long)]
        json: bool,
    },
    /// Stop trusting a client (takes effect on its next connection).
    Remove {
        /// The client's name.
        name: String,
    },
}

#[derive(Args, Debug)]
pub struct Common {
    /// A unique name for the client, e.g. vcenter-prod.
    #[arg(long)]
    pub name: String,
    /// The tenant the client belongs to.
    #[arg(long, default_value = datadir::DEFAULT_TENANT)]
    pub tenant: String,
    /// Optional KMIP Username the client must send (vCenter "password protection").
    #[arg(long, requires = "password_file")]
    pub username: Option<String>,
    /// File holding the password for --username (first line).
    #[arg(long, requires = "username")]
    pub password_file: Option<PathBuf>,
}

pub fn run(data_dir: &Path, cmd: ClientCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    match cmd {
        ClientCmd::Issue { common, out } => {
            let ca = datadir::load_ca(&o.dir).map_err(|e| e.to_string())?;
            let issued = pki::issue_client_cert(&ca, &common.name).map_err(|e| e.to_string())?;
            let out = out.unwrap_or_else(|| PathBuf::from(&common.name));
            datadir::make_private_dir(&out).map_err(|e| e.to_string())?;
            let (crt, key, cap) = (
                out.join(format!("{}.crt", common.name)),
                out.join(format!("{}.key", common.name)),
                out.join("ca.crt"),
            );
            write_file(&key, issued.key_pem.as_bytes(), 0o600).map_err(|e| e.to_string())?;
            write_file(&crt, issued.cert_pem.as_bytes(), 0o644).map_err(|e| e.to_string())?;
            // During a CA rollover, every CA the server may present (crate::certs::rollover).
            let bundle = crate::certs::CertPaths::ca_bundle(&o.dir);
            let ca_pem = match std::fs::read(&bundle) {
                Ok(b) => b,
                Err(_) => ca.cert_pem.as_bytes().to_vec(),
            };
            write_file(&cap, &ca_pem, 0o644).map_err(|e| e.to_string())?;
            let rec = register(
                &o,
                &common,
                ClientTrust::PinnedCert {
                    sha256: pki::sha256_fingerprint(&issued.cert_der),
                },
                Some(issued.cert_der),
            )?;
            println!("Issued client {} (tenant {}):", rec.name, common.tenant);
            println!(
                "  certificate: {}\n  private key: {}\n  server CA:   {}",
                crt.display(),
                key.display(),
                cap.display()
            );
            Ok(())
        }
        ClientCmd::TrustCert { common, cert } => {
            let der = first_cert(&cert)?;
            let s = pki::summarize(&der).map_err(|e| e.to_string())?;
            let rec = register(
                &o,
                &common,
                ClientTrust::PinnedCert {
                    sha256: pki::sha256_fingerprint(&der),
                },
                Some(der.clone()),
            )?;
            println!(
                "Trusting client {} (tenant {}): {} (SHA-256 {})",
                rec.name,
                common.tenant,
                s.subject,
                pki::fingerprint_hex(&der)
            );
            Ok(())
        }
        ClientCmd::TrustCa { common, ca } => {
            let der = first_cert(&ca)?;
            let s = pki::summarize(&der).map_err(|e| e.to_string())?;
            if !s.is_ca {
                return Err(format!("{} is not a CA certificate (basicConstraints CA:FALSE); use `client trust-cert` for a client certificate", ca.display()));
            }
            let rec = register(
                &o,
                &common,
                ClientTrust::Ca {
                    ca_der: der.clone(),
                },
                Some(der),
            )?;
            println!(
                "Trusting every client certificate issued by {} as client {} (tenant {})",
                s.subject, rec.name, common.tenant
            );
            Ok(())
        }
        ClientCmd::SignCsr {
            common,
            csr,
            out,
            days,
        } => {
            let csr_pem =
                std::fs::read_to_string(&csr).map_err(|e| format!("{}: {e}", csr.display()))?;
            let ca = datadir::load_ca(&o.dir).map_err(|e| e.to_string())?;
            let (pem, der) = pki::sign_csr(&ca, &csr_pem, days).map_err(|e| e.to_string())?;
            write_file(&out, pem.as_bytes(), 0o644).map_err(|e| e.to_string())?;
            let rec = register(
                &o,
                &common,
                ClientTrust::PinnedCert {
                    sha256: pki::sha256_fingerprint(&der),
                },
                Some(der),
            )?;
            println!(
                "Signed {} into {} and trusted it as client {} (tenant {})",
                csr.display(),
                out.display(),
                rec.name,
                common.tenant
            );
            println!(
                "Give the client {} as well (the server CA).",
                o.dir.ca_cert().display()
            );
            Ok(())
        }
        ClientCmd::List { tenant, json } => list(&o, tenant.as_deref(), json),
        ClientCmd::Remove { name } => {
            o.store.remove_client(&name).map_err(|e| match e {
                StoreError::NotFound(_) => format!("no client named {name:?}"),
                other => other.to_string(),
            })?;
            println!("Removed client {name}; its next connection will be refused.");
            Ok(())
        }
    }
}

fn first_cert(p: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
    pki::parse_certificates(&bytes)
        .map_err(|e| format!("{}: {e}", p.display()))?
        .into_iter()
        .next()
        .ok_or_else(|| format!("{} holds no certificate", p.display()))
}

fn register(
    o: &Opened,
    c: &Common,
    trust: ClientTrust,
    cert_der: Option<Vec<u8>>,
) -> Result<ClientRecord, String> {
    let tenant = o.store.get_tenant_by_name(&c.tenant).map_err(|e| match e {
        StoreError::NotFound(_) => format!(
            "no tenant named {:?} (see `keyhaven tenant list`)",
            c.tenant
        ),
        other => other.to_string(),
    })?;
    let password_hash = match &c.password_file {
        Some(p) => {
            let text = zeroize::Zeroizing::new(
                std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?,
            );
            let pw = text.lines().next().unwrap_or_default();
            if pw.is_empty() {
                return Err(format!("{} holds an empty password", p.display()));
            }
            Some(crate::server::identity::hash_password(pw)?)
        }
        None => None,
    };
    let rec = ClientRecord {
        id: uuid::Uuid::new_v4().to_string(),
        tenant_id: tenant.id,
        name: c.name.clone(),
        trust,
        cert_der,
        username: c.username.clone(),
        password_hash,
        created_at: crate::server::ops::now(),
    };
    o.store.insert_client(&rec).map_err(|e| match e {
        StoreError::AlreadyExists(_) => format!(
            "a client named {:?} exists already (remove it first, or pick another name)",
            c.name
        ),
        other => other.to_string(),
    })?;
    Ok(rec)
}

fn list(o: &Opened, tenant: Option<&str>, json: bool) -> CliResult {
    let tenants = o.store.list_tenants().map_err(|e| e.to_string())?;
    let tenant_id = match tenant {
        Some(n) => Some(
            tenants
                .iter()
                .find(|t| t.name == n)
                .ok_or_else(|| format!("no tenant named {n:?}"))?
                .id
                .clone(),
        ),
        None => None,
    };
    let clients = o
        .store
        .list_clients(tenant_id.as_deref())
        .map_err(|e| e.to_string())?;
    let rows: Vec<serde_json::Value> = clients
        .iter()
        .map(|c| {
            let tname = tenants
                .iter()
                .find(|t| t.id == c.tenant_id)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            let (kind, what) = match &c.trust {
                ClientTrust::PinnedCert { sha256 } => ("certificate", hex::encode(sha256)),
                ClientTrust::Ca { ca_der } => (
                    "ca",
                    pki::summarize(ca_der)
                        .map(|s| s.subject)
                        .unwrap_or_default(),
                ),
            };
            let subject = c.cert_der.as_deref().and_then(|d| pki::summarize(d).ok());
            // When the client's certificate (or, for CA trust, the CA) expires.
            let expires = match &c.trust {
                ClientTrust::Ca { ca_der } => pki::summarize(ca_der).ok().map(|s| s.not_after),
                ClientTrust::PinnedCert { .. } => subject.as_ref().map(|s| s.not_after),
            };
            serde_json::json!({
                "name": c.name, "tenant": tname, "trust": kind, "identity": what,
                "subject": subject.as_ref().map(|s| s.subject.clone()),
                "not_after": subject.as_ref().map(|s| fmt_time(s.not_after)),
                "username": c.username, "created": fmt_time(c.created_at),
                "expires": expires.map(fmt_time),
            })
        })
        .collect();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
        );
    } else {
        println!(
            "{:<20} {:<12} {:<12} {:<21} {:<66} USERNAME",
            "NAME", "TENANT", "TRUST", "EXPIRES", "SHA-256 / CA SUBJECT"
        );
        for r in &rows {
            println!(
                "{:<20} {:<12} {:<12} {:<21} {:<66} {}",
                r["name"].as_str().unwrap_or_default(),
                r["tenant"].as_str().unwrap_or_default(),
                r["trust"].as_str().unwrap_or_default(),
                r["expires"].as_str().unwrap_or("-"),
                r["identity"].as_str().unwrap_or_default(),
                r["username"].as_str().unwrap_or("-"),
            );
        }
    }
    Ok(())
}
