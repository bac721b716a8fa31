//! The public gallery as its pages show it (`service::gallery`), the entrant's publication
//! choice, and the pages' words (server-only: the pages are rendered by the server alone,
//! their words stay out of the WASM).

use crate::domain::contest::LocalText;
use crate::domain::gallery::{Filter, GalleryMode};
use crate::domain::results::Award;
use serde::{Deserialize, Serialize};

/// How one file of a work is shown: addresses under `/gallery-files/`, each checked against
/// the work's consent at every request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MediaView {
    /// A re-encoded copy sized for phones (480 px) and a larger one, with the copy's size.
    Image { small: String, large: String, width: u32, height: u32 },
    Audio { src: String, mime: String },
    Video { src: String, mime: String },
    /// A document (PDF, text): its copy without metadata, to open; a PDF's first page as
    /// a picture (`page`, 640 px on its longer side).
    Document { src: String, name: String, page: Option<String> },
}

/// A work as the gallery shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryWork {
    /// The entry, for the server only (never sent: the public knows a work by `no`).
    #[serde(skip)]
    pub entry: i64,
    /// Its number in the contest (the receipt's), which its address carries.
    pub no: i64,
    pub title: String,
    pub nomination_id: i64,
    pub nomination: LocalText,
    pub age_group_id: Option<i64>,
    pub age_group: Option<LocalText>,
    /// The jury's award, once the results are published (not a participant's certificate).
    pub award: Option<Award>,
    /// The author's name as the contest's privacy setting shows it.
    pub author: String,
    /// Its files that can be shown, in upload order.
    pub media: Vec<MediaView>,
    /// Its audience votes as the public may see them now (`domain::audience`).
    #[serde(default)]
    pub votes: Option<crate::domain::audience::PublicCount>,
}

/// Every work a contest's gallery shows, in the order they were sent: what each instance
/// keeps in memory per contest revision (`backend::instance::GalleryCache`).
#[derive(Clone, Debug, Default)]
pub struct Shown {
    pub works: Vec<GalleryWork>,
    /// The filters' choices: only those some shown work has.
    pub nominations: Vec<(i64, LocalText)>,
    pub age_groups: Vec<(i64, LocalText)>,
    pub awards: Vec<Award>,
}

/// A page of a contest's gallery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GalleryPage {
    pub contest: String,
    pub title: LocalText,
    /// The gallery is open; when not, `opens` says when it will be, if known.
    pub open: bool,
    pub opens: Option<crate::view::contests::Moment>,
    pub works: Vec<GalleryWork>,
    /// Works matching the filter, and the page shown of `pages`.
    pub total: u32,
    pub page: u32,
    pub pages: u32,
    pub filter: Filter,
    /// The choices of the filters: only those some shown work has.
    pub nominations: Vec<(i64, LocalText)>,
    pub age_groups: Vec<(i64, LocalText)>,
    pub awards: Vec<Award>,
    /// The audience vote, if the contest has one (`view::audience`).
    #[serde(default)]
    pub vote: Option<crate::view::audience::VoteState>,
    /// The published audience award.
    #[serde(default)]
    pub audience: Option<crate::view::audience::AudienceResults>,
}

/// A work's own page in the gallery.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GalleryWorkPage {
    pub contest: String,
    pub title: LocalText,
    pub work: GalleryWork,
    /// The audience vote, if the contest has one.
    #[serde(default)]
    pub vote: Option<crate::view::audience::VoteState>,
}

/// The publication choice on the entrant's entry page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicationView {
    pub mode: GalleryMode,
    pub open: bool,
    pub opens: Option<crate::view::contests::Moment>,
    /// The consent is given (when, in the contest's time).
    pub consent: Option<crate::view::contests::Moment>,
    /// The participant is a minor: the consent is the guardian's.
    pub minor: bool,
    /// The name the gallery would show.
    pub shown_name: String,
    /// The work may still be shown (neither withdrawn nor disqualified).
    pub showable: bool,
}

