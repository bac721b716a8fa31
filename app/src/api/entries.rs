//! Submissions: participants an entrant submits for, entries (draft → submitted →
//! withdrawn, or disqualified by an admin) and their files; the admin list of a contest's
//! entries. File bytes travel through the upload routes of the `server` crate, which use
//! [`upload_gate`] so that the same rules hold there.

#[cfg(feature = "ssr")]
use crate::domain::ids::{AccountId, AgeGroupId, EntryId, NominationId};
pub use crate::view::entries::*;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::domain::audit::Action,
    crate::domain::entry::EntryState,
    crate::service::contests::detail,
    crate::service::entries::*,
    super::ctx::{self, OrInternal},
    crate::domain::access::Power,
    crate::domain::contest::AgeRange,
    crate::domain::date::Date,
    crate::domain::entry::{self as rules, EntrantAction},
    crate::error::{Checker, Field},
    crate::i18n::Msg,
    crate::backend::auth::CurrentAccount,
    crate::backend::db::contests::ContestRow,
    crate::backend::db::entries::{self as edb, ParticipantRow},
    crate::backend::db::files as fdb,
    crate::backend::{AppState, db},
};

/// Trims a one-line text and checks its length in characters.
#[cfg(feature = "ssr")]
fn line(c: &mut Checker, field: Field, s: &str, max: usize, required: bool) -> String {
    let t = s.trim();
    if required && t.is_empty() {
        c.check::<(), Msg>(field, Err(Msg::ErrRequired));
    } else if t.chars().count() > max {
        c.check::<(), Msg>(field, Err(Msg::ErrTextTooLong));
    } else if t.chars().any(|ch| ch.is_control()) {
        c.check::<(), Msg>(field, Err(Msg::ErrControlChars));
    }
    t.to_string()
}

/// The participant form, every field checked at once.
#[cfg(feature = "ssr")]
fn parse_participant(form: &ParticipantForm, now: i64) -> Result<ParticipantInput, AppError> {
    let mut c = Checker::default();
    let full_name = line(&mut c, Field::FullName, &form.full_name, 200, true);
    let today = Date::from_unix(now);
    let birth = c.check(
        Field::BirthDate,
        Date::parse(form.birth_date.trim()).map_err(|_| Msg::ErrDate).and_then(|d| {
            if (0..=120).contains(&rules::age_at(d, today)) && d <= today { Ok(d) } else { Err(Msg::ErrBirthDate) }
        }),
    );
    let school = line(&mut c, Field::School, &form.school, 200, false);
    let city = line(&mut c, Field::City, &form.city, 200, false);
    let supervisor = line(&mut c, Field::Supervisor, &form.supervisor, 200, false);
    let supervisor_email = match form.supervisor_email.trim() {
        "" => String::new(),
        raw => c.check(Field::SupervisorEmail, crate::domain::Email::parse(raw)).map(|e| e.as_str().to_string()).unwrap_or_default(),
    };
    c.finish()?;
    Ok(ParticipantInput {
        full_name,
        birth_date: birth.ok_or(AppError::BadRequest)?,
        school,
        city,
        supervisor,
        supervisor_email,
        consent: form.consent.as_deref().is_some_and(|v| !v.is_empty()),
    })
}

#[server(prefix = "/api", endpoint = "my_participants")]
pub async fn my_participants() -> Result<Vec<ParticipantView>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let list = edb::participants(&state.db, me.account_id).await.or_internal()?;
            Ok(list.iter().map(|p| participant_view(p, state.now())).collect())
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantForm {
    /// Empty for a new participant.
    #[serde(default)]
    pub id: String,
    pub full_name: String,
    pub birth_date: String,
    #[serde(default)]
    pub school: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub supervisor: String,
    /// The supervisor's email, optional: they hear of the results and their letter of thanks.
    #[serde(default)]
    pub supervisor_email: String,
    /// `on` when the guardian's consent is given with this form.
    #[serde(default)]
    pub consent: Option<String>,
    /// Where to go afterwards (a path on this site).
    #[serde(default)]
    pub next: String,
}

