-- Keyhaven schema version 9: what every node of a cluster must know of a client's KMIP session:
-- Login tickets (kind 'ticket', id the SHA-256 of the ticket, never the ticket) and asynchronous
-- requests waiting for Poll (kind 'async', id the Asynchronous Correlation Value, the request
-- sealed under the tenant's keys). Additive: nodes of the previous release ignore the table.

CREATE TABLE session_records (
    kind       TEXT    NOT NULL,
    id         BYTEA   NOT NULL,
    tenant_id  TEXT    NOT NULL REFERENCES tenants(id),
    client_id  TEXT    NOT NULL,
    value      BYTEA   NOT NULL,
    uses_left  BIGINT,
    expires    BIGINT  NOT NULL,
    created_us BIGINT  NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE INDEX session_records_client ON session_records (kind, tenant_id, client_id);
