//! Get in Key Format Type PKCS#12 against the real server: the private key with its certificate
//! chain under the password of the linked Secret Data, read back by OpenSSL when installed.

mod common;

use common::*;
use keyhaven_kmip::enums::{key_format_type as kft, link_type, object_type as ot, result_reason};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;
use rsa::pkcs8::EncodePrivateKey;

const V1_4: ProtocolVersion = ProtocolVersion::V1_4;

fn link(kind: u32, uid: &str) -> Item {
    attr_v1(
        "Link",
        Item::structure(
            0,
            vec![
                Item::enumeration(tag::LINK_TYPE, kind),
                Item::text(tag::LINKED_OBJECT_IDENTIFIER, uid),
            ],
        ),
    )
}

fn register_cert(c: &mut Conn, der: Vec<u8>, attrs: Vec<Item>) -> String {
    uid_of(&c.ok(
        V1_4,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::CERTIFICATE),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, attrs),
            Item::structure(
                tag::CERTIFICATE,
                vec![
                    Item::enumeration(tag::CERTIFICATE_TYPE, 1),
                    Item::bytes(tag::CERTIFICATE_VALUE, der),
                ],
            ),
        ],
    ))
}

fn register_key(c: &mut Conn, pkcs8: Vec<u8>, attrs: Vec<Item>) -> String {
    uid_of(&c.ok(
        V1_4,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::PRIVATE_KEY),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, attrs),
            Item::structure(
                tag::PRIVATE_KEY,
                vec![Item::structure(
                    tag::KEY_BLOCK,
                    vec![
                        Item::enumeration(tag::KEY_FORMAT_TYPE, kft::PKCS_8),
                        Item::structure(
                            tag::KEY_VALUE,
                            vec![Item::bytes(tag::KEY_MATERIAL, pkcs8)],
                        ),
                    ],
                )],
            ),
        ],
    ))
}

#[test]
fn get_pkcs12_returns_key_and_chain_under_the_linked_password() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);

    let password = uid_of(&c.ok(
        V1_4,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SECRET_DATA),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, vec![]),
            Item::structure(
                tag::SECRET_DATA,
                vec![
                    Item::enumeration(tag::SECRET_DATA_TYPE, 1),
                    Item::structure(
                        tag::KEY_BLOCK,
                        vec![
                            Item::enumeration(tag::KEY_FORMAT_TYPE, kft::OPAQUE),
                            Item::structure(
                                tag::KEY_VALUE,
                                vec![Item::bytes(tag::KEY_MATERIAL, b"s3cret pw".to_vec())],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ));
    let ca_kp = rcgen::KeyPair::generate().expect("key pair");
    let mut ca_params = rcgen::CertificateParams::new(vec![]).expect("params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Test CA");
    let ca = ca_params.self_signed(&ca_kp).expect("ca");
    let ee_kp = rcgen::KeyPair::generate().expect("key pair");
    let ee = rcgen::CertificateParams::new(vec!["ee.test".to_owned()])
        .expect("params")
        .signed_by(&ee_kp, &ca, &ca_kp)
        .expect("ee");
    let ca_uid = register_cert(&mut c, ca.der().to_vec(), vec![]);
    let ee_uid = register_cert(
        &mut c,
        ee.der().to_vec(),
        vec![link(link_type::CERTIFICATE_LINK, &ca_uid)],
    );

    let sk = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 1024).expect("rsa");
    let pkcs8 = sk.to_pkcs8_der().expect("pkcs8").as_bytes().to_vec();
    let key = register_key(
        &mut c,
        pkcs8.clone(),
        vec![
            link(link_type::PKCS_12_PASSWORD_LINK, &password),
            link(link_type::PKCS_12_CERTIFICATE_LINK, &ee_uid),
            attr_v1("PKCS#12 Friendly Name", Item::text(0, "mykey")),
        ],
    );
    let p = c.ok(
        V1_4,
        GET,
        vec![
            uid_item(&key),
            Item::enumeration(tag::KEY_FORMAT_TYPE, kft::PKCS_12),
        ],
    );
    let block = p
        .child(tag::PRIVATE_KEY)
        .and_then(|k| k.child(tag::KEY_BLOCK))
        .expect("key block");
    assert_eq!(
        block.child(tag::KEY_FORMAT_TYPE).and_then(Item::as_enum),
        Some(kft::PKCS_12)
    );
    let pfx = block
        .child(tag::KEY_VALUE)
        .and_then(Item::as_bytes)
        .expect("PKCS#12 bytes")
        .to_vec();

    // Without a password link: Invalid Field.
    let bare = register_key(&mut c, pkcs8, vec![]);
    let bi = c.call(
        V1_4,
        GET,
        vec![
            uid_item(&bare),
            Item::enumeration(tag::KEY_FORMAT_TYPE, kft::PKCS_12),
        ],
    );
    assert_eq!(result_reason(&bi), Some(result_reason::INVALID_FIELD));

    if std::process::Command::new("openssl")
        .arg("version")
        .output()
        .is_err()
    {
        eprintln!("openssl not installed: container contents not checked");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("f.p12");
    std::fs::write(&path, &pfx).expect("write");
    let out = std::process::Command::new("openssl")
        .args([
            "pkcs12",
            "-info",
            "-nodes",
            "-passin",
            "pass:s3cret pw",
            "-in",
        ])
        .arg(&path)
        .output()
        .expect("openssl");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "openssl refused the container: {stderr}\n{stdout}"
    );
    assert_eq!(stdout.matches("BEGIN CERTIFICATE").count(), 2, "{stdout}");
    assert!(stdout.contains("BEGIN PRIVATE KEY"), "{stdout}");
    assert!(stdout.contains("friendlyName: mykey"), "{stdout}");
    assert!(
        stdout.contains("subject=CN=Test CA") || stdout.contains("subject=CN = Test CA"),
        "{stdout}"
    );
}
