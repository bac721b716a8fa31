//! The organiser's identity: one row at most (`identity_id = 1`).

use super::{Handle, on};
use crate::domain::identity::{Colour, Identity};
use crate::i18n::Lang;

type Row = (String, String, String, String, String, String, i64, Option<String>, i64);

/// The saved identity; the default when none was ever saved.
pub async fn get(db: impl Handle<'_>) -> Result<Identity, sqlx::Error> {
    on!(db => {
        let row: Option<Row> = sqlx::query_as(
            "SELECT name_kk, name_ru, name_en, main_colour, accent_colour, default_lang, browser_lang, logo_file, revision
             FROM site_identity WHERE identity_id = 1",
        )
        .fetch_optional(&mut *db)
        .await?;
        Ok(row.map_or_else(Identity::default, |(kk, ru, en, main, accent, lang, browser, logo, revision)| Identity {
            names: [kk, ru, en],
            main: Colour::parse(&main).unwrap_or(Colour::DEFAULT_MAIN),
            accent: Colour::parse(&accent).unwrap_or(Colour::DEFAULT_ACCENT),
            default_lang: Lang::from_code(&lang).unwrap_or_default(),
            browser_lang: browser != 0,
            logo,
            revision,
        }))
    })
}

/// Saves everything but the logo (kept as it is); returns the new revision.
pub async fn save(db: impl Handle<'_>, id: &Identity, now: i64) -> Result<i64, sqlx::Error> {
    on!(db => {
        sqlx::query_scalar(
            "INSERT INTO site_identity (identity_id, name_kk, name_ru, name_en, main_colour, accent_colour, default_lang, browser_lang, logo_file, updated_at, revision)
             VALUES (1, $1, $2, $3, $4, $5, $6, $7, NULL, $8, 1)
             ON CONFLICT (identity_id) DO UPDATE SET name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en,
                 main_colour = excluded.main_colour, accent_colour = excluded.accent_colour, default_lang = excluded.default_lang,
                 browser_lang = excluded.browser_lang, updated_at = excluded.updated_at, revision = site_identity.revision + 1
             RETURNING revision",
        )
        .bind(&id.names[0])
        .bind(&id.names[1])
        .bind(&id.names[2])
        .bind(id.main.hex())
        .bind(id.accent.hex())
        .bind(id.default_lang.code())
        .bind(i64::from(id.browser_lang))
        .bind(now)
        .fetch_one(&mut *db)
        .await
    })
}

/// Sets (or clears) the logo, creating the row with the defaults if there was none; returns
/// the previous logo's file name, for removal.
pub async fn set_logo(db: impl Handle<'_>, file: Option<&str>, now: i64) -> Result<Option<String>, sqlx::Error> {
    on!(db => {
        let old: Option<Option<String>> = sqlx::query_scalar("SELECT logo_file FROM site_identity WHERE identity_id = 1").fetch_optional(&mut *db).await?;
        let d = Identity::default();
        sqlx::query(
            "INSERT INTO site_identity (identity_id, name_kk, name_ru, name_en, main_colour, accent_colour, default_lang, browser_lang, logo_file, updated_at, revision)
             VALUES (1, '', '', '', $1, $2, $3, 1, $4, $5, 1)
             ON CONFLICT (identity_id) DO UPDATE SET logo_file = excluded.logo_file, updated_at = excluded.updated_at, revision = site_identity.revision + 1",
        )
        .bind(d.main.hex())
        .bind(d.accent.hex())
        .bind(d.default_lang.code())
        .bind(file)
        .bind(now)
        .execute(&mut *db)
        .await?;
        Ok(old.flatten())
    })
}
