//! The organiser's identity: saved by a site admin, checked by the domain's rules, logged,
//! and seen by this process's next request at once (others within `backend::identity::FRESH`).

use crate::backend::{AppState, db};
use crate::domain::AccountId;
use crate::domain::audit::Action;
use crate::domain::identity::{Identity, IdentityError};
use crate::error::{AppError, Field, FieldError, OrInternal};
use crate::i18n::{Lang, Msg};

/// What the form sends.
pub struct IdentityInput<'a> {
    pub names: [&'a str; 3],
    pub main: &'a str,
    pub accent: &'a str,
    pub default_lang: &'a str,
    pub browser_lang: bool,
}

fn field_error(e: IdentityError) -> FieldError {
    match e {
        IdentityError::NameTooLong(_) => FieldError { field: Field::Organisation, msg: Msg::ErrTextTooLong },
        IdentityError::BadColour { main: true } | IdentityError::MainTooLight => {
            FieldError { field: Field::MainColour, msg: if e == IdentityError::MainTooLight { Msg::ErrColourLight } else { Msg::ErrChooseOption } }
        }
        IdentityError::BadColour { main: false } => FieldError { field: Field::AccentColour, msg: Msg::ErrChooseOption },
        IdentityError::AccentTooClose => FieldError { field: Field::AccentColour, msg: Msg::ErrColourClose },
    }
}

/// Checks and saves everything but the logo; every wrong field is reported at once.
pub async fn save(state: &AppState, actor: AccountId, input: IdentityInput<'_>) -> Result<(), AppError> {
    let lang = Lang::from_code(input.default_lang.trim());
    let parsed = Identity::parse(input.names, input.main, input.accent);
    let mut errors = match &parsed {
        Ok(_) => Vec::new(),
        Err(list) => list.iter().map(|e| field_error(*e)).collect(),
    };
    if lang.is_none() {
        errors.push(FieldError { field: Field::Mode, msg: Msg::ErrChooseOption });
    }
    let (Ok((names, main, accent)), Some(default_lang)) = (parsed, lang) else { return Err(AppError::Validation(errors)) };
    let now = state.now();
    let mut id = db::identity::get(&state.db).await.or_internal()?;
    id.names = names;
    id.main = main;
    id.accent = accent;
    id.default_lang = default_lang;
    id.browser_lang = input.browser_lang;
    id.revision = db::identity::save(&state.db, &id, now).await.or_internal()?;
    let detail = format!("{} · {} · {} · {}{}", id.names.join(" / "), id.main.hex(), id.accent.hex(), default_lang.code(), if id.browser_lang { " · browser" } else { "" });
    db::audit::log(&state.db, Some(actor), Action::SiteIdentity, db::audit::Subject::Site, &detail, now).await.or_internal()?;
    state.identity.put(id);
    Ok(())
}

/// Records a new logo (already stored) or none; returns the previous one's name.
pub async fn set_logo(state: &AppState, actor: AccountId, name: Option<&str>) -> Result<Option<String>, AppError> {
    let now = state.now();
    let old = db::identity::set_logo(&state.db, name, now).await.or_internal()?;
    db::audit::log(&state.db, Some(actor), Action::SiteLogo, db::audit::Subject::Site, name.unwrap_or("—"), now).await.or_internal()?;
    state.identity.put(db::identity::get(&state.db).await.or_internal()?);
    Ok(old)
}
