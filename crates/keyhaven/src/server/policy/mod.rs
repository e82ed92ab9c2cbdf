//! A tenant's policy for new objects, set by its clients through KMIP 2.1 and kept in the store
//! (`tenant_settings`) so that every node of a cluster applies the same:
//!
//! * [`defaults`]: Set Defaults' Object Defaults, attribute values given to a new object whose
//!   client left them out (Create, Create Key Pair, Register, Derive Key, Join Split Key; Query
//!   Defaults Information lists them);
//! * [`constraints`]: Set Constraints' Constraint structures, attribute values a new object must
//!   have; an object that breaks one is refused with Constraint Violation before it is made.
//!
//! Both select the objects they apply to the same way ([`Scope`]): by Object Type (none listed:
//! every type) and by Object Group (none listed: every object).

pub mod constraints;
pub mod defaults;

use keyhaven_kmip::attribute::{parse_attribute_list, Attribute};
use keyhaven_kmip::enums::object_type_in_version;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::{Item, Value};

use crate::store::Store;

use super::objects::store_err;
use super::ops::is_server_maintained;

/// Most Object Defaults or Constraint structures a tenant may keep.
pub const MAX_ENTRIES: usize = 64;
/// Most attributes in one Object Defaults or Constraint structure.
pub const MAX_ATTRIBUTES: usize = 64;

/// Which new objects an Object Defaults or a Constraint applies to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Object Type values; empty: every type.
    pub types: Vec<u32>,
    /// Object Group values; empty: every object, grouped or not.
    pub groups: Vec<String>,
}

impl Scope {
    /// Whether a new object of `object_type` with `attrs` is in scope.
    pub fn matches(&self, object_type: u32, attrs: &[Attribute]) -> bool {
        (self.types.is_empty() || self.types.contains(&object_type))
            && (self.groups.is_empty()
                || attrs.iter().any(|a| {
                    a.name.is(tag::OBJECT_GROUP)
                        && matches!(&a.value, Value::TextString(g) if self.groups.contains(g))
                }))
    }

    /// Reads an Object Types structure (each Object Type one item) or a lone Object Type.
    fn read_types(entry: &Item) -> KmipResult<Vec<u32>> {
        let mut types = Vec::new();
        let direct = entry.children(tag::OBJECT_TYPE);
        let listed = entry
            .children(tag::OBJECT_TYPES)
            .flat_map(|s| s.items().iter());
        for it in direct.chain(listed) {
            let t = it
                .as_enum()
                .filter(|_| it.tag == tag::OBJECT_TYPE)
                .ok_or_else(|| KmipError::invalid("Object Types holds Object Type enumerations"))?;
            if !object_type_in_version(t, 2, 1) {
                return Err(KmipError::new(
                    Reason::InvalidObjectType,
                    format!("0x{t:08X} is not an Object Type of KMIP 2.1"),
                ));
            }
            types.push(t);
        }
        Ok(types)
    }

    /// Reads an Object Groups structure (each Object Group a Text String).
    fn read_groups(entry: &Item) -> KmipResult<Vec<String>> {
        let mut groups = Vec::new();
        for s in entry.children(tag::OBJECT_GROUPS) {
            for it in s.items() {
                match (it.tag, it.as_text()) {
                    (tag::OBJECT_GROUP, Some(g)) => groups.push(g.to_owned()),
                    _ => {
                        return Err(KmipError::invalid(
                            "Object Groups holds Object Group text strings",
                        ))
                    }
                }
            }
        }
        Ok(groups)
    }

    fn to_items(&self) -> Vec<Item> {
        let mut out = Vec::new();
        if !self.types.is_empty() {
            out.push(Item::structure(
                tag::OBJECT_TYPES,
                self.types
                    .iter()
                    .map(|t| Item::enumeration(tag::OBJECT_TYPE, *t))
                    .collect(),
            ));
        }
        if !self.groups.is_empty() {
            out.push(Item::structure(
                tag::OBJECT_GROUPS,
                self.groups
                    .iter()
                    .map(|g| Item::text(tag::OBJECT_GROUP, g.clone()))
                    .collect(),
            ));
        }
        out
    }
}

