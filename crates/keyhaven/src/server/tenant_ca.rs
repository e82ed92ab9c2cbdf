//! Each tenant's certification authority, which Certify and Re-certify sign with.
//!
//! Made on the tenant's first Certify: an ECDSA P-256 key pair and a self-signed CA certificate
//! (`CN=Keyhaven CA of tenant <name>`), stored as two managed objects of the tenant like any other
//! (the private key wrapped under the tenant's keys, Sensitive and not Extractable, so no client
//! can Get or Export its material, and with the usage mask Certificate Sign | CRL Sign, so KMIP
//! Sign refuses it), linked to each other. The tenant setting [`SETTING`] names them, so
//! every node of a cluster signs with the same CA; when two nodes make one at once, the first to
//! record it wins and the other destroys its own. Certificates it issues carry a Certificate Link
//! to the CA certificate (KMIP: "for Certificate objects: the parent certificate"). If the CA's
//! objects are destroyed or revoked, the next Certify makes a new CA.
//!
//! Certificates issued before the tenant CA existed (by the server's CA) keep working: Validate
//! accepts both as anchors.

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::enums::{
    certificate_type, cryptographic_usage_mask as usage, key_format_type as kft, link_type,
    object_type as ot, state,
};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Value;
use zeroize::Zeroizing;

use super::ops::derive_key::{add_link, link};
use super::ops::{now, OpCtx};
use crate::pki::CertAndKey;

/// Name of the tenant setting naming the CA's objects: `<private key uid> <certificate uid>`.
pub const SETTING: &str = "ca";

/// The tenant's CA, ready to sign.
pub struct TenantCa {
    pub signer: CertAndKey,
    /// The CA certificate's Unique Identifier.
    pub cert_uid: String,
}

/// The tenant's CA, made now if it has none (or none usable).
pub fn get_or_create(ctx: &mut OpCtx<'_>) -> KmipResult<TenantCa> {
    if let Some(ca) = load(ctx)? {
        return Ok(ca);
    }
    // Making the CA must not move the batch's ID Placeholder.
    let placeholder = ctx.id_placeholder.clone();
    let made = create(ctx);
    *ctx.id_placeholder = placeholder;
    made
}

/// The tenant's CA certificate (DER), when it has a usable one (Validate's anchor).
pub fn certificate(ctx: &OpCtx<'_>) -> KmipResult<Option<Vec<u8>>> {
    Ok(load(ctx)?.map(|ca| ca.signer.cert_der))
}

fn store_err(e: crate::store::StoreError) -> KmipError {
    super::objects::store_err(e)
}

/// The recorded CA, if its objects are still usable.
fn load(ctx: &OpCtx<'_>) -> KmipResult<Option<TenantCa>> {
    let Some(value) = ctx
        .server
        .store
        .get_tenant_setting(&ctx.tenant.id, SETTING)
        .map_err(store_err)?
    else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&value);
    let Some((key_uid, cert_uid)) = text.split_once(' ') else {
        return Ok(None);
    };
    let usable = |uid: &str| -> KmipResult<Option<ObjectContent>> {
        match ctx.load(uid) {
            Ok(m) if matches!(m.rec.state, state::PRE_ACTIVE | state::ACTIVE) => {
                ctx.open(&m).map(Some)
            }
            Ok(_) => Ok(None),
            Err(e) if matches!(e.reason, Reason::ObjectNotFound | Reason::ItemNotFound) => Ok(None),
            Err(e) => Err(e),
        }
    };
    let (Some(key), Some(cert)) = (usable(key_uid)?, usable(cert_uid)?) else {
        return Ok(None);
    };
    Ok(Some(TenantCa {
        signer: CertAndKey {
            cert_pem: crate::pki::der_to_pem(&cert.material),
            cert_der: cert.material.to_vec(),
            key_pem: crate::pki::pem("PRIVATE KEY", &key.material),
        },
        cert_uid: cert_uid.to_owned(),
    }))
}

