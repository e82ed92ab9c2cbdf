//! One module per KMIP operation. Each takes the operation context and the request payload and returns
//! the response payload, spelled in the client's protocol version.

pub mod activate;
pub mod add_attribute;
pub mod create;
pub mod create_key_pair;
pub mod delete_attribute;
pub mod destroy;
pub mod discover_versions;
pub mod get;
pub mod get_attribute_list;
pub mod get_attributes;
pub mod locate;
pub mod modify_attribute;
pub mod query;
pub mod register;
pub mod rekey_key_pair;
pub mod revoke;
pub mod set_attribute;
pub mod sign;
pub mod signature_verify;

// Cryptographic and service operations (symmetric keys, RNG, hashing, leases, archive, test framing).
pub mod archive;
pub mod check;
pub mod decrypt;
pub mod encrypt;
pub mod get_usage_allocation;
pub mod hash;
pub mod interop;
pub mod log;
pub mod mac;
pub mod mac_verify;
pub mod obtain_lease;
pub mod recover;
pub mod rekey;
pub mod rng_retrieve;
pub mod rng_seed;

// The rest of KMIP's operations (routed by kmip21.rs).
pub mod adjust_attribute;
pub mod cancel;
pub mod certify;
pub mod create_split_key;
pub mod delegated_login;
pub mod derive_key;
pub mod export;
pub mod get_constraints;
pub mod import;
pub mod join_split_key;
pub mod kmip21;
pub mod login;
pub mod logout;
pub mod ping;
pub mod pkcs11;
pub mod poll;
pub mod process;
pub mod query_asynchronous_requests;
pub mod re_provision;
pub mod recertify;
pub mod set_constraints;
pub mod set_defaults;
pub mod set_endpoint_role;
pub mod validate;
pub mod wrapped_as_given;

use keyhaven_kmip::attribute::{encode_storage, parse_template_attribute, AttrName, Attribute};
use keyhaven_kmip::enums::{operation as op, operation_in_version, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::{Item, Value};

use crate::store::{ClientRecord, ObjectRecord, TenantRecord};

pub use super::objects::Managed;
use super::objects::{self, store_err};
use super::Server;

/// What an operation may use: the server, who asks, in which version, and the batch's ID Placeholder.
pub struct OpCtx<'a> {
    pub server: &'a Server,
    pub tenant: &'a TenantRecord,
    pub client: &'a ClientRecord,
    pub version: ProtocolVersion,
    pub id_placeholder: &'a mut Option<String>,
    /// The tenant's Object Defaults and Constraints, read from the store at most once per
    /// operation ([`OpCtx::policy`]).
    pub policy: std::cell::OnceCell<std::sync::Arc<crate::server::policy::Policy>>,
}

/// Runs one operation; `None` when this server does not implement it.
pub fn run(ctx: &mut OpCtx<'_>, operation: u32, payload: &Item) -> Option<KmipResult<Item>> {
    Some(match operation {
        op::CREATE => create::run(ctx, payload),
        op::REGISTER => register::run(ctx, payload),
        op::GET => get::run(ctx, payload),
        op::GET_ATTRIBUTES => get_attributes::run(ctx, payload),
        op::GET_ATTRIBUTE_LIST => get_attribute_list::run(ctx, payload),
        op::ADD_ATTRIBUTE => add_attribute::run(ctx, payload),
        op::MODIFY_ATTRIBUTE => modify_attribute::run(ctx, payload),
        op::DELETE_ATTRIBUTE => delete_attribute::run(ctx, payload),
        op::SET_ATTRIBUTE if ctx.version.is_2x() => set_attribute::run(ctx, payload),
        op::ACTIVATE => activate::run(ctx, payload),
        op::REVOKE => revoke::run(ctx, payload),
        op::DESTROY => destroy::run(ctx, payload),
        op::LOCATE => locate::run(ctx, payload),
        op::QUERY => query::run(ctx, payload),
        op::DISCOVER_VERSIONS => discover_versions::run(ctx, payload),
        op::CREATE_KEY_PAIR => create_key_pair::run(ctx, payload),
        op::SIGN if ctx.version >= ProtocolVersion::V1_2 => sign::run(ctx, payload),
        op::SIGNATURE_VERIFY if ctx.version >= ProtocolVersion::V1_2 => {
            signature_verify::run(ctx, payload)
        }
        op::RE_KEY_KEY_PAIR if ctx.version >= ProtocolVersion::V1_1 => {
            rekey_key_pair::run(ctx, payload)
        }
        o if kmip21::OPS.contains(&o) => return kmip21::run(ctx, o, payload),
        o if CRYPTO_AND_SERVICE_OPS.contains(&o)
            && operation_in_version(o, ctx.version.major, ctx.version.minor) =>
        {
            return run_crypto_and_service(ctx, o, payload)
        }
        _ => return None,
    })
}

