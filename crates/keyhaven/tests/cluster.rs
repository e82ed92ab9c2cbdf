//! Keyhaven nodes sharing one PostgreSQL store (docs/cluster.md), against a real PostgreSQL server
//! that the test starts in a temporary directory (Debian's binaries; see tests/common/pg.rs), with
//! real `keyhaven serve` processes on 127.0.0.1:
//!
//! * the store conformance suite against SQLite and PostgreSQL alike, migrations applied once by
//!   nodes starting at once, bounded calls and reconnection after restarts;
//! * three nodes: a key created on one is read on the other two at once; revoke, destroy, trust
//!   and tenant changes made on one node hold on the others; readiness follows the root keys;
//! * a client listing the three nodes keeps working while a node is killed and restarted, and while
//!   PostgreSQL restarts, with every acknowledged key readable from every node afterwards;
//! * PostgreSQL stopped or frozen: clear KMIP errors within the bound, recovery without restart.
//!
//! All traffic stays on 127.0.0.1; each test is bounded (about a minute at most). The tests of this
//! file run one at a time (they measure interruptions, which parallel runs would distort).

#[path = "common/admin_http.rs"]
mod admin_http;
mod common;
#[path = "common/pg.rs"]
mod pg;
#[path = "common/store_suite.rs"]
mod store_suite;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use common::*;
use keyhaven::store::postgres::{PgSettings, PostgresStore, SCHEMA_VERSION};
use keyhaven::store::sqlite::SqliteStore;
use keyhaven::store::{ObjectFilter, Store, StoreError};
use keyhaven_kmip::enums::{result_reason, revocation_reason_code, state};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;
use pg::PgServer;

/// One cluster test at a time.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Store level
// ---------------------------------------------------------------------------------------------

#[test]
fn store_suite_sqlite() {
    let dirs = Mutex::new(Vec::new());
    store_suite::run_all(&|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("keyhaven.db");
        let f = store_suite::Fixture {
            store: Arc::new(SqliteStore::open(&db).expect("open")),
            other: Arc::new(SqliteStore::open(&db).expect("open other")),
        };
        dirs.lock().expect("dirs").push(dir);
        f
    });
}

#[test]
fn store_suite_postgres() {
    let _g = serial();
    let pg = PgServer::start();
    let n = std::sync::atomic::AtomicUsize::new(0);
    store_suite::run_all(&|| {
        let url = pg.create_database(&format!("suite{}", n.fetch_add(1, Ordering::SeqCst)));
        store_suite::Fixture {
            store: Arc::new(PostgresStore::open(&url, PgSettings::default()).expect("open")),
            other: Arc::new(PostgresStore::open(&url, PgSettings::default()).expect("open other")),
        }
    });
}

#[test]
fn postgres_migrations_run_once_and_newer_schema_is_refused() {
    let _g = serial();
    let pg = PgServer::start();
    let url = pg.create_database("keyhaven");
    // Eight nodes starting at the same instant on an empty database.
    let start = std::sync::Barrier::new(8);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                start.wait();
                let st = PostgresStore::open(&url, PgSettings::default())
                    .expect("every node opens the store");
                assert_eq!(st.schema_version().expect("version"), SCHEMA_VERSION);
            });
        }
    });
    assert_eq!(
        pg.psql(
            "keyhaven",
            "SELECT COUNT(*), MAX(version) FROM schema_version"
        ),
        format!("{SCHEMA_VERSION}|{SCHEMA_VERSION}\n"),
        "each migration recorded exactly once"
    );
    pg.psql(
        "keyhaven",
        &format!(
            "INSERT INTO schema_version VALUES ({}, 0)",
            SCHEMA_VERSION + 5
        ),
    );
    match PostgresStore::open(&url, PgSettings::default()) {
        Err(StoreError::Backend(m)) => {
            assert!(m.contains("newer"), "{m}");
            assert!(m.contains(&(SCHEMA_VERSION + 5).to_string()), "{m}");
        }
        Ok(_) => panic!("opened a database with a newer schema"),
        Err(e) => panic!("unexpected error {e}"),
    }
    // A password in the URL never appears in an error.
    let bad = format!(
        "postgres://postgres:s3cret-pw@127.0.0.1:{}/keyhaven?bogus_option=1",
        pg.port
    );
    let m = PostgresStore::open(&bad, PgSettings::default())
        .expect_err("unknown option")
        .to_string();
    assert!(!m.contains("s3cret-pw"), "{m}");
    assert!(m.contains("bogus_option"), "{m}");
}

#[test]
fn postgres_store_calls_are_bounded_and_reconnect() {
    let _g = serial();
    let pg = PgServer::start();
    let url = pg.create_database("keyhaven");
    let settings = PgSettings {
        pool_size: 4,
        connect_timeout: Duration::from_secs(2),
        statement_timeout: Duration::from_secs(2),
    };
    let s = PostgresStore::open(&url, settings).expect("open");
    s.insert_tenant(&store_suite::tenant("t1", "one"))
        .expect("tenant");
    s.insert_object(&store_suite::object("u1", "t1", 2, 1, 1))
        .expect("object");

    // Restart: the pooled connections die; the next read retries on a new one, the next write
    // connects anew (nothing to do for the caller).
    let took = pg.restart();
    eprintln!("pg_ctl restart took {took:?}");
    assert_eq!(
        s.get_object("t1", "u1").expect("read after restart").uid,
        "u1"
    );
    s.insert_object(&store_suite::object("u2", "t1", 2, 1, 2))
        .expect("write after restart");

    // Stopped: every call fails at once with a clear Backend error, and works again once the
    // server is back, without reopening the store.
    pg.stop();
    for _ in 0..3 {
        let t = Instant::now();
        match s.get_object("t1", "u1") {
            Err(StoreError::Backend(m)) => {
                assert!(m.contains("PostgreSQL"), "{m}");
                eprintln!("database stopped: {m} (after {:?})", t.elapsed());
            }
            other => panic!("expected a Backend error, got {other:?}"),
        }
        assert!(t.elapsed() <= settings.call_bound(), "{:?}", t.elapsed());
    }
    assert!(matches!(
        s.insert_object(&store_suite::object("u3", "t1", 2, 1, 3)),
        Err(StoreError::Backend(_))
    ));
    pg.start_again();
    assert_eq!(
        s.get_object("t1", "u2").expect("read after start").uid,
        "u2"
    );
    assert!(
        matches!(s.get_object("t1", "u3"), Err(StoreError::NotFound(_))),
        "the failed insert left nothing"
    );

    // Frozen (SIGSTOP: a server that accepts TCP but never answers, as in a partition): calls
    // return within the bound instead of hanging, then recover after SIGCONT.
    pg.freeze();
    let t = Instant::now();
    let r = s.get_object("t1", "u1");
    let waited = t.elapsed();
    pg.thaw();
    match r {
        Err(StoreError::Backend(m)) => eprintln!("database frozen: {m} (after {waited:?})"),
        other => panic!("expected a Backend error, got {other:?}"),
    }
    assert!(
        waited <= settings.call_bound() + Duration::from_millis(500),
        "a frozen database held a call for {waited:?} (bound {:?})",
        settings.call_bound()
    );
    let t = Instant::now();
    loop {
        match s.get_object("t1", "u1") {
            Ok(_) => break,
            Err(e) => assert!(
                t.elapsed() < Duration::from_secs(10),
                "no recovery after thaw: {e}"
            ),
        }
    }
}

