use crate::api::accounts::Register;
use crate::components::form::{FormError, SubmitButton, TextField, field_error};
use crate::components::t;
use crate::error::Field;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let value = action.value();
    // Where to go once registered: the page that asked for an account.
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    let back = super::next_query(&next);
    view! {
        <Title text=t(Msg::RegisterTitle)/>
        <section class="narrow">
            <h1>{t(Msg::RegisterTitle)}</h1>
            <p>{t(Msg::RegisterIntro)}</p>
            <FormError value/>
            <ActionForm action attr:class="stack" attr:novalidate="">
                <input type="hidden" name="next" value=next/>
                <TextField label=Msg::FieldDisplayName name="display_name" autocomplete="name" maxlength=100u32 error=field_error(value, Field::DisplayName)/>
                <TextField label=Msg::FieldEmail name="email" kind="email" autocomplete="email" error=field_error(value, Field::Email)/>
                <TextField label=Msg::FieldPassword name="password" kind="password" autocomplete="new-password" hint=Msg::FieldPasswordHint error=field_error(value, Field::Password)/>
                <SubmitButton label=Msg::RegisterButton pending=action.pending()/>
            </ActionForm>
            <p><a href=format!("/login{back}") id="to-login">{t(Msg::HaveAccount)}</a></p>
        </section>
    }
}
