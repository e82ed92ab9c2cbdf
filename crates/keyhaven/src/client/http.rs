//! KMIP over HTTPS, client side: `POST /kmip` over mutual TLS with the request message as binary
//! TTLV (`application/octet-stream`), XML (`text/xml`) or JSON (`application/json`), on a kept-alive
//! HTTP/1.1 connection. Nothing here is specific to Keyhaven.

use std::time::Duration;

use keyhaven_kmip::{json, xml};
use keyhaven_ttlv::Item;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use super::{ClientError, ClientResult, Endpoint};

/// Largest response head (status line and headers) accepted.
const MAX_HEAD: usize = 16 * 1024;

/// How a request message is encoded in the HTTP body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyEncoding {
    Ttlv,
    Xml,
    Json,
}

impl BodyEncoding {
    pub fn content_type(self) -> &'static str {
        match self {
            BodyEncoding::Ttlv => "application/octet-stream",
            BodyEncoding::Xml => "text/xml",
            BodyEncoding::Json => "application/json",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BodyEncoding::Ttlv => "TTLV",
            BodyEncoding::Xml => "XML",
            BodyEncoding::Json => "JSON",
        }
    }
}

/// One HTTP response.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// The server will close the connection after this response.
    pub close: bool,
}

/// One kept-alive HTTPS connection to a KMIP server.
pub struct HttpsConnection {
    stream: TlsStream<TcpStream>,
    host: String,
    request_timeout: Duration,
    max_response: usize,
    /// Bytes received beyond the last response.
    buf: Vec<u8>,
    closed: bool,
}

impl Endpoint {
    /// Opens a TLS connection for KMIP over HTTPS.
    pub async fn connect_https(&self) -> ClientResult<HttpsConnection> {
        let t = self.connect_timeout;
        tokio::time::timeout(t, async {
            let tcp =
                TcpStream::connect(self.addr)
                    .await
                    .map_err(|source| ClientError::Connect {
                        addr: self.addr,
                        source,
                    })?;
            tcp.set_nodelay(true)?;
            let stream = TlsConnector::from(self.tls.clone())
                .connect(self.server_name.clone(), tcp)
                .await
                .map_err(|source| ClientError::Handshake {
                    addr: self.addr,
                    source,
                })?;
            Ok(HttpsConnection {
                stream,
                host: self.addr.to_string(),
                request_timeout: self.request_timeout,
                max_response: self.max_response,
                buf: Vec::new(),
                closed: false,
            })
        })
        .await
        .map_err(|_| ClientError::Timeout(t))?
    }
}

fn protocol(msg: impl Into<String>) -> ClientError {
    ClientError::Protocol(msg.into())
}

impl HttpsConnection {
    /// False once the server said it closes the connection.
    pub fn is_open(&self) -> bool {
        !self.closed
    }

    /// Sends `POST path` with a body and reads the response.
    pub async fn post(
        &mut self,
        path: &str,
        content_type: &str,
        body: &[u8],
    ) -> ClientResult<HttpResponse> {
        if self.closed {
            return Err(ClientError::Closed);
        }
        let t = self.request_timeout;
        let r = tokio::time::timeout(t, self.post_inner(path, content_type, body))
            .await
            .map_err(|_| ClientError::Timeout(t))?;
        match &r {
            Ok(resp) if resp.close => self.closed = true,
            Err(_) => self.closed = true,
            Ok(_) => {}
        }
        r
    }

