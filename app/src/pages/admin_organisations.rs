//! `/admin/organisations` (site administrators): the organisations hosted on the site, each
//! with its admins, a form to add one, and a form for a new organisation. Plain forms that
//! work without JavaScript.

use crate::api::staff::{AdminAddOrganisationAdmin, AdminCreateOrganisation, AdminRemoveOrganisationAdmin, OrganisationView, OrganisationsPage, admin_organisations};
use crate::components::contest::Localized;
use crate::components::form::{FormError, Notice, SubmitButton, TextField, field_error};
use crate::error::Field;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminOrganisationsPage() -> impl IntoView {
    let lang = crate::components::use_lang();
    let page = Resource::new_blocking(|| (), |()| admin_organisations());
    view! {
        <Title text=crate::api::staff::StaffText::Organisations.text(lang)/>
        <h1>{crate::api::staff::StaffText::Organisations.text(lang)}</h1>
        <p class="hint">{crate::api::staff::StaffText::OrgsIntro.text(lang)}</p>
        {loaded!(errors_in_place: page, |p: OrganisationsPage| view! {
            {p.organisations.is_empty().then(|| view! { <p class="empty">{crate::api::staff::StaffText::OrgNone.text(lang)}</p> })}
            {p.organisations.into_iter().map(|o| view! { <Organisation o/> }).collect_view()}
            <NewOrganisation/>
        })}
    }
}

#[component]
fn Organisation(o: OrganisationView) -> impl IntoView {
    let lang = crate::components::use_lang();
    let add = ServerAction::<AdminAddOrganisationAdmin>::new();
    let value = add.value();
    let saved = use_query_map().with_untracked(|q| q.get("saved")).as_deref() == Some(o.public_id.as_str());
    let id = o.public_id.clone();
    let (anchor, email_id) = (format!("org-{id}"), format!("org-{id}-email"));
    view! {
        <section class="panel organisation" id=anchor>
            <Localized text=o.name.clone() tag="h2"/>
            {saved.then(|| view! { <Notice msg=Msg::AdminSaved/> })}
            <h3>{crate::api::staff::StaffText::OrgAdmins.text(lang)}</h3>
            {o.admins.is_empty().then(|| view! { <p class="empty">{crate::api::staff::StaffText::OrgNoAdmins.text(lang)}</p> })}
            <ul class="members">
                {o.admins.into_iter().map(|m| view! {
                    <li>
                        <span>{m.name}" · "{m.email}</span>
                        <RemoveAdmin organisation=id.clone() account=m.account.to_string()/>
                    </li>
                }).collect_view()}
            </ul>
            <FormError value/>
            <ActionForm action=add attr:class="stack" attr:novalidate="">
                <input type="hidden" name="organisation" value=id/>
                <TextField label=Msg::FieldEmail name="email" id=email_id kind="email" error=field_error(value, Field::Email)/>
                <SubmitButton label=crate::api::staff::StaffText::OrgAddAdmin.text(lang) pending=add.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn RemoveAdmin(organisation: String, account: String) -> impl IntoView {
    let lang = crate::components::use_lang();
    let remove = ServerAction::<AdminRemoveOrganisationAdmin>::new();
    view! {
        <ActionForm action=remove attr:class="inline-form">
            <input type="hidden" name="organisation" value=organisation/>
            <input type="hidden" name="account" value=account/>
            <button type="submit" class="link-button">{crate::api::staff::StaffText::Remove.text(lang)}</button>
        </ActionForm>
    }
}

#[component]
fn NewOrganisation() -> impl IntoView {
    let lang = crate::components::use_lang();
    let create = ServerAction::<AdminCreateOrganisation>::new();
    let value = create.value();
    let none = Signal::derive(|| None);
    view! {
        <section class="panel" id="new-organisation">
            <h2>{crate::api::staff::StaffText::OrgNew.text(lang)}</h2>
            <FormError value/>
            <ActionForm action=create attr:class="stack" attr:novalidate="">
                <TextField label=crate::api::staff::StaffText::OrgNameKk.text(lang) name="name_kk" required=false maxlength=200 error=field_error(value, Field::Name)/>
                <TextField label=crate::api::staff::StaffText::OrgNameRu.text(lang) name="name_ru" required=false maxlength=200 error=none/>
                <TextField label=crate::api::staff::StaffText::OrgNameEn.text(lang) name="name_en" required=false maxlength=200 error=none/>
                <SubmitButton label=crate::api::staff::StaffText::OrgCreate.text(lang) pending=create.pending()/>
            </ActionForm>
        </section>
    }
}
