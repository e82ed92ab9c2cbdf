//! A KMIP load generator for any KMIP server over mutual TLS (`keyhaven bench`).
//!
//! Workloads ([`Workload`]):
//!
//! * `vcenter`: what vCenter does to check a key: a new TLS connection per flow, then Discover
//!   Versions, Get, Get Attributes (State), close. One TLS client configuration is shared by every
//!   flow, so a server that issues session tickets (or keeps session ids) sees returning clients
//!   resume; the report counts resumed handshakes. Latency is per flow, handshake included.
//! * `get`: Get on persistent connections. Latency is per request.
//! * `create`: Create of AES-256 keys (vCenter's attributes) on persistent connections.
//! * `locate`: Locate by Name on persistent connections; each answer must hold the named key.
//! * `storm`: H hosts connect at once (full handshakes, no resumption: they are different
//!   machines), each sends Discover Versions then Gets K keys on its connection: the K keys created
//!   first, shared by every host, or with existing identifiers host i takes the K at offset i*K
//!   (wrapping). Latency is per host (connect to last key); `total_secs` is the time until the last
//!   host is done. With `--wave W` the hosts come in waves of W (each wave at once, the next when
//!   it is done), for host counts beyond the file descriptors or connection limit of one run;
//!   `total_secs` is then the sum of the waves' times.
//! * `idle`: H connections opened (full handshakes, in waves of `--wave`), each sending Discover
//!   Versions, then all held open and idle for the run's duration and closed: what a server's
//!   memory does with many idle clients (the caller reads the server's RSS meanwhile).
//!
//! `get`, `vcenter`, `storm` and `locate` first create their keys (`--keys`) unless given existing
//! identifiers. Nothing here depends on the server being Keyhaven.

pub mod histogram;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use keyhaven_kmip::enums::cryptographic_algorithm as alg;
use keyhaven_kmip::ProtocolVersion;
use serde::Serialize;

use crate::client::request::{self, ops, RequestMessage};
use crate::client::response::{key_material, unique_identifier, unique_identifiers};
use crate::client::{ClientError, ClientResult, Connection, Endpoint};
use histogram::Histogram;

/// vCenter's usage mask for its keys: Encrypt | Decrypt.
const USAGE_ENCRYPT_DECRYPT: i32 = 12;
/// Distinct error messages kept for the report.
const ERROR_EXAMPLES: usize = 5;

/// What to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    Vcenter,
    Get,
    Create,
    Locate,
    Storm,
    Idle,
}

impl Workload {
    pub fn name(self) -> &'static str {
        match self {
            Workload::Vcenter => "vcenter",
            Workload::Get => "get",
            Workload::Create => "create",
            Workload::Locate => "locate",
            Workload::Storm => "storm",
            Workload::Idle => "idle",
        }
    }

    fn latency_of(self) -> &'static str {
        match self {
            Workload::Vcenter => {
                "flow: TCP + TLS handshake, Discover Versions, Get, Get Attributes(State), close"
            }
            Workload::Get => "Get request on a persistent connection",
            Workload::Create => "Create request on a persistent connection",
            Workload::Locate => "Locate request on a persistent connection",
            Workload::Storm => {
                "host: TCP + full TLS handshake, Discover Versions, then each of its keys with Get"
            }
            Workload::Idle => "connection: TCP + full TLS handshake, Discover Versions",
        }
    }
}

/// When the measured phase ends.
#[derive(Clone, Copy, Debug)]
pub enum Stop {
    After(Duration),
    Count(u64),
}

