//! `keyhaven key …`: the administrator's key inventory. Every wrapped key is visible with its state,
//! dates and the tags VMware adds (x-Vendor, x-Product, x-Component, x-Name, x-Identifier), and can be
//! revoked, destroyed, or restored to Active (an audited override). Key material is never shown.

use std::path::Path;

use clap::{Subcommand, ValueEnum};
use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::enums::{enum_value_by_name, enum_value_name, revocation_reason_code as rrc};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{fmt_time, open_admin, CliResult};
use crate::datadir::Opened;
use crate::server::inventory::{list_keys, KeyFilter};
use crate::server::objects::{self, now, Managed};
use crate::store::{AuditRecord, TenantRecord};

/// Keys read from the store per page by `key list`.
const LIST_PAGE: usize = 1000;

/// The tags vCenter puts on its keys, shown as columns.
const VMWARE_TAGS: [&str; 5] = [
    "x-Vendor",
    "x-Product",
    "x-Component",
    "x-Name",
    "x-Identifier",
];

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
        /// Only keys whose text attribute NAME has VALUE, e.g. --tag x-Name=web-01, or a Name
        /// (--tag Name=VALUE) (repeatable; all must match).
        #[arg(long = "tag", value_name = "NAME=VALUE")]
        tags: Vec<String>,
        /// At most this many keys (one page; the cursor of the next page goes to stderr).
        #[arg(long)]
        limit: Option<usize>,
        /// Start after this cursor (printed by a previous --limit page).
        #[arg(long, requires = "tenant")]
        after: Option<i64>,
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

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RevokeReason {
    Unspecified,
    KeyCompromise,
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    PrivilegeWithdrawn,
}

impl RevokeReason {
    fn code(self) -> u32 {
        match self {
            RevokeReason::Unspecified => rrc::UNSPECIFIED,
            RevokeReason::KeyCompromise => rrc::KEY_COMPROMISE,
            RevokeReason::CaCompromise => rrc::CA_COMPROMISE,
            RevokeReason::AffiliationChanged => rrc::AFFILIATION_CHANGED,
            RevokeReason::Superseded => rrc::SUPERSEDED,
            RevokeReason::CessationOfOperation => rrc::CESSATION_OF_OPERATION,
            RevokeReason::PrivilegeWithdrawn => rrc::PRIVILEGE_WITHDRAWN,
        }
    }
}

pub fn run(data_dir: &Path, cmd: KeyCmd) -> CliResult {
    let o = open_admin(data_dir)?;
    match cmd {
        KeyCmd::List {
            tenant,
            state,
            tags,
            limit,
            after,
            json,
        } => list(
            &o,
            tenant.as_deref(),
            state.as_deref(),
            &tags,
            Page { limit, after },
            json,
        ),
        KeyCmd::Show { uid, tenant, json } => {
            let (t, m) = find(&o, &uid, tenant.as_deref())?;
            let all = m.all_attributes();
            if json {
                let mut row = summary_json(&t, &m);
                row["attributes"] = attributes_json(&all);
                println!(
                    "{}",
                    serde_json::to_string_pretty(&row).map_err(|e| e.to_string())?
                );
            } else {
                println!("Key {} (tenant {})", m.rec.uid, t.name);
                for a in &all {
                    let idx = if a.index > 0 {
                        format!("[{}]", a.index)
                    } else {
                        String::new()
                    };
                    println!("  {:<32} {}", format!("{}{idx}", a.name.key()), render(a));
                }
            }
            Ok(())
        }
        KeyCmd::Revoke {
            uid,
            tenant,
            reason,
            message,
        } => {
            let mut r = vec![Item::enumeration(
                tag::REVOCATION_REASON_CODE,
                reason.code(),
            )];
            if let Some(m) = message {
                r.push(Item::text(tag::REVOCATION_MESSAGE, m));
            }
            let value = Value::Structure(r);
            change(&o, &uid, tenant.as_deref(), "AdminRevoke", |m| {
                m.revoke(value.clone(), None, now())
            })
        }
        KeyCmd::Destroy { uid, tenant } => {
            change(&o, &uid, tenant.as_deref(), "AdminDestroy", |m| {
                m.destroy(now())
            })
        }
        KeyCmd::Restore { uid, tenant } => {
            change(&o, &uid, tenant.as_deref(), "AdminRestore", |m| {
                m.restore(now())
            })
        }
    }
}

