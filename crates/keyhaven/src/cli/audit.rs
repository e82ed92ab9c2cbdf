//! `keyhaven audit`: who did what to which key.

use std::path::Path;

use clap::Args;

use super::{fmt_time, open_admin, CliResult};

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
    #[arg(long)]
    pub json: bool,
}

pub fn run(data_dir: &Path, a: AuditArgs) -> CliResult {
    let o = open_admin(data_dir)?;
    let tenant_id = match &a.tenant {
        Some(n) => Some(
            o.store
                .get_tenant_by_name(n)
                .map_err(|_| format!("no tenant named {n:?}"))?
                .id,
        ),
        None => None,
    };
    let recs = o
        .store
        .list_audit(tenant_id.as_deref(), a.uid.as_deref(), a.limit)
        .map_err(|e| e.to_string())?;
    if a.json {
        let rows: Vec<_> = recs
            .iter()
            .map(|r| {
                serde_json::json!({"at": fmt_time(r.at), "tenant_id": r.tenant_id, "actor": r.actor,
                "operation": r.operation, "uid": r.uid, "outcome": r.outcome, "peer": r.peer})
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
        );
    } else {
        println!(
            "{:<25} {:<20} {:<18} {:<38} {:<22} OUTCOME",
            "AT", "ACTOR", "OPERATION", "UID", "PEER"
        );
        for r in recs {
            println!(
                "{:<25} {:<20} {:<18} {:<38} {:<22} {}",
                fmt_time(r.at),
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
