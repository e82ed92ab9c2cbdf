//! Nodes joining a cluster with one command (docs/cluster.md), on a real PostgreSQL started by the
//! test and real `keyhaven serve` processes on 127.0.0.1:
//!
//! * node B joins node A with a one-time token; a tenant created on A afterwards and a root key
//!   rotated on B are served by both without a restart or a copied file;
//! * a third node C joins the two-node cluster with one command and serves every tenant's keys
//!   with the same material;
//! * a used token, and a token naming another CA, are refused; the database holds no root key in
//!   clear; `cluster status` lists the three nodes with their versions.

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use keyhaven_kmip::tag;

fn run(data: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--data-dir")
        .arg(data)
        .args(["--database-url", url])
        .args(args)
        .output()
        .expect("run keyhaven")
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
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

fn node(dir: tempfile::TempDir, url: &str, port: u16) -> TestServer {
    let mut s = TestServer {
        log: dir.path().join("server.log"),
        dir,
        child: None,
        addr: "127.0.0.1:1".parse().expect("addr"),
    };
    let listen = format!("127.0.0.1:{port}");
    s.spawn(&["--database-url", url, "--cluster-listen", &listen]);
    s
}

fn token(data: &Path, url: &str, port: u16) -> String {
    ok(
        run(
            data,
            url,
            &[
                "cluster",
                "token",
                "--address",
                &format!("127.0.0.1:{port}"),
            ],
        ),
        "cluster token",
    )
    .trim()
    .to_owned()
}

fn issue(s: &TestServer, url: &str, name: &str, tenant: &str) -> Creds {
    let out = s.dir.path().join(name);
    ok(
        run(
            &s.data(),
            url,
            &[
                "client",
                "issue",
                "--name",
                name,
                "--tenant",
                tenant,
                "--out",
                out.to_str().expect("utf8"),
            ],
        ),
        "client issue",
    );
    Creds::load(
        &out.join(format!("{name}.crt")),
        &out.join(format!("{name}.key")),
        &out.join("ca.crt"),
    )
}

fn create(s: &TestServer, creds: &Creds) -> (String, Vec<u8>) {
    let mut c = Conn::connect(s.addr, creds);
    let uid = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    let key = key_material(&c.ok(V1_1, GET, vec![uid_item(&uid)]));
    (uid, key)
}

fn get(s: &TestServer, creds: &Creds, uid: &str) -> Vec<u8> {
    let mut c = Conn::connect(s.addr, creds);
    let bi = c.call(V1_1, GET, vec![uid_item(uid)]);
    assert_success(&bi);
    key_material(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"))
}

fn unsealed_keys(data: &Path) -> Vec<Vec<u8>> {
    std::fs::read_dir(data.join("rootkeys"))
        .expect("rootkeys")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "key"))
        .map(|p| std::fs::read(p).expect("read")[7..39].to_vec())
        .collect()
}

#[test]
fn third_node_joins_a_two_node_cluster_and_serves_every_tenant() {
    let pg = pg::PgServer::start();
    let url = pg.create_database("keyhaven");
    let (pa, pb, pc) = (pg::free_port(), pg::free_port(), pg::free_port());
    let a = node(tempfile::tempdir().expect("tmp"), &url, pa);
    let app = issue(&a, &url, "app", "default");
    let before = create(&a, &app);

    // B joins A with one command.
    let t = token(&a.data(), &url, pa);
    let b_dir = tempfile::tempdir().expect("tmp");
    let out = ok(
        run(&b_dir.path().join("data"), &url, &["cluster", "join", &t]),
        "join B",
    );
    assert!(out.contains("Joined the cluster"), "{out}");
    let b = node(b_dir, &url, pb);
    assert_eq!(get(&b, &app, &before.0), before.1);
    // The token worked once.
    let err = fails(
        run(
            &tempfile::tempdir().expect("tmp").path().join("d"),
            &url,
            &["cluster", "join", &t],
        ),
        "join with a used token",
    );
    assert!(err.contains("already used"), "{err}");

    // A tenant created on A after B joined: served by B, no copy, no restart.
    ok(
        run(&a.data(), &url, &["tenant", "create", "t2"]),
        "tenant create",
    );
    let app2 = issue(&a, &url, "app2", "t2");
    let k2 = create(&a, &app2);
    assert_eq!(get(&b, &app2, &k2.0), k2.1, "B serves the new tenant's key");
    // The default tenant's root key rotated on B: A serves keys made after it.
    let out = ok(
        run(&b.data(), &url, &["tenant", "rotate-root", "default"]),
        "rotate",
    );
    assert!(out.contains("root key rotated"), "{out}");
    let after = create(&b, &app);
    assert_eq!(
        get(&a, &app, &after.0),
        after.1,
        "A serves a key under B's new root key"
    );
    assert_eq!(get(&a, &app, &before.0), before.1);

    // C joins the two-node cluster through B, with one command, and serves every tenant.
    let t2 = token(&b.data(), &url, pb);
    let c_dir = tempfile::tempdir().expect("tmp");
    ok(
        run(&c_dir.path().join("data"), &url, &["cluster", "join", &t2]),
        "join C",
    );
    let c = node(c_dir, &url, pc);
    for (creds, (uid, key)) in [(&app, &before), (&app, &after), (&app2, &k2)] {
        assert_eq!(&get(&c, creds, uid), key, "C serves {uid}");
    }

    // A token whose CA fingerprint is not the server's is refused before its secret is sent.
    let t3 = token(&a.data(), &url, pa);
    let (secret, rest) = t3.split_once('.').expect("token");
    let (_, addr) = rest.split_once('@').expect("token");
    let forged = format!("{secret}.{}@{addr}", "0".repeat(64));
    let err = fails(
        run(
            &tempfile::tempdir().expect("tmp").path().join("d"),
            &url,
            &["cluster", "join", &forged],
        ),
        "join with another CA's fingerprint",
    );
    assert!(err.contains("another CA"), "{err}");

    // The database holds root keys only sealed.
    let sealed = pg.psql(
        "keyhaven",
        "SELECT encode(sealed, 'hex') FROM cluster_root_keys",
    );
    assert!(sealed.lines().count() >= 3, "shared keys: {sealed}");
    for k in unsealed_keys(&a.data())
        .into_iter()
        .chain(unsealed_keys(&c.data()))
    {
        assert!(
            !sealed.contains(&hex::encode(&k)),
            "a root key in clear in the database"
        );
    }

    // Status lists the three serving nodes with their versions.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let v: serde_json::Value = serde_json::from_str(&ok(
        run(&a.data(), &url, &["cluster", "status", "--json"]),
        "status",
    ))
    .expect("json");
    let nodes = v.as_array().expect("array");
    assert_eq!(nodes.len(), 3, "{v}");
    for n in nodes {
        assert_eq!(n["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(n["up"], true, "{n}");
    }
    for s in [&a, &b, &c] {
        let addr = s.addr.to_string();
        assert!(
            nodes
                .iter()
                .any(|n| n["address"].as_str() == Some(addr.as_str())),
            "{addr} listed: {v}"
        );
    }
}
