//! Fuzzes what follows the codec on the request path: TTLV decode (server limits), the protocol
//! version peek and `RequestMessage::parse` in that version. Nothing may panic; a parsed request
//! must keep its batch count within what was decoded.
#![no_main]

use keyhaven_kmip::message::{peek_version, RequestMessage};
use keyhaven_ttlv::{decode, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_message_len: 1 << 20,
        max_depth: 32,
        max_items: 100_000,
    };
    let Ok(item) = decode(data, &limits) else {
        return;
    };
    let _ = peek_version(&item).map(|v| v.answer_version());
    if let Ok(req) = RequestMessage::parse(&item) {
        let _ = format!("{req:?}");
        assert!(req.items.len() <= data.len() / 8, "more batch items than bytes");
    }
});
