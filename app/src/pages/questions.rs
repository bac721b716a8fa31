//! The contest editor's section for the contest's own entry questions: each question its own
//! small form (and one for a new question), every form working without JavaScript; frozen
//! once entries open. Its words are server-only (the editor has no island).

use crate::api::contests::ContestDetail;
use crate::api::questions::{AdminDeleteQuestion, AdminSaveQuestion};
use crate::components::contest::text_in;
use crate::api::entries::EntryView;
use crate::components::form::{FormError, PlainField, field_error, returned, returned_any, saved_notice};
use crate::view::questions::{AnswerView, YesNo, answer_words};
use crate::components::{t, use_lang};
use crate::domain::contest::LocalText;
use crate::domain::question::{Audience, LONG_MAX, Question, QuestionKind, SHORT_MAX, URL_MAX};

/// The characters a phone number is written with, for the browser's own check (the server
/// then reads it as a Kazakhstan number). Escaped for the `v`-flag patterns browsers use.
const PHONE_PATTERN: &str = r"\+?[0-9 \(\)\-\.]{10,20}";
use crate::error::Field;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

crate::server_texts! {
    /// The section's words (server-only: see `server_texts!`).
    pub enum QuestionText {
        Title { kk: "Өтінім сұрақтары", ru: "Вопросы анкеты", en: "Entry questions" }
        Intro {
            kk: "Тұрақты формада жоқ нәрсені сұраңыз: сынып, жұмыстың тілі, бейнеге сілтеме, жетекшінің телефоны. Жұмыс қабылдау ашылғанша өзгертуге болады.",
            ru: "Спросите то, чего нет в обычной форме: класс, язык работы, ссылку на видео, телефон руководителя. Вопросы можно менять, пока не начался приём работ.",
            en: "Ask what the fixed form does not: a class, the language of the work, a link to a video, a teacher's phone. Questions can change until entries open.",
        }
        None { kk: "Әзірге өз сұрақтарыңыз жоқ.", ru: "Своих вопросов пока нет.", en: "No questions of your own yet." }
        Frozen { kk: "Жұмыс қабылдау басталды: сұрақтар енді өзгермейді.", ru: "Приём работ начался: вопросы больше не меняются.", en: "Entries have opened: the questions can no longer change." }
        LabelKk { kk: "Сұрақ, қазақша", ru: "Вопрос на казахском", en: "Question in Kazakh" }
        LabelRu { kk: "Сұрақ, орысша", ru: "Вопрос на русском", en: "Question in Russian" }
        LabelEn { kk: "Сұрақ, ағылшынша", ru: "Вопрос на английском", en: "Question in English" }
        HintKk { kk: "Түсініктеме, қазақша", ru: "Пояснение на казахском", en: "Explanation in Kazakh" }
        HintRu { kk: "Түсініктеме, орысша", ru: "Пояснение на русском", en: "Explanation in Russian" }
        HintEn { kk: "Түсініктеме, ағылшынша", ru: "Пояснение на английском", en: "Explanation in English" }
        Kind { kk: "Жауап түрі", ru: "Тип ответа", en: "Kind of answer" }
        ShortText { kk: "Қысқа мәтін", ru: "Короткий текст", en: "Short text" }
        LongText { kk: "Ұзын мәтін", ru: "Длинный текст", en: "Long text" }
        Number { kk: "Бүтін сан", ru: "Целое число", en: "Whole number" }
        ChoiceOne { kk: "Бір нұсқа", ru: "Один вариант", en: "One option" }
        ChoiceMany { kk: "Бірнеше нұсқа", ru: "Несколько вариантов", en: "Several options" }
        Date { kk: "Күн", ru: "Дата", en: "Date" }
        YesNo { kk: "Иә / жоқ", ru: "Да / нет", en: "Yes / no" }
        Url { kk: "Сілтеме", ru: "Ссылка", en: "Link" }
        Email { kk: "Электрондық пошта", ru: "Электронная почта", en: "E-mail" }
        Phone { kk: "Телефон (+7 7xx xxx xx xx)", ru: "Телефон (+7 7xx xxx xx xx)", en: "Phone (+7 7xx xxx xx xx)" }
        AskedOf { kk: "Кімнен сұралады", ru: "Кому задаётся", en: "Asked of" }
        Every { kk: "Барлық жұмыстан", ru: "Всем работам", en: "Every entry" }
        Required { kk: "Міндетті", ru: "Обязательный", en: "Required" }
        Audience { kk: "Жауапты кім көреді", ru: "Кто видит ответы", en: "Who sees the answers" }
        Admins { kk: "Тек ұйымдастырушылар", ru: "Только организаторы", en: "Organisers only" }
        Judges { kk: "Ұйымдастырушылар мен қазылар", ru: "Организаторы и жюри", en: "Organisers and judges" }
        Min { kk: "Ең кіші сан", ru: "Наименьшее число", en: "Lowest number" }
        Max { kk: "Ең үлкен сан", ru: "Наибольшее число", en: "Highest number" }
        RangeHint { kk: "Бос қалса — шектеусіз.", ru: "Пусто — без ограничения.", en: "Empty: no limit." }
        OptionsKk { kk: "Нұсқалар, қазақша (әр жолға біреу)", ru: "Варианты на казахском (по одному в строке)", en: "Options in Kazakh (one per line)" }
        OptionsRu { kk: "Нұсқалар, орысша", ru: "Варианты на русском", en: "Options in Russian" }
        OptionsEn { kk: "Нұсқалар, ағылшынша", ru: "Варианты на английском", en: "Options in English" }
        OptionsHint { kk: "Тек «бір нұсқа» мен «бірнеше нұсқа» үшін. Әр тілдің n-ші жолы — бір нұсқа.", ru: "Только для «один вариант» и «несколько вариантов». Строка n каждого языка — один вариант.", en: "For “one option” and “several options” only. Line n of each language is one option." }
        BlindRisk {
            kk: "Қазылар бұл жауапты көреді: еркін мәтін, сілтеме немесе күн авторды ашып, жасырын бағалауды бұзуы мүмкін.",
            ru: "Жюри увидит этот ответ: свободный текст, ссылка или дата могут выдать автора и нарушить слепое оценивание.",
            en: "Judges will see this answer: free text, a link or a date can give the author away and break blind judging.",
        }
        AnswersTitle { kk: "Ұйымдастырушылардың сұрақтары", ru: "Вопросы организаторов", en: "The organisers' questions" }
        FilterAnswer { kk: "Жауап", ru: "Ответ", en: "Answer" }
        NoAnswer { kk: "жауап жоқ", ru: "нет ответа", en: "no answer" }
        Optional { kk: "міндетті емес", ru: "необязательно", en: "optional" }
        SaveAnswers { kk: "Жауаптарды сақтау", ru: "Сохранить ответы", en: "Save the answers" }
        NeverJudges {
            kk: "Пошта мен телефон қазыларға ешқашан көрсетілмейді.",
            ru: "Почта и телефон никогда не показываются жюри.",
            en: "E-mail addresses and phone numbers are never shown to judges.",
        }
    }
}

