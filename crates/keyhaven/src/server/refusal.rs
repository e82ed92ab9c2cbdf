//! Refused connections explained: a failed TLS handshake or an unknown client certificate is logged
//! at info with the peer and a reason a person can act on, counted in the metrics, and rate-limited
//! (a flood of bad connections cannot fill the disk; the next line says how many were suppressed).
//!
//! vCenter probes with connections that close right after the TCP accept or mid-handshake: those
//! are counted (`closed`) and logged at debug only.

use std::sync::OnceLock;
use std::time::Duration;

use rustls::{AlertDescription, CertificateError, PeerIncompatible};

use super::metrics::{self, HandshakeFailure};
use crate::logging::RateLimit;

/// At most this many refusal lines per [`WINDOW`].
const BURST: u64 = 20;
const WINDOW: Duration = Duration::from_secs(10);

fn limiter() -> &'static RateLimit {
    static L: OnceLock<RateLimit> = OnceLock::new();
    L.get_or_init(|| RateLimit::new(BURST, WINDOW))
}

/// The failure class and an actionable explanation of a handshake error.
pub fn classify(e: &std::io::Error) -> (HandshakeFailure, String) {
    let Some(tls) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    else {
        return match e.kind() {
            std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::BrokenPipe => (
                HandshakeFailure::Closed,
                "the client closed the connection during the handshake".into(),
            ),
            std::io::ErrorKind::InvalidData => (
                HandshakeFailure::NotTls,
                format!(
                    "the client does not speak TLS ({e}); is it configured for plain TCP or HTTP?"
                ),
            ),
            _ => (HandshakeFailure::Other, e.to_string()),
        };
    };
    use rustls::Error as E;
    match tls {
        E::PeerIncompatible(PeerIncompatible::NoCipherSuitesInCommon) => (
            HandshakeFailure::NoSharedCipherSuite,
            "no shared cipher suite: the client offers none that this server accepts \
             (TLS 1.3, or TLS 1.2 with ECDHE and AES-GCM or ChaCha20-Poly1305); \
             enable one of them in the client"
                .into(),
        ),
        E::PeerIncompatible(p) => (
            HandshakeFailure::Incompatible,
            format!("the client's TLS is incompatible ({p:?}): this server needs TLS 1.2 or 1.3"),
        ),
        E::NoCertificatesPresented => (
            HandshakeFailure::NoClientCertificate,
            "no client certificate: the client must present its certificate (mutual TLS); \
             give it one with `keyhaven client issue` or trust its own"
                .into(),
        ),
        E::InvalidCertificate(CertificateError::Expired) => (
            HandshakeFailure::Other,
            "the client certificate has expired: renew it".into(),
        ),
        E::AlertReceived(
            a @ (AlertDescription::UnknownCA
            | AlertDescription::BadCertificate
            | AlertDescription::CertificateUnknown
            | AlertDescription::CertificateExpired),
        ) => (
            HandshakeFailure::ClientRejectedServerCertificate,
            format!(
                "the client refused this server's certificate ({a:?}): give the client the \
                 server CA (tls/ca.crt in the data directory), or check the certificate's \
                 host names (serve --hostname) and expiry"
            ),
        ),
        E::InvalidMessage(_) | E::InappropriateMessage { .. } => (
            HandshakeFailure::NotTls,
            format!("the client does not speak TLS as expected ({tls}); is it configured for plain TCP or HTTP?"),
        ),
        other => (HandshakeFailure::Other, other.to_string()),
    }
}

/// A handshake failed (or timed out: `e` is `None`).
pub fn handshake_failed(peer: &str, listener: &str, e: Option<&std::io::Error>) {
    let (why, text) = match e {
        Some(e) => classify(e),
        None => (
            HandshakeFailure::Timeout,
            "the TLS handshake did not finish within the read timeout".into(),
        ),
    };
    metrics::global().handshake_failed(why);
    if why == HandshakeFailure::Closed {
        tracing::debug!(peer, listener, reason = %text, "TLS handshake not completed");
        return;
    }
    if let Some(suppressed) = limiter().allow() {
        tracing::info!(
            peer,
            listener,
            reason = why.label(),
            suppressed,
            "TLS handshake refused: {text}"
        );
    }
}

/// Why a client certificate that completed the handshake is trusted by no tenant.
pub fn unknown_reason(chain: &[Vec<u8>], now: i64) -> (&'static str, String) {
    let Some(leaf) = chain.first() else {
        return (
            "no_client_certificate",
            "no client certificate: configure the client with its certificate".into(),
        );
    };
    match crate::pki::summarize(leaf) {
        Ok(s) if s.not_after < now => (
            "expired_certificate",
            format!(
                "the client certificate {:?} expired at {}: renew it (or sign a new CSR with \
                 `keyhaven client sign-csr`)",
                s.subject,
                crate::cli::fmt_time(s.not_after)
            ),
        ),
        Ok(s) if s.not_before > now => (
            "certificate_not_yet_valid",
            format!(
                "the client certificate {:?} is not valid before {}: check the clocks",
                s.subject,
                crate::cli::fmt_time(s.not_before)
            ),
        ),
        Ok(s) if s.issuer != s.subject => (
            "unknown_ca",
            format!(
                "the client certificate {:?} was issued by {:?}, a CA no tenant trusts: trust \
                 that CA with `keyhaven client trust-ca`, or the certificate itself with \
                 `keyhaven client trust-cert`",
                s.subject, s.issuer
            ),
        ),
        Ok(s) => (
            "not_trusted",
            format!(
                "the client certificate {:?} is not trusted by any tenant: trust it with \
                 `keyhaven client trust-cert`",
                s.subject
            ),
        ),
        Err(e) => (
            "bad_certificate",
            format!("the client certificate cannot be read: {e}"),
        ),
    }
}

/// A client completed the handshake with a certificate no tenant trusts.
pub fn unknown_client(peer: &str, listener: &str, chain: &[Vec<u8>], fingerprint: &str) {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (code, text) = unknown_reason(chain, now);
    metrics::global().unknown_client(code);
    if let Some(suppressed) = limiter().allow() {
        tracing::info!(peer, listener, reason = code, sha256 = %fingerprint, suppressed, "unknown client: {text}");
    }
}
