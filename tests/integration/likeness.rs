//! Near-duplicate works through the real router: drawings painted here (the same one
//! re-encoded, resized and cropped at its edges; another child's drawing of the same
//! subject) and stories as DOCX files (one copied with a sentence changed, one different),
//! within a contest and against another contest; the organisers' verdicts; judges never
//! see the page; a staff member of one organisation is not shown another's work.

use crate::contests::ok;
use crate::judging::{invite_and_accept, wait_for_previews};
use crate::staff::new_organisation;
use crate::submissions::{World, add_participant, create_entry, error_msg, last_entry, world};
use crate::uploads::upload;
use baiqau_tests::fixtures::{docx_with_text, drawing, jpeg_of};
use app::domain::likeness::Print;
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;

const STORY: [&str; 3] = [
    "Ертеде бір шағын ауылда Арман есімді бала өмір сүріпті. Ол күн сайын таңертең өзенге барып, балықшылардың ау тартқанын қарайды екен.",
    "Бірде ол жағадан ескі қайықты тауып алып, оны өзі жөндеуге бел байлапты. Атасы түбін қалай майлау керегін көрсетіпті, ал әпкесі анасының дастарқанынан желкен тігіпті.",
    "Жазда қайық суға түсіп, бүкіл ауыл жағаға жиналып қарапты. Арман желкенді көтеріп, өзеннің арғы жағасына дейін жүзіп барыпты да, қайтып оралыпты.",
];

const OTHER_STORY: [&str; 2] = [
    "Біздің қаламызда үлкен кітапхана бар. Мен сенбі сайын әжеммен бірге сонда барып, ғарыш, жануарлар және алыс елдер туралы кітаптар таңдаймын.",
    "Маған оқу залы бәрінен де ұнайды: онда тыныш, қағаздың иісі шығады, ал кітапханашы әрқашан менің жасыма лайықты жаңа әрі қызықты кітап ұсынады.",
];

/// A work entered in `contest` by `participant` with one file, submitted; its code.
async fn enter(app: &TestApp, parent: &Jar, contest: &str, participant: &str, nomination: &str, title: &str, file: (&str, Vec<u8>)) -> (String, String) {
    ok(&create_entry(app, parent, contest, participant, nomination, title, &format!("{contest}-{title}")).await);
    let id = last_entry(app).await;
    assert_eq!(upload(app, parent, &id, file.0, &file.1).await.status, StatusCode::OK);
    ok(&app.call("submit_entry", &[("id", &id)], parent).await);
    let code: String = sqlx::query_scalar("SELECT code FROM entry WHERE public_id = $1").bind(&id).fetch_one(&app.sql).await.unwrap();
    (id, code)
}

/// The same drawing as a child's parent might send it again: re-encoded at a low quality,
/// resized to 60 % and cut by 4 % at every edge.
fn copied_drawing() -> Vec<u8> {
    let original = drawing(0, 800, 600);
    let cropped = image::imageops::crop_imm(&original, 32, 24, 736, 552).to_image();
    let small = image::imageops::resize(&cropped, 442, 331, image::imageops::FilterType::Triangle);
    jpeg_of(&small, 55)
}

/// The pairs on a contest's page as (code, code, how) with the similarity shown.
async fn shown_pairs(app: &TestApp, contest: &str, jar: &Jar) -> Vec<(String, String, String)> {
    let page = app.get(&format!("/admin/contests/{contest}/duplicates"), jar).await;
    assert_eq!(page.status, StatusCode::OK);
    let codes = page.select_attr(".likeness-pair .likeness-side", "data-code");
    let scores = page.select_text(".likeness-pair .likeness-score");
    codes.chunks(2).zip(scores).map(|(c, s)| (c[0].clone(), c[1].clone(), s.split(" · ").nth(1).unwrap_or_default().to_owned())).collect()
}

struct Works {
    w: World,
    /// (public id, code): the drawing, its copy, another child's drawing, the story, its
    /// copy, another story, and the drawing's copy entered in another contest.
    original: (String, String),
    copy: (String, String),
    different: (String, String),
    story: (String, String),
    story_copy: (String, String),
    other_story: (String, String),
    elsewhere: (String, String),
    other_contest: String,
}

