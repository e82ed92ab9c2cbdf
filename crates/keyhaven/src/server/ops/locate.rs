//! Locate: the tenant's objects matching every attribute given (object type, state, name, algorithm,
//! length, custom attributes, any other attribute by value; a date attribute given twice is a range),
//! with Maximum Items and Offset Items. Located Items (1.3 and later) counts all matches. Archived
//! objects are found only when the Storage Status Mask asks for Archival storage, destroyed ones
//! only when it asks for Destroyed storage (2.x).
//!
//! The store answers from its indexes (store/query.rs): object type, state, algorithm, length,
//! names, text and date attributes, with Maximum Items and Offset Items in SQL. When a criterion
//! is beyond the indexes (an attribute of another type, a state that dates may have changed), the
//! store's candidates are read a chunk at a time and checked here.

use keyhaven_kmip::attribute::{parse_attribute_list, AttrName, Attribute};
use keyhaven_kmip::enums::{object_group_member, state, storage_status_mask as ssm};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::{Item, Value};

use super::{store_err, Managed, OpCtx};
use crate::server::inventory::{candidate_states, scan};
use crate::store::query::{is_indexed_date, text_term};
use crate::store::{ObjectFilter, ObjectQuery, PageRequest};

/// Most identifiers a Locate answers on an async worker (see [`crate::nonblocking`]).
const NONBLOCKING_MAX: usize = 256;

/// One criterion: an attribute value to match, or a date range.
enum Criterion {
    Equal(Attribute),
    Range(Attribute, i64, i64),
}

fn matches_value(have: &Value, want: &Value) -> bool {
    match (have, want) {
        // A Name matches on its value, and on its type when the request gives one.
        (Value::Structure(h), Value::Structure(w)) => {
            w.iter().all(|wi| h.iter().any(|hi| hi == wi))
        }
        _ => have == want,
    }
}

/// One indexed condition (store/query.rs): a text term or a date.
enum Term {
    Text(String, String),
    Date(String, i64),
}

/// The index term of an equality criterion, and whether the term alone decides it; `None` when
/// the attribute is not indexed.
fn term_of(w: &Attribute) -> Option<(Term, bool)> {
    if let AttrName::Custom { vendor, .. } = &w.name {
        // Other vendors' names are spelled "x-vendor-name" in the index, which a vendor "x"
        // attribute could spell too: let the check here decide.
        if vendor != "x" && vendor != "y" {
            return text_term(&w.name, &w.value).map(|v| (Term::Text(w.name.key(), v), false));
        }
    }
    if let Value::DateTime(d) = w.value {
        return is_indexed_date(&w.name).then(|| (Term::Date(w.name.key(), d), true));
    }
    let v = text_term(&w.name, &w.value)?;
    // A Name criterion with more than its Name Value (a Name Type) is checked here as well.
    let alone = match &w.value {
        Value::Structure(items) => items.iter().all(|i| i.tag == tag::NAME_VALUE),
        _ => true,
    };
    Some((Term::Text(w.name.key(), v), alone))
}

/// What a Locate asks beyond its attribute criteria.
#[derive(Clone, Copy)]
struct Want {
    online: bool,
    archived: bool,
    destroyed: bool,
    state: Option<u32>,
    member: Option<u32>,
    group_given: bool,
}

/// Object Group Member Default: the newest of the matches only.
fn group_default(mut found: Vec<(i64, String)>, member: Option<u32>) -> Vec<String> {
    if member == Some(object_group_member::GROUP_MEMBER_DEFAULT) {
        found.sort_by_key(|(created, _)| std::cmp::Reverse(*created));
        found.truncate(1);
    }
    found.into_iter().map(|(_, u)| u).collect()
}

