-- The contest's poster: a file name under DATA_DIR/posters (random, never the uploader's).
ALTER TABLE contest ADD COLUMN poster_file TEXT;