#[server(prefix = "/api", endpoint = "save_participant")]
pub async fn save_participant(#[server(flatten)] form: ParticipantForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let now = state.now();
            let input = parse_participant(&form, now)?;
            let id = (!form.id.is_empty()).then_some(form.id.as_str());
            let public_id = save_participant_as(&state, me.account_id, id, &input, now).await?;
            let next = crate::backend::security::local_path(&form.next).unwrap_or("/me/participants");
            let sep = if next.contains('?') { '&' } else { '?' };
            ctx::redirect(&format!("{next}{sep}participant={public_id}"));
            Ok(())
        }
        .await,
    )
}

/// A guardian withdraws their consent for a participant; see
/// `service::privacy::withdraw_consent`.
#[server(prefix = "/api", endpoint = "withdraw_consent")]
pub async fn withdraw_consent(participant: String, #[server(default)] understood: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let understood = understood.is_some_and(|v| !v.is_empty());
            crate::service::privacy::withdraw_consent(&state, &me, &participant, understood, state.now()).await?;
            ctx::redirect("/me/participants?withdrawn=1");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "submit_start")]
pub async fn submit_start(contest: String) -> Result<SubmitPage, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let c = db::contests::find(&state.db, &contest).await.or_internal()?.ok_or(AppError::NotFound)?;
            if !c.phase(state.now()).is_public() {
                return Err(AppError::NotFound);
            }
            gate(&state, &c, me.account_id, EntrantAction::Create, None).await?;
            let detail = detail(&state, &c, false, false).await?;
            let list = edb::participants(&state.db, me.account_id).await.or_internal()?;
            Ok(SubmitPage {
                contest: detail,
                participants: list.iter().map(|p| participant_view(p, state.now())).collect(),
                token: crate::backend::ids::new_public_id(),
            })
        }
        .await,
    )
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryForm {
    /// The contest (new entries) or the entry (changes).
    pub id: String,
    /// New entries only: the form's one-time token.
    #[serde(default)]
    pub token: String,
    // A form sends no radio button when none is chosen, and a page may leave out a field:
    // missing is empty, and the checks name the field (never "the form could not be read").
    #[serde(default)]
    pub participant: String,
    #[serde(default)]
    pub nomination: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// Checks an entry form against the contest: the participant is the caller's, the
/// nomination is the contest's and open to the participant's age group, and the limit.
#[cfg(feature = "ssr")]
async fn place_entry(
    state: &AppState,
    me: &CurrentAccount,
    c: &ContestRow,
    form: &EntryForm,
    except: Option<EntryId>,
) -> Result<(ParticipantRow, NominationId, Option<AgeGroupId>, String, String), AppError> {
    let mut ch = Checker::default();
    let title = line(&mut ch, Field::Title, &form.title, 200, true);
    let description = form.description.trim().to_string();
    if description.chars().count() > 5_000 {
        ch.check::<(), Msg>(Field::Description, Err(Msg::ErrTextTooLong));
    }
    let p = edb::participant(&state.db, me.account_id, &form.participant).await.or_internal()?;
    ch.check(Field::Participant, p.as_ref().ok_or(Msg::ErrChooseParticipant));
    let noms = db::contest_parts::nominations(&state.db, c.contest_id).await.or_internal()?;
    let n = form.nomination.trim().parse::<NominationId>().ok().and_then(|id| noms.iter().find(|n| n.nomination_id == id));
    ch.check(Field::Nomination, n.ok_or(Msg::ErrChooseOption));
    ch.finish()?;
    let (Some(p), Some(n)) = (p, n) else { return Err(AppError::BadRequest) };
    let groups = db::contest_parts::age_groups(&state.db, c.contest_id).await.or_internal()?;
    let pairs = db::contest_parts::matrix(&state.db, c.contest_id).await.or_internal()?;
    let ranges: Vec<AgeRange> = groups.iter().map(|g| AgeRange::from_stored(g.min_age, g.max_age)).collect();
    let open: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| pairs.contains(&(n.nomination_id, g.age_group_id)))
        .map(|(i, _)| i)
        .collect();
    let birth = Date::parse(&p.birth_date).or_internal()?;
    let cutoff = c.age_cutoff_date.as_deref().and_then(|d| Date::parse(d).ok()).unwrap_or_else(|| Date::from_unix(state.now()));
    let existing = edb::count_for_limit(&state.db, p.participant_id, n.nomination_id, except).await.or_internal()?;
    let group = rules::place(birth, cutoff, &ranges, &open, crate::domain::count(usize::try_from(existing).unwrap_or(usize::MAX)), u32::try_from(n.max_entries_per_participant).unwrap_or(0)).map_err(|e| {
        AppError::field(
            Field::Nomination,
            match e {
                rules::Eligibility::NoAgeGroup => Msg::ErrNoAgeGroup,
                rules::Eligibility::NominationClosed => Msg::ErrNominationNotForAge,
                rules::Eligibility::LimitReached => Msg::ErrEntryLimit,
            },
        )
    })?;
    Ok((p, n.nomination_id, group.map(|i| groups[i].age_group_id), title, description))
}

