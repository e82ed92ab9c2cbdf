//! Named entries inside the encrypted stream of [`super::format`].
//!
//! ```text
//! archive := entry* end
//! entry   := 0x01 | name length (u16) | name (UTF-8) | segment* | 0 (u32)
//! segment := length (u32, 1..=MAX_SEGMENT) | bytes
//! end     := 0x00, then nothing
//! ```
//!
//! Entries are written in segments so a table of any size streams through without being held in
//! memory. Names are relative paths of `[A-Za-z0-9._-]` components joined by `/`.

use std::io::{self, Read, Write};

use zeroize::Zeroizing;

use super::format::{unwrap_io, KdfParams, OpenedReader, SealedWriter};
use super::BackupError;

/// Largest segment accepted (checked before allocation).
pub const MAX_SEGMENT: usize = 16 * 1024 * 1024;
const MAX_NAME: usize = 255;
const ENTRY: u8 = 1;
const END: u8 = 0;

/// Whether `name` is an acceptable entry name (no absolute path, no `..`, no odd characters).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && name.split('/').all(|c| {
            !c.is_empty()
                && c != "."
                && c != ".."
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        })
}

/// Writes entries into a sealed stream.
pub struct ArchiveWriter<W: Write> {
    inner: SealedWriter<W>,
    open_entry: bool,
}

impl<W: Write> ArchiveWriter<W> {
    pub fn new(out: W, passphrase: &[u8], kdf: KdfParams) -> Result<Self, BackupError> {
        Ok(ArchiveWriter {
            inner: SealedWriter::new(out, passphrase, kdf)?,
            open_entry: false,
        })
    }

    /// Starts an entry; its data follows in [`ArchiveWriter::segment`] calls.
    pub fn begin(&mut self, name: &str) -> Result<(), BackupError> {
        if !valid_name(name) || self.open_entry {
            return Err(BackupError::Internal(format!("bad archive entry {name:?}")));
        }
        self.inner.write_all(&[ENTRY])?;
        self.inner.write_all(&(name.len() as u16).to_be_bytes())?;
        self.inner.write_all(name.as_bytes())?;
        self.open_entry = true;
        Ok(())
    }

    /// Appends data to the open entry (split into segments of at most [`MAX_SEGMENT`]).
    pub fn segment(&mut self, data: &[u8]) -> Result<(), BackupError> {
        for part in data.chunks(MAX_SEGMENT) {
            self.inner.write_all(&(part.len() as u32).to_be_bytes())?;
            self.inner.write_all(part)?;
        }
        Ok(())
    }

    /// Closes the open entry.
    pub fn end(&mut self) -> Result<(), BackupError> {
        self.inner.write_all(&0u32.to_be_bytes())?;
        self.open_entry = false;
        Ok(())
    }

    /// One whole entry.
    pub fn file(&mut self, name: &str, data: &[u8]) -> Result<(), BackupError> {
        self.begin(name)?;
        self.segment(data)?;
        self.end()
    }

    /// Copies a reader into one entry.
    pub fn copy_from(&mut self, name: &str, r: &mut dyn Read) -> Result<u64, BackupError> {
        self.begin(name)?;
        let mut buf = Zeroizing::new(vec![0u8; 256 * 1024]);
        let mut total = 0u64;
        loop {
            let n = r.read(&mut buf)?;
            if n == 0 {
                break;
            }
            self.segment(&buf[..n])?;
            total += n as u64;
        }
        self.end()?;
        Ok(total)
    }

    /// Writes the end marker and the final chunk; returns the output.
    pub fn finish(mut self) -> Result<W, BackupError> {
        self.inner.write_all(&[END])?;
        Ok(self.inner.finish()?)
    }
}

/// Reads entries from a sealed stream, authenticating as it goes.
pub struct ArchiveReader<R: Read> {
    inner: OpenedReader<R>,
    in_entry: bool,
    ended: bool,
}

fn damaged(what: impl Into<String>) -> BackupError {
    BackupError::Damaged(what.into())
}

impl<R: Read> ArchiveReader<R> {
    pub fn new(input: R, passphrase: &[u8]) -> Result<Self, BackupError> {
        Ok(ArchiveReader {
            inner: OpenedReader::new(input, passphrase)?,
            in_entry: false,
            ended: false,
        })
    }

    fn exact(&mut self, buf: &mut [u8]) -> Result<(), BackupError> {
        let mut n = 0;
        while n < buf.len() {
            match self.inner.read(&mut buf[n..]) {
                Ok(0) => return Err(damaged("the archive inside ends in the middle of an entry")),
                Ok(k) => n += k,
                Err(e) => return Err(BackupError::Format(unwrap_io(e))),
            }
        }
        Ok(())
    }

