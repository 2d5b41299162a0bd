-- The gaps an Art. 33 notice was sent with (GDPR and UK GDPR Art. 33(4): the rest follows in phases), as a
-- JSON array of strings: NULL while unsent or sent complete; '[]' when sent incomplete with gaps the public
-- obligations may not name (the text was filed as FORENSIC evidence). docs/obligations-api.md, ADR 154.
ALTER TABLE notice_draft ADD COLUMN sent_gaps TEXT;
