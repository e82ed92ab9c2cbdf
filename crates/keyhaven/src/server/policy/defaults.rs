//! Set Defaults (KMIP 2.1 section 6.1.53): the tenant's Object Defaults, "the values that the
//! server will use if the client omits them on factory methods for objects" (section 7.22), kept
//! in the store. Each Object Defaults names its Object Type(s), the Attributes to give, and
//! optionally the Object Groups it is limited to. A default never overrides what the client gave,
//! nor what the object itself determines (a registered key's algorithm and length).

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use crate::store::Store;

use super::{attributes_item, read_attributes, Scope, MAX_ENTRIES};

/// Name of the tenant setting holding the Defaults Information.
pub const SETTING: &str = "kmip.defaults";

/// One Object Defaults structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectDefaults {
    pub scope: Scope,
    pub attrs: Vec<Attribute>,
}

/// Reads a Defaults Information structure: its Object Defaults, each with at least one Object
/// Type and its Attributes.
pub fn parse(info: &Item) -> KmipResult<Vec<ObjectDefaults>> {
    let mut out = Vec::new();
    for entry in info.items() {
        if entry.tag != tag::OBJECT_DEFAULTS {
            return Err(KmipError::invalid(format!(
                "Defaults Information holds Object Defaults structures, not tag 0x{:06X}",
                entry.tag
            )));
        }
        if out.len() == MAX_ENTRIES {
            return Err(KmipError::new(
                Reason::ServerLimitExceeded,
                format!("at most {MAX_ENTRIES} Object Defaults per tenant"),
            ));
        }
        let types = Scope::read_types(entry)?;
        if types.is_empty() {
            return Err(KmipError::missing("the Object Type of an Object Defaults"));
        }
        let groups = Scope::read_groups(entry)?;
        let attrs = read_attributes(entry, true)?;
        crate::server::ops::check_single_instances(&attrs)?;
        out.push(ObjectDefaults {
            scope: Scope { types, groups },
            attrs,
        });
    }
    Ok(out)
}

/// The Defaults Information structure of `list` (Query Defaults Information).
pub fn to_item(list: &[ObjectDefaults]) -> Item {
    Item::structure(
        tag::DEFAULTS_INFORMATION,
        list.iter()
            .map(|d| {
                let mut c = d.scope.to_items();
                c.push(attributes_item(&d.attrs));
                Item::structure(tag::OBJECT_DEFAULTS, c)
            })
            .collect(),
    )
}

/// The tenant's Object Defaults (empty when none were set).
pub fn load(store: &dyn Store, tenant_id: &str) -> KmipResult<Vec<ObjectDefaults>> {
    from_stored(super::load(store, tenant_id, SETTING)?)
}

/// The list held by the stored structure (none: empty).
pub fn from_stored(item: Option<Item>) -> KmipResult<Vec<ObjectDefaults>> {
    match item {
        Some(item) => parse(&item),
        None => Ok(Vec::new()),
    }
}

/// Replaces the tenant's Object Defaults (an empty list removes them).
pub fn save(store: &dyn Store, tenant_id: &str, list: &[ObjectDefaults]) -> KmipResult<()> {
    let item = (!list.is_empty()).then(|| to_item(list));
    super::save(store, tenant_id, SETTING, item.as_ref())
}

