-- The copy of a stored work that judges of a blind contest receive, with its metadata taken
-- out (every kind but images, whose re-encoded copies are the thumbnails' job): made once in
-- the background. pending, ready, or failed (the file could not be read as its type; it is
-- then not served to blind judges, and the organisers see why).
ALTER TABLE blob ADD COLUMN clean_state TEXT CHECK (clean_state IN ('pending', 'ready', 'failed'));
UPDATE blob SET clean_state = 'pending' WHERE kind <> 'image';
CREATE INDEX blob_clean_pending ON blob (clean_state) WHERE clean_state = 'pending';
-- The visible text at the start of the file (a PDF's first page, a document's body) names
-- the entry's participant: shown to the entrant and the organisers, never blocking.
ALTER TABLE entry_file ADD COLUMN names_participant BOOLEAN NOT NULL DEFAULT FALSE;
