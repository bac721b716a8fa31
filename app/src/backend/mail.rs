//! E-mail, the first channel of the outbox (`backend::notify` sends it).
//!
//! With `BAIQAU_SMTP_URL` mail goes over SMTP (lettre); without it, it is written as `.eml`
//! files to `data/mail/` and logged, for development.

use super::db;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone)]
pub enum MailTransport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

impl MailTransport {
    pub fn from_config(config: &super::Config) -> Result<MailTransport, lettre::transport::smtp::Error> {
        match &config.smtp_url {
            Some(url) => Ok(MailTransport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.timeout(Some(Duration::from_secs(30))).build(),
            )),
            None => Ok(MailTransport::Folder(config.data_dir.join("mail"))),
        }
    }

    pub(super) async fn send(&self, sender: &Sender, row: &db::outbox::OutboxRow) -> Result<(), String> {
        let from: Mailbox = sender.from.parse().map_err(|e| format!("bad sender: {e}"))?;
        let from = match &sender.name {
            Some(name) => Mailbox::new(Some(name.clone()), from.email),
            None => from,
        };
        let to_addr = row.to_addr.parse().map_err(|e| format!("bad recipient: {e}"))?;
        let name = (!row.to_name.is_empty()).then(|| row.to_name.clone());
        let body = match &sender.name {
            Some(name) => format!("{}\n\n-- \n{name}\n", row.body_text.trim_end()),
            None => row.body_text.clone(),
        };
        let message = Message::builder()
            .from(from)
            .to(Mailbox::new(name, to_addr))
            .subject(&row.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| format!("cannot build message: {e}"))?;
        match self {
            MailTransport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            MailTransport::Folder(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| e.to_string())?;
                let path = dir.join(format!("{:08}.eml", row.outbox_id));
                tokio::fs::write(&path, message.formatted()).await.map_err(|e| e.to_string())?;
                tracing::info!(to = %row.to_addr, subject = %row.subject, path = %path.display(), "mail written to folder");
                Ok(())
            }
        }
    }
}

/// Who mail comes from: the configured address, under the organiser's name (in the
/// installation's default language) when it has one, which also signs every message.
#[derive(Clone, Debug)]
pub struct Sender {
    pub from: String,
    pub name: Option<String>,
}

impl Sender {
    pub fn new(from: &str, identity: &crate::domain::identity::Identity) -> Sender {
        Sender { from: from.to_owned(), name: identity.name(identity.default_lang).map(str::to_owned) }
    }

    /// This installation's sender as it stands.
    pub async fn of(state: &super::AppState) -> Sender {
        Sender::new(&state.config.mail_from, &*state.identity.get(&state.db).await)
    }
}
