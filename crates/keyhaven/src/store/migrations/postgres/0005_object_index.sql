-- Keyhaven PostgreSQL schema: indexed search of managed objects (Locate, key listings).
-- Same tables and meaning as the SQLite schema (migrations/0005_object_index.sql); rows of
-- objects that existed before this version are listed in object_terms_pending and indexed by the
-- store right after the migration, under the migration lock.

CREATE TABLE object_terms (
    attr  TEXT NOT NULL,
    value TEXT NOT NULL,
    uid   TEXT NOT NULL,
    PRIMARY KEY (attr, value, uid)
);
-- An update replaces an object's terms by uid.
CREATE INDEX object_terms_uid ON object_terms(uid);

CREATE TABLE object_dates (
    attr TEXT   NOT NULL,
    at   BIGINT NOT NULL,
    uid  TEXT   NOT NULL,
    PRIMARY KEY (attr, at, uid)
);
CREATE INDEX object_dates_uid ON object_dates(uid);

-- A tenant's objects in insertion order, for listings a page at a time.
CREATE INDEX objects_tenant_seq ON objects(tenant_id, seq);

CREATE TABLE object_terms_pending (uid TEXT PRIMARY KEY);
INSERT INTO object_terms_pending (uid) SELECT uid FROM objects;
