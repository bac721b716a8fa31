//! Image previews: thumbnails made off the request path, a few at a time, upright and
//! re-encoded from pixels so that no metadata (GPS, camera serial, comments) survives.

use super::AppState;
use super::db;
use super::storage::{blob_key, thumb_key, view_key};
use crate::domain::likeness::{CENTRES, GREY_SIDE, ImagePrint, Print, perceptual_hash};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// Largest side and pixel count of an image accepted as a work. A phone's 48 MP photo
/// fits; a 50,000 × 50,000 "pixel bomb" in 100 KB does not.
pub const MAX_SIDE: u32 = 16_384;
pub const MAX_PIXELS: u64 = 64_000_000;
/// Memory a decoder may take for one image.
const MAX_ALLOC: u64 = 320 * 1024 * 1024;
/// The thumbnail's longer side.
pub const THUMB_SIDE: u32 = 480;
/// The longer side of the copy judges see in blind contests.
pub const VIEW_SIDE: u32 = 2048;

/// Reads only an image's header: its size, refused when too large to decode safely.
pub fn dimensions(path: &std::path::Path) -> Result<(u32, u32), String> {
    let reader = ImageReader::open(path).map_err(|e| e.to_string())?.with_guessed_format().map_err(|e| e.to_string())?;
    let (w, h) = reader.into_dimensions().map_err(|e| e.to_string())?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!("{w}×{h} is too large"));
    }
    Ok((w, h))
}

/// A JPEG thumbnail of `bytes`: turned upright by its EXIF orientation, at most
/// [`THUMB_SIDE`] on its longer side, and carrying no metadata at all.
pub fn thumbnail(bytes: &[u8]) -> Result<Vec<u8>, String> {
    derived(bytes, &[THUMB_SIDE]).map(|mut v| v.remove(0))
}

/// Upright, metadata-free JPEG copies of an image, one per longer-side limit (never enlarged).
pub fn derived(bytes: &[u8], sides: &[u32]) -> Result<Vec<Vec<u8>>, String> {
    let img = decode(bytes)?;
    sides.iter().map(|side| jpeg(&fit(&img, *side).to_rgb8())).collect()
}

/// [`derived`] copies and the image's print, from one decoding.
fn derived_and_print(bytes: &[u8], sides: &[u32]) -> Result<(Vec<Vec<u8>>, ImagePrint), String> {
    let img = decode(bytes)?;
    let copies = sides.iter().map(|side| jpeg(&fit(&img, *side).to_rgb8())).collect::<Result<_, _>>()?;
    Ok((copies, image_print(&img)))
}

/// An image's print for near-duplicate search (`domain::likeness`): the perceptual hashes
/// of the whole picture and of its centres, from grey copies of [`GREY_SIDE`]².
pub fn image_print(img: &DynamicImage) -> ImagePrint {
    let side = u32::try_from(GREY_SIDE).unwrap_or(32);
    let hash = |part: &DynamicImage| {
        let grey = part.resize_exact(side, side, image::imageops::FilterType::Triangle).to_luma32f();
        perceptual_hash(grey.as_raw()).unwrap_or(0)
    };
    let (w, h) = (img.width(), img.height());
    let centre = |share: u32| {
        let (cw, ch) = ((w * share / 100).max(1), (h * share / 100).max(1));
        hash(&img.crop_imm((w - cw) / 2, (h - ch) / 2, cw, ch))
    };
    ImagePrint([hash(img), centre(CENTRES[0]), centre(CENTRES[1])])
}

/// The print of an image's stored bytes ([`image_print`]).
pub fn print_of_image(bytes: &[u8]) -> Result<Print, String> {
    Ok(Print::Image(image_print(&decode(bytes)?)))
}

/// The image at most `side` on its longer side (never enlarged).
fn fit(img: &DynamicImage, side: u32) -> DynamicImage {
    if img.width() > side || img.height() > side { img.thumbnail(side, side) } else { img.clone() }
}

fn jpeg(img: &image::RgbImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(img).map_err(|e| e.to_string())?;
    Ok(out)
}

