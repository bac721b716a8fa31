//! Participants and entries (their files: `files`).
//! Every read an entrant can trigger is scoped by the owning account, so another account's
//! id finds nothing.

use crate::domain::ids::{AccountId, AgeGroupId, ContestId, EntryId, NominationId, ParticipantId};
use super::{on, Handle};
use crate::domain::entry::EntryState;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ParticipantRow {
    pub participant_id: ParticipantId,
    pub public_id: String,
    pub account_id: AccountId,
    pub full_name: String,
    pub birth_date: String,
    pub school: String,
    pub city: String,
    pub supervisor: String,
    pub supervisor_email: String,
    pub consent_version: Option<String>,
    pub consent_at: Option<i64>,
}

const PARTICIPANT: &str = "SELECT participant_id, public_id, account_id, full_name, birth_date, school, city, supervisor, supervisor_email,
    consent_version, consent_at FROM participant";

/// The people an account submits for; reduced ones (past retention, consent withdrawn) are
/// no longer among them.
pub async fn participants(db: impl Handle<'_>, account_id: AccountId) -> Result<Vec<ParticipantRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ParticipantRow>(sqlx::AssertSqlSafe(format!(
            "{PARTICIPANT} WHERE account_id = $1 AND reduced_at IS NULL ORDER BY full_name, participant_id"
        )))
            .bind(account_id)
            .fetch_all(&mut *db)
            .await
    })
}

pub async fn participant(db: impl Handle<'_>, account_id: AccountId, public_id: &str) -> Result<Option<ParticipantRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ParticipantRow>(sqlx::AssertSqlSafe(format!("{PARTICIPANT} WHERE account_id = $1 AND public_id = $2 AND reduced_at IS NULL")))
            .bind(account_id)
            .bind(public_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// A participant by id, whoever's it is: the caller has already checked access to the entry
/// that names it.
pub async fn participant_by_id(db: impl Handle<'_>, participant_id: ParticipantId) -> Result<Option<ParticipantRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, ParticipantRow>(sqlx::AssertSqlSafe(format!("{PARTICIPANT} WHERE participant_id = $1"))).bind(participant_id).fetch_optional(&mut *db).await
    })
}

/// A work entered as already submitted, without files (the demo data's entries).
pub struct SubmittedEntry<'a> {
    pub contest_id: ContestId,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub participant_id: ParticipantId,
    pub account_id: AccountId,
    pub title: &'a str,
    pub description: &'a str,
    pub receipt_no: i64,
    pub create_token: &'a str,
}

/// Inserts a submitted entry with a fresh public id and anonymous code; its id.
pub async fn insert_submitted(db: impl Handle<'_>, e: &SubmittedEntry<'_>, now: i64) -> Result<EntryId, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO entry (public_id, contest_id, nomination_id, age_group_id, participant_id, account_id, title, description,
             state, receipt_no, submitted_at, code, create_token, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10, $11, $12, $13, $14) RETURNING entry_id",
        )
        .bind(crate::backend::ids::new_public_id())
        .bind(e.contest_id)
        .bind(e.nomination_id)
        .bind(e.age_group_id)
        .bind(e.participant_id)
        .bind(e.account_id)
        .bind(e.title)
        .bind(e.description)
        .bind(e.receipt_no)
        .bind(now)
        .bind(crate::backend::ids::new_entry_code())
        .bind(e.create_token)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *db)
        .await
    })
}

/// The entry of a contest with this anonymous code.
pub async fn entry_id_by_code(db: impl Handle<'_>, contest_id: ContestId, code: &str) -> Result<Option<EntryId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT entry_id FROM entry WHERE contest_id = $1 AND code = $2").bind(contest_id).bind(code).fetch_optional(&mut *db).await
    })
}

pub struct ParticipantData<'a> {
    pub full_name: &'a str,
    pub birth_date: &'a str,
    pub school: &'a str,
    pub city: &'a str,
    pub supervisor: &'a str,
    pub supervisor_email: &'a str,
    /// The consent text version agreed to now, if the form recorded consent.
    pub consent: Option<&'a str>,
}

