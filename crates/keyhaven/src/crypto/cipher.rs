//! Symmetric ciphers of the KMIP cryptographic operations (Encrypt, Decrypt): AES and Triple DES in
//! ECB, CBC, CTR and GCM modes, ChaCha20 and ChaCha20-Poly1305 (RFC 8439), with PKCS#5/#7 padding.
//!
//! Every mode runs as an [`Engine`] fed in pieces (`update`, then `finish`), so that one-shot requests
//! and the streamed requests of KMIP (Init Indicator, Correlation Value, Final Indicator) share one
//! implementation. ECB, CBC and CTR are built on the block cipher primitive; GCM on the block cipher
//! and GHASH (NIST SP 800-38D, any IV length, tags of 4, 8 or 12 to 16 bytes); ChaCha20-Poly1305 on the
//! ChaCha20 stream and Poly1305. Keys live in the cipher states, which zeroize on drop, and every
//! output buffer is [`Zeroizing`].

use cipher::generic_array::GenericArray;
use cipher::{BlockDecrypt, BlockEncrypt, KeyInit, KeyIvInit, StreamCipher};
use ghash::universal_hash::UniversalHash;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

/// Why a cipher operation failed; each maps to a KMIP Result Reason in the operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CipherError {
    /// The key does not fit the algorithm (length).
    Key(String),
    /// Parameters this server does not support, or that contradict each other.
    Unsupported(String),
    /// A Tag Length the mode does not allow.
    TagLength(String),
    /// An IV / counter / nonce of the wrong size.
    Iv(String),
    /// Data whose length does not fit the mode (no padding and not a whole number of blocks).
    DataLength(String),
    /// Decryption failed: bad padding or an authentication tag that does not verify.
    Failed(String),
}

impl std::fmt::Display for CipherError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CipherError::Key(m)
            | CipherError::Unsupported(m)
            | CipherError::TagLength(m)
            | CipherError::Iv(m)
            | CipherError::DataLength(m)
            | CipherError::Failed(m) => f.write_str(m),
        }
    }
}

type CResult<T> = Result<T, CipherError>;

/// The symmetric algorithms this module implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Aes,
    /// Triple DES (EDE): 24-byte (three keys) or 16-byte (two keys) key.
    TripleDes,
    ChaCha20,
    ChaCha20Poly1305,
}

/// Modes of operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Ecb,
    Cbc,
    /// Counter mode; the IV is the whole initial counter block, incremented as a big-endian integer
    /// over its last `counter_bits` bits (the whole block by default).
    Ctr,
    Gcm,
    /// The stream cipher itself (ChaCha20).
    Stream,
    /// An AEAD construction with no separate mode (ChaCha20-Poly1305).
    Aead,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    None,
    /// PKCS#5 padding generalised to the block size (PKCS#7).
    Pkcs5,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Encrypt,
    Decrypt,
}

/// What to run: algorithm, mode and the mode's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub algorithm: Algorithm,
    pub mode: Mode,
    pub padding: Padding,
    /// Authentication tag length in bytes (GCM, ChaCha20-Poly1305).
    pub tag_len: usize,
    /// CTR: how many low-order bits of the counter block are incremented (0: the whole block).
    pub counter_bits: usize,
}

impl Spec {
    /// The IV / nonce length to generate when the client gives none.
    pub fn default_iv_len(&self) -> usize {
        match (self.algorithm, self.mode) {
            (_, Mode::Gcm) => 12,
            (Algorithm::ChaCha20, _) => 12,
            (Algorithm::ChaCha20Poly1305, _) => 12,
            (Algorithm::TripleDes, _) => 8,
            _ => 16,
        }
    }

    /// True when the mode needs an IV / counter / nonce.
    pub fn needs_iv(&self) -> bool {
        !matches!(self.mode, Mode::Ecb)
    }

    /// True for modes with an authentication tag.
    pub fn is_aead(&self) -> bool {
        matches!(self.mode, Mode::Gcm | Mode::Aead)
    }
}

/// A block cipher keyed with the client's key.
enum Block {
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
    Tdes3(des::TdesEde3),
    Tdes2(des::TdesEde2),
}

