//! Every text of the interface, in the order kk, ru, en. A key missing a language does not
//! compile; so does a use of a key that does not exist.

use super::Lang;
use serde::{Deserialize, Serialize};

macro_rules! messages {
    ($( $key:ident { kk: $kk:literal, ru: $ru:literal, en: $en:literal $(,)? } )*) => {
        /// A translatable text. Serialisable so that errors can carry it to the browser,
        /// which shows it in the reader's language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Msg { $( $key ),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[ $( Msg::$key ),* ];

            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $( Msg::$key => match lang { Lang::Kk => $kk, Lang::Ru => $ru, Lang::En => $en } ),*
                }
            }
        }
    };
}

messages! {
    AppName { kk: "Байқау", ru: "Байқау", en: "Baiqau" }
    Tagline {
        kk: "Шығармашылық байқаулар: өтінімнен дипломға дейін",
        ru: "Творческие конкурсы: от заявки до диплома",
        en: "Creative contests, from the call to the diploma",
    }
    SkipToContent { kk: "Мазмұнға өту", ru: "Перейти к содержанию", en: "Skip to content" }
    NavHome { kk: "Байқаулар", ru: "Конкурсы", en: "Contests" }
    NavLogin { kk: "Кіру", ru: "Войти", en: "Log in" }
    NavRegister { kk: "Тіркелу", ru: "Регистрация", en: "Register" }
    NavAccount { kk: "Жеке кабинет", ru: "Личный кабинет", en: "My account" }
    NavAdminAccounts { kk: "Тіркелгілер", ru: "Учётные записи", en: "Accounts" }
    NavLogout { kk: "Шығу", ru: "Выйти", en: "Log out" }
    MainNavigation { kk: "Негізгі мәзір", ru: "Главное меню", en: "Main menu" }
    LanguageLabel { kk: "Тіл", ru: "Язык", en: "Language" }
    LanguageSwitch { kk: "Ауыстыру", ru: "Сменить", en: "Switch" }
    FooterLibrary {
        kk: "Байқау — байқауларды өткізуге арналған ашық бағдарлама",
        ru: "Байқау — открытая программа для проведения конкурсов",
        en: "Baiqau is open-source software for running contests",
    }
    Loading { kk: "Жүктелуде…", ru: "Загрузка…", en: "Loading…" }
    Working { kk: "Жіберілуде…", ru: "Отправка…", en: "Sending…" }

    HomeTitle { kk: "Байқаулар", ru: "Конкурсы", en: "Contests" }
    HomeIntro {
        kk: "Жұмысыңызды жіберіңіз, нәтижені біліңіз және дипломыңызды жүктеп алыңыз.",
        ru: "Отправьте работу, узнайте результат и скачайте диплом.",
        en: "Send your work, follow the results and download your diploma.",
    }
    ContestsEmpty {
        kk: "Әзірге жарияланған байқау жоқ. Кейінірек кіріңіз.",
        ru: "Пока нет объявленных конкурсов. Загляните позже.",
        en: "No contests have been announced yet. Please check back later.",
    }
    ContestDetailsSoon {
        kk: "Ережелері мен мерзімдері жақында жарияланады.",
        ru: "Положение и сроки будут опубликованы в ближайшее время.",
        en: "Rules and dates will be published soon.",
    }
    TitleInOtherLanguage {
        kk: "Бұл атау басқа тілде ғана берілген.",
        ru: "Это название есть только на другом языке.",
        en: "This title is only available in another language.",
    }

    RegisterTitle { kk: "Тіркелу", ru: "Регистрация", en: "Create an account" }
    RegisterIntro {
        kk: "Ата-ана, мұғалім немесе қатысушының өзі тіркеле алады. Балалардың жұмыстарын кейін өз тіркелгіңізден жібересіз.",
        ru: "Зарегистрироваться может родитель, педагог или сам участник. Работы детей вы отправите потом из своей учётной записи.",
        en: "A parent, a teacher or the participant can register. You will send children's works from your own account later.",
    }
    FieldEmail { kk: "Электрондық пошта", ru: "Электронная почта", en: "Email" }
    FieldDisplayName { kk: "Аты-жөніңіз", ru: "Ваше имя", en: "Your name" }
    FieldPassword { kk: "Құпиясөз", ru: "Пароль", en: "Password" }
    FieldPasswordHint {
        kk: "8-ден 128-ге дейін таңба, кез келген әріптер. Қарапайым құпиясөздер қабылданбайды.",
        ru: "От 8 до 128 символов, любые буквы. Слишком простые пароли не принимаются.",
        en: "8 to 128 characters, any letters. Very common passwords are not accepted.",
    }
    RegisterButton { kk: "Тіркелу", ru: "Зарегистрироваться", en: "Create account" }
    HaveAccount { kk: "Тіркелгіңіз бар ма? Кіріңіз", ru: "Уже есть учётная запись? Войдите", en: "Already have an account? Log in" }

    LoginTitle { kk: "Кіру", ru: "Вход", en: "Log in" }
    LoginButton { kk: "Кіру", ru: "Войти", en: "Log in" }
    NoAccount { kk: "Тіркелгіңіз жоқ па? Тіркеліңіз", ru: "Нет учётной записи? Зарегистрируйтесь", en: "No account yet? Register" }
    ForgotPassword { kk: "Құпиясөзді ұмыттыңыз ба?", ru: "Забыли пароль?", en: "Forgot your password?" }

    AccountTitle { kk: "Жеке кабинет", ru: "Личный кабинет", en: "My account" }
    AccountSignedInAs { kk: "Сіз кірдіңіз:", ru: "Вы вошли как", en: "Signed in as" }
    AccountRole { kk: "Рөлі", ru: "Роль", en: "Role" }
    ChangePasswordTitle { kk: "Құпиясөзді өзгерту", ru: "Смена пароля", en: "Change password" }
    FieldCurrentPassword { kk: "Қазіргі құпиясөз", ru: "Текущий пароль", en: "Current password" }
    FieldNewPassword { kk: "Жаңа құпиясөз", ru: "Новый пароль", en: "New password" }
    ChangePasswordButton { kk: "Құпиясөзді өзгерту", ru: "Сменить пароль", en: "Change password" }
    PasswordChanged {
        kk: "Құпиясөз өзгертілді. Басқа құрылғылардағы сеанстар жабылды.",
        ru: "Пароль изменён. Сеансы на других устройствах завершены.",
        en: "Password changed. Sessions on other devices were signed out.",
    }
    SessionsTitle { kk: "Белсенді сеанстар", ru: "Активные сеансы", en: "Active sessions" }
    SessionThisDevice { kk: "Осы құрылғы", ru: "Это устройство", en: "This device" }
    SessionStarted { kk: "Басталды", ru: "Начат", en: "Started" }
    SessionLastSeen { kk: "Соңғы белсенділік", ru: "Последняя активность", en: "Last active" }
    SessionDevice { kk: "Құрылғы", ru: "Устройство", en: "Device" }
    SessionRevoke { kk: "Аяқтау", ru: "Завершить", en: "Sign out" }
    SessionRevoked { kk: "Сеанс аяқталды.", ru: "Сеанс завершён.", en: "Session signed out." }
    TimesInZone { kk: "Уақыт Астана уақытымен (UTC+5).", ru: "Время указано по Астане (UTC+5).", en: "Times are Astana time (UTC+5)." }

    ForgotTitle { kk: "Құпиясөзді қалпына келтіру", ru: "Восстановление пароля", en: "Reset your password" }
    ForgotIntro {
        kk: "Тіркелген поштаңызды жазыңыз. Құпиясөзді өзгертуге арналған сілтеме жібереміз.",
        ru: "Укажите почту, с которой вы регистрировались. Мы пришлём ссылку для смены пароля.",
        en: "Enter the email you registered with. We will send you a link to set a new password.",
    }
    ForgotButton { kk: "Сілтеме жіберу", ru: "Отправить ссылку", en: "Send link" }
    ForgotSent {
        kk: "Бұл пошта тіркелген болса, оған сілтеме жіберілді. Ол 1 сағат жарамды.",
        ru: "Если такая почта зарегистрирована, на неё отправлена ссылка. Она действует 1 час.",
        en: "If that email is registered, a link is on its way. It is valid for 1 hour.",
    }
    ResetTitle { kk: "Жаңа құпиясөз", ru: "Новый пароль", en: "Set a new password" }
    ResetButton { kk: "Сақтау", ru: "Сохранить", en: "Save password" }
    ResetDone {
        kk: "Құпиясөз сақталды. Енді кіре аласыз.",
        ru: "Пароль сохранён. Теперь вы можете войти.",
        en: "Your password is saved. You can log in now.",
    }

    AdminAccountsTitle { kk: "Тіркелгілер", ru: "Учётные записи", en: "Accounts" }
    ColName { kk: "Аты", ru: "Имя", en: "Name" }
    ColEmail { kk: "Пошта", ru: "Почта", en: "Email" }
    ColRole { kk: "Рөлі", ru: "Роль", en: "Role" }
    ColStatus { kk: "Күйі", ru: "Статус", en: "Status" }
    ColCreated { kk: "Тіркелген", ru: "Создана", en: "Created" }
    ColActions { kk: "Әрекеттер", ru: "Действия", en: "Actions" }
    StatusActive { kk: "Белсенді", ru: "Активна", en: "Active" }
    StatusDisabled { kk: "Бұғатталған", ru: "Заблокирована", en: "Disabled" }
    ActionDisable { kk: "Бұғаттау", ru: "Заблокировать", en: "Disable" }
    ActionEnable { kk: "Бұғаттан шығару", ru: "Разблокировать", en: "Enable" }
    ActionSaveRole { kk: "Рөлді сақтау", ru: "Сохранить роль", en: "Save role" }
    RoleAdmin { kk: "Әкімші", ru: "Администратор", en: "Admin" }
    RoleJudge { kk: "Қазы", ru: "Член жюри", en: "Judge" }
    RoleEntrant { kk: "Қатысушы", ru: "Участник", en: "Entrant" }
    AccountUpdated { kk: "Тіркелгі жаңартылды.", ru: "Учётная запись обновлена.", en: "Account updated." }
    You { kk: "сіз", ru: "вы", en: "you" }

    NotFoundTitle { kk: "Бет табылмады", ru: "Страница не найдена", en: "Page not found" }
    NotFoundText {
        kk: "Мұндай бет жоқ немесе ол жойылған. Басты бетке оралыңыз.",
        ru: "Такой страницы нет или она удалена. Вернитесь на главную.",
        en: "This page does not exist or was removed. Go back to the home page.",
    }
    BackHome { kk: "Басты бетке", ru: "На главную", en: "Home page" }
    ErrorTitle { kk: "Қате орын алды", ru: "Произошла ошибка", en: "Something went wrong" }

    ErrBadRequest {
        kk: "Форма оқылмады. Бетті жаңартып, қайталап көріңіз.",
        ru: "Не удалось прочитать форму. Обновите страницу и попробуйте ещё раз.",
        en: "The form could not be read. Reload the page and try again.",
    }
    ErrInternal {
        kk: "Серверде қате болды. Біраздан кейін қайталаңыз; деректеріңіз сақталған.",
        ru: "На сервере произошла ошибка. Повторите чуть позже; ваши данные сохранены.",
        en: "The server had a problem. Please try again shortly; your data is safe.",
    }
    ErrNetwork {
        kk: "Серверге қосылу мүмкін болмады. Интернетті тексеріп, қайталаңыз.",
        ru: "Не удалось связаться с сервером. Проверьте интернет и повторите.",
        en: "Could not reach the server. Check your connection and try again.",
    }
    ErrUnauthorized { kk: "Алдымен жүйеге кіріңіз.", ru: "Сначала войдите в систему.", en: "Please log in first." }
    ErrForbidden { kk: "Бұл әрекетке рұқсатыңыз жоқ.", ru: "У вас нет прав на это действие.", en: "You are not allowed to do this." }
    ErrNotFound { kk: "Табылмады.", ru: "Не найдено.", en: "Not found." }
    ErrConflict {
        kk: "Деректер басқа жерде өзгертілді. Бетті жаңартыңыз.",
        ru: "Данные были изменены в другом месте. Обновите страницу.",
        en: "This was changed elsewhere. Reload the page.",
    }
    ErrTooManyAttempts {
        kk: "Әрекет тым көп. {wait} кейін қайталаңыз.",
        ru: "Слишком много попыток. Повторите через {wait}.",
        en: "Too many attempts. Try again in {wait}.",
    }
    ErrInvalidCredentials {
        kk: "Пошта немесе құпиясөз қате.",
        ru: "Неверная почта или пароль.",
        en: "Wrong email or password.",
    }
    ErrEmailTaken {
        kk: "Бұл поштамен тіркелгі бар. Кіріңіз немесе құпиясөзді қалпына келтіріңіз.",
        ru: "Учётная запись с этой почтой уже есть. Войдите или восстановите пароль.",
        en: "An account with this email exists. Log in or reset your password.",
    }
    ErrEmailEmpty { kk: "Поштаны жазыңыз.", ru: "Укажите почту.", en: "Enter your email." }
    ErrEmailInvalid {
        kk: "Пошта мекенжайы дұрыс емес, мысалы: aigerim@mail.kz",
        ru: "Неверный адрес почты, пример: aigerim@mail.kz",
        en: "This is not an email address, e.g. aigerim@mail.kz",
    }
    ErrEmailTooLong { kk: "Пошта мекенжайы тым ұзын.", ru: "Адрес почты слишком длинный.", en: "The email address is too long." }
    ErrPasswordTooShort { kk: "Құпиясөз кемінде 8 таңба болуы керек.", ru: "Пароль должен быть не короче 8 символов.", en: "The password needs at least 8 characters." }
    ErrPasswordTooLong { kk: "Құпиясөз 128 таңбадан аспауы керек.", ru: "Пароль должен быть не длиннее 128 символов.", en: "The password can have at most 128 characters." }
    ErrPasswordTooCommon {
        kk: "Бұл құпиясөз тым қарапайым. Бірнеше сөзден тұратын тіркес ойлап табыңыз.",
        ru: "Этот пароль слишком распространён. Придумайте фразу из нескольких слов.",
        en: "This password is too common. Try a phrase of several words.",
    }
    ErrNameEmpty { kk: "Атыңызды жазыңыз.", ru: "Укажите имя.", en: "Enter your name." }
    ErrNameTooLong { kk: "Аты 100 таңбадан аспауы керек.", ru: "Имя должно быть не длиннее 100 символов.", en: "The name can have at most 100 characters." }
    ErrNameInvalid { kk: "Атында рұқсат етілмеген таңбалар бар.", ru: "Имя содержит недопустимые символы.", en: "The name contains characters that are not allowed." }
    ErrWrongCurrentPassword { kk: "Қазіргі құпиясөз қате.", ru: "Текущий пароль неверен.", en: "The current password is wrong." }
    ErrResetLinkInvalid {
        kk: "Сілтеме жарамсыз немесе мерзімі өтті. Жаңа сілтеме сұраңыз.",
        ru: "Ссылка недействительна или устарела. Запросите новую.",
        en: "This link is invalid or has expired. Request a new one.",
    }
    ErrSelfChange {
        kk: "Өз тіркелгіңіздің рөлін өзгертуге немесе оны бұғаттауға болмайды.",
        ru: "Нельзя менять роль или блокировать собственную учётную запись.",
        en: "You cannot change the role of, or disable, your own account.",
    }
    FormHasErrors { kk: "Белгіленген өрістерді түзетіңіз.", ru: "Исправьте отмеченные поля.", en: "Please correct the marked fields." }

    MailResetSubject { kk: "Байқау: құпиясөзді қалпына келтіру", ru: "Байқау: восстановление пароля", en: "Baiqau: reset your password" }
    MailResetBody {
        kk: "Сәлеметсіз бе, {name}!\n\nЖаңа құпиясөз орнату үшін мына сілтемені ашыңыз (1 сағат жарамды):\n{link}\n\nЕгер сіз сұрамаған болсаңыз, бұл хатқа мән бермеңіз.",
        ru: "Здравствуйте, {name}!\n\nЧтобы задать новый пароль, откройте ссылку (действует 1 час):\n{link}\n\nЕсли вы не запрашивали смену пароля, просто проигнорируйте это письмо.",
        en: "Hello {name},\n\nTo set a new password, open this link (valid for 1 hour):\n{link}\n\nIf you did not ask for this, you can ignore this email.",
    }
}