async fn works() -> Works {
    let w = world().await;
    let app = &w.app;
    sqlx::query("UPDATE nomination SET allowed_kinds = 'pdf,document' WHERE nomination_id = $1").bind(w.tale.parse::<i64>().unwrap()).execute(&app.sql).await.unwrap();
    // Another contest on the installation, open at the same time (a copy of this one).
    ok(&app.call("admin_copy_contest", &[("contest", w.contest.as_str())], &w.admin).await);
    let other_contest = crate::rounds::announce_the_copy(app).await;
    let other_drawing: String = sqlx::query_scalar("SELECT CAST(nomination_id AS TEXT) FROM nomination n JOIN contest c USING (contest_id) WHERE c.copied_from IS NOT NULL AND n.name_ru = 'Рисунок'")
        .fetch_one(&app.sql)
        .await
        .unwrap();
    let second = add_participant(app, &w.parent, "Дана Серікова", "2017-03-03", true).await;
    let third = add_participant(app, &w.parent, "Ержан Серіков", "2016-04-04", true).await;
    let (c, p) = (w.contest.as_str(), &w.parent);
    let original = enter(app, p, c, &w.child, &w.drawing, "Үй", ("uy.jpg", jpeg_of(&drawing(0, 800, 600), 92))).await;
    let copy = enter(app, p, c, &second, &w.drawing, "Біздің үй", ("bizdin-uy.jpg", copied_drawing())).await;
    let different = enter(app, p, c, &third, &w.drawing, "Күн астындағы үй", ("kun.jpg", jpeg_of(&drawing(1, 800, 600), 92))).await;
    let story = enter(app, p, c, &w.child, &w.tale, "Қайық", ("qayyq.docx", docx_with_text(&STORY))).await;
    let changed = STORY[1].replace("Атасы түбін қалай майлау керегін көрсетіпті", "Әкесі оған түбін майлауды үйретіпті");
    let story_copy = enter(app, p, c, &second, &w.tale, "Ақ желкен", ("aq-zhelken.docx", docx_with_text(&[STORY[0], &changed, STORY[2]]))).await;
    let other_story = enter(app, p, c, &third, &w.tale, "Кітапхана", ("kitaphana.docx", docx_with_text(&OTHER_STORY))).await;
    let elsewhere = enter(app, p, &other_contest, &w.child, &other_drawing, "Үй тағы", ("uy-2.jpg", jpeg_of(&drawing(0, 800, 600), 70))).await;
    wait_for_previews(app).await;
    Works { w, original, copy, different, story, story_copy, other_story, elsewhere, other_contest }
}

