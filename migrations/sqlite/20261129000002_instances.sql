-- Several instances on one database: nothing they must agree on lives in one process.

-- Bumped by every admin change to a contest: a cached results page is keyed by it, so every
-- instance stops serving a page the change made stale without being told.
ALTER TABLE contest ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- Login, registration and reset attempts per client address in fixed ten-minute windows,
-- counted for all instances together.
CREATE TABLE ip_window (
    ip           TEXT    PRIMARY KEY,
    window_start INTEGER NOT NULL,
    attempts     INTEGER NOT NULL CHECK (attempts >= 0)
);
CREATE INDEX ip_window_start ON ip_window (window_start);

-- Background work claimed by one instance at a time ('thumb:<sha256>', 'housekeeping'):
-- held until expires_at, handed back when done or when the instance stops; an instance that
-- dies loses it at expiry and another takes it over.
CREATE TABLE lease (
    name       TEXT    PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
