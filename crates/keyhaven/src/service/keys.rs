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
use crate::server::inventory;
use crate::server::objects::{self, now, Managed};
use crate::store::{ObjectQuery, PageRequest, TenantRecord};

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
    /// Pagination over the matching keys, oldest first: skip `offset` of them, or resume after
    /// the cursor `after` (a page's `next`, one tenant only).
    pub offset: usize,
    pub limit: Option<usize>,
    pub after: Option<i64>,
    /// Count a tenant's matches up to this many: a tenant with more is counted as "more than
    /// N" ([`KeyPage::total_exact`] false). `None` counts every match. An exact count reads the
    /// whole index range (about 65 ms at a million keys); a page does not.
    pub count_up_to: Option<u64>,
}

/// How far the CLI, the API and the console count a tenant's matches unless asked for an exact
/// count.
pub const COUNT_BOUND: u64 = 10_000;

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
    /// Why the key is held (revoked by an administrator: no client gets its material until it is
    /// restored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<String>,
}

/// A page of keys.
#[derive(Clone, Debug, Serialize)]
pub struct KeyPage {
    /// The matches, or when `total_exact` is false a lower bound: more than this many match.
    pub total: usize,
    /// Whether `total` counts every match (see [`KeyQuery::count_up_to`]).
    pub total_exact: bool,
    pub offset: usize,
    /// The cursor of the next page (pass it as `after`) when one tenant is listed and more may
    /// follow.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<i64>,
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
        held: m.admin_hold(),
    }
}

/// The keys matching `q`, oldest first, one page of them, answered from the store's indexes
/// (type, stored state, creation time, text attributes and the parts of x-Name a search box asks
/// for), so a page costs the same whatever the tenant holds. `total` counts every match.
///
/// States are *effective* (dates applied, as KMIP answers them): Compromised and the Destroyed
/// states are stored as they are; Pre-Active, Active and Deactivated are counted with the
/// Activation and Deactivation Date indexes and listed by reading only the candidates that can
/// have that state.
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
    let mut base = ObjectQuery {
        object_type,
        text: q.tags.clone(),
        ..ObjectQuery::default()
    };
    if q.created_after.is_some() || q.created_before.is_some() {
        base.created = Some((
            q.created_after.unwrap_or(i64::MIN),
            q.created_before.unwrap_or(i64::MAX),
        ));
    }
    if let Some(n) = q.name_contains.as_ref().filter(|n| !n.is_empty()) {
        base.text_contains.push(("x-Name".into(), n.clone()));
    }
    let tenants = ctx.tenants(q.tenant.as_deref())?;
    if q.after.is_some() && tenants.len() > 1 {
        return Err(ServiceError::Invalid(
            "a cursor (after) pages through one tenant: name the tenant".into(),
        ));
    }
    let t = now();
    let limit = q.limit.unwrap_or(usize::MAX);
    let mut skip = q.offset as u64;
    let mut total = 0u64;
    let mut total_exact = true;
    let mut keys = Vec::new();
    let mut next = None;
    for tenant in &tenants {
        let mut counted = match q.count_up_to {
            None => Counted::Exact(count(ctx, &tenant.id, &base, state, t)?),
            Some(bound) => count_bounded(ctx, &tenant.id, &base, state, t, bound)?,
        };
        if let Counted::MoreThan(n) = counted {
            if q.after.is_none() && keys.len() < limit && skip > n {
                // An offset past the bound: where this tenant's keys end must be known.
                counted = Counted::Exact(count(ctx, &tenant.id, &base, state, t)?);
            }
        }
        let (counted, exact) = match counted {
            Counted::Exact(n) => (n, true),
            Counted::MoreThan(n) => (n, false),
        };
        total_exact &= exact;
        total += counted;
        if keys.len() >= limit {
            continue;
        }
        if q.after.is_none() && exact && skip >= counted {
            skip -= counted;
            continue;
        }
        let want = limit - keys.len();
        let (found, cursor) = page(ctx, &tenant.id, &base, state, q.after, skip, want, t)?;
        skip = 0;
        // The Key Protect mirror of each key of the page, for mirrored tenants (none elsewhere).
        let uids: Vec<&str> = found.iter().map(|m| m.rec.uid.as_str()).collect();
        let mirrors = ctx
            .store
            .get_key_mirrors(&tenant.id, &uids)
            .unwrap_or_default();
        for m in found {
            let mut row = summary(tenant, &m);
            row.mirror = mirrors.iter().find(|x| x.uid == m.rec.uid).map(|x| {
                let mut v = serde_json::json!({"state": x.state, "key_protect_id": x.remote_id,
                    "attempts": x.attempts});
                if let Some(e) = &x.last_error {
                    v["last_error"] = serde_json::json!(e);
                }
                v
            });
            keys.push(row);
        }
        if tenants.len() == 1 {
            next = cursor;
        }
    }
    Ok(KeyPage {
        total: total as usize,
        total_exact,
        offset: q.offset,
        next,
        keys,
    })
}

/// A tenant's keys by effective state (every state, zeros included), from index counts.
pub fn count_by_state(ctx: &Ctx, tenant: &TenantRecord) -> ServiceResult<Vec<(&'static str, u64)>> {
    use keyhaven_kmip::enums::state as st;
    let t = now();
    let base = ObjectQuery::default();
    [
        st::PRE_ACTIVE,
        st::ACTIVE,
        st::DEACTIVATED,
        st::COMPROMISED,
        st::DESTROYED,
        st::DESTROYED_COMPROMISED,
    ]
    .into_iter()
    .map(|s| Ok((state_name(s), count(ctx, &tenant.id, &base, Some(s), t)?)))
    .collect()
}

