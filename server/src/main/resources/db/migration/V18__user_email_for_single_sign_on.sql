-- Single sign-on matches an identity provider's user to a Tandem account by username or by e-mail
-- (docs/web.md); an address belongs to one account at most.
ALTER TABLE app_user ADD COLUMN email VARCHAR(320);
CREATE UNIQUE INDEX app_user_email ON app_user (email);
