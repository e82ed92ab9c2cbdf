//! Prometheus metrics (`GET /metrics` on the health listener, text exposition format 0.0.4).
//!
//! One process-wide registry ([`global`]) fed by layers, not by the operations themselves:
//! * dispatch records each batch item's operation, result and tenant, and its latency;
//! * the connection code records TLS handshakes (full, resumed, failed by reason) and open
//!   connections per listener;
//! * [`store::MeteredStore`] wraps the store, [`rootkey::MeteredProvider`] each root-key provider:
//!   call latency and errors per call;
//! * at scrape time: certificate expiry (server, CA, clients) and the audit backlog.
//!
//! The request path touches atomics only, except the first time a label set is seen (one write
//! lock to add the series). Label values are bounded: operation names, result reasons, tenant
//! names, store and provider call names.

pub mod histogram;
pub mod rootkey;
pub mod store;

use std::collections::HashMap;
use std::fmt::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

use histogram::Histogram;

/// Why a TLS handshake failed (a label of `keyhaven_tls_handshakes_total`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HandshakeFailure {
    NoSharedCipherSuite,
    Incompatible,
    NoClientCertificate,
    ClientRejectedServerCertificate,
    NotTls,
    Timeout,
    Closed,
    Other,
}

impl HandshakeFailure {
    pub const ALL: [HandshakeFailure; 8] = [
        HandshakeFailure::NoSharedCipherSuite,
        HandshakeFailure::Incompatible,
        HandshakeFailure::NoClientCertificate,
        HandshakeFailure::ClientRejectedServerCertificate,
        HandshakeFailure::NotTls,
        HandshakeFailure::Timeout,
        HandshakeFailure::Closed,
        HandshakeFailure::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HandshakeFailure::NoSharedCipherSuite => "no_shared_cipher_suite",
            HandshakeFailure::Incompatible => "incompatible",
            HandshakeFailure::NoClientCertificate => "no_client_certificate",
            HandshakeFailure::ClientRejectedServerCertificate => "client_rejected_server_cert",
            HandshakeFailure::NotTls => "not_tls",
            HandshakeFailure::Timeout => "timeout",
            HandshakeFailure::Closed => "closed",
            HandshakeFailure::Other => "other",
        }
    }
}

/// Latency and errors of one kind of call (store or root-key provider).
#[derive(Default)]
pub struct CallStats {
    pub latency: Histogram,
    pub errors: AtomicU64,
}

type Series<K, V> = RwLock<HashMap<K, Arc<V>>>;

fn series<K, V>(map: &Series<K, V>, key: &K) -> Arc<V>
where
    K: std::hash::Hash + Eq + Clone,
    V: Default,
{
    if let Some(v) = map.read().unwrap_or_else(|e| e.into_inner()).get(key) {
        return v.clone();
    }
    map.write()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key.clone())
        .or_default()
        .clone()
}

