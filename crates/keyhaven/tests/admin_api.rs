//! The admin HTTPS API (`serve --admin-listen`) against the real binary over real TLS: the
//! OpenAPI document served equals docs/admin-api.json; password login with session cookie flags,
//! CSRF and lockout; roles (a viewer cannot revoke, an operator cannot destroy); an admin
//! certificate; key search by VM name, revoke and restore seen by a KMIP client; trust through a
//! signed CSR used for a KMIP connection; tenant limits; audit with the admin's name, CSV export.

#[path = "common/admin_http.rs"]
mod admin_http;
mod common;

use admin_http::{create_user, encrypts, vm_key, AdminClient};
use common::*;
use keyhaven_kmip::ProtocolVersion;

const V1_1: ProtocolVersion = ProtocolVersion::V1_1;

#[test]
fn admin_api_end_to_end() {
    // A generous handshake and read timeout: the machine running the tests may be busy.
    let server =
        TestServer::start_with(&["--admin-listen", "127.0.0.1:0", "--read-timeout-secs", "60"]);
    create_user(&server, "alice", "admin", "alice-password-123");
    create_user(&server, "olga", "operator", "olga-password-1234");
    create_user(&server, "victor", "viewer", "victor-password-12");
    admin(&server.data(), &["tenant", "create", "blue"]);
    let f = server.dir.path().join("pw-bella");
    std::fs::write(&f, "bella-password-123\n").expect("pw");
    admin(
        &server.data(),
        &[
            "admin",
            "create-user",
            "--name",
            "bella",
            "--role",
            "operator",
            "--tenant",
            "blue",
            "--password-file",
            f.to_str().expect("utf8"),
        ],
    );

    // The OpenAPI document served is the one in the repository.
    let anon = AdminClient::anonymous(&server);
    let doc = anon.get("/api/v1/openapi.json");
    assert_eq!(doc.status, 200);
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/admin-api.json"
    ))
    .expect("docs/admin-api.json");
    assert_eq!(doc.text(), file);
    // Security headers on every response.
    let csp = doc.header("content-security-policy").expect("CSP");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );

    // Not logged in: 401. Wrong password: 401.
    assert_eq!(anon.get("/api/v1/keys").status, 401);
    let mut alice = AdminClient::anonymous(&server);
    assert_eq!(alice.login("alice", "wrong-password-000").status, 401);
    let ok = alice.login("alice", "alice-password-123");
    assert_eq!(ok.status, 200, "{}", ok.text());
    let cookie = ok.header("set-cookie").expect("cookie");
    for flag in ["Secure", "HttpOnly", "SameSite=Strict"] {
        assert!(cookie.contains(flag), "{cookie}");
    }

    // A VM's key, found by its name.
    let creds = server.issue("vcenter", "default");
    let mut kmip = Conn::connect(server.addr, &creds);
    let uid = vm_key(&mut kmip, "web-01");
    vm_key(&mut kmip, "db-07");
    let found = alice.get("/api/v1/keys?name=WEB").json();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["keys"][0]["uid"], uid.as_str());
    assert_eq!(found["keys"][0]["x-Name"], "web-01");
    let by_tag = alice.get("/api/v1/keys?x-Name=db-07&state=Active").json();
    assert_eq!(by_tag["total"], 1, "{by_tag}");
    let page = alice.get("/api/v1/keys?limit=1&offset=1").json();
    assert_eq!(
        (
            page["total"].as_u64(),
            page["keys"].as_array().map(Vec::len)
        ),
        (Some(2), Some(1))
    );
    assert_eq!(page["total_exact"], true, "{page}");
    assert_eq!(alice.get("/api/v1/keys?count=exact").json()["total"], 2);
    assert_eq!(alice.get("/api/v1/keys?count=some").status, 400);
    assert_eq!(alice.get("/api/v1/keys?state=Bogus").status, 400);

    // CSRF: a session's change without the token is refused.
    let path = format!("/api/v1/keys/{uid}/revoke");
    let no_csrf = alice.raw("POST", &path, Some(&serde_json::json!({})), false);
    assert_eq!(no_csrf.status, 403, "{}", no_csrf.text());
    assert!(encrypts(&mut kmip, &uid));

    // A viewer cannot revoke; an operator can; KMIP clients then cannot use the key.
    let mut victor = AdminClient::anonymous(&server);
    assert_eq!(victor.login("victor", "victor-password-12").status, 200);
    assert_eq!(victor.get("/api/v1/keys").status, 200);
    let refused = victor.post(&path, &serde_json::json!({"reason": "superseded"}));
    assert_eq!(refused.status, 403, "{}", refused.text());
    let mut olga = AdminClient::anonymous(&server);
    assert_eq!(olga.login("olga", "olga-password-1234").status, 200);
    let revoked = olga.post(&path, &serde_json::json!({"reason": "superseded"}));
    assert_eq!(revoked.status, 200, "{}", revoked.text());
    assert_eq!(revoked.json()["state"], "Deactivated");
    assert!(!encrypts(&mut kmip, &uid), "a revoked key must not encrypt");
    // An operator cannot destroy; restore brings the key back.
    let d = olga.post(
        &format!("/api/v1/keys/{uid}/destroy"),
        &serde_json::json!({}),
    );
    assert_eq!(d.status, 403, "{}", d.text());
    let r = olga.post(
        &format!("/api/v1/keys/{uid}/restore"),
        &serde_json::json!({}),
    );
    assert_eq!(r.json()["state"], "Active", "{}", r.text());
    assert!(encrypts(&mut kmip, &uid));
    let got = kmip.call(V1_1, GET, vec![uid_item(&uid)]);
    assert_eq!(result_status(&got), 0);

    // Detail with history naming the administrators.
    let detail = alice.get(&format!("/api/v1/keys/{uid}")).json();
    let ops: Vec<(String, String)> = detail["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| {
            (
                h["operation"].as_str().unwrap_or("").to_owned(),
                h["actor"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        ops.contains(&("AdminRevoke".into(), "admin:olga@api".into())),
        "{ops:?}"
    );
    assert!(
        ops.contains(&("AdminRestore".into(), "admin:olga@api".into())),
        "{ops:?}"
    );
    assert!(detail["attributes"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x["name"] == "x-Name")));

    // Sign a CSR; the certificate opens a KMIP connection.
    let key = rcgen::KeyPair::generate().expect("key");
    let csr = rcgen::CertificateParams::new(vec!["vc.example.com".into()])
        .expect("params")
        .serialize_request(&key)
        .expect("csr")
        .pem()
        .expect("pem");
    let signed = olga.post(
        "/api/v1/clients/sign-csr",
        &serde_json::json!({"name": "vc-csr", "tenant": "default", "pem": csr}),
    );
    assert_eq!(signed.status, 201, "{}", signed.text());
    let s = signed.json();
    let vc = Creds {
        cert_pem: s["certificate"].as_str().expect("cert").as_bytes().to_vec(),
        key_pem: key.serialize_pem().into_bytes(),
        ca_pem: s["ca"].as_str().expect("ca").as_bytes().to_vec(),
    };
    let mut c2 = Conn::connect(server.addr, &vc);
    let got = c2.call(V1_1, GET, vec![uid_item(&uid)]);
    assert_eq!(result_status(&got), 0, "the signed certificate is trusted");
    let dup = olga.post(
        "/api/v1/clients/sign-csr",
        &serde_json::json!({"name": "vc-csr", "tenant": "default", "pem": csr}),
    );
    assert_eq!(dup.status, 409);
    let clients = alice.get("/api/v1/clients").json();
    assert!(clients
        .as_array()
        .expect("list")
        .iter()
        .any(|c| c["name"] == "vc-csr" && c["not_after_ts"].is_i64()));

    // A tenant-limited operator sees only its tenant and cannot reach others' keys.
    let mut bella = AdminClient::anonymous(&server);
    assert_eq!(bella.login("bella", "bella-password-123").status, 200);
    assert_eq!(bella.get("/api/v1/keys").json()["total"], 0);
    assert_eq!(bella.get(&format!("/api/v1/keys/{uid}")).status, 404);
    assert_eq!(bella.post(&path, &serde_json::json!({})).status, 404);
    let tenants = bella.get("/api/v1/tenants").json();
    assert_eq!(tenants.as_array().map(Vec::len), Some(1), "{tenants}");

    // An admin certificate authenticates without a password or CSRF token.
    let out = server.dir.path().join("ops-cert");
    admin(
        &server.data(),
        &[
            "admin",
            "issue",
            "--name",
            "robot",
            "--role",
            "viewer",
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    let robot_creds = Creds::load(
        &out.join("robot.crt"),
        &out.join("robot.key"),
        &out.join("ca.crt"),
    );
    let robot = AdminClient::with_cert(&server, &robot_creds);
    let me = robot.get("/api/v1/session").json();
    assert_eq!(
        (me["user"].as_str(), me["authenticated_by"].as_str()),
        (Some("robot"), Some("certificate"))
    );
    assert_eq!(
        robot.post(&path, &serde_json::json!({})).status,
        403,
        "a viewer certificate cannot revoke"
    );
    // A KMIP client certificate is not an admin certificate.
    assert_eq!(
        AdminClient::with_cert(&server, &creds)
            .get("/api/v1/keys")
            .status,
        401
    );

    // Server facts and the audit trail, with CSV export.
    let info = alice.get("/api/v1/server").json();
    assert_eq!(info["ready"], true, "{info}");
    assert!(info["certificates"]
        .as_array()
        .is_some_and(|c| c.len() == 2));
    let audit = alice.get("/api/v1/audit?actor=admin:olga&limit=50").json();
    assert!(audit
        .as_array()
        .expect("audit")
        .iter()
        .all(|r| r["actor"].as_str().is_some_and(|a| a.contains("olga"))));
    assert!(audit
        .as_array()
        .expect("audit")
        .iter()
        .any(|r| r["operation"] == "AdminSignCsr"));
    let csv = alice.get("/api/v1/audit.csv?operation=AdminRevoke");
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(
        csv.text().starts_with("at,tenant,actor,operation"),
        "{}",
        csv.text()
    );
    assert!(csv.text().contains("admin:olga@api"));

    // Logout ends the session.
    assert_eq!(alice.request("POST", "/api/v1/logout", None).status, 204);
    assert_eq!(alice.get("/api/v1/keys").status, 401);

    // Lockout: after five wrong passwords even the right one is refused.
    let mut mallory = AdminClient::anonymous(&server);
    for _ in 0..4 {
        assert_eq!(mallory.login("victor", "not-the-password-1").status, 401);
    }
    assert_eq!(mallory.login("victor", "not-the-password-1").status, 429);
    let locked = mallory.login("victor", "victor-password-12");
    assert_eq!(locked.status, 429, "{}", locked.text());
    assert!(locked.text().contains("locked"));

    // No secret in the log: passwords and the session never appear.
    let log = server.log_text();
    for secret in [
        "alice-password-123",
        "olga-password-1234",
        "victor-password-12",
    ] {
        assert!(!log.contains(secret), "the log holds a password");
    }
}

#[test]
fn metrics_count_requests_handshakes_and_refusals() {
    let server = TestServer::start_with(&[
        "--health-listen",
        "127.0.0.1:0",
        "--log-format",
        "json",
        "--log",
        "info",
    ]);
    let ready = std::fs::read_to_string(server.dir.path().join("ready")).expect("ready");
    let _ = ready;
    let health = health_addr(&server);
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let uid = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    c.ok(V1_1, GET, vec![uid_item(&uid)]);
    let missing = c.call(V1_1, GET, vec![uid_item("no-such-key")]);
    assert_ne!(result_status(&missing), 0);
    // An unknown client: a self-signed certificate no tenant trusts.
    let stranger = rcgen::generate_simple_self_signed(vec!["stranger".into()]).expect("cert");
    let unknown = Creds {
        cert_pem: stranger.cert.pem().into_bytes(),
        key_pem: stranger.key_pair.serialize_pem().into_bytes(),
        ca_pem: creds.ca_pem.clone(),
    };
    let mut u = Conn::connect(server.addr, &unknown);
    let r = u.call(V1_1, GET, vec![uid_item(&uid)]);
    assert_ne!(result_status(&r), 0);
    // Not TLS at all.
    {
        use std::io::Write;
        let mut t = std::net::TcpStream::connect(server.addr).expect("tcp");
        let _ = t.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut b = [0u8; 64];
        let _ = std::io::Read::read(&mut t, &mut b);
    }
    let text = http_get(health, "/metrics");
    let line = |prefix: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no metric {prefix} in:\n{text}"))
    };
    assert_eq!(line("keyhaven_kmip_requests_total{operation=\"Create\",result=\"success\",tenant=\"default\"}"), 1.0);
    assert_eq!(
        line(
            "keyhaven_kmip_requests_total{operation=\"Get\",result=\"success\",tenant=\"default\"}"
        ),
        1.0
    );
    assert_eq!(line("keyhaven_kmip_requests_total{operation=\"Get\",result=\"ObjectNotFound\",tenant=\"default\"}"), 1.0);
    assert!(line("keyhaven_kmip_request_duration_seconds_count{operation=\"Get\"}") >= 2.0);
    assert!(line("keyhaven_tls_handshakes_total{result=\"full\",reason=\"\"}") >= 2.0);
    assert_eq!(
        line("keyhaven_tls_handshakes_total{result=\"failed\",reason=\"not_tls\"}"),
        1.0
    );
    assert_eq!(
        line("keyhaven_unknown_clients_total{reason=\"not_trusted\"}"),
        1.0
    );
    assert!(line("keyhaven_open_connections{listener=\"kmip\"}") >= 2.0);
    assert!(line("keyhaven_store_call_duration_seconds_count{call=\"insert_object\"}") >= 1.0);
    assert!(
        line("keyhaven_rootkey_call_duration_seconds_count{provider=\"local\",call=\"unwrap\"}")
            >= 1.0
    );
    assert!(line("keyhaven_certificate_expiry_timestamp_seconds{kind=\"ca\"") > 1.7e9);
    assert!(text
        .contains("keyhaven_certificate_expiry_timestamp_seconds{kind=\"client\",name=\"app\"}"));
    assert!(text.contains("keyhaven_audit_backlog "));

    // Refusals are logged at info, as JSON lines, with the peer and an actionable reason.
    let log = server.log_text();
    let refusals: Vec<serde_json::Value> = log
        .lines()
        .filter(|l| l.starts_with('{'))
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|v: &serde_json::Value| v["level"] == "INFO" && v["fields"]["peer"].is_string())
        .collect();
    assert!(
        refusals.iter().any(|v| v["fields"]["reason"] == "not_tls"),
        "{log}"
    );
    assert!(
        refusals
            .iter()
            .any(|v| v["fields"]["reason"] == "not_trusted"
                && v["fields"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("keyhaven client trust-cert"))),
        "{log}"
    );
    assert!(
        !log.contains("\u{1b}["),
        "no colour codes when the output is not a terminal"
    );
}

