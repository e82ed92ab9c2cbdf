//! One test per malformation class and per limit.

use keyhaven_ttlv::{decode, decode_header, encode, DecodeError, Item, ItemType, Limits, Value};

/// Hex with spaces and `|` separators allowed.
fn h(s: &str) -> Vec<u8> {
    let clean: String = s.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    hex::decode(clean).expect("test hex")
}

fn dec(s: &str) -> Result<Item, DecodeError> {
    decode(&h(s), &Limits::default())
}

fn header8(s: &str) -> [u8; 8] {
    let mut a = [0u8; 8];
    a.copy_from_slice(&h(s));
    a
}

const T: u32 = 0x420020;

// ---- well-formed primitives (spec 9.1.2 plus Date-Time and Date-Time Extended) ----

#[test]
fn spec_examples_decode() {
    assert_eq!(
        dec("420020 02 00000004 00000008 00000000"),
        Ok(Item::int(T, 8))
    );
    assert_eq!(
        dec("420020 03 00000008 01B69B4BA5749200"),
        Ok(Item::long(T, 123456789000000000))
    );
    assert_eq!(
        dec("420020 05 00000004 000000FF 00000000"),
        Ok(Item::enumeration(T, 255))
    );
    assert_eq!(
        dec("420020 06 00000008 0000000000000001"),
        Ok(Item::boolean(T, true))
    );
    assert_eq!(
        dec("420020 06 00000008 0000000000000000"),
        Ok(Item::boolean(T, false))
    );
    assert_eq!(
        dec("420020 07 0000000B 48656C6C6F20576F726C64 0000000000"),
        Ok(Item::text(T, "Hello World"))
    );
    assert_eq!(
        dec("420020 08 00000003 010203 0000000000"),
        Ok(Item::bytes(T, vec![1, 2, 3]))
    );
    assert_eq!(
        dec("420020 09 00000008 0000000047DA67F8"),
        Ok(Item::datetime(T, 0x47DA67F8))
    );
    assert_eq!(
        dec("420020 0A 00000004 000D2F00 00000000"),
        Ok(Item::interval(T, 864000))
    );
    assert_eq!(
        dec("420020 0B 00000008 FFFFFFFFFFFFFFFF"),
        Ok(Item::datetime_extended(T, -1))
    );
    assert_eq!(
        dec("420020 04 00000010 0000000003FD35EB 6BC2DF4618080000"),
        Ok(Item::big_integer(T, h("0000000003FD35EB6BC2DF4618080000")))
    );
    assert_eq!(
        dec("420020 01 00000020 420004 05 00000004 000000FE 00000000 420005 02 00000004 000000FF 00000000"),
        Ok(Item::structure(T, vec![Item::enumeration(0x420004, 254), Item::int(0x420005, 255)]))
    );
    // Empty strings and an empty structure.
    assert_eq!(dec("420020 07 00000000"), Ok(Item::text(T, "")));
    assert_eq!(dec("420020 08 00000000"), Ok(Item::bytes(T, vec![])));
    assert_eq!(dec("420020 01 00000000"), Ok(Item::structure(T, vec![])));
    // Extension tags (0x54xxxx) are accepted.
    assert_eq!(
        dec("540001 02 00000004 FFFFFFFF 00000000"),
        Ok(Item::int(0x540001, -1))
    );
}

// ---- truncation, overrun, trailing bytes ----

#[test]
fn truncated() {
    assert_eq!(dec(""), Err(DecodeError::Truncated { offset: 0 }));
    assert_eq!(
        dec("420020 02 000000"),
        Err(DecodeError::Truncated { offset: 0 })
    );
    assert_eq!(
        dec("420020 02 00000004 00000008"),
        Err(DecodeError::Truncated { offset: 0 })
    );
    // Text missing its padding.
    assert_eq!(
        dec("420020 07 00000001 41"),
        Err(DecodeError::Truncated { offset: 0 })
    );
    // Structure claiming more than there is.
    assert_eq!(
        dec("420020 01 00000018 420004 05 00000004 000000FE 00000000"),
        Err(DecodeError::Truncated { offset: 0 })
    );
    // A length near u32::MAX must not be trusted.
    assert_eq!(
        dec("420020 08 FFFFFFFF 00"),
        Err(DecodeError::Truncated { offset: 0 })
    );
    assert_eq!(
        dec("420020 01 FFFFFFF8 00000000"),
        Err(DecodeError::Truncated { offset: 0 })
    );
}

