//! Secret splitting for Create Split Key and Join Split Key, as KMIP 1.x section 2.2.5 defines it:
//!
//! * XOR: as many parts as the threshold; the secret is the XOR of all parts;
//! * polynomial sharing [Shamir 1979] of each byte over GF(2^8) (the AES field,
//!   x^8+x^4+x^3+x+1), of each 16-bit piece over GF(2^16) = GF(2^8)[y]/(y^2+y+m), m = {3A}, and of
//!   the whole secret as an integer over GF(p) for a prime p > 2^L.
//!
//! Part `i` (the Key Part Identifier, 1 to Split Key Parts) is the polynomial's value at `x = i`
//! (in GF(2^16): the element 0·y + i). A GF(2^16) element `uy + v` is the byte pair `(u, v)`.
//!
//! The GF(2^16) product used is `(ry+s)(uy+v) = (ru+rv+su)y + (rum+sv)`, which follows from
//! y^2 = y + m and agrees with the inverse the spec gives, `(uy+v)^-1 = u d^-1 y + (u+v) d^-1`,
//! `d = (u+v)v + mu^2` (the spec's printed product, `... + (ru + svm)`, contradicts that inverse).

use num_bigint::BigUint;
use zeroize::Zeroizing;

use super::fill_random;

/// The secret sharing schemes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Method {
    Xor,
    Gf256,
    Gf65536,
    PrimeField(BigUint),
}

/// Multiplication in GF(2^8) with the AES polynomial.
fn gf8_mul(mut a: u8, mut b: u8) -> u8 {
    let mut p = 0u8;
    while b != 0 {
        if b & 1 != 0 {
            p ^= a;
        }
        let hi = a & 0x80;
        a <<= 1;
        if hi != 0 {
            a ^= 0x1B;
        }
        b >>= 1;
    }
    p
}

/// Inverse in GF(2^8) (a^254); 0 has none and gives 0.
fn gf8_inv(a: u8) -> u8 {
    let mut r = 1u8;
    let mut base = a;
    let mut e = 254u8;
    while e != 0 {
        if e & 1 != 0 {
            r = gf8_mul(r, base);
        }
        base = gf8_mul(base, base);
        e >>= 1;
    }
    r
}

const M: u8 = 0x3A;

/// An element `uy + v` of GF(2^16).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct G16(u8, u8);

impl G16 {
    fn add(self, o: G16) -> G16 {
        G16(self.0 ^ o.0, self.1 ^ o.1)
    }
    fn mul(self, o: G16) -> G16 {
        let (r, s, u, v) = (self.0, self.1, o.0, o.1);
        G16(
            gf8_mul(r, u) ^ gf8_mul(r, v) ^ gf8_mul(s, u),
            gf8_mul(gf8_mul(r, u), M) ^ gf8_mul(s, v),
        )
    }
    fn inv(self) -> G16 {
        let (u, v) = (self.0, self.1);
        let d = gf8_mul(u ^ v, v) ^ gf8_mul(M, gf8_mul(u, u));
        let di = gf8_inv(d);
        G16(gf8_mul(u, di), gf8_mul(u ^ v, di))
    }
}

