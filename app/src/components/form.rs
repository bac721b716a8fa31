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

/// What the user typed into field `name` of a plain form (JavaScript off) that the server
/// refused just now: the page shows it again instead of the stored value
/// (`backend::form_return`). Always `None` in the browser, where refused forms never leave
/// the page.
pub fn returned(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::backend::form_return::ReturnedForm>().and_then(|f| f.value(name)).map(str::to_owned))
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

/// Whether a refused plain form came back with a field whose name starts with `prefix`
/// (which of a page's forms it was).
pub fn returned_any(prefix: &str) -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::backend::form_return::ReturnedForm>().map(|f| f.0.iter().any(|(k, _)| k.starts_with(prefix))))
            .unwrap_or(false)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = prefix;
        false
    }
}

/// The pieces every labelled control shares: ids for hint and error, `aria-describedby`.
struct Described {
    id: String,
    hint_id: String,
    error_id: String,
}

impl Described {
    fn new(id: String) -> Described {
        Described { hint_id: format!("{id}-hint"), error_id: format!("{id}-error"), id }
    }

    fn described_by(&self, hint: bool, error: Signal<Option<Msg>>) -> impl Fn() -> String + Send + Sync + 'static {
        let (hint_id, error_id) = (self.hint_id.clone(), self.error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    }
}

/// A control's words: a [`Msg`] (in the WASM too), or a server-only text (`server_texts!`)
/// for controls of pages the server alone renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    Msg(Msg),
    Server(&'static str),
}

impl From<Msg> for Words {
    fn from(m: Msg) -> Words {
        Words::Msg(m)
    }
}

impl From<&'static str> for Words {
    fn from(s: &'static str) -> Words {
        Words::Server(s)
    }
}

impl Words {
    fn text(self) -> &'static str {
        match self {
            Words::Msg(m) => t(m),
            Words::Server(s) => s,
        }
    }
}

#[component]
fn FieldFrame(
    label: Words,
    id: String,
    hint: Option<Msg>,
    error: Signal<Option<Msg>>,
    children: Children,
) -> impl IntoView {
    let d = Described::new(id);
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=d.id.clone()>{label.text()}</label>
            {hint.map(|h| view! { <p class="hint" id=d.hint_id.clone()>{t(h)}</p> })}
            {children()}
            <p class="field-error" id=d.error_id.clone() role="alert" hidden=move || error.get().is_none()>
                {move || error.get().map(t)}
            </p>
        </div>
    }
}

/// A labelled control whose words only the server writes (a `server_texts!` table): the
/// label, an optional hint (`<id>-hint`), the control, and its error (`<id>-error`; errors
/// travel as [`Msg`]). The control names the hint and the error in its `aria-describedby`.
#[component]
pub fn PlainField(#[prop(into)] id: String, #[prop(into)] label: String, #[prop(optional, into)] hint: Option<String>, error: Signal<Option<Msg>>, children: Children) -> impl IntoView {
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.filter(|h| !h.is_empty()).map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {children()}
            <p class="field-error" id=format!("{id}-error") role="alert" hidden=move || error.get().is_none()>{move || error.get().map(t)}</p>
        </div>
    }
}

#[component]
pub fn TextField(
    #[prop(into)] label: Words,
    name: &'static str,
    /// The element id; defaults to `name` (set it when a page has several forms alike).
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(into)] error: Signal<Option<Msg>>,
    #[prop(default = true)] required: bool,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_owned());
    let d = Described::new(id.clone());
    let described = d.described_by(hint.is_some(), error);
    let value = returned(name).or(value);
    view! {
        <FieldFrame label id=id.clone() hint error>
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=value.clone()
                maxlength=maxlength
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
            />
        </FieldFrame>
    }
}

#[component]
pub fn TextArea(
    #[prop(into)] label: Words,
    name: &'static str,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(into)] error: Signal<Option<Msg>>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_owned());
    let d = Described::new(id.clone());
    let described = d.described_by(hint.is_some(), error);
    let value = returned(name).or(value);
    view! {
        <FieldFrame label id=id.clone() hint error>
            <textarea
                id=id.clone()
                name=name
                rows=rows
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
                inner_html=textarea_content(value.as_deref().unwrap_or_default())
            ></textarea>
        </FieldFrame>
    }
}

/// A text area's content as markup. The framework writes a `<textarea>`'s children into the
/// page as they are, so a value holding `</textarea>` would close the element and the rest
/// would be live markup (and `&amp;` would come back as `&`): the text is escaped here. On
/// the server a newline goes first, because the HTML parser drops one that opens the
/// element; in the browser the content is set as markup of the element itself (no such rule).
pub fn textarea_content(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    if cfg!(feature = "ssr") { format!("\n{escaped}") } else { escaped }
}

/// A `<select>` of `(value, label)` options.
#[component]
pub fn SelectField(
    #[prop(into)] label: Words,
    name: &'static str,
    #[prop(optional, into)] id: Option<String>,
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
    #[prop(into)] error: Signal<Option<Msg>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_owned());
    let d = Described::new(id.clone());
    let described = d.described_by(false, error);
    let selected = returned(name).unwrap_or(selected);
    view! {
        <FieldFrame label id=id.clone() hint=None error>
            <select id=id.clone() name=name aria-describedby=described>
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let sel = v == selected;
                        view! { <option value=v selected=sel>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </FieldFrame>
    }
}

#[component]
pub fn Checkbox(label: Msg, name: &'static str, #[prop(optional, into)] id: Option<String>, checked: bool) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_owned());
    let checked = checked || returned(name).is_some();
    view! {
        <div class="check">
            <input type="checkbox" id=id.clone() name=name value="on" checked=checked/>
            <label for=id>{t(label)}</label>
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
pub fn SubmitButton(#[prop(into)] label: Words, #[prop(into)] pending: Signal<bool>, #[prop(optional)] class: &'static str) -> impl IntoView {
    let class = if class.is_empty() { "button primary" } else { class };
    view! {
        <button type="submit" class=class disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
            {move || if pending.get() { t(Msg::Working) } else { label.text() }}
        </button>
    }
}

/// A success notice, shown when the page's URL says the last action worked.
#[component]
pub fn Notice(msg: Msg) -> impl IntoView {
    view! { <div class="notice" role="status">{t(msg)}</div> }
}

/// The contest editor's "saved" notice, under the section the URL names (`?saved=<section>`).
pub fn saved_notice(section: &'static str) -> impl IntoView {
    let q = leptos_router::hooks::use_query_map();
    (q.with_untracked(|q| q.get("saved")).as_deref() == Some(section)).then(|| view! { <Notice msg=Msg::AdminSaved/> })
}

/// Sections whose forms the reader's role does not let them use (`domain::access`): shown
/// as they are, every control disabled, under a note that says why. Those who may use them
/// get the sections alone.
pub fn may_change(may: bool, sections: AnyView) -> AnyView {
    if may {
        sections
    } else {
        view! {
            <p class="notice read-only-note" role="status">{crate::view::staff::StaffText::ReadOnly.text(super::use_lang())}</p>
            <fieldset class="read-only" disabled>{sections}</fieldset>
        }
        .into_any()
    }
}
