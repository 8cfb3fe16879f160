-- API tokens (Authorization: Bearer): shown once at creation, stored only as a SHA-256 hash of
-- the whole token (tokens are 256 random bits, so a fast hash is enough), looked up by a public
-- prefix, revocable. A token acts as its user with the user's role at the time of each request.
CREATE TABLE api_token (
    id           BIGINT ${identity} PRIMARY KEY,
    prefix       VARCHAR(32)  NOT NULL UNIQUE,
    token_hash   VARCHAR(64)  NOT NULL,
    username     VARCHAR(250) NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    name         VARCHAR(250),
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX api_token_user ON api_token (username);