/// The operations [`run`] implements for a version (for Query).
pub fn supported_operations(v: ProtocolVersion) -> Vec<u32> {
    let mut ops = vec![
        op::CREATE,
        op::REGISTER,
        op::LOCATE,
        op::GET,
        op::GET_ATTRIBUTES,
        op::GET_ATTRIBUTE_LIST,
        op::ADD_ATTRIBUTE,
        op::MODIFY_ATTRIBUTE,
        op::DELETE_ATTRIBUTE,
        op::ACTIVATE,
        op::REVOKE,
        op::DESTROY,
        op::QUERY,
    ];
    if v >= ProtocolVersion::V1_1 {
        ops.push(op::DISCOVER_VERSIONS);
    }
    if v.is_2x() {
        ops.push(op::SET_ATTRIBUTE);
    }
    ops.push(op::CREATE_KEY_PAIR);
    if v >= ProtocolVersion::V1_1 {
        ops.push(op::RE_KEY_KEY_PAIR);
    }
    if v >= ProtocolVersion::V1_2 {
        ops.extend([op::SIGN, op::SIGNATURE_VERIFY]);
    }
    ops.extend(
        CRYPTO_AND_SERVICE_OPS
            .iter()
            .copied()
            .filter(|o| operation_in_version(*o, v.major, v.minor)),
    );
    ops.extend(
        kmip21::OPS
            .iter()
            .copied()
            .filter(|o| operation_in_version(*o, v.major, v.minor)),
    );
    ops
}

/// Runs one of [`CRYPTO_AND_SERVICE_OPS`].
fn run_crypto_and_service(
    ctx: &mut OpCtx<'_>,
    operation: u32,
    payload: &Item,
) -> Option<KmipResult<Item>> {
    Some(match operation {
        op::ENCRYPT => encrypt::run(ctx, payload),
        op::DECRYPT => decrypt::run(ctx, payload),
        op::MAC => mac::run(ctx, payload),
        op::MAC_VERIFY => mac_verify::run(ctx, payload),
        op::HASH => hash::run(ctx, payload),
        op::RNG_RETRIEVE => rng_retrieve::run(ctx, payload),
        op::RNG_SEED => rng_seed::run(ctx, payload),
        op::INTEROP => interop::run(ctx, payload),
        op::LOG => log::run(ctx, payload),
        op::RE_KEY => rekey::run(ctx, payload),
        op::CHECK => check::run(ctx, payload),
        op::GET_USAGE_ALLOCATION => get_usage_allocation::run(ctx, payload),
        op::OBTAIN_LEASE => obtain_lease::run(ctx, payload),
        op::ARCHIVE => archive::run(ctx, payload),
        op::RECOVER => recover::run(ctx, payload),
        _ => return None,
    })
}

/// The operations of [`run_crypto_and_service`], each offered in the versions that define it.
const CRYPTO_AND_SERVICE_OPS: [u32; 15] = [
    op::ENCRYPT,
    op::DECRYPT,
    op::MAC,
    op::MAC_VERIFY,
    op::HASH,
    op::RNG_RETRIEVE,
    op::RNG_SEED,
    op::INTEROP,
    op::LOG,
    op::RE_KEY,
    op::CHECK,
    op::GET_USAGE_ALLOCATION,
    op::OBTAIN_LEASE,
    op::ARCHIVE,
    op::RECOVER,
];

pub use super::objects::now;

/// Attributes the server alone maintains; a client may not send them.
pub fn is_server_maintained(name: &AttrName) -> bool {
    match name.def() {
        Some(d) => {
            d.server_only
                || matches!(
                    d.tag,
                    tag::UNIQUE_IDENTIFIER | tag::STATE | tag::OBJECT_TYPE
                )
        }
        None => false,
    }
}

