//! Every certificate of a node that can expire, with its date: the server certificates, the
//! server CA (and the next and previous CA during a rollover), and each trusted client's
//! certificate or CA. [`expiry_list`] is what the log warnings and a metrics endpoint read.

use std::collections::HashMap;

use super::CertPaths;
use crate::datadir::DataDir;
use crate::pki;
use crate::store::{ClientTrust, Store};

/// One certificate and when it expires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertExpiry {
    /// "server", "server-ecdsa", "ca", "ca-next", "ca-previous", "client" (a pinned client
    /// certificate) or "client-ca" (a CA a tenant trusts for its clients).
    pub kind: &'static str,
    /// The file, or the client's name.
    pub name: String,
    pub subject: String,
    /// Unix seconds.
    pub not_after: i64,
}

impl CertExpiry {
    /// Whole days left at `now` (negative once expired).
    pub fn days_left(&self, now: i64) -> i64 {
        (self.not_after - now).div_euclid(86_400)
    }
}

fn from_file(kind: &'static str, path: &std::path::Path, out: &mut Vec<CertExpiry>) {
    let Ok(pem) = std::fs::read(path) else {
        return;
    };
    let Ok(ders) = pki::parse_certificates(&pem) else {
        return;
    };
    if let Some(s) = ders.first().and_then(|d| pki::summarize(d).ok()) {
        out.push(CertExpiry {
            kind,
            name: path.display().to_string(),
            subject: s.subject,
            not_after: s.not_after,
        });
    }
}

/// Every certificate of this node and its store that expires, soonest first. Unreadable entries
/// are left out (their owners report them elsewhere); a store error leaves the clients out.
pub fn expiry_list(dir: &DataDir, store: &dyn Store) -> Vec<CertExpiry> {
    let mut out = Vec::new();
    from_file("server", &dir.server_cert(), &mut out);
    from_file("server-ecdsa", &dir.server_ecdsa_cert(), &mut out);
    from_file("ca", &dir.ca_cert(), &mut out);
    from_file("ca-next", &dir.ca_next_cert(), &mut out);
    from_file("ca-previous", &dir.ca_previous_cert(), &mut out);
    if let Ok(clients) = store.list_clients(None) {
        for c in clients {
            let (kind, der) = match (&c.trust, &c.cert_der) {
                (ClientTrust::Ca { ca_der }, _) => ("client-ca", ca_der.as_slice()),
                (ClientTrust::PinnedCert { .. }, Some(d)) => ("client", d.as_slice()),
                (ClientTrust::PinnedCert { .. }, None) => continue,
            };
            if let Ok(s) = pki::summarize(der) {
                out.push(CertExpiry {
                    kind,
                    name: c.name.clone(),
                    subject: s.subject,
                    not_after: s.not_after,
                });
            }
        }
    }
    out.sort_by_key(|e| e.not_after);
    out
}

/// Logs a warning for each certificate expiring within `warn_days`, at most once a day per
/// certificate (`last` remembers when each was last warned about).
pub fn warn_expiring(
    list: &[CertExpiry],
    now: i64,
    warn_days: i64,
    last: &mut HashMap<(String, i64), i64>,
) -> usize {
    let mut warned = 0;
    for e in list {
        let days = e.days_left(now);
        if days >= warn_days {
            continue;
        }
        let key = (format!("{}:{}", e.kind, e.name), e.not_after);
        if last.get(&key).is_some_and(|t| now - t < 86_400) {
            continue;
        }
        last.insert(key, now);
        warned += 1;
        if days < 0 {
            tracing::error!(kind = e.kind, name = %e.name, subject = %e.subject,
                not_after = %crate::cli::fmt_time(e.not_after),
                "certificate EXPIRED {} day(s) ago", -days);
        } else {
            tracing::warn!(kind = e.kind, name = %e.name, subject = %e.subject,
                not_after = %crate::cli::fmt_time(e.not_after),
                "certificate expires in {days} day(s)");
        }
    }
    warned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_left_rounds_down_and_goes_negative() {
        let e = CertExpiry {
            kind: "server",
            name: "x".into(),
            subject: "CN=x".into(),
            not_after: 10 * 86_400,
        };
        assert_eq!(e.days_left(0), 10);
        assert_eq!(e.days_left(1), 9);
        assert_eq!(e.days_left(11 * 86_400), -1);
    }

    #[test]
    fn warns_once_a_day() {
        let soon = CertExpiry {
            kind: "client",
            name: "a".into(),
            subject: "CN=a".into(),
            not_after: 5 * 86_400,
        };
        let later = CertExpiry {
            not_after: 400 * 86_400,
            name: "b".into(),
            ..soon.clone()
        };
        let mut last = HashMap::new();
        let list = [soon, later];
        assert_eq!(warn_expiring(&list, 0, 30, &mut last), 1);
        assert_eq!(warn_expiring(&list, 3600, 30, &mut last), 0);
        assert_eq!(warn_expiring(&list, 86_400, 30, &mut last), 1);
    }
}
