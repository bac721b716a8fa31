//! The public gallery through the real router: a minor's work without its guardian's
//! publication consent is never in the gallery, its API, its images or the sitemap; taking
//! a consent back removes the work everywhere at once, cached pages included; a consent is
//! asked as a work is sent and can no longer be given once the gallery is open.

use crate::contests::{CLOSE_UTC, ok};
use crate::judging::{SECRET_CHILD, jury, wait_for_previews};
use crate::results::{contest_form, score_everything};
use crate::submissions::{add_participant, create_entry, error_msg, last_entry, world};
use crate::uploads::{jpeg, mp3_with_artist, upload};
use baiqau_tests::fixtures::mp4_with_artist;
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;

/// An entry's public id and number in its contest, by its title.
async fn work(app: &TestApp, title: &str) -> (String, i64) {
    sqlx::query_as("SELECT public_id, receipt_no FROM entry WHERE title = $1").bind(title).fetch_one(&app.sql).await.unwrap()
}

/// The contest's readable address, which its public links use.
async fn address(app: &TestApp, contest: &str) -> String {
    sqlx::query_scalar("SELECT slug FROM contest WHERE public_id = $1").bind(contest).fetch_one(&app.sql).await.unwrap()
}

/// The titles on a gallery page, in order.
async fn titles(app: &TestApp, path: &str) -> Vec<String> {
    let page = app.get(path, &Jar::default()).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    page.select_text(".gallery-card .gallery-title")
}

/// The works the public API gives for the contest: (number, title).
async fn api_works(app: &TestApp, contest: &str) -> Vec<(i64, String)> {
    let res = app.call("get_gallery", &[("contest", contest)], &Jar::default()).await;
    ok(&res);
    res.json()["works"].as_array().unwrap().iter().map(|w| (w["no"].as_i64().unwrap(), w["title"].as_str().unwrap().to_owned())).collect()
}

/// The status of each of a work's gallery files (every variant of every file).
async fn file_statuses(app: &TestApp, entry: &str) -> Vec<(String, u16)> {
    let files: Vec<(String, String)> = sqlx::query_as("SELECT f.public_id, b.kind FROM entry_file f JOIN blob b USING (sha256) JOIN entry e USING (entry_id) WHERE e.public_id = $1 ORDER BY f.file_id")
        .bind(entry)
        .fetch_all(&app.sql)
        .await
        .unwrap();
    let mut out = Vec::new();
    for (id, kind) in files {
        let variants: &[&str] = match kind.as_str() {
            "image" => &["small", "large"],
            "pdf" => &["copy", "page"],
            _ => &["copy"],
        };
        for v in variants {
            let res = app.get(&format!("/gallery-files/{v}/{id}"), &Jar::default()).await;
            out.push((format!("{kind}/{v}"), res.status.as_u16()));
        }
    }
    out
}

/// The consent's history in the audit log: given for both works, then taken back for the first.
async fn assert_consents_logged(app: &TestApp, spring: &str, legend: &str) {
    let audit: Vec<(String, String)> = sqlx::query_as("SELECT target, detail FROM audit_log WHERE action = 'gallery.consent' ORDER BY audit_log_id").fetch_all(&app.sql).await.unwrap();
    let line = |e: &str, d: &str| (format!("entry:{e}"), d.to_owned());
    assert_eq!(audit, vec![line(spring, "2026-12-gallery: given"), line(legend, "2026-12-gallery: given"), line(spring, "taken back")]);
}

