-- The laws checked where nothing is owed, and why (GET .../obligations notTriggered, ADR 112), as the
-- last computation found them: stored with its obligations, rule-book version and warnings, so that a
-- rule book changed since does not change them before the next computation. A JSON array of
-- {"jurisdiction","regime","citation","reason"}; NULL for a computation made before they were stored.
ALTER TABLE incident_scope ADD COLUMN not_triggered TEXT;