impl Block {
    fn new(alg: Algorithm, key: &[u8]) -> CResult<Block> {
        let bad = || {
            CipherError::Key(format!(
                "a {} key of {} bits cannot be used ({})",
                match alg {
                    Algorithm::Aes => "AES",
                    _ => "Triple DES",
                },
                key.len() * 8,
                match alg {
                    Algorithm::Aes => "128, 192 or 256 bits",
                    _ => "168 or 112 bits: 24 or 16 bytes with parity",
                }
            ))
        };
        Ok(match (alg, key.len()) {
            (Algorithm::Aes, 16) => {
                Block::Aes128(aes::Aes128::new_from_slice(key).map_err(|_| bad())?)
            }
            (Algorithm::Aes, 24) => {
                Block::Aes192(aes::Aes192::new_from_slice(key).map_err(|_| bad())?)
            }
            (Algorithm::Aes, 32) => {
                Block::Aes256(aes::Aes256::new_from_slice(key).map_err(|_| bad())?)
            }
            (Algorithm::TripleDes, 24) => {
                Block::Tdes3(des::TdesEde3::new_from_slice(key).map_err(|_| bad())?)
            }
            (Algorithm::TripleDes, 16) => {
                Block::Tdes2(des::TdesEde2::new_from_slice(key).map_err(|_| bad())?)
            }
            _ => return Err(bad()),
        })
    }

    fn size(&self) -> usize {
        match self {
            Block::Aes128(_) | Block::Aes192(_) | Block::Aes256(_) => 16,
            Block::Tdes3(_) | Block::Tdes2(_) => 8,
        }
    }

    fn encrypt(&self, b: &mut [u8]) {
        match self {
            Block::Aes128(c) => c.encrypt_block(GenericArray::from_mut_slice(b)),
            Block::Aes192(c) => c.encrypt_block(GenericArray::from_mut_slice(b)),
            Block::Aes256(c) => c.encrypt_block(GenericArray::from_mut_slice(b)),
            Block::Tdes3(c) => c.encrypt_block(GenericArray::from_mut_slice(b)),
            Block::Tdes2(c) => c.encrypt_block(GenericArray::from_mut_slice(b)),
        }
    }

    fn decrypt(&self, b: &mut [u8]) {
        match self {
            Block::Aes128(c) => c.decrypt_block(GenericArray::from_mut_slice(b)),
            Block::Aes192(c) => c.decrypt_block(GenericArray::from_mut_slice(b)),
            Block::Aes256(c) => c.decrypt_block(GenericArray::from_mut_slice(b)),
            Block::Tdes3(c) => c.decrypt_block(GenericArray::from_mut_slice(b)),
            Block::Tdes2(c) => c.decrypt_block(GenericArray::from_mut_slice(b)),
        }
    }
}

/// Increments the low `bits` bits of a big-endian counter block (all of it when `bits` is 0 or
/// larger than the block), wrapping within those bits.
fn increment(counter: &mut [u8], bits: usize) {
    let total = counter.len() * 8;
    let bits = if bits == 0 || bits > total {
        total
    } else {
        bits
    };
    let full = bits / 8;
    let rest = bits % 8;
    let n = counter.len();
    for i in 0..full {
        let b = &mut counter[n - 1 - i];
        *b = b.wrapping_add(1);
        if *b != 0 {
            return;
        }
    }
    if rest > 0 && full < n {
        let mask = (1u8 << rest) - 1;
        let b = &mut counter[n - 1 - full];
        let low = (*b & mask).wrapping_add(1) & mask;
        *b = (*b & !mask) | low;
    }
}