#[tokio::test]
async fn a_minors_work_without_consent_is_never_public_and_a_consent_taken_back_removes_it_everywhere_at_once() {
    let j = jury().await;
    let app = &j.w.app;
    let c = j.w.contest.as_str();
    // Sessions from before the clock moved on have ended.
    let parent = &crate::submissions::relogin(app, "parent@mail.kz").await;
    let admin = &j.admin;
    ok(&app.call("admin_gallery_settings", &[("contest", c), ("gallery", "results")], admin).await);
    let (spring, spring_no) = work(app, "Көктем").await;
    let (legend, legend_no) = work(app, "Аңыз").await;
    let (winter, winter_no) = work(app, "Қыс").await;
    // The child's parent gives consent for two works, exactly as the entry page renders the
    // form (no JavaScript). The other child's works get none.
    let entry_page = app.get(&format!("/entries/{spring}"), parent).await;
    assert!(entry_page.body.contains("ата-анасы не заңды өкілімін"), "a minor's consent is the guardian's");
    assert_eq!(entry_page.select_attr("#publication input[name=choice]", "value"), vec!["yes"]);
    for id in [&spring, &legend] {
        let res = app.post_form("set_publication", &[("id", id), ("choice", "yes")], parent, &format!("/entries/{id}")).await;
        assert_eq!(res.status, StatusCode::FOUND);
    }
    assert_eq!(error_msg(&app.call("set_publication", &[("id", &winter), ("choice", "maybe")], parent).await).await, "ErrChooseOption");
    // Someone else's work: not found, nothing written.
    let stranger = crate::submissions::relogin(app, "judge1@lib.kz").await;
    assert_eq!(app.call("set_publication", &[("id", &winter), ("choice", "yes")], &stranger).await.status, StatusCode::NOT_FOUND);
    let consents: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT e.title, e.gallery_consent_version, a.email FROM entry e JOIN account a ON a.account_id = e.gallery_consent_by WHERE e.gallery_consent_at IS NOT NULL ORDER BY e.title",
    )
    .fetch_all(&app.sql)
    .await
    .unwrap();
    let expected = |t: &str| (t.to_owned(), "2026-12-gallery".to_owned(), "parent@mail.kz".to_owned());
    assert_eq!(consents, vec![expected("Аңыз"), expected("Көктем")]);
    // Before the results: the gallery says it is not open, and shows nothing.
    let closed = app.get(&format!("/contests/{c}/gallery"), &Jar::default()).await;
    assert_eq!(closed.status, StatusCode::OK);
    assert_eq!(closed.select_text("#gallery-closed").len(), 1);
    assert_eq!(api_works(app, c).await, vec![]);
    assert_eq!(file_statuses(app, &spring).await, vec![("image/small".to_owned(), 404), ("image/large".to_owned(), 404)]);

    score_everything(&j).await;
    ok(&app.call("admin_compute_results", &contest_form(&j), admin).await);
    ok(&app.call("admin_publish_results", &contest_form(&j), admin).await);
    wait_for_previews(app).await;
    let gallery = format!("/contests/{}/gallery", address(app, c).await);
    let page = app.get(&gallery, &Jar::default()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".gallery-card .gallery-title"), vec!["Көктем", "Аңыз"]);
    // The author as the contest shows a minor: first name, initial, city.
    assert_eq!(page.select_text(".gallery-card .gallery-author"), vec!["Әлия С., Өскемен", "Әлия С., Өскемен"]);
    // (Ертегі, her other title, is also the nomination's name: the titles above are exact.)
    for absent in ["Серікова", SECRET_CHILD, ">Қыс<"] {
        assert!(!page.body.contains(absent), "{absent}");
    }
    // The image loads lazily, as the phone-sized copy, with its size; the PDF as its first page.
    assert_eq!(page.select_attr(".gallery-card img", "loading"), vec!["lazy", "lazy"]);
    assert_eq!(page.select_attr(".gallery-card img", "width"), vec!["300", "340"]);
    let legend_file: String = sqlx::query_scalar("SELECT f.public_id FROM entry_file f JOIN entry e USING (entry_id) WHERE e.public_id = $1").bind(&legend).fetch_one(&app.sql).await.unwrap();
    assert_eq!(page.select_attr(".gallery-card img", "src")[1], format!("/gallery-files/page/{legend_file}"));
    assert_eq!(api_works(app, c).await, vec![(spring_no, "Көктем".to_owned()), (legend_no, "Аңыз".to_owned())]);
    assert_eq!(file_statuses(app, &spring).await, vec![("image/small".to_owned(), 200), ("image/large".to_owned(), 200)]);
    assert_eq!(file_statuses(app, &legend).await, vec![("pdf/copy".to_owned(), 200), ("pdf/page".to_owned(), 200)]);
    assert_first_page_drawn(app, &legend).await;
    let file_of = |id: &str| {
        let id = id.to_owned();
        async move { sqlx::query_scalar::<_, String>("SELECT f.public_id FROM entry_file f JOIN entry e USING (entry_id) WHERE e.public_id = $1 ORDER BY f.file_id").bind(&id).fetch_one(&app.sql).await.unwrap() }
    };
    let (spring_file, winter_file) = (file_of(&spring).await, file_of(&winter).await);
    let small = app.get(&format!("/gallery-files/small/{spring_file}"), &Jar::default()).await;
    assert_eq!(small.header("content-type"), Some("image/jpeg"));
    assert_eq!(small.header("cache-control"), Some("public, no-cache"));
    // The other child's works: no page, no file, no API line, no sitemap address.
    assert!(file_statuses(app, &winter).await.iter().all(|(_, s)| *s == 404));
    assert_eq!(app.get(&format!("{gallery}/{winter_no}"), &Jar::default()).await.status, StatusCode::NOT_FOUND);
    let sitemap = app.get("/sitemap.xml", &Jar::default()).await;
    assert_eq!(sitemap.status, StatusCode::OK);
    let locs: Vec<String> = sitemap.body.lines().filter(|l| l.contains("/gallery")).map(|l| l.trim().to_owned()).collect();
    let loc = |p: &str| format!("<url><loc>http://127.0.0.1:3000{p}</loc></url>");
    assert_eq!(locs, vec![loc(&gallery), loc(&format!("{gallery}/{spring_no}")), loc(&format!("{gallery}/{legend_no}"))]);
    // A work's own page: the larger copy too, the award, no full name.
    let one = app.get(&format!("{gallery}/{spring_no}"), &Jar::default()).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.select_text("h1"), vec!["Көктем"]);
    assert!(one.select_attr(".gallery-media img", "srcset")[0].contains("/gallery-files/large/"));
    // Filters: by nomination; a page past the end is the last.
    assert_eq!(titles(app, &format!("{gallery}?nomination={}", j.w.tale)).await, vec!["Аңыз"]);
    assert_eq!(titles(app, &format!("{gallery}?page=99&award=nonsense")).await, vec!["Көктем", "Аңыз"]);
    // The gallery is open: a consent can no longer be given, only taken back.
    let late = app.call("set_publication", &[("id", &winter), ("choice", "yes")], parent).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(error_msg(&late).await, "ErrConflict");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE gallery_consent_at IS NOT NULL").await, 2);

    // The public results follow the same consent in a contest with a gallery: the winners'
    // pictures are those with a consent.
    let results = format!("/contests/{c}/results");
    let thumbs = || async { app.get(&results, &Jar::default()).await.select_attr(".winner img.thumb", "src") };
    // Every work has an award here; of the two pictures, only the one with a consent shows.
    assert_eq!(app.count("SELECT COUNT(DISTINCT entry_id) FROM result_line WHERE COALESCE(override_award, award) NOT IN ('certificate', 'none')").await, 4);
    let before = thumbs().await;
    assert_eq!(before, vec![format!("/results-thumbs/{spring_file}")]);
    assert!(!before.contains(&format!("/results-thumbs/{winter_file}")));
    assert_eq!(app.get(&format!("/results-thumbs/{winter_file}"), &Jar::default()).await.status, StatusCode::NOT_FOUND);

    // The parent takes the consent back: the cached page, the API, the files, the work's
    // page and the sitemap lose it at once.
    let res = app.post_form("set_publication", &[("id", &spring), ("choice", "no")], parent, &format!("/entries/{spring}")).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(titles(app, &gallery).await, vec!["Аңыз"]);
    assert_eq!(api_works(app, c).await, vec![(legend_no, "Аңыз".to_owned())]);
    assert_eq!(file_statuses(app, &spring).await, vec![("image/small".to_owned(), 404), ("image/large".to_owned(), 404)]);
    assert_eq!(app.get(&format!("{gallery}/{spring_no}"), &Jar::default()).await.status, StatusCode::NOT_FOUND);
    assert!(!app.get("/sitemap.xml", &Jar::default()).await.body.contains(&format!("{gallery}/{spring_no}<")));
    assert!(!thumbs().await.iter().any(|t| t.contains(&spring_file)));
    assert_eq!(app.get(&format!("/results-thumbs/{spring_file}"), &Jar::default()).await.status, StatusCode::NOT_FOUND);
    assert_consents_logged(app, &spring, &legend).await;
    // A disqualified work leaves too.
    ok(&app.call("admin_disqualify_entry", &[("id", &legend), ("reason", "Көшірме")], admin).await);
    assert_eq!(titles(app, &gallery).await, Vec::<String>::new());
    assert_eq!(file_statuses(app, &legend).await, vec![("pdf/copy".to_owned(), 404), ("pdf/page".to_owned(), 404)]);
    // The guardian withdraws the child's consent to take part: the works' stored bytes go,
    // the PDF's drawn first page with them.
    assert_eq!(app.stored_keys("pages").await.len(), 1);
    ok(&app.call("withdraw_consent", &[("participant", j.w.child.as_str()), ("understood", "on")], parent).await);
    assert_eq!(app.stored_keys("pages").await, Vec::<String>::new());
}

