-- When a FILED obligation's notice was actually sent (POST /api/v1/obligations/{id}/status
-- {"status":"FILED","sentAt":…}, docs/obligations-api.md): the clocks that run from the notice (Cal.
-- Civ. Code 1798.82(f), Iowa 715C.2(8), NIS2 Art. 23(4)(d)) count from it, and a notice sent after
-- its deadline is late. Until now the recording time stood for it, so filings before this migration
-- keep that.
ALTER TABLE obligation ADD COLUMN sent_at TIMESTAMP WITH TIME ZONE;
UPDATE obligation SET sent_at = status_changed_at WHERE status = 'FILED';
