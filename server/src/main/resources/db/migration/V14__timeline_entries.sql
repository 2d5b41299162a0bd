-- Entries people add to an incident's timeline (docs/timeline.md, ADR 066): one row per
-- timeline.entry ledger entry, so that the timeline is filtered and sorted by kind and by the
-- claimed times without parsing every leaf. The text stays in the ledger (in the clear, or behind
-- its commitment for a privileged entry): this row holds what the filters need.
CREATE TABLE timeline_entry (
    ledger_index     BIGINT                   PRIMARY KEY,
    incident_id      VARCHAR(36)              NOT NULL REFERENCES incident (id),
    kind             VARCHAR(20)              NOT NULL,
    actor            VARCHAR(100)             NOT NULL,
    event_at         TIMESTAMP WITH TIME ZONE,
    event_precision  VARCHAR(10),
    discovered_at    TIMESTAMP WITH TIME ZONE,
    corrects         BIGINT,
    privileged       BOOLEAN                  NOT NULL
);

CREATE INDEX timeline_entry_incident ON timeline_entry (incident_id, ledger_index);
CREATE INDEX timeline_entry_corrects ON timeline_entry (corrects);

-- The incident's lifecycle (NIST SP 800-61 Rev. 3): its phase, when it occurred (once known, at a
-- precision), when it was contained and when it was closed. Each change is a ledger entry.
ALTER TABLE incident ADD COLUMN phase VARCHAR(16) DEFAULT 'DETECT' NOT NULL;
ALTER TABLE incident ADD COLUMN occurred_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN occurred_precision VARCHAR(10);
ALTER TABLE incident ADD COLUMN contained_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
