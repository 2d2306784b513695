//! A programme and its parameters (the model's section 3.1), and where it
//! stands on the six steps of the process map (section 3.2), computed from
//! its data.

use super::ids::{OrganisationId, ProgrammeId};
use super::role::{text_key_enum, TextKey, Typology};
use super::validation::{date_field, number_in, short_text, Field, FieldErrors, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The shortest and longest planned mentoring process, in months.
pub const MIN_DURATION_MONTHS: u32 = 6;
pub const MAX_DURATION_MONTHS: u32 = 9;

text_key_enum!(
    /// How the mentoring meetings take place.
    ProgrammeFormat {
        FaceToFace = "face_to_face",
        Online = "online",
        Blended = "blended",
    }
);

text_key_enum!(
    /// How often a pair is expected to meet.
    MeetingFrequency {
        Weekly = "weekly",
        Fortnightly = "fortnightly",
        Monthly = "monthly",
    }
);

impl MeetingFrequency {
    /// Meetings expected in a month.
    pub fn per_month(self) -> f64 {
        match self {
            MeetingFrequency::Weekly => 4.0,
            MeetingFrequency::Fortnightly => 2.0,
            MeetingFrequency::Monthly => 1.0,
        }
    }
}

/// The programme form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeInput {
    pub name: String,
    /// A [`Typology`] key.
    pub typology: String,
    /// A [`ProgrammeFormat`] key.
    pub format: String,
    pub duration_months: String,
    /// A [`MeetingFrequency`] key.
    pub meetings: String,
    pub max_mentees: String,
    pub child_age_limit: String,
    /// `yyyy-mm-dd`.
    pub starts_on: String,
    pub country: String,
    pub language: String,
    /// Days without a meeting logged before an active pair is an alert.
    pub quiet_days: String,
}

/// A programme's parameters that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeSettings {
    pub name: String,
    pub typology: Typology,
    pub format: ProgrammeFormat,
    pub duration_months: u32,
    pub meetings: MeetingFrequency,
    /// The most mentees one mentor may have.
    pub max_mentees: u32,
    /// The programme is for parents of children *under* this age.
    pub child_age_limit: u32,
    #[serde(with = "super::dates::iso_date")]
    pub starts_on: NaiveDate,
    pub country: String,
    pub language: String,
    /// An active pair with no meeting logged for this many days is an
    /// alert on the manager's home.
    pub quiet_days: u32,
}

impl ProgrammeSettings {
    /// A programme with the model's defaults (see [`ProgrammeInput::defaults`]).
    pub fn with_defaults(
        name: &str,
        typology: Typology,
        starts_on: NaiveDate,
    ) -> ProgrammeSettings {
        ProgrammeSettings {
            name: name.trim().to_string(),
            typology,
            format: ProgrammeFormat::FaceToFace,
            duration_months: MIN_DURATION_MONTHS,
            meetings: MeetingFrequency::Weekly,
            max_mentees: 2,
            child_age_limit: 12,
            starts_on,
            country: String::new(),
            language: String::new(),
            quiet_days: super::limits::DEFAULT_QUIET_DAYS,
        }
    }
}

impl ProgrammeInput {
    /// The model's defaults: 6 months, weekly, 2 mentees per mentor,
    /// children under 12, starting today.
    pub fn defaults(today: NaiveDate) -> ProgrammeInput {
        ProgrammeInput {
            name: String::new(),
            typology: Typology::Both.key().into(),
            format: ProgrammeFormat::FaceToFace.key().into(),
            duration_months: MIN_DURATION_MONTHS.to_string(),
            meetings: MeetingFrequency::Weekly.key().into(),
            max_mentees: "2".into(),
            child_age_limit: "12".into(),
            starts_on: super::dates::format_iso_date(today),
            country: String::new(),
            language: String::new(),
            quiet_days: super::limits::DEFAULT_QUIET_DAYS.to_string(),
        }
    }

    pub fn from_settings(s: &ProgrammeSettings) -> ProgrammeInput {
        ProgrammeInput {
            name: s.name.clone(),
            typology: s.typology.key().into(),
            format: s.format.key().into(),
            duration_months: s.duration_months.to_string(),
            meetings: s.meetings.key().into(),
            max_mentees: s.max_mentees.to_string(),
            child_age_limit: s.child_age_limit.to_string(),
            starts_on: super::dates::format_iso_date(s.starts_on),
            country: s.country.clone(),
            language: s.language.clone(),
            quiet_days: s.quiet_days.to_string(),
        }
    }

