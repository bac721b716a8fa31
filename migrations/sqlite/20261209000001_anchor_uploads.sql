-- no-transaction
-- Uploaded example works as anchors (`domain::calibration`): an anchor is now either a
-- submitted work on the installation (`source_entry_id`) or files an admin uploaded for it
-- (`anchor_file`), named for admins by `title`. The files are blobs like works' files:
-- content-addressed, with the same thumbnails and blind copies, and a blob stays while an
-- entry's file or an anchor's file names it.
--
-- SQLite cannot drop NOT NULL in place: the table is rebuilt by the documented procedure
-- (foreign keys off outside any transaction, a new table, copy, drop, rename, foreign keys
-- back on), so the references, sheets and scores that point at `anchor` keep their rows:
-- with foreign keys off, dropping the old table cascades nothing.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE anchor_new (
    anchor_id       INTEGER PRIMARY KEY,
    contest_id      INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    nomination_id   INTEGER NOT NULL REFERENCES nomination (nomination_id) ON DELETE CASCADE,
    source_entry_id INTEGER REFERENCES entry (entry_id) ON DELETE CASCADE,
    code            TEXT    NOT NULL,
    explanation_kk  TEXT,
    explanation_ru  TEXT,
    explanation_en  TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    title           TEXT,
    UNIQUE (contest_id, code),
    UNIQUE (contest_id, source_entry_id),
    CHECK (source_entry_id IS NOT NULL OR title IS NOT NULL)
);
INSERT INTO anchor_new (anchor_id, contest_id, nomination_id, source_entry_id, code, explanation_kk, explanation_ru, explanation_en, created_at, updated_at)
    SELECT anchor_id, contest_id, nomination_id, source_entry_id, code, explanation_kk, explanation_ru, explanation_en, created_at, updated_at FROM anchor;
DROP TABLE anchor;
ALTER TABLE anchor_new RENAME TO anchor;
CREATE INDEX anchor_source ON anchor (source_entry_id);
CREATE INDEX anchor_nomination ON anchor (nomination_id);

CREATE TABLE anchor_file (
    anchor_file_id INTEGER PRIMARY KEY,
    public_id      TEXT    NOT NULL UNIQUE,
    anchor_id      INTEGER NOT NULL REFERENCES anchor (anchor_id) ON DELETE CASCADE,
    sha256         TEXT    NOT NULL REFERENCES blob (sha256),
    -- What the admin's file was called: display text for admins only, never a path.
    original_name  TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX anchor_file_anchor ON anchor_file (anchor_id, anchor_file_id);
CREATE INDEX anchor_file_blob ON anchor_file (sha256);
COMMIT;
PRAGMA foreign_keys = ON;
