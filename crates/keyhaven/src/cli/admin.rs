//! `keyhaven admin …`: the administrators of the admin API and web console, managed on the
//! server's machine: users with a password (for the browser) and admin client certificates.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{fmt_time, open_admin, CliResult};
use crate::admin::registry::{self, AdminCert, AdminUser};
use crate::admin::roles::Role;
use crate::datadir::{self, write_file};
use crate::service::{Actor, Ctx};

#[derive(Subcommand, Debug)]
pub enum AdminCmd {
    /// Create (or reset) a console user with a password (argon2id; at least 12 characters).
    CreateUser {
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value = "admin")]
        role: Role,
        /// Limit the user to this tenant.
        #[arg(long)]
        tenant: Option<String>,
        /// File whose first line is the password (default: read it from standard input).
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
    /// Issue an admin client certificate (for scripts calling the admin API).
    Issue {
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: Role,
        /// Limit the certificate to this tenant.
        #[arg(long)]
        tenant: Option<String>,
        /// Directory for NAME.crt, NAME.key and ca.crt (default: ./NAME).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List administrators (users and certificates).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove an administrator (user or certificate) by name.
    Remove { name: String },
}

pub fn run(data_dir: &Path, cmd: AdminCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    let store = o.store.as_ref();
    // Administrators of a data directory from before schema version 7 move into the store.
    if let Some(n) = registry::import_file(store, &o.dir.root)? {
        eprintln!(
            "{n} administrator(s) imported from {} into the store",
            registry::path(&o.dir.root).display()
        );
    }
    let ctx = Ctx {
        store: o.store.as_ref(),
        envelope: &o.envelope,
        dir: &o.dir,
        actor: Actor::cli(),
    };
    let check_tenant = |t: &Option<String>| -> CliResult {
        if let Some(t) = t {
            ctx.tenant(t)?;
        }
        Ok(())
    };
    let mut admins = registry::load(store)?;
    match cmd {
        AdminCmd::CreateUser {
            name,
            role,
            tenant,
            password_file,
        } => {
            registry::validate_name(&name)?;
            check_tenant(&tenant)?;
            let text = zeroize::Zeroizing::new(match &password_file {
                Some(p) => {
                    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?
                }
                None => {
                    eprintln!(
                        "Password for {name} (at least {} characters), then Enter:",
                        registry::MIN_PASSWORD
                    );
                    let mut s = String::new();
                    std::io::stdin()
                        .read_line(&mut s)
                        .map_err(|e| format!("cannot read the password: {e}"))?;
                    s
                }
            });
            let pw = text.lines().next().unwrap_or_default();
            let hash = registry::hash_password(pw)?;
            let reset = admins.users.iter().any(|u| u.name == name);
            admins.users.retain(|u| u.name != name);
            admins.users.push(AdminUser {
                name: name.clone(),
                role,
                tenant: tenant.clone(),
                password_hash: hash,
                created_at: crate::server::objects::now(),
            });
            registry::save(store, &admins)?;
            if reset {
                // A new password ends the sessions opened with the old one.
                store
                    .delete_admin_sessions(crate::store::SessionSelector::User(&name))
                    .map_err(|e| e.to_string())?;
            }
            ctx.audit(
                None,
                "AdminCreateUser",
                Some(&name),
                &format!("success: role {}", role.as_str()),
            )?;
            println!(
                "Console user {name} ({}{}) can log in at the admin listener (serve --admin-listen, https://127.0.0.1:9443/ by default).",
                role.as_str(),
                tenant.map(|t| format!(", tenant {t}")).unwrap_or_default()
            );
        }
        AdminCmd::Issue {
            name,
            role,
            tenant,
            out,
        } => {
            registry::validate_name(&name)?;
            check_tenant(&tenant)?;
            let ca = datadir::load_ca(&o.dir).map_err(|e| e.to_string())?;
            let issued = crate::pki::issue_client_cert(&ca, &format!("keyhaven-admin-{name}"))
                .map_err(|e| e.to_string())?;
            let not_after = crate::pki::summarize(&issued.cert_der)
                .map_err(|e| e.to_string())?
                .not_after;
            let out = out.unwrap_or_else(|| PathBuf::from(&name));
            datadir::make_private_dir(&out).map_err(|e| e.to_string())?;
            let (crt, key, cap) = (
                out.join(format!("{name}.crt")),
                out.join(format!("{name}.key")),
                out.join("ca.crt"),
            );
            write_file(&key, issued.key_pem.as_bytes(), 0o600).map_err(|e| e.to_string())?;
            write_file(&crt, issued.cert_pem.as_bytes(), 0o644).map_err(|e| e.to_string())?;
            write_file(&cap, ca.cert_pem.as_bytes(), 0o644).map_err(|e| e.to_string())?;
            admins.certs.retain(|c| c.name != name);
            admins.certs.push(AdminCert {
                name: name.clone(),
                role,
                tenant,
                sha256: crate::pki::fingerprint_hex(&issued.cert_der),
                not_after,
                created_at: crate::server::objects::now(),
            });
            registry::save(store, &admins)?;
            ctx.audit(
                None,
                "AdminIssueCert",
                Some(&name),
                &format!("success: role {}", role.as_str()),
            )?;
            println!(
                "Admin certificate {name} ({}):\n  certificate: {}\n  private key: {}\n  server CA:   {}",
                role.as_str(),
                crt.display(),
                key.display(),
                cap.display()
            );
        }
        AdminCmd::List { json } => {
            let rows: Vec<serde_json::Value> = admins
                .users
                .iter()
                .map(|u| serde_json::json!({"name": u.name, "kind": "user", "role": u.role.as_str(), "tenant": u.tenant, "created": fmt_time(u.created_at)}))
                .chain(admins.certs.iter().map(|c| serde_json::json!({"name": c.name, "kind": "certificate", "role": c.role.as_str(), "tenant": c.tenant, "created": fmt_time(c.created_at), "not_after": fmt_time(c.not_after), "sha256": c.sha256})))
                .collect();
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "{:<20} {:<12} {:<9} {:<12} CREATED",
                    "NAME", "KIND", "ROLE", "TENANT"
                );
                for r in rows {
                    println!(
                        "{:<20} {:<12} {:<9} {:<12} {}",
                        r["name"].as_str().unwrap_or(""),
                        r["kind"].as_str().unwrap_or(""),
                        r["role"].as_str().unwrap_or(""),
                        r["tenant"].as_str().unwrap_or("(all)"),
                        r["created"].as_str().unwrap_or("")
                    );
                }
            }
        }
        AdminCmd::Remove { name } => {
            let before = admins.users.len() + admins.certs.len();
            admins.users.retain(|u| u.name != name);
            admins.certs.retain(|c| c.name != name);
            if admins.users.len() + admins.certs.len() == before {
                return Err(format!("no administrator named {name:?}"));
            }
            registry::save(store, &admins)?;
            store
                .delete_admin_sessions(crate::store::SessionSelector::User(&name))
                .map_err(|e| e.to_string())?;
            ctx.audit(None, "AdminRemove", Some(&name), "success")?;
            println!("Removed administrator {name}; their sessions have ended on every node.");
        }
    }
    Ok(())
}
