//! KMIP over HTTPS against the real server (`serve --https-listen`): POST /kmip with binary TTLV,
//! XML and JSON bodies on one kept-alive connection, the same tenants as port 5696, mutual TLS
//! required, and clear HTTP errors (checked before a body is read) for requests that are not KMIP.

mod common;

use std::io::{Read, Write};
use std::net::SocketAddr;

use common::*;
use keyhaven_kmip::enums::object_type as ot;
use keyhaven_kmip::{json, tag, xml, ProtocolVersion};
use keyhaven_ttlv::Item;

fn https_addr(server: &TestServer) -> SocketAddr {
    let ready = std::fs::read_to_string(server.dir.path().join("ready")).expect("ready file");
    ready
        .lines()
        .find_map(|l| l.strip_prefix("https="))
        .expect("https= line in the ready file")
        .parse()
        .expect("address")
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one HTTP response (Content-Length framed) from the connection.
fn read_response(c: &mut Conn) -> Response {
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        c.tls.read_exact(&mut b).expect("response head");
        head.push(b[0]);
    }
    let text = String::from_utf8(head).expect("utf8 head");
    let mut lines = text.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.parse().expect("length"))
        .expect("Content-Length");
    let mut body = vec![0u8; len];
    c.tls.read_exact(&mut body).expect("body");
    Response {
        status,
        headers,
        body,
    }
}

fn post(c: &mut Conn, content_type: &str, body: &[u8]) -> Response {
    let head = format!(
        "POST /kmip HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    c.tls.write_all(head.as_bytes()).expect("write");
    c.tls.write_all(body).expect("write");
    c.tls.flush().expect("flush");
    read_response(c)
}

fn raw(c: &mut Conn, text: &str) -> Response {
    c.tls.write_all(text.as_bytes()).expect("write");
    c.tls.flush().expect("flush");
    read_response(c)
}

fn only_item(resp: &Item) -> Item {
    let bi = batch_items(resp)
        .into_iter()
        .next()
        .expect("one batch item");
    assert_success(&bi);
    bi.child(tag::RESPONSE_PAYLOAD).cloned().expect("payload")
}

#[test]
fn kmip_over_https_in_ttlv_xml_and_json_with_the_same_tenants() {
    let server = TestServer::start_with(&["--https-listen", "127.0.0.1:0"]);
    let creds = server.issue("app", "default");
    let addr = https_addr(&server);
    let v = ProtocolVersion::V1_4;
    let mut h = Conn::connect(addr, &creds);

    // Binary TTLV: Create.
    let create = request(v, None, &[(CREATE, None, create_aes_v1(256))]);
    let r = post(
        &mut h,
        "application/octet-stream",
        &keyhaven_ttlv::encode(&create),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("application/octet-stream"));
    let resp = keyhaven_ttlv::decode(&r.body, &keyhaven_ttlv::Limits::default()).expect("TTLV");
    let uid = uid_of(&only_item(&resp));

    // XML, same connection: Get.
    let get = request(v, None, &[(GET, None, vec![uid_item(&uid)])]);
    let r = post(&mut h, "text/xml", xml::to_xml(&get).as_bytes());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("Content-Type"), Some("text/xml"));
    let resp = xml::from_xml(std::str::from_utf8(&r.body).expect("utf8")).expect("XML response");
    let key_xml = key_material(&only_item(&resp));
    assert_eq!(key_xml.len(), 32);

    // JSON (application/xml works too), same connection.
    let r = post(
        &mut h,
        "application/json; charset=utf-8",
        json::to_json(&get).as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    let resp = json::from_json(std::str::from_utf8(&r.body).expect("utf8")).expect("JSON response");
    assert_eq!(key_material(&only_item(&resp)), key_xml);
    let r = post(&mut h, "application/xml", xml::to_xml(&get).as_bytes());
    assert_eq!(r.status, 200);

    // The same key over port 5696 with the same client: one tenant, one store.
    let mut k = Conn::connect(server.addr, &creds);
    assert_eq!(key_material(&k.ok(v, GET, vec![uid_item(&uid)])), key_xml);

    // Another tenant's client does not see it over HTTPS either.
    admin(&server.data(), &["tenant", "create", "other"]);
    let other = server.issue("otherapp", "other");
    let mut o = Conn::connect(addr, &other);
    let r = post(
        &mut o,
        "application/octet-stream",
        &keyhaven_ttlv::encode(&get),
    );
    assert_eq!(r.status, 200);
    let resp = keyhaven_ttlv::decode(&r.body, &keyhaven_ttlv::Limits::default()).expect("TTLV");
    let bi = batch_items(&resp).into_iter().next().expect("batch item");
    assert_eq!(
        result_reason(&bi),
        Some(0x01),
        "Item Not Found in another tenant"
    );

    // A client without a certificate does not get through the handshake.
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    {
        use rustls_pki_types::pem::PemObject;
        for cert in rustls_pki_types::CertificateDer::pem_slice_iter(&creds.ca_pem) {
            roots.add(cert.expect("ca")).expect("root");
        }
    }
    let anonymous = std::sync::Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_root_certificates(roots)
            .with_no_client_auth(),
    );
    let refused = Conn::try_connect(addr, anonymous).and_then(|mut c| {
        c.tls
            .write_all(b"POST /kmip HTTP/1.1\r\nContent-Length: 0\r\n\r\n")?;
        c.tls.flush()?;
        let mut b = [0u8; 1];
        match c.tls.read(&mut b) {
            Ok(0) => Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        }
    });
    assert!(
        refused.is_err(),
        "a client without a certificate was served"
    );
}

