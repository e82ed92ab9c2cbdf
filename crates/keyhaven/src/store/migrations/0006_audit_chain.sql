-- Tamper-evident audit (store/audit_chain.rs): each record's position in the chain, the hash of
-- the record before it and its own hash. Rows from before this migration keep seq NULL: the chain
-- starts after them, at seq 1 over the genesis hash (32 zero bytes), and `audit verify` counts
-- them as unchained. No unique index on seq on purpose: a duplicated position is tampering that
-- `audit verify` must be able to see and name.
ALTER TABLE audit ADD COLUMN seq INTEGER;
ALTER TABLE audit ADD COLUMN prev_hash BLOB;
ALTER TABLE audit ADD COLUMN hash BLOB;
CREATE INDEX audit_seq ON audit(seq);

-- The end of the chain, read and moved in the transaction that appends.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, zeroblob(32));

-- Signed checkpoints: the server's audit signing key signs (seq, hash, at) now and then.
CREATE TABLE audit_checkpoints (
    seq       INTEGER PRIMARY KEY NOT NULL,
    hash      BLOB    NOT NULL,
    at        INTEGER NOT NULL,
    key_id    TEXT    NOT NULL,
    signature BLOB    NOT NULL
);

-- After `audit prune`: the signed (seq, hash) of the last record removed; the chain resumes there.
CREATE TABLE audit_anchor (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seq       INTEGER NOT NULL,
    hash      BLOB    NOT NULL,
    at        INTEGER NOT NULL,
    key_id    TEXT    NOT NULL,
    signature BLOB    NOT NULL
);
