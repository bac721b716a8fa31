//! The parts of a contest: nominations, age groups and the matrix of which nomination takes
//! which age groups, and the rubric's criteria (the contest's, or a nomination's own).

use crate::domain::ids::{AgeGroupId, ContestId, CriterionId, NominationId};
use super::{on, Handle};

use crate::domain::contest::{LocalText, WorkRules};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NominationRow {
    pub nomination_id: NominationId,
    pub position: i64,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub allowed_kinds: super::KindList,
    pub max_file_mb: i64,
    pub max_files: i64,
    pub max_entries_per_participant: i64,
}

impl NominationRow {
    /// The nomination's rules for works, as the domain states them.
    pub fn work_rules(&self) -> WorkRules {
        let u = |v: i64| u32::try_from(v).unwrap_or(0);
        WorkRules {
            kinds: self.allowed_kinds.0.clone(),
            max_file_mb: u(self.max_file_mb),
            max_files: u(self.max_files),
            max_entries_per_participant: u(self.max_entries_per_participant),
        }
    }
}

pub async fn nominations(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<NominationRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, NominationRow>(
            "SELECT nomination_id, position, name_kk, name_ru, name_en, allowed_kinds, max_file_mb, max_files,
             max_entries_per_participant FROM nomination WHERE contest_id = $1 ORDER BY position, nomination_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

pub struct NominationData<'a> {
    pub name: &'a LocalText,
    pub kinds: &'a str,
    pub max_file_mb: u32,
    pub max_files: u32,
    pub max_entries: u32,
}

pub async fn insert_nomination(db: impl Handle<'_>, contest_id: ContestId, n: &NominationData<'_>, now: i64) -> Result<NominationId, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO nomination (contest_id, position, name_kk, name_ru, name_en, allowed_kinds, max_file_mb,
             max_files, max_entries_per_participant, created_at, updated_at)
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM nomination WHERE contest_id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11)
             RETURNING nomination_id",
        )
        .bind(contest_id)
        .bind(contest_id)
        .bind(&n.name.kk)
        .bind(&n.name.ru)
        .bind(&n.name.en)
        .bind(n.kinds)
        .bind(i64::from(n.max_file_mb))
        .bind(i64::from(n.max_files))
        .bind(i64::from(n.max_entries))
        .bind(now)
        .bind(now)
        .fetch_one(&mut *db)
        .await
    })
}

