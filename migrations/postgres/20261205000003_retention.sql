-- Personal data that expires. A contest's retention period counts from when it was archived;
-- when it is over, its participants' personal data is reduced (full name to first name and
-- initial, date of birth to the year, school and supervisor removed) and its files deleted.
-- Contests archived before this column existed count from their last change.
ALTER TABLE contest ADD COLUMN archived_at BIGINT;
UPDATE contest SET archived_at = updated_at WHERE status = 'archived';
-- When this contest's participants were reduced: the retention period ran out.
ALTER TABLE contest ADD COLUMN reduced_at BIGINT;

-- A reduced participant keeps only what results and diplomas need; the entrant's list of
-- people to submit for no longer shows it. A guardian's withdrawn consent reduces the child.
ALTER TABLE participant ADD COLUMN reduced_at BIGINT;
ALTER TABLE participant ADD COLUMN consent_withdrawn_at BIGINT;

-- A deleted account: its row stays (published entries, the audit log and judges' history
-- refer to it), emptied of everything personal; its address is free again.
ALTER TABLE account ADD COLUMN deleted_at BIGINT;