#[test]
fn postgres_over_tls_verifies_the_server() {
    let _g = serial();
    let pg = PgServer::start();
    let url = pg.create_database("keyhaven");
    let ca = keyhaven::pki::generate_ca("Test database CA").expect("ca");
    let cert = keyhaven::pki::issue_server_cert(
        &ca,
        "localhost",
        &["localhost".to_owned()],
        &["127.0.0.1".parse().expect("ip")],
    )
    .expect("server cert");
    pg.enable_tls(&cert.cert_pem, &cert.key_pem);

    // By IP address and by name, the certificate verified against the CA.
    let by_name = format!("postgres://postgres@localhost:{}/keyhaven", pg.port);
    for u in [&url, &by_name] {
        let s = PostgresStore::open_tls(u, PgSettings::default(), ca.cert_pem.as_bytes())
            .expect("open over TLS");
        s.list_tenants().expect("query over TLS");
        let tls_sessions = pg.psql(
            "postgres",
            "SELECT COUNT(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
             WHERE a.application_name = 'keyhaven' AND s.ssl",
        );
        assert_ne!(tls_sessions.trim(), "0", "the store's sessions use TLS");
    }
    // Another CA: refused, with a reason.
    let other = keyhaven::pki::generate_ca("Someone else").expect("ca");
    let err = PostgresStore::open_tls(&url, PgSettings::default(), other.cert_pem.as_bytes())
        .expect_err("a server the CA did not sign")
        .to_string();
    assert!(err.contains("cannot connect"), "{err}");
    eprintln!("wrong CA: {err}");
    // sslmode=require without a CA to verify against is refused rather than unverified.
    let err = PostgresStore::open(&format!("{url}?sslmode=require"), PgSettings::default())
        .expect_err("require without CA")
        .to_string();
    assert!(err.contains("--database-ca"), "{err}");

    // The command line: --database-ca applies to admin commands and serve alike.
    let dir = tempfile::tempdir().expect("tempdir");
    let ca_file = dir.path().join("db-ca.pem");
    std::fs::write(&ca_file, &ca.cert_pem).expect("write ca");
    let out = admin(
        &dir.path().join("data"),
        &[
            "--database-url",
            &url,
            "--database-ca",
            ca_file.to_str().expect("utf8"),
            "tenant",
            "list",
        ],
    );
    assert!(out.contains("default"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------

/// One `keyhaven serve` process with fixed KMIP and health ports, so that it comes back on the
/// same address after a restart (a client's list of KMS nodes does not change).
struct Node {
    dir: tempfile::TempDir,
    child: Option<Child>,
    port: u16,
    health: u16,
    url: String,
    /// More `serve` arguments.
    extra: Vec<String>,
}

impl Node {
    fn new(url: &str) -> Node {
        Node {
            dir: tempfile::tempdir().expect("tempdir"),
            child: None,
            port: pg::free_port(),
            health: pg::free_port(),
            url: url.to_owned(),
            extra: Vec::new(),
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn health_addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.health))
    }

    fn start(&mut self) {
        let ready = self.dir.path().join("ready");
        let _ = std::fs::remove_file(&ready);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log())
            .expect("log");
        let child = Command::new(bin())
            .arg("--data-dir")
            .arg(self.data())
            .arg("--database-url")
            .arg(&self.url)
            .args(["serve", "--listen"])
            .arg(self.addr().to_string())
            .arg("--health-listen")
            .arg(self.health_addr().to_string())
            .args([
                "--root-key-check-secs",
                "1",
                "--log",
                "info",
                "--ready-file",
            ])
            .arg(&ready)
            .args(&self.extra)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn keyhaven serve");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        while !ready.exists() {
            if let Some(st) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!("node exited with {st}: {}", self.log_text());
            }
            assert!(
                Instant::now() < deadline,
                "node did not start: {}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// kill -9.
    fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(self.log()).unwrap_or_default()
    }

    /// An admin command against this node's data directory and the shared database.
    fn admin(&self, args: &[&str]) -> String {
        let mut all = vec!["--database-url", self.url.as_str()];
        all.extend_from_slice(args);
        admin(&self.data(), &all)
    }

    fn issue(&self, name: &str) -> Creds {
        let out = self.dir.path().join(format!("client-{name}"));
        self.admin(&[
            "client",
            "issue",
            "--name",
            name,
            "--out",
            out.to_str().expect("utf8"),
        ]);
        Creds::load(
            &out.join(format!("{name}.crt")),
            &out.join(format!("{name}.key")),
            &out.join("ca.crt"),
        )
    }

    /// GET on the health port: (status code, body).
    fn http(&self, path: &str) -> (u16, String) {
        http_get(self.health_addr(), path)
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

fn http_get(addr: SocketAddr, path: &str) -> (u16, String) {
    use std::io::Write;
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).expect("connect health");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("write");
    let mut text = String::new();
    s.read_to_string(&mut text).expect("read");
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.trim().to_owned())
        .unwrap_or_default();
    (code, body)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

/// A PostgreSQL server and `n` nodes sharing its database `keyhaven`, and a client trusted by all.
struct Cluster {
    nodes: Vec<Node>,
    creds: Creds,
    url: String,
    pg: PgServer,
}

impl Cluster {
    fn start(n: usize) -> Cluster {
        let pg = PgServer::start();
        let url = pg.create_database("keyhaven");
        let mut first = Node::new(&url);
        first.start();
        let mut nodes = vec![first];
        for _ in 1..n {
            // The nodes share the root keys and the server CA of the first (docs/cluster.md).
            let mut node = Node::new(&url);
            keyhaven::datadir::make_private_dir(&node.data()).expect("data dir");
            copy_dir(
                &nodes[0].data().join("rootkeys"),
                &node.data().join("rootkeys"),
            );
            keyhaven::datadir::make_private_dir(&node.data().join("tls")).expect("tls dir");
            for f in ["ca.crt", "ca.key"] {
                std::fs::copy(
                    nodes[0].data().join("tls").join(f),
                    node.data().join("tls").join(f),
                )
                .expect("copy CA");
            }
            node.start();
            nodes.push(node);
        }
        let creds = nodes[0].issue("app");
        Cluster {
            nodes,
            creds,
            url,
            pg,
        }
    }

    fn addrs(&self) -> Vec<SocketAddr> {
        self.nodes.iter().map(Node::addr).collect()
    }

    fn store(&self) -> PostgresStore {
        PostgresStore::open(&self.url, PgSettings::default()).expect("open store")
    }
}

fn tls_config(creds: &Creds) -> Arc<rustls::ClientConfig> {
    creds.client_config(&[&rustls::version::TLS13, &rustls::version::TLS12])
}

/// A KMIP connection with short timeouts (a client that never waits forever).
fn connect(addr: SocketAddr, cfg: &Arc<rustls::ClientConfig>) -> std::io::Result<Conn> {
    let tcp = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    tcp.set_read_timeout(Some(Duration::from_secs(15)))?;
    tcp.set_write_timeout(Some(Duration::from_secs(15)))?;
    tcp.set_nodelay(true)?;
    let name = rustls_pki_types::ServerName::try_from("localhost").expect("name");
    let conn = rustls::ClientConnection::new(cfg.clone(), name).expect("client conn");
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock)?;
    }
    Ok(Conn { tls })
}

