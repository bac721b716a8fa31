-- Uploads across instances: an upload's pieces are objects in the store (shared by every
-- instance, the local directory or S3-compatible storage), each recorded here when it is
-- acknowledged, so any instance takes the next piece and the one that takes the last puts
-- them together. The local `.part` files of uploads in progress at this upgrade cannot be
-- carried over: those uploads start again (the browser asks, finds nothing, starts anew).
DELETE FROM upload;

-- The entry's file this upload became, once finished: a repeated last piece (its answer
-- was lost) is answered with the same file instead of a second one.
ALTER TABLE upload ADD COLUMN file_public_id TEXT;

CREATE TABLE upload_piece (
    upload_id  INTEGER NOT NULL REFERENCES upload (upload_id) ON DELETE CASCADE,
    -- Where the piece starts in the file, and its length: pieces tile 0..received.
    start_at   INTEGER NOT NULL CHECK (start_at >= 0),
    length     INTEGER NOT NULL CHECK (length > 0),
    object_key TEXT    NOT NULL,
    PRIMARY KEY (upload_id, start_at)
);
