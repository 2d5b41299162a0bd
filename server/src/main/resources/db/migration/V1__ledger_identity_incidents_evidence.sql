-- One migration set for H2 (PostgreSQL mode) and PostgreSQL: portable types only.

-- This installation: its id names the log's origin; the verifier key pins the signing key, so a
-- second server process with another key refuses to start instead of forking the checkpoints.
CREATE TABLE installation (
    id            VARCHAR(64)              PRIMARY KEY,
    origin        VARCHAR(200)             NOT NULL,
    verifier_key  VARCHAR(400)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The head of the log. Appenders lock this single row (SELECT ... FOR UPDATE): one sequencer at a
-- time across every server process sharing the database.
CREATE TABLE ledger_head (
    id          INTEGER  PRIMARY KEY,
    tree_size   BIGINT   NOT NULL,
    root_hash   BYTEA    NOT NULL,
    checkpoint  TEXT     NOT NULL
);

-- The entries: leaf bytes (RFC 8785 JSON) are authoritative; the other columns index them.
CREATE TABLE ledger_entry (
    idx          BIGINT                   PRIMARY KEY,
    entry_type   VARCHAR(100)             NOT NULL,
    incident_id  VARCHAR(64),
    actor        VARCHAR(200)             NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    leaf         BYTEA                    NOT NULL,
    leaf_hash    BYTEA                    NOT NULL
);
CREATE INDEX ledger_entry_by_incident ON ledger_entry (incident_id, idx);

-- Hashes of perfect subtrees (RFC 9162 §2.1): level 0 holds the leaf hashes. Proofs read O(log n) rows.
CREATE TABLE ledger_node (
    lvl   INTEGER  NOT NULL,
    idx   BIGINT   NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (lvl, idx)
);

-- The opening of each privileged entry's commitment: salt and full body. Never exported to auditors.
CREATE TABLE ledger_privileged (
    idx   BIGINT  PRIMARY KEY REFERENCES ledger_entry (idx),
    salt  BYTEA   NOT NULL,
    body  TEXT    NOT NULL
);

CREATE TABLE app_user (
    username       VARCHAR(100)             PRIMARY KEY,
    display_name   VARCHAR(200)             NOT NULL,
    password_hash  VARCHAR(200),
    is_admin       BOOLEAN                  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- API tokens are stored as the SHA-256 of the token: a database leak does not leak tokens.
CREATE TABLE api_token (
    token_hash  VARCHAR(64)              PRIMARY KEY,
    username    VARCHAR(100)             NOT NULL REFERENCES app_user (username),
    label       VARCHAR(200)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE incident (
    id            VARCHAR(36)              PRIMARY KEY,
    title         VARCHAR(300)             NOT NULL,
    severity      VARCHAR(20)              NOT NULL,
    aware_at      TIMESTAMP WITH TIME ZONE,
    time_zone     VARCHAR(64)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(100)             NOT NULL,
    ledger_index  BIGINT                   NOT NULL
);

CREATE TABLE evidence (
    id            VARCHAR(36)              PRIMARY KEY,
    incident_id   VARCHAR(36)              NOT NULL REFERENCES incident (id),
    repository    VARCHAR(20)              NOT NULL,
    kind          VARCHAR(40)              NOT NULL,
    name          VARCHAR(500)             NOT NULL,
    source        VARCHAR(500),
    description   VARCHAR(4000),
    sha256        VARCHAR(64)              NOT NULL,
    size_bytes    BIGINT                   NOT NULL,
    collected_at  TIMESTAMP WITH TIME ZONE,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    uploaded_by   VARCHAR(100)             NOT NULL,
    ledger_index  BIGINT                   NOT NULL
);
CREATE INDEX evidence_by_incident ON evidence (incident_id, received_at);
CREATE INDEX evidence_by_sha256 ON evidence (sha256);