/// Everything a run needs.
#[derive(Clone)]
pub struct BenchOptions {
    pub endpoint: Endpoint,
    /// The same endpoint with session resumption disabled (storm hosts, key set-up).
    pub fresh_endpoint: Endpoint,
    pub workload: Workload,
    pub concurrency: usize,
    pub stop: Stop,
    /// Keys to create first (get, vcenter, locate; per host for storm).
    pub keys: usize,
    /// Simulated hosts (storm), connections (idle).
    pub hosts: usize,
    /// Hosts started at once (storm, idle); 0: all of them.
    pub wave: usize,
    pub version: ProtocolVersion,
    /// Username and password sent in every request header.
    pub credential: Option<(String, String)>,
    /// Existing key identifiers to use instead of creating keys (get, vcenter, storm). Shared,
    /// not copied, by the workers: a list may hold millions.
    pub uids: Option<Arc<Vec<String>>>,
    /// Keep the identifiers a create run makes (for [`Outcome::created`]).
    pub keep_created: bool,
    /// Label for the report (the address given).
    pub server_label: String,
}

/// The figures of one run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub workload: String,
    pub server: String,
    pub kmip_version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_version: Option<String>,
    pub concurrency: usize,
    /// Successful operations (flows for vcenter, Gets for storm).
    pub ops: u64,
    pub errors: u64,
    /// Length of the measured phase.
    pub secs: f64,
    pub ops_per_sec: f64,
    pub latency_of: String,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub p999_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_secs: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosts: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosts_failed: Option<u64>,
    pub keys: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handshakes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resumed: Option<u64>,
    /// TCP connect + TLS handshake (vcenter, storm).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_p50_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connect_p99_ms: Option<f64>,
    /// The first request on a fresh connection (vcenter: Discover Versions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_request_p50_ms: Option<f64>,
    /// Per-Get latency inside the storm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub get_p50_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub get_p99_ms: Option<f64>,
    /// Time to create the workload's keys before measuring.
    pub setup_secs: f64,
    /// CPU time (user + system) the load generator itself used during the measured phase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_cpu_secs: Option<f64>,
    pub error_examples: Vec<String>,
}

impl Report {
    /// A human-readable summary.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "workload {} against {} (KMIP {}{}), concurrency {}\n",
            self.workload,
            self.server,
            self.kmip_version,
            self.tls_version
                .as_ref()
                .map(|v| format!(", {v}"))
                .unwrap_or_default(),
            self.concurrency
        );
        if self.setup_secs > 0.0 {
            s += &format!("  set-up: {} keys in {:.2} s\n", self.keys, self.setup_secs);
        }
        s += &format!(
            "  {} ops, {} errors in {:.2} s: {:.1} ops/s\n",
            self.ops, self.errors, self.secs, self.ops_per_sec
        );
        s += &format!("  latency per {}:\n", self.latency_of);
        s += &format!(
            "    p50 {:.3} ms  p90 {:.3} ms  p99 {:.3} ms  p99.9 {:.3} ms  max {:.3} ms  mean {:.3} ms\n",
            self.p50_ms, self.p90_ms, self.p99_ms, self.p999_ms, self.max_ms, self.mean_ms
        );
        if let (Some(h), Some(r)) = (self.handshakes, self.resumed) {
            s += &format!("  TLS handshakes {h}, resumed {r}\n");
        }
        if let (Some(a), Some(b)) = (self.connect_p50_ms, self.connect_p99_ms) {
            s += &format!("  connect (TCP + TLS) p50 {a:.3} ms  p99 {b:.3} ms\n");
        }
        if let Some(f) = self.first_request_p50_ms {
            s += &format!("  first request on a new connection p50 {f:.3} ms\n");
        }
        if let (Some(t), Some(h)) = (self.total_secs, self.hosts) {
            s += &format!(
                "  storm: {h} hosts x {} keys done in {t:.2} s ({} hosts failed)\n",
                self.keys,
                self.hosts_failed.unwrap_or(0)
            );
        }
        if let (Some(a), Some(b)) = (self.get_p50_ms, self.get_p99_ms) {
            s += &format!("  Get inside the storm p50 {a:.3} ms  p99 {b:.3} ms\n");
        }
        if let Some(c) = self.client_cpu_secs {
            s += &format!("  load generator CPU {c:.2} s\n");
        }
        for e in &self.error_examples {
            s += &format!("  error: {e}\n");
        }
        s
    }
}

/// A report, and the identifiers a create run made when asked to keep them.
pub struct Outcome {
    pub report: Report,
    pub created: Vec<String>,
}

