//! What the server sends the browser about organisations and a contest's staff.

use crate::domain::access::{Standing, StaffRole};
use crate::domain::contest::LocalText;
use crate::domain::ids::AccountId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub account: AccountId,
    pub name: String,
    pub email: String,
    /// The contest role; `None` for an organisation's admin.
    pub role: Option<StaffRole>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub public_id: String,
    pub name: LocalText,
    pub admins: Vec<MemberView>,
    /// How many contests it holds (only an organisation with none can be deleted).
    pub contests: i64,
}

/// The site administrators' page of organisations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationsPage {
    pub organisations: Vec<OrganisationView>,
}

/// A contest's staff section: who works on it, and what the reader may change there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPanel {
    /// The contest's public id.
    pub contest: String,
    /// What the reader is to the contest.
    pub standing: Standing,
    /// The organisation the contest belongs to; `None`: the host's own.
    pub organisation: Option<(String, LocalText)>,
    pub members: Vec<MemberView>,
    /// The organisations a site administrator may move the contest to (empty for others).
    pub organisations: Vec<(String, LocalText)>,
}

crate::server_texts! {
    /// The words of organisations, staff and read-only pages (server-only: these pages are
    /// rendered by the server alone, and their words stay out of the WASM).
    pub enum StaffText {
        Organiser { kk: "Ұйымдастырушы", ru: "Организатор", en: "Organiser" }
        Coordinator { kk: "Үйлестіруші", ru: "Координатор", en: "Coordinator" }
        Viewer { kk: "Бақылаушы", ru: "Наблюдатель", en: "Viewer" }
        OrganiserHint { kk: "байқаудың бәрі", ru: "всё по конкурсу", en: "everything for this contest" }
        CoordinatorHint { kk: "өтінімдер мен қазылар, қорытындысыз", ru: "заявки и жюри, без итогов", en: "entries and judges, not results" }
        ViewerHint { kk: "тек қарау", ru: "только просмотр", en: "read only" }
        Heading { kk: "Байқау командасы", ru: "Команда конкурса", en: "Contest staff" }
        Intro { kk: "Бұл байқаумен жұмыс істейтіндер. Рөлді ұйым әкімшісі береді.", ru: "Кто работает над этим конкурсом. Роли даёт администратор организации.", en: "Who works on this contest. Roles are given by the organisation's admins." }
        NoOne { kk: "Әзірге ешкім қосылмаған.", ru: "Пока никого.", en: "No one yet." }
        Give { kk: "Рөл беру", ru: "Назначить", en: "Give the role" }
        Remove { kk: "Алып тастау", ru: "Убрать", en: "Remove" }
        Role { kk: "Рөлі", ru: "Роль", en: "Role" }
        OrgNameKk { kk: "Атауы (қазақша)", ru: "Название (на казахском)", en: "Name (Kazakh)" }
        OrgNameRu { kk: "Атауы (орысша)", ru: "Название (на русском)", en: "Name (Russian)" }
        OrgNameEn { kk: "Атауы (ағылшынша)", ru: "Название (на английском)", en: "Name (English)" }
        BelongsTo { kk: "Ұйым", ru: "Организация", en: "Organisation" }
        Host { kk: "Сайт иесі (ұйымсыз)", ru: "Хозяин сайта (без организации)", en: "The host (no organisation)" }
        Move { kk: "Ұйымға беру", ru: "Передать организации", en: "Move to the organisation" }
        Organisations { kk: "Ұйымдар", ru: "Организации", en: "Organisations" }
        OrgsIntro { kk: "Бір сайтта бірнеше кітапхана: әр ұйымның өз әкімшілері мен байқаулары бар.", ru: "Несколько библиотек на одном сайте: у каждой организации свои администраторы и конкурсы.", en: "Several libraries on one site: each organisation has its own admins and contests." }
        OrgNew { kk: "Жаңа ұйым", ru: "Новая организация", en: "New organisation" }
        OrgCreate { kk: "Құру", ru: "Создать", en: "Create" }
        OrgAdmins { kk: "Әкімшілері", ru: "Администраторы", en: "Admins" }
        OrgAddAdmin { kk: "Әкімші қосу", ru: "Добавить администратора", en: "Add an admin" }
        OrgNone { kk: "Әзірге ұйым жоқ.", ru: "Организаций пока нет.", en: "No organisations yet." }
        ReadOnly { kk: "Рөліңіз бұл бөлімді қарауға ғана мүмкіндік береді.", ru: "Ваша роль позволяет только смотреть этот раздел.", en: "Your role lets you read this part, not change it." }
        OrgNoAdmins { kk: "Әкімшісі жоқ.", ru: "Администраторов нет.", en: "No admins." }
        OrgContests { kk: "Байқаулары: {n}", ru: "Конкурсов: {n}", en: "Contests: {n}" }
        OrgRename { kk: "Атауын өзгерту", ru: "Изменить название", en: "Change the name" }
        OrgSaveName { kk: "Атауды сақтау", ru: "Сохранить название", en: "Save the name" }
        OrgDelete { kk: "Ұйымды жою", ru: "Удалить организацию", en: "Delete the organisation" }
        OrgDeleteHint { kk: "Байқауы жоқ ұйымды ғана жоюға болады; оның әкімшілері әкімші болудан қалады.", ru: "Удалить можно только организацию без конкурсов; её администраторы перестают ими быть.", en: "Only an organisation without contests can be deleted; its admins stop being admins." }
    }
}

/// The words for a staff role, and what it may do.
pub fn role_text(role: StaffRole) -> (StaffText, StaffText) {
    match role {
        StaffRole::Organiser => (StaffText::Organiser, StaffText::OrganiserHint),
        StaffRole::Coordinator => (StaffText::Coordinator, StaffText::CoordinatorHint),
        StaffRole::Viewer => (StaffText::Viewer, StaffText::ViewerHint),
    }
}
