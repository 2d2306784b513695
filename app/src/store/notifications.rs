//! Notifications: the events kept for a person until read, the emails
//! waiting to be sent (written in the same transaction as what they tell
//! of, sent by the server's mail task), and the daily digests made (one
//! per person and day, whichever server makes it).

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// How many notifications `user` has that need them (the menu's count),
/// from the facts of their pairs if they manage any.
pub async fn count_of(
    db: &super::Db,
    user: UserId,
    mentor: bool,
    facts: Option<&[PairFacts]>,
    today: NaiveDate,
) -> StoreResult<u32> {
    let list = notifications_of(db, user, mentor, facts, today).await?;
    Ok(list.iter().filter(|n| n.id.is_none() || n.unread).count() as u32)
}

/// Everything `user` has to look at on `today`, most urgent first: as a
/// manager (the facts of their pairs given), the dashboard's alerts and
/// the screening checks expiring; as a mentor, the notices worked out from
/// their pairs, then their events (unread first).
pub async fn notifications_of(
    db: &super::Db,
    user: UserId,
    mentor: bool,
    manager_facts: Option<&[PairFacts]>,
    today: NaiveDate,
) -> StoreResult<Vec<Notification>> {
    use super::{dashboard, supervision};
    let mut list = Vec::new();
    let derived = |notice| Notification {
        notice,
        id: None,
        at: None,
        unread: true,
    };
    if let Some(facts) = manager_facts {
        let rows: Vec<DashboardRow> = facts
            .iter()
            .map(|pair| DashboardRow::new(pair.clone(), today))
            .collect();
        list.extend(
            alert_lines(&rows)
                .into_iter()
                .take(DASHBOARD_ALERTS)
                .map(|line| derived(Notice::Alert { line })),
        );
        let managed = super::programmes::of_manager(db, user)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect::<Vec<_>>();
        list.extend(
            super::screening::alerts_of(db, &managed, today)
                .await?
                .into_iter()
                .map(|alert| derived(Notice::Screening { alert })),
        );
    }
    if mentor {
        for pair in dashboard::of_mentor(db, user).await? {
            if pair.status != PairStatus::Active {
                continue;
            }
            if let Some((report, Some(late))) = pair.next_report(today) {
                list.push(derived(Notice::ReportDue {
                    pair_id: pair.id,
                    mentee_name: pair.mentee_name.clone(),
                    kind: report.kind,
                    due_on: report.due_on,
                    late,
                }));
            }
            let quiet = pair.quiet_for(today);
            if quiet >= i64::from(pair.quiet_days) {
                list.push(derived(Notice::NoMeeting {
                    pair_id: pair.id,
                    mentee_name: pair.mentee_name.clone(),
                    days: quiet,
                }));
            }
        }
        let events = events(db, user, EVENTS_KEPT_DAYS).await?;
        let discussed = if events
            .iter()
            .any(|e| e.kind == EventKind::ChallengeDiscussed)
        {
            supervision::discussed_of_mentor(db, user).await?
        } else {
            Vec::new()
        };
        let mut kept: Vec<Notification> = events
            .into_iter()
            .filter_map(|event| {
                let notice = match event.kind {
                    EventKind::ChallengeDiscussed => {
                        let item = discussed
                            .iter()
                            .find(|d| d.item.to_string() == event.subject_id)?;
                        Notice::ChallengeDiscussed {
                            meeting_on: item.meeting_on,
                            outcome: item.outcome.clone(),
                        }
                    }
                    EventKind::ConcernAcknowledged => Notice::ConcernAcknowledged {
                        concern: ConcernId::parse(&event.subject_id).ok()?,
                    },
                };
                Some(Notification {
                    notice,
                    id: Some(event.id),
                    at: Some(event.created_at),
                    unread: event.read_at.is_none(),
                })
            })
            .collect();
        kept.sort_by_key(|n| !n.unread);
        list.extend(kept);
    }
    Ok(list)
}