/// State shared by the workers of a run.
struct Shared {
    stop: Stop,
    start: Instant,
    issued: AtomicU64,
    errors: AtomicU64,
    examples: Mutex<Vec<String>>,
}

impl Shared {
    fn new(stop: Stop) -> Shared {
        Shared {
            stop,
            start: Instant::now(),
            issued: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            examples: Mutex::new(Vec::new()),
        }
    }

    /// Claims the next operation; false once the run is over.
    fn next(&self) -> bool {
        match self.stop {
            Stop::After(d) => self.start.elapsed() < d,
            Stop::Count(n) => self.issued.fetch_add(1, Ordering::Relaxed) < n,
        }
    }

    fn error(&self, e: &ClientError) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        let msg = e.to_string();
        if let Ok(mut ex) = self.examples.lock() {
            if ex.len() < ERROR_EXAMPLES && !ex.contains(&msg) {
                ex.push(msg);
            }
        }
    }
}

/// What one worker measured.
#[derive(Default)]
struct WorkerResult {
    latency: Histogram,
    connect: Histogram,
    first_request: Histogram,
    gets: Histogram,
    ops: u64,
    handshakes: u64,
    resumed: u64,
    failed_hosts: u64,
    created: Vec<String>,
    tls_version: Option<String>,
}

impl WorkerResult {
    fn merge(&mut self, o: WorkerResult) {
        self.latency.merge(&o.latency);
        self.connect.merge(&o.connect);
        self.first_request.merge(&o.first_request);
        self.gets.merge(&o.gets);
        self.ops += o.ops;
        self.handshakes += o.handshakes;
        self.resumed += o.resumed;
        self.failed_hosts += o.failed_hosts;
        self.created.extend(o.created);
        if self.tls_version.is_none() {
            self.tls_version = o.tls_version;
        }
    }
}

/// A small per-worker random number generator (xorshift64*): picks keys, no security role.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as usize % n.max(1)
    }
}

/// One key the workload uses: identifier and, when it was created here, its Name.
#[derive(Clone, Debug)]
struct Key {
    uid: String,
    name: Option<String>,
}

/// CPU time (user + system) of this process, from /proc (Linux).
fn process_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    // The kernel reports clock ticks; USER_HZ is 100 on every Linux configuration in use.
    Some((utime + stime) / 100.0)
}

fn message(o: &BenchOptions, operation: u32, payload: keyhaven_ttlv::Item) -> RequestMessage {
    let mut m = RequestMessage::new(o.version).with_item(operation, payload);
    if let Some((u, p)) = &o.credential {
        m = m.with_credential(u, p);
    }
    m
}

async fn call(
    conn: &mut Connection,
    o: &BenchOptions,
    operation: u32,
    payload: keyhaven_ttlv::Item,
) -> ClientResult<keyhaven_ttlv::Item> {
    conn.send(&message(o, operation, payload))
        .await?
        .single()?
        .into_payload()
}

fn create_payload(o: &BenchOptions, name: Option<&str>) -> keyhaven_ttlv::Item {
    let extra = name.map(request::name_attribute).into_iter().collect();
    let attrs = request::symmetric_key_attributes(alg::AES, 256, USAGE_ENCRYPT_DECRYPT, extra);
    request::create_symmetric_key(o.version, &attrs)
}

async fn create_one(
    conn: &mut Connection,
    o: &BenchOptions,
    name: Option<&str>,
) -> ClientResult<String> {
    let p = call(conn, o, ops::CREATE, create_payload(o, name)).await?;
    unique_identifier(&p)
        .map(str::to_owned)
        .ok_or_else(|| ClientError::Protocol("Create answered without a Unique Identifier".into()))
}

async fn get_one(conn: &mut Connection, o: &BenchOptions, uid: &str) -> ClientResult<()> {
    let p = call(conn, o, ops::GET, request::get(uid)).await?;
    match key_material(&p) {
        Some(m) if !m.is_empty() => Ok(()),
        _ => Err(ClientError::Protocol(format!(
            "Get of {uid} answered without symmetric key material"
        ))),
    }
}