enum State {
    /// ECB and CBC: input is buffered to whole blocks; `chain` is the CBC chaining block.
    Blocks {
        cipher: Block,
        chain: Option<Zeroizing<Vec<u8>>>,
        buf: Zeroizing<Vec<u8>>,
    },
    /// CTR: `keystream[used..]` is not yet consumed.
    Ctr {
        cipher: Block,
        counter: Zeroizing<Vec<u8>>,
        keystream: Zeroizing<Vec<u8>>,
        used: usize,
    },
    Gcm {
        cipher: Block,
        /// E(K, J0), for the tag.
        ek_j0: Zeroizing<[u8; 16]>,
        counter: Zeroizing<[u8; 16]>,
        keystream: Zeroizing<[u8; 16]>,
        used: usize,
        ghash: Box<ghash::GHash>,
        /// Ciphertext not yet hashed (less than a block).
        pending: Zeroizing<Vec<u8>>,
        aad_len: u64,
        ct_len: u64,
    },
    ChaCha20Ietf(Box<chacha20::ChaCha20>),
    ChaCha20Legacy(Box<chacha20::ChaCha20Legacy>),
    ChaChaPoly {
        stream: Box<chacha20::ChaCha20>,
        mac: Box<poly1305::Poly1305>,
        pending: Zeroizing<Vec<u8>>,
        aad_len: u64,
        ct_len: u64,
    },
}

/// A cipher operation fed in pieces.
pub struct Engine {
    spec: Spec,
    dir: Direction,
    state: State,
}

/// What [`Engine::finish`] returns: the last output and, for an AEAD encryption, the tag.
pub struct Finished {
    pub data: Zeroizing<Vec<u8>>,
    pub tag: Option<Vec<u8>>,
}

fn check_tag_len(spec: &Spec) -> CResult<()> {
    let ok = match spec.mode {
        Mode::Gcm => matches!(spec.tag_len, 4 | 8 | 12..=16),
        Mode::Aead => matches!(spec.tag_len, 12..=16),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(CipherError::TagLength(format!(
            "Tag Length {} is not supported by {} ({} bytes)",
            spec.tag_len,
            if spec.mode == Mode::Gcm {
                "GCM"
            } else {
                "ChaCha20-Poly1305"
            },
            if spec.mode == Mode::Gcm {
                "4, 8 or 12 to 16"
            } else {
                "12 to 16"
            }
        )))
    }
}

