//! Managed objects as operations see them (record + decoded attributes), their loading and
//! optimistic update, and the KMIP state machine's transitions, shared by the KMIP operations and the
//! administrator's key commands.

use keyhaven_kmip::attribute::{decode_storage, encode_storage, Attribute};
use keyhaven_kmip::enums::{revocation_reason_code as rrc, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Value;

use crate::store::{ObjectRecord, Store, StoreError};

/// How the Revocation Message of an administrator's revoke begins (see [`Managed::admin_hold`]).
pub const ADMIN_REVOKE: &str = "revoked by administrator";

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn store_err(e: StoreError) -> KmipError {
    match e {
        StoreError::NotFound(what) => {
            KmipError::new(Reason::ItemNotFound, format!("not found: {what}"))
        }
        StoreError::AlreadyExists(what) => KmipError::new(
            Reason::ObjectAlreadyExists,
            format!("already exists: {what}"),
        ),
        StoreError::Conflict(what) => KmipError::new(
            Reason::GeneralFailure,
            format!("concurrent update of {what}; retry"),
        ),
        StoreError::Backend(msg) => {
            // A non-blocking attempt's refusal is not a failure: the request runs again.
            if !crate::nonblocking::active() {
                tracing::error!(error = %msg, "store failure");
            }
            // Conditions an operator must act on are named (nothing secret is in them); other
            // details stay in the server's log.
            let m = msg.to_ascii_lowercase();
            let text = if m.contains("disk is full") || m.contains("no space left") {
                "the key store's disk is full: nothing was written; retry once space is freed on the server"
            } else if m.contains("readonly") || m.contains("read-only") {
                "the key store is read-only (its file system or files cannot be written): nothing was written"
            } else if m.contains("disk i/o error") || m.contains("input/output error") {
                "the key store cannot write to its disk (I/O error: the file system may be read-only, full or failing): nothing was written"
            } else if m.contains("removed or replaced") {
                "the key store's database file was removed or replaced under the running server: writes are refused until it is restored or the server restarted"
            } else {
                "the key store is unavailable; retry later"
            };
            KmipError::new(Reason::GeneralFailure, text)
        }
    }
}

/// A managed object with its decoded attributes.
pub struct Managed {
    pub rec: ObjectRecord,
    pub attrs: Vec<Attribute>,
}

impl Managed {
    pub fn first(&self, t: u32) -> Option<&Attribute> {
        self.attrs.iter().find(|a| a.name.is(t))
    }

    /// Sets a single-instance attribute, replacing any value.
    pub fn set(&mut self, t: u32, value: Value) {
        if let Some(a) = self.attrs.iter_mut().find(|a| a.name.is(t)) {
            a.value = value;
        } else {
            self.attrs.push(Attribute::std(t, value));
        }
    }

    /// Every attribute, with those derived from the record (Unique Identifier, Object Type, State).
    pub fn all_attributes(&self) -> Vec<Attribute> {
        let mut out = Vec::with_capacity(self.attrs.len() + 3);
        out.push(Attribute::std(
            tag::UNIQUE_IDENTIFIER,
            Value::TextString(self.rec.uid.clone()),
        ));
        out.push(Attribute::std(
            tag::OBJECT_TYPE,
            Value::Enumeration(self.rec.object_type),
        ));
        out.push(Attribute::std(
            tag::STATE,
            Value::Enumeration(self.rec.state),
        ));
        out.extend(self.attrs.iter().cloned());
        out
    }

    /// Applies the date-driven transitions of the state machine (Activation Date and Deactivation
    /// Date reached). Returns true when the state changed.
    pub fn apply_dates(&mut self, now: i64) -> bool {
        let date = |m: &Managed, t| {
            m.first(t).and_then(|a| {
                if let Value::DateTime(d) = a.value {
                    Some(d)
                } else {
                    None
                }
            })
        };
        let before = self.rec.state;
        if self.rec.state == state::PRE_ACTIVE
            && date(self, tag::ACTIVATION_DATE).is_some_and(|d| d <= now)
        {
            self.rec.state = state::ACTIVE;
        }
        if self.rec.state == state::ACTIVE
            && date(self, tag::DEACTIVATION_DATE).is_some_and(|d| d <= now)
        {
            self.rec.state = state::DEACTIVATED;
        }
        before != self.rec.state
    }
}

/// Loads an object of a tenant, with the date-driven transitions applied.
pub fn load(store: &dyn Store, tenant_id: &str, uid: &str) -> KmipResult<Managed> {
    let rec = store.get_object(tenant_id, uid).map_err(|e| match e {
        StoreError::NotFound(_) => KmipError::not_found(uid),
        other => store_err(other),
    })?;
    let attrs = decode_storage(&rec.attributes)?;
    let mut m = Managed { rec, attrs };
    m.apply_dates(now());
    Ok(m)
}

/// Turns a write away from a non-blocking attempt (see [`crate::nonblocking`]) before any effect.
pub fn refuse_write(uid: &str) -> KmipResult<()> {
    if crate::nonblocking::refuse() {
        return Err(KmipError::new(
            Reason::GeneralFailure,
            format!("object {uid} cannot be written from an async worker"),
        ));
    }
    Ok(())
}

/// Reads, changes and writes back one object, retrying when another request changed it meanwhile.
pub fn update<T>(
    store: &dyn Store,
    tenant_id: &str,
    uid: &str,
    mut f: impl FnMut(&mut Managed) -> KmipResult<T>,
) -> KmipResult<T> {
    refuse_write(uid)?;
    for attempt in 0..8u64 {
        let mut m = load(store, tenant_id, uid)?;
        let out = f(&mut m)?;
        let t = now();
        m.apply_dates(t);
        m.set(tag::LAST_CHANGE_DATE, Value::DateTime(t));
        m.rec.attributes = encode_storage(&m.attrs);
        m.rec.updated_at = t;
        m.rec.revision += 1;
        match store.update_object(&m.rec) {
            Ok(()) => return Ok(out),
            Err(StoreError::Conflict(_)) => {
                // Another request (maybe on another node) changed it: back off a little, with
                // jitter, so that competing writers do not collide again at once.
                let mut b = [0u8; 1];
                crate::crypto::fill_random(&mut b);
                std::thread::sleep(std::time::Duration::from_millis(
                    1 + u64::from(b[0] % 8) * (attempt + 1),
                ));
                continue;
            }
            Err(e) => return Err(store_err(e)),
        }
    }
    Err(KmipError::new(
        Reason::GeneralFailure,
        format!("object {uid} is being changed by many requests at once; retry"),
    ))
}

fn state_name(s: u32) -> &'static str {
    keyhaven_kmip::enums::enum_value_name(tag::STATE, s).unwrap_or("unknown")
}

