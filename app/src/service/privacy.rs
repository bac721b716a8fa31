//! Personal data that expires or is taken back. Three cases reduce participants to what
//! results and diplomas need (first name and initial, year of birth, city; school and
//! supervisor gone) and delete the works' files:
//!
//! - a contest's retention period runs out (`apply_retention`, hourly): its participants
//!   are reduced in that contest only; a child who goes on in later contests keeps their
//!   data there;
//! - a guardian withdraws consent (`withdraw_consent`): the child is reduced everywhere and
//!   leaves the contests not yet published;
//! - an entrant deletes their account (`delete_account`): all their participants, as above,
//!   and the account emptied.
//!
//! Published results stay right and diplomas still verify, under the reduced name. And an
//! entrant can take everything stored about them (`export`).

use super::OrInternal;
use crate::backend::db::privacy::{self as pdb, Person, Scope};
use crate::backend::{AppState, auth::CurrentAccount, db, ids, storage};
use crate::domain::audit::Action;
use crate::domain::ids::{AccountId, ContestId};
use crate::domain::privacy::{reduced_birth, reduced_name};
use crate::domain::{Password, file};
use crate::error::{AppError, Field};
use crate::i18n::Msg;

/// What a reduction leaves for after its transaction: stored bytes to remove.
#[derive(Default)]
struct Leftovers {
    blobs: Vec<String>,
    uploads: Vec<String>,
    documents: Vec<String>,
}

impl Leftovers {
    /// Removes the stored bytes: the works' files (with their thumbnails and copies), the
    /// pieces of unfinished uploads, and diplomas' PDFs (made again, with the reduced name,
    /// when next asked for).
    async fn remove(self, state: &AppState) {
        for sha in &self.blobs {
            super::entries::drop_blob(state, sha).await;
        }
        for upload in &self.uploads {
            super::entries::remove_upload_pieces(state, upload).await;
        }
        for code in &self.documents {
            if let Err(e) = state.storage.delete(&storage::document_key(code)).await {
                tracing::warn!(code, error = %e, "cannot remove a diploma's PDF");
            }
        }
    }
}

/// Files, uploads, answers and documents of the scope, inside the caller's transaction:
/// files, uploads and answers gone, documents' holders reduced.
async fn take_scope(tx: &mut db::Tx, scope: Scope, out: &mut Leftovers) -> Result<(), AppError> {
    out.uploads.extend(pdb::take_uploads(&mut *tx, scope).await.or_internal()?);
    out.blobs.extend(pdb::take_files(&mut *tx, scope).await.or_internal()?);
    pdb::forget_answers(&mut *tx, scope).await.or_internal()?;
    for (code, holder) in pdb::documents(&mut *tx, scope).await.or_internal()? {
        let reduced = reduced_name(&holder);
        if reduced != holder {
            pdb::set_holder(&mut *tx, &code, &reduced).await.or_internal()?;
        }
        out.documents.push(code);
    }
    Ok(())
}

/// Reduces every contest whose retention period is over at `now`; how many.
pub async fn apply_retention(state: &AppState, now: i64) -> Result<usize, AppError> {
    let mut reduced = 0;
    for (contest_id, archived_at) in pdb::archived_unreduced(&state.db).await.or_internal()? {
        if state.config.retention.is_over(archived_at, now) {
            reduce_contest(state, contest_id, now).await?;
            reduced += 1;
        }
    }
    Ok(reduced)
}

/// One contest's participants reduced in that contest (each gets a reduced copy its entries
/// there point to; the original goes when nothing else refers to it), its files deleted.
pub async fn reduce_contest(state: &AppState, contest_id: ContestId, now: i64) -> Result<(), AppError> {
    let c = super::entries::contest_by_id(state, contest_id).await?;
    let mut out = Leftovers::default();
    let mut tx = db::write(&state.db).await.or_internal()?;
    let people = pdb::people_of_contest(&mut tx, contest_id).await.or_internal()?;
    for p in &people {
        let copy = pdb::insert_reduced_copy(&mut tx, p, &ids::new_public_id(), &reduced_name(&p.full_name), &reduced_birth(&p.birth_date), now)
            .await
            .or_internal()?;
        pdb::move_entries(&mut tx, contest_id, p.participant_id, copy).await.or_internal()?;
        pdb::delete_if_unused(&mut tx, p.participant_id).await.or_internal()?;
    }
    take_scope(&mut tx, Scope::Contest(contest_id), &mut out).await?;
    pdb::mark_contest_reduced(&mut tx, contest_id, now).await.or_internal()?;
    let subject = db::audit::Subject::Contest { id: contest_id, public_id: &c.public_id };
    db::audit::log(&mut tx, None, Action::ContestReduce, subject, &people.len().to_string(), now).await.or_internal()?;
    tx.commit().await.or_internal()?;
    tracing::info!(contest = %c.public_id, participants = people.len(), files = out.blobs.len(), "retention period over: personal data reduced");
    out.remove(state).await;
    Ok(())
}

