-- Near-duplicate works (`domain::likeness`): each stored file's print, made once off the
-- request path with its thumbnail or blind copy (`blob_print`: an image's perceptual hashes,
-- a text's MinHash signature, or 'none' for a file read but with nothing to compare by), and
-- the organisers' verdicts on pairs of works found alike (`likeness_verdict`: the pair is
-- fine, or one of its works was disqualified, which one named, always with a reason). A pair is kept by its
-- two entries, the lower id first, under the contest it was reviewed in; the other work
-- may belong to an earlier contest.
CREATE TABLE blob_print (
    sha256     TEXT    PRIMARY KEY REFERENCES blob (sha256) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('image', 'text', 'none')),
    print      TEXT    NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE likeness_verdict (
    contest_id BIGINT NOT NULL REFERENCES contest (contest_id) ON DELETE CASCADE,
    entry_a    BIGINT NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    entry_b    BIGINT NOT NULL REFERENCES entry (entry_id) ON DELETE CASCADE,
    verdict    TEXT    NOT NULL CHECK (verdict IN ('fine', 'disqualified')),
    disqualified_entry BIGINT REFERENCES entry (entry_id) ON DELETE CASCADE,
    reason     TEXT    NOT NULL,
    decided_by BIGINT REFERENCES account (account_id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (contest_id, entry_a, entry_b),
    CHECK (entry_a < entry_b),
    CHECK ((verdict = 'disqualified') = (disqualified_entry IS NOT NULL)),
    CHECK (disqualified_entry IS NULL OR disqualified_entry IN (entry_a, entry_b))
);