/// Keeps an event for `user` (once per subject).
#[tracing::instrument(name = "store.notifications.add_event", skip_all, err(Display))]
pub async fn add_event(
    tx: &mut Tx,
    user: UserId,
    kind: EventKind,
    subject: uuid::Uuid,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO notifications (id, user_id, kind, subject_id, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, kind, subject_id) DO UPDATE SET read_at = NULL, created_at = $5",
    )
    .bind(NotificationId::new())
    .bind(user)
    .bind(kind)
    .bind(subject.to_string())
    .bind(now())
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// An event as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub id: NotificationId,
    pub kind: EventKind,
    /// The id of what it is about (an agenda item, a concern), as text.
    pub subject_id: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// `user`'s events of the last `days` days, and every unread one, newest
/// first.
#[tracing::instrument(name = "store.notifications.events", skip_all, err(Display))]
pub async fn events(db: &super::Db, user: UserId, days: i64) -> StoreResult<Vec<EventRow>> {
    let since = now() - Duration::days(days);
    let rows = on_db!(db, pool => sqlx::query_as::<_, EventRow>(
        "SELECT id, kind, subject_id, created_at, read_at FROM notifications \
         WHERE user_id = $1 AND (read_at IS NULL OR created_at > $2) ORDER BY created_at DESC",
    )
    .bind(user)
    .bind(since)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

/// Marks `user`'s events read.
#[tracing::instrument(name = "store.notifications.mark_read", skip_all, err(Display))]
pub async fn mark_read(db: &super::Db, user: UserId) -> StoreResult<u64> {
    let changed = on_db!(db, pool => sqlx::query(
        "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user)
    .bind(now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(changed)
}

/// An email to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub user: Option<UserId>,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Puts an email in the queue, to be sent as soon as the mail task runs.
#[tracing::instrument(name = "store.notifications.queue_email", skip_all, err(Display))]
pub async fn queue_email(tx: &mut Tx, email: &Email) -> StoreResult<()> {
    let at = now();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO emails (id, user_id, to_address, subject, body, created_at, next_try_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(EmailId::new())
    .bind(email.user)
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.body)
    .bind(at)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// An email taken from the queue to send.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueuedEmail {
    pub id: EmailId,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub attempts: i32,
}

/// Takes the next email due (`next_try_at` passed), pushing its next try
/// `lease` ahead so that another server does not take it meanwhile.
#[tracing::instrument(name = "store.notifications.take_email", skip_all, err(Display))]
pub async fn take_email(db: &super::Db, lease: Duration) -> StoreResult<Option<QueuedEmail>> {
    let at = now();
    let email = on_db!(db, pool => sqlx::query_as::<_, QueuedEmail>(
        "UPDATE emails SET next_try_at = $2 WHERE id = (SELECT id FROM emails \
           WHERE sent_at IS NULL AND next_try_at <= $1 ORDER BY next_try_at, created_at LIMIT 1) \
         AND sent_at IS NULL AND next_try_at <= $1 \
         RETURNING id, to_address, subject, body, attempts",
    )
    .bind(at)
    .bind(at + lease)
    .fetch_optional(pool)
    .await)?;
    Ok(email)
}

#[tracing::instrument(name = "store.notifications.email_sent", skip_all, err(Display))]
pub async fn email_sent(db: &super::Db, email: EmailId) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query("UPDATE emails SET sent_at = $2, attempts = attempts + 1 WHERE id = $1")
        .bind(email)
        .bind(now())
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Records a failed attempt; the next one waits `retry_in` (an email that
/// failed [`MAX_EMAIL_ATTEMPTS`] times is not tried again).
#[tracing::instrument(name = "store.notifications.email_failed", skip_all, err(Display))]
pub async fn email_failed(
    db: &super::Db,
    email: EmailId,
    error: &str,
    retry_in: Duration,
) -> StoreResult<()> {
    let error: String = error.chars().take(500).collect();
    on_db!(db, pool => sqlx::query(
        "UPDATE emails SET attempts = attempts + 1, last_error = $2, \
         next_try_at = CASE WHEN attempts + 1 >= $4 THEN $5 ELSE $3 END WHERE id = $1",
    )
    .bind(email)
    .bind(error)
    .bind(now() + retry_in)
    .bind(MAX_EMAIL_ATTEMPTS as i32)
    // Far away: given up (the row stays, with its error, for the log).
    .bind(now() + Duration::days(365 * 100))
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Emails waiting to be sent (not given up on).
#[tracing::instrument(
    name = "store.notifications.email_queue_length",
    skip_all,
    err(Display)
)]
pub async fn email_queue_length(db: &super::Db) -> StoreResult<i64> {
    let count = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM emails WHERE sent_at IS NULL AND attempts < $1"
    )
    .bind(MAX_EMAIL_ATTEMPTS as i32)
    .fetch_one(pool)
    .await)?;
    Ok(count)
}

/// Emails sent more than `days` ago are forgotten.
#[tracing::instrument(name = "store.notifications.prune_emails", skip_all, err(Display))]
pub async fn prune_emails(db: &super::Db, days: i64) -> StoreResult<u64> {
    let removed = on_db!(db, pool => sqlx::query("DELETE FROM emails WHERE sent_at IS NOT NULL AND sent_at < $1")
        .bind(now() - Duration::days(days))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(removed)
}

/// Claims `user`'s digest of `day`: true once, for the first server that
/// asks.
#[tracing::instrument(name = "store.notifications.claim_digest", skip_all, err(Display))]
pub async fn claim_digest(tx: &mut Tx, user: UserId, day: NaiveDate) -> StoreResult<bool> {
    let inserted = on_tx!(tx, conn => sqlx::query(
        "INSERT INTO digests (user_id, day, created_at) VALUES ($1, $2, $3) ON CONFLICT (user_id, day) DO NOTHING",
    )
    .bind(user)
    .bind(day)
    .bind(now())
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(inserted == 1)
}

/// Someone who may get a digest: a login, an email, a language.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Recipient {
    pub id: UserId,
    pub email: String,
    pub language: String,
    /// A [`DigestFrequency`](crate::model::DigestFrequency) key.
    pub email_digest: String,
    pub is_mentor: bool,
    pub is_manager: bool,
}

/// `u` has not withdrawn their consent to email (no withdrawal that a
/// later consent did not undo).
const EMAIL_CONSENTED: &str = "NOT EXISTS (SELECT 1 FROM consents k WHERE k.user_id = u.id \
     AND k.purpose = 'email' AND NOT k.given AND NOT EXISTS (SELECT 1 FROM consents k2 \
     WHERE k2.user_id = u.id AND k2.purpose = 'email' AND k2.given AND k2.created_at > k.created_at))";

/// Every mentor and manager who can log in and did not withdraw their
/// consent to email.
#[tracing::instrument(name = "store.notifications.recipients", skip_all, err(Display))]
pub async fn recipients(db: &super::Db) -> StoreResult<Vec<Recipient>> {
    let sql = format!(
        "SELECT u.id, u.email, u.language, u.email_digest, \
         EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'mentor') AS is_mentor, \
         EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = 'manager') AS is_manager \
         FROM users u WHERE u.password_hash IS NOT NULL AND {EMAIL_CONSENTED} \
         AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role IN ('mentor', 'manager')) \
         ORDER BY u.id"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, Recipient>(&sql)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

/// Who hears of a concern at once: the pair's manager, every manager of its
/// programme and the coordinators of its organisation, with a login.
#[tracing::instrument(
    name = "store.notifications.concern_recipients",
    skip_all,
    err(Display)
)]
pub async fn concern_recipients(
    tx: &mut Tx,
    pair: PairId,
) -> StoreResult<Vec<(UserId, String, String)>> {
    let sql = format!(
        "SELECT DISTINCT u.id, u.email, u.language FROM users u WHERE u.password_hash IS NOT NULL \
         AND {EMAIL_CONSENTED} AND ( \
           u.id = (SELECT manager_id FROM pairs WHERE id = $1) \
           OR u.id IN (SELECT m.user_id FROM memberships m JOIN pairs p ON p.programme_id = m.programme_id \
                       WHERE p.id = $1 AND m.role = 'manager') \
           OR u.id IN (SELECT m.user_id FROM memberships m JOIN programmes pr ON pr.id = m.programme_id \
                       WHERE m.role = 'coordinator' AND pr.organisation_id = \
                       (SELECT pr2.organisation_id FROM programmes pr2 JOIN pairs p2 ON p2.programme_id = pr2.id WHERE p2.id = $1)))"
    );
    let rows = on_tx!(tx, conn => sqlx::query_as::<_, (UserId, String, String)>(&sql)
    .bind(pair)
    .fetch_all(conn)
    .await)?;
    Ok(rows)
}
