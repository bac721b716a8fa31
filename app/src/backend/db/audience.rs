//! The audience award (`domain::audience`): a contest's vote window, the one-time links
//! that prove a voter's address, the votes (a hash of the address, never the address),
//! voiding, and the publication that issues the audience diplomas.

use super::{Handle, on};
use crate::domain::ids::{AccountId, ContestId, EntryId};

/// A contest's vote window and its publication.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AwardRow {
    pub opens_at: i64,
    pub closes_at: i64,
    pub count_shown: String,
    pub published_at: Option<i64>,
}

pub async fn award(db: impl Handle<'_>, contest_id: ContestId) -> Result<Option<AwardRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, AwardRow>("SELECT opens_at, closes_at, count_shown, published_at FROM audience_award WHERE contest_id = $1")
            .bind(contest_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Sets the window (`Some((opens, closes, count))`) or removes it with every vote
/// (`None`); the published result, once there is one, is not changed here.
pub async fn set_award(db: impl Handle<'_>, contest_id: ContestId, window: Option<(i64, i64, &str)>, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        match window {
            Some((opens, closes, count)) => {
                sqlx::query(
                    "INSERT INTO audience_award (contest_id, opens_at, closes_at, count_shown, updated_at) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (contest_id) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at,
                       count_shown = excluded.count_shown, updated_at = excluded.updated_at",
                )
                .bind(contest_id)
                .bind(opens)
                .bind(closes)
                .bind(count)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM audience_vote WHERE contest_id = $1").bind(contest_id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM vote_request WHERE contest_id = $1").bind(contest_id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM audience_award WHERE contest_id = $1").bind(contest_id).execute(&mut *tx).await?;
            }
        }
        tx.commit().await
    })
}

/// A voting link: the work it votes for and the address it was sent to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub contest_id: ContestId,
    pub entry_id: EntryId,
    pub email: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

pub async fn insert_request(db: impl Handle<'_>, token_hash: &str, r: &RequestRow, ip: &str, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO vote_request (token_hash, contest_id, entry_id, email, ip, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(token_hash)
            .bind(r.contest_id)
            .bind(r.entry_id)
            .bind(&r.email)
            .bind(ip)
            .bind(now)
            .bind(r.expires_at)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// The link hashed as `token_hash`, used or not.
pub async fn request(db: impl Handle<'_>, token_hash: &str) -> Result<Option<RequestRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, RequestRow>("SELECT contest_id, entry_id, email, expires_at, used_at FROM vote_request WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&mut *db)
            .await
    })
}

/// A vote as it is counted.
pub struct NewVote<'a> {
    pub contest_id: ContestId,
    pub voter: &'a str,
    pub email_domain: &'a str,
    pub nomination_id: i64,
    pub age_group_key: i64,
    pub entry_id: EntryId,
    pub ip: &'a str,
    pub network: &'a str,
}

/// What using a link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cast {
    /// The link was unknown, used or expired: nothing was counted.
    NoLink,
    /// Counted; it replaced the voter's earlier vote in its group for this work, if any.
    Counted { replaced: Option<EntryId> },
    /// The voter's vote in this group was voided by the organisers: it stays voided.
    Voided,
}

/// Uses the link and counts its vote, replacing the voter's earlier one in the same
/// nomination × age group unless that was voided; one transaction.
pub async fn cast(db: impl Handle<'_>, token_hash: &str, v: &NewVote<'_>, now: i64) -> Result<Cast, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let used = sqlx::query("UPDATE vote_request SET used_at = $1, email = '' WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3")
            .bind(now)
            .bind(token_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if used != 1 {
            return Ok(Cast::NoLink);
        }
        let before = vote_of(&mut *tx, v.contest_id, v.voter, (v.nomination_id, v.age_group_key)).await?;
        if before.as_ref().is_some_and(|(_, voided)| voided.is_some()) {
            tx.commit().await?;
            return Ok(Cast::Voided);
        }
        sqlx::query(
            "INSERT INTO audience_vote (contest_id, voter, email_domain, nomination_id, age_group_key, entry_id, ip, network, cast_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (contest_id, voter, nomination_id, age_group_key) DO UPDATE SET entry_id = excluded.entry_id,
               email_domain = excluded.email_domain, ip = excluded.ip, network = excluded.network, cast_at = excluded.cast_at",
        )
        .bind(v.contest_id)
        .bind(v.voter)
        .bind(v.email_domain)
        .bind(v.nomination_id)
        .bind(v.age_group_key)
        .bind(v.entry_id)
        .bind(v.ip)
        .bind(v.network)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Cast::Counted { replaced: before.map(|(e, _)| e).filter(|e| *e != v.entry_id) })
    })
}

