//! Demo data: three accounts (admin, judge, entrant) with fresh random passwords, and the
//! seed library's four contests. Safe to run twice: what exists is left alone.

use crate::domain::ids::{AccountId, AgeGroupId, CriterionId, EntryId, NominationId, ParticipantId};
use crate::backend::AppState;
use crate::backend::db::{self, Db};
use crate::domain::contest::{Aggregation, AwardScheme, FileKind, GrandPrix, Level, LocalText, Status, Timeline};
use crate::domain::time::{DAY, HOUR, KAZAKHSTAN};
use crate::domain::{Email, Password, Role};

pub struct DemoAccount {
    pub email: &'static str,
    pub role: Role,
    /// `None` when the account already existed (its password was not changed).
    pub password: Option<String>,
}

const ACCOUNTS: [(&str, &str, Role); 3] = [
    ("admin@demo.baiqau.kz", "Әсел Нұрланқызы (демо-әкімші)", Role::Admin),
    ("judge@demo.baiqau.kz", "Марат Бекұлы (демо-қазы)", Role::Judge),
    ("parent@demo.baiqau.kz", "Гүлнар Сапарова (демо)", Role::Entrant),
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("hashing failed")]
    Hash,
    #[error("storing a demo file: {0}")]
    Storage(String),
}

pub async fn load(state: &AppState, now: i64) -> Result<Vec<DemoAccount>, DemoError> {
    let (db, hasher) = (&state.db, &state.hasher);
    let mut out = Vec::new();
    for (email, name, role) in ACCOUNTS {
        let parsed = Email::parse(email).map_err(|_| DemoError::Hash)?;
        if db::accounts::find_by_email(db, &parsed).await?.is_some() {
            out.push(DemoAccount { email, role, password: None });
            continue;
        }
        let password = readable_password();
        let p = Password::parse(password.clone()).map_err(|_| DemoError::Hash)?;
        let hash = hasher.hash(&p).await.map_err(|_| DemoError::Hash)?;
        match db::accounts::insert(db, &parsed, name, &hash, role, true, now).await {
            Ok(_) => out.push(DemoAccount { email, role, password: Some(password) }),
            Err(db::accounts::InsertAccountError::EmailTaken) => out.push(DemoAccount { email, role, password: None }),
            Err(db::accounts::InsertAccountError::Db(e)) => return Err(e.into()),
        }
    }
    if db::contests::count(db).await? == 0 {
        for (i, spec) in contests().iter().enumerate() {
            create_contest(db, spec, now + i as i64).await?;
        }
        seed_judging(state, now).await?;
        seed_results(db, now).await?;
    }
    Ok(out)
}

/// Works with submitted score sheets in the contest whose results time has passed: the
/// server publishes them on start, so the public results page, diplomas and the gallery
/// (two of the works, with consent, and an audience vote open on them) have something to
/// show.
async fn seed_results(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let contests = db::contests::list_all(db).await?;
    let Some(c) = contests.iter().find(|c| c.phase(now) == crate::domain::contest::Phase::Results) else { return Ok(()) };
    let (Ok(parent), Ok(judge)) = (Email::parse(ACCOUNTS[2].0), Email::parse(ACCOUNTS[1].0)) else { return Ok(()) };
    let (Some(parent), Some(judge)) = (db::accounts::find_by_email(db, &parent).await?, db::accounts::find_by_email(db, &judge).await?) else {
        return Ok(());
    };
    let nominations = db::contest_parts::nominations(db, c.contest_id).await?;
    let criteria = db::contest_parts::criteria(db, c.contest_id).await?;
    let works = [
        ("Әлихан Сапаров", "2009-05-20", "Алтай тауларындағы зерттеу", 9),
        ("Мадина Сапарова", "2008-11-02", "Ертіс өзенінің экологиясы", 8),
        ("Әлихан Сапаров", "2009-05-20", "Менің қалам — Өскемен", 7),
        ("Мадина Сапарова", "2008-11-02", "Кітапхана тарихы", 6),
    ];
    for (i, (name, born, title, points)) in works.iter().enumerate() {
        let participant = demo_participant(db, parent.account_id, name, born, "№ 38 лицей", "Сәуле Қасымова", now).await?;
        let Some(n) = nominations.get(i % nominations.len().max(1)) else { return Ok(()) };
        let entry = db::entries::insert_submitted(
            db,
            &db::entries::SubmittedEntry {
                contest_id: c.contest_id,
                nomination_id: n.nomination_id,
                age_group_id: None,
                participant_id: participant,
                account_id: parent.account_id,
                title,
                description: "",
                receipt_no: i as i64 + 1,
                create_token: &format!("demo-results-{i}"),
            },
            now,
        )
        .await?;
        db::judging::add_assignments(db, &[(entry, judge.account_id)], "auto", now).await?;
        let points: Vec<(CriterionId, i64)> =
            criteria.iter().filter(|k| k.nomination_id.is_none()).map(|k| (k.criterion_id, (i64::from(*points) * 2).min(k.max_points * 2))).collect();
        let sheet = db::judging::SheetWrite { points: &points, comment: "Жақсы жұмыс! / Хорошая работа!", note: "", submit: true };
        db::judging::save_sheet(db, entry, judge.account_id, 0, &sheet, now).await?;
        // Half the works are in the public gallery, by their guardian's consent.
        if i % 2 == 0 {
            db::gallery::set_consent(db, c.contest_id, entry, Some((crate::domain::gallery::CONSENT_VERSION, parent.account_id)), now).await?;
        }
    }
    db::contests::set_gallery(db, c.contest_id, crate::domain::gallery::GalleryMode::Results, None, now).await?;
    // An audience vote on that gallery, open for a month from now, counts rounded.
    db::audience::set_award(db, c.contest_id, Some((now, now + 30 * 86_400, "rounded")), now).await
}

