//! The KMIP conformance runner: plays OASIS XML test cases (`keyhaven conformance`) against any KMIP
//! server over mutual TLS and compares every response structurally with the one the case expects.
//!
//! * [`case`]: a test-case file as request / expected-response pairs with placeholders;
//! * [`play`]: placeholders, the comparison and what a server may choose (see there);
//! * [`report`]: profile and version of each file, CONFORMANCE.md, the expected-failure list.
//!
//! Each file runs on its own TLS connection (a new one if the server closed it), requests in
//! order, and stops at the first difference. After a failed file the runner revokes and destroys
//! every object the server returned during it (errors ignored), so that later files start clean; a
//! file that passed keeps what it left (the TL and SASED cases use the objects of the case before).
//! The MSGENC-HTTPS/-JSON/-XML cases (KMIP over HTTPS) are played over HTTPS (`POST /kmip`, body in
//! binary TTLV, JSON or XML as the profile says) when [`Options::https`] names the server's HTTPS
//! endpoint; without it they are reported as failed, not run. Nothing here depends on Keyhaven:
//! only KMIP over TLS and KMIP over HTTPS.

pub mod case;
pub mod play;
pub mod report;

use std::path::{Path, PathBuf};

use keyhaven_kmip::enums::{self, operation as op, revocation_reason_code};
use keyhaven_kmip::{tag, xml, ProtocolVersion};
use keyhaven_ttlv::Item;

use crate::client::http::{BodyEncoding, HttpsConnection};
use crate::client::{Connection, Endpoint};
use case::Node;
use play::State;

/// How to run.
#[derive(Clone)]
pub struct Options {
    pub endpoint: Endpoint,
    /// Revoke and destroy the objects a failed file left.
    pub cleanup: bool,
    /// Print the actual response of a failed request to stderr (as XML).
    pub verbose: bool,
    /// The server's KMIP over HTTPS endpoint, for the MSGENC cases.
    pub https: Option<Endpoint>,
}

/// The verdict on one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// The first difference, e.g. `request 2 (Get): BatchItem[0]/ResponsePayload/...: expected ..., got ...`.
    Fail(String),
}

/// One file's result.
#[derive(Clone, Debug)]
pub struct FileResult {
    pub path: PathBuf,
    /// The path from its version folder on (`1.4/AKLC-M-1-14.xml`), else as given.
    pub name: String,
    pub outcome: Outcome,
    /// The protocol version of its first request.
    pub version: Option<ProtocolVersion>,
}

impl FileResult {
    pub fn passed(&self) -> bool {
        self.outcome == Outcome::Pass
    }

    /// `PASS name` or `FAIL name: reason`.
    pub fn line(&self) -> String {
        match &self.outcome {
            Outcome::Pass => format!("PASS {}", self.name),
            Outcome::Fail(r) => format!("FAIL {}: {r}", self.name),
        }
    }
}

fn is_version_dir(s: &str) -> bool {
    match s.split_once('.') {
        Some((a, b)) => {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// The name a file is reported under: from its version folder (`1.0`, `1.4`, `2.1`) on, else the
/// path as given.
pub fn display_name(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.iter().rposition(|p| is_version_dir(p)) {
        Some(i) => parts[i..].join("/"),
        None => path.display().to_string(),
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")) {
                collect(&e, out)?;
            }
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}

/// The test-case files under `paths` (files as given, folders recursively: `*.xml`, sorted).
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        collect(p, &mut out)?;
    }
    Ok(out)
}

fn op_names(request: &Item) -> String {
    let names: Vec<String> = request
        .children(tag::BATCH_ITEM)
        .filter_map(|b| b.child(tag::OPERATION).and_then(Item::as_enum))
        .map(|o| xml::format_enum(tag::OPERATION, o))
        .collect();
    if names.is_empty() {
        "no operation".into()
    } else {
        names.join(", ")
    }
}

fn step_op_names(n: &Node) -> String {
    let names: Vec<String> = n
        .children()
        .iter()
        .filter(|b| b.tag() == tag::BATCH_ITEM)
        .filter_map(|b| match b.child(tag::OPERATION) {
            Some(Node::Leaf {
                value: keyhaven_ttlv::Value::Enumeration(o),
                ..
            }) => Some(xml::format_enum(tag::OPERATION, *o)),
            _ => None,
        })
        .collect();
    names.join(", ")
}

/// How one file's requests reach the server: binary TTLV over TLS, or KMIP over HTTPS in an
/// encoding. A connection is opened on first use and again after the server closed it.
enum Transport<'a> {
    Ttlv {
        ep: &'a Endpoint,
        conn: Option<Connection>,
    },
    Https {
        ep: &'a Endpoint,
        enc: BodyEncoding,
        conn: Option<HttpsConnection>,
    },
}

