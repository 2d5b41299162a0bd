-- The auditor's portal (docs/contracts.md §5.1, ADR 088). An evidence request an auditor (or the
-- audit liaison) filed on an incident, where it stands, and its latest answer, refusal or review;
-- every step is also a ledger entry (evidence-request.*), which keeps the history.
CREATE TABLE evidence_request (
    id             VARCHAR(36)              PRIMARY KEY,
    incident_id    VARCHAR(36)              NOT NULL REFERENCES incident (id),
    request_text   TEXT                     NOT NULL,
    due_on         DATE,
    -- control ids of the catalog (module controls), comma-separated: ids hold no comma
    controls       VARCHAR(1000)            NOT NULL,
    status         VARCHAR(20)              NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by   VARCHAR(100)             NOT NULL,
    ledger_index   BIGINT                   NOT NULL,
    -- the latest step after filing: ANSWERED, DECLINED, ACCEPTED or REOPENED, with its text
    last_step      VARCHAR(20),
    last_text      TEXT,
    last_at        TIMESTAMP WITH TIME ZONE,
    last_by        VARCHAR(100),
    last_index     BIGINT
);
CREATE INDEX evidence_request_by_incident ON evidence_request (incident_id, requested_at);

-- The AUDIT items the current answer links (replaced by a new answer after a reopening).
CREATE TABLE evidence_request_item (
    request_id     VARCHAR(36)    NOT NULL REFERENCES evidence_request (id),
    ordinal        INTEGER        NOT NULL,
    evidence_id    VARCHAR(36)    NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (request_id, ordinal)
);

-- The checkpoint each auditor last verified offline, per incident: the signed note as pasted.
CREATE TABLE verified_checkpoint (
    incident_id    VARCHAR(36)              NOT NULL REFERENCES incident (id),
    username       VARCHAR(100)             NOT NULL,
    tree_size      BIGINT                   NOT NULL,
    root_hash      VARCHAR(64)              NOT NULL,
    note           TEXT                     NOT NULL,
    verified_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_index   BIGINT                   NOT NULL,
    PRIMARY KEY (incident_id, username)
);