fn png(img: &DynamicImage) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The image scaled to cover `w` × `h` and cropped to it around its centre.
fn cover(img: &DynamicImage, w: u32, h: u32) -> DynamicImage {
    img.resize_to_fill(w, h, image::imageops::FilterType::Lanczos3)
}

/// A contest poster's copies, made once when it is uploaded (no metadata survives):
/// the card's (640 px), the contest page's (1280 px), the social preview (1200 × 630,
/// cropped) and the favicon (64 × 64 PNG, cropped).
pub struct PosterCopies {
    pub card: Vec<u8>,
    pub page: Vec<u8>,
    pub social: Vec<u8>,
    pub icon: Vec<u8>,
}

pub fn poster_copies(bytes: &[u8]) -> Result<PosterCopies, String> {
    let img = decode(bytes)?;
    Ok(PosterCopies {
        card: jpeg(&fit(&img, 640).to_rgb8())?,
        page: jpeg(&fit(&img, 1280).to_rgb8())?,
        social: jpeg(&cover(&img, 1200, 630).to_rgb8())?,
        icon: png(&DynamicImage::ImageRgba8(cover(&img, 64, 64).to_rgba8()))?,
    })
}

/// An organiser's logo's copies: the header's (PNG, at most 256 px high and 768 wide, its
/// transparency kept), the favicon (64 × 64 PNG, the logo centred on transparency) and the
/// diplomas' (JPEG on white, at most 600 px).
pub struct LogoCopies {
    pub header: Vec<u8>,
    pub icon: Vec<u8>,
    pub print: Vec<u8>,
}

pub fn logo_copies(bytes: &[u8]) -> Result<LogoCopies, String> {
    let img = decode(bytes)?;
    let header = if img.height() > 256 || img.width() > 768 { img.thumbnail(768, 256) } else { img.clone() };
    let small = img.thumbnail(64, 64).to_rgba8();
    let mut icon = image::RgbaImage::new(64, 64);
    image::imageops::overlay(&mut icon, &small, i64::from((64 - small.width()) / 2), i64::from((64 - small.height()) / 2));
    let rgba = fit(&img, 600).to_rgba8();
    let mut print = image::RgbImage::from_pixel(rgba.width(), rgba.height(), image::Rgb([255, 255, 255]));
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = u16::from(p.0[3]);
        let mix = |c: u8| u8::try_from((u16::from(c) * a + 255 * (255 - a)) / 255).unwrap_or(255);
        print.put_pixel(x, y, image::Rgb([mix(p.0[0]), mix(p.0[1]), mix(p.0[2])]));
    }
    Ok(LogoCopies { header: png(&DynamicImage::ImageRgba8(header.to_rgba8()))?, icon: png(&DynamicImage::ImageRgba8(icon))?, print: jpeg(&print)? })
}

/// Decodes an image within the limits, turned upright by its EXIF orientation.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// How long an instance may take over one blob's derived images before another may.
const THUMB_LEASE_SECS: i64 = 600;

