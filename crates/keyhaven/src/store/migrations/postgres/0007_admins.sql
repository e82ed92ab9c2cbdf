-- Keyhaven PostgreSQL schema version 7: administrators, their sessions and login lockouts (the
-- same tables as migrations/0007_admins.sql for SQLite).

CREATE TABLE admin_accounts (
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    tenant     TEXT,
    secret     TEXT    NOT NULL,
    not_after  BIGINT,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (kind, name)
);

CREATE TABLE admin_sessions (
    token_sha256 BYTEA   PRIMARY KEY,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    tenant       TEXT,
    csrf         TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    seen_at      BIGINT  NOT NULL
);
CREATE INDEX admin_sessions_name ON admin_sessions(name);

CREATE TABLE admin_login_failures (
    name         TEXT    PRIMARY KEY,
    failures     BIGINT  NOT NULL,
    locked_until BIGINT
);