impl Engine {
    /// Starts an operation. `iv` is the IV, counter block or nonce (ignored by ECB); `aad` the
    /// additional authenticated data of an AEAD mode.
    pub fn new(spec: Spec, dir: Direction, key: &[u8], iv: &[u8], aad: &[u8]) -> CResult<Engine> {
        let state = match (spec.algorithm, spec.mode) {
            (Algorithm::Aes | Algorithm::TripleDes, Mode::Ecb | Mode::Cbc) => {
                let cipher = Block::new(spec.algorithm, key)?;
                let chain = if spec.mode == Mode::Cbc {
                    if iv.len() != cipher.size() {
                        return Err(CipherError::Iv(format!(
                            "CBC needs an IV of {} bytes, not {}",
                            cipher.size(),
                            iv.len()
                        )));
                    }
                    Some(Zeroizing::new(iv.to_vec()))
                } else {
                    None
                };
                State::Blocks {
                    cipher,
                    chain,
                    buf: Zeroizing::new(Vec::new()),
                }
            }
            (Algorithm::Aes | Algorithm::TripleDes, Mode::Ctr) => {
                let cipher = Block::new(spec.algorithm, key)?;
                if iv.len() != cipher.size() {
                    return Err(CipherError::Iv(format!(
                        "CTR needs an initial counter block of {} bytes, not {}",
                        cipher.size(),
                        iv.len()
                    )));
                }
                State::Ctr {
                    counter: Zeroizing::new(iv.to_vec()),
                    keystream: Zeroizing::new(vec![0u8; cipher.size()]),
                    used: cipher.size(),
                    cipher,
                }
            }
            (Algorithm::Aes, Mode::Gcm) => {
                check_tag_len(&spec)?;
                if iv.is_empty() {
                    return Err(CipherError::Iv("GCM needs a non-empty IV".into()));
                }
                let cipher = Block::new(spec.algorithm, key)?;
                let mut h = Zeroizing::new([0u8; 16]);
                cipher.encrypt(&mut h[..]);
                let mut j0 = Zeroizing::new([0u8; 16]);
                if iv.len() == 12 {
                    j0[..12].copy_from_slice(iv);
                    j0[15] = 1;
                } else {
                    let mut g = ghash::GHash::new(GenericArray::from_slice(&h[..]));
                    g.update_padded(iv);
                    let mut lens = [0u8; 16];
                    lens[8..].copy_from_slice(&((iv.len() as u64) * 8).to_be_bytes());
                    g.update(&[GenericArray::clone_from_slice(&lens)]);
                    j0.copy_from_slice(&g.finalize());
                }
                let mut ek_j0 = Zeroizing::new(*j0);
                cipher.encrypt(&mut ek_j0[..]);
                let mut counter = Zeroizing::new(*j0);
                increment(&mut counter[12..], 32);
                let mut ghash = Box::new(ghash::GHash::new(GenericArray::from_slice(&h[..])));
                ghash.update_padded(aad);
                State::Gcm {
                    cipher,
                    ek_j0,
                    counter,
                    keystream: Zeroizing::new([0u8; 16]),
                    used: 16,
                    ghash,
                    pending: Zeroizing::new(Vec::new()),
                    aad_len: aad.len() as u64,
                    ct_len: 0,
                }
            }
            (Algorithm::ChaCha20, Mode::Stream) => {
                if key.len() != 32 {
                    return Err(CipherError::Key(format!(
                        "ChaCha20 keys are 256 bits, not {}",
                        key.len() * 8
                    )));
                }
                match iv.len() {
                    12 => State::ChaCha20Ietf(Box::new(chacha20::ChaCha20::new(
                        GenericArray::from_slice(key),
                        GenericArray::from_slice(iv),
                    ))),
                    8 => State::ChaCha20Legacy(Box::new(chacha20::ChaCha20Legacy::new(
                        GenericArray::from_slice(key),
                        GenericArray::from_slice(iv),
                    ))),
                    n => {
                        return Err(CipherError::Iv(format!(
                            "ChaCha20 needs a nonce of 12 bytes (RFC 8439) or 8 bytes (original), not {n}"
                        )))
                    }
                }
            }
            (Algorithm::ChaCha20Poly1305, Mode::Aead) => {
                check_tag_len(&spec)?;
                if key.len() != 32 {
                    return Err(CipherError::Key(format!(
                        "ChaCha20-Poly1305 keys are 256 bits, not {}",
                        key.len() * 8
                    )));
                }
                if iv.len() != 12 {
                    return Err(CipherError::Iv(format!(
                        "ChaCha20-Poly1305 needs a nonce of 12 bytes, not {}",
                        iv.len()
                    )));
                }
                let mut stream = Box::new(chacha20::ChaCha20::new(
                    GenericArray::from_slice(key),
                    GenericArray::from_slice(iv),
                ));
                // Block 0 gives the one-time Poly1305 key; the data starts at block 1.
                let mut block0 = Zeroizing::new([0u8; 64]);
                stream.apply_keystream(&mut block0[..]);
                let mut mac = Box::new(poly1305::Poly1305::new(GenericArray::from_slice(
                    &block0[..32],
                )));
                mac.update_padded(aad);
                State::ChaChaPoly {
                    stream,
                    mac,
                    pending: Zeroizing::new(Vec::new()),
                    aad_len: aad.len() as u64,
                    ct_len: 0,
                }
            }
            (a, m) => {
                return Err(CipherError::Unsupported(format!(
                    "{a:?} in mode {m:?} is not supported"
                )))
            }
        };
        Ok(Engine { spec, dir, state })
    }

    pub fn spec(&self) -> &Spec {
        &self.spec
    }

    pub fn direction(&self) -> Direction {
        self.dir
    }

