use super::account::role_label;
use super::{LoadError, query_flag};
use crate::api::accounts::{AccountInfo, AdminResetTwoStep, AdminSetDisabled, AdminSetRole, admin_list_accounts};
use crate::components::form::{FormError, Notice};
use crate::components::{local_time, t, use_lang};
use crate::domain::Role;
use crate::i18n::{Msg, Plural};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let accounts = Resource::new_blocking(|| (), |_| admin_list_accounts());
    let lang = use_lang();
    view! {
        <Title text=t(Msg::AdminAccountsTitle)/>
        <h1>{t(Msg::AdminAccountsTitle)}</h1>
        <p class="hint admin-links">
            <a class="audit-link" href="/admin/audit">{t(Msg::AuditTitle)}</a>
            " · "
            <a class="identity-link" href="/admin/identity">{super::admin_identity::SiteText::Title.text(lang)}</a>
        </p>
        {query_flag("updated").then(|| view! { <Notice msg=Msg::AccountUpdated/> })}
        <Suspense fallback=|| view! { <p>{t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => view! {
                        <p class="count">{Plural::Accounts.format(lang, list.len() as u64)}</p>
                        <div class="table-wrap">
                            <table class="accounts">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColName)}</th>
                                        <th scope="col">{t(Msg::ColEmail)}</th>
                                        <th scope="col">{t(Msg::ColRole)}</th>
                                        <th scope="col">{t(Msg::ColStatus)}</th>
                                        <th scope="col">{t(Msg::ColCreated)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! { <AccountRow account=a/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountRow(account: AccountInfo) -> impl IntoView {
    let set_role = ServerAction::<AdminSetRole>::new();
    let set_disabled = ServerAction::<AdminSetDisabled>::new();
    let reset = ServerAction::<AdminResetTwoStep>::new();
    let id = account.account_id.to_string();
    let status = match (account.deleted, account.disabled) {
        (true, _) => Msg::StatusDeleted,
        (false, true) => Msg::StatusDisabled,
        (false, false) => Msg::StatusActive,
    };
    let two_step = account.two_step;
    let controls = (!account.is_me && !account.deleted).then(|| {
        let id2 = id.clone();
        let id3 = id.clone();
        view! {
            <FormError value=set_role.value()/>
            <ActionForm action=set_role attr:class="inline-form">
                <input type="hidden" name="account_id" value=id.clone()/>
                <label class="visually-hidden" for=format!("role-{id}")>{t(Msg::ColRole)}</label>
                <select name="role" id=format!("role-{id}")>
                    {Role::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str() selected=r == account.role>{t(role_label(r))}</option> })
                        .collect_view()}
                </select>
                <button type="submit" class="button small">{t(Msg::ActionSaveRole)}</button>
            </ActionForm>
            <FormError value=set_disabled.value()/>
            <ActionForm action=set_disabled attr:class="inline-form">
                <input type="hidden" name="account_id" value=id2/>
                <input type="hidden" name="disabled" value=(!account.disabled).to_string()/>
                <button type="submit" class="button small" class:danger=!account.disabled>
                    {t(if account.disabled { Msg::ActionEnable } else { Msg::ActionDisable })}
                </button>
            </ActionForm>
            {two_step.then(|| view! {
                <FormError value=reset.value()/>
                <ActionForm action=reset attr:class="inline-form reset-two-step">
                    <input type="hidden" name="account_id" value=id3/>
                    <button type="submit" class="button small">{t(Msg::ActionResetTwoStep)}</button>
                </ActionForm>
            })}
        }
    });
    let badge = two_step.then(|| view! { " " <span class="badge two-step">{t(Msg::TwoStepBadge)}</span> });
    let me_note = account.is_me.then(|| view! { " ("{t(Msg::You)}")" });
    view! {
        <tr class:disabled=account.disabled>
            <td data-label=t(Msg::ColName)>{account.display_name}{me_note}{badge}</td>
            <td data-label=t(Msg::ColEmail)>{account.email}</td>
            <td data-label=t(Msg::ColRole)>{t(role_label(account.role))}{controls}</td>
            <td data-label=t(Msg::ColStatus)>{t(status)}</td>
            <td data-label=t(Msg::ColCreated)>{local_time(account.created_at)}</td>
        </tr>
    }
}
