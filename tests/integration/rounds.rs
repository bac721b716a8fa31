//! Rounds through the real router: a published regional round feeds a republican one; the
//! rules pick the works, which advance with their participant and files (the same stored
//! bytes, not copies); a work without a place in the next round is reported, not lost;
//! advancing twice adds nothing; the republican round's judge sees none of round 1's scores.

use crate::contests::ok;
use crate::judging::{Jury, invite_and_accept, jury};
use crate::results::{contest_form, score_everything};
use crate::submissions::error_msg;
use baiqau_tests::{TestApp, TestResponse};
use http::StatusCode;

async fn advance(j: &Jury, target: &str) -> TestResponse {
    j.w.app.call("admin_advance", &[("contest", j.w.contest.as_str()), ("target", target)], &j.admin).await
}

async fn rule(j: &Jury, nomination: &str, kind: &str, value: &str, boundary: &str) -> TestResponse {
    let form = [("contest", j.w.contest.as_str()), ("nomination", nomination), ("age_group", ""), ("kind", kind), ("value", value), ("boundary", boundary)];
    j.w.app.call("admin_save_advancement_rule", &form, &j.admin).await
}

/// The regional round published (every work 70, first in its group); a republican round
/// made as its copy (the same nominations and age groups), judging on the same timeline.
async fn two_rounds(j: &Jury) -> String {
    let app = &j.w.app;
    score_everything(j).await;
    ok(&app.call("admin_publish_results", &contest_form(j), &j.admin).await);
    ok(&app.call("admin_copy_contest", &contest_form(j), &j.admin).await);
    announce_the_copy(app).await
}

/// The contest copied from the first one, announced on the first one's timeline: its
/// public id.
pub(crate) async fn announce_the_copy(app: &TestApp) -> String {
    sqlx::query(
        "UPDATE contest SET status = 'announced', submissions_open_at = r.submissions_open_at, submissions_close_at = r.submissions_close_at,
         judging_end_at = r.judging_end_at, results_at = r.results_at
         FROM (SELECT submissions_open_at, submissions_close_at, judging_end_at, results_at FROM contest WHERE copied_from IS NULL) AS r
         WHERE copied_from IS NOT NULL",
    )
    .execute(&app.sql)
    .await
    .unwrap();
    sqlx::query_scalar("SELECT public_id FROM contest WHERE copied_from IS NOT NULL").fetch_one(&app.sql).await.unwrap()
}

/// What an advance reported, from the address it sends the organiser back to.
fn report(res: &TestResponse) -> String {
    res.header("location").unwrap_or_default().split('?').nth(1).unwrap_or_default().split('#').next().unwrap_or_default().to_owned()
}

/// The drawings cannot go on while the republican round names its nominations differently,
/// nor while it takes no drawings in any age group: both are named, and nothing is written.
async fn works_without_a_place_are_named_and_nothing_is_written(j: &Jury, republican: &str) {
    let app = &j.w.app;
    let both_unplaced = || async {
        let res = advance(j, republican).await;
        ok(&res);
        let unplaced = report(&res);
        assert!(unplaced.starts_with("advanced=0&already=0&unplaced="), "{unplaced}");
        assert_eq!(unplaced.rsplit('=').next().unwrap().split(',').count(), 2, "{unplaced}");
        assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE advanced_from IS NOT NULL").await, 0);
    };
    let rename = |sql: &'static str| async move { sqlx::query(sql).execute(&app.sql).await.unwrap() };
    rename("UPDATE nomination SET name_kk = name_kk || ' *', name_ru = name_ru || ' *', name_en = name_en || ' *' WHERE contest_id = (SELECT contest_id FROM contest WHERE copied_from IS NOT NULL)").await;
    let blobs = app.count("SELECT COUNT(*) FROM blob").await;
    let stored = app.stored_keys("").await;
    both_unplaced().await;
    assert_eq!((app.count("SELECT COUNT(*) FROM blob").await, app.stored_keys("").await), (blobs, stored));
    rename(
        "UPDATE nomination SET name_kk = substr(name_kk, 1, length(name_kk) - 2), name_ru = substr(name_ru, 1, length(name_ru) - 2),
         name_en = substr(name_en, 1, length(name_en) - 2) WHERE contest_id = (SELECT contest_id FROM contest WHERE copied_from IS NOT NULL)",
    )
    .await;
    let target_pairs = "SELECT m.nomination_id, m.age_group_id FROM nomination_age_group m JOIN nomination n USING (nomination_id)
         JOIN contest c ON c.contest_id = n.contest_id WHERE c.copied_from IS NOT NULL AND n.name_kk = (SELECT name_kk FROM nomination WHERE nomination_id = $1)";
    let closed: Vec<(i64, i64)> = sqlx::query_as(target_pairs).bind(j.w.drawing.parse::<i64>().unwrap()).fetch_all(&app.sql).await.unwrap();
    assert!(!closed.is_empty());
    for (n, a) in &closed {
        sqlx::query("DELETE FROM nomination_age_group WHERE nomination_id = $1 AND age_group_id = $2").bind(n).bind(a).execute(&app.sql).await.unwrap();
    }
    both_unplaced().await;
    for (n, a) in &closed {
        sqlx::query("INSERT INTO nomination_age_group (nomination_id, age_group_id) VALUES ($1, $2)").bind(n).bind(a).execute(&app.sql).await.unwrap();
    }
}