/// Inserts (`existing` None) or updates one of the account's participants. Consent, once
/// recorded, stays with its first version and time unless a new version is agreed to.
pub async fn save_participant(
    db: impl Handle<'_>,
    account_id: AccountId,
    existing: Option<ParticipantId>,
    public_id: &str,
    p: &ParticipantData<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = match existing {
            None => sqlx::query(
                "INSERT INTO participant (public_id, account_id, full_name, birth_date, school, city, supervisor, supervisor_email,
                 consent_version, consent_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(public_id)
            .bind(account_id)
            .bind(p.full_name)
            .bind(p.birth_date)
            .bind(p.school)
            .bind(p.city)
            .bind(p.supervisor)
            .bind(p.supervisor_email)
            .bind(p.consent)
            .bind(p.consent.map(|_| now))
            .bind(now)
            .bind(now)
            .execute(&mut *db)
            .await?,
            Some(id) => sqlx::query(
                "UPDATE participant SET full_name = $1, birth_date = $2, school = $3, city = $4, supervisor = $5,
                 consent_at = CASE WHEN $6 IS NULL OR consent_version IS NOT DISTINCT FROM $6 THEN consent_at ELSE $7 END,
                 consent_version = COALESCE($6, consent_version), updated_at = $7, supervisor_email = $10
                 WHERE participant_id = $8 AND account_id = $9",
            )
            .bind(p.full_name)
            .bind(p.birth_date)
            .bind(p.school)
            .bind(p.city)
            .bind(p.supervisor)
            .bind(p.consent)
            .bind(now)
            .bind(id)
            .bind(account_id)
            .bind(p.supervisor_email)
            .execute(&mut *db)
            .await?,
        };
        Ok(r.rows_affected() == 1)
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub entry_id: EntryId,
    pub public_id: String,
    pub contest_id: ContestId,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub participant_id: ParticipantId,
    pub account_id: AccountId,
    pub title: String,
    pub description: String,
    pub state: EntryState,
    pub receipt_no: Option<i64>,
    pub submitted_at: Option<i64>,
    pub disqualify_reason: Option<String>,
    /// The anonymous code judges know it by.
    pub code: Option<String>,
    /// When its consent to publication in the gallery was given (`domain::gallery`).
    pub gallery_consent_at: Option<i64>,
    /// The version of the consent's text it was given under.
    pub gallery_consent_version: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const ENTRY: &str = "SELECT entry_id, public_id, contest_id, nomination_id, age_group_id, participant_id, account_id,
    title, description, state, receipt_no, submitted_at, disqualify_reason, code, gallery_consent_at, gallery_consent_version, created_at, updated_at FROM entry";

/// An entry by public id, only if `account_id` owns it (None: any owner, for admins).
pub async fn entry(db: impl Handle<'_>, account_id: Option<AccountId>, public_id: &str) -> Result<Option<EntryRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, EntryRow>(sqlx::AssertSqlSafe(format!("{ENTRY} WHERE public_id = $1 AND ($2 IS NULL OR account_id = $2)")))
            .bind(public_id)
            .bind(account_id)
            .fetch_optional(&mut *db)
            .await
    })
}

pub async fn entry_by_id(db: impl Handle<'_>, entry_id: EntryId) -> Result<Option<EntryRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, EntryRow>(sqlx::AssertSqlSafe(format!("{ENTRY} WHERE entry_id = $1")))
            .bind(entry_id)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Entries of a participant in a nomination that count against its limit.
pub async fn count_for_limit(db: impl Handle<'_>, participant_id: ParticipantId, nomination_id: NominationId, except: Option<EntryId>) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM entry WHERE participant_id = $1 AND nomination_id = $2 AND state <> 'withdrawn'
             AND entry_id IS DISTINCT FROM $3",
        )
        .bind(participant_id)
        .bind(nomination_id)
        .bind(except)
        .fetch_one(&mut *db)
        .await
    })
}

pub struct NewEntry<'a> {
    pub public_id: &'a str,
    pub contest_id: ContestId,
    pub nomination_id: NominationId,
    pub age_group_id: Option<AgeGroupId>,
    pub participant_id: ParticipantId,
    pub account_id: AccountId,
    pub title: &'a str,
    pub description: &'a str,
    pub create_token: &'a str,
}

/// Creates a draft, or finds the one this form already created: the public id of the entry.
pub async fn insert_entry(db: impl Handle<'_>, e: &NewEntry<'_>, now: i64) -> Result<String, sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO entry (public_id, contest_id, nomination_id, age_group_id, participant_id, account_id, title,
             description, create_token, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (account_id, create_token) DO NOTHING",
        )
        .bind(e.public_id)
        .bind(e.contest_id)
        .bind(e.nomination_id)
        .bind(e.age_group_id)
        .bind(e.participant_id)
        .bind(e.account_id)
        .bind(e.title)
        .bind(e.description)
        .bind(e.create_token)
        .bind(now)
        .bind(now)
        .execute(&mut *db)
        .await?;
        entry_for_token(&mut *db, e.account_id, e.create_token).await?.ok_or(sqlx::Error::RowNotFound)
    })
}

