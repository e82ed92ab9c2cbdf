//! `keyhaven key …`: the administrator's key inventory. Every wrapped key is visible with its state,
//! dates and the tags VMware adds (x-Vendor, x-Product, x-Component, x-Name, x-Identifier), and can be
//! revoked, destroyed, or restored to Active (an audited override). Key material is never shown.

use std::path::Path;

use clap::Subcommand;

use super::{open_admin, CliResult};
use crate::service::keys::{self, Change, KeyQuery, RevokeReason};
use crate::service::{Actor, Ctx};

#[derive(Subcommand, Debug)]
pub enum KeyCmd {
    /// List keys with state, dates and VMware's tags.
    List {
        /// Only this tenant (default: every tenant).
        #[arg(long)]
        tenant: Option<String>,
        /// Only keys in this state (PreActive, Active, Deactivated, Compromised, Destroyed, DestroyedCompromised).
        #[arg(long)]
        state: Option<String>,
        /// Only keys whose attribute NAME has VALUE, e.g. --tag x-Name=web-01 (repeatable; all must match).
        #[arg(long = "tag", value_name = "NAME=VALUE")]
        tags: Vec<String>,
        /// Only keys whose x-Name (the VM name) contains this text (ASCII case ignored).
        #[arg(long)]
        name: Option<String>,
        /// Keys per page (oldest first).
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        /// Resume after this cursor (printed after a full page; one tenant only).
        #[arg(long, value_name = "CURSOR")]
        after: Option<i64>,
        /// Count every matching key: an exact count reads the whole index range, about 65 ms
        /// per million keys (by default a tenant is counted up to --count-up-to).
        #[arg(long)]
        count: bool,
        /// Count each tenant's matches up to N and report more as "more than N".
        #[arg(long, value_name = "N", default_value_t = keys::COUNT_BOUND)]
        count_up_to: u64,
        #[arg(long)]
        json: bool,
    },
    /// Show one key's attributes (never its material).
    Show {
        uid: String,
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a key: compromise makes it Compromised; other reasons make an Active key Deactivated.
    Revoke {
        uid: String,
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long, value_enum, default_value_t = RevokeReason::CessationOfOperation)]
        reason: RevokeReason,
        /// Free text kept in the Revocation Reason.
        #[arg(long)]
        message: Option<String>,
    },
    /// Destroy a key's material for good (it must not be Active: revoke it first).
    Destroy {
        uid: String,
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Restore a revoked (Deactivated or Compromised) key to Active: an audited administrator override
    /// for a VM left locked because its key is no longer Active.
    Restore {
        uid: String,
        #[arg(long)]
        tenant: Option<String>,
    },
}

pub fn run(data_dir: &Path, cmd: KeyCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    let ctx = Ctx {
        store: o.store.as_ref(),
        envelope: &o.envelope,
        dir: &o.dir,
        actor: Actor::cli(),
    };
    match cmd {
        KeyCmd::List {
            tenant,
            state,
            tags,
            name,
            limit,
            after,
            count,
            count_up_to,
            json,
        } => {
            let tags = tags
                .iter()
                .map(|t| {
                    t.split_once('=')
                        .map(|(n, v)| (n.to_owned(), v.to_owned()))
                        .ok_or_else(|| format!("--tag wants NAME=VALUE, got {t:?}"))
                })
                .collect::<Result<_, _>>()?;
            if limit == 0 {
                return Err("--limit must be at least 1".into());
            }
            let q = KeyQuery {
                tenant,
                state,
                tags,
                name_contains: name,
                limit: Some(limit),
                after,
                count_up_to: (!count).then_some(count_up_to),
                ..KeyQuery::default()
            };
            list(&ctx, &q, json)
        }
        KeyCmd::Show { uid, tenant, json } => {
            let d = keys::detail(&ctx, &uid, tenant.as_deref())?;
            if json {
                let mut row = serde_json::to_value(&d.summary).map_err(|e| e.to_string())?;
                row["attributes"] = attributes_json(&d.attributes);
                println!(
                    "{}",
                    serde_json::to_string_pretty(&row).map_err(|e| e.to_string())?
                );
            } else {
                println!("Key {} (tenant {})", d.summary.uid, d.summary.tenant);
                for a in &d.attributes {
                    let idx = if a.index > 0 {
                        format!("[{}]", a.index)
                    } else {
                        String::new()
                    };
                    println!("  {:<32} {}", format!("{}{idx}", a.name), a.value);
                }
            }
            Ok(())
        }
        KeyCmd::Revoke {
            uid,
            tenant,
            reason,
            message,
        } => change(&ctx, &uid, tenant, Change::Revoke { reason, message }),
        KeyCmd::Destroy { uid, tenant } => change(&ctx, &uid, tenant, Change::Destroy),
        KeyCmd::Restore { uid, tenant } => change(&ctx, &uid, tenant, Change::Restore),
    }
}