    /// The name of the next entry, or `None` after the last one (the stream then checked to end
    /// with its authenticated final chunk). An entry's unread segments are skipped.
    pub fn next_entry(&mut self) -> Result<Option<String>, BackupError> {
        while self.in_entry {
            self.next_segment()?;
        }
        if self.ended {
            return Ok(None);
        }
        let mut kind = [0u8; 1];
        self.exact(&mut kind)?;
        match kind[0] {
            END => {
                // Nothing may follow the end marker; reading on proves the final chunk is there.
                let mut probe = [0u8; 1];
                match self.inner.read(&mut probe) {
                    Ok(0) => {}
                    Ok(_) => return Err(damaged("data after the archive's end marker")),
                    Err(e) => return Err(BackupError::Format(unwrap_io(e))),
                }
                self.ended = true;
                Ok(None)
            }
            ENTRY => {
                let mut len = [0u8; 2];
                self.exact(&mut len)?;
                let len = u16::from_be_bytes(len) as usize;
                if len == 0 || len > MAX_NAME {
                    return Err(damaged(format!("entry name of {len} bytes")));
                }
                let mut name = vec![0u8; len];
                self.exact(&mut name)?;
                let name = String::from_utf8(name)
                    .ok()
                    .filter(|n| valid_name(n))
                    .ok_or_else(|| damaged("an entry has an invalid name"))?;
                self.in_entry = true;
                Ok(Some(name))
            }
            k => Err(damaged(format!("unknown record kind {k}"))),
        }
    }

    /// The next segment of the current entry, `None` at its end.
    pub fn next_segment(&mut self) -> Result<Option<Zeroizing<Vec<u8>>>, BackupError> {
        if !self.in_entry {
            return Ok(None);
        }
        let mut len = [0u8; 4];
        self.exact(&mut len)?;
        let len = u32::from_be_bytes(len) as usize;
        if len == 0 {
            self.in_entry = false;
            return Ok(None);
        }
        if len > MAX_SEGMENT {
            return Err(damaged(format!("a segment of {len} bytes")));
        }
        let mut buf = Zeroizing::new(vec![0u8; len]);
        self.exact(&mut buf)?;
        Ok(Some(buf))
    }

    /// The rest of the current entry in memory, refused beyond `max` bytes.
    pub fn read_entry(&mut self, max: usize) -> Result<Zeroizing<Vec<u8>>, BackupError> {
        let mut out = Zeroizing::new(Vec::new());
        while let Some(seg) = self.next_segment()? {
            if out.len() + seg.len() > max {
                return Err(damaged(format!("an entry larger than {max} bytes")));
            }
            out.extend_from_slice(&seg);
        }
        Ok(out)
    }

    /// Copies the rest of the current entry to `w`; returns the byte count.
    pub fn copy_entry_to(&mut self, w: &mut dyn Write) -> Result<u64, BackupError> {
        let mut total = 0u64;
        while let Some(seg) = self.next_segment()? {
            w.write_all(&seg)?;
            total += seg.len() as u64;
        }
        Ok(total)
    }
}

impl From<io::Error> for BackupError {
    fn from(e: io::Error) -> Self {
        BackupError::Io(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        m_cost_kib: 64,
        t_cost: 1,
        p_cost: 1,
    };

    #[test]
    fn entries_round_trip() {
        let mut w = ArchiveWriter::new(Vec::new(), b"p", CHEAP).expect("w");
        w.file("a/b.txt", b"hello").expect("file");
        w.begin("big").expect("begin");
        w.segment(&vec![7u8; 100_000]).expect("seg");
        w.segment(b"tail").expect("seg");
        w.end().expect("end");
        w.file("empty", b"").expect("empty");
        let file = w.finish().expect("finish");
        let mut r = ArchiveReader::new(&file[..], b"p").expect("r");
        assert_eq!(r.next_entry().expect("e").as_deref(), Some("a/b.txt"));
        assert_eq!(&r.read_entry(10).expect("read")[..], b"hello");
        assert_eq!(r.next_entry().expect("e").as_deref(), Some("big"));
        assert_eq!(r.read_entry(1 << 20).expect("read").len(), 100_004);
        assert_eq!(r.next_entry().expect("e").as_deref(), Some("empty"));
        // Skipped without reading.
        assert_eq!(r.next_entry().expect("e"), None);
        assert_eq!(r.next_entry().expect("e"), None);
    }

    #[test]
    fn names_are_checked() {
        for bad in ["", "/abs", "a/../b", "a//b", ".", "sp ace", "é"] {
            assert!(!valid_name(bad), "{bad:?}");
        }
        for good in ["manifest.json", "rootkeys/crk-1.key", "store/pg/objects"] {
            assert!(valid_name(good), "{good:?}");
        }
    }

    #[test]
    fn entry_larger_than_limit_is_refused() {
        let mut w = ArchiveWriter::new(Vec::new(), b"p", CHEAP).expect("w");
        w.file("x", &[1u8; 100]).expect("file");
        let file = w.finish().expect("finish");
        let mut r = ArchiveReader::new(&file[..], b"p").expect("r");
        r.next_entry().expect("e");
        assert!(matches!(r.read_entry(99), Err(BackupError::Damaged(_))));
    }
}
