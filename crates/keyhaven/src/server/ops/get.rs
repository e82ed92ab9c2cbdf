//! Get: the object's content, Raw by default (as registered), Transparent Symmetric Key on request;
//! public and private keys in the format registered or created, or converted to the one asked.
//! No attributes inside the Key Value: clients such as vCenter expect Key Material alone.
//! With a Key Wrapping Specification (method Encrypt), the Key Material comes back wrapped by another
//! AES key of the tenant with AES key wrap (NIST Key Wrap, RFC 3394; AES Key Wrap Padding, RFC 5649).

use keyhaven_kmip::enums::{object_type as ot, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let wrapping = payload.child(tag::KEY_WRAPPING_SPECIFICATION);
    if payload.child(tag::KEY_COMPRESSION_TYPE).is_some() {
        return Err(KmipError::new(
            Reason::KeyCompressionTypeNotSupported,
            "key compression is not supported",
        ));
    }
    let format = match payload.child(tag::KEY_FORMAT_TYPE) {
        Some(i) => Some(
            i.as_enum()
                .ok_or_else(|| KmipError::invalid("Key Format Type must be an Enumeration"))?,
        ),
        None => None,
    };
    let m = ctx.load(&uid)?;
    crate::server::crypto_params::check_gettable(&m)?;
    if m.rec.state == state::DESTROYED || m.rec.state == state::DESTROYED_COMPROMISED {
        return Err(KmipError::new(
            Reason::ObjectDestroyed,
            format!("object {uid} has been destroyed; its key material is gone"),
        ));
    }
    if let Some(msg) = crate::rootkey::cloud::mirror::refusal(&m) {
        return Err(KmipError::new(Reason::PermissionDenied, msg));
    }
    let mut content = ctx.open(&m)?;
    if super::wrapped_as_given::is_stored_as_given(&m) {
        // Held wrapped by a key this server does not have: only as registered.
        if wrapping.is_some() || format.is_some_and(|f| f != content.format) {
            return Err(KmipError::new(
                Reason::KeyValueNotPresent,
                format!("object {uid} is held wrapped by a key this server does not have: it is given back only as registered"),
            ));
        }
        let obj = super::wrapped_as_given::stored_object(&content)?;
        crate::server::crypto_params::served(ctx, &m)?;
        return Ok(Item::structure(
            tag::RESPONSE_PAYLOAD,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, m.rec.object_type),
                Item::text(tag::UNIQUE_IDENTIFIER, uid),
                obj,
            ],
        ));
    }
    if content.material.is_empty() && is_key_block_type(content.object_type) {
        // Registered as metadata only: the Key Block without Key Value.
        if wrapping.is_some() {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                format!("object {uid} has no Key Value (metadata only) to wrap"),
            ));
        }
        return Ok(Item::structure(
            tag::RESPONSE_PAYLOAD,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, m.rec.object_type),
                Item::text(tag::UNIQUE_IDENTIFIER, uid),
                metadata_only_wire(&content, format)?,
            ],
        ));
    }
    if format == Some(keyhaven_kmip::enums::key_format_type::PKCS_12) {
        if wrapping.is_some() {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                "a PKCS#12 container cannot be wrapped (it is protected by its password)",
            ));
        }
        let obj = pkcs12_wire(ctx, &m, &content)?;
        crate::server::crypto_params::served(ctx, &m)?;
        return Ok(Item::structure(
            tag::RESPONSE_PAYLOAD,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, m.rec.object_type),
                Item::text(tag::UNIQUE_IDENTIFIER, uid),
                obj,
            ],
        ));
    }
    if let (Some(f), ot::PUBLIC_KEY | ot::PRIVATE_KEY) = (format, content.object_type) {
        // Public and private keys convert between PKCS#1, PKCS#8, X.509, ECPrivateKey and the
        // Transparent formats.
        content = crate::crypto::asymmetric::convert(&content, f)?;
    }
    let mut obj = content.to_wire(format)?;
    if let Some(spec) = wrapping {
        wrap_key_block(ctx, &uid, &mut obj, spec)?;
    } else if payload.child(tag::KEY_WRAP_TYPE).and_then(Item::as_enum)
        == Some(keyhaven_kmip::enums::key_wrap_type::AS_REGISTERED)
    {
        // A key registered wrapped comes back wrapped the same way (AES key wrap is deterministic).
        let registered = m
            .attrs
            .iter()
            .find(|a| a.name.key() == super::register::REGISTERED_WRAPPING);
        if let Some(r) = registered {
            wrap_as_registered(ctx, &uid, &mut obj, &r.value)?;
        }
    }
    crate::server::crypto_params::served(ctx, &m)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, m.rec.object_type),
            Item::text(tag::UNIQUE_IDENTIFIER, uid),
            obj,
        ],
    ))
}

