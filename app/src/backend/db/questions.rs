//! A contest's own entry questions and the answers entries give them.

use super::{on, Handle};
use crate::domain::contest::LocalText;
use crate::domain::ids::{ContestId, EntryId, NominationId};
use crate::domain::question::{Audience, Question, QuestionKind};

#[derive(sqlx::FromRow)]
struct Row {
    question_id: i64,
    nomination_id: Option<NominationId>,
    label_kk: Option<String>,
    label_ru: Option<String>,
    label_en: Option<String>,
    hint_kk: Option<String>,
    hint_ru: Option<String>,
    hint_en: Option<String>,
    kind: String,
    required: bool,
    audience: String,
    min_value: Option<i64>,
    max_value: Option<i64>,
    options: String,
}

impl Row {
    fn decode(self) -> Result<Question, sqlx::Error> {
        let bad = |what: String| sqlx::Error::Decode(what.into());
        Ok(Question {
            id: self.question_id,
            nomination: self.nomination_id,
            label: LocalText::new(self.label_kk, self.label_ru, self.label_en),
            hint: LocalText::new(self.hint_kk, self.hint_ru, self.hint_en),
            kind: QuestionKind::parse(&self.kind).ok_or_else(|| bad(format!("unknown QuestionKind {:?}", self.kind)))?,
            required: self.required,
            audience: Audience::parse(&self.audience).ok_or_else(|| bad(format!("unknown Audience {:?}", self.audience)))?,
            min: self.min_value,
            max: self.max_value,
            options: serde_json::from_str(&self.options).map_err(|e| bad(format!("question options: {e}")))?,
        })
    }
}

const COLUMNS: &str = "question_id, nomination_id, label_kk, label_ru, label_en, hint_kk, hint_ru, hint_en, kind, required, audience, min_value, max_value, options";

/// The contest's questions in the order the form asks them.
pub async fn of_contest(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<Question>, sqlx::Error> {
    on!(db => {
        let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM entry_question WHERE contest_id = $1 ORDER BY position, question_id")))
            .bind(contest_id)
            .fetch_all(&mut *db)
            .await?;
        rows.into_iter().map(Row::decode).collect()
    })
}

fn options_json(q: &Question) -> String {
    serde_json::to_string(&if q.kind.has_options() { q.options.clone() } else { Vec::new() }).unwrap_or_else(|_| "[]".to_owned())
}

/// Binds a question's own columns, in the order both statements list them: nomination,
/// labels, hints, kind, required, audience, range, options.
macro_rules! bind_question {
    ($query:expr, $q:expr) => {
        $query
            .bind($q.nomination)
            .bind(&$q.label.kk)
            .bind(&$q.label.ru)
            .bind(&$q.label.en)
            .bind(&$q.hint.kk)
            .bind(&$q.hint.ru)
            .bind(&$q.hint.en)
            .bind($q.kind.as_str())
            .bind($q.required)
            .bind($q.audience.as_str())
            .bind($q.min)
            .bind($q.max)
            .bind(options_json($q))
    };
}

/// Adds a question after the contest's others; its id.
pub async fn insert(db: impl Handle<'_>, contest_id: ContestId, q: &Question, now: i64) -> Result<i64, sqlx::Error> {
    on!(db => {
        let query = sqlx::query_scalar(
            "INSERT INTO entry_question (contest_id, position, nomination_id, label_kk, label_ru, label_en, hint_kk, hint_ru, hint_en,
               kind, required, audience, min_value, max_value, options, created_at, updated_at)
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM entry_question WHERE contest_id = $2),
               $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
             RETURNING question_id",
        )
        .bind(contest_id)
        .bind(contest_id);
        bind_question!(query, q).bind(now).bind(now).fetch_one(&mut *db).await
    })
}

/// Changes a question of this contest; `false` when it has none with that id.
pub async fn update(db: impl Handle<'_>, contest_id: ContestId, q: &Question, now: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let query = sqlx::query(
            "UPDATE entry_question SET nomination_id = $1, label_kk = $2, label_ru = $3, label_en = $4, hint_kk = $5, hint_ru = $6,
               hint_en = $7, kind = $8, required = $9, audience = $10, min_value = $11, max_value = $12, options = $13, updated_at = $14
             WHERE question_id = $15 AND contest_id = $16",
        );
        let r = bind_question!(query, q).bind(now).bind(q.id).bind(contest_id).execute(&mut *db).await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Deletes a question of this contest (its answers with it); `false` when there was none.
pub async fn delete(db: impl Handle<'_>, contest_id: ContestId, question_id: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM entry_question WHERE question_id = $1 AND contest_id = $2").bind(question_id).bind(contest_id).execute(&mut *db).await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Copies a contest's questions to its copy, with the nominations mapped (old → new).
pub async fn copy(db: impl Handle<'_>, source_id: ContestId, new_id: ContestId, nominations: &[(i64, i64)], now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let questions = of_contest(&mut *db, source_id).await?;
        for mut q in questions {
            q.nomination = q.nomination.and_then(|n| nominations.iter().find(|(o, _)| *o == n.0).map(|(_, new)| NominationId(*new)));
            insert(&mut *db, new_id, &q, now).await?;
        }
        Ok(())
    })
}

/// An entry's answers: (question, stored value).
pub async fn answers(db: impl Handle<'_>, entry_id: EntryId) -> Result<Vec<(i64, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as("SELECT question_id, value FROM entry_answer WHERE entry_id = $1 ORDER BY question_id").bind(entry_id).fetch_all(&mut *db).await
    })
}

/// Sets an entry's answers: each question's stored value, or None to clear it. One
/// transaction.
pub async fn save_answers(db: impl Handle<'_>, entry_id: EntryId, answers: &[(i64, Option<String>)], now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        let mut tx = super::begin_write(&mut *db).await?;
        for (question, value) in answers {
            match value {
                Some(v) => {
                    sqlx::query(
                        "INSERT INTO entry_answer (entry_id, question_id, value, updated_at) VALUES ($1, $2, $3, $4)
                         ON CONFLICT (entry_id, question_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    )
                    .bind(entry_id)
                    .bind(question)
                    .bind(v)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query("DELETE FROM entry_answer WHERE entry_id = $1 AND question_id = $2").bind(entry_id).bind(question).execute(&mut *tx).await?;
                }
            }
        }
        tx.commit().await
    })
}

/// Every answer given in a contest: (entry, question, stored value), by entry then question.
pub async fn answers_of_contest(db: impl Handle<'_>, contest_id: ContestId) -> Result<Vec<(EntryId, i64, String)>, sqlx::Error> {
    on!(db => {
        sqlx::query_as(
            "SELECT x.entry_id, x.question_id, x.value FROM entry_answer x JOIN entry e ON e.entry_id = x.entry_id
             WHERE e.contest_id = $1 ORDER BY x.entry_id, x.question_id",
        )
        .bind(contest_id)
        .fetch_all(&mut *db)
        .await
    })
}
