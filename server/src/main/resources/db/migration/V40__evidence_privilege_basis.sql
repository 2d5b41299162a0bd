-- Why counsel holds a FORENSIC item privileged (attorney-client communication, work product, an
-- expert retained through counsel), recorded when it is filed: docs/contracts.md, "The privilege
-- basis of a FORENSIC item" (ADR 153). Null for AUDIT items and for items filed without one.
ALTER TABLE evidence ADD COLUMN privilege_basis VARCHAR(500);
