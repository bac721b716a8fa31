-- The audit log names the contest each line concerns (a contest's own actions and those on
-- its entries), so that an admin can read one contest's history; lines about accounts have
-- none. Lines written before this column existed get it from their target.
ALTER TABLE audit_log ADD COLUMN contest_id INTEGER REFERENCES contest (contest_id) ON DELETE SET NULL;
UPDATE audit_log SET contest_id = (SELECT c.contest_id FROM contest c WHERE 'contest:' || c.public_id = audit_log.target)
WHERE target LIKE 'contest:%';
UPDATE audit_log SET contest_id = (SELECT e.contest_id FROM entry e WHERE 'entry:' || e.public_id = audit_log.target)
WHERE target LIKE 'entry:%';
CREATE INDEX audit_log_by_contest ON audit_log (contest_id, audit_log_id);
CREATE INDEX audit_log_by_actor ON audit_log (actor_account_id, audit_log_id);
