-- Keyhaven schema version 7: the administrators of the admin API and console, their browser
-- sessions and login lockouts, kept in the store so that every node of a cluster knows the same
-- administrators and a session opened on one node is valid on every other. Until this version
-- they were in each node's DATA/admins.json (imported into these tables when first seen).

CREATE TABLE admin_accounts (
    kind       TEXT    NOT NULL,          -- 'user' (password) | 'cert' (admin client certificate)
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL,          -- 'viewer' | 'operator' | 'admin'
    tenant     TEXT,                      -- limited to this tenant (name), or every tenant
    secret     TEXT    NOT NULL,          -- argon2id PHC string (user) | certificate SHA-256, hex (cert)
    not_after  INTEGER,                   -- certificate expiry (cert)
    created_at INTEGER NOT NULL,
    PRIMARY KEY (kind, name)
);

CREATE TABLE admin_sessions (
    token_sha256 BLOB    PRIMARY KEY NOT NULL,   -- SHA-256 of the cookie's token (never the token)
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    tenant       TEXT,
    csrf         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    seen_at      INTEGER NOT NULL
);
CREATE INDEX admin_sessions_name ON admin_sessions(name);

CREATE TABLE admin_login_failures (
    name         TEXT    PRIMARY KEY NOT NULL,
    failures     INTEGER NOT NULL,
    locked_until INTEGER
);