#[cfg(feature = "ssr")]
async fn existing_for_token(state: &AppState, account_id: AccountId, token: &str) -> Result<Option<String>, AppError> {
    edb::entry_for_token(&state.db, account_id, token).await.or_internal()
}

/// Creates the entry the form describes, once per form token: the same form posted again (a
/// double click, a second tab) answers with the entry it made. Returns its public id.
#[cfg(feature = "ssr")]
async fn create_once(state: &AppState, me: &CurrentAccount, form: &EntryForm) -> Result<String, AppError> {
    let c = db::contests::find(&state.db, &form.id).await.or_internal()?.ok_or(AppError::NotFound)?;
    gate(state, &c, me.account_id, EntrantAction::Create, None).await?;
    let token = form.token.trim();
    if token.is_empty() || token.len() > 64 {
        return Err(AppError::BadRequest);
    }
    // The same form posted again (double click, second tab) finds its entry.
    if let Some(id) = existing_for_token(state, me.account_id, token).await? {
        return Ok(id);
    }
    let placed = place_entry(state, me, &c, form, None).await;
    // A twin post of this form may have created the entry meanwhile (then the limit
    // counts it): its entry is the answer.
    if placed.is_err()
        && let Some(id) = existing_for_token(state, me.account_id, token).await?
    {
        return Ok(id);
    }
    let (p, nomination_id, age_group_id, title, description) = placed?;
    let public_id = crate::backend::ids::new_public_id();
    let new = edb::NewEntry {
        public_id: &public_id,
        contest_id: c.contest_id,
        nomination_id,
        age_group_id,
        participant_id: p.participant_id,
        account_id: me.account_id,
        title: &title,
        description: &description,
        create_token: token,
    };
    edb::insert_entry(&state.db, &new, state.now()).await.or_internal()
}