/// The entry a form with this one-time token created, if any.
pub async fn entry_for_token(db: impl Handle<'_>, account_id: AccountId, token: &str) -> Result<Option<String>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("SELECT public_id FROM entry WHERE account_id = $1 AND create_token = $2")
            .bind(account_id)
            .bind(token)
            .fetch_optional(&mut *db)
            .await
    })
}

/// Changes a draft's or submitted entry's texts, participant placement and nomination.
pub async fn update_entry(db: impl Handle<'_>, entry_id: EntryId, e: &NewEntry<'_>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query(
            "UPDATE entry SET nomination_id = $1, age_group_id = $2, participant_id = $3, title = $4, description = $5, updated_at = $6
             WHERE entry_id = $7 AND state IN ('draft', 'submitted')",
        )
        .bind(e.nomination_id)
        .bind(e.age_group_id)
        .bind(e.participant_id)
        .bind(e.title)
        .bind(e.description)
        .bind(now)
        .bind(entry_id)
        .execute(&mut *db)
        .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Submits a draft and queues the confirmation, in one transaction. The receipt number is
/// the contest's next. `None` when the entry was not a draft (a second tab, a double
/// click): nothing changes and no second mail goes out.
/// The entry also gets its anonymous code for judges (`code` is asked again on the rare
/// collision, as is the receipt number when two submissions race for it).
pub async fn submit(
    db: impl Handle<'_>,
    entry: &EntryRow,
    mail: impl Fn(i64) -> (String, String, String, String),
    mut code: impl FnMut() -> String,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    on!(db => {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match submit_once(&mut *db, entry, &mail, &code(), now).await {
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() && attempt < 4 => continue,
                other => return other,
            }
        }
    })
}

async fn submit_once(db: impl Handle<'_>, entry: &EntryRow, mail: &impl Fn(i64) -> (String, String, String, String), code: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let no: Option<Option<i64>> = sqlx::query_scalar(
            "UPDATE entry SET state = 'submitted', submitted_at = $1, updated_at = $2, code = COALESCE(code, $3),
             receipt_no = COALESCE(receipt_no, (SELECT COALESCE(MAX(receipt_no), 0) + 1 FROM entry WHERE contest_id = $4))
             WHERE entry_id = $5 AND state = 'draft' RETURNING receipt_no",
        )
        .bind(now)
        .bind(now)
        .bind(code)
        .bind(entry.contest_id)
        .bind(entry.entry_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(Some(no)) = no else { return Ok(None) };
        let (to, name, subject, body) = mail(no);
        super::outbox::enqueue_notice(&mut *tx, &to, &name, &subject, &body, now).await?;
        tx.commit().await?;
        Ok(Some(no))
    })
}

/// Takes a draft or submitted entry out of the contest. `false` when it was neither.
pub async fn withdraw(db: impl Handle<'_>, entry_id: EntryId, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query(
            "UPDATE entry SET state = 'withdrawn', withdrawn_at = $1, updated_at = $2 WHERE entry_id = $3 AND state IN ('draft', 'submitted')",
        )
        .bind(now)
        .bind(now)
        .bind(entry_id)
        .execute(&mut *db)
        .await?;
        if r.rows_affected() == 1 {
            // A work in or out changes its contest's public pages (the gallery): every
            // instance's cached page is dropped at its next request.
            sqlx::query("UPDATE contest SET revision = revision + 1 WHERE contest_id = (SELECT contest_id FROM entry WHERE entry_id = $1)")
                .bind(entry_id)
                .execute(&mut *db)
                .await?;
        }
        Ok(r.rows_affected() == 1)
    })
}

/// An admin's decision: a submitted entry out (with the reason the entrant sees), or back in.
pub async fn set_disqualified(db: impl Handle<'_>, entry_id: EntryId, reason: Option<&str>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = match reason {
            Some(reason) => sqlx::query(
                "UPDATE entry SET state = 'disqualified', disqualified_at = $1, disqualify_reason = $2, updated_at = $3
                 WHERE entry_id = $4 AND state = 'submitted'",
            )
            .bind(now)
            .bind(reason)
            .bind(now)
            .bind(entry_id)
            .execute(&mut *db)
            .await?,
            None => sqlx::query(
                "UPDATE entry SET state = 'submitted', disqualified_at = NULL, disqualify_reason = NULL, updated_at = $1
                 WHERE entry_id = $2 AND state = 'disqualified'",
            )
            .bind(now)
            .bind(entry_id)
            .execute(&mut *db)
            .await?,
        };
        if r.rows_affected() == 1 {
            // A work in or out changes its contest's public pages (the gallery): every
            // instance's cached page is dropped at its next request.
            sqlx::query("UPDATE contest SET revision = revision + 1 WHERE contest_id = (SELECT contest_id FROM entry WHERE entry_id = $1)")
                .bind(entry_id)
                .execute(&mut *db)
                .await?;
        }
        Ok(r.rows_affected() == 1)
    })
}

