use super::query_flag;
use crate::api::accounts::{RequestPasswordReset, ResetPassword};
use crate::components::form::{FormError, Notice, SubmitButton, TextField, field_error};
use crate::components::t;
use crate::error::Field;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let value = action.value();
    view! {
        <Title text=t(Msg::ForgotTitle)/>
        <section class="narrow">
            <h1>{t(Msg::ForgotTitle)}</h1>
            {query_flag("sent").then(|| view! { <Notice msg=Msg::ForgotSent/> })}
            <p>{t(Msg::ForgotIntro)}</p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <TextField label=Msg::FieldEmail name="email" kind="email" autocomplete="email" error=field_error(value, Field::Email)/>
                <SubmitButton label=Msg::ForgotButton pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let value = action.value();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    view! {
        <Title text=t(Msg::ResetTitle)/>
        <section class="narrow">
            <h1>{t(Msg::ResetTitle)}</h1>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="token" value=token/>
                <TextField label=Msg::FieldNewPassword name="new_password" kind="password" autocomplete="new-password" hint=Msg::FieldPasswordHint error=field_error(value, Field::NewPassword)/>
                <SubmitButton label=Msg::ResetButton pending=action.pending()/>
            </ActionForm>
        </section>
    }
}
