-- Keyhaven PostgreSQL schema version 1: tenants, clients, managed objects, audit trail, trust
-- generation. The same tables and meaning as the SQLite schema (migrations/0001_initial.sql);
-- enumerations that are u32 in KMIP are BIGINT here (PostgreSQL has no unsigned integers).

CREATE TABLE tenants (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    state         TEXT    NOT NULL,
    root_provider TEXT    NOT NULL,
    root_key_ref  TEXT    NOT NULL,
    wrapped_twk   BYTEA   NOT NULL,
    twk_version   BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE clients (
    id            TEXT    PRIMARY KEY,
    tenant_id     TEXT    NOT NULL REFERENCES tenants(id),
    name          TEXT    NOT NULL UNIQUE,
    trust_kind    TEXT    NOT NULL,          -- 'pinned' (trust_data = SHA-256 of the cert) | 'ca' (trust_data = CA DER)
    trust_data    BYTEA   NOT NULL,
    cert_der      BYTEA,
    username      TEXT,
    password_hash TEXT,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX clients_tenant ON clients(tenant_id);
-- A KMIP username identifies exactly one client.
CREATE UNIQUE INDEX clients_username ON clients(username) WHERE username IS NOT NULL;

CREATE TABLE objects (
    -- Insertion order, for "oldest first" listings (SQLite uses its rowid).
    seq              BIGINT  GENERATED ALWAYS AS IDENTITY,
    uid              TEXT    PRIMARY KEY,
    tenant_id        TEXT    NOT NULL REFERENCES tenants(id),
    object_type      BIGINT  NOT NULL,
    state            BIGINT  NOT NULL,
    algorithm        BIGINT,
    length           INTEGER,
    wrapped_material BYTEA   NOT NULL,
    attributes       BYTEA   NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    revision         BIGINT  NOT NULL
);
CREATE INDEX objects_tenant_type_state ON objects(tenant_id, object_type, state);
CREATE INDEX objects_tenant_order ON objects(tenant_id, created_at, seq);

CREATE TABLE audit (
    id        BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        BIGINT  NOT NULL,
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
-- whichever node (or admin command) makes it. Every node compares it per connection.
CREATE TABLE trust_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);
INSERT INTO trust_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION keyhaven_bump_trust_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE trust_generation SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER tenants_trust AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tenants
    FOR EACH STATEMENT EXECUTE FUNCTION keyhaven_bump_trust_generation();
CREATE TRIGGER clients_trust AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clients
    FOR EACH STATEMENT EXECUTE FUNCTION keyhaven_bump_trust_generation();