/// A PDF's card shows its first page: a JPEG of 452 × 640 (an A4 page), white but for the
/// line of text near its top left, and kept in the store once drawn.
async fn assert_first_page_drawn(app: &TestApp, entry: &str) {
    let (file, sha): (String, String) = sqlx::query_as("SELECT f.public_id, f.sha256 FROM entry_file f JOIN entry e USING (entry_id) WHERE e.public_id = $1").bind(entry).fetch_one(&app.sql).await.unwrap();
    let res = app.get(&format!("/gallery-files/page/{file}"), &Jar::default()).await;
    assert_eq!((res.status, res.header("content-type"), res.header("content-disposition")), (StatusCode::OK, Some("image/jpeg"), None));
    let img = image::load_from_memory_with_format(&res.bytes, image::ImageFormat::Jpeg).unwrap().to_luma8();
    assert_eq!(img.dimensions(), (452, 640));
    let dark = |x0: u32, y0: u32, x1: u32, y1: u32| (x0..x1).flat_map(|x| (y0..y1).map(move |y| (x, y))).filter(|&(x, y)| img.get_pixel(x, y).0[0] < 128).count();
    assert!(dark(40, 70, 260, 110) > 100, "the text «Once upon a time» is drawn: {} dark pixels", dark(40, 70, 260, 110));
    assert_eq!(dark(0, 200, 452, 640), 0, "the rest of the page is white");
    assert!(app.stored_keys("pages/").await.iter().any(|k| k.ends_with(&format!("{sha}.jpg"))));
}

