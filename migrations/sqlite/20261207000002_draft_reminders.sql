-- When an unfinished entry's entrant was reminded that entries close soon (once per entry).
ALTER TABLE entry ADD COLUMN reminded_at INTEGER;