crate::server_texts! {
    pub enum GalleryText {
        Title { kk: "Жұмыстар галереясы", ru: "Галерея работ", en: "Gallery of works" }
        Link { kk: "Жұмыстар галереясы", ru: "Галерея работ", en: "Gallery of works" }
        NotOpen { kk: "Галерея әлі ашылған жоқ.", ru: "Галерея ещё не открыта.", en: "The gallery is not open yet." }
        Opens { kk: "Ашылады: ", ru: "Откроется: ", en: "Opens: " }
        Empty { kk: "Мұнда әзірге жұмыс жоқ.", ru: "Здесь пока нет работ.", en: "No works here yet." }
        Count { kk: "Жұмыстар: {n}", ru: "Работ: {n}", en: "Works: {n}" }
        AllNominations { kk: "Барлық номинациялар", ru: "Все номинации", en: "All nominations" }
        AllAgeGroups { kk: "Барлық жас топтары", ru: "Все возрастные группы", en: "All age groups" }
        AllAwards { kk: "Барлық жұмыстар", ru: "Все работы", en: "All works" }
        Show { kk: "Көрсету", ru: "Показать", en: "Show" }
        Previous { kk: "← Алдыңғы", ru: "← Назад", en: "← Previous" }
        Next { kk: "Келесі →", ru: "Вперёд →", en: "Next →" }
        PageOf { kk: "{page}-бет, барлығы {pages}", ru: "Страница {page} из {pages}", en: "Page {page} of {pages}" }
        Back { kk: "← Галереяға", ru: "← В галерею", en: "← Back to the gallery" }
        Open { kk: "Ашу", ru: "Открыть", en: "Open" }
        Author { kk: "Авторы", ru: "Автор", en: "Author" }
        Publication { kk: "Галереяда жариялау", ru: "Публикация в галерее", en: "Publication in the gallery" }
        GuardianConsent { kk: "Мен қатысушының ({name}) ата-анасы не заңды өкілімін және бұл жұмыстың атауымен, номинациясымен, марапатымен және «{shown}» деген атпен байқаудың ашық галереясында жариялануына келісемін. Келісімді кез келген уақытта қайтарып ала аламын: жұмыс галереядан бірден алынады.", ru: "Я родитель или законный представитель участника ({name}) и согласен(на), чтобы эта работа с названием, номинацией, наградой и подписью «{shown}» была опубликована в открытой галерее конкурса. Согласие можно отозвать в любой момент: работа сразу исчезнет из галереи.", en: "I am the parent or legal guardian of {name}, and I agree that this work, with its title, nomination, award and the name “{shown}”, is shown in the contest's public gallery. I can take this consent back at any time: the work leaves the gallery at once." }
        AdultConsent { kk: "Бұл жұмысты атауымен, номинациясымен, марапатымен және «{shown}» деген атпен байқаудың ашық галереясында көрсету. Кез келген уақытта алып тастай аламын.", ru: "Показать эту работу в открытой галерее конкурса с названием, номинацией, наградой и подписью «{shown}». Её можно убрать в любой момент.", en: "Show this work in the contest's public gallery with its title, nomination, award and the name “{shown}”. I can take it out at any time." }
        Yes { kk: "Иә, жариялауға келісемін", ru: "Да, согласен(на) на публикацию", en: "Yes, show it" }
        No { kk: "Жоқ, жарияламау", ru: "Нет, не публиковать", en: "No, do not show it" }
        Given { kk: "Жариялауға келісім берілген: ", ru: "Согласие на публикацию дано: ", en: "Consent to publication given: " }
        NotGiven { kk: "Жұмыс галереяда көрсетілмейді.", ru: "Работа не показывается в галерее.", en: "The work is not shown in the gallery." }
        Give { kk: "Жариялауға келісім беру", ru: "Дать согласие на публикацию", en: "Give consent to publication" }
        Revoke { kk: "Галереядан алып тастау", ru: "Убрать из галереи", en: "Take it out of the gallery" }
        RevokeNote { kk: "Жұмыс галереядан және оның барлық беттерінен бірден жойылады.", ru: "Работа сразу исчезнет из галереи и всех её страниц.", en: "The work leaves the gallery and all its pages at once." }
        OpenNote { kk: "Галерея ашық: келісімді енді тек қайтарып алуға болады.", ru: "Галерея открыта: согласие теперь можно только отозвать.", en: "The gallery is open: consent can now only be taken back." }
        Settings { kk: "Ашық галерея", ru: "Открытая галерея", en: "Public gallery" }
        SettingsHint { kk: "Қатысушылар жариялауға жеке келісім берген жұмыстар ғана көрсетіледі (кәмелетке толмағандар үшін — ата-анасының келісімі). Аты-жөні жоғарыдағы баптау бойынша көрсетіледі.", ru: "Показываются только работы с отдельным согласием на публикацию (за несовершеннолетних — согласие родителя). Имена — по настройке выше.", en: "Only works with their own consent to publication are shown (a parent's for a minor). Names follow the setting above." }
        ModeOff { kk: "Галерея жоқ", ru: "Без галереи", en: "No gallery" }
        ModeResults { kk: "Нәтижелер жарияланғаннан кейін", ru: "После публикации результатов", en: "Once the results are published" }
        ModeDate { kk: "Көрсетілген уақыттан", ru: "С указанного времени", en: "From a date" }
        OpensAt { kk: "Ашылу уақыты (байқаудың уақыт белдеуінде)", ru: "Когда открыть (время конкурса)", en: "Opens at (the contest's time)" }
        Save { kk: "Галереяны сақтау", ru: "Сохранить галерею", en: "Save the gallery" }
    }
}
