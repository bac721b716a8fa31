-- Twin of migrations/sqlite/20261129000004_documents_made.sql (comments there).
ALTER TABLE result_version ADD COLUMN documents_made_at BIGINT;
