//! `keyhaven audit`: who did what to which key.

use std::path::Path;

use clap::Args;

use super::{open_admin, CliResult};
use crate::service::audit::{self, AuditQuery};
use crate::service::{Actor, Ctx};

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Only this tenant.
    #[arg(long)]
    pub tenant: Option<String>,
    /// Only this key (unique identifier).
    #[arg(long)]
    pub uid: Option<String>,
    /// Most recent N records.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Only records whose actor contains this text (e.g. admin: or a client name).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only this operation (e.g. Get, AdminRevoke).
    #[arg(long)]
    pub operation: Option<String>,
    /// Only failures.
    #[arg(long)]
    pub failures: bool,
    #[arg(long)]
    pub json: bool,
    /// Output CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

pub fn run(data_dir: &Path, a: AuditArgs) -> CliResult {
    let o = open_admin(data_dir)?;
    let ctx = Ctx {
        store: o.store.as_ref(),
        envelope: &o.envelope,
        dir: &o.dir,
        actor: Actor::cli(),
    };
    let recs = audit::query(
        &ctx,
        &AuditQuery {
            tenant: a.tenant.clone(),
            uid: a.uid.clone(),
            actor: a.actor.clone(),
            operation: a.operation.clone(),
            failures_only: a.failures,
            limit: a.limit,
        },
    )?;
    if a.csv {
        print!("{}", audit::to_csv(&recs));
    } else if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&recs).map_err(|e| e.to_string())?
        );
    } else {
        println!(
            "{:<25} {:<20} {:<18} {:<38} {:<22} OUTCOME",
            "AT", "ACTOR", "OPERATION", "UID", "PEER"
        );
        for r in recs {
            println!(
                "{:<25} {:<20} {:<18} {:<38} {:<22} {}",
                r.at,
                r.actor,
                r.operation,
                r.uid.as_deref().unwrap_or("-"),
                r.peer.as_deref().unwrap_or("-"),
                r.outcome
            );
        }
    }
    Ok(())
}
