//! Judge calibration in pages: the calibration section of the judging dashboard (anchors,
//! their references, the rule, each judge's deviation), the judge's list of anchors on the
//! queue page, and an anchor's own page (the work, a plain scoring form, then the
//! references beside the judge's own). Server-rendered only; its words are server-only.

use crate::api::calibration::{
    AdminAddAnchor, AdminCalibrationRequired, AdminDeleteAnchor, AdminSaveAnchor, CalibrationTodo, CalibrationView, JudgeCalibrate, judge_anchor,
};
use crate::api::judging::{AnchorView, CalibrationAdmin, JudgingDashboard};
use crate::components::contest::{Localized, text_in};
use crate::components::form::{FormError, PlainField, field_error, returned};
use crate::components::{t, use_lang};
use crate::domain::calibration::Lean;
use crate::error::Field;
use crate::i18n::{Lang, Msg, decimal, fill};
use crate::view::contests::CriterionView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

crate::server_texts! {
    /// The words of calibration (server-only: see `server_texts!`).
    pub enum CalibrationText {
        Title { kk: "Қазыларды калибрлеу", ru: "Калибровка жюри", en: "Judge calibration" }
        Intro {
            kk: "Эталон жұмыстарды әр критерий бойынша өзіңіз бағалаңыз. Әр қазы оларды жасырын бағалайды, содан кейін өз бағасын эталонмен салыстырады. Бұл бағалар нәтижеге кірмейді.",
            ru: "Оцените эталонные работы сами, по каждому критерию. Каждый член жюри оценит их вслепую, затем увидит эталон рядом со своей оценкой. Эти оценки в итоги не входят.",
            en: "Score a few anchor works yourself, criterion by criterion. Each judge scores them blind, then sees your reference beside their own. These scores never enter the results.",
        }
        Required { kk: "Қазының тізімі калибрлеуден кейін ғана ашылады", ru: "Очередь работ открывается жюри только после калибровки", en: "A judge's queue opens only after their calibration" }
        SaveRule { kk: "Ережені сақтау", ru: "Сохранить правило", en: "Save the rule" }
        NoAnchors { kk: "Эталон жұмыстар әлі жоқ.", ru: "Эталонных работ пока нет.", en: "No anchor works yet." }
        ScoredBy { kk: "{of} қазының {done} бағалады", ru: "Оценили {done} из {of} членов жюри", en: "Scored by {done} of {of} judges" }
        Reference { kk: "Эталон", ru: "Эталон", en: "Reference" }
        ExplanationKk { kk: "Түсіндірме, қазақша", ru: "Пояснение на казахском", en: "Explanation in Kazakh" }
        ExplanationRu { kk: "Түсіндірме, орысша", ru: "Пояснение на русском", en: "Explanation in Russian" }
        ExplanationEn { kk: "Түсіндірме, ағылшынша", ru: "Пояснение на английском", en: "Explanation in English" }
        SaveReference { kk: "Эталонды сақтау", ru: "Сохранить эталон", en: "Save the reference" }
        Add { kk: "Эталон жұмыс қосу", ru: "Добавить эталонную работу", en: "Add an anchor work" }
        Receipt { kk: "Жұмыстың түбіртек нөмірі", ru: "Номер квитанции работы", en: "The work's receipt number" }
        ReceiptHint {
            kk: "Осы немесе бұрынғы байқаудың жіберілген жұмысы, мысалы 3-00012. Қазылар оны өз кодымен, авторсыз көреді.",
            ru: "Отправленная работа этого или прошлого конкурса, например 3-00012. Жюри увидит её под своим кодом, без автора.",
            en: "A submitted work of this or a past contest, e.g. 3-00012. Judges see it under its own code, without its author.",
        }
        ScoredAs { kk: "Қай номинация бойынша бағаланады", ru: "По какой номинации оценивается", en: "Scored as" }
        Judge { kk: "Қазы", ru: "Член жюри", en: "Judge" }
        Anchors { kk: "Бағаланған эталондар", ru: "Оценено эталонов", en: "Anchors scored" }
        MeanPoints { kk: "Орташа ауытқу, балл", ru: "Среднее отклонение, баллы", en: "Mean deviation, points" }
        MeanAbsolute { kk: "Орташа абсолют ауытқу", ru: "Среднее абсолютное отклонение", en: "Mean absolute deviation" }
        MeanPct { kk: "Шкаланың %", ru: "% шкалы", en: "% of the scale" }
        Reading { kk: "Қорытынды", ru: "Вывод", en: "Reading" }
        Harsh { kk: "эталоннан қатаңырақ", ru: "строже эталона", en: "harsher than the reference" }
        InLine { kk: "эталонмен үйлес", ru: "в согласии с эталоном", en: "in line with the reference" }
        Lenient { kk: "эталоннан жұмсағырақ", ru: "мягче эталона", en: "more lenient than the reference" }
        Unknown { kk: "әлі бағаламады", ru: "ещё не оценивал(а)", en: "nothing scored yet" }
        QueueIntroRequired {
            kk: "Жұмыстар тізімі осы эталон жұмыстарды бағалағаннан кейін ашылады.",
            ru: "Очередь работ откроется, когда вы оцените эти эталонные работы.",
            en: "Your queue opens once you have scored these anchor works.",
        }
        QueueIntro {
            kk: "Алдымен осы эталон жұмыстарды бағалаңыз: содан кейін бағаңызды эталонмен салыстырасыз.",
            ru: "Сначала оцените эти эталонные работы: затем вы увидите эталон рядом со своей оценкой.",
            en: "Score these anchor works first: you will then see the reference beside your own scores.",
        }
        Done { kk: "бағаланды", ru: "оценено", en: "scored" }
        ToDo { kk: "бағалау керек", ru: "нужно оценить", en: "to score" }
        AnchorWork { kk: "Эталон жұмыс", ru: "Эталонная работа", en: "Anchor work" }
        Send { kk: "Бағаны жіберу", ru: "Отправить оценку", en: "Send the scores" }
        SendHint {
            kk: "Бір рет жіберіледі: содан кейін эталон көрсетіледі. Бұл баға нәтижеге кірмейді.",
            ru: "Отправляется один раз: затем будет показан эталон. Эта оценка в итоги не входит.",
            en: "Sent once: the reference is shown after it. This score never enters the results.",
        }
        Sent { kk: "Бағаңыз жіберілді. Эталонмен салыстырыңыз.", ru: "Оценка отправлена. Сравните её с эталоном.", en: "Your scores are in. Compare them with the reference." }
        Yours { kk: "Сіздің бағаңыз", ru: "Ваша оценка", en: "Yours" }
        Criterion { kk: "Критерий", ru: "Критерий", en: "Criterion" }
        Why { kk: "Неге осылай бағаланды", ru: "Почему такая оценка", en: "Why these scores" }
        NextAnchor { kk: "Келесі эталон", ru: "Следующий эталон", en: "Next anchor" }
        BackToQueue { kk: "Жұмыстар тізіміне", ru: "К очереди работ", en: "To the queue" }
        Closed { kk: "Калибрлеу аяқталды: нәтижелер жарияланды.", ru: "Калибровка закрыта: итоги опубликованы.", en: "Calibration is closed: the results are out." }
        OutOf { kk: "{max} балдан", ru: "из {max}", en: "out of {max}" }
        Upload { kk: "Үлгі жұмысты жүктеу", ru: "Загрузить пример работы", en: "Upload an example work" }
        UploadHint {
            kk: "Байқауға жіберілмеген жұмыс та эталон бола алады: оның файлдарын осында жүктеңіз. Файлдар номинацияның ережесімен тексеріледі, қазылар оларды эталон кодымен, метадеректерсіз көреді.",
            ru: "Эталоном может быть и работа, которую не присылали на конкурс: загрузите её файлы здесь. Файлы проверяются по правилам номинации, жюри увидит их под кодом эталона, без метаданных.",
            en: "A work never sent to a contest can be an anchor too: upload its files here. They are checked by the nomination's rules, and judges see them under the anchor's code, without metadata.",
        }
        ExampleTitle { kk: "Атауы (тек әкімшілер көреді)", ru: "Название (видят только администраторы)", en: "Title (only admins see it)" }
        ExampleTitleHint { kk: "Мысалы: «Су бояу, 2019 жылғы жеңімпаз»", ru: "Например: «Акварель, победитель 2019 года»", en: "For example: “Watercolour, the 2019 winner”" }
        ExampleFiles { kk: "Жұмыстың файлдары", ru: "Файлы работы", en: "The work's files" }
        ExampleSend { kk: "Үлгіні жүктеу", ru: "Загрузить пример", en: "Upload the example" }
        Uploaded { kk: "Жүктелген үлгі", ru: "Загруженный пример", en: "Uploaded example" }
        ExampleChoose { kk: "Номинацияны таңдаңыз.", ru: "Выберите номинацию.", en: "Choose a nomination." }
    }
}

