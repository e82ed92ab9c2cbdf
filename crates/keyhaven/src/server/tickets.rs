//! Login tickets (KMIP 2.0-2.1 Login, Delegated Login, Logout and the Ticket credential).
//!
//! A ticket is 32 random bytes handed to the client that logged in; it is bound to that client (the
//! mutual-TLS identity and its tenant): presented by any other client it is an Invalid Ticket. A
//! ticket ends at its Lease Time (an Interval from now or a Date-Time; one hour when not given, at
//! most a day), after its Request Count requests, or at Logout. A Delegated Login ticket carries
//! Rights: a request made with it must be allowed by at least one Right (its Operations, Objects
//! and Object Groups, each unrestricted when absent). A request with a valid ticket needs no
//! Username/Password credential.
//!
//! Tickets live in the store (`session_records`, kind "ticket"), each under the SHA-256 of its
//! value (never the value itself), with its owner, expiry, requests left and Rights: every node of
//! a cluster accepts a ticket issued by any other, counts its uses, and refuses it once it is
//! logged out, expired or used up, also after a restart.

use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use sha2::Digest;

use super::objects::{now, store_err};
use crate::store::{SessionRecord, Store};

/// The lease of a ticket when the client names none, and the longest one granted (seconds).
pub const DEFAULT_LEASE_SECS: i64 = 3600;
pub const MAX_LEASE_SECS: i64 = 86_400;
/// Tickets held at once in the store.
const MAX_TICKETS: i64 = 100_000;
/// Tickets one client may hold at once.
const MAX_TICKETS_PER_CLIENT: i64 = 1024;

/// One Right of a delegated ticket; `None` fields are unrestricted.
#[derive(Clone, Debug, Default)]
pub struct Right {
    pub operations: Option<Vec<u32>>,
    pub objects: Option<Vec<String>>,
    pub object_groups: Option<Vec<String>>,
}

fn key(value: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(value).into()
}

/// The terms of a new ticket, read from a Login or Delegated Login request.
pub struct Terms {
    pub expires: i64,
    pub remaining: Option<i64>,
    pub rights: Option<Vec<Right>>,
}

impl Terms {
    pub fn from_request(payload: &Item, delegated: bool) -> KmipResult<Terms> {
        let t = now();
        let expires = match payload.child(tag::LEASE_TIME).map(|i| &i.value) {
            None => t + DEFAULT_LEASE_SECS,
            Some(Value::Interval(s)) => t + i64::from(*s),
            Some(Value::DateTime(d)) if *d > t => *d,
            Some(Value::DateTime(_)) => {
                return Err(KmipError::invalid("the Lease Time is in the past"))
            }
            Some(_) => {
                return Err(KmipError::invalid(
                    "Lease Time must be an Interval or a Date-Time",
                ))
            }
        }
        .min(t + MAX_LEASE_SECS);
        let mut remaining = match payload.child(tag::REQUEST_COUNT) {
            None => None,
            Some(i) => match i.as_int() {
                Some(n) if n > 0 => Some(i64::from(n)),
                _ => {
                    return Err(KmipError::invalid(
                        "Request Count must be a positive Integer",
                    ))
                }
            },
        };
        if let Some(u) = payload.child(tag::USAGE_LIMITS) {
            remaining = min_opt(remaining, object_limit(u)?);
        }
        let rights = if delegated {
            let rs = payload
                .child(tag::RIGHTS)
                .ok_or_else(|| KmipError::missing("the Rights of the delegated ticket"))?;
            for r in rs.children(tag::RIGHT) {
                if let Some(u) = r.child(tag::USAGE_LIMITS) {
                    remaining = min_opt(remaining, object_limit(u)?);
                }
            }
            let out = rights_from_item(rs);
            Some(out)
        } else {
            None
        };
        Ok(Terms {
            expires,
            remaining,
            rights,
        })
    }
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// A Usage Limits structure as a number of requests: its total when counted in objects; a limit
/// in bytes cannot be applied to a ticket.
fn object_limit(u: &Item) -> KmipResult<Option<i64>> {
    let unit = u.child(tag::USAGE_LIMITS_UNIT).and_then(Item::as_enum);
    if unit != Some(keyhaven_kmip::enums::usage_limits_unit::OBJECT) {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "a ticket's Usage Limits must count objects (requests), not bytes",
        ));
    }
    Ok(u.child(tag::USAGE_LIMITS_TOTAL)
        .and_then(|i| match i.value {
            Value::LongInteger(n) => Some(n),
            Value::Integer(n) => Some(i64::from(n)),
            _ => None,
        }))
}

/// The Rights of a Rights structure.
fn rights_from_item(rs: &Item) -> Vec<Right> {
    rs.children(tag::RIGHT)
        .map(|r| Right {
            operations: r.child(tag::OPERATIONS).map(|o| {
                o.children(tag::OPERATION)
                    .filter_map(Item::as_enum)
                    .collect()
            }),
            objects: r.child(tag::OBJECTS).map(|o| {
                o.children(tag::UNIQUE_IDENTIFIER)
                    .filter_map(Item::as_text)
                    .map(str::to_owned)
                    .collect()
            }),
            object_groups: r.child(tag::OBJECT_GROUPS).map(|o| {
                o.children(tag::OBJECT_GROUP)
                    .filter_map(Item::as_text)
                    .map(str::to_owned)
                    .collect()
            }),
        })
        .collect()
}