pub fn kind_text(kind: QuestionKind) -> QuestionText {
    match kind {
        QuestionKind::ShortText => QuestionText::ShortText,
        QuestionKind::LongText => QuestionText::LongText,
        QuestionKind::Number => QuestionText::Number,
        QuestionKind::ChoiceOne => QuestionText::ChoiceOne,
        QuestionKind::ChoiceMany => QuestionText::ChoiceMany,
        QuestionKind::Date => QuestionText::Date,
        QuestionKind::YesNo => QuestionText::YesNo,
        QuestionKind::Url => QuestionText::Url,
        QuestionKind::Email => QuestionText::Email,
        QuestionKind::Phone => QuestionText::Phone,
    }
}

#[component]
pub(super) fn QuestionsSection(contest: ContestDetail) -> impl IntoView {
    let lang = use_lang();
    let admin = contest.admin.clone();
    let frozen = admin.as_ref().is_some_and(|a| a.questions_frozen);
    let questions = admin.map(|a| a.questions).unwrap_or_default();
    let id = contest.summary.public_id.clone();
    let nominations: Vec<(String, LocalText)> = contest.nominations.iter().map(|n| (n.id.to_string(), n.name.clone())).collect();
    view! {
        <section class="panel" id="questions">
            <h2>{QuestionText::Title.text(lang)}</h2>
            {saved_notice("questions")}
            <p class="hint">{QuestionText::Intro.text(lang)}</p>
            {frozen.then(|| view! { <p class="notice" role="status">{QuestionText::Frozen.text(lang)}</p> })}
            {questions.is_empty().then(|| view! { <p class="empty">{QuestionText::None.text(lang)}</p> })}
            {questions.into_iter().map(|q| view! { <QuestionForm contest=id.clone() question=Some(q) nominations=nominations.clone() frozen/> }).collect_view()}
            {(!frozen).then(|| view! {
                <h3>{t(Msg::AdminAdd)}</h3>
                <QuestionForm contest=id.clone() question=None nominations=nominations.clone() frozen/>
            })}
        </section>
    }
}

