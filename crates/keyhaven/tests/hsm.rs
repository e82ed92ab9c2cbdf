//! Root keys in a real PKCS#11 token (SoftHSM2), through the real server binary over mutual TLS:
//! tenants on an HSM provider, restarts, crypto-shredding (the CRK object deleted from the token,
//! the CRK disabled and enabled again, a local key file deleted) with the time to the first
//! refused Get measured, and an HSM outage (the token directory taken away) with its grace.
//!
//! Needs SoftHSM2 and pkcs11-tool (Debian packages softhsm2 and opensc): run
//! scripts/install-test-deps.sh. Each test initialises its own token in a temporary directory and
//! points the server (and only the server and the tools it runs) at it with SOFTHSM2_CONF.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use keyhaven_kmip::enums::result_reason;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

const PIN: &str = "4321";
const SO_PIN: &str = "87654321";

fn missing(what: &str) -> ! {
    panic!(
        "{what} is not installed: run scripts/install-test-deps.sh (Debian packages softhsm2 and opensc); \
         the HSM tests never pass without a real SoftHSM2 token"
    )
}

fn softhsm_module() -> PathBuf {
    if let Ok(p) = std::env::var("KEYHAVEN_TEST_PKCS11_MODULE") {
        return PathBuf::from(p);
    }
    for p in [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
    ] {
        if Path::new(p).is_file() {
            return PathBuf::from(p);
        }
    }
    missing("SoftHSM2 (libsofthsm2.so)")
}

fn tool(name: &str) -> Command {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()))
        .unwrap_or(false);
    if !found {
        missing(name);
    }
    Command::new(name)
}

/// A SoftHSM2 token of its own in a temporary directory.
struct Token {
    dir: tempfile::TempDir,
    label: String,
    module: PathBuf,
}

impl Token {
    fn new(label: &str) -> Token {
        let module = softhsm_module();
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("tokens")).expect("token dir");
        std::fs::write(
            dir.path().join("softhsm2.conf"),
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                dir.path().join("tokens").display()
            ),
        )
        .expect("softhsm2.conf");
        std::fs::write(dir.path().join("pin"), format!("{PIN}\n")).expect("pin file");
        let t = Token {
            dir,
            label: label.to_owned(),
            module,
        };
        let out = t
            .env(tool("softhsm2-util"))
            .args(["--init-token", "--free", "--label", label, "--pin", PIN])
            .args(["--so-pin", SO_PIN])
            .output()
            .expect("softhsm2-util");
        assert!(
            out.status.success(),
            "softhsm2-util --init-token failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn conf(&self) -> PathBuf {
        self.dir.path().join("softhsm2.conf")
    }

    fn pin_file(&self) -> PathBuf {
        self.dir.path().join("pin")
    }

    fn env(&self, mut c: Command) -> Command {
        c.env("SOFTHSM2_CONF", self.conf());
        c
    }

    fn pkcs11_tool(&self, args: &[&str]) -> String {
        let out = self
            .env(tool("pkcs11-tool"))
            .arg("--module")
            .arg(&self.module)
            .args(["--token-label", &self.label, "--login", "--pin", PIN])
            .args(args)
            .output()
            .expect("pkcs11-tool");
        assert!(
            out.status.success(),
            "pkcs11-tool {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Deletes the secret-key object with that label from the token (the CRK's destruction).
    fn delete_key(&self, label: &str) {
        self.pkcs11_tool(&["--delete-object", "--type", "secrkey", "--label", label]);
    }

    /// Takes the token away from the module (its directory renamed: SoftHSM2 then fails every
    /// call on it, as with an unplugged or unreachable HSM), or brings it back.
    fn set_online(&self, online: bool) {
        let (from, to) = (
            self.dir.path().join("tokens"),
            self.dir.path().join("tokens.offline"),
        );
        if online {
            std::fs::rename(to, from).expect("bring the token back");
        } else {
            std::fs::rename(from, to).expect("take the token away");
        }
    }
}

/// Runs an admin command with the token's SoftHSM2 configuration.
fn admin_hsm(data: &Path, token: &Token, args: &[&str]) -> String {
    let out = token
        .env(Command::new(bin()))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run keyhaven");
    assert!(
        out.status.success(),
        "keyhaven {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Adds provider "hsm1" on the token and creates tenant `tenant` on it; returns the CRK label.
fn hsm_tenant(data: &Path, token: &Token, tenant: &str) -> String {
    if !data.join("providers.json").exists() {
        let module = token.module.to_str().expect("utf8");
        let pin = token.pin_file();
        let out = admin_hsm(
            data,
            token,
            &[
                "provider",
                "add-pkcs11",
                "--name",
                "hsm1",
                "--module",
                module,
                "--token-label",
                &token.label,
                "--pin-file",
                pin.to_str().expect("utf8"),
            ],
        );
        assert!(out.contains("CKM_AES_GCM"), "{out}");
    }
    let out = admin_hsm(
        data,
        token,
        &["tenant", "create", tenant, "--provider", "hsm1"],
    );
    let label = out
        .split_whitespace()
        .find(|w| w.starts_with("keyhaven-crk-"))
        .unwrap_or_else(|| panic!("no root key label in {out:?}"))
        .to_owned();
    assert!(out.contains("in provider hsm1"), "{out}");
    label
}

/// Starts (or restarts) a server process on `data` whose PKCS#11 module sees `token`.
fn spawn_on(s: &mut TestServer, data: &Path, token: &Token, extra: &[&str]) {
    s.spawn_in(data, &[("SOFTHSM2_CONF", token.conf())], extra);
}

fn new_server() -> TestServer {
    TestServer::unstarted()
}

fn start(token: &Token, extra: &[&str]) -> TestServer {
    let mut s = new_server();
    let data = s.data();
    spawn_on(&mut s, &data, token, extra);
    s
}

fn create(c: &mut Conn) -> String {
    uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)))
}

