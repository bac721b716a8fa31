//! Judge calibration: anchor works and their reference scores, and whether a judge's queue
//! waits for calibration (admins, on the judging dashboard); a judge's calibration sheets.
//! Every form works as a plain form post; its words are server-only (no island).

pub use crate::view::judging::{CalibrationTodo, CalibrationView};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use crate::domain::access::Power;
#[cfg(feature = "ssr")]
use {
    super::contests::admin_contest,
    super::ctx::{self, OrInternal},
    crate::backend::db,
    crate::domain::audit::Action,
    crate::domain::contest::LocalText,
    crate::service::calibration as cal,
    crate::service::contests::audit,
    crate::service::parse_id,
};

#[cfg(feature = "ssr")]
fn dashboard_url(contest: &str) -> String {
    format!("/admin/contests/{contest}/judging?saved=calibration#calibration")
}

/// Makes a submitted work (by its receipt, of this contest or a past one) an anchor of a
/// nomination of this contest.
#[server(prefix = "/api", endpoint = "admin_add_anchor")]
pub async fn admin_add_anchor(contest: String, receipt: String, nomination: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            let code = cal::add_anchor(&state, &c, &receipt, &nomination).await?;
            audit(&state, me.account_id, Action::ContestAnchor, &c, &format!("{code} {}", receipt.trim())).await?;
            ctx::redirect(&dashboard_url(&c.public_id));
            Ok(())
        }
        .await,
    )
}

/// An anchor's reference points (`points[c<criterion>]`, every criterion) and explanation.
#[server(prefix = "/api", endpoint = "admin_save_anchor")]
pub async fn admin_save_anchor(
    contest: String,
    anchor: String,
    #[server(default)] points: HashMap<String, String>,
    #[server(default)] explanation_kk: String,
    #[server(default)] explanation_ru: String,
    #[server(default)] explanation_en: String,
) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            let mut check = crate::error::Checker::default();
            let words = super::contests::local_text(&mut check, crate::error::Field::Description, explanation_kk, explanation_ru, explanation_en, 2_000, None);
            check.finish()?;
            let words = LocalText::new(words.kk, words.ru, words.en);
            let code = cal::save_reference(&state, &c, parse_id(&anchor)?, &points, words).await?;
            audit(&state, me.account_id, Action::ContestAnchor, &c, &code).await?;
            ctx::redirect(&dashboard_url(&c.public_id));
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "admin_delete_anchor")]
pub async fn admin_delete_anchor(contest: String, anchor: String) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            let code = cal::delete_anchor(&state, &c, parse_id(&anchor)?).await?;
            audit(&state, me.account_id, Action::ContestAnchorDelete, &c, &code).await?;
            ctx::redirect(&dashboard_url(&c.public_id));
            Ok(())
        }
        .await,
    )
}

/// Whether each judge's queue waits until they have scored their anchors.
#[server(prefix = "/api", endpoint = "admin_calibration_required")]
pub async fn admin_calibration_required(contest: String, #[server(default)] required: Option<String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let (me, state, c) = admin_contest(&contest, Power::Jury).await?;
            db::calibration::set_required(&state.db, c.contest_id, required.is_some(), state.now()).await.or_internal()?;
            audit(&state, me.account_id, Action::ContestCalibrationRule, &c, if required.is_some() { "required" } else { "optional" }).await?;
            ctx::redirect(&dashboard_url(&c.public_id));
            Ok(())
        }
        .await,
    )
}

/// The judge's anchors still to score, by contest.
#[server(prefix = "/api", endpoint = "judge_calibration")]
pub async fn judge_calibration() -> Result<Vec<CalibrationTodo>, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_judging_account().await?;
            let state = ctx::state()?;
            cal::todo_of(&state, &me).await
        }
        .await,
    )
}

/// One anchor as its judge sees it.
#[server(prefix = "/api", endpoint = "judge_anchor")]
pub async fn judge_anchor(contest: String, code: String) -> Result<CalibrationView, AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_judging_account().await?;
            let state = ctx::state()?;
            cal::judge_view(&state, &me, &contest, &code).await
        }
        .await,
    )
}

/// A judge's calibration sheet of an anchor (`points[c<criterion>]`), once; then the anchor's
/// page shows the references beside it.
#[server(prefix = "/api", endpoint = "judge_calibrate")]
pub async fn judge_calibrate(contest: String, code: String, #[server(default)] points: HashMap<String, String>) -> Result<(), AppError> {
    ctx::respond(
        async move {
            let me = ctx::require_judging_account().await?;
            let state = ctx::state()?;
            cal::submit(&state, &me, &contest, &code, &points).await?;
            ctx::redirect(&format!("/judge/{contest}/anchors/{code}?sent=1"));
            Ok(())
        }
        .await,
    )
}
