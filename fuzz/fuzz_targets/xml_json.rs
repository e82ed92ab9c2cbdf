//! Fuzzes the KMIP XML and JSON encodings (the HTTPS body formats): the first byte picks XML or
//! JSON, the rest is the text. An accepted document must survive a round trip through its own
//! encoding and through binary TTLV.
#![no_main]

use keyhaven_kmip::{json, xml};
use keyhaven_ttlv::{decode, encode, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let item = if which & 1 == 0 {
        // The server checks the depth before building the tree.
        match xml::element_depth(text) {
            Ok(d) if d <= 32 => {}
            _ => return,
        }
        match xml::from_xml(text) {
            Ok(i) => i,
            Err(_) => return,
        }
    } else {
        match json::from_json(text) {
            Ok(i) => i,
            Err(_) => return,
        }
    };
    let bytes = encode(&item);
    let limits = Limits {
        max_message_len: usize::MAX,
        max_depth: usize::MAX,
        max_items: usize::MAX,
    };
    if item.item_type() == keyhaven_ttlv::ItemType::Structure {
        let back = decode(&bytes, &limits).expect("encoded tree does not decode");
        assert_eq!(back, item, "TTLV round trip changed the tree");
    }
    let again = if which & 1 == 0 {
        xml::from_xml(&xml::to_xml(&item))
    } else {
        json::from_json(&json::to_json(&item))
    };
    assert_eq!(again.ok().as_ref(), Some(&item), "text round trip changed the tree");
});