/// A participant of the demo parent (with consent), found by name if it exists already.
async fn demo_participant(db: &Db, account_id: AccountId, name: &str, born: &str, school: &str, supervisor: &str, now: i64) -> Result<ParticipantId, sqlx::Error> {
    if let Some(p) = db::entries::participants(db, account_id).await?.into_iter().find(|p| p.full_name == name && p.school == school) {
        return Ok(p.participant_id);
    }
    let public_id = crate::backend::ids::new_public_id();
    let data = db::entries::ParticipantData {
        full_name: name,
        birth_date: born,
        school,
        city: "Өскемен",
        supervisor,
        supervisor_email: "",
        consent: Some(crate::domain::entry::CONSENT_VERSION),
    };
    db::entries::save_participant(db, account_id, None, &public_id, &data, now).await?;
    db::entries::participant(db, account_id, &public_id).await?.map(|p| p.participant_id).ok_or(sqlx::Error::RowNotFound)
}

/// Works submitted by the demo parent to the contest being judged, and the demo judge on a
/// panel of every nomination with the works assigned: a judge can start scoring at once.
async fn seed_judging(state: &AppState, now: i64) -> Result<(), DemoError> {
    let db = &state.db;
    let contests = db::contests::list_all(db).await?;
    let Some(c) = contests.iter().find(|c| c.phase(now) == crate::domain::contest::Phase::Judging) else { return Ok(()) };
    let (Ok(parent), Ok(judge)) = (Email::parse(ACCOUNTS[2].0), Email::parse(ACCOUNTS[1].0)) else { return Ok(()) };
    let (Some(parent), Some(judge)) = (db::accounts::find_by_email(db, &parent).await?, db::accounts::find_by_email(db, &judge).await?) else {
        return Ok(());
    };
    let nominations = db::contest_parts::nominations(db, c.contest_id).await?;
    let groups = db::contest_parts::age_groups(db, c.contest_id).await?;
    let works = [
        ("Айгерім Сапарова", "2012-03-14", "Менің кітапханам", "Библиотека моего детства: эссе о первой прочитанной книге."),
        ("Данияр Сапаров", "2010-09-02", "Абай және біз", "Размышления о «Словах назидания» и о том, что они значат сегодня."),
        ("Айгерім Сапарова", "2012-03-14", "Кітап — досым", "Книга как друг: три истории из школьной жизни."),
        ("Данияр Сапаров", "2010-09-02", "Алтай аңыздары", "Легенды Алтая, записанные со слов бабушки."),
    ];
    for (i, (name, born, title, description)) in works.iter().enumerate() {
        let participant = demo_participant(db, parent.account_id, name, born, "№ 12 мектеп-гимназия", "Гүлнар Ахметова", now).await?;
        let Some(n) = nominations.get(i % nominations.len().max(1)) else { return Ok(()) };
        let ranges: Vec<crate::domain::contest::AgeRange> =
            groups.iter().map(|g| crate::domain::contest::AgeRange::from_stored(g.min_age, g.max_age)).collect();
        let birth = crate::domain::date::Date::parse(born).ok();
        let cutoff = c.age_cutoff_date.as_deref().and_then(|d| crate::domain::date::Date::parse(d).ok());
        let group = birth
            .zip(cutoff)
            .and_then(|(b, cut)| crate::domain::contest::age_group_for(b, cut, &ranges))
            .map(|i| groups[i].age_group_id);
        let entry_id = db::entries::insert_submitted(
            db,
            &db::entries::SubmittedEntry {
                contest_id: c.contest_id,
                nomination_id: n.nomination_id,
                age_group_id: group,
                participant_id: participant,
                account_id: parent.account_id,
                title,
                description,
                receipt_no: i as i64 + 1,
                create_token: &format!("demo-{i}"),
            },
            now,
        )
        .await?;
        if n.allowed_kinds.0.contains(&FileKind::Image) {
            attach_drawing(state, entry_id, i, now).await?;
        }
    }
    db::judging::add_judge(db, c.contest_id, judge.account_id, now).await?;
    for n in &nominations {
        db::judging::save_panel(db, c.contest_id, n.nomination_id, None, crate::domain::judging::PanelMode::All, &[judge.account_id], now).await?;
    }
    let entries = db::judging::submitted_entries(db, c.contest_id).await?;
    let pairs: Vec<(EntryId, AccountId)> = entries.iter().map(|e| (e.entry_id, judge.account_id)).collect();
    Ok(db::judging::add_assignments(db, &pairs, "auto", now).await?)
}