    /// Processes more input; returns what can be output now (block modes hold back partial blocks,
    /// and the last block when decrypting with padding).
    pub fn update(&mut self, data: &[u8]) -> CResult<Zeroizing<Vec<u8>>> {
        let dir = self.dir;
        let padding = self.spec.padding;
        match &mut self.state {
            State::Blocks { cipher, chain, buf } => {
                buf.extend_from_slice(data);
                let bs = cipher.size();
                let mut n = buf.len() / bs;
                if dir == Direction::Decrypt
                    && padding == Padding::Pkcs5
                    && buf.len() % bs == 0
                    && n > 0
                {
                    n -= 1;
                }
                let mut out = Zeroizing::new(buf[..n * bs].to_vec());
                for b in out.chunks_mut(bs) {
                    block_step(cipher, chain, dir, b);
                }
                buf.drain(..n * bs);
                Ok(out)
            }
            State::Ctr {
                cipher,
                counter,
                keystream,
                used,
            } => {
                let mut out = Zeroizing::new(data.to_vec());
                let bs = cipher.size();
                let bits = self.spec.counter_bits;
                for b in out.iter_mut() {
                    if *used == bs {
                        keystream.copy_from_slice(counter);
                        cipher.encrypt(keystream);
                        increment(counter, bits);
                        *used = 0;
                    }
                    *b ^= keystream[*used];
                    *used += 1;
                }
                Ok(out)
            }
            State::Gcm {
                cipher,
                counter,
                keystream,
                used,
                ghash,
                pending,
                ct_len,
                ..
            } => {
                let mut out = Zeroizing::new(data.to_vec());
                if dir == Direction::Decrypt {
                    absorb(ghash.as_mut(), pending, data);
                }
                for b in out.iter_mut() {
                    if *used == 16 {
                        keystream.copy_from_slice(&counter[..]);
                        cipher.encrypt(&mut keystream[..]);
                        increment(&mut counter[12..], 32);
                        *used = 0;
                    }
                    *b ^= keystream[*used];
                    *used += 1;
                }
                if dir == Direction::Encrypt {
                    absorb(ghash.as_mut(), pending, &out);
                }
                *ct_len += data.len() as u64;
                Ok(out)
            }
            State::ChaCha20Ietf(c) => {
                let mut out = Zeroizing::new(data.to_vec());
                c.try_apply_keystream(&mut out)
                    .map_err(|_| CipherError::DataLength("ChaCha20 keystream exhausted".into()))?;
                Ok(out)
            }
            State::ChaCha20Legacy(c) => {
                let mut out = Zeroizing::new(data.to_vec());
                c.try_apply_keystream(&mut out)
                    .map_err(|_| CipherError::DataLength("ChaCha20 keystream exhausted".into()))?;
                Ok(out)
            }
            State::ChaChaPoly {
                stream,
                mac,
                pending,
                ct_len,
                ..
            } => {
                let mut out = Zeroizing::new(data.to_vec());
                if dir == Direction::Decrypt {
                    absorb(mac.as_mut(), pending, data);
                }
                stream
                    .try_apply_keystream(&mut out)
                    .map_err(|_| CipherError::DataLength("ChaCha20 keystream exhausted".into()))?;
                if dir == Direction::Encrypt {
                    absorb(mac.as_mut(), pending, &out);
                }
                *ct_len += data.len() as u64;
                Ok(out)
            }
        }
    }