/// Get: the key material, or the result reason and message.
fn try_get(c: &mut Conn, uid: &str) -> Result<Vec<u8>, (Option<u32>, String)> {
    let bi = c.call(V1_1, GET, vec![uid_item(uid)]);
    if result_status(&bi) == 0 {
        let payload = bi.child(tag::RESPONSE_PAYLOAD).expect("payload");
        Ok(key_material(payload))
    } else {
        Err((
            result_reason(&bi),
            bi.child(tag::RESULT_MESSAGE)
                .and_then(Item::as_text)
                .unwrap_or_default()
                .to_owned(),
        ))
    }
}

fn try_create(c: &mut Conn) -> Result<String, String> {
    let bi = c.call(V1_1, CREATE, create_aes_v1(256));
    if result_status(&bi) == 0 {
        Ok(uid_of(bi.child(tag::RESPONSE_PAYLOAD).expect("payload")))
    } else {
        Err(bi
            .child(tag::RESULT_MESSAGE)
            .and_then(Item::as_text)
            .unwrap_or_default()
            .to_owned())
    }
}

/// Gets `uid` every `every` until refused; the time from `since` to the first refusal, and its
/// message. Panics after `limit`.
fn time_to_refusal(
    c: &mut Conn,
    uid: &str,
    since: Instant,
    every: Duration,
    limit: Duration,
) -> (Duration, String) {
    loop {
        match try_get(c, uid) {
            Ok(_) => {
                assert!(
                    since.elapsed() < limit,
                    "Get of {uid} still served {:?} after the root key went",
                    since.elapsed()
                );
                std::thread::sleep(every);
            }
            Err((reason, msg)) => {
                assert_eq!(reason, Some(result_reason::CRYPTOGRAPHIC_FAILURE), "{msg}");
                return (since.elapsed(), msg);
            }
        }
    }
}

