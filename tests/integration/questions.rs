//! The contest's own entry questions in the editor: every kind saved as written, refused
//! with the field's translated error, kept as typed by a plain form, warned about when
//! judges would see an answer that can name the author, frozen once entries open, copied
//! with the contest.

use crate::contests::{OPEN_UTC, full_contest, ok};
use app::domain::Role;
use baiqau_tests::{Jar, TestApp};
use http::StatusCode;
use serde_json::json;

fn form<'a>(contest: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("contest", contest), ("label_kk", ""), ("label_ru", ""), ("label_en", ""), ("kind", "short_text"), ("audience", "admins")];
    for (k, v) in extra {
        if let Some(slot) = f.iter_mut().find(|(name, _)| name == k) {
            slot.1 = v;
        } else {
            f.push((k, v));
        }
    }
    f
}

async fn nomination_ids(app: &TestApp, contest: &str) -> Vec<i64> {
    sqlx::query_scalar("SELECT n.nomination_id FROM nomination n JOIN contest c ON c.contest_id = n.contest_id WHERE c.public_id = $1 ORDER BY n.position")
        .bind(contest)
        .fetch_all(&app.sql)
        .await
        .unwrap()
}

type Stored = (Option<String>, Option<String>, Option<String>, String, i64, String, Option<i64>, Option<i64>, String, Option<i64>);

