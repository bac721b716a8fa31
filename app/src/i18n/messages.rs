//! Every text of the interface, in the order kk, ru, en. A key missing a language does not
//! compile; so does a use of a key that does not exist.

use super::Lang;
use serde::{Deserialize, Serialize};

macro_rules! messages {
    ($( $key:ident { kk: $kk:literal, ru: $ru:literal, en: $en:literal $(,)? } )*) => {
        /// A translatable text. Serialisable (as its key, `"ErrNotFound"`) so that errors can
        /// carry it to the browser, which shows it in the reader's language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $( $key ),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[ $( Msg::$key ),* ];

            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $( Msg::$key => match lang { Lang::Kk => $kk, Lang::Ru => $ru, Lang::En => $en } ),*
                }
            }

            /// The key as written here, which is also how it travels.
            pub fn key(self) -> &'static str {
                match self {
                    $( Msg::$key => stringify!($key) ),*
                }
            }
        }
    };
}

/// By hand rather than derived: a derive over some 600 keys compiled to ~75 KB of WASM (a
/// visitor per input kind); a search of [`Msg::ALL`] by key is a few hundred bytes.
impl Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Msg {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Msg, D::Error> {
        let key = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Msg::ALL.iter().copied().find(|m| m.key() == key).ok_or_else(|| serde::de::Error::custom(format!("unknown message key {key:?}")))
    }
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
    ConfirmTitle { kk: "Поштаны растау", ru: "Подтверждение почты", en: "Confirm your email" }
    ConfirmIntro {
        kk: "Бұл пошта сіздікі екенін растау үшін батырманы басыңыз.",
        ru: "Нажмите кнопку, чтобы подтвердить, что эта почта ваша.",
        en: "Press the button to confirm that this email address is yours.",
    }
    ConfirmButton { kk: "Поштаны растау", ru: "Подтвердить почту", en: "Confirm my email" }
    ConfirmDone { kk: "Пошта расталды. Рахмет!", ru: "Почта подтверждена. Спасибо!", en: "Your email is confirmed. Thank you!" }
    ConfirmDoneLogIn {
        kk: "Пошта расталды. Енді кіріңіз.",
        ru: "Почта подтверждена. Теперь войдите.",
        en: "Your email is confirmed. Please log in.",
    }
    ConfirmPending {
        kk: "Поштаңыз әлі расталмаған. {email} мекенжайына сілтеме жібердік: жұмысты жіберу үшін оны ашыңыз.",
        ru: "Почта ещё не подтверждена. Мы отправили ссылку на {email}: откройте её, чтобы можно было отправить работу.",
        en: "Your email is not confirmed yet. We sent a link to {email}: open it before you submit a work.",
    }
    ConfirmResend { kk: "Сілтемені қайта жіберу", ru: "Отправить ссылку ещё раз", en: "Send the link again" }
    ConfirmSent {
        kk: "Жаңа сілтеме жіберілді. Хат келмесе, «Спам» қалтасын қараңыз.",
        ru: "Новая ссылка отправлена. Если письма нет, проверьте папку «Спам».",
        en: "A new link is on its way. If it does not arrive, look in the spam folder.",
    }
    TwoStepTitle { kk: "Екі қадамды кіру", ru: "Двухэтапный вход", en: "Two-step login" }
    TwoStepOff {
        kk: "Екі қадамды кіру өшірулі. Қосылса, құпиясөзден кейін телефондағы қолданба (Google Authenticator, Microsoft Authenticator, FreeOTP…) берген код сұралады.",
        ru: "Двухэтапный вход выключен. Если его включить, после пароля будет нужен код из приложения на телефоне (Google Authenticator, Microsoft Authenticator, FreeOTP…).",
        en: "Two-step login is off. Once on, after the password you also type a code from an app on your phone (Google Authenticator, Microsoft Authenticator, FreeOTP…).",
    }
    TwoStepOn {
        kk: "Екі қадамды кіру қосулы. Қалпына келтіру кодтары: {n}.",
        ru: "Двухэтапный вход включён. Резервных кодов осталось: {n}.",
        en: "Two-step login is on. Recovery codes left: {n}.",
    }
    TwoStepRequiredNote {
        kk: "Сіздің рөліңізге екі қадамды кіру міндетті: оны қоспайынша әкімші мен қазы беттері ашылмайды.",
        ru: "Для вашей роли двухэтапный вход обязателен: пока он не включён, страницы администратора и жюри закрыты.",
        en: "Your role requires two-step login: until it is on, the admin and jury pages stay closed.",
    }
    TwoStepStart { kk: "Қосу", ru: "Включить", en: "Turn on" }
    TwoStepScan {
        kk: "1. Қолданбада QR-кодты сканерлеңіз немесе кілтті қолмен енгізіңіз:",
        ru: "1. Отсканируйте QR-код в приложении или введите ключ вручную:",
        en: "1. Scan the QR code with the app, or type the key into it:",
    }
    TwoStepSaveCodes {
        kk: "2. Қалпына келтіру кодтарын жазып алып, қауіпсіз жерде сақтаңыз. Телефон жоғалса, әр код бір рет кіруге жарайды:",
        ru: "2. Запишите резервные коды и храните их в надёжном месте. Если телефон потеряется, каждый код подойдёт для одного входа:",
        en: "2. Write down the recovery codes and keep them safe. If the phone is lost, each code logs you in once:",
    }
    TwoStepConfirmCode { kk: "3. Қолданбадағы 6 таңбалы кодты жазыңыз:", ru: "3. Введите 6-значный код из приложения:", en: "3. Type the 6-digit code the app shows:" }
    TwoStepEnable { kk: "Растау және қосу", ru: "Подтвердить и включить", en: "Confirm and turn on" }
    TwoStepEnabled { kk: "Екі қадамды кіру қосылды.", ru: "Двухэтапный вход включён.", en: "Two-step login is on." }
    TwoStepDisable { kk: "Өшіру", ru: "Выключить", en: "Turn off" }
    TwoStepDisabled { kk: "Екі қадамды кіру өшірілді.", ru: "Двухэтапный вход выключен.", en: "Two-step login is off." }
    FieldTwoStepCode { kk: "Қолданбадағы код немесе қалпына келтіру коды", ru: "Код из приложения или резервный код", en: "Code from the app, or a recovery code" }
    LoginCodeTitle { kk: "Кіру коды", ru: "Код для входа", en: "Login code" }
    LoginCodeIntro {
        kk: "Құпиясөз дұрыс. Енді телефондағы қолданбаның кодын немесе қалпына келтіру кодтарының бірін жазыңыз.",
        ru: "Пароль верный. Теперь введите код из приложения на телефоне или один из резервных кодов.",
        en: "The password is right. Now type the code from the app on your phone, or one of your recovery codes.",
    }
    LoginCodeButton { kk: "Кіру", ru: "Войти", en: "Log in" }
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