fn change(ctx: &Ctx, uid: &str, tenant: Option<String>, c: Change) -> CliResult {
    let k = keys::change(ctx, uid, tenant.as_deref(), &c)?;
    println!("Key {uid} (tenant {}) is now {}", k.tenant, k.state);
    Ok(())
}

fn list(ctx: &Ctx, q: &KeyQuery, json: bool) -> CliResult {
    let page = keys::list(ctx, q)?;
    let more = page
        .next
        .filter(|_| page.keys.len() == q.limit.unwrap_or(usize::MAX));
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&page.keys).map_err(|e| e.to_string())?
        );
        if let Some(n) = more {
            eprintln!("more keys follow: --after {n}");
        }
        return Ok(());
    }
    println!(
        "{:<36}  {:<8}  {:<11}  {:<8}  {:<20}  {:<14}  {:<16}  {:<16}  {:<16}  MIRROR",
        "UID",
        "TENANT",
        "STATE",
        "KEY",
        "CREATED",
        "X-VENDOR",
        "X-PRODUCT",
        "X-COMPONENT",
        "X-NAME"
    );
    for r in &page.keys {
        let key = match (r.algorithm, r.length) {
            (Some(a), Some(l)) => format!("{a}-{l}"),
            _ => r.object_type.unwrap_or("-").to_owned(),
        };
        let mirror = match r.mirror.as_ref().and_then(|m| m["state"].as_str()) {
            Some("failed") => {
                let m = r.mirror.as_ref().map(|m| {
                    (
                        m["attempts"].clone(),
                        m["last_error"].as_str().unwrap_or("?").to_owned(),
                    )
                });
                let (attempts, err) = m.unwrap_or_default();
                format!("failed ({attempts} tries): {err}")
            }
            Some(st) => st.to_owned(),
            None => "-".into(),
        };
        let s = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        println!(
            "{:<36}  {:<8}  {:<11}  {:<8}  {:<20}  {:<14}  {:<16}  {:<16}  {:<16}  {}",
            r.uid,
            r.tenant,
            r.state,
            key,
            r.created,
            s(&r.x_vendor),
            s(&r.x_product),
            s(&r.x_component),
            s(&r.x_name),
            mirror
        );
    }
    let total = match page.total_exact {
        true => page.total.to_string(),
        false => format!("more than {} (--count counts them all)", page.total),
    };
    match more {
        Some(n) => println!(
            "{} key(s) of {total}; next page: --after {n}",
            page.keys.len()
        ),
        None if q.after.is_none() && (page.keys.len() < page.total || !page.total_exact) => {
            println!(
                "{} key(s) of {total} (raise --limit, or name the tenant to page with --after)",
                page.keys.len()
            )
        }
        None => println!("{} key(s)", page.keys.len()),
    }
    Ok(())
}

fn attributes_json(all: &[keys::AttributeView]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for a in all {
        let v = serde_json::Value::String(a.value.clone());
        match map.get_mut(&a.name) {
            Some(serde_json::Value::Array(list)) => list.push(v),
            Some(existing) => {
                let first = existing.take();
                *existing = serde_json::Value::Array(vec![first, v]);
            }
            None => {
                map.insert(a.name.clone(), v);
            }
        }
    }
    serde_json::Value::Object(map)
}
