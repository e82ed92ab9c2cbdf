-- Keyhaven schema version 3: the Key Protect mirror (docs/rootkeys.md). A tenant with a row in
-- tenant_mirrors has every key also stored, in its wrapped form, in a Key Protect instance; each
-- key's mirror is tracked in key_mirrors (pending, mirrored, failed with the last error, deleted).

CREATE TABLE tenant_mirrors (
    tenant_id TEXT PRIMARY KEY NOT NULL REFERENCES tenants(id),
    provider  TEXT NOT NULL
);

CREATE TABLE key_mirrors (
    uid        TEXT    PRIMARY KEY NOT NULL,
    tenant_id  TEXT    NOT NULL REFERENCES tenants(id),
    provider   TEXT    NOT NULL,
    remote_id  TEXT,
    state      TEXT    NOT NULL,          -- 'mirrored' | 'failed' | 'deleted'
    attempts   INTEGER NOT NULL,
    last_error TEXT,
    updated_at INTEGER NOT NULL
);
CREATE INDEX key_mirrors_tenant ON key_mirrors(tenant_id);
