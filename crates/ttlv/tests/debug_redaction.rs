//! Debug output never shows key material or passwords.

use keyhaven_ttlv::{decode, encode, Item, Limits};

const KEY: [u8; 32] = [
    0x7a, 0x1f, 0xc3, 0x58, 0x99, 0x02, 0xe4, 0x6b, 0xd0, 0x3c, 0x81, 0x5e, 0xaa, 0x17, 0xf2, 0x44,
    0x0b, 0x9d, 0x66, 0xc8, 0x31, 0xe7, 0x5a, 0x90, 0x2f, 0xb4, 0x73, 0x0e, 0xdc, 0x85, 0x4a, 0x11,
];

/// A Key Block holding the key as a Byte String, a Big Integer and a Password.
fn sample() -> Item {
    Item::structure(
        0x420040,
        vec![
            Item::enumeration(0x420042, 1),
            Item::structure(
                0x420045,
                vec![
                    Item::bytes(0x420043, KEY.to_vec()),
                    Item::big_integer(0x420052, KEY.to_vec()),
                ],
            ),
            Item::text(0x420099, "fred"),
            Item::text(0x4200A1, "s3cr3t-passw0rd"),
        ],
    )
}

fn assert_no_secrets(s: &str) {
    let lower = hex::encode(KEY);
    let upper = hex::encode_upper(KEY);
    assert!(
        !s.contains(&lower) && !s.contains(&upper),
        "hex of key in {s}"
    );
    // Neither any 4-byte run of the key in hex (e.g. split or spaced output) ...
    for w in KEY.windows(4) {
        assert!(
            !s.to_lowercase().contains(&hex::encode(w)),
            "key bytes in {s}"
        );
    }
    // ... nor the decimal list that a derived Debug of Vec<u8> would print.
    let decimal = format!("{:?}", &KEY[..4]);
    assert!(
        !s.contains(&decimal[1..decimal.len() - 1]),
        "decimal key bytes in {s}"
    );
    assert!(!s.contains("122, 31"), "{s}");
    assert!(!s.contains("s3cr3t"), "password in {s}");
}

#[test]
fn debug_hides_key_material_and_password() {
    let item = sample();
    for s in [format!("{item:?}"), format!("{item:#?}")] {
        assert_no_secrets(&s);
        assert!(s.contains("ByteString(<32 bytes>)"), "{s}");
        assert!(s.contains("BigInteger(<32 bytes>)"), "{s}");
        assert!(s.contains("<redacted>"), "{s}");
        assert!(s.contains("0x4200A1"), "{s}");
        assert!(s.contains("0x420043"), "{s}");
        // Non-secret values stay readable.
        assert!(s.contains("\"fred\""), "{s}");
    }
    // Also after a round trip through the wire format, and for a bare value.
    let back = decode(&encode(&item), &Limits::default()).expect("decodes");
    assert_no_secrets(&format!("{back:?}"));
    let key_value = &item.items()[1];
    assert_no_secrets(&format!("{:?}", key_value.value));
    assert_no_secrets(&format!("{:?}", key_value.items()[0]));
}

#[test]
fn debug_format_of_tags_and_values() {
    let s = format!("{:?}", Item::int(0x420078, 5));
    assert_eq!(s, "Item { tag: 0x420078, value: Integer(5) }");
    let s = format!("{:?}", Item::bytes(0x420043, vec![1, 2, 3]));
    assert_eq!(s, "Item { tag: 0x420043, value: ByteString(<3 bytes>) }");
    let s = format!("{:?}", Item::text(0x4200A1, "pw"));
    assert_eq!(s, "Item { tag: 0x4200A1, value: TextString(<redacted>) }");
}
