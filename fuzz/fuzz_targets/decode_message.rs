//! Fuzzes the TTLV message decoder: `decode_header` on the first 8 bytes and
//! `decode` on the whole input, under default and tight limits. Checks that
//! anything accepted is canonical (re-encodes to the same bytes) and that
//! the header and the full decode agree on the message length.
#![no_main]

use keyhaven_ttlv::{decode, decode_header, encode, encoded_len, ItemType, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let tight = Limits { max_message_len: 4096, max_depth: 4, max_items: 64 };
    for limits in [Limits::default(), tight] {
        let header = data.get(..8).map(|h| {
            let mut a = [0u8; 8];
            a.copy_from_slice(h);
            decode_header(&a, &limits)
        });
        if let Some(Ok(total)) = header {
            assert!(total >= 8 && total <= limits.max_message_len && total % 8 == 0);
        }
        if let Ok(item) = decode(data, &limits) {
            let bytes = encode(&item);
            assert_eq!(bytes, data, "accepted input is not canonical");
            assert_eq!(encoded_len(&item), data.len());
            if item.item_type() == ItemType::Structure {
                assert_eq!(header, Some(Ok(data.len())), "header and decode disagree");
            }
            // Debug never panics (and is exercised on arbitrary trees).
            let _ = format!("{item:?}");
        }
    }
});
