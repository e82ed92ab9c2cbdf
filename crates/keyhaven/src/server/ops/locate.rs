//! Locate: the tenant's objects matching every attribute given (object type, state, name, algorithm,
//! length, custom attributes, any other attribute by value; a date attribute given twice is a range),
//! with Maximum Items and Offset Items. Located Items (1.3 and later) counts all matches. Archived
//! objects are found only when the Storage Status Mask asks for Archival storage, destroyed ones
//! only when it asks for Destroyed storage (2.x).

use keyhaven_kmip::attribute::{decode_storage, parse_attribute_list, Attribute};
use keyhaven_kmip::enums::{object_group_member, state, storage_status_mask as ssm};
use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::{Item, Value};

use super::{now, store_err, Managed, OpCtx};
use crate::store::ObjectFilter;

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

    // Storage Status Mask: on-line objects by default; archived ones (Archive Date set) and
    // destroyed ones (2.x) only when asked.
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

    let records = ctx
        .server
        .store
        .list_objects(&ctx.tenant.id, &filter, None)
        .map_err(store_err)?;
    let t = now();
    let mut found = Vec::new();
    for rec in records {
        let attrs = decode_storage(&rec.attributes)?;
        let mut m = Managed { rec, attrs };
        m.apply_dates(t);
        let destroyed = matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED);
        // An archived object (Archive, not yet Recover) is in archival storage.
        let archived = !destroyed && crate::server::crypto_params::is_archived(&m);
        let wanted = if destroyed {
            want_destroyed
        } else if archived {
            want_archived
        } else {
            want_online
        };
        if !wanted {
            continue;
        }
        if state_wanted.is_some_and(|s| s != m.rec.state) {
            continue;
        }
        if member.is_some() && !group_given && m.first(tag::OBJECT_GROUP).is_some() {
            continue;
        }
        if member == Some(object_group_member::GROUP_MEMBER_FRESH)
            && m.first(tag::FRESH).map(|a| &a.value) != Some(&Value::Boolean(true))
        {
            continue;
        }
        let all = m.all_attributes();
        let ok = criteria.iter().all(|c| match c {
            Criterion::Equal(w) => all
                .iter()
                .any(|h| h.name == w.name && matches_value(&h.value, &w.value)),
            Criterion::Range(w, lo, hi) => all.iter().any(|h| {
                h.name == w.name && matches!(h.value, Value::DateTime(d) if d >= *lo && d <= *hi)
            }),
        });
        if ok {
            found.push((m.rec.created_at, m.rec.uid));
        }
    }
    if member == Some(object_group_member::GROUP_MEMBER_DEFAULT) {
        found.sort_by_key(|(created, _)| std::cmp::Reverse(*created));
        found.truncate(1);
    }
    let found: Vec<String> = found.into_iter().map(|(_, u)| u).collect();
    let total = found.len();
    let mut c = Vec::new();
    if ctx.version >= ProtocolVersion::V1_3 {
        c.push(Item::int(tag::LOCATED_ITEMS, total as i32));
    }
    let take = max_items.unwrap_or(usize::MAX);
    for uid in found.into_iter().skip(offset).take(take) {
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