fn message_of(bi: &Item) -> String {
    bi.child(tag::RESULT_MESSAGE)
        .and_then(Item::as_text)
        .unwrap_or("")
        .to_owned()
}

fn revoke_reason() -> Item {
    Item::structure(
        tag::REVOCATION_REASON,
        vec![Item::enumeration(
            tag::REVOCATION_REASON_CODE,
            revocation_reason_code::CESSATION_OF_OPERATION,
        )],
    )
}

fn state_of(c: &mut Conn, uid: &str) -> u32 {
    c.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(uid), Item::text(tag::ATTRIBUTE_NAME, "State")],
    )
    .child(tag::ATTRIBUTE)
    .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
    .and_then(Item::as_enum)
    .expect("state")
}

fn fails_with(bi: &Item, reason: u32) {
    assert_eq!(result_status(bi), 1, "expected a failure");
    assert_eq!(
        result_reason(bi),
        Some(reason),
        "message: {}",
        message_of(bi)
    );
}

/// Polls `f` every 50 ms until it returns true; panics after `limit`. Returns the time taken.
fn wait_until(limit: Duration, what: &str, mut f: impl FnMut() -> bool) -> Duration {
    let t = Instant::now();
    while !f() {
        assert!(t.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.elapsed()
}

/// Login tickets, waiting asynchronous requests, the tenant's Set Defaults and its CA live in the
/// store: what one node made, the other honours.
#[test]
fn two_nodes_share_tickets_async_requests_and_tenant_policy() {
    let _g = serial();
    let c = Cluster::start(2);
    let cfg = tls_config(&c.creds);
    let mut a = connect(c.nodes[0].addr(), &cfg).expect("node A");
    let mut b = connect(c.nodes[1].addr(), &cfg).expect("node B");

    // A ticket from node A, with two requests, works on node B, which counts its uses.
    let login = a.ok(V2_1, LOGIN, vec![Item::int(tag::REQUEST_COUNT, 2)]);
    let ticket = login.child(tag::TICKET).expect("ticket").clone();
    for _ in 0..2 {
        assert_success(&call_with(&mut b, ticket_auth(&ticket), QUERY, vec![]));
    }
    fails_with(
        &call_with(&mut a, ticket_auth(&ticket), QUERY, vec![]),
        result_reason::INVALID_TICKET,
    );
    // Logout on node B ends a ticket of node A on node A.
    let login = a.ok(V2_1, LOGIN, vec![]);
    let ticket = login.child(tag::TICKET).expect("ticket").clone();
    assert_success(&call_with(&mut a, ticket_auth(&ticket), QUERY, vec![]));
    b.ok(V2_1, LOGOUT, vec![ticket.clone()]);
    fails_with(
        &call_with(&mut a, ticket_auth(&ticket), QUERY, vec![]),
        result_reason::INVALID_TICKET,
    );

    // A request accepted asynchronously on node A is listed and polled on node B.
    let bi = call_with(
        &mut a,
        vec![Item::boolean(tag::ASYNCHRONOUS_INDICATOR, true)],
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, 2),
            Item::structure(
                tag::ATTRIBUTES,
                vec![
                    Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, 3),
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256),
                ],
            ),
        ],
    );
    assert_eq!(
        result_status(&bi),
        2,
        "Operation Pending: {}",
        message_of(&bi)
    );
    let corr = bi
        .child(tag::ASYNCHRONOUS_CORRELATION_VALUE)
        .and_then(Item::as_bytes)
        .expect("correlation")
        .to_vec();
    let listed = b.ok(V2_1, QUERY_ASYNCHRONOUS_REQUESTS, vec![]);
    assert_eq!(listed.children(tag::ASYNCHRONOUS_REQUEST).count(), 1);
    let poll = vec![Item::bytes(tag::ASYNCHRONOUS_CORRELATION_VALUE, corr)];
    let bi = b.call(V2_1, POLL, poll.clone());
    assert_success(&bi);
    let uid = uid_of(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"));
    assert_eq!(
        key_material(&a.ok(V2_1, GET, vec![uid_item(&uid)])).len(),
        32
    );
    fails_with(
        &a.call(V2_1, POLL, poll),
        result_reason::INVALID_ASYNCHRONOUS_CORRELATION_VALUE,
    );

    // Set Defaults on node A applies to a Create on node B.
    a.ok(
        V2_1,
        SET_DEFAULTS,
        vec![Item::structure(
            tag::DEFAULTS_INFORMATION,
            vec![Item::structure(
                tag::OBJECT_DEFAULTS,
                vec![
                    Item::enumeration(tag::OBJECT_TYPE, 2),
                    Item::structure(
                        tag::ATTRIBUTES,
                        vec![
                            Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, 3),
                            Item::int(tag::CRYPTOGRAPHIC_LENGTH, 128),
                        ],
                    ),
                ],
            )],
        )],
    );
    let uid = uid_of(&b.ok(
        V2_1,
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, 2),
            Item::structure(tag::ATTRIBUTES, vec![]),
        ],
    ));
    assert_eq!(
        key_material(&a.ok(V2_1, GET, vec![uid_item(&uid)])).len(),
        16
    );

    // Both nodes certify with the tenant's one CA.
    let kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("key pair");
    let csr = rcgen::CertificateParams::new(vec!["x".to_owned()])
        .expect("params")
        .serialize_request(&kp)
        .expect("csr");
    let issuer = |conn: &mut Conn| {
        let cert = uid_of(&conn.ok(
            V2_1,
            CERTIFY,
            vec![
                Item::enumeration(tag::CERTIFICATE_REQUEST_TYPE, 2),
                Item::bytes(tag::CERTIFICATE_REQUEST, csr.der().to_vec()),
                Item::structure(tag::ATTRIBUTES, vec![]),
            ],
        ));
        conn.ok(
            V2_1,
            GET_ATTRIBUTES,
            vec![
                uid_item(&cert),
                Item::enumeration(tag::ATTRIBUTE_REFERENCE, tag::LINK),
            ],
        )
        .child(tag::ATTRIBUTES)
        .and_then(|a| a.child(tag::LINK))
        .and_then(|l| l.child(tag::LINKED_OBJECT_IDENTIFIER))
        .and_then(Item::as_text)
        .expect("link to the CA")
        .to_owned()
    };
    assert_eq!(issuer(&mut a), issuer(&mut b));
}

