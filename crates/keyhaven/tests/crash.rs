//! Crash loops and a failing disk (issue 14, item 3), with the real binary over real TLS:
//!
//! * kill -9 of the server while clients create keys, 100 times on SQLite and 20 on PostgreSQL
//!   (`KEYHAVEN_CRASH_KILLS_SQLITE` / `_PG` change the counts): every acknowledged key is served
//!   afterwards with the material it was first served with, and SQLite's `PRAGMA integrity_check`
//!   passes;
//! * a disk that fills during Create (a small tmpfs, as root): clear errors to the client, no
//!   corruption, service back when space returns;
//! * the store made read-only (tmpfs remounted) or its files removed under the running server:
//!   clear errors, no panic, `/readyz` answers 503 and names the cause.

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;
use pg::PgServer;

const V: ProtocolVersion = ProtocolVersion::V1_2;

fn kills(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Keys acknowledged to a client: uid -> material first served (None: Create acknowledged, no
/// Get answered yet).
type Acked = Arc<Mutex<BTreeMap<String, Option<Vec<u8>>>>>;

/// Create (+ Get) load from `threads` connections until the server dies or `stop` is set.
fn load(
    addr: SocketAddr,
    creds: &Creds,
    acked: &Acked,
    stop: &Arc<AtomicBool>,
) -> Vec<std::thread::JoinHandle<()>> {
    (0..2)
        .map(|_| {
            let (creds, acked, stop) = (creds.clone(), acked.clone(), stop.clone());
            std::thread::spawn(move || {
                let Ok(mut c) =
                    Conn::try_connect(addr, creds.client_config(&[&rustls::version::TLS13]))
                else {
                    return;
                };
                while !stop.load(Ordering::SeqCst) {
                    let req = request(V, None, &[(CREATE, None, create_aes_v1(256))]);
                    let Ok(bytes) = c.send_raw(&keyhaven_ttlv::encode(&req)) else {
                        return;
                    };
                    let Ok(resp) = keyhaven_ttlv::decode(&bytes, &keyhaven_ttlv::Limits::default())
                    else {
                        return;
                    };
                    let bi = &batch_items(&resp)[0];
                    if result_status(bi) != 0 {
                        continue;
                    }
                    let uid = uid_of(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"));
                    acked.lock().expect("acked").insert(uid.clone(), None);
                    let req = request(V, None, &[(GET, None, vec![uid_item(&uid)])]);
                    let Ok(bytes) = c.send_raw(&keyhaven_ttlv::encode(&req)) else {
                        return;
                    };
                    let Ok(resp) = keyhaven_ttlv::decode(&bytes, &keyhaven_ttlv::Limits::default())
                    else {
                        return;
                    };
                    let bi = &batch_items(&resp)[0];
                    if result_status(bi) == 0 {
                        let k = key_material(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"));
                        acked.lock().expect("acked").insert(uid, Some(k));
                    }
                }
            })
        })
        .collect()
}

/// Every acknowledged key in `uids` is served, with the material first served.
fn check_served(addr: SocketAddr, creds: &Creds, acked: &Acked, uids: &[String]) -> usize {
    let mut c = Conn::connect(addr, creds);
    let map = acked.lock().expect("acked").clone();
    for uid in uids {
        let got = key_material(&c.ok(V, GET, vec![uid_item(uid)]));
        if let Some(Some(first)) = map.get(uid) {
            assert_eq!(&got, first, "key {uid} changed material after a crash");
        }
    }
    uids.len()
}

fn integrity_check(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open");
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(r, "ok", "integrity_check: {r}");
}

/// The kill loop shared by both stores: start, load ~0.2 s, kill -9, repeat; then check.
fn kill_loop(s: &mut TestServer, extra: &[&str], n: usize, sqlite: Option<PathBuf>) {
    // The client is trusted in the server's store (`--database-url` when PostgreSQL).
    let out = s.dir.path().join("client-app");
    let mut args: Vec<&str> = extra
        .iter()
        .copied()
        .filter(|a| *a != "--log" && *a != "warn")
        .collect();
    let out_s = out.to_str().expect("utf8").to_owned();
    args.extend(["client", "issue", "--name", "app", "--out", &out_s]);
    admin(&s.data(), &args);
    let creds = Creds::load(
        &out.join("app.crt"),
        &out.join("app.key"),
        &out.join("ca.crt"),
    );
    let acked: Acked = Arc::default();
    let t0 = Instant::now();
    for i in 0..n {
        if i > 0 {
            s.spawn(extra);
        }
        // The keys of the previous round must be there at once.
        let before: Vec<String> = acked.lock().expect("acked").keys().cloned().collect();
        let recent: Vec<String> = before.iter().rev().take(20).cloned().collect();
        check_served(s.addr, &creds, &acked, &recent);
        let stop = Arc::new(AtomicBool::new(false));
        let threads = load(s.addr, &creds, &acked, &stop);
        std::thread::sleep(Duration::from_millis(120 + (i as u64 * 37) % 160));
        s.kill();
        stop.store(true, Ordering::SeqCst);
        for t in threads {
            t.join().expect("load thread");
        }
        if let Some(db) = &sqlite {
            if i % 25 == 24 {
                integrity_check(db);
            }
        }
    }
    s.spawn(extra);
    let all: Vec<String> = acked.lock().expect("acked").keys().cloned().collect();
    let checked = check_served(s.addr, &creds, &acked, &all);
    if let Some(db) = &sqlite {
        s.kill();
        integrity_check(db);
    }
    eprintln!(
        "{n} kill -9 during Create load: {checked} acknowledged keys, 0 lost, in {:?}",
        t0.elapsed()
    );
    assert!(
        checked > n,
        "too few keys acknowledged ({checked}) for the test to mean anything"
    );
}

#[test]
fn kill_9_loop_sqlite_loses_no_acknowledged_key() {
    let mut s = TestServer::start_with(&["--log", "warn"]);
    let db = s.data().join("keyhaven.db");
    kill_loop(
        &mut s,
        &["--log", "warn"],
        kills("KEYHAVEN_CRASH_KILLS_SQLITE", 100),
        Some(db),
    );
}

#[test]
fn kill_9_loop_postgres_loses_no_acknowledged_key() {
    let pg = PgServer::start();
    let url = pg.create_database("crash");
    let extra = ["--database-url", url.as_str(), "--log", "warn"];
    let mut s = TestServer::start_with(&extra);
    kill_loop(&mut s, &extra, kills("KEYHAVEN_CRASH_KILLS_PG", 20), None);
    let n: i64 = pg
        .psql("crash", "SELECT COUNT(*) FROM objects")
        .trim()
        .parse()
        .expect("count");
    assert!(n > 0);
}

fn is_root() -> bool {
    // SAFETY: no arguments.
    unsafe { libc::geteuid() == 0 }
}

/// A small tmpfs mounted for one test, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then_some(Tmpfs { dir })
    }
    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

fn http_get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect health");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let code = out.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    (code, out)
}

/// A server whose data directory is `data` (instead of the harness's temporary one).
fn server_on(data: &Path, health: bool) -> (TestServer, Option<SocketAddr>) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(data).expect("data dir");
    std::os::unix::fs::symlink(data, dir.path().join("data")).expect("symlink data dir");
    let mut s = TestServer {
        child: None,
        addr: "127.0.0.1:1".parse().expect("addr"),
        log: dir.path().join("server.log"),
        dir,
    };
    let port = pg::free_port();
    let h = format!("127.0.0.1:{port}");
    if health {
        s.spawn(&["--health-listen", &h, "--log", "info"]);
    } else {
        s.spawn(&["--log", "info"]);
    }
    (s, health.then(|| h.parse().expect("addr")))
}

#[test]
fn disk_full_during_create_then_space_returns() {
    if !is_root() {
        eprintln!("SKIPPED: mounting a small tmpfs needs root");
        return;
    }
    let Some(fs) = Tmpfs::mount("6m") else {
        eprintln!("SKIPPED: mount -t tmpfs is not permitted here");
        return;
    };
    let data = fs.path().join("data");
    let (s, _) = server_on(&data, false);
    let creds = s.issue("app", "default");
    let mut c = Conn::connect(s.addr, &creds);
    let mut keys = BTreeMap::new();
    for _ in 0..5 {
        let uid = uid_of(&c.ok(V, CREATE, create_aes_v1(256)));
        keys.insert(
            uid.clone(),
            key_material(&c.ok(V, GET, vec![uid_item(&uid)])),
        );
    }
    // Fill the disk, leaving a few KiB.
    let filler = fs.path().join("filler");
    let mut f = std::fs::File::create(&filler).expect("filler");
    let chunk = vec![0u8; 64 << 10];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.sync_all();
    drop(f);
    let mut failures = Vec::new();
    for _ in 0..400 {
        // Big attribute values make each Create take room.
        let mut payload = create_aes_v1(256);
        if let Some(t) = payload.get_mut(1).and_then(Item::items_mut) {
            t.push(attr_v1("x-Pad", Item::text(0, "p".repeat(4000))));
        }
        let bi = c.call(V, CREATE, payload);
        if result_status(&bi) == 0 {
            let uid = uid_of(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"));
            keys.insert(
                uid.clone(),
                key_material(&c.ok(V, GET, vec![uid_item(&uid)])),
            );
        } else {
            failures.push(
                bi.child(tag::RESULT_MESSAGE)
                    .and_then(Item::as_text)
                    .unwrap_or_default()
                    .to_owned(),
            );
            if failures.len() >= 3 {
                break;
            }
        }
    }
    assert!(!failures.is_empty(), "the disk never filled");
    eprintln!("disk full: Create answered {:?}", failures[0]);
    assert!(
        failures
            .iter()
            .all(|m| m.contains("full") || m.contains("disk") || m.contains("space")),
        "the error names the full disk: {failures:?}"
    );
    // Reads go on while the disk is full.
    for (uid, k) in &keys {
        assert_eq!(&key_material(&c.ok(V, GET, vec![uid_item(uid)])), k);
    }
    // Space returns: Creates work again, on the same connection.
    std::fs::remove_file(&filler).expect("remove filler");
    let mut back = false;
    for _ in 0..50 {
        let bi = c.call(V, CREATE, create_aes_v1(256));
        if result_status(&bi) == 0 {
            back = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(back, "service did not come back when space returned");
    drop(c);
    let mut s = s;
    assert!(s.terminate().success());
    integrity_check(&data.join("keyhaven.db"));
    // Every acknowledged key after a restart.
    let (s2, _) = server_on(&data, false);
    let mut c = Conn::connect(s2.addr, &creds);
    for (uid, k) in &keys {
        assert_eq!(&key_material(&c.ok(V, GET, vec![uid_item(uid)])), k);
    }
}

/// An ext4 file system in a loop file, mounted with errors=remount-ro; unmounted on drop.
struct LoopExt4 {
    dir: tempfile::TempDir,
}

impl LoopExt4 {
    fn mount() -> Option<LoopExt4> {
        let dir = tempfile::tempdir().ok()?;
        let img = dir.path().join("fs.img");
        std::fs::File::create(&img).ok()?.set_len(48 << 20).ok()?;
        let mnt = dir.path().join("mnt");
        std::fs::create_dir(&mnt).ok()?;
        let ok = |c: &mut Command| c.output().map(|o| o.status.success()).unwrap_or(false);
        if !ok(Command::new("mkfs.ext4").args(["-q", "-F"]).arg(&img))
            || !ok(Command::new("mount")
                .args(["-o", "loop,errors=remount-ro"])
                .arg(&img)
                .arg(&mnt))
        {
            return None;
        }
        Some(LoopExt4 { dir })
    }
    fn path(&self) -> PathBuf {
        self.dir.path().join("mnt")
    }
    /// Makes the kernel hit a file-system error: ext4 then remounts itself read-only, whatever
    /// files are open (as a failing disk does).
    fn fail(&self) {
        let out = Command::new("findmnt")
            .args(["-no", "SOURCE"])
            .arg(self.path())
            .output()
            .expect("findmnt");
        let dev = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let name = dev.rsplit('/').next().expect("device name").to_owned();
        std::fs::write(format!("/sys/fs/ext4/{name}/trigger_fs_error"), "test\n")
            .expect("trigger_fs_error");
    }
}

impl Drop for LoopExt4 {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.path()).status();
    }
}

fn create_fails_with(c: &mut Conn, words: &[&str]) -> String {
    let bi = c.call(V, CREATE, create_aes_v1(256));
    assert_ne!(
        result_status(&bi),
        0,
        "a Create succeeded on a store that cannot be written"
    );
    let msg = bi
        .child(tag::RESULT_MESSAGE)
        .and_then(Item::as_text)
        .unwrap_or_default()
        .to_owned();
    assert!(
        words.iter().any(|w| msg.contains(w)),
        "unclear error: {msg}"
    );
    msg
}

#[test]
fn store_read_only_or_removed_under_a_running_server() {
    if !is_root() {
        eprintln!("SKIPPED: mounting file systems needs root");
        return;
    }
    // Read-only: the file system turns read-only under the running server.
    match LoopExt4::mount() {
        None => eprintln!("SKIPPED (read-only part): cannot mount an ext4 loop file here"),
        Some(fs) => {
            let data = fs.path().join("data");
            let (mut s, health) = server_on(&data, true);
            let health = health.expect("health");
            let creds = s.issue("app", "default");
            let mut c = Conn::connect(s.addr, &creds);
            let uid = uid_of(&c.ok(V, CREATE, create_aes_v1(256)));
            // A key's first Get writes (Fresh turns false); keys served before stay readable.
            c.ok(V, GET, vec![uid_item(&uid)]);
            assert_eq!(http_get(health, "/readyz").0, 200);
            fs.fail();
            let msg = create_fails_with(&mut c, &["nothing was written"]);
            eprintln!("read-only file system: Create answered {msg:?}");
            let bi = c.call(V, GET, vec![uid_item(&uid)]);
            let log = s.log_text();
            let tail = &log[log.len().saturating_sub(3000)..];
            assert_eq!(result_status(&bi), 0, "reads go on ({uid}): {tail}");
            let (code, body) = http_get(health, "/readyz");
            assert_eq!(code, 503, "{body}");
            assert!(body.contains("not writable"), "{body}");
            assert!(s
                .child
                .as_mut()
                .expect("child")
                .try_wait()
                .expect("wait")
                .is_none());
            assert!(!s.log_text().contains("panicked"), "no panic");
            drop(c);
            s.kill();
        }
    }

    // Removed: writes refused (they would go to a file nobody opens again), not ready.
    let Some(fs) = Tmpfs::mount("64m") else {
        eprintln!("SKIPPED (removal part): mount -t tmpfs is not permitted here");
        return;
    };
    let data = fs.path().join("data");
    let (mut s, health) = server_on(&data, true);
    let health = health.expect("health");
    let creds = s.issue("app", "default");
    let mut c = Conn::connect(s.addr, &creds);
    c.ok(V, CREATE, create_aes_v1(256));
    assert_eq!(http_get(health, "/readyz").0, 200);
    for f in ["keyhaven.db", "keyhaven.db-wal", "keyhaven.db-shm"] {
        let _ = std::fs::remove_file(data.join(f));
    }
    let msg = create_fails_with(&mut c, &["removed or replaced"]);
    eprintln!("database file removed: Create answered {msg:?}");
    let (code, body) = http_get(health, "/readyz");
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("removed"), "{body}");
    assert!(
        s.child
            .as_mut()
            .expect("child")
            .try_wait()
            .expect("wait")
            .is_none(),
        "still running"
    );
    assert!(!s.log_text().contains("panicked"), "no panic");
    drop(c);
    s.kill();
}
