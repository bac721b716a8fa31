//! Public contest listing (placeholders until the contests capability lands).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {super::ctx, crate::server::db};

/// A contest as the list shows it; titles by language, any of which may be missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestCard {
    pub public_id: String,
    pub titles: [Option<String>; 3],
}

#[server(prefix = "/api", endpoint = "list_contests")]
pub async fn list_contests() -> Result<Vec<ContestCard>, AppError> {
    ctx::respond(
        async move {
            let state = ctx::state()?;
            let rows = db::contests::list_public(&state.db).await.map_err(ctx::internal)?;
            Ok(rows
                .into_iter()
                .map(|r| ContestCard { public_id: r.public_id, titles: [r.title_kk, r.title_ru, r.title_en] })
                .collect())
        }
        .await,
    )
}