/// Creates `n` named keys over up to `concurrency` connections; every Create must succeed.
async fn create_keys(o: &BenchOptions, n: usize) -> Result<Vec<Key>, String> {
    let run = format!(
        "{:08x}",
        rand_core::RngCore::next_u32(&mut rand_core::OsRng)
    );
    let next = Arc::new(AtomicU64::new(0));
    let workers = o.concurrency.clamp(1, 32).min(n.max(1));
    let mut tasks = Vec::new();
    for _ in 0..workers {
        let (o, next, run) = (o.clone(), next.clone(), run.clone());
        tasks.push(tokio::spawn(async move {
            let mut conn = o
                .fresh_endpoint
                .connect()
                .await
                .map_err(|e| format!("cannot connect: {e}"))?;
            let mut made = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n as u64 {
                    break;
                }
                let name = format!("keyhaven-bench-{run}-{i}");
                let uid = create_one(&mut conn, &o, Some(&name))
                    .await
                    .map_err(|e| format!("creating the workload's keys: {e}"))?;
                made.push(Key {
                    uid,
                    name: Some(name),
                });
            }
            conn.close().await;
            Ok::<_, String>(made)
        }));
    }
    let mut keys = Vec::with_capacity(n);
    for t in tasks {
        keys.extend(t.await.map_err(|e| e.to_string())??);
    }
    Ok(keys)
}

/// Runs a workload and reports its figures. Errors of individual operations are counted in the
/// report; an `Err` means the run could not take place (e.g. its keys could not be created).
pub async fn run(o: BenchOptions) -> Result<Outcome, String> {
    let setup_start = Instant::now();
    let given = match (o.workload, &o.uids) {
        (Workload::Vcenter | Workload::Get | Workload::Storm, Some(uids)) if !uids.is_empty() => {
            Some(uids)
        }
        _ => None,
    };
    let (keys, setup_secs): (Vec<Key>, f64) = match (o.workload, given.map(|u| u.as_slice())) {
        (Workload::Create | Workload::Idle, _) => (Vec::new(), 0.0),
        (_, Some(uids)) => (
            uids.iter()
                .map(|u| Key {
                    uid: u.clone(),
                    name: None,
                })
                .collect(),
            0.0,
        ),
        _ => {
            let k = create_keys(&o, o.keys.max(1)).await?;
            (k, setup_start.elapsed().as_secs_f64())
        }
    };
    let keys = Arc::new(keys);

    let cpu0 = process_cpu_secs();
    let shared = Arc::new(Shared::new(o.stop));
    let mut total = WorkerResult::default();
    let secs;
    let mut total_secs = None;
    if o.workload == Workload::Idle {
        let (res, t) = idle(&o, &shared).await;
        total.merge(res);
        secs = t.as_secs_f64();
        total_secs = Some(secs);
    } else if o.workload == Workload::Storm {
        let (res, t) = storm(&o, &keys, &shared).await;
        total.merge(res);
        secs = t.as_secs_f64();
        total_secs = Some(secs);
    } else {
        let mut tasks = Vec::new();
        for w in 0..o.concurrency.max(1) {
            let (o, keys, shared) = (o.clone(), keys.clone(), shared.clone());
            let seed = w as u64 + 1 + u64::from(setup_start.elapsed().subsec_nanos());
            tasks.push(tokio::spawn(async move {
                match o.workload {
                    Workload::Vcenter => vcenter_worker(&o, &keys, &shared, seed).await,
                    _ => persistent_worker(&o, &keys, &shared, seed).await,
                }
            }));
        }
        for t in tasks {
            match t.await {
                Ok(r) => total.merge(r),
                Err(e) => shared.error(&ClientError::Protocol(format!("worker failed: {e}"))),
            }
        }
        secs = shared.start.elapsed().as_secs_f64();
    }
    let client_cpu_secs = match (cpu0, process_cpu_secs()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };

    let h = &total.latency;
    let with_handshakes = matches!(
        o.workload,
        Workload::Vcenter | Workload::Storm | Workload::Idle
    );
    let report = Report {
        workload: o.workload.name().into(),
        server: o.server_label.clone(),
        kmip_version: o.version.to_string(),
        tls_version: total.tls_version.clone(),
        concurrency: if matches!(o.workload, Workload::Storm | Workload::Idle) {
            o.hosts
        } else {
            o.concurrency.max(1)
        },
        ops: total.ops,
        errors: shared.errors.load(Ordering::Relaxed),
        secs,
        ops_per_sec: if secs > 0.0 {
            total.ops as f64 / secs
        } else {
            0.0
        },
        latency_of: o.workload.latency_of().into(),
        p50_ms: h.quantile_ms(0.5),
        p90_ms: h.quantile_ms(0.9),
        p99_ms: h.quantile_ms(0.99),
        p999_ms: h.quantile_ms(0.999),
        max_ms: h.max_nanos() as f64 / 1e6,
        mean_ms: h.mean_nanos() / 1e6,
        total_secs,
        hosts: matches!(o.workload, Workload::Storm | Workload::Idle).then_some(o.hosts),
        hosts_failed: (o.workload == Workload::Storm).then_some(total.failed_hosts),
        keys: match o.workload {
            Workload::Create | Workload::Idle => 0,
            // Keys per host.
            Workload::Storm => o.keys.max(1).min(keys.len()),
            _ => keys.len(),
        },
        handshakes: with_handshakes.then_some(total.handshakes),
        resumed: with_handshakes.then_some(total.resumed),
        connect_p50_ms: with_handshakes.then(|| total.connect.quantile_ms(0.5)),
        connect_p99_ms: with_handshakes.then(|| total.connect.quantile_ms(0.99)),
        first_request_p50_ms: with_handshakes.then(|| total.first_request.quantile_ms(0.5)),
        get_p50_ms: (o.workload == Workload::Storm).then(|| total.gets.quantile_ms(0.5)),
        get_p99_ms: (o.workload == Workload::Storm).then(|| total.gets.quantile_ms(0.99)),
        setup_secs,
        client_cpu_secs,
        error_examples: shared
            .examples
            .lock()
            .map(|e| e.clone())
            .unwrap_or_default(),
    };
    Ok(Outcome {
        report,
        created: total.created,
    })
}

