-- Token lifecycle and disabled users (ADR 060). Every request checks its token against these columns
-- in one query on the primary key (token_hash) joined to app_user's primary key.

-- A token's public id (UUIDv7 for new tokens, dev.tandem.server.Ids): what the API lists and revokes.
-- Tokens issued before this migration get 00000000-0000-0000-0000-<n>, numbered in creation order:
-- neither database has a portable UUID function, and an id is no secret (a token id of another user
-- answers 404).
ALTER TABLE api_token ADD COLUMN id VARCHAR(36);
UPDATE api_token SET id = '00000000-0000-0000-0000-' || LPAD(CAST(
    (SELECT COUNT(*) FROM api_token o
      WHERE o.created_at < api_token.created_at
         OR (o.created_at = api_token.created_at AND o.token_hash <= api_token.token_hash)) AS VARCHAR(12)), 12, '0');
ALTER TABLE api_token ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX api_token_by_id ON api_token (id);
CREATE INDEX api_token_by_user ON api_token (username, created_at);

-- NULL: never expires.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
-- Written at most about once a minute per token and server process, never per request.
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
-- A revoked token stays (its id and label explain the ledger's token.revoked entry) but is refused.
ALTER TABLE api_token ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
-- The token installed from TANDEM_ADMIN_TOKEN: a changed value revokes it and installs the new one.
ALTER TABLE api_token ADD COLUMN bootstrap BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE api_token SET bootstrap = TRUE WHERE username = 'admin' AND label = 'TANDEM_ADMIN_TOKEN';

-- A disabled user's tokens are refused; the user and their ledger history stay.
ALTER TABLE app_user ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
