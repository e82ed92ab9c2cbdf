//! Certify (1.0-2.1): a certificate signed by the tenant's CA (`server::tenant_ca`, made on first
//! use; the certificate's Certificate Link names the CA certificate) for a public key of
//! the tenant (its Unique Identifier, or the ID Placeholder) or for a PKCS#10 request (Certificate
//! Request Type PKCS#10, DER; PEM accepted too), registered as a Certificate object with the
//! request's attributes and the attributes its contents define. The subject is the request's, or
//! for a public key the X.509 Certificate Subject / Certificate Subject attribute given, else
//! `CN=<the key's identifier>`. The certificate gets a Public Key link to the key it certifies and
//! the key a Certificate link to it (when a key of the tenant is involved).

use keyhaven_kmip::enums::{
    certificate_request_type as crt, certificate_type, key_format_type as kft, link_type,
    object_type as ot,
};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::derive_key::{add_link, link};
use super::{check_client_attributes, uid_payload, OpCtx};
use crate::crypto::asymmetric;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let (uid, _) = issue(ctx, payload, None)?;
    Ok(uid_payload(&uid))
}

/// Issues and registers a certificate; returns its identifier and the public key's (if any).
/// `replacing` names the certificate a Re-certify replaces (its subject is kept when the request
/// gives none).
pub fn issue(
    ctx: &mut OpCtx<'_>,
    payload: &Item,
    replacing: Option<(&str, Option<String>)>,
) -> KmipResult<(String, Option<String>)> {
    let ca = crate::server::tenant_ca::get_or_create(ctx)?;
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let mut attrs = ctx.template_attribute(container)?;
    check_client_attributes(&attrs)?;
    let pki_err = |e: crate::pki::PkiError| KmipError::new(Reason::InvalidField, e.to_string());

    let request = payload.child(tag::CERTIFICATE_REQUEST);
    let (spki, subject, key_uid) = if let Some(r) = request {
        let kind = payload
            .child(tag::CERTIFICATE_REQUEST_TYPE)
            .and_then(Item::as_enum)
            .ok_or_else(|| KmipError::missing("the Certificate Request Type"))?;
        let bytes = r
            .as_bytes()
            .ok_or_else(|| KmipError::invalid("Certificate Request must be a Byte String"))?;
        let der = match kind {
            crt::PKCS_10 => bytes.to_vec(),
            crt::PEM => {
                use rustls_pki_types::pem::PemObject;
                rustls_pki_types::CertificateSigningRequestDer::from_pem_slice(bytes)
                    .map_err(|e| {
                        KmipError::invalid(format!("the PEM request cannot be read: {e}"))
                    })?
                    .as_ref()
                    .to_vec()
            }
            _ => {
                return Err(KmipError::new(
                    Reason::FeatureNotSupported,
                    "Certificate Request Types PKCS#10 and PEM are supported (CRMF is not)",
                ))
            }
        };
        let (spki, subject) = crate::pki::csr_public_key_and_subject(&der).map_err(pki_err)?;
        // The key named alongside the request (Re-certify of a key's certificate) is linked.
        let key_uid = match replacing {
            Some((_, k)) => k,
            None => payload
                .child(tag::UNIQUE_IDENTIFIER)
                .and_then(Item::as_text)
                .map(str::to_owned),
        };
        (spki, subject, key_uid)
    } else {
        let key_uid = match replacing {
            Some((_, Some(k))) => k,
            Some((old, None)) => {
                return Err(KmipError::new(
                    Reason::InvalidField,
                    format!(
                        "certificate {old} is linked to no public key: send a Certificate Request"
                    ),
                ))
            }
            None => ctx.uid(payload)?,
        };
        let m = ctx.load(&key_uid)?;
        if m.rec.object_type != ot::PUBLIC_KEY {
            return Err(KmipError::new(
                Reason::InvalidObjectType,
                format!("{key_uid} is not a public key"),
            ));
        }
        let content = ctx.open(&m)?;
        let public = asymmetric::parse_public(&content)?;
        let spki = asymmetric::encode_public(&public, kft::X_509)?;
        let subject_text = attrs.iter().find_map(|a| {
            if a.name.is(tag::X_509_CERTIFICATE_SUBJECT) || a.name.is(tag::CERTIFICATE_SUBJECT) {
                match &a.value {
                    Value::Structure(items) => items.iter().find_map(|i| {
                        i.as_text().map(str::to_owned).or_else(|| {
                            i.as_bytes()
                                .map(|b| String::from_utf8_lossy(b).into_owned())
                        })
                    }),
                    _ => None,
                }
            } else {
                None
            }
        });
        let subject = match subject_text {
            Some(t) => crate::pki::parse_dn(&t).map_err(pki_err)?,
            None => crate::pki::parse_dn(&format!("CN={key_uid}")).map_err(pki_err)?,
        };
        (spki, subject, Some(key_uid))
    };
    // The certificate's own contents define these; a client may not set them.
    attrs.retain(|a| {
        !(a.name.is(tag::X_509_CERTIFICATE_SUBJECT)
            || a.name.is(tag::CERTIFICATE_SUBJECT)
            || a.name.is(tag::CERTIFICATE_TYPE))
    });
    let der = crate::pki::certify_public_key(&ca.signer, &spki, subject)
        .map_err(|e| KmipError::new(Reason::CryptographicFailure, format!("cannot sign: {e}")))?;
    let mut content = ObjectContent {
        object_type: ot::CERTIFICATE,
        format: 0,
        material: der.into(),
        algorithm: None,
        length: None,
        data_type: Some(certificate_type::X_509),
    };
    attrs.extend(super::register::certificate_attributes(&mut content)?);
    if let Some(k) = &key_uid {
        if ctx
            .load(k)
            .is_ok_and(|m| m.rec.object_type == ot::PUBLIC_KEY)
        {
            attrs.push(link(link_type::PUBLIC_KEY_LINK, k));
        }
    }
    attrs.push(crate::server::tenant_ca::issuer_link(&ca));
    attrs.push(crate::server::new_attrs::generated_rng_attribute());
    let uid = ctx.insert(&content, attrs)?;
    if let Some(k) = &key_uid {
        if ctx
            .load(k)
            .is_ok_and(|m| m.rec.object_type == ot::PUBLIC_KEY)
        {
            add_link(ctx, k, link_type::CERTIFICATE_LINK, &uid)?;
        }
    }
    Ok((uid, key_uid))
}