/// One line of a list of entries, with what lists show and exports need.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryLine {
    pub entry_id: EntryId,
    pub public_id: String,
    pub contest_id: ContestId,
    pub contest_public_id: String,
    pub contest_title_kk: Option<String>,
    pub contest_title_ru: Option<String>,
    pub contest_title_en: Option<String>,
    pub nomination_id: NominationId,
    pub nomination_kk: Option<String>,
    pub nomination_ru: Option<String>,
    pub nomination_en: Option<String>,
    pub age_group_id: Option<AgeGroupId>,
    pub age_group_kk: Option<String>,
    pub age_group_ru: Option<String>,
    pub age_group_en: Option<String>,
    pub title: String,
    pub state: EntryState,
    pub receipt_no: Option<i64>,
    pub submitted_at: Option<i64>,
    pub updated_at: i64,
    pub participant_name: String,
    pub birth_date: String,
    pub school: String,
    pub city: String,
    pub supervisor: String,
    pub entrant_email: String,
    pub entrant_name: String,
    pub files: i64,
}

const LINE: &str = "SELECT e.entry_id, e.public_id, e.contest_id, c.public_id AS contest_public_id, c.title_kk AS contest_title_kk,
    c.title_ru AS contest_title_ru, c.title_en AS contest_title_en, e.nomination_id, n.name_kk AS nomination_kk,
    n.name_ru AS nomination_ru, n.name_en AS nomination_en, e.age_group_id, g.name_kk AS age_group_kk,
    g.name_ru AS age_group_ru, g.name_en AS age_group_en, e.title, e.state, e.receipt_no, e.submitted_at,
    e.updated_at, p.full_name AS participant_name, p.birth_date, p.school, p.city, p.supervisor,
    a.email AS entrant_email, a.display_name AS entrant_name,
    (SELECT COUNT(*) FROM entry_file f WHERE f.entry_id = e.entry_id) AS files
    FROM entry e JOIN contest c ON c.contest_id = e.contest_id JOIN nomination n ON n.nomination_id = e.nomination_id
    LEFT JOIN age_group g ON g.age_group_id = e.age_group_id JOIN participant p ON p.participant_id = e.participant_id
    JOIN account a ON a.account_id = e.account_id";

pub async fn lines_of_account(db: impl Handle<'_>, account_id: AccountId) -> Result<Vec<EntryLine>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, EntryLine>(sqlx::AssertSqlSafe(format!("{LINE} WHERE e.account_id = $1 ORDER BY e.created_at DESC, e.entry_id DESC")))
            .bind(account_id)
            .fetch_all(&mut *db)
            .await
    })
}

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub nomination_id: Option<NominationId>,
    pub age_group_id: Option<AgeGroupId>,
    pub state: Option<EntryState>,
    /// Part of the participant's name, the title, the receipt number, or a written answer
    /// to one of the contest's own questions.
    pub search: Option<String>,
    /// Entries that gave this answer to this question: a choice's option position (one of
    /// several ticked is enough) or `yes`/`no`.
    pub answer: Option<(i64, String)>,
}

