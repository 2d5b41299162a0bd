-- Background jobs (PII scans, leak analyses): queued work survives a restart and is run again.
CREATE TABLE job (
    id            VARCHAR(36)              PRIMARY KEY,
    kind          VARCHAR(40)              NOT NULL,
    incident_id   VARCHAR(36)              NOT NULL REFERENCES incident (id),
    input         TEXT                     NOT NULL,
    status        VARCHAR(20)              NOT NULL,
    done_units    BIGINT                   NOT NULL,
    total_units   BIGINT                   NOT NULL,
    requested_by  VARCHAR(100)             NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    result        TEXT,
    error         VARCHAR(2000),
    ledger_index  BIGINT                   NOT NULL
);
CREATE INDEX job_by_incident ON job (incident_id, requested_at);
CREATE INDEX job_by_status ON job (status);
