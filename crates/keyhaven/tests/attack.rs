//! The server under attack (issue 14, items 4 and 5), against the real binary over real TLS:
//!
//! * floods from one host (127.0.0.2 / 127.0.0.3) while a legitimate client on 127.0.0.1 keeps
//!   being served within a stated bound: half-open connections, stalled handshakes, slowloris (a
//!   byte a second), 10,000 connection attempts;
//! * a corpus of malformed messages (truncation at every byte of real requests from
//!   testdata/kmip-vectors, wrong tags and item types, oversize lengths, 1,000-deep nesting, huge
//!   batch counts, invalid UTF-8): each gets a KMIP error or a clean close, and the server is
//!   alive after each;
//! * sloppy-but-common client habits answered helpfully (Revoke without the Revocation Reason
//!   structure, Query without a Query Function);
//! * key material out of memory: as root, the server's whole memory (/proc/PID/mem) holds none of
//!   the keys it served once they left its caches.
//!
//! The bound for the legitimate client is a liveness check (generous: 10 s per request on a
//! shared machine), not a timing benchmark.

mod common;

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use keyhaven_kmip::enums::{revocation_reason_code, state};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

/// Liveness bound for one legitimate request while the server is under attack.
const LEGIT_BOUND: Duration = Duration::from_secs(10);

/// A TCP connection from a chosen loopback source address (another "host").
fn connect_from(src: IpAddr, dst: SocketAddr) -> std::io::Result<TcpStream> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let s = tokio::net::TcpSocket::new_v4()?;
        s.bind(SocketAddr::new(src, 0))?;
        let c = tokio::time::timeout(Duration::from_secs(5), s.connect(dst))
            .await
            .map_err(|_| std::io::Error::other("connect timed out"))??;
        c.into_std()
    })
    .and_then(|s| {
        s.set_nonblocking(false)?;
        Ok(s)
    })
}

fn tls_from(src: IpAddr, dst: SocketAddr, creds: &Creds) -> std::io::Result<Conn> {
    let tcp = connect_from(src, dst)?;
    tcp.set_read_timeout(Some(Duration::from_secs(20)))?;
    let cfg = creds.client_config(&[&rustls::version::TLS13, &rustls::version::TLS12]);
    let name = rustls_pki_types::ServerName::try_from("localhost").expect("name");
    let conn = rustls::ClientConnection::new(cfg, name).map_err(std::io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock)?;
    }
    Ok(Conn { tls })
}

/// Whether the peer closed `s` within `wait` (EOF or reset), reading whatever it sent.
fn closed_within(s: &TcpStream, wait: Duration) -> bool {
    let _ = s.set_read_timeout(Some(wait));
    let mut s = s;
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + wait;
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                return false
            }
            Err(_) => return true,
        }
        if Instant::now() >= deadline {
            return false;
        }
    }
}

/// A legitimate client that keeps asking while an attack runs, recording the slowest answer.
struct Legit {
    stop: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    handle: std::thread::JoinHandle<Duration>,
}

impl Legit {
    fn start(addr: SocketAddr, creds: &Creds) -> Legit {
        let (stop, done) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicUsize::new(0)),
        );
        let (s2, d2, creds) = (stop.clone(), done.clone(), creds.clone());
        let handle = std::thread::spawn(move || {
            let mut worst = Duration::ZERO;
            let mut c: Option<Conn> = None;
            while !s2.load(Ordering::SeqCst) {
                let t = Instant::now();
                // A new connection every other request: handshakes must get through too.
                if c.is_none() || d2.load(Ordering::SeqCst) % 2 == 0 {
                    c = Some(
                        tls_from("127.0.0.1".parse().expect("ip"), addr, &creds)
                            .expect("legit connect"),
                    );
                }
                let conn = c.as_mut().expect("conn");
                conn.ok(ProtocolVersion::V1_2, QUERY, vec![]);
                worst = worst.max(t.elapsed());
                d2.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(200));
            }
            worst
        });
        Legit { stop, done, handle }
    }

    fn finish(self) -> (usize, Duration) {
        self.stop.store(true, Ordering::SeqCst);
        let worst = self.handle.join().expect("legitimate client failed");
        (self.done.load(Ordering::SeqCst), worst)
    }
}

