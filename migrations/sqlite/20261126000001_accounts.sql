-- Accounts, sessions, password resets, login back-off, the mail outbox and the audit log.
-- Times are whole seconds since the Unix epoch, UTC (portable to PostgreSQL as BIGINT).

CREATE TABLE account (
    account_id          INTEGER PRIMARY KEY,
    -- Trimmed and lower-cased by the application (domain::Email).
    email               TEXT    NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    display_name        TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    -- argon2id PHC string.
    password_hash       TEXT    NOT NULL,
    role                TEXT    NOT NULL DEFAULT 'entrant' CHECK (role IN ('admin', 'judge', 'entrant')),
    disabled_at         INTEGER,
    password_changed_at INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

-- Only the SHA-256 of the cookie's token is stored: a leaked database opens no session.
CREATE TABLE session (
    session_id   INTEGER PRIMARY KEY,
    token_hash   TEXT    NOT NULL UNIQUE,
    account_id   INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    user_agent   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE password_reset (
    token_hash TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

-- Keyed by the normalised email, known or not, so back-off reveals nothing.
CREATE TABLE login_throttle (
    email        TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL CHECK (failures >= 0),
    locked_until INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- Mail is written here in the transaction that causes it and sent afterwards with retries.
CREATE TABLE outbox (
    outbox_id       INTEGER PRIMARY KEY,
    to_addr         TEXT    NOT NULL,
    to_name         TEXT    NOT NULL DEFAULT '',
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    sent_at         INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE audit_log (
    audit_log_id     INTEGER PRIMARY KEY,
    actor_account_id INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    action           TEXT    NOT NULL,
    target           TEXT    NOT NULL,
    detail           TEXT    NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL
);

-- The contest as a placeholder; the contests issue gives it its full shape.
CREATE TABLE contest (
    contest_id INTEGER PRIMARY KEY,
    -- Random, unguessable, used in URLs.
    public_id  TEXT    NOT NULL UNIQUE,
    title_kk   TEXT,
    title_ru   TEXT,
    title_en   TEXT,
    status     TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'announced', 'archived')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (title_kk IS NOT NULL OR title_ru IS NOT NULL OR title_en IS NOT NULL)
);
