-- Bounded work (docs/architecture.md, "Jobs"): how many times a job was started, so a job that
-- kills its process (out of memory) is given up after a few starts instead of running at every
-- start; and whether someone asked to cancel it.
ALTER TABLE job ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE job ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX job_queued_by_requester ON job (status, requested_by, requested_at);