    /// Ends the operation: pads or unpads, and makes (encryption) or checks (decryption, `tag`) the
    /// authentication tag.
    pub fn finish(self, tag: Option<&[u8]>) -> CResult<Finished> {
        let dir = self.dir;
        let spec = self.spec;
        match self.state {
            State::Blocks {
                cipher,
                mut chain,
                mut buf,
            } => {
                let bs = cipher.size();
                match (dir, spec.padding) {
                    (Direction::Encrypt, Padding::Pkcs5) => {
                        let p = bs - buf.len() % bs;
                        buf.extend(std::iter::repeat_n(p as u8, p));
                    }
                    (Direction::Decrypt, Padding::Pkcs5) if buf.len() != bs => {
                        return Err(CipherError::DataLength(format!(
                            "the ciphertext is not a whole number of {bs}-byte blocks"
                        )))
                    }
                    _ => {}
                }
                if buf.len() % bs != 0 {
                    return Err(CipherError::DataLength(format!(
                        "with no padding the data must be a whole number of {bs}-byte blocks ({} bytes left over)",
                        buf.len() % bs
                    )));
                }
                for b in buf.chunks_mut(bs) {
                    block_step(&cipher, &mut chain, dir, b);
                }
                if dir == Direction::Decrypt && spec.padding == Padding::Pkcs5 {
                    let p = buf.last().copied().unwrap_or(0) as usize;
                    let good = p >= 1 && p <= bs && buf[bs - p..].iter().all(|&x| x as usize == p);
                    if !good {
                        return Err(CipherError::Failed(
                            "the decrypted data does not end with valid PKCS#5 padding".into(),
                        ));
                    }
                    buf.truncate(bs - p);
                }
                Ok(Finished {
                    data: buf,
                    tag: None,
                })
            }
            State::Ctr { .. } | State::ChaCha20Ietf(_) | State::ChaCha20Legacy(_) => Ok(Finished {
                data: Zeroizing::new(Vec::new()),
                tag: None,
            }),
            State::Gcm {
                ek_j0,
                mut ghash,
                pending,
                aad_len,
                ct_len,
                ..
            } => {
                ghash.update_padded(&pending);
                let mut lens = [0u8; 16];
                lens[..8].copy_from_slice(&(aad_len * 8).to_be_bytes());
                lens[8..].copy_from_slice(&(ct_len * 8).to_be_bytes());
                ghash.update(&[GenericArray::clone_from_slice(&lens)]);
                let s = ghash.finalize();
                let mut full: Zeroizing<Vec<u8>> =
                    Zeroizing::new(s.iter().zip(ek_j0.iter()).map(|(a, b)| a ^ b).collect());
                full.truncate(spec.tag_len);
                finish_tag(dir, &full, tag)
            }
            State::ChaChaPoly {
                mut mac,
                pending,
                aad_len,
                ct_len,
                ..
            } => {
                mac.update_padded(&pending);
                let mut lens = [0u8; 16];
                lens[..8].copy_from_slice(&aad_len.to_le_bytes());
                lens[8..].copy_from_slice(&ct_len.to_le_bytes());
                mac.update(&[GenericArray::clone_from_slice(&lens)]);
                let t = mac.finalize();
                let mut full = Zeroizing::new(t.to_vec());
                full.truncate(spec.tag_len);
                finish_tag(dir, &full, tag)
            }
        }
    }
}

fn finish_tag(dir: Direction, computed: &[u8], given: Option<&[u8]>) -> CResult<Finished> {
    match dir {
        Direction::Encrypt => Ok(Finished {
            data: Zeroizing::new(Vec::new()),
            tag: Some(computed.to_vec()),
        }),
        Direction::Decrypt => {
            let given = given.ok_or_else(|| {
                CipherError::Failed("the Authenticated Encryption Tag is missing".into())
            })?;
            if given.len() == computed.len() && bool::from(given.ct_eq(computed)) {
                Ok(Finished {
                    data: Zeroizing::new(Vec::new()),
                    tag: None,
                })
            } else {
                Err(CipherError::Failed(
                    "the authentication tag does not verify: the data, IV, additional data or tag was altered, or the key is wrong".into(),
                ))
            }
        }
    }
}

/// Feeds ciphertext to a universal hash in whole blocks, keeping the remainder in `pending`.
fn absorb<U: UniversalHash>(mac: &mut U, pending: &mut Zeroizing<Vec<u8>>, data: &[u8]) {
    pending.extend_from_slice(data);
    let n = pending.len() / 16 * 16;
    if n > 0 {
        let blocks: Vec<_> = pending[..n]
            .chunks(16)
            .map(GenericArray::clone_from_slice)
            .collect();
        mac.update(&blocks);
        pending.drain(..n);
    }
}

fn block_step(
    cipher: &Block,
    chain: &mut Option<Zeroizing<Vec<u8>>>,
    dir: Direction,
    b: &mut [u8],
) {
    match (dir, chain) {
        (Direction::Encrypt, None) => cipher.encrypt(b),
        (Direction::Decrypt, None) => cipher.decrypt(b),
        (Direction::Encrypt, Some(prev)) => {
            for (x, p) in b.iter_mut().zip(prev.iter()) {
                *x ^= p;
            }
            cipher.encrypt(b);
            prev.copy_from_slice(b);
        }
        (Direction::Decrypt, Some(prev)) => {
            let mut ct = Zeroizing::new(b.to_vec());
            cipher.decrypt(b);
            for (x, p) in b.iter_mut().zip(prev.iter()) {
                *x ^= p;
            }
            prev.copy_from_slice(&ct);
            ct.zeroize();
        }
    }
}

