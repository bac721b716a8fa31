//! Near-duplicate works as the organisers review them (`service::likeness`), and the page's
//! words (server-only: the page is rendered by the server alone, its words stay out of the
//! WASM).

use crate::domain::contest::LocalText;
use crate::domain::entry::EntryState;
use serde::{Deserialize, Serialize};

/// One side of a pair: a work of the contest under review, or of another contest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkSide {
    pub id: String,
    pub code: String,
    pub receipt: String,
    pub state: EntryState,
    /// The work's contest, when it is another one.
    pub elsewhere: Option<(String, LocalText)>,
    /// The reviewer may see the work (its title, author and files): a work of another
    /// organisation's contest shows only its contest and code.
    pub visible: bool,
    pub title: String,
    pub author: String,
    /// The first image's thumbnail, or the first file.
    pub thumb: Option<String>,
    pub file: Option<(String, String)>,
}

/// A verdict given on a pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerdictView {
    /// The work disqualified (its code), or `None`: fine.
    pub disqualified: Option<String>,
    pub reason: String,
    pub by: String,
    pub at: crate::view::contests::Moment,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairView {
    pub a: WorkSide,
    pub b: WorkSide,
    pub similarity: u8,
    /// `identical`, `image` or `text` (`domain::likeness::Likeness`).
    pub how: String,
    pub verdict: Option<VerdictView>,
}

/// The near-duplicates page of a contest.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LikenessPage {
    pub contest: String,
    pub title: LocalText,
    pub pairs: Vec<PairView>,
    /// Files of the contest still being read (their prints are made in the background).
    pub waiting: usize,
    /// Pairs found beyond those shown.
    pub more: usize,
}

crate::server_texts! {
    pub enum LikenessText {
        Title { kk: "Ұқсас жұмыстар", ru: "Похожие работы", en: "Near-duplicate works" }
        Intro { kk: "Бағалау басталар алдында: бір сурет екі рет жіберілген бе, мәтін басқа қатысушыдан көшірілген бе. Суреттер пішіні бойынша (қайта сақталса, кішірейтілсе, шеті кесілсе де), мәтіндер сөз тіркестері бойынша, осы байқаудың ішінде және осы сайттағы басқа байқаулармен салыстырылады. Қазылар бұл бетті көрмейді.", ru: "Перед оценкой: не подан ли один рисунок дважды, не списан ли текст у другого участника. Изображения сравниваются по виду (даже пересохранённые, уменьшенные, с обрезанными краями), тексты — по сочетаниям слов, внутри конкурса и с другими конкурсами на этом сайте. Жюри эту страницу не видит.", en: "Before judging: the same drawing entered twice, a text copied from another entrant. Images are compared by how they look (even re-saved, resized or cropped at the edges), texts by runs of words, within this contest and against the other contests on this site. Judges never see this page." }
        None { kk: "Ұқсас жұмыс табылмады.", ru: "Похожих работ не найдено.", en: "No near-duplicates found." }
        Waiting { kk: "{n} файл әлі оқылып жатыр: бетті сәлден кейін жаңартыңыз.", ru: "Файлов ещё читается: {n}. Обновите страницу чуть позже.", en: "{n} files are still being read: reload the page in a moment." }
        More { kk: "Тағы {n} жұп көрсетілмеді: алдымен осыларды қараңыз.", ru: "Ещё пар не показано: {n}. Сначала разберите эти.", en: "{n} more pairs are not shown: review these first." }
        Identical { kk: "бірдей файл", ru: "одинаковый файл", en: "identical file" }
        Image { kk: "сурет ұқсастығы", ru: "сходство изображений", en: "image likeness" }
        Text { kk: "мәтін ұқсастығы", ru: "сходство текстов", en: "text likeness" }
        Elsewhere { kk: "Басқа байқау: ", ru: "Другой конкурс: ", en: "Another contest: " }
        Hidden { kk: "Бұл байқау басқа ұйымдікі: жұмысты оның ұйымдастырушылары көре алады.", ru: "Этот конкурс другой организации: работу могут показать её организаторы.", en: "This contest belongs to another organisation: its organisers can show the work." }
        Verdict { kk: "Шешім", ru: "Решение", en: "Verdict" }
        Fine { kk: "Бәрі дұрыс: әртүрлі жұмыстар", ru: "Всё в порядке: это разные работы", en: "Fine: these are different works" }
        Disqualify { kk: "Шеттету: ", ru: "Дисквалифицировать: ", en: "Disqualify: " }
        Reason { kk: "Себебі", ru: "Причина", en: "Reason" }
        Save { kk: "Шешімді сақтау", ru: "Сохранить решение", en: "Save the verdict" }
        FoundFine { kk: "Дұрыс деп танылды", ru: "Признано в порядке", en: "Found fine" }
        Disqualified { kk: "Шеттетілді: {code}", ru: "Дисквалифицирована: {code}", en: "Disqualified: {code}" }
        By { kk: "Шешкен: {name}, ", ru: "Решение: {name}, ", en: "Decided by {name}, " }
        Link { kk: "Ұқсас жұмыстар", ru: "Похожие работы", en: "Near-duplicates" }
    }
}
