-- Rounds (`domain::advancement`): a round is a contest, and a contest's round may be fed by
-- other contests' rounds (the regions' rounds feed one republican round), possibly run by
-- other organisations on the installation. The fed round's organisers accept each feeding
-- round (`round_feed`); the feeding round's organisers set, per nomination × age group
-- (NULL: every age group of the nomination), which works advance (`advancement_rule`),
-- and advance them: each advancing work becomes an entry of the next round that keeps its
-- participant, its entrant and its files (the same stored bytes), and names where it came
-- from (`entry.advanced_from`, once per next round).
CREATE TABLE round_feed (
    source_contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    target_contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    created_by        INTEGER REFERENCES account (account_id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL,
    PRIMARY KEY (source_contest_id, target_contest_id),
    CHECK (source_contest_id <> target_contest_id)
);
CREATE INDEX round_feed_target ON round_feed (target_contest_id);

CREATE TABLE advancement_rule (
    rule_id       INTEGER PRIMARY KEY,
    contest_id    INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    nomination_id INTEGER NOT NULL REFERENCES nomination (nomination_id) ON DELETE CASCADE,
    age_group_id  INTEGER REFERENCES age_group (age_group_id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('top', 'award', 'min_score')),
    value         TEXT    NOT NULL,
    boundary      TEXT    NOT NULL CHECK (boundary IN ('all', 'none')),
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX advancement_rule_scope ON advancement_rule (contest_id, nomination_id, COALESCE(age_group_id, 0));

ALTER TABLE entry ADD COLUMN advanced_from INTEGER REFERENCES entry (entry_id) ON DELETE SET NULL;
CREATE UNIQUE INDEX entry_advanced_once ON entry (contest_id, advanced_from);
