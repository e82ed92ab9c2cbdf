//! Validate (1.0-2.1): checks one certificate chain, made of the certificates given and the
//! Certificate objects named, at the Validity Date (now when absent). This server's policy (the
//! spec leaves it to the server): the chain is ordered from its leaf by issuer names; it is Valid
//! when every certificate is within its validity period at that date, each is signed by the next,
//! and the last is self-signed (an anchor the client supplies) or signed by the tenant's CA
//! (`server::tenant_ca`) or this server's CA; Invalid when a signature or a date fails; Unknown
//! when the chain is incomplete (it stops at a certificate whose issuer is none of these).

use keyhaven_kmip::enums::{object_type as ot, validity_indicator as vi};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::{now, OpCtx};

/// The longest chain checked.
const MAX_CHAIN: usize = 16;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let mut ders: Vec<Vec<u8>> = Vec::new();
    for c in payload.children(tag::CERTIFICATE) {
        let v = c
            .child(tag::CERTIFICATE_VALUE)
            .and_then(Item::as_bytes)
            .or_else(|| c.as_bytes())
            .ok_or_else(|| KmipError::invalid("a Certificate lacks its Certificate Value"))?;
        ders.push(v.to_vec());
    }
    for u in payload.children(tag::UNIQUE_IDENTIFIER) {
        let uid = u
            .as_text()
            .ok_or_else(|| KmipError::invalid("Unique Identifier must be a Text String"))?;
        let m = ctx.load(uid)?;
        if m.rec.object_type != ot::CERTIFICATE {
            return Err(KmipError::new(
                Reason::InvalidObjectType,
                format!("{uid} is not a certificate"),
            ));
        }
        ders.push(ctx.open(&m)?.material.to_vec());
    }
    if ders.is_empty() {
        return Err(KmipError::missing(
            "a certificate chain (Certificates or Unique Identifiers)",
        ));
    }
    if ders.len() > MAX_CHAIN {
        return Err(KmipError::invalid(format!(
            "a chain holds at most {MAX_CHAIN} certificates"
        )));
    }
    let at = match payload.child(tag::VALIDITY_DATE).map(|i| &i.value) {
        None => now(),
        Some(Value::DateTime(d)) => *d,
        Some(_) => return Err(KmipError::invalid("Validity Date must be a Date-Time")),
    };
    let mut certs = Vec::with_capacity(ders.len());
    for d in &ders {
        let (_, c) = X509Certificate::from_der(d)
            .map_err(|e| KmipError::invalid(format!("a certificate cannot be read: {e}")))?;
        certs.push(c);
    }
    // Anchors: the tenant's CA (Certify's issuer) and the server's CA (earlier certificates).
    let anchor_ders: Vec<Vec<u8>> = crate::server::tenant_ca::certificate(ctx)?
        .into_iter()
        .chain(crate::server::ca::get().map(|c| c.cert_der.clone()))
        .collect();
    let anchors: Vec<X509Certificate<'_>> = anchor_ders
        .iter()
        .filter_map(|d| X509Certificate::from_der(d).ok().map(|(_, c)| c))
        .collect();
    let indicator = check_chain(&certs, &anchors, at);
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![Item::enumeration(tag::VALIDITY_INDICATOR, indicator)],
    ))
}

fn check_chain(certs: &[X509Certificate<'_>], anchors: &[X509Certificate<'_>], at: i64) -> u32 {
    // The leaf: a certificate that issued none of the others.
    let issued_another = |i: usize| {
        certs
            .iter()
            .enumerate()
            .any(|(j, c)| j != i && c.issuer() == certs[i].subject() && c.subject() != c.issuer())
    };
    let Some(mut cur) = (0..certs.len()).find(|i| !issued_another(*i)) else {
        return vi::INVALID;
    };
    let mut used = vec![false; certs.len()];
    loop {
        used[cur] = true;
        let c = &certs[cur];
        let v = c.validity();
        if at < v.not_before.timestamp() || at > v.not_after.timestamp() {
            return vi::INVALID;
        }
        if c.subject() == c.issuer() {
            return if c.verify_signature(None).is_ok() && used.iter().all(|u| *u) {
                vi::VALID
            } else {
                vi::INVALID
            };
        }
        match (0..certs.len()).find(|j| !used[*j] && certs[*j].subject() == c.issuer()) {
            Some(j) => {
                if c.verify_signature(Some(certs[j].public_key())).is_err() {
                    return vi::INVALID;
                }
                cur = j;
            }
            None => {
                let named: Vec<&X509Certificate<'_>> = anchors
                    .iter()
                    .filter(|a| a.subject() == c.issuer())
                    .collect();
                if named.is_empty() {
                    return vi::UNKNOWN;
                }
                let signed = named
                    .iter()
                    .any(|a| c.verify_signature(Some(a.public_key())).is_ok());
                return if signed && used.iter().all(|u| *u) {
                    vi::VALID
                } else {
                    vi::INVALID
                };
            }
        }
    }
}
