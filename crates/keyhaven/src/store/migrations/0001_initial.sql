-- Keyhaven schema version 1: tenants, clients, managed objects, audit trail, trust generation.

CREATE TABLE tenants (
    id            TEXT    PRIMARY KEY NOT NULL,
    name          TEXT    NOT NULL UNIQUE,
    state         TEXT    NOT NULL,
    root_provider TEXT    NOT NULL,
    root_key_ref  TEXT    NOT NULL,
    wrapped_twk   BLOB    NOT NULL,
    twk_version   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE clients (
    id            TEXT    PRIMARY KEY NOT NULL,
    tenant_id     TEXT    NOT NULL REFERENCES tenants(id),
    name          TEXT    NOT NULL UNIQUE,
    trust_kind    TEXT    NOT NULL,          -- 'pinned' (trust_data = SHA-256 of the cert) | 'ca' (trust_data = CA DER)
    trust_data    BLOB    NOT NULL,
    cert_der      BLOB,
    username      TEXT,
    password_hash TEXT,
    created_at    INTEGER NOT NULL
);
CREATE INDEX clients_tenant ON clients(tenant_id);
-- A KMIP username identifies exactly one client.
CREATE UNIQUE INDEX clients_username ON clients(username) WHERE username IS NOT NULL;

CREATE TABLE objects (
    uid              TEXT    PRIMARY KEY NOT NULL,
    tenant_id        TEXT    NOT NULL REFERENCES tenants(id),
    object_type      INTEGER NOT NULL,
    state            INTEGER NOT NULL,
    algorithm        INTEGER,
    length           INTEGER,
    wrapped_material BLOB    NOT NULL,
    attributes       BLOB    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    revision         INTEGER NOT NULL
);
CREATE INDEX objects_tenant_type_state ON objects(tenant_id, object_type, state);

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    tenant_id TEXT,
    actor     TEXT    NOT NULL,
    operation TEXT    NOT NULL,
    uid       TEXT,
    outcome   TEXT    NOT NULL,
    peer      TEXT
);
CREATE INDEX audit_tenant ON audit(tenant_id, id);
CREATE INDEX audit_uid ON audit(uid, id);

-- One row; bumped by the triggers below in the same transaction as every tenant or client change,
-- whichever process makes it.
CREATE TABLE trust_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO trust_generation (id, generation) VALUES (1, 0);

CREATE TRIGGER tenants_trust_ins AFTER INSERT ON tenants
BEGIN UPDATE trust_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tenants_trust_upd AFTER UPDATE ON tenants
BEGIN UPDATE trust_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER tenants_trust_del AFTER DELETE ON tenants
BEGIN UPDATE trust_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER clients_trust_ins AFTER INSERT ON clients
BEGIN UPDATE trust_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER clients_trust_upd AFTER UPDATE ON clients
BEGIN UPDATE trust_generation SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER clients_trust_del AFTER DELETE ON clients
BEGIN UPDATE trust_generation SET generation = generation + 1 WHERE id = 1; END;
