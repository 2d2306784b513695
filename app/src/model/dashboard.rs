//! The manager's home: every pair of their programmes at a glance, and the
//! alerts that say what needs doing. Worked out from a pair's facts on a
//! given day, purely, so every rule is tested on fixed dates.

use super::ids::{PairId, ProgrammeId, UserId};
use super::limits::{CONFIRM_WITHIN_DAYS, DASHBOARD_PAGE, DUE_SOON_DAYS};
use super::programme::MeetingFrequency;
use super::report::{due_on, ReportKind, Respondent};
use super::role::{text_key_enum, PairStatus, TextKey};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the dashboard knows of one pair, read from the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairFacts {
    pub id: PairId,
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub mentor_id: UserId,
    pub mentor_name: String,
    pub mentee_name: String,
    pub status: PairStatus,
    #[serde(with = "super::dates::iso_date")]
    pub started_on: NaiveDate,
    #[serde(with = "super::dates::iso_date::option")]
    pub confirmed_on: Option<NaiveDate>,
    #[serde(with = "super::dates::iso_date::option")]
    pub planned_end_on: Option<NaiveDate>,
    #[serde(with = "super::dates::iso_date::option")]
    pub ended_on: Option<NaiveDate>,
    /// The programme's expected meetings.
    pub meetings_expected: MeetingFrequency,
    /// The programme's threshold: an active pair with no meeting logged for
    /// this many days is an alert.
    pub quiet_days: u32,
    /// Meeting logs that count (not withdrawn).
    pub meetings: u32,
    pub minutes: u32,
    #[serde(with = "super::dates::iso_date::option")]
    pub last_meeting_on: Option<NaiveDate>,
    /// Challenges in the logs that no group meeting has discussed yet.
    pub open_challenges: u32,
    /// Safeguarding concerns not acknowledged yet.
    pub open_concerns: u32,
    /// The reports answered so far.
    pub answered: Vec<(ReportKind, Respondent)>,
    /// The day the mentee asked to end the mentoring.
    #[serde(default, with = "super::dates::iso_date::option")]
    pub end_asked_on: Option<NaiveDate>,
}

text_key_enum!(
    /// What needs the manager, most urgent first (the order of the list).
    AlertKind {
        /// A safeguarding concern not yet acknowledged: always first.
        Concern = "concern",
        /// The mentee asked to end the mentoring.
        EndAsked = "end_asked",
        ReportOverdue = "report_overdue",
        NoMeeting = "no_meeting",
        NotConfirmed = "not_confirmed",
        PastPlannedEnd = "past_planned_end",
        ChallengeOpen = "challenge_open",
    }
);

/// One alert of one pair, with what its line says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub kind: AlertKind,
    /// Days since the last meeting, since matching, or past the planned
    /// end; how many concerns or challenges.
    pub number: i64,
    /// The overdue report, and who has not answered it.
    pub report: Option<(ReportKind, Vec<Respondent>)>,
}

/// One of the pair's two reports: when it is due and who answered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportState {
    pub kind: ReportKind,
    #[serde(with = "super::dates::iso_date")]
    pub due_on: NaiveDate,
    pub mentor_answered: bool,
    pub mentee_answered: bool,
}

impl ReportState {
    pub fn complete(&self) -> bool {
        self.mentor_answered && self.mentee_answered
    }

    /// Who has not answered yet.
    pub fn missing(&self) -> Vec<Respondent> {
        let mut missing = Vec::new();
        if !self.mentor_answered {
            missing.push(Respondent::Mentor);
        }
        if !self.mentee_answered {
            missing.push(Respondent::Mentee);
        }
        missing
    }
}

impl PairFacts {
    /// The day the pair began meeting as a pair: its confirmation, else
    /// its matching.
    fn began_on(&self) -> NaiveDate {
        self.confirmed_on.unwrap_or(self.started_on)
    }

    /// The pair's two reports, if it has a planned end.
    pub fn reports(&self) -> Vec<ReportState> {
        let Some(end) = self.planned_end_on else {
            return Vec::new();
        };
        [ReportKind::Midterm, ReportKind::Final]
            .into_iter()
            .map(|kind| ReportState {
                kind,
                due_on: due_on(kind, self.started_on, end),
                mentor_answered: self.answered.contains(&(kind, Respondent::Mentor)),
                mentee_answered: self.answered.contains(&(kind, Respondent::Mentee)),
            })
            .collect()
    }

