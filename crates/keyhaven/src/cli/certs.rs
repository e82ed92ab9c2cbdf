//! `keyhaven server-cert …` and `keyhaven ca rollover …` (see [`crate::certs`]).

use std::path::Path;

use clap::Subcommand;

use super::{fmt_time, open_admin, CliResult};
use crate::certs::{self, rollover, CertPaths};

#[derive(Subcommand, Debug)]
pub enum ServerCertCmd {
    /// Issue new RSA and ECDSA server certificates (same names, plus any --hostname) from the
    /// local CA; a running server switches to them within --cert-check-secs, without a restart.
    Renew {
        /// Extra host names or addresses for the new certificates' SANs.
        #[arg(long = "hostname")]
        hostnames: Vec<String>,
    },
    /// Every certificate that expires (server, CA, clients), soonest first.
    Expiry {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum CaCmd {
    /// Replace the server CA with a period in which clients trust both (see docs/certificates.md).
    #[command(subcommand)]
    Rollover(RolloverCmd),
}

#[derive(Subcommand, Debug)]
pub enum RolloverCmd {
    /// Make the next CA; tls/ca-bundle.crt (both CAs) is what clients must trust from now on.
    Start {
        #[arg(long, default_value = "Keyhaven KMIP CA")]
        common_name: String,
    },
    /// Switch to the next CA and re-issue the server certificates under it (no restart).
    Finish,
    /// Forget the previous CA once no client needs it.
    End,
    /// Where a rollover stands.
    Status,
}

pub fn run_server_cert(data_dir: &Path, cmd: ServerCertCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    match cmd {
        ServerCertCmd::Renew { hostnames } => {
            let r = certs::renew(&o.dir, &hostnames, crate::pki::SERVER_VALIDITY_DAYS)
                .map_err(|e| e.to_string())?;
            println!(
                "Renewed the server certificates (valid until {}):\n  RSA   {} {}\n  ECDSA {} {}\n\
                 A running server uses them for new connections within its --cert-check-secs.",
                fmt_time(r.not_after),
                o.dir.server_cert().display(),
                r.rsa_sha256,
                o.dir.server_ecdsa_cert().display(),
                r.ecdsa_sha256
            );
        }
        ServerCertCmd::Expiry { json } => {
            let now = crate::server::ops::now();
            let list = certs::expiry::expiry_list(&o.dir, o.store.as_ref());
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|e| {
                        serde_json::json!({"kind": e.kind, "name": e.name, "subject": e.subject,
                        "not_after": fmt_time(e.not_after), "days_left": e.days_left(now)})
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "{:<13} {:<22} {:>9}  NAME / SUBJECT",
                    "KIND", "EXPIRES", "DAYS LEFT"
                );
                for e in &list {
                    println!(
                        "{:<13} {:<22} {:>9}  {} ({})",
                        e.kind,
                        fmt_time(e.not_after),
                        e.days_left(now),
                        e.name,
                        e.subject
                    );
                }
            }
        }
    }
    Ok(())
}

pub fn run_ca(data_dir: &Path, cmd: CaCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    let d = &o.dir;
    let CaCmd::Rollover(cmd) = cmd;
    match cmd {
        RolloverCmd::Start { common_name } => {
            rollover::start(d, &common_name).map_err(|e| e.to_string())?;
            println!(
                "Next CA created: {}\nGive {} (current and next CA) to every client as the KMS CA \
                 now; then run `keyhaven ca rollover finish`.",
                d.ca_next_cert().display(),
                d.ca_bundle().display()
            );
        }
        RolloverCmd::Finish => {
            let r = rollover::finish(d).map_err(|e| e.to_string())?;
            println!(
                "Switched to the new CA {}; server certificates re-issued (until {}); the previous \
                 CA stays in {} until `keyhaven ca rollover end`.",
                d.ca_cert().display(),
                fmt_time(r.not_after),
                d.ca_bundle().display()
            );
        }
        RolloverCmd::End => {
            rollover::end(d).map_err(|e| e.to_string())?;
            println!(
                "The previous CA is forgotten; {} holds the current CA only.",
                d.ca_bundle().display()
            );
        }
        RolloverCmd::Status => {
            let p = rollover::phase(d);
            println!(
                "{}",
                match p {
                    rollover::Phase::None => "no rollover under way",
                    rollover::Phase::Started =>
                        "started: clients must trust tls/ca-bundle.crt; next: finish",
                    rollover::Phase::Finished =>
                        "finished: the previous CA is still trusted by the bundle; next: end",
                }
            );
        }
    }
    Ok(())
}
