-- At most one installation row: two server processes starting at the same moment on an empty
-- database must not each create a ledger of their own. The loser of the race reads the winner's row.
-- A database where that race already happened (two rows) fails here: keep the row whose verifier key
-- signed the checkpoint in ledger_head, delete the other, and start again.
ALTER TABLE installation ADD COLUMN singleton INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE installation ADD CONSTRAINT installation_single_row UNIQUE (singleton);
ALTER TABLE installation ADD CONSTRAINT installation_singleton_is_one CHECK (singleton = 1);
