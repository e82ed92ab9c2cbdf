//! Keys: the inventory (search by tenant, state, object type, VMware tags, creation dates), one
//! key's detail with its audit history, and revoke / destroy / restore through the KMIP state
//! machine. Key material is never read or shown.

use keyhaven_kmip::attribute::{decode_storage, Attribute};
use keyhaven_kmip::enums::{enum_value_by_name, enum_value_name, revocation_reason_code as rrc};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use serde::Serialize;

use super::{store_error, Ctx, ServiceError, ServiceResult};
use crate::cli::fmt_time;
use crate::server::objects::{self, now, Managed};
use crate::store::{ObjectFilter, TenantRecord};

/// The tags vCenter puts on its keys.
pub const VMWARE_TAGS: [&str; 5] = [
    "x-Vendor",
    "x-Product",
    "x-Component",
    "x-Name",
    "x-Identifier",
];

/// A key search. Every field is optional; all given must match.
#[derive(Clone, Debug, Default)]
pub struct KeyQuery {
    pub tenant: Option<String>,
    /// State name, e.g. "Active".
    pub state: Option<String>,
    /// Object type name, e.g. "SymmetricKey".
    pub object_type: Option<String>,
    /// (attribute name, value) pairs that must match exactly, e.g. ("x-Name", "web-01").
    pub tags: Vec<(String, String)>,
    /// Case-insensitive substring of x-Name (the VM name), for search boxes.
    pub name_contains: Option<String>,
    /// Created at or after / before (seconds since the epoch).
    pub created_after: Option<i64>,
    pub created_before: Option<i64>,
    /// Pagination over the matching keys, oldest first.
    pub offset: usize,
    pub limit: Option<usize>,
}

/// One key in a listing.
#[derive(Clone, Debug, Serialize)]
pub struct KeySummary {
    pub uid: String,
    pub tenant: String,
    pub object_type: Option<&'static str>,
    pub state: &'static str,
    pub algorithm: Option<&'static str>,
    pub length: Option<i32>,
    pub created: String,
    pub created_at: i64,
    pub activated: Option<String>,
    pub deactivated: Option<String>,
    pub last_change: Option<String>,
    #[serde(rename = "x-Vendor")]
    pub x_vendor: Option<String>,
    #[serde(rename = "x-Product")]
    pub x_product: Option<String>,
    #[serde(rename = "x-Component")]
    pub x_component: Option<String>,
    #[serde(rename = "x-Name")]
    pub x_name: Option<String>,
    #[serde(rename = "x-Identifier")]
    pub x_identifier: Option<String>,
    /// The Key Protect mirror of the key, for mirrored tenants (docs/rootkeys.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror: Option<serde_json::Value>,
}

/// A page of keys.
#[derive(Clone, Debug, Serialize)]
pub struct KeyPage {
    pub total: usize,
    pub offset: usize,
    pub keys: Vec<KeySummary>,
}

/// One attribute, rendered for people.
#[derive(Clone, Debug, Serialize)]
pub struct AttributeView {
    pub name: String,
    pub index: i32,
    pub value: String,
}

/// A key with every attribute (never its material).
#[derive(Clone, Debug, Serialize)]
pub struct KeyDetail {
    #[serde(flatten)]
    pub summary: KeySummary,
    pub attributes: Vec<AttributeView>,
}

/// A revocation reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RevokeReason {
    Unspecified,
    KeyCompromise,
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    PrivilegeWithdrawn,
}

impl RevokeReason {
    fn code(self) -> u32 {
        match self {
            RevokeReason::Unspecified => rrc::UNSPECIFIED,
            RevokeReason::KeyCompromise => rrc::KEY_COMPROMISE,
            RevokeReason::CaCompromise => rrc::CA_COMPROMISE,
            RevokeReason::AffiliationChanged => rrc::AFFILIATION_CHANGED,
            RevokeReason::Superseded => rrc::SUPERSEDED,
            RevokeReason::CessationOfOperation => rrc::CESSATION_OF_OPERATION,
            RevokeReason::PrivilegeWithdrawn => rrc::PRIVILEGE_WITHDRAWN,
        }
    }
}

/// A state change of one key.
#[derive(Clone, Debug)]
pub enum Change {
    Revoke {
        reason: RevokeReason,
        message: Option<String>,
    },
    Destroy,
    Restore,
}

