-- People who sign in, their roles, their sessions and API tokens, and failed sign-ins for
-- throttling. Portable SQL, as in 0001. Sessions and API tokens are stored under the SHA-256
-- hex of the token, never the token itself; times are Unix milliseconds.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    -- Stored lowercase; sign-in compares lowercase.
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- An argon2id PHC string.
    password_hash TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_code TEXT NOT NULL REFERENCES orgs (code),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, org_code, role)
);
CREATE INDEX memberships_by_org ON memberships (org_code);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- One row per failed sign-in; `throttle_key` names what is throttled ('user:alice',
-- 'ip:192.0.2.1').
CREATE TABLE signin_attempts (
    throttle_key TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX signin_attempts_by_key ON signin_attempts (throttle_key, failed_at);