    async fn post_inner(
        &mut self,
        path: &str,
        content_type: &str,
        body: &[u8],
    ) -> ClientResult<HttpResponse> {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nAccept: {content_type}\r\n\r\n",
            self.host,
            body.len()
        );
        let mut out = head.into_bytes();
        out.extend_from_slice(body);
        self.stream.write_all(&out).await?;
        self.stream.flush().await?;
        let head_len = loop {
            if let Some(p) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break p + 4;
            }
            if self.buf.len() > MAX_HEAD {
                return Err(protocol("the HTTP response head is too large"));
            }
            let mut chunk = [0u8; 4096];
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(ClientError::Closed);
            }
            self.buf.extend_from_slice(&chunk[..n]);
        };
        let head: Vec<u8> = self.buf.drain(..head_len).collect();
        let text = std::str::from_utf8(&head)
            .map_err(|_| protocol("the HTTP response head is not UTF-8"))?;
        let mut lines = text.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let mut parts = status_line.splitn(3, ' ');
        let (version, status) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        if !version.starts_with("HTTP/1.") {
            return Err(protocol(format!(
                "not an HTTP/1.x response: {status_line:?}"
            )));
        }
        let status: u16 = status
            .parse()
            .map_err(|_| protocol(format!("bad HTTP status line {status_line:?}")))?;
        let mut length: Option<usize> = None;
        let mut content_type = None;
        let mut close = version == "HTTP/1.0";
        for line in lines.filter(|l| !l.is_empty()) {
            let Some((name, value)) = line.split_once(':') else {
                return Err(protocol(format!("bad HTTP header line {line:?}")));
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => {
                    length = Some(
                        value
                            .parse()
                            .map_err(|_| protocol(format!("bad Content-Length {value:?}")))?,
                    )
                }
                "content-type" => content_type = Some(value.to_owned()),
                "connection" => {
                    let v = value.to_ascii_lowercase();
                    if v.contains("close") {
                        close = true;
                    } else if v.contains("keep-alive") {
                        close = false;
                    }
                }
                "transfer-encoding" => {
                    return Err(protocol("chunked HTTP responses are not supported"))
                }
                _ => {}
            }
        }
        let body = match length {
            Some(n) => {
                if n > self.max_response {
                    return Err(protocol(format!(
                        "the response body of {n} bytes exceeds the limit of {} bytes",
                        self.max_response
                    )));
                }
                let mut body = Vec::with_capacity(n);
                let take = n.min(self.buf.len());
                body.extend(self.buf.drain(..take));
                if body.len() < n {
                    let start = body.len();
                    body.resize(n, 0);
                    self.stream.read_exact(&mut body[start..]).await?;
                }
                body
            }
            None => {
                // No length: the body runs to the end of the connection.
                close = true;
                let mut body = std::mem::take(&mut self.buf);
                let mut chunk = [0u8; 4096];
                loop {
                    let n = match self.stream.read(&mut chunk).await {
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => 0,
                        Err(e) => return Err(e.into()),
                    };
                    if n == 0 {
                        break;
                    }
                    if body.len() + n > self.max_response {
                        return Err(protocol("the HTTP response body is too large"));
                    }
                    body.extend_from_slice(&chunk[..n]);
                }
                body
            }
        };
        Ok(HttpResponse {
            status,
            content_type,
            body,
            close,
        })
    }

    /// Sends a request message in an encoding to `/kmip` and returns the response message. An HTTP
    /// status other than 200 is [`ClientError::Protocol`] with the status and the server's text.
    pub async fn exchange(&mut self, enc: BodyEncoding, request: &Item) -> ClientResult<Item> {
        let body = match enc {
            BodyEncoding::Ttlv => keyhaven_ttlv::encode(request),
            BodyEncoding::Xml => xml::to_xml(request).into_bytes(),
            BodyEncoding::Json => json::to_json(request).into_bytes(),
        };
        let resp = self.post("/kmip", enc.content_type(), &body).await?;
        if resp.status != 200 {
            let text = String::from_utf8_lossy(&resp.body);
            return Err(protocol(format!("HTTP {}: {}", resp.status, text.trim())));
        }
        let ct = resp.content_type.as_deref().unwrap_or("");
        let base = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let expected_ok = match enc {
            BodyEncoding::Ttlv => base == "application/octet-stream",
            BodyEncoding::Xml => base == "text/xml" || base == "application/xml",
            BodyEncoding::Json => base == "application/json",
        };
        if !expected_ok {
            return Err(protocol(format!(
                "a {} request was answered with Content-Type {ct:?}",
                enc.name()
            )));
        }
        match enc {
            BodyEncoding::Ttlv => {
                let limits = keyhaven_ttlv::Limits {
                    max_message_len: self.max_response,
                    ..keyhaven_ttlv::Limits::default()
                };
                Ok(keyhaven_ttlv::decode(&resp.body, &limits)?)
            }
            BodyEncoding::Xml | BodyEncoding::Json => {
                let text = std::str::from_utf8(&resp.body)
                    .map_err(|_| protocol("the response body is not UTF-8"))?;
                if enc == BodyEncoding::Xml {
                    xml::from_xml(text)
                        .map_err(|e| protocol(format!("unreadable XML response: {}", e.0)))
                } else {
                    json::from_json(text)
                        .map_err(|e| protocol(format!("unreadable JSON response: {}", e.0)))
                }
            }
        }
    }

    /// Sends close_notify and closes the connection (bounded by one second).
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(1), self.stream.shutdown()).await;
    }
}
