-- An account's address is confirmed by a one-time link sent to it before the account may
-- submit an entry, judge or be given a role. Accounts that hold a role already were given
-- it by an admin, an invitation mailed to the address, or the operator: they count as
-- confirmed. Entrants who registered before this must confirm before their next submission.
ALTER TABLE account ADD COLUMN email_confirmed_at BIGINT;
UPDATE account SET email_confirmed_at = created_at WHERE role IN ('admin', 'judge');

-- Only the SHA-256 of the link's token is kept. The link confirms the address it was sent
-- to, and only while the account still has it.
CREATE TABLE email_confirmation (
    token_hash TEXT    PRIMARY KEY,
    account_id BIGINT  NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_confirmation_account ON email_confirmation (account_id, created_at);
