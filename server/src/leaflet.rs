//! The printable A4 poster of a contest (`GET /contests/{id}/poster.pdf?lang=kk`), for a
//! school's or a library's notice board: the organiser's band, the title, the contest's
//! poster image, the dates in words with the time zone named, the nominations with their age
//! groups, a QR code to the submit page for each nomination and a large one for the
//! contest, and the short link (`/{address}`) a person can type.

use crate::pdf::{self, Sheet};
use app::backend::storage::{POSTER_COPIES, copy_name, poster_key};
use app::backend::{AppState, auth, db};
use app::i18n::{Lang, Msg, dates};
use app::view::contests::ContestDetail;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

const W: f32 = 595.0;
const H: f32 = 842.0;
/// Nominations shown with their own QR code; more are listed without.
const WITH_CODES: usize = 4;

/// Everything the poster says, worked out before it is drawn.
pub struct LeafletText {
    pub organiser: String,
    pub title: String,
    pub description: String,
    /// (label, date in words), in order.
    pub dates: Vec<(String, String)>,
    pub zone: String,
    pub nominations_label: String,
    /// (name, its age groups, the address of its submit page).
    pub nominations: Vec<(String, String, String)>,
    /// The submit page, under the large code.
    pub submit_url: String,
    pub scan_words: String,
    /// The short link as a person types it (`baiqau.kz/uly-dala-tulgalary`).
    pub short_link: String,
}

/// The poster's own words (the server's only).
fn words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Kk => ("Жұмысты жіберу үшін кодты сканерлеңіз немесе сілтемені теріңіз:", "Уақыт белдеуі:"),
        Lang::Ru => ("Чтобы отправить работу, отсканируйте код или наберите ссылку:", "Часовой пояс:"),
        Lang::En => ("To send a work, scan the code or type the link:", "Time zone:"),
    }
}

/// The poster's text in `lang` for a contest, with addresses under `base` (the site's
/// public address).
pub fn text_of(c: &ContestDetail, organiser: &str, base: &str, lang: Lang) -> LeafletText {
    let s = &c.summary;
    let local = |t: &app::domain::contest::LocalText| t.pick(lang).map(|(v, _)| v.to_owned()).unwrap_or_default();
    let at = |m: Option<app::view::contests::Moment>| m.map(|m| dates::date_time(m.utc, m.offset, lang));
    let dates = [(Msg::TimelineOpens, at(s.opens)), (Msg::TimelineCloses, at(s.closes)), (Msg::TimelineResults, at(s.results))]
        .into_iter()
        .filter_map(|(label, when)| when.map(|w| (label.text(lang).to_owned(), w)))
        .collect();
    let offset = [s.opens, s.closes, s.results].into_iter().flatten().next().map_or(0, |m| m.offset);
    let (scan, zone) = words(lang);
    let submit = format!("{base}/contests/{}/submit", s.public_id);
    let nominations = c
        .nominations
        .iter()
        .map(|n| {
            let groups: Vec<String> = n.age_groups.iter().filter_map(|g| c.age_groups.iter().find(|a| a.id == *g)).map(|a| local(&a.name)).collect();
            (local(&n.name), groups.join(", "), format!("{submit}?nomination={}", n.id))
        })
        .collect();
    let short = format!("{base}/{}", s.slug.as_deref().unwrap_or(&s.public_id));
    LeafletText {
        organiser: organiser.to_owned(),
        title: local(&s.title),
        description: local(&s.description),
        dates,
        zone: format!("{zone} {}", dates::zone_name(&s.time_zone, offset, lang)),
        nominations_label: Msg::ContestNominations.text(lang).to_owned(),
        nominations,
        submit_url: submit,
        scan_words: scan.to_owned(),
        short_link: short.split_once("://").map_or(short.as_str(), |(_, rest)| rest).to_owned(),
    }
}

