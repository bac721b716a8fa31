//! Submissions: who may do what to an entry (the gate every path shares, the upload routes
//! included), what an entrant and an admin see of one, the file access policy, and the
//! entries export.

use crate::domain::ids::{AccountId, ContestId};
use super::contests::{Moments, local, summary};
use super::{OrInternal, internal};
use crate::backend::auth::CurrentAccount;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::entries::{self as edb, EntryRow, ParticipantRow};
use crate::backend::db::files as fdb;
use crate::backend::{AppState, db, storage};
use crate::domain::date::Date;
use crate::domain::file;
use crate::domain::contest::FileKind;
use crate::domain::entry::{self as rules, EntrantAction, EntryState, Refusal};
use crate::error::AppError;
use crate::i18n::{Lang, Msg, fill};
use crate::view::entries::*;

pub fn participant_view(p: &ParticipantRow, now: i64) -> ParticipantView {
    let minor = Date::parse(&p.birth_date).is_ok_and(|b| rules::needs_consent(b, Date::from_unix(now)));
    ParticipantView {
        id: p.public_id.clone(),
        full_name: p.full_name.clone(),
        birth_date: p.birth_date.clone(),
        school: p.school.clone(),
        city: p.city.clone(),
        supervisor: p.supervisor.clone(),
        supervisor_email: p.supervisor_email.clone(),
        consent_at: p.consent_at,
        consent_missing: minor && p.consent_version.is_none(),
        minor,
    }
}

/// A participant as the entrant's form gave it, checked.
pub struct ParticipantInput {
    pub full_name: String,
    pub birth_date: Date,
    pub school: String,
    pub city: String,
    pub supervisor: String,
    pub supervisor_email: String,
    /// Whether the form recorded consent now (stored with the current consent text version).
    pub consent: bool,
}

/// Creates a participant of `account`, or updates its own one with public id `id`
/// (anyone else's is not found). Returns the participant's public id.
pub async fn save_participant_as(state: &AppState, account: AccountId, id: Option<&str>, input: &ParticipantInput, now: i64) -> Result<String, AppError> {
    let existing = match id {
        None => None,
        Some(id) => Some(edb::participant(&state.db, account, id).await.or_internal()?.ok_or(AppError::NotFound)?),
    };
    let public_id = existing.as_ref().map_or_else(crate::backend::ids::new_public_id, |p| p.public_id.clone());
    let data = edb::ParticipantData {
        full_name: &input.full_name,
        birth_date: &input.birth_date.to_string(),
        school: &input.school,
        city: &input.city,
        supervisor: &input.supervisor,
        supervisor_email: &input.supervisor_email,
        consent: input.consent.then_some(rules::CONSENT_VERSION),
    };
    let saved = edb::save_participant(&state.db, account, existing.map(|p| p.participant_id), &public_id, &data, now).await.or_internal()?;
    if saved { Ok(public_id) } else { Err(AppError::NotFound) }
}

/// Submits the caller's own entry `id`: it needs a file and, for a minor, consent; the receipt
/// mail is queued in the same transaction. Submitting a submitted entry again is the same
/// outcome (a second tab, a double click).
pub async fn submit_own_entry(state: &AppState, me: &CurrentAccount, id: &str, lang: Lang) -> Result<(), AppError> {
    let (e, c) = own_entry(state, me, id).await?;
    if e.state == EntryState::Submitted {
        // Already in (a second tab or a double click): the same outcome, once.
        return Ok(());
    }
    if !me.email_confirmed {
        return Err(AppError::Refused(Msg::ErrEmailUnconfirmed));
    }
    gate(state, &c, me.account_id, EntrantAction::Submit, Some(&e)).await?;
    let files = fdb::files(&state.db, e.entry_id).await.or_internal()?;
    if files.is_empty() {
        return Err(AppError::Refused(Msg::ErrNoFiles));
    }
    let view = entry_view(state, &e, &c, false).await?;
    if view.participant.consent_missing {
        return Err(AppError::Refused(Msg::ErrConsentMissing));
    }
    if view.answers.iter().any(|a| a.question.required && a.value.is_none()) {
        return Err(AppError::Refused(Msg::ErrAnswersMissing));
    }
    let contest_title = c.title().pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default();
    let link = format!("{}/entries/{}", state.config.public_url.trim_end_matches('/'), e.public_id);
    let mail = |no: i64| {
        let receipt = rules::receipt(e.contest_id, no);
        let body = fill(
            Msg::MailSubmittedBody.text(lang),
            &[
                ("name", &me.display_name),
                ("title", &e.title),
                ("participant", &view.participant.full_name),
                ("contest", &contest_title),
                ("receipt", &receipt),
                ("link", &link),
            ],
        );
        let subject = fill(Msg::MailSubmittedSubject.text(lang), &[("receipt", &receipt)]);
        (me.email.clone(), me.display_name.clone(), subject, body)
    };
    let done = edb::submit(&state.db, &e, mail, crate::backend::ids::new_entry_code, state.now()).await.or_internal()?;
    if done.is_some() {
        state.mail_wakeup.notify_one();
    }
    Ok(())
}

