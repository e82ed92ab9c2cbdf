-- Keyhaven schema version 8: settings that a tenant's clients set through KMIP (Set Defaults, Set
-- Constraints) and per-tenant facts every node of a cluster must share, each an opaque value by
-- name. Additive: nodes of the previous release ignore the table.

CREATE TABLE tenant_settings (
    tenant_id  TEXT    NOT NULL REFERENCES tenants(id),
    name       TEXT    NOT NULL,
    value      BLOB    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
