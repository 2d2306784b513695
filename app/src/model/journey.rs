//! The pair's journey after matching: the confirmation after getting to know
//! each other (the mentor and the mentee each say whether they want to go
//! on; the manager then confirms the pair), and the closure (completed or
//! dropped out early, with a reason, and whether the mentee goes on with a
//! new mentor).

use super::dates::parse_iso_date;
use super::ids::PairId;
use super::programme::choice;
use super::role::{text_key_enum, PairStatus};
use super::validation::{text_field, Field, FieldErrors, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// Who answers for a pair.
    Side {
        Mentor = "mentor",
        Mentee = "mentee",
    }
);

text_key_enum!(
    /// How a pair ended.
    EndKind {
        /// The mentoring process ran its course.
        Completed = "completed",
        /// It ended before its planned end.
        DroppedOut = "dropped_out",
        /// It ended while getting to know each other (not confirmed).
        NotConfirmed = "not_confirmed",
    }
);

text_key_enum!(
    /// Why a pair dropped out early (the programme report counts them).
    DropReason {
        MenteeWithdrew = "mentee_withdrew",
        MentorWithdrew = "mentor_withdrew",
        Moved = "moved",
        LostContact = "lost_contact",
        ChildLeftSchool = "child_left_school",
        NotAGoodMatch = "not_a_good_match",
        Other = "other",
    }
);

/// One side's answer after getting to know each other, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfirmationInput {
    /// `yes` or `no`.
    pub go_on: String,
    /// Why not (required with `no`).
    pub reason: String,
}

/// One side's answer, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationAnswer {
    pub go_on: bool,
    pub reason: Option<String>,
}

impl ConfirmationInput {
    pub fn validate(&self) -> Result<ConfirmationAnswer, FieldErrors> {
        let mut errors = FieldErrors::default();
        let go_on = match self.go_on.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            "" => {
                errors.push(Field::GoOn, Problem::Required);
                None
            }
            _ => {
                errors.push(Field::GoOn, Problem::UnknownChoice);
                None
            }
        };
        let reason = text_field(
            &mut errors,
            Field::Reason,
            &self.reason,
            go_on == Some(false),
        );
        match go_on {
            Some(go_on) if errors.is_empty() => Ok(ConfirmationAnswer {
                go_on,
                reason: (!reason.is_empty()).then_some(reason),
            }),
            _ => Err(errors),
        }
    }
}

/// A stored answer, as the manager reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub side: Side,
    pub go_on: bool,
    pub reason: Option<String>,
    #[serde(with = "super::dates::iso_date")]
    pub answered_on: NaiveDate,
    /// Who recorded it (the person, or the manager on their behalf).
    pub recorded_by: String,
}

/// Whether the manager may confirm the pair: both sides said yes.
pub fn both_go_on(answers: &[Confirmation]) -> bool {
    [Side::Mentor, Side::Mentee]
        .iter()
        .all(|side| answers.iter().any(|a| a.side == *side && a.go_on))
}

/// The closure of a pair, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClosureInput {
    /// `completed` or `dropped_out`.
    pub outcome: String,
    /// A [`DropReason`] key (required when dropped out).
    pub drop_reason: String,
    /// More words (required with the reason "other").
    pub details: String,
    pub ended_on: String,
    /// `yes`: the mentee goes on with a new mentor.
    pub continues: String,
}

/// A closure, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub outcome: EndKind,
    pub drop_reason: Option<DropReason>,
    pub details: Option<String>,
    #[serde(with = "super::dates::iso_date")]
    pub ended_on: NaiveDate,
    pub continues: bool,
}

impl ClosureInput {
    /// `started_on`: the pair's start; `today`: the person's today.
    pub fn validate(
        &self,
        started_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Closure, FieldErrors> {
        let mut errors = FieldErrors::default();
        let outcome = choice::<EndKind>(&mut errors, Field::Outcome, &self.outcome);
        if outcome == Some(EndKind::NotConfirmed) {
            errors.push(Field::Outcome, Problem::UnknownChoice);
        }
        let drop_reason = if outcome == Some(EndKind::DroppedOut) {
            choice::<DropReason>(&mut errors, Field::DropReason, &self.drop_reason)
        } else {
            None
        };
        let details = text_field(
            &mut errors,
            Field::Reason,
            &self.details,
            drop_reason == Some(DropReason::Other),
        );
        let ended_on = match parse_iso_date(&self.ended_on) {
            None if self.ended_on.trim().is_empty() => {
                errors.push(Field::EndedOn, Problem::Required);
                None
            }
            None => {
                errors.push(Field::EndedOn, Problem::NotADate);
                None
            }
            Some(date) if date > today => {
                errors.push(Field::EndedOn, Problem::DateInFuture);
                None
            }
            Some(date) if date < started_on => {
                errors.push(Field::EndedOn, Problem::DateBeforePairStart);
                None
            }
            Some(date) => Some(date),
        };
        match (outcome, ended_on) {
            (Some(outcome), Some(ended_on)) if errors.is_empty() => Ok(Closure {
                outcome,
                drop_reason,
                details: (!details.is_empty()).then_some(details),
                ended_on,
                continues: self.continues == "yes",
            }),
            _ => Err(errors),
        }
    }
}

/// A programme's pair as its managers see it on the matching page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRow {
    pub id: PairId,
    pub mentor_name: String,
    pub mentee_name: String,
    /// The pair's mentor manager: id and name.
    pub manager: (super::ids::UserId, String),
    /// Its manager changed or planned end moved, oldest first.
    pub changes: Vec<super::office::PairChangeView>,
    pub status: PairStatus,
    #[serde(with = "super::dates::iso_date")]
    pub started_on: NaiveDate,
    #[serde(with = "super::dates::iso_date::option")]
    pub planned_end_on: Option<NaiveDate>,
    /// The answers after getting to know each other, and the closure.
    pub journey: PairJourney,
}

