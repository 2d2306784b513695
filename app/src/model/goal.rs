//! The mentee's goals, set with the mentor's help: what, why it matters,
//! the first steps and a target date. A goal is made on the phone like a
//! meeting log and changed by revisions: each change is the goal's next
//! revision under the same id (the first is revision 1), sent through the
//! same outbox, so a resend is harmless and two different changes of the
//! same revision are a conflict. Withdrawing is a revision with a reason.
//! Progress (not started, under way, reached) is recorded in the meeting
//! logs, as "goals worked on".

use super::dates::{format_iso_date, parse_iso_date};
use super::ids::{GoalId, PairId};
use super::limits::MAX_GOALS_PER_LOG;
use super::role::{text_key_enum, TextKey};
use super::sync::{hash_json, Kind, Reasons, Record};
use super::validation::ValidationContext;
use super::validation::{text_field, Field, FieldErrors, Problem};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// How far a goal has come, as the last meeting that worked on it says.
    GoalProgress {
        NotStarted = "not_started",
        UnderWay = "under_way",
        Reached = "reached",
    }
);

/// A goal's form as typed (drafts and the outbox keep it so).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalInput {
    pub pair_id: String,
    pub what: String,
    pub why: String,
    pub first_steps: String,
    /// `yyyy-mm-dd`.
    pub target_date: String,
    /// Not empty: the goal is withdrawn, for this reason.
    pub withdrawn_reason: String,
}

/// A goal revision that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Goal {
    pair_id: PairId,
    what: String,
    why: String,
    first_steps: String,
    target_date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn_reason: Option<String>,
}

impl Goal {
    pub fn pair_id(&self) -> PairId {
        self.pair_id
    }
    pub fn what(&self) -> &str {
        &self.what
    }
    pub fn why(&self) -> &str {
        &self.why
    }
    pub fn first_steps(&self) -> &str {
        &self.first_steps
    }
    pub fn target_date(&self) -> NaiveDate {
        self.target_date
    }
    pub fn withdrawn_reason(&self) -> Option<&str> {
        self.withdrawn_reason.as_deref()
    }
}

impl Record for Goal {
    const KIND: Kind = Kind::Goal;
    type Input = GoalInput;

    fn pair_of(input: &GoalInput) -> &str {
        &input.pair_id
    }

    fn check(input: &GoalInput, ctx: &ValidationContext) -> Result<Self, Reasons> {
        input.validate(ctx).map_err(Reasons::from)
    }

    fn content_hash(&self) -> String {
        hash_json(Self::KIND, self)
    }
}

impl GoalInput {
    /// Every rule of a goal, every problem at once. The target date may be
    /// in the future (that is what it is for) but not before the pair began.
    pub fn validate(&self, ctx: &ValidationContext) -> Result<Goal, FieldErrors> {
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
        let what = text_field(&mut errors, Field::What, &self.what, true);
        let why = text_field(&mut errors, Field::Why, &self.why, false);
        let first_steps = text_field(&mut errors, Field::FirstSteps, &self.first_steps, false);
        let target_date = if self.target_date.trim().is_empty() {
            errors.push(Field::TargetDate, Problem::Required);
            None
        } else {
            match parse_iso_date(&self.target_date) {
                None => {
                    errors.push(Field::TargetDate, Problem::NotADate);
                    None
                }
                Some(date) if ctx.pair.is_some_and(|p| date < p.started_on) => {
                    errors.push(Field::TargetDate, Problem::DateBeforePairStart);
                    None
                }
                Some(date) => Some(date),
            }
        };
        let withdrawn = text_field(
            &mut errors,
            Field::WithdrawnReason,
            &self.withdrawn_reason,
            false,
        );
        match (pair_id, target_date) {
            (Some(pair_id), Some(target_date)) if errors.is_empty() => Ok(Goal {
                pair_id,
                what,
                why,
                first_steps,
                target_date,
                withdrawn_reason: (!withdrawn.is_empty()).then_some(withdrawn),
            }),
            _ => Err(errors),
        }
    }
}

