//! The key inventory: a tenant's objects filtered and listed a page at a time, answered from the
//! store's indexes ([`crate::store::query`]). `keyhaven key list` calls [`list_keys`]; so can an
//! admin API. Locate uses [`scan`] and [`candidate_states`].
//!
//! A State filter is on the *effective* state: an object whose Activation or Deactivation Date has
//! passed is Active or Deactivated even before any request rewrote its stored state, so the store
//! is asked for every stored state that can read as the one wanted ([`candidate_states`]) and each
//! candidate is checked after [`Managed::apply_dates`].

use keyhaven_kmip::attribute::decode_storage;
use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::KmipResult;

use super::objects::{now, store_err, Managed};
use crate::store::{ObjectQuery, PageRequest, Store};

/// Rows read from the store per round trip while scanning candidates.
const SCAN_CHUNK: u64 = 512;

/// The stored states an object can have when its effective state is `wanted` (dates move
/// Pre-Active to Active and Active to Deactivated), and whether a stored state alone decides it.
pub fn candidate_states(wanted: u32) -> (Vec<u32>, bool) {
    match wanted {
        state::PRE_ACTIVE => (vec![state::PRE_ACTIVE], false),
        state::ACTIVE => (vec![state::PRE_ACTIVE, state::ACTIVE], false),
        state::DEACTIVATED => (
            vec![state::PRE_ACTIVE, state::ACTIVE, state::DEACTIVATED],
            false,
        ),
        other => (vec![other], true),
    }
}

/// Walks the tenant's objects matching `q` in insertion order, starting after the cursor `after`,
/// decoding each (dates applied) and handing it to `f` with its cursor, until `f` returns false or
/// none is left. Memory stays bounded by one chunk whatever the tenant holds.
pub fn scan(
    store: &dyn Store,
    tenant_id: &str,
    q: &ObjectQuery,
    after: Option<i64>,
    mut f: impl FnMut(Managed, i64) -> KmipResult<bool>,
) -> KmipResult<()> {
    let t = now();
    let mut after = after;
    loop {
        let page = store
            .query_objects(
                tenant_id,
                q,
                &PageRequest {
                    after,
                    offset: 0,
                    limit: SCAN_CHUNK,
                },
            )
            .map_err(store_err)?;
        for (rec, pos) in page.records.into_iter().zip(page.positions) {
            let attrs = decode_storage(&rec.attributes)?;
            let mut m = Managed { rec, attrs };
            m.apply_dates(t);
            if !f(m, pos)? {
                return Ok(());
            }
        }
        match page.next {
            Some(n) => after = Some(n),
            None => return Ok(()),
        }
    }
}

/// Which keys [`list_keys`] lists; every condition given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyFilter {
    /// Effective KMIP State (dates applied).
    pub state: Option<u32>,
    /// KMIP Object Type.
    pub object_type: Option<u32>,
    /// Text attributes by their 1.x name, each with exactly this value: `("x-Name", "web-01")`,
    /// `("x-Identifier", ..)`, `("x-Component", ..)`, `("Name", ..)` (a Name's Name Value).
    pub tags: Vec<(String, String)>,
    /// Created between these times (seconds since the epoch, inclusive).
    pub created: Option<(i64, i64)>,
}

/// One page of [`list_keys`].
pub struct KeyPage {
    /// Oldest first, with dates applied. Key material stays wrapped in `rec`.
    pub keys: Vec<Managed>,
    /// Pass as `after` for the next page; `None` when nothing follows.
    pub next: Option<i64>,
}

/// One page of a tenant's keys matching `filter`, oldest first, resumed after the cursor `after`
/// (from a previous [`KeyPage::next`]), at most `limit` keys.
pub fn list_keys(
    store: &dyn Store,
    tenant_id: &str,
    filter: &KeyFilter,
    after: Option<i64>,
    limit: usize,
) -> KmipResult<KeyPage> {
    let mut q = ObjectQuery {
        object_type: filter.object_type,
        text: filter.tags.clone(),
        created: filter.created,
        ..Default::default()
    };
    let mut exact_state = true;
    if let Some(s) = filter.state {
        let (states, exact) = candidate_states(s);
        q.states = Some(states);
        exact_state = exact;
    }
    let mut keys = Vec::new();
    let mut next = None;
    if limit == 0 {
        return Ok(KeyPage { keys, next });
    }
    if exact_state {
        // The store's answer is the page.
        let page = store
            .query_objects(
                tenant_id,
                &q,
                &PageRequest {
                    after,
                    offset: 0,
                    limit: limit as u64,
                },
            )
            .map_err(store_err)?;
        let t = now();
        for rec in page.records {
            let attrs = decode_storage(&rec.attributes)?;
            let mut m = Managed { rec, attrs };
            m.apply_dates(t);
            keys.push(m);
        }
        return Ok(KeyPage {
            keys,
            next: page.next,
        });
    }
    scan(store, tenant_id, &q, after, |m, pos| {
        if filter.state.is_some_and(|s| s != m.rec.state) {
            return Ok(true);
        }
        keys.push(m);
        if keys.len() == limit {
            next = Some(pos);
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(KeyPage { keys, next })
}
