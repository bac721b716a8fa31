-- no-transaction
-- The audience award (`domain::audience`): the public votes for works in a contest's open
-- gallery while the organisers' window is open. A voter proves an e-mail address by a
-- one-time link (`vote_request`, which keeps the address until the link is used or
-- expires); a vote keeps only a hash of the address and its domain, never the address.
-- One vote per voter in each nomination × age group (`age_group_key` 0 without one); a
-- later confirmed vote replaces it while the window is open. The organisers void votes
-- (with a reason) and publish the result, which issues 'audience' diplomas (version 0: they
-- belong to no version of the jury's results).
--
-- SQLite cannot change a CHECK in place: `document` is rebuilt by the documented procedure
-- (foreign keys off outside any transaction; nothing refers to it).
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE audience_award (
    contest_id   INTEGER PRIMARY KEY REFERENCES contest (contest_id) ON DELETE CASCADE,
    opens_at     INTEGER NOT NULL,
    closes_at    INTEGER NOT NULL,
    count_shown  TEXT    NOT NULL DEFAULT 'hidden' CHECK (count_shown IN ('hidden', 'rounded')),
    published_at INTEGER,
    published_by INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE TABLE vote_request (
    token_hash TEXT    PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    entry_id   INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    ip         TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX vote_request_expiry ON vote_request (expires_at);
CREATE TABLE audience_vote (
    audience_vote_id INTEGER PRIMARY KEY,
    contest_id       INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    voter            TEXT    NOT NULL,
    email_domain     TEXT    NOT NULL,
    nomination_id    INTEGER NOT NULL,
    age_group_key    INTEGER NOT NULL,
    entry_id         INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    ip               TEXT    NOT NULL,
    network          TEXT    NOT NULL,
    cast_at          INTEGER NOT NULL,
    voided_at        INTEGER,
    void_reason      TEXT,
    voided_by        INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    UNIQUE (contest_id, voter, nomination_id, age_group_key)
);
CREATE INDEX audience_vote_entry ON audience_vote (entry_id);
-- The public counts per work: the counted votes of a contest, read from the index alone.
CREATE INDEX audience_vote_count ON audience_vote (contest_id, entry_id) WHERE voided_at IS NULL;
CREATE INDEX audience_vote_network ON audience_vote (contest_id, network, cast_at);
CREATE TABLE document_new (
    code       TEXT    PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    entry_id   INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('diploma', 'certificate', 'thanks', 'audience')),
    award      TEXT    NOT NULL,
    holder     TEXT    NOT NULL,
    revoked_at INTEGER,
    revoked_reason TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (contest_id, version, entry_id, kind)
);
INSERT INTO document_new (code, contest_id, version, entry_id, kind, award, holder, revoked_at, revoked_reason, created_at)
    SELECT code, contest_id, version, entry_id, kind, award, holder, revoked_at, revoked_reason, created_at FROM document;
DROP TABLE document;
ALTER TABLE document_new RENAME TO document;
CREATE INDEX document_entry ON document (entry_id);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