impl Change {
    fn operation(&self) -> &'static str {
        match self {
            Change::Revoke { .. } => "AdminRevoke",
            Change::Destroy => "AdminDestroy",
            Change::Restore => "AdminRestore",
        }
    }
}

pub fn state_name(s: u32) -> &'static str {
    enum_value_name(tag::STATE, s).unwrap_or("?")
}

fn text_attr(m: &Managed, name: &str) -> Option<String> {
    m.attrs
        .iter()
        .find(|a| a.name.key() == name)
        .and_then(|a| match &a.value {
            Value::TextString(s) => Some(s.clone()),
            _ => None,
        })
}

pub fn summary(t: &TenantRecord, m: &Managed) -> KeySummary {
    let date = |tg| {
        m.first(tg).and_then(|a| match a.value {
            Value::DateTime(d) => Some(fmt_time(d)),
            _ => None,
        })
    };
    KeySummary {
        uid: m.rec.uid.clone(),
        tenant: t.name.clone(),
        object_type: enum_value_name(tag::OBJECT_TYPE, m.rec.object_type),
        state: state_name(m.rec.state),
        algorithm: m
            .rec
            .algorithm
            .and_then(|a| enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, a)),
        length: m.rec.length,
        created: fmt_time(m.rec.created_at),
        created_at: m.rec.created_at,
        activated: date(tag::ACTIVATION_DATE),
        deactivated: date(tag::DEACTIVATION_DATE),
        last_change: date(tag::LAST_CHANGE_DATE),
        x_vendor: text_attr(m, "x-Vendor"),
        x_product: text_attr(m, "x-Product"),
        x_component: text_attr(m, "x-Component"),
        x_name: text_attr(m, "x-Name"),
        x_identifier: text_attr(m, "x-Identifier"),
        mirror: None,
    }
}

/// The keys matching `q`, oldest first, one page of them. The one place that lists keys: the
/// store's indexed, paginated listing can replace the scan here.
pub fn list(ctx: &Ctx, q: &KeyQuery) -> ServiceResult<KeyPage> {
    let state = match &q.state {
        Some(s) => Some(enum_value_by_name(tag::STATE, s).ok_or_else(|| {
            ServiceError::Invalid(format!("unknown state {s:?} (PreActive, Active, Deactivated, Compromised, Destroyed, DestroyedCompromised)"))
        })?),
        None => None,
    };
    let object_type = match &q.object_type {
        Some(s) => Some(enum_value_by_name(tag::OBJECT_TYPE, s).ok_or_else(|| {
            ServiceError::Invalid(format!(
                "unknown object type {s:?} (SymmetricKey, PublicKey, PrivateKey, Certificate, SecretData, ...)"
            ))
        })?),
        None => None,
    };
    let needle = q.name_contains.as_ref().map(|n| n.to_lowercase());
    let mut rows = Vec::new();
    for t in ctx.tenants(q.tenant.as_deref())? {
        let filter = ObjectFilter {
            object_type,
            ..ObjectFilter::default()
        };
        // The Key Protect mirror of each key, for mirrored tenants (none elsewhere).
        let mirrors = ctx.store.list_key_mirrors(&t.id).unwrap_or_default();
        for rec in ctx
            .store
            .list_objects(&t.id, &filter, None)
            .map_err(store_error)?
        {
            if q.created_after.is_some_and(|a| rec.created_at < a)
                || q.created_before.is_some_and(|b| rec.created_at > b)
            {
                continue;
            }
            let attrs = decode_storage(&rec.attributes)
                .map_err(|e| ServiceError::Unavailable(e.message))?;
            let mut m = Managed { rec, attrs };
            m.apply_dates(now());
            if state.is_some_and(|s| s != m.rec.state) {
                continue;
            }
            if !q.tags.iter().all(|(n, v)| {
                m.attrs
                    .iter()
                    .any(|a| a.name.key() == *n && render(a) == *v)
            }) {
                continue;
            }
            if let Some(needle) = &needle {
                if !text_attr(&m, "x-Name").is_some_and(|n| n.to_lowercase().contains(needle)) {
                    continue;
                }
            }
            let mut row = summary(&t, &m);
            row.mirror = mirrors.iter().find(|x| x.uid == m.rec.uid).map(|x| {
                let mut v = serde_json::json!({"state": x.state, "key_protect_id": x.remote_id,
                    "attempts": x.attempts});
                if let Some(e) = &x.last_error {
                    v["last_error"] = serde_json::json!(e);
                }
                v
            });
            rows.push(row);
        }
    }
    let total = rows.len();
    let keys = rows
        .into_iter()
        .skip(q.offset)
        .take(q.limit.unwrap_or(usize::MAX))
        .collect();
    Ok(KeyPage {
        total,
        offset: q.offset,
        keys,
    })
}

