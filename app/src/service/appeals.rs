//! Appeals (`domain::appeal`): an entrant files one within the window; an admin gives it to
//! a judge who did not score the work, for a blind re-review; the decision either stands
//! the result (rejected) or publishes a corrected version of the results (upheld), with
//! new documents for the entries whose place or award changed and their old ones revoked.

use super::OrInternal;
use super::contests::{Moments, detail};
use crate::backend::auth::CurrentAccount;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::results as rdb;
use crate::backend::{AppState, db};
use crate::domain::appeal::{self as rules, AppealState, Refusal, Verdict};
use crate::domain::audit::Action;
use crate::domain::ids::{AccountId, EntryId};
use crate::error::{AppError, Field};
use crate::i18n::{Lang, Msg, fill};
use crate::view::appeals::AppealText;
use crate::view::contests::Moment;
use crate::view::results::AdminAppeal;

/// The answer to a refused step, for the form that asked.
fn refused(r: Refusal, field: Field) -> AppError {
    match r {
        Refusal::NoWindow | Refusal::NotInResults => AppError::Refused(Msg::ErrWrongPhase),
        Refusal::Closed => AppError::Refused(Msg::ErrAppealClosed),
        Refusal::Twice => AppError::Refused(Msg::ErrAppealTwice),
        Refusal::Empty => AppError::field(field, Msg::ErrRequired),
        Refusal::TooLong => AppError::field(field, Msg::ErrTextTooLong),
        Refusal::ControlChars => AppError::field(field, Msg::ErrControlChars),
        Refusal::WrongState => AppError::Conflict(Msg::ErrConflict),
        Refusal::NotReviewed => AppError::Refused(Msg::ErrNotJudged),
        Refusal::NotEligible => AppError::field(Field::Judge, Msg::ErrChooseOption),
    }
}

