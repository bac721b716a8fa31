//! Leases on background work, so that one instance at a time does it: taken when free or
//! run out, handed back when the work is done or the instance stops.

use super::{on, Handle};

/// Takes the lease `name` for `holder` until `until` when nobody holds it, its holder's time
/// has run out (`expires_at <= now`: the holder died), or `holder` holds it already (renewal).
/// One statement: of instances asking at once, exactly one gets it. `true` when taken.
pub async fn claim(db: impl Handle<'_>, name: &str, holder: &str, now: i64, until: i64) -> Result<bool, sqlx::Error> {
    on!(db => {
        let got: Option<String> = sqlx::query_scalar(
            "INSERT INTO lease (name, holder, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
             WHERE lease.expires_at <= $4 OR lease.holder = excluded.holder
             RETURNING holder",
        )
        .bind(name)
        .bind(holder)
        .bind(until)
        .bind(now)
        .fetch_optional(&mut *db)
        .await?;
        Ok(got.is_some())
    })
}

/// Hands a lease back (only its holder can).
pub async fn release(db: impl Handle<'_>, name: &str, holder: &str) -> Result<bool, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM lease WHERE name = $1 AND holder = $2").bind(name).bind(holder).execute(&mut *db).await?;
        Ok(r.rows_affected() == 1)
    })
}

/// Hands back every lease an instance holds (it is stopping).
pub async fn release_all(db: impl Handle<'_>, holder: &str) -> Result<u64, sqlx::Error> {
    on!(db => {
        let r = sqlx::query("DELETE FROM lease WHERE holder = $1").bind(holder).execute(&mut *db).await?;
        Ok(r.rows_affected())
    })
}
