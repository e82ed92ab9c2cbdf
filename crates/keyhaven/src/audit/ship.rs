//! Shipping audit records out of the store, after they are committed to the chain: as JSON lines
//! appended to a file (`serve --audit-jsonl PATH`) and as RFC 5424 syslog messages
//! (`serve --audit-syslog unix:/dev/log | udp:HOST:PORT | tcp:HOST:PORT`; journald reads
//! /dev/log). Each shipped record carries its chain position and hash, so a copy kept elsewhere
//! can be matched against the store. Shipping never holds requests up: a failure is logged with
//! the number of records not shipped (they stay in the store's chain).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::net::{TcpStream, ToSocketAddrs, UdpSocket};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::store::AuditRecord;

/// A record with its place in the chain, as shipped.
pub struct Shipped<'a> {
    pub seq: i64,
    pub hash: &'a [u8],
    pub record: &'a AuditRecord,
}

fn rfc3339(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "-".into())
}

/// One JSON object per record: seq, hash (hex), at (RFC 3339), at_unix and the record's fields.
pub fn json_line(s: &Shipped<'_>) -> String {
    let r = s.record;
    serde_json::json!({
        "seq": s.seq,
        "hash": hex::encode(s.hash),
        "at": rfc3339(r.at),
        "at_unix": r.at,
        "tenant_id": r.tenant_id,
        "actor": r.actor,
        "operation": r.operation,
        "uid": r.uid,
        "outcome": r.outcome,
        "peer": r.peer,
    })
    .to_string()
}

/// SD-PARAM value escaping (RFC 5424 section 6.3.3).
fn sd_escape(v: &str) -> String {
    let mut o = String::with_capacity(v.len());
    for c in v.chars() {
        if matches!(c, '"' | '\\' | ']') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// Structured-data ID: the documentation enterprise number of RFC 5612.
const SD_ID: &str = "keyhaven@32473";

/// An RFC 5424 message: facility authpriv (10), severity info (6) for successes and notice (5)
/// for failures; structured data holds every field.
pub fn syslog_message(s: &Shipped<'_>, hostname: &str, pid: u32) -> String {
    let r = s.record;
    let severity = if r.outcome == "success" { 6 } else { 5 };
    let pri = 10 * 8 + severity;
    let mut sd = format!(
        "[{SD_ID} seq=\"{}\" hash=\"{}\"",
        s.seq,
        hex::encode(s.hash)
    );
    let fields: [(&str, Option<&str>); 6] = [
        ("tenant", r.tenant_id.as_deref()),
        ("actor", Some(&r.actor)),
        ("op", Some(&r.operation)),
        ("uid", r.uid.as_deref()),
        ("outcome", Some(&r.outcome)),
        ("peer", r.peer.as_deref()),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            sd.push_str(&format!(" {k}=\"{}\"", sd_escape(v)));
        }
    }
    sd.push(']');
    format!(
        "<{pri}>1 {} {hostname} keyhaven {pid} audit {sd} {} {} {} {}",
        rfc3339(r.at),
        r.actor,
        r.operation,
        r.uid.as_deref().unwrap_or("-"),
        r.outcome
    )
}

/// Where syslog messages go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyslogTarget {
    Unix(PathBuf),
    Udp(String),
    Tcp(String),
}

impl std::str::FromStr for SyslogTarget {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once(':') {
            Some(("unix", p)) if !p.is_empty() => Ok(SyslogTarget::Unix(p.into())),
            Some(("udp", a)) if !a.is_empty() => Ok(SyslogTarget::Udp(a.into())),
            Some(("tcp", a)) if !a.is_empty() => Ok(SyslogTarget::Tcp(a.into())),
            _ => Err(format!(
                "{s:?}: expected unix:/dev/log, udp:HOST:PORT or tcp:HOST:PORT"
            )),
        }
    }
}

enum Conn {
    #[cfg(unix)]
    Unix(std::os::unix::net::UnixDatagram),
    Udp(UdpSocket),
    Tcp(Option<TcpStream>),
}

/// The configured destinations.
pub struct Shipper {
    jsonl: Option<(PathBuf, File)>,
    syslog: Option<(SyslogTarget, Conn)>,
    hostname: String,
    pid: u32,
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty() && h.is_ascii() && !h.contains(' '))
        .unwrap_or_else(|| "-".into())
}

