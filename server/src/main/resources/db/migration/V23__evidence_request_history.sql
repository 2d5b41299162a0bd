-- Every step of an evidence request after its filing, oldest first (docs/contracts.md §5.1): an
-- answer keeps the AUDIT items it linked after the auditor reopens the request, so the auditor can
-- still see what was handed over. The ledger's evidence-request.* entries are the record; these
-- rows are what the portal reads.
CREATE TABLE evidence_request_step (
    request_id     VARCHAR(36)              NOT NULL REFERENCES evidence_request (id),
    ordinal        INTEGER                  NOT NULL,
    -- ANSWERED, DECLINED, ACCEPTED or REOPENED, with its note, reason or comment
    step           VARCHAR(20)              NOT NULL,
    step_text      TEXT                     NOT NULL,
    stepped_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    stepped_by     VARCHAR(100)             NOT NULL,
    ledger_index   BIGINT                   NOT NULL,
    PRIMARY KEY (request_id, ordinal)
);

-- The AUDIT items an ANSWERED step linked.
CREATE TABLE evidence_request_step_item (
    request_id     VARCHAR(36)    NOT NULL,
    step_ordinal   INTEGER        NOT NULL,
    ordinal        INTEGER        NOT NULL,
    evidence_id    VARCHAR(36)    NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (request_id, step_ordinal, ordinal),
    FOREIGN KEY (request_id, step_ordinal) REFERENCES evidence_request_step (request_id, ordinal)
);

-- Requests stepped before this table existed: their latest step, with the items of the current
-- answer (the earlier steps are in the ledger only).
INSERT INTO evidence_request_step (request_id, ordinal, step, step_text, stepped_at, stepped_by, ledger_index)
    SELECT id, 0, last_step, last_text, last_at, last_by, last_index
    FROM evidence_request WHERE last_step IS NOT NULL;
INSERT INTO evidence_request_step_item (request_id, step_ordinal, ordinal, evidence_id)
    SELECT i.request_id, 0, i.ordinal, i.evidence_id
    FROM evidence_request_item i JOIN evidence_request r ON r.id = i.request_id
    WHERE r.last_step = 'ANSWERED';
