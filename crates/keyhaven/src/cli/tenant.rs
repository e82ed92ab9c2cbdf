//! `keyhaven tenant …`: tenants, each with its own root key, clients and keys.

use std::path::Path;

use clap::Subcommand;

use super::{fmt_time, open_admin, CliResult};
use crate::service::{tenants, Actor, Ctx};
use crate::store::TenantState;

#[derive(Subcommand, Debug)]
pub enum TenantCmd {
    /// Create a tenant with its own root key: a new one in the provider, or an existing one.
    Create {
        name: String,
        /// The root-key provider: "local" (key files in the data directory) or a provider added
        /// with `keyhaven provider add-pkcs11`, add-keyprotect, add-aws-kms or add-transit.
        #[arg(long, default_value = crate::rootkey::LOCAL_PROVIDER)]
        provider: String,
        /// Use an existing key instead of generating one, after checking it: a PKCS#11 label
        /// (AES-256, sensitive, not extractable), a Key Protect root key ID or alias, an AWS KMS
        /// key ID, ARN or alias, or a Transit key name.
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
    /// Rotate the tenant's customer root key without downtime: a new root key in the same provider
    /// re-protects the tenant's wrapping key (and so every key of the tenant); the old root key is
    /// then retired (disabled). An interrupted rotation resumes when this is run again or at the next
    /// `keyhaven serve`.
    RotateRoot { name: String },
    /// Mirror the tenant's keys, in wrapped form, to a Key Protect provider (see
    /// docs/rootkeys.md): each key becomes a standard key `keyhaven-<UID>` there, and deleting it
    /// there revokes the key here. `--off` stops mirroring new keys.
    Mirror {
        name: String,
        /// A Key Protect provider (`keyhaven provider add-keyprotect`).
        #[arg(long, required_unless_present = "off")]
        provider: Option<String>,
        #[arg(long, conflicts_with = "provider")]
        off: bool,
    },
    /// Show root key rotations under way.
    Rotations {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(data_dir: &Path, cmd: TenantCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    let ctx = Ctx {
        store: o.store.as_ref(),
        envelope: &o.envelope,
        dir: &o.dir,
        actor: Actor::cli(),
    };
    match cmd {
        TenantCmd::Create {
            name,
            provider,
            root_key_label,
        } => {
            let t = tenants::create(&ctx, &o, &name, &provider, root_key_label.as_deref())?;
            println!(
                "Created tenant {} ({}), root key {} in provider {}",
                t.name, t.id, t.root_key, t.root_provider
            );
        }
        TenantCmd::List { json } => {
            let ts = tenants::list(&ctx, json)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&ts).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "{:<16} {:<10} {:<10} {:<50} CREATED",
                    "NAME", "STATE", "PROVIDER", "ROOT KEY"
                );
                for t in ts {
                    println!(
                        "{:<16} {:<10} {:<10} {:<50} {}",
                        t.name, t.state, t.root_provider, t.root_key, t.created
                    );
                }
            }
        }
        TenantCmd::Suspend { name } => {
            let t = tenants::set_state(&ctx, &name, TenantState::Suspended)?;
            println!("Tenant {name} is now {}", t.state);
        }
        TenantCmd::Resume { name } => {
            let t = tenants::set_state(&ctx, &name, TenantState::Active)?;
            println!("Tenant {name} is now {}", t.state);
        }
        TenantCmd::DisableRootKey { name } => {
            let t = tenants::set_root_key_usable(&ctx, &name, false)?;
            println!(
                "Root key {} of tenant {name} ({}) is disabled: servers refuse its keys within their --root-key-check-secs",
                t.root_key, t.root_provider
            );
        }
        TenantCmd::EnableRootKey { name } => {
            let t = tenants::set_root_key_usable(&ctx, &name, true)?;
            println!(
                "Root key {} of tenant {name} ({}) is enabled: its keys are served again",
                t.root_key, t.root_provider
            );
        }
        TenantCmd::RotateRoot { name } => {
            let out = tenants::rotate(&ctx, &name, &mut |line| println!("{name}: {line}"))?;
            if out.old_root_key == out.new_root_key {
                println!(
                    "Tenant {name}: root key {} rotated in place (new version in the provider)",
                    out.new_root_key
                );
                return Ok(());
            }
            println!(
                "Tenant {name}: root key rotated from {} to {}{}",
                out.old_root_key,
                out.new_root_key,
                if out.resumed {
                    " (resumed an interrupted rotation)"
                } else {
                    ""
                }
            );
        }
        TenantCmd::Mirror {
            name,
            provider,
            off: _,
        } => {
            let t = o
                .store
                .get_tenant_by_name(&name)
                .map_err(|_| format!("no tenant named {name:?}"))?;
            if let Some(p) = &provider {
                let kp =
                    crate::rootkey::cloud::mirror::open_keyprotect(&o.dir.providers_file(), p)?;
                kp.check_instance()
                    .map_err(|e| format!("provider {p} does not work: {e}"))?;
            }
            o.store
                .set_tenant_mirror(&t.id, provider.as_deref())
                .map_err(|e| e.to_string())?;
            match provider {
                Some(p) => println!(
                    "Tenant {name}: every key is mirrored (wrapped) to Key Protect provider {p} within --root-key-check-secs; `keyhaven key list` shows each key's mirror"
                ),
                None => println!("Tenant {name}: new keys are no longer mirrored"),
            }
        }
        TenantCmd::Rotations { json } => {
            let tenants = o.store.list_tenants().map_err(|e| e.to_string())?;
            let rows: Vec<_> = o
                .store
                .list_root_rotations()
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|r| {
                    let name = tenants.iter().find(|t| t.id == r.tenant_id).map(|t| t.name.clone()).unwrap_or_default();
                    serde_json::json!({"tenant": name, "old_root_key": r.old_ref, "new_root_key": r.new_ref,
                        "phase": r.phase.as_str(), "started": fmt_time(r.started_at)})
                })
                .collect();
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else if rows.is_empty() {
                println!("No root key rotation under way.");
            } else {
                for r in rows {
                    println!(
                        "{}: {} -> {} ({}, started {})",
                        r["tenant"].as_str().unwrap_or_default(),
                        r["old_root_key"].as_str().unwrap_or_default(),
                        r["new_root_key"].as_str().unwrap_or_default(),
                        r["phase"].as_str().unwrap_or_default(),
                        r["started"].as_str().unwrap_or_default()
                    );
                }
            }
        }
    }
    Ok(())
}