async fn stored(app: &TestApp, contest: &str) -> Vec<Stored> {
    sqlx::query_as(
        "SELECT q.label_kk, q.label_ru, q.hint_en, q.kind, CAST(CASE WHEN q.required THEN 1 ELSE 0 END AS BIGINT), q.audience, q.min_value, q.max_value, q.options, q.nomination_id
         FROM entry_question q JOIN contest c ON c.contest_id = q.contest_id WHERE c.public_id = $1 ORDER BY q.position",
    )
    .bind(contest)
    .fetch_all(&app.sql)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_admin_asks_questions_of_every_kind_and_gets_each_mistake_named() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    let noms = nomination_ids(&app, &id).await;
    let drawing = noms[0].to_string();

    ok(&app.call("admin_save_question", &form(&id, &[("label_kk", "Сынып"), ("label_ru", "Класс"), ("kind", "number"), ("min", "1"), ("max", "11"), ("required", "on")]), &admin).await);
    ok(&app
        .call(
            "admin_save_question",
            &form(&id, &[("label_ru", "Язык работы"), ("kind", "choice_one"), ("options_kk", "қазақша\nорысша\n\n"), ("options_ru", "казахский\nрусский"), ("audience", "judges"), ("nomination", &drawing)]),
            &admin,
        )
        .await);
    ok(&app.call("admin_save_question", &form(&id, &[("label_en", "Video link"), ("hint_en", "YouTube or Google Drive"), ("kind", "url"), ("audience", "judges")]), &admin).await);
    ok(&app.call("admin_save_question", &form(&id, &[("label_ru", "Телефон руководителя"), ("kind", "phone"), ("audience", "judges"), ("min", "5")]), &admin).await);
    let rows = stored(&app, &id).await;
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0], (Some("Сынып".into()), Some("Класс".into()), None, "number".into(), 1, "admins".into(), Some(1), Some(11), "[]".into(), None));
    assert_eq!(rows[1].3, "choice_one");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&rows[1].8).unwrap(), json!([{"kk": "қазақша", "ru": "казахский", "en": null}, {"kk": "орысша", "ru": "русский", "en": null}]));
    assert_eq!(rows[1].9, Some(noms[0]));
    assert_eq!((rows[2].2.as_deref(), rows[2].5.as_str()), (Some("YouTube or Google Drive"), "judges"));
    assert_eq!((rows[3].6, rows[3].3.as_str()), (None, "phone"), "a range belongs to numbers only");
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'contest.question'").await, 4);

    // Each mistake, by field.
    let cases: Vec<(Vec<(&str, &str)>, serde_json::Value)> = vec![
        (vec![], json!([{"field": "name", "msg": "ErrNameMissing"}])),
        (vec![("label_kk", "Түсі"), ("kind", "choice_many"), ("options_kk", "қызыл")], json!([{"field": "options", "msg": "ErrTwoOptions"}])),
        (vec![("label_kk", "Түсі"), ("kind", "choice_many"), ("options_kk", "қызыл\n\nкөк")], json!([{"field": "options", "msg": "ErrRequired"}])),
        (vec![("label_kk", "Жасы"), ("kind", "number"), ("min", "10"), ("max", "5")], json!([{"field": "max", "msg": "ErrRangeReversed"}])),
        (vec![("label_kk", "Жасы"), ("kind", "number"), ("min", "бес")], json!([{"field": "min", "msg": "ErrWholeNumber"}])),
        (vec![("label_kk", "Файл"), ("kind", "file")], json!([{"field": "kinds", "msg": "ErrChooseOption"}])),
        (vec![("label_kk", "Кім"), ("audience", "everyone")], json!([{"field": "mode", "msg": "ErrChooseOption"}])),
        (vec![("label_kk", "Кім"), ("nomination", "999999")], json!([{"field": "nomination", "msg": "ErrChooseOption"}])),
    ];
    for (extra, want) in cases {
        let res = app.call("admin_save_question", &form(&id, &extra), &admin).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{extra:?}: {}", res.body);
        assert_eq!(res.json(), json!({ "Validation": want }), "{extra:?}");
    }
    assert_eq!(stored(&app, &id).await.len(), 4, "nothing written");

    // The editor shows them, with what judges would see.
    let page = app.get(&format!("/admin/contests/{id}"), &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_attr("#questions input[name=label_kk]", "value")[..2], ["Сынып".to_owned(), String::new()]);
    assert_eq!(page.select_attr("#questions select[name=kind] option[selected]", "value")[..4], ["number", "choice_one", "url", "phone"].map(str::to_owned));
    assert_eq!(page.select_text("#questions textarea[name=options_ru]")[1], "казахский\nрусский");
    let warnings = page.select_text("#questions .question .warning");
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].starts_with("Қазылар бұл жауапты көреді"), "the link: {}", warnings[0]);
    assert!(warnings[1].starts_with("Пошта мен телефон қазыларға ешқашан"), "the phone: {}", warnings[1]);

    // Changing and deleting; another admin's contest is not reachable this way.
    let first: i64 = sqlx::query_scalar("SELECT MIN(question_id) FROM entry_question").fetch_one(&app.sql).await.unwrap();
    let first = first.to_string();
    ok(&app.call("admin_save_question", &form(&id, &[("question", &first), ("label_kk", "Сыныбы"), ("kind", "number"), ("max", "12")]), &admin).await);
    assert_eq!(stored(&app, &id).await[0].7, Some(12));
    assert_eq!(stored(&app, &id).await[0].4, 0, "the box left unticked: optional");
    let entrant = app.register("someone@mail.kz", "Someone", "correct horse battery").await;
    let res = app.call("admin_delete_question", &[("contest", &id), ("question", &first)], &entrant).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    ok(&app.call("admin_delete_question", &[("contest", &id), ("question", &first)], &admin).await);
    assert_eq!(stored(&app, &id).await.len(), 3);
    let gone = app.call("admin_delete_question", &[("contest", &id), ("question", &first)], &admin).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);

    // A copy of the contest asks the same, with its own nominations.
    ok(&app.call("admin_copy_contest", &[("contest", &id)], &admin).await);
    let copy: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE public_id <> $1").bind(&id).fetch_one(&app.sql).await.unwrap();
    let copied = stored(&app, &copy).await;
    assert_eq!(copied.len(), 3);
    assert_eq!(copied[0].3, "choice_one");
    assert_eq!(copied[0].9, Some(nomination_ids(&app, &copy).await[0]), "mapped to the copy's nomination");
    assert_eq!(copied[0].8, stored(&app, &id).await[0].8);
}

