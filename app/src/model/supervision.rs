//! Supervision of the mentors by their manager (step 5 of the process map):
//! check-in calls to each mentor in their first days, and group meetings
//! with the mentors to discuss cases, challenges and strategies, whose
//! agenda is proposed from the challenges in the meeting logs.

use super::ids::{AgendaItemId, CheckInId, GroupMeetingId, MeetingLogId, ProgrammeId, UserId};
use super::validation::{date_field, short_text, text_field, Field, FieldErrors, Problem};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A check-in call as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckInInput {
    /// The mentor's id.
    pub mentor: String,
    pub held_on: String,
    pub notes: String,
    pub follow_up: String,
}

/// A check-in that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckIn {
    pub mentor: UserId,
    pub held_on: NaiveDate,
    pub notes: String,
    pub follow_up: String,
}

impl CheckInInput {
    /// Every problem at once: a mentor, a date not after `today`, notes.
    pub fn validate(&self, today: NaiveDate) -> Result<CheckIn, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mentor = match UserId::parse(self.mentor.trim()) {
            Ok(id) => Some(id),
            Err(_) if self.mentor.trim().is_empty() => {
                errors.push(Field::Mentor, Problem::Required);
                None
            }
            Err(_) => {
                errors.push(Field::Mentor, Problem::UnknownChoice);
                None
            }
        };
        let held_on = date_field(&mut errors, Field::HeldOn, &self.held_on, true);
        if held_on.is_some_and(|d| d > today) {
            errors.push(Field::HeldOn, Problem::DateInFuture);
        }
        let notes = text_field(&mut errors, Field::Notes, &self.notes, true);
        let follow_up = text_field(&mut errors, Field::FollowUp, &self.follow_up, false);
        match (mentor, held_on) {
            (Some(mentor), Some(held_on)) if errors.is_empty() => Ok(CheckIn {
                mentor,
                held_on,
                notes,
                follow_up,
            }),
            _ => Err(errors),
        }
    }
}

/// A check-in as the managers read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInView {
    pub id: CheckInId,
    pub mentor_id: UserId,
    pub mentor_name: String,
    #[serde(with = "super::dates::iso_date")]
    pub held_on: NaiveDate,
    pub notes: String,
    pub follow_up: String,
    pub recorded_by: String,
}

/// A group meeting as typed: when, who came, the notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupMeetingInput {
    pub held_on: String,
    /// The ids of the mentors who attended.
    pub attendees: Vec<String>,
    pub notes: String,
    #[serde(flatten)]
    pub schedule: super::schedule::ScheduleInput,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupMeetingPlan {
    pub held_on: NaiveDate,
    pub attendees: Vec<UserId>,
    pub notes: String,
    pub schedule: super::schedule::Schedule,
}

impl GroupMeetingInput {
    /// Every problem at once. A meeting may be planned ahead (a future
    /// date); whether each attendee is a mentor of the programme is checked
    /// where the mentors are known.
    pub fn validate(&self) -> Result<GroupMeetingPlan, FieldErrors> {
        let mut errors = FieldErrors::default();
        let held_on = date_field(&mut errors, Field::HeldOn, &self.held_on, true);
        let mut attendees: Vec<UserId> = Vec::new();
        for text in &self.attendees {
            match UserId::parse(text.trim()) {
                Ok(id) if !attendees.contains(&id) => attendees.push(id),
                Ok(_) => {}
                Err(_) => errors.push(Field::Attendees, Problem::UnknownChoice),
            }
        }
        let notes = text_field(&mut errors, Field::Notes, &self.notes, false);
        let schedule = self.schedule.check(&mut errors);
        match held_on {
            Some(held_on) if errors.is_empty() => Ok(GroupMeetingPlan {
                held_on,
                attendees,
                notes,
                schedule,
            }),
            _ => Err(errors),
        }
    }
}

/// What is added to a group meeting's agenda: challenges from the logs
/// (by their log), and topics the manager types.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaInput {
    pub challenges: Vec<String>,
    pub topic: String,
}

impl AgendaInput {
    pub fn validate(&self) -> Result<(Vec<MeetingLogId>, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut logs = Vec::new();
        for text in &self.challenges {
            match MeetingLogId::parse(text.trim()) {
                Ok(id) if !logs.contains(&id) => logs.push(id),
                Ok(_) => {}
                Err(_) => errors.push(Field::Challenge, Problem::UnknownChoice),
            }
        }
        let topic = short_text(&mut errors, Field::Topic, &self.topic, false);
        if logs.is_empty() && topic.is_empty() && errors.is_empty() {
            errors.push(Field::Topic, Problem::Required);
        }
        if errors.is_empty() {
            Ok((logs, (!topic.is_empty()).then_some(topic)))
        } else {
            Err(errors)
        }
    }
}

/// An agenda item marked discussed: what came of it (the mentor who
/// raised it reads this on their phone).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomeInput {
    pub outcome: String,
}

impl OutcomeInput {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let outcome = text_field(&mut errors, Field::Outcome, &self.outcome, true);
        if errors.is_empty() {
            Ok(outcome)
        } else {
            Err(errors)
        }
    }
}

/// A challenge from a meeting log that no group meeting has on its agenda
/// yet: the mentor's words and who raised it, never the mentee's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedChallenge {
    pub log_id: MeetingLogId,
    #[serde(with = "super::dates::iso_date")]
    pub date: NaiveDate,
    pub raised_by: String,
    pub challenge: String,
}

/// One item of a group meeting's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemView {
    pub id: AgendaItemId,
    pub topic: String,
    /// The mentor whose challenge it is (none for the manager's topics).
    pub raised_by: Option<String>,
    pub discussed: bool,
    pub outcome: String,
}

