//! Email over SMTP: a configured mail server (`PHAEN_SMTP_URL`, e.g.
//! `smtp://user:pass@mail.example.th:587?tls=required` for STARTTLS, `smtps://…:465` for TLS,
//! `smtp://127.0.0.1:25` for a local relay without TLS) and a sender (`PHAEN_MAIL_FROM`).

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Why an email could not be configured or sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail server address '{url}' is not usable: {why}")]
    Config { url: String, why: String },
    #[error("'{0}' is not an email address")]
    Address(String),
    #[error("the mail server did not take the message for {to}: {why}")]
    Send { to: String, why: String },
}

/// Sends email through one SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for the server at `url`, sending as `from` ('Phaen <phaen@coop.example.th>').
    pub fn new(url: &str, from: &str) -> Result<Mailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Config {
                url: hide_password(url),
                why: e.to_string(),
            })?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from = from
            .parse()
            .map_err(|_| MailError::Address(from.to_string()))?;
        Ok(Mailer { transport, from })
    }

    /// The mailer the environment configures (`PHAEN_SMTP_URL`, `PHAEN_MAIL_FROM`), if any.
    pub fn from_env() -> Result<Option<Mailer>, MailError> {
        match std::env::var("PHAEN_SMTP_URL") {
            Ok(url) if !url.trim().is_empty() => {
                let from = std::env::var("PHAEN_MAIL_FROM")
                    .unwrap_or_else(|_| "Phaen <phaen@localhost>".to_string());
                Mailer::new(url.trim(), &from).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// Sends a plain-text message (UTF-8; Thai is encoded for transport).
    pub async fn send(
        &self,
        to_name: &str,
        to_address: &str,
        subject: &str,
        body: String,
    ) -> Result<(), MailError> {
        let to = Mailbox::new(
            Some(to_name.to_string()),
            to_address
                .parse()
                .map_err(|_| MailError::Address(to_address.to_string()))?,
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| MailError::Send {
                to: to_address.to_string(),
                why: e.to_string(),
            })?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::Send {
                to: to_address.to_string(),
                why: e.to_string(),
            })
    }
}

/// The server address with any password replaced, for messages and logs.
fn hide_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user_info = &url[scheme + 3..at];
            let user = user_info.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_show_in_messages() {
        assert_eq!(
            super::hide_password("smtp://phaen:s3cret@mail.example.th:587?tls=required"),
            "smtp://phaen:***@mail.example.th:587?tls=required"
        );
        assert_eq!(
            super::hide_password("smtp://127.0.0.1:25"),
            "smtp://127.0.0.1:25"
        );
    }

    #[test]
    fn a_bad_server_address_or_sender_is_a_clear_error() {
        assert!(super::Mailer::new("http://example.th", "a@b.th").is_err());
        assert!(super::Mailer::new("smtp://127.0.0.1:2525", "not an address").is_err());
    }
}