/// The registry.
#[derive(Default)]
pub struct Metrics {
    /// tenant → (operation, result) → count. Looked up without allocating: the tenant by `&str`,
    /// then two `&'static str`.
    requests: Series<String, Series<(&'static str, &'static str), AtomicU64>>,
    /// operation → latency.
    request_latency: Series<&'static str, Histogram>,
    handshakes_full: AtomicU64,
    handshakes_resumed: AtomicU64,
    handshakes_failed: [AtomicU64; 8],
    unknown_clients: Series<String, AtomicU64>,
    /// listener → open connections.
    open_connections: Series<&'static str, AtomicI64>,
    store_calls: Series<&'static str, CallStats>,
    /// (provider, call) → stats.
    rootkey_calls: Series<(String, &'static str), CallStats>,
    /// Certificates whose expiry is reported: (kind, file).
    cert_files: RwLock<Vec<(&'static str, PathBuf)>>,
    /// Audit records queued and not yet written.
    pub audit_backlog: AtomicI64,
    /// Client certificates (name, tenant, not_after), refreshed by [`Metrics::set_client_certs`].
    client_certs: RwLock<Vec<(String, i64)>>,
}

/// The Content-Type of [`Metrics::render`]'s output.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Records one KMIP batch item: its operation, result (success or the result reason) and tenant.
pub fn observe_request(
    who: &super::identity::Identity,
    operation: u32,
    result: &Result<keyhaven_ttlv::Item, keyhaven_kmip::error::KmipError>,
    took: Duration,
) {
    use keyhaven_kmip::enums::enum_value_name;
    use keyhaven_kmip::{tag, ProtocolVersion};
    let op = enum_value_name(tag::OPERATION, operation).unwrap_or("other");
    let result = match result {
        Ok(_) => "success",
        Err(e) => enum_value_name(tag::RESULT_REASON, e.reason.code_for(ProtocolVersion::V2_1))
            .unwrap_or("other"),
    };
    let tenant = match who {
        super::identity::Identity::Client { tenant, .. } => tenant.name.as_str(),
        _ => "-",
    };
    global().request(op, result, tenant, took);
}

/// The registry in text, with the client certificates' expiry read from the store first.
/// Blocking (a store call).
pub fn scrape(server: &super::Server) -> String {
    let m = global();
    if let Ok(clients) = server.store.list_clients(None) {
        let certs = clients
            .iter()
            .filter_map(|c| {
                let der = c.cert_der.as_ref()?;
                let s = crate::pki::summarize(der).ok()?;
                Some((c.name.clone(), s.not_after))
            })
            .collect();
        m.set_client_certs(certs);
    }
    m.render()
}

static GLOBAL: OnceLock<Metrics> = OnceLock::new();

/// The process-wide registry.
pub fn global() -> &'static Metrics {
    GLOBAL.get_or_init(Metrics::default)
}

/// Decrements an open-connection gauge when dropped.
pub struct OpenConnection(Arc<AtomicI64>);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Escapes a label value.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Metrics {
    /// One KMIP batch item answered.
    pub fn request(
        &self,
        operation: &'static str,
        result: &'static str,
        tenant: &str,
        took: Duration,
    ) {
        // The read guard must be gone before `series` may take the write lock.
        let known = read(&self.requests).get(tenant).cloned();
        let by_tenant = match known {
            Some(t) => t,
            None => series(&self.requests, &tenant.to_owned()),
        };
        series(&by_tenant, &(operation, result)).fetch_add(1, Ordering::Relaxed);
        series(&self.request_latency, &operation).observe(took);
    }

    pub fn handshake_ok(&self, resumed: bool) {
        if resumed {
            &self.handshakes_resumed
        } else {
            &self.handshakes_full
        }
        .fetch_add(1, Ordering::Relaxed);
    }

    pub fn handshake_failed(&self, why: HandshakeFailure) {
        let i = HandshakeFailure::ALL
            .iter()
            .position(|w| *w == why)
            .unwrap_or(HandshakeFailure::ALL.len() - 1);
        self.handshakes_failed[i].fetch_add(1, Ordering::Relaxed);
    }

    /// A client completed the handshake with a certificate no tenant trusts.
    pub fn unknown_client(&self, reason: &'static str) {
        series(&self.unknown_clients, &reason.to_owned()).fetch_add(1, Ordering::Relaxed);
    }

    /// A connection opened on `listener` ("kmip", "https", "admin"); closed when the guard drops.
    pub fn connection_opened(&self, listener: &'static str) -> OpenConnection {
        let g = series(&self.open_connections, &listener);
        g.fetch_add(1, Ordering::Relaxed);
        OpenConnection(g)
    }