#[tokio::test]
async fn copies_are_found_different_works_are_not_and_verdicts_are_kept() {
    let x = works().await;
    let app = &x.w.app;
    let admin = &x.w.admin;
    let c = x.w.contest.clone();
    // Every file was printed as it was stored: three images, three texts (the other
    // contest's drawing too).
    assert_eq!(app.count("SELECT COUNT(*) FROM blob_print WHERE kind = 'image'").await, 4);
    assert_eq!(app.count("SELECT COUNT(*) FROM blob_print WHERE kind = 'text'").await, 3);
    let mut pairs = shown_pairs(app, &c, admin).await;
    pairs.sort();
    let pair = |a: &(String, String), b: &(String, String), how: &str| {
        let (p, q) = if a.1 < b.1 { (a.1.clone(), b.1.clone()) } else { (b.1.clone(), a.1.clone()) };
        (p, q, how.to_owned())
    };
    let mut expected = vec![
        pair(&x.original, &x.copy, "сурет ұқсастығы"),
        pair(&x.original, &x.elsewhere, "сурет ұқсастығы"),
        pair(&x.copy, &x.elsewhere, "сурет ұқсастығы"),
        pair(&x.story, &x.story_copy, "мәтін ұқсастығы"),
    ];
    expected.sort();
    // The page lists a pair with the work of this contest first; sorted the same way here.
    let normalised: Vec<(String, String, String)> = pairs.iter().map(|(a, b, h)| if a < b { (a.clone(), b.clone(), h.clone()) } else { (b.clone(), a.clone(), h.clone()) }).collect();
    let mut normalised = normalised;
    normalised.sort();
    assert_eq!(normalised, expected, "different drawings of the same subject and different stories are not pairs");
    assert!(!pairs.iter().any(|(a, b, _)| [a, b].contains(&&x.different.1) || [a, b].contains(&&x.other_story.1)));
    // How far below the line the other child's drawing and the other story stay.
    let print = |id: &str| {
        let id = id.to_owned();
        async move {
            let (kind, value): (String, String) = sqlx::query_as("SELECT p.kind, p.print FROM blob_print p JOIN entry_file f ON f.sha256 = p.sha256 JOIN entry e USING (entry_id) WHERE e.public_id = $1")
                .bind(&id)
                .fetch_one(&app.sql)
                .await
                .unwrap();
            Print::decode(&kind, &value)
        }
    };
    let similarity = |a: &Print, b: &Print| match (a, b) {
        (Print::Image(a), Print::Image(b)) => a.similarity(b),
        (Print::Text(a), Print::Text(b)) => a.similarity(b),
        _ => panic!("{a:?} {b:?}"),
    };
    let (drawn, other_drawn) = (print(&x.original.0).await, print(&x.different.0).await);
    let (told, other_told) = (print(&x.story.0).await, print(&x.other_story.0).await);
    assert!(similarity(&drawn, &other_drawn) <= 75, "{}", similarity(&drawn, &other_drawn));
    assert!(similarity(&told, &other_told) <= 10, "{}", similarity(&told, &other_told));
    let page = app.get(&format!("/admin/contests/{c}/duplicates"), admin).await;
    for s in page.select_text(".likeness-score") {
        let percent: u32 = s.split(' ').next().unwrap().parse().unwrap();
        assert!((40..=100).contains(&percent), "{s}");
    }
    // The other contest's work says where it is.
    assert_eq!(page.select_attr(".likeness-contest", "data-contest"), vec![x.other_contest.clone(), x.other_contest.clone()]);
    // The entries list links here.
    let list = app.get(&format!("/admin/contests/{c}/entries"), admin).await;
    assert_eq!(list.select_attr("#likeness-link", "href"), vec![format!("/admin/contests/{c}/duplicates")]);

    verdicts_are_kept(&x).await;
}