#[test]
fn three_nodes_share_keys_trust_and_state() {
    let _g = serial();
    let c = Cluster::start(3);
    let cfg = tls_config(&c.creds);
    let mut n1 = connect(c.nodes[0].addr(), &cfg).expect("node 1");

    // Create on node 1, then Get on nodes 2 and 3 at the same instant.
    let uid = uid_of(&n1.ok(V1_1, CREATE, create_aes_v1(256)));
    let key = key_material(&n1.ok(V1_1, GET, vec![uid_item(&uid)]));
    let go = std::sync::Barrier::new(2);
    let got: Vec<Vec<u8>> = std::thread::scope(|s| {
        let hs: Vec<_> = [1, 2]
            .into_iter()
            .map(|i| {
                let (addr, cfg, uid, go) = (c.nodes[i].addr(), cfg.clone(), uid.clone(), &go);
                s.spawn(move || {
                    let mut conn = connect(addr, &cfg).expect("connect");
                    go.wait();
                    key_material(&conn.ok(V1_1, GET, vec![uid_item(&uid)]))
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("reader")).collect()
    });
    assert_eq!(
        got,
        vec![key.clone(), key.clone()],
        "same key on every node"
    );

    // Revoke on node 3: node 1 sees it on its next request, on the connection it already has.
    let mut n3 = connect(c.nodes[2].addr(), &cfg).expect("node 3");
    n3.ok(V1_1, ACTIVATE, vec![uid_item(&uid)]);
    assert_eq!(state_of(&mut n1, &uid), state::ACTIVE);
    n3.ok(V1_1, REVOKE, vec![uid_item(&uid), revoke_reason()]);
    assert_eq!(state_of(&mut n1, &uid), state::DEACTIVATED);
    // Destroy on node 2: gone on node 1 and node 3 at once.
    let mut n2 = connect(c.nodes[1].addr(), &cfg).expect("node 2");
    n2.ok(V1_1, DESTROY, vec![uid_item(&uid)]);
    // (KMIP 2.0 has the Object Destroyed reason; 1.x clients get Item Not Found.)
    fails_with(
        &n1.call(V2_0, GET, vec![uid_item(&uid)]),
        result_reason::OBJECT_DESTROYED,
    );
    fails_with(
        &n3.call(V2_0, GET, vec![uid_item(&uid)]),
        result_reason::OBJECT_DESTROYED,
    );

    // Concurrent updates of one key from three nodes (optimistic revisions in the one database):
    // every request answers, at worst "being changed by many requests at once; retry", and none
    // of the changes is lost.
    let uid2 = uid_of(&n1.ok(V1_1, CREATE, create_aes_v1(128)));
    let busy = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for i in 0..3 {
            let (addr, cfg, uid2, busy) = (c.nodes[i].addr(), cfg.clone(), uid2.clone(), &busy);
            s.spawn(move || {
                let mut conn = connect(addr, &cfg).expect("connect");
                for j in 0..10 {
                    let add = vec![
                        uid_item(&uid2),
                        attr_v1("x-Node", Item::text(0, format!("n{i}-{j}"))),
                    ];
                    for attempt in 0.. {
                        let bi = conn.call(V1_1, ADD_ATTRIBUTE, add.clone());
                        if result_status(&bi) == 0 {
                            break;
                        }
                        assert!(
                            message_of(&bi).contains("retry") && attempt < 20,
                            "{}",
                            message_of(&bi)
                        );
                        busy.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(5 + 7 * i as u64));
                    }
                }
            });
        }
    });
    eprintln!(
        "30 concurrent updates of one key through three nodes: {} answered 'retry'",
        busy.into_inner()
    );
    let all = n2.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(&uid2), Item::text(tag::ATTRIBUTE_NAME, "x-Node")],
    );
    assert_eq!(
        all.children(tag::ATTRIBUTE).count(),
        30,
        "every add from every node kept"
    );

    // Trust: a client issued through node 2's admin command connects to node 3 at once...
    let late = c.nodes[1].issue("late");
    let late_cfg = tls_config(&late);
    let t = Instant::now();
    let mut conn = connect(c.nodes[2].addr(), &late_cfg).expect("late client");
    conn.ok(V1_1, CREATE, create_aes_v1(256));
    eprintln!(
        "client trusted on node 2 served by node 3 {:?} after the command returned",
        t.elapsed()
    );
    drop(conn);
    // ...and once removed through node 1, its next connection to node 2 is refused.
    c.nodes[0].admin(&["client", "remove", "late"]);
    let mut conn = connect(c.nodes[1].addr(), &late_cfg).expect("connect");
    fails_with(
        &conn.call(V1_1, CREATE, create_aes_v1(256)),
        result_reason::AUTHENTICATION_NOT_SUCCESSFUL,
    );
    // A tenant suspended through node 3: refused on node 1's next connection at once, and on a
    // connection to node 2 opened before, within the trust refresh bound; resumed, served again.
    let mut open2 = connect(c.nodes[1].addr(), &cfg).expect("connect");
    open2.ok(V1_1, CREATE, create_aes_v1(256));
    c.nodes[2].admin(&["tenant", "suspend", "default"]);
    let suspended = Instant::now();
    let mut conn = connect(c.nodes[0].addr(), &cfg).expect("connect");
    fails_with(
        &conn.call(V1_1, CREATE, create_aes_v1(256)),
        result_reason::PERMISSION_DENIED,
    );
    wait_until(
        Duration::from_secs(3),
        "suspension on an open connection",
        || result_status(&open2.call(V1_1, CREATE, create_aes_v1(256))) == 1,
    );
    eprintln!(
        "suspension through node 3 refused on node 2's open connection {:?} after the command",
        suspended.elapsed()
    );
    c.nodes[1].admin(&["tenant", "resume", "default"]);
    let mut conn = connect(c.nodes[0].addr(), &cfg).expect("connect");
    conn.ok(V1_1, CREATE, create_aes_v1(256));
    wait_until(
        Duration::from_secs(3),
        "resumption on an open connection",
        || result_status(&open2.call(V1_1, CREATE, create_aes_v1(256))) == 0,
    );

    // One audit trail: what nodes 1, 2 and 3 did to the first key, read through node 2.
    let trail = wait_until(
        Duration::from_secs(10),
        "audit records of all nodes",
        || {
            let out = c.nodes[1].admin(&["audit", "--uid", &uid, "--json"]);
            ["Create", "Revoke", "Destroy"]
                .iter()
                .all(|op| out.contains(op))
        },
    );
    eprintln!("audit records of three nodes visible within {trail:?}");

    // Readiness follows the root key: node 3 without its copy of the root key is not ready (within
    // --root-key-check-secs), the others are; with the file back it is ready again.
    for n in &c.nodes {
        let (code, body) = n.http("/readyz");
        assert_eq!(code, 200, "{body}");
        assert_eq!(n.http("/healthz").0, 200);
    }
    assert_eq!(c.nodes[0].http("/nope").0, 404);
    let keys = c.nodes[2].data().join("rootkeys");
    let aside = c.nodes[2].dir.path().join("rootkeys-aside");
    std::fs::rename(&keys, &aside).expect("hide root keys");
    let took = wait_until(Duration::from_secs(10), "node 3 not ready", || {
        let (code, body) = c.nodes[2].http("/readyz");
        code == 503 && body.contains("root key")
    });
    eprintln!(
        "root key gone: node 3 not ready after {took:?}: {}",
        c.nodes[2].http("/readyz").1
    );
    assert_eq!(c.nodes[0].http("/readyz").0, 200);
    std::fs::rename(&aside, &keys).expect("restore root keys");
    wait_until(Duration::from_secs(10), "node 3 ready again", || {
        c.nodes[2].http("/readyz").0 == 200
    });
}