/// Replaces the Key Value of `obj`'s Key Block by its Key Material wrapped as `spec` asks, and adds
/// the Key Wrapping Data.
fn wrap_key_block(ctx: &OpCtx<'_>, uid: &str, obj: &mut Item, spec: &Item) -> KmipResult<()> {
    use keyhaven_kmip::enums::{
        block_cipher_mode as bcm, cryptographic_algorithm as alg,
        cryptographic_usage_mask as usage, encoding_option, wrapping_method,
    };
    let method = spec
        .child(tag::WRAPPING_METHOD)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Wrapping Method"))?;
    if method != wrapping_method::ENCRYPT {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "only the Encrypt wrapping method is supported (no MAC/sign wrapping)",
        ));
    }
    if spec.child(tag::MAC_SIGNATURE_KEY_INFORMATION).is_some() {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "MAC/signature key wrapping is not supported",
        ));
    }
    // No Encoding wraps the Key Material bytes; TTLV Encoding wraps the whole Key Value structure,
    // with the attributes the Key Wrapping Specification names (Attribute Name) inside it.
    let encoding = spec.child(tag::ENCODING_OPTION).and_then(Item::as_enum);
    let ttlv = match encoding {
        None | Some(encoding_option::NO_ENCODING) => false,
        Some(encoding_option::TTLV_ENCODING) => true,
        Some(_) => {
            return Err(KmipError::new(
                Reason::EncodingOptionError,
                "unknown Encoding Option (No Encoding and TTLV Encoding are defined)",
            ))
        }
    };
    let attribute_names: Vec<&str> = spec
        .children(tag::ATTRIBUTE_NAME)
        .map(|i| {
            i.as_text()
                .ok_or_else(|| KmipError::invalid("Attribute Name must be a Text String"))
        })
        .collect::<KmipResult<_>>()?;
    if !attribute_names.is_empty() && !ttlv {
        return Err(KmipError::new(
            Reason::EncodingOptionError,
            "attributes are wrapped with the key only with the TTLV Encoding option",
        ));
    }
    let wrapped_attributes: Vec<Item> = if attribute_names.is_empty() {
        Vec::new()
    } else {
        let m = ctx.load(uid)?;
        let all = m.all_attributes();
        let mut out = Vec::new();
        for n in &attribute_names {
            let name = keyhaven_kmip::attribute::AttrName::from_v1_name(n)?;
            out.extend(
                all.iter()
                    .filter(|a| a.name == name)
                    .filter_map(|a| a.to_wire(ctx.version)),
            );
        }
        out
    };
    let info = spec
        .child(tag::ENCRYPTION_KEY_INFORMATION)
        .ok_or_else(|| KmipError::missing("the Encryption Key Information"))?;
    let kek_uid = info
        .child(tag::UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
        .ok_or_else(|| KmipError::missing("the Unique Identifier of the wrapping key"))?;
    let mode = info
        .child(tag::CRYPTOGRAPHIC_PARAMETERS)
        .and_then(|p| p.child(tag::BLOCK_CIPHER_MODE))
        .and_then(Item::as_enum)
        .unwrap_or(bcm::NISTKEYWRAP);
    let padding = match mode {
        bcm::NISTKEYWRAP => false,
        bcm::AESKEYWRAPPADDING => true,
        other => {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                format!(
                    "key wrapping with block cipher mode {} is not supported (NISTKeyWrap and AESKeyWrapPadding are)",
                    crate::server::crypto_params::enum_name(tag::BLOCK_CIPHER_MODE, other)
                ),
            ))
        }
    };
    if kek_uid == uid {
        return Err(KmipError::invalid("a key cannot be wrapped by itself"));
    }
    let kek = ctx.load(kek_uid)?;
    if kek.rec.object_type != ot::SYMMETRIC_KEY || kek.rec.algorithm != Some(alg::AES) {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!("the wrapping key {kek_uid} must be an AES symmetric key"),
        ));
    }
    crate::server::crypto_params::check_key(
        &kek,
        crate::server::crypto_params::Use::Protect,
        usage::WRAP_KEY,
        "wrapping keys",
        super::now(),
    )?;
    let kek_material = ctx.open(&kek)?.material;
    let block = obj
        .items_mut()
        .and_then(|items| items.iter_mut().find(|i| i.tag == tag::KEY_BLOCK))
        .ok_or_else(|| {
            KmipError::new(
                Reason::FeatureNotSupported,
                "only objects with a Key Block can be wrapped",
            )
        })?;
    let items = block
        .items_mut()
        .ok_or_else(|| KmipError::new(Reason::InternalServerError, "malformed Key Block"))?;
    let kv = items
        .iter_mut()
        .find(|i| i.tag == tag::KEY_VALUE)
        .ok_or_else(|| {
            KmipError::new(Reason::InternalServerError, "Key Block without Key Value")
        })?;
    let plain: zeroize::Zeroizing<Vec<u8>> = if ttlv {
        let km = kv.child(tag::KEY_MATERIAL).cloned().ok_or_else(|| {
            KmipError::new(
                Reason::InternalServerError,
                "Key Value without Key Material",
            )
        })?;
        let mut c = vec![km];
        if ctx.version.is_2x() {
            if !wrapped_attributes.is_empty() {
                c.push(Item::structure(tag::ATTRIBUTES, wrapped_attributes));
            }
        } else {
            c.extend(wrapped_attributes);
        }
        zeroize::Zeroizing::new(keyhaven_ttlv::encode(&Item::structure(tag::KEY_VALUE, c)))
    } else {
        zeroize::Zeroizing::new(
            kv.child(tag::KEY_MATERIAL)
                .and_then(Item::as_bytes)
                .ok_or_else(|| {
                    KmipError::new(
                        Reason::FeatureNotSupported,
                        "this Key Format Type has structured Key Material, which only the TTLV Encoding option can wrap",
                    )
                })?
                .to_vec(),
        )
    };
    let wrapped = crate::crypto::keywrap::wrap(&kek_material, &plain, padding).map_err(|e| {
        KmipError::new(
            Reason::CryptographicFailure,
            format!("cannot wrap {uid} with {kek_uid}: {e}"),
        )
    })?;
    *kv = Item::bytes(tag::KEY_VALUE, wrapped);
    let mut info_out = vec![Item::text(tag::UNIQUE_IDENTIFIER, kek_uid)];
    if let Some(p) = info.child(tag::CRYPTOGRAPHIC_PARAMETERS) {
        info_out.push(p.clone());
    }
    let mut kwd = vec![
        Item::enumeration(tag::WRAPPING_METHOD, method),
        Item::structure(tag::ENCRYPTION_KEY_INFORMATION, info_out),
    ];
    // The Encoding Option the client asked for is echoed.
    if let Some(e) = encoding {
        kwd.push(Item::enumeration(tag::ENCODING_OPTION, e));
    }
    items.push(Item::structure(tag::KEY_WRAPPING_DATA, kwd));
    Ok(())
}