impl OpCtx<'_> {
    /// The Unique Identifier of the request, or the ID Placeholder.
    pub fn uid(&self, payload: &Item) -> KmipResult<String> {
        match payload.child(tag::UNIQUE_IDENTIFIER) {
            Some(i) => i
                .as_text()
                .map(str::to_owned)
                .ok_or_else(|| KmipError::invalid("Unique Identifier must be a Text String")),
            None => self.id_placeholder.clone().ok_or_else(|| {
                KmipError::missing(
                    "a Unique Identifier (and no earlier item of the batch set the ID Placeholder)",
                )
            }),
        }
    }

    pub fn load(&self, uid: &str) -> KmipResult<Managed> {
        objects::load(self.server.store.as_ref(), &self.tenant.id, uid)
    }

    /// Reads, changes and writes back one object, retrying when another request changed it meanwhile.
    pub fn update<T>(
        &self,
        uid: &str,
        f: impl FnMut(&mut Managed) -> KmipResult<T>,
    ) -> KmipResult<T> {
        objects::update(self.server.store.as_ref(), &self.tenant.id, uid, f)
    }

    /// Unwraps an object's content.
    pub fn open(&self, m: &Managed) -> KmipResult<ObjectContent> {
        if let Some(why) = m.admin_hold() {
            return Err(KmipError::new(
                Reason::PermissionDenied,
                format!(
                    "key {} is held: {why}; an administrator can restore it (console, admin API or `keyhaven key restore`)",
                    m.rec.uid
                ),
            ));
        }
        let plain = self.server.envelope.open(self.tenant, &m.rec.uid, &m.rec.wrapped_material).map_err(|e| {
            if !crate::nonblocking::active() {
                tracing::warn!(tenant = %self.tenant.name, uid = %m.rec.uid, error = %e, "cannot unwrap object");
            }
            KmipError::new(Reason::CryptographicFailure, format!("the key {} cannot be unwrapped: {e}", m.rec.uid))
        })?;
        ObjectContent::from_plaintext(&plain)
    }

    /// Stores a new object (Create, Register): wraps its content, sets the server's attributes.
    pub fn insert(
        &mut self,
        content: &ObjectContent,
        client_attrs: Vec<Attribute>,
    ) -> KmipResult<String> {
        let mut m = self.new_object(content, client_attrs)?;
        let uid = m.rec.uid.clone();
        m.rec.wrapped_material = self
            .server
            .envelope
            .seal(self.tenant, &uid, &content.to_plaintext())
            .map_err(|e| {
                tracing::warn!(tenant = %self.tenant.name, error = %e, "cannot wrap new object");
                KmipError::new(
                    Reason::CryptographicFailure,
                    format!("the tenant's root key cannot protect a new key: {e}"),
                )
            })?;
        m.rec.attributes = encode_storage(&m.attrs);
        self.server.store.insert_object(&m.rec).map_err(store_err)?;
        *self.id_placeholder = Some(uid.clone());
        Ok(uid)
    }

    /// The tenant's Object Defaults and Constraints: read on first use, then the same for the rest
    /// of the operation (a Create applies them, then checks the new object against them).
    pub fn policy(&self) -> KmipResult<std::sync::Arc<crate::server::policy::Policy>> {
        if let Some(p) = self.policy.get() {
            return Ok(p.clone());
        }
        let p = std::sync::Arc::new(crate::server::policy::Policy::load(
            self.server.store.as_ref(),
            &self.tenant.id,
        )?);
        Ok(self.policy.get_or_init(|| p).clone())
    }

    /// Whether [`OpCtx::insert`] would accept the object (its final attributes meet the tenant's
    /// Constraints), without storing it: operations that make several objects check each before
    /// storing the first.
    pub fn check_insert(
        &self,
        content: &ObjectContent,
        client_attrs: Vec<Attribute>,
    ) -> KmipResult<()> {
        self.new_object(content, client_attrs).map(drop)
    }

    /// A new object's record and final attributes (not yet wrapped nor stored), checked against
    /// the tenant's Constraints.
    fn new_object(
        &self,
        content: &ObjectContent,
        client_attrs: Vec<Attribute>,
    ) -> KmipResult<Managed> {
        let uid = uuid::Uuid::new_v4().to_string();
        objects::refuse_write(&uid)?;
        let t = now();
        let mut m = Managed {
            rec: ObjectRecord {
                uid: uid.clone(),
                tenant_id: self.tenant.id.clone(),
                object_type: content.object_type,
                state: state::PRE_ACTIVE,
                algorithm: content.algorithm,
                length: content.length,
                wrapped_material: Vec::new(),
                attributes: Vec::new(),
                created_at: t,
                updated_at: t,
                revision: 0,
            },
            attrs: Vec::new(),
        };
        let mut client_attrs = client_attrs;
        // Attribute indices are assigned per name in order of arrival.
        let mut seen: Vec<(String, i32)> = Vec::new();
        for a in client_attrs.iter_mut() {
            let key = a.name.key();
            let n = match seen.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((key, 0));
                    0
                }
            };
            a.index = n;
        }
        m.attrs = client_attrs;
        super::new_attrs::complete(&mut m.attrs, content, &uid);
        if let Some(a) = content.algorithm {
            m.set(tag::CRYPTOGRAPHIC_ALGORITHM, Value::Enumeration(a));
        }
        if let Some(l) = content.length {
            m.set(tag::CRYPTOGRAPHIC_LENGTH, Value::Integer(l));
        }
        m.set(tag::INITIAL_DATE, Value::DateTime(t));
        m.set(tag::LAST_CHANGE_DATE, Value::DateTime(t));
        if self.version >= ProtocolVersion::V1_2 || self.version.is_2x() {
            m.set(tag::ORIGINAL_CREATION_DATE, Value::DateTime(t));
        }
        m.apply_dates(t);
        crate::server::policy::check_new_object(
            &self.policy()?.constraints,
            content.object_type,
            &m.attrs,
        )?;
        Ok(m)
    }
}