#[tokio::test]
async fn consent_is_asked_as_a_work_is_sent_and_a_gallery_can_open_on_a_date() {
    let w = world().await;
    let app = &w.app;
    let c = w.contest.as_str();
    // The settings refuse what they cannot keep; judges and entrants cannot set them.
    assert_eq!(error_msg(&app.call("admin_gallery_settings", &[("contest", c), ("gallery", "sometimes")], &w.admin).await).await, "ErrChooseOption");
    assert_eq!(error_msg(&app.call("admin_gallery_settings", &[("contest", c), ("gallery", "date"), ("opens_at", "")], &w.admin).await).await, "ErrRequired");
    assert_eq!(error_msg(&app.call("admin_gallery_settings", &[("contest", c), ("gallery", "date"), ("opens_at", "31.12.2026")], &w.admin).await).await, "ErrDateTime");
    assert_eq!(app.count("SELECT COUNT(*) FROM contest WHERE gallery <> 'off'").await, 0);
    // Without a gallery, no consent can be given.
    ok(&create_entry(app, &w.parent, c, &w.child, &w.drawing, "Бақ", "t1").await);
    let id = last_entry(app).await;
    assert_eq!(upload(app, &w.parent, &id, "baq.jpg", &jpeg(640, 480)).await.status, StatusCode::OK);
    assert_eq!(app.call("set_publication", &[("id", &id), ("choice", "yes")], &w.parent).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE gallery_consent_at IS NOT NULL").await, 0);
    // A gallery from a day after entries close (the contest's time, Asia/Almaty: UTC+5).
    let form = [("contest", c), ("gallery", "date"), ("opens_at", "2027-03-01T10:00")];
    let res = app.post_form("admin_gallery_settings", &form, &w.admin, &format!("/admin/contests/{c}/results")).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let opens: i64 = sqlx::query_scalar("SELECT gallery_opens_at FROM contest WHERE public_id = $1").bind(c).fetch_one(&app.sql).await.unwrap();
    let zone: String = sqlx::query_scalar("SELECT time_zone FROM contest WHERE public_id = $1").bind(c).fetch_one(&app.sql).await.unwrap();
    assert_eq!(Some(opens), app::backend::zone::local_to_utc("2027-03-01T10:00", &zone).ok());
    assert!(opens > CLOSE_UTC);
    // A second work, by Дана, whose entrant changes her birth date to an adult's after
    // entering: her entry page asks for her own choice, not a guardian's.
    let dana = add_participant(app, &w.parent, "Дана Серікова", "2017-03-03", true).await;
    ok(&create_entry(app, &w.parent, c, &dana, &w.drawing, "Тау", "t2").await);
    let mountain = last_entry(app).await;
    assert_eq!(upload(app, &w.parent, &mountain, "tau.jpg", &jpeg(480, 640)).await.status, StatusCode::OK);
    sqlx::query("UPDATE participant SET birth_date = '1990-01-01' WHERE public_id = $1").bind(&dana).execute(&app.sql).await.unwrap();
    let page = app.get(&format!("/entries/{mountain}"), &w.parent).await;
    assert!(page.body.contains("Бұл жұмысты атауымен") && !page.body.contains("ата-анасы не заңды өкілімін"));
    let res = app.post_form("submit_entry", &[("id", &mountain), ("publication", "yes")], &w.parent, &format!("/entries/{mountain}")).await;
    assert_eq!(res.status, StatusCode::FOUND);
    // The page that sends the work asks, with nothing chosen in advance.
    let page = app.get(&format!("/entries/{id}"), &w.parent).await;
    assert_eq!(page.select_attr("#review input[name=publication]", "value"), vec!["yes", "no"]);
    assert!(page.select_attr("#review input[name=publication]", "checked").is_empty());
    let res = app.post_form("submit_entry", &[("id", &id), ("publication", "yes")], &w.parent, &format!("/entries/{id}")).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let (state, version): (String, Option<String>) = sqlx::query_as("SELECT state, gallery_consent_version FROM entry WHERE public_id = $1").bind(&id).fetch_one(&app.sql).await.unwrap();
    assert_eq!((state.as_str(), version.as_deref()), ("submitted", Some("2026-12-gallery")));
    // Not open before its date; open after it, before any results (no award shown).
    wait_for_previews(app).await;
    let gallery = format!("/contests/{}/gallery", address(app, c).await);
    assert!(titles(app, &gallery).await.is_empty());
    app.clock.set(opens);
    // In the order they were sent.
    assert_eq!(titles(app, &gallery).await, vec!["Тау", "Бақ"]);
    // A blind contest names no author in public before its results (judges may look).
    let page = app.get(&gallery, &Jar::default()).await;
    assert!(page.select_text(".gallery-card .gallery-author").is_empty() && !page.body.contains("Серікова"), "{}", page.body);
    let admin = crate::submissions::relogin(app, "admin@lib.kz").await;
    ok(&app.call("admin_save_judging_settings", &[("contest", c), ("disagreement_pct", "25")], &admin).await);
    let page = app.get(&gallery, &Jar::default()).await;
    assert_eq!(page.select_text(".gallery-card .gallery-author"), vec!["Дана Серікова", "Әлия С., Өскемен"]);
    assert_eq!(page.select_attr(".gallery-card img", "width"), vec!["360", "480"]);
    assert_eq!(page.select_attr(".gallery-card img", "height"), vec!["480", "360"]);
    assert!(app.get(&gallery, &Jar::default()).await.select_text(".gallery-card .award").is_empty());
    let contest_page = app.get(&format!("/contests/{c}"), &Jar::default()).await;
    assert_eq!(contest_page.select_attr("#gallery-link", "href"), vec![gallery.clone()]);
    // Taking the work back from the contest takes it out of the gallery.
    app.clock.set(CLOSE_UTC - 3_600);
    let parent = crate::submissions::relogin(app, "parent@mail.kz").await;
    ok(&app.call("withdraw_entry", &[("id", &id)], &parent).await);
    // Entrants cannot set the gallery.
    assert_eq!(app.call("admin_gallery_settings", &[("contest", c), ("gallery", "results")], &parent).await.status, StatusCode::FORBIDDEN);
    app.clock.set(opens);
    assert_eq!(titles(app, &gallery).await, vec!["Тау"]);
    // Her consent to take part withdrawn, Дана leaves the gallery at once (the page was
    // cached a moment ago).
    let parent = crate::submissions::relogin(app, "parent@mail.kz").await;
    let res = app.post_form("withdraw_consent", &[("participant", dana.as_str()), ("understood", "on")], &parent, &format!("/me/participants/{dana}")).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert!(titles(app, &gallery).await.is_empty());
}

/// Audio and video play in the gallery from their copies without tags: each player's
/// source is the copy, answered with its type, and the name written in the file's tags is
/// not in it.
#[tokio::test]
async fn audio_and_video_play_in_the_gallery_from_copies_without_their_tags() {
    let w = world().await;
    let app = &w.app;
    let c = w.contest.as_str();
    sqlx::query("UPDATE nomination SET allowed_kinds = 'pdf,audio,video' WHERE nomination_id = $1").bind(w.tale.parse::<i64>().unwrap()).execute(&app.sql).await.unwrap();
    ok(&app.call("admin_gallery_settings", &[("contest", c), ("gallery", "date"), ("opens_at", "2027-03-01T10:00")], &w.admin).await);
    let dana = add_participant(app, &w.parent, "Дана Серікова", "2017-03-03", true).await;
    for (who, title, name, bytes) in [(&w.child, "Ән", "song.mp3", mp3_with_artist(SECRET_CHILD)), (&dana, "Би", "dance.mp4", mp4_with_artist(SECRET_CHILD))] {
        ok(&create_entry(app, &w.parent, c, who, &w.tale, title, title).await);
        let id = last_entry(app).await;
        let up = upload(app, &w.parent, &id, name, &bytes).await;
        assert_eq!(up.status, StatusCode::OK, "{}", up.body);
        let res = app.post_form("submit_entry", &[("id", &id), ("publication", "yes")], &w.parent, &format!("/entries/{id}")).await;
        assert_eq!(res.status, StatusCode::FOUND);
    }
    wait_for_previews(app).await;
    let opens: i64 = sqlx::query_scalar("SELECT gallery_opens_at FROM contest WHERE public_id = $1").bind(c).fetch_one(&app.sql).await.unwrap();
    app.clock.set(opens);
    let gallery = format!("/contests/{}/gallery", address(app, c).await);
    let page = app.get(&gallery, &Jar::default()).await;
    assert_eq!(page.select_text(".gallery-card .gallery-title"), vec!["Ән", "Би"]);
    assert_eq!(page.select_attr(".gallery-card audio", "preload"), vec!["none"], "nothing loads until played");
    // What must survive: the sound's 20 MPEG frames, the film's media data.
    let frames = |b: &[u8]| b.windows(4).filter(|x| *x == [0xFF, 0xFB, 0x90, 0x64]).count();
    let film = |b: &[u8]| b.windows(4000).any(|x| x.iter().all(|v| *v == 0x42));
    type Kept<'a> = &'a dyn Fn(&[u8]) -> bool;
    let kept: [(&str, &str, Vec<u8>, Kept); 2] = [
        ("audio", "audio/mpeg", mp3_with_artist(SECRET_CHILD), &|b| frames(b) == 20),
        ("video", "video/mp4", mp4_with_artist(SECRET_CHILD), &|b| film(b)),
    ];
    for (player, mime, sent, media_kept) in kept {
        assert_eq!(page.select_attr(&format!(".gallery-card {player} source"), "type"), vec![mime]);
        let src = page.select_attr(&format!(".gallery-card {player} source"), "src").remove(0);
        assert!(src.starts_with("/gallery-files/copy/"), "{src}");
        let copy = app.get(&src, &Jar::default()).await;
        assert_eq!((copy.status, copy.header("content-type")), (StatusCode::OK, Some(mime)));
        assert!(media_kept(&sent) && media_kept(&copy.bytes), "{player}: the media kept");
        let name = SECRET_CHILD.as_bytes();
        assert!(sent.windows(name.len()).any(|x| x == name) && !copy.bytes.windows(name.len()).any(|x| x == name), "{player}");
    }
}
