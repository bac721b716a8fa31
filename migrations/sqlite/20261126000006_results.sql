-- Results: computed versions (drafts until one is published), one line per entry with its
-- place, award and explanation, overrides with reasons, and the verifiable documents.

-- How participants' names appear in public: 'full', 'short_minors' (first name, surname
-- initial and city for those under 18) or 'short' (so for everyone).
ALTER TABLE contest ADD COLUMN name_display TEXT NOT NULL DEFAULT 'short_minors'
    CHECK (name_display IN ('full', 'short_minors', 'short'));
-- Judges' comments are shown to the entrant on their own entry after publication.
ALTER TABLE contest ADD COLUMN show_comments INTEGER NOT NULL DEFAULT 1 CHECK (show_comments IN (0, 1));
-- Set once, by the one publisher that wins the conditional update.
ALTER TABLE contest ADD COLUMN published_at INTEGER;
ALTER TABLE contest ADD COLUMN published_version INTEGER;

CREATE TABLE result_version (
    contest_id  INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version >= 1),
    created_at  INTEGER NOT NULL,
    created_by  INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    published_at INTEGER,
    PRIMARY KEY (contest_id, version)
);

CREATE TABLE result_line (
    contest_id      INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    entry_id        INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    nomination_id   INTEGER NOT NULL,
    age_group_id    INTEGER,
    -- Millionths of a percentage point; `raw` before per-judge normalisation.
    score           INTEGER NOT NULL,
    raw_score       INTEGER NOT NULL,
    place           INTEGER NOT NULL CHECK (place >= 1),
    award           TEXT    NOT NULL CHECK (award IN ('grand_prix', 'first', 'second', 'third', 'mention', 'certificate')),
    -- An admin's decision, with the reason; the computed award stays beside it.
    override_award  TEXT CHECK (override_award IN ('grand_prix', 'first', 'second', 'third', 'mention', 'certificate', 'none')),
    override_reason TEXT,
    -- JSON: judges' totals (anonymised), per-criterion averages, method, what decided the place.
    explanation     TEXT    NOT NULL,
    PRIMARY KEY (contest_id, version, entry_id),
    FOREIGN KEY (contest_id, version) REFERENCES result_version (contest_id, version) ON DELETE CASCADE,
    CHECK ((override_award IS NULL) = (override_reason IS NULL))
);
CREATE INDEX result_line_entry ON result_line (entry_id);

-- Diplomas, certificates and letters of thanks: a short public code anyone can verify.
CREATE TABLE document (
    code       TEXT    PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    entry_id   INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('diploma', 'certificate', 'thanks')),
    award      TEXT    NOT NULL,
    holder     TEXT    NOT NULL,
    revoked_at INTEGER,
    revoked_reason TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (contest_id, version, entry_id, kind)
);
CREATE INDEX document_entry ON document (entry_id);
