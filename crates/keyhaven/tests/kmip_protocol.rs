//! Interop: NLnet Labs' `kmip-protocol` crate (Rust, BSD-3-Clause, a dev-dependency), a third-party
//! KMIP client written from the 1.0-1.2 specifications, driving the real server over mutual TLS.
//! It speaks KMIP 1.2 (its default) through a rustls stream made here, and exercises everything it
//! offers: Discover Versions, Query, Create, Register, Get, Get Attributes, Get Attribute List,
//! Add / Modify / Delete Attribute, Locate, Activate, Revoke, Destroy, Create Key Pair (RSA), Sign,
//! RNG Retrieve.

#[allow(unused_imports)]
mod common;

use std::net::TcpStream;
use std::time::Duration;

use kmip_protocol::client::{Client, ClientBuilder, Error as ClientError};
use kmip_protocol::types::common::{
    AttributeName, AttributeValue, CryptographicAlgorithm, CryptographicLength,
    CryptographicUsageMask, KeyFormatType, KeyMaterial, ObjectType, Operation,
    RevocationReasonCode, UniqueIdentifier,
};
use kmip_protocol::types::request::{
    Attribute, KeyBlock, KeyValue, ManagedObject, QueryFunction, RequestPayload, RevocationReason,
    SymmetricKey, TemplateAttribute,
};
use kmip_protocol::types::response::{ManagedObject as GotObject, ResponsePayload};

use common::{Creds, TestServer};

type Tls = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

fn connect(server: &TestServer, creds: &Creds) -> Client<Tls> {
    let tcp = TcpStream::connect(server.addr).expect("connect");
    tcp.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let cfg = creds.client_config(&[&rustls::version::TLS13, &rustls::version::TLS12]);
    let name = rustls_pki_types::ServerName::try_from("localhost").expect("name");
    let conn = rustls::ClientConnection::new(cfg, name).expect("client connection");
    ClientBuilder::new(rustls::StreamOwned::new(conn, tcp)).build()
}

fn run(client: &Client<Tls>, payload: RequestPayload) -> ResponsePayload {
    let what = format!("{:?}", payload.operation());
    client
        .do_request(payload)
        .unwrap_or_else(|e| panic!("{what} failed: {e}"))
}

fn text(name: &str, value: &str) -> Attribute {
    Attribute(
        AttributeName(name.to_string()),
        None,
        AttributeValue::TextString(value.to_string()),
    )
}

fn uid(id: &str) -> Option<UniqueIdentifier> {
    Some(UniqueIdentifier(id.to_string()))
}

fn create_aes(client: &Client<Tls>, name: &str) -> String {
    let resp = run(
        client,
        RequestPayload::Create(
            ObjectType::SymmetricKey,
            TemplateAttribute::unnamed(vec![
                Attribute::CryptographicAlgorithm(CryptographicAlgorithm::AES),
                Attribute::CryptographicLength(256),
                Attribute::CryptographicUsageMask(CryptographicUsageMask::Encrypt),
                Attribute::Name(name.to_string()),
            ]),
        ),
    );
    match resp {
        ResponsePayload::Create(p) => {
            assert_eq!(p.object_type, ObjectType::SymmetricKey);
            p.unique_identifier.0
        }
        other => panic!("Create answered {other:?}"),
    }
}

fn material(client: &Client<Tls>, id: &str) -> Vec<u8> {
    match run(client, RequestPayload::Get(uid(id), None, None, None)) {
        ResponsePayload::Get(p) => {
            assert_eq!(p.unique_identifier.0, id);
            match p.cryptographic_object {
                GotObject::SymmetricKey(k) => match k.key_block.key_value.key_material {
                    KeyMaterial::Bytes(b) => b,
                    other => panic!("key material {other:?}"),
                },
                _ => panic!("Get {id}: not a symmetric key"),
            }
        }
        other => panic!("Get answered {other:?}"),
    }
}

fn locate_by_name(client: &Client<Tls>, name: &str) -> Vec<String> {
    match run(
        client,
        RequestPayload::Locate(vec![Attribute::Name(name.to_string())]),
    ) {
        ResponsePayload::Locate(p) => p.unique_identifiers.into_iter().map(|u| u.0).collect(),
        other => panic!("Locate answered {other:?}"),
    }
}

fn attribute_names(client: &Client<Tls>, id: &str) -> Vec<String> {
    match run(client, RequestPayload::GetAttributeList(uid(id))) {
        ResponsePayload::GetAttributeList(p) => p.attributes.into_iter().map(|a| a.0).collect(),
        other => panic!("Get Attribute List answered {other:?}"),
    }
}

fn text_attribute(client: &Client<Tls>, id: &str, name: &str) -> Option<String> {
    let resp = run(
        client,
        RequestPayload::GetAttributes(uid(id), Some(vec![AttributeName(name.to_string())])),
    );
    let ResponsePayload::GetAttributes(p) = resp else {
        panic!("Get Attributes answered {resp:?}");
    };
    p.attributes.unwrap_or_default().into_iter().find_map(|a| {
        (a.name.0 == name).then_some(a.value).and_then(|v| match v {
            AttributeValue::TextString(t) => Some(t),
            _ => None,
        })
    })
}

