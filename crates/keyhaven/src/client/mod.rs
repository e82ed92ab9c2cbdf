//! An async KMIP client over mutual TLS (tokio-rustls), for any KMIP server.
//!
//! * [`TlsOptions`] / [`client_config`]: a rustls client configuration from PEM (server CA, client
//!   certificate chain and key). Keep one configuration and share it between connections: its
//!   session cache is what lets a returning client resume its TLS session instead of running a full
//!   handshake.
//! * [`Connection`]: one TLS connection (TCP_NODELAY set); [`Connection::exchange`] writes one
//!   request message and reads one response, checking the response's 8-byte TTLV header (a
//!   Structure, a length that is a multiple of 8, within the limit) before allocating its body.
//! * [`request`]: builders for request messages and the payloads of Discover Versions, Get, Get
//!   Attributes, Create and Locate, in 1.x or 2.x spelling according to the protocol version.
//! * [`response`]: a response message read into batch results.
//!
//! Nothing here is specific to Keyhaven: the load generator (`keyhaven bench`) drives other KMIP
//! servers with it.

pub mod http;
pub mod request;
pub mod response;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use keyhaven_kmip::ProtocolVersion;
use keyhaven_ttlv::Item;
use rustls::client::Resumption;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

pub use request::RequestMessage;
pub use response::{BatchResult, ResponseMessage};

/// Largest response accepted by default (bytes, header included).
pub const DEFAULT_MAX_RESPONSE: usize = 16 << 20;

/// What went wrong talking to a server.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("TLS configuration: {0}")]
    Config(String),
    #[error("connecting to {addr}: {source}")]
    Connect {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("TLS handshake with {addr}: {source}")]
    Handshake {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("the server closed the connection")]
    Closed,
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("unreadable response: {0}")]
    Decode(#[from] keyhaven_ttlv::DecodeError),
    #[error("unexpected response: {0}")]
    Protocol(String),
    #[error("{operation} failed: {reason}: {message}")]
    Operation {
        operation: String,
        reason: String,
        message: String,
    },
}

impl ClientError {
    /// True when the connection cannot carry another request (I/O failure, closed, garbled stream).
    pub fn is_fatal_to_connection(&self) -> bool {
        !matches!(self, ClientError::Operation { .. })
    }
}

pub type ClientResult<T> = Result<T, ClientError>;

/// How to build a client TLS configuration.
#[derive(Clone, Debug)]
pub struct TlsOptions {
    /// Offer TLS 1.3.
    pub tls13: bool,
    /// Offer TLS 1.2.
    pub tls12: bool,
    /// Sessions kept for resumption (per configuration); 0 disables resumption.
    pub session_cache: usize,
    /// Cipher suites to offer, most preferred first, by rustls name (e.g.
    /// `TLS13_AES_128_GCM_SHA256`); empty: rustls' default list and order.
    pub cipher_suites: Vec<String>,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            tls13: true,
            tls12: true,
            session_cache: 256,
            cipher_suites: Vec::new(),
        }
    }
}

