-- Keyhaven PostgreSQL schema version 2: customer root key rotations, one at most per tenant, kept
-- until the old root key is retired so that an interrupted rotation resumes where it stopped
-- (the same table as migrations/0002_root_rotation.sql for SQLite).

CREATE TABLE root_rotations (
    tenant_id  TEXT    PRIMARY KEY REFERENCES tenants(id),
    old_ref    TEXT    NOT NULL,
    new_ref    TEXT    NOT NULL,
    phase      TEXT    NOT NULL,          -- 'rewrapping' | 'retiring'
    started_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