/// Files the entrant's appeal on their own entry. Returns the entry's public id.
pub async fn file(state: &AppState, me: &CurrentAccount, entry: &str, reason: &str, lang: Lang) -> Result<String, AppError> {
    let e = db::entries::entry(&state.db, Some(me.account_id), entry).await.or_internal()?.ok_or(AppError::NotFound)?;
    let c = db::contests::find_by_id(&state.db, e.contest_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let now = state.now();
    let version = c.published_version.ok_or(AppError::Refused(Msg::ErrWrongPhase))?;
    let in_results = rdb::line(&state.db, c.contest_id, version, e.entry_id).await.or_internal()?.is_some();
    let already = db::appeals::of_entry(&state.db, e.entry_id).await.or_internal()?.is_some();
    rules::may_file(rules::closes_at(c.published_at, c.appeal_days), now, in_results, already, reason).map_err(|r| refused(r, Field::Reason))?;
    let reason = rules::text(reason).map_err(|r| refused(r, Field::Reason))?;
    let mut tx = db::write(&state.db).await.or_internal()?;
    let appeal = db::appeals::NewAppeal { contest_id: c.contest_id, entry_id: e.entry_id, by: me.account_id, reason, lang: lang.code(), version };
    if !db::appeals::file(&mut tx, &appeal, now).await.or_internal()? {
        return Err(AppError::Refused(Msg::ErrAppealTwice));
    }
    let detail = format!("{} ({} characters)", e.code.as_deref().unwrap_or_default(), reason.chars().count());
    db::audit::log(&mut tx, Some(me.account_id), Action::AppealFile, db::audit::Subject::Entry { public_id: &e.public_id, contest: c.contest_id }, &detail, now).await.or_internal()?;
    tx.commit().await.or_internal()?;
    Ok(e.public_id)
}

/// The contest's appeals for the results review, each with the judges who may re-review it.
pub async fn queue(state: &AppState, c: &ContestRow) -> Result<Vec<AdminAppeal>, AppError> {
    let moments = Moments::of(c);
    let at = |t: i64| moments.at(Some(t)).unwrap_or(Moment { utc: t, offset: 0 });
    let mut out = Vec::new();
    for a in db::appeals::of_contest(&state.db, c.contest_id).await.or_internal()? {
        let open = matches!(a.state, AppealState::Filed | AppealState::Assigned) && !a.reviewed;
        let candidates = if open { db::appeals::candidates(&state.db, c.contest_id, a.entry_id).await.or_internal()? } else { Vec::new() };
        out.push(AdminAppeal {
            entry: a.entry_public_id,
            code: a.code.unwrap_or_default(),
            title: a.title,
            reason: a.reason,
            state: a.state,
            filed_at: at(a.filed_at),
            reviewer: a.reviewer_name,
            reviewed: a.reviewed,
            candidates: candidates.into_iter().map(|(id, name)| (id.0, name)).collect(),
            reply: a.reply,
            decided_at: a.decided_at.map(at),
        });
    }
    Ok(out)
}

/// Gives an appeal to a judge for a blind re-review (again, to another judge, while the
/// first has not submitted), and tells the judge by mail.
pub async fn assign(state: &AppState, me: &CurrentAccount, c: &ContestRow, entry: &str, judge: AccountId) -> Result<(), AppError> {
    let e = db::entries::entry(&state.db, None, entry).await.or_internal()?.filter(|e| e.contest_id == c.contest_id).ok_or(AppError::NotFound)?;
    let a = db::appeals::of_entry(&state.db, e.entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let candidates = db::appeals::candidates(&state.db, c.contest_id, e.entry_id).await.or_internal()?;
    let Some((_, name)) = candidates.iter().find(|(id, _)| *id == judge) else {
        return Err(refused(rules::may_assign(a.state, a.reviewed, false).err().unwrap_or(Refusal::NotEligible), Field::Judge));
    };
    rules::may_assign(a.state, a.reviewed, true).map_err(|r| refused(r, Field::Judge))?;
    let now = state.now();
    if !db::appeals::assign(&state.db, e.entry_id, judge, now).await.or_internal()? {
        return Err(AppError::Conflict(Msg::ErrConflict));
    }
    let code = e.code.clone().unwrap_or_default();
    if let Some(email) = db::accounts::find(&state.db, judge).await.or_internal()?.map(|j| j.email) {
        let lang = c.first_lang();
        let contest = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
        let link = format!("{}/judge/{}/{}", state.config.public_url.trim_end_matches('/'), c.public_id, code);
        let body = fill(AppealText::MailReviewBody.text(lang), &[("name", name), ("contest", &contest), ("code", &code), ("link", &link)]);
        db::outbox::enqueue_notice(&state.db, &email, name, AppealText::MailReviewSubject.text(lang), &body, now).await.or_internal()?;
        state.mail_wakeup.notify_one();
    }
    super::contests::audit(state, me.account_id, Action::AppealAssign, c, &format!("{code} judge {judge}")).await
}

/// Decides an appeal whose re-review is in. Rejected: the reply is recorded and the entrant
/// told. Upheld: see [`correct`].
pub async fn decide(state: &AppState, me: &CurrentAccount, c: &ContestRow, entry: &str, verdict: &str, reply: &str) -> Result<(), AppError> {
    let verdict = Verdict::parse(verdict).ok_or(AppError::BadRequest)?;
    let e = db::entries::entry(&state.db, None, entry).await.or_internal()?.filter(|e| e.contest_id == c.contest_id).ok_or(AppError::NotFound)?;
    let a = db::appeals::of_entry(&state.db, e.entry_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    rules::may_decide(a.state, a.reviewed, verdict, reply).map_err(|r| refused(r, Field::Reply))?;
    let reply = rules::text(reply).map_err(|r| refused(r, Field::Reply))?;
    let version = c.published_version.ok_or(AppError::Refused(Msg::ErrWrongPhase))?;
    let now = state.now();
    let d = detail(state, c, true, false).await?;
    let mut tx = db::write(&state.db).await.or_internal()?;
    // The reply first: an upheld appeal makes its re-review count in what is computed next.
    let placeholder = (verdict == Verdict::Upheld).then_some(version);
    if !db::appeals::decide(&mut tx, e.entry_id, verdict.state(), me.account_id, reply, placeholder, now).await.or_internal()? {
        return Err(AppError::Conflict(Msg::ErrConflict));
    }
    let before = rdb::lines(&mut tx, c.contest_id, version).await.or_internal()?;
    let appellant = before.iter().find(|l| l.entry_id == e.entry_id).cloned();
    let mut detail_text = format!("{}: {}", e.code.as_deref().unwrap_or_default(), verdict.state().as_str());
    let mut mails = Vec::new();
    if verdict == Verdict::Upheld {
        let fresh = super::results::compute_lines(&mut tx, c, &d).await.or_internal()?;
        let stored = rdb::insert_version(&mut tx, c.contest_id, Some(me.account_id), &fresh, now).await.or_internal()?;
        db::appeals::set_corrected(&mut tx, e.entry_id, stored.version).await.or_internal()?;
        let after = rdb::lines(&mut tx, c.contest_id, stored.version).await.or_internal()?;
        let changed = changed_lines(&before, &after);
        let lang = c.first_lang();
        for l in &changed {
            for doc in rdb::documents_of_entry(&mut tx, l.entry_id).await.or_internal()?.iter().filter(|d| d.revoked_at.is_none() && d.kind != "audience") {
                rdb::revoke_document(&mut tx, c.contest_id, &doc.code, AppealText::Revoked.text(lang), now).await.or_internal()?;
            }
        }
        let (documents, _) = super::results::announcements(state, c, &changed);
        mails.extend(changed.iter().filter(|l| l.entry_id != e.entry_id).map(|l| corrected_mail(state, c, l, lang)));
        rdb::issue(&mut tx, c.contest_id, stored.version, &documents, &[], now).await.or_internal()?;
        let codes: Vec<&str> = changed.iter().filter_map(|l| l.code.as_deref()).collect();
        detail_text.push_str(&format!("; version {}; changed {codes:?}", stored.version));
    }
    if let Some(l) = &appellant {
        mails.push(decided_mail(state, c, l, &a, verdict, reply));
    }
    db::outbox::enqueue_all(&mut tx, &mails, now).await.or_internal()?;
    db::audit::log(&mut tx, Some(me.account_id), Action::AppealDecide, db::audit::Subject::Entry { public_id: &e.public_id, contest: c.contest_id }, &detail_text, now).await.or_internal()?;
    tx.commit().await.or_internal()?;
    db::contests::bump_revision(&state.db, c.contest_id).await.or_internal()?;
    state.mail_wakeup.notify_one();
    if verdict == Verdict::Upheld {
        super::results::reconcile_in_background(state, &c.public_id);
    }
    Ok(())
}

/// The lines of `after` whose place or final award differs from `before`'s.
fn changed_lines(before: &[rdb::Line], after: &[rdb::Line]) -> Vec<rdb::Line> {
    let was: std::collections::HashMap<EntryId, &rdb::Line> = before.iter().map(|l| (l.entry_id, l)).collect();
    after.iter().filter(|l| was.get(&l.entry_id).is_none_or(|b| b.place != l.place || b.final_award() != l.final_award())).cloned().collect()
}

/// The entrant's message about their appeal's decision, in the language they wrote it in.
fn decided_mail(state: &AppState, c: &ContestRow, l: &rdb::Line, a: &db::appeals::AppealRow, verdict: Verdict, reply: &str) -> rdb::Mail {
    let lang = Lang::from_code(&a.lang).unwrap_or_else(|| c.first_lang());
    let contest = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
    let link = format!("{}/entries/{}#appeal", state.config.public_url.trim_end_matches('/'), l.entry_public_id);
    let verdict = match verdict {
        Verdict::Upheld => AppealText::Upheld,
        Verdict::Rejected => AppealText::Rejected,
    };
    let body = fill(AppealText::MailDecidedBody.text(lang), &[("name", &l.entrant_name), ("contest", &contest), ("title", &l.title), ("verdict", verdict.text(lang)), ("reply", reply), ("link", &link)]);
    (l.entrant_email.clone(), l.entrant_name.clone(), fill(AppealText::MailDecidedSubject.text(lang), &[("title", &l.title)]), body)
}

/// The message to another entrant whose result a correction changed.
fn corrected_mail(state: &AppState, c: &ContestRow, l: &rdb::Line, lang: Lang) -> rdb::Mail {
    let contest = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
    let link = format!("{}/entries/{}#result", state.config.public_url.trim_end_matches('/'), l.entry_public_id);
    let body = fill(AppealText::MailCorrectedBody.text(lang), &[("name", &l.entrant_name), ("contest", &contest), ("title", &l.title), ("link", &link)]);
    (l.entrant_email.clone(), l.entrant_name.clone(), fill(AppealText::MailCorrectedSubject.text(lang), &[("contest", &contest)]), body)
}
