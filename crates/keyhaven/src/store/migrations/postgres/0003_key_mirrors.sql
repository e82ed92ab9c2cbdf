-- Keyhaven PostgreSQL schema version 3: the Key Protect mirror (the same tables as
-- migrations/0003_key_mirrors.sql for SQLite).

CREATE TABLE tenant_mirrors (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
    provider  TEXT NOT NULL
);

CREATE TABLE key_mirrors (
    uid        TEXT    PRIMARY KEY,
    tenant_id  TEXT    NOT NULL REFERENCES tenants(id),
    provider   TEXT    NOT NULL,
    remote_id  TEXT,
    state      TEXT    NOT NULL,          -- 'mirrored' | 'failed' | 'deleted'
    attempts   BIGINT  NOT NULL,
    last_error TEXT,
    updated_at BIGINT  NOT NULL
);
CREATE INDEX key_mirrors_tenant ON key_mirrors(tenant_id);