/// One question's form: its words in three languages, its kind and range or options, who is
/// asked, whether it is required, and who sees the answers.
#[component]
fn QuestionForm(contest: String, question: Option<Question>, nominations: Vec<(String, LocalText)>, frozen: bool) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AdminSaveQuestion>::new();
    let delete = ServerAction::<AdminDeleteQuestion>::new();
    let v = action.value();
    let qid = question.as_ref().map(|q| q.id.to_string()).unwrap_or_default();
    let key = question.as_ref().map_or(0, |q| q.id);
    let fid = move |f: &str| if key == 0 { format!("q-new-{f}") } else { format!("q-{key}-{f}") };
    let q = question.clone().unwrap_or(Question {
        id: 0,
        nomination: None,
        label: LocalText::default(),
        hint: LocalText::default(),
        kind: QuestionKind::ShortText,
        required: false,
        audience: Audience::Admins,
        min: None,
        max: None,
        options: Vec::new(),
    });
    // A plain form (JavaScript off) that came back refused is this one when its question
    // is this one's: only this form shows what was typed and the errors.
    let kept = returned("contest").is_some();
    let mine = !kept || returned("question").unwrap_or_default() == qid;
    let back = move |name: &str, stored: String| if kept && mine { returned(name).unwrap_or_default() } else { stored };
    let none = Signal::derive(|| None);
    let err = move |f: Field| if mine { field_error(v, f) } else { none };
    let lines = |l: Lang| q.options.iter().map(|o| o.get(l).unwrap_or_default().to_owned()).collect::<Vec<_>>().join("\n");
    let [label_kk, label_ru, label_en] = Lang::ALL.map(|l| text_in(&q.label, l));
    let [hint_kk, hint_ru, hint_en] = Lang::ALL.map(|l| text_in(&q.hint, l));
    let [options_kk, options_ru, options_en] = Lang::ALL.map(lines);
    let (kind, nomination, audience, min, max) = (q.kind, q.nomination, q.audience, q.min, q.max);
    let required = if kept && mine { returned("required").is_some() } else { q.required };
    let warning = question.as_ref().and_then(|q| match (q.audience, q.kind.always_identifies(), q.kind.may_identify()) {
        (Audience::Judges, true, _) => Some(QuestionText::NeverJudges),
        (Audience::Judges, false, true) => Some(QuestionText::BlindRisk),
        _ => None,
    });
    let text_input = move |name: &'static str, id: String, value: String| view! { <input type="text" id=id name=name value=back(name, value) disabled=frozen/> };
    let area = move |name: &'static str, id: String, value: String| view! { <textarea id=id name=name rows="4" disabled=frozen>{back(name, value)}</textarea> };
    let number = move |name: &'static str, id: String, value: Option<i64>| {
        view! { <input type="number" id=id name=name value=back(name, value.map(|n| n.to_string()).unwrap_or_default()) disabled=frozen/> }
    };
    let existing = !qid.is_empty();
    let (contest_for_delete, id_for_delete) = (contest.clone(), qid.clone());
    view! {
        <div class="subpanel question">
            {warning.map(|w| view! { <p class="warning" role="note">{w.text(lang)}</p> })}
            {mine.then(|| view! { <FormError value=v/> })}
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="contest" value=contest.clone()/>
                <input type="hidden" name="question" value=qid.clone()/>
                <div class="grid-3">
                    <PlainField id=fid("label_kk") label=QuestionText::LabelKk.text(lang) error=err(Field::Name)>{text_input("label_kk", fid("label_kk"), label_kk)}</PlainField>
                    <PlainField id=fid("label_ru") label=QuestionText::LabelRu.text(lang) error=none>{text_input("label_ru", fid("label_ru"), label_ru)}</PlainField>
                    <PlainField id=fid("label_en") label=QuestionText::LabelEn.text(lang) error=none>{text_input("label_en", fid("label_en"), label_en)}</PlainField>
                </div>
                <div class="grid-3">
                    <PlainField id=fid("hint_kk") label=QuestionText::HintKk.text(lang) error=err(Field::Description)>{text_input("hint_kk", fid("hint_kk"), hint_kk)}</PlainField>
                    <PlainField id=fid("hint_ru") label=QuestionText::HintRu.text(lang) error=none>{text_input("hint_ru", fid("hint_ru"), hint_ru)}</PlainField>
                    <PlainField id=fid("hint_en") label=QuestionText::HintEn.text(lang) error=none>{text_input("hint_en", fid("hint_en"), hint_en)}</PlainField>
                </div>
                <div class="grid-3">
                    <PlainField id=fid("kind") label=QuestionText::Kind.text(lang) error=err(Field::Kinds)>
                        <select id=fid("kind") name="kind" disabled=frozen>
                            {QuestionKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected=k == kind>{kind_text(k).text(lang)}</option> }).collect_view()}
                        </select>
                    </PlainField>
                    <PlainField id=fid("nomination") label=QuestionText::AskedOf.text(lang) error=err(Field::Nomination)>
                        <select id=fid("nomination") name="nomination" disabled=frozen>
                            <option value="" selected=nomination.is_none()>{QuestionText::Every.text(lang)}</option>
                            {nominations.iter().map(|(id, name)| view! {
                                <option value=id.clone() selected=nomination.is_some_and(|n| n.to_string() == *id)>{name.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()}</option>
                            }).collect_view()}
                        </select>
                    </PlainField>
                    <PlainField id=fid("audience") label=QuestionText::Audience.text(lang) error=err(Field::Mode)>
                        <select id=fid("audience") name="audience" disabled=frozen>
                            <option value="admins" selected=audience == Audience::Admins>{QuestionText::Admins.text(lang)}</option>
                            <option value="judges" selected=audience == Audience::Judges>{QuestionText::Judges.text(lang)}</option>
                        </select>
                    </PlainField>
                </div>
                <p class="check">
                    <input type="checkbox" id=fid("required") name="required" checked=required disabled=frozen/>
                    <label for=fid("required")>{QuestionText::Required.text(lang)}</label>
                </p>
                <div class="grid-3">
                    <PlainField id=fid("min") label=QuestionText::Min.text(lang) hint=QuestionText::RangeHint.text(lang) error=err(Field::Min)>{number("min", fid("min"), min)}</PlainField>
                    <PlainField id=fid("max") label=QuestionText::Max.text(lang) error=err(Field::Max)>{number("max", fid("max"), max)}</PlainField>
                </div>
                <p class="hint">{QuestionText::OptionsHint.text(lang)}</p>
                <div class="grid-3">
                    <PlainField id=fid("options_kk") label=QuestionText::OptionsKk.text(lang) error=err(Field::Options)>{area("options_kk", fid("options_kk"), options_kk)}</PlainField>
                    <PlainField id=fid("options_ru") label=QuestionText::OptionsRu.text(lang) error=none>{area("options_ru", fid("options_ru"), options_ru)}</PlainField>
                    <PlainField id=fid("options_en") label=QuestionText::OptionsEn.text(lang) error=none>{area("options_en", fid("options_en"), options_en)}</PlainField>
                </div>
                {(!frozen).then(|| view! {
                    <p><button type="submit" class="button primary">{t(if existing { Msg::AdminSave } else { Msg::AdminAdd })}</button></p>
                })}
            </ActionForm>
            {(!frozen && existing).then(|| view! {
                <FormError value=delete.value()/>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="contest" value=contest_for_delete.clone()/>
                    <input type="hidden" name="question" value=id_for_delete.clone()/>
                    <button type="submit" class="button small danger">{t(Msg::AdminDelete)}</button>
                </ActionForm>
            })}
        </div>
    }
}