/// Attributes of a Template (1.x) that apply to the template itself, not to the objects made with it.
fn applies_to_template_itself(name: &AttrName) -> bool {
    name.is(tag::NAME)
        || name.is(tag::INITIAL_DATE)
        || name.is(tag::ARCHIVE_DATE)
        || name.is(tag::LAST_CHANGE_DATE)
        || is_server_maintained(name)
}

/// `base` overridden by `over`: a single-instance attribute of `over` replaces `base`'s; for
/// multi-instance attributes, the union.
pub fn merge_attributes(base: Vec<Attribute>, over: Vec<Attribute>) -> Vec<Attribute> {
    let single = |a: &Attribute| a.name.def().is_some_and(|d| !d.multi_instance);
    let mut out: Vec<Attribute> = base
        .into_iter()
        .filter(|b| !(single(b) && over.iter().any(|o| o.name == b.name)))
        .collect();
    out.extend(over);
    out
}

impl OpCtx<'_> {
    /// The attributes of a Create/Register/Create Key Pair request's Template-Attribute (1.x) or
    /// Attributes (2.x). The templates it names (1.x) are applied first, in order (a later template's
    /// single-instance attributes take precedence), then the request's own attributes, which take
    /// precedence over the templates'. A template's Name is its own and is not applied.
    pub fn template_attribute(&self, container: Option<&Item>) -> KmipResult<Vec<Attribute>> {
        let (names, own) = parse_template_attribute(container, self.version)?;
        let mut from_templates = Vec::new();
        for n in &names {
            let attrs = self
                .template_by_name(n)?
                .into_iter()
                .filter(|a| !applies_to_template_itself(&a.name))
                .collect();
            from_templates = merge_attributes(from_templates, attrs);
        }
        Ok(merge_attributes(from_templates, own))
    }

    /// The attributes of the tenant's Template object with that Name (value, and type when given).
    fn template_by_name(&self, name: &Item) -> KmipResult<Vec<Attribute>> {
        let want = name.items();
        let label = name
            .child(tag::NAME_VALUE)
            .and_then(Item::as_text)
            .unwrap_or_default()
            .to_owned();
        let filter = crate::store::ObjectFilter {
            object_type: Some(keyhaven_kmip::enums::object_type::TEMPLATE),
            ..Default::default()
        };
        let records = self
            .server
            .store
            .list_objects(&self.tenant.id, &filter, None)
            .map_err(store_err)?;
        for rec in records {
            if matches!(rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) {
                continue;
            }
            let attrs = keyhaven_kmip::attribute::decode_storage(&rec.attributes)?;
            let named = attrs.iter().any(|a| {
                a.name.is(tag::NAME)
                    && matches!(&a.value, Value::Structure(h) if want.iter().all(|w| h.contains(w)))
            });
            if named {
                let m = Managed { rec, attrs };
                return self.open(&m)?.template_attributes();
            }
        }
        Err(KmipError::new(
            Reason::ItemNotFound,
            format!("no template named {label:?}"),
        ))
    }
}

/// A response payload holding just the Unique Identifier.
pub fn uid_payload(uid: &str) -> Item {
    Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![Item::text(tag::UNIQUE_IDENTIFIER, uid)],
    )
}

/// Refuses a single-instance attribute given more than once.
pub fn check_single_instances(attrs: &[Attribute]) -> KmipResult<()> {
    for (i, a) in attrs.iter().enumerate() {
        if let Some(d) = a.name.def() {
            if !d.multi_instance && attrs[..i].iter().any(|b| b.name == a.name) {
                return Err(KmipError::new(
                    Reason::AttributeSingleValued,
                    format!("attribute {} may appear only once", d.name),
                ));
            }
        }
    }
    Ok(())
}

/// Checks the client-supplied attributes of Create/Register: no server-maintained ones, no attribute
/// the client's version does not define, single-instance attributes at most once.
pub fn check_client_attributes(attrs: &[Attribute]) -> KmipResult<()> {
    for (i, a) in attrs.iter().enumerate() {
        if is_server_maintained(&a.name) {
            return Err(KmipError::new(
                Reason::AttributeReadOnly,
                format!(
                    "attribute {} is set by the server, not the client",
                    a.name.key()
                ),
            ));
        }
        if let Some(d) = a.name.def() {
            if !d.multi_instance && attrs[..i].iter().any(|b| b.name == a.name) {
                return Err(KmipError::new(
                    Reason::AttributeSingleValued,
                    format!("attribute {} may appear only once", d.name),
                ));
            }
        }
    }
    Ok(())
}
