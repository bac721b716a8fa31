-- Twin of migrations/sqlite/20261129000003_upload_pieces.sql (comments there).

DELETE FROM upload;

ALTER TABLE upload ADD COLUMN file_public_id TEXT;

CREATE TABLE upload_piece (
    upload_id  BIGINT NOT NULL REFERENCES upload (upload_id) ON DELETE CASCADE,
    start_at   BIGINT NOT NULL CHECK (start_at >= 0),
    length     BIGINT NOT NULL CHECK (length > 0),
    object_key TEXT   NOT NULL,
    PRIMARY KEY (upload_id, start_at)
);
