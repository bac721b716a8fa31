//! Submitting works: the guided form (participant → nomination and work → files → review
//! and submit), the entry page with its files and uploader, "My entries", participants, and
//! the admin list and detail of a contest's entries.

use super::query_flag;
use crate::api::contests::ContestDetail;
use crate::api::entries::{
    CancelUpload, CreateEntry, DeleteEntryFile, EntrantWork, EntrantWorks, EntryLineView, EntryView, FileView, SubmitEntry, SubmitPage, UpdateEntry, WithdrawEntry,
    get_my_entry, my_entries, state_msg, submit_start,
};
use crate::components::contest::{LocalTime, Localized, ZoneNote, kind_label, zone_of_all};
use crate::components::form::{FormError, Notice, SelectField, SubmitButton, TextArea, TextField, field_error};
use crate::components::{t, use_lang};
use crate::domain::contest::FileKind;
use crate::domain::entry::EntryState;
use crate::domain::file::human_size;
use crate::error::Field;
use crate::i18n::{Msg, fill};
use leptos::prelude::*;
use leptos_meta::Title;


use super::{param, pick, query};

#[component]
pub fn StateBadge(state: EntryState) -> impl IntoView {
    view! { <span class=format!("badge state-{}", state.as_str())>{t(state_msg(state))}</span> }
}

// ---------------------------------------------------------------------------------------
// The guided form

