//! KMIP over HTTPS (`serve --https-listen ADDR`): `POST /kmip` on HTTP/1.1 over the same mutual TLS
//! as port 5696, with the same client identity and tenants, answered by the same dispatcher.
//!
//! The body is one request message, encoded as the Content-Type says:
//! * `application/octet-stream`: binary TTLV;
//! * `text/xml` or `application/xml`: the KMIP XML encoding;
//! * `application/json`: the KMIP JSON encoding.
//!
//! The response is in the request's encoding and Content-Type. Limits: the request head is at most
//! [`MAX_HEAD`] bytes; the Content-Length is checked against the server's message limit before the
//! body is read (no chunked bodies: a length is required); an XML or JSON body is refused when it
//! nests deeper than the TTLV depth limit, before it is turned into a tree. Errors that are not KMIP
//! errors get a plain-text HTTP error: 400 (unreadable body), 404 (another path), 405 (another
//! method), 411 (no Content-Length), 413 (too large), 415 (another Content-Type), 431 (head too
//! large), 505 (not HTTP/1.x). KMIP-level failures are KMIP responses with status 200.
//! Connections are kept alive between requests (idle and read timeouts as on port 5696).

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use keyhaven_kmip::{json, xml};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::time::timeout;
use zeroize::Zeroizing;

use super::dispatch;
use super::identity::Identity;
use super::tls_stream::Acceptor;
use super::Server;

/// Largest request line plus headers accepted.
pub const MAX_HEAD: usize = 16 * 1024;

/// The path KMIP is served on.
pub const PATH: &str = "/kmip";

/// A body encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Ttlv,
    Xml,
    Json,
}

impl Encoding {
    /// The encoding of a Content-Type (parameters and case ignored).
    pub fn from_content_type(ct: &str) -> Option<Encoding> {
        let base = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match base.as_str() {
            "application/octet-stream" => Some(Encoding::Ttlv),
            "text/xml" | "application/xml" => Some(Encoding::Xml),
            "application/json" => Some(Encoding::Json),
            _ => None,
        }
    }

    /// The Content-Type of a response in this encoding.
    pub fn content_type(self) -> &'static str {
        match self {
            Encoding::Ttlv => "application/octet-stream",
            Encoding::Xml => "text/xml",
            Encoding::Json => "application/json",
        }
    }
}

/// An HTTP-level refusal: status and a plain-text reason.
#[derive(Debug)]
struct HttpError {
    status: u16,
    message: String,
}

