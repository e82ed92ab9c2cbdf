//! Online backup and restore through the real binary (docs/disaster-recovery.md):
//!
//! * a backup taken while clients create keys, restored into another data directory (and, for
//!   PostgreSQL, another database), a server started there serving every key acknowledged before
//!   the backup began with the same material as the original;
//! * no served key, root key or server private key in clear anywhere in the file;
//! * a truncated, altered or wrongly-passphrased backup refused with a clear error, leaving the
//!   target directory empty; a non-empty target refused.

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use common::*;
use keyhaven_kmip::tag;

const PASSPHRASE: &str = "correct horse battery staple";

/// Runs `keyhaven --data-dir DATA [--database-url URL] ARGS`.
fn run(data: &Path, url: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(bin());
    c.arg("--data-dir").arg(data);
    if let Some(u) = url {
        c.args(["--database-url", u]);
    }
    c.args(args).output().expect("run keyhaven")
}

fn ok(out: Output, what: &str) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed: {text}");
    text
}

fn fails(out: Output, what: &str) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{what} should fail: {text}");
    text
}

fn write_pass(dir: &Path, name: &str, pass: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("{pass}\n")).expect("passphrase file");
    p
}

fn get_key(c: &mut Conn, uid: &str) -> Vec<u8> {
    key_material(&c.ok(V1_1, GET, vec![uid_item(uid)]))
}

/// Creates keys on `creds`' connection until `stop`; returns the identifiers acknowledged, with
/// whether `began` was already set when each was acknowledged.
fn create_load(
    addr: std::net::SocketAddr,
    creds: &Creds,
    stop: &AtomicBool,
    acked: &Mutex<Vec<String>>,
) -> usize {
    let mut c = Conn::connect(addr, creds);
    let mut errors = 0;
    // Bounded whatever happens: at most 5000 creates.
    for _ in 0..5000 {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let bi = c.call(V1_1, CREATE, create_aes_v1(256));
        if result_status(&bi) != 0 {
            errors += 1;
            continue;
        }
        let uid = uid_of(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"));
        acked.lock().expect("lock").push(uid);
    }
    errors
}

/// A restored node: a data directory and its server process.
fn start_on(dir: tempfile::TempDir, extra: &[&str]) -> TestServer {
    let mut s = TestServer {
        log: dir.path().join("server.log"),
        dir,
        child: None,
        addr: "127.0.0.1:1".parse().expect("addr"),
    };
    s.spawn(extra);
    s
}

fn unsealed_root_keys(data: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(data.join("rootkeys")).expect("rootkeys") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "key") {
            let b = std::fs::read(&p).expect("key file");
            // "KHCRK" | version | mode 0 | key (32)
            assert_eq!(b[6], 0, "test keys are unsealed");
            out.push(b[7..39].to_vec());
        }
    }
    assert!(!out.is_empty());
    out
}

fn der_of_pem_key(pem: &[u8]) -> Vec<u8> {
    use rustls_pki_types::pem::PemObject;
    rustls_pki_types::PrivateKeyDer::from_pem_slice(pem)
        .expect("key pem")
        .secret_der()
        .to_vec()
}

