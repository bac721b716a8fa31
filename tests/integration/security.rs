use app::api::PUBLIC_ENDPOINTS;
use baiqau_tests::{Jar, TestApp};
use http::{Method, Request, StatusCode};

#[tokio::test]
async fn cross_site_post_refused_and_nothing_written() {
    let app = TestApp::new().await;
    let form = [("email", "x@mail.kz"), ("display_name", "X"), ("password", "correct horse battery")];
    let res = app.call_with("register", &form, &Jar::default(), &[("sec-fetch-site", "cross-site")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app.call_with("register", &form, &Jar::default(), &[("origin", "https://evil.example")]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let lang = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/lang")
                .header("sec-fetch-site", "cross-site")
                .header("content-type", "application/x-www-form-urlencoded")
                .body("lang=ru&next=/".into())
                .unwrap(),
        )
        .await;
    assert_eq!(lang.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 0);

    let same = app.call_with("register", &form, &Jar::default(), &[("sec-fetch-site", "same-origin")]).await;
    assert_eq!(same.status, StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM account").await, 1);
}

#[tokio::test]
async fn every_server_function_refuses_anonymous_callers_except_the_public_list() {
    let app = TestApp::new().await;
    let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
    assert!(paths.len() >= 13, "found only {paths:?}");
    for public in PUBLIC_ENDPOINTS {
        assert!(paths.contains(public), "public endpoint {public} does not exist");
    }
    for path in paths.iter().filter(|p| !PUBLIC_ENDPOINTS.contains(p)) {
        let endpoint = path.trim_start_matches("/api/");
        let res = app
            .call(
                endpoint,
                &[
                    ("account_id", "1"),
                    ("session_id", "1"),
                    ("role", "admin"),
                    ("disabled", "true"),
                    ("current_password", "correct horse battery"),
                    ("new_password", "another horse battery"),
                ],
                &Jar::default(),
            )
            .await;
        assert!(
            res.status == StatusCode::UNAUTHORIZED || res.status == StatusCode::FORBIDDEN,
            "{path} answered {} to an anonymous caller",
            res.status
        );
    }
}

#[tokio::test]
async fn no_server_function_answers_get() {
    let app = TestApp::new().await;
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        assert_eq!(method, Method::POST, "{path}");
        let res = app.get(path, &Jar::default()).await;
        assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED, "GET {path}");
    }
}

#[tokio::test]
async fn security_headers_and_csp_nonce_match_the_page_scripts() {
    let app = TestApp::new().await;
    let page = app.get("/", &Jar::default()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("referrer-policy"), Some("same-origin"));
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    let csp = page.header("content-security-policy").unwrap_or_default().to_owned();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    // Objects only from this site: a judge's PDF is embedded in the scoring page.
    assert!(csp.contains("object-src 'self'") && !csp.contains("object-src *"), "{csp}");
    let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap_or_default().to_owned();
    assert_eq!(nonce.len(), 24, "{csp}");
    let script_nonces = page.select_attr("script", "nonce");
    assert!(!script_nonces.is_empty(), "the page has inline scripts");
    assert!(script_nonces.iter().all(|n| *n == nonce), "{script_nonces:?} vs {nonce}");
    assert!(page.header("x-request-id").is_some_and(|id| id.len() == 36));

    let other = app.get("/", &Jar::default()).await;
    assert!(!other.header("content-security-policy").unwrap_or_default().contains(&nonce), "a nonce is used once");
}

#[tokio::test]
async fn health_and_readiness_report_the_database_and_its_pool() {
    let app = TestApp::with_config(|c| {
        c.db_pool.max_connections = 3;
        c.db_pool.statement_timeout = std::time::Duration::from_secs(7);
    })
    .await;
    let res = app.get("/healthz", &Jar::default()).await;
    assert_eq!(res.status, StatusCode::OK);
    let v = res.json();
    assert_eq!((v["status"].as_str(), v["database"].as_str()), (Some("ok"), Some("ok")), "{v}");
    assert_eq!(v["pool"]["engine"], baiqau_tests::engine().name());
    assert_eq!(v["pool"]["max_connections"], 3);
    assert_eq!(v["pool"]["statement_timeout_ms"], 7000);
    assert!(v["pool"]["open"].as_u64().is_some_and(|n| (1..=3).contains(&n)), "{v}");
    assert!(v.get("database_error").is_none());
    let res = app.get("/readyz", &Jar::default()).await;
    assert_eq!((res.status, res.json()["ready"].as_bool()), (StatusCode::OK, Some(true)));
    app.state.db.close().await;
    // Alive but not ready: the load balancer stops sending requests, nothing restarts it.
    let res = app.get("/healthz", &Jar::default()).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!((res.json()["status"].as_str(), res.json()["database"].as_str()), (Some("degraded"), Some("unavailable")));
    assert_eq!(res.json()["database_error"], "attempted to acquire a connection on a closed pool");
    let res = app.get("/readyz", &Jar::default()).await;
    assert_eq!((res.status, res.json()["ready"].as_bool()), (StatusCode::SERVICE_UNAVAILABLE, Some(false)));
}

#[tokio::test]
async fn malformed_server_function_arguments_get_400_not_500() {
    let app = TestApp::new().await;
    let res = app.call("login", &[("email", "a@mail.kz")], &Jar::default()).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.body, r#""BadRequest""#);
    // Signed in (anonymous callers are refused before arguments are read).
    let jar = app.register("a@mail.kz", "A", "correct horse battery").await;
    let res = app.call("revoke_session", &[("session_id", "not a number")], &jar).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.call("revoke_session", &[("session_id", "1")], &Jar::default()).await.status, StatusCode::UNAUTHORIZED);
}

