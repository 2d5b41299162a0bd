-- Notice drafts are versioned (docs/obligations-api.md): every edit is a new row here, never an
-- update, and its notice.edited entry names the version and the SHA-256 of its text, so every
-- version the ledger names can be read back. notice_draft keeps only whether and as which evidence
-- the notice was sent.
CREATE TABLE notice_version (
    incident_id   VARCHAR(36)              NOT NULL REFERENCES incident (id),
    notice        VARCHAR(40)              NOT NULL,
    version       INTEGER                  NOT NULL,
    body          TEXT                     NOT NULL,
    edited_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_by     VARCHAR(100)             NOT NULL,
    ledger_index  BIGINT                   NOT NULL,
    PRIMARY KEY (incident_id, notice, version)
);

-- The text each notice had until now: its only version the server still holds.
INSERT INTO notice_version (incident_id, notice, version, body, edited_at, edited_by, ledger_index)
    SELECT incident_id, notice, 1, body, edited_at, edited_by, ledger_index FROM notice_draft;

ALTER TABLE notice_draft ALTER COLUMN body DROP NOT NULL;