impl Transport<'_> {
    async fn exchange(&mut self, request: &Item) -> Result<Item, String> {
        match self {
            Transport::Ttlv { ep, conn } => {
                if conn.is_none() {
                    *conn = Some(ep.connect().await.map_err(|e| e.to_string())?);
                }
                let c = conn.as_mut().ok_or("no connection")?;
                match c.exchange(&keyhaven_ttlv::encode(request)).await {
                    Ok(bytes) => keyhaven_ttlv::decode(&bytes, &keyhaven_ttlv::Limits::default())
                        .map_err(|e| format!("unreadable response: {e}")),
                    Err(e) => {
                        *conn = None;
                        Err(e.to_string())
                    }
                }
            }
            Transport::Https { ep, enc, conn } => {
                if !matches!(conn, Some(c) if c.is_open()) {
                    *conn = Some(ep.connect_https().await.map_err(|e| e.to_string())?);
                }
                let c = conn.as_mut().ok_or("no connection")?;
                let r = c.exchange(*enc, request).await;
                if r.is_err() {
                    *conn = None;
                }
                r.map_err(|e| format!("KMIP over HTTPS ({}): {e}", enc.name()))
            }
        }
    }

    fn connected(&self) -> bool {
        match self {
            Transport::Ttlv { conn, .. } => conn.is_some(),
            Transport::Https { conn, .. } => conn.is_some(),
        }
    }

    async fn close(self) {
        match self {
            Transport::Ttlv { conn: Some(c), .. } => c.close().await,
            Transport::Https { conn: Some(c), .. } => c.close().await,
            _ => {}
        }
    }
}

/// A request header for clean-up: the file's version and credential.
fn cleanup_message(header: &Item, operation: u32, uid: &str) -> Item {
    let mut h: Vec<Item> = header
        .items()
        .iter()
        .filter(|i| i.tag == tag::PROTOCOL_VERSION || i.tag == tag::AUTHENTICATION)
        .cloned()
        .collect();
    h.push(Item::int(tag::BATCH_COUNT, 1));
    let mut payload = vec![Item::text(tag::UNIQUE_IDENTIFIER, uid)];
    if operation == op::REVOKE {
        payload.push(Item::structure(
            tag::REVOCATION_REASON,
            vec![Item::enumeration(
                tag::REVOCATION_REASON_CODE,
                revocation_reason_code::CESSATION_OF_OPERATION,
            )],
        ));
    }
    Item::structure(
        tag::REQUEST_MESSAGE,
        vec![
            Item::structure(tag::REQUEST_HEADER, h),
            Item::structure(
                tag::BATCH_ITEM,
                vec![
                    Item::enumeration(tag::OPERATION, operation),
                    Item::structure(tag::REQUEST_PAYLOAD, payload),
                ],
            ),
        ],
    )
}

/// The MSGENC-HTTPS / -JSON / -XML cases test KMIP over HTTPS (with that body encoding); played as
/// binary TTLV they would only test Query.
fn https_profile(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().to_ascii_uppercase();
    let rest = name.strip_prefix("MSGENC")?.trim_start_matches(['-', '_']);
    ["HTTPS", "JSON", "XML"]
        .into_iter()
        .find(|e| rest.starts_with(e))
}

