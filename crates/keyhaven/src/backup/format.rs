//! The encrypted container of a backup file: a passphrase-derived key and a stream of
//! authenticated chunks that cannot be truncated, reordered, altered or spliced unnoticed.
//!
//! ```text
//! header (61 bytes, authenticated as associated data of every chunk):
//!   "KHBACKUP" | format version (u8 = 1) | m_cost KiB (u32) | t_cost (u32) | p_cost (u32)
//!   | salt (32) | nonce prefix (7) | reserved (1 = 0)
//! chunks, in order:
//!   length of the sealed chunk (u32) | AES-256-GCM(key, nonce, header, plaintext) (ciphertext || tag)
//!   nonce = nonce prefix (7) | chunk counter (u32) | last-chunk flag (u8: 0 or 1)
//! key = argon2id(passphrase, salt, m_cost, t_cost, p_cost) -> 32 bytes
//! ```
//!
//! All integers big-endian. Each chunk holds at most [`CHUNK_LEN`] bytes of plaintext; the stream
//! ends with exactly one chunk flagged last (possibly empty) and nothing after it. The counter and
//! flag in the nonce make a dropped, repeated, reordered or cut-off chunk fail authentication or
//! the end-of-stream check; the header in the associated data binds every chunk to this file's
//! salt and parameters. Lengths and KDF costs are checked against limits before anything is
//! allocated or derived.

use std::io::{self, Read, Write};

use zeroize::Zeroizing;

use crate::crypto::{self, aead};

const MAGIC: &[u8; 8] = b"KHBACKUP";
/// The container format version written by this build.
pub const FORMAT_VERSION: u8 = 1;
const SALT_LEN: usize = 32;
const PREFIX_LEN: usize = 7;
/// Length of the header.
pub const HEADER_LEN: usize = MAGIC.len() + 1 + 12 + SALT_LEN + PREFIX_LEN + 1;
/// Most plaintext bytes in one chunk.
pub const CHUNK_LEN: usize = 64 * 1024;
const SEALED_MAX: usize = CHUNK_LEN + aead::TAG_LEN;

/// Largest key-derivation costs accepted from a file (a forged header must not exhaust memory).
const MAX_M_COST_KIB: u32 = 1024 * 1024;
const MAX_T_COST: u32 = 64;
const MAX_P_COST: u32 = 16;

/// Argon2id costs of the key derived from the passphrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option, with more passes).
    fn default() -> Self {
        KdfParams {
            m_cost_kib: 64 * 1024,
            t_cost: 3,
            p_cost: 1,
        }
    }
}

/// Why a backup file cannot be read, phrased for an administrator.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("not a Keyhaven backup file (bad magic)")]
    NotABackup,
    #[error("backup format version {0} is not supported by this build (it reads version {FORMAT_VERSION})")]
    UnsupportedVersion(u8),
    #[error("backup header is damaged: {0}")]
    BadHeader(String),
    #[error("cannot decrypt the backup: wrong passphrase, or its header was altered")]
    WrongPassphrase,
    #[error("backup altered or corrupt: chunk {chunk} (at byte {offset}) fails authentication")]
    Altered { chunk: u32, offset: u64 },
    #[error("backup truncated: it ends after {chunks} chunk(s) ({offset} bytes) without its final chunk")]
    Truncated { chunks: u32, offset: u64 },
    #[error("backup damaged: a chunk at byte {offset} claims {len} bytes (at most {SEALED_MAX})")]
    BadChunkLength { offset: u64, len: u64 },
    #[error("backup damaged: {0} unexpected byte(s) after its final chunk")]
    TrailingData(u64),
    #[error("backup is too large: more than 2^32 chunks")]
    TooLarge,
    #[error("key derivation failed: {0}")]
    Kdf(String),
    #[error("encryption failed")]
    Encrypt,
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
}

/// The key of one backup file, derived from the passphrase.
struct StreamKey {
    key: Zeroizing<[u8; aead::KEY_LEN]>,
    header: [u8; HEADER_LEN],
    prefix: [u8; PREFIX_LEN],
}

impl StreamKey {
    fn nonce(&self, counter: u32, last: bool) -> [u8; aead::NONCE_LEN] {
        let mut n = [0u8; aead::NONCE_LEN];
        n[..PREFIX_LEN].copy_from_slice(&self.prefix);
        n[PREFIX_LEN..PREFIX_LEN + 4].copy_from_slice(&counter.to_be_bytes());
        n[aead::NONCE_LEN - 1] = u8::from(last);
        n
    }
}