// ---------------------------------------------------------------------------------------------
// Failover under load
// ---------------------------------------------------------------------------------------------

/// A client configured with every node, trying them in turn as vCenter does with a KMS cluster:
/// it stays on a node until a request fails (connection error or a KMIP failure), then moves on.
struct FailoverClient {
    addrs: Vec<SocketAddr>,
    cfg: Arc<rustls::ClientConfig>,
    cur: usize,
    conn: Option<Conn>,
    /// Failures seen and retried: what the client was told.
    seen: BTreeMap<String, usize>,
}

impl FailoverClient {
    fn new(addrs: Vec<SocketAddr>, cfg: Arc<rustls::ClientConfig>, first: usize) -> Self {
        FailoverClient {
            cur: first % addrs.len(),
            addrs,
            cfg,
            conn: None,
            seen: BTreeMap::new(),
        }
    }

    fn fail(&mut self, what: String) {
        *self.seen.entry(what).or_default() += 1;
        self.conn = None;
        self.cur = (self.cur + 1) % self.addrs.len();
        std::thread::sleep(Duration::from_millis(20));
    }

    /// One operation, failing over until it succeeds or `give_up` passes.
    fn call(
        &mut self,
        operation: u32,
        payload: Vec<Item>,
        give_up: Duration,
    ) -> Result<Item, String> {
        let t = Instant::now();
        loop {
            if t.elapsed() > give_up {
                return Err(format!(
                    "no node answered within {give_up:?}: {:?}",
                    self.seen
                ));
            }
            if self.conn.is_none() {
                match connect(self.addrs[self.cur], &self.cfg) {
                    Ok(c) => self.conn = Some(c),
                    Err(e) => {
                        self.fail(format!("connect: {:?}", e.kind()));
                        continue;
                    }
                }
            }
            let Some(conn) = self.conn.as_mut() else {
                continue;
            };
            let msg = request(V1_1, None, &[(operation, None, payload.clone())]);
            let bytes = match conn.send_raw(&keyhaven_ttlv::encode(&msg)) {
                Ok(b) => b,
                Err(e) => {
                    self.fail(format!("connection: {:?}", e.kind()));
                    continue;
                }
            };
            let resp = keyhaven_ttlv::decode(&bytes, &keyhaven_ttlv::Limits::default())
                .map_err(|e| format!("undecodable response: {e}"))?;
            let bi = batch_items(&resp)
                .into_iter()
                .next()
                .ok_or("no batch item")?;
            if result_status(&bi) == 0 {
                return Ok(bi
                    .child(tag::RESPONSE_PAYLOAD)
                    .cloned()
                    .unwrap_or_else(|| Item::structure(tag::RESPONSE_PAYLOAD, vec![])));
            }
            if result_reason(&bi) != Some(result_reason::GENERAL_FAILURE) {
                return Err(format!("{:?}: {}", result_reason(&bi), message_of(&bi)));
            }
            self.fail(format!("KMIP General Failure: {}", message_of(&bi)));
        }
    }
}