/// Plays one file.
pub async fn run_file(opts: &Options, path: &Path) -> FileResult {
    let name = display_name(path);
    let mut result = FileResult {
        path: path.to_owned(),
        name,
        outcome: Outcome::Pass,
        version: None,
    };
    let mut transport = Transport::Ttlv {
        ep: &opts.endpoint,
        conn: None,
    };
    if let Some(profile) = https_profile(path) {
        let Some(ep) = &opts.https else {
            result.outcome = Outcome::Fail(format!(
                "the {profile} message-encoding profile is KMIP over HTTPS: not run (give the \
                 server's HTTPS endpoint with --https HOST:PORT to play it)"
            ));
            return result;
        };
        let enc = match profile {
            "JSON" => BodyEncoding::Json,
            "XML" => BodyEncoding::Xml,
            _ => BodyEncoding::Ttlv,
        };
        transport = Transport::Https {
            ep,
            enc,
            conn: None,
        };
    }
    let case = match case::read_case(path) {
        Ok(c) => c,
        Err(e) => {
            result.outcome = Outcome::Fail(e);
            return result;
        }
    };
    let mut state = State::default();
    let mut header: Option<Item> = None;
    for (n, step) in case.steps.iter().enumerate() {
        let now = play::now();
        let request = match state.instantiate(&step.request, now) {
            Ok(r) => r,
            Err(e) => {
                result.outcome = Outcome::Fail(format!(
                    "request {} ({}): {e}",
                    n + 1,
                    step_op_names(&step.request)
                ));
                break;
            }
        };
        if result.version.is_none() {
            result.version = State::version_of(&request);
        }
        if header.is_none() {
            header = request.child(tag::REQUEST_HEADER).cloned();
        }
        let ops = op_names(&request);
        let actual = match transport.exchange(&request).await {
            Ok(a) => a,
            Err(e) => {
                result.outcome = Outcome::Fail(format!("request {} ({ops}): {e}", n + 1));
                break;
            }
        };
        state.learn(&request, &actual);
        if let Err(m) = state.compare(&case, &step.response, &request, &actual, now) {
            // Name the operation of the batch item that differs.
            let ops = m
                .path
                .strip_prefix("BatchItem[")
                .and_then(|r| r.split_once(']'))
                .and_then(|(k, _)| k.parse::<usize>().ok())
                .and_then(|k| request.children(tag::BATCH_ITEM).nth(k))
                .and_then(|b| b.child(tag::OPERATION))
                .and_then(Item::as_enum)
                .map(operation_name)
                .unwrap_or(ops);
            if opts.verbose {
                eprintln!(
                    "--- {} request {}:\n{}--- response:\n{}",
                    result.name,
                    n + 1,
                    xml::to_xml(&request),
                    xml::to_xml(&actual)
                );
            }
            result.outcome = Outcome::Fail(format!("request {} ({ops}): {m}", n + 1));
            break;
        }
    }
    if opts.cleanup && !result.passed() {
        if let Some(h) = &header {
            for uid in state.ids.iter().rev() {
                for o in [op::REVOKE, op::DESTROY] {
                    if transport
                        .exchange(&cleanup_message(h, o, uid))
                        .await
                        .is_err()
                        && !transport.connected()
                    {
                        // The server cannot be reached: nothing more to clean.
                        break;
                    }
                }
            }
        }
    }
    transport.close().await;
    result
}

/// Plays every file in order, calling `each` with each result as it comes.
pub async fn run_files(
    opts: &Options,
    files: &[PathBuf],
    mut each: impl FnMut(&FileResult),
) -> Vec<FileResult> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let r = run_file(opts, f).await;
        each(&r);
        out.push(r);
    }
    out
}

/// The closing line: `N passed, M failed`.
pub fn summary_line(results: &[FileResult]) -> String {
    let passed = results.iter().filter(|r| r.passed()).count();
    format!("{passed} passed, {} failed", results.len() - passed)
}

/// The name of an operation (`CreateKeyPair`), for messages.
pub fn operation_name(o: u32) -> String {
    enums::enum_value_name(tag::OPERATION, o)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("0x{o:08X}"))
}