/// Reads the Attributes structure of an Object Defaults or a Constraint: KMIP 2.1 attributes that
/// a client may set (no server-maintained one), at most [`MAX_ATTRIBUTES`].
fn read_attributes(entry: &Item, required: bool) -> KmipResult<Vec<Attribute>> {
    let Some(container) = entry.child(tag::ATTRIBUTES) else {
        return if required {
            Err(KmipError::missing("the Attributes of an Object Defaults"))
        } else {
            Ok(Vec::new())
        };
    };
    if container.items().len() > MAX_ATTRIBUTES {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            format!("at most {MAX_ATTRIBUTES} attributes in one entry"),
        ));
    }
    let attrs = parse_attribute_list(Some(container), ProtocolVersion::V2_1)?;
    for a in &attrs {
        if is_server_maintained(&a.name) {
            return Err(KmipError::invalid(format!(
                "attribute {} is set by the server and cannot be a default or a constraint",
                a.name.key()
            )));
        }
    }
    Ok(attrs)
}

fn attributes_item(attrs: &[Attribute]) -> Item {
    Item::structure(
        tag::ATTRIBUTES,
        attrs.iter().map(Attribute::to_v2).collect(),
    )
}

/// The tenant's stored structure `name`, decoded; `None` when not set.
fn load(store: &dyn Store, tenant_id: &str, name: &str) -> KmipResult<Option<Item>> {
    let bytes = store
        .get_tenant_setting(tenant_id, name)
        .map_err(store_err)?;
    decode(name, bytes)
}

/// A stored structure `name` (`None`: not set), decoded.
fn decode(name: &str, bytes: Option<Vec<u8>>) -> KmipResult<Option<Item>> {
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    keyhaven_ttlv::decode(&bytes, &limits)
        .map(Some)
        .map_err(|e| {
            KmipError::new(
                Reason::InternalServerError,
                format!("the tenant's stored {name} cannot be read: {e}"),
            )
        })
}

/// Stores (or with `None` removes) the tenant's structure `name`.
fn save(store: &dyn Store, tenant_id: &str, name: &str, item: Option<&Item>) -> KmipResult<()> {
    let bytes = item.map(keyhaven_ttlv::encode);
    store
        .put_tenant_setting(tenant_id, name, bytes.as_deref(), super::ops::now())
        .map_err(store_err)
}

/// The tenant's Object Defaults and Constraints, read once for a factory operation.
pub struct Policy {
    pub defaults: Vec<defaults::ObjectDefaults>,
    pub constraints: Vec<constraints::Constraint>,
}

impl Policy {
    /// Reads the tenant's policy from the store, both settings in one call.
    pub fn load(store: &dyn Store, tenant_id: &str) -> KmipResult<Policy> {
        let names = [defaults::SETTING, constraints::SETTING];
        let mut values = store
            .get_tenant_settings(tenant_id, &names)
            .map_err(store_err)?
            .into_iter();
        let mut next = |name| decode(name, values.next().flatten());
        Ok(Policy {
            defaults: defaults::from_stored(next(defaults::SETTING)?)?,
            constraints: constraints::from_stored(next(constraints::SETTING)?)?,
        })
    }

    /// Completes a new object's client attributes with the Object Defaults that apply (except
    /// the attributes tagged in `skip`, which the object itself determines), then refuses, before
    /// any work is done, attribute values that break a Constraint.
    pub fn apply(
        &self,
        object_type: u32,
        attrs: &mut Vec<Attribute>,
        skip: &[u32],
    ) -> KmipResult<()> {
        defaults::apply(&self.defaults, object_type, attrs, skip);
        constraints::check(
            &self.constraints,
            object_type,
            attrs,
            constraints::Absent::NotYetKnown,
        )
    }
}

/// The last check of every new object, on its final attributes (whichever operation makes it):
/// the tenant's Constraints must hold. Templates (1.x) are not objects the Constraints govern.
pub fn check_new_object(
    constraints: &[constraints::Constraint],
    object_type: u32,
    attrs: &[Attribute],
) -> KmipResult<()> {
    if object_type == keyhaven_kmip::enums::object_type::TEMPLATE {
        return Ok(());
    }
    constraints::check(
        constraints,
        object_type,
        attrs,
        constraints::Absent::Violation,
    )
}
