//! Email: the queue the app writes (`emails`) is sent over SMTP by one task
//! per server, at once when woken (a safeguarding concern) and otherwise
//! every half minute; failed sends are retried with a growing delay. The
//! same task makes the daily digests at the configured hour (one per person
//! and day, whichever server makes it first).

use app::api::context::AppState;
use app::store::notifications::{self as queue, QueuedEmail};
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How to send: the SMTP server and the sender.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `smtps://user:password@host:465` (TLS), `smtp://…:587?tls=required`
    /// (STARTTLS) or `smtp://host:25` (plain, for a relay on the machine).
    pub smtp_url: String,
    pub from: String,
    /// The local hour (0-23) the daily digests are made (`None`: never by
    /// themselves, only by `send-digests`).
    pub digest_hour: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("PB_SMTP_URL is not a usable SMTP address: {0}")]
    Url(String),
    #[error("PB_MAIL_FROM is not an email address: {0:?}")]
    From(String),
    #[error("PB_DIGEST_HOUR must be 0 to 23, not {0}")]
    Hour(u32),
}

/// An SMTP client ready to send.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    digest_hour: Option<u32>,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, MailError> {
        if let Some(hour) = config.digest_hour.filter(|h| *h > 23) {
            return Err(MailError::Hour(hour));
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            // Never the URL itself in the message: it may hold a password.
            .map_err(|e| MailError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = config
            .from
            .parse::<Mailbox>()
            .map_err(|_| MailError::From(config.from.clone()))?;
        Ok(Mailer {
            transport,
            from,
            digest_hour: config.digest_hour,
        })
    }

    async fn send(&self, email: &QueuedEmail) -> Result<(), String> {
        let to = email
            .to_address
            .parse::<Mailbox>()
            .map_err(|e| format!("not an address: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The wait before the next try of an email that failed `attempts` times:
/// a minute, doubling, at most six hours.
pub fn retry_delay(attempts: i32) -> chrono::Duration {
    let minutes = 1i64 << attempts.clamp(0, 9);
    chrono::Duration::minutes(minutes.min(6 * 60))
}

/// Sends every email due now (counted in `metrics`); how many went.
pub async fn send_due(
    db: &app::store::Db,
    mailer: &Mailer,
    metrics: &app::api::metrics::Metrics,
) -> usize {
    let mut sent = 0;
    loop {
        let email = match queue::take_email(db, chrono::Duration::minutes(5)).await {
            Ok(Some(email)) => email,
            Ok(None) => return sent,
            Err(error) => {
                tracing::warn!(%error, "could not read the email queue");
                return sent;
            }
        };
        let result = match mailer.send(&email).await {
            Ok(()) => {
                sent += 1;
                metrics.email_sent();
                queue::email_sent(db, email.id).await
            }
            Err(error) => {
                tracing::warn!(email = %email.id, attempts = email.attempts + 1, %error, "email not sent");
                metrics.email_failed();
                queue::email_failed(db, email.id, &error, retry_delay(email.attempts)).await
            }
        };
        if let Err(error) = result {
            tracing::warn!(%error, "could not record an email's sending");
            return sent;
        }
    }
}

/// Makes today's digests once the digest hour has come (the database keeps
/// it to one per person and day).
pub async fn digests_if_due(
    db: &app::store::Db,
    mailer: &Mailer,
    origin: &str,
    last_day: &mut Option<chrono::NaiveDate>,
) {
    use chrono::Timelike;
    let Some(hour) = mailer.digest_hour else {
        return;
    };
    let now = app::model::dates::local_time(chrono::Utc::now());
    let today = now.date_naive();
    if now.hour() < hour || *last_day == Some(today) {
        return;
    }
    match queue_digests(db, origin, today).await {
        Ok(queued) => {
            *last_day = Some(today);
            tracing::info!(queued, "daily digests made");
        }
        Err(error) => tracing::warn!(%error, "could not make the daily digests"),
    }
}

/// The mail task: sends what is due when woken and every 30 seconds, makes
/// the digests (links to `origin`), forgets emails sent a month ago.
pub fn spawn(state: AppState, mailer: Mailer, origin: String) {
    tokio::spawn(async move {
        let mut last_digest_day = None;
        let mut rounds: u64 = 0;
        loop {
            digests_if_due(&state.db, &mailer, &origin, &mut last_digest_day).await;
            send_due(&state.db, &mailer, &state.metrics).await;
            rounds += 1;
            if rounds.is_multiple_of(2880) {
                if let Err(error) = queue::prune_emails(&state.db, 30).await {
                    tracing::warn!(%error, "could not forget old emails");
                }
            }
            let _ =
                tokio::time::timeout(Duration::from_secs(30), state.mail_wakeup.notified()).await;
        }
    });
}

/// Makes `day`'s digest of every mentor and manager who has something to
/// act on and wants a digest that day (every day, or on Mondays), once per
/// person and day whichever server asks; how many were queued.
pub async fn queue_digests(
    db: &app::store::Db,
    origin: &str,
    day: chrono::NaiveDate,
) -> Result<usize, app::store::StoreError> {
    use app::store::notifications as store;
    let mut queued = 0;
    use app::model::{DigestFrequency, TextKey};
    use chrono::Datelike;
    for person in store::recipients(db).await? {
        let wanted = match DigestFrequency::from_key(&person.email_digest).unwrap_or_default() {
            DigestFrequency::Daily => true,
            DigestFrequency::Weekly => day.weekday() == chrono::Weekday::Mon,
            DigestFrequency::Off => false,
        };
        if !wanted {
            continue;
        }
        let facts = if person.is_manager {
            Some(app::store::dashboard::of_manager(db, person.id).await?)
        } else {
            None
        };
        let list =
            store::notifications_of(db, person.id, person.is_mentor, facts.as_deref(), day).await?;
        let notices: Vec<app::model::Notice> = list
            .into_iter()
            .filter(|n| n.id.is_none() || n.unread)
            .map(|n| n.notice)
            .collect();
        if notices.is_empty() {
            continue;
        }
        let lang = app::model::Lang::from_code(&person.language).unwrap_or_default();
        let (subject, body) = app::render::mail::digest(lang, origin, &notices);
        let mut tx = db.begin().await?;
        if store::claim_digest(&mut tx, person.id, day).await? {
            store::queue_email(
                &mut tx,
                &store::Email {
                    user: Some(person.id),
                    to: person.email,
                    subject,
                    body,
                },
            )
            .await?;
            queued += 1;
        }
        tx.commit().await?;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_email_waits_longer_each_time_up_to_six_hours() {
        assert_eq!(retry_delay(0), chrono::Duration::minutes(1));
        assert_eq!(retry_delay(3), chrono::Duration::minutes(8));
        assert_eq!(retry_delay(20), chrono::Duration::hours(6));
    }

    #[test]
    fn a_bad_setting_is_named() {
        let config = MailConfig {
            smtp_url: "smtp://127.0.0.1:2525".into(),
            from: "not an address".into(),
            digest_hour: Some(7),
        };
        assert!(matches!(Mailer::new(&config), Err(MailError::From(_))));
        let config = MailConfig {
            smtp_url: "http://example.org".into(),
            from: "Parent Bridge <noreply@example.org>".into(),
            digest_hour: Some(7),
        };
        assert!(matches!(Mailer::new(&config), Err(MailError::Url(_))));
        let config = MailConfig {
            digest_hour: Some(24),
            ..config
        };
        assert!(matches!(Mailer::new(&config), Err(MailError::Hour(24))));
    }
}
