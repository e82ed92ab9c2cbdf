//! Fuzzes KMIP over HTTPS after TLS: the request head (method, target, headers, Content-Type,
//! Content-Length) and the body in TTLV, XML or JSON, through dispatch against a real store. The
//! answer must be an HTTP response.
#![no_main]

#[path = "support.rs"]
mod support;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let f = support::fixture();
    let out = keyhaven::server::https::answer_raw_request(&f.server, &f.who, "fuzz", data);
    assert!(out.starts_with(b"HTTP/1.1 "), "not an HTTP response");
});
