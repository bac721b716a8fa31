-- Judging: invited judges, panels per nomination (and age group), assignments, recusals,
-- score sheets with versions and their full history.

ALTER TABLE contest ADD COLUMN blind INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1));
-- A judge may see colleagues' scores for an entry once their own sheet is submitted.
ALTER TABLE contest ADD COLUMN judges_see_colleagues INTEGER NOT NULL DEFAULT 0 CHECK (judges_see_colleagues IN (0, 1));
-- Spread of totals (percent of the maximum) above which an entry is flagged.
ALTER TABLE contest ADD COLUMN disagreement_pct INTEGER NOT NULL DEFAULT 25 CHECK (disagreement_pct BETWEEN 1 AND 100);

-- What a judge declares (a school, a library): entries from there are conflicts.
ALTER TABLE account ADD COLUMN organisation TEXT NOT NULL DEFAULT '';

-- The anonymous code judges know an entry by: random, given at submission, never derived from ids.
ALTER TABLE entry ADD COLUMN code TEXT;
CREATE UNIQUE INDEX entry_code ON entry (contest_id, code);

CREATE TABLE judge_invitation (
    token_hash   TEXT    PRIMARY KEY,
    contest_id   INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    email        TEXT    NOT NULL,
    organisation TEXT    NOT NULL DEFAULT '',
    invited_by   INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    accepted_at  INTEGER
);
CREATE INDEX judge_invitation_contest ON judge_invitation (contest_id, email);

-- The judges of a contest.
CREATE TABLE contest_judge (
    contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (contest_id, account_id)
);

CREATE TABLE panel (
    panel_id      INTEGER PRIMARY KEY,
    contest_id    INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    nomination_id INTEGER NOT NULL REFERENCES nomination (nomination_id) ON DELETE CASCADE,
    -- NULL: every age group of the nomination.
    age_group_id  INTEGER REFERENCES age_group (age_group_id) ON DELETE CASCADE,
    mode          TEXT    NOT NULL CHECK (mode IN ('all', 'balanced')),
    k             INTEGER NOT NULL DEFAULT 3 CHECK (k BETWEEN 1 AND 20),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX panel_scope ON panel (contest_id, nomination_id, COALESCE(age_group_id, 0));

CREATE TABLE panel_judge (
    panel_id   INTEGER NOT NULL REFERENCES panel (panel_id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    PRIMARY KEY (panel_id, account_id)
);

CREATE TABLE assignment (
    entry_id   INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    source     TEXT    NOT NULL CHECK (source IN ('auto', 'manual')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (entry_id, account_id)
);
CREATE INDEX assignment_judge ON assignment (account_id, entry_id);

CREATE TABLE recusal (
    entry_id   INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    reason     TEXT    NOT NULL CHECK (reason <> ''),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (entry_id, account_id)
);

-- One sheet per judge and entry. `version` grows with every write; a write names the
-- version it was based on, so a second tab cannot silently overwrite the first.
CREATE TABLE score_sheet (
    sheet_id     INTEGER PRIMARY KEY,
    entry_id     INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    version      INTEGER NOT NULL CHECK (version >= 1),
    state        TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
    comment      TEXT    NOT NULL DEFAULT '',
    note         TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    submitted_at INTEGER,
    UNIQUE (entry_id, account_id)
);
CREATE INDEX score_sheet_judge ON score_sheet (account_id, state);

-- Points in halves (7.5 points = 15), so sums stay exact.
CREATE TABLE score (
    sheet_id     INTEGER NOT NULL REFERENCES score_sheet (sheet_id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criterion (criterion_id) ON DELETE CASCADE,
    halves       INTEGER NOT NULL CHECK (halves BETWEEN 0 AND 200),
    PRIMARY KEY (sheet_id, criterion_id)
);

-- The database refuses points above a criterion's maximum, or halves it does not allow.
CREATE TRIGGER score_in_range_insert BEFORE INSERT ON score
WHEN NEW.halves > 2 * (SELECT max_points FROM criterion WHERE criterion_id = NEW.criterion_id)
  OR (NEW.halves % 2 = 1 AND (SELECT half_points FROM criterion WHERE criterion_id = NEW.criterion_id) = 0)
BEGIN
    SELECT RAISE(ABORT, 'score out of range');
END;
CREATE TRIGGER score_in_range_update BEFORE UPDATE ON score
WHEN NEW.halves > 2 * (SELECT max_points FROM criterion WHERE criterion_id = NEW.criterion_id)
  OR (NEW.halves % 2 = 1 AND (SELECT half_points FROM criterion WHERE criterion_id = NEW.criterion_id) = 0)
BEGIN
    SELECT RAISE(ABORT, 'score out of range');
END;

-- Every change to a sheet: who, when, the version written, and the sheet before and after (JSON).
CREATE TABLE score_history (
    history_id INTEGER PRIMARY KEY,
    sheet_id   INTEGER NOT NULL REFERENCES score_sheet (sheet_id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    old_value  TEXT,
    new_value  TEXT    NOT NULL,
    changed_at INTEGER NOT NULL
);
CREATE INDEX score_history_sheet ON score_history (sheet_id, history_id);
