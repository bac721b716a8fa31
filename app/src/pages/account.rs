use super::{LoadError, query_flag};
use crate::api::accounts::{ChangePassword, DeleteAccount, PrivacyInfo, get_privacy_info, ConfirmEmail, ResendConfirmation, RevokeSession, SessionInfo, list_sessions};
use crate::api::telegram::{TelegramLink, TelegramStatus, TelegramUnlink, get_telegram_status};
use crate::api::two_step::{DisableTwoStep, EnableTwoStep, LoginCode, StartTwoStep, TwoStepStatus, get_two_step_setup, get_two_step_status};
use crate::components::layout::MeResource;
use crate::components::form::{Checkbox, FormError, Notice, SubmitButton, TextField, field_error};
use crate::components::{local_time, t, use_lang};
use crate::domain::Role;
use crate::error::{AppError, Field};
use crate::i18n::{Msg, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub fn role_label(role: Role) -> Msg {
    match role {
        Role::Admin => Msg::RoleAdmin,
        Role::Judge => Msg::RoleJudge,
        Role::Entrant => Msg::RoleEntrant,
    }
}

/// The sentences of "what to do next". Only the server renders the account page, so they
/// stay out of the browser's build: every text in [`Msg`] is in the WASM of every island,
/// and the scoring page's is within a few hundred bytes of its budget.
#[derive(Clone, Copy)]
enum StepText {
    StepsTitle, StepsNone, StepFinish, StepScore, StepPublish, StepJudging, StepResultsIn, StepPrepare, StepDocument, StepEnter,
}

impl StepText {
    fn text(self, lang: crate::i18n::Lang) -> &'static str {
        #[cfg(feature = "ssr")]
        let (kk, ru, en) = match self {
            StepText::StepsTitle => ("Келесі қадам", "Что дальше", "What to do next"),
            StepText::StepsNone => ("Қазір сізді күтіп тұрған іс жоқ.", "Сейчас ничего не ждёт вашего участия.", "Nothing waits for you right now."),
            StepText::StepFinish => ("«{title}» жұмысын аяқтап, «{contest}» байқауына жіберіңіз.", "Завершите и отправьте работу «{title}» на конкурс «{contest}».", "Finish “{title}” and send it to “{contest}”."),
            StepText::StepScore => ("«{contest}»: бағалауды күтіп тұрған жұмыс — {left}.", "«{contest}»: работ ждут вашей оценки — {left}.", "“{contest}”: works waiting for your scores — {left}."),
            StepText::StepPublish => ("«{contest}» байқауының қорытындысын жариялау уақыты келді, бірақ ол әлі жарияланбаған.", "Итоги конкурса «{contest}» пора публиковать, а они ещё не опубликованы.", "The results of “{contest}” are due and not published yet."),
            StepText::StepJudging => ("«{contest}» байқауын қазылар бағалап жатыр: қорытындыны жарияланғанға дейін тексеріңіз.", "Жюри оценивает конкурс «{contest}»: проверьте итоги до публикации.", "The jury is at work on “{contest}”: review the results before they are published."),
            StepText::StepResultsIn => ("Қорытынды: {left}", "До итогов {left}", "Results: {left}"),
            StepText::StepPrepare => ("«{contest}» әлі дайындалып жатыр: толтырып, жариялаңыз.", "Конкурс «{contest}» ещё готовится: заполните и объявите его.", "“{contest}” is still being prepared: complete it and announce it."),
            StepText::StepDocument => ("«{contest}» қорытындысы шықты: «{title}» жұмысының құжаттары дайын.", "Итоги конкурса «{contest}» опубликованы: документы к работе «{title}» готовы.", "The results of “{contest}” are out: the documents for “{title}” are ready."),
            StepText::StepEnter => ("Қазір жұмыс қабылдап жатқан байқаулар: {open}.", "Конкурсов, принимающих работы сейчас: {open}.", "Contests taking entries now: {open}."),
        };
        #[cfg(not(feature = "ssr"))]
        let (kk, ru, en) = {
            let _ = self;
            ("", "", "")
        };
        match lang {
            crate::i18n::Lang::Kk => kk,
            crate::i18n::Lang::Ru => ru,
            crate::i18n::Lang::En => en,
        }
    }
}

