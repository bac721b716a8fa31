//! Organisations, their admins, and each contest's own staff (`domain::access`).

use super::{Handle, on};
use crate::domain::access::StaffRole;
use crate::domain::contest::LocalText;
use crate::domain::ids::{AccountId, ContestId};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganisationRow {
    pub organisation_id: i64,
    pub public_id: String,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub created_at: i64,
}

impl OrganisationRow {
    pub fn name(&self) -> LocalText {
        LocalText::new(self.name_kk.clone(), self.name_ru.clone(), self.name_en.clone())
    }
}

/// Someone on a contest's staff, or an organisation's admin (`role` is then `None`).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    pub account_id: AccountId,
    pub email: String,
    pub display_name: String,
    pub role: Option<StaffRole>,
}

/// What an account is to one contest below the site's role: an admin of its organisation,
/// and its role on the contest's staff.
#[derive(Clone, Copy, Debug, sqlx::FromRow)]
pub struct Ties {
    pub organisation_admin: bool,
    pub staff: Option<StaffRole>,
}

pub async fn ties(db: impl Handle<'_>, account: AccountId, contest: ContestId) -> Result<Ties, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, Ties>(
            "SELECT EXISTS (SELECT 1 FROM organisation_admin oa JOIN contest c ON c.organisation_id = oa.organisation_id
                            WHERE c.contest_id = $1 AND oa.account_id = $2) AS organisation_admin,
                    (SELECT role FROM contest_staff WHERE contest_id = $1 AND account_id = $2) AS staff",
        )
        .bind(contest)
        .bind(account)
        .fetch_one(&mut *db)
        .await
    })
}

/// The contests an account is anything to below the site's role: those of the
/// organisations it administers, and those whose staff it is on.
pub async fn contest_ids(db: impl Handle<'_>, account: AccountId) -> Result<Vec<ContestId>, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "SELECT c.contest_id FROM contest c JOIN organisation_admin oa ON oa.organisation_id = c.organisation_id WHERE oa.account_id = $1
             UNION SELECT contest_id FROM contest_staff WHERE account_id = $1",
        )
        .bind(account)
        .fetch_all(&mut *db)
        .await
    })
}

const ORGANISATION: &str = "SELECT organisation_id, public_id, name_kk, name_ru, name_en, created_at FROM organisation";

pub async fn insert_organisation(db: impl Handle<'_>, public_id: &str, name: &LocalText, now: i64) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar("INSERT INTO organisation (public_id, name_kk, name_ru, name_en, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING organisation_id")
            .bind(public_id)
            .bind(&name.kk)
            .bind(&name.ru)
            .bind(&name.en)
            .bind(now)
            .fetch_one(&mut *db)
            .await
    })
}

/// Names an organisation anew.
pub async fn rename_organisation(db: impl Handle<'_>, organisation: i64, name: &LocalText) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE organisation SET name_kk = $1, name_ru = $2, name_en = $3 WHERE organisation_id = $4")
            .bind(&name.kk)
            .bind(&name.ru)
            .bind(&name.en)
            .bind(organisation)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}

/// Deletes an organisation that holds no contest (its admins' rows go with it); `false`
/// when it holds one.
pub async fn delete_organisation(db: impl Handle<'_>, organisation: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM organisation WHERE organisation_id = $1 AND NOT EXISTS (SELECT 1 FROM contest WHERE organisation_id = $2)")
            .bind(organisation)
            .bind(organisation)
            .execute(&mut *db)
            .await?;
        Ok(r.rows_affected() == 1)
    })
}

/// How many contests each organisation holds (those holding none are not listed).
pub async fn contest_counts(db: impl Handle<'_>) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT organisation_id, COUNT(*) FROM contest WHERE organisation_id IS NOT NULL GROUP BY organisation_id").fetch_all(&mut *db).await
    })
}

pub async fn organisations(db: impl Handle<'_>) -> Result<Vec<OrganisationRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, OrganisationRow>(sqlx::AssertSqlSafe(format!("{ORGANISATION} ORDER BY organisation_id"))).fetch_all(&mut *db).await
    })
}

pub async fn organisation(db: impl Handle<'_>, public_id: &str) -> Result<Option<OrganisationRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, OrganisationRow>(sqlx::AssertSqlSafe(format!("{ORGANISATION} WHERE public_id = $1"))).bind(public_id).fetch_optional(&mut *db).await
    })
}

/// The organisations an account administers.
pub async fn administered_by(db: impl Handle<'_>, account: AccountId) -> Result<Vec<OrganisationRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, OrganisationRow>(sqlx::AssertSqlSafe(format!(
            "{ORGANISATION} WHERE organisation_id IN (SELECT organisation_id FROM organisation_admin WHERE account_id = $1) ORDER BY organisation_id"
        )))
        .bind(account)
        .fetch_all(&mut *db)
        .await
    })
}

/// Makes an account an admin of an organisation; `false` when it already was.
pub async fn add_admin(db: impl Handle<'_>, organisation: i64, account: AccountId, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO organisation_admin (organisation_id, account_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(organisation)
            .bind(account)
            .bind(now)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

pub async fn remove_admin(db: impl Handle<'_>, organisation: i64, account: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM organisation_admin WHERE organisation_id = $1 AND account_id = $2")
            .bind(organisation)
            .bind(account)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

/// Every organisation's admins, in the order they were made.
pub async fn admins(db: impl Handle<'_>) -> Result<Vec<(i64, Member)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        organisation_id: i64,
        #[sqlx(flatten)]
        member: Member,
    }
    on!(db => {
        sqlx::query_as::<_, Row>(
            "SELECT oa.organisation_id, a.account_id, a.email, a.display_name, NULL AS role
             FROM organisation_admin oa JOIN account a ON a.account_id = oa.account_id ORDER BY oa.organisation_id, oa.created_at, a.account_id",
        )
        .fetch_all(&mut *db)
        .await
        .map(|rows| rows.into_iter().map(|r| (r.organisation_id, r.member)).collect())
    })
}

/// Gives an account a role on a contest's staff, or changes the one it had.
pub async fn grant(db: impl Handle<'_>, contest: ContestId, account: AccountId, role: StaffRole, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query(
            "INSERT INTO contest_staff (contest_id, account_id, role, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (contest_id, account_id) DO UPDATE SET role = excluded.role",
        )
        .bind(contest)
        .bind(account)
        .bind(role)
        .bind(now)
        .execute(&mut *db)
        .await
        .map(|_| ())
    })
}

pub async fn revoke(db: impl Handle<'_>, contest: ContestId, account: AccountId) -> Result<bool, sqlx::Error> {
    on!(db => {
        sqlx::query("DELETE FROM contest_staff WHERE contest_id = $1 AND account_id = $2")
            .bind(contest)
            .bind(account)
            .execute(&mut *db)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

pub async fn staff_of(db: impl Handle<'_>, contest: ContestId) -> Result<Vec<Member>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, Member>(
            "SELECT a.account_id, a.email, a.display_name, s.role FROM contest_staff s JOIN account a ON a.account_id = s.account_id
             WHERE s.contest_id = $1 ORDER BY s.created_at, a.account_id",
        )
        .bind(contest)
        .fetch_all(&mut *db)
        .await
    })
}

/// Moves a contest into an organisation, or back to the host (`None`).
pub async fn set_organisation(db: impl Handle<'_>, contest: ContestId, organisation: Option<i64>, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("UPDATE contest SET organisation_id = $1, updated_at = $2, revision = revision + 1 WHERE contest_id = $3")
            .bind(organisation)
            .bind(now)
            .bind(contest)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}
