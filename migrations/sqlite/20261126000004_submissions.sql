-- Submissions: the people works are submitted for, their entries, the files of entries
-- (content-addressed blobs, shared when identical) and unfinished resumable uploads.

-- A person an entrant account submits for: itself, a child, a pupil. Reusable across contests.
CREATE TABLE participant (
    participant_id  INTEGER PRIMARY KEY,
    public_id       TEXT    NOT NULL UNIQUE,
    account_id      INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    full_name       TEXT    NOT NULL CHECK (full_name <> ''),
    birth_date      TEXT    NOT NULL,
    school          TEXT    NOT NULL DEFAULT '',
    city            TEXT    NOT NULL DEFAULT '',
    supervisor      TEXT    NOT NULL DEFAULT '',
    -- Guardian consent for a minor: which text was agreed to, and when.
    consent_version TEXT,
    consent_at      INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK ((consent_version IS NULL) = (consent_at IS NULL))
);
CREATE INDEX participant_account ON participant (account_id, full_name);

CREATE TABLE entry (
    entry_id         INTEGER PRIMARY KEY,
    public_id        TEXT    NOT NULL UNIQUE,
    contest_id       INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    nomination_id    INTEGER NOT NULL REFERENCES nomination (nomination_id),
    -- NULL when the contest has no age groups.
    age_group_id     INTEGER REFERENCES age_group (age_group_id),
    participant_id   INTEGER NOT NULL REFERENCES participant (participant_id),
    account_id       INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    title            TEXT    NOT NULL CHECK (title <> ''),
    description      TEXT    NOT NULL DEFAULT '',
    state            TEXT    NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'submitted', 'withdrawn', 'disqualified')),
    -- Given once, at the first submission, and kept: 1, 2, 3… per contest.
    receipt_no       INTEGER,
    submitted_at     INTEGER,
    withdrawn_at     INTEGER,
    disqualified_at  INTEGER,
    disqualify_reason TEXT,
    -- The random token of the form that created it: a double click or a second tab
    -- posting the same form finds the entry already made.
    create_token     TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (contest_id, receipt_no),
    UNIQUE (account_id, create_token)
);
CREATE INDEX entry_contest ON entry (contest_id, state, nomination_id);
CREATE INDEX entry_account ON entry (account_id, created_at);
CREATE INDEX entry_participant ON entry (participant_id, nomination_id);

-- Stored bytes, named by their SHA-256; several entry files may share one.
CREATE TABLE blob (
    sha256      TEXT    PRIMARY KEY,
    size        INTEGER NOT NULL,
    mime        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('image', 'pdf', 'document', 'audio', 'video')),
    -- Images only: 'pending' until the thumbnail is made, then 'ready' or 'failed'.
    thumb_state TEXT    CHECK (thumb_state IN ('pending', 'ready', 'failed')),
    width       INTEGER,
    height      INTEGER,
    created_at  INTEGER NOT NULL
);
CREATE INDEX blob_thumb_pending ON blob (thumb_state) WHERE thumb_state = 'pending';

CREATE TABLE entry_file (
    file_id       INTEGER PRIMARY KEY,
    public_id     TEXT    NOT NULL UNIQUE,
    entry_id      INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    sha256        TEXT    NOT NULL REFERENCES blob (sha256),
    -- What the uploader called it: display text only, never a path.
    original_name TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX entry_file_entry ON entry_file (entry_id, file_id);
CREATE INDEX entry_file_blob ON entry_file (sha256);

-- A resumable upload in progress: bytes so far live in DATA_DIR/uploads/<public_id>.part.
CREATE TABLE upload (
    upload_id     INTEGER PRIMARY KEY,
    public_id     TEXT    NOT NULL UNIQUE,
    entry_id      INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    account_id    INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    original_name TEXT    NOT NULL,
    size          INTEGER NOT NULL CHECK (size > 0),
    -- Hex SHA-256 the client announced, checked when the last byte arrives; NULL: not checked.
    sha256        TEXT,
    received      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX upload_entry ON upload (entry_id);