/// The Rights structure of `rights` (as stored with the ticket).
fn rights_to_item(rights: &[Right]) -> Item {
    Item::structure(
        tag::RIGHTS,
        rights
            .iter()
            .map(|r| {
                let mut c = Vec::new();
                if let Some(o) = &r.operations {
                    c.push(Item::structure(
                        tag::OPERATIONS,
                        o.iter()
                            .map(|x| Item::enumeration(tag::OPERATION, *x))
                            .collect(),
                    ));
                }
                if let Some(o) = &r.objects {
                    c.push(Item::structure(
                        tag::OBJECTS,
                        o.iter()
                            .map(|x| Item::text(tag::UNIQUE_IDENTIFIER, x.clone()))
                            .collect(),
                    ));
                }
                if let Some(g) = &r.object_groups {
                    c.push(Item::structure(
                        tag::OBJECT_GROUPS,
                        g.iter()
                            .map(|x| Item::text(tag::OBJECT_GROUP, x.clone()))
                            .collect(),
                    ));
                }
                Item::structure(tag::RIGHT, c)
            })
            .collect(),
    )
}

/// Issues a ticket to a client; returns its value.
pub fn issue(
    store: &dyn Store,
    tenant_id: &str,
    client_id: &str,
    terms: Terms,
) -> KmipResult<Vec<u8>> {
    let value = crate::crypto::random_bytes(32).to_vec();
    let n = now();
    let record = SessionRecord {
        kind: SessionRecord::TICKET.to_owned(),
        id: key(&value).to_vec(),
        tenant_id: tenant_id.to_owned(),
        client_id: client_id.to_owned(),
        value: terms
            .rights
            .as_deref()
            .map(|r| keyhaven_ttlv::encode(&rights_to_item(r)))
            .unwrap_or_default(),
        uses_left: terms.remaining,
        expires: terms.expires,
        created_us: n * 1_000_000,
    };
    if !store
        .insert_session_record(&record, n, MAX_TICKETS_PER_CLIENT, MAX_TICKETS)
        .map_err(store_err)?
    {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            "too many tickets are open on this server: log out unused ones",
        ));
    }
    Ok(value)
}

fn invalid_ticket() -> KmipError {
    KmipError::new(
        Reason::InvalidTicket,
        "the ticket is unknown, expired, used up or not this client's: log in again",
    )
}

/// Ends a ticket of this client (Logout).
pub fn revoke(store: &dyn Store, tenant_id: &str, client_id: &str, value: &[u8]) -> KmipResult<()> {
    match store
        .take_session_record(SessionRecord::TICKET, &key(value), tenant_id, client_id)
        .map_err(store_err)?
    {
        Some(_) => Ok(()),
        None => Err(invalid_ticket()),
    }
}

/// Checks the tickets of a request for one operation and counts the use. `groups` gives the
/// Object Group values of the object the request names (for Rights restricted by group).
pub fn authorize(
    store: &dyn Store,
    tenant_id: &str,
    client_id: &str,
    tickets: &[impl AsRef<[u8]>],
    operation: u32,
    object: Option<&str>,
    groups: impl Fn(&str) -> Vec<String>,
) -> KmipResult<()> {
    let n = now();
    for v in tickets {
        let k = key(v.as_ref());
        let Some(tk) = store
            .get_session_record(SessionRecord::TICKET, &k)
            .map_err(store_err)?
        else {
            return Err(invalid_ticket());
        };
        if tk.tenant_id != tenant_id
            || tk.client_id != client_id
            || tk.expires <= n
            || tk.uses_left == Some(0)
        {
            return Err(invalid_ticket());
        }
        if !tk.value.is_empty() {
            let limits = keyhaven_ttlv::Limits {
                max_message_len: usize::MAX,
                ..Default::default()
            };
            let rights = keyhaven_ttlv::decode(&tk.value, &limits)
                .map(|i| rights_from_item(&i))
                .map_err(|_| invalid_ticket())?;
            let allowed = rights.iter().any(|r| {
                r.operations.as_ref().is_none_or(|o| o.contains(&operation))
                    && r.objects
                        .as_ref()
                        .is_none_or(|o| object.is_some_and(|u| o.iter().any(|x| x == u)))
                    && r.object_groups.as_ref().is_none_or(|g| {
                        object.is_some_and(|u| groups(u).iter().any(|x| g.contains(x)))
                    })
            });
            if !allowed {
                return Err(KmipError::new(
                    Reason::PermissionDenied,
                    "the ticket's Rights do not allow this operation on this object",
                ));
            }
        }
        if !store
            .use_session_record(SessionRecord::TICKET, &k, n)
            .map_err(store_err)?
        {
            return Err(invalid_ticket());
        }
    }
    Ok(())
}

/// The Object Group values of an object (none when it cannot be read).
pub fn groups_of(store: &dyn crate::store::Store, tenant_id: &str, uid: &str) -> Vec<String> {
    super::objects::load(store, tenant_id, uid)
        .map(|m| {
            m.attrs
                .iter()
                .filter(|a| a.name.is(tag::OBJECT_GROUP))
                .filter_map(|a| match &a.value {
                    Value::TextString(s) => Some(s.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}
