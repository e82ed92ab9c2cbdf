//! Customer root key rotation without downtime, and its resumption after a crash.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use common::*;

fn tenant_root(data: &std::path::Path) -> String {
    let v: serde_json::Value =
        serde_json::from_str(&admin(data, &["tenant", "list", "--json"])).expect("json");
    v.as_array()
        .expect("array")
        .iter()
        .find(|t| t["name"] == "default")
        .expect("default")["root_key"]
        .as_str()
        .expect("root key")
        .to_owned()
}

fn rotations(data: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&admin(data, &["tenant", "rotations", "--json"])).expect("json")
}

fn create_and_get(c: &mut Conn) -> (String, Vec<u8>) {
    let uid = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    let key = key_material(&c.ok(V1_1, GET, vec![uid_item(&uid)]));
    (uid, key)
}

#[test]
fn keys_before_during_and_after_a_rotation_stay_readable() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let data = server.data();
    let mut c = Conn::connect(server.addr, &creds);
    let mut keys: Vec<(String, Vec<u8>)> = (0..5).map(|_| create_and_get(&mut c)).collect();
    let old_root = tenant_root(&data);

    // Load during the rotation, on a connection opened before it.
    let stop = Arc::new(AtomicBool::new(false));
    let during = Arc::new(Mutex::new(Vec::new()));
    let load = {
        let (stop, during, creds, addr) =
            (stop.clone(), during.clone(), creds.clone(), server.addr);
        std::thread::spawn(move || {
            let mut c = Conn::connect(addr, &creds);
            let mut errors = 0;
            while !stop.load(Ordering::Relaxed) {
                let bi = c.call(V1_1, CREATE, create_aes_v1(256));
                if result_status(&bi) != 0 {
                    errors += 1;
                    continue;
                }
                let uid = uid_of(
                    bi.child(keyhaven_kmip::tag::RESPONSE_PAYLOAD)
                        .expect("payload"),
                );
                let get = c.call(V1_1, GET, vec![uid_item(&uid)]);
                if result_status(&get) != 0 {
                    errors += 1;
                    continue;
                }
                let key = key_material(
                    get.child(keyhaven_kmip::tag::RESPONSE_PAYLOAD)
                        .expect("payload"),
                );
                during.lock().expect("lock").push((uid, key));
            }
            errors
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = admin(&data, &["tenant", "rotate-root", "default"]);
    assert!(out.contains("root key rotated"), "{out}");
    std::thread::sleep(std::time::Duration::from_millis(1000));
    stop.store(true, Ordering::Relaxed);
    assert_eq!(
        load.join().expect("load thread"),
        0,
        "no request failed during the rotation"
    );
    let during = during.lock().expect("lock").clone();
    assert!(
        during.len() > 5,
        "load ran through the rotation ({} keys)",
        during.len()
    );
    keys.extend(during);

    let new_root = tenant_root(&data);
    assert_ne!(new_root, old_root);
    assert_eq!(
        rotations(&data).as_array().map(Vec::len),
        Some(0),
        "the rotation is finished"
    );
    // The old root key is retired in the provider.
    let old_file = data.join("rootkeys").join(format!("{old_root}.disabled"));
    assert!(old_file.exists(), "old root key {old_root} disabled");

    // After: new keys, and every key (before, during, after) readable with its material, also after a restart.
    keys.extend((0..5).map(|_| create_and_get(&mut c)));
    let mut server = server;
    server.kill();
    server.spawn(&[]);
    let mut c = Conn::connect(server.addr, &creds);
    for (uid, key) in &keys {
        assert_eq!(
            &key_material(&c.ok(V1_1, GET, vec![uid_item(uid)])),
            key,
            "key {uid}"
        );
    }
}

#[test]
fn an_interrupted_rotation_resumes() {
    let mut server = TestServer::start();
    let creds = server.issue("app", "default");
    let data = server.data();
    let mut c = Conn::connect(server.addr, &creds);
    let before = create_and_get(&mut c);
    let old_root = tenant_root(&data);

    // Killed right after recording the rotation: running the command again resumes it.
    let out = std::process::Command::new(bin())
        .args([
            "--data-dir",
            data.to_str().expect("utf8"),
            "tenant",
            "rotate-root",
            "default",
        ])
        .env("KEYHAVEN_FAILPOINT", "rotation-after-begin")
        .output()
        .expect("run");
    assert!(!out.status.success(), "the failpoint aborted the command");
    let r = rotations(&data);
    assert_eq!(r[0]["phase"], "rewrapping");
    assert_eq!(tenant_root(&data), old_root, "not switched yet");
    assert_eq!(
        key_material(&c.ok(V1_1, GET, vec![uid_item(&before.0)])),
        before.1,
        "service goes on"
    );
    let out = admin(&data, &["tenant", "rotate-root", "default"]);
    assert!(out.contains("resumed"), "{out}");
    let second_root = tenant_root(&data);
    assert_eq!(second_root, r[0]["new_root_key"].as_str().expect("new ref"));

    // Killed right after the switch: the next `serve` finishes it (retires the old key).
    let out = std::process::Command::new(bin())
        .args([
            "--data-dir",
            data.to_str().expect("utf8"),
            "tenant",
            "rotate-root",
            "default",
        ])
        .env("KEYHAVEN_FAILPOINT", "rotation-after-switch")
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert_eq!(rotations(&data)[0]["phase"], "retiring");
    let third_root = tenant_root(&data);
    assert_ne!(third_root, second_root);
    server.kill();
    server.spawn(&[]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while rotations(&data).as_array().map(Vec::len) != Some(0) {
        assert!(
            std::time::Instant::now() < deadline,
            "serve did not finish the rotation: {}",
            server.log_text()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(data
        .join("rootkeys")
        .join(format!("{second_root}.disabled"))
        .exists());
    let mut c = Conn::connect(server.addr, &creds);
    assert_eq!(
        key_material(&c.ok(V1_1, GET, vec![uid_item(&before.0)])),
        before.1
    );
    let after = create_and_get(&mut c);
    assert_eq!(
        key_material(&c.ok(V1_1, GET, vec![uid_item(&after.0)])),
        after.1
    );
}