fn http_err(status: u16, message: impl Into<String>) -> HttpError {
    HttpError {
        status,
        message: message.into(),
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

/// Serves KMIP over HTTPS on the listeners until `shutdown` turns true, then lets connections finish
/// the request in flight (up to the shutdown grace) and returns.
pub async fn serve(
    server: Arc<Server>,
    acceptor: Acceptor,
    listeners: Vec<TcpListener>,
    mut shutdown: watch::Receiver<bool>,
) {
    let max = server.limits.max_connections;
    let slots = Arc::new(Semaphore::new(max));
    let mut accept_tasks = Vec::new();
    for listener in listeners {
        accept_tasks.push(tokio::spawn(accept_loop(
            server.clone(),
            acceptor.clone(),
            listener,
            slots.clone(),
            shutdown.clone(),
        )));
    }
    while !*shutdown.borrow() {
        if shutdown.changed().await.is_err() {
            break;
        }
    }
    for t in &accept_tasks {
        t.abort();
    }
    let grace = server.limits.shutdown_grace;
    if timeout(grace, slots.acquire_many(max as u32))
        .await
        .is_err()
    {
        tracing::warn!(
            grace_secs = grace.as_secs(),
            "HTTPS connections still open after the shutdown grace"
        );
    }
}

async fn accept_loop(
    server: Arc<Server>,
    acceptor: Acceptor,
    listener: TcpListener,
    slots: Arc<Semaphore>,
    shutdown: watch::Receiver<bool>,
) {
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!(error = %e, "HTTPS accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "HTTPS connection limit reached; closing new connection");
            drop(tcp);
            continue;
        };
        let Some(per_ip) = server.peers.admit(peer.ip()) else {
            drop(tcp);
            continue;
        };
        let (server, acceptor, shutdown) = (server.clone(), acceptor.clone(), shutdown.clone());
        tokio::spawn(async move {
            connection(server, acceptor, tcp, peer, shutdown).await;
            drop(per_ip);
            drop(permit);
        });
    }
}

async fn connection(
    server: Arc<Server>,
    acceptor: Acceptor,
    tcp: TcpStream,
    peer: SocketAddr,
    mut shutdown: watch::Receiver<bool>,
) {
    let limits = server.limits.clone();
    let peer_s = peer.to_string();
    let _open = super::metrics::global().connection_opened("https");
    let Some((mut stream, who)) =
        super::conn::handshake(&server, &acceptor, tcp, &peer_s, "HTTPS").await
    else {
        return;
    };
    let who = Arc::new(who);
    let mut buf: Vec<u8> = Vec::new();
    loop {
        // The next request: idle timeout, or shutdown between requests.
        if buf.is_empty() {
            let mut first = [0u8; 1];
            let r = tokio::select! {
                r = timeout(limits.idle_timeout, stream.read(&mut first)) => r,
                _ = shutdown.changed() => break,
            };
            match r {
                Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
                Ok(Ok(_)) => buf.push(first[0]),
            }
        }
        let request = timeout(
            limits.read_timeout,
            read_request(&mut stream, &mut buf, &server),
        )
        .await;
        let (req, body) = match request {
            Ok(Ok(Ok(x))) => x,
            Ok(Ok(Err(e))) => {
                let _ = write_error(&mut stream, &e).await;
                break;
            }
            Ok(Err(e)) => {
                tracing::debug!(peer = %peer_s, error = %e, "HTTPS read failed");
                break;
            }
            Err(_) => {
                let _ = write_error(
                    &mut stream,
                    &http_err(408, "the request was not received in time"),
                )
                .await;
                break;
            }
        };
        let enc = req.encoding;
        let outcome = {
            let (server, who, peer) = (server.clone(), who.clone(), peer_s.clone());
            tokio::task::spawn_blocking(move || handle_body(&server, &who, &peer, enc, &body)).await
        };
        let (response, close) = match outcome {
            Ok(Ok(x)) => x,
            Ok(Err(e)) => {
                let close = e.status >= 500;
                if write_error_keep(&mut stream, &e, !close && req.keep_alive)
                    .await
                    .is_err()
                    || close
                    || !req.keep_alive
                {
                    break;
                }
                continue;
            }
            Err(e) => {
                tracing::error!(peer = %peer_s, error = %e, "HTTPS request handler failed");
                let _ = write_error(
                    &mut stream,
                    &http_err(500, "the request could not be handled"),
                )
                .await;
                break;
            }
        };
        let keep = req.keep_alive && !close;
        if write_response(&mut stream, 200, enc.content_type(), &response, keep)
            .await
            .is_err()
            || !keep
        {
            break;
        }
    }
    let _ = timeout(Duration::from_secs(1), stream.shutdown()).await;
}

/// A request's head, as far as KMIP needs it.
struct Request {
    encoding: Encoding,
    keep_alive: bool,
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4)
}

