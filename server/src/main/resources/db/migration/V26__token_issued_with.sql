-- The token a token was issued with, when the request that issued it carried a bearer token (NULL:
-- issued in a signed-in web session, or by the server itself). Such a token expires no later than
-- the one it was issued with and is revoked with it (docs/contracts.md §2), so a stolen token cannot
-- mint a successor that outlives its own revocation.
ALTER TABLE api_token ADD COLUMN issued_with VARCHAR(36);
CREATE INDEX api_token_by_issuer ON api_token (issued_with);
