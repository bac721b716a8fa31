//! `GET /metrics` for Prometheus: there only for the configured token or addresses (a public
//! request through the reverse proxy is neither), counting requests by route pattern and
//! status, bytes received, the shared queues with the age of their oldest item, the pool.

use crate::submissions::{new_entry, world};
use crate::uploads::{begin, pdf, piece};
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;

async fn scrape(on: &TestApp) -> baiqau_tests::TestResponse {
    on.request("GET", "/metrics", &Jar::default(), &[("authorization", "Bearer t")], Vec::new()).await
}

fn line<'a>(body: &'a str, start: &str) -> Option<&'a str> {
    body.lines().find(|l| l.starts_with(start))
}

#[tokio::test]
async fn metrics_are_only_for_the_configured_token_or_addresses() {
    let closed = TestApp::new().await;
    assert_eq!(closed.get("/metrics", &Jar::default()).await.status, StatusCode::NOT_FOUND, "nothing configured: no such page");
    let app = TestApp::with_config(|c| c.metrics_token = Some("s3cret-token".into())).await;
    for auth in ["", "Bearer wrong", "Bearer s3cret-token-and-more", "Basic s3cret-token"] {
        let res = app.request("GET", "/metrics", &Jar::default(), &[("authorization", auth)], Vec::new()).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{auth:?}");
    }
    let res = app.request("GET", "/metrics", &Jar::default(), &[("authorization", "Bearer s3cret-token")], Vec::new()).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("application/openmetrics-text; version=1.0.0; charset=utf-8"));
    // The address of the scraper, not the proxy's: behind a trusted proxy, the forwarded one.
    let by_address = TestApp::with_config(|c| {
        c.metrics_addresses = vec!["127.0.0.1".parse().unwrap()];
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    assert_eq!(by_address.get("/metrics", &Jar::default()).await.status, StatusCode::OK, "straight from 127.0.0.1");
    let public = by_address.request("GET", "/metrics", &Jar::default(), &[("x-forwarded-for", "203.0.113.7")], Vec::new()).await;
    assert_eq!(public.status, StatusCode::NOT_FOUND, "a visitor through the proxy");
}

#[tokio::test]
async fn metrics_count_requests_bytes_and_the_shared_queues() {
    let w = world().await;
    let app = &w.app;
    let entry = new_entry(&w, &w.tale, "Өлшем").await;
    let id = begin(app, &w.parent, &entry, "м.pdf", 300_000, None).await.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(piece(app, &w.parent, &id, 0, &pdf(300_000)[..120_000]).await.status, StatusCode::OK);
    for _ in 0..3 {
        assert_eq!(app.get("/healthz", &Jar::default()).await.status, StatusCode::OK);
    }
    assert_eq!(app.get("/files/nothing-here", &w.parent).await.status, StatusCode::NOT_FOUND);
    app.clock.advance(90);
    // Another instance of the deployment, with a token: its own counts, the shared queues.
    let scraped = TestApp::with_config(|c| {
        c.database_url = app.state.config.database_url.clone();
        c.metrics_token = Some("t".into());
    })
    .await;
    scraped.clock.set(app.state.now());
    for _ in 0..2 {
        assert_eq!(scraped.get("/healthz", &Jar::default()).await.status, StatusCode::OK);
    }
    let body = scrape(&scraped).await.body;
    assert_eq!(line(&body, "baiqau_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"), Some("baiqau_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"), "{body}");
    assert!(line(&body, "baiqau_http_request_duration_seconds_count{route=\"/healthz\"} 2").is_some(), "{body}");
    // The queues are the database's, the same whichever instance is asked.
    assert_eq!(line(&body, "baiqau_queue_length{queue=\"uploads\"}"), Some("baiqau_queue_length{queue=\"uploads\"} 1"), "{body}");
    assert_eq!(line(&body, "baiqau_queue_oldest_age_seconds{queue=\"uploads\"}"), Some("baiqau_queue_oldest_age_seconds{queue=\"uploads\"} 90"), "{body}");
    assert!(line(&body, "baiqau_queue_length{queue=\"mail\"}").is_some() && line(&body, "baiqau_queue_length{queue=\"publications\"} 0").is_some(), "{body}");
    assert_eq!(line(&body, "baiqau_upload_bytes_total"), Some("baiqau_upload_bytes_total 0"), "bytes are counted where they arrived");
    assert!(line(&body, "baiqau_db_pool_connections{state=\"max\"} 8").is_some(), "{body}");
    assert!(body.trim_end().ends_with("# EOF"));
    // Where the bytes arrived, and the route pattern, never the path with its id.
    let own = TestApp::with_config(|c| {
        c.database_url = app.state.config.database_url.clone();
        c.storage_url = app.state.config.storage_url.clone().or_else(|| Some(app.dir.path().join("store").display().to_string()));
        c.metrics_token = Some("t".into());
    })
    .await;
    own.clock.set(app.state.now());
    assert_eq!(piece(&own, &w.parent, &id, 120_000, &pdf(300_000)[120_000..200_000]).await.status, StatusCode::OK);
    let body = scrape(&own).await.body;
    assert_eq!(line(&body, "baiqau_upload_bytes_total"), Some("baiqau_upload_bytes_total 80000"), "{body}");
    assert!(line(&body, "baiqau_http_requests_total{route=\"/uploads/{id}\",method=\"PATCH\",status=\"200\"} 1").is_some(), "{body}");
    assert!(!body.contains(&id), "ids are never labels");
}