impl Shipper {
    /// Opens the destinations (the JSON-lines file is created with mode 0600 if absent).
    pub fn open(jsonl: Option<&Path>, syslog: Option<&SyslogTarget>) -> Result<Shipper, String> {
        let jsonl = match jsonl {
            Some(p) => {
                let mut o = OpenOptions::new();
                o.append(true).create(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    o.mode(0o600);
                }
                let f = o
                    .open(p)
                    .map_err(|e| format!("audit JSON-lines file {}: {e}", p.display()))?;
                Some((p.to_owned(), f))
            }
            None => None,
        };
        let syslog = match syslog {
            Some(t) => {
                let conn = match t {
                    #[cfg(unix)]
                    SyslogTarget::Unix(_) => Conn::Unix(
                        std::os::unix::net::UnixDatagram::unbound()
                            .map_err(|e| format!("syslog socket: {e}"))?,
                    ),
                    #[cfg(not(unix))]
                    SyslogTarget::Unix(_) => return Err("unix sockets need a unix system".into()),
                    SyslogTarget::Udp(_) => Conn::Udp(
                        UdpSocket::bind("0.0.0.0:0")
                            .or_else(|_| UdpSocket::bind("[::]:0"))
                            .map_err(|e| format!("syslog UDP socket: {e}"))?,
                    ),
                    SyslogTarget::Tcp(_) => Conn::Tcp(None),
                };
                Some((t.clone(), conn))
            }
            None => None,
        };
        Ok(Shipper {
            jsonl,
            syslog,
            hostname: hostname(),
            pid: std::process::id(),
        })
    }

    /// Ships committed records; logs (never hides) what could not be shipped.
    pub fn ship(&mut self, records: &[Shipped<'_>]) {
        if let Some((path, f)) = self.jsonl.as_mut() {
            let mut text = String::new();
            for s in records {
                text.push_str(&json_line(s));
                text.push('\n');
            }
            if let Err(e) = f.write_all(text.as_bytes()).and_then(|_| f.sync_data()) {
                tracing::error!(file = %path.display(), error = %e, records = records.len(), "cannot ship audit records to the JSON-lines file (they are in the store's chain)");
            }
        }
        if let Some((target, conn)) = self.syslog.as_mut() {
            let mut failed = 0usize;
            let mut last_err = None;
            for s in records {
                let msg = syslog_message(s, &self.hostname, self.pid);
                if let Err(e) = send(target, conn, &msg) {
                    failed += 1;
                    last_err = Some(e);
                }
            }
            if let Some(e) = last_err {
                tracing::error!(target = ?target, error = %e, records = failed, "cannot ship audit records to syslog (they are in the store's chain)");
            }
        }
    }
}

fn send(target: &SyslogTarget, conn: &mut Conn, msg: &str) -> io::Result<()> {
    match (target, conn) {
        #[cfg(unix)]
        (SyslogTarget::Unix(p), Conn::Unix(s)) => s.send_to(msg.as_bytes(), p).map(drop),
        (SyslogTarget::Udp(a), Conn::Udp(s)) => s.send_to(msg.as_bytes(), a.as_str()).map(drop),
        (SyslogTarget::Tcp(a), Conn::Tcp(slot)) => {
            // Octet-counting framing (RFC 6587); one reconnection attempt per message.
            let framed = format!("{} {msg}", msg.len());
            for attempt in 0..2 {
                if slot.is_none() {
                    let addr = a
                        .to_socket_addrs()?
                        .next()
                        .ok_or_else(|| io::Error::other(format!("{a}: no address")))?;
                    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
                    s.set_write_timeout(Some(Duration::from_secs(2)))?;
                    *slot = Some(s);
                }
                let r = match slot.as_mut() {
                    Some(s) => s.write_all(framed.as_bytes()),
                    None => Err(io::Error::other("not connected")),
                };
                match r {
                    Ok(()) => return Ok(()),
                    Err(e) => {
                        *slot = None;
                        if attempt == 1 {
                            return Err(e);
                        }
                    }
                }
            }
            Ok(())
        }
        _ => Err(io::Error::other("syslog target and socket disagree")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syslog_message_is_rfc5424_with_escaped_structured_data() {
        let r = AuditRecord {
            at: 0,
            tenant_id: None,
            actor: "vc".into(),
            operation: "Get".into(),
            uid: Some("u1".into()),
            outcome: "ItemNotFound: no \"x\" ]here\\".into(),
            peer: None,
        };
        let m = syslog_message(
            &Shipped {
                seq: 3,
                hash: &[0xab; 32],
                record: &r,
            },
            "host",
            42,
        );
        assert!(m.starts_with("<85>1 1970-01-01T00:00:00Z host keyhaven 42 audit [keyhaven@32473 seq=\"3\" hash=\"abab"), "{m}");
        assert!(
            m.contains(r#"outcome="ItemNotFound: no \"x\" \]here\\""#),
            "{m}"
        );
        assert!(!m.contains("tenant="), "absent fields are left out: {m}");
        let j: serde_json::Value = serde_json::from_str(&json_line(&Shipped {
            seq: 3,
            hash: &[1; 32],
            record: &r,
        }))
        .expect("json");
        assert_eq!(j["seq"], 3);
        assert_eq!(j["uid"], "u1");
    }
}
