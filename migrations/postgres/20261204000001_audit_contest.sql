-- The audit log names the contest each line concerns (a contest's own actions and those on
-- its entries), so that an admin can read one contest's history; lines about accounts have
-- none. Lines written before this column existed get it from their target.
ALTER TABLE audit_log ADD COLUMN contest_id BIGINT REFERENCES contest (contest_id) ON DELETE SET NULL;
UPDATE audit_log a SET contest_id = c.contest_id FROM contest c WHERE a.target = 'contest:' || c.public_id;
UPDATE audit_log a SET contest_id = e.contest_id FROM entry e WHERE a.target = 'entry:' || e.public_id;
CREATE INDEX audit_log_by_contest ON audit_log (contest_id, audit_log_id);
CREATE INDEX audit_log_by_actor ON audit_log (actor_account_id, audit_log_id);
