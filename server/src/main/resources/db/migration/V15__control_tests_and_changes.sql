-- Change control (docs/change-control.md, ADR 076). The audit firm's control test register: each
-- import is AUDIT evidence (the CSV as received) and its rows, in the incident it was imported into.
CREATE TABLE control_test_import (
    id            VARCHAR(36)              PRIMARY KEY,
    incident_id   VARCHAR(36)              NOT NULL REFERENCES incident (id),
    evidence_id   VARCHAR(36)              NOT NULL REFERENCES evidence (id),
    row_count     INTEGER                  NOT NULL,
    imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    imported_by   VARCHAR(100)             NOT NULL,
    ledger_index  BIGINT                   NOT NULL
);

CREATE TABLE control_test (
    import_id     VARCHAR(36)    NOT NULL REFERENCES control_test_import (id),
    line          BIGINT         NOT NULL,
    incident_id   VARCHAR(36)    NOT NULL REFERENCES incident (id),
    control_id    VARCHAR(20)    NOT NULL,
    config_item   VARCHAR(1000)  NOT NULL,
    tested_on     DATE           NOT NULL,
    tester        VARCHAR(1000)  NOT NULL,
    sample        VARCHAR(1000)  NOT NULL,
    PRIMARY KEY (import_id, line)
);
CREATE INDEX control_test_by_incident ON control_test (incident_id);

-- A change request for containment or remediation. Lists (config items, controls, snapshots,
-- business processes) are JSON arrays of strings; the ledger entries hold the same values.
CREATE TABLE change_request (
    id                   VARCHAR(36)              PRIMARY KEY,
    incident_id          VARCHAR(36)              NOT NULL REFERENCES incident (id),
    title                VARCHAR(10000)           NOT NULL,
    system_name          VARCHAR(10000)           NOT NULL,
    description          TEXT                     NOT NULL,
    kind                 VARCHAR(30)              NOT NULL,
    risk                 VARCHAR(10)              NOT NULL,
    config_items         TEXT                     NOT NULL,
    controls             TEXT                     NOT NULL,
    pre_snapshots        TEXT                     NOT NULL,
    rollback_plan        TEXT                     NOT NULL,
    emergency            BOOLEAN                  NOT NULL,
    auditor_access       TEXT,
    business_processes   TEXT                     NOT NULL,
    finding_id           VARCHAR(36),
    status               VARCHAR(20)              NOT NULL,
    requested_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by         VARCHAR(100)             NOT NULL,
    ledger_index         BIGINT                   NOT NULL,
    approved_at          TIMESTAMP WITH TIME ZONE,
    executed_at          TIMESTAMP WITH TIME ZONE,
    executed_by          VARCHAR(100),
    post_snapshots       TEXT,
    execution_notes      TEXT,
    execution_index      BIGINT,
    processes_verified_at TIMESTAMP WITH TIME ZONE,
    processes_verified_by VARCHAR(100)
);
CREATE INDEX change_request_by_incident ON change_request (incident_id, requested_at);

-- Approvals and rejections: one decision per approver role, each by a different person.
CREATE TABLE change_decision (
    change_id     VARCHAR(36)              NOT NULL REFERENCES change_request (id),
    approver_role VARCHAR(30)              NOT NULL,
    person        VARCHAR(100)             NOT NULL,
    approve       BOOLEAN                  NOT NULL,
    comment_text  TEXT                     NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_index  BIGINT                   NOT NULL,
    PRIMARY KEY (change_id, approver_role),
    UNIQUE (change_id, person)
);

-- An auditor's acknowledgement: never an approval (auditor independence).
CREATE TABLE change_acknowledgement (
    change_id     VARCHAR(36)              NOT NULL REFERENCES change_request (id),
    ledger_index  BIGINT                   NOT NULL,
    auditor       VARCHAR(100)             NOT NULL,
    comment_text  TEXT                     NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (change_id, ledger_index)
);

-- The diff of one pre/post snapshot pair of an executed change: differences as JSON
-- [{kind, path, before, after, description}].
CREATE TABLE change_diff (
    change_id     VARCHAR(36)    NOT NULL REFERENCES change_request (id),
    ordinal       INTEGER        NOT NULL,
    pre_evidence  VARCHAR(36)    REFERENCES evidence (id),
    post_evidence VARCHAR(36)    NOT NULL REFERENCES evidence (id),
    format        VARCHAR(30)    NOT NULL,
    differences   TEXT           NOT NULL,
    truncated     BOOLEAN        NOT NULL,
    PRIMARY KEY (change_id, ordinal)
);

-- Whether the finding that motivated a change is closed once the analyzers ran on the post-change
-- snapshots (Salesforce metadata only).
CREATE TABLE change_verification (
    change_id     VARCHAR(36)    PRIMARY KEY REFERENCES change_request (id),
    finding_id    VARCHAR(36)    NOT NULL,
    closed        BOOLEAN        NOT NULL,
    remaining     TEXT           NOT NULL,
    privileged    BOOLEAN        NOT NULL,
    ledger_index  BIGINT         NOT NULL
);
