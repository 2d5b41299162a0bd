-- Jobs of no incident (the vault check, docs/operations.md): an installation-wide job has no incident_id.
ALTER TABLE job ALTER COLUMN incident_id DROP NOT NULL;
