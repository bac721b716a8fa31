use super::{on, Handle};
use crate::domain::audit::Action;
use crate::domain::ids::{AccountId, ContestId};

/// What an audit line is about. A contest's lines and its entries' lines carry the contest,
/// so that one contest's history can be read; an account's do not.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    Contest { id: ContestId, public_id: &'a str },
    Entry { public_id: &'a str, contest: ContestId },
    Account(AccountId),
    /// The installation itself (its identity).
    Site,
    /// An organisation hosted on the installation, by its public id.
    Organisation(&'a str),
}

impl Subject<'_> {
    /// The record, as the log has always written it: `contest:<public id>`,
    /// `entry:<public id>`, `account:<id>`.
    pub fn target(&self) -> String {
        match self {
            Subject::Contest { public_id, .. } => format!("contest:{public_id}"),
            Subject::Entry { public_id, .. } => format!("entry:{public_id}"),
            Subject::Account(id) => format!("account:{id}"),
            Subject::Site => "site".to_owned(),
            Subject::Organisation(public_id) => format!("organisation:{public_id}"),
        }
    }

    pub fn contest(&self) -> Option<ContestId> {
        match self {
            Subject::Contest { id, .. } | Subject::Entry { contest: id, .. } => Some(*id),
            Subject::Account(_) | Subject::Site | Subject::Organisation(_) => None,
        }
    }
}

/// Appends to the audit log: who did what to which record. A contest deleted in the same
/// request (a draft's deletion is logged after it) is left out of the line, not refused.
pub async fn log(db: impl Handle<'_>, actor_id: Option<AccountId>, action: Action, subject: Subject<'_>, detail: &str, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO audit_log (actor_account_id, action, target, detail, created_at, contest_id)
             VALUES ($1, $2, $3, $4, $5, (SELECT contest_id FROM contest WHERE contest_id = $6))",
        )
        .bind(actor_id)
        .bind(action)
        .bind(subject.target())
        .bind(detail)
        .bind(now)
        .bind(subject.contest())
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

/// Which lines to read: every condition that is set must hold; `before` pages back from a
/// line's id; `from` and `until` are seconds, `until` exclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub actor: Option<AccountId>,
    pub contest: Option<ContestId>,
    pub action: Option<Action>,
    pub from: Option<i64>,
    pub until: Option<i64>,
    pub before: Option<i64>,
}

/// One line with the names it points at, as they are now (an account deleted since reads as
/// no one; a contest deleted since has no public id).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Line {
    pub audit_log_id: i64,
    pub created_at: i64,
    pub actor_account_id: Option<AccountId>,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub action: Action,
    pub target: String,
    pub detail: String,
    pub contest_public_id: Option<String>,
    pub contest_title_kk: Option<String>,
    pub contest_title_ru: Option<String>,
    pub contest_title_en: Option<String>,
    /// The account a line is about (`account:<id>`), by its name now.
    pub subject_name: Option<String>,
}

/// The newest lines that pass the filter, at most `limit`, newest first.
pub async fn lines(db: impl Handle<'_>, f: &Filter, limit: i64) -> Result<Vec<Line>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, Line>(
            "SELECT l.audit_log_id, l.created_at, l.actor_account_id, a.display_name AS actor_name, a.email AS actor_email,
                    l.action, l.target, l.detail, c.public_id AS contest_public_id,
                    c.title_kk AS contest_title_kk, c.title_ru AS contest_title_ru, c.title_en AS contest_title_en,
                    s.display_name AS subject_name
             FROM audit_log l
             LEFT JOIN account a ON a.account_id = l.actor_account_id
             LEFT JOIN contest c ON c.contest_id = l.contest_id
             LEFT JOIN account s ON l.target = 'account:' || CAST(s.account_id AS TEXT)
             WHERE ($1 IS NULL OR l.actor_account_id = $1)
               AND ($2 IS NULL OR l.contest_id = $2)
               AND ($3 IS NULL OR l.action = $3)
               AND ($4 IS NULL OR l.created_at >= $4)
               AND ($5 IS NULL OR l.created_at < $5)
               AND ($6 IS NULL OR l.audit_log_id < $6)
             ORDER BY l.audit_log_id DESC
             LIMIT $7",
        )
        .bind(f.actor)
        .bind(f.contest)
        .bind(f.action)
        .bind(f.from)
        .bind(f.until)
        .bind(f.before)
        .bind(limit)
        .fetch_all(&mut *db)
        .await
    })
}

/// Everyone who appears in the log as its actor, by name: the filter's choices.
pub async fn actors(db: impl Handle<'_>) -> Result<Vec<(AccountId, String, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT a.account_id, a.display_name, a.email FROM account a
             WHERE a.account_id IN (SELECT actor_account_id FROM audit_log WHERE actor_account_id IS NOT NULL)
             ORDER BY a.display_name, a.account_id",
        )
        .fetch_all(&mut *db)
        .await
    })
}
