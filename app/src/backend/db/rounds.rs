//! Rounds (`domain::advancement`): which contests feed which, the advancement rules, and
//! advancing works into the next round with their files.

use super::{Handle, on};
use crate::domain::advancement::{Boundary, Rule};
use crate::domain::ids::{AccountId, AgeGroupId, ContestId, EntryId, NominationId};

/// Records that `source`'s round feeds `target`'s; `false` if it did already.
pub async fn add_feed(db: impl Handle<'_>, source: ContestId, target: ContestId, by: AccountId, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("INSERT INTO round_feed (source_contest_id, target_contest_id, created_by, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(source)
            .bind(target)
            .bind(by)
            .bind(now)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected() == 1)
    })
}

pub async fn feeds(db: impl Handle<'_>, source: ContestId, target: ContestId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM round_feed WHERE source_contest_id = $1 AND target_contest_id = $2)")
            .bind(source)
            .bind(target)
            .fetch_one(&mut *db)
            .await
    })
}

/// The contests a round feeds (`next`) or is fed by (`!next`): their public ids.
pub async fn linked(db: impl Handle<'_>, contest: ContestId, next: bool) -> Result<Vec<String>, sqlx::Error> {
    let sql = if next {
        "SELECT c.public_id FROM round_feed f JOIN contest c ON c.contest_id = f.target_contest_id WHERE f.source_contest_id = $1 ORDER BY c.contest_id"
    } else {
        "SELECT c.public_id FROM round_feed f JOIN contest c ON c.contest_id = f.source_contest_id WHERE f.target_contest_id = $1 ORDER BY c.contest_id"
    };
    on!(db => sqlx::query_scalar(sql).bind(contest).fetch_all(&mut *db).await)
}

/// A stored advancement rule of a round.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RuleRow {
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub kind: String,
    pub value: String,
    pub boundary: String,
}

impl RuleRow {
    pub fn rule(&self) -> Option<(Rule, Boundary)> {
        Some((Rule::parse(&self.kind, &self.value)?, Boundary::parse(&self.boundary)?))
    }
}

/// Sets the rule of one nomination × age group (`None`: every age group of the nomination).
pub async fn save_rule(db: impl Handle<'_>, contest: ContestId, nomination: NominationId, age_group: Option<AgeGroupId>, rule: (Rule, Boundary), now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        sqlx::query("DELETE FROM advancement_rule WHERE contest_id = $1 AND nomination_id = $2 AND COALESCE(age_group_id, 0) = COALESCE($3, 0)")
            .bind(contest)
            .bind(nomination)
            .bind(age_group)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO advancement_rule (contest_id, nomination_id, age_group_id, kind, value, boundary, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(contest)
            .bind(nomination)
            .bind(age_group)
            .bind(rule.0.kind())
            .bind(rule.0.value())
            .bind(rule.1.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })
}

pub async fn rules(db: impl Handle<'_>, contest: ContestId) -> Result<Vec<RuleRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT nomination_id, age_group_id, kind, value, boundary FROM advancement_rule WHERE contest_id = $1 ORDER BY nomination_id, age_group_id")
            .bind(contest)
            .fetch_all(&mut *db)
            .await
    })
}

/// The entries of `source` (by id) that already advanced into `target`.
pub async fn advanced_into(db: impl Handle<'_>, target: ContestId) -> Result<Vec<EntryId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT advanced_from FROM entry WHERE contest_id = $1 AND advanced_from IS NOT NULL").bind(target).fetch_all(&mut *db).await
    })
}

/// A work going on to the next round, in the next round's nomination and age group.
pub struct Advancing {
    pub from: EntryId,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
}

/// Makes each advancing work an entry of `target`, submitted, with the same participant,
/// entrant, title, description and files (new file records on the same stored bytes; the
/// blobs' own records, thumbnails and judges' copies are shared). Returns the new entries
/// in order. Runs inside the caller's transaction.
pub async fn advance(db: impl Handle<'_>, target: ContestId, works: &[Advancing], now: i64) -> Result<Vec<EntryId>, sqlx::Error> {
    on!(db => {
        let mut receipt: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(receipt_no), 0) FROM entry WHERE contest_id = $1").bind(target).fetch_one(&mut *db).await?;
        // Each new work's anonymous code differs from every code of the round, drawn again on
        // a clash: 10,000 works among 25^6 codes clash in about one advance in five, and a
        // clash inside the transaction undid it all with an internal error.
        let taken: Vec<String> = sqlx::query_scalar("SELECT code FROM entry WHERE contest_id = $1 AND code IS NOT NULL").bind(target).fetch_all(&mut *db).await?;
        let mut taken: std::collections::HashSet<String> = taken.into_iter().collect();
        let mut made = Vec::with_capacity(works.len());
        for w in works {
            receipt += 1;
            let code = loop {
                let code = crate::backend::ids::new_entry_code();
                if taken.insert(code.clone()) {
                    break code;
                }
            };
            let id: EntryId = sqlx::query_scalar(
                "INSERT INTO entry (public_id, contest_id, nomination_id, age_group_id, participant_id, account_id, title, description,
                 state, receipt_no, submitted_at, code, create_token, advanced_from, created_at, updated_at)
                 SELECT $1, $2, $3, $4, participant_id, account_id, title, description, 'submitted', $5, $6, $7, $8, entry_id, $6, $6
                 FROM entry WHERE entry_id = $9 RETURNING entry_id",
            )
            .bind(crate::backend::ids::new_public_id())
            .bind(target)
            .bind(w.nomination_id)
            .bind(w.age_group_id)
            .bind(receipt)
            .bind(now)
            .bind(code)
            .bind(format!("advanced-{target}-{}", w.from))
            .bind(w.from)
            .fetch_one(&mut *db)
            .await?;
            let files: Vec<(i64,)> = sqlx::query_as("SELECT file_id FROM entry_file WHERE entry_id = $1 ORDER BY file_id").bind(w.from).fetch_all(&mut *db).await?;
            for (file,) in files {
                sqlx::query(
                    "INSERT INTO entry_file (public_id, entry_id, sha256, original_name, names_participant, created_at)
                     SELECT $1, $2, sha256, original_name, names_participant, $3 FROM entry_file WHERE file_id = $4",
                )
                .bind(crate::backend::ids::new_public_id())
                .bind(id)
                .bind(now)
                .bind(file)
                .execute(&mut *db)
                .await?;
            }
            made.push(id);
        }
        Ok(made)
    })
}

/// A work's rounds: the entry it advanced from, and those made from it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Step {
    pub entry_id: EntryId,
    pub entry_public_id: String,
    pub contest_id: ContestId,
    pub contest_public_id: String,
}

/// The entry `entry` advanced from.
pub async fn previous(db: impl Handle<'_>, entry: EntryId) -> Result<Option<Step>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT p.entry_id, p.public_id AS entry_public_id, p.contest_id, c.public_id AS contest_public_id FROM entry e JOIN entry p ON p.entry_id = e.advanced_from
             JOIN contest c ON c.contest_id = p.contest_id WHERE e.entry_id = $1",
        )
        .bind(entry)
        .fetch_optional(&mut *db)
        .await
    })
}

/// The entries made from `entry` in later rounds.
pub async fn next(db: impl Handle<'_>, entry: EntryId) -> Result<Vec<Step>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT e.entry_id, e.public_id AS entry_public_id, e.contest_id, c.public_id AS contest_public_id FROM entry e JOIN contest c ON c.contest_id = e.contest_id
             WHERE e.advanced_from = $1 ORDER BY e.entry_id",
        )
        .bind(entry)
        .fetch_all(&mut *db)
        .await
    })
}