/// Builds a rustls client configuration for mutual TLS: the server must chain to `ca_pem`; the
/// client presents `cert_pem` (leaf first, then any intermediates) with `key_pem`.
pub fn client_config(
    ca_pem: &[u8],
    cert_pem: &[u8],
    key_pem: &[u8],
    opts: &TlsOptions,
) -> ClientResult<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    let cas = CertificateDer::pem_slice_iter(ca_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ClientError::Config(format!("CA certificates: {e}")))?;
    if cas.is_empty() {
        return Err(ClientError::Config(
            "the CA file holds no \"-----BEGIN CERTIFICATE-----\" block".into(),
        ));
    }
    for c in cas {
        roots
            .add(c)
            .map_err(|e| ClientError::Config(format!("CA certificate: {e}")))?;
    }
    let chain = CertificateDer::pem_slice_iter(cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ClientError::Config(format!("client certificate: {e}")))?;
    if chain.is_empty() {
        return Err(ClientError::Config(
            "the client certificate file holds no \"-----BEGIN CERTIFICATE-----\" block".into(),
        ));
    }
    let key = PrivateKeyDer::from_pem_slice(key_pem)
        .map_err(|e| ClientError::Config(format!("client key: {e}")))?;
    let mut versions: Vec<&'static rustls::SupportedProtocolVersion> = Vec::new();
    if opts.tls13 {
        versions.push(&rustls::version::TLS13);
    }
    if opts.tls12 {
        versions.push(&rustls::version::TLS12);
    }
    if versions.is_empty() {
        return Err(ClientError::Config("no TLS version enabled".into()));
    }
    let mut provider = rustls::crypto::ring::default_provider();
    if !opts.cipher_suites.is_empty() {
        let all = provider.cipher_suites.clone();
        provider.cipher_suites = opts
            .cipher_suites
            .iter()
            .map(|name| {
                all.iter()
                    .find(|s| format!("{:?}", s.suite()).eq_ignore_ascii_case(name))
                    .copied()
                    .ok_or_else(|| {
                        let known: Vec<String> =
                            all.iter().map(|s| format!("{:?}", s.suite())).collect();
                        ClientError::Config(format!(
                            "unknown cipher suite {name}; known: {}",
                            known.join(", ")
                        ))
                    })
            })
            .collect::<ClientResult<_>>()?;
    }
    let provider = Arc::new(provider);
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&versions)
        .map_err(|e| ClientError::Config(e.to_string()))?
        .with_root_certificates(roots)
        .with_client_auth_cert(chain, key)
        .map_err(|e| ClientError::Config(format!("client certificate and key: {e}")))?;
    config.resumption = if opts.session_cache == 0 {
        Resumption::disabled()
    } else {
        Resumption::in_memory_sessions(opts.session_cache)
    };
    Ok(config)
}

/// [`client_config`] from PEM files.
pub fn client_config_from_files(
    ca: &std::path::Path,
    cert: &std::path::Path,
    key: &std::path::Path,
    opts: &TlsOptions,
) -> ClientResult<rustls::ClientConfig> {
    let read = |p: &std::path::Path| {
        std::fs::read(p).map_err(|e| ClientError::Config(format!("{}: {e}", p.display())))
    };
    client_config(&read(ca)?, &read(cert)?, &read(key)?, opts)
}

/// Parses the TLS server name to verify (and send as SNI when it is a DNS name).
pub fn server_name(name: &str) -> ClientResult<ServerName<'static>> {
    ServerName::try_from(name.to_owned())
        .map_err(|e| ClientError::Config(format!("server name {name:?}: {e}")))
}

/// Where and how to connect: address, TLS name and configuration, timeouts. Cheap to clone.
#[derive(Clone)]
pub struct Endpoint {
    pub addr: SocketAddr,
    pub server_name: ServerName<'static>,
    pub tls: Arc<rustls::ClientConfig>,
    /// Bound on TCP connect plus TLS handshake.
    pub connect_timeout: Duration,
    /// Bound on one request/response exchange.
    pub request_timeout: Duration,
    /// Largest response accepted.
    pub max_response: usize,
    /// Set TCP_NODELAY (the default). Off, the client behaves like one that leaves Nagle's
    /// algorithm on, which shows whether the server's responses and tickets avoid delayed-ACK stalls.
    pub nodelay: bool,
    /// Connect from this local address (the bench's storm gives each simulated host its own
    /// loopback address, as different machines have different addresses).
    pub source: Option<std::net::IpAddr>,
}

impl Endpoint {
    pub fn new(
        addr: SocketAddr,
        server_name: ServerName<'static>,
        tls: Arc<rustls::ClientConfig>,
    ) -> Endpoint {
        Endpoint {
            addr,
            server_name,
            tls,
            connect_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(30),
            max_response: DEFAULT_MAX_RESPONSE,
            nodelay: true,
            source: None,
        }
    }

