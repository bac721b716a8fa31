-- Organisations and per-contest staff (`domain::access`). A republican organiser hosts
-- regional libraries on one installation: each organisation has its own admins and
-- contests, and a contest has its own staff (organiser, coordinator, viewer) given by its
-- organisation's admins. Accounts with the role `admin` are the site's administrators: they
-- manage organisations and may do everything everywhere. A contest without an organisation
-- is the host's own, as every contest made before this migration is.
CREATE TABLE organisation (
    organisation_id INTEGER PRIMARY KEY,
    public_id       TEXT    NOT NULL UNIQUE,
    name_kk         TEXT,
    name_ru         TEXT,
    name_en         TEXT,
    created_at      INTEGER  NOT NULL,
    CHECK (name_kk IS NOT NULL OR name_ru IS NOT NULL OR name_en IS NOT NULL)
);

CREATE TABLE organisation_admin (
    organisation_id INTEGER  NOT NULL REFERENCES organisation (organisation_id) ON DELETE CASCADE,
    account_id      INTEGER  NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    created_at      INTEGER  NOT NULL,
    PRIMARY KEY (organisation_id, account_id)
);
CREATE INDEX organisation_admin_account ON organisation_admin (account_id);

ALTER TABLE contest ADD COLUMN organisation_id INTEGER REFERENCES organisation (organisation_id);
CREATE INDEX contest_organisation ON contest (organisation_id);

CREATE TABLE contest_staff (
    contest_id INTEGER  NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    account_id INTEGER  NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('organiser', 'coordinator', 'viewer')),
    created_at INTEGER  NOT NULL,
    PRIMARY KEY (contest_id, account_id)
);
CREATE INDEX contest_staff_account ON contest_staff (account_id);