fn raise_nofile(n: u64) {
    let mut l = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: valid rlimit pointers.
    unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut l);
        l.rlim_cur = n.min(l.rlim_max);
        libc::setrlimit(libc::RLIMIT_NOFILE, &l);
    }
}

#[test]
fn one_host_cannot_starve_the_others() {
    raise_nofile(30_000);
    let mut s = TestServer::start_with(&[
        "--max-connections-per-ip",
        "64",
        "--max-handshakes-per-ip",
        "8",
        "--read-timeout-secs",
        "3",
        "--log",
        "info",
    ]);
    let creds = s.issue("app", "default");
    let attacker: IpAddr = "127.0.0.2".parse().expect("ip");
    let legit = Legit::start(s.addr, &creds);

    // 1. Half-open: 300 TCP connections that never send a byte. Beyond 8 handshakes in progress
    //    they are closed at once; the 8 by the handshake timeout.
    let half: Vec<TcpStream> = (0..300)
        .map(|_| connect_from(attacker, s.addr).expect("connect"))
        .collect();
    let closed_at_once = half
        .iter()
        .filter(|c| closed_within(c, Duration::from_millis(300)))
        .count();
    assert!(
        closed_at_once >= 300 - 8 - 1,
        "only {closed_at_once} of 300 half-open connections refused at once"
    );
    let rest = half
        .iter()
        .filter(|c| closed_within(c, Duration::from_secs(15)))
        .count();
    assert!(
        rest >= 300 - closed_at_once,
        "stalled handshakes are closed by the handshake timeout"
    );
    drop(half);

    // 2. Slowloris: established TLS connections sending a request a byte a second; the read timeout
    //    (3 s for the whole message) closes each.
    let req = keyhaven_ttlv::encode(&request(
        ProtocolVersion::V1_2,
        None,
        &[(QUERY, None, vec![])],
    ));
    let mut slow: Vec<Conn> = (0..6)
        .map(|_| tls_from(attacker, s.addr, &creds).expect("slow client"))
        .collect();
    let t = Instant::now();
    let mut alive = slow.len();
    let mut i = 0;
    while alive > 0 && t.elapsed() < Duration::from_secs(20) {
        alive = 0;
        for c in slow.iter_mut() {
            if c.tls
                .write_all(&req[i..=i])
                .and_then(|_| c.tls.flush())
                .is_ok()
            {
                alive += 1;
            }
        }
        i = (i + 1).min(req.len() - 1);
        std::thread::sleep(Duration::from_secs(1));
    }
    assert!(
        slow.iter_mut().all(|c| c.is_closed()),
        "slowloris connections must be closed"
    );
    assert!(t.elapsed() < Duration::from_secs(20));
    drop(slow);

    // 3. 10,000 connection attempts from one host: at most 64 are kept, the legitimate client is
    //    still served.
    let mut many = Vec::new();
    let mut refused = 0usize;
    for _ in 0..10_000 {
        match connect_from("127.0.0.3".parse().expect("ip"), s.addr) {
            Ok(c) => many.push(c),
            Err(_) => refused += 1,
        }
    }
    std::thread::sleep(Duration::from_secs(1));
    let open = many
        .iter()
        .filter(|c| !closed_within(c, Duration::from_millis(1)))
        .count();
    eprintln!("10,000 attempts: {} connected, {refused} refused by the kernel, {open} still open after 1 s", many.len());
    assert!(open <= 64, "{open} connections of one host kept open");
    let (served, worst) = legit.finish();
    drop(many);
    eprintln!("legitimate client: {served} requests, slowest {worst:?}");
    assert!(
        served >= 10,
        "the legitimate client was starved ({served} requests)"
    );
    assert!(worst < LEGIT_BOUND, "a legitimate request took {worst:?}");
    // Still serving, and the refusals were logged.
    Conn::connect(s.addr, &creds).ok(ProtocolVersion::V1_2, QUERY, vec![]);
    assert!(s.log_text().contains("per-address limit"));
    assert!(s
        .child
        .as_mut()
        .expect("child")
        .try_wait()
        .expect("wait")
        .is_none());
}

/// What the server did with one malformed message.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    /// A response message whose batch items all failed (or an Invalid Message answer).
    Error,
    /// A successful response (the malformed part was not needed).
    Success,
    /// The connection was closed without an answer.
    Closed,
}