/// Finds a key by identifier in one tenant or in any tenant this actor sees.
pub fn find(ctx: &Ctx, uid: &str, tenant: Option<&str>) -> ServiceResult<(TenantRecord, Managed)> {
    for t in ctx.tenants(tenant)? {
        match objects::load(ctx.store, &t.id, uid) {
            Ok(m) => return Ok((t, m)),
            Err(e)
                if matches!(
                    e.reason,
                    keyhaven_kmip::Reason::ObjectNotFound | keyhaven_kmip::Reason::ItemNotFound
                ) =>
            {
                continue
            }
            Err(e) => return Err(ServiceError::Unavailable(e.message)),
        }
    }
    Err(ServiceError::NotFound(format!(
        "no key {uid}{}",
        tenant
            .map(|t| format!(" in tenant {t}"))
            .unwrap_or_default()
    )))
}

/// One key with all its attributes.
pub fn detail(ctx: &Ctx, uid: &str, tenant: Option<&str>) -> ServiceResult<KeyDetail> {
    let (t, m) = find(ctx, uid, tenant)?;
    let attributes = m
        .all_attributes()
        .iter()
        .map(|a| AttributeView {
            name: a.name.key(),
            index: a.index,
            value: render(a),
        })
        .collect();
    Ok(KeyDetail {
        summary: summary(&t, &m),
        attributes,
    })
}

/// Revokes, destroys or restores a key; audited with the actor, success or failure.
pub fn change(
    ctx: &Ctx,
    uid: &str,
    tenant: Option<&str>,
    change: &Change,
) -> ServiceResult<KeySummary> {
    let (t, _) = find(ctx, uid, tenant)?;
    let result = objects::update(ctx.store, &t.id, uid, |m| match change {
        Change::Revoke { reason, message } => {
            let mut r = vec![Item::enumeration(
                tag::REVOCATION_REASON_CODE,
                reason.code(),
            )];
            // The marker holds the key: no client gets its material until it is restored.
            let mut text = format!("{} {}", objects::ADMIN_REVOKE, ctx.actor.name);
            if let Some(msg) = message {
                text.push_str(": ");
                text.push_str(msg);
            }
            r.push(Item::text(tag::REVOCATION_MESSAGE, text));
            m.revoke(Value::Structure(r), None, now())
        }
        Change::Destroy => m.destroy(now()),
        Change::Restore => m.restore(now()),
    })
    .map_err(|e| match e.reason {
        keyhaven_kmip::Reason::ObjectNotFound | keyhaven_kmip::Reason::ItemNotFound => {
            ServiceError::NotFound(e.message)
        }
        keyhaven_kmip::Reason::GeneralFailure => ServiceError::Unavailable(e.message),
        _ => ServiceError::Invalid(e.message),
    });
    ctx.audited(Some(&t.id), change.operation(), Some(uid), result)?;
    let m =
        objects::load(ctx.store, &t.id, uid).map_err(|e| ServiceError::Unavailable(e.message))?;
    Ok(summary(&t, &m))
}

/// A person-readable value: enumeration names, dates, text; byte strings by length only.
pub fn render(a: &Attribute) -> String {
    render_value(a.name.def().map(|d| d.tag), &a.value)
}

fn render_value(t: Option<u32>, v: &Value) -> String {
    match v {
        Value::TextString(s) => s.clone(),
        Value::Integer(i) => i.to_string(),
        Value::LongInteger(i) => i.to_string(),
        Value::Interval(i) => format!("{i}s"),
        Value::Boolean(b) => b.to_string(),
        Value::DateTime(d) => fmt_time(*d),
        Value::DateTimeExtended(d) => fmt_time(d / 1_000_000),
        Value::Enumeration(e) => t
            .and_then(|t| enum_value_name(t, *e))
            .map_or_else(|| format!("0x{e:X}"), str::to_owned),
        Value::ByteString(b) | Value::BigInteger(b) => format!("<{} bytes>", b.len()),
        Value::Structure(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| {
                    let name = tag::tag_name(i.tag).unwrap_or("?");
                    format!("{name}={}", render_value(Some(i.tag), &i.value))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}
