//! The contest's own entry questions as the other services read them: the questions asked
//! of an entry with its answers, and the answers as export columns.

use super::OrInternal;
use crate::backend::db::entries::{self as edb, EntryRow};
use crate::backend::{AppState, db};
use crate::domain::ids::{ContestId, EntryId};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::view::questions::AnswerView;

/// The contest's own questions as the export's last columns: a header per question (its
/// label in the reader's language) and, per line, each answer in words ("" when none).
pub async fn answer_columns(state: &AppState, contest_id: ContestId, lines: &[edb::EntryLine], lang: Lang) -> Result<(Vec<String>, Vec<Vec<String>>), AppError> {
    let questions = db::questions::of_contest(&state.db, contest_id).await.or_internal()?;
    let mut given: std::collections::HashMap<(EntryId, i64), String> = std::collections::HashMap::new();
    for (entry, question, value) in db::questions::answers_of_contest(&state.db, contest_id).await.or_internal()? {
        given.insert((entry, question), value);
    }
    let header = questions.iter().map(|q| q.label.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()).collect();
    let rows = lines
        .iter()
        .map(|l| {
            questions
                .iter()
                .map(|q| given.get(&(l.entry_id, q.id)).map(|v| crate::view::questions::value_words(q, v, lang)).unwrap_or_default())
                .collect()
        })
        .collect();
    Ok((header, rows))
}

/// The contest's questions asked of this entry (by its nomination), with its answers.
pub async fn answers_of(state: &AppState, e: &EntryRow) -> Result<Vec<AnswerView>, AppError> {
    let questions = db::questions::of_contest(&state.db, e.contest_id).await.or_internal()?;
    let given = db::questions::answers(&state.db, e.entry_id).await.or_internal()?;
    Ok(questions
        .into_iter()
        .filter(|q| q.asked_of(e.nomination_id))
        .map(|q| {
            let value = given.iter().find(|(id, _)| *id == q.id).map(|(_, v)| v.clone());
            AnswerView { question: q, value }
        })
        .collect())
}
