-- What an ANSWERED step of an evidence request links besides AUDIT items (docs/contracts.md §5.1,
-- ADR 111): change-control records of the incident (kind CHANGE, target the change's id) and public
-- ledger entries of the incident (kind ENTRY, target the entry's index), each in the order given.
-- The current answer is the last ANSWERED step's, until the request is reopened. The ledger's
-- evidence-request.answered entry is the record; these rows are what the portal reads.
CREATE TABLE evidence_request_step_link (
    request_id     VARCHAR(36)    NOT NULL,
    step_ordinal   INTEGER        NOT NULL,
    kind           VARCHAR(10)    NOT NULL,
    ordinal        INTEGER        NOT NULL,
    change_id      VARCHAR(36)    REFERENCES change_request (id),
    entry_index    BIGINT,
    PRIMARY KEY (request_id, step_ordinal, kind, ordinal),
    FOREIGN KEY (request_id, step_ordinal) REFERENCES evidence_request_step (request_id, ordinal),
    CHECK ((kind = 'CHANGE' AND change_id IS NOT NULL AND entry_index IS NULL)
        OR (kind = 'ENTRY' AND entry_index IS NOT NULL AND change_id IS NULL))
);