/// The whole scenario on one store: `url` None for SQLite.
fn backup_under_load_and_restore(url: Option<&str>, url2: Option<&str>) {
    let extra: Vec<&str> = url.map(|u| vec!["--database-url", u]).unwrap_or_default();
    let server = TestServer::start_with(&extra);
    let data = server.data();
    let out = ok(
        run(
            &data,
            url,
            &[
                "client",
                "issue",
                "--name",
                "app",
                "--out",
                server.dir.path().join("app").to_str().expect("utf8"),
            ],
        ),
        "client issue",
    );
    assert!(out.contains("app"), "{out}");
    let app = server.dir.path().join("app");
    let creds = Creds::load(
        &app.join("app.crt"),
        &app.join("app.key"),
        &app.join("ca.crt"),
    );
    let work = tempfile::tempdir().expect("tempdir");
    let pass = write_pass(work.path(), "pass", PASSPHRASE);
    let file = work.path().join("node.khbak");

    let mut c = Conn::connect(server.addr, &creds);
    for _ in 0..20 {
        uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    }
    let stop = AtomicBool::new(false);
    let acked = Mutex::new(Vec::new());
    let (before, errors) = std::thread::scope(|s| {
        let load = s.spawn(|| create_load(server.addr, &creds, &stop, &acked));
        // Let the load get going, then take the backup while it runs.
        while acked.lock().expect("lock").len() < 20 {
            std::thread::sleep(Duration::from_millis(10));
        }
        let before: Vec<String> = acked.lock().expect("lock").clone();
        let out = ok(
            run(
                &data,
                url,
                &[
                    "backup",
                    "--out",
                    file.to_str().expect("utf8"),
                    "--passphrase-file",
                    pass.to_str().expect("utf8"),
                ],
            ),
            "backup",
        );
        assert!(out.contains("Backup written"), "{out}");
        // The load goes on after the backup: 20 more creates at least.
        let n = acked.lock().expect("lock").len();
        while acked.lock().expect("lock").len() < n + 20 {
            std::thread::sleep(Duration::from_millis(10));
        }
        stop.store(true, Ordering::SeqCst);
        (before, load.join().expect("load"))
    });
    assert_eq!(errors, 0, "no Create failed during the backup");
    // Every key the original serves: the 20 first ones and all from the load.
    let all_uids: Vec<String> = {
        let v: serde_json::Value =
            serde_json::from_str(&ok(run(&data, url, &["key", "list", "--json"]), "key list"))
                .expect("json");
        v.as_array()
            .expect("array")
            .iter()
            .map(|k| k["uid"].as_str().expect("uid").to_owned())
            .collect()
    };
    assert!(all_uids.len() >= 60, "{} keys", all_uids.len());
    let originals: Vec<(String, Vec<u8>)> = all_uids
        .iter()
        .map(|u| (u.clone(), get_key(&mut c, u)))
        .collect();

    // verify: intact; the file holds nothing in clear.
    let out = ok(
        run(
            &data,
            None,
            &[
                "backup",
                "verify",
                file.to_str().expect("utf8"),
                "--passphrase-file",
                pass.to_str().expect("utf8"),
            ],
        ),
        "backup verify",
    );
    assert!(out.contains("intact"), "{out}");
    let bytes = std::fs::read(&file).expect("backup");
    let mut secrets: Vec<Vec<u8>> = originals.iter().map(|(_, k)| k.clone()).collect();
    secrets.extend(unsealed_root_keys(&data));
    secrets.push(der_of_pem_key(
        &std::fs::read(data.join("tls/server.key")).expect("server key"),
    ));
    secrets.push(der_of_pem_key(
        &std::fs::read(data.join("tls/ca.key")).expect("ca key"),
    ));
    for s in &secrets {
        let probe = &s[..s.len().min(32)];
        assert!(
            !bytes.windows(probe.len()).any(|w| w == probe),
            "secret material in clear in the backup"
        );
    }
    for clear in [&b"SQLite format 3"[..], b"BEGIN", b"tenants", b"default"] {
        assert!(
            !bytes.windows(clear.len()).any(|w| w == clear),
            "{:?} in clear in the backup",
            String::from_utf8_lossy(clear)
        );
    }

    // Restore elsewhere and serve.
    let target = tempfile::tempdir().expect("tempdir");
    let new_data = target.path().join("data");
    let out = ok(
        run(
            &new_data,
            url2,
            &[
                "restore",
                file.to_str().expect("utf8"),
                "--passphrase-file",
                pass.to_str().expect("utf8"),
            ],
        ),
        "restore",
    );
    assert!(out.contains("Restored"), "{out}");
    assert!(out.contains("active"), "root keys checked: {out}");
    let extra2: Vec<&str> = url2.map(|u| vec!["--database-url", u]).unwrap_or_default();
    let restored = start_on(target, &extra2);
    let mut c2 = Conn::connect(restored.addr, &creds);
    let acked_before: std::collections::HashSet<&String> = before.iter().collect();
    let mut compared_before = 0;
    for (uid, key) in &originals {
        let bi = c2.call(V1_1, GET, vec![uid_item(uid)]);
        if acked_before.contains(uid) {
            compared_before += 1;
        }
        if result_status(&bi) == 0 {
            let k = key_material(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"));
            assert_eq!(&k, key, "key {uid}: same material after restore");
        } else {
            // Only keys created after the backup began may be missing.
            assert!(
                !acked_before.contains(uid),
                "key {uid}, acknowledged before the backup began, is missing after restore"
            );
        }
    }
    assert_eq!(compared_before, before.len());
    // The 20 keys made before the load too: every key in the restored store is served.
    let restored_list: serde_json::Value = serde_json::from_str(&ok(
        run(restored.data().as_path(), url2, &["key", "list", "--json"]),
        "key list on the restored node",
    ))
    .expect("json");
    let restored_n = restored_list.as_array().expect("array").len();
    assert!(
        restored_n >= 20 + before.len(),
        "{restored_n} keys restored"
    );
    // A key created on the restored node works too.
    let uid = uid_of(&c2.ok(V1_1, CREATE, create_aes_v1(256)));
    assert_eq!(get_key(&mut c2, &uid).len(), 32);
}

#[test]
fn sqlite_backup_under_load_restores_every_key() {
    backup_under_load_and_restore(None, None);
}

#[test]
fn postgres_backup_under_load_restores_every_key() {
    let pg = pg::PgServer::start();
    let url = pg.create_database("origin");
    let url2 = pg.create_database("restored");
    backup_under_load_and_restore(Some(&url), Some(&url2));
    // Restoring into a database that holds data is refused.
    let work = tempfile::tempdir().expect("tempdir");
    let server = TestServer::start_with(&["--database-url", &url]);
    let pass = write_pass(work.path(), "pass", PASSPHRASE);
    let file = work.path().join("b");
    ok(
        run(
            &server.data(),
            Some(&url),
            &[
                "backup",
                "--out",
                file.to_str().expect("utf8"),
                "--passphrase-file",
                pass.to_str().expect("utf8"),
            ],
        ),
        "backup",
    );
    let err = fails(
        run(
            &work.path().join("new"),
            Some(&url2),
            &[
                "restore",
                file.to_str().expect("utf8"),
                "--passphrase-file",
                pass.to_str().expect("utf8"),
            ],
        ),
        "restore into a used database",
    );
    assert!(err.contains("empty database"), "{err}");
    assert!(!work.path().join("new").exists(), "nothing left behind");
}

#[test]
fn damaged_or_wrongly_unlocked_backups_are_refused() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    let work = tempfile::tempdir().expect("tempdir");
    let pass = write_pass(work.path(), "pass", PASSPHRASE);
    let wrong = write_pass(work.path(), "wrong", "not the right passphrase");
    let short = write_pass(work.path(), "short", "short");
    let file = work.path().join("b.khbak");
    let f = file.to_str().expect("utf8");
    let p = pass.to_str().expect("utf8");
    let err = fails(
        run(
            &server.data(),
            None,
            &[
                "backup",
                "--out",
                f,
                "--passphrase-file",
                short.to_str().expect("utf8"),
            ],
        ),
        "short passphrase",
    );
    assert!(err.contains("shorter than 12"), "{err}");
    ok(
        run(
            &server.data(),
            None,
            &["backup", "--out", f, "--passphrase-file", p],
        ),
        "backup",
    );
    let err = fails(
        run(
            &server.data(),
            None,
            &["backup", "--out", f, "--passphrase-file", p],
        ),
        "backup over an existing file",
    );
    assert!(err.contains("exists already"), "{err}");
    let bytes = std::fs::read(&file).expect("read");
    let target = work.path().join("target");

    let restore = |file: &Path, pass: &Path| {
        run(
            &target,
            None,
            &[
                "restore",
                file.to_str().expect("utf8"),
                "--passphrase-file",
                pass.to_str().expect("utf8"),
            ],
        )
    };
    // Wrong passphrase.
    let err = fails(restore(&file, &wrong), "wrong passphrase");
    assert!(err.contains("wrong passphrase"), "{err}");
    let err = fails(
        run(
            &target,
            None,
            &[
                "backup",
                "verify",
                f,
                "--passphrase-file",
                wrong.to_str().expect("utf8"),
            ],
        ),
        "verify, wrong passphrase",
    );
    assert!(err.contains("wrong passphrase"), "{err}");
    // Truncated: at several places, including the very end (the final chunk cut off).
    for cut in [10, 100, bytes.len() / 2, bytes.len() - 17, bytes.len() - 1] {
        let t = work.path().join(format!("cut{cut}"));
        std::fs::write(&t, &bytes[..cut]).expect("write");
        let err = fails(restore(&t, &pass), "truncated backup");
        assert!(
            err.contains("truncated") || (cut == 10 && err.contains("not a Keyhaven backup")),
            "cut at {cut}: {err}"
        );
        assert!(!target.exists(), "nothing written for a refused backup");
    }
    // One bit flipped in the middle, and at the end.
    for at in [bytes.len() / 2, bytes.len() - 5] {
        let mut altered = bytes.clone();
        altered[at] ^= 0x01;
        let t = work.path().join(format!("alt{at}"));
        std::fs::write(&t, &altered).expect("write");
        let err = fails(restore(&t, &pass), "altered backup");
        assert!(
            err.contains("altered") || err.contains("damaged"),
            "flip at {at}: {err}"
        );
        assert!(!target.exists(), "nothing written for a refused backup");
    }
    // Not empty.
    std::fs::create_dir_all(&target).expect("mkdir");
    std::fs::write(target.join("x"), b"x").expect("write");
    let err = fails(restore(&file, &pass), "restore into a non-empty directory");
    assert!(err.contains("not empty"), "{err}");
    // The intact file still restores.
    std::fs::remove_dir_all(&target).expect("rm");
    ok(restore(&file, &pass), "restore");
    assert!(target.join("keyhaven.db").exists());
    assert!(target.join("tls/ca.key").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target.join("tls/ca.key"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "private keys restored owner-only");
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "backup file owner-only");
    }
}
