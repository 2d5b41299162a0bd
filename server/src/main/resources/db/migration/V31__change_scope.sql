-- What an executed change's diffs show it touched (docs/change-control.md "Execution"): the
-- configuration items named from its diffs, those its approval did not cover, and the post-change
-- snapshots received before it was approved. JSON arrays of strings, as change.executed holds them;
-- null for a change executed before this column (read as empty).
ALTER TABLE change_request ADD COLUMN touched_items TEXT;
ALTER TABLE change_request ADD COLUMN unapproved_items TEXT;
ALTER TABLE change_request ADD COLUMN snapshots_before_approval TEXT;

-- A change request withdrawn before it ran (change.withdrawn): by whom, when, why, and its entry.
ALTER TABLE change_request ADD COLUMN withdrawn_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE change_request ADD COLUMN withdrawn_by VARCHAR(100);
ALTER TABLE change_request ADD COLUMN withdrawal_reason TEXT;
ALTER TABLE change_request ADD COLUMN withdrawal_index BIGINT;
