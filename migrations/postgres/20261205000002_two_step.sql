-- Two-step login (RFC 6238 codes from an authenticator app, and recovery codes).
-- The account's key as base32, while two-step login is on; the 30-second step of the last
-- code accepted, so that no code is accepted twice.
ALTER TABLE account ADD COLUMN totp_secret TEXT;
ALTER TABLE account ADD COLUMN totp_last_step BIGINT;

-- A set-up under way: the key and the recovery codes shown with it, until a code from the
-- app proves the app has the key (then the codes are kept only as hashes).
CREATE TABLE totp_setup (
    account_id     BIGINT  PRIMARY KEY REFERENCES account (account_id) ON DELETE CASCADE,
    secret         TEXT    NOT NULL,
    recovery_codes TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL
);

-- Each works once, in place of a code from the app. Only the SHA-256 is kept.
CREATE TABLE recovery_code (
    account_id BIGINT  NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    code_hash  TEXT    NOT NULL,
    used_at    BIGINT,
    PRIMARY KEY (account_id, code_hash)
);

-- A login half-way: the password was right, the code is still to come (a cookie holds the
-- token; its SHA-256 is kept). Five minutes, five wrong codes.
CREATE TABLE login_challenge (
    token_hash TEXT    PRIMARY KEY,
    account_id BIGINT  NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    failures   BIGINT  NOT NULL DEFAULT 0 CHECK (failures >= 0)
);
CREATE INDEX login_challenge_account ON login_challenge (account_id);