fn actor() -> String {
    format!(
        "admin:{}",
        std::env::var("SUDO_USER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "unknown".into())
    )
}

fn tenants(o: &Opened, only: Option<&str>) -> Result<Vec<TenantRecord>, String> {
    let all = o.store.list_tenants().map_err(|e| e.to_string())?;
    match only {
        Some(n) => {
            let t = all
                .into_iter()
                .find(|t| t.name == n)
                .ok_or_else(|| format!("no tenant named {n:?}"))?;
            Ok(vec![t])
        }
        None => Ok(all),
    }
}

/// Finds a key by identifier in one tenant or in any.
fn find(o: &Opened, uid: &str, tenant: Option<&str>) -> Result<(TenantRecord, Managed), String> {
    for t in tenants(o, tenant)? {
        match objects::load(o.store.as_ref(), &t.id, uid) {
            Ok(m) => return Ok((t, m)),
            Err(e)
                if matches!(
                    e.reason,
                    keyhaven_kmip::Reason::ObjectNotFound | keyhaven_kmip::Reason::ItemNotFound
                ) =>
            {
                continue
            }
            Err(e) => return Err(e.message),
        }
    }
    Err(format!(
        "no key {uid}{}",
        tenant
            .map(|t| format!(" in tenant {t}"))
            .unwrap_or_default()
    ))
}

fn change(
    o: &Opened,
    uid: &str,
    tenant: Option<&str>,
    operation: &str,
    f: impl FnMut(&mut Managed) -> keyhaven_kmip::error::KmipResult<()>,
) -> CliResult {
    let (t, _) = find(o, uid, tenant)?;
    let result = objects::update(o.store.as_ref(), &t.id, uid, f);
    let outcome = match &result {
        Ok(()) => "success".to_owned(),
        Err(e) => format!("{:?}: {}", e.reason, e.message),
    };
    o.store
        .append_audit(&AuditRecord {
            at: now(),
            tenant_id: Some(t.id.clone()),
            actor: actor(),
            operation: operation.to_owned(),
            uid: Some(uid.to_owned()),
            outcome,
            peer: None,
        })
        .map_err(|e| format!("the change was not audited ({e}); check the store"))?;
    result.map_err(|e| e.message)?;
    let m = objects::load(o.store.as_ref(), &t.id, uid).map_err(|e| e.message)?;
    println!(
        "Key {uid} (tenant {}) is now {}",
        t.name,
        state_name(m.rec.state)
    );
    Ok(())
}

fn state_name(s: u32) -> &'static str {
    enum_value_name(tag::STATE, s).unwrap_or("?")
}

fn text_attr<'a>(m: &'a Managed, name: &str) -> Option<&'a str> {
    m.attrs
        .iter()
        .find(|a| a.name.key() == name)
        .and_then(|a| match &a.value {
            Value::TextString(s) => Some(s.as_str()),
            _ => None,
        })
}

/// Which part of the listing `key list` prints.
struct Page {
    limit: Option<usize>,
    after: Option<i64>,
}

