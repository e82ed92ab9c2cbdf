-- Keyhaven schema version 4: nodes that joined a cluster, and the local provider's root keys
-- shared between them, each sealed (AES-256-GCM) under the cluster key that only the nodes hold.
-- Additive: nodes of the previous release ignore both tables.

CREATE TABLE cluster_root_keys (
    key_ref    TEXT    PRIMARY KEY,
    sealed     BYTEA   NOT NULL,
    created_at BIGINT  NOT NULL
);

CREATE TABLE cluster_nodes (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    address    TEXT    NOT NULL,
    joined_at  BIGINT  NOT NULL,
    last_seen  BIGINT  NOT NULL
);