impl From<&Goal> for GoalInput {
    fn from(goal: &Goal) -> Self {
        GoalInput {
            pair_id: goal.pair_id.to_string(),
            what: goal.what.clone(),
            why: goal.why.clone(),
            first_steps: goal.first_steps.clone(),
            target_date: format_iso_date(goal.target_date),
            withdrawn_reason: goal.withdrawn_reason.clone().unwrap_or_default(),
        }
    }
}

/// One goal worked on in a meeting, as the log's form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalWorkInput {
    pub goal_id: String,
    /// A [`GoalProgress`] key.
    pub progress: String,
}

/// Checks the goals a meeting log names: readable ids, each once, a known
/// progress, at most [`MAX_GOALS_PER_LOG`]. Whether each goal is one of the
/// pair's is checked where the pair's goals are known.
pub fn validate_goals_worked_on(
    errors: &mut FieldErrors,
    goals: &[GoalWorkInput],
) -> Vec<(GoalId, GoalProgress)> {
    if goals.len() > MAX_GOALS_PER_LOG {
        errors.push(Field::Goals, Problem::OutOfRange);
        return Vec::new();
    }
    let mut checked: Vec<(GoalId, GoalProgress)> = Vec::with_capacity(goals.len());
    for work in goals {
        let Ok(id) = GoalId::parse(&work.goal_id) else {
            errors.push(Field::Goals, Problem::UnknownGoal);
            continue;
        };
        let Some(progress) = GoalProgress::from_key(work.progress.trim()) else {
            errors.push(Field::Goals, Problem::UnknownChoice);
            continue;
        };
        if checked.iter().any(|(known, _)| *known == id) {
            errors.push(Field::Goals, Problem::DuplicateGoal);
            continue;
        }
        checked.push((id, progress));
    }
    checked
}

/// A goal as stored now (its latest revision), with its progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GoalView {
    pub id: GoalId,
    pub pair_id: PairId,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i32"))]
    pub revision: u32,
    pub what: String,
    pub why: String,
    pub first_steps: String,
    #[serde(with = "crate::model::dates::iso_date")]
    pub target_date: NaiveDate,
    pub withdrawn_reason: Option<String>,
    /// From the latest meeting log that worked on it.
    pub progress: GoalProgress,
    #[serde(with = "crate::model::dates::iso_date::option")]
    pub progress_on: Option<NaiveDate>,
    pub updated_at: DateTime<Utc>,
}

impl GoalView {
    pub fn is_open(&self) -> bool {
        self.withdrawn_reason.is_none()
    }

    /// The form of the goal's next revision.
    pub fn input(&self) -> GoalInput {
        GoalInput {
            pair_id: self.pair_id.to_string(),
            what: self.what.clone(),
            why: self.why.clone(),
            first_steps: self.first_steps.clone(),
            target_date: format_iso_date(self.target_date),
            withdrawn_reason: self.withdrawn_reason.clone().unwrap_or_default(),
        }
    }
}

/// One earlier or current revision of a goal, for its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GoalRevisionView {
    pub goal_id: GoalId,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i32"))]
    pub revision: u32,
    pub what: String,
    pub why: String,
    pub first_steps: String,
    #[serde(with = "crate::model::dates::iso_date")]
    pub target_date: NaiveDate,
    pub withdrawn_reason: Option<String>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