#[tokio::test]
async fn winners_of_a_regional_round_advance_with_their_files_into_the_republican_round() {
    let j = jury().await;
    let app = &j.w.app;
    let republican = two_rounds(&j).await;
    let (drawing, tale) = (j.w.drawing.as_str(), j.w.tale.as_str());
    // Not a round that feeds it yet: nothing to advance into.
    assert_eq!(advance(&j, &republican).await.status, StatusCode::NOT_FOUND);
    let admin = &j.admin;
    let feed = |source: String| {
        let form = [("contest", republican.clone()), ("source", source)];
        async move { app.call("admin_add_round_feed", &form.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(), admin).await }
    };
    assert_eq!(error_msg(&feed("https://example.kz/contests/no-such-contest".into()).await).await, "ErrNoSuchCode");
    assert_eq!(error_msg(&feed(republican.clone()).await).await, "ErrNoSuchCode", "not fed by itself");
    // The regional round's page link, as copied from the browser's address bar.
    ok(&feed(format!("http://127.0.0.1:3000/contests/{}/results?x=1#top", j.w.contest)).await);
    ok(&feed(j.w.contest.clone()).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM round_feed").await, 1);
    // Rules: the drawings' first place (a shared one would advance nobody), the tales at 80 %.
    assert_eq!(error_msg(&rule(&j, drawing, "top", "0", "none").await).await, "ErrOutOfRange");
    assert_eq!(error_msg(&rule(&j, drawing, "top", "1", "some").await).await, "ErrChooseOption");
    assert_eq!(rule(&j, "999999", "top", "1", "none").await.status, StatusCode::NOT_FOUND);
    // The results review offers a rule form per nomination, each award a kind of its own.
    let page = app.get(&format!("/admin/contests/{}/results", j.w.contest), &j.admin).await;
    assert_eq!(page.select_attr("#rounds .round-rule form input[name=nomination]", "value").len(), 2);
    assert!(page.select_attr("#rounds select[name=kind] option", "value").contains(&"award:first".to_owned()));
    assert_eq!(page.select_attr("#rounds form input[name=target]", "value"), vec![republican.clone(), republican.clone()]);
    let by_form = [("contest", j.w.contest.as_str()), ("nomination", drawing), ("age_group", ""), ("kind", "award:first"), ("value", ""), ("boundary", "none")];
    let res = app.post_form("admin_save_advancement_rule", &by_form, &j.admin, &format!("/admin/contests/{}/results", j.w.contest)).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM advancement_rule WHERE kind = 'award' AND value = 'first'").await, 1);
    ok(&rule(&j, drawing, "top", "1", "none").await);
    ok(&rule(&j, tale, "min_score", "80", "none").await);
    ok(&rule(&j, tale, "min_score", "80", "all").await);
    assert_eq!(app.count("SELECT COUNT(*) FROM advancement_rule").await, 2, "one rule per nomination × age group");
    let page = app.get(&format!("/admin/contests/{}/results", j.w.contest), &j.admin).await;
    let mut shown = page.select_text("#rounds .round-rule .hint");
    shown.sort();
    assert_eq!(
        shown,
        vec![
            "Қазіргі ереже: барлық жас топтары: Алғашқы орындар (саны): 1; шекарадағы ортақ орын: ешқайсысы өтпейді",
            "Қазіргі ереже: барлық жас топтары: Ең аз балл, %: 80; шекарадағы ортақ орын: бәрі өтеді",
        ]
    );

    let blobs = app.count("SELECT COUNT(*) FROM blob").await;
    let stored = app.stored_keys("").await;
    works_without_a_place_are_named_and_nothing_is_written(&j, &republican).await;

    // Both drawings (first in their age groups) advance; the tales (70 < 80) do not.
    let res = advance(&j, &republican).await;
    ok(&res);
    assert_eq!(report(&res), "advanced=2&already=0&unplaced=");
    // The page it goes back to says so.
    let page = app.get(res.header("location").unwrap(), &j.admin).await;
    assert_eq!(page.select_text("#advance-report"), vec!["Өтті: 2. Бұрын өткен: 0. Келесі кезеңде орны табылмады: —"]);
    let moved: Vec<(i64, i64, String, i64, i64, String)> = sqlx::query_as(
        "SELECT n.entry_id, o.entry_id, n.state, n.participant_id - o.participant_id, n.account_id - o.account_id, n.code FROM entry n
         JOIN entry o ON o.entry_id = n.advanced_from ORDER BY o.entry_id",
    )
    .fetch_all(&app.sql)
    .await
    .unwrap();
    assert_eq!(moved.len(), 2);
    for (new, old, state, participant, account, code) in &moved {
        assert_eq!((state.as_str(), *participant, *account), ("submitted", 0, 0));
        assert!(!j.entries.iter().any(|(_, c, _)| c == code), "a new code for the new round");
        let files = |e: i64| async move {
            sqlx::query_scalar::<_, String>("SELECT sha256 FROM entry_file WHERE entry_id = $1 ORDER BY file_id").bind(e).fetch_all(&app.sql).await.unwrap()
        };
        assert_eq!(files(*new).await, files(*old).await);
        assert!(!files(*new).await.is_empty());
    }
    // Shared, not copied: no new blob, no new stored object.
    assert_eq!(app.count("SELECT COUNT(*) FROM blob").await, blobs);
    assert_eq!(app.stored_keys("").await, stored);
    // In the drawing nomination and the same age groups of the republican round.
    let placed = app.count(
        "SELECT COUNT(*) FROM entry n JOIN entry o ON o.entry_id = n.advanced_from JOIN nomination nn ON nn.nomination_id = n.nomination_id
         JOIN nomination onn ON onn.nomination_id = o.nomination_id JOIN age_group na ON na.age_group_id = n.age_group_id
         JOIN age_group oa ON oa.age_group_id = o.age_group_id
         WHERE nn.name_kk = onn.name_kk AND na.min_age = oa.min_age AND nn.contest_id <> onn.contest_id",
    )
    .await;
    assert_eq!(placed, 2);
    // Advancing again adds nothing; the entrant was told once per work.
    assert_eq!(report(&advance(&j, &republican).await), "advanced=0&already=2&unplaced=");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox WHERE to_addr = 'parent@mail.kz' AND body_text LIKE '%#rounds%'").await, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'round.advance'").await, 8, "each advance on both rounds");
    // By hand, with a reason: a tale goes on too.
    let tale_code = j.entries.iter().find(|(e, _, _)| moved.iter().all(|m| m.1 != *e)).map(|(_, c, _)| c.clone()).unwrap();
    let form = [("contest", j.w.contest.as_str()), ("target", republican.as_str()), ("codes", tale_code.as_str()), ("reason", "")];
    assert_eq!(error_msg(&app.call("admin_advance", &form, &j.admin).await).await, "ErrRequired");
    let form = [("contest", j.w.contest.as_str()), ("target", republican.as_str()), ("codes", tale_code.as_str()), ("reason", "Қазылар алқасының шешімі")];
    ok(&app.call("admin_advance", &form, &j.admin).await);
    assert_eq!(app.count("SELECT COUNT(*) FROM entry WHERE advanced_from IS NOT NULL").await, 3);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'round.advance' AND detail LIKE '%chosen by hand: Қазылар алқасының шешімі%'").await, 1);

    another_organisations_round_feeds_the_same_republican_round(&j, &republican).await;
    next_round_sees_nothing_of_round_one(&j, &republican, (moved[0].0, moved[0].1, moved[0].5.clone())).await;
}