/// Wraps `obj`'s Key Value again as it was registered (see `register::REGISTERED_WRAPPING`).
fn wrap_as_registered(
    ctx: &OpCtx<'_>,
    uid: &str,
    obj: &mut Item,
    registered: &keyhaven_ttlv::Value,
) -> KmipResult<()> {
    use keyhaven_kmip::enums::{block_cipher_mode as bcm, encoding_option};
    use keyhaven_ttlv::Value;
    let bad = || {
        KmipError::new(
            Reason::InternalServerError,
            format!("the registered wrapping of {uid} is unreadable"),
        )
    };
    let Value::Structure(items) = registered else {
        return Err(bad());
    };
    let kwd = items
        .iter()
        .find(|i| i.tag == tag::KEY_WRAPPING_DATA)
        .ok_or_else(bad)?;
    let structured = items
        .iter()
        .any(|i| i.tag == tag::KEY_VALUE && i.value == Value::Boolean(true));
    let info = kwd.child(tag::ENCRYPTION_KEY_INFORMATION).ok_or_else(bad)?;
    let kek_uid = info
        .child(tag::UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
        .ok_or_else(bad)?;
    let padding = info
        .child(tag::CRYPTOGRAPHIC_PARAMETERS)
        .and_then(|p| p.child(tag::BLOCK_CIPHER_MODE))
        .and_then(Item::as_enum)
        == Some(bcm::AESKEYWRAPPADDING);
    let ttlv = kwd.child(tag::ENCODING_OPTION).and_then(Item::as_enum)
        == Some(encoding_option::TTLV_ENCODING);
    let kek = ctx.load(kek_uid)?;
    if matches!(
        kek.rec.state,
        state::DESTROYED | state::DESTROYED_COMPROMISED
    ) {
        return Err(KmipError::new(
            Reason::ObjectDestroyed,
            format!("{uid} was registered wrapped by {kek_uid}, which has been destroyed"),
        ));
    }
    let kek_material = ctx.open(&kek)?.material;
    let items = obj
        .items_mut()
        .and_then(|items| items.iter_mut().find(|i| i.tag == tag::KEY_BLOCK))
        .and_then(Item::items_mut)
        .ok_or_else(bad)?;
    let kv = items
        .iter_mut()
        .find(|i| i.tag == tag::KEY_VALUE)
        .ok_or_else(bad)?;
    let plain = if ttlv {
        zeroize::Zeroizing::new(keyhaven_ttlv::encode(kv))
    } else {
        zeroize::Zeroizing::new(
            kv.child(tag::KEY_MATERIAL)
                .and_then(Item::as_bytes)
                .ok_or_else(bad)?
                .to_vec(),
        )
    };
    let wrapped = crate::crypto::keywrap::wrap(&kek_material, &plain, padding).map_err(|e| {
        KmipError::new(
            Reason::CryptographicFailure,
            format!("cannot wrap {uid} with {kek_uid}: {e}"),
        )
    })?;
    *kv = if structured {
        Item::structure(
            tag::KEY_VALUE,
            vec![Item::bytes(tag::KEY_MATERIAL, wrapped)],
        )
    } else {
        Item::bytes(tag::KEY_VALUE, wrapped)
    };
    items.push(kwd.clone());
    Ok(())
}

fn is_key_block_type(object_type: u32) -> bool {
    matches!(
        object_type,
        ot::SYMMETRIC_KEY | ot::SECRET_DATA | ot::PUBLIC_KEY | ot::PRIVATE_KEY
    )
}

/// The object of a metadata-only key: its Key Block without Key Value, in the registered format.
fn metadata_only_wire(
    content: &keyhaven_kmip::object::ObjectContent,
    format: Option<u32>,
) -> KmipResult<Item> {
    if format.is_some_and(|f| f != content.format) {
        return Err(KmipError::new(
            Reason::KeyFormatTypeNotSupported,
            "a key registered without Key Value cannot be converted to another Key Format Type",
        ));
    }
    let mut block = vec![Item::enumeration(tag::KEY_FORMAT_TYPE, content.format)];
    if let Some(a) = content.algorithm {
        block.push(Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a));
    }
    if let Some(l) = content.length {
        block.push(Item::int(tag::CRYPTOGRAPHIC_LENGTH, l));
    }
    let block = Item::structure(tag::KEY_BLOCK, block);
    let otag = keyhaven_kmip::object::object_tag(content.object_type)
        .ok_or_else(|| KmipError::new(Reason::InternalServerError, "not a key"))?;
    let mut items = Vec::new();
    if content.object_type == ot::SECRET_DATA {
        items.push(Item::enumeration(
            tag::SECRET_DATA_TYPE,
            content.data_type.unwrap_or(1),
        ));
    }
    items.push(block);
    Ok(Item::structure(otag, items))
}

