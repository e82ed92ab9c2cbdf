//! Batch Error Continuation Option Undo: when an item of such a batch fails, the items before it are
//! undone and answered Operation Undone.
//!
//! Before each item, the object it names (its Unique Identifier, or the ID Placeholder) is recorded
//! as it was; after it, the objects it created (identifiers in its answer that were not there
//! before). To undo, recorded objects get their earlier state, attributes and material back (their
//! Last Change Date says when), in reverse order; an object the batch created is destroyed (its
//! material erased), since the store keeps every identifier it has given out.

use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::objects;
use crate::store::{ObjectRecord, Store};

/// Identifiers an answer may carry of objects an operation created.
const CREATED_ID_TAGS: &[u32] = &[
    tag::UNIQUE_IDENTIFIER,
    tag::PRIVATE_KEY_UNIQUE_IDENTIFIER,
    tag::PUBLIC_KEY_UNIQUE_IDENTIFIER,
];

/// What a batch changed, to undo it.
pub struct UndoLog {
    tenant_id: String,
    /// Objects as they were before the batch touched them (`None`: created by the batch).
    before: Vec<(String, Option<ObjectRecord>)>,
}

impl UndoLog {
    pub fn new(tenant_id: &str) -> UndoLog {
        UndoLog {
            tenant_id: tenant_id.to_owned(),
            before: Vec::new(),
        }
    }

    fn knows(&self, uid: &str) -> bool {
        self.before.iter().any(|(u, _)| u == uid)
    }

    /// Records the object an item is about to use.
    pub fn before_item(&mut self, store: &dyn Store, payload: &Item, placeholder: Option<&str>) {
        let uid = payload
            .child(tag::UNIQUE_IDENTIFIER)
            .and_then(Item::as_text)
            .or(placeholder);
        if let Some(uid) = uid {
            if !self.knows(uid) {
                if let Ok(rec) = store.get_object(&self.tenant_id, uid) {
                    self.before.push((uid.to_owned(), Some(rec)));
                }
            }
        }
    }

    /// Records the objects an item created.
    pub fn after_item(&mut self, answer: &Item) {
        for t in CREATED_ID_TAGS {
            for uid in answer.children(*t).filter_map(Item::as_text) {
                if !self.knows(uid) {
                    self.before.push((uid.to_owned(), None));
                }
            }
        }
    }

    /// Undoes the batch's changes, newest first. Failures are logged: the batch is answered anyway.
    pub fn undo(&self, store: &dyn Store) {
        for (uid, before) in self.before.iter().rev() {
            let r = match before {
                Some(old) => restore(store, &self.tenant_id, uid, old),
                None => objects::update(store, &self.tenant_id, uid, |m| {
                    if !matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) {
                        m.rec.state = state::DESTROYED;
                        m.rec.wrapped_material = Vec::new();
                        m.set(tag::DESTROY_DATE, Value::DateTime(objects::now()));
                    }
                    Ok(())
                }),
            };
            if let Err(e) = r {
                tracing::warn!(uid = %uid, error = %e.message, "cannot undo a batch item");
            }
        }
    }
}

fn restore(store: &dyn Store, tenant_id: &str, uid: &str, old: &ObjectRecord) -> KmipResult<()> {
    let attrs = keyhaven_kmip::attribute::decode_storage(&old.attributes)?;
    objects::update(store, tenant_id, uid, |m| {
        m.rec.state = old.state;
        m.rec.algorithm = old.algorithm;
        m.rec.length = old.length;
        m.rec.wrapped_material = old.wrapped_material.clone();
        m.attrs = attrs.clone();
        Ok(())
    })
}