pub fn refusal_msg(r: Refusal) -> Msg {
    match r {
        Refusal::NotOpenYet => Msg::ErrEntriesNotOpen,
        Refusal::Closed => Msg::ErrEntriesClosed,
        Refusal::Withdrawn => Msg::ErrEntryWithdrawn,
        Refusal::Disqualified => Msg::ErrEntryDisqualified,
        Refusal::Judged => Msg::ErrEntryJudged,
    }
}

/// Whether `account_id` may do `action` to an entry (in `state`) of contest `c` now.
pub async fn gate(state: &AppState, c: &ContestRow, account_id: AccountId, action: EntrantAction, entry: Option<&EntryRow>) -> Result<(), AppError> {
    let ext = db::contests::extension_for(&state.db, c.contest_id, account_id).await.or_internal()?;
    let judged = match entry {
        Some(e) => db::judging::has_submitted_sheet(&state.db, e.entry_id).await.or_internal()?,
        None => false,
    };
    rules::entrant_may(action, entry.map(|e| e.state), c.status(), c.timeline().as_ref(), c.closed_early_at, ext, state.now())
        .and_then(|()| rules::frozen_by_judging(judged))
        .map_err(|r| AppError::Refused(refusal_msg(r)))
}

pub async fn contest_by_id(state: &AppState, contest_id: ContestId) -> Result<ContestRow, AppError> {
    db::contests::find_by_id(&state.db, contest_id).await.or_internal()?.ok_or(AppError::NotFound)
}