#[test]
fn child_overruns_structure() {
    // Structure of length 8 whose child needs 16.
    assert_eq!(
        dec("420020 01 00000008 420004 05 00000004 000000FE 00000000"),
        Err(DecodeError::Overrun { tag: T, offset: 8 })
    );
    // Nested: inner structure claims more than the outer holds.
    assert_eq!(
        dec("420020 01 00000010 420021 01 00000010 420004 05 00000004 000000FE 00000000"),
        Err(DecodeError::Overrun { tag: T, offset: 8 })
    );
    // Text string in a structure, length past the structure's end.
    assert_eq!(
        dec("420020 01 00000010 420004 07 00000009 4142434445464748 49 00000000000000"),
        Err(DecodeError::Overrun { tag: T, offset: 8 })
    );
}

#[test]
fn trailing_bytes() {
    assert_eq!(
        dec("420020 02 00000004 00000008 00000000 00"),
        Err(DecodeError::TrailingBytes { offset: 16 })
    );
    // Two top-level items.
    assert_eq!(
        dec("420020 02 00000004 00000008 00000000 420020 02 00000004 00000008 00000000"),
        Err(DecodeError::TrailingBytes { offset: 16 })
    );
    // Structure shorter than the data that follows it.
    assert_eq!(
        dec("420020 01 00000000 420004 05 00000004 000000FE 00000000"),
        Err(DecodeError::TrailingBytes { offset: 8 })
    );
}

// ---- lengths ----

#[test]
fn bad_lengths() {
    let cases: &[(&str, ItemType, u32)] = &[
        ("420020 02 00000008 0000000000000008", ItemType::Integer, 8),
        ("420020 02 00000000", ItemType::Integer, 0),
        (
            "420020 05 00000005 0000000100000000",
            ItemType::Enumeration,
            5,
        ),
        ("420020 0A 00000008 0000000000000001", ItemType::Interval, 8),
        (
            "420020 03 00000004 0000000100000000",
            ItemType::LongInteger,
            4,
        ),
        ("420020 06 00000004 0000000100000000", ItemType::Boolean, 4),
        (
            "420020 09 00000010 00000000000000010000000000000000",
            ItemType::DateTime,
            16,
        ),
        (
            "420020 0B 00000007 0000000000000100",
            ItemType::DateTimeExtended,
            7,
        ),
        ("420020 04 00000000", ItemType::BigInteger, 0),
        (
            "420020 04 0000000C 000000000000000100000000",
            ItemType::BigInteger,
            12,
        ),
        (
            "420020 04 00000001 0100000000000000",
            ItemType::BigInteger,
            1,
        ),
        ("420020 01 00000004 00000000", ItemType::Structure, 4),
    ];
    for (hex, ty, len) in cases {
        assert_eq!(
            dec(hex),
            Err(DecodeError::BadLength {
                tag: T,
                item_type: *ty,
                len: *len
            }),
            "{hex}"
        );
    }
}

// ---- padding ----

#[test]
fn non_zero_padding() {
    assert_eq!(
        dec("420020 02 00000004 00000008 00000100"),
        Err(DecodeError::BadPadding { tag: T, offset: 14 })
    );
    assert_eq!(
        dec("420020 05 00000004 00000008 80000000"),
        Err(DecodeError::BadPadding { tag: T, offset: 12 })
    );
    assert_eq!(
        dec("420020 0A 00000004 00000008 00000001"),
        Err(DecodeError::BadPadding { tag: T, offset: 15 })
    );
    assert_eq!(
        dec("420020 07 0000000B 48656C6C6F20576F726C64 0000002000"),
        Err(DecodeError::BadPadding { tag: T, offset: 22 })
    );
    assert_eq!(
        dec("420020 08 00000003 010203 FF00000000"),
        Err(DecodeError::BadPadding { tag: T, offset: 11 })
    );
    // Nested, with the offset counted from the start of the input.
    assert_eq!(
        dec("420078 01 00000010 420020 08 00000001 AA 00000000000001"),
        Err(DecodeError::BadPadding { tag: T, offset: 23 })
    );
}

// ---- values ----

