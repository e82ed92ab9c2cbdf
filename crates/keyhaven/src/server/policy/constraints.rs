//! Set Constraints and Get Constraints (KMIP 2.1 sections 6.1.52, 6.1.22): the tenant's
//! Constraint structures, "applied to operations that create Managed Objects" (section 7.6), kept
//! in the store.
//!
//! What a Constraint means here (the spec leaves it to the server): a Constraint applies to a new
//! object when its Object Types (none: every type) include the object's type and its Object
//! Groups (none: every object) include one of the object's groups. Each attribute its Attributes
//! name must then be on the object, and every instance the object has must be one of the values
//! the Constraint lists for that attribute (it may list several: any of them is allowed); for a
//! bit mask (Cryptographic Usage Mask, Protection Storage Mask...) the object's bits must all be
//! among the listed ones. Every Constraint that applies must hold. A request that would make an
//! object breaking one is answered with Constraint Violation before the object is made
//! (2.1 clients; 1.x and 2.0 clients, whose versions lack that reason, get Permission Denied).

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::enums::{enum_value_name, mask_tag_values};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use crate::store::Store;

use super::{attributes_item, read_attributes, Scope, MAX_ENTRIES};

/// Name of the tenant setting holding the Constraints.
pub const SETTING: &str = "kmip.constraints";

/// One Constraint structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraint {
    pub scope: Scope,
    pub attrs: Vec<Attribute>,
}

/// How [`check`] treats an attribute a Constraint names that the object lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Absent {
    /// The attributes are the client's, before the server completes them: judge only those given.
    NotYetKnown,
    /// The attributes are the object's final ones: a missing attribute breaks the Constraint.
    Violation,
}

/// Reads a Constraints structure.
pub fn parse(constraints: &Item) -> KmipResult<Vec<Constraint>> {
    let mut out = Vec::new();
    for entry in constraints.items() {
        if entry.tag != tag::CONSTRAINT {
            return Err(KmipError::invalid(format!(
                "Constraints holds Constraint structures, not tag 0x{:06X}",
                entry.tag
            )));
        }
        if out.len() == MAX_ENTRIES {
            return Err(KmipError::new(
                Reason::ServerLimitExceeded,
                format!("at most {MAX_ENTRIES} Constraints per tenant"),
            ));
        }
        let scope = Scope {
            types: Scope::read_types(entry)?,
            groups: Scope::read_groups(entry)?,
        };
        let attrs = read_attributes(entry, false)?;
        out.push(Constraint { scope, attrs });
    }
    Ok(out)
}

/// The Constraints structure of `list` (Get Constraints).
pub fn to_item(list: &[Constraint]) -> Item {
    Item::structure(
        tag::CONSTRAINTS,
        list.iter()
            .map(|c| {
                let mut items = c.scope.to_items();
                if !c.attrs.is_empty() {
                    items.push(attributes_item(&c.attrs));
                }
                Item::structure(tag::CONSTRAINT, items)
            })
            .collect(),
    )
}

/// The tenant's Constraints (empty when none were set).
pub fn load(store: &dyn Store, tenant_id: &str) -> KmipResult<Vec<Constraint>> {
    from_stored(super::load(store, tenant_id, SETTING)?)
}

/// The list held by the stored structure (none: empty).
pub fn from_stored(item: Option<Item>) -> KmipResult<Vec<Constraint>> {
    match item {
        Some(item) => parse(&item),
        None => Ok(Vec::new()),
    }
}

/// Replaces the tenant's Constraints (an empty list removes them).
pub fn save(store: &dyn Store, tenant_id: &str, list: &[Constraint]) -> KmipResult<()> {
    let item = (!list.is_empty()).then(|| to_item(list));
    super::save(store, tenant_id, SETTING, item.as_ref())
}

/// Checks a new object of `object_type` with `attrs` against every Constraint that applies.
pub fn check(
    list: &[Constraint],
    object_type: u32,
    attrs: &[Attribute],
    absent: Absent,
) -> KmipResult<()> {
    for c in list {
        if !c.scope.matches(object_type, attrs) {
            continue;
        }
        let mut names: Vec<&Attribute> = Vec::new();
        for a in &c.attrs {
            if !names.iter().any(|n| n.name == a.name) {
                names.push(a);
            }
        }
        for first in names {
            let allowed: Vec<&Value> = c
                .attrs
                .iter()
                .filter(|a| a.name == first.name)
                .map(|a| &a.value)
                .collect();
            let have: Vec<&Value> = attrs
                .iter()
                .filter(|a| a.name == first.name)
                .map(|a| &a.value)
                .collect();
            let attr_tag = first.name.def().map(|d| d.tag);
            let name = first.name.key();
            if have.is_empty() {
                if absent == Absent::Violation {
                    return Err(violation(format!(
                        "the tenant's constraints require attribute {name} ({}) on a new {}",
                        spell_all(attr_tag, &allowed),
                        super::super::ops::create::type_name(object_type)
                    )));
                }
                continue;
            }
            for v in have {
                if !is_allowed(attr_tag, v, &allowed) {
                    return Err(violation(format!(
                        "the tenant's constraints allow {name} {} on a new {}, not {}",
                        spell_all(attr_tag, &allowed),
                        super::super::ops::create::type_name(object_type),
                        spell(attr_tag, v)
                    )));
                }
            }
        }
    }
    Ok(())
}

