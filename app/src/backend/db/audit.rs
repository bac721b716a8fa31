use super::{on, Handle};
use crate::domain::ids::AccountId;
/// Appends to the audit log: who did what to which record.
pub async fn log(db: impl Handle<'_>, actor_id: Option<AccountId>, action: &str, target: &str, detail: &str, now: i64) -> Result<(), sqlx::Error> {
    on!(db => {
        sqlx::query("INSERT INTO audit_log (actor_account_id, action, target, detail, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(actor_id)
            .bind(action)
            .bind(target)
            .bind(detail)
            .bind(now)
            .execute(&mut *db)
            .await
            .map(|_| ())
    })
}
