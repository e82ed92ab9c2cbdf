//! Register: a client-supplied symmetric key, secret data, opaque object, public or private key
//! (PKCS#1, PKCS#8, X.509, ECPrivateKey, Transparent RSA/EC/DSA/DH) or X.509 certificate, stored
//! wrapped. Keys are checked (and their length filled in) when this server can parse their format;
//! a certificate gets the attributes its contents define (type, length, identifier, subject, issuer,
//! signature algorithm). Also 1.x Templates, keys wrapped by another AES key of the tenant (unwrapped
//! here, given back wrapped by Get with Key Wrap Type As Registered), keys wrapped by a key the
//! server does not hold (stored as given, `wrapped_as_given`), Split Key and PGP Key objects (kept as
//! registered) and metadata-only keys (no Key Value).

use keyhaven_kmip::attribute::{AttrName, Attribute};
use keyhaven_kmip::enums::{certificate_type, object_type as ot};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::{object_tag, ObjectContent};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{check_client_attributes, uid_payload, OpCtx};
use crate::crypto::asymmetric;

/// Attributes a registered object determines itself: Object Defaults never give them.
const OBJECT_DETERMINED: [u32; 2] = [tag::CRYPTOGRAPHIC_ALGORITHM, tag::CRYPTOGRAPHIC_LENGTH];

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    let otag = object_tag(object_type)
        .filter(|_| object_type != ot::TEMPLATE || !ctx.version.is_2x())
        .ok_or_else(|| {
        KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "{} cannot be registered here (Symmetric Key, Secret Data, Opaque Object, Public Key, Private Key, Certificate, Split Key and PGP Key can)",
                super::create::type_name(object_type)
            ),
        )
    })?;
    let obj = payload.child(otag).ok_or_else(|| {
        KmipError::missing("the object to register (its structure must match the Object Type)")
    })?;
    // A Key Block wrapped by a key this server does not hold is stored as given.
    if let Some(kek) = super::wrapped_as_given::unknown_wrapping_key(ctx, obj) {
        let (content, marker) = super::wrapped_as_given::content(object_type, obj, &kek)?;
        let container = if ctx.version.is_2x() {
            payload.child(tag::ATTRIBUTES)
        } else {
            payload.child(tag::TEMPLATE_ATTRIBUTE)
        };
        let mut attrs: Vec<Attribute> = ctx
            .template_attribute(container)?
            .into_iter()
            .filter(|a| {
                !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
            })
            .collect();
        check_client_attributes(&attrs)?;
        ctx.policy()?
            .apply(object_type, &mut attrs, &OBJECT_DETERMINED)?;
        attrs.push(marker);
        let uid = ctx.insert(&content, attrs)?;
        return Ok(uid_payload(&uid));
    }
    // A Key Block wrapped by another key of the tenant is unwrapped here; how it was wrapped is kept
    // for Get with Key Wrap Type As Registered.
    let unwrapped = unwrap_registered(ctx, obj)?;
    let obj = unwrapped.as_ref().map_or(obj, |(o, _)| o);
    let metadata_only = is_metadata_only(object_type, obj);
    let mut content = if metadata_only {
        metadata_only_content(object_type, obj)?
    } else {
        ObjectContent::from_wire(object_type, obj)?
    };
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let mut attrs = ctx.template_attribute(container)?;
    if object_type == ot::TEMPLATE {
        return register_template(ctx, content, attrs);
    }
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
            if !metadata_only {
                asymmetric::check_registered(&mut content)?;
            }
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
    ctx.policy()?
        .apply(object_type, &mut attrs, &OBJECT_DETERMINED)?;
    if metadata_only {
        attrs.push(Attribute::std(
            tag::KEY_VALUE_PRESENT,
            Value::Boolean(false),
        ));
    }
    if let Some((_, registered)) = unwrapped {
        attrs.push(Attribute::new(
            AttrName::from_v1_name(REGISTERED_WRAPPING)?,
            registered,
        ));
    }
    let uid = ctx.insert(&content, attrs)?;
    Ok(uid_payload(&uid))
}