/// What a load run saw.
#[derive(Default)]
struct LoadReport {
    /// Acknowledged keys: uid and (when its Get answered) the material.
    keys: Vec<(String, Option<Vec<u8>>)>,
    ops: usize,
    /// The longest a single operation took, failover retries included.
    longest_op: Duration,
    /// The longest a client went without any successful answer.
    longest_gap: Duration,
    seen: BTreeMap<String, usize>,
}

/// Runs `workers` clients doing Create then Get until `stop` is set.
fn run_load(
    addrs: &[SocketAddr],
    cfg: &Arc<rustls::ClientConfig>,
    workers: usize,
    stop: &AtomicBool,
) -> LoadReport {
    let reports: Vec<LoadReport> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..workers)
            .map(|w| {
                let mut client = FailoverClient::new(addrs.to_vec(), cfg.clone(), w);
                s.spawn(move || {
                    let mut r = LoadReport::default();
                    let mut last_ok = Instant::now();
                    while !stop.load(Ordering::SeqCst) {
                        let t = Instant::now();
                        let created =
                            client.call(CREATE, create_aes_v1(256), Duration::from_secs(30));
                        let uid = uid_of(&created.expect("Create failed past the give-up bound"));
                        note(&mut r, t, &mut last_ok);
                        let t = Instant::now();
                        let key = client
                            .call(GET, vec![uid_item(&uid)], Duration::from_secs(30))
                            .map(|p| key_material(&p))
                            .expect("Get failed past the give-up bound");
                        note(&mut r, t, &mut last_ok);
                        r.keys.push((uid, Some(key)));
                    }
                    r.seen = std::mem::take(&mut client.seen);
                    r
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("worker")).collect()
    });
    let mut all = LoadReport::default();
    for r in reports {
        all.keys.extend(r.keys);
        all.ops += r.ops;
        all.longest_op = all.longest_op.max(r.longest_op);
        all.longest_gap = all.longest_gap.max(r.longest_gap);
        for (k, v) in r.seen {
            *all.seen.entry(k).or_default() += v;
        }
    }
    all
}

fn note(r: &mut LoadReport, started: Instant, last_ok: &mut Instant) {
    r.ops += 1;
    r.longest_op = r.longest_op.max(started.elapsed());
    r.longest_gap = r.longest_gap.max(last_ok.elapsed());
    *last_ok = Instant::now();
}

/// Reads every key from every node (Gets in batches); returns the number not readable or changed.
fn lost_keys(c: &Cluster, keys: &[(String, Option<Vec<u8>>)]) -> usize {
    let cfg = tls_config(&c.creds);
    let mut lost = BTreeSet::new();
    for node in &c.nodes {
        let mut conn = connect(node.addr(), &cfg).expect("connect for the check");
        for chunk in keys.chunks(64) {
            let ids: Vec<[u8; 4]> = (0..chunk.len() as u32).map(u32::to_be_bytes).collect();
            let ops: Vec<Op<'_>> = chunk
                .iter()
                .zip(&ids)
                .map(|((uid, _), id)| (GET, Some(&id[..]), vec![uid_item(uid)]))
                .collect();
            // Continue: one unreadable key must not hide the others.
            let header = vec![Item::enumeration(tag::BATCH_ERROR_CONTINUATION_OPTION, 1)];
            let bytes = conn
                .send_raw(&keyhaven_ttlv::encode(&request(V1_1, Some(header), &ops)))
                .unwrap_or_else(|e| {
                    let log = node.log_text();
                    let tail: Vec<&str> = log.lines().rev().take(30).collect();
                    panic!(
                        "check on {}: {e}; node log (newest first): {tail:#?}",
                        node.addr()
                    )
                });
            let resp =
                keyhaven_ttlv::decode(&bytes, &keyhaven_ttlv::Limits::default()).expect("decode");
            let items = batch_items(&resp);
            for (i, (uid, want)) in chunk.iter().enumerate() {
                let ok = items.get(i).is_some_and(|bi| {
                    result_status(bi) == 0
                        && bi.child(tag::RESPONSE_PAYLOAD).is_some_and(|p| match want {
                            Some(w) => &key_material(p) == w,
                            None => true,
                        })
                });
                if !ok {
                    lost.insert(uid.clone());
                }
            }
        }
    }
    lost.len()
}