impl Managed {
    /// Activate: Pre-Active to Active, setting the Activation Date.
    pub fn activate(&mut self, t: i64) -> KmipResult<()> {
        if self.rec.state != state::PRE_ACTIVE {
            return Err(KmipError::new(
                Reason::WrongKeyLifecycleState,
                format!(
                    "object {} is {}; only a Pre-Active object can be activated",
                    self.rec.uid,
                    state_name(self.rec.state)
                ),
            ));
        }
        self.rec.state = state::ACTIVE;
        self.set(tag::ACTIVATION_DATE, Value::DateTime(t));
        Ok(())
    }

    /// The Revocation Message of a revoke by an administrator (console, admin API, command line)
    /// while the object is still revoked: such a key is held, its material serves nothing (no
    /// Get, Export or cryptographic use) until an administrator restores it. A client's own KMIP
    /// Revoke keeps the specification's meaning (a Deactivated key may still be fetched to process
    /// data).
    pub fn admin_hold(&self) -> Option<String> {
        if !matches!(self.rec.state, state::DEACTIVATED | state::COMPROMISED) {
            return None;
        }
        let Value::Structure(items) = &self.first(tag::REVOCATION_REASON)?.value else {
            return None;
        };
        items
            .iter()
            .find(|i| i.tag == tag::REVOCATION_MESSAGE)
            .and_then(keyhaven_ttlv::Item::as_text)
            .filter(|m| m.starts_with(ADMIN_REVOKE))
            .map(str::to_owned)
    }