/// Reads one request (head and body); `buf` holds bytes already received and keeps what follows.
async fn read_request<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    buf: &mut Vec<u8>,
    server: &Server,
) -> io::Result<Result<(Request, Vec<u8>), HttpError>> {
    let head_len = loop {
        if let Some(n) = find_head_end(buf) {
            break n;
        }
        if buf.len() > MAX_HEAD {
            return Ok(Err(http_err(
                431,
                format!("the request line and headers exceed {MAX_HEAD} bytes"),
            )));
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    if head_len > MAX_HEAD {
        return Ok(Err(http_err(
            431,
            format!("the request line and headers exceed {MAX_HEAD} bytes"),
        )));
    }
    let head: Vec<u8> = buf.drain(..head_len).collect();
    let parsed = match parse_head(&head, server.limits.max_message_len) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    if parsed.expect_continue {
        stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").await?;
        stream.flush().await?;
    }
    let len = parsed.content_length;
    let mut body = Vec::with_capacity(len);
    let take = len.min(buf.len());
    body.extend(buf.drain(..take));
    if body.len() < len {
        let start = body.len();
        body.resize(len, 0);
        stream.read_exact(&mut body[start..]).await?;
    }
    Ok(Ok((
        Request {
            encoding: parsed.encoding,
            keep_alive: parsed.keep_alive,
        },
        body,
    )))
}

struct Head {
    encoding: Encoding,
    keep_alive: bool,
    content_length: usize,
    expect_continue: bool,
}

fn parse_head(head: &[u8], max_body: usize) -> Result<Head, HttpError> {
    let text =
        std::str::from_utf8(head).map_err(|_| http_err(400, "the request head is not UTF-8"))?;
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (method, target, version) = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v), None) => (m, t, v),
        _ => {
            return Err(http_err(
                400,
                format!("malformed request line {request_line:?}"),
            ))
        }
    };
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        other => {
            return Err(http_err(
                505,
                format!("{other} is not supported (HTTP/1.1 is)"),
            ))
        }
    };
    let mut content_length: Option<usize> = None;
    let mut content_type: Option<&str> = None;
    let mut connection: Option<String> = None;
    let mut chunked = false;
    let mut expect_continue = false;
    for line in lines {
        if line.is_empty() {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(http_err(400, format!("malformed header line {line:?}")));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                let n: usize = value.parse().map_err(|_| {
                    http_err(400, format!("Content-Length {value:?} is not a number"))
                })?;
                if content_length.is_some_and(|c| c != n) {
                    return Err(http_err(400, "conflicting Content-Length headers"));
                }
                content_length = Some(n);
            }
            "content-type" => content_type = Some(value),
            "connection" => connection = Some(value.to_ascii_lowercase()),
            "transfer-encoding" => chunked = true,
            "expect" => expect_continue = value.eq_ignore_ascii_case("100-continue"),
            _ => {}
        }
    }
    let path = target.split('?').next().unwrap_or(target);
    if path != PATH {
        return Err(http_err(
            404,
            format!("KMIP is served on POST {PATH}, not {path}"),
        ));
    }
    if method != "POST" {
        return Err(http_err(
            405,
            format!("{PATH} accepts POST only, not {method}"),
        ));
    }
    if chunked {
        return Err(http_err(
            411,
            "chunked request bodies are not accepted: send a Content-Length",
        ));
    }
    let content_length =
        content_length.ok_or_else(|| http_err(411, "a Content-Length header is required"))?;
    if content_length > max_body {
        return Err(http_err(
            413,
            format!("the body of {content_length} bytes exceeds this server's limit of {max_body} bytes"),
        ));
    }
    let encoding = match content_type {
        None => {
            return Err(http_err(
                415,
                "a Content-Type is required: application/octet-stream (TTLV), text/xml or application/xml (XML), application/json (JSON)",
            ))
        }
        Some(ct) => Encoding::from_content_type(ct).ok_or_else(|| {
            http_err(
                415,
                format!("Content-Type {ct:?} is not supported: use application/octet-stream (TTLV), text/xml or application/xml (XML), application/json (JSON)"),
            )
        })?,
    };
    let keep_alive = match connection.as_deref() {
        Some(c) if c.split(',').any(|t| t.trim() == "close") => false,
        Some(c) if c.split(',').any(|t| t.trim() == "keep-alive") => true,
        _ => http11,
    };
    Ok(Head {
        encoding,
        keep_alive,
        content_length,
        expect_continue: expect_continue && http11,
    })
}

/// Decodes the body, runs it through the dispatcher and encodes the answer. Returns the response
/// body and whether the connection must close.
fn handle_body(
    server: &Server,
    who: &Identity,
    peer: &str,
    enc: Encoding,
    body: &[u8],
) -> Result<(Zeroizing<Vec<u8>>, bool), HttpError> {
    if enc == Encoding::Ttlv {
        let mut o = dispatch::handle(server, who, peer, body);
        return Ok((Zeroizing::new(std::mem::take(&mut o.response)), o.close));
    }
    let text =
        std::str::from_utf8(body).map_err(|_| http_err(400, "the body is not UTF-8 text"))?;
    let max_depth = server.limits.max_depth;
    let item = match enc {
        Encoding::Xml => {
            let depth = xml::element_depth(text)
                .map_err(|e| http_err(400, format!("the body is not valid XML: {}", e.0)))?;
            if depth > max_depth {
                return Err(http_err(
                    400,
                    format!("the XML nests {depth} elements deep; this server accepts {max_depth}"),
                ));
            }
            xml::from_xml(text).map_err(|e| {
                http_err(400, format!("the body is not a KMIP XML message: {}", e.0))
            })?
        }
        _ => json::from_json(text)
            .map_err(|e| http_err(400, format!("the body is not a KMIP JSON message: {}", e.0)))?,
    };
    let ttlv = keyhaven_ttlv::encode(&item);
    drop(item);
    if ttlv.len() > server.limits.max_message_len {
        return Err(http_err(
            413,
            format!(
                "the message is {} bytes in TTLV, over this server's limit of {} bytes",
                ttlv.len(),
                server.limits.max_message_len
            ),
        ));
    }
    let o = dispatch::handle(server, who, peer, &ttlv);
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    let resp = keyhaven_ttlv::decode(&o.response, &limits)
        .map_err(|e| http_err(500, format!("the response cannot be encoded: {e}")))?;
    // The text forms hold key material in hex: zeroed once written.
    let out = Zeroizing::new(match enc {
        Encoding::Xml => xml::to_xml(&resp),
        _ => json::to_json(&resp),
    });
    Ok((Zeroizing::new(out.as_bytes().to_vec()), o.close))
}

