//! The audit signing key (ECDSA P-256) kept in the data directory like the CA key
//! (`audit/signing.key`, mode 0600, the private scalar in hex; `audit/signing.pub`, the public key
//! for auditors). It signs checkpoints (the chain's (seq, hash) now and then) and the anchor that
//! pruning leaves. Every node of a cluster needs the same key: copy `audit/` with `tls/ca.*`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::store::AuditCheckpoint;

const CHECKPOINT_DOMAIN: &[u8] = b"keyhaven-audit-checkpoint-v1\0";
const ANCHOR_DOMAIN: &[u8] = b"keyhaven-audit-anchor-v1\0";

/// What a signature vouches for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A checkpoint: the chain had this hash at this position.
    Checkpoint,
    /// An anchor: the records up to this position were pruned; the chain resumes after it.
    Anchor,
}

/// The bytes signed for a checkpoint or anchor.
pub fn checkpoint_message(kind: Kind, seq: i64, hash: &[u8], at: i64) -> Vec<u8> {
    let mut m = match kind {
        Kind::Checkpoint => CHECKPOINT_DOMAIN.to_vec(),
        Kind::Anchor => ANCHOR_DOMAIN.to_vec(),
    };
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(&(hash.len() as u32).to_be_bytes());
    m.extend_from_slice(hash);
    m.extend_from_slice(&at.to_be_bytes());
    m
}

pub fn key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("audit").join("signing.key")
}

pub fn public_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("audit").join("signing.pub")
}

fn key_id_of(vk: &VerifyingKey) -> String {
    let d = Sha256::digest(vk.to_encoded_point(true).as_bytes());
    hex::encode(&d[..8])
}

/// Verifies checkpoints and anchors.
#[derive(Clone, Debug)]
pub struct AuditVerifier {
    key: VerifyingKey,
    pub key_id: String,
}

impl AuditVerifier {
    /// The public key in the data directory (`audit/signing.pub`, SEC1 hex).
    pub fn load(data_dir: &Path) -> Result<AuditVerifier, String> {
        let p = public_key_path(data_dir);
        let text = fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let bytes = hex::decode(text.trim()).map_err(|e| format!("{}: {e}", p.display()))?;
        let key = VerifyingKey::from_sec1_bytes(&bytes)
            .map_err(|e| format!("{}: not a P-256 public key: {e}", p.display()))?;
        Ok(AuditVerifier {
            key_id: key_id_of(&key),
            key,
        })
    }

    /// Whether `c` carries this key's valid signature as a `kind`; the reason when not.
    pub fn check(&self, kind: Kind, c: &AuditCheckpoint) -> Result<(), String> {
        if c.key_id != self.key_id {
            return Err(format!(
                "signed by key {}, not by this data directory's audit key {}",
                c.key_id, self.key_id
            ));
        }
        let sig = Signature::from_der(&c.signature)
            .map_err(|_| "its signature is not a DER ECDSA signature".to_owned())?;
        self.key
            .verify(&checkpoint_message(kind, c.seq, &c.hash, c.at), &sig)
            .map_err(|_| "its signature does not verify".to_owned())
    }
}

/// The signing key.
pub struct AuditSigner {
    key: SigningKey,
    pub verifier: AuditVerifier,
}

impl std::fmt::Debug for AuditSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditSigner")
            .field("key_id", &self.verifier.key_id)
            .finish_non_exhaustive()
    }
}

impl AuditSigner {
    /// Loads the data directory's audit signing key, creating it (and its public half) on first
    /// use. Safe against two processes creating it at once (the first one's key wins).
    pub fn load_or_create(data_dir: &Path) -> Result<AuditSigner, String> {
        let dir = data_dir.join("audit");
        crate::datadir::make_private_dir(&dir).map_err(|e| e.to_string())?;
        let p = key_path(data_dir);
        if !p.exists() {
            let key = SigningKey::random(&mut rand_core::OsRng);
            let text = Zeroizing::new(hex::encode(key.to_bytes()));
            let mut opts = fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let tmp = dir.join(format!("signing.key.{}.tmp", std::process::id()));
            let mut f = opts
                .open(&tmp)
                .map_err(|e| format!("{}: {e}", tmp.display()))?;
            f.write_all(text.as_bytes())
                .and_then(|_| f.sync_all())
                .map_err(|e| format!("{}: {e}", tmp.display()))?;
            drop(f);
            // hard_link fails if another process got there first: then its key is used.
            let linked = fs::hard_link(&tmp, &p);
            let _ = fs::remove_file(&tmp);
            if let Err(e) = linked {
                if e.kind() != std::io::ErrorKind::AlreadyExists {
                    return Err(format!("{}: {e}", p.display()));
                }
            }
        }
        let text =
            Zeroizing::new(fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?);
        let bytes = Zeroizing::new(
            hex::decode(text.trim()).map_err(|_| format!("{}: not a hex key", p.display()))?,
        );
        let key = SigningKey::from_slice(&bytes)
            .map_err(|_| format!("{}: not a P-256 private key", p.display()))?;
        let vk = *key.verifying_key();
        let pubp = public_key_path(data_dir);
        let pub_hex = hex::encode(vk.to_encoded_point(true).as_bytes());
        if fs::read_to_string(&pubp)
            .map(|t| t.trim() != pub_hex)
            .unwrap_or(true)
        {
            crate::datadir::write_file(&pubp, format!("{pub_hex}\n").as_bytes(), 0o644)
                .map_err(|e| e.to_string())?;
        }
        Ok(AuditSigner {
            key,
            verifier: AuditVerifier {
                key_id: key_id_of(&vk),
                key: vk,
            },
        })
    }

    pub fn sign(&self, kind: Kind, seq: i64, hash: &[u8], at: i64) -> AuditCheckpoint {
        let sig: Signature = self.key.sign(&checkpoint_message(kind, seq, hash, at));
        AuditCheckpoint {
            seq,
            hash: hash.to_vec(),
            at,
            key_id: self.verifier.key_id.clone(),
            signature: sig.to_der().as_bytes().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_bind_kind_position_and_hash() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = AuditSigner::load_or_create(dir.path()).expect("key");
        let again = AuditSigner::load_or_create(dir.path()).expect("key again");
        assert_eq!(s.verifier.key_id, again.verifier.key_id, "the key is kept");
        let v = AuditVerifier::load(dir.path()).expect("public key");
        let c = s.sign(Kind::Checkpoint, 7, &[9; 32], 100);
        v.check(Kind::Checkpoint, &c).expect("valid");
        assert!(
            v.check(Kind::Anchor, &c).is_err(),
            "a checkpoint is no anchor"
        );
        let mut moved = c.clone();
        moved.seq = 8;
        assert!(v.check(Kind::Checkpoint, &moved).is_err());
        let mut other = c.clone();
        other.hash[0] ^= 1;
        assert!(v.check(Kind::Checkpoint, &other).is_err());
    }
}
