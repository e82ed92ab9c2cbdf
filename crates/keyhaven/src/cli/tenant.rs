//! `keyhaven tenant …`: tenants, each with its own root key, clients and keys.

use std::path::Path;

use clap::Subcommand;

use super::{fmt_time, open_admin, CliResult};
use crate::datadir;
use crate::store::TenantState;

#[derive(Subcommand, Debug)]
pub enum TenantCmd {
    /// Create a tenant with its own root key: a new one in the provider, or an existing one.
    Create {
        name: String,
        /// The root-key provider: "local" (key files in the data directory) or a provider added
        /// with `keyhaven provider add-pkcs11`.
        #[arg(long, default_value = crate::rootkey::LOCAL_PROVIDER)]
        provider: String,
        /// Use the existing key with this label in the provider (checked: AES-256, sensitive,
        /// not extractable, may encrypt and decrypt) instead of generating one.
        #[arg(long, value_name = "LABEL")]
        root_key_label: Option<String>,
    },
    /// List tenants.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Refuse every request of the tenant's clients (takes effect on their next connection).
    Suspend { name: String },
    /// Serve the tenant's clients again.
    Resume { name: String },
    /// Disable the tenant's root key in its provider (reversible): every node refuses the
    /// tenant's keys within its --root-key-check-secs.
    DisableRootKey { name: String },
    /// Enable the tenant's root key again: its keys are served again.
    EnableRootKey { name: String },
}

pub fn run(data_dir: &Path, cmd: TenantCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    match cmd {
        TenantCmd::Create {
            name,
            provider,
            root_key_label,
        } => {
            let t = datadir::create_tenant_with(&o, &name, &provider, root_key_label.as_deref())
                .map_err(|e| e.to_string())?;
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
                    "{:<16} {:<10} {:<10} {:<50} CREATED",
                    "NAME", "STATE", "PROVIDER", "ROOT KEY"
                );
                for t in ts {
                    println!(
                        "{:<16} {:<10} {:<10} {:<50} {}",
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
        TenantCmd::DisableRootKey { name } => set_root_key_usable(&o, &name, false)?,
        TenantCmd::EnableRootKey { name } => set_root_key_usable(&o, &name, true)?,
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

fn set_root_key_usable(o: &datadir::Opened, name: &str, usable: bool) -> CliResult {
    let t = o
        .store
        .get_tenant_by_name(name)
        .map_err(|_| format!("no tenant named {name:?}"))?;
    let p = o.envelope.provider(&t.root_provider).ok_or_else(|| {
        format!(
            "tenant {name}: no root key provider named {:?} on this node",
            t.root_provider
        )
    })?;
    let r = if usable {
        p.enable_key(&t.root_key_ref)
    } else {
        p.disable_key(&t.root_key_ref)
    };
    r.map_err(|e| format!("tenant {name}: {e}"))?;
    if usable {
        println!(
            "Root key {} of tenant {name} ({}) is enabled: its keys are served again",
            t.root_key_ref, t.root_provider
        );
    } else {
        println!(
            "Root key {} of tenant {name} ({}) is disabled: servers refuse its keys within their --root-key-check-secs",
            t.root_key_ref, t.root_provider
        );
    }
    Ok(())
}
