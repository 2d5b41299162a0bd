-- Roles per incident (ARCHITECTURE.md, "Security model"): who is a member of which incident, in
-- which role. One role per person per incident; the ledger keeps every change (member.added,
-- member.changed, member.removed), this table only what holds now.
CREATE TABLE incident_member (
    incident_id   VARCHAR(36)              NOT NULL REFERENCES incident (id),
    username      VARCHAR(100)             NOT NULL,
    role          VARCHAR(30)              NOT NULL,
    added_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    added_by      VARCHAR(100)             NOT NULL,
    ledger_index  BIGINT                   NOT NULL,
    PRIMARY KEY (incident_id, username)
);
CREATE INDEX incident_member_by_user ON incident_member (username);

-- Incidents opened before roles existed: their creator becomes their incident commander.
INSERT INTO incident_member (incident_id, username, role, added_at, added_by, ledger_index)
    SELECT i.id, i.created_by, 'INCIDENT_COMMANDER', i.created_at, i.created_by, i.ledger_index
    FROM incident i;

-- LEGAL's grants to responders: one FORENSIC item, or every FORENSIC item of the incident
-- (evidence_id NULL). Revoked grants stay, with when and by whom (grant.revoked in the ledger).
CREATE TABLE forensic_grant (
    id                   VARCHAR(36)              PRIMARY KEY,
    incident_id          VARCHAR(36)              NOT NULL REFERENCES incident (id),
    username             VARCHAR(100)             NOT NULL REFERENCES app_user (username),
    evidence_id          VARCHAR(36)              REFERENCES evidence (id),
    granted_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    granted_by           VARCHAR(100)             NOT NULL,
    ledger_index         BIGINT                   NOT NULL,
    revoked_at           TIMESTAMP WITH TIME ZONE,
    revoked_by           VARCHAR(100),
    revoke_ledger_index  BIGINT
);
CREATE INDEX forensic_grant_by_member ON forensic_grant (incident_id, username);
