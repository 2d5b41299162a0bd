-- Facts about the incident that move legal clocks (docs/contracts.md §4, ADR 089): when the company
-- determined that a breach occurred (Colorado, Florida, ... run from it) and whether an outsider's
-- unauthorized access caused it (APPI, PIPA: reportable at any size). One row per incident, written
-- with its incident.facts-set ledger entry.
CREATE TABLE incident_regulatory_facts (
    incident_id         VARCHAR(36)              PRIMARY KEY REFERENCES incident (id),
    determined_at       TIMESTAMP WITH TIME ZONE,
    unauthorized_access BOOLEAN                  NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by          VARCHAR(100)             NOT NULL,
    ledger_index        BIGINT                   NOT NULL
);