#[server(prefix = "/api", endpoint = "create_entry")]
pub async fn create_entry(#[server(flatten)] form: EntryForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let id = create_once(&state, &me, &form).await?;
            ctx::redirect(&format!("/entries/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "update_entry")]
pub async fn update_entry(#[server(flatten)] form: EntryForm) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let (e, c) = own_entry(&state, &me, &form.id).await?;
            gate(&state, &c, me.account_id, EntrantAction::Edit, Some(&e)).await?;
            let (p, nomination_id, age_group_id, title, description) = place_entry(&state, &me, &c, &form, Some(e.entry_id)).await?;
            if nomination_id != e.nomination_id {
                // Files were checked against the old nomination's rules: moving is for drafts without files.
                let files = fdb::count_files(&state.db, e.entry_id, None).await.or_internal()?;
                if files > 0 {
                    return Err(AppError::field(Field::Nomination, Msg::ErrMoveWithFiles));
                }
            }
            let data = edb::NewEntry {
                public_id: &e.public_id,
                contest_id: c.contest_id,
                nomination_id,
                age_group_id,
                participant_id: p.participant_id,
                account_id: me.account_id,
                title: &title,
                description: &description,
                create_token: "",
            };
            if !edb::update_entry(&state.db, e.entry_id, &data, state.now()).await.or_internal()? {
                return Err(AppError::Conflict(Msg::ErrEntryChanged));
            }
            ctx::redirect(&format!("/entries/{}?saved=1", e.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "submit_entry")]
pub async fn submit_entry(id: String, #[server(default)] publication: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            submit_own_entry(&state, &me, &id, ctx::lang()).await?;
            // The consent to publication, asked with the sending when the contest has a gallery.
            if let Some(choice) = publication.as_deref().filter(|c| !c.trim().is_empty()) {
                crate::service::gallery::set_consent(&state, &me, &id, choice, true).await?;
            }
            ctx::redirect(&format!("/entries/{id}?submitted=1"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "withdraw_entry")]
pub async fn withdraw_entry(id: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let (e, c) = own_entry(&state, &me, &id).await?;
            gate(&state, &c, me.account_id, EntrantAction::Withdraw, Some(&e)).await?;
            edb::withdraw(&state.db, e.entry_id, state.now()).await.or_internal()?;
            ctx::redirect(&format!("/entries/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "delete_entry_file")]
pub async fn delete_entry_file(entry: String, file: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let (e, c) = own_entry(&state, &me, &entry).await?;
            gate(&state, &c, me.account_id, EntrantAction::Edit, Some(&e)).await?;
            if e.state == EntryState::Submitted && fdb::files(&state.db, e.entry_id).await.or_internal()?.len() <= 1 {
                // A submitted work keeps at least one file: replace by adding first.
                return Err(AppError::Refused(Msg::ErrLastFile));
            }
            match fdb::detach_file(&state.db, e.entry_id, &file, state.now()).await.or_internal()? {
                None => return Err(AppError::NotFound),
                Some(Some(sha)) => drop_blob(&state, &sha).await,
                Some(None) => {}
            }
            ctx::redirect(&format!("/entries/{entry}#files"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "cancel_upload")]
pub async fn cancel_upload(entry: String, upload: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let u = db::uploads::upload(&state.db, me.account_id, &upload).await.or_internal()?.ok_or(AppError::NotFound)?;
            crate::service::entries::end_upload(&state, u.upload_id, &u.public_id).await.or_internal()?;
            ctx::redirect(&format!("/entries/{entry}#files"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "get_my_entry")]
pub async fn get_my_entry(id: String) -> Result<EntryView, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            let (e, c) = own_entry(&state, &me, &id).await?;
            entry_view(&state, &e, &c, false).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "my_entries")]
pub async fn my_entries() -> Result<EntrantWorks, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            crate::service::entries::my_entries(&state, me.account_id).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_list_entries")]
pub async fn admin_list_entries(
    contest: String,
    nomination: String,
    age_group: String,
    state: String,
    q: String,
    #[server(default)] answer: String,
) -> Result<AdminEntries, AppError> {
    ctx::respond(
        async move {
            let (st, c, powers) = super::contests::admin_contest_powers(&contest, Power::See).await?;
            let filter = parse_filter(&nomination, &age_group, &state, &q, &answer);
            let lines = edb::lines_of_contest(&st.db, c.contest_id, &filter).await.or_internal()?;
            let questions = db::questions::of_contest(&st.db, c.contest_id).await.or_internal()?;
            Ok(AdminEntries { contest: super::contests::with_powers(detail(&st, &c, true, false).await?, powers), lines: lines.iter().map(line_view).collect(), questions })
        }
        .await,
    )
}

/// The caller, an entry and its contest, for the one power on that contest an admin page or
/// form about the entry needs (`service::access`).
#[cfg(feature = "ssr")]
async fn admin_entry(id: &str, power: Power) -> Result<(CurrentAccount, AppState, edb::EntryRow, ContestRow, crate::domain::access::Standing), AppError> {
    let me = ctx::require_account().await?;
    let state = ctx::state()?;
    crate::service::access::require_staff(&me)?;
    let e = edb::entry(&state.db, None, id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let c = contest_by_id(&state, e.contest_id).await?;
    let standing = crate::service::access::require(&state, &me, &c, power).await?;
    Ok((me, state, e, c, standing))
}

#[server(prefix = "/api", endpoint = "admin_get_entry")]
pub async fn admin_get_entry(id: String) -> Result<EntryView, AppError> {
    ctx::respond(
        async move {
            let (_, state, e, c, standing) = admin_entry(&id, Power::See).await?;
            let mut view = entry_view(&state, &e, &c, true).await?;
            view.staff_may_change = standing.may(Power::Entries);
            Ok(view)
        }
        .await,
    )
}

/// Lets a judged work change again (a wrong file, say): its sheets go back to their judges
/// as drafts, to be submitted again, and the reason is logged. Not once results are out.
#[server(prefix = "/api", endpoint = "admin_unfreeze_entry")]
pub async fn admin_unfreeze_entry(id: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, e, c, _) = admin_entry(&id, Power::Entries).await?;
            let reason = reason.trim().to_string();
            if reason.is_empty() || reason.chars().count() > 1_000 {
                return Err(AppError::field(Field::Reason, if reason.is_empty() { Msg::ErrRequired } else { Msg::ErrTextTooLong }));
            }
            if c.published_at.is_some() {
                return Err(AppError::Refused(Msg::ErrAlreadyPublished));
            }
            let n = db::judging::send_back_for_rescoring(&state.db, e.entry_id, me.account_id, state.now()).await.or_internal()?;
            if n == 0 {
                return Err(AppError::Refused(Msg::ErrNotJudged));
            }
            db::audit::log(&state.db, Some(me.account_id), Action::EntryUnfreeze, db::audit::Subject::Entry { public_id: &e.public_id, contest: e.contest_id }, &format!("{n} sheets sent back: {reason}"), state.now())
                .await
                .or_internal()?;
            ctx::redirect(&format!("/admin/entries/{id}?saved=unfreeze"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_disqualify_entry")]
pub async fn admin_disqualify_entry(id: String, reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, e, _, _) = admin_entry(&id, Power::Entries).await?;
            let mut c = Checker::default();
            let reason = reason.trim().to_string();
            if reason.is_empty() {
                c.check::<(), Msg>(Field::Reason, Err(Msg::ErrRequired));
            } else if reason.chars().count() > 1_000 {
                c.check::<(), Msg>(Field::Reason, Err(Msg::ErrTextTooLong));
            }
            c.finish()?;
            if !edb::set_disqualified(&state.db, e.entry_id, Some(&reason), state.now()).await.or_internal()? {
                return Err(AppError::Refused(Msg::ErrOnlySubmitted));
            }
            db::audit::log(&state.db, Some(me.account_id), Action::EntryDisqualify, db::audit::Subject::Entry { public_id: &e.public_id, contest: e.contest_id }, &reason, state.now())
                .await
                .or_internal()?;
            ctx::redirect(&format!("/admin/entries/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_reinstate_entry")]
pub async fn admin_reinstate_entry(id: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, e, _, _) = admin_entry(&id, Power::Entries).await?;
            if !edb::set_disqualified(&state.db, e.entry_id, None, state.now()).await.or_internal()? {
                return Err(AppError::Refused(Msg::ErrOnlyDisqualified));
            }
            db::audit::log(&state.db, Some(me.account_id), Action::EntryReinstate, db::audit::Subject::Entry { public_id: &e.public_id, contest: e.contest_id }, "", state.now())
                .await
                .or_internal()?;
            ctx::redirect(&format!("/admin/entries/{id}"));
            Ok(())
        }
        .await,
    )
}

/// The answers to the contest's own questions (`answers[q<id>]`, and `answers[q<id>o<n>]`
/// for each ticked option of a multiple choice).
#[server(prefix = "/api", endpoint = "save_answers")]
pub async fn save_answers(id: String, #[server(default)] answers: std::collections::HashMap<String, String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            crate::service::entries::save_answers(&state, &me, &id, &answers).await?;
            ctx::redirect(&format!("/entries/{}?saved=1#answers", id.trim()));
            Ok(())
        }
        .await,
    )
}
