//! Register: a client-supplied symmetric key, secret data, opaque object, public or private key
//! (PKCS#1, PKCS#8, X.509, ECPrivateKey, Transparent RSA/EC/DSA/DH) or X.509 certificate, stored
//! wrapped. Keys are checked (and their length filled in) when this server can parse their format;
//! a certificate gets the attributes its contents define (type, length, identifier, subject, issuer,
//! signature algorithm).

use keyhaven_kmip::attribute::{parse_attribute_list, AttrName, Attribute};
use keyhaven_kmip::enums::{certificate_type, object_type as ot};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::{object_tag, ObjectContent};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{check_client_attributes, uid_payload, OpCtx};
use crate::crypto::asymmetric;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    let otag = object_tag(object_type).ok_or_else(|| {
        KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "{} cannot be registered here (Symmetric Key, Secret Data, Opaque Object, Public Key, Private Key and Certificate can)",
                super::create::type_name(object_type)
            ),
        )
    })?;
    let obj = payload.child(otag).ok_or_else(|| {
        KmipError::missing("the object to register (its structure must match the Object Type)")
    })?;
    let mut content = ObjectContent::from_wire(object_type, obj)?;
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let mut attrs = parse_attribute_list(container, ctx.version)?;
    let mut server_attrs = Vec::new();
    match object_type {
        ot::PUBLIC_KEY | ot::PRIVATE_KEY => {
            // A Key Block may leave algorithm and length to the attributes (2.x clients do).
            let attr = |t| attrs.iter().find(|a| a.name.is(t)).map(|a| a.value.clone());
            if content.algorithm.is_none() {
                if let Some(Value::Enumeration(a)) = attr(tag::CRYPTOGRAPHIC_ALGORITHM) {
                    content.algorithm = Some(a);
                }
            }
            if content.length.is_none() {
                if let Some(Value::Integer(l)) = attr(tag::CRYPTOGRAPHIC_LENGTH) {
                    content.length = Some(l);
                }
            }
            asymmetric::check_registered(&mut content)?;
        }
        ot::CERTIFICATE => {
            server_attrs = certificate_attributes(&mut content)?;
            // A client may state the Certificate Type it registers (the server sets it).
            let cert_type = content.data_type;
            if let Some(a) = attrs.iter().find(|a| a.name.is(tag::CERTIFICATE_TYPE)) {
                if Some(&a.value) != cert_type.map(Value::Enumeration).as_ref() {
                    return Err(KmipError::invalid(
                        "the Certificate Type attribute contradicts the Certificate",
                    ));
                }
            }
            attrs.retain(|a| !a.name.is(tag::CERTIFICATE_TYPE));
        }
        _ => {}
    }
    check_client_attributes(&attrs)?;
    for (t, have) in [
        (
            tag::CRYPTOGRAPHIC_ALGORITHM,
            content.algorithm.map(Value::Enumeration),
        ),
        (
            tag::CRYPTOGRAPHIC_LENGTH,
            content.length.map(Value::Integer),
        ),
    ] {
        if let (Some(a), Some(v)) = (attrs.iter().find(|a| a.name.is(t)), have) {
            if a.value != v {
                return Err(KmipError::invalid(format!(
                    "attribute {} contradicts the Key Block",
                    a.name.key()
                )));
            }
        }
    }
    let mut attrs: Vec<_> = attrs
        .into_iter()
        .filter(|a| {
            !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        })
        .collect();
    attrs.extend(server_attrs);
    let uid = ctx.insert(&content, attrs)?;
    Ok(uid_payload(&uid))
}

/// The attributes a certificate's contents define, in every spelling (1.0 Certificate Identifier /
/// Subject / Issuer, 1.1+ X.509 ones, 2.x per-field Certificate Subject/Issuer attributes); fills in
/// the certificate's Cryptographic Algorithm and Length from its public key.
fn certificate_attributes(content: &mut ObjectContent) -> KmipResult<Vec<Attribute>> {
    let cert_type = content.data_type.unwrap_or(certificate_type::X_509);
    if cert_type != certificate_type::X_509 {
        return Err(KmipError::new(
            Reason::InvalidField,
            "only X.509 certificates can be registered here",
        ));
    }
    let info = asymmetric::certificate_info(&content.material)?;
    // Keys this server cannot parse (DSA, ...) leave algorithm and length unset.
    if let Ok(k) = asymmetric::parse_public(content) {
        content.algorithm = Some(k.algorithm());
        content.length = Some(k.bits());
    }
    let text = |t, s: &str| Item::text(t, s);
    let mut out = vec![
        Attribute::std(tag::CERTIFICATE_TYPE, Value::Enumeration(cert_type)),
        Attribute::std(
            tag::CERTIFICATE_LENGTH,
            Value::Integer(content.material.len() as i32),
        ),
        Attribute::std(
            tag::CERTIFICATE_IDENTIFIER,
            Value::Structure(vec![
                text(tag::ISSUER, &info.issuer),
                text(tag::SERIAL_NUMBER, &info.serial_hex),
            ]),
        ),
        Attribute::std(
            tag::CERTIFICATE_SUBJECT,
            Value::Structure(vec![text(
                tag::CERTIFICATE_SUBJECT_DISTINGUISHED_NAME,
                &info.subject,
            )]),
        ),
        Attribute::std(
            tag::CERTIFICATE_ISSUER,
            Value::Structure(vec![text(
                tag::CERTIFICATE_ISSUER_DISTINGUISHED_NAME,
                &info.issuer,
            )]),
        ),
        Attribute::std(
            tag::X_509_CERTIFICATE_IDENTIFIER,
            Value::Structure(vec![
                Item::bytes(tag::ISSUER_DISTINGUISHED_NAME, info.issuer_der.clone()),
                Item::bytes(tag::CERTIFICATE_SERIAL_NUMBER, info.serial.clone()),
            ]),
        ),
        Attribute::std(
            tag::X_509_CERTIFICATE_SUBJECT,
            Value::Structure(vec![Item::bytes(
                tag::SUBJECT_DISTINGUISHED_NAME,
                info.subject_der.clone(),
            )]),
        ),
        Attribute::std(
            tag::X_509_CERTIFICATE_ISSUER,
            Value::Structure(vec![Item::bytes(
                tag::ISSUER_DISTINGUISHED_NAME,
                info.issuer_der.clone(),
            )]),
        ),
    ];
    if let Some(s) = info.signature_algorithm {
        out.push(Attribute::std(
            tag::DIGITAL_SIGNATURE_ALGORITHM,
            Value::Enumeration(s),
        ));
    }
    // 2.x: one attribute per name field ("Certificate Subject CN", ...).
    for (prefix, fields) in [
        ("Certificate Subject", &info.subject_fields),
        ("Certificate Issuer", &info.issuer_fields),
    ] {
        for (k, v) in fields {
            let suffix = match k.as_str() {
                "CN" | "O" | "OU" | "C" | "ST" | "L" | "UID" | "DC" => k.as_str(),
                "E" => "Email",
                "T" => "Title",
                "SERIALNUMBER" => "Serial Number",
                "DNQ" => "DN Qualifier",
                _ => continue,
            };
            let Ok(name) = AttrName::from_v1_name(&format!("{prefix} {suffix}")) else {
                continue;
            };
            let single = name.def().is_some_and(|d| !d.multi_instance);
            if single && out.iter().any(|a| a.name == name) {
                continue;
            }
            out.push(Attribute::new(name, Value::TextString(v.clone())));
        }
    }
    Ok(out)
}