/// get, create, locate: one persistent connection, reconnecting after a connection failure.
async fn persistent_worker(
    o: &BenchOptions,
    keys: &[Key],
    shared: &Shared,
    seed: u64,
) -> WorkerResult {
    let mut r = WorkerResult::default();
    let mut rng = Rng::new(seed);
    let mut conn: Option<Connection> = None;
    while shared.next() {
        let c = match &mut conn {
            Some(c) => c,
            None => match o.endpoint.connect().await {
                Ok(c) => {
                    r.tls_version = r.tls_version.or_else(|| c.tls_version());
                    conn.insert(c)
                }
                Err(e) => {
                    shared.error(&e);
                    // Do not spin against a server that refuses connections.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let t0 = Instant::now();
        let res = match o.workload {
            Workload::Create => create_one(c, o, None).await.map(|uid| {
                if o.keep_created {
                    r.created.push(uid);
                }
            }),
            Workload::Locate => {
                let k = &keys[rng.below(keys.len())];
                let name = k.name.as_deref().unwrap_or_default();
                let payload = request::locate(o.version, &[request::name_attribute(name)], Some(2));
                call(c, o, ops::LOCATE, payload).await.and_then(|p| {
                    if unique_identifiers(&p).contains(&k.uid.as_str()) {
                        Ok(())
                    } else {
                        Err(ClientError::Protocol(format!(
                            "Locate by Name {name:?} did not return {}",
                            k.uid
                        )))
                    }
                })
            }
            _ => get_one(c, o, &keys[rng.below(keys.len())].uid).await,
        };
        match res {
            Ok(()) => {
                r.latency.record(t0.elapsed());
                r.ops += 1;
            }
            Err(e) => {
                shared.error(&e);
                if e.is_fatal_to_connection() {
                    conn = None;
                }
            }
        }
    }
    if let Some(c) = conn {
        c.close().await;
    }
    r
}

/// One vCenter key check on a new connection; returns whether the handshake resumed.
async fn vcenter_flow(
    o: &BenchOptions,
    uid: &str,
    r: &mut WorkerResult,
    t0: Instant,
) -> ClientResult<()> {
    let mut conn = o.endpoint.connect().await?;
    r.connect.record(t0.elapsed());
    r.handshakes += 1;
    if conn.resumed() {
        r.resumed += 1;
    }
    r.tls_version = r.tls_version.take().or_else(|| conn.tls_version());
    let t1 = Instant::now();
    call(
        &mut conn,
        o,
        ops::DISCOVER_VERSIONS,
        request::discover_versions(&[o.version]),
    )
    .await?;
    r.first_request.record(t1.elapsed());
    get_one(&mut conn, o, uid).await?;
    let payload = request::get_attributes(o.version, uid, &["State"])
        .map_err(|e| ClientError::Protocol(e.message))?;
    let p = call(&mut conn, o, ops::GET_ATTRIBUTES, payload).await?;
    if unique_identifier(&p) != Some(uid) {
        return Err(ClientError::Protocol(format!(
            "Get Attributes answered for {:?}, not {uid}",
            unique_identifier(&p)
        )));
    }
    conn.close().await;
    Ok(())
}

async fn vcenter_worker(
    o: &BenchOptions,
    keys: &[Key],
    shared: &Shared,
    seed: u64,
) -> WorkerResult {
    let mut r = WorkerResult::default();
    let mut rng = Rng::new(seed);
    while shared.next() {
        let uid = &keys[rng.below(keys.len())].uid;
        let t0 = Instant::now();
        match vcenter_flow(o, uid, &mut r, t0).await {
            Ok(()) => {
                r.latency.record(t0.elapsed());
                r.ops += 1;
            }
            Err(e) => shared.error(&e),
        }
    }
    r
}

/// One storm host: connect (full handshake), Discover Versions, Get each key.
async fn storm_host(
    o: &BenchOptions,
    keys: &[Key],
    host: usize,
    shared: &Shared,
    start: tokio::sync::watch::Receiver<bool>,
) -> WorkerResult {
    let per_host = o.keys.max(1).min(keys.len());
    let mut r = WorkerResult::default();
    let mut start = start;
    let _ = start.wait_for(|go| *go).await;
    let t0 = Instant::now();
    let mut endpoint = o.fresh_endpoint.clone();
    if let std::net::IpAddr::V4(ip) = endpoint.addr.ip() {
        if ip.is_loopback() {
            // Each simulated host from its own loopback address (127.1.x.y), as real hosts are
            // different machines (the server limits connections and handshakes per address).
            let n = host + 1;
            endpoint.source = Some(std::net::IpAddr::V4(std::net::Ipv4Addr::new(
                127,
                1 + (n >> 16) as u8,
                (n >> 8) as u8,
                n as u8,
            )));
        }
    }
    let mut conn = match endpoint.connect().await {
        Ok(c) => c,
        Err(e) => {
            shared.error(&e);
            r.failed_hosts = 1;
            return r;
        }
    };
    r.connect.record(t0.elapsed());
    r.handshakes = 1;
    r.resumed = u64::from(conn.resumed());
    r.tls_version = conn.tls_version();
    let t1 = Instant::now();
    let dv = call(
        &mut conn,
        o,
        ops::DISCOVER_VERSIONS,
        request::discover_versions(&[o.version]),
    )
    .await;
    r.first_request.record(t1.elapsed());
    if let Err(e) = dv {
        shared.error(&e);
        r.failed_hosts = 1;
        return r;
    }
    for j in 0..per_host {
        let k = &keys[(host * per_host + j) % keys.len()];
        let t = Instant::now();
        match get_one(&mut conn, o, &k.uid).await {
            Ok(()) => {
                r.gets.record(t.elapsed());
                r.ops += 1;
            }
            Err(e) => {
                shared.error(&e);
                r.failed_hosts = 1;
                if e.is_fatal_to_connection() {
                    return r;
                }
            }
        }
    }
    if r.failed_hosts == 0 {
        r.latency.record(t0.elapsed());
    }
    conn.close().await;
    r
}

/// Starts every host at the same instant; returns the merged results and the time until the last
/// host finished.
async fn storm(
    o: &BenchOptions,
    keys: &Arc<Vec<Key>>,
    shared: &Arc<Shared>,
) -> (WorkerResult, Duration) {
    let hosts = o.hosts.max(1);
    let wave = if o.wave == 0 { hosts } else { o.wave };
    let mut total = WorkerResult::default();
    let mut elapsed = Duration::ZERO;
    for first in (0..hosts).step_by(wave) {
        let (tx, rx) = tokio::sync::watch::channel(false);
        let mut tasks = Vec::with_capacity(wave);
        for host in first..(first + wave).min(hosts) {
            let (o, keys, shared, rx) = (o.clone(), keys.clone(), shared.clone(), rx.clone());
            tasks.push(tokio::spawn(async move {
                storm_host(&o, &keys, host, &shared, rx).await
            }));
        }
        // Let every task reach its start line before the gun.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let t0 = Instant::now();
        let _ = tx.send(true);
        for t in tasks {
            match t.await {
                Ok(r) => total.merge(r),
                Err(e) => {
                    shared.error(&ClientError::Protocol(format!("host task failed: {e}")));
                    total.failed_hosts += 1;
                }
            }
        }
        elapsed += t0.elapsed();
    }
    (total, elapsed)
}

/// Opens the idle connections (in waves), holds them for the run's duration, closes them. The
/// time returned is the time to open them all.
async fn idle(o: &BenchOptions, shared: &Arc<Shared>) -> (WorkerResult, Duration) {
    let hosts = o.hosts.max(1);
    let wave = if o.wave == 0 { hosts } else { o.wave };
    let mut total = WorkerResult::default();
    let mut open = Vec::with_capacity(hosts);
    let t0 = Instant::now();
    for first in (0..hosts).step_by(wave) {
        let mut tasks = Vec::with_capacity(wave);
        for _ in first..(first + wave).min(hosts) {
            let (o, shared) = (o.clone(), shared.clone());
            tasks.push(tokio::spawn(async move {
                let mut r = WorkerResult::default();
                let t = Instant::now();
                let mut conn = match o.fresh_endpoint.connect().await {
                    Ok(c) => c,
                    Err(e) => {
                        shared.error(&e);
                        r.failed_hosts = 1;
                        return (r, None);
                    }
                };
                r.connect.record(t.elapsed());
                r.handshakes = 1;
                r.tls_version = conn.tls_version();
                match call(
                    &mut conn,
                    &o,
                    ops::DISCOVER_VERSIONS,
                    request::discover_versions(&[o.version]),
                )
                .await
                {
                    Ok(_) => {
                        r.latency.record(t.elapsed());
                        r.ops = 1;
                        (r, Some(conn))
                    }
                    Err(e) => {
                        shared.error(&e);
                        r.failed_hosts = 1;
                        (r, None)
                    }
                }
            }));
        }
        for t in tasks {
            match t.await {
                Ok((r, conn)) => {
                    total.merge(r);
                    open.extend(conn);
                }
                Err(e) => {
                    shared.error(&ClientError::Protocol(format!(
                        "connection task failed: {e}"
                    )));
                    total.failed_hosts += 1;
                }
            }
        }
    }
    let opened = t0.elapsed();
    let hold = match o.stop {
        Stop::After(d) => d,
        Stop::Count(_) => Duration::from_secs(10),
    };
    eprintln!(
        "holding {} idle connections for {:.0} s",
        open.len(),
        hold.as_secs_f64()
    );
    tokio::time::sleep(hold).await;
    for conn in open {
        conn.close().await;
    }
    (total, opened)
}
