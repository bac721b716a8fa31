//! The audience award as its pages show it (`service::audience`): the vote on a gallery
//! work, the voting link's page, the organisers' review and the published result. The
//! words are server-only (the pages have no island).

use crate::domain::audience::{CountShown, Phase, PublicCount};
use crate::domain::contest::LocalText;
use crate::view::contests::Moment;
use serde::{Deserialize, Serialize};

/// The contest's vote as the public sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoteState {
    pub phase: Phase,
    pub opens: Option<Moment>,
    pub closes: Option<Moment>,
    pub count: CountShown,
    /// The audience award is published.
    pub published: bool,
}

/// Where a voting link stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotState {
    /// It can be used: the vote is counted when confirmed.
    Ready,
    /// Used already, expired, or never made.
    Spent,
    /// The vote window is not open.
    Closed,
    /// The address's vote in this group was voided by the organisers.
    Voided,
    /// The work is no longer in the gallery.
    Gone,
}

/// The page a voting link opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BallotView {
    pub state: BallotState,
    /// The contest's address and title, the work's number and title (empty when spent).
    pub contest: String,
    pub contest_title: LocalText,
    pub no: i64,
    pub title: String,
    pub nomination: LocalText,
    pub age_group: Option<LocalText>,
    /// The address, masked (`a***@mail.kz`).
    pub email: String,
    /// The title of the work this vote replaces in its group, if another.
    pub replaces: Option<String>,
    pub closes: Option<Moment>,
}

/// A work's count in the organisers' tally.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TallyWork {
    pub no: i64,
    pub title: String,
    pub votes: usize,
    pub winner: bool,
}

/// One nomination × age group of the tally.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TallyGroup {
    pub nomination: LocalText,
    pub age_group: Option<LocalText>,
    pub works: Vec<TallyWork>,
}

/// A group of votes from one network in the same minutes, for the organisers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupView {
    pub network: String,
    pub from: i64,
    pub to: i64,
    pub from_at: Option<Moment>,
    pub to_at: Option<Moment>,
    pub votes: usize,
    pub top_title: String,
    pub top_votes: usize,
    pub flagged: bool,
}

/// A burst: many votes for one work in a few minutes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BurstView {
    pub title: String,
    pub from: Option<Moment>,
    pub votes: usize,
}

/// The organisers' page of the audience award.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AudienceReview {
    pub contest: String,
    pub address: String,
    pub title: LocalText,
    /// The window as the form shows it (the contest's local time), empty without one.
    pub opens: String,
    pub closes: String,
    pub count: CountShown,
    pub state: Option<VoteState>,
    pub gallery: bool,
    pub total: usize,
    pub tally: Vec<TallyGroup>,
    pub groups: Vec<GroupView>,
    pub bursts: Vec<BurstView>,
    /// Voided votes by reason.
    pub voided: Vec<(String, i64)>,
}

/// A winner of the audience award.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AudienceWinner {
    pub no: i64,
    pub title: String,
    pub author: String,
    pub votes: usize,
}

/// The published audience award, per nomination × age group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AudienceResults {
    pub contest: String,
    pub groups: Vec<(LocalText, Option<LocalText>, Vec<AudienceWinner>)>,
}

/// A count as the public reads it.
pub fn count_words(c: PublicCount, lang: crate::i18n::Lang) -> String {
    match c {
        PublicCount::Exact(n) => crate::i18n::fill(AudienceText::Votes.text(lang), &[("n", &n.to_string())]),
        PublicCount::AtLeast(0) => AudienceText::FewerThanTen.text(lang).to_owned(),
        PublicCount::AtLeast(n) => crate::i18n::fill(AudienceText::AtLeast.text(lang), &[("n", &n.to_string())]),
    }
}

