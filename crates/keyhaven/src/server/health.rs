//! Plain-HTTP health and readiness endpoints for load balancers and monitoring
//! (`keyhaven serve --health-listen ADDR`).
//!
//! * `GET /healthz`: 200 while the process runs and accepts connections.
//! * `GET /readyz`: 200 when this node can serve keys: the store answers and the root key of every
//!   active tenant is usable ([`Envelope::verify_tenant`](crate::crypto::envelope::Envelope::verify_tenant));
//!   503 with a one-line reason otherwise. Suspended tenants are not checked (their keys are not
//!   served anyway), so a shredded tenant that was suspended does not take the node out.
//!
//! A minimal HTTP/1.1 responder: one request per connection, `Connection: close`, bounded request
//! size and time. It tells nothing secret (failure reasons name a tenant, its id and root-key
//! reference, never key material), so it may listen on a management network without TLS.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::time::timeout;

use super::Server;
use crate::store::TenantState;

/// Largest request head read.
const MAX_REQUEST: usize = 8 * 1024;
/// Time allowed to receive the request head.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// Most concurrent health connections; more are closed at once.
const MAX_CONNECTIONS: usize = 64;

/// The readiness check: `Ok(summary)` when this node can serve keys, else `Err(reason)`.
/// Blocking (store and root-key calls): run it on a blocking thread.
pub fn readiness(server: &Server) -> Result<String, String> {
    let tenants = server
        .store
        .list_tenants()
        .map_err(|e| format!("store unavailable: {e}"))?;
    server
        .store
        .check_writable()
        .map_err(|e| format!("store not writable: {e}"))?;
    let mut checked = 0;
    for t in tenants.iter().filter(|t| t.state == TenantState::Active) {
        server
            .envelope
            .verify_tenant(&t.id)
            .map_err(|e| format!("tenant {}: root key unusable: {e}", t.name))?;
        checked += 1;
    }
    Ok(format!(
        "ready: store answers; root keys of {checked} active tenant(s) usable"
    ))
}

/// Serves the endpoints on `listener` until `shutdown` turns true.
pub async fn serve(
    server: Arc<Server>,
    listener: TcpListener,
    mut shutdown: watch::Receiver<bool>,
) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = shutdown.changed() => {
                if *shutdown.borrow() { return; }
                continue;
            }
        };
        let (tcp, _peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                tracing::warn!(error = %e, "health endpoint: accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            drop(tcp);
            continue;
        };
        let server = server.clone();
        tokio::spawn(async move {
            let _ = one(server, tcp).await;
            drop(permit);
        });
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn one(server: Arc<Server>, mut tcp: TcpStream) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(512);
    let head = timeout(READ_TIMEOUT, async {
        let mut chunk = [0u8; 1024];
        loop {
            let n = tcp.read(&mut chunk).await?;
            if n == 0 {
                return Ok::<bool, std::io::Error>(false);
            }
            buf.extend_from_slice(&chunk[..n]);
            if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.windows(2).any(|w| w == b"\n\n") {
                return Ok(true);
            }
            if buf.len() > MAX_REQUEST {
                return Ok(false);
            }
        }
    })
    .await;
    if !matches!(head, Ok(Ok(true))) {
        return respond(&mut tcp, 400, "Bad Request", "bad request\n").await;
    }
    let text = String::from_utf8_lossy(&buf);
    let mut parts = text.lines().next().unwrap_or("").split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    if method != "GET" && method != "HEAD" {
        return respond(&mut tcp, 405, "Method Not Allowed", "use GET\n").await;
    }
    let (code, reason, body) = match path {
        "/healthz" => (200, "OK", "ok\n".to_owned()),
        "/metrics" => {
            let s = server.clone();
            let text = tokio::task::spawn_blocking(move || super::metrics::scrape(&s))
                .await
                .unwrap_or_default();
            return respond_typed(&mut tcp, 200, "OK", super::metrics::CONTENT_TYPE, &text).await;
        }
        "/readyz" => {
            // Every store call is bounded (docs/cluster.md); this bound is a second guard.
            let check = tokio::task::spawn_blocking(move || readiness(&server));
            match timeout(Duration::from_secs(20), check).await {
                Ok(Ok(Ok(summary))) => (200, "OK", format!("{summary}\n")),
                Ok(Ok(Err(why))) => (
                    503,
                    "Service Unavailable",
                    format!("not ready: {}\n", one_line(&why)),
                ),
                Ok(Err(_)) => (
                    503,
                    "Service Unavailable",
                    "not ready: the readiness check failed\n".to_owned(),
                ),
                Err(_) => (
                    503,
                    "Service Unavailable",
                    "not ready: the readiness check did not finish within 20 s\n".to_owned(),
                ),
            }
        }
        _ => (
            404,
            "Not Found",
            "not found: try /healthz, /readyz or /metrics\n".to_owned(),
        ),
    };
    let body = if method == "HEAD" {
        String::new()
    } else {
        body
    };
    respond(&mut tcp, code, reason, &body).await
}

async fn respond(tcp: &mut TcpStream, code: u16, reason: &str, body: &str) -> std::io::Result<()> {
    respond_typed(tcp, code, reason, "text/plain; charset=utf-8", body).await
}

async fn respond_typed(
    tcp: &mut TcpStream,
    code: u16,
    reason: &str,
    content_type: &str,
    body: &str,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let write = async {
        tcp.write_all(head.as_bytes()).await?;
        tcp.write_all(body.as_bytes()).await?;
        tcp.flush().await?;
        tcp.shutdown().await
    };
    timeout(READ_TIMEOUT, write)
        .await
        .unwrap_or_else(|_| Err(std::io::ErrorKind::TimedOut.into()))
}