/// A drawing for a demo work in a nomination of images (so a demo judge has a picture to
/// look at): a PNG of a sun over hills in the colours of the `seed`-th work, stored and
/// attached like an upload, its thumbnail and judges' copy made at once.
async fn attach_drawing(state: &AppState, entry_id: EntryId, seed: usize, now: i64) -> Result<(), DemoError> {
    let (width, height) = (960u32, 720u32);
    let hue = [(214u8, 96u8, 48u8), (40, 120, 190), (60, 150, 80), (150, 70, 160)][seed % 4];
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (f64::from(x), f64::from(y));
        let hill = 470.0 + 60.0 * (fx / 130.0).sin() + 25.0 * (fx / 47.0).cos();
        let sun = (fx - 700.0).hypot(fy - 170.0) < 90.0;
        if sun {
            image::Rgb([250, 205, 60])
        } else if fy > hill {
            image::Rgb([hue.0 / 2, hue.1, hue.2 / 2])
        } else {
            // The sky darkens upwards; brush strokes are the pattern's stripes.
            let stripe = u8::from((x + 2 * y) % 23 < 3) * 12;
            image::Rgb([hue.0.saturating_add(stripe), 190u8.saturating_sub(u8::try_from(y / 6).unwrap_or(u8::MAX)), 235u8.saturating_sub(stripe)])
        }
    });
    let mut png = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).map_err(|e| DemoError::Storage(e.to_string()))?;
    let sha = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(&png))
    };
    let size = i64::try_from(png.len()).unwrap_or(i64::MAX);
    state.storage.put_bytes(&crate::backend::storage::blob_key(&sha), png).await.map_err(|e| DemoError::Storage(e.to_string()))?;
    let blob = db::files::NewBlob { sha256: &sha, size, mime: "image/png", kind: FileKind::Image.as_str(), dims: Some((width, height)) };
    let public_id = crate::backend::ids::new_public_id();
    db::files::attach_file(&state.db, entry_id, &public_id, &format!("drawing-{}.png", seed + 1), &blob, None, now).await?;
    crate::backend::media::make_thumbnail(state, &sha).await;
    Ok(())
}