/// The output of a one-shot operation and, for an AEAD encryption, the tag.
pub type Output = (Zeroizing<Vec<u8>>, Option<Vec<u8>>);

/// One-shot encryption or decryption: `(output, tag)`.
pub fn run(
    spec: Spec,
    dir: Direction,
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    tag: Option<&[u8]>,
) -> CResult<Output> {
    let mut e = Engine::new(spec, dir, key, iv, aad)?;
    let mut out = e.update(data)?;
    let fin = e.finish(tag)?;
    out.extend_from_slice(&fin.data);
    Ok((out, fin.tag))
}

/// Sets the parity bit (the low bit) of each byte of a DES key to odd parity.
pub fn set_des_parity(key: &mut [u8]) {
    for b in key.iter_mut() {
        let ones = (*b >> 1).count_ones();
        *b = (*b & 0xFE) | u8::from(ones % 2 == 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s).expect("hex")
    }

    fn spec(algorithm: Algorithm, mode: Mode, padding: Padding, tag_len: usize) -> Spec {
        Spec {
            algorithm,
            mode,
            padding,
            tag_len,
            counter_bits: 0,
        }
    }

    #[test]
    fn aes_ecb_and_cbc_sp800_38a() {
        let key = h("2b7e151628aed2a6abf7158809cf4f3c");
        let pt = h("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        let s = spec(Algorithm::Aes, Mode::Ecb, Padding::None, 0);
        let (ct, _) = run(s, Direction::Encrypt, &key, &[], &[], &pt, None).expect("ecb");
        assert_eq!(
            hex::encode(&ct),
            "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
        );
        let iv = h("000102030405060708090a0b0c0d0e0f");
        let s = spec(Algorithm::Aes, Mode::Cbc, Padding::None, 0);
        let (ct, _) = run(s, Direction::Encrypt, &key, &iv, &[], &pt, None).expect("cbc");
        assert_eq!(
            hex::encode(&ct),
            "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
        );
        let (back, _) = run(s, Direction::Decrypt, &key, &iv, &[], &ct, None).expect("cbc dec");
        assert_eq!(&back[..], &pt[..]);
    }

    #[test]
    fn aes_ctr_sp800_38a() {
        let key = h("2b7e151628aed2a6abf7158809cf4f3c");
        let iv = h("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        let pt = h("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        let s = spec(Algorithm::Aes, Mode::Ctr, Padding::None, 0);
        let (ct, _) = run(s, Direction::Encrypt, &key, &iv, &[], &pt, None).expect("ctr");
        assert_eq!(
            hex::encode(&ct),
            "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
        );
    }

    #[test]
    fn pkcs5_padding_round_trip_and_streaming() {
        let key = h("0123456789abcdef0123456789abcdef");
        let iv = h("01020304050607080910111213141516");
        let pt = h("010203040506070809101112131415160102030405060708091011121314151601");
        let s = spec(Algorithm::Aes, Mode::Cbc, Padding::Pkcs5, 0);
        let (ct, _) = run(s, Direction::Encrypt, &key, &iv, &[], &pt, None).expect("enc");
        assert_eq!(ct.len(), 48);
        // The same, fed a few bytes at a time.
        let mut e = Engine::new(s, Direction::Decrypt, &key, &iv, &[]).expect("engine");
        let mut out = Vec::new();
        for piece in ct.chunks(5) {
            out.extend_from_slice(&e.update(piece).expect("update"));
        }
        out.extend_from_slice(&e.finish(None).expect("finish").data);
        assert_eq!(out, pt);
        // A corrupted last block fails the padding check (or decrypts to other bytes).
        let mut bad = ct.to_vec();
        bad[47] ^= 0xFF;
        if let Ok((x, _)) = run(s, Direction::Decrypt, &key, &iv, &[], &bad, None) {
            assert_ne!(&x[..], &pt[..]);
        }
    }

    #[test]
    fn triple_des_ecb() {
        // NIST SP 800-67 example (three keys).
        let key = h("0123456789abcdef23456789abcdef01456789abcdef0123");
        let pt = h("5468652071756663");
        let s = spec(Algorithm::TripleDes, Mode::Ecb, Padding::None, 0);
        let (ct, _) = run(s, Direction::Encrypt, &key, &[], &[], &pt, None).expect("3des");
        assert_eq!(hex::encode(&ct), "a826fd8ce53b855f");
        let (back, _) = run(s, Direction::Decrypt, &key, &[], &[], &ct, None).expect("3des dec");
        assert_eq!(&back[..], &pt[..]);
    }

    #[test]
    fn gcm_test_cases_from_the_gcm_specification() {
        // Test case 2 (zero key, zero IV, one zero block).
        let s = spec(Algorithm::Aes, Mode::Gcm, Padding::None, 16);
        let (ct, tag) = run(
            s,
            Direction::Encrypt,
            &[0u8; 16],
            &[0u8; 12],
            &[],
            &[0u8; 16],
            None,
        )
        .expect("gcm");
        assert_eq!(hex::encode(&ct), "0388dace60b6a392f328c2b971b2fe78");
        assert_eq!(
            hex::encode(tag.expect("tag")),
            "ab6e47d42cec13bdf53a67b21257bddf"
        );
        // Test case 6 (60-byte IV, additional data).
        let key = h("feffe9928665731c6d6a8f9467308308");
        let iv = h("9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b");
        let aad = h("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let pt = h("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        let (ct, tag) = run(s, Direction::Encrypt, &key, &iv, &aad, &pt, None).expect("gcm 6");
        assert_eq!(
            hex::encode(&ct),
            "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5"
        );
        let tag = tag.expect("tag");
        assert_eq!(hex::encode(&tag), "619cc5aefffe0bfa462af43c1699d050");
        let (back, _) =
            run(s, Direction::Decrypt, &key, &iv, &aad, &ct, Some(&tag)).expect("gcm 6 dec");
        assert_eq!(&back[..], &pt[..]);
        let mut bad = tag.clone();
        bad[0] ^= 1;
        assert!(matches!(
            run(s, Direction::Decrypt, &key, &iv, &aad, &ct, Some(&bad)),
            Err(CipherError::Failed(_))
        ));
        // A truncated tag verifies against the same prefix.
        let s12 = Spec { tag_len: 12, ..s };
        assert!(run(
            s12,
            Direction::Decrypt,
            &key,
            &iv,
            &aad,
            &ct,
            Some(&tag[..12])
        )
        .is_ok());
        assert!(matches!(
            Engine::new(Spec { tag_len: 1, ..s }, Direction::Encrypt, &key, &iv, &[]),
            Err(CipherError::TagLength(_))
        ));
    }

    #[test]
    fn chacha20_and_chacha20_poly1305() {
        // The original ChaCha20 (8-byte nonce), all-zero key and nonce.
        let s = spec(Algorithm::ChaCha20, Mode::Stream, Padding::None, 0);
        let (ks, _) = run(
            s,
            Direction::Encrypt,
            &[0u8; 32],
            &[0u8; 8],
            &[],
            &[0u8; 64],
            None,
        )
        .expect("chacha20");
        assert_eq!(&hex::encode(&ks)[..32], "76b8e0ada0f13d90405d6ae55386bd28");
        // RFC 8439 section 2.8.2.
        let key = h("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        let nonce = h("070000004041424344454647");
        let aad = h("50515253c0c1c2c3c4c5c6c7");
        let pt = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
        let s = spec(Algorithm::ChaCha20Poly1305, Mode::Aead, Padding::None, 16);
        let (ct, tag) = run(s, Direction::Encrypt, &key, &nonce, &aad, pt, None).expect("aead");
        assert_eq!(&hex::encode(&ct)[..32], "d31a8d34648e60db7b86afbc53ef7ec2");
        let tag = tag.expect("tag");
        assert_eq!(hex::encode(&tag), "1ae10b594f09e26a7e902ecbd0600691");
        let (back, _) =
            run(s, Direction::Decrypt, &key, &nonce, &aad, &ct, Some(&tag)).expect("open");
        assert_eq!(&back[..], &pt[..]);
    }

    #[test]
    fn des_parity() {
        let mut k = [0u8, 1, 0xFE, 0xFF];
        set_des_parity(&mut k);
        assert_eq!(k, [0x01, 0x01, 0xFE, 0xFE]);
    }
}
