//! Re-Provision (KMIP 2.0 and 2.1, section 6.1.48): the calling client replaces its own link-level
//! credential, the certificate it authenticates its TLS connections with.
//!
//! * With a Certificate Request (PKCS#10, DER or PEM): the server's CA signs it (a client
//!   certificate, like `keyhaven client sign-csr`); the answer names the certificate.
//! * With a Certificate (X.509): that certificate becomes the credential; the answer names it.
//! * With neither: the server makes a key pair and a certificate for the client; the answer
//!   names the private key, which the client then fetches with Get (PKCS#8).
//!
//! The new certificate is stored in the tenant (custom attribute `x-Keyhaven-Client-Credential`:
//! its SHA-256 fingerprint) and pinned as the client's only credential, in one store statement
//! that also gives the client record a new identifier: from then on the old certificate is not
//! recognised, and requests on connections opened with it (and tickets issued to it) are refused,
//! at once on this node and within the trust refresh (half a second) on the others. Refused: a
//! client trusted through a CA (Feature Not Supported: its certificates are its CA's to renew, and
//! trust in the CA cannot be narrowed to one certificate), a current
//! certificate that has expired, and one that this tenant stores as Revoked (Deactivated) or
//! Compromised (Permission Denied, the spec's SHOULD and SHALLs).

use keyhaven_kmip::attribute::{AttrName, Attribute};
use keyhaven_kmip::enums::{
    certificate_request_type as crt, certificate_type, key_format_type as kft, link_type,
    object_type as ot, state,
};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use rustls_pki_types::pem::PemObject;

use super::derive_key::{add_link, link};
use super::{uid_payload, OpCtx};
use crate::pki;
use crate::store::{ClientRecord, ClientTrust, ObjectQuery, PageRequest};