/// One whole request (head and body, already out of TLS) to the bytes of its HTTP response, as the
/// connection loop would answer it; for the fuzzer (fuzz/fuzz_targets/https_body.rs) and tests.
#[doc(hidden)]
pub fn answer_raw_request(server: &Server, who: &Identity, peer: &str, raw: &[u8]) -> Vec<u8> {
    let result = (|| {
        let head_len = find_head_end(raw)
            .filter(|n| *n <= MAX_HEAD)
            .ok_or_else(|| http_err(400, "no complete request head"))?;
        let head = parse_head(&raw[..head_len], server.limits.max_message_len)?;
        let body = raw
            .get(head_len..head_len + head.content_length)
            .ok_or_else(|| http_err(400, "the body is shorter than its Content-Length"))?;
        let (bytes, _) = handle_body(server, who, peer, head.encoding, body)?;
        Ok::<_, HttpError>((head.encoding.content_type(), bytes))
    })();
    let (status, ct, body) = match result {
        Ok((ct, b)) => (200, ct, b),
        Err(e) => (
            e.status,
            "text/plain",
            Zeroizing::new(e.message.into_bytes()),
        ),
    };
    let mut out = format!(
        "HTTP/1.1 {status} -\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

async fn write_response<S: AsyncWrite + Unpin>(
    stream: &mut S,
    status: u16,
    content_type: &str,
    body: &[u8],
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n",
        reason_phrase(status),
        body.len()
    );
    if !keep_alive {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut out = Zeroizing::new(Vec::with_capacity(head.len() + body.len()));
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(body);
    stream.write_all(&out).await?;
    stream.flush().await
}

async fn write_error_keep<S: AsyncWrite + Unpin>(
    stream: &mut S,
    e: &HttpError,
    keep_alive: bool,
) -> io::Result<()> {
    let body = format!("{} {}: {}\n", e.status, reason_phrase(e.status), e.message);
    write_response(
        stream,
        e.status,
        "text/plain; charset=utf-8",
        body.as_bytes(),
        keep_alive,
    )
    .await
}

async fn write_error<S: AsyncWrite + Unpin>(stream: &mut S, e: &HttpError) -> io::Result<()> {
    write_error_keep(stream, e, false).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(s: &str) -> Result<Head, HttpError> {
        parse_head(s.as_bytes(), 1000)
    }

    #[test]
    fn heads() {
        let h = head("POST /kmip HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 10\r\n\r\n")
            .expect("ok");
        assert_eq!(
            (h.encoding, h.keep_alive, h.content_length),
            (Encoding::Json, true, 10)
        );
        let h = head("POST /kmip HTTP/1.0\r\nContent-Type: text/xml\r\nContent-Length: 0\r\n\r\n")
            .expect("ok");
        assert!(!h.keep_alive);
        let status = |s: &str| head(s).err().map(|e| e.status);
        assert_eq!(status("GET /kmip HTTP/1.1\r\n\r\n"), Some(405));
        assert_eq!(status("POST /other HTTP/1.1\r\n\r\n"), Some(404));
        assert_eq!(status("POST /kmip HTTP/2\r\n\r\n"), Some(505));
        assert_eq!(
            status("POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\n\r\n"),
            Some(411)
        );
        assert_eq!(
            status("POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Some(411)
        );
        assert_eq!(
            status("POST /kmip HTTP/1.1\r\nContent-Type: text/xml\r\nContent-Length: 1001\r\n\r\n"),
            Some(413)
        );
        assert_eq!(
            status("POST /kmip HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\n"),
            Some(415)
        );
        assert_eq!(
            status("POST /kmip HTTP/1.1\r\nContent-Length: 1\r\n\r\n"),
            Some(415)
        );
    }
}