/// The Unique Identifiers `m` links to with Link Type `kind`.
fn linked(m: &crate::server::objects::Managed, kind: u32) -> Vec<String> {
    use keyhaven_ttlv::Value;
    m.attrs
        .iter()
        .filter(|a| a.name.is(tag::LINK))
        .filter_map(|a| match &a.value {
            Value::Structure(items)
                if items
                    .iter()
                    .any(|i| i.tag == tag::LINK_TYPE && i.as_enum() == Some(kind)) =>
            {
                items
                    .iter()
                    .find(|i| i.tag == tag::LINKED_OBJECT_IDENTIFIER)
                    .and_then(Item::as_text)
                    .map(str::to_string)
            }
            _ => None,
        })
        .collect()
}

/// Get in Key Format Type PKCS#12 (KMIP 1.4 4.11): the private key with its certificate chain in a
/// PKCS#12 container (RFC 7292) protected by the password of the Secret Data its PKCS#12 Password
/// Link names. The chain starts at the key's PKCS#12 Certificate Link (or, failing that, its Public
/// Key Link's Certificate Link) and follows each certificate's PKCS#12 Certificate Link or
/// Certificate Link to its issuer. The alias is the key's PKCS#12 Friendly Name, "alias" without.
fn pkcs12_wire(
    ctx: &OpCtx<'_>,
    m: &crate::server::objects::Managed,
    content: &keyhaven_kmip::object::ObjectContent,
) -> KmipResult<Item> {
    use keyhaven_kmip::enums::{key_format_type as kft, link_type, secret_data_type};
    let uid = &m.rec.uid;
    if content.object_type != ot::PRIVATE_KEY {
        return Err(KmipError::new(
            Reason::KeyFormatTypeNotSupported,
            "only a Private Key can be returned in Key Format Type PKCS#12",
        ));
    }
    // The password.
    let passwords = linked(m, link_type::PKCS_12_PASSWORD_LINK);
    let [password_uid] = passwords.as_slice() else {
        return Err(KmipError::new(
            Reason::InvalidField,
            format!(
                "Key Format Type PKCS#12 needs exactly one PKCS#12 Password Link on {uid} ({} found)",
                passwords.len()
            ),
        ));
    };
    let not_password = || {
        KmipError::new(
            Reason::InvalidField,
            format!(
                "the PKCS#12 Password Link of {uid} does not name a Secret Data of type Password"
            ),
        )
    };
    let secret = ctx.load(password_uid).map_err(|_| not_password())?;
    if secret.rec.object_type != ot::SECRET_DATA
        || matches!(
            secret.rec.state,
            state::DESTROYED | state::DESTROYED_COMPROMISED
        )
    {
        return Err(not_password());
    }
    let password = ctx.open(&secret)?;
    if password.data_type.unwrap_or(secret_data_type::PASSWORD) != secret_data_type::PASSWORD {
        return Err(not_password());
    }
    // The certificate chain.
    let mut next = linked(m, link_type::PKCS_12_CERTIFICATE_LINK);
    if next.is_empty() {
        for pk in linked(m, link_type::PUBLIC_KEY_LINK) {
            if let Ok(p) = ctx.load(&pk) {
                next.extend(linked(&p, link_type::CERTIFICATE_LINK));
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    let mut certs: Vec<Vec<u8>> = Vec::new();
    while let Some(cert_uid) = next.first().cloned() {
        if next.len() > 1 {
            return Err(KmipError::new(
                Reason::InvalidField,
                format!("more than one certificate chain for {uid} (several certificate links from one object)"),
            ));
        }
        if seen.contains(&cert_uid) || seen.len() >= 16 {
            break; // a self-signed root linked to itself, or a loop
        }
        let c = ctx.load(&cert_uid)?;
        if c.rec.object_type != ot::CERTIFICATE {
            return Err(KmipError::new(
                Reason::InvalidField,
                format!(
                    "{cert_uid}, linked as a certificate of {uid}'s chain, is not a Certificate"
                ),
            ));
        }
        certs.push(ctx.open(&c)?.material.to_vec());
        seen.push(cert_uid);
        next = linked(&c, link_type::PKCS_12_CERTIFICATE_LINK);
        if next.is_empty() {
            next = linked(&c, link_type::CERTIFICATE_LINK);
        }
    }
    let alias = m
        .attrs
        .iter()
        .find(|a| a.name.is(tag::PKCS_12_FRIENDLY_NAME))
        .and_then(|a| match &a.value {
            keyhaven_ttlv::Value::TextString(s) => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "alias".to_string());
    let pkcs8 = crate::crypto::asymmetric::convert(content, kft::PKCS_8)?;
    let pfx = crate::crypto::pkcs12::build(&pkcs8.material, &certs, &password.material, &alias)
        .map_err(|e| {
            KmipError::new(
                Reason::CryptographicFailure,
                format!("cannot build the PKCS#12 of {uid}: {e}"),
            )
        })?;
    // As the OASIS case shows it (TC-PKCS12-1-14): the Key Value is the container itself.
    Ok(Item::structure(
        tag::PRIVATE_KEY,
        vec![Item::structure(
            tag::KEY_BLOCK,
            vec![
                Item::enumeration(tag::KEY_FORMAT_TYPE, kft::PKCS_12),
                Item::bytes(tag::KEY_VALUE, pfx),
            ],
        )],
    ))
}
