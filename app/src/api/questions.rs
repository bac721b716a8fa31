//! The contest editor's section for the contest's own entry questions: one form per
//! question (and one for a new one), refused whole once entries have opened.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::access::Power;
#[cfg(feature = "ssr")]
use {
    super::contests::{admin_contest, editor_url, local_text},
    super::ctx::{self, OrInternal},
    crate::backend::db,
    crate::backend::db::contests::ContestRow,
    crate::domain::audit::Action,
    crate::domain::contest::LocalText,
    crate::domain::ids::NominationId,
    crate::domain::question::{Audience, Question, QuestionError, QuestionKind, check_question},
    crate::error::{Checker, Field},
    crate::i18n::Msg,
    crate::service::contests::audit,
    crate::service::parse_id,
};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionForm {
    pub contest: String,
    /// Empty for a new question.
    #[serde(default)]
    pub question: String,
    pub label_kk: String,
    pub label_ru: String,
    pub label_en: String,
    #[serde(default)]
    pub hint_kk: String,
    #[serde(default)]
    pub hint_ru: String,
    #[serde(default)]
    pub hint_en: String,
    pub kind: String,
    /// Empty: asked of every entry.
    #[serde(default)]
    pub nomination: String,
    #[serde(default)]
    pub required: Option<String>,
    pub audience: String,
    #[serde(default)]
    pub min: String,
    #[serde(default)]
    pub max: String,
    /// A choice's options, one per line, in each language (line n of each is option n).
    #[serde(default)]
    pub options_kk: String,
    #[serde(default)]
    pub options_ru: String,
    #[serde(default)]
    pub options_en: String,
}

#[cfg(feature = "ssr")]
fn refuse_if_open(c: &ContestRow, now: i64) -> Result<(), AppError> {
    if c.phase(now).questions_frozen() { Err(AppError::Refused(Msg::ErrFrozen)) } else { Ok(()) }
}

/// Options from three columns of lines: line n of each language is option n; blank lines
/// at the end are dropped, a blank option inside is an error.
#[cfg(feature = "ssr")]
fn options(kk: &str, ru: &str, en: &str) -> Result<Vec<LocalText>, Msg> {
    let columns: Vec<Vec<&str>> = [kk, ru, en].iter().map(|s| s.lines().map(str::trim).collect()).collect();
    let mut n = columns.iter().map(Vec::len).max().unwrap_or(0);
    while n > 0 && columns.iter().all(|c| c.get(n - 1).is_none_or(|l| l.is_empty())) {
        n -= 1;
    }
    let line = |c: usize, i: usize| columns[c].get(i).map(|s| (*s).to_owned());
    let list: Vec<LocalText> = (0..n).map(|i| LocalText::new(line(0, i), line(1, i), line(2, i))).collect();
    if list.iter().any(LocalText::is_empty) {
        return Err(Msg::ErrRequired);
    }
    Ok(list)
}

#[cfg(feature = "ssr")]
fn bound(c: &mut Checker, field: Field, s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    c.check(field, s.parse::<i64>().map_err(|_| Msg::ErrWholeNumber))
}

/// The form as a question (with `id` when it changes one), every field's error at once.
#[cfg(feature = "ssr")]
pub(crate) fn parse_question(form: &QuestionForm, id: i64) -> Result<Question, AppError> {
    let mut c = Checker::default();
    let label = local_text(&mut c, Field::Name, form.label_kk.clone(), form.label_ru.clone(), form.label_en.clone(), 300, Some(Msg::ErrNameMissing));
    let hint = local_text(&mut c, Field::Description, form.hint_kk.clone(), form.hint_ru.clone(), form.hint_en.clone(), 500, None);
    let kind = c.check(Field::Kinds, QuestionKind::parse(form.kind.trim()).ok_or(Msg::ErrChooseOption));
    let audience = c.check(Field::Mode, Audience::parse(form.audience.trim()).ok_or(Msg::ErrChooseOption));
    let nomination = match form.nomination.trim() {
        "" => None,
        n => c.check(Field::Nomination, n.parse::<i64>().map(NominationId).map_err(|_| Msg::ErrChooseOption)),
    };
    let numbers = kind == Some(QuestionKind::Number);
    let min = if numbers { bound(&mut c, Field::Min, &form.min) } else { None };
    let max = if numbers { bound(&mut c, Field::Max, &form.max) } else { None };
    let choices = kind.is_some_and(QuestionKind::has_options);
    let options = if choices { c.check(Field::Options, options(&form.options_kk, &form.options_ru, &form.options_en)).unwrap_or_default() } else { Vec::new() };
    c.finish()?;
    let (Some(kind), Some(audience)) = (kind, audience) else { return Err(AppError::BadRequest) };
    let q = Question { id, nomination, label, hint, kind, required: form.required.is_some(), audience, min, max, options };
    check_question(&q).map_err(|e| match e {
        QuestionError::LabelMissing => AppError::field(Field::Name, Msg::ErrNameMissing),
        QuestionError::LabelTooLong => AppError::field(Field::Name, Msg::ErrTextTooLong),
        QuestionError::TooFewOptions => AppError::field(Field::Options, Msg::ErrTwoOptions),
        QuestionError::TooManyOptions | QuestionError::OptionTooLong => AppError::field(Field::Options, Msg::ErrTextTooLong),
        QuestionError::RangeReversed => AppError::field(Field::Max, Msg::ErrRangeReversed),
    })?;
    Ok(q)
}

#[server(prefix = "/api", endpoint = "admin_save_question")]
pub async fn admin_save_question(#[server(flatten)] form: QuestionForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&form.contest, Power::Edit).await?;
            let now = state.now();
            refuse_if_open(&contest, now)?;
            let id = if form.question.trim().is_empty() { None } else { Some(parse_id::<i64>(&form.question)?) };
            let q = parse_question(&form, id.unwrap_or(0))?;
            if let Some(n) = q.nomination {
                let ours = db::contest_parts::nominations(&state.db, contest.contest_id).await.or_internal()?;
                if !ours.iter().any(|x| x.nomination_id == n) {
                    return Err(AppError::field(Field::Nomination, Msg::ErrChooseOption));
                }
            }
            match id {
                None => {
                    if db::questions::of_contest(&state.db, contest.contest_id).await.or_internal()?.len() >= crate::domain::question::MAX_QUESTIONS {
                        return Err(AppError::Refused(Msg::ErrOutOfRange));
                    }
                    db::questions::insert(&state.db, contest.contest_id, &q, now).await.or_internal()?;
                }
                Some(_) if !db::questions::update(&state.db, contest.contest_id, &q, now).await.or_internal()? => return Err(AppError::NotFound),
                Some(_) => {}
            }
            audit(&state, me.account_id, Action::ContestQuestion, &contest, &form.question).await?;
            ctx::redirect(&editor_url(&contest.public_id, "questions"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_question")]
pub async fn admin_delete_question(contest: String, question: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, contest) = admin_contest(&contest, Power::Edit).await?;
            refuse_if_open(&contest, state.now())?;
            if !db::questions::delete(&state.db, contest.contest_id, parse_id(&question)?).await.or_internal()? {
                return Err(AppError::NotFound);
            }
            audit(&state, me.account_id, Action::ContestQuestionDelete, &contest, &question).await?;
            ctx::redirect(&editor_url(&contest.public_id, "questions"));
            Ok(())
        }
        .await,
    )
}
