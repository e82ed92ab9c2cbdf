//! Fuzzes the parsers that take certificates and keys from clients and administrators: PEM/DER
//! certificate lists, certificate summaries, X.509 Certificate objects (Register), CSR signing
//! (`client sign-csr`), and private/public key material in PKCS#1, PKCS#8, X.509, ECPrivateKey,
//! transparent and PKCS#12 formats. The first byte picks the parser.
#![no_main]

use std::sync::OnceLock;

use keyhaven::crypto::asymmetric;
use keyhaven::pki;
use keyhaven_kmip::enums::{key_format_type as kft, object_type};
use keyhaven_kmip::object::ObjectContent;
use libfuzzer_sys::fuzz_target;
use zeroize::Zeroizing;

fn ca() -> &'static pki::CertAndKey {
    static CA: OnceLock<pki::CertAndKey> = OnceLock::new();
    CA.get_or_init(|| pki::generate_ca("fuzz CA").expect("CA"))
}

const FORMATS: &[u32] = &[
    kft::RAW,
    kft::PKCS_1,
    kft::PKCS_8,
    kft::X_509,
    kft::ECPRIVATEKEY,
    kft::TRANSPARENT_RSA_PRIVATE_KEY,
    kft::TRANSPARENT_RSA_PUBLIC_KEY,
    kft::TRANSPARENT_EC_PRIVATE_KEY,
    kft::TRANSPARENT_EC_PUBLIC_KEY,
    kft::TRANSPARENT_ECDSA_PRIVATE_KEY,
    kft::TRANSPARENT_ECDSA_PUBLIC_KEY,
    kft::PKCS_12,
];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    match sel % 6 {
        0 => {
            if let Ok(ders) = pki::parse_certificates(rest) {
                for d in ders {
                    let _ = pki::summarize(&d);
                }
            }
        }
        1 => {
            let _ = pki::summarize(rest);
            let _ = asymmetric::certificate_info(rest);
        }
        2 => {
            if let Ok(text) = std::str::from_utf8(rest) {
                let _ = pki::sign_csr(ca(), text, 30);
            }
        }
        s => {
            let format = FORMATS[usize::from(sel / 6) % FORMATS.len()];
            let ot = match s {
                3 => object_type::PRIVATE_KEY,
                4 => object_type::PUBLIC_KEY,
                _ => object_type::CERTIFICATE,
            };
            let mut content = ObjectContent {
                object_type: ot,
                format,
                material: Zeroizing::new(rest.to_vec()),
                algorithm: None,
                length: None,
                data_type: None,
            };
            match s {
                3 => {
                    let _ = asymmetric::parse_private(&content);
                }
                4 => {
                    let _ = asymmetric::parse_public(&content);
                }
                _ => {}
            }
            let _ = asymmetric::check_registered(&mut content);
        }
    }
});