/// An entry the caller owns, and its contest: anything else is "not found".
pub async fn own_entry(state: &AppState, me: &CurrentAccount, public_id: &str) -> Result<(EntryRow, ContestRow), AppError> {
    let e = edb::entry(&state.db, Some(me.account_id), public_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let c = contest_by_id(state, e.contest_id).await?;
    Ok((e, c))
}

/// What an upload to an entry may be, once the caller is allowed to add a file now.
pub struct UploadGate {
    pub entry: EntryRow,
    pub kinds: Vec<FileKind>,
    pub max_bytes: i64,
    pub max_files: i64,
}

/// The rules every route that adds a file to an entry applies: the caller's own entry,
/// changes still open for them, and the nomination's work rules.
pub async fn upload_gate(state: &AppState, me: &CurrentAccount, entry_public_id: &str) -> Result<UploadGate, AppError> {
    let (entry, c) = own_entry(state, me, entry_public_id).await?;
    gate(state, &c, me.account_id, EntrantAction::Edit, Some(&entry)).await?;
    let noms = db::contest_parts::nominations(&state.db, c.contest_id).await.or_internal()?;
    let n = noms.iter().find(|n| n.nomination_id == entry.nomination_id).ok_or(AppError::NotFound)?;
    Ok(UploadGate {
        kinds: n.allowed_kinds.0.clone(),
        max_bytes: n.max_file_mb * 1024 * 1024,
        max_files: n.max_files,
        entry,
    })
}

/// A file as its owner and organisers see it; `blind`: the contest hides authors from judges.
pub fn file_view(f: &fdb::FileRow, blind: bool) -> FileView {
    let kind = f.kind;
    let warning = match (blind, f.names_participant, f.clean_state.as_deref()) {
        (false, _, _) => None,
        (true, _, Some("failed")) => Some(Msg::FileNoBlindCopy),
        (true, true, _) => Some(Msg::FileNamesParticipant),
        _ => None,
    };
    FileView {
        id: f.public_id.clone(),
        name: f.original_name.clone(),
        size: f.size,
        mime: f.mime.clone(),
        kind,
        url: format!("/files/{}", f.public_id),
        thumb: (f.thumb_state.as_deref() == Some("ready")).then(|| format!("/files/{}/thumb", f.public_id)),
        inline: file::previews_inline(kind),
        warning,
    }
}

pub async fn entry_view(state: &AppState, e: &EntryRow, c: &ContestRow, admin: bool) -> Result<EntryView, AppError> {
    let now = state.now();
    let noms = db::contest_parts::nominations(&state.db, c.contest_id).await.or_internal()?;
    let n = noms.iter().find(|n| n.nomination_id == e.nomination_id).ok_or(AppError::NotFound)?;
    let groups = db::contest_parts::age_groups(&state.db, c.contest_id).await.or_internal()?;
    let p = edb::participant_by_id(&state.db, e.participant_id).await.or_internal()?.ok_or_else(|| internal("entry without its participant"))?;
    let ext = db::contests::extension_for(&state.db, c.contest_id, e.account_id).await.or_internal()?;
    let moments = Moments::of(c);
    let state_ = e.state;
    let judged = db::judging::has_submitted_sheet(&state.db, e.entry_id).await.or_internal()?;
    let editable = !admin
        && rules::entrant_may(EntrantAction::Edit, Some(state_), c.status(), c.timeline().as_ref(), c.closed_early_at, ext, now).is_ok()
        && rules::frozen_by_judging(judged).is_ok();
    let files = fdb::files(&state.db, e.entry_id).await.or_internal()?;
    let answers = super::questions::answers_of(state, e).await?;
    let uploads = if admin { Vec::new() } else { db::uploads::uploads_of_entry(&state.db, e.entry_id).await.or_internal()? };
    let entrant = if admin {
        db::accounts::find(&state.db, e.account_id).await.or_internal()?.map(|a| (a.email, a.display_name))
    } else {
        None
    };
    let result = super::results::entry_result(state, c, e.entry_id).await?;
    let audience = super::results::audience_diploma(state, c, e.entry_id, result.as_ref()).await?;
    Ok(EntryView {
        id: e.public_id.clone(),
        contest: summary(c, now),
        nomination_id: n.nomination_id,
        nomination: local(&n.name_kk, &n.name_ru, &n.name_en),
        rules: n.work_rules(),
        age_group: e
            .age_group_id
            .and_then(|g| groups.iter().find(|a| a.age_group_id == g))
            .map(|a| local(&a.name_kk, &a.name_ru, &a.name_en)),
        participant: participant_view(&p, now),
        title: e.title.clone(),
        description: e.description.clone(),
        state: state_,
        receipt: e.receipt_no.map(|no| rules::receipt(e.contest_id, no)),
        submitted_at: moments.at(e.submitted_at),
        disqualify_reason: e.disqualify_reason.clone(),
        deadline: c.timeline().and_then(|t| moments.at(Some(rules::deadline(&t, c.closed_early_at, ext)))),
        now,
        editable,
        judged,
        files: files.iter().map(|f| file_view(f, c.blind)).collect(),
        uploads: uploads
            .iter()
            .map(|u| UploadView { id: u.public_id.clone(), name: u.original_name.clone(), size: u.size, received: u.received })
            .collect(),
        entrant,
        result,
        audience,
        answers,
        staff_may_change: false,
        rounds: if admin { Vec::new() } else { super::rounds::path(state, e.entry_id).await? },
        publication: super::gallery::publication(state, c, e, &p),
    })
}

/// The entrant's works as cards: for each, what its contest's phase means for it now (a
/// draft to finish, changes allowed until a date, being judged, a place and its diploma).
/// Each contest is loaded once.
pub async fn my_entries(state: &AppState, account_id: AccountId) -> Result<EntrantWorks, AppError> {
    let now = state.now();
    let lines = edb::lines_of_account(&state.db, account_id).await.or_internal()?;
    let mut contests: std::collections::HashMap<ContestId, (ContestRow, Option<i64>)> = std::collections::HashMap::new();
    let mut entries = Vec::with_capacity(lines.len());
    for l in &lines {
        if let std::collections::hash_map::Entry::Vacant(slot) = contests.entry(l.contest_id) {
            let c = db::contests::find_by_id(&state.db, l.contest_id).await.or_internal()?.ok_or_else(|| internal("entry without its contest"))?;
            let ext = db::contests::extension_for(&state.db, c.contest_id, account_id).await.or_internal()?;
            slot.insert((c, ext));
        }
        let Some((c, ext)) = contests.get(&l.contest_id) else { continue };
        let moments = Moments::of(c);
        let timeline = c.timeline();
        // Whether a judge has scored it is asked only of a work its entrant could still change.
        let editable = rules::entrant_may(EntrantAction::Edit, Some(l.state), c.status(), timeline.as_ref(), c.closed_early_at, *ext, now).is_ok()
            && rules::frozen_by_judging(db::judging::has_submitted_sheet(&state.db, l.entry_id).await.or_internal()?).is_ok();
        let result = super::results::entry_result(state, c, l.entry_id).await?;
        entries.push(EntrantWork {
            line: line_view(l),
            editable,
            deadline: timeline.as_ref().and_then(|t| moments.at(Some(rules::deadline(t, c.closed_early_at, *ext)))),
            results_at: moments.at(c.results_at),
            published: c.published_at.is_some(),
            audience: super::results::audience_diploma(state, c, l.entry_id, result.as_ref()).await?,
            result,
            time_zone: c.time_zone.clone(),
        });
    }
    Ok(EntrantWorks { entries, now })
}

pub fn line_view(l: &edb::EntryLine) -> EntryLineView {
    EntryLineView {
        id: l.public_id.clone(),
        contest_id: l.contest_public_id.clone(),
        contest_title: local(&l.contest_title_kk, &l.contest_title_ru, &l.contest_title_en),
        nomination: local(&l.nomination_kk, &l.nomination_ru, &l.nomination_en),
        age_group: l.age_group_id.map(|_| local(&l.age_group_kk, &l.age_group_ru, &l.age_group_en)),
        participant: l.participant_name.clone(),
        title: l.title.clone(),
        state: l.state,
        receipt: l.receipt_no.map(|no| rules::receipt(l.contest_id, no)),
        files: l.files,
        submitted_at: l.submitted_at,
    }
}

/// How long a hold on a blob's bytes lasts if its holder dies: longer than storing the
/// largest work takes.
const BLOB_HOLD_SECS: i64 = 900;
/// How long a request waits for another's hold on the same bytes before giving up.
const BLOB_HOLD_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A hold on one blob's stored bytes (the lease `blob:<sha256>`). Whoever looks for the
/// bytes in the store, puts them there and records their row holds it until the row is
/// written; whoever removes bytes whose row went holds it while they look that no row came
/// back and remove them. So two requests with the same bytes never remove what the other
/// has just recorded. Handed back when dropped.
pub struct BlobHold {
    db: db::Db,
    sha256: String,
    lease: String,
    holder: String,
}

impl BlobHold {
    /// A name for one request's holds: holds taken under one name do not wait for each
    /// other (a request that sends the same bytes twice).
    pub fn holder(state: &AppState) -> String {
        format!("{}:{}", state.instance, crate::backend::ids::new_public_id())
    }

    /// Takes the hold as `holder`, waiting while another request holds the same bytes.
    pub async fn take(state: &AppState, sha256: &str, holder: &str) -> Result<BlobHold, AppError> {
        let hold = BlobHold { db: state.db.clone(), sha256: sha256.to_owned(), lease: format!("blob:{sha256}"), holder: holder.to_owned() };
        let started = std::time::Instant::now();
        loop {
            let now = state.now();
            if db::leases::claim(&state.db, &hold.lease, &hold.holder, now, now + BLOB_HOLD_SECS).await.or_internal()? {
                return Ok(hold);
            }
            if started.elapsed() > BLOB_HOLD_WAIT {
                tracing::error!(lease = hold.lease, "bytes held by another request for too long");
                return Err(AppError::Refused(Msg::ErrStorage));
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Removes the bytes and their copies unless a row records them (again): the caller
    /// holds them, so none can be recorded meanwhile.
    pub async fn remove_unrecorded(&self, state: &AppState) {
        let sha256 = self.sha256.as_str();
        match db::files::blob_recorded(&state.db, sha256).await {
            Ok(false) => {
                for key in [storage::blob_key(sha256), storage::thumb_key(sha256), storage::view_key(sha256), storage::clean_key(sha256), storage::page_key(sha256)] {
                    if let Err(e) = state.storage.delete(&key).await {
                        tracing::warn!(key, error = %e, "cannot remove stored object");
                    }
                }
            }
            Ok(true) => tracing::info!(sha256, "bytes recorded again meanwhile: kept"),
            Err(e) => tracing::warn!(sha256, error = %e, "cannot tell whether bytes are still recorded: kept"),
        }
    }
}

impl Drop for BlobHold {
    fn drop(&mut self) {
        let (db, lease, holder) = (self.db.clone(), std::mem::take(&mut self.lease), std::mem::take(&mut self.holder));
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                if let Err(e) = db::leases::release(&db, &lease, &holder).await {
                    tracing::warn!(lease, error = %e, "cannot hand back a hold on bytes");
                }
            });
        }
    }
}

/// Removes the stored bytes (and every copy made of them) of a blob whose row went, unless
/// another request has recorded the same bytes again meanwhile.
pub async fn drop_blob(state: &AppState, sha256: &str) {
    match BlobHold::take(state, sha256, &BlobHold::holder(state)).await {
        Ok(hold) => hold.remove_unrecorded(state).await,
        Err(_) => tracing::warn!(sha256, "bytes left in the store: their hold was not free"),
    }
}

/// A new local file name under `DATA_DIR/uploads` for bytes on their way into the store
/// (a piece, an upload put together, a form's file); `what` says which, for whoever looks.
pub fn staging_path(state: &AppState, what: &str) -> std::path::PathBuf {
    state.config.data_dir.join("uploads").join(format!("{}.{what}", crate::backend::ids::new_public_id()))
}

/// Removes every piece of an upload from the store (finished, cancelled or abandoned).
pub async fn remove_upload_pieces(state: &AppState, upload_public_id: &str) {
    match state.storage.list(&storage::upload_prefix(upload_public_id)).await {
        Ok(objects) => {
            for o in objects {
                if let Err(e) = state.storage.delete(&o.key).await {
                    tracing::warn!(key = o.key, error = %e, "cannot remove upload piece");
                }
            }
        }
        Err(e) => tracing::warn!(upload = upload_public_id, error = %e, "cannot list upload pieces"),
    }
}

/// Ends an unfinished upload: its row (and its pieces' rows), then its pieces' objects.
pub async fn end_upload(state: &AppState, upload_id: crate::domain::ids::UploadId, upload_public_id: &str) -> Result<(), sqlx::Error> {
    db::uploads::delete_upload(&state.db, upload_id).await?;
    remove_upload_pieces(state, upload_public_id).await;
    Ok(())
}

/// Parses the admin list's filters (all optional, as they come from a GET form).
pub fn parse_filter(nomination: &str, age_group: &str, state: &str, q: &str, answer: &str) -> edb::Filter {
    edb::Filter {
        nomination_id: nomination.trim().parse().ok(),
        age_group_id: age_group.trim().parse().ok(),
        state: EntryState::parse(state.trim()),
        search: Some(q.trim()).filter(|q| !q.is_empty()).map(|q| q.chars().take(100).collect()),
        answer: parse_answer_filter(answer),
    }
}

/// The list's answer filter `<question>:<value>`, where the value is a choice's option
/// position or `yes`/`no`; anything else filters nothing.
fn parse_answer_filter(s: &str) -> Option<(i64, String)> {
    let (q, v) = s.trim().split_once(':')?;
    let fine = v == "yes" || v == "no" || (!v.is_empty() && v.len() <= 3 && v.bytes().all(|b| b.is_ascii_digit()));
    Some((q.parse().ok()?, v.to_owned())).filter(|_| fine)
}


/// Who may read an entry's files: its owner and the contest's staff (judges, once assigned,
/// with judging). The public never, before results allow it.
pub async fn may_read_file(state: &AppState, me: Option<&CurrentAccount>, f: &fdb::FileRow) -> Result<bool, AppError> {
    let Some(me) = me else { return Ok(false) };
    let Some(e) = edb::entry_by_id(&state.db, f.entry_id).await.or_internal()? else { return Ok(false) };
    if e.account_id == me.account_id {
        return Ok(true);
    }
    super::access::holds_on(state, me, e.contest_id, crate::domain::access::Power::See).await
}

/// Texts for the export's header row, in the reader's language.
pub fn export_header(lang: Lang) -> Vec<&'static str> {
    [
        Msg::ColReceipt,
        Msg::ColState,
        Msg::FieldNomination,
        Msg::ColAgeGroup,
        Msg::FieldTitle,
        Msg::FieldFullName,
        Msg::FieldBirthDate,
        Msg::FieldSchool,
        Msg::FieldCity,
        Msg::FieldSupervisor,
        Msg::ColEntrant,
        Msg::FieldEmail,
        Msg::ColFiles,
        Msg::ColSubmittedAt,
    ]
    .iter()
    .map(|m| m.text(lang))
    .collect()
}

