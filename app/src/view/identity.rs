//! The organiser's identity as its settings page shows it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentitySettings {
    /// The names in kk, ru and en.
    pub names: [String; 3],
    /// `#rrggbb`.
    pub main: String,
    pub accent: String,
    /// `kk`, `ru` or `en`.
    pub default_lang: String,
    pub browser_lang: bool,
    /// The logo's address, if there is one.
    pub logo: Option<String>,
}
