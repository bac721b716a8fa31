//! The `baiqau` server: building the state and the router, and starting up.
//! Kept apart from `main.rs` so tests can drive the real router in-process.

use app::error::AppError;
use app::i18n::{LANG_COOKIE, Lang};
use app::backend::db;
use app::backend::storage::BlobStore;
use app::backend::security::{refuse_cross_site, security_headers};
use app::backend::{AppState, Clock, Config, auth::PasswordHasher};
use app::{App, shell};
use anyhow::Context as _;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use serde_json::json;
use std::sync::Arc;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub mod anchors;
pub mod assets;
pub mod diploma;
pub mod documents;
pub mod export;
pub mod files;
pub mod gallery;
pub mod jobs;
pub mod leaflet;
pub mod likeness;
pub mod objects;
pub mod pace;
pub mod pdf;
pub mod poster;
pub mod scrub;
pub mod serve;
pub mod uploads;

use app::backend::security::FORM_BODY_LIMIT as BODY_LIMIT;

/// Opens and migrates the database and assembles the state.
pub async fn build_state(config: Config, leptos_options: LeptosOptions, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
    let pool = db::connect_with(&config.database_url, &config.db_pool).await.context("cannot open the database")?;
    db::migrate(&pool).await.context("cannot migrate the database")?;
    let storage = app::backend::storage::open(config.storage_url.as_deref(), &config.data_dir).map_err(anyhow::Error::msg)?;
    // Reachable, and the credentials work: asking for an object that is not there must
    // answer "not found", not an error.
    storage.size("baiqau-start-probe").await.with_context(|| format!("cannot reach the file store, {}", storage.describe()))?;
    move_local_posters(&config.data_dir, storage.as_ref()).await?;
    let named = app::service::contests::fill_missing_slugs(&pool, clock.now()).await.context("cannot give contests their addresses")?;
    if named > 0 {
        tracing::info!(contests = named, "contests given readable addresses");
    }
    let telegram = app::backend::telegram::Telegram::from_config(&config).map_err(anyhow::Error::msg)?.map(Arc::new);
    Ok(AppState {
        telegram,
        leptos_options,
        db: pool,
        instance: app::backend::ids::new_instance_id().into(),
        hasher: PasswordHasher::new(config.hash_concurrency),
        config: Arc::new(config),
        clock,
        mail_wakeup: Arc::new(tokio::sync::Notify::new()),
        storage,
        thumb_permits: Arc::new(tokio::sync::Semaphore::new(2)),
        results_cache: Arc::default(),
        gallery_cache: Arc::default(),
        vote_counts: Arc::default(),
        identity: Arc::default(),
        metrics: Arc::default(),
    })
}

/// Where a contest's short link (`/uly-dala-tulgalary`, printed on posters) leads: its page
/// at its current address. None for anything that is not a contest's address (the site's
/// own files such as `/favicon.svg`, or a typo), which goes on to the files and "not found".
async fn short_link(state: &AppState, path: &str) -> Option<String> {
    let slug = app::domain::slug::parse(path.trim_start_matches('/')).ok()?;
    match db::contests::find_by_address(&state.db, &slug).await {
        Ok(Some(c)) => Some(format!("/contests/{}", c.slug.unwrap_or(c.public_id))),
        Ok(None) => None,
        Err(e) => {
            tracing::warn!(error = %e, "cannot look up a short link");
            None
        }
    }
}

/// Posters were kept in `DATA_DIR/posters` before they moved into the store: moved over once,
/// on the first start after the upgrade.
async fn move_local_posters(data_dir: &std::path::Path, storage: &dyn BlobStore) -> anyhow::Result<()> {
    let dir = data_dir.join("posters");
    let Ok(mut entries) = tokio::fs::read_dir(&dir).await else { return Ok(()) };
    while let Some(e) = entries.next_entry().await? {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            tokio::fs::remove_file(e.path()).await?;
            continue;
        }
        storage.put_file(&app::backend::storage::poster_key(&name), &e.path()).await.with_context(|| format!("cannot move poster {name} into the store"))?;
    }
    tokio::fs::remove_dir(&dir).await?;
    tracing::info!("posters moved into the store");
    Ok(())
}

