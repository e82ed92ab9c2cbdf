//! Per-address limits, so that one host cannot starve the others: at most
//! `max_connections_per_ip` open connections and `max_handshakes_per_ip` TLS handshakes in progress
//! from one IP address, across the KMIP port and the HTTPS listener. A connection over either
//! limit is closed at once, before any TLS work. Refusals are logged at most once a second per
//! kind, with how many there were.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

#[derive(Default)]
struct Counts {
    conns: usize,
    handshakes: usize,
}

/// The tracker shared by all listeners.
pub struct PeerLimits {
    max_conns: usize,
    max_handshakes: usize,
    peers: Mutex<HashMap<IpAddr, Counts>>,
    refused: AtomicU64,
    last_log: AtomicU64,
    started: Instant,
}

/// What a guard holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Conn,
    Handshake,
}

/// Released when dropped.
pub struct PeerGuard {
    limits: Arc<PeerLimits>,
    ip: IpAddr,
    kind: Kind,
}

impl Drop for PeerGuard {
    fn drop(&mut self) {
        let mut peers = self.limits.peers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = peers.get_mut(&self.ip) {
            match self.kind {
                Kind::Conn => c.conns = c.conns.saturating_sub(1),
                Kind::Handshake => c.handshakes = c.handshakes.saturating_sub(1),
            }
            if c.conns == 0 && c.handshakes == 0 {
                peers.remove(&self.ip);
            }
        }
    }
}

impl PeerLimits {
    pub fn new(max_conns: usize, max_handshakes: usize) -> Arc<PeerLimits> {
        Arc::new(PeerLimits {
            max_conns: max_conns.max(1),
            max_handshakes: max_handshakes.max(1),
            peers: Mutex::new(HashMap::new()),
            refused: AtomicU64::new(0),
            last_log: AtomicU64::new(0),
            started: Instant::now(),
        })
    }

    fn take(self: &Arc<Self>, ip: IpAddr, kind: Kind) -> Option<PeerGuard> {
        let mut peers = self.peers.lock().unwrap_or_else(|p| p.into_inner());
        let c = peers.entry(ip).or_default();
        let (n, max) = match kind {
            Kind::Conn => (&mut c.conns, self.max_conns),
            Kind::Handshake => (&mut c.handshakes, self.max_handshakes),
        };
        if *n >= max {
            drop(peers);
            self.refused(ip, kind, max);
            return None;
        }
        *n += 1;
        Some(PeerGuard {
            limits: self.clone(),
            ip,
            kind,
        })
    }

    /// A connection slot for `ip`; `None` when it has `max_connections_per_ip` open already.
    pub fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<PeerGuard> {
        self.take(ip, Kind::Conn)
    }

    /// A handshake slot for `ip`; `None` when it has `max_handshakes_per_ip` in progress.
    pub fn handshake(self: &Arc<Self>, ip: IpAddr) -> Option<PeerGuard> {
        self.take(ip, Kind::Handshake)
    }

    /// Connections refused so far by these limits.
    pub fn refused_total(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    fn refused(&self, ip: IpAddr, kind: Kind, max: usize) {
        let total = self.refused.fetch_add(1, Ordering::Relaxed) + 1;
        let now = self.started.elapsed().as_secs() + 1;
        let last = self.last_log.load(Ordering::Relaxed);
        if now > last
            && self
                .last_log
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            let what = match kind {
                Kind::Conn => "connections",
                Kind::Handshake => "TLS handshakes in progress",
            };
            tracing::warn!(peer = %ip, limit = max, refused_total = total, "per-address limit of {what} reached; closing new connection");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_per_address_and_released_on_drop() {
        let l = PeerLimits::new(2, 1);
        let a: IpAddr = "10.0.0.1".parse().expect("ip");
        let b: IpAddr = "10.0.0.2".parse().expect("ip");
        let g1 = l.admit(a).expect("first");
        let _g2 = l.admit(a).expect("second");
        assert!(l.admit(a).is_none(), "third from the same address refused");
        let _other = l.admit(b).expect("another address is not affected");
        drop(g1);
        let _g3 = l.admit(a).expect("room again");
        let h = l.handshake(a).expect("handshake");
        assert!(l.handshake(a).is_none());
        drop(h);
        assert!(l.handshake(a).is_some());
        assert_eq!(l.refused_total(), 2);
    }
}
