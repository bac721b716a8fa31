//! The audience award through the real router: a vote is asked for on a gallery work,
//! proved by the mailed one-time link and counted once per mailbox in each nomination ×
//! age group (a later one replaces it), refused outside the window and for throw-away
//! addresses; a scripted attack from one network is throttled, grouped, flagged and voided
//! with a logged reason; the published award issues diplomas anyone can verify.

use crate::contests::{OPEN_UTC, ok};
use crate::submissions::{World, add_participant, create_entry, error_msg, last_entry, world_with};
use crate::uploads::{jpeg, pdf, upload};
use baiqau_tests::{Jar, TestApp, TestResponse, link_token};
use http::StatusCode;

/// The window: from 12:00 on the first day (Almaty, UTC+5) to 12:00 four days later.
const VOTE_OPENS: i64 = OPEN_UTC + 3 * 3600;
const VOTE_CLOSES: i64 = VOTE_OPENS + 4 * 86_400;

/// A contest whose gallery opened at 09:30, with three drawings (by three children) and a
/// tale, all consented as they were sent, and a vote window; behind a
/// trusted proxy, so each test request says its own address.
async fn voting() -> (World, Vec<(String, i64)>) {
    let w = world_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    let app = &w.app;
    let c = w.contest.as_str();
    ok(&app.call("admin_gallery_settings", &[("contest", c), ("gallery", "date"), ("opens_at", "2026-12-01T09:30")], &w.admin).await);
    let other = add_participant(app, &w.parent, "Данияр Серіков", "2018-03-03", true).await;
    let third = add_participant(app, &w.parent, "Айша Серікова", "2018-04-04", true).await;
    let mut works = Vec::new();
    for (who, nomination, title) in [(&w.child, &w.drawing, "Көктем"), (&other, &w.drawing, "Жаз"), (&third, &w.drawing, "Қыс"), (&w.child, &w.tale, "Аңыз")] {
        ok(&create_entry(app, &w.parent, c, who, nomination, title, title).await);
        let id = last_entry(app).await;
        let (name, bytes) = if nomination == &w.tale { ("w.pdf", pdf(5_000)) } else { ("w.jpg", jpeg(300, 300)) };
        let up = upload(app, &w.parent, &id, name, &bytes).await;
        assert_eq!(up.status, StatusCode::OK, "{}", up.body);
        ok(&app.call("submit_entry", &[("id", &id), ("publication", "yes")], &w.parent).await);
        let no: i64 = sqlx::query_scalar("SELECT receipt_no FROM entry WHERE public_id = $1").bind(&id).fetch_one(&app.sql).await.unwrap();
        works.push((id, no));
    }
    let form = [("contest", c), ("vote", "on"), ("opens", "2026-12-01T12:00"), ("closes", "2026-12-05T12:00"), ("count", "hidden")];
    ok(&app.call("admin_audience_settings", &form, &w.admin).await);
    (w, works)
}

