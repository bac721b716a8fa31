-- The public gallery (`domain::gallery`): a contest may show its works in public after its
-- results are published ('results') or from a moment the organisers set ('date'; kept in
-- `gallery_opens_at`). A work is shown only with a separate consent to publication, given
-- per entry: by the guardian for a minor, by the participant for an adult. It is recorded
-- with the version of the text agreed to, when and by which account; revoking it clears it
-- (the audit log keeps the history).
ALTER TABLE contest ADD COLUMN gallery TEXT NOT NULL DEFAULT 'off' CHECK (gallery IN ('off', 'results', 'date'));
ALTER TABLE contest ADD COLUMN gallery_opens_at INTEGER;
ALTER TABLE entry ADD COLUMN gallery_consent_version TEXT;
ALTER TABLE entry ADD COLUMN gallery_consent_at INTEGER;
ALTER TABLE entry ADD COLUMN gallery_consent_by INTEGER REFERENCES account (account_id) ON DELETE SET NULL;
CREATE INDEX entry_gallery ON entry (contest_id) WHERE gallery_consent_at IS NOT NULL;
