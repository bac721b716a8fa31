use crate::domain::ids::AccountId;
/// Appends to the audit log: who did what to which record.
pub async fn log<'e>(db: impl super::Exec<'e>, actor_id: Option<AccountId>, action: &str, target: &str, detail: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO audit_log (actor_account_id, action, target, detail, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(actor_id)
        .bind(action)
        .bind(target)
        .bind(detail)
        .bind(now)
        .execute(db)
        .await
        .map(|_| ())
}