    /// Applies every rule; returns every problem at once.
    pub fn validate(&self) -> Result<ProgrammeSettings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = short_text(&mut errors, Field::Name, &self.name, true);
        let typology = choice::<Typology>(&mut errors, Field::Typology, &self.typology);
        let format = choice::<ProgrammeFormat>(&mut errors, Field::ProgrammeFormat, &self.format);
        let duration = number_in(
            &mut errors,
            Field::DurationMonths,
            &self.duration_months,
            MIN_DURATION_MONTHS..=MAX_DURATION_MONTHS,
        );
        let meetings = choice::<MeetingFrequency>(&mut errors, Field::Meetings, &self.meetings);
        let max_mentees = number_in(&mut errors, Field::MaxMentees, &self.max_mentees, 1..=10);
        let age_limit = number_in(
            &mut errors,
            Field::ChildAgeLimit,
            &self.child_age_limit,
            1..=18,
        );
        let starts_on = date_field(&mut errors, Field::StartsOn, &self.starts_on, true);
        let country = short_text(&mut errors, Field::Country, &self.country, true);
        let language = short_text(&mut errors, Field::Language, &self.language, true);
        // Left empty (a form of an older version): the model's default.
        let quiet_days = if self.quiet_days.trim().is_empty() {
            Some(super::limits::DEFAULT_QUIET_DAYS)
        } else {
            number_in(
                &mut errors,
                Field::QuietDays,
                &self.quiet_days,
                super::limits::MIN_QUIET_DAYS..=super::limits::MAX_QUIET_DAYS,
            )
        };
        match (
            typology,
            format,
            duration,
            meetings,
            max_mentees,
            age_limit,
            starts_on,
            quiet_days,
        ) {
            (
                Some(typology),
                Some(format),
                Some(duration_months),
                Some(meetings),
                Some(max_mentees),
                Some(child_age_limit),
                Some(starts_on),
                Some(quiet_days),
            ) if errors.is_empty() => Ok(ProgrammeSettings {
                name,
                typology,
                format,
                duration_months,
                meetings,
                max_mentees,
                child_age_limit,
                starts_on,
                country,
                language,
                quiet_days,
            }),
            _ => Err(errors),
        }
    }
}

/// One of a closed set, chosen in a form.
pub(crate) fn choice<T: TextKey>(errors: &mut FieldErrors, field: Field, key: &str) -> Option<T> {
    let key = key.trim();
    if key.is_empty() {
        errors.push(field, Problem::Required);
        return None;
    }
    let value = T::from_key(key);
    if value.is_none() {
        errors.push(field, Problem::UnknownChoice);
    }
    value
}

/// A programme as its people see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub id: ProgrammeId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub settings: ProgrammeSettings,
}

/// The six steps of the process map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Launch,
    Training,
    RollOut,
    Process,
    FollowUp,
    Evaluation,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Launch,
        Step::Training,
        Step::RollOut,
        Step::Process,
        Step::FollowUp,
        Step::Evaluation,
    ];
}

/// What is to be done next on a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NextAction {
    InviteManager,
    RegisterMentors,
    RegisterMentees,
    AcceptCandidates,
    PlanTraining,
    RecordAttendance,
    MatchPairs,
    ConfirmPairs,
    FollowPairs,
    CloseProcesses,
    WriteReport,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepState {
    Done,
    /// Under way, with what to do next.
    Now(NextAction),
    NotYet,
}

/// The counts the steps are computed from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProgrammeFacts {
    pub managers: i64,
    /// Candidates with consent recorded, by kind.
    pub mentor_candidates: i64,
    pub mentee_candidates: i64,
    pub accepted_mentors: i64,
    pub accepted_mentees: i64,
    /// Training sessions held on or before today.
    pub trainings_held: i64,
    /// Mentors who attended a held training.
    pub trained_mentors: i64,
    /// Accepted mentees with no pair that is not ended.
    pub unmatched_mentees: i64,
    pub pairs_getting_to_know: i64,
    pub pairs_active: i64,
    pub pairs_ended: i64,
}