fn from(ip: &str) -> [(&'static str, &str); 1] {
    [("x-forwarded-for", ip)]
}

async fn ask(app: &TestApp, contest: &str, no: i64, email: &str, ip: &str) -> TestResponse {
    app.call_with("request_vote", &[("contest", contest), ("no", &no.to_string()), ("email", email)], &Jar::default(), &from(ip)).await
}

/// The newest voting link mailed to `to`.
async fn link(app: &TestApp, to: &str) -> String {
    let body: String = sqlx::query_scalar("SELECT body_text FROM outbox WHERE to_addr = $1 ORDER BY outbox_id DESC LIMIT 1").bind(to).fetch_one(&app.sql).await.unwrap();
    link_token(&body, "/vote?token=")
}

async fn confirm(app: &TestApp, token: &str, ip: &str) -> TestResponse {
    app.call_with("confirm_vote", &[("token", token)], &Jar::default(), &from(ip)).await
}

/// The counted votes: (title, e-mail domain, network), in the order cast.
async fn votes(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT e.title, v.email_domain, v.network FROM audience_vote v JOIN entry e USING (entry_id) WHERE v.voided_at IS NULL ORDER BY v.audience_vote_id")
        .fetch_all(&app.sql)
        .await
        .unwrap()
}

fn row(title: &str, domain: &str, net: &str) -> (String, String, String) {
    (title.to_owned(), domain.to_owned(), net.to_owned())
}

#[tokio::test]
async fn one_vote_per_mailbox_and_group_a_second_replaces_the_first_and_nothing_outside_the_window() {
    let (w, works) = voting().await;
    let app = &w.app;
    let c = w.contest.as_str();
    let (spring, summer, tale) = (works[0].1, works[1].1, works[3].1);
    // Before the window: refused, nothing kept, nothing mailed.
    assert_eq!(error_msg(&ask(app, c, spring, "anna@mail.kz", "203.0.113.5").await).await, "ErrWrongPhase");
    app.clock.set(VOTE_OPENS + 60);
    // Bad addresses: a clear error each, nothing kept.
    assert_eq!(error_msg(&ask(app, c, spring, "anna@mailinator.com", "203.0.113.5").await).await, "ErrEmailDisposable");
    assert_eq!(error_msg(&ask(app, c, spring, "anna@eu.yopmail.com", "203.0.113.5").await).await, "ErrEmailDisposable");
    assert_eq!(error_msg(&ask(app, c, spring, "anna at mail", "203.0.113.5").await).await, "ErrEmailInvalid");
    assert_eq!(ask(app, c, 999, "anna@mail.kz", "203.0.113.5").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM vote_request").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%Дауыс%'").await, 0);
    // The work's page has the form; posted as rendered (no JavaScript): back to the work.
    let slug: String = sqlx::query_scalar("SELECT slug FROM contest").fetch_one(&app.sql).await.unwrap();
    let page = app.get(&format!("/contests/{slug}/gallery/{spring}"), &Jar::default()).await;
    assert_eq!(page.select_attr("#vote-form input[name=email]", "type"), vec!["email"]);
    assert_eq!(page.select_attr("#vote-form input[name=no]", "value"), vec![spring.to_string()]);
    let sent = app.post_form("request_vote", &[("contest", &slug), ("no", &spring.to_string()), ("email", "Anna@Mail.kz")], &Jar::default(), &format!("/contests/{slug}/gallery/{spring}")).await;
    assert_eq!(sent.header("location"), Some(format!("/contests/{slug}/gallery/{spring}?vote=sent#vote").as_str()));
    let token = link(app, "anna@mail.kz").await;
    // Opening the link counts nothing (a mail scanner opens links); its page shows the work
    // and the address masked.
    let ballot = app.get(&format!("/vote?token={token}"), &Jar::default()).await;
    assert_eq!(ballot.status, StatusCode::OK);
    assert_eq!(ballot.select_text(".ballot-work"), vec!["Көктем"]);
    assert!(ballot.body.contains("a***@mail.kz") && !ballot.body.contains("anna@mail.kz"), "{}", ballot.body);
    assert!(votes(app).await.is_empty());
    let counted = app.post_form("confirm_vote", &[("token", &token)], &Jar::default(), &format!("/vote?token={token}")).await;
    assert_eq!(counted.header("location"), Some(format!("/contests/{slug}/gallery/{spring}?vote=counted#vote").as_str()));
    assert_eq!(votes(app).await, vec![row("Көктем", "mail.kz", "127.0.0.0/24")], "a form post comes from the proxy itself");
    // The address is not kept: the vote has a hash, the used link forgets it.
    assert_eq!(app.count("SELECT COUNT(*) FROM audience_vote WHERE voter LIKE '%@%'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM vote_request WHERE email <> ''").await, 0);
    // The link works once.
    assert_eq!(confirm(app, &token, "203.0.113.5").await.status, StatusCode::NOT_FOUND);
    let spent = app.get(&format!("/vote?token={token}"), &Jar::default()).await;
    assert_eq!((spent.status, spent.select_attr("#ballot-state", "class")), (StatusCode::GONE, vec!["notice warn".to_owned()]));
    assert!(spent.select_text("#ballot-form button").is_empty(), "nothing to confirm");
    // The same mailbox (a +tag, another case) for another drawing: replaces the first.
    ok(&ask(app, c, summer, "ANNA+school@mail.kz", "203.0.113.5").await);
    let token = link(app, "anna+school@mail.kz").await;
    let ballot = app.get(&format!("/vote?token={token}"), &Jar::default()).await;
    assert_eq!(ballot.select_text("#ballot-replaces").len(), 1, "{}", ballot.body);
    assert!(ballot.select_text("#ballot-replaces")[0].contains("Көктем"));
    ok(&confirm(app, &token, "203.0.113.5").await);
    // A tale is another group: a second vote of hers.
    ok(&ask(app, c, tale, "anna@mail.kz", "203.0.113.5").await);
    ok(&confirm(app, &link(app, "anna@mail.kz").await, "203.0.113.5").await);
    assert_eq!(votes(app).await, vec![row("Жаз", "mail.kz", "203.0.113.0/24"), row("Аңыз", "mail.kz", "203.0.113.0/24")]);
    assert_counts_and_publication(&w, &works).await;
}