fn lean_text(l: Lean) -> CalibrationText {
    match l {
        Lean::Harsh => CalibrationText::Harsh,
        Lean::InLine => CalibrationText::InLine,
        Lean::Lenient => CalibrationText::Lenient,
        Lean::Unknown => CalibrationText::Unknown,
    }
}

fn name_of(text: &crate::domain::contest::LocalText, lang: Lang) -> String {
    text.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default()
}

/// One criterion's points box of a calibration form, `points[c<id>]`: what a refused plain
/// form sent when `kept` (it was this form), else `value`.
fn points_field(k: &CriterionView, prefix: &str, value: String, kept: bool, error: Signal<Option<Msg>>, lang: Lang) -> AnyView {
    let id = format!("{prefix}-c{}", k.id);
    let name = format!("points[c{}]", k.id);
    let value = if kept { returned(&name).unwrap_or(value) } else { value };
    let label = format!("{} ({})", name_of(&k.name, lang), fill(CalibrationText::OutOf.text(lang), &[("max", &k.rules.max_points.to_string())]));
    view! {
        <PlainField id=id.clone() label=label error>
            <input type="text" inputmode="decimal" autocomplete="off" id=id name=name value=value required=true class="points-input"/>
        </PlainField>
    }
    .into_any()
}

/// The judging dashboard's calibration section.
#[component]
pub fn CalibrationSection(d: JudgingDashboard) -> impl IntoView {
    let lang = use_lang();
    let cid = d.contest.summary.public_id.clone();
    let cal = d.calibration.clone();
    let rule = ServerAction::<AdminCalibrationRequired>::new();
    let nominations: Vec<(String, String)> = d.contest.nominations.iter().map(|n| (n.id.to_string(), name_of(&n.name, lang))).collect();
    let empty = cal.anchors.is_empty();
    let anchors = cal.anchors.clone().into_iter().map(|a| view! { <AnchorForm contest=cid.clone() a/> }).collect_view();
    let rule_contest = cid.clone();
    view! {
        <section class="panel" id="calibration">
            <h2>{CalibrationText::Title.text(lang)}</h2>
            <p class="hint">{CalibrationText::Intro.text(lang)}</p>
            <FormError value=rule.value()/>
            <ActionForm action=rule attr:class="inline-form" attr:id="calibration-rule">
                <input type="hidden" name="contest" value=rule_contest/>
                <p class="check">
                    <input type="checkbox" id="calibration-required" name="required" checked=cal.required/>
                    <label for="calibration-required">{CalibrationText::Required.text(lang)}</label>
                </p>
                <button type="submit" class="button small">{CalibrationText::SaveRule.text(lang)}</button>
            </ActionForm>
            <JudgeDeviations cal=cal.clone()/>
            {empty.then(|| view! { <p class="empty">{CalibrationText::NoAnchors.text(lang)}</p> })}
            {anchors}
            <AddAnchor contest=cid.clone() nominations=nominations.clone()/>
            <UploadExample contest=cid nominations/>
        </section>
    }
}

