-- Twin of migrations/sqlite/20261129000005_known_browsers.sql (comments there).
CREATE TABLE known_browser (
    token_hash TEXT   NOT NULL,
    account_id BIGINT NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (token_hash, account_id)
);
CREATE INDEX known_browser_created ON known_browser (created_at);