#[tokio::test]
async fn a_refused_plain_form_keeps_what_was_typed_and_entries_freeze_the_questions() {
    let app = TestApp::new().await;
    let admin = app.account_with_role("admin@lib.kz", Role::Admin).await;
    let id = full_contest(&app, &admin).await;
    ok(&app.call("admin_save_question", &form(&id, &[("label_kk", "Сынып"), ("kind", "number")]), &admin).await);

    // JavaScript off: the new question's form comes back with what was typed and its error;
    // the existing question's form is untouched.
    let page = format!("/admin/contests/{id}");
    let res = app.post_form("admin_save_question", &form(&id, &[("label_ru", "Цвет"), ("kind", "choice_many"), ("options_ru", "красный"), ("required", "on")]), &admin, &page).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let back = res.header("location").unwrap().to_owned();
    let mut jar = admin.clone();
    jar.absorb(&res);
    let shown = app.get(&back, &jar).await;
    assert_eq!(shown.select_attr("#q-new-label_ru", "value"), vec!["Цвет"]);
    assert_eq!(shown.select_text("#q-new-options_ru"), vec!["красный"]);
    assert_eq!(shown.select_attr("#q-new-required", "checked").len(), 1);
    assert_eq!(shown.select_text("#q-new-options_kk-error"), vec!["Кемінде екі нұсқа жазыңыз, әр жолға біреуден."]);
    let first: i64 = sqlx::query_scalar("SELECT MIN(question_id) FROM entry_question").fetch_one(&app.sql).await.unwrap();
    assert_eq!(shown.select_attr(&format!("#q-{first}-label_kk"), "value"), vec!["Сынып"]);
    assert!(shown.select_text(&format!("#q-{first}-label_kk-error")).concat().is_empty());

    // Entries open: nothing changes any more, and the page says so.
    ok(&app.call("admin_publish_contest", &[("contest", &id)], &admin).await);
    app.clock.set(OPEN_UTC + 60);
    let res = app.call("admin_save_question", &form(&id, &[("label_kk", "Жаңа")]), &admin).await;
    assert_eq!((res.status, res.json()), (StatusCode::BAD_REQUEST, json!({"Refused": "ErrFrozen"})));
    let res = app.call("admin_delete_question", &[("contest", &id), ("question", &first.to_string())], &admin).await;
    assert_eq!(res.json(), json!({"Refused": "ErrFrozen"}));
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_question").await, 1);
    let shown = app.get(&page, &Jar { lang: Some("ru".into()), ..admin.clone() }).await;
    assert_eq!(shown.select_text("#questions .notice"), vec!["Приём работ начался: вопросы больше не меняются."]);
    assert_eq!(shown.select_attr(&format!("#q-{first}-label_kk"), "disabled").len(), 1);
    assert!(shown.select_attr("#q-new-label_kk", "value").is_empty(), "no form for a new question");
}

fn question(kind: app::domain::question::QuestionKind, label: &str, required: bool, nomination: Option<i64>) -> app::domain::question::Question {
    use app::domain::contest::LocalText;
    app::domain::question::Question {
        id: 0,
        nomination: nomination.map(app::domain::ids::NominationId),
        label: LocalText::new(Some(label.into()), None, None),
        hint: LocalText::default(),
        kind,
        required,
        audience: app::domain::question::Audience::Admins,
        min: Some(1),
        max: Some(11),
        options: ["Қарындаш", "Гуашь", "Акварель"].map(|o| LocalText::new(Some(o.into()), None, None)).to_vec(),
    }
}

