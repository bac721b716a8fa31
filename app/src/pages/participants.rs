//! The participants an entrant submits for (a child, a pupil, themselves): the list, the
//! form to add or change one, with a guardian's consent for minors.

use crate::api::entries::{ParticipantView, SaveParticipant, WithdrawConsent, my_participants};
use crate::components::form::{Checkbox, FormError, Notice, SubmitButton, TextField, field_error};
use crate::components::{local_time, t};
use crate::error::Field;
use crate::i18n::{Msg, fill};
use leptos::prelude::*;
use leptos_meta::Title;
use super::entries::Steps;
use super::{param, query};

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| my_participants());
    view! {
        <Title text=t(Msg::MyParticipants)/>
        <h1>{t(Msg::MyParticipants)}</h1>
        {super::query_flag("withdrawn").then(|| view! { <Notice msg=Msg::ConsentWithdrawn/> })}
        {loaded!(list, |list: Vec<ParticipantView>| view! {
            {list.is_empty().then(|| view! { <p>{t(Msg::NoParticipants)}</p> })}
            <ul class="cards participants">
                {list.into_iter().map(|p| view! { <ParticipantCard p=p edit=true/> }).collect_view()}
            </ul>
        })}
        <ParticipantForm existing=None next=String::new()/>
    }
}

#[component]
pub(super) fn ParticipantCard(p: ParticipantView, edit: bool) -> impl IntoView {
    let facts = [p.birth_date.clone(), p.school.clone(), p.city.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    view! {
        <li class="card participant">
            <strong class="participant-name">{p.full_name.clone()}</strong>
            <p class="hint">{facts}</p>
            {p.consent_at.map(|at| view! { <p class="hint">{fill(t(Msg::ConsentRecorded), &[("date", &local_time(at))])}</p> })}
            {p.consent_missing.then(|| view! { <p class="notice warn">{t(Msg::ConsentNeeded)}</p> })}
            {edit.then(|| view! { <a class="button small" href=format!("/me/participants/{}", p.id)>{t(Msg::EditParticipant)}</a> })}
        </li>
    }
}

#[component]
pub fn ParticipantEditPage() -> impl IntoView {
    let id = param("id");
    let list = Resource::new_blocking(|| (), |_| my_participants());
    view! {
        <Title text=t(Msg::EditParticipant)/>
        <h1>{t(Msg::MyParticipants)}</h1>
        {loaded!(list, move |list: Vec<ParticipantView>| {
            let p = list.into_iter().find(|p| p.id == id());
            match p {
                Some(p) => {
                    let consented = p.consent_at.is_some();
                    let id = p.id.clone();
                    view! {
                        <ParticipantForm existing=Some(p) next=query("next")/>
                        {consented.then(|| view! { <WithdrawConsentForm id/> })}
                    }
                    .into_any()
                }
                None => view! { <crate::pages::not_found::NotFoundPage/> }.into_any(),
            }
        })}
    }
}

/// Adds or edits a participant; `next` is where to go afterwards (the submit form).
#[component]
fn ParticipantForm(existing: Option<ParticipantView>, next: String) -> impl IntoView {
    let action = ServerAction::<SaveParticipant>::new();
    let value = action.value();
    let e = existing.clone();
    let v = move |f: fn(&ParticipantView) -> String| e.as_ref().map(f);
    let heading = if existing.is_some() { Msg::EditParticipant } else { Msg::AddParticipant };
    let consented = existing.as_ref().is_some_and(|p| p.consent_at.is_some());
    view! {
        <section class="panel" id="participant-form">
            <h2>{t(heading)}</h2>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="id" value=existing.as_ref().map(|p| p.id.clone()).unwrap_or_default()/>
                <input type="hidden" name="next" value=next/>
                <TextField label=Msg::FieldFullName name="full_name" autocomplete="name" maxlength=200 value=v(|p| p.full_name.clone()).unwrap_or_default() error=field_error(value, Field::FullName)/>
                <TextField label=Msg::FieldBirthDate name="birth_date" kind="date" value=v(|p| p.birth_date.clone()).unwrap_or_default() error=field_error(value, Field::BirthDate)/>
                <TextField label=Msg::FieldSchool name="school" required=false maxlength=200 value=v(|p| p.school.clone()).unwrap_or_default() error=field_error(value, Field::School)/>
                <TextField label=Msg::FieldCity name="city" required=false maxlength=200 value=v(|p| p.city.clone()).unwrap_or_default() error=field_error(value, Field::City)/>
                <TextField label=Msg::FieldSupervisor name="supervisor" required=false maxlength=200 value=v(|p| p.supervisor.clone()).unwrap_or_default() error=field_error(value, Field::Supervisor)/>
                <TextField label=Msg::FieldSupervisorEmail name="supervisor_email" kind="email" autocomplete="off" required=false hint=Msg::SupervisorEmailHint value=v(|p| p.supervisor_email.clone()).unwrap_or_default() error=field_error(value, Field::SupervisorEmail)/>
                <Checkbox label=Msg::ConsentText name="consent" id="consent" checked=consented/>
                <SubmitButton label=Msg::AdminSave pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

/// The guardian takes their consent back: the child's data is reduced and their works' files
/// deleted (see `service::privacy`), after a ticked box.
#[component]
fn WithdrawConsentForm(id: String) -> impl IntoView {
    let action = ServerAction::<WithdrawConsent>::new();
    let value = action.value();
    let understood = move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.field_msg(Field::Understood)));
    view! {
        <section class="panel" id="withdraw-consent">
            <h2>{t(Msg::WithdrawConsentTitle)}</h2>
            <p>{t(Msg::WithdrawConsentExplain)}</p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="participant" value=id/>
                <Checkbox label=Msg::WithdrawConsentUnderstood name="understood" id="withdraw-understood" checked=false/>
                {move || understood().map(|m| view! { <p class="field-error" role="alert">{t(m)}</p> })}
                <SubmitButton label=Msg::WithdrawConsentButton pending=action.pending() class="button danger"/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn NewParticipantPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::AddParticipant)/>
        <h1>{t(Msg::MyParticipants)}</h1>
        <Steps current=1/>
        <ParticipantForm existing=None next=query("next")/>
    }
}