    /// The next report not answered by both sides, and whether it is late
    /// (`Some(true)`), due within [`DUE_SOON_DAYS`] (`Some(false)`) or
    /// neither (`None`).
    pub fn next_report(&self, today: NaiveDate) -> Option<(ReportState, Option<bool>)> {
        let next = self.reports().into_iter().find(|r| !r.complete())?;
        let days_left = (next.due_on - today).num_days();
        let urgency = if days_left < 0 {
            Some(true)
        } else if days_left <= DUE_SOON_DAYS {
            Some(false)
        } else {
            None
        };
        Some((next, urgency))
    }

    /// Meetings per month since the pair began (at least a month is
    /// counted, so a pair a week old is not shown at four a month).
    pub fn meetings_per_month(&self, today: NaiveDate) -> f64 {
        let until = self.ended_on.unwrap_or(today);
        let days = (until - self.began_on()).num_days().max(30) as f64;
        f64::from(self.meetings) / (days / (365.25 / 12.0))
    }

    /// Days since the last meeting (or since the pair began, if none).
    pub fn quiet_for(&self, today: NaiveDate) -> i64 {
        let last = self.last_meeting_on.unwrap_or(self.began_on());
        (today - last).num_days()
    }

    /// What needs the manager about this pair on `today`, most urgent
    /// first. An ended pair raises only its concerns.
    pub fn alerts(&self, today: NaiveDate) -> Vec<Alert> {
        let mut alerts = Vec::new();
        let mut alert = |kind, number| {
            alerts.push(Alert {
                kind,
                number,
                report: None,
            })
        };
        if self.open_concerns > 0 {
            alert(AlertKind::Concern, i64::from(self.open_concerns));
        }
        if self.status == PairStatus::Ended {
            return alerts;
        }
        if let Some(asked) = self.end_asked_on {
            alert(AlertKind::EndAsked, (today - asked).num_days().max(0));
        }
        let overdue: Vec<(ReportKind, Vec<Respondent>)> = if self.status == PairStatus::Active {
            self.reports()
                .into_iter()
                .filter(|r| !r.complete() && r.due_on < today)
                .map(|r| (r.kind, r.missing()))
                .collect()
        } else {
            Vec::new()
        };
        let quiet = self.quiet_for(today);
        if self.status == PairStatus::Active && quiet >= i64::from(self.quiet_days) {
            alert(AlertKind::NoMeeting, quiet);
        }
        let waiting = (today - self.started_on).num_days();
        if self.status == PairStatus::GettingToKnow && waiting >= CONFIRM_WITHIN_DAYS {
            alert(AlertKind::NotConfirmed, waiting);
        }
        if let Some(end) = self.planned_end_on {
            if self.status == PairStatus::Active && today > end {
                alert(AlertKind::PastPlannedEnd, (today - end).num_days());
            }
        }
        if self.open_challenges > 0 {
            alert(AlertKind::ChallengeOpen, i64::from(self.open_challenges));
        }
        for (kind, missing) in overdue {
            alerts.push(Alert {
                kind: AlertKind::ReportOverdue,
                number: 0,
                report: Some((kind, missing)),
            });
        }
        alerts.sort_by_key(|a| a.kind);
        alerts
    }
}

/// One pair's row of the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardRow {
    pub pair: PairFacts,
    pub alerts: Vec<Alert>,
    pub per_month: f64,
    pub next_report: Option<(ReportState, Option<bool>)>,
}

impl DashboardRow {
    pub fn new(pair: PairFacts, today: NaiveDate) -> DashboardRow {
        DashboardRow {
            alerts: pair.alerts(today),
            per_month: pair.meetings_per_month(today),
            next_report: pair.next_report(today),
            pair,
        }
    }

    /// The most urgent alert's kind.
    fn first_alert(&self) -> Option<AlertKind> {
        self.alerts.first().map(|a| a.kind)
    }
}

text_key_enum!(
    /// How the dashboard's rows are sorted.
    SortKey {
        /// The pairs that need the manager first, most urgent first.
        Alerts = "alerts",
        Mentor = "mentor",
        Mentee = "mentee",
        /// The longest without a meeting first.
        LastMeeting = "last_meeting",
        /// The fewest meetings per month first.
        PerMonth = "per_month",
        /// The soonest planned end first.
        PlannedEnd = "planned_end",
        Status = "status",
    }
);

