//! The public gallery (`domain::gallery`): the shown works of a contest, built once per
//! contest revision and kept in memory, then filtered and paged per request; the files the
//! public may fetch; the entrant's consent to publication; the organisers' settings.
//!
//! Every change that can take a work out of the gallery (a consent taken back, a work
//! withdrawn or disqualified, a participant reduced, a setting) bumps the contest's
//! revision in the database in the same transaction, so no instance serves a cached page
//! that still shows it.

use super::OrInternal;
use super::contests::Moments;
use crate::backend::auth::CurrentAccount;
use crate::backend::db::contests::ContestRow;
use crate::backend::db::files::FileRow;
use crate::backend::{AppState, db, zone};
use crate::domain::audit::Action;
use crate::domain::contest::{FileKind, LocalText, Status};
use crate::domain::entry::EntryState;
use crate::domain::gallery::{self as rules, ConsentChange, ConsentRefusal, Filter, GalleryMode, Showable};
use crate::domain::ids::EntryId;
use crate::domain::privacy;
use crate::domain::results::Award;
use crate::error::{AppError, Field};
use crate::i18n::Msg;
use crate::view::gallery::{GalleryPage, GalleryWork, GalleryWorkPage, MediaView, PublicationView, Shown};
use std::collections::HashMap;
use std::sync::Arc;

/// Is the contest's gallery open at `now`? Never for a draft contest or one whose
/// participants' data was reduced.
pub fn is_open(c: &ContestRow, now: i64) -> bool {
    c.gallery_open(now)
}

/// The works the gallery shows now: from this instance's memory while the contest's
/// revision and published version are those it was built at.
pub async fn shown(state: &AppState, c: &ContestRow) -> Result<Arc<Shown>, AppError> {
    let version = c.published_version.unwrap_or(0);
    if let Some(hit) = state.gallery_cache.get(&c.public_id, version, c.revision) {
        return Ok(hit);
    }
    let (built, settled) = build(state, c).await?;
    let built = Arc::new(built);
    // A copy still being made would be missing from a kept page: kept only once all are.
    if settled {
        state.gallery_cache.put(&c.public_id, version, c.revision, built.clone());
    }
    Ok(built)
}

