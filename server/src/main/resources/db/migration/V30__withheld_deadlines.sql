-- A deadline that runs from something privileged is withheld from the auditor (docs/contracts.md §5):
-- from counsel's determination of the breach (incident.facts-set), or from the decision time of a
-- judgement whose entry is privileged (SEC Form 8-K Item 1.05, NYDFS 500.17(c)). Each row now says so
-- as it was computed, so a superseded row keeps it after the determination or the judgement changes.
ALTER TABLE judgement ADD COLUMN reason_privileged BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE judgement SET reason_privileged = TRUE WHERE ledger_index IN (SELECT idx FROM ledger_privileged);

ALTER TABLE obligation ADD COLUMN due_withheld BOOLEAN DEFAULT FALSE NOT NULL;
-- the rule book's clocks as of this migration: DETERMINATION rules, withheld on every incident where
-- counsel ever set facts (a row superseded while a determination was in force keeps its due after the
-- determination is cleared; the next computation sets the flag of the rows it keeps afresh)
UPDATE obligation SET due_withheld = TRUE
 WHERE due IS NOT NULL
   AND rule_id IN ('us-al-individuals', 'us-al-ag', 'us-az-individuals', 'us-az-ag', 'us-co-individuals',
                   'us-co-ag', 'us-de-individuals', 'us-de-ag', 'us-me-individuals', 'us-me-ag',
                   'us-ri-individuals', 'us-tx-individuals@2020', 'us-tx-ag@2019', 'us-tx-ag@2023',
                   'us-nydfs-500-17')
   AND incident_id IN (SELECT incident_id FROM ledger_entry WHERE entry_type = 'incident.facts-set');
-- DECISION rules, withheld when a privileged judgement on their question was recorded
UPDATE obligation SET due_withheld = TRUE
 WHERE due IS NOT NULL
   AND rule_id IN ('us-sec-8k-105', 'us-sec-8k-105-src')
   AND incident_id IN (SELECT incident_id FROM judgement WHERE question = 'MATERIAL' AND reason_privileged);
UPDATE obligation SET due_withheld = TRUE
 WHERE due IS NOT NULL
   AND rule_id IN ('us-nydfs-500-17-c-payment', 'us-nydfs-500-17-c-explanation')
   AND incident_id IN (SELECT incident_id FROM judgement WHERE question = 'EXTORTION_PAID' AND reason_privileged);

-- a reminder of a withheld deadline is not appended to the ledger: its time would tell the deadline
ALTER TABLE obligation_reminder ALTER COLUMN ledger_index DROP NOT NULL;
