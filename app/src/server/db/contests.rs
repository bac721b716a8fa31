use super::Db;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContestListRow {
    pub public_id: String,
    pub title_kk: Option<String>,
    pub title_ru: Option<String>,
    pub title_en: Option<String>,
}

/// Contests the public may see (not drafts), newest first.
pub async fn list_public(db: &Db) -> Result<Vec<ContestListRow>, sqlx::Error> {
    sqlx::query_as::<_, ContestListRow>(
        "SELECT public_id, title_kk, title_ru, title_en FROM contest
         WHERE status <> 'draft' ORDER BY created_at DESC, contest_id DESC",
    )
    .fetch_all(db)
    .await
}

pub async fn insert_placeholder(
    db: &Db,
    public_id: &str,
    titles: [Option<&str>; 3],
    status: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO contest (public_id, title_kk, title_ru, title_en, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING contest_id",
    )
    .bind(public_id)
    .bind(titles[0])
    .bind(titles[1])
    .bind(titles[2])
    .bind(status)
    .bind(now)
    .bind(now)
    .fetch_one(db)
    .await
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM contest").fetch_one(db).await
}
