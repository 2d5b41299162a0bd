-- The SOC 2 Type II observation period of an incident's audit (docs/change-control.md "Observation
-- period"): its first and last day, set by the audit liaison or an administrator (audit.period-set).
-- One row an incident, the period in force; each setting is a ledger entry, which the reports read.
CREATE TABLE observation_period (
    incident_id   VARCHAR(36)              PRIMARY KEY REFERENCES incident (id),
    start_day     DATE                     NOT NULL,
    end_day       DATE                     NOT NULL,
    set_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by        VARCHAR(100)             NOT NULL,
    ledger_index  BIGINT                   NOT NULL
);
