-- Results of PII scans, stored against the scanned bytes' SHA-256. The findings themselves (masked,
-- one JSON line each, as `tandem scan --format jsonl`) are a blob in the blob store.
CREATE TABLE pii_scan (
    job_id           VARCHAR(36)              PRIMARY KEY REFERENCES job (id),
    evidence_id      VARCHAR(36)              NOT NULL REFERENCES evidence (id),
    incident_id      VARCHAR(36)              NOT NULL REFERENCES incident (id),
    sha256           VARCHAR(64)              NOT NULL,
    files            BIGINT                   NOT NULL,
    bytes_scanned    BIGINT                   NOT NULL,
    findings         BIGINT                   NOT NULL,
    people           BIGINT                   NOT NULL,
    subjects         VARCHAR(4000)            NOT NULL,
    summary          TEXT                     NOT NULL,
    findings_sha256  VARCHAR(64)              NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_index     BIGINT                   NOT NULL
);
CREATE INDEX pii_scan_by_sha256 ON pii_scan (sha256, finished_at);
CREATE INDEX pii_scan_by_incident ON pii_scan (incident_id, finished_at);