fn derive(
    passphrase: &[u8],
    salt: &[u8],
    p: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, FormatError> {
    let params = argon2::Params::new(p.m_cost_kib, p.t_cost, p.p_cost, Some(aead::KEY_LEN))
        .map_err(|e| FormatError::Kdf(e.to_string()))?;
    let mut key = Zeroizing::new([0u8; aead::KEY_LEN]);
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(passphrase, salt, &mut key[..])
        .map_err(|e| FormatError::Kdf(e.to_string()))?;
    Ok(key)
}

/// Writes the encrypted stream: plaintext goes in through [`Write`], sealed chunks come out.
/// [`SealedWriter::finish`] must be called: it writes the final chunk, without which a reader
/// reports the file truncated.
pub struct SealedWriter<W: Write> {
    out: W,
    key: StreamKey,
    buf: Zeroizing<Vec<u8>>,
    counter: u32,
}

impl<W: Write> SealedWriter<W> {
    /// Derives the key from `passphrase` with a fresh salt and writes the header.
    pub fn new(mut out: W, passphrase: &[u8], kdf: KdfParams) -> Result<Self, FormatError> {
        let mut salt = [0u8; SALT_LEN];
        crypto::fill_random(&mut salt);
        let mut prefix = [0u8; PREFIX_LEN];
        crypto::fill_random(&mut prefix);
        let mut header = [0u8; HEADER_LEN];
        let mut h = &mut header[..];
        h.write_all(MAGIC)?;
        h.write_all(&[FORMAT_VERSION])?;
        h.write_all(&kdf.m_cost_kib.to_be_bytes())?;
        h.write_all(&kdf.t_cost.to_be_bytes())?;
        h.write_all(&kdf.p_cost.to_be_bytes())?;
        h.write_all(&salt)?;
        h.write_all(&prefix)?;
        h.write_all(&[0])?;
        let key = derive(passphrase, &salt, kdf)?;
        out.write_all(&header)?;
        Ok(SealedWriter {
            out,
            key: StreamKey {
                key,
                header,
                prefix,
            },
            buf: Zeroizing::new(Vec::with_capacity(CHUNK_LEN)),
            counter: 0,
        })
    }

    fn seal_chunk(&mut self, last: bool) -> Result<(), FormatError> {
        let nonce = self.key.nonce(self.counter, last);
        let sealed = aead::seal_with_nonce(&self.key.key[..], &nonce, &self.key.header, &self.buf)
            .map_err(|_| FormatError::Encrypt)?;
        self.buf.clear();
        self.out.write_all(&(sealed.len() as u32).to_be_bytes())?;
        self.out.write_all(&sealed)?;
        self.counter = self.counter.checked_add(1).ok_or(FormatError::TooLarge)?;
        Ok(())
    }

    /// Seals what is buffered as the final chunk and returns the output.
    pub fn finish(mut self) -> Result<W, FormatError> {
        self.seal_chunk(true)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for SealedWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let room = CHUNK_LEN - self.buf.len();
        let n = room.min(data.len());
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() == CHUNK_LEN {
            self.seal_chunk(false).map_err(io::Error::other)?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Reads the header of a backup file without deriving the key (to report its parameters).
fn parse_header(
    header: &[u8; HEADER_LEN],
) -> Result<(KdfParams, &[u8], [u8; PREFIX_LEN]), FormatError> {
    if &header[..MAGIC.len()] != MAGIC {
        return Err(FormatError::NotABackup);
    }
    let version = header[MAGIC.len()];
    if version != FORMAT_VERSION {
        return Err(FormatError::UnsupportedVersion(version));
    }
    let u32_at =
        |i: usize| u32::from_be_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
    let base = MAGIC.len() + 1;
    let kdf = KdfParams {
        m_cost_kib: u32_at(base),
        t_cost: u32_at(base + 4),
        p_cost: u32_at(base + 8),
    };
    if kdf.m_cost_kib > MAX_M_COST_KIB
        || kdf.t_cost == 0
        || kdf.t_cost > MAX_T_COST
        || kdf.p_cost == 0
        || kdf.p_cost > MAX_P_COST
    {
        return Err(FormatError::BadHeader(format!(
            "key derivation costs out of range ({} KiB, {} passes, {} lanes)",
            kdf.m_cost_kib, kdf.t_cost, kdf.p_cost
        )));
    }
    let salt = &header[base + 12..base + 12 + SALT_LEN];
    let mut prefix = [0u8; PREFIX_LEN];
    prefix.copy_from_slice(&header[base + 12 + SALT_LEN..base + 12 + SALT_LEN + PREFIX_LEN]);
    if header[HEADER_LEN - 1] != 0 {
        return Err(FormatError::BadHeader("reserved byte is not zero".into()));
    }
    Ok((kdf, salt, prefix))
}

/// Reads and authenticates the encrypted stream; yields plaintext through [`Read`] (an error of
/// kind `InvalidData` wraps a [`FormatError`]). End of file is reported only after the final chunk
/// was authenticated and nothing follows it.
pub struct OpenedReader<R: Read> {
    input: R,
    key: StreamKey,
    plain: Zeroizing<Vec<u8>>,
    pos: usize,
    counter: u32,
    offset: u64,
    done: bool,
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

impl<R: Read> OpenedReader<R> {
    /// Reads the header and derives the key from `passphrase`.
    pub fn new(mut input: R, passphrase: &[u8]) -> Result<Self, FormatError> {
        let mut header = [0u8; HEADER_LEN];
        let n = read_full(&mut input, &mut header)?;
        if n < MAGIC.len() || &header[..MAGIC.len()] != MAGIC {
            return Err(FormatError::NotABackup);
        }
        if n < HEADER_LEN {
            return Err(FormatError::Truncated {
                chunks: 0,
                offset: n as u64,
            });
        }
        let (kdf, salt, prefix) = parse_header(&header)?;
        let key = derive(passphrase, salt, kdf)?;
        Ok(OpenedReader {
            input,
            key: StreamKey {
                key,
                header,
                prefix,
            },
            plain: Zeroizing::new(Vec::new()),
            pos: 0,
            counter: 0,
            offset: HEADER_LEN as u64,
            done: false,
        })
    }

    /// Reads, authenticates and decrypts the next chunk into `plain`.
    fn next_chunk(&mut self) -> Result<(), FormatError> {
        let truncated = |s: &Self| FormatError::Truncated {
            chunks: s.counter,
            offset: s.offset,
        };
        let mut len = [0u8; 4];
        let n = read_full(&mut self.input, &mut len)?;
        if n < 4 {
            return Err(truncated(self));
        }
        let len = u32::from_be_bytes(len) as usize;
        if !(aead::TAG_LEN..=SEALED_MAX).contains(&len) {
            return Err(FormatError::BadChunkLength {
                offset: self.offset,
                len: len as u64,
            });
        }
        let mut sealed = vec![0u8; len];
        if read_full(&mut self.input, &mut sealed)? < len {
            return Err(truncated(self));
        }
        let chunk_offset = self.offset;
        self.offset += 4 + len as u64;
        // A chunk opens under exactly one of the two flags; which tells whether it is the last.
        let mut last = false;
        let opened = match aead::open_with_nonce(
            &self.key.key[..],
            &self.key.nonce(self.counter, false),
            &self.key.header,
            &sealed,
        ) {
            Ok(p) => Ok(p),
            Err(_) => {
                last = true;
                aead::open_with_nonce(
                    &self.key.key[..],
                    &self.key.nonce(self.counter, true),
                    &self.key.header,
                    &sealed,
                )
            }
        };
        let plain = match opened {
            Ok(p) => p,
            Err(_) if self.counter == 0 => return Err(FormatError::WrongPassphrase),
            Err(_) => {
                return Err(FormatError::Altered {
                    chunk: self.counter,
                    offset: chunk_offset,
                })
            }
        };
        if !last && plain.len() != CHUNK_LEN {
            return Err(FormatError::Altered {
                chunk: self.counter,
                offset: chunk_offset,
            });
        }
        self.counter = self.counter.checked_add(1).ok_or(FormatError::TooLarge)?;
        self.plain = plain;
        self.pos = 0;
        if last {
            let mut extra = [0u8; 64];
            let k = read_full(&mut self.input, &mut extra)? as u64;
            if k > 0 {
                let mut rest = k;
                rest += io::copy(&mut self.input, &mut io::sink())?;
                return Err(FormatError::TrailingData(rest));
            }
            self.done = true;
        }
        Ok(())
    }
}

impl<R: Read> Read for OpenedReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.plain.len() {
            if self.done {
                return Ok(0);
            }
            self.next_chunk()
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        }
        let n = out.len().min(self.plain.len() - self.pos);
        out[..n].copy_from_slice(&self.plain[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Turns an I/O error of [`OpenedReader`] back into the [`FormatError`] it carries.
pub fn unwrap_io(e: io::Error) -> FormatError {
    if e.kind() == io::ErrorKind::InvalidData {
        if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<FormatError>()) {
            return match inner {
                FormatError::NotABackup => FormatError::NotABackup,
                FormatError::UnsupportedVersion(v) => FormatError::UnsupportedVersion(*v),
                FormatError::BadHeader(s) => FormatError::BadHeader(s.clone()),
                FormatError::WrongPassphrase => FormatError::WrongPassphrase,
                FormatError::Altered { chunk, offset } => FormatError::Altered {
                    chunk: *chunk,
                    offset: *offset,
                },
                FormatError::Truncated { chunks, offset } => FormatError::Truncated {
                    chunks: *chunks,
                    offset: *offset,
                },
                FormatError::BadChunkLength { offset, len } => FormatError::BadChunkLength {
                    offset: *offset,
                    len: *len,
                },
                FormatError::TrailingData(n) => FormatError::TrailingData(*n),
                FormatError::TooLarge => FormatError::TooLarge,
                other => FormatError::BadHeader(other.to_string()),
            };
        }
    }
    FormatError::Io(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        m_cost_kib: 64,
        t_cost: 1,
        p_cost: 1,
    };

    fn seal(data: &[u8], pass: &[u8]) -> Vec<u8> {
        let mut w = SealedWriter::new(Vec::new(), pass, CHEAP).expect("writer");
        w.write_all(data).expect("write");
        w.finish().expect("finish")
    }

    fn open(file: &[u8], pass: &[u8]) -> Result<Vec<u8>, FormatError> {
        let mut r = OpenedReader::new(file, pass)?;
        let mut out = Vec::new();
        r.read_to_end(&mut out).map_err(unwrap_io)?;
        Ok(out)
    }

    fn sample(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 % 251) as u8).collect()
    }

    #[test]
    fn round_trip_sizes() {
        for n in [
            0,
            1,
            CHUNK_LEN - 1,
            CHUNK_LEN,
            CHUNK_LEN + 1,
            3 * CHUNK_LEN + 5,
        ] {
            let data = sample(n);
            let file = seal(&data, b"pass");
            assert_eq!(open(&file, b"pass").expect("open"), data, "size {n}");
            if n >= 64 {
                assert!(
                    !file.windows(64).any(|w| w == &data[..64]),
                    "plaintext visible in the file"
                );
            }
        }
    }

    #[test]
    fn wrong_passphrase() {
        let file = seal(&sample(100), b"right");
        assert!(matches!(
            open(&file, b"wrong"),
            Err(FormatError::WrongPassphrase)
        ));
    }

    #[test]
    fn truncation_anywhere_is_detected() {
        let data = sample(2 * CHUNK_LEN + 10);
        let file = seal(&data, b"p");
        // Cut at a chunk boundary (the worst case: every remaining chunk authenticates).
        let boundary = HEADER_LEN + 4 + CHUNK_LEN + aead::TAG_LEN;
        for cut in [
            HEADER_LEN,
            HEADER_LEN + 3,
            boundary,
            boundary + 100,
            file.len() - 1,
        ] {
            let r = open(&file[..cut], b"p");
            assert!(
                matches!(r, Err(FormatError::Truncated { .. })),
                "cut at {cut}: {r:?}"
            );
        }
    }

    #[test]
    fn altered_byte_is_detected() {
        let file = seal(&sample(2 * CHUNK_LEN + 10), b"p");
        let mut bad = file.clone();
        let i = HEADER_LEN + 4 + CHUNK_LEN + aead::TAG_LEN + 4 + 10;
        bad[i] ^= 1;
        assert!(matches!(
            open(&bad, b"p"),
            Err(FormatError::Altered { chunk: 1, .. })
        ));
        let mut header = file.clone();
        header[MAGIC.len() + 20] ^= 1; // salt
        assert!(matches!(
            open(&header, b"p"),
            Err(FormatError::WrongPassphrase)
        ));
        let mut trailing = file.clone();
        trailing.extend_from_slice(b"junk");
        assert!(matches!(
            open(&trailing, b"p"),
            Err(FormatError::TrailingData(4))
        ));
        assert!(matches!(
            open(b"hello world", b"p"),
            Err(FormatError::NotABackup)
        ));
    }

    #[test]
    fn chunks_cannot_be_reordered_or_dropped() {
        let file = seal(&sample(3 * CHUNK_LEN), b"p");
        let c = 4 + CHUNK_LEN + aead::TAG_LEN;
        let h = HEADER_LEN;
        // Drop the second full chunk.
        let mut dropped = file[..h + c].to_vec();
        dropped.extend_from_slice(&file[h + 2 * c..]);
        assert!(matches!(
            open(&dropped, b"p"),
            Err(FormatError::Altered { chunk: 1, .. })
        ));
        // Swap the first two.
        let mut swapped = file[..h].to_vec();
        swapped.extend_from_slice(&file[h + c..h + 2 * c]);
        swapped.extend_from_slice(&file[h..h + c]);
        swapped.extend_from_slice(&file[h + 2 * c..]);
        assert!(open(&swapped, b"p").is_err());
    }

    #[test]
    fn forged_costs_are_refused_before_derivation() {
        let mut file = seal(b"x", b"p");
        file[MAGIC.len() + 1..MAGIC.len() + 5].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(matches!(open(&file, b"p"), Err(FormatError::BadHeader(_))));
    }
}