/// Draws the poster. `image`: the contest's poster as a JPEG with its size, if it has one.
pub fn render(t: &LeafletText, look: &crate::diploma::Look, image: Option<(Vec<u8>, (u32, u32))>) -> Result<Vec<u8>, String> {
    let mut page = Sheet::new(W, H)?;
    let (r, g, b) = look.main;
    page.content.set_fill_rgb(r, g, b);
    page.content.rect(0.0, H - 44.0, W, 44.0);
    page.content.fill_nonzero();
    let (ar, ag, ab) = look.accent;
    page.content.set_fill_rgb(ar, ag, ab);
    page.content.rect(0.0, H - 50.0, W, 6.0);
    page.content.fill_nonzero();
    page.content.set_fill_rgb(1.0, 1.0, 1.0);
    page.centred(&t.organiser, H - 28.0, 13.0, true, W - 60.0);
    page.content.set_fill_rgb(0.11, 0.14, 0.19);
    let mut y = H - 88.0;
    for line in page.wrap(&t.title, 26.0, true, W - 80.0).into_iter().take(3) {
        page.centred(&line, y, 26.0, true, W - 80.0);
        y -= 31.0;
    }
    if let Some((jpeg, size)) = image {
        let (bw, bh) = pdf::fit(size, W - 80.0, 230.0);
        page.image(jpeg, size, ((W - bw) / 2.0, y - bh + 12.0, bw, bh));
        y -= bh + 14.0;
    }
    for line in page.wrap(&t.description, 11.0, false, W - 80.0).into_iter().take(4) {
        page.centred(&line, y, 11.0, false, W - 80.0);
        y -= 15.0;
    }
    y -= 8.0;
    for (label, when) in &t.dates {
        page.text(&format!("{label}: "), 40.0, y, 11.0, true);
        let x = 40.0 + page.width_of(&format!("{label}: "), 11.0, true);
        page.text(when, x, y, 11.0, false);
        y -= 16.0;
    }
    page.text(&t.zone, 40.0, y, 9.0, false);
    y -= 26.0;
    nominations(&mut page, t, y)?;
    // The contest's code and its short link, at the foot.
    page.qr(&t.submit_url, W - 40.0 - 130.0, 40.0, 130.0)?;
    let lines = page.wrap(&t.scan_words, 10.0, false, W - 230.0);
    let mut fy = 140.0;
    for line in &lines {
        page.text(line, 40.0, fy, 10.0, false);
        fy -= 14.0;
    }
    page.text(&t.short_link, 40.0, fy - 14.0, 18.0, true);
    page.finish(&t.title)
}

/// The nominations from `y` down: the first few with their own code to their submit page.
fn nominations(page: &mut Sheet, t: &LeafletText, mut y: f32) -> Result<(), String> {
    page.text(&t.nominations_label, 40.0, y, 13.0, true);
    y -= 12.0;
    for (i, (name, groups, url)) in t.nominations.iter().enumerate() {
        if i < WITH_CODES && y > 246.0 {
            page.qr(url, 40.0, y - 58.0, 56.0)?;
            page.text(name, 108.0, y - 22.0, 12.0, true);
            page.text(groups, 108.0, y - 38.0, 10.0, false);
            y -= 66.0;
        } else if y > 200.0 {
            page.text(&format!("• {name} ({groups})"), 40.0, y - 14.0, 10.0, false);
            y -= 15.0;
        }
    }
    Ok(())
}

#[derive(serde::Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

/// `GET /contests/{id}/poster.pdf`: for everyone once the contest is public, for admins
/// before; in `?lang=`, else the reader's language.
pub async fn download(State(state): State<AppState>, Path(id): Path<String>, Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    match make(&state, &id, q.lang.as_deref(), &headers).await {
        Ok(Some((name, pdf))) => {
            let mut res = pdf.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
            if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, contest = %id, "cannot make the printable poster");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn make(state: &AppState, id: &str, lang: Option<&str>, headers: &HeaderMap) -> Result<Option<(String, Vec<u8>)>, String> {
    let e = |e: sqlx::Error| e.to_string();
    let c = match db::contests::find(&state.db, id).await.map_err(e)? {
        Some(c) => Some(c),
        None => db::contests::find_by_address(&state.db, &id.to_ascii_lowercase()).await.map_err(e)?,
    };
    let Some(c) = c else { return Ok(None) };
    let admin = match auth::current_account(&state.db, &state.config, headers, state.now()).await {
        Ok(Some(me)) if me.is_staff() && !me.two_step_missing() => matches!(app::service::access::standing(state, &me, &c).await, Ok(Some(_))),
        _ => false,
    };
    if !c.phase(state.now()).is_public() && !admin {
        return Ok(None);
    }
    let lang = lang.and_then(Lang::from_code).unwrap_or(app::backend::identity::request_lang(state, headers).await);
    let detail = app::service::contests::detail(state, &c, false, false).await.map_err(|e| format!("{e:?}"))?;
    let identity = state.identity.get(&state.db).await;
    let organiser = if c.organiser_name.trim().is_empty() { identity.name(lang).unwrap_or_default().to_owned() } else { c.organiser_name.clone() };
    let text = text_of(&detail, &organiser, state.config.public_url.trim_end_matches('/'), lang);
    let mut image = None;
    if let Some(file) = &c.poster_file
        && let Ok(jpeg) = state.storage.read(&poster_key(&copy_name(file, POSTER_COPIES[1]))).await
    {
        image = pdf::image_size(&jpeg).map(|size| (jpeg, size));
    }
    // The poster shows the organiser's colours, not its logo: no need to read the logo.
    let look = crate::diploma::Look::of(&identity, None);
    let pdf = tokio::task::spawn_blocking(move || render(&text, &look, image)).await.map_err(|e| e.to_string())??;
    let name = format!("{}-{}.pdf", c.slug.as_deref().unwrap_or(&c.public_id), lang.code());
    Ok(Some((name, pdf)))
}