fn send_malformed(addr: SocketAddr, creds: &Creds, bytes: &[u8]) -> Answer {
    let mut c = Conn::connect(addr, creds);
    let _ = c.tls.sock.set_read_timeout(Some(Duration::from_secs(20)));
    if c.tls.write_all(bytes).and_then(|_| c.tls.flush()).is_err() {
        return Answer::Closed;
    }
    let mut hdr = [0u8; 8];
    match c.tls.read_exact(&mut hdr) {
        Ok(()) => {}
        Err(e) => {
            assert!(
                e.kind() == std::io::ErrorKind::UnexpectedEof
                    || e.kind() == std::io::ErrorKind::ConnectionReset,
                "unclean end: {e}"
            );
            return Answer::Closed;
        }
    }
    let len = u32::from_be_bytes([hdr[4], hdr[5], hdr[6], hdr[7]]) as usize;
    let mut body = vec![0u8; 8 + len];
    body[..8].copy_from_slice(&hdr);
    c.tls.read_exact(&mut body[8..]).expect("whole response");
    let resp = keyhaven_ttlv::decode(&body, &keyhaven_ttlv::Limits::default())
        .expect("the answer is valid TTLV");
    let items = batch_items(&resp);
    assert!(!items.is_empty(), "a response without batch items");
    if items.iter().all(|bi| result_status(bi) == 0) {
        Answer::Success
    } else {
        Answer::Error
    }
}

fn vectors() -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/kmip-vectors/ttlv_vectors.json"
    ))
    .expect("testdata/kmip-vectors/ttlv_vectors.json");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["vectors"]
        .as_array()
        .expect("vectors")
        .iter()
        .filter_map(|x| x["hex"].as_str())
        .filter(|h| h.to_ascii_lowercase().starts_with("42007801"))
        .map(|h| hex::decode(h).expect("hex"))
        .collect()
}

fn nested(depth: usize) -> Vec<u8> {
    // depth structures, each holding the next; the innermost holds one integer.
    let mut inner = keyhaven_ttlv::encode(&Item::int(tag::BATCH_COUNT, 1));
    for _ in 0..depth {
        let mut s = vec![0x42, 0x00, 0x78, 0x01];
        s.extend_from_slice(&(inner.len() as u32).to_be_bytes());
        s.extend_from_slice(&inner);
        inner = s;
    }
    inner
}

/// Replaces the request header's field of `new`'s tag with `new`.
fn set_in_header(msg: &mut Item, new: Item) {
    let header = msg
        .items_mut()
        .and_then(|c| c.iter_mut().find(|i| i.tag == tag::REQUEST_HEADER))
        .and_then(Item::items_mut)
        .expect("request header");
    let field = header.iter_mut().find(|i| i.tag == new.tag).expect("field");
    *field = new;
}

fn with_len(mut b: Vec<u8>, len: u32) -> Vec<u8> {
    b[4..8].copy_from_slice(&len.to_be_bytes());
    b
}