/// A participant reduced where it stands, in every contest: entries of contests not yet
/// published are left (drafts deleted, the rest withdrawn).
async fn reduce_person(tx: &mut db::Tx, p: &Person, withdrawn: bool, now: i64, out: &mut Leftovers) -> Result<(), AppError> {
    take_scope(tx, Scope::Participant(p.participant_id), out).await?;
    // Their works leave every gallery at once, cached pages included.
    db::gallery::bump_participant_contests(&mut *tx, p.participant_id).await.or_internal()?;
    pdb::leave_unpublished(&mut *tx, p.participant_id, now).await.or_internal()?;
    pdb::reduce_in_place(&mut *tx, p.participant_id, &reduced_name(&p.full_name), &reduced_birth(&p.birth_date), withdrawn, now).await.or_internal()?;
    Ok(())
}

/// The guardian takes their consent back: the child is reduced everywhere, their works'
/// files deleted, and they leave the contests not yet published. `understood`: the box
/// saying so was ticked.
pub async fn withdraw_consent(state: &AppState, me: &CurrentAccount, participant: &str, understood: bool, now: i64) -> Result<(), AppError> {
    let person = pdb::person(&state.db, me.account_id, participant).await.or_internal()?.ok_or(AppError::NotFound)?;
    if person.consent_version.is_none() {
        return Err(AppError::Refused(Msg::ErrNoConsentToWithdraw));
    }
    if !understood {
        return Err(AppError::field(Field::Understood, Msg::ErrUnderstoodRequired));
    }
    let mut out = Leftovers::default();
    let mut tx = db::write(&state.db).await.or_internal()?;
    reduce_person(&mut tx, &person, true, now, &mut out).await?;
    db::audit::log(&mut tx, Some(me.account_id), Action::ConsentWithdraw, db::audit::Subject::Account(me.account_id), participant, now)
        .await
        .or_internal()?;
    tx.commit().await.or_internal()?;
    out.remove(state).await;
    Ok(())
}

/// The entrant deletes their account, proven by their password: every participant reduced
/// as for a withdrawn consent, the account emptied and logged out everywhere. Staff (a role,
/// a seat on a jury, an organisation's admin or a contest's staff) cannot: their decisions
/// and sheets name them.
pub async fn delete_account(state: &AppState, me: &CurrentAccount, password: Password, understood: bool, now: i64) -> Result<(), AppError> {
    let account = db::accounts::find(&state.db, me.account_id).await.or_internal()?.ok_or(AppError::Unauthorized)?;
    if !state.hasher.verify(&password, Some(&account.password_hash)).await.or_internal()? {
        return Err(AppError::field(Field::CurrentPassword, Msg::ErrWrongCurrentPassword));
    }
    if pdb::is_staff(&state.db, me.account_id).await.or_internal()? {
        return Err(AppError::Refused(Msg::ErrStaffCannotDelete));
    }
    if !understood {
        return Err(AppError::field(Field::Understood, Msg::ErrUnderstoodRequired));
    }
    let mut out = Leftovers::default();
    let mut tx = db::write(&state.db).await.or_internal()?;
    for p in pdb::people_of_account(&mut tx, me.account_id).await.or_internal()? {
        reduce_person(&mut tx, &p, false, now, &mut out).await?;
    }
    pdb::erase_account(&mut tx, me.account_id, now).await.or_internal()?;
    db::audit::log(&mut tx, Some(me.account_id), Action::AccountDelete, db::audit::Subject::Account(me.account_id), "", now)
        .await
        .or_internal()?;
    tx.commit().await.or_internal()?;
    out.remove(state).await;
    Ok(())
}

