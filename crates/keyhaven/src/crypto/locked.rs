//! Key material kept out of core dumps and swap: [`LockedKey`] holds a small secret on a page of
//! its own that is locked in memory (`mlock`) and excluded from core dumps (`MADV_DONTDUMP`), and
//! zeroed before the page is freed. The cached tenant wrapping keys live there
//! ([`super::envelope`]); each holds every key of its tenant. Where the kernel refuses (the
//! RLIMIT_MEMLOCK of an unprivileged user is small), the key still works and zeroizes; the first
//! refusal is logged once.

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use zeroize::Zeroize;

const PAGE: usize = 4096;

/// Pages locked (for the startup report and tests).
pub static LOCKED_PAGES: AtomicUsize = AtomicUsize::new(0);
static WARNED: AtomicBool = AtomicBool::new(false);

/// `N` secret bytes on a locked, undumpable page of their own.
pub struct LockedKey<const N: usize> {
    ptr: NonNull<[u8; N]>,
    locked: bool,
}

// The page is owned exclusively, like a Box.
unsafe impl<const N: usize> Send for LockedKey<N> {}
unsafe impl<const N: usize> Sync for LockedKey<N> {}

fn layout() -> Layout {
    // A whole page, page-aligned: locking and madvise act on whole pages, and nothing else may
    // share it (another allocation on the page would be locked and hidden too, harmlessly, but
    // the key would be dumped if the page were split differently).
    Layout::from_size_align(PAGE, PAGE).unwrap_or_else(|_| Layout::new::<[u8; PAGE]>())
}

impl<const N: usize> LockedKey<N> {
    /// A zeroed key; fill it through `DerefMut`.
    pub fn new() -> Self {
        const { assert!(N <= PAGE) };
        let l = layout();
        // SAFETY: the layout has a non-zero size.
        let raw = unsafe { alloc_zeroed(l) };
        let Some(ptr) = NonNull::new(raw.cast::<[u8; N]>()) else {
            std::alloc::handle_alloc_error(l)
        };
        let locked = protect(raw, l.size());
        LockedKey { ptr, locked }
    }

    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != N {
            return None;
        }
        let mut k = Self::new();
        k.copy_from_slice(bytes);
        Some(k)
    }

    /// Whether the page is locked in memory.
    pub fn is_locked(&self) -> bool {
        self.locked
    }
}

impl<const N: usize> Default for LockedKey<N> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(target_os = "linux")]
fn protect(raw: *mut u8, len: usize) -> bool {
    // SAFETY: `raw..raw+len` is a live allocation of ours, page-aligned.
    let dontdump = unsafe { libc::madvise(raw.cast(), len, libc::MADV_DONTDUMP) } == 0;
    // SAFETY: as above.
    let locked = unsafe { libc::mlock(raw.cast(), len) } == 0;
    if locked {
        LOCKED_PAGES.fetch_add(1, Ordering::Relaxed);
    }
    if (!locked || !dontdump) && !WARNED.swap(true, Ordering::Relaxed) {
        tracing::warn!(
            mlock = locked,
            madv_dontdump = dontdump,
            error = %std::io::Error::last_os_error(),
            "cannot lock key memory or keep it out of core dumps (raise RLIMIT_MEMLOCK / run with CAP_IPC_LOCK); keys still work and are zeroized"
        );
    }
    locked
}

#[cfg(not(target_os = "linux"))]
fn protect(_raw: *mut u8, _len: usize) -> bool {
    false
}

impl<const N: usize> Deref for LockedKey<N> {
    type Target = [u8; N];
    fn deref(&self) -> &[u8; N] {
        // SAFETY: valid and exclusively owned for our lifetime.
        unsafe { self.ptr.as_ref() }
    }
}

impl<const N: usize> DerefMut for LockedKey<N> {
    fn deref_mut(&mut self) -> &mut [u8; N] {
        // SAFETY: valid and exclusively owned for our lifetime.
        unsafe { self.ptr.as_mut() }
    }
}

impl<const N: usize> Drop for LockedKey<N> {
    fn drop(&mut self) {
        self.deref_mut().zeroize();
        let l = layout();
        let raw = self.ptr.as_ptr().cast::<u8>();
        #[cfg(target_os = "linux")]
        if self.locked {
            // SAFETY: the region we locked.
            unsafe { libc::munlock(raw.cast(), l.size()) };
            LOCKED_PAGES.fetch_sub(1, Ordering::Relaxed);
        }
        // SAFETY: allocated in `new` with this layout.
        unsafe { dealloc(raw, l) };
    }
}

impl<const N: usize> std::fmt::Debug for LockedKey<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LockedKey<{N}>(<redacted>, locked: {})", self.locked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_its_bytes_on_a_page_of_its_own() {
        let k = LockedKey::<32>::from_slice(&[7; 32]).expect("32 bytes");
        assert_eq!(*k, [7; 32]);
        assert_eq!(k.as_ptr() as usize % PAGE, 0, "page-aligned");
        assert!(LockedKey::<32>::from_slice(&[0; 31]).is_none());
        assert!(!format!("{k:?}").contains('7'));
    }
}
