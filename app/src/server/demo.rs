//! Demo data: three accounts (admin, judge, entrant) with fresh random passwords, and the
//! seed library's four contests. Safe to run twice: what exists is left alone.

use super::auth::{self, PasswordHasher};
use super::db::{self, Db};
use crate::domain::{Email, Password, Role};

pub struct DemoAccount {
    pub email: &'static str,
    pub role: Role,
    /// `None` when the account already existed (its password was not changed).
    pub password: Option<String>,
}

const ACCOUNTS: [(&str, &str, Role); 3] = [
    ("admin@demo.baiqau.kz", "Әсел Нұрланқызы (демо-әкімші)", Role::Admin),
    ("judge@demo.baiqau.kz", "Марат Бекұлы (демо-қазы)", Role::Judge),
    ("parent@demo.baiqau.kz", "Гүлнар Сапарова (демо)", Role::Entrant),
];

/// The library's contests: (kk, ru, en) titles.
const CONTESTS: [[Option<&str>; 3]; 4] = [
    [Some("Ұлы даланың ұлы тұлғалары"), Some("Великие личности Великой степи"), Some("Great figures of the Great Steppe")],
    [Some("Уа, Қабанбай, көзелім"), Some("Уа, Қабанбай, көзелім"), None],
    [Some("Ертегілер мен сиқыр әлемінде"), Some("В мире сказок и волшебства"), Some("In the world of fairy tales and magic")],
    [Some("Шығыс Қазақстан өлкетануы"), Some("Краеведение Восточного Казахстана"), Some("Local history of East Kazakhstan")],
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("hashing failed")]
    Hash,
}

pub async fn load(db: &Db, hasher: &PasswordHasher, now: i64) -> Result<Vec<DemoAccount>, DemoError> {
    let mut out = Vec::new();
    for (email, name, role) in ACCOUNTS {
        let parsed = Email::parse(email).map_err(|_| DemoError::Hash)?;
        if db::accounts::find_by_email(db, &parsed).await?.is_some() {
            out.push(DemoAccount { email, role, password: None });
            continue;
        }
        let password = readable_password();
        let p = Password::parse(password.clone()).map_err(|_| DemoError::Hash)?;
        let hash = hasher.hash(&p).await.map_err(|_| DemoError::Hash)?;
        match db::accounts::insert(db, &parsed, name, &hash, role, now).await {
            Ok(_) => out.push(DemoAccount { email, role, password: Some(password) }),
            Err(db::accounts::InsertAccountError::EmailTaken) => out.push(DemoAccount { email, role, password: None }),
            Err(db::accounts::InsertAccountError::Db(e)) => return Err(e.into()),
        }
    }
    if db::contests::count(db).await? == 0 {
        for (i, titles) in CONTESTS.iter().enumerate() {
            db::contests::insert_placeholder(db, &auth::new_public_id(), *titles, "announced", now + i as i64).await?;
        }
    }
    Ok(out)
}

/// Four groups of four letters and digits without look-alikes: easy to type from a printout.
fn readable_password() -> String {
    use rand::Rng as _;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..4)
        .map(|_| (0..4).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}