    /// Revoke: Compromised for a key or CA compromise (Destroyed becomes Destroyed Compromised);
    /// Deactivated for any other reason, from Active only. An administrator's hold stays (a client
    /// reporting a compromise of a held key cannot release it).
    pub fn revoke(&mut self, reason: Value, occurrence: Option<i64>, t: i64) -> KmipResult<()> {
        let held = self
            .admin_hold()
            .and_then(|_| self.first(tag::REVOCATION_REASON).map(|a| a.value.clone()));
        let code = match &reason {
            Value::Structure(items) => items
                .iter()
                .find(|i| i.tag == tag::REVOCATION_REASON_CODE)
                .and_then(|i| i.as_enum()),
            _ => None,
        }
        .ok_or_else(|| KmipError::missing("the Revocation Reason Code"))?;
        if code == rrc::KEY_COMPROMISE || code == rrc::CA_COMPROMISE {
            self.rec.state = match self.rec.state {
                state::DESTROYED | state::DESTROYED_COMPROMISED => state::DESTROYED_COMPROMISED,
                _ => state::COMPROMISED,
            };
            self.set(tag::COMPROMISE_DATE, Value::DateTime(t));
            self.set(
                tag::COMPROMISE_OCCURRENCE_DATE,
                Value::DateTime(occurrence.unwrap_or(t)),
            );
        } else {
            if self.rec.state != state::ACTIVE {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!(
                        "object {} is {}; only an Active object can be revoked for a reason other than compromise",
                        self.rec.uid,
                        state_name(self.rec.state)
                    ),
                ));
            }
            self.rec.state = state::DEACTIVATED;
            self.set(tag::DEACTIVATION_DATE, Value::DateTime(t));
        }
        self.set(tag::REVOCATION_REASON, held.unwrap_or(reason));
        Ok(())
    }

    /// Destroy: removes the key material (the wrapped blob) for good; the record and attributes stay.
    /// An Active object must be revoked first.
    pub fn destroy(&mut self, t: i64) -> KmipResult<()> {
        self.rec.state = match self.rec.state {
            state::PRE_ACTIVE | state::DEACTIVATED => state::DESTROYED,
            state::COMPROMISED => state::DESTROYED_COMPROMISED,
            state::ACTIVE => {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!(
                        "object {} is Active: revoke it before destroying it",
                        self.rec.uid
                    ),
                ))
            }
            _ => {
                return Err(KmipError::new(
                    Reason::ObjectDestroyed,
                    format!("object {} is already destroyed", self.rec.uid),
                ))
            }
        };
        self.rec.wrapped_material = Vec::new();
        self.set(tag::DESTROY_DATE, Value::DateTime(t));
        Ok(())
    }

    /// The administrator's override: a Deactivated or Compromised object becomes Active again (a VM
    /// whose key is not Active stays locked; VMware's recovery is to reactivate the key on the KMS).
    /// The revocation attributes are removed so the dates do not deactivate it again.
    pub fn restore(&mut self, t: i64) -> KmipResult<()> {
        if !matches!(self.rec.state, state::DEACTIVATED | state::COMPROMISED) {
            return Err(KmipError::new(
                Reason::WrongKeyLifecycleState,
                format!(
                    "object {} is {}; only a Deactivated or Compromised (revoked) object can be restored",
                    self.rec.uid,
                    state_name(self.rec.state)
                ),
            ));
        }
        self.attrs.retain(|a: &Attribute| {
            !(a.name.is(tag::DEACTIVATION_DATE)
                || a.name.is(tag::REVOCATION_REASON)
                || a.name.is(tag::COMPROMISE_DATE)
                || a.name.is(tag::COMPROMISE_OCCURRENCE_DATE))
        });
        self.rec.state = state::ACTIVE;
        if self.first(tag::ACTIVATION_DATE).is_none() {
            self.set(tag::ACTIVATION_DATE, Value::DateTime(t));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyhaven_ttlv::Item;

    fn active_key() -> Managed {
        Managed {
            rec: ObjectRecord {
                uid: "k".into(),
                tenant_id: "t".into(),
                object_type: keyhaven_kmip::enums::object_type::SYMMETRIC_KEY,
                state: state::ACTIVE,
                algorithm: None,
                length: None,
                wrapped_material: vec![1],
                attributes: Vec::new(),
                created_at: 0,
                updated_at: 0,
                revision: 0,
            },
            attrs: Vec::new(),
        }
    }

    fn reason(code: u32, msg: Option<&str>) -> Value {
        let mut v = vec![Item::enumeration(tag::REVOCATION_REASON_CODE, code)];
        if let Some(m) = msg {
            v.push(Item::text(tag::REVOCATION_MESSAGE, m));
        }
        Value::Structure(v)
    }

    #[test]
    fn an_administrators_revoke_holds_the_key_until_restored() {
        let mut m = active_key();
        let why = format!("{ADMIN_REVOKE} admin:alice@console");
        m.revoke(reason(rrc::CESSATION_OF_OPERATION, Some(&why)), None, 10)
            .expect("revoke");
        assert_eq!(m.admin_hold().as_deref(), Some(why.as_str()));
        // A client's compromise report changes the state but cannot release the hold.
        m.revoke(
            reason(rrc::KEY_COMPROMISE, Some("client says so")),
            None,
            11,
        )
        .expect("compromise");
        assert_eq!(m.rec.state, state::COMPROMISED);
        assert_eq!(m.admin_hold().as_deref(), Some(why.as_str()));
        m.restore(12).expect("restore");
        assert_eq!(m.admin_hold(), None);
    }

    #[test]
    fn a_clients_revoke_does_not_hold() {
        let mut m = active_key();
        m.revoke(reason(rrc::SUPERSEDED, Some("rotated")), None, 10)
            .expect("revoke");
        assert_eq!(m.rec.state, state::DEACTIVATED);
        assert_eq!(m.admin_hold(), None);
        let mut n = active_key();
        n.revoke(reason(rrc::SUPERSEDED, None), None, 10)
            .expect("revoke");
        assert_eq!(n.admin_hold(), None);
    }
}
