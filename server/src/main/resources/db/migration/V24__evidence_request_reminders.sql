-- Webhook reminders before an evidence request's due date (docs/contracts.md §5.1): one row per
-- lead time sent or covered, so a restart does not send it again; the ledger entry
-- evidence-request.reminded is the record, this table what the reminder job looks up.
CREATE TABLE evidence_request_reminder (
    request_id     VARCHAR(36)              NOT NULL REFERENCES evidence_request (id),
    lead_time      VARCHAR(40)              NOT NULL,  -- ISO 8601 duration, e.g. PT24H
    due            TIMESTAMP WITH TIME ZONE NOT NULL,  -- the end of the due date in the incident's time zone
    sent_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_index   BIGINT                   NOT NULL,
    PRIMARY KEY (request_id, lead_time, due)
);