/// A key registered as metadata only (1.2 and later): a Key Block without Key Value, the key itself
/// being elsewhere (see its Key Value Location attribute).
fn is_metadata_only(object_type: u32, obj: &Item) -> bool {
    matches!(
        object_type,
        ot::SYMMETRIC_KEY | ot::SECRET_DATA | ot::PUBLIC_KEY | ot::PRIVATE_KEY
    ) && obj.child(tag::KEY_BLOCK).is_some_and(|b| {
        b.child(tag::KEY_VALUE).is_none() && b.child(tag::KEY_WRAPPING_DATA).is_none()
    })
}

/// The content of a metadata-only key: its Key Block's format, algorithm and length, no material.
fn metadata_only_content(object_type: u32, obj: &Item) -> KmipResult<ObjectContent> {
    let block = obj
        .child(tag::KEY_BLOCK)
        .ok_or_else(|| KmipError::missing("the Key Block"))?;
    let format = block
        .child(tag::KEY_FORMAT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Key Format Type of the Key Block"))?;
    let data_type = if object_type == ot::SECRET_DATA {
        Some(
            obj.child(tag::SECRET_DATA_TYPE)
                .and_then(Item::as_enum)
                .ok_or_else(|| KmipError::missing("the Secret Data Type"))?,
        )
    } else {
        None
    };
    Ok(ObjectContent {
        object_type,
        format,
        material: Default::default(),
        algorithm: block
            .child(tag::CRYPTOGRAPHIC_ALGORITHM)
            .and_then(Item::as_enum),
        length: block
            .child(tag::CRYPTOGRAPHIC_LENGTH)
            .and_then(Item::as_int),
        data_type,
    })
}

/// The server-defined attribute (a 1.x `y-` custom attribute) recording how a registered key was
/// wrapped: its Key Wrapping Data and whether its Key Value was a structure holding the wrapped Key
/// Material (as some clients send it) or the wrapped bytes themselves.
pub const REGISTERED_WRAPPING: &str = "y-Keyhaven-Registered-Key-Wrapping";

/// For a Key Block with Key Wrapping Data (method Encrypt, by an AES key of the tenant with NIST Key
/// Wrap or AES Key Wrap Padding, No Encoding or TTLV Encoding): the object with its Key Value
/// unwrapped and no Key Wrapping Data, and the value of [`REGISTERED_WRAPPING`].
pub(super) fn unwrap_registered(ctx: &OpCtx<'_>, obj: &Item) -> KmipResult<Option<(Item, Value)>> {
    use keyhaven_kmip::enums::{
        block_cipher_mode as bcm, cryptographic_algorithm as alg,
        cryptographic_usage_mask as usage, encoding_option, wrapping_method,
    };
    let Some(block) = obj.child(tag::KEY_BLOCK) else {
        return Ok(None);
    };
    let Some(kwd) = block.child(tag::KEY_WRAPPING_DATA) else {
        return Ok(None);
    };
    let unsupported = |m: &str| Err(KmipError::new(Reason::FeatureNotSupported, m.to_owned()));
    if kwd.child(tag::WRAPPING_METHOD).and_then(Item::as_enum) != Some(wrapping_method::ENCRYPT) {
        return unsupported("only keys wrapped with the Encrypt method can be registered");
    }
    if kwd.child(tag::MAC_SIGNATURE_KEY_INFORMATION).is_some()
        || kwd.child(tag::MAC_SIGNATURE).is_some()
    {
        return unsupported("MAC/signed wrapped keys cannot be registered");
    }
    let ttlv = match kwd.child(tag::ENCODING_OPTION).and_then(Item::as_enum) {
        None | Some(encoding_option::NO_ENCODING) => false,
        Some(encoding_option::TTLV_ENCODING) => true,
        Some(_) => return unsupported("unknown Encoding Option"),
    };
    let info = kwd.child(tag::ENCRYPTION_KEY_INFORMATION).ok_or_else(|| {
        KmipError::missing("the Encryption Key Information of the Key Wrapping Data")
    })?;
    let kek_uid = info
        .child(tag::UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
        .ok_or_else(|| KmipError::missing("the Unique Identifier of the wrapping key"))?;
    let padding = match info
        .child(tag::CRYPTOGRAPHIC_PARAMETERS)
        .and_then(|p| p.child(tag::BLOCK_CIPHER_MODE))
        .and_then(Item::as_enum)
        .unwrap_or(bcm::NISTKEYWRAP)
    {
        bcm::NISTKEYWRAP => false,
        bcm::AESKEYWRAPPADDING => true,
        _ => {
            return unsupported(
                "wrapped keys are unwrapped with NISTKeyWrap or AESKeyWrapPadding only",
            )
        }
    };
    let kek = ctx.load(kek_uid)?;
    if kek.rec.object_type != ot::SYMMETRIC_KEY || kek.rec.algorithm != Some(alg::AES) {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!("the wrapping key {kek_uid} must be an AES symmetric key"),
        ));
    }
    // The key that wrapped it may be allowed to wrap or to unwrap keys.
    let mask = match kek.first(tag::CRYPTOGRAPHIC_USAGE_MASK).map(|a| &a.value) {
        Some(Value::Integer(m)) if (*m as u32) & usage::UNWRAP_KEY != 0 => usage::UNWRAP_KEY,
        _ => usage::WRAP_KEY,
    };
    crate::server::crypto_params::check_key(
        &kek,
        crate::server::crypto_params::Use::Process,
        mask,
        "wrapping keys",
        super::now(),
    )?;
    let kv = block
        .child(tag::KEY_VALUE)
        .ok_or_else(|| KmipError::missing("the Key Value"))?;
    let (wrapped, structured) = match &kv.value {
        Value::ByteString(b) => (b.clone(), false),
        Value::Structure(_) => match kv.child(tag::KEY_MATERIAL).map(|m| &m.value) {
            Some(Value::ByteString(b)) => (b.clone(), true),
            _ => {
                return Err(KmipError::missing(
                    "the wrapped Key Material (a Byte String)",
                ))
            }
        },
        _ => {
            return Err(KmipError::invalid(
                "the Key Value of a wrapped key must be a Byte String",
            ))
        }
    };
    let kek_material = ctx.open(&kek)?.material;
    let plain = crate::crypto::keywrap::unwrap(&kek_material, &wrapped, padding).map_err(|e| {
        KmipError::new(
            Reason::CryptographicFailure,
            format!("cannot unwrap the key with {kek_uid}: {e}"),
        )
    })?;
    let key_value = if ttlv {
        let v = keyhaven_ttlv::decode(&plain, &keyhaven_ttlv::Limits::default())
            .map_err(|e| KmipError::invalid(format!("the unwrapped Key Value is not TTLV: {e}")))?;
        if v.tag != tag::KEY_VALUE {
            return Err(KmipError::invalid("the unwrapped TTLV is not a Key Value"));
        }
        v
    } else {
        Item::structure(
            tag::KEY_VALUE,
            vec![Item::bytes(tag::KEY_MATERIAL, plain.to_vec())],
        )
    };
    let mut out = obj.clone();
    if let Some(b) = out
        .items_mut()
        .and_then(|items| items.iter_mut().find(|i| i.tag == tag::KEY_BLOCK))
        .and_then(Item::items_mut)
    {
        b.retain(|i| i.tag != tag::KEY_WRAPPING_DATA);
        for i in b.iter_mut().filter(|i| i.tag == tag::KEY_VALUE) {
            *i = key_value.clone();
        }
    }
    let registered = Value::Structure(vec![
        kwd.clone(),
        Item::new(tag::KEY_VALUE, Value::Boolean(structured)),
    ]);
    Ok(Some((out, registered)))
}

/// Register of a Template (1.x): its attributes are kept as registered (Get returns them) and
/// applied to the objects a later request makes with it; the template itself gets its Names (from
/// the Template or the request) and the request's other attributes.
fn register_template(
    ctx: &mut OpCtx<'_>,
    content: ObjectContent,
    mut attrs: Vec<Attribute>,
) -> KmipResult<Item> {
    let template = content.template_attributes()?;
    check_client_attributes(&template)?;
    for a in template.iter().filter(|a| a.name.is(tag::NAME)) {
        if !attrs.iter().any(|b| b.name == a.name && b.value == a.value) {
            attrs.push(a.clone());
        }
    }
    check_client_attributes(&attrs)?;
    let uid = ctx.insert(&content, attrs)?;
    Ok(uid_payload(&uid))
}

/// The attributes a certificate's contents define, in every spelling (1.0 Certificate Identifier /
/// Subject / Issuer, 1.1+ X.509 ones, 2.x per-field Certificate Subject/Issuer attributes); fills in
/// the certificate's Cryptographic Algorithm and Length from its public key.
pub(crate) fn certificate_attributes(content: &mut ObjectContent) -> KmipResult<Vec<Attribute>> {
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