/// The full check of one object against the request (what the store could not decide).
fn matches_all(m: &Managed, want: &Want, criteria: &[Criterion]) -> bool {
    let destroyed = matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED);
    // An archived object (Archive, not yet Recover) is in archival storage.
    let archived = !destroyed && crate::server::crypto_params::is_archived(m);
    let wanted = if destroyed {
        want.destroyed
    } else if archived {
        want.archived
    } else {
        want.online
    };
    if !wanted {
        return false;
    }
    if want.state.is_some_and(|s| s != m.rec.state) {
        return false;
    }
    if want.member.is_some() && !want.group_given && m.first(tag::OBJECT_GROUP).is_some() {
        return false;
    }
    if want.member == Some(object_group_member::GROUP_MEMBER_FRESH)
        && m.first(tag::FRESH).map(|a| &a.value) != Some(&Value::Boolean(true))
    {
        return false;
    }
    let all = m.all_attributes();
    criteria.iter().all(|c| match c {
        Criterion::Equal(w) => all
            .iter()
            .any(|h| h.name == w.name && matches_value(&h.value, &w.value)),
        Criterion::Range(w, lo, hi) => all.iter().any(|h| {
            h.name == w.name && matches!(h.value, Value::DateTime(d) if d >= *lo && d <= *hi)
        }),
    })
}

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let attrs = if ctx.version.is_2x() {
        parse_attribute_list(payload.child(tag::ATTRIBUTES), ctx.version)?
    } else {
        payload
            .children(tag::ATTRIBUTE)
            .map(Attribute::from_v1)
            .collect::<KmipResult<_>>()?
    };
    let max_items = match payload.child(tag::MAXIMUM_ITEMS) {
        Some(i) => Some(
            i.as_int()
                .filter(|n| *n >= 0)
                .ok_or_else(|| KmipError::invalid("Maximum Items must be a non-negative Integer"))?
                as usize,
        ),
        None => None,
    };
    let offset = match payload.child(tag::OFFSET_ITEMS) {
        Some(i) => i
            .as_int()
            .filter(|n| *n >= 0)
            .ok_or_else(|| KmipError::invalid("Offset Items must be a non-negative Integer"))?
            as usize,
        None => 0,
    };

    // Storage Status Mask: on-line objects by default; destroyed ones only when asked (2.x). This
    // server archives nothing, so Archival alone finds nothing.
    let mask = match payload.child(tag::STORAGE_STATUS_MASK) {
        Some(i) => i
            .as_int()
            .ok_or_else(|| KmipError::invalid("Storage Status Mask must be an Integer"))?
            as u32,
        None => ssm::ON_LINE_STORAGE,
    };
    let want_online = mask & ssm::ON_LINE_STORAGE != 0;
    let want_archived = mask & ssm::ARCHIVAL_STORAGE != 0;
    let want_destroyed = mask & ssm::DESTROYED_STORAGE != 0 && ctx.version.is_2x();

    // Object Group Member: the group's fresh objects (never served by Get), or its default object
    // (this server's policy: the newest on-line one). Without an Object Group, the group searched
    // is the server's default group: the objects that belong to no Object Group.
    let member = match payload.child(tag::OBJECT_GROUP_MEMBER) {
        Some(i) => Some(
            i.as_enum()
                .ok_or_else(|| KmipError::invalid("Object Group Member must be an Enumeration"))?,
        ),
        None => None,
    };
    let group_given = attrs.iter().any(|a| a.name.is(tag::OBJECT_GROUP));
    let want = Want {
        online: want_online,
        archived: want_archived,
        destroyed: want_destroyed,
        state: None,
        member,
        group_given,
    };

    let mut filter = ObjectFilter::default();
    let mut criteria: Vec<Criterion> = Vec::new();
    let mut state_wanted = None;
    for a in attrs {
        match (&a.value, a.name.def().map(|d| d.tag)) {
            (Value::Enumeration(v), Some(tag::OBJECT_TYPE)) => filter.object_type = Some(*v),
            (Value::Enumeration(v), Some(tag::CRYPTOGRAPHIC_ALGORITHM)) => {
                filter.algorithm = Some(*v)
            }
            (Value::Integer(v), Some(tag::CRYPTOGRAPHIC_LENGTH)) => filter.length = Some(*v),
            (Value::Enumeration(v), Some(tag::STATE)) => state_wanted = Some(*v),
            (Value::DateTime(d), _) => {
                // The second instance of a date attribute closes a range opened by the first.
                let pos = criteria
                    .iter()
                    .position(|c| matches!(c, Criterion::Equal(b) if b.name == a.name));
                match pos {
                    Some(p) => {
                        if let Criterion::Equal(b) = &criteria[p] {
                            if let Value::DateTime(first) = b.value {
                                let (lo, hi) = if first <= *d {
                                    (first, *d)
                                } else {
                                    (*d, first)
                                };
                                criteria[p] = Criterion::Range(a.clone(), lo, hi);
                            }
                        }
                    }
                    None => criteria.push(Criterion::Equal(a)),
                }
            }
            _ => criteria.push(Criterion::Equal(a)),
        }
    }

    // The store answers what it can from its indexes; what it cannot (a state that dates may have
    // changed, attributes that are not indexed, a Name Type) is checked here on its candidates.
    let mut q = ObjectQuery {
        object_type: filter.object_type,
        algorithm: filter.algorithm,
        length: filter.length,
        ..Default::default()
    };
    // Archival storage (an Archive Date) and group membership are checked here.
    let mut exact = want_online == want_archived && member.is_none();
    let want = Want {
        state: state_wanted,
        ..want
    };
    let mut states: Vec<u32> = Vec::new();
    if want_online || want_archived {
        states.extend([
            state::PRE_ACTIVE,
            state::ACTIVE,
            state::DEACTIVATED,
            state::COMPROMISED,
        ]);
    }
    if want_destroyed {
        states.extend([state::DESTROYED, state::DESTROYED_COMPROMISED]);
    }
    if let Some(s) = state_wanted {
        let (candidates, alone) = candidate_states(s);
        states.retain(|x| candidates.contains(x));
        exact &= alone;
    }
    if !((want_online || want_archived) && want_destroyed) || state_wanted.is_some() {
        q.states = Some(states);
    }
    for c in &criteria {
        match c {
            Criterion::Equal(w) => match term_of(w) {
                Some((Term::Text(attr, value), alone)) => {
                    q.text.push((attr, value));
                    exact &= alone;
                }
                Some((Term::Date(attr, d), _)) => q.dates.push((attr, d, d)),
                None => exact = false,
            },
            Criterion::Range(w, lo, hi) => {
                if is_indexed_date(&w.name) {
                    q.dates.push((w.name.key(), *lo, *hi));
                } else {
                    exact = false;
                }
            }
        }
    }

    let take = max_items.unwrap_or(usize::MAX);
    // On an async worker (crate::nonblocking) only a Locate narrowed by a name or text attribute
    // to a few candidates runs: anything that could read many rows goes to the pool.
    let nonblocking = crate::nonblocking::active();
    if nonblocking && q.text.is_empty() {
        crate::nonblocking::refuse();
        return Err(KmipError::new(
            Reason::GeneralFailure,
            "not answered without waiting",
        ));
    }
    let store = &*ctx.server.store;
    let tenant_id = ctx.tenant.id.as_str();
    let (total, page): (usize, Vec<String>) = if nonblocking {
        // Every candidate at once (few, or the attempt is refused), each checked here in full;
        // the count and the page follow.
        let candidates = store
            .query_objects(
                tenant_id,
                &q,
                &PageRequest::first(NONBLOCKING_MAX as u64 + 1),
            )
            .map_err(store_err)?
            .records;
        if candidates.len() > NONBLOCKING_MAX {
            crate::nonblocking::refuse();
            return Err(KmipError::new(
                Reason::GeneralFailure,
                "not answered without waiting",
            ));
        }
        let t = super::now();
        let mut all = Vec::with_capacity(candidates.len());
        for rec in candidates {
            let attrs = keyhaven_kmip::attribute::decode_storage(&rec.attributes)?;
            let mut m = Managed { rec, attrs };
            m.apply_dates(t);
            if matches_all(&m, &want, &criteria) {
                all.push((m.rec.created_at, m.rec.uid));
            }
        }
        let all = group_default(all, member);
        let total = all.len();
        (total, all.into_iter().skip(offset).take(take).collect())
    } else if exact {
        let total = if ctx.version >= ProtocolVersion::V1_3 {
            store.count_objects(tenant_id, &q).map_err(store_err)? as usize
        } else {
            0
        };
        let page: Vec<String> = if take == 0 {
            Vec::new()
        } else {
            store
                .query_objects(
                    tenant_id,
                    &q,
                    &PageRequest {
                        after: None,
                        offset: offset as u64,
                        limit: take as u64,
                    },
                )
                .map_err(store_err)?
                .records
                .into_iter()
                .map(|r| r.uid)
                .collect()
        };
        (total, page)
    } else {
        let mut found = Vec::new();
        scan(store, tenant_id, &q, None, |m, _| {
            if matches_all(&m, &want, &criteria) {
                found.push((m.rec.created_at, m.rec.uid));
            }
            Ok(true)
        })?;
        let found = group_default(found, member);
        let total = found.len();
        (total, found.into_iter().skip(offset).take(take).collect())
    };
    let mut c = Vec::new();
    if ctx.version >= ProtocolVersion::V1_3 {
        c.push(Item::int(tag::LOCATED_ITEMS, total as i32));
    }
    for uid in page {
        c.push(Item::text(tag::UNIQUE_IDENTIFIER, uid));
    }
    if let Some(last) = c
        .iter()
        .rev()
        .find(|i| i.tag == tag::UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
    {
        *ctx.id_placeholder = Some(last.to_owned());
    }
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, c))
}
