//! The store wrapped with call latency and error counts ([`super::Metrics::store_call`]).
//!
//! Every [`Store`] method is delegated here, the defaulted ones too: a method added to the trait must
//! be added here as well, or the inner store's version would be bypassed.

use std::sync::Arc;
use std::time::Instant;

use crate::store::{
    AdminAccount, AdminSession, AuditRecord, ClientRecord, KeyMirror, LoginFailures, NodeRecord,
    ObjectFilter, ObjectPage, ObjectQuery, ObjectRecord, PageRequest, RootRotation, SessionRecord,
    SessionSelector, Store, StoreResult, TenantRecord, TenantState,
};

/// A store that reports each call to the global metrics.
pub struct MeteredStore {
    inner: Arc<dyn Store>,
}

impl MeteredStore {
    pub fn wrap(inner: Arc<dyn Store>) -> Arc<dyn Store> {
        Arc::new(MeteredStore { inner })
    }
}

fn timed<T>(call: &'static str, f: impl FnOnce() -> StoreResult<T>) -> StoreResult<T> {
    let started = Instant::now();
    let r = f();
    super::global().store_call(call, started.elapsed(), r.is_ok());
    r
}

impl Store for MeteredStore {
    fn nonblocking_reads(&self) -> bool {
        self.inner.nonblocking_reads()
    }
    fn insert_tenant(&self, t: &TenantRecord) -> StoreResult<()> {
        timed("insert_tenant", || self.inner.insert_tenant(t))
    }
    fn get_tenant(&self, id: &str) -> StoreResult<TenantRecord> {
        timed("get_tenant", || self.inner.get_tenant(id))
    }
    fn get_tenant_by_name(&self, name: &str) -> StoreResult<TenantRecord> {
        timed("get_tenant_by_name", || self.inner.get_tenant_by_name(name))
    }
    fn list_tenants(&self) -> StoreResult<Vec<TenantRecord>> {
        timed("list_tenants", || self.inner.list_tenants())
    }
    fn set_tenant_state(&self, id: &str, state: TenantState) -> StoreResult<()> {
        timed("set_tenant_state", || {
            self.inner.set_tenant_state(id, state)
        })
    }
    fn insert_client(&self, c: &ClientRecord) -> StoreResult<()> {
        timed("insert_client", || self.inner.insert_client(c))
    }
    fn list_clients(&self, tenant_id: Option<&str>) -> StoreResult<Vec<ClientRecord>> {
        timed("list_clients", || self.inner.list_clients(tenant_id))
    }
    fn remove_client(&self, name: &str) -> StoreResult<()> {
        timed("remove_client", || self.inner.remove_client(name))
    }
    fn trust_generation(&self) -> StoreResult<i64> {
        timed("trust_generation", || self.inner.trust_generation())
    }
    fn insert_object(&self, o: &ObjectRecord) -> StoreResult<()> {
        timed("insert_object", || self.inner.insert_object(o))
    }
    fn get_object(&self, tenant_id: &str, uid: &str) -> StoreResult<ObjectRecord> {
        timed("get_object", || self.inner.get_object(tenant_id, uid))
    }
    fn update_object(&self, o: &ObjectRecord) -> StoreResult<()> {
        timed("update_object", || self.inner.update_object(o))
    }
    fn list_objects(
        &self,
        tenant_id: &str,
        filter: &ObjectFilter,
        limit: Option<usize>,
    ) -> StoreResult<Vec<ObjectRecord>> {
        timed("list_objects", || {
            self.inner.list_objects(tenant_id, filter, limit)
        })
    }
    fn query_objects(
        &self,
        tenant_id: &str,
        q: &ObjectQuery,
        page: &PageRequest,
    ) -> StoreResult<ObjectPage> {
        timed("query_objects", || {
            self.inner.query_objects(tenant_id, q, page)
        })
    }
    fn count_objects(&self, tenant_id: &str, q: &ObjectQuery) -> StoreResult<u64> {
        timed("count_objects", || self.inner.count_objects(tenant_id, q))
    }
    fn begin_root_rotation(&self, r: &RootRotation) -> StoreResult<()> {
        timed("begin_root_rotation", || self.inner.begin_root_rotation(r))
    }
    fn get_root_rotation(&self, tenant_id: &str) -> StoreResult<Option<RootRotation>> {
        timed("get_root_rotation", || {
            self.inner.get_root_rotation(tenant_id)
        })
    }
    fn list_root_rotations(&self) -> StoreResult<Vec<RootRotation>> {
        timed("list_root_rotations", || self.inner.list_root_rotations())
    }
    fn switch_root_key(
        &self,
        tenant_id: &str,
        old_ref: &str,
        new_ref: &str,
        wrapped_twk: &[u8],
    ) -> StoreResult<()> {
        timed("switch_root_key", || {
            self.inner
                .switch_root_key(tenant_id, old_ref, new_ref, wrapped_twk)
        })
    }
    fn end_root_rotation(&self, tenant_id: &str) -> StoreResult<()> {
        timed("end_root_rotation", || {
            self.inner.end_root_rotation(tenant_id)
        })
    }
    fn set_tenant_mirror(&self, tenant_id: &str, provider: Option<&str>) -> StoreResult<()> {
        timed("set_tenant_mirror", || {
            self.inner.set_tenant_mirror(tenant_id, provider)
        })
    }
    fn list_tenant_mirrors(&self) -> StoreResult<Vec<(String, String)>> {
        timed("list_tenant_mirrors", || self.inner.list_tenant_mirrors())
    }
    fn get_key_mirrors(&self, tenant_id: &str, uids: &[&str]) -> StoreResult<Vec<KeyMirror>> {
        timed("get_key_mirrors", || {
            self.inner.get_key_mirrors(tenant_id, uids)
        })
    }
    fn list_key_mirrors(&self, tenant_id: &str) -> StoreResult<Vec<KeyMirror>> {
        timed("list_key_mirrors", || {
            self.inner.list_key_mirrors(tenant_id)
        })
    }
    fn put_key_mirror(&self, m: &KeyMirror) -> StoreResult<()> {
        timed("put_key_mirror", || self.inner.put_key_mirror(m))
    }
    fn claim_key_mirror(&self, m: &KeyMirror, stale_before: i64) -> StoreResult<bool> {
        timed("claim_key_mirror", || {
            self.inner.claim_key_mirror(m, stale_before)
        })
    }
    fn replace_client_credential(&self, old_id: &str, c: &ClientRecord) -> StoreResult<()> {
        timed("replace_client_credential", || {
            self.inner.replace_client_credential(old_id, c)
        })
    }
    fn insert_session_record(
        &self,
        r: &SessionRecord,
        now: i64,
        max_per_client: i64,
        max_total: i64,
    ) -> StoreResult<bool> {
        timed("insert_session_record", || {
            self.inner
                .insert_session_record(r, now, max_per_client, max_total)
        })
    }
    fn get_session_record(&self, kind: &str, id: &[u8]) -> StoreResult<Option<SessionRecord>> {
        timed("get_session_record", || {
            self.inner.get_session_record(kind, id)
        })
    }
    fn use_session_record(&self, kind: &str, id: &[u8], now: i64) -> StoreResult<bool> {
        timed("use_session_record", || {
            self.inner.use_session_record(kind, id, now)
        })
    }
    fn take_session_record(
        &self,
        kind: &str,
        id: &[u8],
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Option<SessionRecord>> {
        timed("take_session_record", || {
            self.inner
                .take_session_record(kind, id, tenant_id, client_id)
        })
    }
    fn list_session_records(
        &self,
        kind: &str,
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Vec<SessionRecord>> {
        timed("list_session_records", || {
            self.inner.list_session_records(kind, tenant_id, client_id)
        })
    }
    fn get_tenant_setting(&self, tenant_id: &str, name: &str) -> StoreResult<Option<Vec<u8>>> {
        timed("get_tenant_setting", || {
            self.inner.get_tenant_setting(tenant_id, name)
        })
    }
    fn get_tenant_settings(
        &self,
        tenant_id: &str,
        names: &[&str],
    ) -> StoreResult<Vec<Option<Vec<u8>>>> {
        timed("get_tenant_settings", || {
            self.inner.get_tenant_settings(tenant_id, names)
        })
    }
    fn put_tenant_setting(
        &self,
        tenant_id: &str,
        name: &str,
        value: Option<&[u8]>,
        at: i64,
    ) -> StoreResult<()> {
        timed("put_tenant_setting", || {
            self.inner.put_tenant_setting(tenant_id, name, value, at)
        })
    }
    fn claim_tenant_setting(
        &self,
        tenant_id: &str,
        name: &str,
        value: &[u8],
        at: i64,
    ) -> StoreResult<bool> {
        timed("claim_tenant_setting", || {
            self.inner.claim_tenant_setting(tenant_id, name, value, at)
        })
    }
    fn put_shared_root_key(&self, key_ref: &str, sealed: &[u8], at: i64) -> StoreResult<()> {
        timed("put_shared_root_key", || {
            self.inner.put_shared_root_key(key_ref, sealed, at)
        })
    }
    fn get_shared_root_key(&self, key_ref: &str) -> StoreResult<Option<Vec<u8>>> {
        timed("get_shared_root_key", || {
            self.inner.get_shared_root_key(key_ref)
        })
    }
    fn delete_shared_root_key(&self, key_ref: &str) -> StoreResult<()> {
        timed("delete_shared_root_key", || {
            self.inner.delete_shared_root_key(key_ref)
        })
    }
    fn heartbeat_node(&self, n: &NodeRecord) -> StoreResult<()> {
        timed("heartbeat_node", || self.inner.heartbeat_node(n))
    }
    fn list_nodes(&self) -> StoreResult<Vec<NodeRecord>> {
        timed("list_nodes", || self.inner.list_nodes())
    }
    fn list_admin_accounts(&self) -> StoreResult<Vec<AdminAccount>> {
        timed("list_admin_accounts", || self.inner.list_admin_accounts())
    }
    fn put_admin_account(&self, a: &AdminAccount) -> StoreResult<()> {
        timed("put_admin_account", || self.inner.put_admin_account(a))
    }
    fn delete_admin_account(&self, kind: &str, name: &str) -> StoreResult<bool> {
        timed("delete_admin_account", || {
            self.inner.delete_admin_account(kind, name)
        })
    }
    fn put_admin_session(&self, s: &AdminSession) -> StoreResult<()> {
        timed("put_admin_session", || self.inner.put_admin_session(s))
    }
    fn get_admin_session(&self, token_sha256: &[u8]) -> StoreResult<Option<AdminSession>> {
        timed("get_admin_session", || {
            self.inner.get_admin_session(token_sha256)
        })
    }
    fn touch_admin_session(&self, token_sha256: &[u8], seen_at: i64) -> StoreResult<()> {
        timed("touch_admin_session", || {
            self.inner.touch_admin_session(token_sha256, seen_at)
        })
    }
    fn delete_admin_sessions(&self, which: SessionSelector<'_>) -> StoreResult<u64> {
        timed("delete_admin_sessions", || {
            self.inner.delete_admin_sessions(which)
        })
    }
    fn admin_login_failed(
        &self,
        name: &str,
        lock_after: i64,
        lock_until: i64,
        now: i64,
    ) -> StoreResult<LoginFailures> {
        timed("admin_login_failed", || {
            self.inner
                .admin_login_failed(name, lock_after, lock_until, now)
        })
    }
    fn admin_login_failures(&self, name: &str) -> StoreResult<LoginFailures> {
        timed("admin_login_failures", || {
            self.inner.admin_login_failures(name)
        })
    }
    fn clear_admin_login_failures(&self, name: &str) -> StoreResult<()> {
        timed("clear_admin_login_failures", || {
            self.inner.clear_admin_login_failures(name)
        })
    }
    fn append_audit(&self, a: &AuditRecord) -> StoreResult<()> {
        timed("append_audit", || self.inner.append_audit(a))
    }
    fn append_audit_batch(&self, records: &[AuditRecord]) -> StoreResult<()> {
        timed("append_audit_batch", || {
            self.inner.append_audit_batch(records)
        })
    }
    fn append_audit_chained(&self, records: &[AuditRecord]) -> StoreResult<Vec<(i64, Vec<u8>)>> {
        timed("append_audit_batch", || {
            self.inner.append_audit_chained(records)
        })
    }
    fn audit_chain(
        &self,
        after_seq: i64,
        limit: usize,
    ) -> StoreResult<Vec<crate::store::ChainedAudit>> {
        timed("audit_chain", || self.inner.audit_chain(after_seq, limit))
    }
    fn count_unchained_audit(&self) -> StoreResult<i64> {
        timed("count_unchained_audit", || {
            self.inner.count_unchained_audit()
        })
    }
    fn unchained_after_chain_start(&self) -> StoreResult<Option<i64>> {
        timed("unchained_after_chain_start", || {
            self.inner.unchained_after_chain_start()
        })
    }
    fn audit_head(&self) -> StoreResult<(i64, Vec<u8>)> {
        timed("audit_head", || self.inner.audit_head())
    }
    fn add_audit_checkpoint(&self, c: &crate::store::AuditCheckpoint) -> StoreResult<()> {
        timed("add_audit_checkpoint", || {
            self.inner.add_audit_checkpoint(c)
        })
    }
    fn list_audit_checkpoints(&self) -> StoreResult<Vec<crate::store::AuditCheckpoint>> {
        timed("list_audit_checkpoints", || {
            self.inner.list_audit_checkpoints()
        })
    }
    fn audit_anchor(&self) -> StoreResult<Option<crate::store::AuditCheckpoint>> {
        timed("audit_anchor", || self.inner.audit_anchor())
    }
    fn prune_audit(
        &self,
        anchor: &crate::store::AuditCheckpoint,
        unchained_before: i64,
    ) -> StoreResult<u64> {
        timed("prune_audit", || {
            self.inner.prune_audit(anchor, unchained_before)
        })
    }
    fn check_writable(&self) -> StoreResult<()> {
        timed("check_writable", || self.inner.check_writable())
    }
    fn list_audit(
        &self,
        tenant_id: Option<&str>,
        uid: Option<&str>,
        limit: usize,
    ) -> StoreResult<Vec<AuditRecord>> {
        timed("list_audit", || {
            self.inner.list_audit(tenant_id, uid, limit)
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// The names of the methods declared in the body of `trait NAME` (or `impl NAME for X`) in
    /// `src`, read from the source text: a method added to the trait must be delegated by the
    /// wrapper too, or the inner value's own version would be bypassed.
    pub(crate) fn methods(src: &str, header: &str) -> Vec<String> {
        let start = src
            .find(header)
            .unwrap_or_else(|| panic!("{header:?} not found"));
        let body = &src[start..];
        let mut depth = 0i32;
        let mut end = body.len();
        for (i, ch) in body.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let mut names: Vec<String> = body[..end]
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("fn "))
            .filter_map(|l| l.split(['(', '<']).next())
            .map(str::to_owned)
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_store_method_is_delegated() {
        let declared = methods(include_str!("../../store/mod.rs"), "pub trait Store:");
        let delegated = methods(include_str!("store.rs"), "impl Store for MeteredStore");
        assert!(declared.len() > 40, "{declared:?}");
        let missing: Vec<_> = declared.iter().filter(|m| !delegated.contains(m)).collect();
        assert!(
            missing.is_empty(),
            "MeteredStore does not delegate {missing:?}"
        );
    }
}
