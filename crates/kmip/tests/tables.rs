//! Checks of the generated specification tables (`tag`, `enums`, `attrdefs`): every element name and
//! every enumeration / mask value used by the OASIS XML test cases resolves, the tables are internally
//! consistent, and a handful of values are compared with the specification text.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use keyhaven_kmip::attrdefs::{self, attribute_by_name, attribute_by_tag, ATTRIBUTES};
use keyhaven_kmip::enums::{self, *};
use keyhaven_kmip::tag::{self, tag_by_name, tag_in_version, tag_name, tag_spec_name, TAGS};

const VERSIONS: [(i32, i32); 7] = [(1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (2, 0), (2, 1)];

// ---------------------------------------------------------------- OASIS XML test cases

fn vectors_dir() -> PathBuf {
    std::env::var_os("KMIP_VECTORS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/kmip-vectors/oasis")
        })
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            xml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
}

/// One start tag of the XML test files.
struct Element {
    name: String,
    ty: Option<String>,
    value: Option<String>,
    /// Value of the previous `AttributeName` sibling (1.x Attribute structures).
    attribute_name: Option<String>,
}

fn attr(tag_text: &str, key: &str) -> Option<String> {
    let pat = format!("{key}=\"");
    let mut from = 0;
    while let Some(i) = tag_text[from..].find(&pat) {
        let start = from + i;
        let ok = start == 0 || tag_text.as_bytes()[start - 1].is_ascii_whitespace();
        let vstart = start + pat.len();
        if ok {
            let end = tag_text[vstart..].find('"')? + vstart;
            return Some(
                tag_text[vstart..end]
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            );
        }
        from = vstart;
    }
    None
}

/// Minimal reader for the test-case files: start tags with their attributes, in document order.
fn elements(text: &str) -> Vec<Element> {
    let mut out = Vec::new();
    // per open element: last AttributeName value seen among its children
    let mut stack: Vec<Option<String>> = vec![None];
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").expect("unterminated comment");
            rest = &rest[end + 3..];
            continue;
        }
        let gt = rest.find('>').expect("unterminated tag");
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        if inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        if inner.starts_with('/') {
            stack.pop();
            continue;
        }
        let self_closing = inner.trim_end().ends_with('/');
        let body = inner.trim_end().trim_end_matches('/');
        let name = body
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        let ty = attr(body, "type");
        let value = attr(body, "value");
        let parent = stack.last_mut().expect("stack");
        let attribute_name = parent.clone();
        if name == "AttributeName" {
            *parent = value.clone();
        }
        out.push(Element {
            name,
            ty,
            value,
            attribute_name,
        });
        if !self_closing {
            stack.push(None);
        }
    }
    out
}

fn all_elements() -> Vec<(PathBuf, Element)> {
    let mut files = Vec::new();
    xml_files(&vectors_dir(), &mut files);
    files.sort();
    assert!(
        files.len() > 200,
        "expected the OASIS test cases under {} (set KMIP_VECTORS_DIR)",
        vectors_dir().display()
    );
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read xml");
        for e in elements(&text) {
            out.push((f.clone(), e));
        }
    }
    out
}

/// Root element and the explicit-tag element of the XML encoding (`<TTLV tag="0x540001" ...>`).
fn is_encoding_element(name: &str) -> bool {
    name == "KMIP" || name == "TTLV"
}

/// The tag whose enumeration or mask decodes an element's value.
fn value_tag(e: &Element) -> Option<u32> {
    if e.name == "AttributeValue" {
        let name = e.attribute_name.as_deref()?;
        if attrdefs::is_custom_attribute_name(name) {
            return None;
        }
        return Some(
            attribute_by_name(name)
                .unwrap_or_else(|| panic!("unknown attribute name {name:?}"))
                .tag,
        );
    }
    tag_by_name(&e.name)
}

fn is_placeholder(v: &str) -> bool {
    v.starts_with('$') || v.starts_with("0x")
}

