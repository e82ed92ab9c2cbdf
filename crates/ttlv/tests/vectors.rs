//! Every vector of testdata/kmip-vectors/ttlv_vectors.json: the well-formed ones
//! decode and re-encode byte for byte, the others are refused.
//!
//! The vectors come from PyKMIP (Apache-2.0), NLnet Labs kmip-protocol
//! (BSD-3-Clause, transcribing the OASIS KMIP 1.0 Use Cases and 1.1 Test Cases)
//! and the OASIS KMIP 1.4 specification section 9.1.2; see the README beside
//! the file. Set KEYHAVEN_TTLV_VECTORS to use another copy of the file.

use std::path::PathBuf;

use keyhaven_ttlv::{decode, decode_header, encode, encoded_len, DecodeError, ItemType, Limits};

struct Vector {
    id: String,
    bytes: Vec<u8>,
    well_formed: bool,
    ttlv_error: Option<String>,
}

fn vectors_path() -> PathBuf {
    if let Ok(p) = std::env::var("KEYHAVEN_TTLV_VECTORS") {
        return PathBuf::from(p);
    }
    // crates/ttlv -> repository root -> testdata/ (copied from the OASIS and client test suites).
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/kmip-vectors/ttlv_vectors.json")
}

fn load() -> Vec<Vector> {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read test vectors at {}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("vectors file is JSON");
    let list = json["vectors"].as_array().expect("vectors array");
    assert_eq!(json["count"].as_u64(), Some(list.len() as u64));
    list.iter()
        .map(|v| Vector {
            id: v["id"].as_str().expect("id").to_owned(),
            bytes: hex::decode(v["hex"].as_str().expect("hex")).expect("valid hex"),
            well_formed: v["well_formed_ttlv"].as_bool().expect("well_formed_ttlv"),
            ttlv_error: v
                .get("ttlv_error")
                .and_then(|e| e.as_str())
                .map(str::to_owned),
        })
        .collect()
}

#[test]
fn all_vectors() {
    let vectors = load();
    assert_eq!(vectors.len(), 238);
    let limits = Limits::default();
    let (mut good, mut bad) = (0, 0);
    for v in &vectors {
        let res = decode(&v.bytes, &limits);
        if v.well_formed {
            let item = res.unwrap_or_else(|e| panic!("{}: refused: {e}", v.id));
            assert_eq!(encode(&item), v.bytes, "{}: re-encoding differs", v.id);
            assert_eq!(encoded_len(&item), v.bytes.len(), "{}", v.id);
            if item.item_type() == ItemType::Structure {
                let mut h = [0u8; 8];
                h.copy_from_slice(&v.bytes[..8]);
                assert_eq!(decode_header(&h, &limits), Ok(v.bytes.len()), "{}", v.id);
            }
            good += 1;
        } else {
            let err = match res {
                Ok(_) => panic!("{}: malformed vector was accepted", v.id),
                Err(e) => e,
            };
            // The vectors that say what is wrong get the matching error.
            if let Some(what) = &v.ttlv_error {
                if what.starts_with("structure overruns") {
                    assert_eq!(err, DecodeError::Truncated { offset: 0 }, "{}", v.id);
                } else if what.starts_with("bad tag 0x123456 at offset 16") {
                    assert_eq!(
                        err,
                        DecodeError::BadTag {
                            tag: 0x123456,
                            offset: 16
                        },
                        "{}",
                        v.id
                    );
                } else if what.starts_with("bad type 0x00") {
                    assert_eq!(
                        err,
                        DecodeError::UnknownType { tag: 0, byte: 0 },
                        "{}",
                        v.id
                    );
                } else {
                    panic!("{}: unexpected ttlv_error {what}", v.id);
                }
            }
            bad += 1;
        }
    }
    assert_eq!((good, bad), (232, 6));
}

/// Every proper prefix of a well-formed vector is refused, and so is the
/// vector with one extra zero block appended.
#[test]
fn prefixes_and_extensions_refused() {
    let limits = Limits::default();
    for v in load().iter().filter(|v| v.well_formed) {
        for cut in 0..v.bytes.len() {
            assert!(
                decode(&v.bytes[..cut], &limits).is_err(),
                "{} cut at {cut}",
                v.id
            );
        }
        let mut longer = v.bytes.clone();
        longer.extend_from_slice(&[0; 8]);
        assert_eq!(
            decode(&longer, &limits),
            Err(DecodeError::TrailingBytes {
                offset: v.bytes.len()
            }),
            "{}",
            v.id
        );
    }
}

/// Flipping any single bit of a well-formed vector either is refused or
/// yields an item that re-encodes to exactly the flipped bytes (strictness).
#[test]
fn bit_flips_never_accept_non_canonical() {
    let limits = Limits::default();
    for v in load()
        .iter()
        .filter(|v| v.well_formed && v.bytes.len() <= 512)
    {
        for i in 0..v.bytes.len() {
            for bit in 0..8 {
                let mut b = v.bytes.clone();
                b[i] ^= 1 << bit;
                if let Ok(item) = decode(&b, &limits) {
                    assert_eq!(encode(&item), b, "{} byte {i} bit {bit}", v.id);
                }
            }
        }
    }
}
