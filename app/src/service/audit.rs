//! The audit log as admins read it: filtered pages on screen and the whole filtered log as
//! a table for CSV and Excel.

use super::OrInternal;
use crate::backend::AppState;
use crate::backend::auth::CurrentAccount;
use crate::domain::Role;
use crate::domain::access::Power;
use crate::backend::db::{self, audit::{Filter, Line}};
use crate::domain::audit::Action;
use crate::domain::contest::LocalText;
use crate::domain::date::Date;
use crate::domain::ids::AccountId;
use crate::domain::time::{DAY, KAZAKHSTAN as LOCAL_OFFSET};
use crate::error::AppError;
use crate::i18n::{Lang, Msg};
use crate::view::audit::{AuditLine, AuditPage, action_label};

/// Lines per screen.
pub const PAGE: usize = 100;
/// Lines in one export at most (a library's log stays far below it).
pub const EXPORT_MAX: i64 = 100_000;

/// The filter as a form or a link sent it: each field may be empty (no condition).
#[derive(Clone, Debug, Default)]
pub struct FilterText<'a> {
    pub actor: &'a str,
    pub contest: &'a str,
    pub action: &'a str,
    pub from: &'a str,
    pub until: &'a str,
    pub before: &'a str,
}

fn some(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// Reads the filter: an unknown contest is not found, a malformed date is refused with the
/// date's own message, an action or an id that is not one is a bad request.
pub async fn parse_filter(state: &AppState, f: &FilterText<'_>) -> Result<Filter, AppError> {
    let day = |s: &str| Date::parse(s).map(|d| d.days_since_epoch() * DAY - LOCAL_OFFSET).map_err(|_| AppError::Refused(Msg::ErrDate));
    let contest = match some(f.contest) {
        Some(id) => Some(db::contests::find(&state.db, id).await.or_internal()?.ok_or(AppError::NotFound)?.contest_id),
        None => None,
    };
    Ok(Filter {
        actor: some(f.actor).map(super::parse_id::<AccountId>).transpose()?,
        contest,
        action: some(f.action).map(|a| Action::parse(a).ok_or(AppError::BadRequest)).transpose()?,
        from: some(f.from).map(day).transpose()?,
        until: some(f.until).map(|s| day(s).map(|t| t + DAY)).transpose()?,
        before: some(f.before).map(super::parse_id::<i64>).transpose()?,
    })
}

/// The filter for what `me` may read: the site's administrators read the whole log; staff
/// read the lines of one contest they may see, named by the filter (`Forbidden` without one).
pub async fn filter_for(state: &AppState, me: &CurrentAccount, f: &FilterText<'_>) -> Result<Filter, AppError> {
    if me.role == Role::Admin {
        me.check_two_step()?;
        return parse_filter(state, f).await;
    }
    super::access::require_staff(me)?;
    let id = some(f.contest).ok_or(AppError::Forbidden)?;
    super::access::contest(state, me, id, Power::See).await?;
    parse_filter(state, f).await
}

fn title(l: &Line) -> LocalText {
    LocalText::new(l.contest_title_kk.clone(), l.contest_title_ru.clone(), l.contest_title_en.clone())
}

/// Where an admin opens the line's record: the contest's editor, the entry, the accounts.
fn href(target: &str) -> Option<String> {
    let (kind, id) = target.split_once(':')?;
    match kind {
        "contest" => Some(format!("/admin/contests/{id}")),
        "entry" => Some(format!("/admin/entries/{id}")),
        "account" => Some("/admin/accounts".to_owned()),
        _ => None,
    }
}

fn line_view(l: Line) -> AuditLine {
    AuditLine {
        id: l.audit_log_id,
        at: l.created_at,
        contest: l.contest_public_id.clone().map(|p| (p, title(&l))),
        actor: l.actor_name,
        actor_email: l.actor_email,
        action: l.action.as_str().to_owned(),
        href: href(&l.target),
        subject_name: l.subject_name,
        target: l.target,
        detail: l.detail,
    }
}

/// One screen of the log, newest first, with the filter's choices: every actor and contest
/// for the site's administrators, and for staff (`site_wide` false) only the contest they
/// read and the people on its lines.
pub async fn page(state: &AppState, filter: &Filter, site_wide: bool) -> Result<AuditPage, AppError> {
    let mut lines = db::audit::lines(&state.db, filter, PAGE as i64 + 1).await.or_internal()?;
    let older = (lines.len() > PAGE).then(|| {
        lines.truncate(PAGE);
        lines.last().map(|l| l.audit_log_id)
    });
    let mut actors = db::audit::actors(&state.db).await.or_internal()?;
    let mut contests = db::contests::list_all(&state.db).await.or_internal()?;
    if !site_wide {
        actors.retain(|(_, _, email)| lines.iter().any(|l| l.actor_email.as_deref() == Some(email.as_str())));
        contests.retain(|c| Some(c.contest_id) == filter.contest);
    }
    Ok(AuditPage {
        lines: lines.into_iter().map(line_view).collect(),
        actors: actors.into_iter().map(|(id, name, email)| (id.to_string(), format!("{name} <{email}>"))).collect(),
        contests: contests.into_iter().map(|c| {
            let t = LocalText::new(c.title_kk, c.title_ru, c.title_en);
            (c.public_id, t)
        }).collect(),
        actions: Action::ALL.iter().map(|a| a.as_str().to_owned()).collect(),
        older: older.flatten(),
    })
}

/// The name of an export made at `now`: `audit-<day in Kazakhstan>`.
pub fn export_stem(now: i64) -> String {
    format!("audit-{}", Date::from_unix(now + LOCAL_OFFSET))
}

/// The whole filtered log (up to [`EXPORT_MAX`] lines) as a table in the reader's language:
/// time (UTC+5), who, their e-mail, the action's words and name, contest, record, detail.
pub async fn table(state: &AppState, filter: &Filter, lang: Lang) -> Result<(Vec<&'static str>, Vec<Vec<String>>), AppError> {
    let lines = db::audit::lines(&state.db, filter, EXPORT_MAX).await.or_internal()?;
    let header = vec![
        Msg::ColWhen.text(lang),
        Msg::ColWho.text(lang),
        Msg::ColEmail.text(lang),
        Msg::ColAction.text(lang),
        "action",
        Msg::ColContest.text(lang),
        Msg::ColSubject.text(lang),
        Msg::ColDetail.text(lang),
    ];
    let rows = lines
        .into_iter()
        .map(|l| {
            let contest = l.contest_public_id.as_ref().map(|_| title(&l).pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()).unwrap_or_default();
            vec![
                crate::domain::time::format_local(l.created_at, LOCAL_OFFSET),
                l.actor_name.unwrap_or_else(|| Msg::AuditServer.text(lang).to_owned()),
                l.actor_email.unwrap_or_default(),
                action_label(l.action, lang).to_owned(),
                l.action.as_str().to_owned(),
                contest,
                l.target,
                l.detail,
            ]
        })
        .collect();
    Ok((header, rows))
}