#[test]
fn malformed_messages_get_errors_or_a_clean_close() {
    let mut s = TestServer::start_with(&["--read-timeout-secs", "2", "--log", "info"]);
    let creds = s.issue("app", "default");
    let v = ProtocolVersion::V1_4;
    let mut corpus: Vec<(String, Vec<u8>)> = Vec::new();

    // Truncation at every byte of three real requests, re-framed so that the server has the whole
    // (short) message at once...
    let reqs = vectors();
    assert!(reqs.len() >= 3, "request vectors in testdata");
    for (k, r) in reqs.iter().take(3).enumerate() {
        for n in 8..r.len() {
            corpus.push((
                format!("vector {k} cut at {n}"),
                with_len(r[..n].to_vec(), (n - 8) as u32),
            ));
        }
    }
    // ...and three cut without re-framing (the server waits for bytes that never come).
    for n in [9, 64, reqs[0].len() - 1] {
        corpus.push((format!("vector 0 stalled at {n}"), reqs[0][..n].to_vec()));
    }
    let enc = |i: &Item| keyhaven_ttlv::encode(i);
    let msg = |items: Vec<Item>| enc(&request(v, None, &[(GET, None, items)]));
    // Wrong tag for a field, wrong item types, invalid UTF-8.
    corpus.push((
        "Unique Identifier as an Integer".into(),
        msg(vec![Item::int(tag::UNIQUE_IDENTIFIER, 5)]),
    ));
    corpus.push((
        "Object Type tag on a Get".into(),
        msg(vec![Item::enumeration(tag::OBJECT_TYPE, 2)]),
    ));
    let mut bad_utf8 = msg(vec![Item::text(tag::UNIQUE_IDENTIFIER, "abcd")]);
    let at = bad_utf8
        .windows(4)
        .rposition(|w| w == b"abcd")
        .expect("text");
    bad_utf8[at..at + 4].copy_from_slice(&[0xff, 0xfe, 0xc0, 0x80]);
    corpus.push(("invalid UTF-8 in a Text String".into(), bad_utf8));
    let mut version_text = request(v, None, &[(QUERY, None, vec![])]);
    set_in_header(&mut version_text, Item::text(tag::PROTOCOL_VERSION, "1.4"));
    corpus.push((
        "Protocol Version as a Text String".into(),
        enc(&version_text),
    ));
    corpus.push((
        "an operation that does not exist".into(),
        enc(&request(v, None, &[(0x7777, None, vec![])])),
    ));
    corpus.push(("a Response Message sent as a request".into(), {
        let mut r = enc(&request(v, None, &[(QUERY, None, vec![])]));
        r[2] = 0x7b; // Response Message tag
        r
    }));
    // Oversize lengths.
    corpus.push((
        "message length 4 GiB".into(),
        with_len(
            enc(&request(v, None, &[(QUERY, None, vec![])])),
            0xffff_fff0,
        ),
    ));
    let mut inner_long = enc(&request(v, None, &[(QUERY, None, vec![])]));
    inner_long[8 + 4..8 + 8].copy_from_slice(&0x7fff_0000u32.to_be_bytes()); // Request Header length
    corpus.push(("inner item longer than its parent".into(), inner_long));
    // 1,000-deep nesting.
    corpus.push(("1,000-deep nesting".into(), nested(1000)));
    // Huge batch counts.
    let mut lying = request(v, None, &[(QUERY, None, vec![])]);
    set_in_header(&mut lying, Item::int(tag::BATCH_COUNT, i32::MAX));
    corpus.push(("Batch Count 2^31-1 with one item".into(), enc(&lying)));
    let many: Vec<Op<'_>> = (0..5000).map(|_| (QUERY, None, vec![])).collect();
    corpus.push(("5,000 batch items".into(), enc(&request(v, None, &many))));
    corpus.push((
        "empty structure".into(),
        vec![0x42, 0x00, 0x78, 0x01, 0, 0, 0, 0],
    ));
    corpus.push((
        "not TTLV at all".into(),
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
    ));

    let mut tally = std::collections::BTreeMap::new();
    for (i, (name, bytes)) in corpus.iter().enumerate() {
        let a = send_malformed(s.addr, &creds, bytes);
        assert_ne!(a, Answer::Success, "{name}: a malformed message succeeded");
        *tally.entry(format!("{a:?}")).or_insert(0usize) += 1;
        if i % 50 == 0 || i + 1 == corpus.len() {
            assert!(
                s.child
                    .as_mut()
                    .expect("child")
                    .try_wait()
                    .expect("wait")
                    .is_none(),
                "the server died at {name}"
            );
        }
    }
    eprintln!("{} malformed messages: {tally:?}", corpus.len());
    // Alive and serving after all of them.
    Conn::connect(s.addr, &creds).ok(v, QUERY, vec![]);
    assert!(!s.log_text().contains("panicked"), "a panic in the log");
}