/// Everything stored about an account and its participants, as its owner may take it away.
#[derive(serde::Serialize)]
pub struct Export {
    pub format: &'static str,
    pub exported_at: i64,
    pub account: ExportAccount,
    pub participants: Vec<pdb::StoredPerson>,
    /// Each entry as its owner sees it (results, comments and documents once published).
    pub entries: Vec<crate::view::entries::EntryView>,
    pub sessions: Vec<ExportSession>,
    /// The Telegram chat notices also go to, if one is linked.
    pub telegram: Option<ExportTelegram>,
    /// The works' files, as uploaded: where each is in the archive.
    pub files: Vec<ExportFile>,
    /// The consents to show a work in its contest's public gallery, as given (a consent
    /// taken back is not kept).
    pub publication_consents: Vec<ExportConsent>,
}

#[derive(serde::Serialize)]
pub struct ExportConsent {
    pub entry: String,
    pub given_at: i64,
    /// The version of the consent's text that was shown (`domain::gallery::CONSENT_VERSION`).
    pub text_version: String,
}

#[derive(serde::Serialize)]
pub struct ExportAccount {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub created_at: i64,
    pub email_confirmed_at: Option<i64>,
    pub two_step: bool,
}

#[derive(serde::Serialize)]
pub struct ExportTelegram {
    pub chat_id: i64,
    pub chat_name: String,
    pub linked_at: i64,
}

#[derive(serde::Serialize)]
pub struct ExportSession {
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: String,
}

#[derive(serde::Serialize)]
pub struct ExportFile {
    pub entry: String,
    pub name: String,
    pub size: i64,
    pub sha256: String,
    /// The path inside the archive.
    pub path: String,
}

/// The account's data; the files are listed, their bytes are the caller's to add.
pub async fn export(state: &AppState, account_id: AccountId) -> Result<Export, AppError> {
    let a = db::accounts::find(&state.db, account_id).await.or_internal()?.ok_or(AppError::Unauthorized)?;
    let two_step = db::two_step::secret(&state.db, account_id).await.or_internal()?.is_some();
    let mut entries = Vec::new();
    let mut files = Vec::new();
    let mut consents = Vec::new();
    for line in db::entries::lines_of_account(&state.db, account_id).await.or_internal()? {
        let Some(e) = db::entries::entry(&state.db, Some(account_id), &line.public_id).await.or_internal()? else { continue };
        let c = super::entries::contest_by_id(state, e.contest_id).await?;
        for (n, f) in db::files::files(&state.db, e.entry_id).await.or_internal()?.into_iter().enumerate() {
            let name = file::download_name(&file::display_name(&f.original_name, &f.mime), &f.mime);
            files.push(ExportFile { entry: e.public_id.clone(), path: format!("files/{}/{}-{name}", e.public_id, n + 1), name: f.original_name, size: f.size, sha256: f.sha256 });
        }
        if let (Some(given_at), Some(text_version)) = (e.gallery_consent_at, e.gallery_consent_version.clone()) {
            consents.push(ExportConsent { entry: e.public_id.clone(), given_at, text_version });
        }
        entries.push(super::entries::entry_view(state, &e, &c, false).await?);
    }
    let sessions = db::sessions::list_of_account(&state.db, account_id).await.or_internal()?;
    let telegram = db::telegram::chat_of(&state.db, account_id).await.or_internal()?;
    Ok(Export {
        format: "baiqau-personal-data/1",
        exported_at: state.now(),
        account: ExportAccount {
            email: a.email,
            display_name: a.display_name,
            role: a.role.as_str().to_string(),
            created_at: a.created_at,
            email_confirmed_at: a.email_confirmed_at,
            two_step,
        },
        participants: pdb::stored_people(&state.db, account_id).await.or_internal()?,
        entries,
        sessions: sessions.into_iter().map(|s| ExportSession { created_at: s.created_at, last_seen_at: s.last_seen_at, user_agent: s.user_agent }).collect(),
        telegram: telegram.map(|t| ExportTelegram { chat_id: t.chat_id, chat_name: t.chat_name, linked_at: t.linked_at }),
        files,
        publication_consents: consents,
    })
}
