//! The contest editor's staff section: which organisation the contest belongs to, who works
//! on it in which role, and (for its organisation's admins and the site's administrators)
//! giving and taking the roles. Plain forms that work without JavaScript.

use crate::api::staff::{AdminGrantStaff, AdminMoveContest, AdminRevokeStaff, StaffPanel, StaffText, admin_contest_staff, role_text};
use crate::components::form::{FormError, SelectField, SubmitButton, TextField, field_error, saved_notice};
use crate::components::use_lang;
use crate::domain::access::{Power, StaffRole, Standing};
use crate::error::Field;
use crate::i18n::Msg;
use leptos::prelude::*;

/// A role's name and what it may do, in the reader's language.
fn role_words(role: StaffRole, lang: crate::i18n::Lang) -> (&'static str, &'static str) {
    let (name, hint) = role_text(role);
    (name.text(lang), hint.text(lang))
}

#[component]
pub fn StaffSection(contest: String) -> impl IntoView {
    let lang = crate::components::use_lang();
    let panel = Resource::new_blocking(move || contest.clone(), admin_contest_staff);
    view! {
        <section class="panel" id="staff">
            <h2>{StaffText::Heading.text(lang)}</h2>
            {saved_notice("staff")}
            <p class="hint">{StaffText::Intro.text(lang)}</p>
            {loaded!(errors_in_place: panel, |p: StaffPanel| view! { <Staff p/> })}
        </section>
    }
}

#[component]
fn Staff(p: StaffPanel) -> impl IntoView {
    let lang = use_lang();
    let name = |l: &crate::domain::contest::LocalText| l.pick(lang).map(|(n, _)| n.to_owned()).unwrap_or_default();
    let belongs = p.organisation.as_ref().map_or_else(|| StaffText::Host.text(lang).to_owned(), |(_, n)| name(n));
    let may_grant = p.standing.may(Power::Staff);
    let mine = match p.standing {
        Standing::Staff(role) => {
            let (name, hint) = role_words(role, lang);
            Some(format!("{}: {name} ({hint})", StaffText::Role.text(lang)))
        }
        _ => None,
    };
    let contest = p.contest.clone();
    view! {
        <p class="staff-organisation"><strong>{StaffText::BelongsTo.text(lang)}": "</strong>{belongs}</p>
        {mine.map(|m| view! { <p class="notice" role="status">{m}</p> })}
        {(!p.organisations.is_empty()).then(|| view! { <MoveForm contest=contest.clone() current=p.organisation.as_ref().map(|(id, _)| id.clone()).unwrap_or_default() organisations=p.organisations.iter().map(|(id, n)| (id.clone(), name(n))).collect()/> })}
        {p.members.is_empty().then(|| view! { <p class="empty">{StaffText::NoOne.text(lang)}</p> })}
        <ul class="members">
            {p.members.into_iter().map(|m| {
                let role = m.role.map(|r| role_words(r, lang)).map(|(name, hint)| format!(" · {name} ({hint})")).unwrap_or_default();
                view! {
                    <li>
                        <span>{m.name}" · "{m.email}{role}</span>
                        {may_grant.then(|| view! { <RevokeForm contest=contest.clone() account=m.account.to_string()/> })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {may_grant.then(|| view! { <GrantForm contest=contest.clone()/> })}
    }
}

#[component]
fn GrantForm(contest: String) -> impl IntoView {
    let grant = ServerAction::<AdminGrantStaff>::new();
    let value = grant.value();
    let lang = use_lang();
    let roles: Vec<(String, String)> = StaffRole::ALL.into_iter().map(|r| (r.as_str().to_owned(), format!("{} — {}", role_words(r, lang).0, role_words(r, lang).1))).collect();
    view! {
        <FormError value/>
        <ActionForm action=grant attr:class="stack" attr:novalidate="">
            <input type="hidden" name="contest" value=contest/>
            <TextField label=Msg::FieldEmail name="email" id="staff-email" kind="email" error=field_error(value, Field::Email)/>
            <SelectField label=StaffText::Role.text(lang) name="role" id="staff-role" options=roles selected="viewer" error=field_error(value, Field::Role)/>
            <SubmitButton label=StaffText::Give.text(lang) pending=grant.pending()/>
        </ActionForm>
    }
}

#[component]
fn RevokeForm(contest: String, account: String) -> impl IntoView {
    let lang = crate::components::use_lang();
    let revoke = ServerAction::<AdminRevokeStaff>::new();
    view! {
        <ActionForm action=revoke attr:class="inline-form">
            <input type="hidden" name="contest" value=contest/>
            <input type="hidden" name="account" value=account/>
            <button type="submit" class="link-button">{StaffText::Remove.text(lang)}</button>
        </ActionForm>
    }
}

/// Site administrators only: the contest to another organisation, or back to the host.
#[component]
fn MoveForm(contest: String, current: String, organisations: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AdminMoveContest>::new();
    let value = action.value();
    let mut options = vec![(String::new(), StaffText::Host.text(lang).to_owned())];
    options.extend(organisations);
    view! {
        <FormError value/>
        <ActionForm action attr:class="stack" attr:novalidate="">
            <input type="hidden" name="contest" value=contest/>
            <SelectField label=StaffText::BelongsTo.text(lang) name="organisation" id="move-organisation" options selected=current error=field_error(value, Field::Organisation)/>
            <SubmitButton label=StaffText::Move.text(lang) pending=action.pending() class="button"/>
        </ActionForm>
    }
}