#[test]
fn invalid_utf8() {
    assert_eq!(
        dec("420020 07 00000002 C328 000000000000"),
        Err(DecodeError::InvalidUtf8 { tag: T })
    );
    assert_eq!(
        dec("420020 07 00000001 FF 00000000000000"),
        Err(DecodeError::InvalidUtf8 { tag: T })
    );
    // Surrogate code point encoded in UTF-8 is not valid UTF-8.
    assert_eq!(
        dec("420020 07 00000003 EDA080 0000000000"),
        Err(DecodeError::InvalidUtf8 { tag: T })
    );
    // NUL is valid UTF-8 and is kept.
    assert_eq!(
        dec("420020 07 00000001 00 00000000000000"),
        Ok(Item::text(T, "\0"))
    );
}

#[test]
fn invalid_boolean() {
    for v in [
        "0000000000000002",
        "0100000000000000",
        "FFFFFFFFFFFFFFFF",
        "0000000100000000",
    ] {
        assert_eq!(
            dec(&format!("420020 06 00000008 {v}")),
            Err(DecodeError::InvalidBoolean { tag: T }),
            "{v}"
        );
    }
}

// ---- header fields ----

#[test]
fn unknown_type() {
    for b in [0x00u8, 0x0C, 0x0F, 0x80, 0xFF] {
        assert_eq!(
            dec(&format!("420020 {b:02X} 00000000")),
            Err(DecodeError::UnknownType { tag: T, byte: b }),
            "{b}"
        );
    }
}

#[test]
fn bad_tag() {
    assert_eq!(
        dec("430020 02 00000004 00000008 00000000"),
        Err(DecodeError::BadTag {
            tag: 0x430020,
            offset: 0
        })
    );
    assert_eq!(
        dec("000000 01 00000000"),
        Err(DecodeError::BadTag { tag: 0, offset: 0 })
    );
    assert_eq!(
        dec("420078 01 00000010 123456 02 00000004 00000008 00000000"),
        Err(DecodeError::BadTag {
            tag: 0x123456,
            offset: 8
        })
    );
}

// ---- limits ----

/// `n` structures nested inside each other, the innermost empty.
fn nested(n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 * n);
    for i in 0..n {
        let len = (8 * (n - 1 - i)) as u32;
        out.extend_from_slice(&[0x42, 0x00, 0x78, 0x01]);
        out.extend_from_slice(&len.to_be_bytes());
    }
    out
}

#[test]
fn depth_limit() {
    let limits = Limits::default();
    assert_eq!(limits.max_depth, 32);
    assert!(decode(&nested(32), &limits).is_ok());
    assert_eq!(
        decode(&nested(33), &limits),
        Err(DecodeError::TooDeep { depth: 33 })
    );
    // A primitive counts as one level too.
    let strict = Limits {
        max_depth: 1,
        ..Limits::default()
    };
    assert!(decode(&h("420020 02 00000004 00000008 00000000"), &strict).is_ok());
    assert_eq!(
        decode(
            &h("420020 01 00000010 420020 02 00000004 00000008 00000000"),
            &strict
        ),
        Err(DecodeError::TooDeep { depth: 2 })
    );
    assert_eq!(
        decode(
            &h("420020 01 00000000"),
            &Limits {
                max_depth: 0,
                ..Limits::default()
            }
        ),
        Err(DecodeError::TooDeep { depth: 1 })
    );
}

#[test]
fn very_deep_input_does_not_overflow_stack() {
    // 131 072 nested structure headers: refused at depth 33 without recursion.
    let deep = nested(1 << 17);
    assert_eq!(
        decode(&deep, &Limits::default()),
        Err(DecodeError::TooDeep { depth: 33 })
    );
    // With the depth limit lifted, the decoder itself still uses no recursion:
    // 131 072 consistent levels around an invalid boolean are walked down and refused.
    let n = 1usize << 17;
    let inner = h("420020 06 00000008 0000000000000002");
    let mut broken = Vec::with_capacity(8 * n + inner.len());
    for i in 0..n {
        let len = (8 * (n - 1 - i) + inner.len()) as u32;
        broken.extend_from_slice(&[0x42, 0x00, 0x78, 0x01]);
        broken.extend_from_slice(&len.to_be_bytes());
    }
    broken.extend_from_slice(&inner);
    let unlimited = Limits {
        max_depth: usize::MAX,
        max_message_len: usize::MAX,
        max_items: usize::MAX,
    };
    assert_eq!(
        decode(&broken, &unlimited),
        Err(DecodeError::InvalidBoolean { tag: T })
    );
    // And a moderately deep tree decodes and re-encodes.
    let ok = nested(1000);
    let item = decode(&ok, &unlimited).expect("1000 deep");
    assert_eq!(encode(&item), ok);
}