/// Where a pair stands after matching: the answers, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairJourney {
    pub answers: Vec<Confirmation>,
    pub end_kind: Option<EndKind>,
    pub drop_reason: Option<DropReason>,
    pub end_details: Option<String>,
    #[serde(with = "super::dates::iso_date::option")]
    pub ended_on: Option<NaiveDate>,
    pub continues: bool,
    /// The pair this one continues (the mentee's earlier mentor).
    pub previous: Option<PairId>,
    /// The mentee was proposed as a mentor candidate already.
    pub proposed_as_mentor: bool,
    /// The mentee asked to end the mentoring: when, and why (may be
    /// empty).
    #[serde(default)]
    pub end_asked: Option<(NaiveDate, String)>,
}

/// Why a mentee asks to end the mentoring, as typed (optional).
pub fn end_request_reason(typed: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let reason = text_field(&mut errors, Field::Reason, typed, false);
    if errors.is_empty() {
        Ok(reason)
    } else {
        Err(errors)
    }
}

/// A pair a person is getting to know, as they see it: whom, since when,
/// and their own answer so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GettingToKnow {
    pub pair: PairId,
    pub side: Side,
    pub other_name: String,
    #[serde(with = "super::dates::iso_date")]
    pub started_on: NaiveDate,
    pub answer: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
    }

    fn answer(side: Side, go_on: bool) -> Confirmation {
        Confirmation {
            side,
            go_on,
            reason: None,
            answered_on: day(1),
            recorded_by: "X".into(),
        }
    }

    #[test]
    fn a_no_needs_a_reason_and_a_yes_does_not() {
        let no = ConfirmationInput {
            go_on: "no".into(),
            reason: " ".into(),
        };
        assert_eq!(
            no.validate().unwrap_err().problem(Field::Reason),
            Some(Problem::Required)
        );
        let yes = ConfirmationInput {
            go_on: "yes".into(),
            reason: String::new(),
        };
        assert_eq!(
            yes.validate().unwrap(),
            ConfirmationAnswer {
                go_on: true,
                reason: None
            }
        );
    }

    #[test]
    fn an_answer_that_is_neither_yes_nor_no_is_refused() {
        let errors = ConfirmationInput::default().validate().unwrap_err();
        assert_eq!(errors.problem(Field::GoOn), Some(Problem::Required));
        let odd = ConfirmationInput {
            go_on: "maybe".into(),
            reason: String::new(),
        };
        assert_eq!(
            odd.validate().unwrap_err().problem(Field::GoOn),
            Some(Problem::UnknownChoice)
        );
    }

    #[test]
    fn a_pair_can_be_confirmed_only_when_both_sides_said_yes() {
        assert!(!both_go_on(&[]));
        assert!(!both_go_on(&[answer(Side::Mentor, true)]));
        assert!(!both_go_on(&[
            answer(Side::Mentor, true),
            answer(Side::Mentee, false)
        ]));
        assert!(both_go_on(&[
            answer(Side::Mentee, true),
            answer(Side::Mentor, true)
        ]));
    }

    #[test]
    fn a_closure_reports_every_problem_at_once() {
        let input = ClosureInput {
            outcome: "dropped_out".into(),
            drop_reason: String::new(),
            details: String::new(),
            ended_on: "2026-10-20".into(),
            continues: String::new(),
        };
        let errors = input.validate(day(1), day(10)).unwrap_err();
        assert_eq!(errors.problem(Field::DropReason), Some(Problem::Required));
        assert_eq!(errors.problem(Field::EndedOn), Some(Problem::DateInFuture));
    }

    #[test]
    fn a_drop_out_for_another_reason_needs_the_words() {
        let input = ClosureInput {
            outcome: "dropped_out".into(),
            drop_reason: "other".into(),
            details: String::new(),
            ended_on: "2026-10-05".into(),
            continues: "yes".into(),
        };
        let errors = input.validate(day(1), day(10)).unwrap_err();
        assert_eq!(errors.problem(Field::Reason), Some(Problem::Required));
        let with_words = ClosureInput {
            details: "The family went abroad for the winter.".into(),
            ..input
        };
        let closure = with_words.validate(day(1), day(10)).unwrap();
        assert_eq!(closure.drop_reason, Some(DropReason::Other));
        assert!(closure.continues);
    }

    #[test]
    fn a_completed_pair_ends_on_a_date_between_its_start_and_today() {
        let input = ClosureInput {
            outcome: "completed".into(),
            ended_on: "2026-09-30".into(),
            ..ClosureInput::default()
        };
        assert_eq!(
            input
                .validate(day(1), day(10))
                .unwrap_err()
                .problem(Field::EndedOn),
            Some(Problem::DateBeforePairStart)
        );
        let fine = ClosureInput {
            ended_on: "2026-10-10".into(),
            ..input
        };
        let closure = fine.validate(day(1), day(10)).unwrap();
        assert_eq!(closure.outcome, EndKind::Completed);
        assert_eq!(closure.drop_reason, None);
    }

    #[test]
    fn not_confirmed_is_not_an_outcome_a_manager_chooses_for_a_running_pair() {
        let input = ClosureInput {
            outcome: "not_confirmed".into(),
            ended_on: "2026-10-05".into(),
            ..ClosureInput::default()
        };
        assert_eq!(
            input
                .validate(day(1), day(10))
                .unwrap_err()
                .problem(Field::Outcome),
            Some(Problem::UnknownChoice)
        );
    }
}
