//! Root keys in IBM Key Protect, against the in-repository double of its published API
//! (tests/cloud/keyprotect_double.py: HTTPS, IAM token endpoint, strict headers, real AES-GCM;
//! IBM offers no emulator), through the real keyhaven binary over mutual TLS.
//!
//! The server's service ID has the Reader role only; the administrator's commands (create,
//! rotate, disable, enable) run with a Manager's API key in the same environment variable. The
//! mirror (a second test) writes with a service ID that has Writer.

mod cloud_common;
mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cloud_common::*;
use common::*;

const INSTANCE: &str = "0f3c8b5e-1234-4d6a-9a8b-6c1e2f3a4b5c";
const ADMIN_KEY: &str = "kh-test-manager-apikey";
const SERVER_KEY: &str = "kh-test-reader-apikey";
const MIRROR_KEY: &str = "kh-test-mirror-writer-apikey";

struct Double {
    _proc: Proc,
    port: u16,
    control: u16,
    dir: tempfile::TempDir,
}

impl Double {
    fn start() -> Double {
        let dir = tempfile::tempdir().expect("tempdir");
        let (port, control) = (free_port(), free_port());
        let keys = format!(
            "{{\"{ADMIN_KEY}\": \"Manager\", \"{SERVER_KEY}\": \"Reader\", \"{MIRROR_KEY}\": \"Writer\"}}"
        );
        let script = repo_root().join("tests/cloud/keyprotect_double.py");
        let mut child = Command::new(venv_bin("python"))
            .arg(script)
            .args([
                "--port",
                &port.to_string(),
                "--control-port",
                &control.to_string(),
            ])
            .args(["--instance", INSTANCE, "--apikeys", &keys])
            .arg("--cert-dir")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the Key Protect double");
        wait_port(port, &mut child, "Key Protect double");
        wait_port(control, &mut child, "Key Protect double control");
        Double {
            _proc: Proc(Some(child)),
            port,
            control,
            dir,
        }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    fn ca(&self) -> String {
        self.dir
            .path()
            .join("ca.pem")
            .to_str()
            .expect("utf8")
            .to_owned()
    }

    /// Sends a test-control request (plain HTTP on 127.0.0.1); returns the JSON answer.
    fn control(&self, body: &str) -> serde_json::Value {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.control)).expect("control");
        let method = if body.is_empty() { "GET" } else { "POST" };
        write!(
            s,
            "{method} /control HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).expect("read");
        let json = out.split("\r\n\r\n").nth(1).expect("body");
        serde_json::from_str(json).expect("control json")
    }
}

fn serve(s: &mut TestServer) {
    spawn_env(
        s,
        &[("KH_KP_APIKEY", SERVER_KEY)],
        &["--root-key-check-secs", "1", "--root-key-grace-secs", "4"],
    );
}