/// The shown works, and whether every copy of their files is settled (made or failed).
async fn build(state: &AppState, c: &ContestRow) -> Result<(Shown, bool), AppError> {
    let candidates = db::gallery::candidates(&state.db, c.contest_id).await.or_internal()?;
    let mut files: HashMap<EntryId, Vec<FileRow>> = HashMap::new();
    for f in db::gallery::files(&state.db, c.contest_id).await.or_internal()? {
        files.entry(f.entry_id).or_default().push(f);
    }
    let noms: HashMap<i64, LocalText> = db::contest_parts::nominations(&state.db, c.contest_id)
        .await
        .or_internal()?
        .into_iter()
        .map(|n| (n.nomination_id.0, LocalText::new(n.name_kk, n.name_ru, n.name_en)))
        .collect();
    let groups: HashMap<i64, LocalText> = db::contest_parts::age_groups(&state.db, c.contest_id)
        .await
        .or_internal()?
        .into_iter()
        .map(|g| (g.age_group_id.0, LocalText::new(g.name_kk, g.name_ru, g.name_en)))
        .collect();
    let awards: HashMap<EntryId, Award> = match c.published_version {
        Some(v) => db::results::lines(&state.db, c.contest_id, v)
            .await
            .or_internal()?
            .into_iter()
            .filter_map(|l| Award::parse(l.final_award()).filter(|a| *a != Award::Certificate).map(|a| (l.entry_id, a)))
            .collect(),
        None => HashMap::new(),
    };
    let on = super::results::reference_date(c);
    let pending = |f: &FileRow| [&f.thumb_state, &f.clean_state].iter().any(|s| s.as_deref() == Some("pending"));
    let mut settled = true;
    let blind = c.blind && c.published_at.is_none();
    let mut works = Vec::new();
    for w in candidates {
        let facts = Showable { submitted: w.state == EntryState::Submitted, consent: true, participant_gone: w.participant_gone };
        let Some(no) = w.receipt_no.filter(|_| facts.shown()) else { continue };
        let minor = on.is_none_or(|d| privacy::is_minor(&w.birth_date, d));
        let own = files.remove(&w.entry_id).unwrap_or_default();
        settled &= !own.iter().any(pending);
        works.push(GalleryWork {
            entry: w.entry_id.0,
            no,
            title: w.title,
            nomination_id: w.nomination_id,
            nomination: noms.get(&w.nomination_id).cloned().unwrap_or_default(),
            age_group_id: w.age_group_id,
            age_group: w.age_group_id.and_then(|g| groups.get(&g).cloned()),
            award: awards.get(&w.entry_id).copied(),
            // A blind contest names no author in public until its results are out: judges
            // may look at the gallery (and vote) while they judge.
            author: if blind { String::new() } else { privacy::public_name(&w.full_name, &w.city, c.name_display, minor) },
            media: own.iter().filter_map(media).collect(),
            votes: None,
        });
    }
    let mut shown = Shown { works, ..Shown::default() };
    for w in &shown.works {
        if !shown.nominations.iter().any(|(id, _)| *id == w.nomination_id) {
            shown.nominations.push((w.nomination_id, w.nomination.clone()));
        }
        if let (Some(id), Some(name)) = (w.age_group_id, &w.age_group)
            && !shown.age_groups.iter().any(|(g, _)| *g == id)
        {
            shown.age_groups.push((id, name.clone()));
        }
        if let Some(a) = w.award
            && !shown.awards.contains(&a)
        {
            shown.awards.push(a);
        }
    }
    shown.awards.sort();
    Ok((shown, settled))
}

/// How a file is shown, if it can be: an image once its copies are made, any other kind
/// once its copy without metadata is.
fn media(f: &FileRow) -> Option<MediaView> {
    let src = |variant: &str| format!("/gallery-files/{variant}/{}", f.public_id);
    match f.kind {
        FileKind::Image => (f.thumb_state.as_deref() == Some("ready")).then(|| {
            let (w, h) = (f.width.unwrap_or(0).max(1), f.height.unwrap_or(0).max(1));
            // The small copy's size: the longer side at most the thumbnail's.
            let side = i64::from(crate::backend::media::THUMB_SIDE);
            let (width, height) = if w.max(h) <= side { (w, h) } else if w >= h { (side, (h * side / w).max(1)) } else { ((w * side / h).max(1), side) };
            MediaView::Image { small: src("small"), large: src("large"), width: u32::try_from(width).unwrap_or(1), height: u32::try_from(height).unwrap_or(1) }
        }),
        _ if f.clean_state.as_deref() != Some("ready") => None,
        FileKind::Audio => Some(MediaView::Audio { src: src("copy"), mime: f.mime.clone() }),
        FileKind::Video => Some(MediaView::Video { src: src("copy"), mime: f.mime.clone() }),
        FileKind::Pdf => Some(MediaView::Document { src: src("copy"), name: f.original_name.clone(), page: Some(src("page")) }),
        FileKind::Document => Some(MediaView::Document { src: src("copy"), name: f.original_name.clone(), page: None }),
    }
}

