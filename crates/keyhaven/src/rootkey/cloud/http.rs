//! The one small blocking HTTP/1.1 client shared by the cloud root-key providers (Key Protect,
//! AWS KMS, Vault/OpenBao Transit, and the AWS credential sources).
//!
//! Why not a crate: every provider sends a handful of small JSON requests per minute (the
//! envelope caches unwrapped tenant keys), so a connection per request is fine, and rustls (with
//! ring) is already in the build: a hand-written client keeps the compile cost at nothing.
//!
//! - `https://` with rustls: the system's CA bundle plus an optional extra CA file (private
//!   endpoints, test servers); `http://` for loopback test servers and the AWS metadata services.
//! - Timeouts on connect, read and write; bodies are bounded ([`MAX_BODY`]).
//! - [`HttpClient::call`] retries on connection errors, 429 and 5xx with jittered exponential
//!   backoff (honouring a short `Retry-After`), and maps what is still failing after the last try
//!   to [`RootKeyError::Unavailable`] (transient: the envelope's outage grace applies).
//! - Requests and answers are never logged (they carry tokens and wrapped keys).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::rootkey::RootKeyError;

/// Largest answer body accepted.
pub const MAX_BODY: usize = 1 << 20;
/// Default connect, read and write timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// Tries per call (1 + retries).
const ATTEMPTS: u32 = 3;
/// First backoff; doubled each retry, with up to 50% random jitter added.
const BACKOFF: Duration = Duration::from_millis(150);
/// Longest `Retry-After` honoured (longer ones are cut: the envelope has its own grace).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(2);
const SYSTEM_CA_FILES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
];

/// One HTTP request.
pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    /// Headers and body may carry tokens and secrets: both are zeroed when dropped.
    pub headers: Vec<(String, Zeroizing<String>)>,
    pub body: Zeroizing<Vec<u8>>,
}

impl<'a> Request<'a> {
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Request {
            method,
            url,
            headers: Vec::new(),
            body: Zeroizing::new(Vec::new()),
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers
            .push((name.to_owned(), Zeroizing::new(value.into())));
        self
    }

    pub fn body(mut self, body: Vec<u8>) -> Self {
        self.body = Zeroizing::new(body);
        self
    }
}

/// An answer.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Zeroed when dropped: answers may carry unwrapped keys or tokens.
    pub body: Zeroizing<Vec<u8>>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_slice(&self.body).map_err(|e| format!("answer is not JSON: {e}"))
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Whether another try may get a better answer (throttled, or a server-side failure).
    pub fn is_transient(&self) -> bool {
        self.status == 429 || self.status >= 500
    }
}

/// The parts of an `http(s)://host[:port]/path?query` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub tls: bool,
    pub host: String,
    pub port: u16,
    /// Path and query, starting with '/'.
    pub path: String,
}

impl Url {
    pub fn parse(url: &str) -> Result<Url, String> {
        let (tls, rest) = if let Some(r) = url.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = url.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(format!(
                "{url:?}: only http:// and https:// URLs are supported"
            ));
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.contains('@') {
            return Err(format!("{url:?}: credentials in URLs are not accepted"));
        }
        let default_port = if tls { 443 } else { 80 };
        let (host, port) = if let Some(h) = authority.strip_prefix('[') {
            let (h, p) = h
                .split_once(']')
                .ok_or_else(|| format!("{url:?}: bad IPv6 host"))?;
            let port = match p.strip_prefix(':') {
                Some(p) => p.parse().map_err(|_| format!("{url:?}: bad port"))?,
                None => default_port,
            };
            (h.to_owned(), port)
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (
                    h.to_owned(),
                    p.parse().map_err(|_| format!("{url:?}: bad port"))?,
                ),
                None => (authority.to_owned(), default_port),
            }
        };
        if host.is_empty() || host.bytes().any(|b| b.is_ascii_whitespace() || b < 0x21) {
            return Err(format!("{url:?}: no usable host"));
        }
        Ok(Url {
            tls,
            host,
            port,
            path: path.to_owned(),
        })
    }

    /// `host` or `host:port` when the port is not the scheme's default (the Host header).
    pub fn host_header(&self) -> String {
        let default = if self.tls { 443 } else { 80 };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.port == default {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }
}

