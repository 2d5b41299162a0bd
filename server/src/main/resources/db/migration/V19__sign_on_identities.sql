-- Single sign-on binds an account to the provider's stable identifier at the first sign-in: the
-- pair (iss, sub) is the only identifier OpenID Connect promises is unique and never reassigned
-- (OpenID Connect Core 1.0 §5.7). Later sign-ins are matched by that pair, whatever the username or
-- address then says; an account holds at most one identity per provider (docs/web.md).
CREATE TABLE sign_on_identity (
    issuer    VARCHAR(2000)            NOT NULL,
    subject   VARCHAR(255)             NOT NULL,
    username  VARCHAR(100)             NOT NULL REFERENCES app_user (username),
    bound_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, subject),
    CONSTRAINT sign_on_identity_one_per_account UNIQUE (issuer, username)
);