#[test]
fn xml_element_names_resolve() {
    let elems = all_elements();
    if elems.is_empty() {
        eprintln!(
            "no OASIS XML test cases found under {}; skipping",
            vectors_dir().display()
        );
        return;
    }
    let mut missing = BTreeSet::new();
    let mut seen = 0;
    for (_, e) in &elems {
        if is_encoding_element(&e.name) {
            continue;
        }
        seen += 1;
        match tag_by_name(&e.name) {
            Some(t) => assert_eq!(
                tag_name(t),
                Some(e.name.as_str()),
                "round trip of {}",
                e.name
            ),
            None => {
                missing.insert(e.name.clone());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "element names without a tag: {missing:?}"
    );
    assert!(seen > 10_000, "only {seen} elements read");
}

#[test]
fn xml_enumeration_values_resolve() {
    let elems = all_elements();
    if elems.is_empty() {
        return;
    }
    let mut missing = BTreeSet::new();
    let mut checked = 0;
    for (f, e) in &elems {
        if e.ty.as_deref() != Some("Enumeration") {
            continue;
        }
        let Some(v) = e.value.as_deref() else {
            continue;
        };
        if is_placeholder(v) {
            continue;
        }
        let Some(t) = value_tag(e) else { continue };
        checked += 1;
        match enum_value_by_name(t, v) {
            Some(n) => {
                // the canonical name of that value maps back to it
                let canon = enum_value_name(t, n).expect("name of a known value");
                assert_eq!(enum_value_by_name(t, canon), Some(n));
            }
            None => {
                missing.insert(format!("{} = {v:?} ({})", e.name, f.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "unresolved enumeration values:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
    assert!(checked > 1_000, "only {checked} enumeration values checked");
}

#[test]
fn xml_mask_values_resolve() {
    let elems = all_elements();
    if elems.is_empty() {
        return;
    }
    let mut missing = BTreeSet::new();
    let mut checked = 0;
    for (_, e) in &elems {
        if e.ty.as_deref() != Some("Integer") {
            continue;
        }
        let Some(v) = e.value.as_deref() else {
            continue;
        };
        if is_placeholder(v)
            || v.trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let Some(t) = value_tag(e) else { continue };
        checked += 1;
        if mask_from_names(t, v).is_none() {
            missing.insert(format!("{} = {v:?}", e.name));
        }
    }
    assert!(missing.is_empty(), "unresolved mask values: {missing:?}");
    assert!(checked > 100, "only {checked} mask values checked");
}

// ---------------------------------------------------------------- internal consistency

#[test]
fn tag_table_is_consistent() {
    assert!(
        TAGS.windows(2).all(|w| w[0].tag < w[1].tag),
        "TAGS sorted by number"
    );
    for t in TAGS {
        assert_eq!(t.tag >> 16, 0x42);
        assert_eq!(tag_by_name(t.xml_name), Some(t.tag), "{}", t.xml_name);
        assert_eq!(tag_by_name(t.spec_name), Some(t.tag), "{}", t.spec_name);
        assert_eq!(tag_name(t.tag), Some(t.xml_name));
        assert_eq!(tag_spec_name(t.tag), Some(t.spec_name));
        assert!(
            VERSIONS.iter().any(|&(a, b)| tag_in_version(t.tag, a, b)),
            "{} in no version",
            t.spec_name
        );
        assert!(!t.xml_name.contains(' '));
    }
    assert_eq!(tag_name(0x540001), None);
    assert_eq!(tag_by_name("NoSuchTag"), None);
    assert_eq!(
        tag_by_name("cryptographicalgorithm"),
        None,
        "case-sensitive"
    );
}

#[test]
fn enum_tables_are_consistent() {
    let mut tables = 0;
    for t in TAGS {
        let Some(values) = enum_tag_values(t.tag) else {
            continue;
        };
        tables += 1;
        assert!(
            values.windows(2).all(|w| w[0].1 < w[1].1),
            "{} values sorted and unique",
            t.spec_name
        );
        for &(name, v) in values {
            assert_eq!(
                enum_value_name(t.tag, v),
                Some(name),
                "{} {name}",
                t.spec_name
            );
            assert_eq!(
                enum_value_by_name(t.tag, name),
                Some(v),
                "{} {name}",
                t.spec_name
            );
            assert!(
                VERSIONS
                    .iter()
                    .any(|&(a, b)| enum_value_in_version(t.tag, v, a, b)),
                "{} {name} in no version",
                t.spec_name
            );
        }
    }
    assert!(tables >= 60, "{tables} enumeration-typed tags");
    assert_eq!(enum_tag_values(tag::UNIQUE_BATCH_ITEM_ID), None);
    assert_eq!(enum_value_by_name(tag::NAME, "Name"), None);
}

#[test]
fn attribute_table_is_consistent() {
    assert!(
        ATTRIBUTES.windows(2).all(|w| w[0].name < w[1].name),
        "sorted by name, unique"
    );
    for a in ATTRIBUTES {
        assert_eq!(attribute_by_name(a.name).map(|d| d.name), Some(a.name));
        assert!(tag_name(a.tag).is_some(), "{} has a known tag", a.name);
        assert!(a.item_type <= 0x0A);
        assert_ne!(a.client_may_set, a.server_only, "{}", a.name);
        assert!(a.defined_in(a.since.0, a.since.1), "{}", a.name);
        if let Some(u) = a.until {
            assert!(a.defined_in(u.0, u.1));
            assert!(!a.defined_in(2, 1), "{}", a.name);
        } else {
            assert!(a.defined_in(2, 1));
        }
        // an attribute of a version has its tag in that version's tag table
        for &(m, n) in &VERSIONS {
            if a.defined_in(m, n) {
                assert!(tag_in_version(a.tag, m, n), "{} in {m}.{n}", a.name);
            }
        }
    }
    assert!(
        attribute_by_name("cryptographic algorithm").is_none(),
        "case-sensitive"
    );
    assert!(attribute_by_name("x-Custom").is_none());
    assert!(attrdefs::is_custom_attribute_name("x-Custom"));
}

// ---------------------------------------------------------------- values checked against the spec text

#[test]
fn tag_numbers_from_the_spec() {
    assert_eq!(tag::CRYPTOGRAPHIC_ALGORITHM, 0x420028);
    assert_eq!(tag::UNIQUE_BATCH_ITEM_ID, 0x420093);
    assert_eq!(tag::KEY_MATERIAL, 0x420043);
    assert_eq!(tag::X_509_CERTIFICATE_IDENTIFIER, 0x4200B5);
    assert_eq!(tag::CERTIFICATE_IDENTIFIER, 0x420014); // 1.0 name, deprecated in 1.1
    assert_eq!(tag::IV_COUNTER_NONCE, 0x42003D);
    assert_eq!(tag::PKCS_11_FUNCTION, 0x42015A);
    assert_eq!(tag::ASYNCHRONOUS_CORRELATION_VALUES, 0x420176); // last tag of 2.1
    assert_eq!(tag::VENDOR_ATTRIBUTE, tag::ATTRIBUTE);

    assert_eq!(
        tag_name(tag::UNIQUE_BATCH_ITEM_ID),
        Some("UniqueBatchItemID")
    );
    assert_eq!(
        tag_name(tag::CRYPTOGRAPHIC_ALGORITHM),
        Some("CryptographicAlgorithm")
    );
    assert_eq!(tag_by_name("Cryptographic Algorithm"), Some(0x420028));
    assert_eq!(tag_by_name("IVCounterNonce"), Some(tag::IV_COUNTER_NONCE));
    assert_eq!(tag_by_name("CertificateIdentifier"), Some(0x420014));

    // 1.0 ends at Password 0x4200A1; Template-Attribute family reserved in 2.0
    assert!(tag_in_version(tag::PASSWORD, 1, 0));
    assert!(!tag_in_version(tag::DEVICE_IDENTIFIER, 1, 0));
    assert!(tag_in_version(tag::DEVICE_IDENTIFIER, 1, 1));
    assert!(tag_in_version(tag::TEMPLATE_ATTRIBUTE, 1, 4));
    assert!(!tag_in_version(tag::TEMPLATE_ATTRIBUTE, 2, 0));
    assert!(!tag_in_version(tag::ATTRIBUTES, 1, 4));
    assert!(tag_in_version(tag::ATTRIBUTES, 2, 0));
    assert!(!tag_in_version(tag::ROTATE_INTERVAL, 2, 0));
    assert!(tag_in_version(tag::ROTATE_INTERVAL, 2, 1));
    assert!(!tag_in_version(tag::CRYPTOGRAPHIC_ALGORITHM, 1, 5));
}

#[test]
fn enumeration_values_from_the_spec() {
    assert_eq!(operation::CREATE, 0x01);
    assert_eq!(operation::DISCOVER_VERSIONS, 0x1E);
    assert_eq!(operation::ENCRYPT, 0x1F);
    assert_eq!(operation::PING, 0x3B);
    assert_eq!(object_type::SYMMETRIC_KEY, 0x02);
    assert_eq!(object_type::TEMPLATE, 0x06);
    assert_eq!(result_reason::ITEM_NOT_FOUND, 0x01);
    assert_eq!(result_reason::GENERAL_FAILURE, 0x100);
    assert_eq!(result_status::OPERATION_FAILED, 0x01);
    assert_eq!(state::PRE_ACTIVE, 0x01);
    assert_eq!(cryptographic_algorithm::AES, 0x03);
    assert_eq!(cryptographic_algorithm::DES3, 0x02);
    assert_eq!(key_format_type::TRANSPARENT_SYMMETRIC_KEY, 0x07);
    assert_eq!(query_function::QUERY_SERVER_INFORMATION, 0x03);
    assert_eq!(name_type::UNINTERPRETED_TEXT_STRING, 0x01);
    assert_eq!(revocation_reason_code::KEY_COMPROMISE, 0x02);
    assert_eq!(credential_type::USERNAME_AND_PASSWORD, 0x01);
    assert_eq!(batch_error_continuation_option::STOP, 0x02);
    assert_eq!(hashing_algorithm::SHA_256, 0x06);
    assert_eq!(hashing_algorithm::SHA3_256, hashing_algorithm::SHA_3_256);
    assert_eq!(pkcs_11_function::C_INITIALIZE, 1);
    assert_eq!(pkcs_11_return_code::OK, 0);
    assert_eq!(cryptographic_usage_mask::ENCRYPT, 0x04);

    assert_eq!(enum_value_name(tag::OBJECT_TYPE, 2), Some("SymmetricKey"));
    assert_eq!(enum_value_name(tag::STATE, 1), Some("PreActive"));
    assert_eq!(
        enum_value_name(tag::OPERATION, operation::RE_KEY_KEY_PAIR),
        Some("ReKeyKeyPair")
    );
    assert_eq!(
        enum_value_by_name(tag::CRYPTOGRAPHIC_ALGORITHM, "AES"),
        Some(3)
    );
    assert_eq!(
        enum_value_by_name(tag::STATE, "Pre-Active"),
        Some(1),
        "spec spelling accepted"
    );
    assert_eq!(
        enum_value_by_name(tag::HASHING_ALGORITHM, "SHA_3_256"),
        Some(0x0F)
    );
    assert_eq!(
        enum_value_by_name(tag::HASHING_ALGORITHM, "SHA3_256"),
        Some(0x0F)
    );
    assert_eq!(
        enum_value_by_name(tag::MASK_GENERATOR_HASHING_ALGORITHM, "SHA_256"),
        Some(6)
    );
    assert_eq!(
        enum_value_by_name(tag::ATTRIBUTE_REFERENCE, "CertificateSubjectCN"),
        Some(0x420108)
    );
    assert_eq!(
        enum_value_name(tag::ATTRIBUTE_REFERENCE, 0x420028),
        Some("CryptographicAlgorithm")
    );
    assert_eq!(
        enum_tag_for_attribute_name("Cryptographic Algorithm"),
        Some(tag::CRYPTOGRAPHIC_ALGORITHM)
    );
    assert_eq!(enum_tag_for_attribute_name("State"), Some(tag::STATE));
    assert_eq!(enum_tag_for_attribute_name("Name"), None);
    assert_eq!(
        mask_from_names(tag::CRYPTOGRAPHIC_USAGE_MASK, "Encrypt Decrypt"),
        Some(0x0C)
    );
    assert_eq!(
        mask_from_names(tag::STORAGE_STATUS_MASK, "ArchivalStorage OnLineStorage"),
        Some(3)
    );
    assert_eq!(
        mask_from_names(tag::CRYPTOGRAPHIC_USAGE_MASK, "Encrypt Bogus"),
        None
    );
}

#[test]
fn result_reason_versions() {
    // 1.0 ends at Key Compression Type Not Supported 0x11; 1.1 adds Encoding Option Error 0x12;
    // 1.2 adds 0x13-0x15; 1.4 ends at Object Already Exists 0x18; 2.0 goes to 0x49, 2.1 to 0x4C.
    assert!(result_reason_in_version(0x11, 1, 0));
    assert!(!result_reason_in_version(0x12, 1, 0));
    assert!(result_reason_in_version(0x12, 1, 1));
    assert!(!result_reason_in_version(0x13, 1, 1));
    assert!(result_reason_in_version(0x15, 1, 2));
    assert!(!result_reason_in_version(0x16, 1, 3));
    assert!(result_reason_in_version(0x18, 1, 4));
    assert!(!result_reason_in_version(0x19, 1, 4));
    assert!(result_reason_in_version(0x19, 2, 0));
    assert!(result_reason_in_version(0x49, 2, 0));
    assert!(!result_reason_in_version(0x4A, 2, 0));
    assert!(result_reason_in_version(0x4C, 2, 1));
    assert!(!result_reason_in_version(0x4D, 2, 1));
    // Illegal Operation / Index Out of Bounds: 1.x only, "(Reserved)" in 2.x
    for r in [
        result_reason::ILLEGAL_OPERATION,
        result_reason::INDEX_OUT_OF_BOUNDS,
    ] {
        assert!(result_reason_in_version(r, 1, 0) && result_reason_in_version(r, 1, 4));
        assert!(!result_reason_in_version(r, 2, 0) && !result_reason_in_version(r, 2, 1));
    }
    for (a, b) in VERSIONS {
        assert!(
            result_reason_in_version(result_reason::GENERAL_FAILURE, a, b),
            "General Failure in {a}.{b}"
        );
        assert!(result_reason_in_version(
            result_reason::ITEM_NOT_FOUND,
            a,
            b
        ));
    }
    assert_eq!(
        enums::enum_values_in_version(tag::RESULT_REASON, 1, 0).len(),
        18
    );
}

#[test]
fn operation_versions() {
    assert!(operation_in_version(operation::PUT, 1, 0));
    assert!(!operation_in_version(operation::DISCOVER_VERSIONS, 1, 0));
    assert!(operation_in_version(operation::DISCOVER_VERSIONS, 1, 1));
    assert!(!operation_in_version(operation::ENCRYPT, 1, 1));
    assert!(operation_in_version(operation::ENCRYPT, 1, 2));
    assert!(operation_in_version(operation::JOIN_SPLIT_KEY, 1, 3));
    assert!(!operation_in_version(operation::IMPORT, 1, 3));
    assert!(operation_in_version(operation::EXPORT, 1, 4));
    assert!(!operation_in_version(operation::LOG, 1, 4));
    assert!(operation_in_version(operation::RE_PROVISION, 2, 0));
    assert!(!operation_in_version(operation::PING, 2, 0));
    assert!(operation_in_version(operation::PING, 2, 1));
    assert!(!operation_in_version(operation::CREATE, 3, 0));
    let counts: Vec<usize> = VERSIONS
        .iter()
        .map(|&(a, b)| enums::enum_values_in_version(tag::OPERATION, a, b).len())
        .collect();
    assert_eq!(counts, [28, 30, 41, 41, 43, 53, 59]);
}

#[test]
fn object_type_versions() {
    assert!(object_type_in_version(object_type::TEMPLATE, 1, 0));
    assert!(object_type_in_version(object_type::TEMPLATE, 1, 4)); // deprecated, still listed
    assert!(!object_type_in_version(object_type::TEMPLATE, 2, 0));
    assert!(!object_type_in_version(object_type::PGP_KEY, 1, 1));
    assert!(object_type_in_version(object_type::PGP_KEY, 1, 2));
    assert!(!object_type_in_version(
        object_type::CERTIFICATE_REQUEST,
        1,
        4
    ));
    assert!(object_type_in_version(
        object_type::CERTIFICATE_REQUEST,
        2,
        1
    ));
}

#[test]
fn attributes_from_the_spec() {
    let alg = attribute_by_name("Cryptographic Algorithm").expect("Cryptographic Algorithm");
    assert_eq!(
        (alg.tag, alg.item_type, alg.since, alg.until),
        (tag::CRYPTOGRAPHIC_ALGORITHM, 5, (1, 0), None)
    );
    assert!(
        alg.client_may_set && !alg.multi_instance,
        "listed in the Create attribute requirements"
    );

    let uid = attribute_by_name("Unique Identifier").expect("Unique Identifier");
    assert!(uid.server_only && uid.always_has_value && !uid.deletable_by_client);
    assert_eq!(uid.item_type, 7);

    let name = attribute_by_name("Name").expect("Name");
    assert!(name.multi_instance && name.client_may_set && name.deletable_by_client);
    assert_eq!(name.item_type, 1);

    let state = attribute_by_tag(tag::STATE).expect("State");
    assert_eq!(state.name, "State");
    assert!(state.server_only);

    let opn = attribute_by_name("Operation Policy Name").expect("Operation Policy Name");
    assert_eq!((opn.since, opn.until), ((1, 0), Some((1, 4))));
    assert!(!opn.defined_in(2, 0));

    let x509 =
        attribute_by_name("X.509 Certificate Identifier").expect("X.509 Certificate Identifier");
    assert_eq!(x509.since, (1, 1));
    assert!(!x509.defined_in(1, 0) && x509.defined_in(2, 1));
    assert_eq!(
        attribute_by_name("Certificate Identifier").and_then(|a| a.until),
        Some((1, 4))
    );

    // Sensitive first appears in 1.4 (section 3.48 of the 1.4 specification), not in 1.3.
    let sensitive = attribute_by_name("Sensitive").expect("Sensitive");
    assert_eq!(sensitive.since, (1, 4));
    assert!(
        !sensitive.defined_in(1, 3) && sensitive.defined_in(1, 4) && sensitive.defined_in(2, 0)
    );
    assert!(sensitive.client_may_set && !sensitive.deletable_by_client);

    let lease = attribute_by_name("Lease Time").expect("Lease Time");
    assert_eq!(lease.item_type, 0x0A);
    assert!(lease.server_only);

    assert_eq!(
        attribute_by_name("Short Unique Identifier").map(|a| a.since),
        Some((2, 0))
    );
    assert_eq!(
        attribute_by_name("Rotate Interval").map(|a| a.since),
        Some((2, 1))
    );
    assert_eq!(
        attribute_by_name("Certificate Subject CN").map(|a| (a.since, a.multi_instance)),
        Some(((2, 0), true))
    );
    assert_eq!(
        attribute_by_name("Custom Attribute").map(|a| (a.item_type, a.until)),
        Some((0, Some((1, 4))))
    );
    assert_eq!(attribute_by_name("Fresh").map(|a| a.since), Some((1, 1)));
    assert!(!attribute_by_name("Name").expect("Name").defined_in(1, 5));
}
