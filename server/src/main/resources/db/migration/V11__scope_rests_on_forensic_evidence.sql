-- ADR 062: a scope derived from FORENSIC evidence (a PII scan) is privileged in the ledger, and so
-- is every recomputation of obligations from it, until a person sets the scope anew.
ALTER TABLE incident_scope ADD COLUMN rests_on_forensic BOOLEAN DEFAULT FALSE NOT NULL;
