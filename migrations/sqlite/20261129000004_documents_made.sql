-- Diplomas are made off the request path, once per published version, by whichever instance
-- leases the work (`documents:<contest>:<version>`): when every document's PDF is in the
-- store, the version says so here and no instance looks at it again.
ALTER TABLE result_version ADD COLUMN documents_made_at INTEGER;