/// Counts hidden, then rounded while open, exact after; a link confirmed after the close
/// counts nothing; the publication issues the winners' diplomas, which anyone can verify.
async fn assert_counts_and_publication(w: &World, works: &[(String, i64)]) {
    let app = &w.app;
    let c = w.contest.as_str();
    let admin = crate::submissions::relogin(app, "admin@lib.kz").await;
    let slug: String = sqlx::query_scalar("SELECT slug FROM contest").fetch_one(&app.sql).await.unwrap();
    let gallery = format!("/contests/{slug}/gallery");
    assert!(app.get(&gallery, &Jar::default()).await.select_text(".vote-count").is_empty(), "hidden until the end");
    let form = [("contest", c), ("vote", "on"), ("opens", "2026-12-01T12:00"), ("closes", "2026-12-05T12:00"), ("count", "rounded")];
    ok(&app.call("admin_audience_settings", &form, &admin).await);
    assert_eq!(app.get(&gallery, &Jar::default()).await.select_text(".vote-count"), vec!["10-нан аз дауыс"; 4]);
    // Asked for ten minutes before the close, confirmed after: not counted.
    app.clock.set(VOTE_CLOSES - 600);
    ok(&ask(app, c, works[2].1, "bota@mail.kz", "198.51.100.7").await);
    let late = link(app, "bota@mail.kz").await;
    app.clock.set(VOTE_CLOSES);
    assert_eq!(error_msg(&confirm(app, &late, "198.51.100.7").await).await, "ErrWrongPhase");
    assert_eq!(error_msg(&ask(app, c, works[2].1, "bota@mail.kz", "198.51.100.7").await).await, "ErrWrongPhase");
    assert_eq!(votes(app).await.len(), 2);
    assert_eq!(app.get(&gallery, &Jar::default()).await.select_text(".vote-count"), vec!["Дауыс: 0", "Дауыс: 1", "Дауыс: 0", "Дауыс: 1"]);
    // The entrant may not publish; the organisers do, once.
    let (admin, parent) = (crate::submissions::relogin(app, "admin@lib.kz").await, crate::submissions::relogin(app, "parent@mail.kz").await);
    assert_eq!(app.call("admin_publish_audience", &[("contest", c)], &parent).await.status, StatusCode::FORBIDDEN);
    ok(&app.call("admin_publish_audience", &[("contest", c)], &admin).await);
    assert_eq!(error_msg(&app.call("admin_publish_audience", &[("contest", c)], &admin).await).await, "ErrAlreadyPublished");
    let docs: Vec<(String, String, String)> = sqlx::query_as("SELECT d.code, e.title, d.holder FROM document d JOIN entry e USING (entry_id) WHERE d.kind = 'audience' ORDER BY e.title").fetch_all(&app.sql).await.unwrap();
    assert_eq!(docs.iter().map(|d| (d.1.as_str(), d.2.as_str())).collect::<Vec<_>>(), vec![("Аңыз", "Әлия Серікова"), ("Жаз", "Данияр Серіков")]);
    let verified = app.call("verify_document", &[("code", &docs[0].0)], &Jar::default()).await;
    ok(&verified);
    assert_eq!((verified.json()["kind"].as_str(), verified.json()["holder"].as_str()), (Some("audience"), Some("Әлия С., Өскемен")));
    let pdf = app.get(&format!("/documents/{}.pdf", docs[1].0), &parent).await;
    assert_eq!((pdf.status, pdf.header("content-type")), (StatusCode::OK, Some("application/pdf")));
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE to_addr = 'parent@mail.kz' AND subject LIKE 'Көрермен жүлдесі%'").await, 2);
    // The jury's results are not out yet: the winner's entry page and the entrant's list of
    // works carry the diploma all the same; a work that did not win has none.
    let entry = app.get(&format!("/entries/{}", works[1].0), &parent).await;
    assert_eq!(entry.select_attr("#audience-diploma a.button", "href"), vec![format!("/documents/{}.pdf", docs[1].0)]);
    assert_eq!(entry.select_text("#audience-diploma .your-result"), vec!["Бұл жұмыс көрермен жүлдесін алды."]);
    assert!(entry.select_text("#result").is_empty(), "no jury result yet");
    assert!(app.get(&format!("/entries/{}", works[0].0), &parent).await.select_text("#audience-diploma").is_empty());
    let mine = app.get("/me/entries", &parent).await;
    let mut buttons = mine.select_attr(".work-card a.button.primary", "href");
    buttons.retain(|h| h.starts_with("/documents/"));
    buttons.sort();
    let mut expected = vec![format!("/documents/{}.pdf", docs[0].0), format!("/documents/{}.pdf", docs[1].0)];
    expected.sort();
    assert_eq!(buttons, expected);
    let page = app.get(&gallery, &Jar::default()).await;
    assert_eq!(page.select_text("#audience-award li a"), vec!["Жаз", "Аңыз"]);
    let audit: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'audience.publish'").fetch_all(&app.sql).await.unwrap();
    assert_eq!(audit, vec!["2 winners, 2 votes"]);
    // No page, not even the organisers', shows a voter's address.
    for (path, jar) in [(gallery.clone(), Jar::default()), (format!("{gallery}/{}", works[1].1), Jar::default()), (format!("/admin/contests/{c}/audience"), admin.clone())] {
        let body = app.get(&path, &jar).await.body;
        assert!(!body.contains("anna") && !body.contains("bota@"), "{path}");
    }
    assert!(!app.call("get_gallery", &[("contest", c)], &Jar::default()).await.body.contains("anna"));
    // Nothing changes after publication.
    let void = [("contest", c), ("network", "203.0.113.0/24"), ("from", "0"), ("to", "9999999999"), ("reason", "поздно")];
    assert_eq!(error_msg(&app.call("admin_void_votes", &void, &admin).await).await, "ErrAlreadyPublished");
}