#[test]
fn hsm_tenant_creates_and_gets_keys_across_restarts() {
    let token = Token::new("kh-restart");
    let mut server = start(&token, &[]);
    // The provider and tenant are added while the server runs.
    let label = hsm_tenant(&server.data(), &token, "acme");

    // The CRK is a sensitive, never-extractable AES-256 token object usable only to en/decrypt.
    let objects = token.pkcs11_tool(&["--list-objects", "--type", "secrkey"]);
    assert!(objects.contains(&label), "{objects}");
    assert!(objects.contains("AES length 32"), "{objects}");
    assert!(
        objects.contains("Usage:      encrypt, decrypt\n"),
        "{objects}"
    );
    assert!(
        objects.contains("sensitive, always sensitive, never extractable, local"),
        "{objects}"
    );

    let listed = admin(&server.data(), &["tenant", "list", "--json"]);
    assert!(listed.contains("\"root_provider\": \"hsm1\""), "{listed}");
    assert!(listed.contains(&label), "{listed}");
    let providers = admin(&server.data(), &["provider", "list"]);
    assert!(
        providers.contains("hsm1") && providers.contains("pkcs11"),
        "{providers}"
    );

    let creds = server.issue("acme-app", "acme");
    let mut c = Conn::connect(server.addr, &creds);
    let keys: Vec<(String, Vec<u8>)> = (0..3)
        .map(|_| {
            let uid = create(&mut c);
            let k = try_get(&mut c, &uid).expect("get");
            assert_eq!(k.len(), 32);
            (uid, k)
        })
        .collect();
    drop(c);

    // kill -9 and restart: the tenant key is unwrapped again inside the token.
    server.kill();
    let data = server.data();
    spawn_on(&mut server, &data, &token, &[]);
    let mut c = Conn::connect(server.addr, &creds);
    for (uid, k) in &keys {
        assert_eq!(&try_get(&mut c, uid).expect("get after restart"), k);
    }
    create(&mut c);

    // Adopting an existing key by label: a fresh tenant on the same CRK label is accepted, an
    // unknown label is refused with a clear message.
    let out = token
        .env(Command::new(bin()))
        .arg("--data-dir")
        .arg(server.data())
        .args(["tenant", "create", "ghost", "--provider", "hsm1"])
        .args(["--root-key-label", "no-such-key"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such-key") && err.contains("destroyed"),
        "{err}"
    );
    let out = admin_hsm(
        &server.data(),
        &token,
        &[
            "tenant",
            "create",
            "acme-2",
            "--provider",
            "hsm1",
            "--root-key-label",
            &label,
        ],
    );
    assert!(out.contains(&label), "{out}");
    assert!(server.terminate().success());
}

#[test]
fn destroying_the_crk_in_the_token_shreds_its_tenant_on_every_node_within_the_bound() {
    const CHECK_SECS: u64 = 2;
    let token = Token::new("kh-shred");
    let check = CHECK_SECS.to_string();
    let extra = ["--root-key-check-secs", check.as_str()];
    let mut node_a = start(&token, &extra);
    let data = node_a.data();
    let label = hsm_tenant(&data, &token, "acme");
    admin(&data, &["tenant", "create", "beta"]);
    // A second node on the same store and data directory.
    let mut node_b = new_server();
    spawn_on(&mut node_b, &data, &token, &extra);

    let acme = node_a.issue("acme-app", "acme");
    let beta = node_a.issue("beta-app", "beta");
    let default = node_a.issue("default-app", "default");
    let mut a_acme = Conn::connect(node_a.addr, &acme);
    let mut b_acme = Conn::connect(node_b.addr, &acme);
    let mut a_beta = Conn::connect(node_a.addr, &beta);
    let mut a_default = Conn::connect(node_a.addr, &default);
    let acme_key = create(&mut a_acme);
    let beta_key = create(&mut a_beta);
    let default_key = create(&mut a_default);
    let acme_material = try_get(&mut b_acme, &acme_key).expect("node B serves acme");
    try_get(&mut a_acme, &acme_key).expect("node A serves acme");

    // Destroy the CRK object in the token (timed from when the deletion is done).
    token.delete_key(&label);
    let destroyed = Instant::now();
    let limit = Duration::from_secs(CHECK_SECS) + Duration::from_millis(1500);
    let (on_a, msg) = time_to_refusal(
        &mut a_acme,
        &acme_key,
        destroyed,
        Duration::from_millis(50),
        limit,
    );
    assert!(msg.contains(&label) && msg.contains("destroyed"), "{msg}");
    let (on_b, msg_b) = time_to_refusal(
        &mut b_acme,
        &acme_key,
        destroyed,
        Duration::from_millis(50),
        limit,
    );
    assert!(msg_b.contains("destroyed"), "{msg_b}");
    eprintln!(
        "PKCS#11 CRK deleted from the token -> first refused Get: node A {on_a:?}, node B {on_b:?} (--root-key-check-secs {CHECK_SECS})"
    );
    // It stays refused (now from the token itself), Creates too, and nothing was served since.
    let (_, again) = try_get(&mut a_acme, &acme_key).expect_err("still refused");
    assert!(
        again.contains("destroyed") || again.contains("not found"),
        "{again}"
    );
    let refused = try_create(&mut a_acme).expect_err("create refused");
    assert!(refused.contains(&label), "{refused}");
    assert_eq!(acme_material.len(), 32);

    // The other tenants carry on, on both nodes.
    try_get(&mut a_beta, &beta_key).expect("beta still served");
    try_get(&mut a_default, &default_key).expect("default still served");
    let mut b_default = Conn::connect(node_b.addr, &default);
    try_get(&mut b_default, &default_key).expect("default still served on node B");
    create(&mut a_default);

    // The local provider: deleting the tenant's root key file shreds beta the same way.
    let tenants = admin(&data, &["tenant", "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&tenants).expect("json");
    let beta_ref = rows
        .as_array()
        .expect("array")
        .iter()
        .find(|t| t["name"] == "beta")
        .and_then(|t| t["root_key"].as_str())
        .expect("beta's root key")
        .to_owned();
    let deleted = Instant::now();
    std::fs::remove_file(data.join("rootkeys").join(format!("{beta_ref}.key")))
        .expect("delete beta's root key file");
    let (local, msg) = time_to_refusal(
        &mut a_beta,
        &beta_key,
        deleted,
        Duration::from_millis(50),
        limit,
    );
    assert!(
        msg.contains(&beta_ref) && msg.contains("destroyed"),
        "{msg}"
    );
    eprintln!("local CRK file deleted -> first refused Get: {local:?}");
    try_get(&mut a_default, &default_key).expect("default still served");
    drop((a_acme, b_acme, a_beta, a_default, b_default));
    node_b.kill();
    node_a.kill();
}

#[test]
fn disabling_the_crk_refuses_its_keys_and_enabling_it_restores_them() {
    let token = Token::new("kh-disable");
    let server = start(&token, &["--root-key-check-secs", "1"]);
    let data = server.data();
    hsm_tenant(&data, &token, "acme");
    let acme = server.issue("acme-app", "acme");
    let mut c = Conn::connect(server.addr, &acme);
    let uid = create(&mut c);
    let material = try_get(&mut c, &uid).expect("get");

    // CKA_ENCRYPT/CKA_DECRYPT set false in the token.
    let out = admin_hsm(&data, &token, &["tenant", "disable-root-key", "acme"]);
    assert!(out.contains("disabled"), "{out}");
    assert!(token
        .pkcs11_tool(&["--list-objects", "--type", "secrkey"])
        .contains("Usage:      none"));
    let (took, msg) = time_to_refusal(
        &mut c,
        &uid,
        Instant::now(),
        Duration::from_millis(50),
        Duration::from_millis(2500),
    );
    assert!(msg.contains("disabled"), "{msg}");
    eprintln!("PKCS#11 CRK disabled -> first refused Get: {took:?} (--root-key-check-secs 1)");

    admin_hsm(&data, &token, &["tenant", "enable-root-key", "acme"]);
    assert_eq!(try_get(&mut c, &uid).expect("served again"), material);
    create(&mut c);

    // The local provider's disable marker works the same way.
    admin(&data, &["tenant", "disable-root-key", "default"]);
    let d = server.issue("default-app", "default");
    let mut dc = Conn::connect(server.addr, &d);
    let since = Instant::now();
    let err = loop {
        match try_create(&mut dc) {
            Err(e) => break e,
            Ok(_) => {
                assert!(since.elapsed() < Duration::from_secs(10), "still creating");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    };
    assert!(err.contains("disabled"), "{err}");
    admin(&data, &["tenant", "enable-root-key", "default"]);
    create(&mut dc);
}

#[test]
fn hsm_outage_is_bridged_for_the_grace_period_and_recovers_without_restart() {
    const GRACE_SECS: u64 = 6;
    let token = Token::new("kh-outage");
    let grace = GRACE_SECS.to_string();
    let server = start(
        &token,
        &[
            "--root-key-check-secs",
            "1",
            "--root-key-grace-secs",
            &grace,
        ],
    );
    let data = server.data();
    hsm_tenant(&data, &token, "acme");
    let acme = server.issue("acme-app", "acme");
    let mut c = Conn::connect(server.addr, &acme);
    let uid = create(&mut c);
    let material = try_get(&mut c, &uid).expect("get");

    // A short outage: existing keys are served, Creates refused with a clear error.
    token.set_online(false);
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(
        try_get(&mut c, &uid).expect("served during the outage"),
        material
    );
    let err = try_create(&mut c).expect_err("create during the outage");
    assert!(
        err.contains("unreachable") && err.contains("new keys are refused"),
        "{err}"
    );
    assert_eq!(
        try_get(&mut c, &uid).expect("served during the outage"),
        material
    );

    // Back: Creates work again within a few seconds, without a restart.
    token.set_online(true);
    let back = Instant::now();
    let uid2 = loop {
        match try_create(&mut c) {
            Ok(u) => break u,
            Err(e) => {
                assert!(back.elapsed() < Duration::from_secs(5), "no recovery: {e}");
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    };
    assert_eq!(try_get(&mut c, &uid2).expect("get").len(), 32);

    // A long outage: served for the grace period, then refused, naming the grace.
    token.set_online(false);
    let down = Instant::now();
    let (took, msg) = time_to_refusal(
        &mut c,
        &uid,
        down,
        Duration::from_millis(200),
        Duration::from_secs(GRACE_SECS + 4),
    );
    assert!(
        took >= Duration::from_secs(GRACE_SECS),
        "refused after {took:?}, before the grace of {GRACE_SECS} s: {msg}"
    );
    assert!(msg.contains("grace period"), "{msg}");
    eprintln!("HSM unreachable -> first refused Get after {took:?} (grace {GRACE_SECS} s)");

    // Back again: served again, no restart.
    token.set_online(true);
    let back = Instant::now();
    loop {
        match try_get(&mut c, &uid) {
            Ok(k) => {
                assert_eq!(k, material);
                break;
            }
            Err((_, e)) => {
                assert!(back.elapsed() < Duration::from_secs(5), "no recovery: {e}");
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }
    assert!(server.log_text().contains("root key provider unreachable"));
}

/// The crypto-shredding bound with the default check interval (30 s): the worst case, the CRK
/// destroyed right after the tenant key was (re)validated.
#[test]
fn shredding_bound_with_the_default_check_interval() {
    let token = Token::new("kh-default");
    let server = start(&token, &[]);
    let data = server.data();
    let label = hsm_tenant(&data, &token, "acme");
    let acme = server.issue("acme-app", "acme");
    let mut c = Conn::connect(server.addr, &acme);
    let uid = create(&mut c);
    try_get(&mut c, &uid).expect("get");
    token.delete_key(&label);
    let destroyed = Instant::now();
    let (took, msg) = time_to_refusal(
        &mut c,
        &uid,
        destroyed,
        Duration::from_millis(50),
        Duration::from_secs(31),
    );
    assert!(msg.contains("destroyed"), "{msg}");
    eprintln!("default --root-key-check-secs 30: CRK deleted -> first refused Get after {took:?}");
}
