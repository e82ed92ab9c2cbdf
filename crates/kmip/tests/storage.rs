//! The storage form of attributes: compact (standard attributes under their own tag, no index when
//! 0), read back exactly, and the older form (name and index on every attribute) still read.

use keyhaven_kmip::attrdefs::{attribute_by_tag, ATTRIBUTES};
use keyhaven_kmip::attribute::{decode_storage, encode_storage, AttrName, Attribute};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

fn sample() -> Vec<Attribute> {
    let name = |v: &str| {
        Value::Structure(vec![
            Item::text(tag::NAME_VALUE, v),
            Item::enumeration(tag::NAME_TYPE, 1),
        ])
    };
    let custom = |vendor: &str, n: &str, value: Value| Attribute {
        name: AttrName::Custom {
            vendor: vendor.into(),
            name: n.into(),
        },
        index: 0,
        value,
    };
    let mut second_name = Attribute::std(tag::NAME, name("second"));
    second_name.index = 1;
    vec![
        Attribute::std(tag::CRYPTOGRAPHIC_ALGORITHM, Value::Enumeration(3)),
        Attribute::std(tag::CRYPTOGRAPHIC_LENGTH, Value::Integer(256)),
        Attribute::std(tag::NAME, name("first")),
        second_name,
        Attribute::std(tag::ACTIVATION_DATE, Value::DateTime(1_700_000_000)),
        custom("x", "Name", Value::TextString("web-01".into())),
        custom("y", "Flag", Value::Integer(7)),
        custom("acme", "Rack", Value::TextString("r1".into())),
    ]
}

/// The older form, as written before the compact one.
fn old_form(attrs: &[Attribute]) -> Vec<u8> {
    let items = attrs
        .iter()
        .map(|a| {
            let mut c = Vec::new();
            match &a.name {
                AttrName::Custom { vendor, name } => {
                    c.push(Item::text(tag::VENDOR_IDENTIFICATION, vendor.clone()));
                    c.push(Item::text(tag::ATTRIBUTE_NAME, name.clone()));
                }
                AttrName::Std(_) => c.push(Item::text(tag::ATTRIBUTE_NAME, a.name.key())),
            }
            c.push(Item::int(tag::ATTRIBUTE_INDEX, a.index));
            c.push(Item::new(tag::ATTRIBUTE_VALUE, a.value.clone()));
            Item::structure(tag::ATTRIBUTE, c)
        })
        .collect();
    keyhaven_ttlv::encode(&Item::structure(tag::ATTRIBUTES, items))
}

#[test]
fn compact_form_reads_back_exactly() {
    let attrs = sample();
    let blob = encode_storage(&attrs);
    assert_eq!(decode_storage(&blob).unwrap(), attrs);
}

#[test]
fn older_form_still_reads() {
    let attrs = sample();
    let old = old_form(&attrs);
    assert_eq!(decode_storage(&old).unwrap(), attrs);
    // The compact form is smaller: no names or indices on standard attributes.
    let new = encode_storage(&attrs);
    assert!(
        new.len() * 10 < old.len() * 7,
        "compact {} bytes vs older {} bytes",
        new.len(),
        old.len()
    );
}

#[test]
fn every_attribute_tag_names_one_attribute() {
    // The compact form names an attribute by its tag: each tag must lead back to its attribute.
    // Vendor Attribute shares the Attribute tag and keeps the named form.
    for def in ATTRIBUTES.iter().filter(|d| d.tag != tag::ATTRIBUTE) {
        let back = attribute_by_tag(def.tag).expect("tag known");
        assert_eq!(back.name, def.name, "tag 0x{:06X}", def.tag);
    }
    let vendor = ATTRIBUTES
        .iter()
        .find(|d| d.tag == tag::ATTRIBUTE)
        .expect("Vendor Attribute");
    let a = Attribute {
        name: AttrName::Std(vendor),
        index: 0,
        value: Value::TextString("v".into()),
    };
    let blob = encode_storage(std::slice::from_ref(&a));
    assert_eq!(decode_storage(&blob).unwrap(), vec![a]);
}

#[test]
fn unknown_tag_in_storage_is_an_error_not_a_panic() {
    let blob = keyhaven_ttlv::encode(&Item::structure(
        tag::ATTRIBUTES,
        vec![Item::int(0x54_0001, 1)],
    ));
    assert!(decode_storage(&blob).is_err());
}
