-- Browsers an account has logged in from: when a shared address (a school, a library) is
-- over its limit of login attempts, these may still log that account in (the account's own
-- back-off still applies). The cookie holds a random token; only its hash is kept. One
-- browser may be known for many accounts (a school computer).
CREATE TABLE known_browser (
    token_hash TEXT    NOT NULL,
    account_id INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (token_hash, account_id)
);
CREATE INDEX known_browser_created ON known_browser (created_at);
