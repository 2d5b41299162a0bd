-- An AUDIT item counsel pulled back to FORENSIC (docs/contracts.md, "Pulling an item back"): its
-- repository is FORENSIC from then on, and this is the index of the evidence.pulled-back entry that
-- records the move. The evidence.added entry, which recorded it as AUDIT, is never changed.
ALTER TABLE evidence ADD COLUMN pulled_back_index BIGINT;