/// Splits `secret` into `parts` shares of which `threshold` rebuild it. Share `i` (0-based) belongs
/// to Key Part Identifier `i + 1`.
pub fn split(
    method: &Method,
    secret: &[u8],
    parts: usize,
    threshold: usize,
) -> Result<Vec<Zeroizing<Vec<u8>>>, String> {
    if threshold < 1 || parts < threshold {
        return Err(format!(
            "a threshold of {threshold} out of {parts} parts is impossible (1 <= threshold <= parts)"
        ));
    }
    match method {
        Method::Xor => {
            if parts != threshold {
                return Err("XOR splitting needs every part: Split Key Threshold must equal Split Key Parts".into());
            }
            let mut out: Vec<Zeroizing<Vec<u8>>> = Vec::with_capacity(parts);
            let mut last = Zeroizing::new(secret.to_vec());
            for _ in 1..parts {
                let mut r = Zeroizing::new(vec![0u8; secret.len()]);
                fill_random(&mut r);
                for (l, b) in last.iter_mut().zip(r.iter()) {
                    *l ^= b;
                }
                out.push(r);
            }
            out.push(last);
            Ok(out)
        }
        Method::Gf256 => {
            if parts > 255 {
                return Err("GF(2^8) sharing allows at most 255 parts".into());
            }
            let mut out: Vec<Zeroizing<Vec<u8>>> = (0..parts)
                .map(|_| Zeroizing::new(Vec::with_capacity(secret.len())))
                .collect();
            let mut coef = Zeroizing::new(vec![0u8; threshold]);
            for &s in secret {
                coef[0] = s;
                fill_random(&mut coef[1..]);
                for (i, share) in out.iter_mut().enumerate() {
                    let x = (i + 1) as u8;
                    // Horner's rule.
                    let y = coef.iter().rev().fold(0u8, |acc, c| gf8_mul(acc, x) ^ c);
                    share.push(y);
                }
            }
            Ok(out)
        }
        Method::Gf65536 => {
            if !secret.len().is_multiple_of(2) {
                return Err("GF(2^16) sharing splits secrets of whole 16-bit pieces (an even number of bytes)".into());
            }
            if parts > 65535 {
                return Err("GF(2^16) sharing allows at most 65535 parts".into());
            }
            let mut out: Vec<Zeroizing<Vec<u8>>> = (0..parts)
                .map(|_| Zeroizing::new(Vec::with_capacity(secret.len())))
                .collect();
            let mut rnd = Zeroizing::new(vec![0u8; 2 * threshold]);
            for piece in secret.chunks(2) {
                fill_random(&mut rnd);
                let mut coef: Vec<G16> = rnd.chunks(2).map(|c| G16(c[0], c[1])).collect();
                coef[0] = G16(piece[0], piece[1]);
                for (i, share) in out.iter_mut().enumerate() {
                    let x = G16(((i + 1) >> 8) as u8, (i + 1) as u8);
                    let y = coef
                        .iter()
                        .rev()
                        .fold(G16(0, 0), |acc, c| acc.mul(x).add(*c));
                    share.extend_from_slice(&[y.0, y.1]);
                }
                coef.iter_mut().for_each(|c| *c = G16(0, 0));
            }
            Ok(out)
        }
        Method::PrimeField(p) => {
            let s = BigUint::from_bytes_be(secret);
            if &s >= p || p.bits() <= (secret.len() * 8) as u64 {
                return Err(format!(
                    "the Prime Field Size must be a prime bigger than 2^{} (the secret's length in bits)",
                    secret.len() * 8
                ));
            }
            if !is_probable_prime(p) {
                return Err("the Prime Field Size is not a prime".into());
            }
            let width = p.bits().div_ceil(8) as usize;
            let mut coef = vec![s];
            for _ in 1..threshold {
                let mut r = Zeroizing::new(vec![0u8; width + 8]);
                fill_random(&mut r);
                coef.push(BigUint::from_bytes_be(&r) % p);
            }
            let out = (1..=parts)
                .map(|i| {
                    let x = BigUint::from(i as u64);
                    let y = coef
                        .iter()
                        .rev()
                        .fold(BigUint::default(), |acc, c| (acc * &x + c) % p);
                    Zeroizing::new(to_width(&y, width))
                })
                .collect();
            Ok(out)
        }
    }
}

fn to_width(n: &BigUint, width: usize) -> Vec<u8> {
    let b = n.to_bytes_be();
    let mut out = vec![0u8; width.saturating_sub(b.len())];
    out.extend_from_slice(&b);
    out
}