/// A contest's entries for admins, filtered; drafts included only when asked for by state.
/// The text search runs here, not in SQL, because SQLite folds case for ASCII only and
/// names are Kazakh and Russian.
pub async fn lines_of_contest(db: impl Handle<'_>, contest_id: ContestId, f: &Filter) -> Result<Vec<EntryLine>, sqlx::Error> {
    on!(db => {
        let lines = sqlx::query_as::<_, EntryLine>(sqlx::AssertSqlSafe(format!(
            "{LINE} WHERE e.contest_id = $1 AND ($2 IS NULL OR e.nomination_id = $2) AND ($3 IS NULL OR e.age_group_id = $3)
             AND (CASE WHEN $4 IS NULL THEN e.state <> 'draft' ELSE e.state = $4 END)
             AND ($5 IS NULL OR EXISTS (SELECT 1 FROM entry_answer x WHERE x.entry_id = e.entry_id AND x.question_id = $6
                                         AND ',' || x.value || ',' LIKE $7))
             ORDER BY e.receipt_no IS NULL, e.receipt_no, e.entry_id"
        )))
        .bind(contest_id)
        .bind(f.nomination_id)
        .bind(f.age_group_id)
        .bind(f.state)
        .bind(f.answer.as_ref().map(|(q, _)| *q))
        .bind(f.answer.as_ref().map(|(q, _)| *q))
        .bind(f.answer.as_ref().map(|(_, v)| format!("%,{},%", v.replace(['%', '_', '\\'], ""))))
        .fetch_all(&mut *db)
        .await?;
        let Some(needle) = f.search.as_deref().map(str::to_lowercase) else { return Ok(lines) };
        let receipt: Option<i64> = needle.rsplit('-').next().and_then(|s| s.trim().parse().ok());
        let written: Vec<(EntryId, String)> = sqlx::query_as(
            "SELECT x.entry_id, x.value FROM entry_answer x JOIN entry_question q ON q.question_id = x.question_id
             WHERE q.contest_id = $1 AND q.kind NOT IN ('choice_one', 'choice_many', 'yes_no')",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await?;
        let answered: std::collections::HashSet<EntryId> =
            written.into_iter().filter(|(_, v)| v.to_lowercase().contains(&needle)).map(|(e, _)| e).collect();
        Ok(lines
            .into_iter()
            .filter(|l| {
                l.participant_name.to_lowercase().contains(&needle)
                    || l.title.to_lowercase().contains(&needle)
                    || (receipt.is_some() && l.receipt_no == receipt)
                    || answered.contains(&l.entry_id)
            })
            .collect())
    })
}

/// A draft whose entrant is reminded that entries close soon.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DraftReminder {
    pub public_id: String,
    pub title: String,
    pub contest_id: ContestId,
    pub email: String,
    pub display_name: String,
    /// The entrant's deadline: the contest's, or their extension's when later.
    pub deadline: i64,
    pub title_kk: Option<String>,
    pub title_ru: Option<String>,
    pub title_en: Option<String>,
    pub time_zone: String,
}

/// Claims the drafts whose deadline comes within `ahead` seconds and whose entrant was
/// not reminded yet, and queues each reminder `mail` makes (by e-mail and to a linked
/// chat), in one transaction: of two instances doing it at once, one reminds each.
/// Contests closed early are left alone (nothing can be submitted any more).
pub async fn remind_drafts(db: impl Handle<'_>, now: i64, ahead: i64, mail: &impl Fn(&DraftReminder) -> super::results::Mail) -> Result<usize, sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        let due: Vec<DraftReminder> = sqlx::query_as(
            "SELECT e.public_id, e.title, e.contest_id, a.email, a.display_name, c.title_kk, c.title_ru, c.title_en, c.time_zone,
                    CASE WHEN x.until_at > c.submissions_close_at THEN x.until_at ELSE c.submissions_close_at END AS deadline
             FROM entry e JOIN contest c ON c.contest_id = e.contest_id JOIN account a ON a.account_id = e.account_id
             LEFT JOIN contest_extension x ON x.contest_id = e.contest_id AND x.account_id = e.account_id
             WHERE e.state = 'draft' AND e.reminded_at IS NULL AND c.status = 'announced' AND c.closed_early_at IS NULL
               AND c.submissions_open_at <= $1
               AND CASE WHEN x.until_at > c.submissions_close_at THEN x.until_at ELSE c.submissions_close_at END > $2
               AND CASE WHEN x.until_at > c.submissions_close_at THEN x.until_at ELSE c.submissions_close_at END <= $3
             ORDER BY e.entry_id",
        )
        .bind(now)
        .bind(now)
        .bind(now + ahead)
        .fetch_all(&mut *tx)
        .await?;
        for chunk in due.chunks(super::ROWS_PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new("UPDATE entry SET reminded_at = ");
            q.push_bind(now).push(" WHERE public_id IN (");
            let mut ids = q.separated(", ");
            for d in chunk {
                ids.push_bind(&d.public_id);
            }
            q.push(")");
            q.build().execute(&mut *tx).await?;
        }
        let mails: Vec<_> = due.iter().map(mail).collect();
        super::outbox::enqueue_all(&mut *tx, &mails, now).await?;
        tx.commit().await?;
        Ok(due.len())
    })
}
