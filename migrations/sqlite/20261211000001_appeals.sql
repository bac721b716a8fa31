-- Appeals (`domain::appeal`). After a contest's results are published, its entrants may
-- appeal an entry's result for `appeal_days` days (0: the contest takes no appeals). An
-- admin gives each appeal to a judge who did not score the work: a new sheet on the same
-- rubric, blind, which counts only if the appeal is upheld. An upheld appeal publishes a
-- new version of the results (`corrected_version`), with new documents for the entries
-- whose result changed and their old ones revoked.
ALTER TABLE contest ADD COLUMN appeal_days INTEGER NOT NULL DEFAULT 0 CHECK (appeal_days BETWEEN 0 AND 30);

CREATE TABLE appeal (
    appeal_id   INTEGER PRIMARY KEY,
    contest_id  INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    -- One appeal per entry, ever.
    entry_id    INTEGER NOT NULL UNIQUE REFERENCES entry (entry_id) ON DELETE CASCADE,
    filed_by    INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    reason      TEXT    NOT NULL CHECK (reason <> ''),
    -- The language the entrant wrote in, to answer in it.
    lang        TEXT    NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    -- The published version the appeal is against.
    version     INTEGER NOT NULL,
    filed_at    INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'filed' CHECK (state IN ('filed', 'assigned', 'upheld', 'rejected')),
    reviewer_id INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    assigned_at INTEGER,
    decided_by  INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    decided_at  INTEGER,
    reply       TEXT,
    corrected_version INTEGER,
    CHECK ((state IN ('upheld', 'rejected')) = (decided_at IS NOT NULL AND reply IS NOT NULL)),
    CHECK ((state = 'upheld') = (corrected_version IS NOT NULL))
);
CREATE INDEX appeal_contest ON appeal (contest_id, filed_at);
CREATE INDEX appeal_reviewer ON appeal (reviewer_id);