#[test]
fn item_count_limit() {
    // A structure with three integers: 4 items.
    let msg = h("420020 01 00000030 \
                 420001 02 00000004 00000001 00000000 \
                 420002 02 00000004 00000002 00000000 \
                 420003 02 00000004 00000003 00000000");
    assert!(decode(
        &msg,
        &Limits {
            max_items: 4,
            ..Limits::default()
        }
    )
    .is_ok());
    assert_eq!(
        decode(
            &msg,
            &Limits {
                max_items: 3,
                ..Limits::default()
            }
        ),
        Err(DecodeError::TooManyItems)
    );
    assert_eq!(
        decode(
            &msg,
            &Limits {
                max_items: 0,
                ..Limits::default()
            }
        ),
        Err(DecodeError::TooManyItems)
    );
    assert_eq!(Limits::default().max_items, 100_000);
    // 100 001 empty byte strings in one structure (800 016 bytes, under 1 MiB).
    let n = 100_001usize;
    let mut big = Vec::with_capacity(8 + 8 * n);
    big.extend_from_slice(&[0x42, 0x00, 0x78, 0x01]);
    big.extend_from_slice(&((8 * n) as u32).to_be_bytes());
    for _ in 0..n {
        big.extend_from_slice(&[0x42, 0x00, 0x20, 0x08, 0, 0, 0, 0]);
    }
    assert_eq!(
        decode(&big, &Limits::default()),
        Err(DecodeError::TooManyItems)
    );
}

#[test]
fn message_length_limit() {
    let limits = Limits::default();
    assert_eq!(limits.max_message_len, 1 << 20);
    // A 1 MiB byte string message: 8 + 8 + payload.
    let payload = (1usize << 20) - 16;
    let mut msg = h("420078 01");
    msg.extend_from_slice(&((payload + 8) as u32).to_be_bytes());
    msg.extend_from_slice(&h("420020 08"));
    msg.extend_from_slice(&(payload as u32).to_be_bytes());
    msg.resize(msg.len() + payload, 0xAB);
    assert_eq!(msg.len(), 1 << 20);
    assert!(decode(&msg, &limits).is_ok());
    let small = Limits {
        max_message_len: msg.len() - 1,
        ..limits
    };
    assert_eq!(
        decode(&msg, &small),
        Err(DecodeError::TooLong {
            len: 1 << 20,
            limit: (1 << 20) - 1
        })
    );
}

#[test]
fn header_checks() {
    let limits = Limits::default();
    assert_eq!(
        decode_header(&header8("420078 01 00000000"), &limits),
        Ok(8)
    );
    assert_eq!(
        decode_header(&header8("420078 01 000FFFF8"), &limits),
        Ok(1 << 20)
    );
    assert_eq!(
        decode_header(&header8("420078 01 00100000"), &limits),
        Err(DecodeError::TooLong {
            len: (1 << 20) + 8,
            limit: 1 << 20
        })
    );
    assert_eq!(
        decode_header(&header8("420078 01 FFFFFFF8"), &limits),
        Err(DecodeError::TooLong {
            len: 0xFFFF_FFF8 + 8,
            limit: 1 << 20
        })
    );
    assert_eq!(
        decode_header(
            &header8("420078 01 00000018"),
            &Limits {
                max_message_len: 24,
                ..limits
            }
        ),
        Err(DecodeError::TooLong { len: 32, limit: 24 })
    );
    assert_eq!(
        decode_header(&header8("420078 01 00000004"), &limits),
        Err(DecodeError::BadLength {
            tag: 0x420078,
            item_type: ItemType::Structure,
            len: 4
        })
    );
    assert_eq!(
        decode_header(&header8("420078 02 00000004"), &limits),
        Err(DecodeError::NotStructure {
            tag: 0x420078,
            item_type: ItemType::Integer
        })
    );
    assert_eq!(
        decode_header(&header8("420078 0C 00000000"), &limits),
        Err(DecodeError::UnknownType {
            tag: 0x420078,
            byte: 0x0C
        })
    );
    assert_eq!(
        decode_header(&header8("FF0078 01 00000000"), &limits),
        Err(DecodeError::BadTag {
            tag: 0xFF0078,
            offset: 0
        })
    );
}

// ---- errors carry no value bytes ----