/// The custom attribute marking a certificate as a client's link-level credential.
pub const CREDENTIAL_ATTRIBUTE: &str = "x-Keyhaven-Client-Credential";

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let old_sha = match &ctx.client.trust {
        ClientTrust::PinnedCert { sha256 } => *sha256,
        ClientTrust::Ca { .. } => {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                format!(
                    "client {} is trusted through a CA: its certificates are the CA's to renew",
                    ctx.client.name
                ),
            ))
        }
    };
    check_current(ctx, &old_sha)?;
    let ca = crate::server::ca::get().ok_or_else(|| {
        KmipError::new(
            Reason::FeatureNotSupported,
            "this server has no certification authority to sign with",
        )
    })?;
    let pki_err = |e: pki::PkiError| KmipError::new(Reason::InvalidField, e.to_string());
    let (cert_der, private_key) = if let Some(r) = payload.child(tag::CERTIFICATE_REQUEST) {
        let bytes = r
            .as_bytes()
            .ok_or_else(|| KmipError::invalid("Certificate Request must be a Byte String"))?;
        let kind = payload
            .child(tag::CERTIFICATE_REQUEST_TYPE)
            .and_then(Item::as_enum);
        let pem = match kind {
            Some(crt::PEM) => String::from_utf8(bytes.to_vec())
                .map_err(|_| KmipError::invalid("the PEM request is not text"))?,
            Some(crt::PKCS_10) | None if bytes.starts_with(b"-----") => {
                String::from_utf8_lossy(bytes).into_owned()
            }
            Some(crt::PKCS_10) | None => csr_pem(bytes),
            Some(_) => {
                return Err(KmipError::new(
                    Reason::FeatureNotSupported,
                    "Certificate Request Types PKCS#10 and PEM are supported (CRMF is not)",
                ))
            }
        };
        let (_, der) =
            pki::sign_csr(ca, &pem, pki::CLIENT_VALIDITY_DAYS as u32).map_err(pki_err)?;
        (der, None)
    } else if let Some(c) = payload.child(tag::CERTIFICATE) {
        let kind = c.child(tag::CERTIFICATE_TYPE).and_then(Item::as_enum);
        if kind.is_some_and(|k| k != certificate_type::X_509) {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                "a client credential is an X.509 certificate",
            ));
        }
        let der = c
            .child(tag::CERTIFICATE_VALUE)
            .and_then(Item::as_bytes)
            .ok_or_else(|| KmipError::missing("the Certificate Value"))?
            .to_vec();
        let s = pki::summarize(&der).map_err(pki_err)?;
        if s.not_after < super::now() {
            return Err(KmipError::invalid("the certificate given has expired"));
        }
        (der, None)
    } else {
        let issued = pki::issue_client_cert(ca, &ctx.client.name).map_err(|e| {
            KmipError::new(Reason::CryptographicFailure, format!("cannot issue: {e}"))
        })?;
        let key = rustls_pki_types::PrivatePkcs8KeyDer::from_pem_slice(issued.key_pem.as_bytes())
            .map_err(|e| {
            KmipError::new(Reason::CryptographicFailure, format!("new key: {e}"))
        })?;
        let key = zeroize::Zeroizing::new(key.secret_pkcs8_der().to_vec());
        (issued.cert_der, Some(key))
    };
    let new_sha = pki::sha256_fingerprint(&cert_der);
    if new_sha == old_sha {
        return Err(KmipError::invalid(
            "the new credential is the certificate in use",
        ));
    }

    // Store what the client will fetch, then switch the credential.
    let mut content = ObjectContent {
        object_type: ot::CERTIFICATE,
        format: 0,
        material: cert_der.clone().into(),
        algorithm: None,
        length: None,
        data_type: Some(certificate_type::X_509),
    };
    let mut attrs = super::register::certificate_attributes(&mut content)?;
    attrs.push(Attribute::new(
        AttrName::from_v1_name(CREDENTIAL_ATTRIBUTE)?,
        Value::TextString(hex::encode(new_sha)),
    ));
    let cert_uid = ctx.insert(&content, attrs)?;
    let answer = match private_key {
        Some(der) => {
            let mut key = ObjectContent {
                object_type: ot::PRIVATE_KEY,
                format: kft::PKCS_8,
                material: der,
                algorithm: None,
                length: None,
                data_type: None,
            };
            crate::crypto::asymmetric::check_registered(&mut key)?;
            let key_uid = ctx.insert(&key, vec![link(link_type::CERTIFICATE_LINK, &cert_uid)])?;
            add_link(ctx, &cert_uid, link_type::PRIVATE_KEY_LINK, &key_uid)?;
            key_uid
        }
        None => cert_uid,
    };
    let replaced = ClientRecord {
        id: uuid::Uuid::new_v4().to_string(),
        trust: ClientTrust::PinnedCert { sha256: new_sha },
        cert_der: Some(cert_der),
        ..ctx.client.clone()
    };
    ctx.server
        .store
        .replace_client_credential(&ctx.client.id, &replaced)
        .map_err(super::objects::store_err)?;
    ctx.server.trust.invalidate();
    tracing::info!(tenant = %ctx.tenant.name, client = %ctx.client.name,
        fingerprint = %hex::encode(new_sha), "client credential re-provisioned");
    *ctx.id_placeholder = Some(answer.clone());
    Ok(uid_payload(&answer))
}

/// Refuses a current certificate that has expired, or that the tenant stores as revoked or
/// compromised (a credential made by an earlier Re-Provision, or one registered with the marker).
fn check_current(ctx: &OpCtx<'_>, sha: &[u8; 32]) -> KmipResult<()> {
    if let Some(der) = &ctx.client.cert_der {
        if let Ok(s) = pki::summarize(der) {
            if s.not_after < super::now() {
                return Err(KmipError::new(
                    Reason::PermissionDenied,
                    "the certificate this client authenticates with has expired",
                ));
            }
        }
    }
    let q = ObjectQuery {
        object_type: Some(ot::CERTIFICATE),
        states: Some(vec![
            state::DEACTIVATED,
            state::COMPROMISED,
            state::DESTROYED_COMPROMISED,
        ]),
        text: vec![(CREDENTIAL_ATTRIBUTE.to_owned(), hex::encode(sha))],
        ..Default::default()
    };
    let page = ctx
        .server
        .store
        .query_objects(&ctx.tenant.id, &q, &PageRequest::first(1))
        .map_err(super::objects::store_err)?;
    if let Some(r) = page.records.first() {
        return Err(KmipError::new(
            Reason::PermissionDenied,
            format!(
                "the certificate this client authenticates with ({}) is revoked or compromised",
                r.uid
            ),
        ));
    }
    Ok(())
}

/// A DER PKCS#10 request as PEM (what `pki::sign_csr` reads).
fn csr_pem(der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE REQUEST-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE REQUEST-----\n");
    out
}
