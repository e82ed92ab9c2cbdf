//! Customer root key (CRK) rotation without downtime.
//!
//! Everything of a tenant is protected by its tenant wrapping key (TWK), which alone is wrapped by
//! the CRK; rotating the CRK therefore re-protects everything by re-wrapping that one key, inside the
//! provider, and switching the tenant to the new CRK in one store transaction. Requests never stop:
//! until the switch they use the TWK unwrapped from the old CRK, after it the one from the new CRK
//! (the same key), and every node picks the new tenant row up within the trust refresh bound.
//!
//! The steps are journaled in the store (`root_rotations`), so a rotation interrupted at any point
//! (kill -9 included) resumes where it stopped, at the next `keyhaven tenant rotate-root` or at the
//! next `keyhaven serve`:
//! 1. a new CRK is created in the provider and the rotation recorded (phase rewrapping);
//! 2. the TWK is re-wrapped under it and the tenant switched (phase retiring), atomically;
//! 3. after a settle time (no node still uses the old row), the old CRK is disabled in the provider
//!    (retired; reversible there, destroy it when policy allows) and the journal entry removed.

use std::time::Duration;

use crate::crypto::envelope::Envelope;
use crate::rootkey::RootKeyError;
use crate::store::{RootRotation, RotationPhase, Store, StoreError};

/// How long the old root key stays enabled after the switch: longer than the time every node needs
/// to see the new tenant row (the trust snapshot refresh, [`crate::server::identity::TRUST_REFRESH`]).
pub const SETTLE: Duration = Duration::from_secs(2);

/// Test hook: `KEYHAVEN_FAILPOINT=rotation-after-begin` or `rotation-after-switch` aborts the
/// process at that step, as a kill -9 would.
const FAILPOINT_ENV: &str = "KEYHAVEN_FAILPOINT";

fn failpoint(name: &str) {
    if std::env::var(FAILPOINT_ENV).is_ok_and(|v| v == name) {
        eprintln!("failpoint {name}: aborting");
        std::process::abort();
    }
}

fn now() -> i64 {
    crate::server::objects::now()
}

/// What a rotation did.
#[derive(Debug, Clone)]
pub struct RotationOutcome {
    pub old_ref: String,
    pub new_ref: String,
    /// It continued a rotation that an earlier run had started.
    pub resumed: bool,
    /// The old root key could not be disabled by its provider (it stays usable there).
    pub old_key_note: Option<String>,
}