/// Where the programme stands on each step, with what to do next on the
/// first step that is not done.
pub fn process_map(f: &ProgrammeFacts) -> [(Step, StepState); 6] {
    use NextAction::*;
    let pairs = f.pairs_getting_to_know + f.pairs_active + f.pairs_ended;
    let launch = if f.managers == 0 {
        Some(InviteManager)
    } else if f.mentor_candidates == 0 {
        Some(RegisterMentors)
    } else if f.mentee_candidates == 0 {
        Some(RegisterMentees)
    } else {
        None
    };
    let training = if f.trainings_held == 0 {
        Some(PlanTraining)
    } else if f.trained_mentors == 0 {
        Some(RecordAttendance)
    } else {
        None
    };
    let roll_out = if f.accepted_mentors == 0 || f.accepted_mentees == 0 {
        Some(AcceptCandidates)
    } else if pairs == 0 || f.unmatched_mentees > 0 {
        Some(MatchPairs)
    } else if f.pairs_getting_to_know > 0 {
        Some(ConfirmPairs)
    } else {
        None
    };
    let process = (f.pairs_active > 0 || pairs == 0).then_some(FollowPairs);
    let follow_up = (f.pairs_active > 0 || pairs == 0).then_some(FollowPairs);
    let evaluation = (f.pairs_active > 0 || f.pairs_getting_to_know > 0 || pairs == 0)
        .then_some(CloseProcesses)
        .or(Some(WriteReport));
    let todo = [launch, training, roll_out, process, follow_up, evaluation];
    let mut current_found = false;
    let mut result = [(Step::Launch, StepState::NotYet); 6];
    for (i, (step, action)) in Step::ALL.into_iter().zip(todo).enumerate() {
        result[i] = match action {
            None => (step, StepState::Done),
            Some(action) if !current_found => {
                current_found = true;
                (step, StepState::Now(action))
            }
            Some(_) => (step, StepState::NotYet),
        };
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ProgrammeInput {
        ProgrammeInput {
            name: "Pilot 2027".into(),
            country: "Romania".into(),
            language: "Romanian".into(),
            ..ProgrammeInput::defaults(NaiveDate::from_ymd_opt(2027, 1, 10).unwrap())
        }
    }

    #[test]
    fn the_models_defaults_make_a_valid_programme() {
        let settings = valid().validate().unwrap();
        assert_eq!(settings.duration_months, 6);
        assert_eq!(settings.meetings, MeetingFrequency::Weekly);
        assert_eq!(settings.max_mentees, 2);
        assert_eq!(settings.child_age_limit, 12);
        assert_eq!(settings.typology, Typology::Both);
    }

    #[test]
    fn a_duration_outside_six_to_nine_months_is_refused() {
        for (months, ok) in [
            ("5", false),
            ("6", true),
            ("9", true),
            ("10", false),
            ("x", false),
        ] {
            let input = ProgrammeInput {
                duration_months: months.into(),
                ..valid()
            };
            assert_eq!(input.validate().is_ok(), ok, "{months}");
        }
    }

    #[test]
    fn every_problem_of_the_programme_form_is_reported_at_once() {
        let errors = ProgrammeInput::default().validate().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Name,
                Field::Typology,
                Field::ProgrammeFormat,
                Field::DurationMonths,
                Field::Meetings,
                Field::MaxMentees,
                Field::ChildAgeLimit,
                Field::StartsOn,
                Field::Country,
                Field::Language
            ]
        );
    }

    #[test]
    fn a_new_programme_waits_for_its_manager_and_later_steps_wait() {
        let map = process_map(&ProgrammeFacts::default());
        assert_eq!(
            map[0],
            (Step::Launch, StepState::Now(NextAction::InviteManager))
        );
        assert!(map[1..].iter().all(|(_, s)| *s == StepState::NotYet));
    }

    #[test]
    fn training_is_done_when_held_and_attended() {
        let facts = ProgrammeFacts {
            managers: 1,
            mentor_candidates: 3,
            mentee_candidates: 4,
            trainings_held: 1,
            trained_mentors: 0,
            ..ProgrammeFacts::default()
        };
        assert_eq!(
            process_map(&facts)[1].1,
            StepState::Now(NextAction::RecordAttendance)
        );
        let attended = ProgrammeFacts {
            trained_mentors: 2,
            ..facts
        };
        assert_eq!(process_map(&attended)[1].1, StepState::Done);
        assert_eq!(
            process_map(&attended)[2].1,
            StepState::Now(NextAction::AcceptCandidates)
        );
    }

    #[test]
    fn pairs_getting_to_know_ask_for_confirmation_and_ended_ones_for_the_report() {
        let base = ProgrammeFacts {
            managers: 1,
            mentor_candidates: 2,
            mentee_candidates: 2,
            accepted_mentors: 2,
            accepted_mentees: 2,
            trainings_held: 1,
            trained_mentors: 2,
            ..ProgrammeFacts::default()
        };
        let knowing = ProgrammeFacts {
            pairs_getting_to_know: 2,
            ..base
        };
        assert_eq!(
            process_map(&knowing)[2].1,
            StepState::Now(NextAction::ConfirmPairs)
        );
        let ended = ProgrammeFacts {
            pairs_ended: 2,
            ..base
        };
        let map = process_map(&ended);
        assert!(
            map[..5].iter().all(|(_, s)| *s == StepState::Done),
            "{map:?}"
        );
        assert_eq!(map[5].1, StepState::Now(NextAction::WriteReport));
    }
}
