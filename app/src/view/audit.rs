//! The admin's audit log page: lines as the page shows them, the filter's choices, and the
//! words for each action.

use crate::domain::audit::Action;
use crate::domain::contest::LocalText;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: i64,
    /// Who did it (`None`: the server itself, or an account deleted since).
    pub actor: Option<String>,
    pub actor_email: Option<String>,
    /// The action's stored name (`contest.publish`); its words are `action_label`'s.
    pub action: String,
    /// The record, as stored (`entry:42`), and where the admin can open it.
    pub target: String,
    pub href: Option<String>,
    pub contest: Option<(String, LocalText)>,
    /// The name of the account the line is about, if it is about one.
    pub subject_name: Option<String>,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// The filter's choices: accounts that appear in the log `(id, "name <email>")`,
    /// contests `(public id, title)`, actions by their stored names.
    pub actors: Vec<(String, String)>,
    pub contests: Vec<(String, LocalText)>,
    pub actions: Vec<String>,
    /// The id to page back from when there are older lines.
    pub older: Option<i64>,
}

crate::server_texts! {
    /// The words for each action (server-only: the log's page and its exports are written
    /// by the server).
    enum ActionText {
        ContestCreate { kk: "Байқау құрылды", ru: "Конкурс создан", en: "Contest created" }
        ContestBasics { kk: "Байқау туралы мәлімет өзгерді", ru: "Изменены сведения о конкурсе", en: "Contest details changed" }
        ContestTimeline { kk: "Мерзімдер өзгерді", ru: "Изменены сроки", en: "Timeline changed" }
        ContestNomination { kk: "Номинация сақталды", ru: "Номинация сохранена", en: "Nomination saved" }
        ContestNominationDelete { kk: "Номинация жойылды", ru: "Номинация удалена", en: "Nomination deleted" }
        ContestAgeGroup { kk: "Жас тобы сақталды", ru: "Возрастная группа сохранена", en: "Age group saved" }
        ContestAgeGroupDelete { kk: "Жас тобы жойылды", ru: "Возрастная группа удалена", en: "Age group deleted" }
        ContestMatrix { kk: "Номинация мен жас кестесі өзгерді", ru: "Изменена таблица номинаций и возрастов", en: "Nomination and age table changed" }
        ContestCriterion { kk: "Бағалау өлшемі сақталды", ru: "Критерий сохранён", en: "Criterion saved" }
        ContestCriterionDelete { kk: "Бағалау өлшемі жойылды", ru: "Критерий удалён", en: "Criterion deleted" }
        ContestScoring { kk: "Есептеу тәсілі өзгерді", ru: "Изменён способ подсчёта", en: "Scoring method changed" }
        ContestAwards { kk: "Марапаттар өзгерді", ru: "Изменены награды", en: "Awards changed" }
        ContestPublish { kk: "Байқау жарияланды", ru: "Конкурс опубликован", en: "Contest published" }
        ContestCloseEarly { kk: "Қабылдау мерзімінен бұрын жабылды", ru: "Приём закрыт досрочно", en: "Entries closed early" }
        ContestExtend { kk: "Қабылдау ұзартылды", ru: "Приём продлён", en: "Entries extended" }
        ContestExtendFor { kk: "Бір қатысушыға мерзім ұзартылды", ru: "Срок продлён одному участнику", en: "Deadline extended for one entrant" }
        ContestArchive { kk: "Байқау мұрағатқа жіберілді", ru: "Конкурс отправлен в архив", en: "Contest archived" }
        ContestDelete { kk: "Жоба жойылды", ru: "Черновик удалён", en: "Draft deleted" }
        ContestCopy { kk: "Байқау көшірілді", ru: "Конкурс скопирован", en: "Contest copied" }
        EntryDisqualify { kk: "Жұмыс шеттетілді", ru: "Работа дисквалифицирована", en: "Entry disqualified" }
        EntryReinstate { kk: "Жұмыс қайтарылды", ru: "Работа восстановлена", en: "Entry reinstated" }
        EntryUnfreeze { kk: "Жұмыс қайта бағалауға жіберілді", ru: "Работа отправлена на переоценку", en: "Entry sent back for rescoring" }
        JudgeInvite { kk: "Қазы шақырылды", ru: "Приглашён член жюри", en: "Judge invited" }
        JudgeRecuse { kk: "Қазы бас тартты", ru: "Член жюри взял самоотвод", en: "Judge recused" }
        JudgesRemind { kk: "Қазыларға еске салынды", ru: "Жюри отправлено напоминание", en: "Judges reminded" }
        PanelSave { kk: "Қазылар алқасы сақталды", ru: "Состав жюри сохранён", en: "Panel saved" }
        AssignmentAuto { kk: "Жұмыстар автоматты бөлінді", ru: "Работы распределены автоматически", en: "Works assigned automatically" }
        AssignmentAdd { kk: "Жұмыс қазыға берілді", ru: "Работа назначена члену жюри", en: "Work assigned to a judge" }
        AssignmentRemove { kk: "Жұмыс қазыдан алынды", ru: "Работа снята с члена жюри", en: "Work taken from a judge" }
        JudgingSettings { kk: "Бағалау баптаулары өзгерді", ru: "Изменены настройки оценивания", en: "Judging settings changed" }
        ResultsCompute { kk: "Нәтижелер есептелді", ru: "Итоги рассчитаны", en: "Results computed" }
        ResultsOverride { kk: "Марапат қолмен өзгертілді", ru: "Награда изменена вручную", en: "Award changed by hand" }
        ResultsSettings { kk: "Нәтиже беті баптаулары өзгерді", ru: "Изменены настройки страницы итогов", en: "Results page settings changed" }
        ResultsPublish { kk: "Нәтижелер жарияланды", ru: "Итоги опубликованы", en: "Results published" }
        ResultsReconcile { kk: "Жарияланған нәтижелер тексерілді", ru: "Опубликованные итоги сверены", en: "Published results reconciled" }
        DocumentRevoke { kk: "Құжат күшін жойды", ru: "Документ отозван", en: "Document revoked" }
        AccountCreateAdmin { kk: "Әкімші құрылды (командалық жол)", ru: "Создан администратор (командная строка)", en: "Admin created (command line)" }
        AccountRole { kk: "Рөл өзгерді", ru: "Изменена роль", en: "Role changed" }
        AccountDisable { kk: "Тіркелгі бұғатталды", ru: "Учётная запись отключена", en: "Account disabled" }
        AccountEnable { kk: "Тіркелгі қосылды", ru: "Учётная запись включена", en: "Account enabled" }
        PasswordChange { kk: "Құпиясөз өзгертілді", ru: "Пароль изменён", en: "Password changed" }
        PasswordReset { kk: "Құпиясөз қалпына келтірілді", ru: "Пароль восстановлен", en: "Password reset" }
        EmailConfirm { kk: "Пошта расталды", ru: "Почта подтверждена", en: "Email confirmed" }
        TwoStepEnable { kk: "Екі қадамды кіру қосылды", ru: "Двухэтапный вход включён", en: "Two-step login turned on" }
        TwoStepDisable { kk: "Екі қадамды кіру өшірілді", ru: "Двухэтапный вход выключен", en: "Two-step login turned off" }
        TwoStepRecovery { kk: "Қалпына келтіру кодымен кірді", ru: "Вход по резервному коду", en: "Logged in with a recovery code" }
        AccountDelete { kk: "Тіркелгі жойылды", ru: "Учётная запись удалена", en: "Account deleted" }
        ConsentWithdraw { kk: "Ата-ана келісімін қайтарып алды", ru: "Согласие родителя отозвано", en: "Guardian consent withdrawn" }
        ContestReduce { kk: "Сақтау мерзімі өтті: дербес деректер қысқартылды", ru: "Срок хранения истёк: персональные данные сокращены", en: "Retention period over: personal data reduced" }
        TwoStepReset { kk: "Екі қадамды кіруді әкімші өшірді", ru: "Двухэтапный вход сброшен администратором", en: "Two-step login reset by an admin" }
        SiteIdentity { kk: "Ұйымдастырушы деректері өзгерді", ru: "Изменён облик организатора", en: "Organiser's identity changed" }
        SiteLogo { kk: "Логотип өзгерді", ru: "Изменён логотип", en: "Logo changed" }
        ContestQuestion { kk: "Өтінім сұрағы сақталды", ru: "Сохранён вопрос анкеты", en: "Entry question saved" }
        ContestQuestionDelete { kk: "Өтінім сұрағы жойылды", ru: "Удалён вопрос анкеты", en: "Entry question deleted" }
        TelegramLink { kk: "Telegram чаты қосылды", ru: "Подключён чат Telegram", en: "Telegram chat linked" }
        TelegramUnlink { kk: "Telegram чаты ажыратылды", ru: "Чат Telegram отключён", en: "Telegram chat unlinked" }
        ContestAnchor { kk: "Эталон жұмыс сақталды", ru: "Сохранена эталонная работа", en: "Anchor work saved" }
        ContestAnchorDelete { kk: "Эталон жұмыс жойылды", ru: "Удалена эталонная работа", en: "Anchor work deleted" }
        ContestCalibrationRule { kk: "Калибрлеу ережесі өзгерді", ru: "Изменено правило калибровки", en: "Calibration rule changed" }
        OrganisationCreate { kk: "Ұйым құрылды", ru: "Создана организация", en: "Organisation created" }
        OrganisationRename { kk: "Ұйымның атауы өзгерді", ru: "Организация переименована", en: "Organisation renamed" }
        OrganisationDelete { kk: "Ұйым жойылды", ru: "Организация удалена", en: "Organisation deleted" }
        OrganisationAdminAdd { kk: "Ұйым әкімшісі қосылды", ru: "Добавлен администратор организации", en: "Organisation admin added" }
        OrganisationAdminRemove { kk: "Ұйым әкімшісі алынды", ru: "Снят администратор организации", en: "Organisation admin removed" }
        ContestOrganisation { kk: "Байқау басқа ұйымға берілді", ru: "Конкурс передан организации", en: "Contest moved to an organisation" }
        StaffGrant { kk: "Байқау қызметкерінің рөлі берілді", ru: "Назначена роль в команде конкурса", en: "Contest staff role given" }
        StaffRevoke { kk: "Байқау қызметкерінің рөлі алынды", ru: "Снята роль в команде конкурса", en: "Contest staff role taken away" }
        AppealFile { kk: "Апелляция берілді", ru: "Подана апелляция", en: "Appeal filed" }
        AppealAssign { kk: "Апелляция қазыға берілді", ru: "Апелляция передана члену жюри", en: "Appeal given to a judge" }
        AppealDecide { kk: "Апелляция бойынша шешім", ru: "Решение по апелляции", en: "Appeal decided" }
        RoundFeed { kk: "Алдыңғы кезең қосылды", ru: "Добавлен предыдущий тур", en: "Feeding round added" }
        RoundRule { kk: "Келесі кезеңге өту ережесі", ru: "Правило прохода в следующий тур", en: "Advancement rule set" }
        RoundAdvance { kk: "Жұмыстар келесі кезеңге өтті", ru: "Работы переведены в следующий тур", en: "Works advanced to the next round" }
        LikenessDecide { kk: "Ұқсас жұмыстар бойынша шешім", ru: "Решение о похожих работах", en: "Near-duplicates decided" }
        GallerySettings { kk: "Галерея баптаулары", ru: "Настройки галереи", en: "Gallery settings" }
        GalleryConsent { kk: "Галереяға жариялау келісімі өзгерді", ru: "Изменено согласие на публикацию в галерее", en: "Gallery publication consent changed" }
        AudienceSettings { kk: "Көрермен дауыс беруі бапталды", ru: "Настроено зрительское голосование", en: "Audience vote set up" }
        AudienceVoid { kk: "Көрермен дауыстары жойылды", ru: "Аннулированы голоса зрителей", en: "Audience votes voided" }
        AudiencePublish { kk: "Көрермен жүлдесі жарияланды", ru: "Опубликован приз зрительских симпатий", en: "Audience award published" }
    }
}