/// Which rows the manager asked for, as the page's address says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    /// A [`PairStatus`] key, or empty for every pair.
    pub status: String,
    /// Only the pairs with an alert.
    pub alerts_only: bool,
    /// A programme's id, or empty for every programme.
    pub programme: String,
    /// Part of the mentor's or the mentee's name.
    pub search: String,
    /// A [`SortKey`] key (alerts when empty or unknown).
    pub sort: String,
    /// From 1.
    pub page: u32,
}

impl DashboardQuery {
    pub fn sort_key(&self) -> SortKey {
        SortKey::from_key(&self.sort).unwrap_or(SortKey::Alerts)
    }

    fn keeps(&self, row: &DashboardRow) -> bool {
        let status = PairStatus::from_key(&self.status);
        let search = self.search.trim().to_lowercase();
        status.is_none_or(|s| row.pair.status == s)
            && (!self.alerts_only || !row.alerts.is_empty())
            && (self.programme.is_empty() || row.pair.programme_id.to_string() == self.programme)
            && (search.is_empty()
                || row.pair.mentor_name.to_lowercase().contains(&search)
                || row.pair.mentee_name.to_lowercase().contains(&search))
    }
}

/// The rows the query keeps, sorted, cut to its page; with how many it
/// kept and how many pages they make.
pub fn arrange(
    rows: Vec<DashboardRow>,
    query: &DashboardQuery,
    today: NaiveDate,
) -> (Vec<DashboardRow>, usize, u32) {
    let mut kept: Vec<DashboardRow> = rows.into_iter().filter(|r| query.keeps(r)).collect();
    let names = |r: &DashboardRow| {
        (
            r.pair.mentor_name.to_lowercase(),
            r.pair.mentee_name.to_lowercase(),
        )
    };
    match query.sort_key() {
        SortKey::Alerts => kept.sort_by(|a, b| {
            let urgency = |r: &DashboardRow| {
                (
                    r.first_alert().is_none(),
                    r.first_alert(),
                    std::cmp::Reverse(r.alerts.len()),
                )
            };
            urgency(a)
                .cmp(&urgency(b))
                .then_with(|| names(a).cmp(&names(b)))
        }),
        SortKey::Mentor => kept.sort_by_key(names),
        SortKey::Mentee => kept.sort_by_key(|r| {
            (
                r.pair.mentee_name.to_lowercase(),
                r.pair.mentor_name.to_lowercase(),
            )
        }),
        SortKey::LastMeeting => kept.sort_by(|a, b| {
            b.pair
                .quiet_for(today)
                .cmp(&a.pair.quiet_for(today))
                .then_with(|| names(a).cmp(&names(b)))
        }),
        SortKey::PerMonth => kept.sort_by(|a, b| {
            a.per_month
                .total_cmp(&b.per_month)
                .then_with(|| names(a).cmp(&names(b)))
        }),
        SortKey::PlannedEnd => kept.sort_by_key(|r| {
            (
                r.pair.planned_end_on.is_none(),
                r.pair.planned_end_on,
                names(r),
            )
        }),
        SortKey::Status => kept.sort_by_key(|r| (r.pair.status, names(r))),
    }
    let matching = kept.len();
    let pages = matching.div_ceil(DASHBOARD_PAGE).max(1) as u32;
    let page = query.page.clamp(1, pages);
    let shown = kept
        .into_iter()
        .skip((page as usize - 1) * DASHBOARD_PAGE)
        .take(DASHBOARD_PAGE)
        .collect();
    (shown, matching, pages)
}

/// One line of the alerts list at the top of the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertLine {
    pub alert: Alert,
    pub pair_id: PairId,
    pub programme_id: ProgrammeId,
    pub mentor_id: UserId,
    pub mentor_name: String,
    pub mentee_name: String,
}

impl AlertLine {
    /// Where the manager does what the alert asks.
    pub fn link(&self) -> String {
        let (pair, programme) = (self.pair_id, self.programme_id);
        match self.alert.kind {
            AlertKind::Concern => format!("/pairs/{pair}/concerns"),
            AlertKind::ReportOverdue => format!("/pairs/{pair}/reports"),
            AlertKind::NoMeeting => {
                format!(
                    "/programmes/{programme}/supervision?mentor={}",
                    self.mentor_id
                )
            }
            AlertKind::NotConfirmed | AlertKind::PastPlannedEnd | AlertKind::EndAsked => {
                format!("/programmes/{programme}/matching")
            }
            AlertKind::ChallengeOpen => format!("/programmes/{programme}/supervision"),
        }
    }
}

