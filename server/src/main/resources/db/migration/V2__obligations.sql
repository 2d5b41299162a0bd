-- The regulatory clock (issue 5): an incident's scope, the judgements people made, the obligations the
-- engine computed from them, the reminders sent and the notice drafts. Portable types only (H2 in
-- PostgreSQL mode and PostgreSQL). Every row change is written with its ledger entry; nothing is deleted.

-- Who was affected and which data: the engine's input (one row per incident, replaced on update).
CREATE TABLE incident_scope (
    incident_id    VARCHAR(36)              PRIMARY KEY REFERENCES incident (id),
    subjects       TEXT                     NOT NULL,  -- canonical CODE=COUNT,... as the CLI's --subjects
    categories     VARCHAR(400)             NOT NULL,  -- comma-separated DataCategory names, sorted
    encrypted      BOOLEAN                  NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by     VARCHAR(100)             NOT NULL,
    ledger_index   BIGINT                   NOT NULL,
    -- the last computation: rule-book version and the engine's warnings (JSON array of strings)
    computed_at    TIMESTAMP WITH TIME ZONE,
    rules_version  VARCHAR(40),
    warnings       TEXT
);

-- Decisions on questions the law leaves to people (ADR 042); the latest per question counts.
CREATE TABLE judgement (
    id            VARCHAR(36)              PRIMARY KEY,
    incident_id   VARCHAR(36)              NOT NULL REFERENCES incident (id),
    question      VARCHAR(40)              NOT NULL,
    answer        VARCHAR(3)               NOT NULL,
    reason        VARCHAR(4000)            NOT NULL,
    decided_by    VARCHAR(100)             NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_index  BIGINT                   NOT NULL
);
CREATE INDEX judgement_by_incident ON judgement (incident_id, ledger_index);

-- One row per (incident, rule id, jurisdiction, recipient): recomputation updates the computed
-- columns and keeps owner and status. placement: OWED (in the engine's obligations), SET_ASIDE (in
-- its notRequired list) or SUPERSEDED (no longer yielded).
CREATE TABLE obligation (
    id                 VARCHAR(36)              PRIMARY KEY,
    incident_id        VARCHAR(36)              NOT NULL REFERENCES incident (id),
    rule_id            VARCHAR(100)             NOT NULL,
    jurisdiction       VARCHAR(20)              NOT NULL,
    recipient          VARCHAR(40)              NOT NULL,
    regime             VARCHAR(200)             NOT NULL,
    due                TIMESTAMP WITH TIME ZONE,
    due_text           TEXT                     NOT NULL,
    citation           VARCHAR(400)             NOT NULL,
    confidence         VARCHAR(20)              NOT NULL,
    requirement        VARCHAR(20)              NOT NULL,
    detail             TEXT                     NOT NULL,  -- question, basis, clock, rule content (JSON)
    placement          VARCHAR(20)              NOT NULL,
    position           INTEGER                  NOT NULL,
    status             VARCHAR(20)              NOT NULL,
    owner              VARCHAR(100)             REFERENCES app_user (username),
    filing_evidence    VARCHAR(36)              REFERENCES evidence (id),
    justification      VARCHAR(4000),
    status_changed_at  TIMESTAMP WITH TIME ZONE,
    status_changed_by  VARCHAR(100),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    computed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT obligation_key UNIQUE (incident_id, rule_id, jurisdiction, recipient)
);
CREATE INDEX obligation_pending ON obligation (placement, status, due);

-- Each reminder sent, so a restart does not send it again; one per obligation, lead time and due instant.
CREATE TABLE obligation_reminder (
    obligation_id  VARCHAR(36)              NOT NULL REFERENCES obligation (id),
    lead_time      VARCHAR(40)              NOT NULL,  -- ISO 8601 duration, e.g. PT24H
    due            TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_index   BIGINT                   NOT NULL,
    PRIMARY KEY (obligation_id, lead_time, due)
);

-- The edited text of a notice (Markdown) and, once sent, the evidence item holding the final text.
CREATE TABLE notice_draft (
    incident_id    VARCHAR(36)              NOT NULL REFERENCES incident (id),
    notice         VARCHAR(40)              NOT NULL,
    body           TEXT                     NOT NULL,
    edited_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_by      VARCHAR(100)             NOT NULL,
    ledger_index   BIGINT                   NOT NULL,
    sent_evidence  VARCHAR(36)              REFERENCES evidence (id),
    PRIMARY KEY (incident_id, notice)
);