/// The app's routes, generated once per process. Generating them renders the app with resource
/// loading suppressed by a process-global flag (leptos#4773): a page rendered by another router
/// in the same process meanwhile (the in-process tests) would wait forever for its data. The
/// list depends on nothing but the code, so one generation serves every router.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let fallback = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
    let not_a_link = fallback.clone();
    Router::new()
        .route("/lang", post(set_language))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route(
            "/admin/contests/{id}/poster",
            post(poster::upload).layer(DefaultBodyLimit::max(poster::MAX_BYTES + 64 * 1024)),
        )
        .route("/posters/{name}", get(poster::serve))
        .route("/admin/identity/logo", post(poster::upload_logo).layer(DefaultBodyLimit::max(poster::MAX_BYTES + 64 * 1024)))
        .route("/brand/{name}", get(poster::serve_logo))
        .route("/brand.css", get(poster::brand_css))
        .route("/contests/{id}/poster.pdf", get(leaflet::download))
        .route(
            "/{slug}",
            get(move |uri: http::Uri, State(state): State<AppState>, req: Request| {
                let not_a_link = not_a_link.clone();
                async move {
                    match short_link(&state, uri.path()).await {
                        Some(to) => Redirect::to(&to).into_response(),
                        None => not_a_link(uri, State(state), req).await,
                    }
                }
            }),
        )
        .route("/uploads", post(uploads::create))
        .route("/uploads/{id}", get(uploads::status).patch(uploads::append).delete(uploads::cancel))
        .route("/entries/{id}/files", post(uploads::plain).layer(DefaultBodyLimit::disable()))
        .route("/files/{id}", get(files::serve))
        .route("/admin/contests/{id}/anchors", post(anchors::upload).layer(DefaultBodyLimit::disable()))
        .route("/anchor-files/{id}", get(anchors::serve))
        .route("/documents/{file}", get(documents::download))
        .route("/admin/contests/{id}/documents.zip", get(documents::zip_all))
        .route("/admin/contests/{id}/export/{file}", get(files::export_results))
        .route("/results-thumbs/{file}", get(documents::winner_thumb))
        .route("/gallery-files/{variant}/{file}", get(gallery::serve))
        .route("/sitemap.xml", get(gallery::sitemap))
        .route("/robots.txt", get(gallery::robots))
        .route("/files/{id}/thumb", get(files::serve_thumb))
        .route("/admin/contests/{id}/entries.csv", get(files::export_csv))
        .route("/admin/contests/{id}/entries.xlsx", get(files::export_xlsx))
        .route("/account/export.zip", get(export::my_data))
        .route("/admin/audit.csv", get(files::export_audit_csv))
        .route("/admin/audit.xlsx", get(files::export_audit_xlsx))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .nest_service("/pkg", assets::pkg(std::path::Path::new(state.leptos_options.site_root.as_ref()), &state.leptos_options.site_pkg_dir))
        .fallback(fallback)
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::backend::identity::attach))
        .layer(axum::middleware::from_fn(refuse_unknown_fields))
        .layer(axum::middleware::from_fn_with_state(state.clone(), admin_api_guard))
        .layer(axum::middleware::from_fn(server_fn_error_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::backend::form_return::keep_failed_form))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.config.clone(), pace::pace_bodies))
        .layer(axum::middleware::from_fn(pace::refuse_oversize))
        .layer(axum::middleware::from_fn_with_state(state.config.clone(), refuse_cross_site))
        .layer(axum::middleware::from_fn(security_headers))
        .layer(axum::middleware::from_fn(assets::cache_policy))
        .layer(assets::compression())
        .layer(axum::middleware::from_fn_with_state(state.clone(), count_request))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request| {
                let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Server functions (registered by `leptos_routes_with_context` under `/api/`) answer errors
/// that arise before their body runs, such as arguments that do not decode, with 500: give
/// those the status of the [`AppError`] they carry.
async fn server_fn_error_status(req: Request, next: axum::middleware::Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Every `/api/admin_*` server function is for the site's administrators and staff only
/// (each then decides per contest and power, `service::access`), and every other one outside
/// `PUBLIC_ENDPOINTS` for signed-in accounts. Checked here, before the request body is even
/// decoded (or its fields checked), as well as inside each function.
/// The account it resolves travels on with the request, so the function does not look the
/// session up again (`api::ctx::current_account`).
async fn admin_api_guard(State(state): State<AppState>, mut req: Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path();
    if req.method() != http::Method::POST || !path.starts_with("/api/") || app::endpoints::PUBLIC.contains(&path) {
        return next.run(req).await;
    }
    let admin_only = path.starts_with("/api/admin_");
    let refusal = match app::backend::auth::current_account(&state.db, &state.config, req.headers(), state.now()).await {
        Ok(Some(me)) if admin_only && !me.is_staff() => Some(AppError::Forbidden),
        Ok(Some(me)) => {
            req.extensions_mut().insert(me);
            None
        }
        Ok(None) => Some(AppError::Unauthorized),
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            Some(AppError::Internal)
        }
    };
    match refusal {
        None => next.run(req).await,
        Some(refusal) => {
            let status = StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(refusal)).into_response()
        }
    }
}