fn create(ctx: &mut OpCtx<'_>) -> KmipResult<TenantCa> {
    let ca = crate::pki::generate_ca_p256(&format!("Keyhaven CA of tenant {}", ctx.tenant.name))
        .map_err(|e| {
            KmipError::new(
                Reason::CryptographicFailure,
                format!("cannot make the tenant's CA: {e}"),
            )
        })?;
    let pkcs8 = {
        use rustls_pki_types::pem::PemObject;
        let k = rustls_pki_types::PrivatePkcs8KeyDer::from_pem_slice(ca.key_pem.as_bytes())
            .map_err(|e| {
                KmipError::new(Reason::CryptographicFailure, format!("tenant CA key: {e}"))
            })?;
        Zeroizing::new(k.secret_pkcs8_der().to_vec())
    };
    let t = now();
    let name = |n: &str| {
        Attribute::std(
            tag::NAME,
            Value::Structure(vec![
                keyhaven_ttlv::Item::text(tag::NAME_VALUE, n),
                keyhaven_ttlv::Item::enumeration(tag::NAME_TYPE, 1),
            ]),
        )
    };
    let mut key = ObjectContent {
        object_type: ot::PRIVATE_KEY,
        format: kft::PKCS_8,
        material: pkcs8,
        algorithm: None,
        length: None,
        data_type: None,
    };
    crate::crypto::asymmetric::check_registered(&mut key)?;
    let key_uid = ctx.insert(
        &key,
        vec![
            name(&format!("keyhaven-tenant-ca-key-{t}")),
            Attribute::std(tag::SENSITIVE, Value::Boolean(true)),
            Attribute::std(tag::EXTRACTABLE, Value::Boolean(false)),
            // Certificate Sign and CRL Sign only: KMIP Sign (which needs the Sign bit), Derive
            // Key and the rest refuse it; the server signs certificates with it directly.
            Attribute::std(
                tag::CRYPTOGRAPHIC_USAGE_MASK,
                Value::Integer((usage::CERTIFICATE_SIGN | usage::CRL_SIGN) as i32),
            ),
            Attribute::std(tag::ACTIVATION_DATE, Value::DateTime(t)),
        ],
    )?;
    let mut cert = ObjectContent {
        object_type: ot::CERTIFICATE,
        format: 0,
        material: ca.cert_der.clone().into(),
        algorithm: None,
        length: None,
        data_type: Some(certificate_type::X_509),
    };
    let mut attrs = super::ops::register::certificate_attributes(&mut cert)?;
    attrs.push(name(&format!("keyhaven-tenant-ca-{t}")));
    attrs.push(link(link_type::PRIVATE_KEY_LINK, &key_uid));
    attrs.push(Attribute::std(tag::ACTIVATION_DATE, Value::DateTime(t)));
    let cert_uid = ctx.insert(&cert, attrs)?;
    add_link(ctx, &key_uid, link_type::CERTIFICATE_LINK, &cert_uid)?;
    let value = format!("{key_uid} {cert_uid}");
    let won = ctx
        .server
        .store
        .claim_tenant_setting(&ctx.tenant.id, SETTING, value.as_bytes(), t)
        .map_err(store_err)?;
    if !won {
        // Another node recorded its CA first (or the recorded one is no longer usable).
        if let Some(theirs) = load(ctx)? {
            discard(ctx, &[&key_uid, &cert_uid]);
            return Ok(theirs);
        }
        ctx.server
            .store
            .put_tenant_setting(&ctx.tenant.id, SETTING, Some(value.as_bytes()), t)
            .map_err(store_err)?;
    }
    tracing::info!(tenant = %ctx.tenant.name, certificate = %cert_uid, "tenant CA created");
    Ok(TenantCa {
        signer: ca,
        cert_uid,
    })
}

/// Destroys the objects of a CA that lost the race to be the tenant's.
fn discard(ctx: &OpCtx<'_>, uids: &[&str]) {
    for uid in uids {
        let r = ctx.update(uid, |m| {
            m.rec.state = state::DEACTIVATED;
            m.destroy(now())
        });
        if let Err(e) = r {
            tracing::warn!(tenant = %ctx.tenant.name, uid = %uid, error = %e, "cannot discard a spare tenant CA object");
        }
    }
}

/// Marks an issued certificate's attributes with its issuer, the tenant CA certificate.
pub fn issuer_link(ca: &TenantCa) -> Attribute {
    link(link_type::CERTIFICATE_LINK, &ca.cert_uid)
}
