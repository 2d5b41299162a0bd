-- When each judgement was recorded (the server clock at its judgement.recorded entry), which a
-- back-dated decided_at may precede: the latest recorded answer per question counts, and a warning on
-- contradicting answers names both times. Rows before this migration take their ledger entry's time.
ALTER TABLE judgement ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE;
UPDATE judgement SET recorded_at = (SELECT e.recorded_at FROM ledger_entry e WHERE e.idx = judgement.ledger_index);
UPDATE judgement SET recorded_at = decided_at WHERE recorded_at IS NULL;
ALTER TABLE judgement ALTER COLUMN recorded_at SET NOT NULL;