#[test]
fn node_killed_and_restarted_under_load() {
    let _g = serial();
    let mut c = Cluster::start(3);
    let cfg = tls_config(&c.creds);
    let addrs = c.addrs();
    let stop = AtomicBool::new(false);
    let (report, down_for) = std::thread::scope(|s| {
        let load = s.spawn(|| run_load(&addrs, &cfg, 2, &stop));
        std::thread::sleep(Duration::from_secs(2));
        // Both clients list node 1 first... one of them is on it: kill -9 under load.
        c.nodes[0].kill();
        let killed = Instant::now();
        std::thread::sleep(Duration::from_secs(3));
        c.nodes[0].start();
        let down_for = killed.elapsed();
        std::thread::sleep(Duration::from_secs(2));
        // Then the node that took over goes down too (the restarted one serves again).
        c.nodes[1].kill();
        std::thread::sleep(Duration::from_secs(2));
        c.nodes[1].start();
        std::thread::sleep(Duration::from_secs(1));
        stop.store(true, Ordering::SeqCst);
        (load.join().expect("load"), down_for)
    });
    let lost = lost_keys(&c, &report.keys);
    eprintln!(
        "NODE FAILOVER: {} operations, {} keys acknowledged, node down {:.1?} (twice); \
         longest single operation {:?}, longest gap without an answer {:?}; lost keys: {lost}; \
         failures retried: {:?}",
        report.ops,
        report.keys.len(),
        down_for,
        report.longest_op,
        report.longest_gap,
        report.seen
    );
    assert_eq!(lost, 0, "acknowledged keys lost or unreadable");
    assert!(report.keys.len() > 20, "the load did not run");
    assert!(
        report.longest_op < Duration::from_secs(5),
        "a client waited {:?} for one answer",
        report.longest_op
    );
}

/// Objects in the store that no client was told about (a Create whose answer was lost) must still
/// be whole: every row is readable through KMIP.
fn every_row_is_whole(c: &Cluster, acknowledged: usize) -> usize {
    let store = c.store();
    let tenant = store.get_tenant_by_name("default").expect("default tenant");
    let rows = store
        .list_objects(&tenant.id, &ObjectFilter::default(), None)
        .expect("list objects");
    assert!(
        rows.len() >= acknowledged,
        "fewer rows than acknowledged keys"
    );
    let keys: Vec<(String, Option<Vec<u8>>)> = rows.into_iter().map(|o| (o.uid, None)).collect();
    assert_eq!(
        lost_keys(c, &keys),
        0,
        "a stored object is not readable (half-written?)"
    );
    keys.len() - acknowledged
}

#[test]
fn postgres_restarted_under_load() {
    let _g = serial();
    let c = Cluster::start(3);
    let cfg = tls_config(&c.creds);
    let addrs = c.addrs();
    let stop = AtomicBool::new(false);
    let (report, restart_took) = std::thread::scope(|s| {
        let load = s.spawn(|| run_load(&addrs, &cfg, 2, &stop));
        std::thread::sleep(Duration::from_secs(2));
        let took = c.pg.restart();
        std::thread::sleep(Duration::from_secs(3));
        stop.store(true, Ordering::SeqCst);
        (load.join().expect("load"), took)
    });
    let lost = lost_keys(&c, &report.keys);
    let orphans = every_row_is_whole(&c, report.keys.len());
    eprintln!(
        "POSTGRESQL RESTART: pg_ctl restart -m fast took {restart_took:?}; {} operations, {} keys \
         acknowledged; longest single operation {:?}, longest gap without an answer {:?}; lost \
         keys: {lost}; stored but unacknowledged (whole) keys: {orphans}; failures retried: {:?}",
        report.ops,
        report.keys.len(),
        report.longest_op,
        report.longest_gap,
        report.seen
    );
    assert_eq!(lost, 0, "acknowledged keys lost or unreadable");
    assert!(report.keys.len() > 20, "the load did not run");
    assert!(
        report.longest_gap < restart_took + Duration::from_secs(10),
        "no answer for {:?}",
        report.longest_gap
    );
    for n in &c.nodes {
        assert_eq!(n.http("/readyz").0, 200, "ready again without a restart");
    }
}