#[tokio::test]
async fn a_scripted_attack_of_300_votes_from_one_network_is_throttled_grouped_flagged_and_voided() {
    let (w, works) = voting().await;
    let app = &w.app;
    let c = w.contest.as_str();
    app.clock.set(VOTE_OPENS + 60);
    // A few honest votes from elsewhere first.
    for (i, (email, ip)) in [("aru@mail.kz", "203.0.113.10"), ("dana@gmail.com", "192.0.2.44"), ("erlan@inbox.kz", "2a02:6b8::1")].into_iter().enumerate() {
        ok(&ask(app, c, works[1 + i % 2].1, email, ip).await);
        ok(&confirm(app, &link(app, email).await, ip).await);
    }
    // The script: 300 addresses of one /24 asking within a minute, each with a new mailbox.
    let mut statuses = std::collections::BTreeMap::new();
    let mut sent = Vec::new();
    for i in 0..300u32 {
        app.clock.set(VOTE_OPENS + 120 + i64::from(i) / 5);
        let (email, ip) = (format!("bot{i}@mail.kz"), format!("198.51.100.{}", 1 + i % 250));
        let res = ask(app, c, works[0].1, &email, &ip).await;
        *statuses.entry(res.status.as_u16()).or_insert(0) += 1;
        if res.status == StatusCode::OK {
            sent.push((email, ip));
        }
    }
    assert_eq!(statuses, [(200, 60), (429, 240)].into_iter().collect(), "the network's rate lets 60 through");
    for (email, ip) in &sent {
        ok(&confirm(app, &link(app, email).await, ip).await);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM audience_vote WHERE voided_at IS NULL").await, 63);
    // The organisers' page: one flagged group, a burst for the work.
    let (admin, parent) = (crate::submissions::relogin(app, "admin@lib.kz").await, crate::submissions::relogin(app, "parent@mail.kz").await);
    let review = app.get(&format!("/admin/contests/{c}/audience"), &admin).await;
    assert_eq!(review.status, StatusCode::OK);
    let groups = review.select_text(".audience-group.flagged > p");
    assert_eq!(groups.len(), 1, "{}", review.body);
    assert!(groups[0].contains("198.51.100.0/24: 60") && groups[0].contains("Көктем"), "{}", groups[0]);
    assert_eq!(review.select_text("#audience-bursts .flagged").len(), 1);
    assert_eq!(app.get(&format!("/admin/contests/{c}/audience"), &parent).await.status, StatusCode::FORBIDDEN);
    // Voiding: a reason is required; entrants may not; the organisers' is logged.
    let (from, to) = (review.select_attr(".audience-group.flagged input[name=from]", "value"), review.select_attr(".audience-group.flagged input[name=to]", "value"));
    let mut form = vec![("contest", c), ("network", "198.51.100.0/24"), ("from", from[0].as_str()), ("to", to[0].as_str()), ("reason", " ")];
    assert_eq!(error_msg(&app.call("admin_void_votes", &form, &admin).await).await, "ErrRequired");
    form[4].1 = "Скрипт: 60 адресов одной сети за минуту";
    assert_eq!(app.call("admin_void_votes", &form, &parent).await.status, StatusCode::FORBIDDEN);
    let res = app.post_form("admin_void_votes", &form, &admin, &format!("/admin/contests/{c}/audience")).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM audience_vote WHERE voided_at IS NOT NULL AND void_reason = 'Скрипт: 60 адресов одной сети за минуту'").await, 60);
    let honest = votes(app).await;
    assert_eq!(honest, vec![row("Жаз", "mail.kz", "203.0.113.0/24"), row("Қыс", "gmail.com", "192.0.2.0/24"), row("Жаз", "inbox.kz", "2a02:6b8:0::/48")]);
    let audit: Vec<String> = sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'audience.void'").fetch_all(&app.sql).await.unwrap();
    assert_eq!(audit, vec!["198.51.100.0/24: 60: Скрипт: 60 адресов одной сети за минуту"]);
    let review = app.get(&format!("/admin/contests/{c}/audience"), &admin).await;
    assert!(review.select_text(".audience-group.flagged").is_empty() && review.select_text("#audience-total")[0].contains('3'));
    // A voided mailbox cannot vote again in that group, from anywhere.
    app.clock.advance(3600);
    ok(&ask(app, c, works[1].1, "bot0@mail.kz", "192.0.2.200").await);
    assert_eq!(confirm(app, &link(app, "bot0@mail.kz").await, "192.0.2.200").await.status, StatusCode::FORBIDDEN);
    assert_eq!(votes(app).await.len(), 3);
    // Forty pupils behind one school router (one address) vote within a minute: none is
    // refused; their votes are one group for the organisers to look at, not voided.
    for i in 0..40 {
        let email = format!("pupil{i}@mektep.kz");
        ok(&ask(app, c, works[2].1, &email, "100.64.7.9").await);
        ok(&confirm(app, &link(app, &email).await, "100.64.7.9").await);
    }
    assert_eq!(votes(app).await.len(), 43);
    let admin = crate::submissions::relogin(app, "admin@lib.kz").await;
    let review = app.get(&format!("/admin/contests/{c}/audience"), &admin).await;
    assert!(review.select_text(".audience-group.flagged > p")[0].contains("100.64.7.0/24: 40"));
    // One mailbox cannot be flooded with links: three in the window.
    for _ in 0..3 {
        ok(&ask(app, c, works[1].1, "victim@mail.kz", "192.0.2.201").await);
    }
    assert_eq!(ask(app, c, works[1].1, "victim@mail.kz", "192.0.2.202").await.status, StatusCode::TOO_MANY_REQUESTS);
}