    /// Opens a TLS connection (the handshake is complete when this returns).
    pub async fn connect(&self) -> ClientResult<Connection> {
        tokio::time::timeout(self.connect_timeout, self.connect_inner())
            .await
            .map_err(|_| ClientError::Timeout(self.connect_timeout))?
    }

    async fn connect_inner(&self) -> ClientResult<Connection> {
        let connect = async {
            match self.source {
                None => TcpStream::connect(self.addr).await,
                Some(ip) => {
                    let s = if ip.is_ipv4() {
                        tokio::net::TcpSocket::new_v4()?
                    } else {
                        tokio::net::TcpSocket::new_v6()?
                    };
                    s.bind(SocketAddr::new(ip, 0))?;
                    s.connect(self.addr).await
                }
            }
        };
        let tcp = connect.await.map_err(|source| ClientError::Connect {
            addr: self.addr,
            source,
        })?;
        // KMIP is request/response with small messages: never let Nagle hold a request back.
        tcp.set_nodelay(self.nodelay)?;
        let stream = TlsConnector::from(self.tls.clone())
            .connect(self.server_name.clone(), tcp)
            .await
            .map_err(|source| ClientError::Handshake {
                addr: self.addr,
                source,
            })?;
        Ok(Connection {
            stream,
            request_timeout: self.request_timeout,
            limits: keyhaven_ttlv::Limits {
                max_message_len: self.max_response,
                ..keyhaven_ttlv::Limits::default()
            },
        })
    }
}

/// One TLS connection to a KMIP server.
pub struct Connection {
    stream: TlsStream<TcpStream>,
    request_timeout: Duration,
    limits: keyhaven_ttlv::Limits,
}

impl Connection {
    /// True when the TLS handshake resumed an earlier session.
    pub fn resumed(&self) -> bool {
        matches!(
            self.stream.get_ref().1.handshake_kind(),
            Some(rustls::HandshakeKind::Resumed)
        )
    }

    /// The negotiated TLS version, e.g. "TLSv1_3".
    pub fn tls_version(&self) -> Option<String> {
        self.stream
            .get_ref()
            .1
            .protocol_version()
            .map(|v| format!("{v:?}"))
    }

    /// Writes one encoded request message and returns the encoded response message.
    pub async fn exchange(&mut self, request: &[u8]) -> ClientResult<Vec<u8>> {
        let t = self.request_timeout;
        tokio::time::timeout(t, self.exchange_inner(request))
            .await
            .map_err(|_| ClientError::Timeout(t))?
    }

    async fn exchange_inner(&mut self, request: &[u8]) -> ClientResult<Vec<u8>> {
        self.stream.write_all(request).await?;
        self.stream.flush().await?;
        let mut header = [0u8; 8];
        match self.stream.read_exact(&mut header).await {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(ClientError::Closed)
            }
            Err(e) => return Err(e.into()),
        }
        // Checked before the body is allocated: a garbled or hostile length cannot make us allocate.
        let total = keyhaven_ttlv::decode_header(&header, &self.limits)?;
        let mut body = vec![0u8; total];
        body[..8].copy_from_slice(&header);
        self.stream.read_exact(&mut body[8..]).await?;
        Ok(body)
    }

    /// Sends a request message and reads the response message.
    pub async fn send(&mut self, request: &RequestMessage) -> ClientResult<ResponseMessage> {
        let bytes = self.exchange(&request.encode()).await?;
        let item = keyhaven_ttlv::decode(&bytes, &self.limits)?;
        ResponseMessage::parse(&item)
    }

    /// Runs one operation and returns its response payload (an empty Response Payload when the
    /// server sent none); a failed operation is [`ClientError::Operation`].
    pub async fn call(
        &mut self,
        version: ProtocolVersion,
        operation: u32,
        payload: Item,
    ) -> ClientResult<Item> {
        let msg = RequestMessage::new(version).with_item(operation, payload);
        self.send(&msg).await?.single()?.into_payload()
    }

    /// Sends close_notify and closes the connection (bounded by one second).
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(1), self.stream.shutdown()).await;
    }
}