/// A group meeting with its agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMeetingView {
    pub id: GroupMeetingId,
    pub programme_id: ProgrammeId,
    #[serde(with = "super::dates::iso_date")]
    pub held_on: NaiveDate,
    pub notes: String,
    #[serde(default)]
    pub schedule: super::schedule::Schedule,
    pub attendees: Vec<UserId>,
    pub agenda: Vec<AgendaItemView>,
}

/// A mentor of the programme, with their check-ins so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorCheckIns {
    pub id: UserId,
    pub name: String,
    /// When their first pair was matched (a mentor without a pair yet has
    /// none).
    #[serde(with = "super::dates::iso_date::option")]
    pub first_pair_on: Option<NaiveDate>,
    pub check_ins: u32,
    #[serde(with = "super::dates::iso_date::option")]
    pub last_check_in: Option<NaiveDate>,
}

impl MentorCheckIns {
    /// A mentor in their first days (matched within [`super::limits::NEW_MENTOR_DAYS`])
    /// who has had no check-in yet.
    pub fn needs_check_in(&self, today: NaiveDate) -> bool {
        self.check_ins == 0
            && self
                .first_pair_on
                .is_some_and(|on| (today - on).num_days() <= super::limits::NEW_MENTOR_DAYS)
    }
}

/// A programme's supervision page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervision {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    #[serde(with = "super::dates::iso_date")]
    pub today: NaiveDate,
    pub mentors: Vec<MentorCheckIns>,
    /// Newest first.
    pub check_ins: Vec<CheckInView>,
    /// Newest first.
    pub meetings: Vec<GroupMeetingView>,
    /// Challenges since the last group meeting not yet on an agenda.
    pub proposed: Vec<ProposedChallenge>,
}

/// A challenge the mentor raised that a group meeting discussed, as the
/// mentor reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscussedChallenge {
    pub item: AgendaItemId,
    #[serde(with = "super::dates::iso_date")]
    pub meeting_on: NaiveDate,
    pub challenge: String,
    pub outcome: String,
    #[serde(with = "super::dates::moment")]
    pub discussed_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        super::super::dates::parse_iso_date(text).unwrap()
    }

    #[test]
    fn a_check_in_names_every_problem_at_once() {
        let errors = CheckInInput {
            mentor: "someone".into(),
            held_on: "2027-05-20".into(),
            notes: " ".into(),
            follow_up: String::new(),
        }
        .validate(day("2027-05-19"))
        .unwrap_err();
        assert_eq!(errors.problem(Field::Mentor), Some(Problem::UnknownChoice));
        assert_eq!(errors.problem(Field::HeldOn), Some(Problem::DateInFuture));
        assert_eq!(errors.problem(Field::Notes), Some(Problem::Required));
    }

    #[test]
    fn a_check_in_with_a_mentor_a_date_and_notes_passes() {
        let mentor = UserId::new();
        let check_in = CheckInInput {
            mentor: mentor.to_string(),
            held_on: "2027-05-19".into(),
            notes: "Called Elena: first visit went well.\r\nShe asks about homework.".into(),
            follow_up: "Send the homework leaflet".into(),
        }
        .validate(day("2027-05-19"))
        .unwrap();
        assert_eq!(check_in.mentor, mentor);
        assert_eq!(
            check_in.notes,
            "Called Elena: first visit went well.\nShe asks about homework."
        );
    }

    #[test]
    fn a_group_meeting_may_be_planned_ahead_and_counts_each_attendee_once() {
        let mentor = UserId::new();
        let plan = GroupMeetingInput {
            held_on: "2030-01-10".into(),
            attendees: vec![mentor.to_string(), mentor.to_string()],
            ..GroupMeetingInput::default()
        }
        .validate()
        .unwrap();
        assert_eq!(plan.attendees, vec![mentor]);
        let errors = GroupMeetingInput {
            held_on: "10/01/2030".into(),
            attendees: vec!["x".into()],
            ..GroupMeetingInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.problem(Field::HeldOn), Some(Problem::NotADate));
        assert_eq!(
            errors.problem(Field::Attendees),
            Some(Problem::UnknownChoice)
        );
    }

    #[test]
    fn an_agenda_addition_needs_a_challenge_or_a_topic() {
        let errors = AgendaInput::default().validate().unwrap_err();
        assert_eq!(errors.problem(Field::Topic), Some(Problem::Required));
        let log = MeetingLogId::new();
        let (logs, topic) = AgendaInput {
            challenges: vec![log.to_string()],
            topic: " Homework routines ".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            (logs, topic.as_deref()),
            (vec![log], Some("Homework routines"))
        );
    }

    #[test]
    fn an_item_is_discussed_with_an_outcome() {
        assert_eq!(
            OutcomeInput::default()
                .validate()
                .unwrap_err()
                .problem(Field::Outcome),
            Some(Problem::Required)
        );
        assert_eq!(
            OutcomeInput {
                outcome: "Ask the class teacher together".into()
            }
            .validate()
            .unwrap(),
            "Ask the class teacher together"
        );
    }

    #[test]
    fn a_new_mentor_without_a_check_in_needs_one() {
        let mentor = MentorCheckIns {
            id: UserId::new(),
            name: "Elena".into(),
            first_pair_on: Some(day("2027-03-01")),
            check_ins: 0,
            last_check_in: None,
        };
        assert!(mentor.needs_check_in(day("2027-03-10")));
        let called = MentorCheckIns {
            check_ins: 1,
            ..mentor.clone()
        };
        assert!(!called.needs_check_in(day("2027-03-10")));
        let long_ago = MentorCheckIns {
            first_pair_on: Some(day("2026-01-01")),
            ..mentor
        };
        assert!(!long_ago.needs_check_in(day("2027-03-10")));
    }
}