#[test]
fn http_errors_are_clear_and_checked_before_the_body() {
    let server = TestServer::start_with(&[
        "--https-listen",
        "127.0.0.1:0",
        "--max-message-bytes",
        "4096",
    ]);
    let creds = server.issue("app", "default");
    let addr = https_addr(&server);
    let status = |text: &str| {
        let mut c = Conn::connect(addr, &creds);
        let r = raw(&mut c, text);
        (r.status, String::from_utf8_lossy(&r.body).into_owned())
    };
    let (s, m) = status("GET /kmip HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(s, 405, "{m}");
    let (s, _) =
        status("POST /other HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(s, 404);
    let (s, m) =
        status("POST /kmip HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx");
    assert_eq!(s, 415);
    assert!(m.contains("application/json"), "{m}");
    let (s, _) = status("POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\n\r\n");
    assert_eq!(s, 411);
    let (s, _) = status(
        "POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n",
    );
    assert_eq!(s, 411);
    // Too large: refused from the header alone (the body is never sent).
    let (s, m) = status(
        "POST /kmip HTTP/1.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000000\r\n\r\n",
    );
    assert_eq!(s, 413);
    assert!(m.contains("4096"), "{m}");

    // Unreadable XML and JSON bodies: 400, and the connection stays usable.
    let mut c = Conn::connect(addr, &creds);
    let r = post(&mut c, "text/xml", b"<RequestMessage><Nope>");
    assert_eq!(r.status, 400);
    let r = post(&mut c, "application/json", b"{\"tag\": 1");
    assert_eq!(r.status, 400);
    let deep = format!("{}{}", "<Attribute>".repeat(60), "</Attribute>".repeat(60));
    let r = post(&mut c, "text/xml", deep.as_bytes());
    assert_eq!(r.status, 400);
    assert!(String::from_utf8_lossy(&r.body).contains("deep"));
    // A KMIP-level failure is a KMIP answer with status 200.
    let get = request(
        ProtocolVersion::V2_1,
        None,
        &[(GET, None, vec![uid_item("no-such-key")])],
    );
    let r = post(&mut c, "application/json", json::to_json(&get).as_bytes());
    assert_eq!(r.status, 200);
    let resp = json::from_json(std::str::from_utf8(&r.body).expect("utf8")).expect("json");
    let bi = batch_items(&resp).into_iter().next().expect("batch item");
    assert_eq!(result_status(&bi), 1, "Operation Failed");
    // Query lists the asymmetric object types.
    let q = request(
        ProtocolVersion::V1_4,
        None,
        &[(
            QUERY,
            None,
            vec![Item::enumeration(
                tag::QUERY_FUNCTION,
                keyhaven_kmip::enums::query_function::QUERY_OBJECTS,
            )],
        )],
    );
    let r = post(
        &mut c,
        "application/octet-stream",
        &keyhaven_ttlv::encode(&q),
    );
    let resp = keyhaven_ttlv::decode(&r.body, &keyhaven_ttlv::Limits::default()).expect("TTLV");
    let types: Vec<u32> = only_item(&resp)
        .children(tag::OBJECT_TYPE)
        .filter_map(Item::as_enum)
        .collect();
    for t in [ot::PUBLIC_KEY, ot::PRIVATE_KEY, ot::CERTIFICATE] {
        assert!(types.contains(&t), "{types:?}");
    }
}
