//! `keyhaven tenant …`: tenants, each with its own root key, clients and keys.

use std::path::Path;

use clap::Subcommand;

use super::{fmt_time, open_admin, CliResult};
use crate::datadir;
use crate::store::TenantState;

#[derive(Subcommand, Debug)]
pub enum TenantCmd {
    /// Create a tenant with a new root key in the local provider.
    Create { name: String },
    /// List tenants.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Refuse every request of the tenant's clients (takes effect on their next connection).
    Suspend { name: String },
    /// Serve the tenant's clients again.
    Resume { name: String },
}

pub fn run(data_dir: &Path, cmd: TenantCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    match cmd {
        TenantCmd::Create { name } => {
            let t = datadir::create_tenant(&o, &name).map_err(|e| e.to_string())?;
            println!(
                "Created tenant {} ({}), root key {} in provider {}",
                t.name, t.id, t.root_key_ref, t.root_provider
            );
        }
        TenantCmd::List { json } => {
            let ts = o.store.list_tenants().map_err(|e| e.to_string())?;
            if json {
                let rows: Vec<_> = ts
                    .iter()
                    .map(|t| serde_json::json!({"name": t.name, "id": t.id, "state": t.state.as_str(),
                        "root_provider": t.root_provider, "root_key": t.root_key_ref, "created": fmt_time(t.created_at)}))
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "{:<16} {:<10} {:<8} {:<44} CREATED",
                    "NAME", "STATE", "PROVIDER", "ROOT KEY"
                );
                for t in ts {
                    println!(
                        "{:<16} {:<10} {:<8} {:<44} {}",
                        t.name,
                        t.state.as_str(),
                        t.root_provider,
                        t.root_key_ref,
                        fmt_time(t.created_at)
                    );
                }
            }
        }
        TenantCmd::Suspend { name } => set_state(&o, &name, TenantState::Suspended)?,
        TenantCmd::Resume { name } => set_state(&o, &name, TenantState::Active)?,
    }
    Ok(())
}

fn set_state(o: &datadir::Opened, name: &str, state: TenantState) -> CliResult {
    let t = o
        .store
        .get_tenant_by_name(name)
        .map_err(|_| format!("no tenant named {name:?}"))?;
    o.store
        .set_tenant_state(&t.id, state)
        .map_err(|e| e.to_string())?;
    println!("Tenant {name} is now {}", state.as_str());
    Ok(())
}