/// Adds to `attrs` (the client's) every default that applies to a new object of `object_type`
/// and names an attribute the client left out, except the attributes tagged in `skip` (those the
/// object itself determines). When several Object Defaults give the same single-instance
/// attribute, the first one set wins.
pub fn apply(list: &[ObjectDefaults], object_type: u32, attrs: &mut Vec<Attribute>, skip: &[u32]) {
    let given: Vec<String> = attrs.iter().map(|a| a.name.key()).collect();
    for d in list {
        if !d.scope.matches(object_type, attrs) {
            continue;
        }
        let mut added: Vec<Attribute> = Vec::new();
        for a in &d.attrs {
            let key = a.name.key();
            let skipped = a.name.def().is_some_and(|def| skip.contains(&def.tag));
            let single = a.name.def().is_none_or(|def| !def.multi_instance);
            let already = attrs.iter().any(|b| b.name == a.name);
            if skipped || given.contains(&key) || (single && already) {
                continue;
            }
            added.push(a.clone());
        }
        attrs.extend(added);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyhaven_kmip::enums::{cryptographic_algorithm as alg, object_type as ot};
    use keyhaven_ttlv::Value;

    fn defaults(types: &[u32], groups: &[&str], attrs: Vec<Item>) -> Item {
        let mut c = vec![Item::structure(
            tag::OBJECT_TYPES,
            types
                .iter()
                .map(|t| Item::enumeration(tag::OBJECT_TYPE, *t))
                .collect(),
        )];
        if !groups.is_empty() {
            c.push(Item::structure(
                tag::OBJECT_GROUPS,
                groups
                    .iter()
                    .map(|g| Item::text(tag::OBJECT_GROUP, *g))
                    .collect(),
            ));
        }
        c.push(Item::structure(tag::ATTRIBUTES, attrs));
        Item::structure(tag::OBJECT_DEFAULTS, c)
    }

    #[test]
    fn applies_only_what_the_client_left_out_and_only_in_scope() {
        let info = Item::structure(
            tag::DEFAULTS_INFORMATION,
            vec![
                defaults(
                    &[ot::SYMMETRIC_KEY],
                    &[],
                    vec![
                        Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::AES),
                        Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256),
                    ],
                ),
                defaults(
                    &[ot::SYMMETRIC_KEY],
                    &["finance"],
                    vec![Item::int(tag::CRYPTOGRAPHIC_LENGTH, 128)],
                ),
            ],
        );
        let list = parse(&info).expect("parse");
        assert_eq!(parse(&to_item(&list)).expect("round trip"), list);

        let mut attrs = vec![Attribute::std(
            tag::CRYPTOGRAPHIC_LENGTH,
            Value::Integer(192),
        )];
        apply(&list, ot::SYMMETRIC_KEY, &mut attrs, &[]);
        let get = |attrs: &[Attribute], t| {
            attrs
                .iter()
                .filter(|a| a.name.is(t))
                .map(|a| a.value.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            get(&attrs, tag::CRYPTOGRAPHIC_LENGTH),
            [Value::Integer(192)]
        );
        assert_eq!(
            get(&attrs, tag::CRYPTOGRAPHIC_ALGORITHM),
            [Value::Enumeration(alg::AES)]
        );

        let mut secret = Vec::new();
        apply(&list, ot::SECRET_DATA, &mut secret, &[]);
        assert!(secret.is_empty(), "{secret:?}");

        let mut skipped = Vec::new();
        apply(
            &list,
            ot::SYMMETRIC_KEY,
            &mut skipped,
            &[tag::CRYPTOGRAPHIC_ALGORITHM],
        );
        assert!(get(&skipped, tag::CRYPTOGRAPHIC_ALGORITHM).is_empty());
        assert_eq!(
            get(&skipped, tag::CRYPTOGRAPHIC_LENGTH),
            [Value::Integer(256)]
        );
    }

    #[test]
    fn refuses_what_it_cannot_apply() {
        let no_type = Item::structure(
            tag::DEFAULTS_INFORMATION,
            vec![Item::structure(
                tag::OBJECT_DEFAULTS,
                vec![Item::structure(tag::ATTRIBUTES, vec![])],
            )],
        );
        assert_eq!(parse(&no_type).unwrap_err().reason, Reason::MissingData);
        let bad_type = Item::structure(
            tag::DEFAULTS_INFORMATION,
            vec![defaults(&[0x7777], &[], vec![])],
        );
        assert_eq!(
            parse(&bad_type).unwrap_err().reason,
            Reason::InvalidObjectType
        );
        let server_only = Item::structure(
            tag::DEFAULTS_INFORMATION,
            vec![defaults(
                &[ot::SYMMETRIC_KEY],
                &[],
                vec![Item::text(tag::UNIQUE_IDENTIFIER, "x")],
            )],
        );
        assert_eq!(
            parse(&server_only).unwrap_err().reason,
            Reason::InvalidField
        );
    }
}
