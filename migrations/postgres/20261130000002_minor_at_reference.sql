-- Whether a participant counts as a minor is decided once, by their age at the contest's
-- reference date (its age cut-off, else the close of entries), and kept with the computed
-- version: a participant published as a minor stays shown as one when they turn 18.
-- Lines published before this column existed get it from the same rule (an unreadable
-- birth date or reference counts as a minor: the careful side).
ALTER TABLE result_line ADD COLUMN minor BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE result_line l SET minor = CASE
        WHEN p.birth_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN TRUE
        WHEN COALESCE(NULLIF(c.age_cutoff_date, ''), to_char(to_timestamp(c.submissions_close_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')) IS NULL THEN TRUE
        ELSE p.birth_date > to_char(CAST(COALESCE(NULLIF(c.age_cutoff_date, ''), to_char(to_timestamp(c.submissions_close_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')) AS DATE) - INTERVAL '18 years', 'YYYY-MM-DD')
    END
FROM entry e JOIN participant p ON p.participant_id = e.participant_id JOIN contest c ON c.contest_id = e.contest_id
WHERE e.entry_id = l.entry_id;