#[component]
pub(super) fn Steps(current: u8) -> impl IntoView {
    let steps = [Msg::SubmitStepParticipant, Msg::SubmitStepWork, Msg::SubmitStepFiles, Msg::SubmitStepReview];
    view! {
        <ol class="steps">
            {steps.into_iter().zip(1u8..).map(|(m, n)| {
                let cls = if n == current { "current" } else if n < current { "done" } else { "" };
                view! { <li class=cls aria-current=(n == current).then_some("step")>{t(m)}</li> }
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn SubmitWorkPage() -> impl IntoView {
    let id = param("id");
    let start = Resource::new_blocking(id, submit_start);
    view! {
        <Title text=t(Msg::SubmitWork)/>
        {loaded!(start, |s: SubmitPage| view! { <SubmitForm start=s/> })}
    }
}

#[component]
fn SubmitForm(start: SubmitPage) -> impl IntoView {
    let action = ServerAction::<CreateEntry>::new();
    let value = action.value();
    let c: ContestDetail = start.contest;
    let contest_id = c.summary.public_id.clone();
    let chosen = query("participant");
    let back = format!("/contests/{contest_id}/submit");
    let lang = use_lang();
    let nominations: Vec<(String, String)> = std::iter::once((String::new(), "—".to_owned()))
        .chain(c.nominations.iter().map(|n| (n.id.to_string(), n.name.pick(lang).map(|(s, _)| s.to_owned()).unwrap_or_default())))
        .collect();
    let only = start.participants.len() == 1;
    view! {
        <p class="hint"><a href=format!("/contests/{contest_id}")>{pick(&c.summary.title)}</a></p>
        <h1>{t(Msg::SubmitWork)}</h1>
        <Steps current=1/>
        <FormError value/>
        <ActionForm action attr:class="stack" attr:novalidate="" attr:id="entry-form">
            <input type="hidden" name="id" value=contest_id.clone()/>
            <input type="hidden" name="token" value=start.token/>
            <fieldset class="field" class:has-error=move || field_error(value, Field::Participant).get().is_some()>
                <legend>{t(Msg::FieldParticipant)}</legend>
                {start.participants.is_empty().then(|| view! { <p>{t(Msg::NoParticipants)}</p> })}
                {start.participants.iter().map(|p| {
                    let checked = p.id == chosen || only;
                    let rid = format!("participant-{}", p.id);
                    view! {
                        <div class="check">
                            <input type="radio" name="participant" id=rid.clone() value=p.id.clone() checked=checked/>
                            <label for=rid>{p.full_name.clone()}" "<span class="hint">{p.birth_date.clone()}</span></label>
                        </div>
                    }
                }).collect_view()}
                <p class="field-error" role="alert" hidden=move || field_error(value, Field::Participant).get().is_none()>
                    {move || field_error(value, Field::Participant).get().map(t)}
                </p>
                <p><a class="button small" href=format!("/me/participants/new?next={back}")>{t(Msg::AddParticipant)}</a></p>
            </fieldset>
            <h2 class="step-title">{t(Msg::SubmitStepWork)}</h2>
            <SelectField label=Msg::FieldNomination name="nomination" options=nominations selected=query("nomination") error=field_error(value, Field::Nomination)/>
            <ul class="hint nomination-rules">
                {c.nominations.iter().map(|n| {
                    let kinds = n.rules.kinds.iter().map(|k| t(kind_label(*k))).collect::<Vec<_>>().join(", ");
                    let rules = fill(t(Msg::UploadRules), &[("kinds", &kinds), ("mb", &n.rules.max_file_mb.to_string()), ("files", &n.rules.max_files.to_string())]);
                    view! { <li><Localized text=n.name.clone() quiet=true/>": "{rules}</li> }
                }).collect_view()}
            </ul>
            <TextField label=Msg::FieldTitle name="title" maxlength=200 error=field_error(value, Field::Title)/>
            <TextArea label=Msg::FieldDescription name="description" error=field_error(value, Field::Description)/>
            <SubmitButton label=Msg::CreateEntry pending=action.pending()/>
        </ActionForm>
    }
}

// ---------------------------------------------------------------------------------------
// The entry page

#[component]
pub fn EntryPage() -> impl IntoView {
    let id = param("id");
    let entry = Resource::new_blocking(id, get_my_entry);
    view! { {loaded!(entry, |e: EntryView| view! { <EntryDetail entry=e/> })} }
}

pub(crate) fn upload_error_msg(code: &str) -> Option<Msg> {
    Some(match code {
        "type" => Msg::ErrFileType,
        "size" => Msg::ErrFileSize,
        "count" => Msg::ErrFileCount,
        "image" => Msg::ErrImageTooLarge,
        "none" => Msg::ErrNoFileChosen,
        "closed" => Msg::ErrEntriesClosed,
        "damaged" => Msg::ErrFileDamaged,
        "archive" => Msg::ErrArchiveUnsafe,
        "network" => Msg::ErrNetwork,
        "store" => Msg::ErrStorage,
        _ => return None,
    })
}

#[component]
pub(super) fn EntrySummary(e: EntryView) -> impl IntoView {
    view! {
        <dl class="facts entry-facts">
            <dt>{t(Msg::FieldState)}</dt>
            <dd><StateBadge state=e.state/></dd>
            {e.receipt.clone().map(|r| view! { <dt>{t(Msg::ReceiptLabel)}</dt><dd class="receipt">{r}</dd> })}
            <dt>{t(Msg::FieldNomination)}</dt>
            <dd><Localized text=e.nomination.clone()/></dd>
            {e.age_group.clone().map(|g| view! { <dt>{t(Msg::FieldAgeGroup)}</dt><dd><Localized text=g/></dd> })}
            <dt>{t(Msg::FieldParticipant)}</dt>
            <dd class="participant-name">{e.participant.full_name.clone()}" "<span class="hint">{e.participant.birth_date.clone()}</span></dd>
            {e.entrant.clone().map(|(email, name)| view! { <dt>{t(Msg::ColEntrant)}</dt><dd>{name}" · "{email}</dd> })}
            {e.submitted_at.map(|m| view! { <dt>{t(Msg::ColSubmittedAt)}</dt><dd><LocalTime moment=m/></dd> })}
        </dl>
    }
}

#[component]
pub(super) fn EntryDetail(entry: EntryView) -> impl IntoView {
    let e = entry;
    let lang = use_lang();
    let submitted_notice = (query_flag("submitted") && e.state == EntryState::Submitted)
        .then(|| view! { <div class="notice" role="status">{fill(t(Msg::SubmittedNotice), &[("receipt", e.receipt.as_deref().unwrap_or(""))])}</div> });
    let upload_error = upload_error_msg(&query("upload_error")).map(|m| view! { <div class="form-error" role="alert">{t(m)}</div> });
    let deadline = match (e.editable, e.deadline) {
        (true, Some(d)) => {
            let mut parts = t(Msg::DeadlineNote).splitn(2, "{date}");
            let (before, after) = (parts.next().unwrap_or("").to_owned(), parts.next().unwrap_or("").to_owned());
            let left = crate::i18n::dates::left(e.now, d.utc, lang).map(|l| format!(" · {l}"));
            view! { <p class="hint deadline">{before}<LocalTime moment=d/>{after}<strong class="time-left">{left}</strong></p> }.into_any()
        }
        // Scored by a judge (and results not out): frozen, whatever the deadline.
        (false, _) if e.judged && e.result.is_none() => view! { <p class="notice warn" id="judged-note">{t(Msg::ErrEntryJudged)}</p> }.into_any(),
        (false, _) if matches!(e.state, EntryState::Draft | EntryState::Submitted) => view! { <p class="notice warn">{t(Msg::ClosedNote)}</p> }.into_any(),
        _ => ().into_any(),
    };
    let dq = e.disqualify_reason.clone().filter(|_| e.state == EntryState::Disqualified).map(|r| {
        view! { <div class="notice warn" role="status">{fill(t(Msg::DisqualifiedNote), &[("reason", &r)])}</div> }
    });
    let zone_offset = e.submitted_at.or(e.deadline.filter(|_| e.editable)).map(|m| m.offset);
    let consent = (e.participant.consent_missing && e.editable).then(|| {
        view! {
            <div class="notice warn consent-needed">
                <p>{t(Msg::ConsentNeeded)}</p>
                <a class="button small" href=format!("/me/participants/{}?next=/entries/{}", e.participant.id, e.id)>{t(Msg::EditParticipant)}</a>
            </div>
        }
    });
    let kinds = e.rules.kinds.iter().map(|k| kind_label(*k).text(lang)).collect::<Vec<_>>().join(", ");
    let rules = fill(t(Msg::UploadRules), &[("kinds", &kinds), ("mb", &e.rules.max_file_mb.to_string()), ("files", &e.rules.max_files.to_string())]);
    let accept = accept_attr(&e.rules.kinds);
    let title = e.title.clone();
    view! {
        <Title text=title.clone()/>
        <p class="hint"><a href=format!("/contests/{}", e.contest.public_id)>{pick(&e.contest.title)}</a>" · "<a href="/me/entries">{t(Msg::MyEntries)}</a></p>
        <h1 class="entry-title">{title}</h1>
        {(e.state == EntryState::Draft && e.editable).then(|| view! { <Steps current=if e.files.is_empty() { 3 } else { 4 }/> })}
        {submitted_notice}
        {query_flag("saved").then(|| view! { <Notice msg=Msg::AdminSaved/> })}
        {query_flag("uploaded").then(|| view! { <Notice msg=Msg::UploadDone/> })}
        {dq}
        <EntrySummary e=e.clone()/>
        {e.result.clone().map(|r| view! { <EntryResultView r/> })}
        {e.audience.clone().map(|code| view! { <AudienceDiploma code/> })}
        {e.result.clone().filter(|r| r.appeal.is_some() || r.appeal_closes.is_some()).map(|r| view! { <AppealPanel entry=e.id.clone() r/> })}
        {(!e.rounds.is_empty()).then(|| view! { <RoundsPath steps=e.rounds.clone()/> })}
        {deadline}
        {zone_offset.map(|offset| view! { <ZoneNote zone=e.contest.time_zone.clone() offset/> })}
        {consent}

        <section class="panel" id="files">
            <h2>{t(Msg::FieldFiles)}</h2>
            <p class="hint upload-rules">{rules}</p>
            {upload_error}
            <FilesList entry=e.id.clone() files=e.files.clone() editable=e.editable keep_one={e.state == EntryState::Submitted}/>
            {(!e.uploads.is_empty() && e.editable).then(|| {
                let entry_id = e.id.clone();
                let uploads = e.uploads.clone();
                view! {
                <ul class="unfinished">
                    {uploads.into_iter().map(|u| {
                        let entry_id = entry_id.clone();
                        let cancel = ServerAction::<CancelUpload>::new();
                        view! {
                            <li class="unfinished-upload">
                                <span>{u.name.clone()}" — "{human_size(u.received as f64)}" / "{human_size(u.size as f64)}</span>
                                <p class="hint">{t(Msg::UploadResumeHint)}</p>
                                <ActionForm action=cancel attr:class="inline-form">
                                    <input type="hidden" name="entry" value=entry_id/>
                                    <input type="hidden" name="upload" value=u.id.clone()/>
                                    <button type="submit" class="button small">{t(Msg::UploadCancel)}</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                }
            })}
            {match (e.editable, e.files.len() >= e.rules.max_files as usize) {
                (true, false) => view! { <Uploader entry=e.id.clone() accept=accept.clone()/> }.into_any(),
                (true, true) => view! { <p class="hint files-full">{t(Msg::ErrFileCount)}</p> }.into_any(),
                _ => ().into_any(),
            }}
        </section>

        {e.publication.clone().map(|p| view! { <super::gallery::PublicationPanel entry=e.id.clone() name=e.participant.full_name.clone() p/> })}
        <super::questions::AnswersSection entry=e.clone()/>
        {e.editable.then(|| view! { <EditEntry e=e.clone()/> })}
        {e.editable.then(|| view! { <EntryActions e=e.clone()/> })}
    }
}

#[component]
fn EntryResultView(r: crate::api::results::EntryResult) -> impl IntoView {
    let award = r.award.map(|a| t(crate::api::results::award_msg(a))).unwrap_or(t(Msg::AwardNone));
    view! {
        <section class="panel entry-result" id="result">
            <h2>{t(Msg::ResultsTitle)}</h2>
            <p class="your-result">{fill(t(Msg::YourResult), &[("award", award), ("place", &r.place.to_string()), ("score", &crate::i18n::decimal_text(&r.score, use_lang()))])}</p>
            {(!r.documents.is_empty()).then(|| view! {
                <ul class="documents">
                    {r.documents.iter().map(|(kind, code)| {
                        let label = document_label(kind);
                        view! { <li><a class="button small" href=format!("/documents/{code}.pdf")>{label}</a>" "<a class="hint" href=format!("/verify/{code}")>{code.clone()}</a></li> }
                    }).collect_view()}
                </ul>
            })}
            {(!r.comments.is_empty()).then(|| view! {
                <h3>{t(Msg::JudgesComments)}</h3>
                <ul class="comments">{r.comments.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}

/// The audience award's diploma, published before the jury's results.
#[component]
fn AudienceDiploma(code: String) -> impl IntoView {
    let won = crate::view::audience::AudienceText::Won.text(use_lang());
    view! {
        <section class="panel entry-result" id="audience-diploma">
            <p class="your-result">{won}</p>
            <ul class="documents">
                <li><a class="button small" href=format!("/documents/{code}.pdf")>{document_label("audience")}</a>" "<a class="hint" href=format!("/verify/{code}")>{code.clone()}</a></li>
            </ul>
        </section>
    }
}

/// The entry's appeal: the form while the window is open and none was filed, else where
/// the appeal stands, the reason given and, once decided, the organisers' reply.
#[component]
fn AppealPanel(entry: String, r: crate::api::results::EntryResult) -> impl IntoView {
    use crate::view::appeals::{AppealText, state_text};
    let lang = use_lang();
    let w = move |x: AppealText| x.text(lang);
    let action = ServerAction::<crate::api::appeals::FileAppeal>::new();
    let value = action.value();
    let body = match (r.appeal, r.appeal_closes) {
        (Some(a), _) => view! {
            {query_flag("appealed").then(|| view! { <p class="notice" role="status">{w(AppealText::Sent)}</p> })}
            <p class="appeal-state"><strong>{w(state_text(a.state))}</strong></p>
            <p class="hint">{w(AppealText::FiledAt)}<LocalTime moment=a.filed_at/></p>
            <h3>{w(AppealText::YourReason)}</h3>
            <blockquote class="appeal-reason">{a.reason.clone()}</blockquote>
            {a.reply.clone().map(|reply| view! {
                <h3>{w(AppealText::ReplyHeading)}</h3>
                {a.decided_at.map(|m| view! { <p class="hint">{w(AppealText::DecidedAt)}<LocalTime moment=m/></p> })}
                <blockquote class="appeal-reply">{reply}</blockquote>
            })}
        }
        .into_any(),
        (None, Some(closes)) => view! {
            <p>{w(AppealText::Until)}<LocalTime moment=closes/></p>
            <p class="hint">{w(AppealText::How)}</p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="entry" value=entry/>
                <TextArea label=w(AppealText::Reason) name="reason" id="appeal-reason" error=field_error(value, Field::Reason) rows=5/>
                <SubmitButton label=w(AppealText::Send) pending=action.pending()/>
            </ActionForm>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    view! {
        <section class="panel appeal" id="appeal">
            <h2>{w(AppealText::Title)}</h2>
            {body}
        </section>
    }
}

/// The work's path through its rounds: each round's contest, and its place there or the
/// round's phase.
#[component]
fn RoundsPath(steps: Vec<crate::view::entries::RoundStep>) -> impl IntoView {
    use crate::view::rounds::RoundText;
    let lang = use_lang();
    view! {
        <section class="panel rounds" id="rounds">
            <h2>{RoundText::Path.text(lang)}</h2>
            <ol class="round-path">
                {steps.into_iter().map(|s| {
                    let standing = match s.result {
                        Some((place, award)) => format!("{} · {}", fill(RoundText::Place.text(lang), &[("place", &place.to_string())]), award.map(|a| t(crate::api::results::award_msg(a))).unwrap_or(t(Msg::AwardNone))),
                        None => t(crate::components::contest::phase_label(s.phase)).to_owned(),
                    };
                    let title = s.contest_title.pick(lang).map(|(x, _)| x.to_owned()).unwrap_or_default();
                    view! {
                        <li class:current=s.current>
                            {if s.current { view! { <strong>{title}</strong> }.into_any() } else { view! { <a href=format!("/entries/{}", s.entry_id)>{title}</a> }.into_any() }}
                            <span class="round-standing">{standing}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// `accept` for the file input: a hint to the phone's picker, never a check.
fn accept_attr(kinds: &[FileKind]) -> String {
    kinds
        .iter()
        .map(|k| match k {
            FileKind::Image => "image/jpeg,image/png,image/webp",
            FileKind::Pdf => "application/pdf,.pdf",
            FileKind::Document => ".docx,.odt,.doc,.rtf,.pptx,.odp",
            FileKind::Audio => "audio/*",
            FileKind::Video => "video/*",
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[component]
pub(super) fn FilesList(entry: String, files: Vec<FileView>, editable: bool, #[prop(optional)] keep_one: bool) -> impl IntoView {
    // A submitted work keeps at least one file: its last one has no delete button.
    let editable = editable && !(keep_one && files.len() == 1);
    if files.is_empty() {
        return view! { <p class="hint no-files">{t(Msg::NoFilesYet)}</p> }.into_any();
    }
    view! {
        <ul class="files">
            {files.into_iter().map(|f| {
                let entry = entry.clone();
                let delete = ServerAction::<DeleteEntryFile>::new();
                let preview = match (f.kind, f.thumb.clone()) {
                    (FileKind::Image, Some(src)) => view! { <a href=f.url.clone()><img class="thumb" src=src alt=f.name.clone() loading="lazy"/></a> }.into_any(),
                    (FileKind::Image, None) => view! { <span class="thumb pending hint">{t(Msg::ThumbPending)}</span> }.into_any(),
                    (FileKind::Audio, _) => view! { <audio controls=true preload="none" src=f.url.clone()></audio> }.into_any(),
                    (FileKind::Video, _) => view! { <video controls=true preload="none" src=f.url.clone()></video> }.into_any(),
                    _ => ().into_any(),
                };
                view! {
                    <li class="file">
                        {preview}
                        <div class="file-meta">
                            <a class="file-name" href=f.url.clone() download=(!f.inline).then(|| f.name.clone())>{f.name.clone()}</a>
                            <span class="hint">" "{human_size(f.size as f64)}</span>
                            {f.warning.map(|m| view! { <p class="notice warn file-warning" role="note">{t(m)}</p> })}
                        </div>
                        {editable.then(|| view! {
                            <ActionForm action=delete attr:class="inline-form">
                                <input type="hidden" name="entry" value=entry.clone()/>
                                <input type="hidden" name="file" value=f.id.clone()/>
                                <button type="submit" class="button small danger">{t(Msg::DeleteFile)}</button>
                            </ActionForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn EditEntry(e: EntryView) -> impl IntoView {
    let action = ServerAction::<UpdateEntry>::new();
    let value = action.value();
    view! {
        <details class="panel" id="edit">
            <summary>{t(Msg::SaveChanges)}</summary>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="id" value=e.id.clone()/>
                <input type="hidden" name="participant" value=e.participant.id.clone()/>
                <input type="hidden" name="nomination" value=e.nomination_id.to_string()/>
                <TextField label=Msg::FieldTitle name="title" id="edit-title" maxlength=200 value=e.title.clone() error=field_error(value, Field::Title)/>
                <TextArea label=Msg::FieldDescription name="description" id="edit-description" value=e.description.clone() error=field_error(value, Field::Description)/>
                <SubmitButton label=Msg::SaveChanges pending=action.pending()/>
            </ActionForm>
        </details>
    }
}

#[component]
fn EntryActions(e: EntryView) -> impl IntoView {
    let submit = ServerAction::<SubmitEntry>::new();
    let withdraw = ServerAction::<WithdrawEntry>::new();
    let (sv, wv) = (submit.value(), withdraw.value());
    let id2 = e.id.clone();
    view! {
        <section class="panel" id="review">
            {(e.state == EntryState::Draft).then(|| view! {
                <h2>{t(Msg::SubmitStepReview)}</h2>
                <super::account::ConfirmReminder/>
                <FormError value=sv/>
                <ActionForm action=submit attr:class="inline-form">
                    <input type="hidden" name="id" value=e.id.clone()/>
                    {e.publication.clone().filter(|p| p.consent.is_none() && p.mode != crate::domain::gallery::GalleryMode::Off).map(|p| view! {
                        <super::gallery::PublicationQuestion name=e.participant.full_name.clone() p/>
                    })}
                    <SubmitButton label=Msg::SendEntry pending=submit.pending()/>
                </ActionForm>
            })}
            <FormError value=wv/>
            <ActionForm action=withdraw attr:class="inline-form withdraw">
                <input type="hidden" name="id" value=id2/>
                <p class="hint">{t(Msg::WithdrawConfirm)}</p>
                <button type="submit" class="button danger">{t(Msg::WithdrawEntry)}</button>
            </ActionForm>
        </section>
    }
}

/// The upload form: a plain multipart post (works without JavaScript); once hydrated, the
/// browser sends the file in resumable pieces with a progress bar, speed and time left.
/// An island: with the scoring form, the heaviest code the browser gets.
#[island(lazy)]
fn Uploader(entry: String, accept: String) -> impl IntoView {
    let status = RwSignal::new(None::<crate::upload::Progress>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    #[cfg(feature = "hydrate")]
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    #[cfg(feature = "hydrate")]
    let on_submit = {
        let entry = entry.clone();
        let cancel = cancel.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let Some(el) = input.get() else { return };
            let Some(files) = el.files() else { return };
            let list: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
            if list.is_empty() {
                status.set(Some(crate::upload::Progress::failed(Msg::ErrNoFileChosen.text(use_lang()).to_owned())));
                return;
            }
            cancel.store(false, std::sync::atomic::Ordering::SeqCst);
            busy.set(true);
            crate::upload::start(entry.clone(), list, status, busy, cancel.clone(), use_lang());
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_submit = |_: leptos::ev::SubmitEvent| {};
    #[cfg(feature = "hydrate")]
    let on_cancel = move |_| cancel.store(true, std::sync::atomic::Ordering::SeqCst);
    #[cfg(not(feature = "hydrate"))]
    let on_cancel = |_: leptos::ev::MouseEvent| {};
    let lang = use_lang();
    view! {
        <form class="uploader stack" method="post" action=format!("/entries/{entry}/files") enctype="multipart/form-data" on:submit=on_submit>
            <div class="field">
                <label for="file-input">{t(Msg::UploadChoose)}</label>
                <input type="file" id="file-input" name="file" accept=accept node_ref=input multiple=true/>
            </div>
            <button type="submit" class="button primary" disabled=move || busy.get()>{t(Msg::UploadSend)}</button>
            {move || status.get().map(|p| {
                let pct = p.percent();
                view! {
                    <div class="upload-progress" role="status" aria-live="polite" data-sent=p.sent.to_string() data-state=if p.retrying { "waiting" } else { "" }>
                        <span class="upload-name">{p.name.clone()}</span>
                        <progress max="100" value=pct.to_string()>{format!("{pct}%")}</progress>
                        <span class="upload-figures">{p.describe(lang)}</span>
                    </div>
                }
            })}
            <button type="button" class="button small" hidden=move || !busy.get() on:click=on_cancel>{t(Msg::UploadCancel)}</button>
        </form>
    }
}

// ---------------------------------------------------------------------------------------
// My entries

#[component]
pub fn MyEntriesPage() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| my_entries());
    view! {
        <Title text=t(Msg::MyEntries)/>
        <h1>{t(Msg::MyEntries)}</h1>
        <p><a href="/me/participants">{t(Msg::MyParticipants)}</a></p>
        {loaded!(list, |list: EntrantWorks| view! { <WorkCards list/> })}
    }
}

/// The entrant's works as cards, phone first: the contest, the work, its state in words that
/// follow the contest's phase, the date that matters next with the time left, and the next
/// thing to do.
#[component]
fn WorkCards(list: EntrantWorks) -> impl IntoView {
    if list.entries.is_empty() {
        return view! { <p class="no-entries">{t(Msg::NoEntries)}</p> }.into_any();
    }
    let zone = zone_of_all(list.entries.iter().map(|w| (w.time_zone.as_str(), [w.deadline, w.results_at])));
    let own_zone = zone.is_none();
    let now = list.now;
    view! {
        {zone.map(|(zone, offset)| view! { <ZoneNote zone offset/> })}
        <ul class="work-cards">
            {list.entries.into_iter().map(|w| view! { <WorkCard w now own_zone/> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn WorkCard(w: EntrantWork, now: i64, own_zone: bool) -> impl IntoView {
    let lang = use_lang();
    let l = w.line;
    let href = format!("/entries/{}", l.id);
    let published = w.published;
    let left = |m: crate::api::contests::Moment| crate::i18n::dates::left(now, m.utc, lang).map(|s| view! { " · "<strong class="time-left">{s}</strong> });
    // (state class, the state in words, the date that matters next)
    let (class, words, when) = match (l.state, &w.result) {
        (EntryState::Submitted, Some(r)) => {
            let award = r.award.map(|a| t(crate::api::results::award_msg(a))).unwrap_or(t(Msg::AwardNone));
            ("result", fill(t(Msg::WorkPlace), &[("place", &r.place.to_string()), ("award", award)]), None)
        }
        (EntryState::Submitted, None) if published => ("result", t(Msg::WorkResultsOut).to_owned(), None),
        (EntryState::Submitted, None) if w.editable => ("submitted", t(Msg::WorkSubmitted).to_owned(), w.deadline.map(|d| (Msg::WorkChangeUntil, d))),
        (EntryState::Submitted, None) => ("judging", t(Msg::WorkJudging).to_owned(), w.results_at.map(|d| (Msg::TimelineResults, d))),
        (EntryState::Draft, _) if w.editable => ("draft", t(Msg::WorkDraft).to_owned(), w.deadline.map(|d| (Msg::WorkSendUntil, d))),
        (EntryState::Draft, _) => ("closed", t(Msg::WorkDraftClosed).to_owned(), None),
        (state, _) => ("closed", t(state_msg(state)).to_owned(), None),
    };
    let documents = w.result.as_ref().map(|r| r.documents.clone()).unwrap_or_else(|| w.audience.iter().map(|code| ("audience".to_owned(), code.clone())).collect());
    let next = if !documents.is_empty() {
        documents
            .into_iter()
            .map(|(kind, code)| {
                let label = document_label(&kind);
                view! { <a class="button small primary" href=format!("/documents/{code}.pdf")>{label}</a> }
            })
            .collect_view()
            .into_any()
    } else if l.state == EntryState::Draft && w.editable {
        view! { <a class="button small primary" href=href.clone()>{t(Msg::WorkFinish)}</a> }.into_any()
    } else if published {
        view! { <a class="button small" href=format!("/contests/{}/results", l.contest_id)>{t(Msg::ResultsTitle)}</a> }.into_any()
    } else {
        view! { <a class="button small" href=href.clone()>{t(Msg::WorkOpen)}</a> }.into_any()
    };
    view! {
        <li class=format!("work-card work-{class}")>
            <p class="hint work-contest">
                <a href=format!("/contests/{}", l.contest_id)><Localized text=l.contest_title.clone() quiet=true/></a>
                " · "<Localized text=l.nomination.clone() quiet=true/>
                {l.age_group.clone().map(|g| view! { " · "<Localized text=g quiet=true/> })}
            </p>
            <h2 class="work-title"><a class="entry-link" href=href>{l.title.clone()}</a></h2>
            <p class="work-who">{l.participant.clone()}{l.receipt.clone().map(|r| view! { " · "<span class="nowrap">{t(Msg::ReceiptLabel)}" "<span class="receipt">{r}</span></span> })}</p>
            <p class="work-state">{words}</p>
            {when.map(|(label, m)| {
                let zone = own_zone.then(|| format!(" ({})", crate::i18n::dates::zone_name(&w.time_zone, m.offset, lang)));
                view! { <p class="hint work-when">{t(label)}" "<LocalTime moment=m/>{zone}{left(m)}</p> }
            })}
            <p class="work-next">{next}</p>
        </li>
    }
}

#[component]
pub(super) fn EntryTable(lines: Vec<EntryLineView>, admin: bool) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p class="no-entries">{t(Msg::NoEntries)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="entries">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::ColReceipt)}</th>
                        <th scope="col">{t(Msg::FieldTitle)}</th>
                        <th scope="col">{t(Msg::FieldParticipant)}</th>
                        <th scope="col">{t(Msg::FieldNomination)}</th>
                        <th scope="col">{t(Msg::ColState)}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let href = if admin { format!("/admin/entries/{}", l.id) } else { format!("/entries/{}", l.id) };
                        view! {
                            <tr>
                                <td class="receipt">{l.receipt.clone().unwrap_or_else(|| "—".into())}</td>
                                <td><a href=href>{l.title.clone()}</a>{(!admin).then(|| view! { <br/><span class="hint"><Localized text=l.contest_title.clone() quiet=true/></span> })}</td>
                                <td>{l.participant.clone()}</td>
                                <td><Localized text=l.nomination.clone() quiet=true/>{l.age_group.clone().map(|g| view! { <br/><span class="hint"><Localized text=g quiet=true/></span> })}</td>
                                <td><StateBadge state=l.state/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------
// Admin

/// A document's name on its download button.
fn document_label(kind: &str) -> &'static str {
    match kind {
        "diploma" => t(Msg::DocDiploma),
        "thanks" => t(Msg::DocThanks),
        "audience" => crate::view::audience::AudienceText::Diploma.text(crate::components::use_lang()),
        _ => t(Msg::DocCertificate),
    }
}
