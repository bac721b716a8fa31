-- Twin of migrations/sqlite/20261129000002_instances.sql (comments there).

ALTER TABLE contest ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE ip_window (
    ip           TEXT   PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts     BIGINT NOT NULL CHECK (attempts >= 0)
);
CREATE INDEX ip_window_start ON ip_window (window_start);

CREATE TABLE lease (
    name       TEXT   PRIMARY KEY,
    holder     TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
