-- Judge calibration (`domain::calibration`): anchor works an admin scored as the reference,
-- each judge's own scores of them, and whether a judge's queue waits for calibration.
-- Calibration scores have tables of their own: results and the jury's statistics never read
-- them.
ALTER TABLE contest ADD COLUMN calibration_required INTEGER NOT NULL DEFAULT 0 CHECK (calibration_required IN (0, 1));

-- An anchor is a work already on the installation (this contest's or a past one's), shown
-- to judges under its own code and scored by the rubric of `nomination_id` (this contest's).
CREATE TABLE anchor (
    anchor_id       INTEGER PRIMARY KEY,
    contest_id      INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    nomination_id   INTEGER NOT NULL REFERENCES nomination (nomination_id) ON DELETE CASCADE,
    source_entry_id INTEGER NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    code            TEXT    NOT NULL,
    explanation_kk  TEXT,
    explanation_ru  TEXT,
    explanation_en  TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (contest_id, code),
    UNIQUE (contest_id, source_entry_id)
);
CREATE INDEX anchor_source ON anchor (source_entry_id);
CREATE INDEX anchor_nomination ON anchor (nomination_id);

-- The reference score of each criterion, in half points.
CREATE TABLE anchor_score (
    anchor_id    INTEGER NOT NULL REFERENCES anchor (anchor_id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES criterion (criterion_id) ON DELETE CASCADE,
    halves       INTEGER NOT NULL CHECK (halves >= 0),
    PRIMARY KEY (anchor_id, criterion_id)
);
CREATE INDEX anchor_score_criterion ON anchor_score (criterion_id);

-- A judge's calibration sheet: written once, then the references are shown.
CREATE TABLE calibration_sheet (
    anchor_id    INTEGER NOT NULL REFERENCES anchor (anchor_id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    submitted_at INTEGER NOT NULL,
    PRIMARY KEY (anchor_id, account_id)
);
CREATE INDEX calibration_sheet_account ON calibration_sheet (account_id);
CREATE TABLE calibration_score (
    anchor_id    INTEGER NOT NULL,
    account_id   INTEGER NOT NULL,
    criterion_id INTEGER NOT NULL REFERENCES criterion (criterion_id) ON DELETE CASCADE,
    halves       INTEGER NOT NULL CHECK (halves >= 0),
    PRIMARY KEY (anchor_id, account_id, criterion_id),
    FOREIGN KEY (anchor_id, account_id) REFERENCES calibration_sheet (anchor_id, account_id) ON DELETE CASCADE
);
CREATE INDEX calibration_score_criterion ON calibration_score (criterion_id);