#[test]
fn sloppy_clients_are_answered_helpfully() {
    let s = TestServer::start();
    let creds = s.issue("app", "default");
    let mut c = Conn::connect(s.addr, &creds);
    let v = ProtocolVersion::V1_4;
    // Query without a Query Function: operations and objects, not an error.
    let q = c.ok(v, QUERY, vec![]);
    assert!(q.children(tag::OPERATION).count() > 5, "{q:?}");
    assert!(q.child(tag::OBJECT_TYPE).is_some());
    // Revoke with the Revocation Reason structure under the Revocation Reason Code's tag
    // (cyphera-kmip's habit): understood.
    let uid = uid_of(&c.ok(v, CREATE, create_aes_v1(256)));
    c.ok(v, ACTIVATE, vec![uid_item(&uid)]);
    c.ok(
        v,
        REVOKE,
        vec![
            uid_item(&uid),
            Item::structure(
                tag::REVOCATION_REASON_CODE,
                vec![Item::enumeration(
                    tag::REVOCATION_MESSAGE,
                    revocation_reason_code::CESSATION_OF_OPERATION,
                )],
            ),
        ],
    );
    let st = c.ok(
        v,
        GET_ATTRIBUTES,
        vec![uid_item(&uid), Item::text(tag::ATTRIBUTE_NAME, "State")],
    );
    let got = st
        .children(tag::ATTRIBUTE)
        .filter_map(|a| a.child(tag::ATTRIBUTE_VALUE))
        .find_map(Item::as_enum);
    assert_eq!(got, Some(state::DEACTIVATED));
    // A Revoke whose reason is of a type that means nothing: a clear error naming what is
    // expected, and the connection stays open.
    let uid2 = uid_of(&c.ok(v, CREATE, create_aes_v1(256)));
    let bi = c.call(
        v,
        REVOKE,
        vec![uid_item(&uid2), Item::int(tag::REVOCATION_REASON, 3)],
    );
    assert_ne!(result_status(&bi), 0);
    let msg = bi
        .child(tag::RESULT_MESSAGE)
        .and_then(Item::as_text)
        .unwrap_or_default();
    assert!(msg.contains("Revocation Reason"), "{msg}");
    c.ok(v, QUERY, vec![]);
}

/// Readable regions of a process (from /proc/PID/maps).
fn regions(pid: u32) -> Vec<(u64, u64)> {
    std::fs::read_to_string(format!("/proc/{pid}/maps"))
        .expect("maps")
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let range = f.next()?;
            let perms = f.next()?;
            if !perms.starts_with('r') || l.contains("[vvar]") || l.contains("[vsyscall]") {
                return None;
            }
            let (a, b) = range.split_once('-')?;
            Some((
                u64::from_str_radix(a, 16).ok()?,
                u64::from_str_radix(b, 16).ok()?,
            ))
        })
        .collect()
}

#[test]
fn served_keys_are_not_left_in_server_memory() {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED: reading another process's memory (PR_SET_DUMPABLE 0) needs root (CAP_SYS_PTRACE)");
        return;
    }
    let mut s = TestServer::start_with(&["--log", "info"]);
    let creds = s.issue("app", "default");
    let mut keys = Vec::new();
    {
        let mut c = Conn::connect(s.addr, &creds);
        let v = ProtocolVersion::V1_2;
        for _ in 0..8 {
            let uid = uid_of(&c.ok(v, CREATE, create_aes_v1(256)));
            let k = key_material(&c.ok(v, GET, vec![uid_item(&uid)]));
            assert_eq!(k.len(), 32);
            keys.push(k);
        }
    }
    // Requests are over and their buffers dropped; let the connection tasks end.
    std::thread::sleep(Duration::from_secs(1));
    let pid = s.child.as_ref().expect("child").id();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let mut mem =
        std::fs::File::open(format!("/proc/{pid}/mem")).expect("open /proc/PID/mem as root");
    let mut scanned = 0u64;
    let mut found = Vec::new();
    for (a, b) in regions(pid) {
        let mut buf = vec![0u8; (b - a) as usize];
        use std::io::Seek;
        if mem.seek(std::io::SeekFrom::Start(a)).is_err() || mem.read_exact(&mut buf).is_err() {
            continue;
        }
        scanned += b - a;
        for (i, k) in keys.iter().enumerate() {
            for (at, _) in buf
                .windows(32)
                .enumerate()
                .filter(|(_, w)| *w == k.as_slice())
            {
                // What surrounds it tells which buffer kept it.
                let ctx = &buf[at.saturating_sub(48)..(at + 48).min(buf.len())];
                found.push((i, format!("{:x}: {}", a + at as u64, hex::encode(ctx))));
            }
        }
    }
    eprintln!(
        "scanned {} MiB of server memory for {} served keys",
        scanned >> 20,
        keys.len()
    );
    assert!(scanned > 1 << 20, "memory was not readable");
    assert!(
        found.is_empty(),
        "served keys found in server memory: {found:?}"
    );
    // Core dumps are off and the key pages are locked.
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("limits");
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .expect("core limit");
    assert!(core.split_whitespace().nth(4) == Some("0"), "{core}");
    let locked = status
        .lines()
        .find(|l| l.starts_with("VmLck:"))
        .expect("VmLck");
    assert!(!locked.contains(" 0 kB"), "key pages locked: {locked}");
    drop(mem);
    s.kill();
}