/// Every alert of `rows`, most urgent first.
pub fn alert_lines(rows: &[DashboardRow]) -> Vec<AlertLine> {
    let mut lines: Vec<AlertLine> = rows
        .iter()
        .flat_map(|row| {
            row.alerts.iter().map(|alert| AlertLine {
                alert: alert.clone(),
                pair_id: row.pair.id,
                programme_id: row.pair.programme_id,
                mentor_id: row.pair.mentor_id,
                mentor_name: row.pair.mentor_name.clone(),
                mentee_name: row.pair.mentee_name.clone(),
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        a.alert
            .kind
            .cmp(&b.alert.kind)
            .then_with(|| b.alert.number.cmp(&a.alert.number))
            .then_with(|| a.mentor_name.cmp(&b.mentor_name))
    });
    lines
}

/// The manager's home, as the server sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    #[serde(with = "super::dates::iso_date")]
    pub today: NaiveDate,
    /// The programmes the person manages, by name.
    pub programmes: Vec<(ProgrammeId, String)>,
    /// The most urgent alerts (at most [`super::limits::DASHBOARD_ALERTS`]).
    pub alerts: Vec<AlertLine>,
    /// How many alerts there are in all.
    pub alert_total: usize,
    /// The page of rows asked for.
    pub rows: Vec<DashboardRow>,
    /// How many rows the query kept, of how many pairs.
    pub matching: usize,
    pub total: usize,
    pub page: u32,
    pub pages: u32,
    /// The mentors' screening checks that expire within 30 days or have
    /// expired, expired first.
    #[serde(default)]
    pub screening: Vec<super::ScreeningAlert>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        super::super::dates::parse_iso_date(text).unwrap()
    }

    /// An active pair matched on 1 March and confirmed on 15 March, planned
    /// to end on 1 September, which last met on 1 May.
    fn active() -> PairFacts {
        PairFacts {
            id: PairId::new(),
            programme_id: ProgrammeId::new(),
            programme_name: "Pilot".into(),
            mentor_id: UserId::new(),
            mentor_name: "Elena".into(),
            mentee_name: "Ioana".into(),
            status: PairStatus::Active,
            started_on: day("2027-03-01"),
            confirmed_on: Some(day("2027-03-15")),
            planned_end_on: Some(day("2027-09-01")),
            ended_on: None,
            meetings_expected: MeetingFrequency::Weekly,
            quiet_days: 14,
            meetings: 6,
            minutes: 360,
            last_meeting_on: Some(day("2027-05-01")),
            open_challenges: 0,
            open_concerns: 0,
            answered: Vec::new(),
            end_asked_on: None,
        }
    }

    #[test]
    fn a_mentee_asking_to_end_comes_after_a_concern_and_before_everything_else_until_closed() {
        let pair = PairFacts {
            end_asked_on: Some(day("2027-05-10")),
            open_concerns: 1,
            ..active()
        };
        let alerts = pair.alerts(day("2027-05-15"));
        assert_eq!(
            kinds(&alerts),
            vec![
                AlertKind::Concern,
                AlertKind::EndAsked,
                AlertKind::NoMeeting
            ]
        );
        assert_eq!(alerts[1].number, 5, "days since they asked");
        let closed = PairFacts {
            status: PairStatus::Ended,
            ended_on: Some(day("2027-05-14")),
            open_concerns: 0,
            ..pair
        };
        assert!(closed.alerts(day("2027-05-15")).is_empty());
    }

    fn kinds(alerts: &[Alert]) -> Vec<AlertKind> {
        alerts.iter().map(|a| a.kind).collect()
    }

    #[test]
    fn an_active_pair_that_met_recently_raises_nothing() {
        assert!(active().alerts(day("2027-05-14")).is_empty());
    }

    #[test]
    fn no_meeting_for_the_programmes_threshold_is_an_alert_with_the_days() {
        let pair = active();
        let alerts = pair.alerts(day("2027-05-15"));
        assert_eq!(kinds(&alerts), vec![AlertKind::NoMeeting]);
        assert_eq!(alerts[0].number, 14);
    }

    #[test]
    fn the_threshold_is_the_programmes_own() {
        let pair = PairFacts {
            quiet_days: 30,
            ..active()
        };
        assert!(pair.alerts(day("2027-05-30")).is_empty());
        assert_eq!(
            kinds(&pair.alerts(day("2027-05-31"))),
            vec![AlertKind::NoMeeting]
        );
    }

    #[test]
    fn a_pair_that_never_met_counts_from_its_confirmation() {
        let pair = PairFacts {
            meetings: 0,
            last_meeting_on: None,
            ..active()
        };
        assert!(pair.alerts(day("2027-03-28")).is_empty());
        assert_eq!(pair.alerts(day("2027-03-29"))[0].number, 14);
    }

    #[test]
    fn getting_to_know_not_confirmed_after_three_weeks_is_an_alert() {
        let pair = PairFacts {
            status: PairStatus::GettingToKnow,
            confirmed_on: None,
            last_meeting_on: None,
            ..active()
        };
        assert!(pair.alerts(day("2027-03-21")).is_empty());
        let alerts = pair.alerts(day("2027-03-22"));
        assert_eq!(kinds(&alerts), vec![AlertKind::NotConfirmed]);
        assert_eq!(alerts[0].number, 21);
    }

    #[test]
    fn a_report_past_its_due_date_is_overdue_naming_who_has_not_answered() {
        // Mid-term due half way: 1 March + 92 days = 1 June.
        let pair = PairFacts {
            last_meeting_on: Some(day("2027-06-01")),
            answered: vec![(ReportKind::Midterm, Respondent::Mentor)],
            ..active()
        };
        assert!(pair.alerts(day("2027-06-01")).is_empty());
        let alerts = pair.alerts(day("2027-06-02"));
        assert_eq!(kinds(&alerts), vec![AlertKind::ReportOverdue]);
        assert_eq!(
            alerts[0].report,
            Some((ReportKind::Midterm, vec![Respondent::Mentee]))
        );
    }

    #[test]
    fn a_report_both_answered_is_not_overdue() {
        let pair = PairFacts {
            last_meeting_on: Some(day("2027-06-10")),
            answered: vec![
                (ReportKind::Midterm, Respondent::Mentor),
                (ReportKind::Midterm, Respondent::Mentee),
            ],
            ..active()
        };
        assert!(pair.alerts(day("2027-06-10")).is_empty());
    }

    #[test]
    fn past_the_planned_end_is_an_alert_with_the_final_report_overdue() {
        let pair = PairFacts {
            last_meeting_on: Some(day("2027-09-02")),
            answered: vec![
                (ReportKind::Midterm, Respondent::Mentor),
                (ReportKind::Midterm, Respondent::Mentee),
            ],
            ..active()
        };
        let alerts = pair.alerts(day("2027-09-03"));
        assert_eq!(
            kinds(&alerts),
            vec![AlertKind::ReportOverdue, AlertKind::PastPlannedEnd]
        );
        assert_eq!(alerts[1].number, 2);
    }

    #[test]
    fn an_open_concern_comes_first_and_stays_after_the_pair_ended() {
        let pair = PairFacts {
            open_concerns: 1,
            open_challenges: 2,
            ..active()
        };
        let alerts = pair.alerts(day("2027-05-20"));
        assert_eq!(
            kinds(&alerts),
            vec![
                AlertKind::Concern,
                AlertKind::NoMeeting,
                AlertKind::ChallengeOpen
            ]
        );
        let ended = PairFacts {
            status: PairStatus::Ended,
            ended_on: Some(day("2027-05-10")),
            ..pair
        };
        assert_eq!(
            kinds(&ended.alerts(day("2027-12-01"))),
            vec![AlertKind::Concern]
        );
    }

    #[test]
    fn meetings_per_month_count_from_the_confirmation_and_at_least_a_month() {
        let pair = active();
        // 6 meetings in 92 days (15 March to 15 June): about 2 a month.
        let per_month = pair.meetings_per_month(day("2027-06-15"));
        assert!((per_month - 1.985).abs() < 0.01, "{per_month}");
        let new = PairFacts {
            meetings: 1,
            ..active()
        };
        assert!((new.meetings_per_month(day("2027-03-20")) - 1.01).abs() < 0.02);
    }

    #[test]
    fn the_next_report_is_late_due_soon_or_later() {
        let pair = active();
        let (report, urgency) = pair.next_report(day("2027-05-01")).unwrap();
        assert_eq!((report.kind, urgency), (ReportKind::Midterm, None));
        assert_eq!(pair.next_report(day("2027-05-20")).unwrap().1, Some(false));
        assert_eq!(pair.next_report(day("2027-06-02")).unwrap().1, Some(true));
    }

    fn rows(today: NaiveDate) -> Vec<DashboardRow> {
        let quiet = PairFacts {
            mentor_name: "Zoe".into(),
            mentee_name: "Ana".into(),
            last_meeting_on: Some(day("2027-04-01")),
            ..active()
        };
        let calm = PairFacts {
            mentor_name: "Adam".into(),
            mentee_name: "Bianca".into(),
            last_meeting_on: Some(day("2027-05-10")),
            ..active()
        };
        let concern = PairFacts {
            mentor_name: "Mara".into(),
            mentee_name: "Corina".into(),
            last_meeting_on: Some(day("2027-05-10")),
            open_concerns: 1,
            ..active()
        };
        let ended = PairFacts {
            mentor_name: "Bogdan".into(),
            mentee_name: "Dana".into(),
            status: PairStatus::Ended,
            ended_on: Some(day("2027-04-01")),
            ..active()
        };
        [quiet, calm, concern, ended]
            .into_iter()
            .map(|p| DashboardRow::new(p, today))
            .collect()
    }

    fn mentors(rows: &[DashboardRow]) -> Vec<&str> {
        rows.iter().map(|r| r.pair.mentor_name.as_str()).collect()
    }

    #[test]
    fn rows_needing_the_manager_come_first_a_concern_before_all() {
        let today = day("2027-05-15");
        let (shown, matching, pages) = arrange(rows(today), &DashboardQuery::default(), today);
        assert_eq!(mentors(&shown), vec!["Mara", "Zoe", "Adam", "Bogdan"]);
        assert_eq!((matching, pages), (4, 1));
    }

    #[test]
    fn rows_are_filtered_by_status_alerts_and_name() {
        let today = day("2027-05-15");
        let only =
            |query: DashboardQuery| mentors(&arrange(rows(today), &query, today).0).join(",");
        assert_eq!(
            only(DashboardQuery {
                status: "ended".into(),
                ..Default::default()
            }),
            "Bogdan"
        );
        assert_eq!(
            only(DashboardQuery {
                alerts_only: true,
                ..Default::default()
            }),
            "Mara,Zoe"
        );
        assert_eq!(
            only(DashboardQuery {
                search: "bianca".into(),
                ..Default::default()
            }),
            "Adam"
        );
        assert_eq!(
            only(DashboardQuery {
                sort: "last_meeting".into(),
                status: "active".into(),
                ..Default::default()
            }),
            "Zoe,Adam,Mara"
        );
    }

    #[test]
    fn a_long_list_is_cut_into_pages() {
        let today = day("2027-05-15");
        let many: Vec<DashboardRow> = (0..DASHBOARD_PAGE * 2 + 5)
            .map(|i| {
                DashboardRow::new(
                    PairFacts {
                        mentor_name: format!("Mentor {i:04}"),
                        ..active()
                    },
                    today,
                )
            })
            .collect();
        let query = DashboardQuery {
            sort: "mentor".into(),
            page: 3,
            ..Default::default()
        };
        let (shown, matching, pages) = arrange(many.clone(), &query, today);
        assert_eq!(
            (shown.len(), matching, pages),
            (5, DASHBOARD_PAGE * 2 + 5, 3)
        );
        // A page past the last shows the last.
        let beyond = DashboardQuery { page: 9, ..query };
        assert_eq!(arrange(many, &beyond, today).0.len(), 5);
    }

    #[test]
    fn every_alert_links_to_what_needs_doing() {
        let today = day("2027-05-15");
        let lines = alert_lines(&rows(today));
        assert_eq!(lines[0].alert.kind, AlertKind::Concern);
        assert!(lines[0].link().ends_with("/concerns"));
        assert!(lines
            .iter()
            .find(|l| l.alert.kind == AlertKind::NoMeeting)
            .unwrap()
            .link()
            .contains("/supervision?mentor="));
    }
}