/// A page of the contest's gallery with the public's filters. A closed gallery is a page
/// that says so (and when it opens, if known); an address of a contest without a gallery,
/// or a draft one, is not found.
pub async fn page(state: &AppState, c: &ContestRow, filter: Filter, page: usize) -> Result<GalleryPage, AppError> {
    if c.gallery == GalleryMode::Off || c.status == Status::Draft || c.reduced_at.is_some() {
        return Err(AppError::NotFound);
    }
    let now = state.now();
    let open = is_open(c, now);
    let mut out = GalleryPage {
        contest: c.slug.clone().unwrap_or_else(|| c.public_id.clone()),
        title: c.title(),
        open,
        opens: Moments::of(c).at(c.gallery.opens_at(c.gallery_opens_at, c.published_at)),
        works: Vec::new(),
        total: 0,
        page: 1,
        pages: 1,
        filter: filter.clone(),
        nominations: Vec::new(),
        age_groups: Vec::new(),
        awards: Vec::new(),
        vote: None,
        audience: None,
    };
    if !open {
        return Ok(out);
    }
    let all = shown(state, c).await?;
    out.nominations.clone_from(&all.nominations);
    out.age_groups.clone_from(&all.age_groups);
    out.awards.clone_from(&all.awards);
    let matching: Vec<&GalleryWork> = all.works.iter().filter(|w| filter.accepts(w.nomination_id, w.age_group_id, w.award.map(Award::as_str))).collect();
    let (range, pages) = rules::page_range(matching.len(), page);
    out.page = u32::try_from(range.start / rules::PAGE_SIZE + 1).unwrap_or(1);
    out.pages = crate::domain::count(pages);
    out.total = crate::domain::count(matching.len());
    out.works = matching[range].iter().map(|w| GalleryWork { media: w.media.iter().take(1).cloned().collect(), ..(*w).clone() }).collect();
    Ok(out)
}

/// One work's page: only while the gallery is open and the work is shown.
pub async fn work(state: &AppState, c: &ContestRow, no: i64) -> Result<GalleryWorkPage, AppError> {
    if !is_open(c, state.now()) {
        return Err(AppError::NotFound);
    }
    let all = shown(state, c).await?;
    let work = all.works.iter().find(|w| w.no == no).cloned().ok_or(AppError::NotFound)?;
    Ok(GalleryWorkPage { contest: c.slug.clone().unwrap_or_else(|| c.public_id.clone()), title: c.title(), work, vote: None })
}

/// The file the public asked for, if its work is shown in an open gallery now (checked at
/// every request: a consent taken back closes its files at once).
pub async fn public_file(state: &AppState, public_id: &str) -> Result<Option<FileRow>, AppError> {
    // Two reads: the file with its work's contest and number, then the contest (whose
    // revision says whether the shown works kept in memory are still right).
    let Some(cf) = db::gallery::consented_file(&state.db, public_id).await.or_internal()? else { return Ok(None) };
    let Some(c) = db::contests::find_by_id(&state.db, cf.contest_id).await.or_internal()? else { return Ok(None) };
    if !is_open(&c, state.now()) {
        return Ok(None);
    }
    let all = shown(state, &c).await?;
    Ok(all.works.iter().any(|w| w.no == cf.receipt_no).then_some(cf.file))
}

/// The public addresses for the sitemap: each public contest's page, its results once
/// published, its gallery while open and every work it shows now (nothing else: a work
/// whose consent is taken back leaves the sitemap with the gallery's next revision).
pub async fn sitemap(state: &AppState) -> Result<Vec<String>, AppError> {
    let now = state.now();
    let mut out = vec!["/".to_owned()];
    for c in db::contests::list_all(&state.db).await.or_internal()? {
        if !c.phase(now).is_public() {
            continue;
        }
        let base = format!("/contests/{}", c.slug.clone().unwrap_or_else(|| c.public_id.clone()));
        out.push(base.clone());
        if c.published_at.is_some() {
            out.push(format!("{base}/results"));
        }
        if is_open(&c, now) {
            let all = shown(state, &c).await?;
            out.push(format!("{base}/gallery"));
            out.extend(all.works.iter().map(|w| format!("{base}/gallery/{}", w.no)));
        }
    }
    Ok(out)
}

