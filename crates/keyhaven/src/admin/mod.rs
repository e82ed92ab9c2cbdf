//! The admin plane (`keyhaven serve --admin-listen ADDR`, loopback by default): a JSON API under
//! `/api/v1/` ([`api`]) and the web console at `/` ([`console`]), on their own HTTPS listener.
//!
//! * TLS: the server's certificate; a client certificate is asked for but optional (a browser logs
//!   in with a password instead). An admin certificate (`keyhaven admin issue`) is recognised by its
//!   SHA-256, pinned in the administrators file ([`registry`]).
//! * Who: an admin certificate, or a session cookie from a password login ([`session`]); roles
//!   viewer < operator < admin, optionally limited to one tenant ([`roles`]).
//! * What: every action goes through [`crate::service`], the code the CLI runs, and is audited with
//!   the administrator's name (`admin:NAME@api` or `admin:NAME@console`) and address.
//! * Every response carries a strict Content-Security-Policy (no inline script, nothing from
//!   elsewhere) and no-store caching.

pub mod api;
pub mod auth;
pub mod console;
pub mod registry;
pub mod roles;
pub mod session;
pub mod tls;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, Request};
use axum::Router;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio_rustls::TlsAcceptor;

use crate::datadir::{DataDir, Opened};
use crate::server::Server;
use crate::service::{Actor, Ctx};

/// Default address of the admin listener (loopback: reach it through SSH or a reverse proxy, or
/// give another address explicitly).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9443";

/// Most admin connections at once.
const MAX_CONNECTIONS: usize = 256;
/// Largest request body (CSRs, certificates, forms).
pub const MAX_BODY: usize = 256 * 1024;

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                       connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// What the admin handlers share.
pub struct AdminState {
    pub server: Arc<Server>,
    pub opened: Opened,
    pub admins: registry::AdminRegistry,
    pub sessions: session::Sessions,
    /// Addresses this node listens on, for the server page.
    pub listeners: Vec<String>,
}

impl AdminState {
    pub fn new(server: Arc<Server>, opened: Opened, listeners: Vec<String>) -> AdminState {
        AdminState {
            admins: registry::AdminRegistry,
            sessions: session::Sessions::default(),
            server,
            opened,
            listeners,
        }
    }

    pub fn dir(&self) -> &DataDir {
        &self.opened.dir
    }

    /// The service context for an action of `who`.
    pub fn ctx(&self, who: &auth::Principal, channel: &str) -> Ctx<'_> {
        Ctx {
            store: self.server.store.as_ref(),
            envelope: &self.server.envelope,
            dir: &self.opened.dir,
            actor: Actor {
                name: format!("admin:{}@{channel}", who.name),
                tenant: who.tenant.clone(),
                peer: Some(who.peer.to_string()),
            },
        }
    }
}

/// Facts about the TLS connection a request came on.
#[derive(Clone, Debug)]
pub struct ConnInfo {
    pub peer: SocketAddr,
    /// SHA-256 (hex) of the client certificate, when one was presented.
    pub cert_sha256: Option<String>,
}

/// The whole admin application: API, console, security headers.
pub fn app(state: Arc<AdminState>) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(console::routes())
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

async fn security_headers(mut resp: axum::response::Response) -> axum::response::Response {
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// Serves the admin plane on `listener` until `shutdown` turns true.
pub async fn serve(
    state: Arc<AdminState>,
    tls: Arc<rustls::ServerConfig>,
    listener: TcpListener,
    mut shutdown: watch::Receiver<bool>,
) {
    let acceptor = TlsAcceptor::from(tls);
    let app = app(state.clone());
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let handshake_timeout = state.server.limits.handshake_timeout;
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = shutdown.changed() => {
                if *shutdown.borrow() { return; }
                continue;
            }
        };
        let (tcp, peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!(error = %e, "admin listener: accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "admin listener: connection limit reached; closing new connection");
            continue;
        };
        let (acceptor, app) = (acceptor.clone(), app.clone());
        tokio::spawn(async move {
            let _open = crate::server::metrics::global().connection_opened("admin");
            let _ = tcp.set_nodelay(true);
            let stream = match tokio::time::timeout(handshake_timeout, acceptor.accept(tcp)).await {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => {
                    crate::server::refusal::handshake_failed(&peer.to_string(), "admin", Some(&e));
                    return;
                }
                Err(_) => {
                    crate::server::refusal::handshake_failed(&peer.to_string(), "admin", None);
                    return;
                }
            };
            let cert_sha256 = stream
                .get_ref()
                .1
                .peer_certificates()
                .and_then(|c| c.first())
                .map(|c| crate::pki::fingerprint_hex(c.as_ref()));
            let info = ConnInfo { peer, cert_sha256 };
            let svc = tower::ServiceExt::map_request(app, move |mut req: Request<_>| {
                req.extensions_mut().insert(info.clone());
                req
            });
            let svc = hyper_util::service::TowerToHyperService::new(svc);
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(Duration::from_secs(30))
                .serve_connection(TokioIo::new(stream), svc);
            if let Err(e) = conn.await {
                tracing::debug!(%peer, error = %e, "admin connection ended");
            }
            drop(permit);
        });
    }
}
