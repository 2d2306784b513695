//! Notifications: each person's list of what needs them, and the daily
//! digest by email (once per person and day, in their language, naming no
//! one and quoting nothing).

use crate::concerns::{concern_input, concern_item, send_concerns, WHAT_HAPPENED};
use crate::dashboard::add_pair;
use crate::helpers::*;
use app::model::*;
use chrono::Days;
use reqwest::StatusCode;

#[tokio::test]
async fn a_mentor_is_told_of_a_report_due_and_of_a_mentee_not_met_for_a_while_and_a_manager_of_the_alerts(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let today = w.today;
    // Matched 80 days ago for six months: the mid-term is due in about ten days.
    let due_soon = add_pair(
        &app,
        "mentor2@a.test",
        today - Days::new(80),
        Some(today - Days::new(80)),
        today + Days::new(102),
    )
    .await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    app.sync(&mentor2, &[item(w, log_input(w, due_soon, 1, "Yesterday"))])
        .await;
    let manager = app.as_user("manager@a.test").await;
    let mentee = app.as_user("mentee@a.test").await;

    let theirs: Vec<Notification> =
        json(app.post(&mentor2, "/api/notifications/mine", &[]).await).await;
    let managers: Vec<Notification> =
        json(app.post(&manager, "/api/notifications/mine", &[]).await).await;
    let refused = app.post(&mentee, "/api/notifications/mine", &[]).await;

    let notices: Vec<&Notice> = theirs.iter().map(|n| &n.notice).collect();
    assert!(notices.iter().any(|n| matches!(n,
        Notice::ReportDue { pair_id, kind: ReportKind::Midterm, late: false, .. } if *pair_id == due_soon)));
    // Pair A3, never met in 60 days; the pair met yesterday is not named.
    assert!(notices.iter().any(|n| matches!(n,
        Notice::NoMeeting { pair_id, days: 60, .. } if *pair_id == w.pair_a3)));
    assert!(!notices
        .iter()
        .any(|n| matches!(n, Notice::NoMeeting { pair_id, .. } if *pair_id == due_soon)));
    assert!(managers
        .iter()
        .all(|n| matches!(n.notice, Notice::Alert { .. })));
    assert_eq!(managers.len(), 3);
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_daily_digest_goes_once_a_day_to_each_person_with_something_to_do_in_their_language_with_no_detail(
) {
    let (app, sink) = spawn_app_with_mail().await;
    let w = &app.world;
    app.execute(
        "UPDATE users SET language = 'ro' WHERE email = 'mentor2@a.test' AND created_at <> $1",
        chrono::Utc::now(),
    )
    .await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    send_concerns(
        &app,
        &mentor2,
        &[concern_item(concern_input(w.pair_a3, WHAT_HAPPENED))],
    )
    .await;
    let concern_mails = sink.wait_for(2).await.len();

    let first = server::mail::queue_digests(&app.db, "https://mentoring.example.org", w.today)
        .await
        .unwrap();
    let again = server::mail::queue_digests(&app.db, "https://mentoring.example.org", w.today)
        .await
        .unwrap();
    // The server's mail task sends what was queued; a wake-up is not
    // needed, it looks every 30 seconds: send them now instead.
    let mailer = server::mail::Mailer::new(&server::mail::MailConfig {
        smtp_url: sink.url.clone(),
        from: "Parent Bridge <noreply@parent-bridge.test>".into(),
        digest_hour: None,
    })
    .unwrap();
    server::mail::send_due(&app.db, &mailer, &Default::default()).await;
    let mails = sink.wait_for(concern_mails + first).await;

    // Managers of A and B (pairs never met), the three mentors (mentees not
    // met for 60 days); no coordinator or mentee has anything to do.
    assert_eq!(concern_mails, 2);
    assert_eq!(first, 5);
    assert_eq!(again, 0);
    let digests: Vec<&ReceivedMail> = mails[concern_mails..].iter().collect();
    let mut to: Vec<String> = digests.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        vec![
            "manager@a.test",
            "manager@b.test",
            "mentor2@a.test",
            "mentor@a.test",
            "mentor@b.test"
        ]
    );
    let manager = digests.iter().find(|m| m.to == ["manager@a.test"]).unwrap();
    assert_eq!(manager.subject, "Parent Bridge: 4 things need you");
    assert!(
        manager
            .body
            .contains("Safeguarding concerns to acknowledge: 1"),
        "{}",
        manager.body
    );
    assert!(
        manager
            .body
            .contains("Pairs with no meeting logged for a while: 3"),
        "{}",
        manager.body
    );
    assert!(manager
        .body
        .contains("https://mentoring.example.org/notifications"));
    let romanian = digests.iter().find(|m| m.to == ["mentor2@a.test"]).unwrap();
    assert!(
        romanian
            .body
            .contains("Mentorați cu care nu ați înregistrat"),
        "{}",
        romanian.body
    );
    for mail in digests {
        for secret in [
            "bruises",
            "mentee@a.test",
            "mentee3@a.test",
            "mentee@b.test",
        ] {
            assert!(
                !mail.body.contains(secret) && !mail.raw.contains(secret),
                "{secret} in {mail:?}"
            );
        }
    }
}
