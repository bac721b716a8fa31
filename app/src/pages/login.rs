use super::query_flag;
use crate::api::accounts::Login;
use crate::components::form::{FormError, Notice, SubmitButton, TextField, field_error};
use crate::components::t;
use crate::error::Field;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let value = action.value();
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    let next_link = next.clone();
    view! {
        <Title text=t(Msg::LoginTitle)/>
        <section class="narrow">
            <h1>{t(Msg::LoginTitle)}</h1>
            {query_flag("reset").then(|| view! { <Notice msg=Msg::ResetDone/> })}
            {query_flag("confirmed").then(|| view! { <Notice msg=Msg::ConfirmDoneLogIn/> })}
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="next" value=next/>
                <TextField label=Msg::FieldEmail name="email" kind="email" autocomplete="email" error=field_error(value, Field::Email)/>
                <TextField label=Msg::FieldPassword name="password" kind="password" autocomplete="current-password" error=field_error(value, Field::Password)/>
                <SubmitButton label=Msg::LoginButton pending=action.pending()/>
            </ActionForm>
            <p><a href="/password/forgot">{t(Msg::ForgotPassword)}</a></p>
            <p><a href=format!("/register{}", super::next_query(&next_link)) id="to-register">{t(Msg::NoAccount)}</a></p>
        </section>
    }
}