/// Rebuilds a secret of `len` bytes from `(Key Part Identifier, share)` pairs (at least the
/// threshold of them, distinct identifiers).
pub fn join(
    method: &Method,
    shares: &[(usize, &[u8])],
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, String> {
    if shares.is_empty() {
        return Err("no parts".into());
    }
    let n = shares[0].1.len();
    if shares.iter().any(|(_, s)| s.len() != n) {
        return Err("the parts are of different lengths".into());
    }
    match method {
        Method::Xor => {
            let mut out = Zeroizing::new(vec![0u8; n]);
            for (_, s) in shares {
                for (o, b) in out.iter_mut().zip(s.iter()) {
                    *o ^= b;
                }
            }
            Ok(out)
        }
        Method::Gf256 => {
            let xs: Vec<u8> = shares.iter().map(|(i, _)| *i as u8).collect();
            // Lagrange coefficients at 0: l_i = prod_{j != i} x_j / (x_j - x_i).
            let l: Vec<u8> = (0..xs.len())
                .map(|i| {
                    (0..xs.len()).filter(|j| *j != i).fold(1u8, |acc, j| {
                        gf8_mul(acc, gf8_mul(xs[j], gf8_inv(xs[j] ^ xs[i])))
                    })
                })
                .collect();
            let mut out = Zeroizing::new(vec![0u8; n]);
            for (k, o) in out.iter_mut().enumerate() {
                *o = shares
                    .iter()
                    .zip(&l)
                    .fold(0u8, |acc, ((_, s), li)| acc ^ gf8_mul(s[k], *li));
            }
            Ok(out)
        }
        Method::Gf65536 => {
            if !n.is_multiple_of(2) {
                return Err("a GF(2^16) part has an odd number of bytes".into());
            }
            let xs: Vec<G16> = shares
                .iter()
                .map(|(i, _)| G16((*i >> 8) as u8, *i as u8))
                .collect();
            let l: Vec<G16> = (0..xs.len())
                .map(|i| {
                    (0..xs.len()).filter(|j| *j != i).fold(G16(0, 1), |acc, j| {
                        acc.mul(xs[j].mul(xs[j].add(xs[i]).inv()))
                    })
                })
                .collect();
            let mut out = Zeroizing::new(Vec::with_capacity(n));
            for k in (0..n).step_by(2) {
                let y = shares.iter().zip(&l).fold(G16(0, 0), |acc, ((_, s), li)| {
                    acc.add(G16(s[k], s[k + 1]).mul(*li))
                });
                out.extend_from_slice(&[y.0, y.1]);
            }
            Ok(out)
        }
        Method::PrimeField(p) => {
            let two = BigUint::from(2u8);
            let xs: Vec<BigUint> = shares
                .iter()
                .map(|(i, _)| BigUint::from(*i as u64))
                .collect();
            let mut acc = BigUint::default();
            for (i, (_, s)) in shares.iter().enumerate() {
                let mut num = BigUint::from(1u8);
                let mut den = BigUint::from(1u8);
                for (j, xj) in xs.iter().enumerate() {
                    if j != i {
                        num = num * xj % p;
                        den = den * ((xj + p - &xs[i]) % p) % p;
                    }
                }
                let inv = den.modpow(&(p - &two), p);
                acc = (acc + BigUint::from_bytes_be(s) * num % p * inv) % p;
            }
            let b = acc.to_bytes_be();
            if b.len() > len {
                return Err("the parts do not rebuild a secret of the expected length".into());
            }
            Ok(Zeroizing::new(to_width(&acc, len)))
        }
    }
}

/// Miller-Rabin with the first twelve primes as bases (exact below 3.3 * 10^24, overwhelmingly
/// likely beyond).
pub fn is_probable_prime(n: &BigUint) -> bool {
    let one = BigUint::from(1u8);
    let two = BigUint::from(2u8);
    if *n < two {
        return false;
    }
    let bases = [2u32, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    for b in bases {
        let b = BigUint::from(b);
        if *n == b {
            return true;
        }
        if (n % &b) == BigUint::default() {
            return false;
        }
    }
    let nm1 = n - &one;
    let s = nm1.trailing_zeros().unwrap_or(0);
    let d = &nm1 >> s;
    'outer: for b in bases {
        let mut x = BigUint::from(b).modpow(&d, n);
        if x == one || x == nm1 {
            continue;
        }
        for _ in 1..s {
            x = x.modpow(&two, n);
            if x == nm1 {
                continue 'outer;
            }
        }
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(m: &Method, secret: &[u8], parts: usize, t: usize) {
        let shares = split(m, secret, parts, t).expect("split");
        assert_eq!(shares.len(), parts);
        // Any `t` parts rebuild it: the first t, and the last t.
        for pick in [(0..t).collect::<Vec<_>>(), (parts - t..parts).collect()] {
            let sel: Vec<(usize, &[u8])> = pick.iter().map(|i| (i + 1, &shares[*i][..])).collect();
            assert_eq!(&join(m, &sel, secret.len()).expect("join")[..], secret);
        }
        if t > 1 {
            let sel: Vec<(usize, &[u8])> = (0..t - 1).map(|i| (i + 1, &shares[i][..])).collect();
            // Too few parts give another value (or, over a prime field, one too long to be it).
            if let Ok(k) = join(m, &sel, secret.len()) {
                assert_ne!(&k[..], secret);
            }
        }
    }

    #[test]
    fn every_method_rebuilds_the_secret_from_threshold_parts_only() {
        let secret = hex::decode("00112233445566778899aabbccddeeff").expect("hex");
        roundtrip(&Method::Xor, &secret, 3, 3);
        roundtrip(&Method::Gf256, &secret, 5, 3);
        roundtrip(&Method::Gf65536, &secret, 5, 3);
        // 2^127 - 1 is prime but not bigger than 2^128; 2^521 - 1 is.
        let p = (BigUint::from(1u8) << 521u32) - BigUint::from(1u8);
        roundtrip(&Method::PrimeField(p), &secret, 4, 2);
        let small = (BigUint::from(1u8) << 127u32) - BigUint::from(1u8);
        assert!(split(&Method::PrimeField(small), &secret, 4, 2).is_err());
        assert!(split(&Method::Xor, &secret, 4, 2).is_err());
    }

    #[test]
    fn gf16_inverse_is_the_inverse_of_the_product() {
        for (u, v) in [(0u8, 1u8), (1, 0), (0x53, 0xCA), (0xFF, 0x01), (0x12, 0x34)] {
            let e = G16(u, v);
            assert_eq!(e.mul(e.inv()), G16(0, 1), "{u:02x}{v:02x}");
        }
        assert_eq!(gf8_mul(0x57, 0x83), 0xC1); // FIPS 197 section 4.2
    }

    #[test]
    fn primality() {
        assert!(is_probable_prime(&BigUint::from(65537u32)));
        assert!(!is_probable_prime(&BigUint::from(65535u32)));
        assert!(!is_probable_prime(&BigUint::from(3215031751u64))); // strong pseudoprime to 2,3,5,7
    }
}
