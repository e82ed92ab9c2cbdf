//! How the PKCS#11 Input and Output Parameters of the KMIP PKCS#11 operation are laid out here:
//! the function's arguments in PKCS#11's order, as the packed native structures little-endian
//! (what the KMIP PKCS#11 Profile's case PKCS11-M-1 shows for CK_INFO), with
//!
//! * CK_ULONG and every handle (slot, session, object), CK_FLAGS, CK_ATTRIBUTE_TYPE,
//!   CK_MECHANISM_TYPE: 8 bytes, little-endian;
//! * CK_BBOOL, CK_BYTE: 1 byte;
//! * a byte array (data, IV, attribute value, mechanism parameter): its length as a CK_ULONG,
//!   then the bytes;
//! * a template (CK_ATTRIBUTE array): the count as a CK_ULONG, then each attribute's type and
//!   value (a byte array); in C_GetAttributeValue's request, each attribute's type and the
//!   buffer length the caller offers (a CK_ULONG, not otherwise used);
//! * a CK_MECHANISM: its type, then its parameter as a byte array.
//!
//! Output pointers are not sent; what the function writes through them is the Output Parameters.

/// CK_UNAVAILABLE_INFORMATION.
pub const UNAVAILABLE: u64 = u64::MAX;

/// Reads Input Parameters front to back; `None` when they end early.
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    pub fn byte(&mut self) -> Option<u8> {
        let (b, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(*b)
    }

    pub fn ulong(&mut self) -> Option<u64> {
        if self.rest.len() < 8 {
            return None;
        }
        let (head, rest) = self.rest.split_at(8);
        self.rest = rest;
        Some(u64::from_le_bytes(head.try_into().ok()?))
    }

    /// A byte array: length, then the bytes (the length is checked against what is left).
    pub fn array(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.ulong()?).ok()?;
        if n > self.rest.len() {
            return None;
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Some(head)
    }

    /// A count of items each at least `min_item` bytes long, checked against what is left.
    pub fn count(&mut self, min_item: usize) -> Option<usize> {
        let n = usize::try_from(self.ulong()?).ok()?;
        (n.checked_mul(min_item)? <= self.rest.len()).then_some(n)
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

/// Builds Output Parameters.
#[derive(Default)]
pub struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn ulong(&mut self, v: u64) -> &mut Self {
        self.out.extend(v.to_le_bytes());
        self
    }

    pub fn array(&mut self, b: &[u8]) -> &mut Self {
        self.ulong(b.len() as u64);
        self.out.extend_from_slice(b);
        self
    }

    /// Text blank-padded (or cut) to `width` bytes, as CK_INFO and CK_TOKEN_INFO hold it.
    pub fn padded(&mut self, s: &str, width: usize) -> &mut Self {
        let mut b = s.as_bytes().to_vec();
        b.resize(width, b' ');
        self.out.extend(b);
        self
    }

    pub fn raw(&mut self, b: &[u8]) -> &mut Self {
        self.out.extend_from_slice(b);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_refuses_short_input() {
        let mut w = Writer::default();
        w.ulong(7).array(b"abc").ulong(2);
        let mut r = Reader::new(&w.out);
        assert_eq!(r.ulong(), Some(7));
        assert_eq!(r.array(), Some(&b"abc"[..]));
        assert_eq!(r.count(8), None, "2 items of 8 bytes do not fit in 0");
        assert!(r.is_empty());
        let mut lying = Writer::default();
        lying.ulong(u64::MAX);
        assert_eq!(Reader::new(&lying.out).array(), None);
        assert_eq!(Reader::new(&[1, 2, 3]).ulong(), None);
    }
}