    pub fn store_call(&self, call: &'static str, took: Duration, ok: bool) {
        let s = series(&self.store_calls, &call);
        s.latency.observe(took);
        if !ok {
            s.errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn rootkey_call(&self, provider: &str, call: &'static str, took: Duration, ok: bool) {
        let s = series(&self.rootkey_calls, &(provider.to_owned(), call));
        s.latency.observe(took);
        if !ok {
            s.errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Certificate files whose expiry is reported (read at each scrape).
    pub fn watch_certificate(&self, kind: &'static str, path: PathBuf) {
        self.cert_files
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .push((kind, path));
    }

    /// The client certificates' expiry: (client name, not_after).
    pub fn set_client_certs(&self, certs: Vec<(String, i64)>) {
        *self.client_certs.write().unwrap_or_else(|e| e.into_inner()) = certs;
    }

    /// The registry in the Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(8192);
        let o = &mut out;
        head(o, "keyhaven_kmip_requests_total", "counter", "KMIP batch items answered, by operation, result (success or the KMIP result reason) and tenant.");
        let mut rows: Vec<(&str, &str, String, u64)> = Vec::new();
        for (tenant, by) in read(&self.requests).iter() {
            for ((op, result), n) in read(by).iter() {
                rows.push((op, result, tenant.clone(), n.load(Ordering::Relaxed)));
            }
        }
        rows.sort();
        for (op, result, tenant, n) in rows {
            let _ = writeln!(
                o,
                "keyhaven_kmip_requests_total{{operation=\"{}\",result=\"{}\",tenant=\"{}\"}} {n}",
                esc(op),
                esc(result),
                esc(&tenant)
            );
        }
        head(
            o,
            "keyhaven_kmip_request_duration_seconds",
            "histogram",
            "Time to answer one KMIP batch item, by operation.",
        );
        let mut lat: Vec<_> = read(&self.request_latency)
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        lat.sort_by_key(|a| a.0);
        for (op, h) in lat {
            h.render(
                o,
                "keyhaven_kmip_request_duration_seconds",
                &format!("operation=\"{}\"", esc(op)),
            );
        }
        head(o, "keyhaven_tls_handshakes_total", "counter", "TLS handshakes on the KMIP and HTTPS listeners: full, resumed, or failed with a reason.");
        let _ = writeln!(
            o,
            "keyhaven_tls_handshakes_total{{result=\"full\",reason=\"\"}} {}",
            self.handshakes_full.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            o,
            "keyhaven_tls_handshakes_total{{result=\"resumed\",reason=\"\"}} {}",
            self.handshakes_resumed.load(Ordering::Relaxed)
        );
        for (i, why) in HandshakeFailure::ALL.iter().enumerate() {
            let _ = writeln!(
                o,
                "keyhaven_tls_handshakes_total{{result=\"failed\",reason=\"{}\"}} {}",
                why.label(),
                self.handshakes_failed[i].load(Ordering::Relaxed)
            );
        }
        head(
            o,
            "keyhaven_unknown_clients_total",
            "counter",
            "Connections whose client certificate no tenant trusts, by reason.",
        );
        let mut unknown: Vec<_> = read(&self.unknown_clients)
            .iter()
            .map(|(k, v)| (k.clone(), v.load(Ordering::Relaxed)))
            .collect();
        unknown.sort();
        for (reason, n) in unknown {
            let _ = writeln!(
                o,
                "keyhaven_unknown_clients_total{{reason=\"{}\"}} {n}",
                esc(&reason)
            );
        }
        head(
            o,
            "keyhaven_open_connections",
            "gauge",
            "Connections open now, by listener.",
        );
        let mut open: Vec<_> = read(&self.open_connections)
            .iter()
            .map(|(k, v)| (*k, v.load(Ordering::Relaxed)))
            .collect();
        open.sort();
        for (l, n) in open {
            let _ = writeln!(o, "keyhaven_open_connections{{listener=\"{l}\"}} {n}");
        }
        head(
            o,
            "keyhaven_store_call_duration_seconds",
            "histogram",
            "Store call latency, by call.",
        );
        let mut calls: Vec<_> = read(&self.store_calls)
            .iter()
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        calls.sort_by_key(|c| c.0);
        for (call, s) in &calls {
            s.latency.render(
                o,
                "keyhaven_store_call_duration_seconds",
                &format!("call=\"{call}\""),
            );
        }
        head(
            o,
            "keyhaven_store_call_errors_total",
            "counter",
            "Store calls that failed, by call.",
        );
        for (call, s) in &calls {
            let _ = writeln!(
                o,
                "keyhaven_store_call_errors_total{{call=\"{call}\"}} {}",
                s.errors.load(Ordering::Relaxed)
            );
        }
        head(
            o,
            "keyhaven_rootkey_call_duration_seconds",
            "histogram",
            "Root-key provider call latency, by provider and call.",
        );
        let mut rk: Vec<_> = read(&self.rootkey_calls)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        rk.sort_by(|a, b| a.0.cmp(&b.0));
        for ((p, call), s) in &rk {
            s.latency.render(
                o,
                "keyhaven_rootkey_call_duration_seconds",
                &format!("provider=\"{}\",call=\"{call}\"", esc(p)),
            );
        }
        head(
            o,
            "keyhaven_rootkey_call_errors_total",
            "counter",
            "Root-key provider calls that failed, by provider and call.",
        );
        for ((p, call), s) in &rk {
            let _ = writeln!(
                o,
                "keyhaven_rootkey_call_errors_total{{provider=\"{}\",call=\"{call}\"}} {}",
                esc(p),
                s.errors.load(Ordering::Relaxed)
            );
        }
        head(
            o,
            "keyhaven_certificate_expiry_timestamp_seconds",
            "gauge",
            "When a certificate expires (Unix time): the server's, its CA, and each client's.",
        );
        let files = self
            .cert_files
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        for (kind, path) in files {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(certs) = crate::pki::parse_certificates(&bytes) else {
                continue;
            };
            if let Some(s) = certs.first().and_then(|c| crate::pki::summarize(c).ok()) {
                let _ = writeln!(
                    o,
                    "keyhaven_certificate_expiry_timestamp_seconds{{kind=\"{kind}\",name=\"{}\"}} {}",
                    esc(&s.subject),
                    s.not_after
                );
            }
        }
        for (name, not_after) in self
            .client_certs
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                o,
                "keyhaven_certificate_expiry_timestamp_seconds{{kind=\"client\",name=\"{}\"}} {not_after}",
                esc(name)
            );
        }
        head(
            o,
            "keyhaven_audit_backlog",
            "gauge",
            "Audit records queued and not yet written to the store.",
        );
        let _ = writeln!(
            o,
            "keyhaven_audit_backlog {}",
            self.audit_backlog.load(Ordering::Relaxed).max(0)
        );
        out
    }
}

fn read<K, V>(m: &Series<K, V>) -> std::sync::RwLockReadGuard<'_, HashMap<K, Arc<V>>> {
    m.read().unwrap_or_else(|e| e.into_inner())
}

fn head(o: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_requests_handshakes_and_gauges() {
        let m = Metrics::default();
        m.request("Get", "success", "default", Duration::from_millis(2));
        m.request("Get", "success", "default", Duration::from_millis(2));
        m.request("Get", "ItemNotFound", "a\"b", Duration::from_millis(2));
        m.handshake_ok(false);
        m.handshake_ok(true);
        m.handshake_failed(HandshakeFailure::NoClientCertificate);
        let c = m.connection_opened("kmip");
        let text = m.render();
        assert!(text.contains("keyhaven_kmip_requests_total{operation=\"Get\",result=\"success\",tenant=\"default\"} 2\n"), "{text}");
        assert!(text.contains("tenant=\"a\\\"b\"} 1\n"), "{text}");
        assert!(
            text.contains("keyhaven_kmip_request_duration_seconds_count{operation=\"Get\"} 3\n"),
            "{text}"
        );
        assert!(
            text.contains("result=\"resumed\",reason=\"\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("reason=\"no_client_certificate\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("keyhaven_open_connections{listener=\"kmip\"} 1\n"),
            "{text}"
        );
        drop(c);
        assert!(m
            .render()
            .contains("keyhaven_open_connections{listener=\"kmip\"} 0\n"));
    }
}
