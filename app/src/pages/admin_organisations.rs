//! `/admin/organisations` (site administrators): the organisations hosted on the site, each
//! with its admins, a form to add one, and a form for a new organisation. Plain forms that
//! work without JavaScript.

use crate::api::staff::{
    AdminAddOrganisationAdmin, AdminCreateOrganisation, AdminDeleteOrganisation, AdminRemoveOrganisationAdmin, AdminRenameOrganisation, OrganisationView, OrganisationsPage, StaffText,
    admin_organisations,
};
use crate::components::contest::Localized;
use crate::components::form::{FormError, Notice, SubmitButton, TextField, field_error};
use crate::error::Field;
use crate::i18n::{Msg, fill};
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
            {super::query_flag("deleted").then(|| view! { <Notice msg=Msg::AdminSaved/> })}
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
    let org = id.clone();
    let (for_rename, for_delete) = (id.clone(), id.clone());
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
                        <RemoveAdmin organisation=org.clone() account=m.account.to_string()/>
                    </li>
                }).collect_view()}
            </ul>
            <FormError value/>
            <ActionForm action=add attr:class="stack" attr:novalidate="">
                <input type="hidden" name="organisation" value=id/>
                <TextField label=Msg::FieldEmail name="email" id=email_id kind="email" error=field_error(value, Field::Email)/>
                <SubmitButton label=crate::api::staff::StaffText::OrgAddAdmin.text(lang) pending=add.pending()/>
            </ActionForm>
            <p class="hint org-contests">{fill(StaffText::OrgContests.text(lang), &[("n", &o.contests.to_string())])}</p>
            <Rename id=for_rename name=o.name.clone()/>
            {(o.contests == 0).then(|| view! { <Delete id=for_delete/> })}
        </section>
    }
}

/// The organisation's name in each language, to correct (folded until opened).
#[component]
fn Rename(id: String, name: crate::domain::contest::LocalText) -> impl IntoView {
    let lang = crate::components::use_lang();
    let rename = ServerAction::<AdminRenameOrganisation>::new();
    let value = rename.value();
    let none = Signal::derive(|| None);
    let (kk_id, ru_id, en_id) = (format!("org-{id}-name-kk"), format!("org-{id}-name-ru"), format!("org-{id}-name-en"));
    // Open when its own refused form came back (without JavaScript) or was refused here.
    let came_back = crate::components::form::returned("new_kk").is_some() && crate::components::form::returned("organisation").as_deref() == Some(id.as_str());
    view! {
        <details class="org-rename" open=move || came_back || value.with(|v| matches!(v, Some(Err(_))))>
            <summary>{StaffText::OrgRename.text(lang)}</summary>
            <FormError value/>
            <ActionForm action=rename attr:class="stack" attr:novalidate="">
                <input type="hidden" name="organisation" value=id.clone()/>
                <TextField label=StaffText::OrgNameKk.text(lang) name="new_kk" id=kk_id value=name.kk.clone().unwrap_or_default() required=false maxlength=200 error=field_error(value, Field::Name)/>
                <TextField label=StaffText::OrgNameRu.text(lang) name="new_ru" id=ru_id value=name.ru.clone().unwrap_or_default() required=false maxlength=200 error=none/>
                <TextField label=StaffText::OrgNameEn.text(lang) name="new_en" id=en_id value=name.en.clone().unwrap_or_default() required=false maxlength=200 error=none/>
                <SubmitButton label=StaffText::OrgSaveName.text(lang) pending=rename.pending()/>
            </ActionForm>
        </details>
    }
}

/// Deleting an organisation that holds no contest.
#[component]
fn Delete(id: String) -> impl IntoView {
    let lang = crate::components::use_lang();
    let delete = ServerAction::<AdminDeleteOrganisation>::new();
    let value = delete.value();
    view! {
        <FormError value/>
        <ActionForm action=delete attr:class="inline-form org-delete">
            <input type="hidden" name="organisation" value=id/>
            <p class="hint">{StaffText::OrgDeleteHint.text(lang)}</p>
            <button type="submit" class="button danger small">{StaffText::OrgDelete.text(lang)}</button>
        </ActionForm>
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
