-- Contests in full: texts in three languages, level, organiser, time zone, timeline,
-- nominations with their rules for works, age groups, the rubric, scoring and awards.
-- Times are UTC seconds; the contest's time zone is only for showing and typing them.

ALTER TABLE contest ADD COLUMN description_kk TEXT;
ALTER TABLE contest ADD COLUMN description_ru TEXT;
ALTER TABLE contest ADD COLUMN description_en TEXT;
ALTER TABLE contest ADD COLUMN rules_kk TEXT;
ALTER TABLE contest ADD COLUMN rules_ru TEXT;
ALTER TABLE contest ADD COLUMN rules_en TEXT;
ALTER TABLE contest ADD COLUMN level TEXT NOT NULL DEFAULT 'regional'
    CHECK (level IN ('school', 'district', 'city', 'regional', 'republican', 'international'));
ALTER TABLE contest ADD COLUMN organiser_name TEXT NOT NULL DEFAULT '';
ALTER TABLE contest ADD COLUMN organiser_contacts TEXT NOT NULL DEFAULT '';
ALTER TABLE contest ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Almaty';
-- NULL until set; a contest is published only with all four, in order.
ALTER TABLE contest ADD COLUMN submissions_open_at INTEGER;
ALTER TABLE contest ADD COLUMN submissions_close_at INTEGER;
ALTER TABLE contest ADD COLUMN judging_end_at INTEGER;
ALTER TABLE contest ADD COLUMN results_at INTEGER;
ALTER TABLE contest ADD COLUMN closed_early_at INTEGER;
-- Ages are counted at this date (YYYY-MM-DD).
ALTER TABLE contest ADD COLUMN age_cutoff_date TEXT;
ALTER TABLE contest ADD COLUMN rubric_public INTEGER NOT NULL DEFAULT 1 CHECK (rubric_public IN (0, 1));
ALTER TABLE contest ADD COLUMN aggregation TEXT NOT NULL DEFAULT 'mean'
    CHECK (aggregation IN ('mean', 'trimmed_mean', 'median'));
ALTER TABLE contest ADD COLUMN normalise_judges INTEGER NOT NULL DEFAULT 0 CHECK (normalise_judges IN (0, 1));
-- Positions (1-based) of the criteria that break ties, in order, as a JSON array; then shared place.
ALTER TABLE contest ADD COLUMN tie_break TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contest ADD COLUMN grand_prix TEXT NOT NULL DEFAULT 'none' CHECK (grand_prix IN ('none', 'contest', 'nomination'));
ALTER TABLE contest ADD COLUMN first_places INTEGER NOT NULL DEFAULT 1 CHECK (first_places BETWEEN 0 AND 10);
ALTER TABLE contest ADD COLUMN second_places INTEGER NOT NULL DEFAULT 1 CHECK (second_places BETWEEN 0 AND 10);
ALTER TABLE contest ADD COLUMN third_places INTEGER NOT NULL DEFAULT 1 CHECK (third_places BETWEEN 0 AND 10);
ALTER TABLE contest ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0 CHECK (mentions BETWEEN 0 AND 10);
ALTER TABLE contest ADD COLUMN participant_certificates INTEGER NOT NULL DEFAULT 1 CHECK (participant_certificates IN (0, 1));
ALTER TABLE contest ADD COLUMN min_award_score INTEGER CHECK (min_award_score BETWEEN 0 AND 100);
-- Where the contest was copied from, if it was.
ALTER TABLE contest ADD COLUMN copied_from INTEGER REFERENCES contest (contest_id) ON DELETE SET NULL;

CREATE INDEX contest_status ON contest (status, submissions_open_at);

CREATE TABLE nomination (
    nomination_id INTEGER PRIMARY KEY,
    contest_id    INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name_kk       TEXT,
    name_ru       TEXT,
    name_en       TEXT,
    -- Comma-separated: image, pdf, document, audio, video.
    allowed_kinds TEXT    NOT NULL CHECK (allowed_kinds <> ''),
    max_file_mb   INTEGER NOT NULL CHECK (max_file_mb BETWEEN 1 AND 2048),
    max_files     INTEGER NOT NULL CHECK (max_files BETWEEN 1 AND 50),
    max_entries_per_participant INTEGER NOT NULL CHECK (max_entries_per_participant BETWEEN 1 AND 50),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL OR name_en IS NOT NULL)
);
CREATE INDEX nomination_contest ON nomination (contest_id, position);

CREATE TABLE age_group (
    age_group_id INTEGER PRIMARY KEY,
    contest_id   INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    name_kk      TEXT,
    name_ru      TEXT,
    name_en      TEXT,
    min_age      INTEGER NOT NULL CHECK (min_age BETWEEN 0 AND 120),
    max_age      INTEGER NOT NULL CHECK (max_age BETWEEN 0 AND 120),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK (min_age <= max_age),
    CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL OR name_en IS NOT NULL)
);
CREATE INDEX age_group_contest ON age_group (contest_id, min_age);

-- Which nomination × age group pairs accept entries.
CREATE TABLE nomination_age_group (
    nomination_id INTEGER NOT NULL REFERENCES nomination (nomination_id) ON DELETE CASCADE,
    age_group_id  INTEGER NOT NULL REFERENCES age_group (age_group_id) ON DELETE CASCADE,
    PRIMARY KEY (nomination_id, age_group_id)
);

-- The rubric: criteria of the contest (nomination_id NULL) or of one nomination, which
-- then replace the contest's for that nomination.
CREATE TABLE criterion (
    criterion_id   INTEGER PRIMARY KEY,
    contest_id     INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    nomination_id  INTEGER REFERENCES nomination (nomination_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name_kk        TEXT,
    name_ru        TEXT,
    name_en        TEXT,
    description_kk TEXT,
    description_ru TEXT,
    description_en TEXT,
    max_points     INTEGER NOT NULL CHECK (max_points BETWEEN 1 AND 100),
    weight         INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    half_points    INTEGER NOT NULL DEFAULT 0 CHECK (half_points IN (0, 1)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL OR name_en IS NOT NULL)
);
CREATE INDEX criterion_contest ON criterion (contest_id, nomination_id, position);

-- A later deadline for one entrant.
CREATE TABLE contest_extension (
    contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    until_at   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (contest_id, account_id)
);