#[component]
fn JudgeDeviations(cal: CalibrationAdmin) -> impl IntoView {
    let lang = use_lang();
    let number = move |v: Option<f64>, places: usize| v.map(|v| decimal(v, places, lang)).unwrap_or_else(|| "—".to_owned());
    (!cal.judges.is_empty() && !cal.anchors.is_empty()).then(|| view! {
        <table class="calibration-judges">
            <thead><tr>
                <th scope="col">{CalibrationText::Judge.text(lang)}</th>
                <th scope="col">{CalibrationText::Anchors.text(lang)}</th>
                <th scope="col">{CalibrationText::MeanPoints.text(lang)}</th>
                <th scope="col">{CalibrationText::MeanAbsolute.text(lang)}</th>
                <th scope="col">{CalibrationText::MeanPct.text(lang)}</th>
                <th scope="col">{CalibrationText::Reading.text(lang)}</th>
            </tr></thead>
            <tbody>
                {cal.judges.into_iter().map(|j| view! {
                    <tr class=format!("lean-{:?}", j.lean).to_lowercase()>
                        <td data-label=CalibrationText::Judge.text(lang)>{j.judge.clone()}</td>
                        <td data-label=CalibrationText::Anchors.text(lang)>{j.deviation.anchors}</td>
                        <td data-label=CalibrationText::MeanPoints.text(lang)>{number(j.deviation.mean_signed(), 2)}</td>
                        <td data-label=CalibrationText::MeanAbsolute.text(lang)>{number(j.deviation.mean_absolute(), 2)}</td>
                        <td data-label=CalibrationText::MeanPct.text(lang)>{number(j.deviation.mean_signed_pct(), 1)}</td>
                        <td data-label=CalibrationText::Reading.text(lang)>{lean_text(j.lean).text(lang)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// One anchor: where it came from, its references and explanation (a form), and deleting it.
#[component]
fn AnchorForm(contest: String, a: AnchorView) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<AdminSaveAnchor>::new();
    let delete = ServerAction::<AdminDeleteAnchor>::new();
    let v = save.value();
    let prefix = format!("anchor-{}", a.id);
    let reference = |id| a.reference.iter().find(|(c, _)| *c == id).map(|(_, p)| p.clone()).unwrap_or_default();
    let scored = fill(CalibrationText::ScoredBy.text(lang), &[("done", &a.done.to_string()), ("of", &a.of.to_string())]);
    // A refused plain form (JavaScript off) comes back only in its own anchor's form: the
    // others keep their stored references and show no error.
    let mine = returned("contest").is_none() || returned("anchor").is_some_and(|x| x == a.id.to_string());
    let kept = mine && returned("anchor").is_some();
    let none = Signal::derive(|| None);
    let err = move |f: Field| if mine { field_error(v, f) } else { none };
    let fields = a.criteria.iter().map(|k| points_field(k, &prefix, reference(k.id), kept, err(Field::Criterion(k.id.0)), lang)).collect_view();
    let explanations = [(Lang::Kk, CalibrationText::ExplanationKk, "explanation_kk"), (Lang::Ru, CalibrationText::ExplanationRu, "explanation_ru"), (Lang::En, CalibrationText::ExplanationEn, "explanation_en")]
        .into_iter()
        .map(|(l, label, name)| {
            let id = format!("{prefix}-{name}");
            let stored = text_in(&a.explanation, l);
            let text = if kept { returned(name).unwrap_or(stored) } else { stored };
            view! { <PlainField id=id.clone() label=label.text(lang) error=err(Field::Description)><textarea id=id name=name rows="3">{text}</textarea></PlainField> }
        })
        .collect_view();
    let (delete_contest, id, delete_id) = (contest.clone(), a.id.to_string(), a.id.to_string());
    view! {
        <div class="subpanel anchor" id=prefix.clone()>
            <h3><span class="code">{a.code.clone()}</span>" "{a.title.clone()}</h3>
            <p class="hint">{if a.receipt.is_empty() { CalibrationText::Uploaded.text(lang).to_owned() } else { a.receipt.clone() }}" · "{name_of(&a.nomination, lang)}" · "{scored}</p>
            {(!a.files.is_empty()).then(|| view! {
                <ul class="anchor-files">
                    {a.files.iter().map(|(url, name)| view! { <li><a href=url.clone() target="_blank" rel="noopener">{name.clone()}</a></li> }).collect_view()}
                </ul>
            })}
            {mine.then(|| view! { <FormError value=v/> })}
            <ActionForm action=save attr:class="stack">
                <input type="hidden" name="contest" value=contest/>
                <input type="hidden" name="anchor" value=id/>
                <div class="grid-3">{fields}</div>
                <div class="grid-3">{explanations}</div>
                <p><button type="submit" class="button primary">{CalibrationText::SaveReference.text(lang)}</button></p>
            </ActionForm>
            <FormError value=delete.value()/>
            <ActionForm action=delete attr:class="inline-form">
                <input type="hidden" name="contest" value=delete_contest/>
                <input type="hidden" name="anchor" value=delete_id/>
                <button type="submit" class="button small danger">{t(Msg::AdminDelete)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn AddAnchor(contest: String, nominations: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AdminAddAnchor>::new();
    let v = add.value();
    // Only this form has a receipt field: a refused plain form was this one when it came back with one.
    let mine = returned("contest").is_none() || returned("receipt").is_some();
    let chosen = if mine { returned("nomination").unwrap_or_default() } else { String::new() };
    let none = Signal::derive(|| None);
    let err = move |f: Field| if mine { field_error(v, f) } else { none };
    view! {
        <h3>{CalibrationText::Add.text(lang)}</h3>
        {mine.then(|| view! { <FormError value=v/> })}
        <ActionForm action=add attr:class="stack" attr:id="add-anchor">
            <input type="hidden" name="contest" value=contest/>
            <div class="grid-2">
                <PlainField id="anchor-receipt" label=CalibrationText::Receipt.text(lang) hint=CalibrationText::ReceiptHint.text(lang) error=err(Field::Code)>
                    <input type="text" id="anchor-receipt" name="receipt" autocomplete="off" required=true value=returned("receipt").unwrap_or_default()/>
                </PlainField>
                <PlainField id="anchor-nomination" label=CalibrationText::ScoredAs.text(lang) error=err(Field::Nomination)>
                    <select id="anchor-nomination" name="nomination">
                        {nominations.into_iter().map(|(id, name)| { let sel = id == chosen; view! { <option value=id selected=sel>{name}</option> } }).collect_view()}
                    </select>
                </PlainField>
            </div>
            <p><button type="submit" class="button">{CalibrationText::Add.text(lang)}</button></p>
        </ActionForm>
    }
}

/// Why an uploaded example came back (`?example_error=`), in words.
fn example_error(code: &str, lang: Lang) -> Option<String> {
    let msg = match code {
        "title" => Msg::ErrRequired,
        "long" => Msg::ErrTextTooLong,
        "chars" => Msg::ErrControlChars,
        "nomination" => return Some(CalibrationText::ExampleChoose.text(lang).to_owned()),
        other => super::entries::upload_error_msg(other)?,
    };
    Some(msg.text(lang).to_owned())
}

/// A plain multipart form (the files go to `/admin/contests/<id>/anchors`, not to a server
/// function): an example work's title, nomination and files. A refusal comes back in the
/// URL with what was typed (a browser never keeps chosen files).
#[component]
fn UploadExample(contest: String, nominations: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    let q = leptos_router::hooks::use_query_map();
    let got = |k: &str| q.with_untracked(|q| q.get(k)).unwrap_or_default();
    let error = example_error(&got("example_error"), lang);
    let (title, chosen) = (got("example_title"), got("example_nomination"));
    let described = if error.is_some() { "example-hint example-error" } else { "example-hint" };
    view! {
        <h3 id="add-example">{CalibrationText::Upload.text(lang)}</h3>
        <p class="hint" id="example-hint">{CalibrationText::UploadHint.text(lang)}</p>
        {error.map(|m| view! { <div class="form-error" role="alert" id="example-error">{m}</div> })}
        <form method="post" enctype="multipart/form-data" action=format!("/admin/contests/{contest}/anchors") class="stack" id="example-form" aria-describedby=described>
            <div class="grid-2">
                <div class="field">
                    <label for="example-title">{CalibrationText::ExampleTitle.text(lang)}</label>
                    <p class="hint" id="example-title-hint">{CalibrationText::ExampleTitleHint.text(lang)}</p>
                    <input type="text" id="example-title" name="title" required=true maxlength="200" autocomplete="off" value=title aria-describedby="example-title-hint"/>
                </div>
                <div class="field">
                    <label for="example-nomination">{CalibrationText::ScoredAs.text(lang)}</label>
                    <select id="example-nomination" name="nomination">
                        {nominations.into_iter().map(|(id, name)| { let sel = id == chosen; view! { <option value=id selected=sel>{name}</option> } }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="example-files">{CalibrationText::ExampleFiles.text(lang)}</label>
                <input type="file" id="example-files" name="file" multiple=true required=true/>
            </div>
            <p><button type="submit" class="button">{CalibrationText::ExampleSend.text(lang)}</button></p>
        </form>
    }
}

/// The judge's anchors on the queue page, contest by contest.
#[component]
pub fn CalibrationTodoList(todo: Vec<CalibrationTodo>) -> impl IntoView {
    let lang = use_lang();
    (!todo.is_empty()).then(|| view! {
        <section class="panel" id="calibration">
            <h2>{CalibrationText::Title.text(lang)}</h2>
            {todo.into_iter().map(|c| {
                let intro = if c.required { CalibrationText::QueueIntroRequired } else { CalibrationText::QueueIntro };
                view! {
                    <h3><Localized text=c.contest_title.clone() quiet=true/></h3>
                    <p class="hint">{intro.text(lang)}</p>
                    <ol class="queue anchors">
                        {c.anchors.iter().map(|(code, done)| view! {
                            <li class=if *done { "queue-item state-submitted" } else { "queue-item state-left" }>
                                <a href=format!("/judge/{}/anchors/{code}", c.contest_id)>
                                    <span class="code">{code.clone()}</span>" "<span class="queue-title">{CalibrationText::AnchorWork.text(lang)}</span>
                                </a>
                                <span class="queue-state">{if *done { CalibrationText::Done.text(lang) } else { CalibrationText::ToDo.text(lang) }}</span>
                            </li>
                        }).collect_view()}
                    </ol>
                }
            }).collect_view()}
        </section>
    })
}

/// `/judge/:contest/anchors/:code`: an anchor work for its judge.
#[component]
pub fn AnchorPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| (p.get("contest").unwrap_or_default(), p.get("code").unwrap_or_default()));
    let anchor = Resource::new_blocking(key, |(c, code)| judge_anchor(c, code));
    view! { {loaded!(anchor, |v: CalibrationView| view! { <Anchor v/> })} }
}

#[component]
fn Anchor(v: CalibrationView) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<JudgeCalibrate>::new();
    let value = action.value();
    let prefix = "calibrate".to_owned();
    let compared = v.compared.clone();
    let criteria = v.criteria.clone();
    let form_fields = criteria.iter().map(|k| points_field(k, &prefix, String::new(), true, field_error(value, Field::Criterion(k.id.0)), lang)).collect_view();
    let (form_contest, form_code) = (v.contest_id.clone(), v.code.clone());
    view! {
        <Title text=v.code.clone()/>
        <p class="hint scoring-nav"><span><a href="/judge">{CalibrationText::BackToQueue.text(lang)}</a>" · "<Localized text=v.contest_title.clone() quiet=true/></span></p>
        <h1 class="scoring-title"><span class="code">{v.code.clone()}</span>" "{CalibrationText::AnchorWork.text(lang)}</h1>
        <p class="hint"><Localized text=v.nomination.clone() quiet=true/></p>
        {(compared.is_some() && super::query_flag("sent")).then(|| view! { <p class="notice" role="status">{CalibrationText::Sent.text(lang)}</p> })}
        {(!v.open && compared.is_none()).then(|| view! { <p class="notice warn">{CalibrationText::Closed.text(lang)}</p> })}
        <div class="scoring">
            <section class="work" aria-label=t(Msg::FieldFiles)>
                {v.files.iter().cloned().enumerate().map(|(i, f)| view! { <crate::components::work::WorkFile file=f index=i/> }).collect_view()}
            </section>
            <section class="rubric-form panel">
                {match compared {
                    Some(rows) => view! {
                        <table class="calibration-compared">
                            <thead><tr>
                                <th scope="col">{CalibrationText::Criterion.text(lang)}</th>
                                <th scope="col">{CalibrationText::Yours.text(lang)}</th>
                                <th scope="col">{CalibrationText::Reference.text(lang)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(id, own, reference)| {
                                    let name = criteria.iter().find(|k| k.id == id).map(|k| name_of(&k.name, lang)).unwrap_or_default();
                                                    // Half points with the reader's decimal mark.
                                    let mark = |s: String| if lang == Lang::En { s } else { s.replace('.', ",") };
                                    view! { <tr><th scope="row">{name}</th><td class="own" data-label=CalibrationText::Yours.text(lang)>{mark(own)}</td><td class="reference" data-label=CalibrationText::Reference.text(lang)>{mark(reference)}</td></tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {v.explanation.pick(lang).map(|(text, _)| view! {
                            <h2>{CalibrationText::Why.text(lang)}</h2>
                            <p class="anchor-explanation">{text.to_owned()}</p>
                        })}
                        <p>{match v.next.clone() {
                            Some(code) => view! { <a class="button primary" href=format!("/judge/{}/anchors/{code}", v.contest_id)>{CalibrationText::NextAnchor.text(lang)}" →"</a> }.into_any(),
                            None => view! { <a class="button primary" href="/judge">{CalibrationText::BackToQueue.text(lang)}" →"</a> }.into_any(),
                        }}</p>
                    }
                    .into_any(),
                    None => v.open.then(move || view! {
                        <FormError value/>
                        <p class="hint">{CalibrationText::SendHint.text(lang)}</p>
                        <ActionForm action attr:class="stack" attr:id="calibrate-form">
                            <input type="hidden" name="contest" value=form_contest/>
                            <input type="hidden" name="code" value=form_code/>
                            {form_fields}
                            <p><button type="submit" class="button primary">{CalibrationText::Send.text(lang)}</button></p>
                        </ActionForm>
                    }).into_any(),
                }}
            </section>
        </div>
    }
}
