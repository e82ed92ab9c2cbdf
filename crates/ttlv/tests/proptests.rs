//! Property tests: random trees round-trip, random and mutated bytes never
//! panic, and whatever the decoder accepts is canonical.

use keyhaven_ttlv::{
    decode, decode_header, encode, encode_into, encoded_len, Item, ItemType, Limits, Value,
};
use proptest::prelude::*;
use zeroize::Zeroizing;

fn tag() -> impl Strategy<Value = u32> {
    prop_oneof![0x420000u32..=0x42FFFF, 0x540000u32..=0x54FFFF]
}

/// Primitive values exactly as the decoder produces them (Big Integers a
/// non-zero multiple of 8 bytes).
fn leaf_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i32>().prop_map(Value::Integer),
        any::<i64>().prop_map(Value::LongInteger),
        (1usize..=4)
            .prop_flat_map(|n| proptest::collection::vec(any::<u8>(), n * 8))
            .prop_map(|b| Value::BigInteger(Zeroizing::new(b))),
        any::<u32>().prop_map(Value::Enumeration),
        any::<bool>().prop_map(Value::Boolean),
        any::<String>().prop_map(Value::TextString),
        proptest::collection::vec(any::<u8>(), 0..40)
            .prop_map(|b| Value::ByteString(Zeroizing::new(b))),
        any::<i64>().prop_map(Value::DateTime),
        any::<u32>().prop_map(Value::Interval),
        any::<i64>().prop_map(Value::DateTimeExtended),
    ]
}

fn tree() -> impl Strategy<Value = Item> {
    let leaf = (tag(), leaf_value()).prop_map(|(t, v)| Item::new(t, v));
    leaf.prop_recursive(6, 96, 8, |inner| {
        (tag(), proptest::collection::vec(inner, 0..8)).prop_map(|(t, c)| Item::structure(t, c))
    })
}

/// A tree whose top is a Structure, like a message.
fn message() -> impl Strategy<Value = Item> {
    (tag(), proptest::collection::vec(tree(), 0..6)).prop_map(|(t, c)| Item::structure(t, c))
}

fn unlimited() -> Limits {
    Limits {
        max_message_len: usize::MAX,
        max_depth: 64,
        max_items: usize::MAX,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// encode -> decode gives the same tree back; lengths agree.
    #[test]
    fn encode_decode_round_trip(item in tree()) {
        let bytes = encode(&item);
        prop_assert_eq!(bytes.len(), encoded_len(&item));
        prop_assert_eq!(bytes.len() % 8, 0);
        let back = decode(&bytes, &unlimited()).expect("valid tree decodes");
        prop_assert_eq!(&back, &item);
        prop_assert_eq!(encode(&back), bytes.clone());
        let mut out = vec![0xEE; 3];
        encode_into(&item, &mut out);
        prop_assert_eq!(&out[..3], &[0xEE; 3][..]);
        prop_assert_eq!(&out[3..], &bytes[..]);
    }

    /// A message's header tells its exact length, and the decoder agrees.
    #[test]
    fn header_gives_message_length(item in message()) {
        let bytes = encode(&item);
        let mut h = [0u8; 8];
        h.copy_from_slice(&bytes[..8]);
        prop_assert_eq!(decode_header(&h, &unlimited()), Ok(bytes.len()));
        let tight = Limits { max_message_len: bytes.len(), ..unlimited() };
        prop_assert_eq!(decode_header(&h, &tight), Ok(bytes.len()));
        prop_assert_eq!(decode(&bytes, &tight), Ok(item));
        let short = Limits { max_message_len: bytes.len() - 1, ..unlimited() };
        prop_assert!(decode_header(&h, &short).is_err());
        prop_assert!(decode(&bytes, &short).is_err());
    }

    /// Any Big Integer byte string (any length) encodes to something that
    /// decodes, and decoding that re-encodes identically.
    #[test]
    fn any_big_integer_encodes_validly(t in tag(), b in proptest::collection::vec(any::<u8>(), 0..30)) {
        let bytes = encode(&Item::big_integer(t, b.clone()));
        let back = decode(&bytes, &Limits::default()).expect("decodes");
        let raw = back.as_big_integer().expect("big integer");
        prop_assert_eq!(raw.len() % 8, 0);
        prop_assert!(!raw.is_empty());
        prop_assert!(raw.ends_with(&b));
        prop_assert_eq!(encode(&back), bytes);
    }

    /// Every strict prefix of an encoding is refused.
    #[test]
    fn prefixes_are_refused(item in tree(), cut in any::<prop::sample::Index>()) {
        let bytes = encode(&item);
        let cut = cut.index(bytes.len());
        prop_assert!(decode(&bytes[..cut], &unlimited()).is_err());
    }

    /// Random bytes never panic; anything accepted is canonical.
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(item) = decode(&bytes, &Limits::default()) {
            prop_assert_eq!(encode(&item), bytes.clone());
        }
        if bytes.len() >= 8 {
            let mut h = [0u8; 8];
            h.copy_from_slice(&bytes[..8]);
            if let Ok(n) = decode_header(&h, &Limits::default()) {
                prop_assert!(n >= 8 && n <= Limits::default().max_message_len);
            }
        }
    }

    /// Random bytes behind a plausible header (so parsing goes further).
    #[test]
    fn random_body_never_panics(
        t in tag(),
        ty in 0u8..=0x0C,
        len in prop_oneof![0u32..64, any::<u32>()],
        body in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut bytes = (t.to_be_bytes()[1..]).to_vec();
        bytes.push(ty);
        bytes.extend_from_slice(&len.to_be_bytes());
        bytes.extend_from_slice(&body);
        if let Ok(item) = decode(&bytes, &Limits::default()) {
            prop_assert_eq!(encode(&item), bytes);
        }
    }

    /// Mutating bytes of a valid encoding never panics; anything accepted is canonical.
    #[test]
    fn mutated_encodings(item in tree(), edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let mut bytes = encode(&item);
        for (i, b) in edits {
            let i = i.index(bytes.len());
            bytes[i] = b;
        }
        for limits in [Limits::default(), Limits { max_depth: 3, max_items: 10, max_message_len: 256 }] {
            if let Ok(back) = decode(&bytes, &limits) {
                prop_assert_eq!(encode(&back), bytes.clone());
            }
        }
    }

    /// The item accessors agree with the value's type.
    #[test]
    fn accessors_match_type(item in tree()) {
        let ty = item.item_type();
        prop_assert_eq!(item.as_int().is_some(), ty == ItemType::Integer);
        prop_assert_eq!(item.as_long().is_some(), ty == ItemType::LongInteger);
        prop_assert_eq!(item.as_enum().is_some(), ty == ItemType::Enumeration);
        prop_assert_eq!(item.as_bool().is_some(), ty == ItemType::Boolean);
        prop_assert_eq!(item.as_text().is_some(), ty == ItemType::TextString);
        prop_assert_eq!(item.as_bytes().is_some(), ty == ItemType::ByteString);
        prop_assert_eq!(item.as_datetime().is_some(), ty == ItemType::DateTime);
        prop_assert_eq!(item.as_interval().is_some(), ty == ItemType::Interval);
        prop_assert_eq!(ItemType::from_u8(ty as u8), Some(ty));
        if let Some(first) = item.items().first() {
            prop_assert_eq!(item.child(first.tag), Some(first));
            prop_assert!(item.children(first.tag).all(|c| c.tag == first.tag));
        }
    }
}