    ErrBodyTooLarge {
        kk: "Жіберілгені тым үлкен: бұл форма мұншама деректі қабылдамайды.",
        ru: "Отправлено слишком много: эта форма не принимает столько данных.",
        en: "Too much was sent: this form does not take that much.",
    }
    ErrBadRequest {
        kk: "Форма оқылмады. Бетті жаңартып, қайталап көріңіз.",
        ru: "Не удалось прочитать форму. Обновите страницу и попробуйте ещё раз.",
        en: "The form could not be read. Reload the page and try again.",
    }
    ErrInternal {
        kk: "Серверде қате болды. Жазғаныңыз формада қалды: біраздан кейін қайталаңыз.",
        ru: "На сервере произошла ошибка. Введённое осталось в форме: повторите чуть позже.",
        en: "The server had a problem. What you typed is still in the form: please try again shortly.",
    }
    ErrNetwork {
        kk: "Серверге қосылу мүмкін болмады. Интернетті тексеріп, қайталаңыз.",
        ru: "Не удалось связаться с сервером. Проверьте интернет и повторите.",
        en: "Could not reach the server. Check your connection and try again.",
    }
    ErrUnauthorized { kk: "Алдымен жүйеге кіріңіз.", ru: "Сначала войдите в систему.", en: "Please log in first." }
    LoginOrRegister {
        kk: "Жалғастыру үшін кіріңіз немесе тіркеліңіз: содан кейін осы бетке ораласыз.",
        ru: "Чтобы продолжить, войдите или зарегистрируйтесь: потом вы вернётесь на эту страницу.",
        en: "Log in or register to continue: you will come back to this page afterwards.",
    }
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
    ErrEmailLookAlike {
        kk: "Мекенжайда көрінбейтін таңбалар немесе бір бөлігінде әртүрлі әліпбилердің әріптері бар (мысалы, латын «a» мен кирилл «а»). Мекенжайды қолмен қайта теріңіз.",
        ru: "В адресе есть невидимые символы или буквы разных алфавитов в одной части (например, латинская «a» и кириллическая «а»). Наберите адрес заново вручную.",
        en: "The address has invisible characters or mixes alphabets in one part (a Latin «a» and a Cyrillic «а», say). Type it again by hand.",
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
    ErrNameReserved {
        kk: "Бұл атау ұйымдастырушылар мен қазылар үшін сақталған. Өз атыңызды жазыңыз.",
        ru: "Это имя зарезервировано для организаторов и жюри. Укажите своё имя.",
        en: "This name is kept for the organisers and the jury. Please use your own name.",
    }
    ErrWrongCurrentPassword { kk: "Қазіргі құпиясөз қате.", ru: "Текущий пароль неверен.", en: "The current password is wrong." }
    ErrUnderstoodRequired { kk: "Жалғастыру үшін осы белгіні қойыңыз.", ru: "Чтобы продолжить, поставьте эту отметку.", en: "Tick this box to go on." }
    ErrStaffCannotDelete {
        kk: "Әкімші мен қазылар алқасы мүшесінің тіркелгісін өзі жоя алмайды: алдымен әкімшіден рөліңізді алып тастауын сұраңыз.",
        ru: "Учётную запись администратора или члена жюри нельзя удалить самому: сначала попросите администратора снять с вас роль.",
        en: "An admin's or a judge's account cannot be deleted by its owner: ask an admin to remove your role first.",
    }
    ErrNoConsentToWithdraw { kk: "Бұл қатысушыға келісім берілмеген.", ru: "Для этого участника согласие не давалось.", en: "No consent was given for this participant." }
    YourDataTitle { kk: "Сіздің деректеріңіз", ru: "Ваши данные", en: "Your data" }
    YourDataIntro {
        kk: "Байқау жабылып, мұрағатқа жіберілгеннен кейін {years} жыл өткен соң қатысушылардың деректері қысқартылады (аты мен тегінің бас әрпі, туған жылы), ал жұмыс файлдары жойылады. Марапаттар мен дипломдар сақталады.",
        ru: "Через {years} лет после того, как конкурс отправлен в архив, данные участников сокращаются (имя и первая буква фамилии, год рождения), а файлы работ удаляются. Награды и дипломы остаются.",
        en: "{years} years after a contest is archived, its participants' data is reduced (first name and surname initial, year of birth) and the works' files are deleted. Awards and diplomas stay.",
    }
    YourDataForever {
        kk: "Бұл орнату қатысушылардың деректерін мерзімсіз сақтайды; оларды төменде жүктеп алуға немесе жоюға болады.",
        ru: "Эта установка хранит данные участников бессрочно; их можно скачать или удалить ниже.",
        en: "This installation keeps participants' data without a time limit; you can download or delete it below.",
    }
    DownloadMyData { kk: "Барлық деректерді жүктеп алу (ZIP)", ru: "Скачать все данные (ZIP)", en: "Download all my data (ZIP)" }
    DownloadMyDataHint {
        kk: "Тіркелгі, қатысушылар, жұмыстар, нәтижелер мен файлдар: JSON және түпнұсқа файлдар.",
        ru: "Учётная запись, участники, работы, итоги и файлы: JSON и исходные файлы.",
        en: "Your account, participants, entries, results and files: JSON and the original files.",
    }
    DeleteAccountTitle { kk: "Тіркелгіні жою", ru: "Удалить учётную запись", en: "Delete the account" }
    DeleteAccountExplain {
        kk: "Жарияланбаған байқаулардағы жұмыстар кері қайтарылады, жобалар жойылады. Жарияланған байқаулардағы жұмыстар қысқартылған атпен қалады, дипломдар тексеріледі. Барлық файлдар жойылады. Мұны қайтару мүмкін емес.",
        ru: "Работы в неопубликованных конкурсах будут отозваны, черновики удалены. Работы в опубликованных конкурсах останутся с сокращённым именем, дипломы будут проверяться. Все файлы будут удалены. Это нельзя отменить.",
        en: "Entries in contests not yet published are withdrawn and drafts deleted. Entries in published contests stay under the reduced name, and diplomas still verify. Every file is deleted. This cannot be undone.",
    }
    DeleteAccountUnderstood { kk: "Түсінемін: тіркелгі біржола жойылады.", ru: "Я понимаю: учётная запись будет удалена навсегда.", en: "I understand: the account is deleted for good." }
    DeleteAccountButton { kk: "Тіркелгіні біржола жою", ru: "Удалить учётную запись навсегда", en: "Delete the account for good" }
    AccountDeleted { kk: "Тіркелгі жойылды. Байқауға қатысқаныңызға рақмет.", ru: "Учётная запись удалена. Спасибо за участие.", en: "The account is deleted. Thank you for taking part." }
    WithdrawConsentTitle { kk: "Келісімді қайтарып алу", ru: "Отозвать согласие", en: "Withdraw consent" }
    WithdrawConsentExplain {
        kk: "Қатысушының деректері қысқартылады (аты мен тегінің бас әрпі, туған жылы), жұмыс файлдары жойылады, жарияланбаған байқаулардағы жұмыстар кері қайтарылады. Жарияланған нәтижелер мен дипломдар қысқартылған атпен қалады.",
        ru: "Данные участника будут сокращены (имя и первая буква фамилии, год рождения), файлы работ удалены, работы в неопубликованных конкурсах отозваны. Опубликованные итоги и дипломы останутся с сокращённым именем.",
        en: "The participant's data is reduced (first name and surname initial, year of birth), their works' files deleted, and their entries in contests not yet published withdrawn. Published results and diplomas stay under the reduced name.",
    }
    WithdrawConsentUnderstood { kk: "Түсінемін: мұны қайтару мүмкін емес.", ru: "Я понимаю: это нельзя отменить.", en: "I understand: this cannot be undone." }
    WithdrawConsentButton { kk: "Келісімді қайтарып алу", ru: "Отозвать согласие", en: "Withdraw consent" }
    ConsentWithdrawn { kk: "Келісім қайтарылды, қатысушының деректері қысқартылды.", ru: "Согласие отозвано, данные участника сокращены.", en: "Consent withdrawn; the participant's data is reduced." }
    RetentionDue { kk: "Қатысушылардың деректері {date} күні қысқартылады.", ru: "Данные участников будут сокращены {date}.", en: "Participants' data will be reduced on {date}." }
    RetentionDone { kk: "Сақтау мерзімі өтті: қатысушылардың деректері {date} күні қысқартылды, файлдар жойылды.", ru: "Срок хранения истёк: данные участников сокращены {date}, файлы удалены.", en: "Retention period over: participants' data was reduced on {date} and the files deleted." }
    ErrResetLinkInvalid {
        kk: "Сілтеме жарамсыз немесе мерзімі өтті. Жаңа сілтеме сұраңыз.",
        ru: "Ссылка недействительна или устарела. Запросите новую.",
        en: "This link is invalid or has expired. Request a new one.",
    }
    ErrEmailDisposable {
        kk: "Бұл — уақытша пошта қызметі. Өз мекенжайыңызды жазыңыз.",
        ru: "Это временная почта. Укажите свой постоянный адрес.",
        en: "That is a throw-away mail service. Use your own address.",
    }
    ErrConfirmLinkInvalid {
        kk: "Растау сілтемесі жарамсыз, бұрын пайдаланылған немесе мерзімі өткен. Кіріп, жаңасын сұраңыз.",
        ru: "Ссылка подтверждения недействительна, уже использована или устарела. Войдите и запросите новую.",
        en: "This confirmation link is invalid, used or expired. Log in and ask for a new one.",
    }
    ErrEmailUnconfirmed {
        kk: "Алдымен поштаңызды растаңыз: біз жіберген сілтемені ашыңыз. Хат келмесе, оны жеке кабинеттен қайта жіберіңіз.",
        ru: "Сначала подтвердите почту: откройте ссылку из нашего письма. Если письма нет, отправьте его снова из личного кабинета.",
        en: "Confirm your email first: open the link we sent you. If it did not arrive, send it again from your account page.",
    }
    ErrRoleNeedsConfirmedEmail {
        kk: "Бұл тіркелгінің поштасы расталмаған: ол растағанша рөл беруге болмайды.",
        ru: "Почта этой учётной записи не подтверждена: роль можно дать только после подтверждения.",
        en: "This account has not confirmed its email: it can be given a role once it has.",
    }
    ErrTwoStepCodeWrong {
        kk: "Код сәйкес келмеді. Қолданбадағы жаңа кодты жазыңыз (телефонның уақыты дұрыс па?) немесе қалпына келтіру кодын пайдаланыңыз.",
        ru: "Код не подошёл. Введите свежий код из приложения (верно ли время на телефоне?) или резервный код.",
        en: "That code does not match. Type the app's current code (is the phone's clock right?) or a recovery code.",
    }
    ErrTwoStepStartAgain {
        kk: "Кіру уақыты өтіп кетті немесе қате код тым көп болды. Құпиясөзбен қайта кіріңіз.",
        ru: "Время входа истекло или было слишком много неверных кодов. Войдите с паролем ещё раз.",
        en: "This login timed out or had too many wrong codes. Log in with your password again.",
    }
    ErrTwoStepRequired {
        kk: "Сіздің рөліңізге екі қадамды кіру міндетті. Оны жеке кабинетте қосыңыз.",
        ru: "Для вашей роли нужен двухэтапный вход. Включите его в личном кабинете.",
        en: "Your role requires two-step login. Turn it on in your account.",
    }
    ErrTwoStepRequiredForRole {
        kk: "Бұл орнатуда сіздің рөліңізге екі қадамды кіру міндетті, оны өшіруге болмайды.",
        ru: "В этой установке для вашей роли двухэтапный вход обязателен, его нельзя выключить.",
        en: "This installation requires two-step login for your role: it cannot be turned off.",
    }
    ErrSelfChange {
        kk: "Өз тіркелгіңіздің рөлін өзгертуге немесе оны бұғаттауға болмайды.",
        ru: "Нельзя менять роль или блокировать собственную учётную запись.",
        en: "You cannot change the role of, or disable, your own account.",
    }
    FormHasErrors { kk: "Белгіленген өрістерді түзетіңіз.", ru: "Исправьте отмеченные поля.", en: "Please correct the marked fields." }

    NavAdminContests { kk: "Байқауларды басқару", ru: "Управление конкурсами", en: "Manage contests" }
    LevelSchool { kk: "Мектептік", ru: "Школьный", en: "School" }
    LevelDistrict { kk: "Аудандық", ru: "Районный", en: "District" }
    LevelCity { kk: "Қалалық", ru: "Городской", en: "City" }
    LevelRegional { kk: "Облыстық", ru: "Областной", en: "Regional" }
    LevelRepublican { kk: "Республикалық", ru: "Республиканский", en: "Republican" }
    LevelInternational { kk: "Халықаралық", ru: "Международный", en: "International" }
    PhaseDraft { kk: "Жоба", ru: "Черновик", en: "Draft" }
    PhaseAnnounced { kk: "Жарияланды", ru: "Объявлен", en: "Announced" }
    PhaseOpen { kk: "Өтінім қабылдануда", ru: "Приём работ", en: "Open for entries" }
    PhaseJudging { kk: "Бағалау", ru: "Оценивание", en: "Judging" }
    PhaseResults { kk: "Нәтижелер", ru: "Итоги", en: "Results" }
    PhaseArchived { kk: "Мұрағатта", ru: "В архиве", en: "Archived" }
    FilterLevel { kk: "Деңгейі", ru: "Уровень", en: "Level" }
    FilterWhen { kk: "Уақыты", ru: "Время", en: "When" }
    FilterAll { kk: "Барлығы", ru: "Все", en: "All" }
    FilterCurrent { kk: "Қазір өтуде", ru: "Идут сейчас", en: "Current" }
    FilterUpcoming { kk: "Алдағы", ru: "Предстоящие", en: "Upcoming" }
    FilterPast { kk: "Өткен", ru: "Прошедшие", en: "Past" }
    FilterApply { kk: "Көрсету", ru: "Показать", en: "Show" }
    ContestsNoneMatch {
        kk: "Таңдалған шартқа сай байқау жоқ.",
        ru: "Нет конкурсов, подходящих под выбранные условия.",
        en: "No contests match these filters.",
    }
    ContestOrganiser { kk: "Ұйымдастырушы", ru: "Организатор", en: "Organiser" }
    ContestContacts { kk: "Байланыс", ru: "Контакты", en: "Contacts" }
    ContestRules { kk: "Ережесі", ru: "Положение", en: "Rules" }
    ContestTimeline { kk: "Мерзімдері", ru: "Сроки", en: "Timeline" }
    ContestNominations { kk: "Номинациялар", ru: "Номинации", en: "Nominations" }
    ContestAgeGroups { kk: "Жас санаттары", ru: "Возрастные категории", en: "Age groups" }
    ContestRubric { kk: "Бағалау өлшемдері", ru: "Критерии оценки", en: "Judging criteria" }
    ContestAwards { kk: "Марапаттар", ru: "Награды", en: "Awards" }
    ContestPrint { kk: "Басып шығару", ru: "Распечатать", en: "Print" }
    ContestMore { kk: "Толығырақ", ru: "Подробнее", en: "Details" }
    ContestDraftBanner {
        kk: "Бұл жоба: оны тек әкімшілер көреді.",
        ru: "Это черновик: его видят только администраторы.",
        en: "This is a draft: only admins can see it.",
    }
    TextInOtherLanguage {
        kk: "Бұл мәтін басқа тілде ғана берілген.",
        ru: "Этот текст есть только на другом языке.",
        en: "This text is only available in another language.",
    }
    TimelineOpens { kk: "Өтінім қабылдау басталады", ru: "Начало приёма работ", en: "Entries open" }
    TimelineCloses { kk: "Өтінім қабылдау аяқталады", ru: "Окончание приёма работ", en: "Entries close" }
    TimelineJudgingEnds { kk: "Бағалау аяқталады", ru: "Окончание оценивания", en: "Judging ends" }
    TimelineResults { kk: "Нәтижелер жарияланады", ru: "Объявление итогов", en: "Results announced" }
    TimelineClosedEarly { kk: "Қабылдау мерзімінен бұрын жабылды", ru: "Приём закрыт досрочно", en: "Entries closed early" }
    CountdownOpens { kk: "Қабылдау басталғанға дейін", ru: "До начала приёма", en: "Entries open in" }
    CountdownCloses { kk: "Қабылдау аяқталғанға дейін", ru: "До окончания приёма", en: "Entries close in" }
    CountdownResults { kk: "Нәтижелерге дейін", ru: "До объявления итогов", en: "Results in" }
    DaysShort { kk: "күн", ru: "дн.", en: "d" }
    HoursShort { kk: "сағ", ru: "ч", en: "h" }
    MinutesShort { kk: "мин", ru: "мин", en: "min" }
    SecondsShort { kk: "сек", ru: "сек", en: "s" }
    AgeRangeText { kk: "{min}–{max} жас", ru: "{min}–{max} лет", en: "ages {min}–{max}" }
    AgeCutoffText {
        kk: "Жасы {date} күнгі жағдай бойынша есептеледі.",
        ru: "Возраст считается на {date}.",
        en: "Ages are counted on {date}.",
    }
    KindImage { kk: "сурет", ru: "изображение", en: "image" }
    KindPdf { kk: "PDF", ru: "PDF", en: "PDF" }
    KindDocument { kk: "құжат", ru: "документ", en: "document" }
    KindAudio { kk: "аудио", ru: "аудио", en: "audio" }
    KindVideo { kk: "бейне", ru: "видео", en: "video" }
    WorkRulesText {
        kk: "Файлдар: {kinds}; әрқайсысы {mb} МБ-қа дейін; бір жұмыстағы файлдар саны — ең көбі {files}; бір қатысушының жұмыстары — ең көбі {entries}.",
        ru: "Файлы: {kinds}; каждый до {mb} МБ; файлов в одной работе — не более {files}; работ от одного участника — не более {entries}.",
        en: "Files: {kinds}; each up to {mb} MB; files per entry: at most {files}; entries per participant: at most {entries}.",
    }
    OpenFor { kk: "Жас санаттары", ru: "Возрастные категории", en: "Age groups" }
    CriterionMaxPoints { kk: "ең көбі {n} ұпай", ru: "до {n} баллов", en: "up to {n} points" }
    CriterionWeight { kk: "салмағы {n}%", ru: "вес {n}%", en: "weight {n}%" }
    RubricForNomination { kk: "Осы номинацияның өлшемдері", ru: "Критерии этой номинации", en: "Criteria for this nomination" }
    AwardGrandPrixContest { kk: "Байқаудың Гран-приі", ru: "Гран-при конкурса", en: "Grand Prix of the contest" }
    AwardGrandPrixNomination { kk: "Әр номинацияда Гран-при", ru: "Гран-при в каждой номинации", en: "A Grand Prix in each nomination" }
    AwardPlaces {
        kk: "Әр номинация мен жас санатында: I орын — {first}, II орын — {second}, III орын — {third}, ынталандыру — {mentions}.",
        ru: "В каждой номинации и возрастной категории: I место — {first}, II место — {second}, III место — {third}, поощрительных — {mentions}.",
        en: "In each nomination and age group: 1st place — {first}, 2nd — {second}, 3rd — {third}, honourable mentions — {mentions}.",
    }
    AwardCertificates {
        kk: "Әр қатысушыға сертификат беріледі.",
        ru: "Каждый участник получает сертификат.",
        en: "Every participant receives a certificate.",
    }
    AwardMinScore { kk: "Марапат үшін ең аз балл: {n}.", ru: "Минимальный балл для награды: {n}.", en: "Minimum score for an award: {n}." }

    AdminContestsTitle { kk: "Байқауларды басқару", ru: "Управление конкурсами", en: "Manage contests" }
    AdminNewContest { kk: "Жаңа байқау", ru: "Новый конкурс", en: "New contest" }
    AdminCreate { kk: "Құру", ru: "Создать", en: "Create" }
    AdminEdit { kk: "Өңдеу", ru: "Изменить", en: "Edit" }
    AdminView { kk: "Қарау", ru: "Просмотр", en: "View" }
    AdminSave { kk: "Сақтау", ru: "Сохранить", en: "Save" }
    AdminAdd { kk: "Қосу", ru: "Добавить", en: "Add" }
    AdminDelete { kk: "Жою", ru: "Удалить", en: "Delete" }
    AdminSaved { kk: "Сақталды.", ru: "Сохранено.", en: "Saved." }
    AdminSectionBasics { kk: "Негізгі мәліметтер", ru: "Основное", en: "Basics" }
    AdminSectionTimeline { kk: "Мерзімдер", ru: "Сроки", en: "Timeline" }
    AdminSectionNominations { kk: "Номинациялар", ru: "Номинации", en: "Nominations" }
    AdminSectionAgeGroups { kk: "Жас санаттары", ru: "Возрастные категории", en: "Age groups" }
    AdminSectionMatrix { kk: "Номинация × жас санаты", ru: "Номинации × возрастные категории", en: "Nominations × age groups" }
    AdminSectionRubric { kk: "Бағалау өлшемдері", ru: "Критерии оценки", en: "Rubric" }
    AdminSectionScoring { kk: "Қорытындылау әдісі", ru: "Подведение итогов", en: "Scoring" }
    AdminSectionAwards { kk: "Марапаттар", ru: "Награды", en: "Awards" }
    AdminSectionActions { kk: "Байқау күйі", ru: "Состояние конкурса", en: "Contest status" }
    FieldTitleKk { kk: "Атауы (қазақша)", ru: "Название (на казахском)", en: "Title (Kazakh)" }
    FieldTitleRu { kk: "Атауы (орысша)", ru: "Название (на русском)", en: "Title (Russian)" }
    FieldTitleEn { kk: "Атауы (ағылшынша)", ru: "Название (на английском)", en: "Title (English)" }
    FieldDescriptionKk { kk: "Қысқаша сипаттама (қазақша)", ru: "Краткое описание (на казахском)", en: "Short description (Kazakh)" }
    FieldDescriptionRu { kk: "Қысқаша сипаттама (орысша)", ru: "Краткое описание (на русском)", en: "Short description (Russian)" }
    FieldDescriptionEn { kk: "Қысқаша сипаттама (ағылшынша)", ru: "Краткое описание (на английском)", en: "Short description (English)" }
    FieldRulesKk { kk: "Ережесі (қазақша)", ru: "Положение (на казахском)", en: "Rules (Kazakh)" }
    FieldRulesRu { kk: "Ережесі (орысша)", ru: "Положение (на русском)", en: "Rules (Russian)" }
    FieldRulesEn { kk: "Ережесі (ағылшынша)", ru: "Положение (на английском)", en: "Rules (English)" }
    FieldNameKk { kk: "Атауы (қазақша)", ru: "Название (на казахском)", en: "Name (Kazakh)" }
    FieldNameRu { kk: "Атауы (орысша)", ru: "Название (на русском)", en: "Name (Russian)" }
    FieldNameEn { kk: "Атауы (ағылшынша)", ru: "Название (на английском)", en: "Name (English)" }
    FieldLevel { kk: "Деңгейі", ru: "Уровень", en: "Level" }
    FieldOrganiser { kk: "Ұйымдастырушы", ru: "Организатор", en: "Organiser" }
    FieldContacts { kk: "Байланыс (телефон, пошта)", ru: "Контакты (телефон, почта)", en: "Contacts (phone, email)" }
    FieldRubricPublic { kk: "Бағалау өлшемдерін жариялау", ru: "Показывать критерии оценки публично", en: "Show the rubric publicly" }
    FieldTimeZone { kk: "Уақыт белдеуі", ru: "Часовой пояс", en: "Time zone" }
    FieldOpen { kk: "Қабылдау басталады", ru: "Начало приёма", en: "Entries open" }
    FieldClose { kk: "Қабылдау аяқталады", ru: "Окончание приёма", en: "Entries close" }
    FieldJudgingEnd { kk: "Бағалау аяқталады", ru: "Окончание оценивания", en: "Judging ends" }
    FieldResults { kk: "Нәтижелер жарияланады", ru: "Объявление итогов", en: "Results are published" }
    FieldAgeCutoff { kk: "Жас қай күнге есептеледі", ru: "Дата, на которую считается возраст", en: "Ages are counted on" }
    FieldLocalTimeHint {
        kk: "Байқаудың уақыт белдеуіндегі жергілікті уақыт.",
        ru: "Местное время в часовом поясе конкурса.",
        en: "Local time in the contest's time zone.",
    }
    FieldKinds { kk: "Файл түрлері", ru: "Типы файлов", en: "Kinds of files" }
    FieldMaxFileMb { kk: "Файлдың ең үлкен көлемі, МБ", ru: "Максимальный размер файла, МБ", en: "Largest file, MB" }
    FieldMaxFiles { kk: "Бір жұмыстағы файл саны", ru: "Файлов в одной работе", en: "Files per entry" }
    FieldMaxEntries { kk: "Бір қатысушының жұмыс саны", ru: "Работ от одного участника", en: "Entries per participant" }
    FieldMinAge { kk: "Жасы, бастап", ru: "Возраст от", en: "Age from" }
    FieldMaxAge { kk: "Жасы, дейін", ru: "Возраст до", en: "Age to" }
    FieldMaxPoints { kk: "Ең көп ұпай", ru: "Максимум баллов", en: "Maximum points" }
    FieldWeight { kk: "Салмағы", ru: "Вес", en: "Weight" }
    FieldHalfPoints { kk: "Жарты ұпайға рұқсат", ru: "Можно ставить половину балла", en: "Half points allowed" }
    FieldForNomination { kk: "Номинация үшін", ru: "Для номинации", en: "For nomination" }
    FieldWholeContest { kk: "Бүкіл байқау", ru: "Весь конкурс", en: "Whole contest" }
    FieldAggregation { kk: "Қазылар бағаларын біріктіру", ru: "Как объединять оценки жюри", en: "Combining the judges' scores" }
    AggMean { kk: "Орташа мән", ru: "Среднее", en: "Mean" }
    AggTrimmedMean {
        kk: "Ең жоғары және ең төменгі бағасыз орташа (4 қазыдан бастап)",
        ru: "Среднее без высшей и низшей оценки (от 4 членов жюри)",
        en: "Mean without the highest and lowest (4 judges or more)",
    }
    AggMedian { kk: "Медиана", ru: "Медиана", en: "Median" }
    FieldNormalise {
        kk: "Әр қазының қатаңдығын теңестіру",
        ru: "Выравнивать строгость членов жюри",
        en: "Even out strict and lenient judges",
    }
    FieldTieBreak { kk: "Тең ұпай болса, шешуші өлшем", ru: "При равенстве баллов решает критерий", en: "Ties are broken by criterion" }
    TieBreakThenShared {
        kk: "Содан кейін де тең болса — орынды бөліседі.",
        ru: "Если и тогда равенство — место делится.",
        en: "If still tied, the place is shared.",
    }
    FieldNone { kk: "—", ru: "—", en: "—" }
    FieldGrandPrix { kk: "Гран-при", ru: "Гран-при", en: "Grand Prix" }
    GrandPrixNone { kk: "Жоқ", ru: "Нет", en: "None" }
    FieldFirstPlaces { kk: "I орын саны", ru: "Число I мест", en: "1st places" }
    FieldSecondPlaces { kk: "II орын саны", ru: "Число II мест", en: "2nd places" }
    FieldThirdPlaces { kk: "III орын саны", ru: "Число III мест", en: "3rd places" }
    FieldMentions { kk: "Ынталандыру саны", ru: "Поощрительных", en: "Honourable mentions" }
    FieldCertificates { kk: "Барлық қатысушыға сертификат", ru: "Сертификаты всем участникам", en: "Certificates for all participants" }
    FieldMinScore { kk: "Марапат үшін ең аз балл (0–100)", ru: "Минимальный балл для награды (0–100)", en: "Minimum score for an award (0–100)" }
    ActionPublish { kk: "Жариялау", ru: "Опубликовать", en: "Publish" }
    ActionCopy { kk: "Көшірме жасау (келесі жылға)", ru: "Копировать (на следующий год)", en: "Copy (for next year)" }
    ActionCloseEarly { kk: "Қабылдауды қазір жабу", ru: "Закрыть приём сейчас", en: "Close entries now" }
    ActionExtend { kk: "Мерзімді ұзарту", ru: "Продлить срок", en: "Extend the deadline" }
    ActionExtendFor { kk: "Бір қатысушыға ұзарту", ru: "Продлить для одного участника", en: "Extend for one entrant" }
    ActionArchive { kk: "Мұрағатқа жіберу", ru: "В архив", en: "Archive" }
    ActionDeleteDraft { kk: "Жобаны жою", ru: "Удалить черновик", en: "Delete draft" }
    FieldNewClose { kk: "Жаңа мерзім", ru: "Новый срок", en: "New deadline" }
    FieldEntrantEmail { kk: "Қатысушының поштасы", ru: "Почта участника", en: "Entrant's email" }
    AdminFrozenNote {
        kk: "Бағалау басталды: өлшемдер, әдіс және номинациялар енді өзгермейді.",
        ru: "Оценивание началось: критерии, метод и номинации больше не меняются.",
        en: "Judging has started: the rubric, the method and the nominations can no longer change.",
    }
    AdminNoNominations { kk: "Әзірге номинация жоқ.", ru: "Номинаций пока нет.", en: "No nominations yet." }
    AdminNoAgeGroups { kk: "Әзірге жас санаты жоқ.", ru: "Возрастных категорий пока нет.", en: "No age groups yet." }
    AdminNoCriteria { kk: "Әзірге өлшем жоқ.", ru: "Критериев пока нет.", en: "No criteria yet." }
    AdminContestsEmpty { kk: "Әзірге байқау жоқ.", ru: "Конкурсов пока нет.", en: "No contests yet." }
    ColPhase { kk: "Кезеңі", ru: "Этап", en: "Phase" }
    ColTitle { kk: "Атауы", ru: "Название", en: "Title" }
    ColDeadline { kk: "Қабылдау аяқталады", ru: "Приём до", en: "Entries close" }

    ErrTitleMissing {
        kk: "Кем дегенде бір тілде атауын жазыңыз.",
        ru: "Укажите название хотя бы на одном языке.",
        en: "Give a title in at least one language.",
    }
    ErrNameMissing {
        kk: "Кем дегенде бір тілде атауын жазыңыз.",
        ru: "Укажите название хотя бы на одном языке.",
        en: "Give a name in at least one language.",
    }
    ErrTextTooLong { kk: "Мәтін тым ұзын.", ru: "Текст слишком длинный.", en: "This text is too long." }
    ErrChooseOption { kk: "Тізімнен таңдаңыз.", ru: "Выберите из списка.", en: "Choose one of the options." }
    ErrChooseParticipant { kk: "Жұмыс кімдікі екенін таңдаңыз.", ru: "Выберите, чья это работа.", en: "Choose whose work this is." }
    ErrDateTime {
        kk: "Күн мен уақытты толық көрсетіңіз.",
        ru: "Укажите дату и время полностью.",
        en: "Enter a full date and time.",
    }
    ErrDate { kk: "Күнді көрсетіңіз (ЖЖЖЖ-АА-КК).", ru: "Укажите дату (ГГГГ-ММ-ДД).", en: "Enter a date (YYYY-MM-DD)." }
    ErrTimeZone { kk: "Мұндай уақыт белдеуі жоқ.", ru: "Такого часового пояса нет.", en: "Unknown time zone." }
    ErrCloseNotAfterOpen {
        kk: "Қабылдау басталғаннан кейін аяқталуы керек.",
        ru: "Приём должен заканчиваться позже, чем начинается.",
        en: "Entries must close after they open.",
    }
    ErrJudgingNotAfterClose {
        kk: "Бағалау қабылдау аяқталғаннан кейін бітуі керек.",
        ru: "Оценивание должно заканчиваться после окончания приёма.",
        en: "Judging must end after entries close.",
    }
    ErrResultsBeforeJudging {
        kk: "Нәтижелер бағалау аяқталғаннан ерте болмауы керек.",
        ru: "Итоги не могут быть раньше окончания оценивания.",
        en: "Results cannot come before judging ends.",
    }
    ErrWholeNumber { kk: "Бүтін сан жазыңыз.", ru: "Введите целое число.", en: "Enter a whole number." }
    ErrNoKinds { kk: "Кем дегенде бір файл түрін таңдаңыз.", ru: "Выберите хотя бы один тип файлов.", en: "Choose at least one kind of file." }
    ErrOutOfRange { kk: "Мән рұқсат етілген шектен тыс.", ru: "Значение вне допустимых пределов.", en: "This value is outside the allowed range." }
    ErrAgeRange {
        kk: "Жасы 0-ден 120-ға дейін, «бастап» «дейіннен» үлкен болмауы керек.",
        ru: "Возраст от 0 до 120, «от» не больше «до».",
        en: "Ages are 0 to 120, with “from” not above “to”.",
    }
    ErrAgeOverlap {
        kk: "Бұл жас санаты басқасымен қиылысады.",
        ru: "Эта возрастная категория пересекается с другой.",
        en: "This age group overlaps another.",
    }
    ErrFrozen {
        kk: "Бағалау басталды: бұл енді өзгермейді.",
        ru: "Оценивание уже началось: это больше нельзя менять.",
        en: "Judging has started: this can no longer be changed.",
    }
    ErrPublishIncomplete {
        kk: "Жариялау үшін атауы, барлық мерзімдері және кем дегенде бір номинациясы болуы керек.",
        ru: "Для публикации нужны название, все сроки и хотя бы одна номинация.",
        en: "To publish, the contest needs a title, the full timeline and at least one nomination.",
    }
    ErrNotDraft { kk: "Тек жобаны жоюға болады.", ru: "Удалить можно только черновик.", en: "Only drafts can be deleted." }
    ErrWrongPhase {
        kk: "Байқаудың қазіргі кезеңінде бұл әрекет мүмкін емес.",
        ru: "На текущем этапе конкурса это действие невозможно.",
        en: "This is not possible in the contest's current phase.",
    }
    ErrExtendNotLater {
        kk: "Жаңа мерзім қазіргіден кеш және бағалау аяқталғаннан ерте болуы керек.",
        ru: "Новый срок должен быть позже текущего и раньше окончания оценивания.",
        en: "The new deadline must be later than the current one and before judging ends.",
    }
    ErrNoSuchAccount { kk: "Мұндай поштамен тіркелгі жоқ.", ru: "Учётной записи с такой почтой нет.", en: "No account has this email." }
    ErrTieBreakRepeat {
        kk: "Бір өлшемді екі рет таңдауға болмайды.",
        ru: "Один критерий нельзя выбрать дважды.",
        en: "A criterion can be chosen only once.",
    }

    PagerLabel { kk: "Беттер", ru: "Страницы", en: "Pages" }
    PagerPrev { kk: "← Алдыңғы", ru: "← Назад", en: "← Previous" }
    PagerNext { kk: "Келесі →", ru: "Далее →", en: "Next →" }
    PagerStatus { kk: "{pages} беттің {page}-сі", ru: "Страница {page} из {pages}", en: "Page {page} of {pages}" }
    FieldPoster { kk: "Афиша", ru: "Афиша", en: "Poster" }
    PosterHint {
        kk: "PNG, JPEG немесе WebP сурет, 5 МБ-қа дейін.",
        ru: "Изображение PNG, JPEG или WebP, до 5 МБ.",
        en: "A PNG, JPEG or WebP image, up to 5 MB.",
    }
    PosterUpload { kk: "Афишаны жүктеу", ru: "Загрузить афишу", en: "Upload poster" }
    PosterAlt { kk: "Байқау афишасы", ru: "Афиша конкурса", en: "Contest poster" }
    PosterErrType {
        kk: "Бұл файл PNG, JPEG немесе WebP сурет емес.",
        ru: "Этот файл не является изображением PNG, JPEG или WebP.",
        en: "This file is not a PNG, JPEG or WebP image.",
    }
    PosterErrSize { kk: "Файл 5 МБ-тан үлкен.", ru: "Файл больше 5 МБ.", en: "The file is larger than 5 MB." }
    PosterErrStore {
        kk: "Файл сақталмады. Қайталап көріңіз; бұрынғы афиша орнында.",
        ru: "Файл не сохранился. Повторите попытку; прежняя афиша на месте.",
        en: "The file could not be saved. Try again; the previous poster is unchanged.",
    }
    MailResetSubject { kk: "Байқау: құпиясөзді қалпына келтіру", ru: "Байқау: восстановление пароля", en: "Baiqau: reset your password" }
    MailConfirmSubject { kk: "Байқау: поштаны растаңыз", ru: "Байқау: подтвердите почту", en: "Baiqau: confirm your email" }
    MailResetBody {
        kk: "Сәлеметсіз бе, {name}!\n\nЖаңа құпиясөз орнату үшін мына сілтемені ашыңыз (1 сағат жарамды):\n{link}\n\nЕгер сіз сұрамаған болсаңыз, бұл хатқа мән бермеңіз.",
        ru: "Здравствуйте, {name}!\n\nЧтобы задать новый пароль, откройте ссылку (действует 1 час):\n{link}\n\nЕсли вы не запрашивали смену пароля, просто проигнорируйте это письмо.",
        en: "Hello {name},\n\nTo set a new password, open this link (valid for 1 hour):\n{link}\n\nIf you did not ask for this, you can ignore this email.",
    }
    FieldTitle { kk: "Жұмыстың атауы", ru: "Название работы", en: "Title of the work" }
    FieldDescription { kk: "Жұмыс туралы қысқаша", ru: "Коротко о работе", en: "About the work" }
    FieldFullName { kk: "Қатысушының аты-жөні", ru: "ФИО участника", en: "Participant's full name" }
    FieldBirthDate { kk: "Туған күні", ru: "Дата рождения", en: "Date of birth" }
    FieldSchool { kk: "Мектеп немесе ұйым", ru: "Школа или организация", en: "School or organisation" }
    FieldCity { kk: "Қала / аудан", ru: "Город / район", en: "City / district" }
    FieldSupervisor { kk: "Жетекші (мұғалім)", ru: "Руководитель (педагог)", en: "Supervisor (teacher)" }
    FieldParticipant { kk: "Қатысушы", ru: "Участник", en: "Participant" }
    FieldNomination { kk: "Номинация", ru: "Номинация", en: "Nomination" }
    FieldReason { kk: "Себебі (қатысушы көреді)", ru: "Причина (её увидит участник)", en: "Reason (the entrant will see it)" }
    FieldFiles { kk: "Файлдар", ru: "Файлы", en: "Files" }
    FieldSearch { kk: "Іздеу: аты-жөні, атауы немесе түбіртек", ru: "Поиск: ФИО, название или номер квитанции", en: "Search: name, title or receipt" }
    FieldState { kk: "Күйі", ru: "Статус", en: "State" }
    FieldAgeGroup { kk: "Жас тобы", ru: "Возрастная группа", en: "Age group" }
    AnyOption { kk: "Барлығы", ru: "Все", en: "All" }
    ConsentText {
        kk: "Мен қатысушының ата-анасымын (заңды өкілімін) және оның жұмысы мен деректерін осы байқауға жіберуге және өңдеуге келісемін.",
        ru: "Я родитель (законный представитель) участника и согласен(на) на отправку его работы и обработку его данных для этого конкурса.",
        en: "I am the participant's parent or legal guardian and I agree to the submission of their work and the processing of their data for this contest.",
    }
    ConsentRecorded { kk: "Ата-ана келісімі алынды: {date}", ru: "Согласие родителя получено: {date}", en: "Guardian consent recorded: {date}" }
    ConsentNeeded {
        kk: "Қатысушы 18 жасқа толмаған: жұмысты жіберу үшін ата-ананың келісімі керек.",
        ru: "Участнику нет 18 лет: для отправки работы нужно согласие родителя.",
        en: "The participant is under 18: a guardian's consent is needed before the work can be submitted.",
    }
    SubmitWork { kk: "Жұмыс жіберу", ru: "Отправить работу", en: "Submit a work" }
    SubmitStepParticipant { kk: "1. Қатысушы", ru: "1. Участник", en: "1. Participant" }
    SubmitStepWork { kk: "2. Номинация және жұмыс", ru: "2. Номинация и работа", en: "2. Nomination and work" }
    SubmitStepFiles { kk: "3. Файлдар", ru: "3. Файлы", en: "3. Files" }
    SubmitStepReview { kk: "4. Тексеру және жіберу", ru: "4. Проверка и отправка", en: "4. Review and submit" }
    AddParticipant { kk: "Қатысушы қосу", ru: "Добавить участника", en: "Add a participant" }
    EditParticipant { kk: "Өзгерту", ru: "Изменить", en: "Edit" }
    NoParticipants {
        kk: "Әзірге қатысушы жоқ. Алдымен өзіңізді, балаңызды немесе оқушыңызды қосыңыз.",
        ru: "Участников пока нет. Сначала добавьте себя, ребёнка или ученика.",
        en: "No participants yet. First add yourself, your child or your pupil.",
    }
    MyParticipants { kk: "Қатысушыларым", ru: "Мои участники", en: "My participants" }
    MyEntries { kk: "Жұмыстарым", ru: "Мои работы", en: "My entries" }
    NoEntries { kk: "Әзірге жұмыс жоқ.", ru: "Работ пока нет.", en: "No entries yet." }
    SaveDraft { kk: "Жоба ретінде сақтау", ru: "Сохранить черновик", en: "Save draft" }
    CreateEntry { kk: "Жалғастыру: файлдар", ru: "Далее: файлы", en: "Continue: files" }
    SaveChanges { kk: "Өзгерістерді сақтау", ru: "Сохранить изменения", en: "Save changes" }
    SendEntry { kk: "Жұмысты жіберу", ru: "Отправить работу", en: "Submit the work" }
    WithdrawEntry { kk: "Жұмысты кері қайтарып алу", ru: "Отозвать работу", en: "Withdraw the work" }
    WithdrawConfirm {
        kk: "Кері алынған жұмысты қайта жіберу мүмкін емес. Жалғастырасыз ба?",
        ru: "Отозванную работу нельзя отправить снова. Продолжить?",
        en: "A withdrawn work cannot be submitted again. Continue?",
    }
    StateDraft { kk: "Жоба", ru: "Черновик", en: "Draft" }
    StateSubmitted { kk: "Жіберілді", ru: "Отправлена", en: "Submitted" }
    StateWithdrawn { kk: "Кері алынды", ru: "Отозвана", en: "Withdrawn" }
    StateDisqualified { kk: "Шеттетілді", ru: "Дисквалифицирована", en: "Disqualified" }
    ReceiptLabel { kk: "Түбіртек №", ru: "Квитанция №", en: "Receipt no." }
    SubmittedNotice {
        kk: "Жұмыс қабылданды. Түбіртек нөмірі: {receipt}. Растау хаты поштаңызға жіберілді.",
        ru: "Работа принята. Номер квитанции: {receipt}. Подтверждение отправлено на вашу почту.",
        en: "Your work is in. Receipt number: {receipt}. A confirmation has been sent to your email.",
    }
    DeadlineNote { kk: "Өзгертуге болады: {date} дейін", ru: "Можно изменить до {date}", en: "Can be changed until {date}" }
    ClosedNote { kk: "Жұмыс қабылдау аяқталды: өзгерту мүмкін емес.", ru: "Приём работ завершён: изменения невозможны.", en: "Submissions are closed: no more changes." }
    DisqualifiedNote { kk: "Жұмыс шеттетілді. Себебі: {reason}", ru: "Работа дисквалифицирована. Причина: {reason}", en: "This work was disqualified. Reason: {reason}" }
    UploadChoose { kk: "Файл таңдау", ru: "Выбрать файл", en: "Choose a file" }
    UploadSend { kk: "Жүктеу", ru: "Загрузить", en: "Upload" }
    UploadCancel { kk: "Тоқтату", ru: "Отменить", en: "Cancel" }
    UploadRules { kk: "Рұқсат: {kinds}; бір файл {mb} МБ-қа дейін; бір жұмыста ең көбі {files} файл.", ru: "Можно: {kinds}; файл до {mb} МБ; файлов в работе — не больше {files}.", en: "Allowed: {kinds}; up to {mb} MB a file; files per entry: up to {files}." }
    UploadProgress {
        kk: "{percent}\u{a0}% · {done} / {total} · {speed}/с · қалды {left}",
        ru: "{percent}\u{a0}% · {done} из {total} · {speed}/с · осталось {left}",
        en: "{percent}% · {done} of {total} · {speed}/s · {left} left",
    }
    UploadResumeHint {
        kk: "Аяқталмаған жүктеу: жалғастыру үшін сол файлды қайта таңдаңыз.",
        ru: "Незавершённая загрузка: выберите тот же файл, чтобы продолжить.",
        en: "Unfinished upload: choose the same file again to continue.",
    }
    UploadDone { kk: "Жүктелді", ru: "Загружено", en: "Uploaded" }
    UploadFailed { kk: "Жүктеу үзілді: {reason}", ru: "Загрузка прервалась: {reason}", en: "The upload stopped: {reason}" }
    UploadRetrying {
        kk: "{percent}\u{a0}% · Байланыс үзілді — қайта қосылғанда өздігінен жалғасады. Жүктелгені сақталды.",
        ru: "{percent}\u{a0}% · Связь прервалась — загрузка продолжится сама, когда связь вернётся. Загруженное сохранено.",
        en: "{percent}% · Connection lost — the upload goes on by itself when it returns. What was sent is kept.",
    }
    DeleteFile { kk: "Жою", ru: "Удалить", en: "Delete" }
    DownloadFile { kk: "Жүктеп алу", ru: "Скачать", en: "Download" }
    NoFilesYet { kk: "Файл әлі жоқ.", ru: "Файлов пока нет.", en: "No files yet." }
    FileNamesParticipant {
        kk: "Файлдың бірінші бетінде қатысушының аты тұр. Байқау жасырын бағаланады: әділқазылар авторды білмеуі керек. Атын алып тастап, файлды қайта жүктеген жөн.",
        ru: "На первой странице файла указано имя участника. Конкурс оценивается вслепую: жюри не должно знать автора. Лучше убрать имя и загрузить файл заново.",
        en: "The file's first page shows the participant's name. Judging is blind: the jury must not know who made the work. Better remove the name and upload the file again.",
    }
    FileNoBlindCopy {
        kk: "Бұл файлды әділқазылар үшін дайындау мүмкін болмады (ол зақымдалған, шифрланған не 512 МБ-тан үлкен): оны әділқазылар көрмейді. Файлды қайта, басқа пішімде (PDF) не кішірек етіп жүктеңіз.",
        ru: "Этот файл не удалось подготовить для жюри (он повреждён, зашифрован или больше 512 МБ): жюри его не увидит. Загрузите файл заново, в другом формате (PDF) или меньшего размера.",
        en: "This file could not be prepared for the jury (it is damaged, encrypted or larger than 512 MB): judges will not see it. Upload it again, in another format (PDF) or smaller.",
    }
    ThumbPending { kk: "Алдын ала көрініс дайындалуда…", ru: "Превью готовится…", en: "Preview on its way…" }
    EntriesTitle { kk: "Жұмыстар", ru: "Работы", en: "Entries" }
    EntriesCount { kk: "Табылды: {n}", ru: "Найдено: {n}", en: "Found: {n}" }
    Filter { kk: "Сүзу", ru: "Фильтровать", en: "Filter" }
    ExportCsv { kk: "CSV экспорты", ru: "Экспорт CSV", en: "Export CSV" }
    ExportXlsx { kk: "Excel экспорты", ru: "Экспорт Excel", en: "Export Excel" }
    Disqualify { kk: "Шеттету", ru: "Дисквалифицировать", en: "Disqualify" }
    Reinstate { kk: "Қайтару", ru: "Восстановить", en: "Reinstate" }
    ColReceipt { kk: "Түбіртек", ru: "Квитанция", en: "Receipt" }
    ColState { kk: "Күйі", ru: "Статус", en: "State" }
    ColAgeGroup { kk: "Жас тобы", ru: "Возрастная группа", en: "Age group" }
    ColEntrant { kk: "Жіберуші", ru: "Отправитель", en: "Entrant" }
    ColFiles { kk: "Файлдар", ru: "Файлы", en: "Files" }
    ColSubmittedAt { kk: "Жіберілген уақыты", ru: "Когда отправлена", en: "Submitted at" }
    EntrantLabel { kk: "Жіберуші: {name} ({email})", ru: "Отправитель: {name} ({email})", en: "Entrant: {name} ({email})" }
    MailSubmittedSubject { kk: "Байқау: жұмыс қабылданды, түбіртек {receipt}", ru: "Байқау: работа принята, квитанция {receipt}", en: "Baiqau: work received, receipt {receipt}" }
    MailSubmittedBody {
        kk: "Сәлеметсіз бе, {name}!\n\n«{title}» жұмысы ({participant}) «{contest}» байқауына қабылданды.\nТүбіртек нөмірі: {receipt}\n\nЖұмысты қабылдау аяқталғанша өзгертуге болады:\n{link}",
        ru: "Здравствуйте, {name}!\n\nРабота «{title}» ({participant}) принята на конкурс «{contest}».\nНомер квитанции: {receipt}\n\nДо окончания приёма работу можно изменить:\n{link}",
        en: "Hello {name},\n\nThe work \"{title}\" ({participant}) has been received by the contest \"{contest}\".\nReceipt number: {receipt}\n\nYou can change it until submissions close:\n{link}",
    }
    ErrRequired { kk: "Толтырыңыз.", ru: "Заполните это поле.", en: "Please fill this in." }
    ErrControlChars { kk: "Мәтінде жарамсыз таңбалар бар.", ru: "В тексте недопустимые символы.", en: "This text contains characters that are not allowed." }
    ErrBirthDate { kk: "Туған күні шынайы емес.", ru: "Дата рождения выглядит неверной.", en: "This date of birth does not look right." }
    ErrEntriesNotOpen { kk: "Жұмыс қабылдау әлі басталған жоқ.", ru: "Приём работ ещё не начался.", en: "Submissions are not open yet." }
    ErrEntriesClosed { kk: "Жұмыс қабылдау аяқталды: өзгерістер қабылданбайды.", ru: "Приём работ завершён: изменения не принимаются.", en: "Submissions are closed: changes are no longer accepted." }
    ErrEntryWithdrawn { kk: "Бұл жұмыс кері алынған.", ru: "Эта работа отозвана.", en: "This work was withdrawn." }
    ErrEntryJudged { kk: "Бұл жұмыс бағаланып жатыр: енді өзгертуге болмайды. Қате болса, ұйымдастырушыға жазыңыз.", ru: "Эту работу уже оценивают: изменить её нельзя. Если в ней ошибка, напишите организатору.", en: "This work is being judged: it can no longer change. If something is wrong with it, write to the organiser." }
    ErrNotJudged { kk: "Бұл жұмысқа әлі баға қойылмаған.", ru: "Эту работу ещё не оценивали.", en: "No judge has scored this work yet." }
    UnfreezeTitle { kk: "Өзгертуге рұқсат беру", ru: "Разрешить изменения", en: "Allow changes" }
    UnfreezeHint { kk: "Жұмыс бағаланды. Қатысушыға өзгертуге рұқсат берсеңіз, қазылардың парақтары оларға қайта бағалауға оралады.", ru: "Работа оценена. Если разрешить участнику изменения, листы членов жюри вернутся к ним на повторную оценку.", en: "This work has been scored. Allowing the entrant to change it sends the judges' sheets back to them to score again." }
    UnfreezeButton { kk: "Қайта бағалауға жіберу", ru: "Вернуть на повторную оценку", en: "Send back for re-scoring" }
    ErrEntryDisqualified { kk: "Бұл жұмыс шеттетілген.", ru: "Эта работа дисквалифицирована.", en: "This work was disqualified." }
    ErrNoAgeGroup { kk: "Қатысушының жасы байқаудың жас топтарының ешқайсысына сәйкес келмейді.", ru: "Возраст участника не подходит ни под одну возрастную группу конкурса.", en: "The participant's age fits none of the contest's age groups." }
    ErrNominationNotForAge { kk: "Бұл номинация қатысушының жас тобына ашық емес.", ru: "Эта номинация не открыта для возрастной группы участника.", en: "This nomination is not open to the participant's age group." }
    ErrEntryLimit { kk: "Бұл қатысушы осы номинацияда рұқсат етілген жұмыс санын жіберіп қойған.", ru: "Участник уже подал максимальное число работ в этой номинации.", en: "This participant already has the most entries this nomination allows." }
    ErrMoveWithFiles { kk: "Файлдары бар жұмыстың номинациясын өзгертуге болмайды: алдымен файлдарды жойыңыз.", ru: "Нельзя сменить номинацию у работы с файлами: сначала удалите файлы.", en: "A work with files cannot move to another nomination: delete its files first." }
    ErrEntryChanged { kk: "Жұмыс басқа жерде өзгертілді. Бетті жаңартыңыз.", ru: "Работа изменилась в другом окне. Обновите страницу.", en: "The work changed elsewhere. Reload the page." }
    ErrNoFiles { kk: "Жіберер алдында кемінде бір файл жүктеңіз.", ru: "Перед отправкой загрузите хотя бы один файл.", en: "Upload at least one file before submitting." }
    ErrConsentMissing { kk: "Жіберу үшін қатысушының ата-анасының келісімін белгілеңіз.", ru: "Для отправки отметьте согласие родителя участника.", en: "Record the guardian's consent for the participant before submitting." }
    ErrLastFile { kk: "Жіберілген жұмыстың жалғыз файлын жоюға болмайды: алдымен жаңасын жүктеңіз.", ru: "Нельзя удалить единственный файл отправленной работы: сначала загрузите новый.", en: "The only file of a submitted work cannot be deleted: upload the new one first." }
    ErrOnlySubmitted { kk: "Тек жіберілген жұмысты шеттетуге болады.", ru: "Дисквалифицировать можно только отправленную работу.", en: "Only a submitted work can be disqualified." }
    ErrOnlyDisqualified { kk: "Бұл жұмыс шеттетілмеген.", ru: "Эта работа не дисквалифицирована.", en: "This work is not disqualified." }
    ErrFileType { kk: "Бұл файл түрі осы номинацияға рұқсат етілмеген (файлдың мазмұны бойынша тексеріледі).", ru: "Этот тип файла не разрешён в номинации (проверяется по содержимому файла).", en: "This kind of file is not allowed in this nomination (checked by the file's content)." }
    ErrFileSize { kk: "Файл осы номинацияда рұқсат етілген өлшемнен үлкен.", ru: "Файл больше, чем разрешено в этой номинации.", en: "The file is larger than this nomination allows." }
    ErrFileCount { kk: "Бұл жұмыста файл саны шегіне жетті.", ru: "У работы уже максимальное число файлов.", en: "This work already has the most files allowed." }
    ErrFileDamaged { kk: "Файл толық жеткен жоқ (бақылау сомасы сәйкес емес). Қайта жүктеңіз.", ru: "Файл дошёл повреждённым (контрольная сумма не совпала). Загрузите снова.", en: "The file arrived damaged (checksum mismatch). Upload it again." }
    ErrImageTooLarge { kk: "Суреттің өлшемі тым үлкен (16 384 пиксельден аспауы керек).", ru: "Слишком большое изображение (не больше 16 384 пикселей по стороне).", en: "The image is too large (at most 16,384 pixels a side)." }
    ErrStorage { kk: "Файл сақталмады (сервердің дискісі). Кейінірек қайталаңыз; бұрынғы файлдар орнында.", ru: "Файл не сохранился (диск сервера). Повторите позже; прежние файлы на месте.", en: "The file could not be stored (server disk). Try again later; earlier files are unchanged." }
    ErrNoFileChosen { kk: "Файлды таңдаңыз.", ru: "Выберите файл.", en: "Choose a file." }
    ErrArchiveUnsafe {
        kk: "Бұл құжатты қабылдай алмаймыз: ол зақымдалған немесе ашылғанда көлемінен әлдеқайда үлкен болады. Оны редакторда қайта сақтаңыз немесе PDF етіп жіберіңіз.",
        ru: "Этот документ не можем принять: он повреждён или при распаковке становится намного больше своего размера. Сохраните его заново в редакторе или отправьте в PDF.",
        en: "We cannot accept this document: it is damaged or unpacks to far more than its size. Save it again from your editor, or send it as a PDF.",
    }
    NavJudging { kk: "Бағалау", ru: "Оценивание", en: "Judging" }
    JudgingTitle { kk: "Бағалау", ru: "Оценивание", en: "Judging" }
    JudgeQueueTitle { kk: "Менің бағалауым", ru: "Мои работы на оценку", en: "My works to score" }
    JudgeQueueEmpty { kk: "Қазір бағалайтын жұмыс жоқ.", ru: "Сейчас нет работ для оценки.", en: "Nothing to score right now." }
    JudgeProgress { kk: "Бағаланды: {done} / {total}", ru: "Оценено: {done} из {total}", en: "Scored: {done} of {total}" }
    JudgeStateLeft { kk: "Басталмаған", ru: "Не начата", en: "Not started" }
    JudgeStateDraft { kk: "Басталды", ru: "Начата", en: "In progress" }
    JudgeStateSubmitted { kk: "Бағаланды", ru: "Оценена", en: "Scored" }
    JudgeAllDone { kk: "Барлық жұмыс бағаланды. Рақмет!", ru: "Все работы оценены. Спасибо!", en: "Every work is scored. Thank you!" }
    JudgeRecused { kk: "Сіз бұл жұмыстан бас тарттыңыз.", ru: "Вы взяли самоотвод от этой работы.", en: "You stepped back from that work." }
    ScoreCode { kk: "Жұмыс коды", ru: "Код работы", en: "Work code" }
    ScoreComment { kk: "Қатысушыға пікір", ru: "Комментарий для участника", en: "Comment for the entrant" }
    ScoreNote { kk: "Жеке жазба (тек сізге)", ru: "Личная заметка (видна только вам)", en: "Private note (only you see it)" }
    ScoreSave { kk: "Сақтау", ru: "Сохранить", en: "Save" }
    ScoreSubmit { kk: "Бағаны жіберу", ru: "Отправить оценку", en: "Submit scores" }
    ScoreSubmitNext { kk: "Жіберу және келесі", ru: "Отправить и далее", en: "Submit and next" }
    ScoreSaved { kk: "Сақталды", ru: "Сохранено", en: "Saved" }
    ScoreSavedExcept {
        kk: "Сақталды, белгіленген баллдан басқасы: оны түзетіңіз.",
        ru: "Сохранено, кроме отмеченного балла: исправьте его.",
        en: "Saved, except the marked points: please correct them.",
    }
    ScoreSaving { kk: "Сақталуда…", ru: "Сохраняется…", en: "Saving…" }
    ScoreOffline {
        kk: "Байланыс жоқ — кезекте {changes}: байланыс оралғанда жіберіледі.",
        ru: "Нет связи — в очереди {changes}: отправим, когда связь вернётся.",
        en: "Offline — {changes} waiting, to be sent when the connection returns.",
    }
    ScoreSubmittedNote { kk: "Баға жіберілді. Бағалау аяқталғанша өзгертуге болады.", ru: "Оценка отправлена. Её можно изменить до конца оценивания.", en: "Scores submitted. You can revise them until judging ends." }
    ScoreClosedNote { kk: "Бағалау уақыты емес: баға қабылданбайды.", ru: "Сейчас не время оценивания: оценки не принимаются.", en: "Judging is not open: scores are not accepted now." }
    ScoreKeysHint {
        kk: "↑ ↓ — бір қадам жоғары не төмен; Tab — келесі өріс; Enter — жіберу және келесі жұмыс.",
        ru: "↑ ↓ — на шаг больше или меньше; Tab — следующее поле; Enter — отправить и перейти к следующей работе.",
        en: "↑ ↓ one step up or down; Tab moves to the next field; Enter submits and opens the next work.",
    }
    ScoreTotal { kk: "Салмақталған жиынтық: {total}", ru: "Взвешенный итог: {total}", en: "Weighted total: {total}" }
    ScoreTotalPartial { kk: "{all} критерийдің {filled} бағаланды", ru: "оценено критериев: {filled} из {all}", en: "{filled} of {all} criteria scored" }
    ScoreTotalNone { kk: "Әлі ұпай қойылмаған", ru: "Баллов пока нет", en: "No points yet" }
    WorkNoFiles { kk: "Бұл жұмысқа файл тіркелмеген.", ru: "К этой работе не приложены файлы.", en: "No files were attached to this work." }
    JudgeNextUnscored { kk: "Келесі бағаланбаған жұмыс", ru: "Следующая неоценённая работа", en: "Next unscored work" }
    JudgeQueueNoneShown { kk: "Бұл сүзгіге сай жұмыс жоқ.", ru: "Под этот фильтр работ нет.", en: "No works match this filter." }
    ScoreOutOf { kk: "{max} ұпайдан", ru: "из {max}", en: "out of {max}" }
    ScoreColleagues { kk: "Әріптестердің бағасы (максимумнан %)", ru: "Оценки коллег (% от максимума)", en: "Colleagues' totals (% of the maximum)" }
    RecuseTitle { kk: "Бас тарту (мүдделер қақтығысы)", ru: "Самоотвод (конфликт интересов)", en: "Step back (conflict of interest)" }
    RecuseButton { kk: "Бас тарту", ru: "Взять самоотвод", en: "Step back" }
    ZoomHint { kk: "Үлкейту үшін суретті басыңыз", ru: "Нажмите на изображение, чтобы увеличить", en: "Click the image to zoom" }
    JoinTitle { kk: "Қазылар алқасына шақыру", ru: "Приглашение в жюри", en: "Invitation to the jury" }
    JoinExisting { kk: "{email} тіркелгісі бар: құпиясөзді енгізіңіз.", ru: "У адреса {email} уже есть учётная запись: введите её пароль.", en: "{email} already has an account: enter its password." }
    JoinNew { kk: "{email} үшін тіркелгі жасалады.", ru: "Для {email} будет создана учётная запись.", en: "An account will be created for {email}." }
    JoinButton { kk: "Қабылдау", ru: "Принять", en: "Accept" }
    JudgesTitle { kk: "Қазылар", ru: "Судьи", en: "Judges" }
    InviteJudge { kk: "Қазыны шақыру", ru: "Пригласить судью", en: "Invite a judge" }
    FieldOrganisation { kk: "Ұйымы (мүдделер қақтығысы үшін)", ru: "Организация (для конфликта интересов)", en: "Organisation (for conflicts of interest)" }
    PanelsTitle { kk: "Алқалар", ru: "Составы жюри", en: "Panels" }
    PanelModeAll { kk: "Алқаның бәрі әр жұмысты бағалайды", ru: "Весь состав оценивает каждую работу", en: "The whole panel scores every work" }
    PanelModeBalanced { kk: "Әр жұмысқа k қазы, жүктеме тең", ru: "k судей на работу, нагрузка поровну", en: "k judges per work, even loads" }
    FieldK { kk: "Бір жұмысқа қазы саны (k)", ru: "Судей на работу (k)", en: "Judges per work (k)" }
    FieldMode { kk: "Тағайындау тәсілі", ru: "Способ назначения", en: "Assignment" }
    AllAgeGroups { kk: "Барлық жас топтары", ru: "Все возрастные группы", en: "All age groups" }
    SavePanel { kk: "Алқаны сақтау", ru: "Сохранить состав", en: "Save panel" }
    AssignButton { kk: "Жұмыстарды тағайындау", ru: "Назначить работы", en: "Assign works" }
    AssignHint { kk: "Тек қосады: жазылған бағалар орнында қалады. Кеш келген жұмыстардан немесе бас тартудан кейін қайта іске қосыңыз.", ru: "Только добавляет: выставленные оценки остаются. Запустите снова после поздних работ или самоотвода.", en: "Only adds: scores already written stay. Run again after late entries or a recusal." }
    ManualAssign { kk: "Қолмен тағайындау", ru: "Назначить вручную", en: "Assign by hand" }
    AssignAdd { kk: "Тағайындау", ru: "Назначить", en: "Assign" }
    AssignRemove { kk: "Алып тастау", ru: "Снять", en: "Unassign" }
    ProgressTitle { kk: "Барысы", ru: "Ход оценивания", en: "Progress" }
    RemindButton { kk: "Жұмысы қалған қазыларға еске салу", ru: "Напомнить судьям с неоценёнными работами", en: "Remind judges with work left" }
    StatsTitle { kk: "Қазылар статистикасы", ru: "Статистика судей", en: "Judges' statistics" }
    StatsNone { kk: "{assigned} жұмыс тағайындалды · әлі баға жоқ", ru: "назначено работ: {assigned} · оценок пока нет", en: "{assigned} assigned · no scores yet" }
    StatsLine { kk: "{submitted}/{assigned} бағаланды · орташа {mean}% · σ {sd}", ru: "оценено {submitted} из {assigned} · среднее {mean}% · σ {sd}", en: "{submitted} of {assigned} scored · mean {mean}% · σ {sd}" }
    RawScore { kk: "түзетусіз:", ru: "без нормирования:", en: "raw:" }
    MenuButton { kk: "Мәзір", ru: "Меню", en: "Menu" }
    WorkDraft { kk: "Жоба: әлі жіберілмеген", ru: "Черновик: ещё не отправлена", en: "Draft: not sent yet" }
    WorkDraftClosed { kk: "Жіберілмеген: қабылдау жабылды", ru: "Не отправлена: приём закрыт", en: "Not sent: entries are closed" }
    WorkSubmitted { kk: "Жіберілді", ru: "Отправлена", en: "Submitted" }
    WorkJudging { kk: "Қазылар бағалап жатыр", ru: "Оценивается жюри", en: "Being judged" }
    WorkPlace { kk: "{place}-орын · {award}", ru: "{place} место · {award}", en: "Place {place} · {award}" }
    WorkResultsOut { kk: "Нәтижелер жарияланды", ru: "Итоги опубликованы", en: "Results are out" }
    WorkChangeUntil { kk: "Өзгертуге болатын мерзім:", ru: "Можно изменить до", en: "Can be changed until" }
    WorkSendUntil { kk: "Жіберу мерзімі:", ru: "Отправить до", en: "Send by" }
    WorkFinish { kk: "Аяқтап, жіберу", ru: "Завершить и отправить", en: "Finish and send" }
    WorkOpen { kk: "Ашу", ru: "Открыть", en: "Open" }
    ZoneNote { kk: "Уақыт белдеуі", ru: "Часовой пояс", en: "Time zone" }
    ReliabilityTitle { kk: "Қазылар келісімі", ru: "Согласованность жюри", en: "Jury agreement" }
    ReliabilityIntro { kk: "Әр номинация мен жас тобы бойынша, тапсырылған бағалау парақтарының жиынынан. Әр жұмысты бірдей қазылар бағалағанда: ICC(2,1) — бір қазының бағасының сенімділігі, ICC(2,k) — k қазының орташа бағасының сенімділігі, рейтинг осы орташаға сүйенеді (Shrout & Fleiss, 1979). Әйтпесе: Криппендорфтың интервалдық альфасы. 1 — толық келісім, 0 — кездейсоқтықтан артық емес.", ru: "По каждой номинации и возрастной группе, по итогам отправленных оценочных листов. Если каждую работу оценили одни и те же судьи: ICC(2,1) — надёжность оценки одного судьи, ICC(2,k) — надёжность средней оценки k судей, по которой строится рейтинг (Shrout & Fleiss, 1979). Иначе: альфа Криппендорфа с интервальной метрикой. 1 — полное согласие, 0 — не лучше случайности.", en: "Per nomination and age group, from the totals of the submitted score sheets. When every work was scored by the same judges: ICC(2,1), the reliability of one judge's score, and ICC(2,k), the reliability of the mean of k judges, which the ranking uses (Shrout & Fleiss, 1979). Otherwise: Krippendorff's alpha with the interval metric. 1 is full agreement, 0 is no better than chance." }
    ReliabilityIcc { kk: "ICC(2,1) = {single} · ICC(2,{k}) = {average}", ru: "ICC(2,1) = {single} · ICC(2,{k}) = {average}", en: "ICC(2,1) = {single} · ICC(2,{k}) = {average}" }
    ReliabilityAlpha { kk: "Криппендорф альфасы α = {alpha}", ru: "Альфа Криппендорфа α = {alpha}", en: "Krippendorff's alpha α = {alpha}" }
    ReliabilityBasis { kk: "екі не одан көп қазы бағалаған жұмыстар: {works} · қазылар: {judges}", ru: "работ, оценённых двумя судьями и более: {works} · судей: {judges}", en: "works scored by two judges or more: {works} · judges: {judges}" }
    ReadingExcellent { kk: "Қазылар өте жақсы келіседі: рейтингке сенуге болады.", ru: "Жюри согласовано отлично: рейтингу можно доверять.", en: "The jury agrees very well: the ranking can be trusted." }
    ReadingGood { kk: "Қазылар жақсы келіседі.", ru: "Жюри согласовано хорошо.", en: "The jury agrees well." }
    ReadingModerate { kk: "Қазылар орташа келіседі: жариялау алдында алшақ бағаланған жұмыстарды қарап шығыңыз.", ru: "Жюри согласовано умеренно: перед публикацией просмотрите работы с расхождением оценок.", en: "The jury agrees moderately: look at the works they disagree on before publishing." }
    ReadingPoor { kk: "Қазылар нашар келіседі: орын кімнің бағалағанына байланысты. Жариялау алдында қазылармен критерийлерді талқылаңыз немесе қазы қосыңыз.", ru: "Жюри согласовано слабо: место зависит от того, кто оценивал. Перед публикацией обсудите критерии с судьями или добавьте судей.", en: "The jury agrees poorly: a work's place depends on who judged it. Before publishing, discuss the criteria with the judges or add judges." }
    ReliabilityOneJudge { kk: "Мұнда әзірге бір ғана қазы бағалады: келісімді өлшеуге болмайды.", ru: "Здесь пока оценивал только один судья: согласованность измерить нельзя.", en: "Only one judge has scored here so far: agreement cannot be measured." }
    ReliabilityTooFew { kk: "Екі қазы бағалаған жұмыс екіден аз: келісімді өлшеуге әлі ерте.", ru: "Работ, оценённых двумя судьями, меньше двух: измерять согласованность рано.", en: "Fewer than two works have been scored by two judges: too early to measure agreement." }
    ReliabilityNoVariation { kk: "Бағалар бірдей: келісімді кездейсоқтықтан ажырату мүмкін емес.", ru: "Оценки одинаковы: согласие нельзя отличить от случайности.", en: "The scores are all alike: agreement cannot be told from chance." }
    LeaningsTitle { kk: "Әр қазының қатаңдығы", ru: "Строгость каждого судьи", en: "How each judge leans" }
    LeaningsHint { kk: "Қатаңдық: қазы ортақ жұмыстарда әріптестерінің орташасынан неше балл (100-ден) жоғары (+) не төмен (−) қояды. Тұрақтылық: қазы бағалары мен әріптестер орташасы арасындағы Пирсон r (1 — жұмыстарды басқалар сияқты реттейді).", ru: "Строгость: на сколько баллов из 100 судья ставит выше (+) или ниже (−) среднего коллег на тех же работах. Последовательность: r Пирсона между оценками судьи и этим средним (1 — упорядочивает работы так же, как коллеги).", en: "Severity: how many points of 100 the judge gives above (+) or below (−) the co-judges' mean on the same works. Consistency: Pearson's r between the judge's scores and that mean (1: orders the works as the others do)." }
    ColJudge { kk: "Қазы", ru: "Судья", en: "Judge" }
    ColShared { kk: "Ортақ жұмыстар", ru: "Общих работ", en: "Shared works" }
    ColSeverity { kk: "Қатаңдық, балл", ru: "Строгость, баллы", en: "Severity, points" }
    ColConsistency { kk: "Тұрақтылық, r", ru: "Последовательность, r", en: "Consistency, r" }
    LeanHarsher { kk: "басқалардан қатаң", ru: "строже других", en: "harsher than the others" }
    LeanMilder { kk: "басқалардан жұмсақ", ru: "мягче других", en: "milder than the others" }
    LowCoverageTitle { kk: "Бағасы жеткіліксіз жұмыстар", ru: "Работы с недостаточным числом оценок", en: "Works with too few scores" }
    DisagreementTitle { kk: "Бағалары қатты алшақ жұмыстар", ru: "Работы с большим расхождением оценок", en: "Works with high disagreement" }
    ConflictsTitle { kk: "Мүдделер қақтығысы", ru: "Конфликты интересов", en: "Conflicts of interest" }
    ConflictOwn { kk: "өз жұмысы", ru: "своя работа", en: "own entry" }
    ConflictOrganisation { kk: "бір ұйым", ru: "та же организация", en: "same organisation" }
    ConflictSupervisor { kk: "жетекшісі", ru: "руководитель", en: "supervisor" }
    ConflictRecused { kk: "бас тартты: {reason}", ru: "самоотвод: {reason}", en: "stepped back: {reason}" }
    JudgingSettings { kk: "Бағалау баптаулары", ru: "Настройки оценивания", en: "Judging settings" }
    FieldBlind { kk: "Жасырын бағалау (қазылар тек кодты көреді)", ru: "Слепое оценивание (судьи видят только код)", en: "Blind judging (judges see only the code)" }
    FieldSeeColleagues { kk: "Өз бағасын жібергеннен кейін әріптестердің бағасын көрсету", ru: "Показывать оценки коллег после отправки своей", en: "Show colleagues' scores after a judge submits their own" }
    FieldDisagreement { kk: "Алшақтық шегі (максимумнан %)", ru: "Порог расхождения (% от максимума)", en: "Disagreement threshold (% of the maximum)" }
    NoneYet { kk: "Әзірге жоқ.", ru: "Пока нет.", en: "None yet." }
    FlagLine { kk: "{done}/{wanted} баға", ru: "оценок {done} из {wanted}", en: "{done} of {wanted} scores" }
    MailInviteSubject { kk: "Байқау: «{contest}» қазылар алқасына шақыру", ru: "Байқау: приглашение в жюри «{contest}»", en: "Baiqau: invitation to judge \"{contest}\"" }
    MailInviteBody {
        kk: "Сәлеметсіз бе!\n\nСізді «{contest}» байқауының қазылар алқасына шақырады. Қабылдау үшін сілтемені ашыңыз (14 күн жарамды):\n{link}",
        ru: "Здравствуйте!\n\nВас приглашают в жюри конкурса «{contest}». Чтобы принять приглашение, откройте ссылку (действует 14 дней):\n{link}",
        en: "Hello,\n\nYou are invited to judge the contest \"{contest}\". To accept, open this link (valid for 14 days):\n{link}",
    }
    MailRemindSubject { kk: "Байқау: «{contest}» бағалауы күтіп тұр", ru: "Байқау: работы «{contest}» ждут оценки", en: "Baiqau: works in \"{contest}\" await your scores" }
    MailRemindBody {
        kk: "Сәлеметсіз бе, {name}!\n\n«{contest}» байқауында сізді {left} жұмыс күтіп тұр:\n{link}",
        ru: "Здравствуйте, {name}!\n\nВ конкурсе «{contest}» вас ждут работы: {left}.\n{link}",
        en: "Hello {name},\n\n{left} works in \"{contest}\" are waiting for your scores:\n{link}",
    }
    ErrInvitationInvalid { kk: "Шақыру сілтемесі жарамсыз немесе мерзімі өтті. Ұйымдастырушыдан жаңасын сұраңыз.", ru: "Ссылка-приглашение недействительна или устарела. Попросите организатора прислать новую.", en: "This invitation link is not valid or has expired. Ask the organiser for a new one." }
    ErrTooFewJudges { kk: "Алқада k-дан кем қазы бар.", ru: "В составе меньше судей, чем k.", en: "The panel has fewer judges than k." }
    ErrNoSuchCode { kk: "Мұндай кодты жұмыс жоқ.", ru: "Работы с таким кодом нет.", en: "No work has this code." }
    Yes { kk: "Иә", ru: "Да", en: "Yes" }
    ColCounted { kk: "Есепке алынды", ru: "Учтено", en: "Counted" }
    ResultsDroppedOverrides { kk: "Бұл шешімдер жаңа нұсқаға ауыспады: жұмыстар енді рейтингте жоқ. Қайта қарап шығыңыз:", ru: "Эти решения не перенесены в новую версию: работ больше нет в рейтинге. Проверьте их:", en: "These overrides were not carried over to the new version: the works are no longer ranked. Review them:" }
    ExplainExcluded { kk: "Есепке алынбады: {list}", ru: "Не учтены: {list}", en: "Not counted: {list}" }
    ExcludedDraft { kk: "жіберілмеген парақ", ru: "неотправленный лист", en: "a sheet not submitted" }
    ExcludedRecused { kk: "бас тартқан қазының парағы", ru: "лист члена жюри, взявшего самоотвод", en: "a sheet of a judge who recused" }
    ExcludedUnassigned { kk: "жұмыс алынып тасталған қазының парағы", ru: "лист члена жюри, с которого снята работа", en: "a sheet of a judge no longer assigned" }
    ResultsPublishEndsJudging { kk: "Бағалау әлі жүріп жатыр. Қазір жарияласаңыз, бағалау барлық қазы үшін осы сәтте аяқталады: баға енді өзгермейді.", ru: "Оценивание ещё идёт. Если опубликовать сейчас, оно завершится в этот момент для всех членов жюри: оценки больше не изменятся.", en: "Judging is still open. Publishing now ends it at this moment for every judge: scores can no longer change." }
    ErrJudgingPublished { kk: "Нәтижелер жарияланды: бағалау аяқталды, баға енді өзгермейді.", ru: "Итоги опубликованы: оценивание завершено, оценки больше не меняются.", en: "The results have been published: judging has ended and scores can no longer change." }
    ErrJudgingClosed { kk: "Бағалау уақыты емес: баға қабылданбайды.", ru: "Сейчас не время оценивания: оценки не принимаются.", en: "Judging is not open: scores are not accepted." }
    ErrPointsNumber { kk: "Ұпай — бүтін сан (рұқсат болса, жартысымен: 7,5).", ru: "Баллы — целое число (где разрешено, с половиной: 7,5).", en: "Points are a whole number (with a half where allowed: 7.5 or 7,5)." }
    ErrPointsRange { kk: "Ұпай 0-ден критерийдің максимумына дейін болуы керек.", ru: "Баллы должны быть от 0 до максимума критерия.", en: "Points must be between 0 and the criterion's maximum." }
    ErrPointsStep { kk: "Бұл критерийге тек бүтін ұпай қойылады.", ru: "По этому критерию ставятся только целые баллы.", en: "This criterion takes whole points only." }
    ErrPointsMissing { kk: "Жіберу үшін бұл критерийді де бағалаңыз.", ru: "Чтобы отправить, оцените и этот критерий.", en: "Score this criterion too before submitting." }
    ErrScoreStale {
        kk: "Бұл бағалар басқа жерде (басқа бетте не құрылғыда) өзгертілді, сондықтан сіздікі олардың үстіне жазылмады. Керегін көшіріп алып, басқа нұсқаны көру үшін бетті жаңартыңыз.",
        ru: "Эти оценки изменились в другом месте (в другой вкладке или на другом устройстве), поэтому ваши не записаны поверх них. Скопируйте нужное и обновите страницу, чтобы увидеть другую версию.",
        en: "These scores were changed elsewhere (another tab or device), so yours were not saved over them. Copy what you need, then reload the page to see the other version.",
    }
    AwardGrandPrix { kk: "Гран-при", ru: "Гран-при", en: "Grand Prix" }
    AwardFirst { kk: "I дәрежелі диплом", ru: "Диплом I степени", en: "First place" }
    AwardSecond { kk: "II дәрежелі диплом", ru: "Диплом II степени", en: "Second place" }
    AwardThird { kk: "III дәрежелі диплом", ru: "Диплом III степени", en: "Third place" }
    AwardMention { kk: "Алғыс хат (ерекше атап өту)", ru: "Поощрительный диплом", en: "Honourable mention" }
    AwardCertificate { kk: "Қатысушы сертификаты", ru: "Сертификат участника", en: "Certificate of participation" }
    AwardNone { kk: "Марапатсыз", ru: "Без награды", en: "No award" }
    ResultsTitle { kk: "Нәтижелер", ru: "Итоги", en: "Results" }
    ResultsPublishedAt { kk: "Жарияланды: ", ru: "Опубликованы: ", en: "Published: " }
    ResultsEntries { kk: "Жұмыс саны: {n}", ru: "Работ: {n}", en: "Works: {n}" }
    ResultsDistribution { kk: "Ұпайлардың таралуы", ru: "Распределение баллов", en: "How the scores spread" }
    ResultsSheetsLeft {
        kk: "Әлі тапсырылмаған бағалау парақтары: {sheets} ({judges} қазыдан). Қазір жарияласаңыз, олар нәтижеге кірмейді.",
        ru: "Ещё не сданы оценочные листы: {sheets} (от членов жюри: {judges}). Если опубликовать сейчас, они не войдут в итоги.",
        en: "Score sheets not yet submitted: {sheets} (from {judges} judges). Publish now and they will not count.",
    }
    ResultsNoDraft {
        kk: "Нәтижелердің жобасы әлі жоқ: алдымен есептеп, тексеріңіз.",
        ru: "Черновика итогов ещё нет: сначала рассчитайте и проверьте его.",
        en: "There is no draft of the results yet: compute it and check it first.",
    }
    ResultsCompute { kk: "Нәтижелерді есептеу (жаңа нұсқа)", ru: "Рассчитать итоги (новая версия)", en: "Compute results (new version)" }
    ResultsPublish { kk: "Қазір жариялау", ru: "Опубликовать сейчас", en: "Publish now" }
    ResultsDraftNote { kk: "Жоба, {version}-нұсқа: тек әкімшілерге көрінеді. Нәтиже уақытында өзі жарияланады.", ru: "Черновик, версия {version}: видят только администраторы. В назначенное время опубликуется сам.", en: "Draft, version {version}: admins only. It publishes itself at the results time." }
    ResultsPublishedNote { kk: "{version}-нұсқа жарияланды.", ru: "Опубликована версия {version}.", en: "Version {version} is published." }
    ResultsNone { kk: "Әзірге есептелмеген.", ru: "Ещё не рассчитаны.", en: "Not computed yet." }
    ColPlace { kk: "Орын", ru: "Место", en: "Place" }
    ColScore { kk: "Ұпай", ru: "Балл", en: "Score" }
    ColAward { kk: "Марапат", ru: "Награда", en: "Award" }
    ExplainJudges { kk: "Қазылар бағасы (%): {list}", ru: "Оценки судей (%): {list}", en: "Judges' totals (%): {list}" }
    ExplainMethod { kk: "Тәсілі: {method}", ru: "Метод: {method}", en: "Method: {method}" }
    ExplainDecidedScore { kk: "Орын ұпаймен анықталды", ru: "Место определил балл", en: "Placed by score" }
    ExplainDecidedCriterion { kk: "Тең ұпайда {n}-критерий шешті", ru: "При равенстве баллов решил критерий {n}", en: "Tied on score; criterion {n} decided" }
    ExplainDecidedShared { kk: "Орын бөлісілді", ru: "Место разделено", en: "Place shared" }
    OverrideTitle { kk: "Марапатты өзгерту (себебімен)", ru: "Изменить награду (с причиной)", en: "Change an award (with a reason)" }
    OverrideButton { kk: "Өзгерту", ru: "Изменить", en: "Change" }
    OverrideShown { kk: "Өзгертілді: {reason}", ru: "Изменено: {reason}", en: "Changed: {reason}" }
    YourResult { kk: "Нәтиже: {award}, {place}-орын, {score} ұпай", ru: "Итог: {award}, {place} место, {score} баллов", en: "Result: {award}, place {place}, score {score}" }
    JudgesComments { kk: "Қазылардың пікірі", ru: "Комментарии жюри", en: "Judges' comments" }
    DocDiploma { kk: "Диплом (PDF)", ru: "Диплом (PDF)", en: "Diploma (PDF)" }
    DocCertificate { kk: "Сертификат (PDF)", ru: "Сертификат (PDF)", en: "Certificate (PDF)" }
    DocThanks { kk: "Жетекшіге алғыс хат (PDF)", ru: "Благодарственное письмо руководителю (PDF)", en: "Letter of thanks to the supervisor (PDF)" }
    VerifyTitle { kk: "Құжатты тексеру", ru: "Проверка документа", en: "Document check" }
    VerifyValid { kk: "Құжат шынайы: Байқау жүйесінде берілген.", ru: "Документ подлинный: выдан в системе Байқау.", en: "This document is genuine: issued by Baiqau." }
    VerifyRevoked { kk: "Құжат кері қайтарылды: {reason}", ru: "Документ отозван: {reason}", en: "This document was revoked: {reason}" }
    VerifyUnknown { kk: "Мұндай кодты құжат жоқ. Кодты тексеріңіз.", ru: "Документа с таким кодом нет. Проверьте код.", en: "No document has this code. Check the code." }
    VerifyCode { kk: "Құжат коды", ru: "Код документа", en: "Document code" }
    VerifyButton { kk: "Тексеру", ru: "Проверить", en: "Check" }
    NameDisplayFull { kk: "Толық аты-жөні", ru: "Полное имя", en: "Full name" }
    ErrCalibrateFirst { kk: "Алдымен эталон жұмыстарды бағалаңыз.", ru: "Сначала оцените эталонные работы.", en: "Score the anchor works first." }
    ErrAnchorTwice { kk: "Бұл жұмыс бұрыннан эталон.", ru: "Эта работа уже эталон.", en: "This work is already an anchor." }
    ErrAlreadyPublished { kk: "Нәтижелер жарияланып қойған: енді өзгертілмейді.", ru: "Итоги уже опубликованы: изменить нельзя.", en: "Results are already published: they cannot change now." }
    ErrNoResultsYet { kk: "Алдымен нәтижелерді есептеңіз.", ru: "Сначала рассчитайте итоги.", en: "Compute the results first." }
    MailResultsSubject { kk: "Байқау: «{contest}» нәтижелері жарияланды", ru: "Байқау: итоги «{contest}» опубликованы", en: "Baiqau: results of \"{contest}\" are out" }
    MailResultsBody {
        kk: "Сәлеметсіз бе, {name}!\n\n«{contest}» байқауының нәтижелері жарияланды:\n{link}\n\nӨз жұмыстарыңыз бен дипломдарыңыз:\n{mine}",
        ru: "Здравствуйте, {name}!\n\nОпубликованы итоги конкурса «{contest}»:\n{link}\n\nВаши работы и дипломы:\n{mine}",
        en: "Hello {name},\n\nThe results of \"{contest}\" are out:\n{link}\n\nYour works and diplomas:\n{mine}",
    }
    DocHeadingDiploma { kk: "ДИПЛОМ", ru: "ДИПЛОМ", en: "DIPLOMA" }
    DocHeadingMention { kk: "МАҚТАУ ДИПЛОМЫ", ru: "ПООЩРИТЕЛЬНЫЙ ДИПЛОМ", en: "HONOURABLE MENTION" }
    DocHeadingCertificate { kk: "СЕРТИФИКАТ", ru: "СЕРТИФИКАТ", en: "CERTIFICATE" }
    DocHeadingThanks { kk: "АЛҒЫС ХАТ", ru: "БЛАГОДАРСТВЕННОЕ ПИСЬМО", en: "LETTER OF THANKS" }
    DocAwardedTo { kk: "беріледі", ru: "вручается", en: "awarded to" }
    DocThanksTo { kk: "алғыс білдіріледі", ru: "выражается благодарность", en: "with thanks to" }
    DocForPupil { kk: "шәкірті", ru: "за подготовку участника", en: "for preparing" }
    DocChair { kk: "Қазылар алқасының төрағасы", ru: "Председатель жюри", en: "Chair of the jury" }
    DocSecretary { kk: "Ұйымдастырушы", ru: "Организатор", en: "Organiser" }
    ColRawScore { kk: "Түзетусіз ұпай", ru: "Балл без нормировки", en: "Raw score" }
    ColCriterion { kk: "Критерий", ru: "Критерий", en: "Criterion" }
    ExportResults { kk: "Нәтижелер", ru: "Итоги", en: "Results" }
    ExportScores { kk: "Бағалар", ru: "Оценки", en: "Scores" }
    ExplainToggle { kk: "Қалай есептелді", ru: "Как посчитано", en: "How it was computed" }
    ResultsSettings { kk: "Жариялау баптаулары", ru: "Настройки публикации", en: "Publication settings" }
    FieldNameDisplay { kk: "Қатысушылардың аты көпшілікке қалай көрінеді", ru: "Как имена участников видны публично", en: "How participants' names appear in public" }
    NameDisplayShortMinors { kk: "18 жасқа толмағандарда: аты, тегінің бас әрпі, қаласы", ru: "У несовершеннолетних: имя, инициал фамилии, город", en: "Minors: first name, surname initial, city" }
    NameDisplayShort { kk: "Барлығында: аты, тегінің бас әрпі, қаласы", ru: "У всех: имя, инициал фамилии, город", en: "Everyone: first name, surname initial, city" }
    FieldShowComments { kk: "Қатысушыға қазылардың пікірін көрсету", ru: "Показывать участнику комментарии жюри", en: "Show judges' comments to the entrant" }
    RevokeTitle { kk: "Құжатты кері қайтару", ru: "Отозвать документ", en: "Revoke a document" }
    RevokeButton { kk: "Кері қайтару", ru: "Отозвать", en: "Revoke" }
    PanelForAgeGroup { kk: "Жас тобына жеке алқа", ru: "Отдельный состав для возрастной группы", en: "A separate panel for an age group" }
    FieldSupervisorEmail { kk: "Жетекшінің электрондық поштасы", ru: "Электронная почта руководителя", en: "Supervisor's email" }
    SupervisorEmailHint { kk: "Міндетті емес: нәтиже мен алғыс хат туралы хабар барады.", ru: "Необязательно: руководитель узнает об итогах и благодарственном письме.", en: "Optional: the supervisor hears of the results and the letter of thanks." }
    MailSupervisorBody {
        kk: "Сәлеметсіз бе, {name}!\n\n«{contest}» байқауының нәтижелері жарияланды:\n{link}\n\nШәкірттеріңізді дайындағаныңыз үшін алғыс хаттар:\n{letters}",
        ru: "Здравствуйте, {name}!\n\nОпубликованы итоги конкурса «{contest}»:\n{link}\n\nБлагодарственные письма за подготовку участников:\n{letters}",
        en: "Hello {name},\n\nThe results of \"{contest}\" are out:\n{link}\n\nLetters of thanks for preparing your pupils:\n{letters}",
    }
    AuditTitle { kk: "Әрекеттер журналы", ru: "Журнал действий", en: "Audit log" }
    AuditHint {
        kk: "Әкімшілер мен сервердің әр әрекеті: кім, қашан, нені өзгертті. Ең жаңасы жоғарыда.",
        ru: "Каждое действие администраторов и сервера: кто, когда и что изменил. Новые сверху.",
        en: "Every action by admins and by the server: who changed what, and when. Newest first.",
    }
    AuditEmpty { kk: "Бұл сүзгіге сай жазба жоқ.", ru: "Записей по этому фильтру нет.", en: "No entries match this filter." }
    AuditOlder { kk: "Ескілерін көрсету", ru: "Показать более ранние", en: "Show older entries" }
    AuditNewest { kk: "Ең жаңасына оралу", ru: "К самым новым", en: "Back to the newest" }
    AuditServer { kk: "Сервер", ru: "Сервер", en: "Server" }
    AuditLinkContest { kk: "Байқау журналы", ru: "Журнал конкурса", en: "Contest's audit log" }
    ColWhen { kk: "Уақыты", ru: "Время", en: "Time" }
    ColWho { kk: "Кім", ru: "Кто", en: "Who" }
    ColAction { kk: "Әрекет", ru: "Действие", en: "Action" }
    ColSubject { kk: "Нысан", ru: "Объект", en: "Record" }
    ColDetail { kk: "Толығырақ", ru: "Подробности", en: "Detail" }
    ColContest { kk: "Байқау", ru: "Конкурс", en: "Contest" }
    FieldWho { kk: "Кім", ru: "Кто", en: "Who" }
    FieldAction { kk: "Әрекет", ru: "Действие", en: "Action" }
    FieldContest { kk: "Байқау", ru: "Конкурс", en: "Contest" }
    FieldFromDate { kk: "Бастап (күні)", ru: "С (дата)", en: "From (date)" }
    FieldUntilDate { kk: "Дейін (күні, қоса)", ru: "По (дата, включительно)", en: "Until (date, inclusive)" }
    ErrColourLight { kk: "Тым ашық: үстіндегі ақ мәтін оқылмайды.", ru: "Слишком светлый: белый текст на нём не прочесть.", en: "Too light: white text on it cannot be read." }
    ErrSlugForm { kk: "3–60 латын әрпі, цифр не сызықша болсын.", ru: "Нужно 3–60 латинских букв, цифр или дефисов.", en: "Use 3 to 60 Latin letters, digits or hyphens." }
    ErrSlugTaken { kk: "Бұл мекенжай бос емес.", ru: "Этот адрес уже занят.", en: "This address is taken." }
    ErrTwoOptions { kk: "Кемінде екі нұсқа жазыңыз, әр жолға біреуден.", ru: "Нужно хотя бы два варианта, по одному в строке.", en: "Write two options at least, one per line." }
    ErrRangeReversed { kk: "Ең кіші мән ең үлкенінен аспауы керек.", ru: "Наименьшее значение не может быть больше наибольшего.", en: "The lowest value cannot be above the highest." }
    ErrAnswersMissing { kk: "Алдымен ұйымдастырушылардың міндетті сұрақтарына жауап беріңіз.", ru: "Сначала ответьте на обязательные вопросы организаторов.", en: "Answer the organisers' required questions first." }
    ErrUrl { kk: "Сілтемені толық жазыңыз, мысалы: https://youtu.be/…", ru: "Укажите ссылку полностью, например: https://youtu.be/…", en: "Give the whole link, e.g. https://youtu.be/…" }
    ErrPhone { kk: "Қазақстан нөмірін жазыңыз: +7 7xx xxx xx xx.", ru: "Укажите казахстанский номер: +7 7xx xxx xx xx.", en: "Give a Kazakhstan number: +7 7xx xxx xx xx." }
    ErrColourClose { kk: "Негізгі түстен ажырамайды.", ru: "Не отличить от основного цвета.", en: "Too close to the main colour." }
    ErrStaffNotConfirmed { kk: "Бұл тіркелгі поштасын растамаған немесе бұғатталған.", ru: "Эта учётная запись не подтвердила почту или отключена.", en: "This account has not confirmed its email, or is disabled." }
    ErrStaffIsSiteAdmin { kk: "Бұл — сайт әкімшісі: оған бәрі рұқсат.", ru: "Это администратор сайта: ему и так доступно всё.", en: "This is a site administrator: they can already do everything." }
    ErrAppealClosed { kk: "Апелляция мерзімі өтті.", ru: "Срок апелляции истёк.", en: "The time for appeals is over." }
    ErrAppealTwice { kk: "Бұл жұмысқа апелляция берілген.", ru: "На эту работу апелляция уже подана.", en: "This work has an appeal already." }
    ActionResetTwoStep { kk: "Екі қадамды кіруді өшіру", ru: "Сбросить двухэтапный вход", en: "Reset two-step login" }
    TwoStepBadge { kk: "екі қадамды кіру", ru: "двухэтапный вход", en: "two-step login" }
    ErrTwoStepNotOn { kk: "Бұл тіркелгіде екі қадамды кіру қосылмаған.", ru: "В этой учётной записи двухэтапный вход не включён.", en: "Two-step login is not on for this account." }
    StatusDeleted { kk: "Жойылған", ru: "Удалена", en: "Deleted" }
    MailTwoStepResetSubject { kk: "Байқау: екі қадамды кіру өшірілді", ru: "Байқау: двухэтапный вход отключён", en: "Baiqau: two-step login turned off" }
}