crate::server_texts! {
    pub enum AudienceText {
        Title { kk: "Көрермен жүлдесі", ru: "Приз зрительских симпатий", en: "Audience award" }
        Intro { kk: "Ұнаған жұмысқа дауыс беріңіз: әр номинация мен жас тобында бір мекенжайдан бір дауыс. Дауыс электрондық поштаға келген сілтеме арқылы расталады, тіркелу қажет емес.", ru: "Голосуйте за понравившуюся работу: один голос с одного адреса в каждой номинации и возрастной группе. Голос подтверждается по ссылке из письма, регистрация не нужна.", en: "Vote for the work you like: one vote per e-mail address in each nomination and age group. You confirm it by a link we e-mail you; no account needed." }
        Email { kk: "Электрондық пошта", ru: "Электронная почта", en: "E-mail" }
        EmailHint { kk: "Мекенжай ешкімге көрсетілмейді.", ru: "Адрес никому не показывается.", en: "Your address is never shown to anyone." }
        Vote { kk: "Дауыс беру", ru: "Проголосовать", en: "Vote" }
        Sent { kk: "Хат жіберілді: дауысыңызды растау үшін ондағы сілтемені ашыңыз (24 сағат жарамды).", ru: "Письмо отправлено: откройте ссылку в нём, чтобы подтвердить голос (действует 24 часа).", en: "We sent you an e-mail: open its link to confirm your vote (it works for 24 hours)." }
        Counted { kk: "Дауысыңыз есептелді. Оны дауыс беру аяқталғанға дейін өзгертуге болады.", ru: "Ваш голос учтён. Его можно изменить до конца голосования.", en: "Your vote is counted. You can change it until voting ends." }
        Opens { kk: "Дауыс беру басталады: ", ru: "Голосование начнётся: ", en: "Voting opens: " }
        Closes { kk: "Дауыс беру аяқталады: ", ru: "Голосование до: ", en: "Voting ends: " }
        Ended { kk: "Дауыс беру аяқталды.", ru: "Голосование завершено.", en: "Voting has ended." }
        Votes { kk: "Дауыс: {n}", ru: "Голосов: {n}", en: "Votes: {n}" }
        AtLeast { kk: "{n}-нан астам дауыс", ru: "Более {n} голосов", en: "{n}+ votes" }
        FewerThanTen { kk: "10-нан аз дауыс", ru: "Меньше 10 голосов", en: "Fewer than 10 votes" }
        ConfirmTitle { kk: "Дауысты растау", ru: "Подтверждение голоса", en: "Confirm your vote" }
        ConfirmFor { kk: "Дауыс беретін жұмыс:", ru: "Вы голосуете за работу:", en: "You are voting for:" }
        ConfirmAs { kk: "Мекенжай: ", ru: "Адрес: ", en: "Address: " }
        Replaces { kk: "Бұл дауыс осы топтағы «{title}» жұмысына берілген дауысыңызды ауыстырады.", ru: "Этот голос заменит ваш голос за работу «{title}» в этой группе.", en: "This vote replaces your vote for “{title}” in this group." }
        ConfirmButton { kk: "Дауысымды растаймын", ru: "Подтвердить голос", en: "Confirm my vote" }
        Spent { kk: "Бұл сілтеме пайдаланылған немесе мерзімі өткен. Жұмыстың бетінен жаңасын сұраңыз.", ru: "Эта ссылка уже использована или устарела. Запросите новую на странице работы.", en: "This link was used already or has expired. Ask for a new one on the work's page." }
        Closed { kk: "Дауыс беру қазір ашық емес: дауыс есептелмейді.", ru: "Голосование сейчас не идёт: голос не может быть учтён.", en: "Voting is not open now: the vote cannot be counted." }
        Voided { kk: "Бұл мекенжайдың осы топтағы дауысын ұйымдастырушылар жойды.", ru: "Голос с этого адреса в этой группе аннулирован организаторами.", en: "This address's vote in this group was voided by the organisers." }
        Gone { kk: "Бұл жұмыс енді галереяда жоқ.", ru: "Этой работы больше нет в галерее.", en: "This work is no longer in the gallery." }
        BackToWork { kk: "Жұмысқа оралу", ru: "К работе", en: "Back to the work" }
        MailSubject { kk: "Дауысыңызды растаңыз: «{contest}»", ru: "Подтвердите голос: «{contest}»", en: "Confirm your vote: “{contest}”" }
        MailBody { kk: "Сәлеметсіз бе!\n\n«{contest}» байқауында «{title}» жұмысына дауыс беру үшін мына сілтемені ашып, растаңыз:\n{link}\n\nСілтеме 24 сағат жарамды және бір рет қолданылады. Дауысты сіз сұрамаған болсаңыз, бұл хатты елемеңіз.", ru: "Здравствуйте!\n\nЧтобы проголосовать за работу «{title}» в конкурсе «{contest}», откройте ссылку и подтвердите голос:\n{link}\n\nСсылка действует 24 часа и один раз. Если вы не голосовали, просто не обращайте внимания на это письмо.", en: "Hello,\n\nTo vote for “{title}” in “{contest}”, open this link and confirm:\n{link}\n\nThe link works once, for 24 hours. If you did not ask to vote, ignore this message." }
        Settings { kk: "Көрермен дауыс беруі", ru: "Зрительское голосование", en: "Audience vote" }
        SettingsHint { kk: "Галерея ашық кезде жұмыстарға кез келген адам дауыс бере алады. Әр мекенжай поштамен расталады; бір мекенжайдан әр номинация мен жас тобында бір дауыс.", ru: "Пока открыта галерея, за работы может голосовать любой. Каждый адрес подтверждается письмом; один голос с адреса в каждой номинации и возрастной группе.", en: "While the gallery is open, anyone may vote for its works. Each address is proved by e-mail; one vote per address in each nomination and age group." }
        NeedsGallery { kk: "Алдымен ашық галереяны қосыңыз: дауыс галереядағы жұмыстарға беріледі.", ru: "Сначала включите открытую галерею: голосуют за работы в ней.", en: "Turn the public gallery on first: people vote for the works it shows." }
        OpensAt { kk: "Басталуы (байқау уақыты)", ru: "Начало (время конкурса)", en: "Opens (the contest's time)" }
        ClosesAt { kk: "Аяқталуы (байқау уақыты)", ru: "Конец (время конкурса)", en: "Closes (the contest's time)" }
        CountLabel { kk: "Дауыс беру кезінде саны", ru: "Число голосов во время голосования", en: "Counts while voting is open" }
        CountHidden { kk: "Соңына дейін жасырын", ru: "Скрыто до конца", en: "Hidden until the end" }
        CountRounded { kk: "Ондыққа дейін дөңгелектенген", ru: "Округлено до десятков", en: "Rounded to tens" }
        Save { kk: "Дауыс беруді сақтау", ru: "Сохранить голосование", en: "Save the vote" }
        Remove { kk: "Дауыс беруді алып тастау", ru: "Убрать голосование", en: "Remove the vote" }
        Manage { kk: "Көрермен дауыстары мен жүлдесі", ru: "Голоса зрителей и приз", en: "Audience votes and award" }
        Total { kk: "Есептелген дауыстар: {n}", ru: "Учтено голосов: {n}", en: "Counted votes: {n}" }
        Tally { kk: "Дауыстар", ru: "Голоса", en: "Votes" }
        Groups { kk: "Бір желіден бір уақытта берілген дауыстар", ru: "Голоса из одной сети в одни и те же минуты", en: "Votes from one network in the same minutes" }
        GroupsHint { kk: "Мектеп сыныбы бір желіден дауыс бере алады: тізім тек қарау үшін. Белгіленгендер — 10 және одан көп дауыс.", ru: "Класс школы может голосовать из одной сети: список — для проверки. Отмечены группы от 10 голосов.", en: "A school class may vote from one network: this list is for a look. Flagged: 10 votes or more." }
        NoGroups { kk: "Күдікті топтар жоқ.", ru: "Подозрительных групп нет.", en: "No groups to look at." }
        Flagged { kk: "Белгіленген", ru: "Отмечено", en: "Flagged" }
        GroupLine { kk: "{network}: {votes} дауыс, {top} дауысы «{title}» жұмысына", ru: "{network}: {votes} голосов, из них {top} за «{title}»", en: "{network}: {votes} votes, {top} of them for “{title}”" }
        Bursts { kk: "Бір жұмысқа бірнеше минутта көп дауыс", ru: "Всплески голосов за одну работу", en: "Bursts of votes for one work" }
        BurstLine { kk: "«{title}»: 10 минутта {votes} дауыс", ru: "«{title}»: {votes} голосов за 10 минут", en: "“{title}”: {votes} votes within 10 minutes" }
        Reason { kk: "Себебі", ru: "Причина", en: "Reason" }
        VoidButton { kk: "Топтың дауыстарын жою", ru: "Аннулировать голоса группы", en: "Void this group's votes" }
        VoidedVotes { kk: "Жойылған дауыстар", ru: "Аннулированные голоса", en: "Voided votes" }
        VoidedLine { kk: "{n} дауыс: {reason}", ru: "{n} голосов: {reason}", en: "{n} votes: {reason}" }
        Publish { kk: "Көрермен жүлдесін жариялау", ru: "Опубликовать приз зрительских симпатий", en: "Publish the audience award" }
        PublishHint { kk: "Дауыс беру аяқталғаннан кейін: жеңімпаздарға «Көрермен жүлдесі» дипломы беріледі. Жарияланғаннан кейін дауыстарды өзгертуге болмайды.", ru: "После окончания голосования: победители получат дипломы «Приз зрительских симпатий». После публикации голоса не меняются.", en: "Once voting has ended: the winners get audience award diplomas. After publication the votes cannot change." }
        Published { kk: "Көрермен жүлдесі жарияланды.", ru: "Приз зрительских симпатий опубликован.", en: "The audience award is published." }
        Winner { kk: "Жеңімпаз", ru: "Победитель", en: "Winner" }
        Diploma { kk: "Көрермен жүлдесінің дипломы", ru: "Диплом приза зрительских симпатий", en: "Audience award diploma" }
        Won { kk: "Бұл жұмыс көрермен жүлдесін алды.", ru: "Эта работа получила приз зрительских симпатий.", en: "This work won the audience award." }
        DocHeading { kk: "КӨРЕРМЕН ЖҮЛДЕСІ", ru: "ПРИЗ ЗРИТЕЛЬСКИХ СИМПАТИЙ", en: "AUDIENCE AWARD" }
        DocVotes { kk: "Көрермен дауыстары: {n}", ru: "Голосов зрителей: {n}", en: "Audience votes: {n}" }
        MailWonSubject { kk: "Көрермен жүлдесі: «{contest}»", ru: "Приз зрительских симпатий: «{contest}»", en: "Audience award: “{contest}”" }
        MailWonBody { kk: "Құттықтаймыз! «{contest}» байқауында «{title}» жұмысы көрермен жүлдесін алды. Диплом (жеке кабинетке кіріп ашыңыз):\n{link}", ru: "Поздравляем! Работа «{title}» получила приз зрительских симпатий конкурса «{contest}». Диплом (откройте, войдя в личный кабинет):\n{link}", en: "Congratulations! “{title}” won the audience award of “{contest}”. Its diploma (open it logged in to your account):\n{link}" }
    }
}
