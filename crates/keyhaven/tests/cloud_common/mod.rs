//! Helpers shared by the cloud root-key provider tests (cloud_keyprotect.rs, cloud_aws_kms.rs,
//! cloud_transit.rs): the repository's .venv (made by scripts/install-test-deps.sh), free ports,
//! a server process with its own environment, vCenter's key flow and timed refusals.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::common::*;
use keyhaven_kmip::enums::{result_reason, state};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

/// The repository root (tests may not read outside it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("repo root")
        .to_path_buf()
}

/// A program of the repository's .venv; panics naming the install script when missing.
pub fn venv_bin(name: &str) -> PathBuf {
    let p = repo_root().join(".venv").join("bin").join(name);
    assert!(
        p.is_file(),
        "{} is missing: run scripts/install-test-deps.sh (it installs tests/cloud/requirements.txt into .venv); \
         the cloud provider tests never pass without the real servers",
        p.display()
    );
    p
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// Waits until something accepts TCP connections on the port.
pub fn wait_port(port: u16, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(st)) = child.try_wait() {
            panic!("{what} exited with {st}");
        }
        assert!(Instant::now() < deadline, "{what} did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A child process killed when dropped.
pub struct Proc(pub Option<Child>);

impl Proc {
    pub fn stop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs `keyhaven --data-dir data ARGS` with extra environment; Ok(stdout) or Err(stderr).
pub fn admin_env(data: &Path, env: &[(&str, &str)], args: &[&str]) -> Result<String, String> {
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run keyhaven");
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

pub fn new_server() -> TestServer {
    TestServer::unstarted()
}

/// Starts (or restarts) the server on its data directory with extra environment variables.
pub fn spawn_env(s: &mut TestServer, env: &[(&str, &str)], extra: &[&str]) {
    let data = s.data();
    s.spawn_in(&data, env, extra);
}

fn ok_payload(bi: &Item) -> Item {
    assert_success(bi);
    bi.child(tag::RESPONSE_PAYLOAD).cloned().expect("payload")
}

/// vCenter's key flow for one key, in KMIP 1.1 as vCenter sends it: Discover Versions, Create
/// (AES-256), Get Attributes (State), Activate, Add Attribute x-Name, Get. Returns (uid, key).
pub fn vcenter_key_flow(c: &mut Conn, vm: &str) -> (String, Vec<u8>) {
    ok_payload(&c.call(V1_1, DISCOVER_VERSIONS, vec![]));
    let uid = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    let p = ok_payload(&c.call(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(&uid), Item::text(tag::ATTRIBUTE_NAME, "State")],
    ));
    let st = p
        .child(tag::ATTRIBUTE)
        .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
        .and_then(Item::as_enum);
    assert_eq!(st, Some(state::PRE_ACTIVE));
    ok_payload(&c.call(V1_1, ACTIVATE, vec![uid_item(&uid)]));
    ok_payload(&c.call(
        V1_1,
        ADD_ATTRIBUTE,
        vec![uid_item(&uid), attr_v1("x-Name", Item::text(0, vm))],
    ));
    let key = try_get(c, &uid).expect("Get of the new key");
    assert_eq!(key.len(), 32);
    (uid, key)
}

/// Get: the key material, or the result reason and message.
pub fn try_get(c: &mut Conn, uid: &str) -> Result<Vec<u8>, (Option<u32>, String)> {
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

pub fn try_create(c: &mut Conn) -> Result<String, String> {
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

/// Gets `uid` every 100 ms until refused (Cryptographic Failure); the time from `since` to the
/// refusal and its message. Panics when still served after `limit`.
pub fn time_to_refusal(
    c: &mut Conn,
    uid: &str,
    since: Instant,
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
                std::thread::sleep(Duration::from_millis(100));
            }
            Err((reason, msg)) => {
                assert_eq!(reason, Some(result_reason::CRYPTOGRAPHIC_FAILURE), "{msg}");
                return (since.elapsed(), msg);
            }
        }
    }
}

/// Gets `uid` until served again (after the root key came back); panics after `limit`.
pub fn wait_served(c: &mut Conn, uid: &str, limit: Duration) -> Vec<u8> {
    let start = Instant::now();
    loop {
        match try_get(c, uid) {
            Ok(k) => return k,
            Err((_, msg)) => {
                assert!(start.elapsed() < limit, "Get of {uid} still refused: {msg}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// The root key reference of tenant `name` (from `tenant list --json`).
pub fn root_key_of(data: &Path, name: &str) -> String {
    let text = admin(data, &["tenant", "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&text).expect("json");
    rows.as_array()
        .expect("array")
        .iter()
        .find(|t| t["name"] == name)
        .and_then(|t| t["root_key"].as_str())
        .unwrap_or_else(|| panic!("no tenant {name} in {text}"))
        .to_owned()
}

/// Checks the server never logged a secret it was given.
pub fn assert_not_logged(server: &TestServer, secrets: &[&str]) {
    let log = server.log_text();
    for s in secrets {
        assert!(!log.contains(s), "a secret reached the server log");
    }
}

/// A key made under load: (uid, material).
pub type Made = (String, Vec<u8>);

/// A client creating and reading keys in a loop (load during a rotation); [`Load::finish`] stops
/// it and checks every key it made is still served with the same material.
pub struct Load {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    handle: Option<std::thread::JoinHandle<Vec<Made>>>,
    addr: std::net::SocketAddr,
    creds: Creds,
}

impl Load {
    pub fn start(addr: std::net::SocketAddr, creds: &Creds) -> Load {
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let (s, c) = (stop.clone(), creds.clone());
        let handle = std::thread::spawn(move || {
            let mut conn = Conn::connect(addr, &c);
            let mut made = Vec::new();
            while !s.load(Ordering::Relaxed) || made.len() < 3 {
                let uid = uid_of(&conn.ok(V1_1, CREATE, create_aes_v1(256)));
                let key = try_get(&mut conn, &uid)
                    .unwrap_or_else(|e| panic!("Get during the rotation failed: {e:?}"));
                made.push((uid, key));
            }
            made
        });
        Load {
            stop,
            handle: Some(handle),
            addr,
            creds: creds.clone(),
        }
    }

    /// Stops the load; every key made during it is read back. Returns how many there were.
    pub fn finish(mut self) -> usize {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let made = self
            .handle
            .take()
            .expect("running")
            .join()
            .expect("no request failed during the rotation");
        let mut c = Conn::connect(self.addr, &self.creds);
        for (uid, key) in &made {
            assert_eq!(
                &try_get(&mut c, uid).expect("key made during the rotation"),
                key
            );
        }
        made.len()
    }
}
