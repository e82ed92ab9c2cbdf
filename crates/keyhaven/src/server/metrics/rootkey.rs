//! Root-key providers wrapped with call latency and error counts
//! ([`super::Metrics::rootkey_call`]). Every [`RootKeyProvider`] method is delegated, the defaulted
//! ones too.

use std::sync::Arc;
use std::time::Instant;

use zeroize::Zeroizing;

use crate::rootkey::{Refreshed, RootKeyError, RootKeyProvider, RootKeyStatus};

/// A provider that reports each call to the global metrics.
pub struct MeteredProvider {
    inner: Arc<dyn RootKeyProvider>,
}

impl MeteredProvider {
    pub fn wrap(inner: Arc<dyn RootKeyProvider>) -> Arc<dyn RootKeyProvider> {
        Arc::new(MeteredProvider { inner })
    }

    fn timed<T>(
        &self,
        call: &'static str,
        f: impl FnOnce() -> Result<T, RootKeyError>,
    ) -> Result<T, RootKeyError> {
        let started = Instant::now();
        let r = f();
        super::global().rootkey_call(self.inner.name(), call, started.elapsed(), r.is_ok());
        r
    }
}

impl RootKeyProvider for MeteredProvider {
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }
    fn create_key(&self) -> Result<String, RootKeyError> {
        self.timed("create_key", || self.inner.create_key())
    }
    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        self.timed("wrap", || self.inner.wrap(key_ref, plaintext, aad))
    }
    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        self.timed("unwrap", || self.inner.unwrap(key_ref, wrapped, aad))
    }
    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        self.timed("status", || self.inner.status(key_ref))
    }
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn find_key(&self, label: &str) -> Result<String, RootKeyError> {
        self.timed("find_key", || self.inner.find_key(label))
    }
    fn disable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.timed("disable_key", || self.inner.disable_key(key_ref))
    }
    fn enable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.timed("enable_key", || self.inner.enable_key(key_ref))
    }
    fn unwrap_refreshed(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Refreshed, RootKeyError> {
        self.timed("unwrap", || {
            self.inner.unwrap_refreshed(key_ref, wrapped, aad)
        })
    }
    fn binds_key_version(&self) -> bool {
        self.inner.binds_key_version()
    }
    fn rotates_in_place(&self) -> bool {
        self.inner.rotates_in_place()
    }
    fn rotate_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.timed("rotate_key", || self.inner.rotate_key(key_ref))
    }
    fn rewrap(&self, key_ref: &str, wrapped: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        self.timed("rewrap", || self.inner.rewrap(key_ref, wrapped, aad))
    }
    fn check(&self) -> Result<String, RootKeyError> {
        self.timed("check", || self.inner.check())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_provider_method_is_delegated() {
        use super::super::store::tests::methods;
        let declared = methods(
            include_str!("../../rootkey/mod.rs"),
            "pub trait RootKeyProvider:",
        );
        let delegated = methods(
            include_str!("rootkey.rs"),
            "impl RootKeyProvider for MeteredProvider",
        );
        assert!(declared.len() > 5, "{declared:?}");
        let missing: Vec<_> = declared.iter().filter(|m| !delegated.contains(m)).collect();
        assert!(
            missing.is_empty(),
            "MeteredProvider does not delegate {missing:?}"
        );
    }
}
