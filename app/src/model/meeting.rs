//! Tool 2, the mentoring meeting log, and its validation rules. The rules are
//! written once, here, and run in the browser (offline too) and again on the
//! server, which never trusts what a browser says it checked.

use super::ids::PairId;
use super::limits::MAX_DURATION_MINUTES;
use super::role::{text_key_enum, TextKey};
use super::sync::{hash_json, Kind, Reasons, Record};
use super::validation::ValidationContext;
use super::validation::{number_field, text_field, Field, FieldErrors, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// Form of meeting (Tool 2).
    MeetingForm {
        FaceToFace = "face_to_face",
        Telephone = "telephone",
        Email = "email",
        VideoCall = "video_call",
        Other = "other",
    }
);

/// The meeting log form exactly as the mentor typed it. Drafts, the outbox and
/// the sync payload carry this, so nothing typed is lost before it is valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingLogInput {
    pub pair_id: String,
    /// `yyyy-mm-dd`, as `<input type="date">` gives it.
    pub date: String,
    /// A [`MeetingForm`] key.
    pub form: String,
    pub hours: String,
    pub minutes: String,
    pub description: String,
    pub went_well_next_steps: String,
    /// `"yes"` or `"no"`.
    pub challenge: String,
    pub challenge_text: String,
    /// The goals worked on in this meeting, with their progress.
    pub goals: Vec<super::goal::GoalWorkInput>,
    /// Not empty: this revision withdraws the log, for this reason (the log
    /// stays, kept in its history, and no longer counts).
    pub withdrawn_reason: String,
}

/// A meeting log that passed every rule. Its fields can only be set by
/// [`MeetingLogInput::validate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MeetingLog {
    pair_id: PairId,
    date: NaiveDate,
    form: MeetingForm,
    duration_minutes: u32,
    description: String,
    went_well_next_steps: String,
    challenge: Option<String>,
    /// Left out when empty: a log without goals keeps the fingerprint it
    /// had before logs could name goals.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    goals: Vec<(super::ids::GoalId, super::goal::GoalProgress)>,
    /// Left out when not withdrawn, for the same reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn_reason: Option<String>,
}

impl MeetingLog {
    pub fn pair_id(&self) -> PairId {
        self.pair_id
    }
    pub fn date(&self) -> NaiveDate {
        self.date
    }
    pub fn form(&self) -> MeetingForm {
        self.form
    }
    pub fn duration_minutes(&self) -> u32 {
        self.duration_minutes
    }
    pub fn description(&self) -> &str {
        &self.description
    }
    pub fn went_well_next_steps(&self) -> &str {
        &self.went_well_next_steps
    }
    pub fn challenge(&self) -> Option<&str> {
        self.challenge.as_deref()
    }
    pub fn goals(&self) -> &[(super::ids::GoalId, super::goal::GoalProgress)] {
        &self.goals
    }
    pub fn withdrawn_reason(&self) -> Option<&str> {
        self.withdrawn_reason.as_deref()
    }
}

impl Record for MeetingLog {
    const KIND: Kind = Kind::MeetingLog;
    type Input = MeetingLogInput;

    fn pair_of(input: &MeetingLogInput) -> &str {
        &input.pair_id
    }

    fn check(input: &MeetingLogInput, ctx: &ValidationContext) -> Result<Self, Reasons> {
        input.validate(ctx).map_err(Reasons::from)
    }

    /// Two sends of one log carry the same hash, an edited log does not.
    fn content_hash(&self) -> String {
        hash_json(Self::KIND, self)
    }
}