/// One export row per entry, as text cells (the caller neutralises formulas). `reduced`: the
/// contest's retention period is over; the entrants' names and addresses are left out too.
pub fn export_rows(lines: &[edb::EntryLine], lang: Lang, zone: &str, reduced: bool) -> Vec<Vec<String>> {
    let kept = |s: &String| if reduced { String::new() } else { s.clone() };
    let pick = |kk: &Option<String>, ru: &Option<String>, en: &Option<String>| {
        local(kk, ru, en).pick(lang).map(|(t, _)| t.to_string()).unwrap_or_default()
    };
    lines
        .iter()
        .map(|l| {
            vec![
                l.receipt_no.map(|no| rules::receipt(l.contest_id, no)).unwrap_or_default(),
                state_msg(l.state).text(lang).to_string(),
                pick(&l.nomination_kk, &l.nomination_ru, &l.nomination_en),
                pick(&l.age_group_kk, &l.age_group_ru, &l.age_group_en),
                l.title.clone(),
                l.participant_name.clone(),
                l.birth_date.clone(),
                l.school.clone(),
                l.city.clone(),
                l.supervisor.clone(),
                kept(&l.entrant_name),
                kept(&l.entrant_email),
                l.files.to_string(),
                l.submitted_at.map(|t| crate::backend::zone::utc_to_input(t, zone).replace('T', " ")).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The translated error for a refused answer.
fn answer_msg(e: crate::domain::question::AnswerError) -> Msg {
    use crate::domain::question::AnswerError as E;
    match e {
        E::Required => Msg::ErrRequired,
        E::TooLong => Msg::ErrTextTooLong,
        E::ControlChars => Msg::ErrControlChars,
        E::WholeNumber => Msg::ErrWholeNumber,
        E::OutOfRange => Msg::ErrOutOfRange,
        E::Choose => Msg::ErrChooseOption,
        E::Date => Msg::ErrDate,
        E::Url => Msg::ErrUrl,
        E::Email => Msg::ErrEmailInvalid,
        E::Phone => Msg::ErrPhone,
    }
}

/// Saves the answers to the caller's own entry while it may change: `q<id>` → the answer,
/// `q<id>o<n>` → a ticked option of a multiple choice. Every answer is read by its
/// question's rule and every refused one named at once; nothing is saved unless all are
/// fine. A key that is not one of this entry's questions is a bad request.
pub async fn save_answers(state: &AppState, me: &CurrentAccount, id: &str, form: &std::collections::HashMap<String, String>) -> Result<(), AppError> {
    let (e, c) = own_entry(state, me, id).await?;
    gate(state, &c, me.account_id, EntrantAction::Edit, Some(&e)).await?;
    let asked: Vec<_> = super::questions::answers_of(state, &e).await?.into_iter().map(|a| a.question).collect();
    let known = |key: &str| {
        let rest = key.strip_prefix('q').unwrap_or("");
        let id = rest.split('o').next().unwrap_or("");
        asked.iter().any(|q| q.id.to_string() == id)
    };
    if form.keys().any(|k| !known(k)) {
        return Err(AppError::BadRequest);
    }
    let mut c = crate::error::Checker::default();
    let mut answers = Vec::with_capacity(asked.len());
    for q in &asked {
        let values: Vec<String> = if q.kind == crate::domain::question::QuestionKind::ChoiceMany {
            (0..q.options.len()).filter(|n| form.contains_key(&format!("q{}o{n}", q.id))).map(|n| n.to_string()).collect()
        } else {
            form.get(&format!("q{}", q.id)).cloned().into_iter().collect()
        };
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        if let Some(a) = c.check(crate::error::Field::Question(q.id), crate::domain::question::read_answer(q, &values).map_err(answer_msg)) {
            answers.push((q.id, a));
        }
    }
    c.finish()?;
    db::questions::save_answers(&state.db, e.entry_id, &answers, state.now()).await.or_internal()
}