/// Reads what the server sends on `tcp` until it closes the connection (or `limit` passes).
async fn read_until_closed(tcp: &mut tokio::net::tcp::OwnedReadHalf, limit: std::time::Duration) -> (String, bool) {
    use tokio::io::AsyncReadExt as _;
    let mut got = Vec::new();
    let closed = tokio::time::timeout(limit, async {
        let mut buf = [0u8; 4096];
        loop {
            match tcp.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .is_ok();
    (String::from_utf8_lossy(&got).into_owned(), closed)
}

/// Over real TCP, through the server's own loop: a client trickling its request's headers is
/// cut once the header time runs out, and a body announced larger than the route takes is
/// refused at once, before a byte of it is sent. Other clients are served meanwhile.
#[tokio::test]
async fn slow_headers_are_cut_and_an_oversized_body_is_refused_before_it_is_sent() {
    use tokio::io::AsyncWriteExt as _;
    let app = TestApp::new().await;
    let header_time = std::time::Duration::from_millis(800);
    let addr = server::serve::spawn_local(server::router(app.state.clone()), header_time).await.unwrap();

    // One header byte every 200 ms: the request would take 14 s; the server stops at 0.8 s.
    let (mut reader, mut writer) = tokio::net::TcpStream::connect(addr).await.unwrap().into_split();
    let trickle = tokio::spawn(async move {
        for b in b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaa\r\n\r\n" {
            if writer.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    });
    let started = std::time::Instant::now();
    // Meanwhile another client is served.
    let (mut other, mut ask) = tokio::net::TcpStream::connect(addr).await.unwrap().into_split();
    ask.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await.unwrap();
    let (served, _) = read_until_closed(&mut other, std::time::Duration::from_secs(5)).await;
    assert!(served.starts_with("HTTP/1.1 200 OK\r\n"), "{served}");
    let (answer, closed) = read_until_closed(&mut reader, std::time::Duration::from_secs(5)).await;
    assert!(closed, "the trickling connection was not closed");
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "closed after {:?}", started.elapsed());
    assert!(!answer.contains("200 OK"), "{answer}");
    trickle.abort();

    // A server function told 10 GB are coming: 413 at once, the connection closed.
    let (mut reader, mut writer) = tokio::net::TcpStream::connect(addr).await.unwrap().into_split();
    writer
        .write_all(b"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\nAccept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10737418240\r\n\r\n")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let (answer, closed) = read_until_closed(&mut reader, std::time::Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 413 Payload Too Large\r\n"), "{answer}");
    assert!(answer.ends_with(r#"{"Refused":"ErrBodyTooLarge"}"#), "{answer}");
    assert!(closed && started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    // Within the limit, the same server function reads its form as always.
    let res = app.call("login", &[("email", ""), ("password", "")], &Jar::default()).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
}
