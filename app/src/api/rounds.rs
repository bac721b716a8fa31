//! Rounds: accepting a feeding round, advancement rules, advancing works into the next
//! round (`service::rounds`).

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::ctx, crate::domain::access::Power};

/// The organisers of `contest` accept `source` (a contest's public id) as a round that
/// feeds theirs.
#[server(prefix = "/api", endpoint = "admin_add_round_feed")]
pub async fn admin_add_round_feed(contest: String, source: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_account().await?;
            let state = ctx::state()?;
            crate::service::rounds::add_feed(&state, &me, &contest, &source).await?;
            ctx::redirect(&format!("/admin/contests/{contest}/results?saved=rounds#rounds"));
            Ok(())
        }
        .await,
    )
}

/// Which works of one nomination × age group (`age_group` empty: all of the nomination's)
/// advance: `kind` `top`, `award` or `min_score` with its `value`; `boundary` `all` or
/// `none` for a place shared at the cut-off.
#[server(prefix = "/api", endpoint = "admin_save_advancement_rule")]
pub async fn admin_save_advancement_rule(contest: String, nomination: String, #[server(default)] age_group: String, kind: String, value: String, boundary: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            crate::service::rounds::save_rule(&state, &me, &c, &nomination, &age_group, (&kind, &value, &boundary)).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?saved=rounds#rounds", c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Advances into `target` the works the rules pick, or with `codes` (one per line or
/// comma) and a `reason`, exactly those works. The page it goes back to says how many
/// advanced, how many were there already, and which found no place.
#[server(prefix = "/api", endpoint = "admin_advance")]
pub async fn admin_advance(contest: String, target: String, #[server(default)] codes: String, #[server(default)] reason: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = super::contests::admin_contest(&contest, Power::Results).await?;
            let codes: Vec<String> = codes.split([',', '\n', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
            let chosen = if codes.is_empty() {
                None
            } else {
                if reason.trim().is_empty() {
                    return Err(AppError::field(crate::error::Field::Reason, crate::i18n::Msg::ErrRequired));
                }
                Some((codes.as_slice(), reason.as_str()))
            };
            let r = crate::service::rounds::advance(&state, &me, &c, &target, chosen).await?;
            ctx::redirect(&format!("/admin/contests/{}/results?advanced={}&already={}&unplaced={}#rounds", c.public_id, r.advanced, r.already, r.unplaced.join(",")));
            Ok(())
        }
        .await,
    )
}
