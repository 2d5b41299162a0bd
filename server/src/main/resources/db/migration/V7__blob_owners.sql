-- Every blob the server keeps has an owner row here: evidence content, stored PII findings, and
-- whatever is stored as a blob later (notice versions, reports, exports). The sweep of unreferenced
-- blobs reads this one table, so a blob that any record names is never swept. A row is written in
-- the same transaction as the record that names the blob; nothing is ever deleted from it.
CREATE TABLE blob_owner (
    sha256      VARCHAR(64)              NOT NULL,
    owner_kind  VARCHAR(40)              NOT NULL,
    owner_id    VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sha256, owner_kind, owner_id)
);

-- The blobs that records already named before this table existed.
INSERT INTO blob_owner (sha256, owner_kind, owner_id, created_at)
    SELECT sha256, 'EVIDENCE', id, received_at FROM evidence;
INSERT INTO blob_owner (sha256, owner_kind, owner_id, created_at)
    SELECT findings_sha256, 'PII_FINDINGS', job_id, finished_at FROM pii_scan;