/// Refuses form bodies with fields the server function does not take (see
/// `app::endpoints`), before the function runs.
async fn refuse_unknown_fields(req: Request, next: axum::middleware::Next) -> Response {
    static REGISTRY: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static [&'static str]>> = std::sync::OnceLock::new();
    let registry = REGISTRY.get_or_init(|| app::endpoints::registry().into_iter().collect());
    let Some(allowed) = registry.get(req.uri().path()).copied() else { return next.run(req).await };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(AppError::BadRequest)).into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    let unknown = app::endpoints::unknown_keys(&text, allowed);
    if !unknown.is_empty() {
        tracing::warn!(path = %parts.uri.path(), fields = ?unknown, "unknown fields refused");
        return (StatusCode::BAD_REQUEST, axum::Json(AppError::BadRequest)).into_response();
    }
    // No keyboard types a NUL; no engine keeps one in text the same way (PostgreSQL refuses
    // it): refused here, for every form, before anything is stored.
    if app::endpoints::has_nul(&text) {
        tracing::warn!(path = %parts.uri.path(), "a NUL character in a form refused");
        return (StatusCode::BAD_REQUEST, axum::Json(AppError::BadRequest)).into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

#[derive(serde::Deserialize)]
struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Remembers the chosen language for a year and sends the reader back where they were.
async fn set_language(State(state): State<AppState>, Form(form): Form<LangForm>) -> Response {
    let Some(lang) = Lang::from_code(&form.lang) else {
        return (StatusCode::BAD_REQUEST, "unknown language").into_response();
    };
    let next = app::backend::security::local_path(&form.next).unwrap_or("/");
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", lang.code());
    let mut res = Redirect::to(next).into_response();
    *res.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// Alive: answers 200 while the process runs, with the database's state and the pool's
/// figures for whoever watches it (a degraded database is reported, not a reason to restart).
async fn healthz(State(state): State<AppState>) -> Response {
    let answer = db::ping(&state.db).await;
    let mut body = json!({
        "status": if answer.is_ok() { "ok" } else { "degraded" },
        "database": if answer.is_ok() { "ok" } else { "unavailable" },
        "pool": state.db.report(&state.config.db_pool),
        "version": env!("CARGO_PKG_VERSION"),
    });
    if let Err(e) = answer {
        body["database_error"] = json!(e.to_string());
    }
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// Counts every answer by its route's pattern (unmatched paths together) and times it.
async fn count_request(State(state): State<AppState>, req: Request, next: axum::middleware::Next) -> Response {
    let route = req.extensions().get::<axum::extract::MatchedPath>().map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = req.method().as_str().to_owned();
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    state.metrics.request(&route, &method, res.status().as_u16(), started.elapsed().as_secs_f64());
    res
}

/// `GET /metrics` for Prometheus: only with the configured token or from a configured
/// address; to anyone else (and when neither is configured) there is no such page.
async fn metrics(State(state): State<AppState>, req: Request) -> Response {
    let c = &state.config;
    let token_ok = c.metrics_token.as_deref().is_some_and(|t| {
        let given = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        given.is_some_and(|g| app::backend::auth::same_secret(g.trim(), t))
    });
    let ip = app::backend::security::client_ip(c, req.headers(), app::backend::security::peer_ip(req.extensions()));
    if !token_ok && !c.metrics_addresses.contains(&ip) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let now = state.now();
    match db::queues::queues(&state.db, now).await {
        Ok(rows) => {
            for r in rows {
                let queue = match r.queue.as_str() {
                    "mail" => "mail",
                    "thumbnails" => "thumbnails",
                    "publications" => "publications",
                    "diplomas" => "diplomas",
                    _ => "uploads",
                };
                state.metrics.queue(queue, r.length, r.since.map_or(0, |t| now - t));
            }
        }
        Err(e) => tracing::warn!(error = %e, "cannot read the queues for /metrics"),
    }
    let pool = state.db.report(&c.db_pool);
    state.metrics.pool(i64::from(pool.open), i64::try_from(pool.idle).unwrap_or(i64::MAX), i64::from(pool.max_connections));
    let mut res = state.metrics.render().into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Ready to take traffic: 200 when the database answers, 503 otherwise (a load balancer
/// sends requests elsewhere meanwhile).
async fn readyz(State(state): State<AppState>) -> Response {
    match db::ping(&state.db).await {
        Ok(()) => (StatusCode::OK, axum::Json(json!({ "ready": true }))).into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, axum::Json(json!({ "ready": false, "database_error": e.to_string() }))).into_response(),
    }
}