#[test]
fn errors_do_not_show_values() {
    // Invalid UTF-8 in a Password, a bad boolean and bad padding after secret bytes.
    let secret = "C3A9C3A9C3A9C3A9C328";
    for hex in [
        format!("4200A1 07 0000000A {secret} 000000000000"),
        "420020 08 00000003 5EC5E7 0000000099".to_owned(),
    ] {
        let err = dec(&hex).expect_err("refused");
        for s in [err.to_string(), format!("{err:?}")] {
            assert!(
                !s.contains("C3A9") && !s.to_lowercase().contains("c3a9"),
                "{s}"
            );
            assert!(
                !s.to_uppercase().contains("5EC5E7") && !s.contains("94, 197"),
                "{s}"
            );
        }
    }
}

// ---- item API ----

#[test]
fn item_accessors() {
    let mut it = Item::structure(
        0x420078,
        vec![
            Item::int(1, -5),
            Item::long(2, 1 << 40),
            Item::enumeration(3, 7),
            Item::boolean(4, true),
            Item::text(5, "x"),
            Item::bytes(6, vec![9]),
            Item::datetime(7, -3),
            Item::interval(8, 60),
            Item::text(5, "y"),
            Item::datetime_extended(9, 12),
            Item::big_integer(10, vec![0; 8]),
        ],
    );
    assert_eq!(it.item_type(), ItemType::Structure);
    assert_eq!(it.items().len(), 11);
    assert_eq!(it.child(1).and_then(Item::as_int), Some(-5));
    assert_eq!(it.child(2).and_then(Item::as_long), Some(1 << 40));
    assert_eq!(it.child(3).and_then(Item::as_enum), Some(7));
    assert_eq!(it.child(4).and_then(Item::as_bool), Some(true));
    assert_eq!(it.child(5).and_then(Item::as_text), Some("x"));
    assert_eq!(it.child(6).and_then(Item::as_bytes), Some(&[9u8][..]));
    assert_eq!(it.child(7).and_then(Item::as_datetime), Some(-3));
    assert_eq!(it.child(8).and_then(Item::as_interval), Some(60));
    assert_eq!(it.child(9).and_then(Item::as_datetime_extended), Some(12));
    assert_eq!(
        it.child(10).and_then(Item::as_big_integer),
        Some(&[0u8; 8][..])
    );
    assert_eq!(
        it.children(5).filter_map(Item::as_text).collect::<Vec<_>>(),
        ["x", "y"]
    );
    assert!(it.child(42).is_none());
    // Wrong-type accessors give None.
    assert_eq!(it.child(1).and_then(Item::as_long), None);
    assert_eq!(it.child(5).and_then(Item::as_bytes), None);
    assert_eq!(it.child(7).and_then(Item::as_long), None);
    assert!(it.child(1).map(Item::items).is_some_and(<[Item]>::is_empty));
    it.items_mut().expect("structure").push(Item::int(11, 0));
    assert_eq!(it.items().len(), 12);
    let mut leaf = Item::int(1, 1);
    assert!(leaf.items_mut().is_none());
    assert_eq!(leaf.value, Value::Integer(1));
}

#[test]
fn item_type_bytes_and_names() {
    let names = [
        "Structure",
        "Integer",
        "LongInteger",
        "BigInteger",
        "Enumeration",
        "Boolean",
        "TextString",
        "ByteString",
        "DateTime",
        "Interval",
        "DateTimeExtended",
    ];
    for (i, name) in names.iter().enumerate() {
        let b = (i + 1) as u8;
        let ty = ItemType::from_u8(b).expect("known type");
        assert_eq!(ty as u8, b);
        assert_eq!(ty.name(), *name);
    }
    assert_eq!(ItemType::from_u8(0), None);
    assert_eq!(ItemType::from_u8(0x0C), None);
}

#[test]
fn big_integer_encoding_is_sign_extended() {
    // Raw bytes of a multiple of 8 are kept as they are, leading zeros included.
    let raw = h("00000000000000000000000000000001");
    assert_eq!(
        encode(&Item::big_integer(T, raw.clone())),
        [h("420020 04 00000010"), raw].concat()
    );
    // Others are sign-extended to a multiple of 8.
    assert_eq!(
        encode(&Item::big_integer(T, vec![0x01, 0x00])),
        h("420020 04 00000008 0000000000000100")
    );
    assert_eq!(
        encode(&Item::big_integer(T, vec![0x80])),
        h("420020 04 00000008 FFFFFFFFFFFFFF80")
    );
    assert_eq!(
        encode(&Item::big_integer(T, vec![])),
        h("420020 04 00000008 0000000000000000")
    );
}
