-- A scope a PII scan extended keeps each jurisdiction's larger count (several files may hold the same
-- people): a floor. The scans' counts added up are its ceiling, kept beside it so that an obligation
-- owed only at the ceiling (a threshold such as Texas's 250 residents that the files together may
-- cross) is named in a warning (docs/obligations-api.md). NULL once a person sets the scope.
-- scope_items: the sha256 of each evidence item already added to the ceiling, comma-separated, so a
-- file scanned again is not counted twice.
ALTER TABLE incident_scope ADD COLUMN subjects_at_most TEXT;
ALTER TABLE incident_scope ADD COLUMN scope_items TEXT;