#[tokio::test]
async fn an_entrant_answers_each_kind_and_cannot_submit_without_the_required_ones() {
    use app::domain::question::QuestionKind as K;
    use crate::submissions::{new_entry, world};
    use crate::uploads::upload;
    let w = world().await;
    let app = &w.app;
    let contest_id: app::domain::ContestId = sqlx::query_scalar("SELECT contest_id FROM contest").fetch_one(&app.sql).await.unwrap();
    let (drawing, tale): (i64, i64) = (w.drawing.parse().unwrap(), w.tale.parse().unwrap());
    // Written before entries opened (the editor refuses it now).
    let mut ids = Vec::new();
    for q in [
        question(K::Number, "Сынып", true, None),
        question(K::ChoiceMany, "Материал", false, Some(drawing)),
        question(K::Phone, "Жетекшінің телефоны", false, None),
        question(K::YesNo, "Ертегі өзіңдікі ме?", true, Some(tale)),
        question(K::Url, "Бейне", false, None),
    ] {
        ids.push(app::backend::db::questions::insert(&app.state.db, contest_id, &q, app.state.now()).await.unwrap().to_string());
    }
    let key = |i: usize| format!("answers[q{}]", ids[i]);
    let entry = new_entry(&w, &w.drawing, "Менің әжем").await;

    // The entry page asks the drawing's questions, the tale's not.
    let page = app.get(&format!("/entries/{entry}"), &w.parent).await;
    assert_eq!(page.select_text("#answers dt"), vec!["Сынып", "Материал", "Жетекшінің телефоны", "Бейне"]);
    assert_eq!(page.select_attr("#answers details", "open").len(), 1, "open while answers are missing");
    assert_eq!(page.select_attr(&format!("#answer-{}", ids[0]), "type"), vec!["number"]);
    assert_eq!(page.select_attr(&format!("#answer-{}", ids[2]), "type"), vec!["tel"]);

    // Every refused answer named at once; nothing saved.
    let (k0, k2, k4) = (key(0), key(2), key(4));
    let bad = app.call("save_answers", &[("id", &entry), (&k0, "12"), (&k2, "12345"), (&k4, "javascript:alert(1)")], &w.parent).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let q = |i: usize| ids[i].parse::<i64>().unwrap();
    assert_eq!(
        bad.json(),
        json!({"Validation": [{"field": {"question": q(0)}, "msg": "ErrOutOfRange"}, {"field": {"question": q(2)}, "msg": "ErrPhone"}, {"field": {"question": q(4)}, "msg": "ErrUrl"}]})
    );
    let missing = app.call("save_answers", &[("id", &entry), (&k2, "8 701 234 56 78")], &w.parent).await;
    assert_eq!(missing.json(), json!({"Validation": [{"field": {"question": q(0)}, "msg": "ErrRequired"}]}));
    let stranger = format!("answers[q{}]", q(3));
    assert_eq!(app.call("save_answers", &[("id", &entry), (&stranger, "yes")], &w.parent).await.status, StatusCode::BAD_REQUEST, "not asked of this entry");
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_answer").await, 0);

    // Fine answers, each kept in one spelling.
    let (o0, o2) = (format!("answers[q{}o0]", q(1)), format!("answers[q{}o2]", q(1)));
    let res = app.call("save_answers", &[("id", &entry), (&k0, " 4 "), (&o0, "on"), (&o2, "on"), (&k2, "8 (701) 234-56-78"), (&k4, "youtu.be/abc")], &w.parent).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.header("location"), Some(format!("/entries/{entry}?saved=1#answers").as_str()));
    let stored: Vec<(i64, String)> = sqlx::query_as("SELECT question_id, value FROM entry_answer ORDER BY question_id").fetch_all(&app.sql).await.unwrap();
    assert_eq!(stored, vec![(q(0), "4".into()), (q(1), "0,2".into()), (q(2), "+7 701 234 56 78".into()), (q(4), "https://youtu.be/abc".into())]);
    let page = app.get(&format!("/entries/{entry}"), &w.parent).await;
    assert_eq!(page.select_text("#answers dd"), vec!["4", "Қарындаш, Акварель", "+7 701 234 56 78", "https://youtu.be/abc"]);
    let admin_page = app.get(&format!("/admin/entries/{entry}"), &w.admin).await;
    assert_eq!(admin_page.select_text("#answers dd").len(), 4, "{}", admin_page.status);

    // Someone else cannot answer for this entry.
    let other = app.register("other@mail.kz", "Other", "correct horse battery").await;
    assert_eq!(app.call("save_answers", &[("id", &entry), (&k0, "5")], &other).await.status, StatusCode::NOT_FOUND);

    // A tale with its required question unanswered is not submitted until it is answered.
    let story = new_entry(&w, &w.tale, "Алтын балық").await;
    assert_eq!(upload(app, &w.parent, &story, "ertegi.pdf", &crate::uploads::pdf(3000)).await.status, StatusCode::OK);
    let refused = app.call("submit_entry", &[("id", &story)], &w.parent).await;
    assert_eq!(refused.json(), json!({"Refused": "ErrAnswersMissing"}));
    let (k0s, k3) = (key(0), key(3));
    assert_eq!(app.call("save_answers", &[("id", &story), (&k0s, "4"), (&k3, "yes")], &w.parent).await.status, StatusCode::OK);
    ok(&app.call("submit_entry", &[("id", &story)], &w.parent).await);

    // JavaScript off: a refused answer comes back as typed, with its error in words.
    let path = format!("/entries/{entry}");
    let res = app.post_form("save_answers", &[("id", &entry), (&k0, "4"), (&k2, "+7 916 123 45 67")], &w.parent, &path).await;
    assert_eq!(res.status, StatusCode::FOUND);
    let mut jar = w.parent.clone();
    jar.absorb(&res);
    let back = app.get(res.header("location").unwrap(), &jar).await;
    assert_eq!(back.select_attr(&format!("#answer-{}", q(2)), "value"), vec!["+7 916 123 45 67"]);
    assert_eq!(back.select_text(&format!("#answer-{}-error", q(2))), vec!["Қазақстан нөмірін жазыңыз: +7 7xx xxx xx xx."]);
    assert_eq!(sqlx::query_scalar::<_, String>("SELECT value FROM entry_answer WHERE question_id = $1").bind(q(2)).fetch_one(&app.sql).await.unwrap(), "+7 701 234 56 78");

    // After the deadline nothing changes.
    app.clock.set(crate::contests::CLOSE_UTC + 1);
    let parent = crate::submissions::relogin(app, "parent@mail.kz").await;
    let late = app.call("save_answers", &[("id", &entry), (&k0, "5")], &parent).await;
    assert_eq!(late.json(), json!({"Refused": "ErrEntriesClosed"}));

    // The answers are the entrant's data: in their download, and gone with their account.
    let account: app::domain::AccountId = sqlx::query_scalar("SELECT account_id FROM account WHERE email = 'parent@mail.kz'").fetch_one(&app.sql).await.unwrap();
    let export = serde_json::to_value(app::service::privacy::export(&app.state, account).await.unwrap()).unwrap();
    let answered: Vec<_> = export["entries"].as_array().unwrap().iter().flat_map(|e| e["answers"].as_array().unwrap().iter().filter_map(|a| a["value"].as_str())).collect();
    assert!(answered.contains(&"+7 701 234 56 78"), "{answered:?}");
    ok(&app.call("delete_account", &[("current_password", "correct horse battery"), ("understood", "on")], &parent).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry_answer").await, 0);
}

