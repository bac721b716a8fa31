-- Whether a participant counts as a minor is decided once, by their age at the contest's
-- reference date (its age cut-off, else the close of entries), and kept with the computed
-- version: a participant published as a minor stays shown as one when they turn 18.
-- Lines published before this column existed get it from the same rule (an unreadable
-- birth date or reference counts as a minor: the careful side).
ALTER TABLE result_line ADD COLUMN minor INTEGER NOT NULL DEFAULT 1 CHECK (minor IN (0, 1));
UPDATE result_line SET minor = (
    SELECT CASE
        WHEN p.birth_date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN 1
        WHEN COALESCE(NULLIF(c.age_cutoff_date, ''), date(c.submissions_close_at, 'unixepoch')) IS NULL THEN 1
        WHEN p.birth_date > date(COALESCE(NULLIF(c.age_cutoff_date, ''), date(c.submissions_close_at, 'unixepoch')), '-18 years') THEN 1
        ELSE 0 END
    FROM entry e JOIN participant p ON p.participant_id = e.participant_id JOIN contest c ON c.contest_id = e.contest_id
    WHERE e.entry_id = result_line.entry_id
);