/// `false` when the nomination is not this contest's.
pub async fn update_nomination(db: impl Handle<'_>, contest_id: ContestId, nomination_id: NominationId, n: &NominationData<'_>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query(
            "UPDATE nomination SET name_kk = $1, name_ru = $2, name_en = $3, allowed_kinds = $4, max_file_mb = $5, max_files = $6,
             max_entries_per_participant = $7, updated_at = $8 WHERE nomination_id = $9 AND contest_id = $10",
        )
        .bind(&n.name.kk)
        .bind(&n.name.ru)
        .bind(&n.name.en)
        .bind(n.kinds)
        .bind(i64::from(n.max_file_mb))
        .bind(i64::from(n.max_files))
        .bind(i64::from(n.max_entries))
        .bind(now)
        .bind(nomination_id)
        .bind(contest_id)
        .execute(&mut *db)
        .await?;
        Ok(r.rows_affected() == 1)
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AgeGroupRow {
    pub age_group_id: AgeGroupId,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub min_age: i64,
    pub max_age: i64,
}

pub async fn age_groups(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<AgeGroupRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, AgeGroupRow>(
            "SELECT age_group_id, name_kk, name_ru, name_en, min_age, max_age FROM age_group
             WHERE contest_id = $1 ORDER BY min_age, age_group_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Inserts (`age_group_id` None) or updates an age group; `false` when it is not this contest's.
pub async fn save_age_group(
    db: impl Handle<'_>,
    contest_id: ContestId,
    age_group_id: Option<AgeGroupId>,
    name: &LocalText,
    min_age: u32,
    max_age: u32,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = match age_group_id {
            None => sqlx::query(
                "INSERT INTO age_group (contest_id, name_kk, name_ru, name_en, min_age, max_age, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(contest_id)
            .bind(&name.kk)
            .bind(&name.ru)
            .bind(&name.en)
            .bind(i64::from(min_age))
            .bind(i64::from(max_age))
            .bind(now)
            .bind(now)
            .execute(&mut *db)
            .await?,
            Some(id) => sqlx::query(
                "UPDATE age_group SET name_kk = $1, name_ru = $2, name_en = $3, min_age = $4, max_age = $5, updated_at = $6
                 WHERE age_group_id = $7 AND contest_id = $8",
            )
            .bind(&name.kk)
            .bind(&name.ru)
            .bind(&name.en)
            .bind(i64::from(min_age))
            .bind(i64::from(max_age))
            .bind(now)
            .bind(id)
            .bind(contest_id)
            .execute(&mut *db)
            .await?,
        };
        Ok(r.rows_affected() == 1)
    })
}

/// Open (nomination_id, age_group_id) pairs of a contest.
pub async fn matrix(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(NominationId, AgeGroupId)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT m.nomination_id, m.age_group_id FROM nomination_age_group m
             JOIN nomination n ON n.nomination_id = m.nomination_id WHERE n.contest_id = $1
             ORDER BY m.nomination_id, m.age_group_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

/// Replaces the open pairs; the caller has checked that every id belongs to the contest.
pub async fn replace_matrix(db: impl Handle<'_>, contest_id: ContestId, pairs: &[(NominationId, AgeGroupId)]) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        sqlx::query("DELETE FROM nomination_age_group WHERE nomination_id IN (SELECT nomination_id FROM nomination WHERE contest_id = $1)")
            .bind(contest_id)
            .execute(&mut *tx)
            .await?;
        for (n, a) in pairs {
            sqlx::query("INSERT INTO nomination_age_group (nomination_id, age_group_id) VALUES ($1, $2)")
                .bind(n)
                .bind(a)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    })
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CriterionRow {
    pub criterion_id: CriterionId,
    pub nomination_id: Option<NominationId>,
    pub position: i64,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub description_kk: Option<String>,
    pub description_ru: Option<String>,
    pub description_en: Option<String>,
    pub max_points: i64,
    pub weight: i64,
    pub half_points: bool,
}

pub async fn criteria(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<CriterionRow>, sqlx::Error> {
    on!(db => {
        sqlx::query_as::<_, CriterionRow>(
            "SELECT criterion_id, nomination_id, position, name_kk, name_ru, name_en, description_kk, description_ru,
             description_en, max_points, weight, half_points FROM criterion WHERE contest_id = $1
             ORDER BY nomination_id IS NOT NULL, nomination_id, position, criterion_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}

pub struct CriterionData<'a> {
    pub nomination_id: Option<NominationId>,
    pub name: &'a LocalText,
    pub description: &'a LocalText,
    pub max_points: u32,
    pub weight: u32,
    pub half_points: bool,
}

/// Inserts (`criterion_id` None, at the end of its rubric) or updates a criterion;
/// `false` when it is not this contest's.
pub async fn save_criterion(db: impl Handle<'_>, contest_id: ContestId, criterion_id: Option<CriterionId>, c: &CriterionData<'_>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = match criterion_id {
            None => sqlx::query(
                "INSERT INTO criterion (contest_id, nomination_id, position, name_kk, name_ru, name_en, description_kk,
                 description_ru, description_en, max_points, weight, half_points, created_at, updated_at)
                 VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM criterion WHERE contest_id = $3 AND nomination_id IS NOT DISTINCT FROM $4),
                         $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            )
            .bind(contest_id)
            .bind(c.nomination_id)
            .bind(contest_id)
            .bind(c.nomination_id),
            Some(_) => sqlx::query(
                "UPDATE criterion SET name_kk = $1, name_ru = $2, name_en = $3, description_kk = $4, description_ru = $5,
                 description_en = $6, max_points = $7, weight = $8, half_points = $9, updated_at = $10
                 WHERE criterion_id = $11 AND contest_id = $12",
            ),
        };
        let r = r
            .bind(&c.name.kk)
            .bind(&c.name.ru)
            .bind(&c.name.en)
            .bind(&c.description.kk)
            .bind(&c.description.ru)
            .bind(&c.description.en)
            .bind(i64::from(c.max_points))
            .bind(i64::from(c.weight))
            .bind(c.half_points);
        let r = match criterion_id {
            None => r.bind(now).bind(now),
            Some(id) => r.bind(now).bind(id).bind(contest_id),
        };
        Ok(r.execute(&mut *db).await?.rows_affected() == 1)
    })
}

/// The parts of a contest an admin can delete one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Nomination,
    AgeGroup,
    Criterion,
}

/// Deletes one part of a contest; `false` when it is not this contest's.
pub async fn delete_part(db: impl Handle<'_>, contest_id: ContestId, part: Part, id: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let sql = match part {
            Part::Nomination => "DELETE FROM nomination WHERE nomination_id = $1 AND contest_id = $2",
            Part::AgeGroup => "DELETE FROM age_group WHERE age_group_id = $1 AND contest_id = $2",
            Part::Criterion => "DELETE FROM criterion WHERE criterion_id = $1 AND contest_id = $2",
        };
        let r = sqlx::query(sql).bind(id).bind(contest_id).execute(&mut *db).await?;
        Ok(r.rows_affected() == 1)
    })
}