/// What waits for the person, each with the button that does it: the page logging in
/// lands on says what to do next.
#[component]
fn NextSteps(list: crate::api::accounts::Steps) -> impl IntoView {
    let lang = use_lang();
    let now = list.now;
    let none = list.steps.is_empty();
    view! {
        <section class="next-steps" id="next-steps" aria-labelledby="next-steps-title">
            <h2 id="next-steps-title">{StepText::StepsTitle.text(lang)}</h2>
            {none.then(|| view! { <p class="hint">{StepText::StepsNone.text(lang)}" "<a href="/">{t(Msg::NavHome)}</a></p> })}
            <ul class="step-list">
                {list.steps.into_iter().map(|s| {
                    let (class, words, when, actions) = step_parts(s, now, lang);
                    view! {
                        <li class=format!("step step-{class}")>
                            <p class="step-words">{words}</p>
                            {when.map(|w| view! { <p class="hint step-when">{w}</p> })}
                            <p class="step-actions">
                                {actions.into_iter().enumerate().map(|(i, (href, label))| view! {
                                    <a class=if i == 0 { "button small primary" } else { "button small" } href=href>{t(label)}</a>
                                }).collect_view()}
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A step in words: (its kind, the sentence, the time left if any, its buttons).
#[allow(clippy::type_complexity)]
fn step_parts(s: crate::api::accounts::Step, now: i64, lang: crate::i18n::Lang) -> (&'static str, String, Option<String>, Vec<(String, Msg)>) {
    use crate::api::accounts::Step;
    let name = |c: &crate::domain::contest::LocalText| c.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let left = |m: Option<crate::api::contests::Moment>| m.and_then(|m| crate::i18n::dates::left(now, m.utc, lang));
    let admin = |id: &str, page: &str| format!("/admin/contests/{id}{page}");
    match s {
        Step::Finish { entry, title, contest, deadline } => {
            ("finish", fill(StepText::StepFinish.text(lang), &[("title", &title), ("contest", &name(&contest))]), left(deadline), vec![(format!("/entries/{entry}"), Msg::WorkFinish)])
        }
        Step::Score { contest, left: n, first } => ("score", fill(StepText::StepScore.text(lang), &[("contest", &name(&contest)), ("left", &n.to_string())]), None, vec![(first, Msg::JudgeNextUnscored), ("/judge".to_owned(), Msg::JudgeQueueTitle)]),
        Step::Publish { contest_id, contest } => ("publish", fill(StepText::StepPublish.text(lang), &[("contest", &name(&contest))]), None, vec![(admin(&contest_id, "/results"), Msg::ResultsTitle)]),
        Step::Judging { contest_id, contest, results, see_results } => (
            "judging",
            fill(StepText::StepJudging.text(lang), &[("contest", &name(&contest))]),
            left(results).map(|l| fill(StepText::StepResultsIn.text(lang), &[("left", &l)])),
            see_results.then(|| (admin(&contest_id, "/results"), Msg::ResultsTitle)).into_iter().chain([(admin(&contest_id, "/judging"), Msg::JudgingTitle)]).collect(),
        ),
        Step::Prepare { contest_id, contest } => ("prepare", fill(StepText::StepPrepare.text(lang), &[("contest", &name(&contest))]), None, vec![(admin(&contest_id, ""), Msg::WorkOpen)]),
        Step::Documents { title, contest, documents } => {
            let label = |kind: &str| match kind { "diploma" => Msg::DocDiploma, "thanks" => Msg::DocThanks, _ => Msg::DocCertificate };
            let buttons = documents.iter().map(|(kind, code)| (format!("/documents/{code}.pdf"), label(kind))).collect();
            ("document", fill(StepText::StepDocument.text(lang), &[("title", &title), ("contest", &name(&contest))]), None, buttons)
        }
        Step::Enter { open } => ("enter", fill(StepText::StepEnter.text(lang), &[("open", &open.to_string())]), None, vec![("/?when=current".to_owned(), Msg::NavHome)]),
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = expect_context::<MeResource>().0;
    // Created here, outside the Suspense: a resource created inside a `Suspend` is created
    // again whenever the server runs that `Suspend` again, under another id, and the browser
    // then hydrates against the first one (a dead page when the two differ).
    let sessions = Resource::new_blocking(|| (), |_| list_sessions());
    let two_step = Resource::new_blocking(|| (), |_| get_two_step_status());
    let privacy = Resource::new_blocking(|| (), |_| get_privacy_info());
    let steps = Resource::new_blocking(|| (), |_| crate::api::accounts::next_steps());
    let telegram = Resource::new_blocking(|| (), |_| get_telegram_status());
    view! {
        <Title text=t(Msg::AccountTitle)/>
        <h1>{t(Msg::AccountTitle)}</h1>
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! {
                        {query_flag("changed").then(|| view! { <Notice msg=Msg::PasswordChanged/> })}
                        {query_flag("revoked").then(|| view! { <Notice msg=Msg::SessionRevoked/> })}
                        {query_flag("confirmed").then(|| view! { <Notice msg=Msg::ConfirmDone/> })}
                        {(query_value("two_step").as_deref() == Some("on")).then(|| view! { <Notice msg=Msg::TwoStepEnabled/> })}
                        {(query_value("two_step").as_deref() == Some("off")).then(|| view! { <Notice msg=Msg::TwoStepDisabled/> })}
                        {(!me.email_confirmed).then(|| view! { <ConfirmPending email=me.email.clone()/> })}
                        {loaded!(steps, |list: crate::api::accounts::Steps| view! { <NextSteps list/> })}
                        <dl class="facts">
                            <dt>{t(Msg::AccountSignedInAs)}</dt>
                            <dd><span class="account-name">{me.display_name}</span>" · "<span class="account-email">{me.email}</span></dd>
                            <dt>{t(Msg::AccountRole)}</dt>
                            <dd>{t(role_label(me.role))}</dd>
                        </dl>
                        <ChangePasswordForm/>
                        <TwoStep status=two_step/>
                        <Telegram status=telegram/>
                        <Sessions sessions/>
                        <YourData privacy/>
                    }
                    .into_any(),
                    Ok(None) => view! { <LoadError error=AppError::Unauthorized/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What is kept and for how long, the download of all of it, and the account's deletion
/// (not offered to staff: their decisions name them).
#[component]
fn YourData(privacy: Resource<Result<PrivacyInfo, AppError>>) -> impl IntoView {
    let delete = ServerAction::<DeleteAccount>::new();
    let value = delete.value();
    let understood = move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.field_msg(Field::Understood)));
    view! {
        <section class="panel" id="your-data">
            <h2>{t(Msg::YourDataTitle)}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let info = privacy.await.ok()?;
                    let intro = match info.retention_years {
                        Some(y) => fill(t(Msg::YourDataIntro), &[("years", &y.to_string())]),
                        None => t(Msg::YourDataForever).to_string(),
                    };
                    Some(view! {
                        <p class="hint">{intro}</p>
                        <p><a class="button" id="download-data" href="/account/export.zip" download="">{t(Msg::DownloadMyData)}</a></p>
                        <p class="hint">{t(Msg::DownloadMyDataHint)}</p>
                        {(!info.staff).then(|| view! {
                            <h3>{t(Msg::DeleteAccountTitle)}</h3>
                            <p>{t(Msg::DeleteAccountExplain)}</p>
                            <FormError value/>
                            <ActionForm action=delete attr:class="stack" attr:id="delete-account" attr:novalidate="">
                                <TextField label=Msg::FieldCurrentPassword name="current_password" id="delete-password" kind="password" autocomplete="current-password" error=field_error(value, Field::CurrentPassword)/>
                                <Checkbox label=Msg::DeleteAccountUnderstood name="understood" id="delete-understood" checked=false/>
                                {move || understood().map(|m| view! { <p class="field-error" role="alert">{t(m)}</p> })}
                                <SubmitButton label=Msg::DeleteAccountButton pending=delete.pending() class="button danger"/>
                            </ActionForm>
                        })}
                    })
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let value = action.value();
    view! {
        <section class="panel">
            <h2>{t(Msg::ChangePasswordTitle)}</h2>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <TextField label=Msg::FieldCurrentPassword name="current_password" kind="password" autocomplete="current-password" error=field_error(value, Field::CurrentPassword)/>
                <TextField label=Msg::FieldNewPassword name="new_password" kind="password" autocomplete="new-password" hint=Msg::FieldPasswordHint error=field_error(value, Field::NewPassword)/>
                <SubmitButton label=Msg::ChangePasswordButton pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn Sessions(sessions: Resource<Result<Vec<SessionInfo>, AppError>>) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{t(Msg::SessionsTitle)}</h2>
            <p class="hint">{t(Msg::TimesInZone)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => view! {
                            <ul class="sessions">
                                {list.into_iter().map(|s| view! { <SessionRow session=s/> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SessionRow(session: SessionInfo) -> impl IntoView {
    let revoke = ServerAction::<RevokeSession>::new();
    let device = if session.user_agent.is_empty() { "—".to_owned() } else { session.user_agent.clone() };
    view! {
        <li class="session">
            <div>
                {session.current.then(|| view! { <strong class="badge">{t(Msg::SessionThisDevice)}</strong>" " })}
                <span class="device">{device}</span>
            </div>
            <div class="hint">
                {t(Msg::SessionStarted)}": "{local_time(session.created_at)}" · "
                {t(Msg::SessionLastSeen)}": "{local_time(session.last_seen_at)}
            </div>
            <ActionForm action=revoke attr:class="inline-form">
                <input type="hidden" name="session_id" value=session.session_id.to_string()/>
                <button type="submit" class="button small">{t(Msg::SessionRevoke)}</button>
            </ActionForm>
        </li>
    }
}

/// [`ConfirmPending`] for a signed-in account whose address is not proven yet (beside the
/// button that would be refused for it), nothing for anyone else.
#[component]
pub fn ConfirmReminder() -> impl IntoView {
    let me = expect_context::<MeResource>().0;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) if !me.email_confirmed => view! { <ConfirmPending email=me.email/> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

/// The account's address is not proven yet: what to do, and a button for a new link.
#[component]
pub fn ConfirmPending(email: String) -> impl IntoView {
    let resend = ServerAction::<ResendConfirmation>::new();
    let value = resend.value();
    view! {
        <section class="panel confirm-pending" id="confirm-pending">
            <p>{crate::i18n::fill(t(Msg::ConfirmPending), &[("email", &email)])}</p>
            {query_flag("sent").then(|| view! { <Notice msg=Msg::ConfirmSent/> })}
            <FormError value/>
            <ActionForm action=resend attr:class="inline-form">
                <SubmitButton label=Msg::ConfirmResend pending=resend.pending()/>
            </ActionForm>
        </section>
    }
}

/// Where the confirmation mail's link leads: one button uses it (a mail scanner that fetches
/// the link confirms nothing).
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    let value = action.value();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    view! {
        <Title text=t(Msg::ConfirmTitle)/>
        <section class="narrow">
            <h1>{t(Msg::ConfirmTitle)}</h1>
            <p>{t(Msg::ConfirmIntro)}</p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:id="confirm-form">
                <input type="hidden" name="token" value=token/>
                <SubmitButton label=Msg::ConfirmButton pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

crate::server_texts! {
    /// The Telegram section's words (server-only, like [`StepText`]).
    enum TelegramText {
        Intro {
            kk: "Өтінімді қабылдау, еске салу және қорытынды хабарламалары электрондық поштамен қатар Telegram-ға да келе алады.",
            ru: "Уведомления о приёме работ, напоминания и итоги могут приходить не только на почту, но и в Telegram.",
            en: "Receipts, reminders and results can come to Telegram too, besides e-mail.",
        }
        Link { kk: "Telegram-ды қосу", ru: "Подключить Telegram", en: "Link Telegram" }
        NewCode { kk: "Жаңа код", ru: "Новый код", en: "New code" }
        Steps {
            kk: "Ботты ашып, «Бастау» (Start) батырмасын басыңыз немесе оған мына кодты жіберіңіз:",
            ru: "Откройте бота и нажмите «Старт» (Start) или отправьте ему этот код:",
            en: "Open the bot and press Start, or send it this code:",
        }
        OpenBot { kk: "@{bot} ботын ашу", ru: "Открыть @{bot}", en: "Open @{bot}" }
        Scan { kk: "Компьютерде: Telegram орнатылған телефонмен осы кодты сканерлеңіз.", ru: "На компьютере: отсканируйте этот код телефоном, где установлен Telegram.", en: "On a computer: scan this with the phone that has Telegram." }
        Valid { kk: "Код бір рет жарамды, мерзімі: {time}.", ru: "Код действует один раз, до {time}.", en: "The code works once, until {time}." }
        Reload { kk: "Жібердіңіз бе? Бетті жаңартыңыз", ru: "Отправили? Обновите страницу", en: "Sent it? Reload this page" }
        Linked { kk: "Хабарламалар мына чатқа да келеді:", ru: "Уведомления также приходят в чат:", en: "Notices also go to this chat:" }
        Since { kk: "қосылған уақыты: {time}", ru: "подключён {time}", en: "linked {time}" }
        Unlink { kk: "Telegram-ды ажырату", ru: "Отключить Telegram", en: "Unlink Telegram" }
        Unlinked { kk: "Telegram ажыратылды: хабарламалар тек электрондық поштаға келеді.", ru: "Telegram отключён: уведомления приходят только на почту.", en: "Telegram is unlinked: notices come by e-mail only." }
    }
}

/// Telegram on the account page, when the installation has a bot: the linked chat and the
/// button that unlinks it, or the button that makes a code and the code with the bot's
/// link (a button on a phone, a QR code on a computer).
#[component]
fn Telegram(status: Resource<Result<Option<TelegramStatus>, AppError>>) -> impl IntoView {
    let lang = use_lang();
    let link = ServerAction::<TelegramLink>::new();
    let unlink = ServerAction::<TelegramUnlink>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let status = status.await.ok().flatten()?;
                Some(view! {
                    <section class="panel" id="telegram">
                        <h2>"Telegram"</h2>
                        {(query_value("telegram").as_deref() == Some("off")).then(|| view! { <p class="notice" role="status">{TelegramText::Unlinked.text(lang)}</p> })}
                        <p class="hint">{TelegramText::Intro.text(lang)}</p>
                        {match status.linked {
                            Some((chat, since)) => view! {
                                <p>{TelegramText::Linked.text(lang)}" "<strong id="telegram-chat">{chat}</strong>" · "
                                    <span class="hint">{fill(TelegramText::Since.text(lang), &[("time", &local_time(since))])}</span></p>
                                <ActionForm action=unlink attr:class="inline-form" attr:id="telegram-unlink">
                                    <button type="submit" class="button">{TelegramText::Unlink.text(lang)}</button>
                                </ActionForm>
                            }.into_any(),
                            None => view! {
                                {status.code.clone().map(|(shown, code, until)| view! {
                                    <p>{TelegramText::Steps.text(lang)}</p>
                                    <p class="link-code" id="telegram-code">{shown}</p>
                                    {status.bot.map(|bot| view! {
                                        <p><a class="button primary" id="telegram-open" href=crate::domain::notice::bot_link(&bot, &code) rel="noopener">{fill(TelegramText::OpenBot.text(lang), &[("bot", &bot)])}</a></p>
                                    })}
                                    {status.qr_svg.map(|svg| view! {
                                        <div class="qr telegram-qr" inner_html=svg></div>
                                        <p class="hint telegram-scan">{TelegramText::Scan.text(lang)}</p>
                                    })}
                                    <p class="hint">{fill(TelegramText::Valid.text(lang), &[("time", &local_time(until))])}" "
                                        <a href="/account#telegram">{TelegramText::Reload.text(lang)}</a></p>
                                })}
                                <ActionForm action=link attr:class="inline-form" attr:id="telegram-link">
                                    <button type="submit" class="button">{if status.code.is_some() { TelegramText::NewCode.text(lang) } else { TelegramText::Link.text(lang) }}</button>
                                </ActionForm>
                            }.into_any(),
                        }}
                    </section>
                })
            })}
        </Suspense>
    }
}

fn query_value(name: &str) -> Option<String> {
    use_query_map().with_untracked(|q| q.get(name))
}

/// Two-step login on the account page: its state, and the button that turns it on or off.
#[component]
fn TwoStep(status: Resource<Result<TwoStepStatus, AppError>>) -> impl IntoView {
    view! {
        <section class="panel" id="two-step">
            <h2>{t(Msg::TwoStepTitle)}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) => view! { <TwoStepState status=s/> }.into_any(),
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TwoStepState(status: TwoStepStatus) -> impl IntoView {
    let start = ServerAction::<StartTwoStep>::new();
    let disable = ServerAction::<DisableTwoStep>::new();
    let value = disable.value();
    let required = (status.required && !status.on).then(|| view! { <div class="notice warn">{t(Msg::TwoStepRequiredNote)}</div> });
    let body = if status.on {
        view! {
            <p class="two-step-state">{crate::i18n::fill(t(Msg::TwoStepOn), &[("n", &status.codes_left.to_string())])}</p>
            {(!status.required).then(|| view! {
                <FormError value/>
                <ActionForm action=disable attr:class="stack" attr:id="disable-two-step">
                    <TextField label=Msg::FieldTwoStepCode name="code" id="disable-code" autocomplete="one-time-code" maxlength=20 error=field_error(value, Field::Code)/>
                    <SubmitButton label=Msg::TwoStepDisable pending=disable.pending()/>
                </ActionForm>
            })}
        }
        .into_any()
    } else {
        view! {
            <p class="two-step-state">{t(Msg::TwoStepOff)}</p>
            <ActionForm action=start attr:class="inline-form" attr:id="start-two-step">
                <SubmitButton label=Msg::TwoStepStart pending=start.pending()/>
            </ActionForm>
        }
        .into_any()
    };
    view! { {required} {body} }
}

/// `/account/two-step`: the key as a QR code and as text, the recovery codes, and the field
/// for the first code, which turns it on.
#[component]
pub fn TwoStepSetupPage() -> impl IntoView {
    let setup = Resource::new_blocking(|| (), |_| get_two_step_setup());
    let enable = ServerAction::<EnableTwoStep>::new();
    let start = ServerAction::<StartTwoStep>::new();
    let value = enable.value();
    view! {
        <Title text=t(Msg::TwoStepTitle)/>
        <h1>{t(Msg::TwoStepTitle)}</h1>
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(Some(s)) => view! {
                        <section class="panel two-step-setup">
                            <p>{t(Msg::TwoStepScan)}</p>
                            <div id="two-step-qr" class="qr" inner_html=s.qr_svg></div>
                            <p><code id="two-step-secret" class="secret">{s.secret}</code></p>
                            <p>{t(Msg::TwoStepSaveCodes)}</p>
                            <ol id="recovery-codes" class="recovery-codes">
                                {s.recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                            </ol>
                            <p>{t(Msg::TwoStepConfirmCode)}</p>
                            <FormError value/>
                            <ActionForm action=enable attr:class="stack" attr:id="enable-two-step">
                                <TextField label=Msg::FieldTwoStepCode name="code" autocomplete="one-time-code" maxlength=20 error=field_error(value, Field::Code)/>
                                <SubmitButton label=Msg::TwoStepEnable pending=enable.pending()/>
                            </ActionForm>
                        </section>
                    }
                    .into_any(),
                    Ok(None) => view! {
                        <p>{t(Msg::TwoStepOff)}</p>
                        <ActionForm action=start attr:class="inline-form" attr:id="start-two-step">
                            <SubmitButton label=Msg::TwoStepStart pending=start.pending()/>
                        </ActionForm>
                    }
                    .into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/login/code`: the second step of a login.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let action = ServerAction::<LoginCode>::new();
    let value = action.value();
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    view! {
        <Title text=t(Msg::LoginCodeTitle)/>
        <section class="narrow">
            <h1>{t(Msg::LoginCodeTitle)}</h1>
            <p>{t(Msg::LoginCodeIntro)}</p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:id="login-code">
                <input type="hidden" name="next" value=next/>
                <TextField label=Msg::FieldTwoStepCode name="code" autocomplete="one-time-code" maxlength=20 error=field_error(value, Field::Code)/>
                <SubmitButton label=Msg::LoginCodeButton pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
