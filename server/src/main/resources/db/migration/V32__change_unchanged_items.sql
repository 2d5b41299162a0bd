-- The approved configuration items an executed change's diffs show no change to, where every diff
-- names the items it changed (docs/change-control.md "Execution": approved but not carried out). A
-- JSON array of strings, as change.executed holds it; null for a change executed before this column
-- (read as empty: nothing is claimed of it).
ALTER TABLE change_request ADD COLUMN unchanged_items TEXT;