/// The words for an action, in the log's table, its filter and its exports.
pub fn action_label(a: Action, lang: crate::i18n::Lang) -> &'static str {
    use Action as A;
    let text = match a {
        A::ContestCreate => ActionText::ContestCreate,
        A::ContestBasics => ActionText::ContestBasics,
        A::ContestTimeline => ActionText::ContestTimeline,
        A::ContestNomination => ActionText::ContestNomination,
        A::ContestNominationDelete => ActionText::ContestNominationDelete,
        A::ContestAgeGroup => ActionText::ContestAgeGroup,
        A::ContestAgeGroupDelete => ActionText::ContestAgeGroupDelete,
        A::ContestMatrix => ActionText::ContestMatrix,
        A::ContestCriterion => ActionText::ContestCriterion,
        A::ContestCriterionDelete => ActionText::ContestCriterionDelete,
        A::ContestScoring => ActionText::ContestScoring,
        A::ContestAwards => ActionText::ContestAwards,
        A::ContestPublish => ActionText::ContestPublish,
        A::ContestCloseEarly => ActionText::ContestCloseEarly,
        A::ContestExtend => ActionText::ContestExtend,
        A::ContestExtendFor => ActionText::ContestExtendFor,
        A::ContestArchive => ActionText::ContestArchive,
        A::ContestDelete => ActionText::ContestDelete,
        A::ContestCopy => ActionText::ContestCopy,
        A::EntryDisqualify => ActionText::EntryDisqualify,
        A::EntryReinstate => ActionText::EntryReinstate,
        A::EntryUnfreeze => ActionText::EntryUnfreeze,
        A::JudgeInvite => ActionText::JudgeInvite,
        A::JudgeRecuse => ActionText::JudgeRecuse,
        A::JudgesRemind => ActionText::JudgesRemind,
        A::PanelSave => ActionText::PanelSave,
        A::AssignmentAuto => ActionText::AssignmentAuto,
        A::AssignmentAdd => ActionText::AssignmentAdd,
        A::AssignmentRemove => ActionText::AssignmentRemove,
        A::JudgingSettings => ActionText::JudgingSettings,
        A::ResultsCompute => ActionText::ResultsCompute,
        A::ResultsOverride => ActionText::ResultsOverride,
        A::ResultsSettings => ActionText::ResultsSettings,
        A::ResultsPublish => ActionText::ResultsPublish,
        A::ResultsReconcile => ActionText::ResultsReconcile,
        A::DocumentRevoke => ActionText::DocumentRevoke,
        A::AccountCreateAdmin => ActionText::AccountCreateAdmin,
        A::AccountRole => ActionText::AccountRole,
        A::AccountDisable => ActionText::AccountDisable,
        A::AccountEnable => ActionText::AccountEnable,
        A::PasswordChange => ActionText::PasswordChange,
        A::PasswordReset => ActionText::PasswordReset,
        A::EmailConfirm => ActionText::EmailConfirm,
        A::TwoStepEnable => ActionText::TwoStepEnable,
        A::TwoStepDisable => ActionText::TwoStepDisable,
        A::TwoStepRecovery => ActionText::TwoStepRecovery,
        A::AccountDelete => ActionText::AccountDelete,
        A::ConsentWithdraw => ActionText::ConsentWithdraw,
        A::ContestReduce => ActionText::ContestReduce,
        A::TwoStepReset => ActionText::TwoStepReset,
        A::SiteIdentity => ActionText::SiteIdentity,
        A::SiteLogo => ActionText::SiteLogo,
        A::ContestQuestion => ActionText::ContestQuestion,
        A::ContestQuestionDelete => ActionText::ContestQuestionDelete,
        A::TelegramLink => ActionText::TelegramLink,
        A::TelegramUnlink => ActionText::TelegramUnlink,
        A::ContestAnchor => ActionText::ContestAnchor,
        A::ContestAnchorDelete => ActionText::ContestAnchorDelete,
        A::ContestCalibrationRule => ActionText::ContestCalibrationRule,
        A::OrganisationCreate => ActionText::OrganisationCreate,
        A::OrganisationRename => ActionText::OrganisationRename,
        A::OrganisationDelete => ActionText::OrganisationDelete,
        A::OrganisationAdminAdd => ActionText::OrganisationAdminAdd,
        A::OrganisationAdminRemove => ActionText::OrganisationAdminRemove,
        A::ContestOrganisation => ActionText::ContestOrganisation,
        A::StaffGrant => ActionText::StaffGrant,
        A::StaffRevoke => ActionText::StaffRevoke,
        A::AppealFile => ActionText::AppealFile,
        A::AppealAssign => ActionText::AppealAssign,
        A::AppealDecide => ActionText::AppealDecide,
        A::RoundFeed => ActionText::RoundFeed,
        A::RoundRule => ActionText::RoundRule,
        A::RoundAdvance => ActionText::RoundAdvance,
        A::LikenessDecide => ActionText::LikenessDecide,
        A::GallerySettings => ActionText::GallerySettings,
        A::GalleryConsent => ActionText::GalleryConsent,
        A::AudienceSettings => ActionText::AudienceSettings,
        A::AudienceVoid => ActionText::AudienceVoid,
        A::AudiencePublish => ActionText::AudiencePublish,
    };
    text.text(lang)
}