/// The answers in the admin's list (a filter by choice, the search through written
/// answers), in both exports as their own columns, and beside the work for judges: only
/// the answers judges may see, never a phone.
#[tokio::test]
async fn answers_filter_the_list_fill_the_exports_and_reach_judges_only_when_allowed() {
    use app::domain::contest::LocalText;
    use app::domain::question::{Audience, QuestionKind as K};
    let j = crate::judging::jury().await;
    let app = &j.w.app;
    let contest_id: app::domain::ContestId = sqlx::query_scalar("SELECT contest_id FROM contest").fetch_one(&app.sql).await.unwrap();
    let label = |kk: &str, ru: &str| LocalText::new(Some(kk.into()), Some(ru.into()), None);
    let ask = |kind, kk: &str, ru: &str, audience| {
        let mut q = question(kind, kk, false, None);
        q.label = label(kk, ru);
        q.audience = audience;
        q.options = vec![label("қазақша", "казахский"), label("орысша", "русский")];
        q
    };
    let questions = [
        ask(K::ChoiceOne, "Жұмыстың тілі", "Язык работы", Audience::Judges),
        ask(K::Phone, "Жетекшінің телефоны", "Телефон руководителя", Audience::Judges),
        ask(K::ShortText, "Мектеп", "Школа", Audience::Admins),
        ask(K::YesNo, "Өз жұмысы ма?", "Своя работа?", Audience::Judges),
    ];
    let mut q = Vec::new();
    for question in &questions {
        q.push(app::backend::db::questions::insert(&app.state.db, contest_id, question, app.state.now()).await.unwrap());
    }
    // Entries 1 and 3 are in Russian; entry 2 is from the gymnasium; every one has a phone.
    for (i, (entry, _, _)) in j.entries.iter().enumerate() {
        let answers = vec![
            (q[0], Some(if i % 2 == 0 { "1" } else { "0" }.to_owned())),
            (q[1], Some(format!("+7 701 000 00 0{i}"))),
            (q[2], Some(if i == 1 { "Гимназия № 8".to_owned() } else { format!("Мектеп {i}") })),
            (q[3], Some("yes".to_owned())),
        ];
        app::backend::db::questions::save_answers(&app.state.db, app::domain::ids::EntryId(*entry), &answers, app.state.now()).await.unwrap();
    }
    let titles = |page: &baiqau_tests::TestResponse| page.select_text("table.entries tbody td a");
    let ru = Jar { session: j.admin.session.clone(), lang: Some("ru".into()), ..Jar::default() };
    let list = |query: String| {
        let ru = ru.clone();
        let path = format!("/admin/contests/{}/entries?{query}", j.w.contest);
        async move { app.get(&path, &ru).await }
    };

    // The filter offers every option of the questions with choices, in the reader's words.
    let all = list(String::new()).await;
    assert_eq!(titles(&all).len(), 4);
    let offered = all.select_text("#answer option");
    assert_eq!(offered, vec!["Все", "Язык работы: казахский", "Язык работы: русский", "Своя работа?: Да", "Своя работа?: Нет"], "{offered:?}");
    let russian = list(format!("answer={}:1", q[0])).await;
    assert_eq!(titles(&russian), vec!["Қыс", "Көктем"]);
    assert_eq!(russian.select_attr("#answer option[selected]", "value"), vec![format!("{}:1", q[0])]);
    assert_eq!(titles(&list(format!("answer={}:no", q[3])).await).len(), 0);
    assert_eq!(titles(&list("answer=1:%25".into()).await).len(), 4, "a malformed filter filters nothing");
    // The search reads the written answers too (any case), not the choices' positions.
    assert_eq!(titles(&list(format!("q={}", app::domain::file::percent_encode("гимназия", b"-_.~"))).await), vec!["Ертегі"]);

    // Both exports: one column per question, each answer in words, the filter applied.
    let csv = app.get(&format!("/admin/contests/{}/entries.csv?answer={}:1", j.w.contest, q[0]), &ru).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(lines[0].ends_with(",Язык работы,Телефон руководителя,Школа,Своя работа?"), "{}", lines[0]);
    assert!(lines[1].ends_with(",русский,'+7 701 000 00 00,Мектеп 0,Да"), "a leading + neutralised: {}", lines[1]);
    let xlsx = app.get(&format!("/admin/contests/{}/entries.xlsx", j.w.contest), &ru).await;
    use calamine::Reader as _;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let rows: Vec<Vec<String>> = book.worksheet_range("Entries").unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0][rows[0].len() - 4..], ["Язык работы", "Телефон руководителя", "Школа", "Своя работа?"]);
    let gymnasium = rows.iter().find(|r| r.contains(&"Гимназия № 8".to_owned())).unwrap();
    assert_eq!(gymnasium[gymnasium.len() - 4..], ["казахский", "+7 701 000 00 01", "Гимназия № 8", "Да"]);

    // A judge sees the language and the yes/no beside the work: not the phone, not the
    // school (admins only).
    let (judge, jar) = &j.judges[1];
    let (entry, code) = crate::judging::assigned(app)
        .await
        .into_iter()
        .find(|(_, a)| a == judge)
        .map(|(e, _)| (e, j.entries.iter().find(|(id, _, _)| *id == e).unwrap().1.clone()))
        .unwrap();
    let i = j.entries.iter().position(|(id, _, _)| *id == entry).unwrap();
    let page = app.get(&format!("/judge/{}/{code}", j.w.contest), jar).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.select_text(".judge-answers dt"), vec!["Жұмыстың тілі", "Өз жұмысы ма?"]);
    assert_eq!(page.select_text(".judge-answers dd"), vec![if i % 2 == 0 { "орысша" } else { "қазақша" }, "Иә"]);
    let view = app.call("judge_entry", &[("contest", &j.w.contest), ("code", &code)], jar).await;
    for body in [&page.body, &view.body] {
        assert!(!body.contains("+7 701 000") && !body.contains("Мектеп") && !body.contains("Гимназия"), "{body}");
    }
    assert_eq!(view.json()["answers"].as_array().unwrap().len(), 2);
}