/// A blocking HTTP(S) client with retries.
#[derive(Clone)]
pub struct HttpClient {
    tls: Arc<rustls::ClientConfig>,
    timeout: Duration,
    attempts: u32,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

fn add_pem_file(roots: &mut rustls::RootCertStore, path: &Path) -> Result<usize, String> {
    let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let certs =
        crate::pki::parse_certificates(&pem).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut n = 0;
    for c in certs {
        if roots.add(rustls_pki_types::CertificateDer::from(c)).is_ok() {
            n += 1;
        }
    }
    Ok(n)
}

/// Why one try failed before an answer arrived.
enum TryError {
    /// Could not connect, or the connection broke: worth another try.
    Connection(String),
    /// Not worth another try (bad URL, oversized answer...).
    Fatal(String),
}

impl HttpClient {
    /// A client trusting the system CAs plus the certificates in `extra_ca` (PEM).
    pub fn new(extra_ca: Option<&Path>) -> Result<HttpClient, String> {
        let mut roots = rustls::RootCertStore::empty();
        for f in SYSTEM_CA_FILES {
            let p = PathBuf::from(f);
            if p.is_file() && add_pem_file(&mut roots, &p).is_ok() {
                break;
            }
        }
        if let Some(ca) = extra_ca {
            if add_pem_file(&mut roots, ca)? == 0 {
                return Err(format!("{}: no usable CA certificate", ca.display()));
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(HttpClient {
            tls: Arc::new(tls),
            timeout: DEFAULT_TIMEOUT,
            attempts: ATTEMPTS,
        })
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// One try only (for probes that have their own fallback, e.g. the instance metadata).
    pub fn without_retries(mut self) -> Self {
        self.attempts = 1;
        self
    }

    /// Sends `req`, retrying connection failures, 429 and 5xx. Returns the last answer (which may
    /// be a 429 or 5xx after the last try: the caller maps it) or `Unavailable` when no answer came.
    /// `what` names the service in messages (e.g. "Key Protect").
    pub fn call(&self, what: &str, req: &Request<'_>) -> Result<Response, RootKeyError> {
        let url = Url::parse(req.url).map_err(RootKeyError::Io)?;
        let mut last = String::new();
        for attempt in 0..self.attempts {
            if attempt > 0 {
                std::thread::sleep(backoff(attempt, None));
            }
            match self.send_once(&url, req) {
                Ok(r) if r.is_transient() && attempt + 1 < self.attempts => {
                    if let Some(wait) = retry_after(&r) {
                        std::thread::sleep(wait);
                    }
                    last = format!("HTTP {}", r.status);
                }
                Ok(r) => return Ok(r),
                Err(TryError::Connection(e)) => last = e,
                Err(TryError::Fatal(e)) => return Err(RootKeyError::Io(format!("{what}: {e}"))),
            }
        }
        Err(RootKeyError::Unavailable(format!(
            "{what} at {}:{} did not answer after {} tries: {last}",
            url.host, url.port, self.attempts
        )))
    }

    fn send_once(&self, url: &Url, req: &Request<'_>) -> Result<Response, TryError> {
        let conn_err = |e: std::io::Error| TryError::Connection(e.to_string());
        let addrs: Vec<_> = (url.host.as_str(), url.port)
            .to_socket_addrs()
            .map_err(|e| TryError::Connection(format!("cannot resolve {}: {e}", url.host)))?
            .collect();
        let mut stream = None;
        let mut err = String::from("no address");
        for a in addrs {
            match TcpStream::connect_timeout(&a, self.timeout) {
                Ok(s) => {
                    stream = Some(s);
                    break;
                }
                Err(e) => err = format!("cannot connect to {a}: {e}"),
            }
        }
        let tcp = stream.ok_or(TryError::Connection(err))?;
        tcp.set_read_timeout(Some(self.timeout)).map_err(conn_err)?;
        tcp.set_write_timeout(Some(self.timeout))
            .map_err(conn_err)?;
        let _ = tcp.set_nodelay(true);

        let mut head = Zeroizing::new(format!(
            "{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            req.method,
            url.path,
            url.host_header(),
            req.body.len()
        ));
        for (n, v) in &req.headers {
            if n.contains(['\r', '\n', ':']) || v.contains(['\r', '\n']) {
                return Err(TryError::Fatal(format!("bad header {n:?}")));
            }
            head.push_str(n);
            head.push_str(": ");
            head.push_str(v);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");

        if url.tls {
            let name = rustls_pki_types::ServerName::try_from(url.host.clone())
                .map_err(|e| TryError::Fatal(format!("{}: {e}", url.host)))?;
            let conn = rustls::ClientConnection::new(Arc::clone(&self.tls), name)
                .map_err(|e| TryError::Fatal(e.to_string()))?;
            let mut tls = rustls::StreamOwned::new(conn, tcp);
            exchange(&mut tls, head.as_bytes(), &req.body)
        } else {
            let mut tcp = tcp;
            exchange(&mut tcp, head.as_bytes(), &req.body)
        }
    }
}

fn retry_after(r: &Response) -> Option<Duration> {
    let secs: u64 = r.header("retry-after")?.trim().parse().ok()?;
    Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER))
}

/// Exponential backoff with up to 50% jitter for retry number `attempt` (1-based).
fn backoff(attempt: u32, base: Option<Duration>) -> Duration {
    let base = base.unwrap_or(BACKOFF) * 2u32.saturating_pow(attempt.saturating_sub(1));
    let mut b = [0u8; 2];
    crate::crypto::fill_random(&mut b);
    let jitter = u64::from(u16::from_le_bytes(b)) * (base.as_millis() as u64 / 2) / 65535;
    base + Duration::from_millis(jitter)
}

fn exchange<S: Read + Write>(s: &mut S, head: &[u8], body: &[u8]) -> Result<Response, TryError> {
    let conn = |e: std::io::Error| TryError::Connection(e.to_string());
    s.write_all(head).map_err(conn)?;
    s.write_all(body).map_err(conn)?;
    s.flush().map_err(conn)?;
    let mut r = BufReader::new(s);
    let mut line = String::new();
    read_line(&mut r, &mut line)?;
    let mut parts = line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    let status: u16 = parts
        .next()
        .and_then(|c| c.trim().parse().ok())
        .filter(|_| version.starts_with("HTTP/1."))
        .ok_or_else(|| TryError::Connection(format!("not an HTTP answer: {:?}", line.trim())))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        read_line(&mut r, &mut line)?;
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        if headers.len() > 100 {
            return Err(TryError::Fatal("too many answer headers".into()));
        }
        if let Some((n, v)) = l.split_once(':') {
            headers.push((n.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let find = |n: &str| {
        headers
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.clone())
    };
    let mut out = Zeroizing::new(Vec::new());
    if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            line.clear();
            read_line(&mut r, &mut line)?;
            let size_text = line.trim().split(';').next().unwrap_or_default();
            let size = usize::from_str_radix(size_text, 16)
                .map_err(|_| TryError::Connection("bad chunk size".into()))?;
            if size == 0 {
                break;
            }
            if out.len() + size > MAX_BODY {
                return Err(TryError::Fatal(format!(
                    "answer larger than {MAX_BODY} bytes"
                )));
            }
            let start = out.len();
            out.resize(start + size, 0);
            r.read_exact(&mut out[start..]).map_err(conn)?;
            line.clear();
            read_line(&mut r, &mut line)?;
        }
    } else if let Some(len) = find("content-length") {
        let len: usize = len
            .parse()
            .map_err(|_| TryError::Connection("bad Content-Length".into()))?;
        if len > MAX_BODY {
            return Err(TryError::Fatal(format!(
                "answer larger than {MAX_BODY} bytes"
            )));
        }
        out.resize(len, 0);
        r.read_exact(&mut out).map_err(conn)?;
    } else if status != 204 && status != 304 {
        r.take(MAX_BODY as u64 + 1)
            .read_to_end(&mut out)
            .map_err(conn)?;
        if out.len() > MAX_BODY {
            return Err(TryError::Fatal(format!(
                "answer larger than {MAX_BODY} bytes"
            )));
        }
    }
    Ok(Response {
        status,
        headers,
        body: out,
    })
}

fn read_line<R: BufRead>(r: &mut R, line: &mut String) -> Result<(), TryError> {
    let n = r
        .take(8192)
        .read_line(line)
        .map_err(|e| TryError::Connection(e.to_string()))?;
    if n == 0 {
        return Err(TryError::Connection(
            "connection closed before the answer".into(),
        ));
    }
    Ok(())
}

/// Form-encodes (application/x-www-form-urlencoded) one value.
pub fn form_encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encodes one path segment (key ids, names).
pub fn path_segment(v: &str) -> String {
    form_encode(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = Url::parse("https://us-south.kms.cloud.ibm.com").expect("url");
        assert_eq!(
            (u.tls, u.host.as_str(), u.port, u.path.as_str()),
            (true, "us-south.kms.cloud.ibm.com", 443, "/")
        );
        assert_eq!(u.host_header(), "us-south.kms.cloud.ibm.com");
        let u = Url::parse("http://127.0.0.1:8200/v1/x?y=1").expect("url");
        assert_eq!((u.port, u.path.as_str()), (8200, "/v1/x?y=1"));
        assert_eq!(u.host_header(), "127.0.0.1:8200");
        let u = Url::parse("http://[::1]:99/").expect("url");
        assert_eq!((u.host.as_str(), u.port), ("::1", 99));
        assert_eq!(u.host_header(), "[::1]:99");
        for bad in ["ftp://x", "https://", "https://u:p@h/", "http://h:x/"] {
            assert!(Url::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn encoding_and_backoff() {
        assert_eq!(form_encode("a b/+="), "a%20b%2F%2B%3D");
        for n in 1..4 {
            let b = backoff(n, Some(Duration::from_millis(100)));
            let base = 100 * 2u64.pow(n - 1);
            assert!(
                b.as_millis() as u64 >= base && b.as_millis() as u64 <= base * 3 / 2,
                "{b:?}"
            );
        }
    }

    #[test]
    fn talks_http_and_retries_5xx() {
        use std::net::TcpListener;
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = l.local_addr().expect("addr").port();
        let server = std::thread::spawn(move || {
            // First a 503, then a chunked 200.
            for (i, answer) in [
                "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n",
            ]
            .iter()
            .enumerate()
            {
                let (mut s, _) = l.accept().expect("accept");
                let mut buf = [0u8; 4096];
                let n = s.read(&mut buf).expect("read");
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                assert!(req.starts_with("POST /p HTTP/1.1\r\n"), "{i}: {req}");
                assert!(req.contains("X-T: v\r\n"), "{req}");
                s.write_all(answer.as_bytes()).expect("write");
            }
        });
        let c = HttpClient::new(None).expect("client");
        let url = format!("http://127.0.0.1:{port}/p");
        let r = c
            .call(
                "test",
                &Request::new("POST", &url)
                    .header("X-T", "v")
                    .body(b"x".to_vec()),
            )
            .expect("call");
        assert_eq!(r.status, 200);
        assert_eq!(r.json().expect("json")["a"], 1);
        server.join().expect("server");
        // Nothing listens any more: Unavailable after the tries.
        match c.call("test", &Request::new("GET", &url)) {
            Err(RootKeyError::Unavailable(m)) => assert!(m.contains("3 tries"), "{m}"),
            other => panic!("{:?}", other.map(|r| r.status)),
        }
    }
}
