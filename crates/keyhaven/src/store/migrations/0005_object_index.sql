-- Keyhaven schema: indexed search of managed objects (Locate, key listings).
-- The store fills object_terms and object_dates from each object's attributes when it writes the
-- object (store/query.rs says which attributes); rows of objects that existed before this version
-- are listed in object_terms_pending and indexed by the store when it opens the database.

-- Text terms: a Name's Name Value, and any attribute whose value is a Text String (x-Name...).
CREATE TABLE object_terms (
    attr  TEXT NOT NULL,          -- the attribute's 1.x spelling: 'Name', 'x-Name', 'Object Group'
    value TEXT NOT NULL,
    uid   TEXT NOT NULL,
    PRIMARY KEY (attr, value, uid)
) WITHOUT ROWID;

-- Date terms (Activation Date, Deactivation Date, ...; seconds since the epoch).
CREATE TABLE object_dates (
    attr TEXT    NOT NULL,
    at   INTEGER NOT NULL,
    uid  TEXT    NOT NULL,
    PRIMARY KEY (attr, at, uid)
) WITHOUT ROWID;

-- A tenant's objects in insertion order (an index's entries are ordered by rowid after its
-- columns), so a page of a listing is a range of this index.
CREATE INDEX objects_tenant ON objects(tenant_id);

CREATE TABLE object_terms_pending (uid TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
INSERT INTO object_terms_pending (uid) SELECT uid FROM objects;