/// The publication choice of an entry as its entrant sees it; `None` when the contest has
/// no gallery and no consent was given.
pub fn publication(state: &AppState, c: &ContestRow, e: &db::entries::EntryRow, p: &db::entries::ParticipantRow) -> Option<PublicationView> {
    if c.gallery == GalleryMode::Off && e.gallery_consent_at.is_none() {
        return None;
    }
    let minor = super::results::reference_date(c).is_none_or(|d| privacy::is_minor(&p.birth_date, d));
    let moments = Moments::of(c);
    Some(PublicationView {
        mode: c.gallery,
        open: is_open(c, state.now()),
        opens: moments.at(c.gallery.opens_at(c.gallery_opens_at, c.published_at)),
        consent: moments.at(e.gallery_consent_at),
        minor,
        shown_name: privacy::public_name(&p.full_name, &p.city, c.name_display, minor),
        showable: matches!(e.state, EntryState::Draft | EntryState::Submitted),
    })
}

/// The entrant gives (`yes`) or takes back (`no`) their work's consent to publication;
/// `sending`: asked as the work is sent, which a gallery already open does not refuse.
pub async fn set_consent(state: &AppState, me: &CurrentAccount, entry: &str, choice: &str, sending: bool) -> Result<(), AppError> {
    let change = match choice.trim() {
        "yes" => ConsentChange::Give,
        "no" => ConsentChange::Revoke,
        _ => return Err(AppError::field(Field::Publication, Msg::ErrChooseOption)),
    };
    let e = db::entries::entry(&state.db, Some(me.account_id), entry.trim()).await.or_internal()?.ok_or(AppError::NotFound)?;
    let c = db::contests::find_by_id(&state.db, e.contest_id).await.or_internal()?.ok_or(AppError::NotFound)?;
    let showable = matches!(e.state, EntryState::Draft | EntryState::Submitted);
    rules::may_change(change, c.gallery, is_open(&c, state.now()) && !sending, showable).map_err(|r| match r {
        // Neither is offered on the page: a form from before the change is told to reload,
        // and the page then says why (`GalleryText::OpenNote`).
        ConsentRefusal::NoGallery => AppError::Forbidden,
        ConsentRefusal::GalleryOpen => AppError::Conflict(Msg::ErrConflict),
        ConsentRefusal::NotShowable => AppError::Refused(Msg::ErrEntryWithdrawn),
    })?;
    let given = e.gallery_consent_at.is_some();
    if given == (change == ConsentChange::Give) {
        return Ok(());
    }
    let now = state.now();
    let consent = (change == ConsentChange::Give).then_some((rules::CONSENT_VERSION, me.account_id));
    db::gallery::set_consent(&state.db, c.contest_id, e.entry_id, consent, now).await.or_internal()?;
    let detail = if consent.is_some() { format!("{}: {}", rules::CONSENT_VERSION, "given") } else { "taken back".to_owned() };
    let subject = db::audit::Subject::Entry { public_id: &e.public_id, contest: c.contest_id };
    db::audit::log(&state.db, Some(me.account_id), Action::GalleryConsent, subject, &detail, now).await.or_internal()
}

/// The organisers set when the gallery opens: `off`, `results`, or `date` with the local
/// moment `opens_at` in the contest's time zone.
pub async fn settings(state: &AppState, me: &CurrentAccount, c: &ContestRow, mode: &str, opens_at: &str) -> Result<(), AppError> {
    let mode = GalleryMode::parse(mode.trim()).ok_or(AppError::field(Field::Gallery, Msg::ErrChooseOption))?;
    let at = match (mode, opens_at.trim()) {
        (GalleryMode::Date, "") => return Err(AppError::field(Field::GalleryOpensAt, Msg::ErrRequired)),
        (GalleryMode::Date, s) => Some(zone::local_to_utc(s, &c.time_zone).map_err(|_| AppError::field(Field::GalleryOpensAt, Msg::ErrDateTime))?),
        _ => None,
    };
    db::contests::set_gallery(&state.db, c.contest_id, mode, at, state.now()).await.or_internal()?;
    let detail = match at {
        Some(t) => format!("{} {}", mode.as_str(), zone::utc_to_input(t, &c.time_zone)),
        None => mode.as_str().to_owned(),
    };
    super::contests::audit(state, me.account_id, Action::GallerySettings, c, &detail).await
}
