//! The Key Protect mirror (optional per tenant: `keyhaven tenant mirror NAME --provider KP`).
//!
//! Every key of a mirrored tenant is also stored in a Key Protect instance, in its **wrapped**
//! form (the store's blob, sealed under the tenant wrapping key: Key Protect never sees key
//! material), as a standard key named `keyhaven-<KMIP unique identifier>` whose description
//! carries the VMware `x-Name` when the key has one. An administrator finds a key there by either,
//! and deleting it there revokes it in Keyhaven: the key becomes Compromised (revocation message
//! "Key Protect mirror deleted …") and Get is refused with that reason.
//!
//! Every node runs [`sweep`] every `--root-key-check-secs`: keys without a mirror (new ones, and
//! those whose write failed) are written, failures recorded with their error and attempt count in
//! the store (`key list` shows them, the log warns) and retried at the next sweep, never dropped;
//! keys with a mirror are checked and revoked when it is gone. A key is thus mirrored, or revoked
//! after its mirror's deletion, within one interval (plus the time of the sweep itself). In a
//! cluster each write is claimed in the store first ([`Store::claim_key_mirror`]), so one node
//! writes each mirror; a claim left by a node that died is taken over after
//! [`STALE_CLAIM_SECS`].

use std::path::Path;

use keyhaven_kmip::enums::{revocation_reason_code as rrc, state};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::keyprotect::KeyProtectProvider;
use crate::rootkey::registry::{self, ProviderSettings};
use crate::server::objects::{self, Managed};
use crate::store::{AuditRecord, KeyMirror, ObjectFilter, Store};

/// The start of the revocation message of a key whose mirror was deleted.
pub const REVOKED_MARKER: &str = "Key Protect mirror deleted";

/// Mirror states stored in `key_mirrors.state`.
pub const WRITING: &str = "writing";
pub const MIRRORED: &str = "mirrored";
pub const FAILED: &str = "failed";
pub const DELETED: &str = "deleted";

/// Seconds after which another node may take over a mirror write that was claimed but not done.
pub const STALE_CLAIM_SECS: i64 = 120;

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    pub written: usize,
    pub failed: usize,
    pub revoked: usize,
}

/// Opens the Key Protect provider named `name` from `providers.json`.
pub fn open_keyprotect(providers_file: &Path, name: &str) -> Result<KeyProtectProvider, String> {
    let list = registry::load(providers_file)?;
    let p = list
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| format!("no provider named {name:?} on this node"))?;
    match p.settings {
        ProviderSettings::Keyprotect(c) => {
            KeyProtectProvider::new(name, c).map_err(|e| e.to_string())
        }
        _ => Err(format!(
            "provider {name} is a {} provider: mirrors live in Key Protect",
            p.kind()
        )),
    }
}

/// The refusal a Get of `m` gets when its mirror was deleted in Key Protect.
pub fn refusal(m: &Managed) -> Option<String> {
    if m.rec.state != state::COMPROMISED && m.rec.state != state::DESTROYED_COMPROMISED {
        return None;
    }
    let Value::Structure(items) = &m.first(tag::REVOCATION_REASON)?.value else {
        return None;
    };
    let msg = items
        .iter()
        .find(|i| i.tag == tag::REVOCATION_MESSAGE)
        .and_then(Item::as_text)?;
    msg.starts_with(REVOKED_MARKER)
        .then(|| format!("key {} was revoked: {msg}", m.rec.uid))
}

fn x_name(m: &Managed) -> Option<String> {
    m.attrs.iter().find_map(|a| match (&a.value, a.name.key()) {
        (Value::TextString(s), k) if k == "x-Name" => Some(s.clone()),
        _ => None,
    })
}

fn now() -> i64 {
    objects::now()
}

/// Mirrors and checks the keys of every mirrored tenant once. Errors of one tenant or key do not
/// stop the others.
pub fn sweep(store: &dyn Store, providers_file: &Path) -> SweepReport {
    let mut report = SweepReport::default();
    let tenants = match store.list_tenant_mirrors() {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, "Key Protect mirror: cannot list mirrored tenants");
            return report;
        }
    };
    for (tenant_id, provider) in tenants {
        let kp = match open_keyprotect(providers_file, &provider) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(tenant = %tenant_id, %provider, error = %e, "Key Protect mirror: provider unusable");
                continue;
            }
        };
        if let Err(e) = sweep_tenant(store, &kp, &tenant_id, &provider, &mut report) {
            tracing::warn!(tenant = %tenant_id, %provider, error = %e, "Key Protect mirror: sweep failed");
        }
    }
    report
}