fn list(
    o: &Opened,
    tenant: Option<&str>,
    state: Option<&str>,
    tags: &[String],
    page: Page,
    json: bool,
) -> CliResult {
    let state = match state {
        Some(s) => Some(enum_value_by_name(tag::STATE, s).ok_or_else(|| {
            format!("unknown state {s:?} (PreActive, Active, Deactivated, Compromised, Destroyed, DestroyedCompromised)")
        })?),
        None => None,
    };
    let tags: Vec<(&str, &str)> = tags
        .iter()
        .map(|t| {
            t.split_once('=')
                .ok_or_else(|| format!("--tag wants NAME=VALUE, got {t:?}"))
        })
        .collect::<Result<_, _>>()?;
    let filter = KeyFilter {
        state,
        tags: tags
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        ..Default::default()
    };
    let mut rows = Vec::new();
    let mut left = page.limit.unwrap_or(usize::MAX);
    'tenants: for t in tenants(o, tenant)? {
        // The Key Protect mirror of each key, for mirrored tenants (docs/rootkeys.md).
        let mirrors = o.store.list_key_mirrors(&t.id).unwrap_or_default();
        // A page at a time from the store's indexes: memory stays bounded by one page.
        let mut after = page.after;
        while left > 0 {
            let got = list_keys(&*o.store, &t.id, &filter, after, LIST_PAGE.min(left))
                .map_err(|e| e.message)?;
            left -= got.keys.len();
            for m in &got.keys {
                let mut row = summary_json(&t, m);
                if let Some(x) = mirrors.iter().find(|x| x.uid == m.rec.uid) {
                    let mut v = serde_json::json!({"state": x.state, "key_protect_id": x.remote_id,
                        "attempts": x.attempts});
                    if let Some(e) = &x.last_error {
                        v["last_error"] = serde_json::json!(e);
                    }
                    row["mirror"] = v;
                }
                rows.push(row);
            }
            match got.next {
                Some(n) => after = Some(n),
                None => continue 'tenants,
            }
        }
        if page.limit.is_some() {
            if let Some(n) = after {
                eprintln!("next page: --tenant {} --after {n}", t.name);
            }
            break;
        }
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
        );
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
    for r in &rows {
        let s = |k: &str| r[k].as_str().unwrap_or("-").to_owned();
        let key = match (r["algorithm"].as_str(), r["length"].as_i64()) {
            (Some(a), Some(l)) => format!("{a}-{l}"),
            _ => s("object_type"),
        };
        let mirror = match r["mirror"]["state"].as_str() {
            Some("failed") => format!(
                "failed ({} tries): {}",
                r["mirror"]["attempts"],
                r["mirror"]["last_error"].as_str().unwrap_or("?")
            ),
            Some(st) => st.to_owned(),
            None => "-".into(),
        };
        println!(
            "{:<36}  {:<8}  {:<11}  {:<8}  {:<20}  {:<14}  {:<16}  {:<16}  {:<16}  {}",
            s("uid"),
            s("tenant"),
            s("state"),
            key,
            s("created"),
            s("x-Vendor"),
            s("x-Product"),
            s("x-Component"),
            s("x-Name"),
            mirror
        );
    }
    println!("{} key(s)", rows.len());
    Ok(())
}

fn summary_json(t: &TenantRecord, m: &Managed) -> serde_json::Value {
    let date = |tg| {
        m.first(tg).and_then(|a| match a.value {
            Value::DateTime(d) => Some(fmt_time(d)),
            _ => None,
        })
    };
    let mut row = serde_json::json!({
        "uid": m.rec.uid,
        "tenant": t.name,
        "object_type": enum_value_name(tag::OBJECT_TYPE, m.rec.object_type),
        "state": state_name(m.rec.state),
        "algorithm": m.rec.algorithm.and_then(|a| enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, a)),
        "length": m.rec.length,
        "created": fmt_time(m.rec.created_at),
        "activated": date(tag::ACTIVATION_DATE),
        "deactivated": date(tag::DEACTIVATION_DATE),
        "last_change": date(tag::LAST_CHANGE_DATE),
    });
    for name in VMWARE_TAGS {
        row[name] = text_attr(m, name)
            .map(Into::into)
            .unwrap_or(serde_json::Value::Null);
    }
    row
}

/// A person-readable value: enumeration names, dates, text; byte strings by length only.
fn render(a: &Attribute) -> String {
    render_value(a.name.def().map(|d| d.tag), &a.value)
}

fn render_value(t: Option<u32>, v: &Value) -> String {
    match v {
        Value::TextString(s) => s.clone(),
        Value::Integer(i) => i.to_string(),
        Value::LongInteger(i) => i.to_string(),
        Value::Interval(i) => format!("{i}s"),
        Value::Boolean(b) => b.to_string(),
        Value::DateTime(d) => fmt_time(*d),
        Value::DateTimeExtended(d) => fmt_time(d / 1_000_000),
        Value::Enumeration(e) => t
            .and_then(|t| enum_value_name(t, *e))
            .map_or_else(|| format!("0x{e:X}"), str::to_owned),
        Value::ByteString(b) | Value::BigInteger(b) => format!("<{} bytes>", b.len()),
        Value::Structure(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| {
                    let name = tag::tag_name(i.tag).unwrap_or("?");
                    format!("{name}={}", render_value(Some(i.tag), &i.value))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

fn attributes_json(all: &[Attribute]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for a in all {
        let v = serde_json::Value::String(render(a));
        match map.get_mut(&a.name.key()) {
            Some(serde_json::Value::Array(list)) => list.push(v),
            Some(existing) => {
                let first = existing.take();
                *existing = serde_json::Value::Array(vec![first, v]);
            }
            None => {
                map.insert(a.name.key(), v);
            }
        }
    }
    serde_json::Value::Object(map)
}