#[test]
fn keyprotect_tenant_lifecycle_on_the_api_double() {
    let kp = Double::start();
    let mut server = new_server();
    let data = server.data();
    std::fs::create_dir_all(&data).expect("data dir");
    let admin_env_kp = [("KH_KP_APIKEY", ADMIN_KEY)];
    let server_env = [("KH_KP_APIKEY", SERVER_KEY)];
    let url = kp.url();
    let ca = kp.ca();
    let add = |name: &str, env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec![
            "provider",
            "add-keyprotect",
            "--name",
            name,
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--instance-id",
            INSTANCE,
            "--api-key-env",
            "KH_KP_APIKEY",
            "--ca-file",
            &ca,
        ];
        args.extend_from_slice(extra);
        admin_env(&data, env, &args)
    };
    // Without the CA the endpoint's certificate is refused: nothing saved.
    let err = admin_env(
        &data,
        &server_env,
        &[
            "provider",
            "add-keyprotect",
            "--name",
            "kp",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--instance-id",
            INSTANCE,
            "--api-key-env",
            "KH_KP_APIKEY",
        ],
    )
    .expect_err("untrusted certificate");
    assert!(err.contains("does not work"), "{err}");
    // A wrong API key: IAM's refusal, named.
    let err = add("kp", &[("KH_KP_APIKEY", "wrong")], &[]).expect_err("wrong API key");
    assert!(
        err.contains("IAM refused the API key") && err.contains("$KH_KP_APIKEY"),
        "{err}"
    );
    let out = add("kp", &server_env, &[]).expect("add-keyprotect");
    assert!(out.contains("Checked: Key Protect instance"), "{out}");
    let listed = admin(&data, &["provider", "list"]);
    assert!(
        listed.contains("kp") && listed.contains("keyprotect"),
        "{listed}"
    );
    let checked = admin_env(&data, &server_env, &["provider", "check", "kp"]).expect("check");
    assert!(checked.contains("IAM token obtained"), "{checked}");
    let providers = std::fs::read_to_string(data.join("providers.json")).expect("providers.json");
    assert!(
        !providers.contains(SERVER_KEY) && providers.contains("KH_KP_APIKEY"),
        "{providers}"
    );

    // A Reader may not create root keys: the error names the IAM action and role.
    let err = admin_env(
        &data,
        &server_env,
        &["tenant", "create", "acme", "--provider", "kp"],
    )
    .expect_err("Reader cannot create");
    assert!(
        err.contains("kms.secrets.create") && err.contains("Writer"),
        "{err}"
    );
    let out = admin_env(
        &data,
        &admin_env_kp,
        &["tenant", "create", "acme", "--provider", "kp"],
    )
    .expect("tenant create");
    assert!(out.contains("in provider kp"), "{out}");
    let crk = root_key_of(&data, "acme");
    // Adopting it by ID for a second tenant works with the Reader identity.
    admin_env(
        &data,
        &server_env,
        &[
            "tenant",
            "create",
            "beta",
            "--provider",
            "kp",
            "--root-key-label",
            &crk,
        ],
    )
    .expect("adopt");

    // Short-lived IAM tokens: the server refreshes them before (or when) they expire.
    kp.control(r#"{"token_ttl": 2}"#);
    serve(&mut server);
    let acme = server.issue("acme-vc", "acme");
    let mut c = Conn::connect(server.addr, &acme);
    let (k1, m1) = vcenter_key_flow(&mut c, "web-01");
    let before = kp.control("")["tokens_issued"].as_u64().expect("count");
    std::thread::sleep(Duration::from_millis(2500));
    for _ in 0..3 {
        assert_eq!(try_get(&mut c, &k1).expect("served"), m1);
        std::thread::sleep(Duration::from_millis(500));
    }
    let after = kp.control("")["tokens_issued"].as_u64().expect("count");
    assert!(after > before, "no token refreshed ({before} -> {after})");
    kp.control(r#"{"token_ttl": 3600}"#);

    // Disabled in Key Protect (admin's Manager key): refused within the interval; enabled: served.
    let out = admin_env(
        &data,
        &admin_env_kp,
        &["tenant", "disable-root-key", "acme"],
    )
    .expect("disable");
    assert!(out.contains("disabled"), "{out}");
    let t = Instant::now();
    let (took, msg) = time_to_refusal(&mut c, &k1, t, Duration::from_secs(4));
    assert!(msg.contains("disabled"), "{msg}");
    eprintln!(
        "Key Protect key disabled -> first refused Get after {took:?} (--root-key-check-secs 1)"
    );
    admin_env(&data, &admin_env_kp, &["tenant", "enable-root-key", "acme"]).expect("enable");
    assert_eq!(wait_served(&mut c, &k1, Duration::from_secs(5)), m1);
    // The Reader may not disable: named.
    let err =
        admin_env(&data, &server_env, &["tenant", "disable-root-key", "acme"]).expect_err("Reader");
    assert!(
        err.contains("kms.secrets.disable") && err.contains("Manager"),
        "{err}"
    );

    // The service ID loses its role: refused, with the missing action named; back: served.
    kp.control(&format!(
        r#"{{"role": {{"apikey": "{SERVER_KEY}", "role": ""}}}}"#
    ));
    let t = Instant::now();
    let (_, msg) = time_to_refusal(&mut c, &k1, t, Duration::from_secs(4));
    assert!(
        msg.contains("permission denied") && msg.contains("Reader"),
        "{msg}"
    );
    kp.control(&format!(
        r#"{{"role": {{"apikey": "{SERVER_KEY}", "role": "Reader"}}}}"#
    ));
    assert_eq!(wait_served(&mut c, &k1, Duration::from_secs(5)), m1);

    // rotate-root (admin): Key Protect rotates the key, the tenant key is re-wrapped and stored.
    let load = Load::start(server.addr, &acme);
    let out =
        admin_env(&data, &admin_env_kp, &["tenant", "rotate-root", "acme"]).expect("rotate-root");
    let during = load.finish();
    eprintln!(
        "Key Protect rotate-root under load: {during} keys created and read meanwhile, none failed"
    );
    assert!(out.contains("rotated in place"), "{out}");
    let (k2, m2) = vcenter_key_flow(&mut c, "web-02");
    // Rotated by Key Protect itself (a rotation policy): the next unwrap returns the re-wrapped
    // key, which the server stores.
    kp.control(&format!(r#"{{"rotate": "{crk}"}}"#));
    server.kill();
    serve(&mut server);
    let mut c = Conn::connect(server.addr, &acme);
    assert_eq!(try_get(&mut c, &k1).expect("old key after rotations"), m1);
    assert_eq!(try_get(&mut c, &k2).expect("new key after rotations"), m2);
    let beta = server.issue("beta-vc", "beta");
    let mut cb = Conn::connect(server.addr, &beta);
    let (kb, mb) = vcenter_key_flow(&mut cb, "db-01");
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.log_text().contains("re-wrapped by the provider") {
        assert!(
            Instant::now() < deadline,
            "re-wrapped key not stored: {}",
            server.log_text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // Throttled (429 to everything): retried, bridged for the grace, then refused; then served.
    kp.control(r#"{"throttle": true}"#);
    let throttled = Instant::now();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(try_get(&mut c, &k1).expect("served during the grace"), m1);
    assert!(try_create(&mut c)
        .expect_err("no new keys")
        .contains("unreachable"));
    let (took, msg) = time_to_refusal(&mut c, &k1, throttled, Duration::from_secs(12));
    assert!(
        took >= Duration::from_secs(3),
        "refused before the grace: {took:?}: {msg}"
    );
    kp.control(r#"{"throttle": false}"#);
    assert_eq!(wait_served(&mut c, &k1, Duration::from_secs(10)), m1);

    // Deleted in Key Protect: both tenants on the key are shredded within the interval.
    kp.control(&format!(r#"{{"delete": "{crk}"}}"#));
    let t = Instant::now();
    let (took, msg) = time_to_refusal(&mut c, &k2, t, Duration::from_secs(4));
    assert!(msg.contains("destroyed"), "{msg}");
    let (_, msg) = time_to_refusal(&mut cb, &kb, t, Duration::from_secs(4));
    assert!(
        msg.contains("destroyed") || msg.contains("not found"),
        "{msg}"
    );
    let _ = mb;
    eprintln!("Key Protect key deleted -> first refused Get after {took:?}");
    assert_not_logged(&server, &[SERVER_KEY, ADMIN_KEY]);
    server.kill();
}

/// Polls `key list --json` until the key's mirror is in `state`; returns its row.
fn wait_mirror(data: &std::path::Path, uid: &str, state: &str) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(8);
    loop {
        let rows: serde_json::Value =
            serde_json::from_str(&admin(data, &["key", "list", "--json"])).expect("json");
        let row = rows
            .as_array()
            .expect("array")
            .iter()
            .find(|r| r["uid"] == uid)
            .cloned()
            .expect("the key is listed");
        if row["mirror"]["state"] == state {
            return row;
        }
        assert!(
            Instant::now() < deadline,
            "mirror of {uid} never {state}: {row}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn keyprotect_mirror_holds_wrapped_keys_and_its_deletion_revokes_them() {
    let kp = Double::start();
    let mut server = new_server();
    let data = server.data();
    std::fs::create_dir_all(&data).expect("data dir");
    let env = [("KH_KP_MIRROR", MIRROR_KEY)];
    let (url, ca) = (kp.url(), kp.ca());
    admin_env(
        &data,
        &env,
        &[
            "provider",
            "add-keyprotect",
            "--name",
            "kpm",
            "--endpoint",
            &url,
            "--iam-endpoint",
            &url,
            "--instance-id",
            INSTANCE,
            "--api-key-env",
            "KH_KP_MIRROR",
            "--ca-file",
            &ca,
        ],
    )
    .expect("add-keyprotect");
    admin(&data, &["tenant", "create", "acme"]);
    let out = admin_env(
        &data,
        &env,
        &["tenant", "mirror", "acme", "--provider", "kpm"],
    )
    .expect("mirror");
    assert!(out.contains("mirrored"), "{out}");
    // First the mirror identity lacks Writer: writes fail, are reported and retried.
    kp.control(&format!(
        r#"{{"role": {{"apikey": "{MIRROR_KEY}", "role": "Reader"}}}}"#
    ));
    spawn_env(&mut server, &env, &["--root-key-check-secs", "1"]);
    let mut c = Conn::connect(server.addr, &server.issue("acme-vc", "acme"));
    let (k1, m1) = vcenter_key_flow(&mut c, "web-01");
    let row = wait_mirror(&data, &k1, "failed");
    let err = row["mirror"]["last_error"].as_str().unwrap_or_default();
    assert!(
        err.contains("kms.secrets.create") && err.contains("Writer"),
        "{row}"
    );
    let table = admin(&data, &["key", "list"]);
    assert!(
        table.contains("failed (") && table.contains("kms.secrets.create"),
        "{table}"
    );
    kp.control(&format!(
        r#"{{"role": {{"apikey": "{MIRROR_KEY}", "role": "Writer"}}}}"#
    ));
    let row = wait_mirror(&data, &k1, "mirrored");
    assert!(
        row["mirror"]["attempts"].as_i64().unwrap_or(0) >= 2,
        "{row}"
    );
    let remote = row["mirror"]["key_protect_id"]
        .as_str()
        .expect("remote id")
        .to_owned();

    // In Key Protect: named by the UID, x-Name in the description, the wrapped form only.
    let found = kp.control(&format!(r#"{{"find_name": "keyhaven-{k1}"}}"#));
    assert_eq!(found["id"], remote.as_str(), "{found}");
    assert!(
        found["description"]
            .as_str()
            .unwrap_or_default()
            .contains("web-01"),
        "{found}"
    );
    let len = found["payload_len"].as_u64().expect("payload");
    assert!(
        len > m1.len() as u64 + 16,
        "a wrapped blob, not the 32-byte key: {len}"
    );
    assert_eq!(try_get(&mut c, &k1).expect("served while mirrored"), m1);

    // Deleted in Key Protect by an administrator: revoked here within the interval, Get refused
    // with the reason.
    kp.control(&format!(r#"{{"delete": "{remote}"}}"#));
    let t = Instant::now();
    let msg = loop {
        match try_get(&mut c, &k1) {
            Ok(_) => {
                assert!(
                    t.elapsed() < Duration::from_secs(5),
                    "still served after its mirror's deletion"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
            Err((reason, msg)) => {
                assert_eq!(
                    reason,
                    Some(keyhaven_kmip::enums::result_reason::PERMISSION_DENIED),
                    "{msg}"
                );
                break msg;
            }
        }
    };
    assert!(
        msg.contains("Key Protect mirror deleted") && msg.contains(&remote),
        "{msg}"
    );
    eprintln!(
        "Key Protect mirror deleted -> key revoked, first refused Get after {:?}",
        t.elapsed()
    );
    let row = wait_mirror(&data, &k1, "deleted");
    assert_eq!(row["state"], "Compromised", "{row}");
    // Other keys of the tenant are unaffected, and new ones are mirrored too.
    let (k2, m2) = vcenter_key_flow(&mut c, "web-02");
    wait_mirror(&data, &k2, "mirrored");
    assert_eq!(try_get(&mut c, &k2).expect("k2"), m2);
    assert_not_logged(&server, &[MIRROR_KEY]);
    server.kill();
}

/// The double is strict where Key Protect is: token, instance header, content type, AAD.
#[test]
fn the_keyprotect_double_is_strict() {
    use keyhaven::rootkey::cloud::http::{HttpClient, Request};
    let kp = Double::start();
    let http = HttpClient::new(Some(std::path::Path::new(&kp.ca())))
        .expect("client")
        .without_retries();
    let url = |p: &str| format!("{}{p}", kp.url());
    let code = |r: &keyhaven::rootkey::cloud::http::Response| {
        r.json().expect("json")["resources"][0]["reasons"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let token = |ttl: Option<&str>| {
        if let Some(t) = ttl {
            kp.control(&format!(r#"{{"token_ttl": {t}}}"#));
        }
        let u = url("/identity/token");
        let r = http
            .call(
                "iam",
                &Request::new("POST", &u)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(
                        format!(
                            "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey={ADMIN_KEY}"
                        )
                        .into_bytes(),
                    ),
            )
            .expect("token");
        assert_eq!(r.status, 200);
        r.json().expect("json")["access_token"]
            .as_str()
            .expect("token")
            .to_owned()
    };
    // IAM wants its form content type.
    let u = url("/identity/token");
    let r = http
        .call(
            "iam",
            &Request::new("POST", &u)
                .header("Content-Type", "application/json")
                .body(b"{}".to_vec()),
        )
        .expect("answer");
    assert_eq!(r.status, 400);
    let keys = url("/api/v2/keys");
    // No token, an unknown token.
    let r = http
        .call(
            "kp",
            &Request::new("GET", &keys).header("bluemix-instance", INSTANCE),
        )
        .expect("answer");
    assert_eq!((r.status, code(&r).as_str()), (401, "UNAUTHORIZED_ERR"));
    let r = http
        .call(
            "kp",
            &Request::new("GET", &keys)
                .header("bluemix-instance", INSTANCE)
                .header("Authorization", "Bearer nope"),
        )
        .expect("answer");
    assert_eq!(r.status, 401);
    // No instance header.
    let t = token(None);
    let r = http
        .call(
            "kp",
            &Request::new("GET", &keys).header("Authorization", format!("Bearer {t}")),
        )
        .expect("answer");
    assert_eq!((r.status, code(&r).as_str()), (400, "BAD_BODY_ERR"));
    // Create a root key; wrap with the wrong content type, then right; unwrap with other AAD.
    let auth = format!("Bearer {t}");
    let body = br#"{"metadata":{"collectionType":"application/vnd.ibm.kms.key+json","collectionTotal":1},"resources":[{"type":"application/vnd.ibm.kms.key+json","name":"k","extractable":false}]}"#;
    let r = http
        .call(
            "kp",
            &Request::new("POST", &keys)
                .header("Authorization", auth.clone())
                .header("bluemix-instance", INSTANCE)
                .header("Content-Type", "application/vnd.ibm.kms.key+json")
                .body(body.to_vec()),
        )
        .expect("create");
    assert_eq!(r.status, 201);
    let id = r.json().expect("json")["resources"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let action = |op: &str, ctype: &str, body: &str| {
        let u = url(&format!("/api/v2/keys/{id}/actions/{op}"));
        http.call(
            "kp",
            &Request::new("POST", &u)
                .header("Authorization", auth.clone())
                .header("bluemix-instance", INSTANCE)
                .header("Content-Type", ctype)
                .body(body.as_bytes().to_vec()),
        )
        .expect("answer")
    };
    let r = action("wrap", "application/json", r#"{"plaintext":"AAAA"}"#);
    assert_eq!((r.status, code(&r).as_str()), (400, "BAD_BODY_ERR"));
    let kat = "application/vnd.ibm.kms.key_action+json";
    let r = action("wrap", kat, r#"{"plaintext":"AAAA","aad":["YQ=="]}"#);
    assert_eq!(r.status, 200);
    let ct = r.json().expect("json")["ciphertext"]
        .as_str()
        .expect("ct")
        .to_owned();
    let r = action(
        "unwrap",
        kat,
        &format!(r#"{{"ciphertext":"{ct}","aad":["Yg=="]}}"#),
    );
    assert_eq!(
        (r.status, code(&r).as_str()),
        (422, "UNPROCESSABLE_CIPHERTEXT_ERR")
    );
    let r = action(
        "unwrap",
        kat,
        &format!(r#"{{"ciphertext":"{ct}","aad":["YQ=="]}}"#),
    );
    assert_eq!(r.json().expect("json")["plaintext"], "AAAA");
    // Disabled: 409; an expired token: 401.
    assert_eq!(action("disable", kat, "{}").status, 204);
    let r = action("wrap", kat, r#"{"plaintext":"AAAA"}"#);
    assert_eq!(
        (r.status, code(&r).as_str()),
        (409, "KEY_ACTION_INVALID_STATE_ERR")
    );
    let short = token(Some("1"));
    std::thread::sleep(Duration::from_millis(1500));
    let r = http
        .call(
            "kp",
            &Request::new("GET", &keys)
                .header("bluemix-instance", INSTANCE)
                .header("Authorization", format!("Bearer {short}")),
        )
        .expect("answer");
    assert_eq!(r.status, 401, "expired token refused");
}