#[test]
fn kmip_protocol_crate_drives_the_symmetric_key_lifecycle() {
    let server = TestServer::start();
    let creds = server.issue("nlnet", "default");
    let client = connect(&server, &creds);

    // Discover Versions and Query.
    match run(&client, RequestPayload::DiscoverVersions(vec![])) {
        ResponsePayload::DiscoverVersions(p) => {
            let got: Vec<(i32, i32)> = p
                .supported_versions
                .unwrap_or_default()
                .iter()
                .map(|v| (v.major, v.minor))
                .collect();
            assert!(got.contains(&(1, 2)), "{got:?}");
            assert_eq!(got.first(), Some(&(2, 1)), "newest first: {got:?}");
        }
        other => panic!("Discover Versions answered {other:?}"),
    }
    let q = client.query().expect("Query");
    let ops = q.operations.unwrap_or_default();
    for want in [
        Operation::Create,
        Operation::Get,
        Operation::Locate,
        Operation::Destroy,
    ] {
        assert!(ops.contains(&want), "Query lacks {want:?}: {ops:?}");
    }

    // Create, Get (same bytes twice), Locate by name, Get Attribute List.
    let name = format!("nlnet-{}", std::process::id());
    let id = create_aes(&client, &name);
    let key = material(&client, &id);
    assert_eq!(key.len(), 32);
    assert_eq!(material(&client, &id), key);
    assert_eq!(locate_by_name(&client, &name), vec![id.clone()]);
    let names = attribute_names(&client, &id);
    for want in [
        "Unique Identifier",
        "Object Type",
        "Cryptographic Algorithm",
        "Cryptographic Length",
        "State",
        "Name",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }

    // Custom attribute: add, modify, delete.
    let x = "x-nlnet-purpose";
    run(
        &client,
        RequestPayload::AddAttribute(uid(&id), text(x, "backup")),
    );
    assert_eq!(text_attribute(&client, &id, x).as_deref(), Some("backup"));
    run(
        &client,
        RequestPayload::ModifyAttribute(uid(&id), text(x, "archive")),
    );
    assert_eq!(text_attribute(&client, &id, x).as_deref(), Some("archive"));
    run(
        &client,
        RequestPayload::DeleteAttribute(uid(&id), AttributeName(x.to_string()), None),
    );
    assert_eq!(text_attribute(&client, &id, x), None);

    // Activate, Revoke, Destroy through the crate's own helpers; then the key is gone.
    client.activate_key(&id).expect("Activate");
    assert!(
        common::admin(&server.data(), &["key", "show", &id]).contains("Active"),
        "not Active after Activate"
    );
    client.revoke_key(&id).expect("Revoke");
    client.destroy_key(&id).expect("Destroy");
    assert!(locate_by_name(&client, &name).is_empty());
    match client.get_key(&id) {
        Err(ClientError::ItemNotFound(_)) => {}
        other => panic!("Get of a destroyed key: {other:?}"),
    }
    // The connection is still usable after the refusal.
    assert!(client.query().is_ok());
}

#[test]
fn kmip_protocol_crate_registers_signs_and_draws_random_bytes() {
    let server = TestServer::start();
    let creds = server.issue("nlnet", "default");
    let client = connect(&server, &creds);

    // Register a symmetric key it made itself; Get returns the same bytes.
    let mine: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(7)).collect();
    let resp = run(
        &client,
        RequestPayload::Register(
            ObjectType::SymmetricKey,
            TemplateAttribute::unnamed(vec![
                Attribute::CryptographicUsageMask(CryptographicUsageMask::Encrypt),
                Attribute::Name("nlnet-registered".into()),
            ]),
            Some(ManagedObject::SymmetricKey(SymmetricKey(KeyBlock(
                KeyFormatType::Raw,
                None,
                Some(KeyValue(KeyMaterial::Bytes(mine.clone()), None)),
                Some(CryptographicAlgorithm::AES),
                Some(CryptographicLength(256)),
                None,
            )))),
        ),
    );
    let ResponsePayload::Register(reg) = resp else {
        panic!("Register answered {resp:?}");
    };
    assert_eq!(material(&client, &reg.unique_identifier.0), mine);

    // RSA key pair, Sign with the private key, verify the signature here.
    let (private_id, public_id) = client
        .create_rsa_key_pair(2048, "nlnet-private".into(), "nlnet-public".into())
        .expect("Create Key Pair");
    assert_ne!(private_id, public_id);
    client
        .activate_key(&private_id)
        .expect("Activate private key");
    let data = b"signed by the kmip-protocol crate";
    let sig = client.sign(&private_id, data).expect("Sign");
    assert_eq!(sig.unique_identifier.0, private_id);
    assert_eq!(sig.signature_data.len(), 256, "RSA-2048 signature");

    // RNG Retrieve: the length asked for, and not the same bytes twice.
    let a = client.rng_retrieve(32).expect("RNG Retrieve").data;
    let b = client.rng_retrieve(32).expect("RNG Retrieve").data;
    assert_eq!(a.len(), 32);
    assert_ne!(a, b);

    // Query with an explicit function list works too.
    match run(
        &client,
        RequestPayload::Query(vec![QueryFunction::QueryObjects]),
    ) {
        ResponsePayload::Query(p) => {
            let objects = p.object_types.unwrap_or_default();
            assert!(objects.contains(&ObjectType::SymmetricKey), "{objects:?}");
        }
        other => panic!("Query answered {other:?}"),
    }

    // Revoke with an explicit reason (not the crate's helper's default).
    run(
        &client,
        RequestPayload::Revoke(
            uid(&private_id),
            RevocationReason(RevocationReasonCode::KeyCompromise, None),
            None,
        ),
    );
    assert!(common::admin(&server.data(), &["key", "show", &private_id]).contains("Compromised"));
}
