-- Addresses people can read and type (`/contests/uly-dala-tulgalary`, `/uly-dala-tulgalary`):
-- the contest's current one, and every one it ever had, so that an old link or a printed
-- poster still leads to it (to the current address). Contests made before get theirs from
-- their title when the server starts.
ALTER TABLE contest ADD COLUMN slug TEXT;
CREATE UNIQUE INDEX contest_slug_current ON contest (slug);
CREATE TABLE contest_slug (
    slug TEXT PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX contest_slug_contest ON contest_slug (contest_id);
