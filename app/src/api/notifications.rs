//! Notifications: a person's list of what to act on (a mentor's reports due
//! and quiet pairs, the outcomes of their challenges and the
//! acknowledgement of their concerns; a manager's alerts), and the emails
//! that tell of them (a daily digest, and a concern at once). An email
//! names no one and quotes nothing: it says what to look at, with a link.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;

/// The person's notifications, most urgent first; their events are marked
/// read by reading them.
#[server(endpoint = "notifications/mine")]
pub async fn my_notifications() -> Result<Vec<Notification>, AppError> {
    use super::context::*;
    respond("notifications/mine", async move {
        let (state, user) = (state()?, current_user()?);
        if !user.has_role(Role::Mentor) && !user.has_role(Role::Manager) {
            return Err(AppError::Forbidden);
        }
        let facts = if user.has_role(Role::Manager) {
            Some(super::dashboard::manager_facts(&state.db, user.id()).await?)
        } else {
            None
        };
        let list = notifications_of(
            &state.db,
            user.id(),
            user.has_role(Role::Mentor),
            facts.as_deref().map(Vec::as_slice),
            today(),
        )
        .await?;
        crate::store::notifications::mark_read(&state.db, user.id()).await?;
        state.forget_notice_count(user.id());
        Ok(list)
    })
    .await
}

/// How many notifications `user` has that need them (the menu's count),
/// from the facts of their pairs if they manage any.
#[cfg(feature = "ssr")]
pub async fn count_of(
    db: &crate::store::Db,
    user: &super::context::CurrentUser,
    facts: Option<&[PairFacts]>,
    today: chrono::NaiveDate,
) -> Result<u32, crate::store::StoreError> {
    let list = notifications_of(db, user.id(), user.has_role(Role::Mentor), facts, today).await?;
    Ok(list.iter().filter(|n| n.id.is_none() || n.unread).count() as u32)
}

/// Everything `user` has to look at on `today`, most urgent first: as a
/// manager (the facts of their pairs given), the dashboard's alerts and
/// the screening checks expiring; as a mentor, the notices worked out from
/// their pairs, then their events (unread first).
#[cfg(feature = "ssr")]
pub async fn notifications_of(
    db: &crate::store::Db,
    user: UserId,
    mentor: bool,
    manager_facts: Option<&[PairFacts]>,
    today: chrono::NaiveDate,
) -> Result<Vec<Notification>, crate::store::StoreError> {
    use crate::store::{dashboard, notifications, supervision};
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
        let managed = crate::store::programmes::of_manager(db, user)
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
        let events = notifications::events(db, user, EVENTS_KEPT_DAYS).await?;
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

/// The emails, written on the server in the person's language.
#[cfg(feature = "ssr")]
pub mod mail {
    use crate::i18n::{Lang, Msg};
    use crate::model::*;

    fn fill(lang: Lang, msg: Msg, values: &[(&str, &str)]) -> String {
        let mut text = msg.text(lang).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A concern was raised: to each manager and coordinator who hears of
    /// it. No detail: only where to read it.
    pub fn concern(lang: Lang, origin: &str, pair: PairId) -> (String, String) {
        let link = format!("{origin}/pairs/{pair}/concerns");
        (
            Msg::MailConcernSubject.text(lang).to_string(),
            format!(
                "{}\n\n{}\n\n{link}\n\n{}\n",
                Msg::MailHello.text(lang),
                Msg::MailConcernBody.text(lang),
                Msg::MailNoDetails.text(lang),
            ),
        )
    }

    fn line(lang: Lang, line: DigestLine) -> Msg {
        let _ = lang;
        match line {
            DigestLine::Alert(kind) => match kind {
                AlertKind::Concern => Msg::DigestConcerns,
                AlertKind::ReportOverdue => Msg::DigestReportsOverdue,
                AlertKind::NoMeeting => Msg::DigestNoMeeting,
                AlertKind::NotConfirmed => Msg::DigestNotConfirmed,
                AlertKind::PastPlannedEnd => Msg::DigestPastEnd,
                AlertKind::ChallengeOpen => Msg::DigestChallenges,
            },
            DigestLine::Screening => Msg::DigestScreening,
            DigestLine::Reports => Msg::DigestReportsDue,
            DigestLine::NoMeeting => Msg::DigestMenteesQuiet,
            DigestLine::Discussed => Msg::DigestDiscussed,
            DigestLine::Acknowledged => Msg::DigestAcknowledged,
        }
    }

    /// The daily digest of `notices`: each kind counted, a link.
    pub fn digest(lang: Lang, origin: &str, notices: &[Notice]) -> (String, String) {
        let lines = digest_lines(notices);
        let total: usize = lines.iter().map(|(_, n)| n).sum();
        let mut body = format!(
            "{}\n\n{}\n\n",
            Msg::MailHello.text(lang),
            fill(lang, Msg::DigestIntro, &[("n", &total.to_string())])
        );
        for (kind, n) in &lines {
            body.push_str(&format!("- {}: {n}\n", line(lang, *kind).text(lang)));
        }
        body.push_str(&format!(
            "\n{}\n{origin}/notifications\n\n{}\n",
            Msg::DigestOpen.text(lang),
            Msg::DigestWhy.text(lang)
        ));
        (
            fill(lang, Msg::DigestSubject, &[("n", &total.to_string())]),
            body,
        )
    }
}

/// Makes `day`'s digest of every mentor and manager who has something to
/// act on, once per person and day whichever server asks; how many were
/// queued.
#[cfg(feature = "ssr")]
pub async fn queue_digests(
    db: &crate::store::Db,
    origin: &str,
    day: chrono::NaiveDate,
) -> Result<usize, crate::store::StoreError> {
    use crate::store::notifications as store;
    let mut queued = 0;
    for person in store::recipients(db).await? {
        let facts = if person.is_manager {
            Some(crate::store::dashboard::of_manager(db, person.id).await?)
        } else {
            None
        };
        let list = notifications_of(db, person.id, person.is_mentor, facts.as_deref(), day).await?;
        let notices: Vec<Notice> = list
            .into_iter()
            .filter(|n| n.id.is_none() || n.unread)
            .map(|n| n.notice)
            .collect();
        if notices.is_empty() {
            continue;
        }
        let lang = crate::i18n::Lang::from_code(&person.language).unwrap_or_default();
        let (subject, body) = mail::digest(lang, origin, &notices);
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