fn health_addr(server: &TestServer) -> std::net::SocketAddr {
    // The health listener's address is logged at start.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let log = server.log_text();
        if let Some(a) = log
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find_map(|v| {
                v["fields"]["addr"]
                    .as_str()
                    .filter(|_| {
                        v["fields"]["message"]
                            .as_str()
                            .is_some_and(|m| m.contains("health"))
                    })
                    .map(str::to_owned)
            })
        {
            return a.parse().expect("addr");
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no health address in the log: {log}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn http_get(addr: std::net::SocketAddr, path: &str) -> String {
    use std::io::{Read, Write};
    let mut t = std::net::TcpStream::connect(addr).expect("health");
    write!(t, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
    let mut s = String::new();
    t.read_to_string(&mut s).expect("read");
    s.split_once("\r\n\r\n")
        .map(|x| x.1.to_owned())
        .unwrap_or_default()
}

/// A data directory from before schema version 7 kept its administrators in `admins.json`: at
/// `serve` (or any `admin` command) they move into the store, the file renamed `.imported`, and
/// log in as before. A file found later adds only the administrators the store does not know.
#[test]
fn administrators_file_of_an_older_release_is_imported() {
    let admin_listen = ["--admin-listen", "127.0.0.1:0"];
    let mut server = TestServer::start_with(&admin_listen);
    server.kill();
    let data = server.data();
    let legacy = |users: serde_json::Value| {
        std::fs::write(
            data.join("admins.json"),
            serde_json::json!({"users": users, "certs": []}).to_string(),
        )
        .expect("write admins.json");
    };
    let user = |name: &str, role: &str, pw: &str| {
        serde_json::json!({"name": name, "role": role, "created_at": 1_700_000_000,
            "password_hash": keyhaven::admin::registry::hash_password(pw).expect("hash")})
    };
    legacy(serde_json::json!([user(
        "olga",
        "admin",
        "legacy-password-42"
    )]));
    server.spawn(&admin_listen);
    assert!(!server.data().join("admins.json").exists());
    assert!(server.data().join("admins.json.imported").exists());
    let mut c = AdminClient::anonymous(&server);
    assert_eq!(c.login("olga", "legacy-password-42").status, 200);

    // Another file (say, copied from another node): only the unknown administrator is added.
    legacy(serde_json::json!([
        user("olga", "viewer", "other-password-42"),
        user("pavel", "viewer", "pavel-password-42")
    ]));
    let list: serde_json::Value =
        serde_json::from_str(&admin(&server.data(), &["admin", "list", "--json"])).expect("json");
    let roles: Vec<(String, String)> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap_or("").into(),
                r["role"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("olga".into(), "admin".into()),
            ("pavel".into(), "viewer".into())
        ]
    );
    let mut p = AdminClient::anonymous(&server);
    assert_eq!(p.login("pavel", "pavel-password-42").status, 200);
}
