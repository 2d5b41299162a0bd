-- The timeline of a completed leak analysis (docs/analysis-api.md, "The timeline"): the setup
-- changes, logins and extractions its findings cite, in time order (ordinal). Written in the same
-- transaction as the analysis's findings. evidence_ids names, comma-separated, the items the line
-- it was read from belongs to (every item read when that is not known): an entry is shown only to
-- a caller who may read all of them, as a finding is.
CREATE TABLE leak_timeline (
    analysis_id   VARCHAR(36)              NOT NULL REFERENCES job (id),
    ordinal       INTEGER                  NOT NULL,
    incident_id   VARCHAR(36)              NOT NULL REFERENCES incident (id),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    kind          VARCHAR(30)              NOT NULL,
    subject       VARCHAR(1000)            NOT NULL,
    ip            VARCHAR(100)             NOT NULL,
    entry_text    TEXT                     NOT NULL,
    source_file   VARCHAR(2000)            NOT NULL,
    source_line   BIGINT                   NOT NULL,
    evidence_ids  TEXT                     NOT NULL,
    PRIMARY KEY (analysis_id, ordinal)
);
