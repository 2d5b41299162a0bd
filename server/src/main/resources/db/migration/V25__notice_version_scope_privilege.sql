-- Whether the scope a notice version was written under rested on FORENSIC evidence (ADR 094): such
-- a version states that scope, so only LEGAL and the incident commander read its text, also after a
-- person sets the scope anew. Versions written before this column: as their incident's scope is now.
ALTER TABLE notice_version ADD COLUMN rests_on_forensic BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE notice_version SET rests_on_forensic = TRUE
    WHERE incident_id IN (SELECT incident_id FROM incident_scope WHERE rests_on_forensic = TRUE);