/// Makes the thumbnail of one blob and records the outcome, unless another instance is
/// making it (the lease `thumb:<sha256>`).
pub async fn make_thumbnail(state: &AppState, sha256: &str) {
    let _permit = state.thumb_permits.acquire().await;
    let lease = format!("thumb:{sha256}");
    let now = state.now();
    match db::leases::claim(&state.db, &lease, &state.instance, now, now + THUMB_LEASE_SECS).await {
        Ok(true) => {}
        Ok(false) => return,
        Err(e) => {
            tracing::error!(sha256, error = %e, "cannot lease a thumbnail");
            return;
        }
    }
    let outcome = match state.storage.read(&blob_key(sha256)).await {
        Ok(bytes) => match tokio::task::spawn_blocking(move || derived_and_print(&bytes, &[THUMB_SIDE, VIEW_SIDE])).await {
            Ok(Ok((mut copies, print))) => {
                if let Err(e) = db::likeness::save_print(&state.db, sha256, &Print::Image(print), state.now()).await {
                    tracing::warn!(sha256, error = %e, "cannot keep an image's print");
                }
                let view = copies.pop().unwrap_or_default();
                let thumb = copies.pop().unwrap_or_default();
                match state.storage.put_bytes(&view_key(sha256), view).await {
                    Ok(()) => state.storage.put_bytes(&thumb_key(sha256), thumb).await.map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                }
            }
            Ok(Err(e)) => Err(e),
            Err(e) => Err(e.to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    let ready = match outcome {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(sha256, error = %e, "thumbnail failed");
            false
        }
    };
    if let Err(e) = db::files::set_thumb_state(&state.db, sha256, ready).await {
        tracing::error!(sha256, error = %e, "cannot record thumbnail");
    }
    if let Err(e) = db::leases::release(&state.db, &lease, &state.instance).await {
        tracing::warn!(sha256, error = %e, "cannot hand back a thumbnail's lease");
    }
}

/// Starts the thumbnail of a new image in the background.
pub fn spawn_thumbnail(state: &AppState, sha256: String) {
    let state = state.clone();
    tokio::spawn(async move { make_thumbnail(&state, &sha256).await });
}

/// Makes the thumbnails left pending (by a restart, or an instance that died making them).
pub async fn finish_pending(state: &AppState) {
    match db::files::pending_thumbs(&state.db).await {
        Ok(list) => {
            for sha in list {
                make_thumbnail(state, &sha).await;
            }
        }
        Err(e) => tracing::error!(error = %e, "cannot list pending thumbnails"),
    }
}

/// The longest a PDF's first page may be rendered on its longer side (a phone's screen).
pub const PAGE_SIDE: u32 = 640;

/// The first page of a PDF as a JPEG on white, `side` pixels on its longer side: what the
/// public gallery shows of a document. Only pixels leave: no text layer, no metadata. A
/// file that is not a readable PDF, or has no page of a sensible size, is refused.
pub fn pdf_first_page(bytes: Vec<u8>, side: u32) -> Result<Vec<u8>, String> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    let pdf = Pdf::new(bytes).map_err(|e| format!("not a readable PDF: {e:?}"))?;
    let page = pdf.pages().first().ok_or("a PDF without pages")?;
    let (w, h) = page.render_dimensions();
    if !(w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0 && w.max(h) / w.min(h) <= 20.0) {
        return Err(format!("a first page of {w}×{h}"));
    }
    #[allow(clippy::cast_precision_loss)]
    let scale = side as f32 / w.max(h);
    let settings = hayro::PixmapSettings { x_scale: scale, y_scale: scale, bg_color: hayro::vello_cpu::color::palette::css::WHITE };
    let pixmap = hayro::render(page, &hayro::RenderCache::new(), &InterpreterSettings::default(), &hayro::RenderSettings::default(), &settings);
    let (pw, ph) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Opaque on white: premultiplied and straight colours are the same.
    let rgba = image::RgbaImage::from_raw(pw, ph, pixmap.data_as_u8_slice().to_vec()).ok_or("a page of no pixels")?;
    jpeg(&DynamicImage::ImageRgba8(rgba).to_rgb8())
}

/// The picture of a PDF's first page from its copy without metadata (`clean_sha`'s), drawn
/// once and kept in the store, a few at a time across requests. `false`: it could not be
/// drawn (recorded, so that a hostile file is not drawn again at every request).
pub async fn first_page(state: &AppState, sha256: &str) -> Result<bool, String> {
    let key = super::storage::page_key(sha256);
    if let Some(size) = state.storage.size(&key).await.map_err(|e| e.to_string())? {
        return Ok(size > 0);
    }
    let _permit = state.thumb_permits.acquire().await;
    let bytes = state.storage.read(&super::storage::clean_key(sha256)).await.map_err(|e| e.to_string())?;
    let drawn = match tokio::task::spawn_blocking(move || pdf_first_page(bytes, PAGE_SIDE)).await {
        Ok(Ok(jpeg)) => Some(jpeg),
        Ok(Err(e)) => {
            tracing::warn!(sha256, error = %e, "cannot draw a PDF's first page");
            None
        }
        Err(e) => {
            tracing::warn!(sha256, error = %e, "drawing a PDF's first page failed");
            None
        }
    };
    let ok = drawn.is_some();
    state.storage.put_bytes(&key, drawn.unwrap_or_default()).await.map_err(|e| e.to_string())?;
    Ok(ok)
}