/// Verdicts on the pairs of [`works`]: refused, fine, a disqualification, once per pair.
async fn verdicts_are_kept(x: &Works) {
    let app = &x.w.app;
    let admin = &x.w.admin;
    let c = x.w.contest.clone();
    let page = app.get(&format!("/admin/contests/{c}/duplicates"), admin).await;
    // Verdicts: a reason is required, the verdict is one offered.
    let decide = |a: &str, b: &str, verdict: &str, reason: &str| {
        let form = [("contest", c.as_str()), ("a", a), ("b", b), ("verdict", verdict), ("reason", reason)].map(|(k, v)| (k, v.to_owned()));
        async move { app.call("admin_decide_likeness", &form.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(), admin).await }
    };
    assert_eq!(error_msg(&decide(&x.original.0, &x.copy.0, "fine", "  ").await).await, "ErrRequired");
    assert_eq!(error_msg(&decide(&x.original.0, &x.copy.0, "fine", "ok\u{202e}").await).await, "ErrControlChars");
    assert_eq!(error_msg(&decide(&x.original.0, &x.copy.0, "nobody", "ok").await).await, "ErrChooseOption");
    assert_eq!(error_msg(&decide(&x.original.0, &x.elsewhere.0, &x.elsewhere.0, "another contest's work").await).await, "ErrChooseOption");
    assert_eq!(decide(&x.elsewhere.0, &x.original.0, "fine", "not ours").await.status, StatusCode::NOT_FOUND, "the first work is this contest's");
    assert_eq!(app.count("SELECT COUNT(*) FROM likeness_verdict").await, 0);

    // The same child entered her drawing in both contests: fine, posted exactly as the page
    // renders the form, without JavaScript.
    let anchor = format!("#pair-{}-{}", x.original.0, x.elsewhere.0);
    let rendered = |name: &str| page.select_attr(&format!("{anchor} input[name={name}]"), "value").pop().unwrap();
    assert_eq!(page.select_attr(&format!("{anchor} select[name=verdict] option"), "value"), vec!["fine".to_owned(), x.original.0.clone()]);
    let form = [("contest", rendered("contest")), ("a", rendered("a")), ("b", rendered("b")), ("verdict", "fine".to_owned()), ("reason", "Бір баланың екі байқаудағы бір жұмысы".to_owned())];
    let res = app.post_form("admin_decide_likeness", &form.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(), admin, &format!("/admin/contests/{c}/duplicates")).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.header("location").unwrap(), format!("/admin/contests/{c}/duplicates?saved=1{anchor}"));
    // The copy by another child is disqualified.
    ok(&decide(&x.copy.0, &x.original.0, &x.copy.0, "Басқа баланың суретінің көшірмесі").await);
    assert_eq!(error_msg(&decide(&x.original.0, &x.copy.0, "fine", "again").await).await, "ErrConflict", "one verdict per pair");
    let (state, reason): (String, String) = sqlx::query_as("SELECT state, disqualify_reason FROM entry WHERE public_id = $1").bind(&x.copy.0).fetch_one(&app.sql).await.unwrap();
    assert_eq!((state.as_str(), reason.as_str()), ("disqualified", "Басқа баланың суретінің көшірмесі"));
    let verdicts: Vec<(String, String)> = sqlx::query_as("SELECT verdict, reason FROM likeness_verdict ORDER BY verdict").fetch_all(&app.sql).await.unwrap();
    assert_eq!(verdicts, vec![("disqualified".to_owned(), "Басқа баланың суретінің көшірмесі".to_owned()), ("fine".to_owned(), "Бір баланың екі байқаудағы бір жұмысы".to_owned())]);
    let audit: Vec<(String, String)> = sqlx::query_as("SELECT action, detail FROM audit_log WHERE action IN ('likeness.decide', 'entry.disqualify') ORDER BY audit_log_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(
        audit,
        vec![
            ("likeness.decide".to_owned(), format!("{} ~ {}: fine: Бір баланың екі байқаудағы бір жұмысы", x.original.1, x.elsewhere.1)),
            ("likeness.decide".to_owned(), format!("{} ~ {}: {} disqualified: Басқа баланың суретінің көшірмесі", x.copy.1, x.original.1, x.copy.1)),
            ("entry.disqualify".to_owned(), "Басқа баланың суретінің көшірмесі".to_owned()),
        ]
    );
    // The page shows both verdicts; the disqualified copy can no longer be disqualified.
    let page = app.get(&format!("/admin/contests/{c}/duplicates"), admin).await;
    let mut shown = page.select_text(".likeness-verdict strong");
    shown.sort();
    assert_eq!(shown, vec!["Дұрыс деп танылды".to_owned(), format!("Шеттетілді: {}", x.copy.1)]);
    let named: Vec<Option<String>> = sqlx::query_scalar("SELECT e.public_id FROM likeness_verdict v LEFT JOIN entry e ON e.entry_id = v.disqualified_entry ORDER BY v.verdict")
        .fetch_all(&app.sql)
        .await
        .unwrap();
    assert_eq!(named, vec![Some(x.copy.0.clone()), None], "the verdict names the work it disqualified");
    // Reinstated later, the work keeps its verdict's record: the page still says what was decided.
    ok(&app.call("admin_reinstate_entry", &[("id", x.copy.0.as_str())], admin).await);
    let after = app.get(&format!("/admin/contests/{c}/duplicates"), admin).await;
    let mut shown_after = after.select_text(".likeness-verdict strong");
    shown_after.sort();
    assert_eq!(shown_after, shown);
    let copy_and_elsewhere = format!("#pair-{}-{}", x.copy.0, x.elsewhere.0);
    assert_eq!(page.select_attr(&format!("{copy_and_elsewhere} select[name=verdict] option"), "value"), vec!["fine".to_owned()]);
    assert_eq!(after.select_attr(&format!("{copy_and_elsewhere} select[name=verdict] option"), "value"), vec!["fine".to_owned(), x.copy.0.clone()]);
    // The story and its copy: the verdict form offers both works.
    let stories = page.select_attr(".likeness-pair", "id").into_iter().find(|id| id.contains(&x.story.0) && id.contains(&x.story_copy.0)).unwrap();
    let mut offered = page.select_attr(&format!("#{stories} select[name=verdict] option"), "value");
    offered.sort();
    let mut both = vec!["fine".to_owned(), x.story.0.clone(), x.story_copy.0.clone()];
    both.sort();
    assert_eq!(offered, both);
}