/// A pair's goals for its manager: each goal now, and every revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairGoals {
    pub pair_id: PairId,
    pub mentor_name: String,
    pub mentee_name: String,
    pub goals: Vec<GoalView>,
    pub revisions: Vec<GoalRevisionView>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PairDates;

    fn day(text: &str) -> NaiveDate {
        parse_iso_date(text).unwrap()
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

    fn valid() -> GoalInput {
        GoalInput {
            pair_id: PairId::new().to_string(),
            what: "Talk to the class teacher each month".into(),
            why: "To know how Maria is doing before the report card".into(),
            first_steps: "Ask for the teacher's hours at the office".into(),
            target_date: "2027-01-31".into(),
            withdrawn_reason: String::new(),
        }
    }

    fn problems(input: &GoalInput) -> Vec<(Field, Problem)> {
        input
            .validate(&ctx())
            .unwrap_err()
            .iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_goal_with_a_target_in_the_future_is_valid() {
        let goal = valid().validate(&ctx()).unwrap();
        assert_eq!(goal.target_date(), day("2027-01-31"));
        assert_eq!(goal.withdrawn_reason(), None);
    }

    #[test]
    fn every_problem_of_a_goal_is_reported_at_once() {
        let input = GoalInput {
            pair_id: String::new(),
            what: "  ".into(),
            why: "x".repeat(crate::model::limits::MAX_TEXT_CHARS + 1),
            first_steps: "bell\u{7}".into(),
            target_date: "31/01/2027".into(),
            withdrawn_reason: String::new(),
        };
        assert_eq!(
            problems(&input),
            vec![
                (Field::Pair, Problem::Required),
                (Field::What, Problem::Required),
                (Field::Why, Problem::TooLong),
                (Field::FirstSteps, Problem::ControlCharacter),
                (Field::TargetDate, Problem::NotADate),
            ]
        );
    }

    #[test]
    fn a_target_before_the_pair_began_is_refused() {
        let input = GoalInput {
            target_date: "2026-08-31".into(),
            ..valid()
        };
        assert_eq!(
            problems(&input),
            vec![(Field::TargetDate, Problem::DateBeforePairStart)]
        );
    }

    #[test]
    fn a_goal_of_a_pair_that_is_not_the_mentors_is_refused() {
        let ctx = ValidationContext {
            pair: None,
            ..ctx()
        };
        let errors = valid().validate(&ctx).unwrap_err();
        assert_eq!(errors.problem(Field::Pair), Some(Problem::UnknownPair));
    }

    #[test]
    fn withdrawing_changes_the_hash_and_keeps_the_reason() {
        let input = valid();
        let goal = input.validate(&ctx()).unwrap();
        let withdrawn = GoalInput {
            withdrawn_reason: " The family moved away ".into(),
            ..input.clone()
        }
        .validate(&ctx())
        .unwrap();
        assert_eq!(withdrawn.withdrawn_reason(), Some("The family moved away"));
        assert_ne!(goal.content_hash(), withdrawn.content_hash());
        assert_eq!(
            goal.content_hash(),
            input.validate(&ctx()).unwrap().content_hash()
        );
    }

    #[test]
    fn a_goal_survives_the_round_trip_through_its_form() {
        let goal = valid().validate(&ctx()).unwrap();
        let again = GoalInput::from(&goal).validate(&ctx()).unwrap();
        assert_eq!(goal, again);
    }

    #[test]
    fn goals_worked_on_must_be_readable_known_and_named_once() {
        let id = GoalId::new();
        let mut errors = FieldErrors::default();
        let checked = validate_goals_worked_on(
            &mut errors,
            &[
                GoalWorkInput {
                    goal_id: id.to_string(),
                    progress: "under_way".into(),
                },
                GoalWorkInput {
                    goal_id: id.to_string(),
                    progress: "reached".into(),
                },
                GoalWorkInput {
                    goal_id: "not-an-id".into(),
                    progress: "reached".into(),
                },
                GoalWorkInput {
                    goal_id: GoalId::new().to_string(),
                    progress: "done".into(),
                },
            ],
        );
        assert_eq!(checked, vec![(id, GoalProgress::UnderWay)]);
        let problems: Vec<Problem> = errors.iter().map(|e| e.problem).collect();
        assert_eq!(
            problems,
            vec![
                Problem::DuplicateGoal,
                Problem::UnknownGoal,
                Problem::UnknownChoice
            ]
        );
    }

    #[test]
    fn a_log_may_name_at_most_the_limit_of_goals() {
        let many: Vec<GoalWorkInput> = (0..=MAX_GOALS_PER_LOG)
            .map(|_| GoalWorkInput {
                goal_id: GoalId::new().to_string(),
                progress: "under_way".into(),
            })
            .collect();
        let mut errors = FieldErrors::default();
        assert!(validate_goals_worked_on(&mut errors, &many).is_empty());
        assert_eq!(errors.problem(Field::Goals), Some(Problem::OutOfRange));
    }
}