impl MeetingLogInput {
    /// Applies every rule of the meeting log. Returns the valid log, or every
    /// problem found (not just the first), each tied to its field.
    pub fn validate(&self, ctx: &ValidationContext) -> Result<MeetingLog, FieldErrors> {
        let mut errors = FieldErrors::default();

        let pair_id = match PairId::parse(&self.pair_id) {
            Ok(id) if ctx.pair.is_some() => Some(id),
            _ if self.pair_id.trim().is_empty() => {
                errors.push(Field::Pair, Problem::Required);
                None
            }
            _ => {
                errors.push(Field::Pair, Problem::UnknownPair);
                None
            }
        };

        let date = if self.date.trim().is_empty() {
            errors.push(Field::Date, Problem::Required);
            None
        } else {
            match super::dates::parse_iso_date(&self.date).ok_or(()) {
                Err(()) => {
                    errors.push(Field::Date, Problem::NotADate);
                    None
                }
                Ok(date) if date > ctx.latest_date => {
                    errors.push(Field::Date, Problem::DateInFuture);
                    None
                }
                Ok(date) if ctx.pair.is_some_and(|p| date < p.started_on) => {
                    errors.push(Field::Date, Problem::DateBeforePairStart);
                    None
                }
                Ok(date)
                    if ctx
                        .pair
                        .and_then(|p| p.ended_on)
                        .is_some_and(|end| date > end) =>
                {
                    errors.push(Field::Date, Problem::PairEnded);
                    None
                }
                Ok(date) => Some(date),
            }
        };

        let form = if self.form.trim().is_empty() {
            errors.push(Field::Form, Problem::Required);
            None
        } else {
            let form = MeetingForm::from_key(self.form.trim());
            if form.is_none() {
                errors.push(Field::Form, Problem::UnknownChoice);
            }
            form
        };

        let duration_minutes = if self.hours.trim().is_empty() && self.minutes.trim().is_empty() {
            errors.push(Field::Duration, Problem::Required);
            None
        } else {
            match (number_field(&self.hours), number_field(&self.minutes)) {
                (Err(problem), _) | (_, Err(problem)) => {
                    errors.push(Field::Duration, problem);
                    None
                }
                (Ok(_), Ok(minutes)) if minutes > 59 => {
                    errors.push(Field::Duration, Problem::MinutesOutOfRange);
                    None
                }
                (Ok(hours), Ok(minutes)) => {
                    let total = hours.saturating_mul(60).saturating_add(minutes);
                    if total < 1 {
                        errors.push(Field::Duration, Problem::DurationTooShort);
                        None
                    } else if total > MAX_DURATION_MINUTES {
                        errors.push(Field::Duration, Problem::DurationTooLong);
                        None
                    } else {
                        Some(total)
                    }
                }
            }
        };

        let description = text_field(&mut errors, Field::Description, &self.description, true);
        let went_well_next_steps = text_field(
            &mut errors,
            Field::WentWellNextSteps,
            &self.went_well_next_steps,
            false,
        );

        let challenge = match self.challenge.trim() {
            "yes" => Some(text_field(
                &mut errors,
                Field::ChallengeText,
                &self.challenge_text,
                true,
            )),
            "no" => None,
            "" => {
                errors.push(Field::Challenge, Problem::Required);
                None
            }
            _ => {
                errors.push(Field::Challenge, Problem::UnknownChoice);
                None
            }
        };
        let goals = super::goal::validate_goals_worked_on(&mut errors, &self.goals);
        let withdrawn = text_field(
            &mut errors,
            Field::WithdrawnReason,
            &self.withdrawn_reason,
            false,
        );

        match (pair_id, date, form, duration_minutes) {
            (Some(pair_id), Some(date), Some(form), Some(duration_minutes))
                if errors.is_empty() =>
            {
                Ok(MeetingLog {
                    pair_id,
                    date,
                    form,
                    duration_minutes,
                    description,
                    went_well_next_steps,
                    challenge,
                    goals,
                    withdrawn_reason: (!withdrawn.is_empty()).then_some(withdrawn),
                })
            }
            _ => Err(errors),
        }
    }
}

