//! Reminders and notifications: what a person has to act on. In the app, a
//! list with a count; by email, a daily digest and, for a safeguarding
//! concern, a message at once. Some notices are worked out from the data
//! each time (a report due, no meeting for a while, the dashboard's
//! alerts); others are events kept until read (a challenge discussed, a
//! concern acknowledged).

use super::dashboard::AlertLine;
use super::ids::{ConcernId, NotificationId, PairId};
use super::report::ReportKind;
use super::role::text_key_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// An event kept for a person until they read it.
    EventKind {
        /// A challenge the mentor raised was discussed at a group meeting.
        ChallengeDiscussed = "challenge_discussed",
        /// The mentor's safeguarding concern was acknowledged.
        ConcernAcknowledged = "concern_acknowledged",
    }
);

/// One thing a person has to look at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum Notice {
    /// A mentor's own report for a mentee is due soon or late.
    ReportDue {
        pair_id: PairId,
        mentee_name: String,
        kind: ReportKind,
        #[serde(with = "super::dates::iso_date")]
        due_on: NaiveDate,
        late: bool,
    },
    /// No meeting logged with a mentee for the programme's threshold.
    NoMeeting {
        pair_id: PairId,
        mentee_name: String,
        days: i64,
    },
    /// A challenge the mentor raised was discussed; what came of it.
    ChallengeDiscussed {
        #[serde(with = "super::dates::iso_date")]
        meeting_on: NaiveDate,
        outcome: String,
    },
    /// The mentor's concern was acknowledged by the manager.
    ConcernAcknowledged { concern: ConcernId },
    /// One of the dashboard's alerts, for a manager.
    Alert { line: AlertLine },
    /// A mentor's screening check expiring soon or expired, for a manager.
    Screening {
        alert: super::screening::ScreeningAlert,
    },
}

impl Notice {
    /// Where the person acts on it.
    pub fn link(&self) -> String {
        match self {
            Notice::ReportDue { .. } => "/mentor/reports".into(),
            Notice::NoMeeting { pair_id, .. } => format!("/mentor/log?pair={pair_id}"),
            Notice::ChallengeDiscussed { .. } => "/mentor/notifications".into(),
            Notice::ConcernAcknowledged { .. } => "/mentor/concerns".into(),
            Notice::Alert { line } => line.link(),
            Notice::Screening { alert } => alert.link(),
        }
    }

    /// What the daily digest counts it as: a digest names no mentee and
    /// quotes nothing, it only says what to look at.
    pub fn digest_kind(&self) -> DigestLine {
        match self {
            Notice::ReportDue { .. } => DigestLine::Reports,
            Notice::NoMeeting { .. } => DigestLine::NoMeeting,
            Notice::ChallengeDiscussed { .. } => DigestLine::Discussed,
            Notice::ConcernAcknowledged { .. } => DigestLine::Acknowledged,
            Notice::Alert { line } => DigestLine::Alert(line.alert.kind),
            Notice::Screening { .. } => DigestLine::Screening,
        }
    }
}

/// A line of the daily digest: a kind of notice, counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DigestLine {
    Alert(super::dashboard::AlertKind),
    Screening,
    Reports,
    NoMeeting,
    Discussed,
    Acknowledged,
}

/// A notice in a person's list: worked out now (no id), or an event kept
/// until read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub notice: Notice,
    /// The event's id (worked-out notices have none: they go when done).
    pub id: Option<NotificationId>,
    #[serde(default, with = "super::dates::moment::option")]
    pub at: Option<DateTime<Utc>>,
    pub unread: bool,
}

/// The digest's lines for `notices`: each kind with how many, most urgent
/// first.
pub fn digest_lines(notices: &[Notice]) -> Vec<(DigestLine, usize)> {
    let mut lines: Vec<(DigestLine, usize)> = Vec::new();
    for notice in notices {
        let kind = notice.digest_kind();
        match lines.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => lines.push((kind, 1)),
        }
    }
    lines.sort();
    lines
}

#[cfg(test)]
mod tests {
    use super::super::dashboard::{Alert, AlertKind};
    use super::super::ids::{ProgrammeId, UserId};
    use super::*;

    fn alert(kind: AlertKind) -> Notice {
        Notice::Alert {
            line: AlertLine {
                alert: Alert {
                    kind,
                    number: 1,
                    report: None,
                },
                pair_id: PairId::new(),
                programme_id: ProgrammeId::new(),
                mentor_id: UserId::new(),
                mentor_name: "Elena".into(),
                mentee_name: "Ioana".into(),
            },
        }
    }

    #[test]
    fn the_digest_counts_each_kind_a_concern_first() {
        let notices = vec![
            alert(AlertKind::NoMeeting),
            alert(AlertKind::Concern),
            alert(AlertKind::NoMeeting),
            Notice::ConcernAcknowledged {
                concern: ConcernId::new(),
            },
        ];
        assert_eq!(
            digest_lines(&notices),
            vec![
                (DigestLine::Alert(AlertKind::Concern), 1),
                (DigestLine::Alert(AlertKind::NoMeeting), 2),
                (DigestLine::Acknowledged, 1),
            ]
        );
    }

    #[test]
    fn a_notice_links_to_where_it_is_acted_on() {
        let pair = PairId::new();
        let late = Notice::NoMeeting {
            pair_id: pair,
            mentee_name: "Ioana".into(),
            days: 20,
        };
        assert_eq!(late.link(), format!("/mentor/log?pair={pair}"));
        assert!(alert(AlertKind::Concern).link().ends_with("/concerns"));
    }

    #[test]
    fn a_notice_is_json_tagged_by_its_kind() {
        let json = serde_json::to_value(Notice::ConcernAcknowledged {
            concern: ConcernId::new(),
        })
        .unwrap();
        assert_eq!(json["notice"], "concern_acknowledged");
    }
}