/// Four groups of four letters and digits without look-alikes: easy to type from a printout.
fn readable_password() -> String {
    use rand::Rng as _;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..4)
        .map(|_| (0..4).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

fn lt(kk: &str, ru: &str, en: &str) -> LocalText {
    LocalText::new(Some(kk.to_owned()), Some(ru.to_owned()), Some(en.to_owned()))
}

/// Days relative to today, as (open, close, judging end, results) offsets in days; entries
/// close at 23:59 local time (UTC+5).
struct Spec {
    title: LocalText,
    description: LocalText,
    rules: LocalText,
    level: Level,
    days: (i64, i64, i64, i64),
    cutoff: &'static str,
    /// (name, kinds, max MB, max files)
    nominations: Vec<(LocalText, &'static str, u32, u32)>,
    age_groups: Vec<(LocalText, u32, u32)>,
    /// (name, description, max points, weight)
    criteria: Vec<(LocalText, LocalText, u32, u32)>,
    aggregation: Aggregation,
    awards: AwardScheme,
}

const ORGANISER: &str = "А.С. Пушкин атындағы Шығыс Қазақстан облыстық кітапханасы / ВКО областная библиотека им. А.С. Пушкина";
const CONTACTS: &str = "Өскемен, Ленин к-сі, 43 · +7 (7232) 00-00-00 · konkurs@pushkinlibrary.kz";

fn creativity() -> LocalText {
    lt("Шығармашылық және өзіндік көзқарас", "Творческий подход и самостоятельность", "Creativity and originality")
}

fn theme() -> LocalText {
    lt("Тақырыпты ашу", "Раскрытие темы", "How well the theme is treated")
}

fn craft() -> LocalText {
    lt("Орындау шеберлігі", "Качество исполнения", "Craft and execution")
}

fn contests() -> Vec<Spec> {
    vec![fairy_tales(), qabanbay(), great_figures(), local_history()]
}

/// A regional children's contest of drawings, crafts and fairy tales, open for entries.
fn fairy_tales() -> Spec {
    Spec {
        title: lt("Ертегілер мен сиқыр әлемінде", "В мире сказок и волшебства", "In the world of fairy tales and magic"),
        description: lt(
            "6–14 жастағы балаларға арналған сурет, қолөнер және ертегі байқауы.",
            "Конкурс рисунков, поделок и сказок для детей 6–14 лет.",
            "Drawings, crafts and fairy tales by children aged 6 to 14.",
        ),
        rules: lt(
            "Байқауға балалардың өздері жасаған жұмыстары қабылданады.\nБір қатысушы әр номинацияға бір жұмыс жібере алады.\nҚолөнер бұйымдары фотосурет түрінде жіберіледі.",
            "На конкурс принимаются работы, выполненные самими детьми.\nОт одного участника — одна работа в каждой номинации.\nПоделки присылаются в виде фотографий.",
            "Works must be made by the children themselves.\nOne entry per participant in each nomination.\nCrafts are sent as photographs.",
        ),
        level: Level::Regional,
        days: (-10, 20, 35, 40),
        cutoff: "2027-01-01",
        nominations: vec![
            (lt("Сурет", "Рисунок", "Drawing"), "image", 20, 3),
            (lt("Қолөнер", "Поделка", "Craft"), "image", 20, 5),
            (lt("Менің ертегім", "Моя сказка", "My fairy tale"), "pdf,document", 10, 1),
        ],
        age_groups: vec![(lt("6–9 жас", "6–9 лет", "Ages 6–9"), 6, 9), (lt("10–14 жас", "10–14 лет", "Ages 10–14"), 10, 14)],
        criteria: vec![
            (theme(), lt("Жұмыс ертегі әлемін қаншалықты ашады", "Насколько работа раскрывает мир сказки", "How the work shows the world of fairy tales"), 10, 3),
            (creativity(), lt("Өз идеясы, қиял", "Собственная идея, фантазия", "Own idea and imagination"), 10, 4),
            (craft(), lt("Ұқыптылық, техника", "Аккуратность, техника", "Neatness and technique"), 10, 3),
        ],
        aggregation: Aggregation::Mean,
        awards: AwardScheme { grand_prix: GrandPrix::Contest, mentions: 2, ..AwardScheme::default() },
    }
}

/// A republican contest for all ages, judging under way.
fn qabanbay() -> Spec {
    Spec {
        title: LocalText::new(Some("Уа, Қабанбай, көзелім".into()), Some("Уа, Қабанбай, көзелім".into()), None),
        description: lt(
            "Қабанбай батырға арналған республикалық онлайн байқау: өлең, эссе, мәнерлеп оқу, сурет.",
            "Республиканский онлайн-конкурс, посвящённый Кабанбай батыру: стихи, эссе, чтение, рисунки.",
            "A republican online contest about Qabanbay batyr: poems, essays, recitation, drawings.",
        ),
        rules: lt(
            "Барлық жастағы қатысушылар қабылданады.\nМәнерлеп оқу бейнежазба түрінде жіберіледі (5 минутқа дейін).",
            "Принимаются участники всех возрастов.\nЧтение присылается видеозаписью (до 5 минут).",
            "Open to all ages.\nRecitations are sent as video (up to 5 minutes).",
        ),
        level: Level::Republican,
        days: (-45, -5, 10, 12),
        cutoff: "2026-12-01",
        nominations: vec![
            (lt("Өлең", "Стихотворение", "Poem"), "pdf,document", 10, 1),
            (lt("Эссе", "Эссе", "Essay"), "pdf,document", 10, 1),
            (lt("Мәнерлеп оқу", "Художественное чтение", "Recitation"), "video,audio", 500, 1),
            (lt("Сурет", "Рисунок", "Drawing"), "image", 20, 2),
        ],
        age_groups: vec![
            (lt("Мектеп оқушылары (7–17)", "Школьники (7–17)", "Pupils (7–17)"), 7, 17),
            (lt("Жастар (18–35)", "Молодёжь (18–35)", "Young adults (18–35)"), 18, 35),
            (lt("Ересектер (36+)", "Взрослые (36+)", "Adults (36+)"), 36, 120),
        ],
        criteria: vec![
            (theme(), lt("Батыр бейнесі және тарихи дәлдік", "Образ батыра и историческая точность", "The hero's portrait and historical accuracy"), 10, 4),
            (creativity(), lt("Көркемдік, тіл байлығы", "Художественность, богатство языка", "Artistry and richness of language"), 10, 3),
            (craft(), lt("Орындау, безендіру", "Исполнение, оформление", "Performance and presentation"), 10, 3),
        ],
        aggregation: Aggregation::TrimmedMean,
        awards: AwardScheme { grand_prix: GrandPrix::Nomination, mentions: 3, ..AwardScheme::default() },
    }
}

/// A regional contest of essays and research, results out.
fn great_figures() -> Spec {
    Spec {
        title: lt("Ұлы даланың ұлы тұлғалары", "Великие личности Великой степи", "Great figures of the Great Steppe"),
        description: lt(
            "Оқушылар мен студенттердің эссе, ғылыми жұмыс және презентация байқауы.",
            "Конкурс эссе, исследовательских работ и презентаций школьников и студентов.",
            "Essays, research papers and presentations by pupils and students.",
        ),
        rules: lt(
            "Жұмыс көлемі — 10 беттен аспауы керек.\nПайдаланылған әдебиеттер тізімі міндетті.",
            "Объём работы — не более 10 страниц.\nСписок использованной литературы обязателен.",
            "Up to 10 pages.\nA list of sources is required.",
        ),
        level: Level::Regional,
        days: (-60, -30, -2, -1),
        cutoff: "2026-09-01",
        nominations: vec![
            (lt("Эссе", "Эссе", "Essay"), "pdf,document", 10, 1),
            (lt("Ғылыми жұмыс", "Исследовательская работа", "Research paper"), "pdf,document", 20, 2),
            (lt("Презентация", "Презентация", "Presentation"), "pdf,document", 50, 1),
        ],
        age_groups: vec![
            (lt("5–8 сынып (10–14)", "5–8 классы (10–14)", "Grades 5–8 (10–14)"), 10, 14),
            (lt("9–11 сынып (15–18)", "9–11 классы (15–18)", "Grades 9–11 (15–18)"), 15, 18),
            (lt("Студенттер (19–25)", "Студенты (19–25)", "Students (19–25)"), 19, 25),
        ],
        criteria: vec![
            (lt("Деректердің дұрыстығы", "Достоверность фактов", "Accuracy of facts"), lt("Тарихи деректер мен дереккөздер", "Исторические факты и источники", "Historical facts and sources"), 10, 4),
            (lt("Құрылымы мен логикасы", "Структура и логика", "Structure and logic"), LocalText::default(), 10, 3),
            (lt("Тіл мәдениеті", "Культура речи", "Language"), LocalText::default(), 10, 3),
        ],
        aggregation: Aggregation::Median,
        awards: AwardScheme { min_score: Some(50), ..AwardScheme::default() },
    }
}

/// A regional local-history contest, not open yet.
fn local_history() -> Spec {
    Spec {
        title: lt("Шығыс Қазақстан өлкетануы", "Краеведение Восточного Казахстана", "Local history of East Kazakhstan"),
        description: lt(
            "Оқушылар, мұғалімдер мен өлкетанушылардың зерттеу жұмыстары мен фотоэсселері.",
            "Исследования и фотоочерки школьников, педагогов и краеведов.",
            "Research and photo essays by pupils, teachers and local historians.",
        ),
        rules: lt(
            "Жұмыстар Шығыс Қазақстан облысының тарихына, табиғатына немесе адамдарына арналуы керек.",
            "Работы должны быть посвящены истории, природе или людям Восточно-Казахстанской области.",
            "Works must be about the history, nature or people of East Kazakhstan.",
        ),
        level: Level::Regional,
        days: (15, 75, 90, 95),
        cutoff: "2027-03-01",
        nominations: vec![
            (lt("Зерттеу жұмысы", "Исследовательская работа", "Research paper"), "pdf,document", 20, 2),
            (lt("Фотоэссе", "Фотоочерк", "Photo essay"), "image,pdf", 30, 10),
        ],
        age_groups: vec![
            (lt("Оқушылар (10–17)", "Школьники (10–17)", "Pupils (10–17)"), 10, 17),
            (lt("Ересектер (18+)", "Взрослые (18+)", "Adults (18+)"), 18, 120),
        ],
        criteria: vec![
            (lt("Ғылыми құндылығы", "Научная ценность", "Scholarly value"), LocalText::default(), 10, 5),
            (lt("Жаңалығы", "Новизна", "Novelty"), LocalText::default(), 10, 3),
            (craft(), LocalText::default(), 10, 2),
        ],
        aggregation: Aggregation::Mean,
        awards: AwardScheme::default(),
    }
}

async fn create_contest(db: &Db, spec: &Spec, now: i64) -> Result<(), sqlx::Error> {
    let id = db::contests::insert_draft(db, &crate::backend::ids::new_public_id(), &spec.title, spec.level, None, now).await?;
    super::contests::assign_slug(db, id, &spec.title, now).await?;
    let basics = db::contests::Basics {
        title: &spec.title,
        description: &spec.description,
        rules: &spec.rules,
        level: spec.level,
        organiser_name: ORGANISER,
        organiser_contacts: CONTACTS,
        rubric_public: true,
    };
    db::contests::update_basics(db, id, &basics, now).await?;
    // Midnight today in UTC+5, then whole days from it; deadlines at 23:59.
    let midnight = (now + KAZAKHSTAN).div_euclid(DAY) * DAY - KAZAKHSTAN;
    let (o, c, j, r) = spec.days;
    let timeline = Timeline {
        open: midnight + o * DAY + 9 * HOUR,
        close: midnight + c * DAY + DAY - 60,
        judging_end: midnight + j * DAY + DAY - 60,
        results: midnight + r * DAY + 12 * HOUR,
    };
    db::contests::update_timeline(db, id, &timeline, "Asia/Almaty", Some(spec.cutoff), now).await?;
    let mut nomination_ids = Vec::new();
    for (name, kinds, mb, files) in &spec.nominations {
        let data = db::contest_parts::NominationData { name, kinds, max_file_mb: *mb, max_files: *files, max_entries: 1 };
        nomination_ids.push(db::contest_parts::insert_nomination(db, id, &data, now).await?);
    }
    for (name, min, max) in &spec.age_groups {
        db::contest_parts::save_age_group(db, id, None, name, *min, *max, now).await?;
    }
    let groups = db::contest_parts::age_groups(db, id).await?;
    let pairs: Vec<(NominationId, AgeGroupId)> =
        nomination_ids.iter().flat_map(|n| groups.iter().map(move |g| (*n, g.age_group_id))).collect();
    db::contest_parts::replace_matrix(db, id, &pairs).await?;
    for (name, description, max_points, weight) in &spec.criteria {
        let data = db::contest_parts::CriterionData { nomination_id: None, name, description, max_points: *max_points, weight: *weight, half_points: false };
        db::contest_parts::save_criterion(db, id, None, &data, now).await?;
    }
    db::contests::update_scoring(db, id, spec.aggregation, false, &[2, 1], now).await?;
    db::contests::update_awards(db, id, &spec.awards, now).await?;
    db::contests::transition(db, id, Status::Draft, Status::Announced, now).await?;
    Ok(())
}