impl From<&MeetingLog> for MeetingLogInput {
    fn from(log: &MeetingLog) -> Self {
        Self {
            pair_id: log.pair_id.to_string(),
            date: super::dates::format_iso_date(log.date),
            form: log.form.key().to_string(),
            hours: (log.duration_minutes / 60).to_string(),
            minutes: (log.duration_minutes % 60).to_string(),
            description: log.description.clone(),
            went_well_next_steps: log.went_well_next_steps.clone(),
            challenge: if log.challenge.is_some() { "yes" } else { "no" }.to_string(),
            challenge_text: log.challenge.clone().unwrap_or_default(),
            goals: log
                .goals
                .iter()
                .map(|(id, progress)| super::goal::GoalWorkInput {
                    goal_id: id.to_string(),
                    progress: progress.key().to_string(),
                })
                .collect(),
            withdrawn_reason: log.withdrawn_reason.clone().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::limits::MAX_TEXT_CHARS;
    use crate::model::PairDates;
    use chrono::{DateTime, Utc};

    fn day(text: &str) -> NaiveDate {
        super::super::dates::parse_iso_date(text).unwrap()
    }

    fn ctx() -> ValidationContext {
        ValidationContext {
            latest_date: day("2026-11-22"),
            pair: Some(PairDates {
                started_on: day("2026-09-01"),
                ended_on: None,
            }),
        }
    }

    fn valid_input() -> MeetingLogInput {
        MeetingLogInput {
            pair_id: PairId::new().to_string(),
            date: "2026-11-20".into(),
            form: "face_to_face".into(),
            hours: "1".into(),
            minutes: "30".into(),
            description: "Met at the library, talked about homework routines.".into(),
            went_well_next_steps: "Yes. Next: visit the school together.".into(),
            challenge: "no".into(),
            challenge_text: String::new(),
            goals: Vec::new(),
            withdrawn_reason: String::new(),
        }
    }

    fn problems(input: &MeetingLogInput) -> Vec<(Field, Problem)> {
        input
            .validate(&ctx())
            .unwrap_err()
            .iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_log_without_goals_keeps_the_fingerprint_it_had_before_logs_named_goals() {
        let log = valid_input().validate(&ctx()).unwrap();
        assert!(!serde_json::to_string(&log).unwrap().contains("goals"));
        let with_goal = MeetingLogInput {
            goals: vec![crate::model::GoalWorkInput {
                goal_id: crate::model::GoalId::new().to_string(),
                progress: "under_way".into(),
            }],
            ..valid_input()
        }
        .validate(&ctx())
        .unwrap();
        assert_eq!(with_goal.goals().len(), 1);
        assert_ne!(log.content_hash(), with_goal.content_hash());
    }

    #[test]
    fn a_withdrawal_keeps_the_log_with_its_reason_and_changes_its_fingerprint() {
        let log = valid_input().validate(&ctx()).unwrap();
        let withdrawn = MeetingLogInput {
            withdrawn_reason: "  Logged twice by mistake ".into(),
            ..valid_input()
        }
        .validate(&ctx())
        .unwrap();
        assert_eq!(
            withdrawn.withdrawn_reason(),
            Some("Logged twice by mistake")
        );
        assert_eq!(withdrawn.description(), log.description());
        assert_ne!(withdrawn.content_hash(), log.content_hash());
        assert!(!serde_json::to_string(&log).unwrap().contains("withdrawn"));
        let again = MeetingLogInput::from(&withdrawn).validate(&ctx()).unwrap();
        assert_eq!(again, withdrawn);
    }

    #[test]
    fn a_complete_log_is_valid() {
        let log = valid_input().validate(&ctx()).unwrap();
        assert_eq!(log.duration_minutes(), 90);
        assert_eq!(log.form(), MeetingForm::FaceToFace);
        assert_eq!(log.challenge(), None);
    }

    #[test]
    fn a_date_in_the_future_is_refused() {
        let input = MeetingLogInput {
            date: "2026-11-23".into(),
            ..valid_input()
        };
        assert_eq!(problems(&input), vec![(Field::Date, Problem::DateInFuture)]);
    }

    #[test]
    fn today_is_allowed() {
        let input = MeetingLogInput {
            date: "2026-11-22".into(),
            ..valid_input()
        };
        assert!(input.validate(&ctx()).is_ok());
    }

    #[test]
    fn a_date_before_the_pair_started_is_refused() {
        let input = MeetingLogInput {
            date: "2026-08-31".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Date, Problem::DateBeforePairStart)]
        );
    }

    #[test]
    fn a_meeting_after_the_pair_ended_is_refused_but_one_before_is_kept() {
        let ended = ValidationContext {
            pair: Some(PairDates {
                started_on: day("2026-09-01"),
                ended_on: Some(day("2026-11-01")),
            }),
            ..ctx()
        };
        let late = MeetingLogInput {
            date: "2026-11-02".into(),
            ..valid_input()
        };
        assert_eq!(
            late.validate(&ended).unwrap_err().problem(Field::Date),
            Some(Problem::PairEnded)
        );
        let in_time = MeetingLogInput {
            date: "2026-11-01".into(),
            ..valid_input()
        };
        assert!(in_time.validate(&ended).is_ok());
    }

    #[test]
    fn a_missing_or_malformed_date_is_refused() {
        let missing = MeetingLogInput {
            date: " ".into(),
            ..valid_input()
        };
        assert_eq!(problems(&missing), vec![(Field::Date, Problem::Required)]);
        let malformed = MeetingLogInput {
            date: "22/11/2026".into(),
            ..valid_input()
        };
        assert_eq!(problems(&malformed), vec![(Field::Date, Problem::NotADate)]);
    }

    #[test]
    fn a_duration_under_one_minute_is_refused() {
        let input = MeetingLogInput {
            hours: "0".into(),
            minutes: "0".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Duration, Problem::DurationTooShort)]
        );
    }

    #[test]
    fn a_duration_over_eight_hours_is_refused() {
        let input = MeetingLogInput {
            hours: "8".into(),
            minutes: "1".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Duration, Problem::DurationTooLong)]
        );
    }

    #[test]
    fn exactly_one_minute_and_exactly_eight_hours_are_allowed() {
        let one = MeetingLogInput {
            hours: "".into(),
            minutes: "1".into(),
            ..valid_input()
        };
        assert_eq!(one.validate(&ctx()).unwrap().duration_minutes(), 1);
        let eight = MeetingLogInput {
            hours: "8".into(),
            minutes: "".into(),
            ..valid_input()
        };
        assert_eq!(eight.validate(&ctx()).unwrap().duration_minutes(), 480);
    }

    #[test]
    fn a_duration_that_is_not_a_number_is_refused() {
        let input = MeetingLogInput {
            hours: "-1".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Duration, Problem::NotANumber)]
        );
        let huge = MeetingLogInput {
            hours: "99999999999".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&huge),
            vec![(Field::Duration, Problem::NotANumber)]
        );
    }

    #[test]
    fn sixty_minutes_or_more_in_the_minutes_box_is_refused() {
        let input = MeetingLogInput {
            hours: "0".into(),
            minutes: "75".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Duration, Problem::MinutesOutOfRange)]
        );
    }

    #[test]
    fn a_missing_description_is_refused() {
        let input = MeetingLogInput {
            description: "   \n".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Description, Problem::Required)]
        );
    }

    #[test]
    fn a_challenge_needs_its_description() {
        let input = MeetingLogInput {
            challenge: "yes".into(),
            challenge_text: " ".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::ChallengeText, Problem::Required)]
        );
    }

    #[test]
    fn a_challenge_with_its_description_is_kept() {
        let input = MeetingLogInput {
            challenge: "yes".into(),
            challenge_text: "The mentee fears the teacher.".into(),
            ..valid_input()
        };
        assert_eq!(
            input.validate(&ctx()).unwrap().challenge(),
            Some("The mentee fears the teacher.")
        );
    }

    #[test]
    fn the_challenge_question_must_be_answered() {
        let input = MeetingLogInput {
            challenge: "".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Challenge, Problem::Required)]
        );
    }

    #[test]
    fn an_unknown_form_of_meeting_is_refused() {
        let input = MeetingLogInput {
            form: "carrier_pigeon".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Form, Problem::UnknownChoice)]
        );
    }

    #[test]
    fn a_pair_that_is_not_the_mentors_is_refused() {
        let ctx = ValidationContext {
            pair: None,
            ..ctx()
        };
        let errors = valid_input().validate(&ctx).unwrap_err();
        assert_eq!(errors.problem(Field::Pair), Some(Problem::UnknownPair));
    }

    #[test]
    fn overlong_text_is_refused() {
        let input = MeetingLogInput {
            description: "a".repeat(MAX_TEXT_CHARS + 1),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::Description, Problem::TooLong)]
        );
    }

    #[test]
    fn a_control_character_in_a_text_is_refused_with_a_field_error() {
        let input = MeetingLogInput {
            description: "Met at\u{0}the school".into(),
            went_well_next_steps: "Bell\u{7}".into(),
            ..valid_input()
        };
        assert_eq!(
            problems(&input),
            vec![
                (Field::Description, Problem::ControlCharacter),
                (Field::WentWellNextSteps, Problem::ControlCharacter)
            ]
        );
    }

    #[test]
    fn line_breaks_and_tabs_are_kept_and_carriage_returns_become_line_breaks() {
        let input = MeetingLogInput {
            description: "First line\r\nSecond\tline\rThird".into(),
            ..valid_input()
        };
        let log = input.validate(&ctx()).unwrap();
        assert_eq!(log.description(), "First line\nSecond\tline\nThird");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = MeetingLogInput::default().validate(&ctx()).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Pair,
                Field::Date,
                Field::Form,
                Field::Duration,
                Field::Description,
                Field::Challenge
            ]
        );
    }

    #[test]
    fn the_same_content_has_the_same_hash_however_it_was_typed() {
        let a = valid_input();
        let b = MeetingLogInput {
            hours: "01".into(),
            description: format!("  {}  ", a.description),
            ..a.clone()
        };
        assert_eq!(
            a.validate(&ctx()).unwrap().content_hash(),
            b.validate(&ctx()).unwrap().content_hash()
        );
    }

    #[test]
    fn different_content_has_a_different_hash() {
        let a = valid_input();
        let b = MeetingLogInput {
            minutes: "31".into(),
            ..a.clone()
        };
        assert_ne!(
            a.validate(&ctx()).unwrap().content_hash(),
            b.validate(&ctx()).unwrap().content_hash()
        );
    }

    #[test]
    fn a_valid_log_round_trips_through_the_form() {
        let log = valid_input().validate(&ctx()).unwrap();
        let again = MeetingLogInput::from(&log).validate(&ctx()).unwrap();
        assert_eq!(log, again);
    }

    #[test]
    fn the_server_accepts_dates_that_are_today_somewhere() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            ValidationContext::latest_date_anywhere(now),
            day("2026-11-23")
        );
    }
}