/// The republican round's judge scores a new entry and sees nothing of round 1; the
/// entrant sees the work's path on both rounds' entry pages; round 1's results stand.
async fn next_round_sees_nothing_of_round_one(j: &Jury, republican: &str, (new, old, code): (i64, i64, String)) {
    let app = &j.w.app;
    // The republican round's judge scores the new entry and sees nothing of round 1.
    let judge = invite_and_accept(app, &j.admin, republican, "republic-judge@lib.kz", "").await;
    let judge_id = app.count("SELECT account_id FROM account WHERE email = 'republic-judge@lib.kz'").await.to_string();
    ok(&app.call("admin_set_assignment", &[("contest", republican), ("code", code.as_str()), ("judge", judge_id.as_str()), ("on", "1")], &j.admin).await);
    let view = app.call("judge_entry", &[("contest", republican), ("code", code.as_str())], &judge).await;
    ok(&view);
    assert_eq!(view.json()["colleagues"], serde_json::json!([]));
    assert!(view.json()["sheet"].is_null());
    assert!(!view.body.contains("Жақсы жұмыс"), "no round-1 comment: {}", view.body);
    let old_code = j.entries.iter().find(|(e, _, _)| *e == old).unwrap().1.clone();
    assert_eq!(app.call("judge_entry", &[("contest", j.w.contest.as_str()), ("code", old_code.as_str())], &judge).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("admin_results", &contest_form(j), &judge).await.status, StatusCode::FORBIDDEN);
    let file = |e: i64| async move { sqlx::query_scalar::<_, String>("SELECT public_id FROM entry_file WHERE entry_id = $1 LIMIT 1").bind(e).fetch_one(&app.sql).await.unwrap() };
    assert_eq!(app.get(&format!("/files/{}", file(new).await), &judge).await.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/files/{}", file(old).await), &judge).await.status, StatusCode::NOT_FOUND);
    // The entrant sees the work's path on both rounds' entry pages.
    let parent = crate::submissions::relogin(app, "parent@mail.kz").await;
    let (new_id, old_id): (String, String) = sqlx::query_as("SELECT n.public_id, o.public_id FROM entry n JOIN entry o ON o.entry_id = n.advanced_from WHERE n.entry_id = $1")
        .bind(new)
        .fetch_one(&app.sql)
        .await
        .unwrap();
    for (id, current) in [(&new_id, 1), (&old_id, 0)] {
        let page = app.get(&format!("/entries/{id}"), &parent).await;
        let steps = page.select_text("#rounds .round-path li");
        assert_eq!(steps.len(), 2, "{}", page.body);
        // Round 1: its place and award; round 2: being judged.
        assert_eq!(page.select_text("#rounds .round-standing"), vec!["1-орын · I дәрежелі диплом", "Бағалау"]);
        assert_eq!(page.select_text("#rounds li.current").len(), 1);
        assert_eq!(page.select_attr("#rounds a", "href"), vec![format!("/entries/{}", if current == 1 { &old_id } else { &new_id })]);
    }
    // The regional round's published results stay as they were.
    assert_eq!(app.count("SELECT COUNT(*) FROM result_version v JOIN contest c ON c.contest_id = v.contest_id WHERE c.copied_from IS NULL").await, 1);
}

/// A second regional round, of another organisation (a copy of the first moved there, with
/// one published work of the same entrant), feeds the same republican round: its winner
/// joins the republican round beside the first round's.
async fn another_organisations_round_feeds_the_same_republican_round(j: &Jury, republican: &str) {
    use app::backend::db;
    let app = &j.w.app;
    let org = crate::staff::new_organisation(app, &j.admin, "Шығыс Қазақстан облыстық кітапханасы").await;
    ok(&app.call("admin_copy_contest", &contest_form(j), &j.admin).await);
    let second: String = sqlx::query_scalar("SELECT public_id FROM contest WHERE copied_from IS NOT NULL AND public_id <> $1").bind(republican).fetch_one(&app.sql).await.unwrap();
    ok(&app.call("admin_move_contest", &[("contest", second.as_str()), ("organisation", org.as_str())], &j.admin).await);
    let c = db::contests::find(&app.state.db, &second).await.unwrap().unwrap();
    let (nomination, group, participant, account, sha): (i64, Option<i64>, i64, i64, String) = sqlx::query_as(
        "SELECT n2.nomination_id, g2.age_group_id, e.participant_id, e.account_id, f.sha256 FROM entry e JOIN entry_file f ON f.entry_id = e.entry_id
         JOIN nomination n ON n.nomination_id = e.nomination_id JOIN nomination n2 ON n2.name_kk = n.name_kk AND n2.contest_id = $1
         LEFT JOIN age_group g ON g.age_group_id = e.age_group_id LEFT JOIN age_group g2 ON g2.min_age = g.min_age AND g2.contest_id = $1
         WHERE e.advanced_from IS NULL AND e.contest_id <> $1 ORDER BY e.entry_id LIMIT 1",
    )
    .bind(c.contest_id)
    .fetch_one(&app.sql)
    .await
    .unwrap();
    let now = app.state.now();
    let new = db::entries::SubmittedEntry {
        contest_id: c.contest_id,
        nomination_id: app::domain::ids::NominationId(nomination),
        age_group_id: group.map(app::domain::ids::AgeGroupId),
        participant_id: app::domain::ids::ParticipantId(participant),
        account_id: app::domain::ids::AccountId(account),
        title: "Шығыс аңызы",
        description: "",
        receipt_no: 1,
        create_token: "second-round",
    };
    let entry = db::entries::insert_submitted(&app.state.db, &new, now).await.unwrap();
    sqlx::query("INSERT INTO entry_file (public_id, entry_id, sha256, original_name, created_at) VALUES ('second-round-file', $1, $2, 'аңыз.pdf', $3)").bind(entry).bind(&sha).bind(now).execute(&app.sql).await.unwrap();
    let line = db::results::NewLine {
        entry_id: entry,
        nomination_id: new.nomination_id,
        age_group_id: new.age_group_id,
        score: 95_000_000,
        raw_score: 95_000_000,
        place: 1,
        award: app::domain::results::Award::GrandPrix,
        explanation: "{}".into(),
        minor: true,
    };
    assert!(db::results::claim_publication(&app.state.db, c.contest_id, now).await.unwrap());
    let stored = db::results::insert_version(&app.state.db, c.contest_id, None, &[line], now).await.unwrap();
    let diploma = db::results::NewDocument { code: app::backend::ids::new_document_code(), entry_id: entry, kind: "diploma", award: "grand_prix".into(), holder: "Әлия".into() };
    db::results::issue(&app.state.db, c.contest_id, stored.version, &[diploma], &[], now).await.unwrap();
    // Accepted by the republican round; that organisation's rule: the grand prix and better.
    ok(&app.call("admin_add_round_feed", &[("contest", republican), ("source", second.as_str())], &j.admin).await);
    let nomination = nomination.to_string();
    let form = [("contest", second.as_str()), ("nomination", nomination.as_str()), ("age_group", ""), ("kind", "award:grand_prix"), ("value", ""), ("boundary", "none")];
    ok(&app.call("admin_save_advancement_rule", &form, &j.admin).await);
    let res = app.call("admin_advance", &[("contest", second.as_str()), ("target", republican)], &j.admin).await;
    assert!(res.header("location").unwrap_or_default().contains("advanced=1&already=0&unplaced=#"), "{:?}", res.header("location"));
    let from: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT CASE WHEN o.organisation_id IS NULL THEN 'host' ELSE 'organisation' END FROM entry n JOIN entry e ON e.entry_id = n.advanced_from JOIN contest o ON o.contest_id = e.contest_id
         JOIN contest t ON t.contest_id = n.contest_id WHERE t.public_id = $1 ORDER BY 1",
    )
    .bind(republican)
    .fetch_all(&app.sql)
    .await
    .unwrap();
    assert_eq!(from, vec!["host", "organisation"], "works from the host's round and from the other organisation's");
    assert_eq!(app.count("SELECT COUNT(*) FROM round_feed").await, 2);
}