#[tokio::test]
async fn judges_never_see_pairs_and_other_organisations_works_stay_hidden() {
    let x = works().await;
    let app = &x.w.app;
    let c = x.w.contest.clone();
    let judge = invite_and_accept(app, &x.w.admin, &c, "judge@lib.kz", "").await;
    assert_eq!(app.get(&format!("/admin/contests/{c}/duplicates"), &judge).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("admin_likeness", &[("contest", c.as_str())], &judge).await.status, StatusCode::FORBIDDEN);
    let form = [("contest", c.as_str()), ("a", x.original.0.as_str()), ("b", x.copy.0.as_str()), ("verdict", "fine"), ("reason", "x")];
    assert_eq!(app.call("admin_decide_likeness", &form, &judge).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM likeness_verdict").await, 0);

    // The other contest moves to another organisation; this contest's organiser sees that
    // a work there is alike, and its contest, but not its title, author or file.
    let org = new_organisation(app, &x.w.admin, "Абай облысының кітапханасы").await;
    ok(&app.call("admin_move_contest", &[("contest", &x.other_contest), ("organisation", &org)], &x.w.admin).await);
    let organiser = app.register("organiser@lib.kz", "Айнұр Оспанова", "correct horse battery").await;
    ok(&app.call("admin_grant_staff", &[("contest", &c), ("email", "organiser@lib.kz"), ("role", "organiser")], &x.w.admin).await);
    let page = app.get(&format!("/admin/contests/{c}/duplicates"), &organiser).await;
    assert_eq!(page.status, StatusCode::OK);
    let hidden = page.select_text(&format!(".likeness-side[data-code='{}'] .hint", x.elsewhere.1));
    assert_eq!(hidden.len(), 4, "{hidden:?}");
    assert!(hidden.contains(&"Бұл байқау басқа ұйымдікі: жұмысты оның ұйымдастырушылары көре алады.".to_owned()));
    assert!(!page.body.contains("Үй тағы"), "the other organisation's title is not shown");
    let elsewhere_file: String = sqlx::query_scalar("SELECT f.public_id FROM entry_file f JOIN entry e USING (entry_id) WHERE e.public_id = $1").bind(&x.elsewhere.0).fetch_one(&app.sql).await.unwrap();
    assert!(!page.body.contains(&elsewhere_file));
    // This contest's works are shown to the organiser in full.
    assert_eq!(page.select_text(&format!(".likeness-side[data-code='{}'] .likeness-author", x.original.1)).first().map(String::as_str), Some("Әлия Серікова"));

    // A file printed before prints existed waits, then is printed by the background job.
    sqlx::query("DELETE FROM blob_print WHERE sha256 IN (SELECT f.sha256 FROM entry_file f JOIN entry e USING (entry_id) WHERE e.public_id = $1)").bind(&x.copy.0).execute(&app.sql).await.unwrap();
    let page = app.get(&format!("/admin/contests/{c}/duplicates"), &x.w.admin).await;
    assert_eq!(page.select_text("#likeness-waiting"), vec!["1 файл әлі оқылып жатыр: бетті сәлден кейін жаңартыңыз."]);
    server::likeness::finish_unprinted(&app.state).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM blob_print WHERE kind = 'image'").await, 4);
    let page = app.get(&format!("/admin/contests/{c}/duplicates"), &x.w.admin).await;
    assert!(page.select_text("#likeness-waiting").is_empty());
    assert_eq!(page.select_attr(".likeness-pair", "id").len(), 4);
}
