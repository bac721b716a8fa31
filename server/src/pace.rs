//! Request bodies that arrive too slowly are cut (see [`Pace`]): every body, uploads
//! included, is read through [`paced`]. A client that trickles a byte every few seconds to
//! hold a connection loses it within one window; a parent on a slow but steady link is never
//! cut, however long the body takes. Handlers tell the cut from a dropped connection with
//! [`too_slow`] (an upload keeps what arrived either way).

use app::backend::Config;
use app::backend::config::Pace;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt as _;
use std::sync::Arc;
use tokio::time::Instant;

/// Why a paced body ended early.
#[derive(Debug)]
pub struct TooSlow;

impl std::fmt::Display for TooSlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body arrived too slowly")
    }
}

impl std::error::Error for TooSlow {}

/// Was this body error a cut for slowness?
pub fn too_slow(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.is::<TooSlow>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// Where a paced body stands: the end of the current window and what came in it.
struct Window {
    ends: Instant,
    got: u64,
}

/// `body`, ended with [`TooSlow`] as soon as a window passes with less than the pace's
/// minimum in it.
pub fn paced(body: Body, pace: Pace) -> Body {
    let min = pace.min_bytes();
    let start = (body.into_data_stream(), Window { ends: Instant::now() + pace.window, got: 0 }, false);
    let stream = futures_util::stream::unfold(start, move |(mut inner, mut w, over)| async move {
        if over {
            return None;
        }
        loop {
            match tokio::time::timeout_at(w.ends, inner.next()).await {
                Ok(Some(Ok(bytes))) => {
                    w.got = w.got.saturating_add(bytes.len() as u64);
                    let now = Instant::now();
                    if now >= w.ends {
                        if w.got < min {
                            return Some((Err(axum::Error::new(TooSlow)), (inner, w, true)));
                        }
                        w = Window { ends: now + pace.window, got: 0 };
                    }
                    return Some((Ok(bytes), (inner, w, false)));
                }
                Ok(Some(Err(e))) => return Some((Err(e), (inner, w, true))),
                Ok(None) => return None,
                // A whole window went by with nothing more.
                Err(_) if w.got < min => return Some((Err(axum::Error::new(TooSlow)), (inner, w, true))),
                Err(_) => w = Window { ends: Instant::now() + pace.window, got: 0 },
            }
        }
    });
    Body::from_stream(stream)
}

/// The largest body a route takes, when it has one limit for every caller: server functions
/// and small forms [`FORM_BODY_LIMIT`](app::backend::security::FORM_BODY_LIMIT), posters
/// theirs. An upload's pieces and the plain upload form are `None`: their limit is the
/// nomination's, and their handlers refuse an announced length over it before reading, with
/// a message the uploader shows.
pub fn body_limit(method: &axum::http::Method, path: &str) -> Option<u64> {
    let form = app::backend::security::FORM_BODY_LIMIT as u64;
    let piece = method == axum::http::Method::PATCH && path.starts_with("/uploads/");
    if piece || (path.starts_with("/entries/") && path.ends_with("/files")) {
        None
    } else if path.starts_with("/admin/contests/") && path.ends_with("/poster") {
        Some(crate::poster::MAX_BYTES as u64 + 64 * 1024)
    } else {
        Some(form)
    }
}

/// A body announced larger than its route takes is refused at once (413), before a byte of
/// it is read; the client is not made to send it first.
pub async fn refuse_oversize(req: Request, next: Next) -> Response {
    let declared = req.headers().get(axum::http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    if let (Some(len), Some(limit)) = (declared, body_limit(req.method(), req.uri().path()))
        && len > limit
    {
        let status = axum::http::StatusCode::PAYLOAD_TOO_LARGE;
        let mut res = axum::response::IntoResponse::into_response((status, axum::Json(app::error::AppError::Refused(app::i18n::Msg::ErrBodyTooLarge))));
        // The unread body stays on the connection: it is not reused.
        res.headers_mut().insert(axum::http::header::CONNECTION, axum::http::HeaderValue::from_static("close"));
        return res;
    }
    next.run(req).await
}

/// Reads every request's body through [`paced`].
pub async fn pace_bodies(State(config): State<Arc<Config>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    next.run(Request::from_parts(parts, paced(body, config.upload_pace))).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Method;
    use std::time::Duration;

    #[test]
    fn each_route_has_its_limit_and_uploads_keep_the_nominations() {
        let form = Some(2 * 1024 * 1024);
        assert_eq!(body_limit(&Method::POST, "/api/login"), form);
        assert_eq!(body_limit(&Method::POST, "/uploads"), form, "opening an upload is a small JSON body");
        assert_eq!(body_limit(&Method::POST, "/lang"), form);
        assert_eq!(body_limit(&Method::POST, "/admin/contests/x/poster"), Some(5 * 1024 * 1024 + 64 * 1024));
        assert_eq!(body_limit(&Method::PATCH, "/uploads/abc"), None);
        assert_eq!(body_limit(&Method::POST, "/entries/abc/files"), None);
    }

    fn pace() -> Pace {
        Pace { window: Duration::from_secs(10), min_bytes_per_sec: 100 }
    }

    /// A body of `pieces`, each sent after its delay.
    fn timed(pieces: Vec<(u64, usize)>) -> Body {
        let s = futures_util::stream::iter(pieces).then(|(ms, len)| async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            Ok::<_, std::io::Error>(vec![7u8; len])
        });
        Body::from_stream(s)
    }

    async fn read(body: Body) -> (usize, Option<bool>) {
        let mut s = body.into_data_stream();
        let mut n = 0;
        while let Some(b) = s.next().await {
            match b {
                Ok(b) => n += b.len(),
                Err(e) => return (n, Some(too_slow(&e))),
            }
        }
        (n, None)
    }

    #[tokio::test(start_paused = true)]
    async fn a_steady_slow_body_is_never_cut_however_long_it_takes() {
        // 200 bytes a second for ten minutes: twice the minimum, sixty windows.
        let body = paced(timed(vec![(1_000, 200); 600]), pace());
        assert_eq!(read(body).await, (120_000, None));
    }

    #[tokio::test(start_paused = true)]
    async fn a_trickle_is_cut_after_one_window_and_what_came_is_delivered() {
        // A byte every five seconds.
        let body = paced(timed(vec![(5_000, 1); 100]), pace());
        let started = Instant::now();
        assert_eq!(read(body).await, (1, Some(true)), "the byte at 5 s; the one due at 10 s is late");
        assert!(started.elapsed() <= Duration::from_secs(11), "{:?}", started.elapsed());
    }

    #[tokio::test(start_paused = true)]
    async fn silence_is_cut_and_a_dropped_connection_is_not_called_slow() {
        let body = paced(timed(vec![(0, 5_000), (3_600_000, 1)]), pace());
        assert_eq!(read(body).await, (5_000, Some(true)), "a full window, then nothing for a whole window");
        let broken = Body::from_stream(futures_util::stream::iter(vec![Ok(vec![1u8; 10]), Err(std::io::Error::other("reset"))]));
        assert_eq!(read(paced(broken, pace())).await, (10, Some(false)));
    }
}
