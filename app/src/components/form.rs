//! Form pieces: labelled inputs with their hints and errors, the form-level error box,
//! and the submit button that knows when it is busy.

use super::t;
use crate::error::{AppError, Field};
use crate::i18n::Msg;
use leptos::prelude::*;

/// The error for `field` in an action's last result.
pub fn field_error<V>(value: V, field: Field) -> Signal<Option<Msg>>
where
    V: With<Value = Option<Result<(), AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.field_msg(field))))
}

#[component]
pub fn TextField(
    label: Msg,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(into)] error: Signal<Option<Msg>>,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=name>{t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{t(h)}</p> })}
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=value
                maxlength=maxlength
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
            />
            <p class="field-error" id=error_id role="alert" hidden=move || error.get().is_none()>
                {move || error.get().map(t)}
            </p>
        </div>
    }
}

/// The message above a form when the last submission failed.
#[component]
pub fn FormError<V>(value: V) -> impl IntoView
where
    V: With<Value = Option<Result<(), AppError>>> + Send + Sync + 'static,
{
    let lang = super::use_lang();
    let value = Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err()).map(|e| e.message(lang))));
    let message = move || value.get();
    view! {
        <div class="form-error" role="alert" hidden=move || message().is_none()>
            {message}
        </div>
    }
}

#[component]
pub fn SubmitButton(label: Msg, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <button type="submit" class="button primary" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { t(Msg::Working) } else { t(label) }}
        </button>
    }
}

/// A success notice, shown when the page's URL says the last action worked.
#[component]
pub fn Notice(msg: Msg) -> impl IntoView {
    view! { <div class="notice" role="status">{t(msg)}</div> }
}