fn sweep_tenant(
    store: &dyn Store,
    kp: &KeyProtectProvider,
    tenant_id: &str,
    provider: &str,
    report: &mut SweepReport,
) -> Result<(), String> {
    // A claim older than this is a dead writer's (a write takes seconds at most).
    let stale_after = STALE_CLAIM_SECS;
    let rows = store
        .list_key_mirrors(tenant_id)
        .map_err(|e| e.to_string())?;
    let objects = store
        .list_objects(tenant_id, &ObjectFilter::default(), None)
        .map_err(|e| e.to_string())?;
    for rec in objects {
        let row = rows.iter().find(|r| r.uid == rec.uid);
        match row.map(|r| r.state.as_str()) {
            Some(DELETED) => continue,
            // Another node is writing it (or died doing so: claimable once stale).
            Some(WRITING) if row.is_some_and(|r| r.updated_at >= now() - stale_after) => continue,
            Some(MIRRORED) => {
                let Some(remote) = row.and_then(|r| r.remote_id.clone()) else {
                    continue;
                };
                match kp.key_present(&remote) {
                    Ok(true) => {}
                    Ok(false) => {
                        revoke(store, tenant_id, &rec.uid, &remote, provider)?;
                        report.revoked += 1;
                    }
                    // Unreachable or refused: checked again at the next sweep.
                    Err(e) => {
                        tracing::debug!(uid = %rec.uid, error = %e, "Key Protect mirror: check failed")
                    }
                }
            }
            _ => {
                if matches!(rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED)
                    || rec.wrapped_material.is_empty()
                {
                    continue;
                }
                let attrs = keyhaven_kmip::attribute::decode_storage(&rec.attributes)
                    .map_err(|e| e.message)?;
                let m = Managed { rec, attrs };
                let attempts = row.map_or(0, |r| r.attempts) + 1;
                let claim = KeyMirror {
                    uid: m.rec.uid.clone(),
                    tenant_id: tenant_id.to_owned(),
                    provider: provider.to_owned(),
                    remote_id: None,
                    state: WRITING.into(),
                    attempts,
                    last_error: None,
                    updated_at: now(),
                };
                // One node writes each mirror: the others see the claim and skip it.
                if !store
                    .claim_key_mirror(&claim, now() - stale_after)
                    .map_err(|e| e.to_string())?
                {
                    continue;
                }
                let name = format!("keyhaven-{}", m.rec.uid);
                let description = match x_name(&m) {
                    Some(x) => format!("Keyhaven key {} (x-Name: {x}), wrapped", m.rec.uid),
                    None => format!("Keyhaven key {}, wrapped", m.rec.uid),
                };
                let result = kp.put_standard_key(&name, &description, &m.rec.wrapped_material);
                let (state, remote_id, last_error) = match result {
                    Ok(id) => {
                        report.written += 1;
                        (MIRRORED, Some(id), None)
                    }
                    Err(e) => {
                        report.failed += 1;
                        tracing::warn!(tenant = %tenant_id, uid = %m.rec.uid, attempts, error = %e,
                            "Key Protect mirror write failed; retried at the next sweep");
                        (FAILED, None, Some(e.to_string()))
                    }
                };
                store
                    .put_key_mirror(&KeyMirror {
                        uid: m.rec.uid.clone(),
                        tenant_id: tenant_id.to_owned(),
                        provider: provider.to_owned(),
                        remote_id,
                        state: state.to_owned(),
                        attempts,
                        last_error,
                        updated_at: now(),
                    })
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

/// Revokes `uid` (Compromised, with the reason) after its mirror `remote` was deleted.
fn revoke(
    store: &dyn Store,
    tenant_id: &str,
    uid: &str,
    remote: &str,
    provider: &str,
) -> Result<(), String> {
    let msg = format!(
        "{REVOKED_MARKER} (key {remote} in Key Protect provider {provider}) by an administrator"
    );
    let reason = Value::Structure(vec![
        Item::enumeration(tag::REVOCATION_REASON_CODE, rrc::KEY_COMPROMISE),
        Item::text(tag::REVOCATION_MESSAGE, msg.as_str()),
    ]);
    let t = now();
    let result = objects::update(store, tenant_id, uid, |m| {
        if matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) {
            return Ok(());
        }
        m.revoke(reason.clone(), None, t)
    });
    let outcome = match &result {
        Ok(()) => "success".to_owned(),
        Err(e) => format!("{:?}: {}", e.reason, e.message),
    };
    let _ = store.append_audit(&AuditRecord {
        at: t,
        tenant_id: Some(tenant_id.to_owned()),
        actor: format!("keyprotect-mirror:{provider}"),
        operation: "MirrorRevoke".into(),
        uid: Some(uid.to_owned()),
        outcome,
        peer: None,
    });
    result.map_err(|e| e.message)?;
    tracing::warn!(tenant = %tenant_id, %uid, %remote, "Key Protect mirror deleted: key revoked");
    store
        .put_key_mirror(&KeyMirror {
            uid: uid.to_owned(),
            tenant_id: tenant_id.to_owned(),
            provider: provider.to_owned(),
            remote_id: Some(remote.to_owned()),
            state: DELETED.into(),
            attempts: 0,
            last_error: None,
            updated_at: now(),
        })
        .map_err(|e| e.to_string())
}

/// Runs [`sweep`] every `interval` on a thread of its own for the life of the process (only
/// while some tenant is mirrored does a sweep do anything beyond one store query).
pub fn spawn_sweeper(
    store: std::sync::Arc<dyn Store>,
    providers_file: std::path::PathBuf,
    interval: std::time::Duration,
) {
    let spawned = std::thread::Builder::new()
        .name("keyprotect-mirror".into())
        .spawn(move || loop {
            std::thread::sleep(interval);
            let r = sweep(store.as_ref(), &providers_file);
            if r != SweepReport::default() {
                tracing::info!(
                    written = r.written,
                    failed = r.failed,
                    revoked = r.revoked,
                    "Key Protect mirror sweep"
                );
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the Key Protect mirror sweeper");
    }
}
