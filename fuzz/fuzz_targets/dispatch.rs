//! Fuzzes a whole request in process: TTLV decode, request parsing in its protocol version and
//! every operation's code, against a real SQLite store and local root key in a temporary
//! directory, as a trusted client of the default tenant. The answer must always be a TTLV
//! message (never a panic, never nothing).
#![no_main]

#[path = "support.rs"]
mod support;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let f = support::fixture();
    let out = keyhaven::server::dispatch::handle(&f.server, &f.who, "fuzz", data);
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    keyhaven_ttlv::decode(&out.response, &limits).expect("the answer is not TTLV");
});