fn violation(message: String) -> KmipError {
    KmipError::new(Reason::ConstraintViolation, message)
}

fn is_mask(attr_tag: Option<u32>) -> bool {
    attr_tag.is_some_and(|t| mask_tag_values(t).is_some())
}

fn is_allowed(attr_tag: Option<u32>, v: &Value, allowed: &[&Value]) -> bool {
    if is_mask(attr_tag) {
        let permitted = allowed.iter().fold(0u32, |acc, a| match a {
            Value::Integer(m) => acc | *m as u32,
            _ => acc,
        });
        return matches!(v, Value::Integer(m) if (*m as u32) & !permitted == 0);
    }
    allowed.contains(&v)
}

fn spell(attr_tag: Option<u32>, v: &Value) -> String {
    match (v, attr_tag) {
        (Value::Enumeration(e), Some(t)) => {
            enum_value_name(t, *e).map_or_else(|| format!("0x{e:08X}"), str::to_owned)
        }
        (Value::Integer(m), _) if is_mask(attr_tag) => format!("0x{m:X}"),
        (Value::Integer(i), _) => i.to_string(),
        (Value::LongInteger(i), _) => i.to_string(),
        (Value::Boolean(b), _) => b.to_string(),
        (Value::TextString(s), _) => format!("{s:?}"),
        (Value::Enumeration(e), None) => format!("0x{e:08X}"),
        _ => "this value".to_owned(),
    }
}

fn spell_all(attr_tag: Option<u32>, allowed: &[&Value]) -> String {
    let all: Vec<String> = allowed.iter().map(|v| spell(attr_tag, v)).collect();
    all.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyhaven_kmip::enums::{cryptographic_algorithm as alg, object_type as ot};

    fn constraint(types: &[u32], attrs: Vec<Item>) -> Item {
        Item::structure(
            tag::CONSTRAINT,
            vec![
                Item::structure(
                    tag::OBJECT_TYPES,
                    types
                        .iter()
                        .map(|t| Item::enumeration(tag::OBJECT_TYPE, *t))
                        .collect(),
                ),
                Item::structure(tag::ATTRIBUTES, attrs),
            ],
        )
    }

    #[test]
    fn values_listed_are_allowed_others_refused() {
        let list = parse(&Item::structure(
            tag::CONSTRAINTS,
            vec![constraint(
                &[ot::SYMMETRIC_KEY],
                vec![
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256),
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, 192),
                    Item::int(tag::CRYPTOGRAPHIC_USAGE_MASK, 4 | 8),
                ],
            )],
        ))
        .expect("parse");
        assert_eq!(parse(&to_item(&list)).expect("round trip"), list);
        let len = |l| Attribute::std(tag::CRYPTOGRAPHIC_LENGTH, Value::Integer(l));
        let mask = |m| Attribute::std(tag::CRYPTOGRAPHIC_USAGE_MASK, Value::Integer(m));
        assert!(check(
            &list,
            ot::SYMMETRIC_KEY,
            &[len(192), mask(4)],
            Absent::Violation
        )
        .is_ok());
        let e = check(
            &list,
            ot::SYMMETRIC_KEY,
            &[len(128), mask(4)],
            Absent::Violation,
        )
        .unwrap_err();
        assert_eq!(e.reason, Reason::ConstraintViolation);
        assert!(e.message.contains("256 or 192"), "{}", e.message);
        let e = check(
            &list,
            ot::SYMMETRIC_KEY,
            &[len(256), mask(4 | 1)],
            Absent::Violation,
        )
        .unwrap_err();
        assert_eq!(e.reason, Reason::ConstraintViolation);
        // Missing: judged only on final attributes.
        assert!(check(&list, ot::SYMMETRIC_KEY, &[len(256)], Absent::NotYetKnown).is_ok());
        assert!(check(&list, ot::SYMMETRIC_KEY, &[len(256)], Absent::Violation).is_err());
        // Out of scope.
        assert!(check(&list, ot::SECRET_DATA, &[len(1)], Absent::Violation).is_ok());
        let a = Attribute::std(tag::CRYPTOGRAPHIC_ALGORITHM, Value::Enumeration(alg::AES));
        assert!(check(&list, ot::SYMMETRIC_KEY, &[a], Absent::NotYetKnown).is_ok());
    }
}