/// An entry's answers to the contest's own questions, and the form that changes them while
/// the entry may change (every kind its own control; JavaScript off works alike).
#[component]
pub fn AnswersSection(entry: EntryView) -> impl IntoView {
    let lang = use_lang();
    if entry.answers.is_empty() {
        return ().into_any();
    }
    let list = entry.answers.clone();
    view! {
        <section class="panel" id="answers">
            <h2>{QuestionText::AnswersTitle.text(lang)}</h2>
            <dl class="facts answers">
                {list.iter().map(|a| view! {
                    <dt>{a.question.label.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()}</dt>
                    <dd class="answer">{answer_words(a, lang).unwrap_or_else(|| QuestionText::NoAnswer.text(lang).to_owned())}</dd>
                }).collect_view()}
            </dl>
            {entry.editable.then(|| view! { <AnswersForm entry=entry.id.clone() answers=list.clone()/> })}
        </section>
    }
    .into_any()
}

/// The answers a judge may see, beside the work (server-rendered: nothing of it is in the
/// scoring island's code).
#[component]
pub fn JudgeAnswers(answers: Vec<AnswerView>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <dl class="facts answers judge-answers" aria-label=QuestionText::AnswersTitle.text(lang)>
            {answers.iter().map(|a| view! {
                <dt>{a.question.label.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()}</dt>
                <dd class="answer">{answer_words(a, lang).unwrap_or_default()}</dd>
            }).collect_view()}
        </dl>
    }
}