#[test]
fn postgres_unreachable_gives_clear_errors_then_recovers() {
    let _g = serial();
    let c = Cluster::start(3);
    let cfg = tls_config(&c.creds);
    let mut conns: Vec<Conn> = c
        .nodes
        .iter()
        .map(|n| connect(n.addr(), &cfg).expect("connect"))
        .collect();
    let uid = uid_of(&conns[0].ok(V1_1, CREATE, create_aes_v1(256)));
    for conn in conns.iter_mut() {
        conn.ok(V1_1, GET, vec![uid_item(&uid)]);
    }

    // Stopped: the nodes answer at once with General Failure and a clear message; not ready, alive.
    c.pg.stop();
    for (i, conn) in conns.iter_mut().enumerate() {
        let t = Instant::now();
        let bi = conn.call(V1_1, GET, vec![uid_item(&uid)]);
        fails_with(&bi, result_reason::GENERAL_FAILURE);
        assert!(
            message_of(&bi).contains("key store is unavailable"),
            "{}",
            message_of(&bi)
        );
        eprintln!(
            "node {} with PostgreSQL stopped: {:?} in {:?}",
            i + 1,
            message_of(&bi),
            t.elapsed()
        );
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        let (code, body) = c.nodes[i].http("/readyz");
        assert_eq!(code, 503, "{body}");
        assert!(body.contains("store unavailable"), "{body}");
        assert_eq!(c.nodes[i].http("/healthz").0, 200);
    }
    // A Create while the store is down leaves nothing behind.
    let bi = conns[1].call(V1_1, CREATE, create_aes_v1(256));
    fails_with(&bi, result_reason::GENERAL_FAILURE);
    // What a new connection sees while the store is down (trust cannot be loaded).
    let fresh = connect(c.nodes[2].addr(), &cfg).map(|mut k| {
        let msg = request(V1_1, None, &[(GET, None, vec![uid_item(&uid)])]);
        match k.send_raw(&keyhaven_ttlv::encode(&msg)) {
            Ok(b) => {
                let resp =
                    keyhaven_ttlv::decode(&b, &keyhaven_ttlv::Limits::default()).expect("decode");
                format!("KMIP answer: {}", message_of(&batch_items(&resp)[0]))
            }
            Err(e) => format!("connection closed ({:?})", e.kind()),
        }
    });
    eprintln!("a new connection while PostgreSQL is stopped: {fresh:?}");

    // Back: the same connections work again, no node restarted.
    c.pg.start_again();
    let t = Instant::now();
    for conn in conns.iter_mut() {
        wait_until(Duration::from_secs(10), "recovery", || {
            result_status(&conn.call(V1_1, GET, vec![uid_item(&uid)])) == 0
        });
    }
    eprintln!(
        "all nodes serve again {:?} after PostgreSQL started",
        t.elapsed()
    );
    for n in &c.nodes {
        assert_eq!(n.http("/readyz").0, 200);
    }
    let store = c.store();
    let tenant = store.get_tenant_by_name("default").expect("tenant");
    assert_eq!(
        store
            .list_objects(&tenant.id, &ObjectFilter::default(), None)
            .expect("list")
            .len(),
        1,
        "the Create refused while the store was down left no object"
    );

    // Frozen (accepts TCP, never answers: a partition): answers still come, within the bound.
    c.pg.freeze();
    // Each node's trust snapshot is then due for its check against the store: a request must
    // still wait out at most one store call's bound, not one for the trust check and one more.
    std::thread::sleep(keyhaven::server::identity::TRUST_REFRESH + Duration::from_millis(100));
    let bound = PgSettings::default().call_bound();
    let results: Vec<(Duration, Item)> = std::thread::scope(|s| {
        let hs: Vec<_> = conns
            .iter_mut()
            .map(|conn| {
                let uid = uid.clone();
                s.spawn(move || {
                    let t = Instant::now();
                    let bi = conn.call(V1_1, GET, vec![uid_item(&uid)]);
                    (t.elapsed(), bi)
                })
            })
            .collect();
        let ready = c.nodes[0].http("/readyz");
        eprintln!("readiness with PostgreSQL frozen: {ready:?}");
        assert_eq!(ready.0, 503);
        hs.into_iter().map(|h| h.join().expect("probe")).collect()
    });
    c.pg.thaw();
    for (took, bi) in &results {
        eprintln!(
            "PostgreSQL frozen: answered in {took:?}: {}",
            message_of(bi)
        );
        fails_with(bi, result_reason::GENERAL_FAILURE);
        assert!(
            *took <= bound + Duration::from_secs(1),
            "{took:?} > {bound:?}"
        );
    }
    for conn in conns.iter_mut() {
        wait_until(Duration::from_secs(15), "recovery after thaw", || {
            result_status(&conn.call(V1_1, GET, vec![uid_item(&uid)])) == 0
        });
    }
}

/// Administrators, sessions and lockouts live in the store: created through one node's command
/// line, a login on node 1 holds on node 2, a logout on node 2 ends it on node 1, and failures on
/// one node lock the name on the other. The server resource lists both nodes.
#[test]
fn administrators_and_sessions_hold_on_every_node() {
    let _g = serial();
    let mut c = Cluster::start(2);
    let ports: Vec<u16> = (0..2).map(|_| pg::free_port()).collect();
    for (n, port) in c.nodes.iter_mut().zip(&ports) {
        n.kill();
        n.extra = vec!["--admin-listen".into(), format!("127.0.0.1:{port}")];
        n.start();
    }
    let pw = c.nodes[0].dir.path().join("pw");
    std::fs::write(&pw, "alice-password-123\n").expect("password file");
    c.nodes[0].admin(&[
        "admin",
        "create-user",
        "--name",
        "alice",
        "--role",
        "operator",
        "--password-file",
        pw.to_str().expect("utf8"),
    ]);
    let ca = std::fs::read(c.nodes[0].data().join("tls/ca.crt")).expect("CA");
    let at = |i: usize| {
        admin_http::AdminClient::anonymous_at(SocketAddr::from(([127, 0, 0, 1], ports[i])), &ca)
    };
    let mut one = at(0);
    assert_eq!(one.login("alice", "alice-password-123").status, 200);
    // The same cookie and CSRF token on node 2.
    let mut two = at(1);
    two.cookie = one.cookie.clone();
    two.csrf = one.csrf.clone();
    let me = two.get("/api/v1/session");
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["user"], "alice");
    // Both nodes, as they reported themselves.
    let mut seen = 0;
    for _ in 0..100 {
        let server = two.get("/api/v1/server").json();
        let nodes = server["nodes"].as_array().cloned().unwrap_or_default();
        seen = nodes.len();
        if seen == 2 {
            assert_eq!(
                nodes.iter().filter(|n| n["this_node"] == true).count(),
                1,
                "{nodes:?}"
            );
            assert!(nodes.iter().all(|n| n["up"] == true), "{nodes:?}");
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(seen, 2, "both nodes in /api/v1/server");
    // Logout on node 2 ends the session on node 1.
    assert_eq!(
        two.post("/api/v1/logout", &serde_json::json!({})).status,
        204
    );
    assert_eq!(one.get("/api/v1/session").status, 401);

    // Five failures on node 1 lock the name on node 2 too.
    let mut wrong = at(0);
    for _ in 0..5 {
        assert_ne!(wrong.login("alice", "not-the-password").status, 200);
    }
    let mut right = at(1);
    let r = right.login("alice", "alice-password-123");
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(r.text().contains("locked"), "{}", r.text());
}
