//! `keyhaven client …`: the four ways vCenter offers to establish trust, plus list and remove.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{open_admin, CliResult};
use crate::datadir::{self, write_file};
use crate::service::clients::{self, NewClient};
use crate::service::{Actor, Ctx};

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
    let ctx = Ctx {
        store: o.store.as_ref(),
        envelope: &o.envelope,
        dir: &o.dir,
        actor: Actor::cli(),
    };
    match cmd {
        ClientCmd::Issue { common, out } => {
            let new = new_client(&common)?;
            let out = out.unwrap_or_else(|| PathBuf::from(&common.name));
            datadir::make_private_dir(&out).map_err(|e| e.to_string())?;
            let issued = clients::issue(&ctx, &new)?;
            let (crt, key, cap) = (
                out.join(format!("{}.crt", common.name)),
                out.join(format!("{}.key", common.name)),
                out.join("ca.crt"),
            );
            write_file(&key, issued.key_pem.as_bytes(), 0o600).map_err(|e| e.to_string())?;
            write_file(&crt, issued.cert_pem.as_bytes(), 0o644).map_err(|e| e.to_string())?;
            // During a CA rollover, every CA the server may present (crate::certs::rollover).
            write_file(&cap, issued.ca_pem.as_bytes(), 0o644).map_err(|e| e.to_string())?;
            println!(
                "Issued client {} (tenant {}):",
                issued.client.name, common.tenant
            );
            println!(
                "  certificate: {}\n  private key: {}\n  server CA:   {}",
                crt.display(),
                key.display(),
                cap.display()
            );
            Ok(())
        }
        ClientCmd::TrustCert { common, cert } => {
            let v = clients::trust_cert(&ctx, &new_client(&common)?, &read(&cert)?)?;
            println!(
                "Trusting client {} (tenant {}): {} (SHA-256 {})",
                v.name,
                v.tenant,
                v.subject.unwrap_or_default(),
                v.identity
            );
            Ok(())
        }
        ClientCmd::TrustCa { common, ca } => {
            let v = clients::trust_ca(&ctx, &new_client(&common)?, &read(&ca)?)
                .map_err(|e| format!("{}: {e}", ca.display()))?;
            println!(
                "Trusting every client certificate issued by {} as client {} (tenant {})",
                v.identity, v.name, v.tenant
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
            let (v, pem) = clients::sign_csr(&ctx, &new_client(&common)?, &csr_pem, days)?;
            write_file(&out, pem.as_bytes(), 0o644).map_err(|e| e.to_string())?;
            println!(
                "Signed {} into {} and trusted it as client {} (tenant {})",
                csr.display(),
                out.display(),
                v.name,
                v.tenant
            );
            println!(
                "Give the client {} as well (the server CA).",
                o.dir.ca_cert().display()
            );
            Ok(())
        }
        ClientCmd::List { tenant, json } => list(&ctx, tenant.as_deref(), json),
        ClientCmd::Remove { name } => {
            clients::remove(&ctx, &name)?;
            println!("Removed client {name}; its next connection will be refused.");
            Ok(())
        }
    }
}

fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn new_client(c: &Common) -> Result<NewClient, String> {
    let password = match &c.password_file {
        Some(p) => {
            let text = zeroize::Zeroizing::new(
                std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?,
            );
            let pw = text.lines().next().unwrap_or_default();
            if pw.is_empty() {
                return Err(format!("{} holds an empty password", p.display()));
            }
            Some(zeroize::Zeroizing::new(pw.to_owned()))
        }
        None => None,
    };
    Ok(NewClient {
        name: c.name.clone(),
        tenant: c.tenant.clone(),
        username: c.username.clone(),
        password,
    })
}

fn list(ctx: &Ctx, tenant: Option<&str>, json: bool) -> CliResult {
    let rows = clients::list(ctx, tenant)?;
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
                r.name,
                r.tenant,
                r.trust,
                r.expires.as_deref().unwrap_or("-"),
                r.identity,
                r.username.as_deref().unwrap_or("-"),
            );
        }
    }
    Ok(())
}
