//! The audit hash chain, as the store writes it: every record carries its position (`seq`, 1, 2,
//! 3, ... across the whole store), the hash of the record before it and its own hash,
//!
//! ```text
//! hash(n) = SHA-256("keyhaven-audit-v1" 0x00 || hash(n-1) || seq BE64 || at BE64
//!                   || tenant_id || actor || operation || uid || outcome || peer)
//! ```
//!
//! where each text field is `0x00` when absent or `0x01 || length BE32 || UTF-8 bytes`, and
//! hash(0) is 32 zero bytes ([`GENESIS`]). The link is computed inside the transaction that
//! inserts the records, under the store's write lock (SQLite `BEGIN IMMEDIATE`; PostgreSQL a
//! `SELECT ... FOR UPDATE` of the one `audit_head` row), so any number of writers (the server's
//! audit thread, admin CLI processes, every node of a cluster) extend one chain. Rows written
//! before the chain existed (schema migration) keep `seq` NULL: they are reported, not verified.

use sha2::{Digest, Sha256};

use super::AuditRecord;

/// The hash before the first record.
pub const GENESIS: [u8; 32] = [0; 32];

/// Domain separation for record hashes.
const DOMAIN: &[u8] = b"keyhaven-audit-v1\0";

fn field(h: &mut Sha256, v: Option<&str>) {
    match v {
        None => h.update([0u8]),
        Some(s) => {
            h.update([1u8]);
            h.update((s.len() as u32).to_be_bytes());
            h.update(s.as_bytes());
        }
    }
}

/// The hash of record `seq` whose predecessor's hash is `prev`.
pub fn link(prev: &[u8], seq: i64, r: &AuditRecord) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(prev);
    h.update(seq.to_be_bytes());
    h.update(r.at.to_be_bytes());
    field(&mut h, r.tenant_id.as_deref());
    field(&mut h, Some(&r.actor));
    field(&mut h, Some(&r.operation));
    field(&mut h, r.uid.as_deref());
    field(&mut h, Some(&r.outcome));
    field(&mut h, r.peer.as_deref());
    h.finalize().into()
}

/// A record's place in the chain: (seq, prev_hash, hash).
pub type Link = (i64, Vec<u8>, Vec<u8>);

/// Chains `records` after the head `(seq, hash)`: returns each record's link and the new head.
pub fn extend(
    head_seq: i64,
    head_hash: &[u8],
    records: &[AuditRecord],
) -> (Vec<Link>, (i64, Vec<u8>)) {
    let mut out = Vec::with_capacity(records.len());
    let (mut seq, mut prev) = (head_seq, head_hash.to_vec());
    for r in records {
        seq += 1;
        let h = link(&prev, seq, r).to_vec();
        out.push((seq, prev, h.clone()));
        prev = h;
    }
    (out, (seq, prev))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(op: &str) -> AuditRecord {
        AuditRecord {
            at: 1_700_000_000,
            tenant_id: Some("t".into()),
            actor: "a".into(),
            operation: op.into(),
            uid: None,
            outcome: "success".into(),
            peer: None,
        }
    }

    #[test]
    fn every_field_and_the_position_change_the_hash() {
        let base = link(&GENESIS, 1, &rec("Get"));
        assert_ne!(base, link(&GENESIS, 2, &rec("Get")));
        assert_ne!(base, link(&[1; 32], 1, &rec("Get")));
        assert_ne!(base, link(&GENESIS, 1, &rec("Create")));
        let mut r = rec("Get");
        r.uid = Some(String::new());
        assert_ne!(base, link(&GENESIS, 1, &r), "absent and empty differ");
        // Length prefixes: moving a byte from one field to the next changes the hash.
        let (mut a, mut b) = (rec("Get"), rec("Get"));
        a.actor = "ab".into();
        a.operation = "c".into();
        b.actor = "a".into();
        b.operation = "bc".into();
        assert_ne!(link(&GENESIS, 1, &a), link(&GENESIS, 1, &b));
    }

    #[test]
    fn extend_links_each_record_to_the_one_before() {
        let rs = [rec("A"), rec("B"), rec("C")];
        let (rows, head) = extend(0, &GENESIS, &rs);
        assert_eq!(rows[0].1, GENESIS.to_vec());
        assert_eq!(rows[1].1, rows[0].2);
        assert_eq!(rows[2].1, rows[1].2);
        assert_eq!(head, (3, rows[2].2.clone()));
        let (more, _) = extend(head.0, &head.1, &[rec("D")]);
        assert_eq!(more[0].0, 4);
        assert_eq!(more[0].1, rows[2].2);
    }
}
