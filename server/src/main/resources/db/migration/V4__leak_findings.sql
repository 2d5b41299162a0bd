-- Leak analyses (docs/analysis-api.md). Each LEAK_ANALYSIS job that completes leaves one
-- leak_analysis row and its findings, written in the same transaction as their ledger entries;
-- a re-run of the same evidence is a new job with rows of its own, never an overwrite.
CREATE TABLE leak_analysis (
    job_id               VARCHAR(36)              PRIMARY KEY REFERENCES job (id),
    incident_id          VARCHAR(36)              NOT NULL REFERENCES incident (id),
    completed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    findings             INTEGER                  NOT NULL,
    privileged_findings  INTEGER                  NOT NULL,
    problems             INTEGER                  NOT NULL,
    events               BIGINT                   NOT NULL,
    bytes_read           BIGINT                   NOT NULL,
    ledger_index         BIGINT                   NOT NULL
);
-- "the latest completed analysis of an incident": ledger order, not clock order
CREATE INDEX leak_analysis_by_incident ON leak_analysis (incident_id, ledger_index);

-- One finding of one analysis. evidence_lines is JSON [{file, line, evidence, sha256}]: every line
-- names the evidence item and the SHA-256 of the bytes it was read from; containment is JSON
-- [{action, target{kind,id}, configItem, description}], the proposals for draft change requests.
CREATE TABLE leak_finding (
    id              VARCHAR(36)    PRIMARY KEY,
    analysis_id     VARCHAR(36)    NOT NULL REFERENCES job (id),
    incident_id     VARCHAR(36)    NOT NULL REFERENCES incident (id),
    ordinal         INTEGER        NOT NULL,
    pattern         VARCHAR(60)    NOT NULL,
    severity        VARCHAR(20)    NOT NULL,
    title           TEXT           NOT NULL,
    subject_kind    VARCHAR(30)    NOT NULL,
    subject_id      VARCHAR(1000)  NOT NULL,
    records         BIGINT,
    controls        VARCHAR(400)   NOT NULL,
    iso27001        VARCHAR(400)   NOT NULL,
    rationale       TEXT           NOT NULL,
    evidence_lines  TEXT           NOT NULL,
    containment     TEXT           NOT NULL,
    privileged      BOOLEAN        NOT NULL,
    ledger_index    BIGINT         NOT NULL
);
CREATE INDEX leak_finding_by_analysis ON leak_finding (analysis_id, ordinal);

-- The evidence items a finding rests on, with the SHA-256 of their content as analyzed.
CREATE TABLE leak_finding_evidence (
    finding_id   VARCHAR(36)  NOT NULL REFERENCES leak_finding (id),
    evidence_id  VARCHAR(36)  NOT NULL REFERENCES evidence (id),
    sha256       VARCHAR(64)  NOT NULL,
    PRIMARY KEY (finding_id, evidence_id)
);
CREATE INDEX leak_finding_by_evidence ON leak_finding_evidence (evidence_id);