/// A tenant's matches, counted in full or bounded.
enum Counted {
    Exact(u64),
    /// More than this many.
    MoreThan(u64),
}

/// [`count`], stopping at `bound`: the candidates (objects whose stored state can read as
/// `state`) are counted up to the bound. When the stored state decides (no state asked, or
/// Compromised, Destroyed...), the candidates are the matches: that count is the answer, or "more
/// than the bound". When dates may move objects in or out (Pre-Active, Active, Deactivated), the
/// exact count is made from the indexes.
fn count_bounded(
    ctx: &Ctx,
    tenant_id: &str,
    base: &ObjectQuery,
    state: Option<u32>,
    t: i64,
    bound: u64,
) -> ServiceResult<Counted> {
    let mut q = base.clone();
    let exact_by_state = match state {
        Some(s) => {
            let (states, exact) = inventory::candidate_states(s);
            q.states = Some(states);
            exact
        }
        None => true,
    };
    q.count_limit = Some(bound.saturating_add(1));
    let candidates = ctx
        .store
        .count_objects(tenant_id, &q)
        .map_err(store_error)?;
    Ok(match (exact_by_state, candidates > bound) {
        // The candidates are the matches: counted already.
        (true, false) => Counted::Exact(candidates),
        (true, true) => Counted::MoreThan(bound),
        (false, _) => Counted::Exact(count(ctx, tenant_id, base, state, t)?),
    })
}

/// How many of a tenant's objects match `base` and have the effective state `state`: index
/// counts only. A stored Pre-Active object whose Activation Date has passed is Active, and an
/// Active one (or one just activated so) whose Deactivation Date has passed is Deactivated
/// ([`Managed::apply_dates`]).
fn count(
    ctx: &Ctx,
    tenant_id: &str,
    base: &ObjectQuery,
    state: Option<u32>,
    t: i64,
) -> ServiceResult<u64> {
    use keyhaven_kmip::enums::state as st;
    let n = |states: &[u32], dates: &[&str]| -> ServiceResult<u64> {
        let mut q = base.clone();
        q.states = Some(states.to_vec());
        q.dates = dates
            .iter()
            .map(|d| ((*d).to_owned(), i64::MIN, t))
            .collect();
        ctx.store.count_objects(tenant_id, &q).map_err(store_error)
    };
    const ACT: &str = "Activation Date";
    const DEACT: &str = "Deactivation Date";
    Ok(match state {
        None => ctx
            .store
            .count_objects(tenant_id, base)
            .map_err(store_error)?,
        Some(st::PRE_ACTIVE) => n(&[st::PRE_ACTIVE], &[])? - n(&[st::PRE_ACTIVE], &[ACT])?,
        Some(st::ACTIVE) => {
            let activated = n(&[st::PRE_ACTIVE], &[ACT])?;
            (n(&[st::ACTIVE], &[])? + activated)
                - n(&[st::ACTIVE], &[DEACT])?
                - n(&[st::PRE_ACTIVE], &[ACT, DEACT])?
        }
        Some(st::DEACTIVATED) => {
            n(&[st::DEACTIVATED], &[])?
                + n(&[st::ACTIVE], &[DEACT])?
                + n(&[st::PRE_ACTIVE], &[ACT, DEACT])?
        }
        Some(other) => n(&[other], &[])?,
    })
}

/// One tenant's page: `limit` matches after the cursor `after` (or after skipping `skip`), and the
/// cursor of the next page when more may follow.
#[allow(clippy::too_many_arguments)]
fn page(
    ctx: &Ctx,
    tenant_id: &str,
    base: &ObjectQuery,
    state: Option<u32>,
    after: Option<i64>,
    skip: u64,
    limit: usize,
    t: i64,
) -> ServiceResult<(Vec<Managed>, Option<i64>)> {
    let unavailable = |e: keyhaven_kmip::error::KmipError| ServiceError::Unavailable(e.message);
    let mut q = base.clone();
    let exact = match state {
        Some(s) => {
            let (states, exact) = inventory::candidate_states(s);
            q.states = Some(states);
            exact
        }
        None => true,
    };
    if exact {
        let page = ctx
            .store
            .query_objects(
                tenant_id,
                &q,
                &PageRequest {
                    after,
                    offset: skip,
                    limit: limit.min(u64::MAX as usize) as u64,
                },
            )
            .map_err(store_error)?;
        let mut keys = Vec::with_capacity(page.records.len());
        for rec in page.records {
            let attrs = decode_storage(&rec.attributes).map_err(unavailable)?;
            let mut m = Managed { rec, attrs };
            m.apply_dates(t);
            keys.push(m);
        }
        return Ok((keys, page.next));
    }
    // Candidates whose dates may have moved them: read in order, keep those now in `state`.
    let mut keys = Vec::new();
    let mut skip = skip;
    let mut next = None;
    inventory::scan(ctx.store, tenant_id, &q, after, |m, pos| {
        if state.is_some_and(|s| s != m.rec.state) {
            return Ok(true);
        }
        if skip > 0 {
            skip -= 1;
            return Ok(true);
        }
        keys.push(m);
        if keys.len() >= limit {
            next = Some(pos);
            return Ok(false);
        }
        Ok(true)
    })
    .map_err(unavailable)?;
    Ok((keys, next))
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