#[component]
fn AnswersForm(entry: String, answers: Vec<AnswerView>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<crate::api::entries::SaveAnswers>::new();
    let v = action.value();
    let kept = returned_any("answers[");
    let open = kept || answers.iter().any(|a| a.value.is_none());
    view! {
        <details class="subpanel" open=open>
            <summary>{QuestionText::SaveAnswers.text(lang)}</summary>
            <FormError value=v/>
            // Validated by the browser as well (required answers, ranges, lengths, the phone's
            // characters) before the server reads every answer by its rule.
            <ActionForm action attr:class="stack" attr:id="answers-form">
                <input type="hidden" name="id" value=entry/>
                {answers.into_iter().map(|a| {
                    let error = field_error(v, Field::Question(a.question.id));
                    view! { <AnswerField a kept error/> }
                }).collect_view()}
                <p><button type="submit" class="button primary">{QuestionText::SaveAnswers.text(lang)}</button></p>
            </ActionForm>
        </details>
    }
}

/// One question's control, named `answers[q<id>]` (`answers[q<id>o<n>]` for each box of a
/// multiple choice), showing what a refused plain form sent, else the stored answer.
#[component]
fn AnswerField(a: AnswerView, kept: bool, error: Signal<Option<Msg>>) -> impl IntoView {
    let lang = use_lang();
    let q = a.question.clone();
    let id = format!("answer-{}", q.id);
    let name = format!("answers[q{}]", q.id);
    let value = if kept { returned(&name).unwrap_or_default() } else { a.value.clone().unwrap_or_default() };
    let label = q.label.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let label = if q.required { label } else { format!("{label} ({})", QuestionText::Optional.text(lang)) };
    let hint = q.hint.pick(lang).map(|(s, _)| s.to_owned());
    let error_id = format!("{id}-error");
    let option_text = |o: &LocalText| o.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default();
    let control = match q.kind {
        QuestionKind::LongText => view! {
            <textarea id=id.clone() name=name.clone() rows="5" required=q.required maxlength=LONG_MAX aria-describedby=error_id.clone()>{value.clone()}</textarea>
        }
        .into_any(),
        QuestionKind::ChoiceOne | QuestionKind::YesNo => {
            let options: Vec<(String, String)> = if q.kind == QuestionKind::YesNo {
                vec![("yes".into(), YesNo::Yes.text(lang).into()), ("no".into(), YesNo::No.text(lang).into())]
            } else {
                q.options.iter().enumerate().map(|(i, o)| (i.to_string(), option_text(o))).collect()
            };
            view! {
                <div class="choices">
                    {options.into_iter().enumerate().map(|(i, (v, text))| {
                        let oid = format!("{id}-{i}");
                        view! { <p class="check"><input type="radio" id=oid.clone() name=name.clone() value=v.clone() checked=value == v required=q.required/><label for=oid>{text}</label></p> }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        QuestionKind::ChoiceMany => {
            let chosen: Vec<String> = if kept {
                (0..q.options.len()).filter(|n| returned(&format!("answers[q{}o{n}]", q.id)).is_some()).map(|n| n.to_string()).collect()
            } else {
                value.split(',').map(str::to_owned).collect()
            };
            view! {
                <div class="choices">
                    {q.options.iter().enumerate().map(|(i, o)| {
                        let oid = format!("{id}-{i}");
                        view! { <p class="check"><input type="checkbox" id=oid.clone() name=format!("answers[q{}o{i}]", q.id) checked=chosen.contains(&i.to_string())/><label for=oid>{option_text(o)}</label></p> }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        kind => {
            // A link is a text box: the server takes `youtu.be/…` with https assumed, which
            // the browser's own url check would refuse.
            let (input, mode, auto, longest) = match kind {
                QuestionKind::Number => ("number", "numeric", "off", None),
                QuestionKind::Date => ("date", "text", "off", None),
                QuestionKind::Url => ("text", "url", "url", Some(URL_MAX)),
                QuestionKind::Email => ("email", "email", "email", Some(254)),
                QuestionKind::Phone => ("tel", "tel", "tel", Some(20)),
                _ => ("text", "text", "off", Some(SHORT_MAX)),
            };
            let pattern = (kind == QuestionKind::Phone).then_some(PHONE_PATTERN);
            view! {
                <input type=input inputmode=mode autocomplete=auto id=id.clone() name=name.clone() value=value.clone() required=q.required
                    min=q.min.map(|n| n.to_string()) max=q.max.map(|n| n.to_string()) step=(kind == QuestionKind::Number).then_some("1")
                    maxlength=longest pattern=pattern aria-describedby=error_id.clone()/>
            }
            .into_any()
        }
    };
    if matches!(q.kind, QuestionKind::ChoiceOne | QuestionKind::ChoiceMany | QuestionKind::YesNo) {
        // A group of boxes: named by its legend, its hint and error read with it.
        return view! {
            <fieldset class="field" id=id.clone() class:has-error=move || error.get().is_some() aria-describedby=error_id.clone()>
                <legend>{label}</legend>
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
                {control}
                <p class="field-error" id=error_id.clone() role="alert" hidden=move || error.get().is_none()>{move || error.get().map(t)}</p>
            </fieldset>
        }
        .into_any();
    }
    view! {
        <PlainField id=id.clone() label=label hint=hint.unwrap_or_default() error>{control}</PlainField>
    }
    .into_any()
}