/// Rotates (or finishes rotating) the root key of `tenant_id`. `progress` receives one line per step.
pub fn rotate_root_key(
    store: &dyn Store,
    envelope: &Envelope,
    tenant_id: &str,
    settle: Duration,
    progress: &mut dyn FnMut(&str),
) -> Result<RotationOutcome, String> {
    let tenant = store.get_tenant(tenant_id).map_err(|e| e.to_string())?;
    let provider = envelope.provider(&tenant.root_provider).ok_or_else(|| {
        format!(
            "tenant {}: root key provider {} is not configured here",
            tenant.name, tenant.root_provider
        )
    })?;
    if provider.rotates_in_place()
        && store
            .get_root_rotation(tenant_id)
            .map_err(|e| e.to_string())?
            .is_none()
    {
        return rotate_in_place(store, envelope, &tenant, provider.as_ref(), progress);
    }
    let (mut rotation, resumed) = match store
        .get_root_rotation(tenant_id)
        .map_err(|e| e.to_string())?
    {
        Some(r) => {
            progress(&format!(
                "resuming the rotation of {} → {} (phase {})",
                r.old_ref,
                r.new_ref,
                r.phase.as_str()
            ));
            (r, true)
        }
        None => {
            let new_ref = provider
                .create_key()
                .map_err(|e| format!("cannot create the new root key: {e}"))?;
            progress(&format!(
                "created root key {new_ref} in provider {}",
                tenant.root_provider
            ));
            let r = RootRotation {
                tenant_id: tenant_id.to_owned(),
                old_ref: tenant.root_key_ref.clone(),
                new_ref,
                phase: RotationPhase::Rewrapping,
                started_at: now(),
                updated_at: now(),
            };
            match store.begin_root_rotation(&r) {
                Ok(()) => (r, false),
                Err(StoreError::AlreadyExists(_)) => {
                    return Err(format!("tenant {} has a rotation under way already; run the command again to resume it", tenant.name))
                }
                Err(e) => return Err(e.to_string()),
            }
        }
    };
    failpoint("rotation-after-begin");

    if rotation.phase == RotationPhase::Rewrapping {
        let tenant = store.get_tenant(tenant_id).map_err(|e| e.to_string())?;
        if tenant.root_key_ref == rotation.old_ref {
            let wrapped = envelope
                .rewrap_tenant_key(&tenant, &rotation.new_ref)
                .map_err(|e| {
                    format!(
                        "cannot re-protect the tenant wrapping key under {}: {e}",
                        rotation.new_ref
                    )
                })?;
            store
                .switch_root_key(tenant_id, &rotation.old_ref, &rotation.new_ref, &wrapped)
                .map_err(|e| {
                    format!(
                        "cannot switch tenant {} to {}: {e}",
                        tenant.name, rotation.new_ref
                    )
                })?;
            progress(&format!(
                "tenant {} now uses root key {}",
                tenant.name, rotation.new_ref
            ));
        } else if tenant.root_key_ref != rotation.new_ref {
            return Err(format!(
                "tenant {} uses root key {}, neither the rotation's old ({}) nor new ({}) one; inspect before retrying",
                tenant.name, tenant.root_key_ref, rotation.old_ref, rotation.new_ref
            ));
        }
        rotation.phase = RotationPhase::Retiring;
        envelope.forget_tenant(tenant_id);
    }
    failpoint("rotation-after-switch");

    // Retire the old root key once no node can still be using the old tenant row.
    progress(&format!(
        "waiting {} s before retiring {}",
        settle.as_secs(),
        rotation.old_ref
    ));
    std::thread::sleep(settle);
    let old_key_note = match provider.disable_key(&rotation.old_ref) {
        Ok(()) => {
            progress(&format!(
                "retired (disabled) the old root key {}",
                rotation.old_ref
            ));
            None
        }
        Err(RootKeyError::KeyNotFound(_)) => None,
        Err(e) => {
            let note = format!("the old root key {} could not be disabled ({e}); it is no longer used, remove it in the provider", rotation.old_ref);
            progress(&note);
            Some(note)
        }
    };
    store
        .end_root_rotation(tenant_id)
        .map_err(|e| e.to_string())?;
    Ok(RotationOutcome {
        old_ref: rotation.old_ref,
        new_ref: rotation.new_ref,
        resumed,
        old_key_note,
    })
}

/// Rotation for providers that version their keys (Key Protect, AWS KMS, Transit): the provider
/// makes a new version of the same root key (older versions still decrypt), then the tenant
/// wrapping key is wrapped again under the newest version and stored. Nothing to retire and no
/// journal: run again after an interruption, it only adds one more version.
fn rotate_in_place(
    store: &dyn Store,
    envelope: &Envelope,
    tenant: &crate::store::TenantRecord,
    provider: &dyn crate::rootkey::RootKeyProvider,
    progress: &mut dyn FnMut(&str),
) -> Result<RotationOutcome, String> {
    let key = &tenant.root_key_ref;
    provider
        .rotate_key(key)
        .map_err(|e| format!("cannot rotate root key {key}: {e}"))?;
    progress(&format!(
        "rotated root key {key} in provider {} (a new version; older versions still decrypt)",
        tenant.root_provider
    ));
    let wrapped = envelope
        .rewrap_tenant_key_in_place(tenant)
        .map_err(|e| format!("cannot re-wrap the tenant wrapping key under {key}: {e}"))?;
    store
        .switch_root_key(&tenant.id, key, key, &wrapped)
        .map_err(|e| {
            format!(
                "cannot store the re-wrapped key of tenant {}: {e}",
                tenant.name
            )
        })?;
    envelope.forget_tenant(&tenant.id);
    progress(&format!(
        "tenant {} wrapping key re-wrapped under the newest version of {key}",
        tenant.name
    ));
    Ok(RotationOutcome {
        old_ref: key.clone(),
        new_ref: key.clone(),
        resumed: false,
        old_key_note: None,
    })
}