/// The counted (not voided) votes of a contest: the work, the network, when.
pub async fn ballots(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(EntryId, String, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT entry_id, network, cast_at FROM audience_vote WHERE contest_id = $1 AND voided_at IS NULL ORDER BY cast_at, audience_vote_id")
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// The counted votes of a contest per work (works without one are absent).
pub async fn counts(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(EntryId, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT entry_id, COUNT(*) FROM audience_vote WHERE contest_id = $1 AND voided_at IS NULL GROUP BY entry_id")
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await
    })
}

/// The voided votes of a contest by reason: (reason, votes, when the last was voided).
pub async fn voided(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT COALESCE(void_reason, ''), COUNT(*), MAX(voided_at) FROM audience_vote WHERE contest_id = $1 AND voided_at IS NOT NULL
             GROUP BY void_reason ORDER BY MAX(voided_at)",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Voids the counted votes from `network` cast in `[from, to]`, with the reason; how many.
pub async fn void_group(db: impl Handle<'_>, contest_id: ContestId, network: &str, span: (i64, i64), reason: &str, by: AccountId, now: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query(
            "UPDATE audience_vote SET voided_at = $1, void_reason = $2, voided_by = $3
             WHERE contest_id = $4 AND network = $5 AND cast_at >= $6 AND cast_at <= $7 AND voided_at IS NULL",
        )
        .bind(now)
        .bind(reason)
        .bind(by)
        .bind(contest_id)
        .bind(network)
        .bind(span.0)
        .bind(span.1)
        .execute(&mut *db)
        .await
        .map(|r| r.rows_affected())
    })
}

/// An audience diploma to issue at publication.
pub struct AudienceDocument {
    pub code: String,
    pub entry_id: EntryId,
    pub holder: String,
}

/// Publishes the audience award once the window has closed, exactly once (the claim),
/// issuing its diplomas and queuing its mails in the same transaction. `false`: already
/// published, or not closed yet.
pub async fn publish(db: impl Handle<'_>, contest_id: ContestId, by: AccountId, documents: &[AudienceDocument], mails: &[super::results::Mail], now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let claimed = sqlx::query("UPDATE audience_award SET published_at = $1, published_by = $2 WHERE contest_id = $3 AND published_at IS NULL AND closes_at <= $4")
            .bind(now)
            .bind(by)
            .bind(contest_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if claimed != 1 {
            return Ok(false);
        }
        for d in documents {
            sqlx::query("INSERT INTO document (code, contest_id, version, entry_id, kind, award, holder, created_at) VALUES ($1, $2, 0, $3, 'audience', 'audience', $4, $5)")
                .bind(&d.code)
                .bind(contest_id)
                .bind(d.entry_id)
                .bind(&d.holder)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        super::outbox::enqueue_all(&mut *tx, mails, now).await?;
        super::contests::bump_revision(&mut *tx, contest_id).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Forgets voting links that expired (with the addresses they were sent to).
pub async fn delete_stale_requests(db: impl Handle<'_>, now: i64) -> Result<u64, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM vote_request WHERE expires_at <= $1").bind(now).execute(&mut *db).await.map(|r| r.rows_affected())
    })
}

/// Whom an audience diploma names and whom its mail goes to: per work of the contest, the
/// participant's full name and the entrant's address and name.
pub async fn holders(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(EntryId, String, String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.entry_id, p.full_name, a.email, a.display_name FROM entry e
             JOIN participant p ON p.participant_id = e.participant_id JOIN account a ON a.account_id = e.account_id
             WHERE e.contest_id = $1 AND e.gallery_consent_at IS NOT NULL",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// A voter's vote in one nomination × age group (`(nomination, age group key)`): the work,
/// and when it was voided if it was.
pub async fn vote_of(db: impl Handle<'_>, contest_id: ContestId, voter: &str, group: (i64, i64)) -> Result<Option<(EntryId, Option<i64>)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT entry_id, voided_at FROM audience_vote WHERE contest_id = $1 AND voter = $2 AND nomination_id = $3 AND age_group_key = $4")
            .bind(contest_id)
            .bind(voter)
            .bind(group.0)
            .bind(group.1)
            .fetch_optional(&mut *db)
            .await
    })
}
