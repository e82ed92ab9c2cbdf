//! One TLS acceptor and stream type for both TLS policies (`serve --tls-policy`): `modern`
//! (rustls, [`super::tls`]) and `kmip-profile` (OpenSSL, [`super::tls_openssl`]). The KMIP port and
//! the HTTPS listener take an [`Acceptor`] and read and write a [`TlsStream`] without caring which
//! library is underneath; client identification, tenants and limits are the same either way.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use super::tls_openssl::ProfileAcceptor;

/// Which TLS implementation and cipher suites the listeners offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TlsPolicy {
    /// rustls: TLS 1.3 and TLS 1.2 with ECDHE and AEAD suites only (forward secrecy always).
    Modern,
    /// OpenSSL: the `modern` suites plus the KMIP Profiles' static-RSA AES-CBC suites
    /// (TLS_RSA_WITH_AES_{128,256}_CBC_SHA256 and _SHA), for clients that offer nothing else.
    KmipProfile,
}

impl TlsPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsPolicy::Modern => "modern",
            TlsPolicy::KmipProfile => "kmip-profile",
        }
    }
}

/// Accepts TLS connections under one policy.
#[derive(Clone)]
pub enum Acceptor {
    Rustls(tokio_rustls::TlsAcceptor),
    OpenSsl(Arc<ProfileAcceptor>),
}

impl From<Arc<rustls::ServerConfig>> for Acceptor {
    fn from(c: Arc<rustls::ServerConfig>) -> Self {
        Acceptor::Rustls(tokio_rustls::TlsAcceptor::from(c))
    }
}

impl Acceptor {
    /// Runs the server side of the handshake.
    pub async fn accept(&self, tcp: TcpStream) -> io::Result<TlsStream> {
        match self {
            Acceptor::Rustls(a) => Ok(TlsStream::Rustls(Box::new(a.accept(tcp).await?))),
            Acceptor::OpenSsl(a) => {
                let ssl =
                    openssl::ssl::Ssl::new(a.acceptor().context()).map_err(io::Error::other)?;
                let mut s = tokio_openssl::SslStream::new(ssl, tcp).map_err(io::Error::other)?;
                Pin::new(&mut s).accept().await.map_err(|e| {
                    let msg = match e.ssl_error() {
                        Some(stack) => stack.to_string(),
                        None => e.to_string(),
                    };
                    io::Error::new(io::ErrorKind::InvalidData, msg)
                })?;
                Ok(TlsStream::OpenSsl(Box::new(s)))
            }
        }
    }
}

/// A server-side TLS connection from either policy.
pub enum TlsStream {
    Rustls(Box<tokio_rustls::server::TlsStream<TcpStream>>),
    OpenSsl(Box<tokio_openssl::SslStream<TcpStream>>),
}

impl TlsStream {
    /// The client's certificate chain as presented (DER, end entity first).
    pub fn peer_chain(&self) -> Vec<Vec<u8>> {
        match self {
            TlsStream::Rustls(s) => super::tls::peer_chain(s.get_ref().1),
            TlsStream::OpenSsl(s) => super::tls_openssl::peer_chain(s.ssl()),
        }
    }

    /// Whether the session was resumed (no full handshake).
    pub fn resumed(&self) -> bool {
        match self {
            TlsStream::Rustls(s) => {
                s.get_ref().1.handshake_kind() == Some(rustls::HandshakeKind::Resumed)
            }
            TlsStream::OpenSsl(s) => s.ssl().session_reused(),
        }
    }

    /// The negotiated cipher suite's IANA name (for logs), when known.
    pub fn cipher_suite(&self) -> Option<String> {
        match self {
            TlsStream::Rustls(s) => s
                .get_ref()
                .1
                .negotiated_cipher_suite()
                .and_then(|c| c.suite().as_str().map(str::to_string)),
            TlsStream::OpenSsl(s) => s
                .ssl()
                .current_cipher()
                .map(|c| c.standard_name().unwrap_or(c.name()).to_string()),
        }
    }
}

impl AsyncRead for TlsStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            TlsStream::Rustls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
            TlsStream::OpenSsl(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for TlsStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            TlsStream::Rustls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
            TlsStream::OpenSsl(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            TlsStream::Rustls(s) => Pin::new(s.as_mut()).poll_flush(cx),
            TlsStream::OpenSsl(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            TlsStream::Rustls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
            TlsStream::OpenSsl(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}
