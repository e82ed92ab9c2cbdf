//! `keyhaven provider …`: the named root-key providers of this node (PKCS#11 HSMs, and cloud key
//! managers: see provider_cloud.rs), kept in
//! `DATA/providers.json`. The built-in "local" provider (key files in `DATA/rootkeys`) is always
//! there.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{open_admin, CliResult};
use crate::datadir::{self, DataDir};
use crate::rootkey::pkcs11::{Pkcs11Config, Pkcs11Provider};
use crate::rootkey::registry::{self, ProviderConfig, ProviderSettings};
use crate::rootkey::LOCAL_PROVIDER;

#[derive(Subcommand, Debug)]
pub enum ProviderCmd {
    /// Add a PKCS#11 provider (an HSM's PKCS#11 library and one of its tokens), after checking
    /// that it logs in and offers AES-GCM. Every node of a cluster needs it under the same name.
    #[command(name = "add-pkcs11")]
    AddPkcs11 {
        /// The provider's name, recorded with each tenant that uses it (e.g. hsm1).
        #[arg(long)]
        name: String,
        /// The vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so.
        #[arg(long)]
        module: PathBuf,
        /// The token, by label.
        #[arg(long, required_unless_present = "slot", conflicts_with = "slot")]
        token_label: Option<String>,
        /// The token, by slot id.
        #[arg(long)]
        slot: Option<u64>,
        /// A file holding the user PIN (keep it mode 0600, readable by the server's user).
        #[arg(long, required_unless_present = "pin_env", conflicts_with = "pin_env")]
        pin_file: Option<PathBuf>,
        /// An environment variable holding the user PIN (set wherever keyhaven runs).
        #[arg(long)]
        pin_env: Option<String>,
        /// Save without contacting the token (e.g. while the HSM is not reachable from here).
        #[arg(long)]
        no_check: bool,
    },
    /// Cloud key managers: add-keyprotect, add-aws-kms, add-transit.
    #[command(flatten)]
    Cloud(super::provider_cloud::CloudAddCmd),
    /// List the providers of this node and how many tenants use each.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Connect to a provider, log in and check what Keyhaven needs.
    Check { name: String },
    /// Remove a provider no tenant uses.
    Remove { name: String },
}

fn absolute(p: &Path) -> Result<PathBuf, String> {
    std::path::absolute(p).map_err(|e| format!("{}: {e}", p.display()))
}

pub fn run(data_dir: &Path, cmd: ProviderCmd) -> CliResult {
    let dir = DataDir::new(data_dir);
    match cmd {
        ProviderCmd::AddPkcs11 {
            name,
            module,
            token_label,
            slot,
            pin_file,
            pin_env,
            no_check,
        } => {
            registry::validate_name(&name)?;
            datadir::make_private_dir(&dir.root).map_err(|e| e.to_string())?;
            let mut list = registry::load(&dir.providers_file())?;
            if list.iter().any(|p| p.name == name) {
                return Err(format!(
                    "a provider named {name:?} exists already (`keyhaven provider remove {name}` first)"
                ));
            }
            let config = Pkcs11Config {
                module: absolute(&module)?,
                token_label,
                slot,
                pin_file: pin_file.as_deref().map(absolute).transpose()?,
                pin_env,
                max_idle_sessions: None,
            };
            config.validate()?;
            if !config.module.is_file() && !no_check {
                return Err(format!(
                    "{} is not a file (the PKCS#11 library of the HSM vendor)",
                    config.module.display()
                ));
            }
            if no_check {
                println!("Not checked: {}", config.summary());
            } else {
                let p = Pkcs11Provider::new(&name, config.clone()).map_err(|e| e.to_string())?;
                let report = p
                    .check()
                    .map_err(|e| format!("provider {name} does not work: {e}"))?;
                println!("Checked: {report}");
            }
            list.push(ProviderConfig {
                name: name.clone(),
                settings: ProviderSettings::Pkcs11(config),
            });
            registry::save(&dir.providers_file(), &list)?;
            println!(
                "Added PKCS#11 provider {name}; create a tenant on it with `keyhaven tenant create NAME --provider {name}`"
            );
        }
        ProviderCmd::Cloud(c) => return super::provider_cloud::run(data_dir, c),
        ProviderCmd::List { json } => {
            let o = open_admin(data_dir)?;
            let list = registry::load(&dir.providers_file())?;
            let tenants = o.store.list_tenants().map_err(|e| e.to_string())?;
            let count = |n: &str| tenants.iter().filter(|t| t.root_provider == n).count();
            let mut rows = vec![(
                LOCAL_PROVIDER.to_owned(),
                "local",
                count(LOCAL_PROVIDER),
                format!("key files in {}", dir.rootkeys().display()),
            )];
            for p in &list {
                rows.push((p.name.clone(), p.kind(), count(&p.name), p.summary()));
            }
            if json {
                let v: Vec<_> = rows
                    .iter()
                    .map(|(n, k, c, s)| {
                        serde_json::json!({"name": n, "type": k, "tenants": c, "settings": s})
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
                );
            } else {
                println!("{:<16} {:<10} {:<8} SETTINGS", "NAME", "TYPE", "TENANTS");
                for (n, k, c, s) in rows {
                    println!("{n:<16} {k:<10} {c:<8} {s}");
                }
            }
        }
        ProviderCmd::Check { name } => {
            if name == LOCAL_PROVIDER {
                let o = open_admin(data_dir)?;
                println!(
                    "local: key files in {} ({})",
                    o.local.dir().display(),
                    if o.local.seals_new_keys() {
                        "new keys sealed with the passphrase"
                    } else {
                        "not sealed"
                    }
                );
                return Ok(());
            }
            let list = registry::load(&dir.providers_file())?;
            let p = list
                .into_iter()
                .find(|p| p.name == name)
                .ok_or_else(|| format!("no provider named {name:?}"))?;
            match &p.settings {
                ProviderSettings::Pkcs11(c) => {
                    let prov = Pkcs11Provider::new(&name, c.clone()).map_err(|e| e.to_string())?;
                    println!("{name}: {}", prov.check().map_err(|e| e.to_string())?);
                }
                _ => {
                    let prov = p.open().map_err(|e| e.to_string())?;
                    println!("{name}: {}", prov.check().map_err(|e| e.to_string())?);
                }
            }
        }
        ProviderCmd::Remove { name } => {
            let o = open_admin(data_dir)?;
            let mut list = registry::load(&dir.providers_file())?;
            let before = list.len();
            list.retain(|p| p.name != name);
            if list.len() == before {
                return Err(format!("no provider named {name:?}"));
            }
            let users: Vec<String> = o
                .store
                .list_tenants()
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|t| t.root_provider == name)
                .map(|t| t.name)
                .collect();
            if !users.is_empty() {
                return Err(format!(
                    "provider {name} holds the root keys of tenants {}: not removed",
                    users.join(", ")
                ));
            }
            // A Key Protect provider may also hold tenants' mirrors.
            if let Ok(mirrors) = o.store.list_tenant_mirrors() {
                if let Some((t, _)) = mirrors.iter().find(|(_, p)| *p == name) {
                    return Err(format!(
                        "provider {name} holds the key mirrors of tenant {t} (`keyhaven tenant mirror NAME --off` first): not removed"
                    ));
                }
            }
            registry::save(&dir.providers_file(), &list)?;
            println!("Removed provider {name} (its keys stay in the HSM or key manager)");
        }
    }
    Ok(())
}
