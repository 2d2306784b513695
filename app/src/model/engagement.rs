//! The school engagement plan: the 15 "Parents as Partners" measures (seed
//! 003) as a checklist the school adapts, each planned, in place or not
//! chosen (with the reason), with an owner and a date.

use super::programme::choice;
use super::role::text_key_enum;
use super::validation::{short_text, text_field, Field, FieldErrors, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How many measures the catalogue has (their texts are translated).
pub const MEASURES: u8 = 15;

text_key_enum!(
    /// Where one measure stands in the school.
    MeasureState {
        Planned = "planned",
        InPlace = "in_place",
        NotChosen = "not_chosen",
    }
);

/// One measure's line of the plan, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureInput {
    /// 1 to 15.
    pub measure: u8,
    /// A [`MeasureState`] key.
    pub state: String,
    pub reason: String,
    pub owner: String,
    /// `yyyy-mm-dd`, or empty.
    pub due_on: String,
}

/// One measure's line that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasurePlan {
    pub measure: u8,
    pub state: MeasureState,
    /// Why the school did not choose it (or how it adapted it).
    pub reason: String,
    pub owner: String,
    #[serde(with = "super::dates::iso_date::option")]
    pub due_on: Option<NaiveDate>,
}

impl MeasureInput {
    /// A measure not chosen needs its reason (the seed asks schools to
    /// argue their choices); every problem at once.
    pub fn validate(&self) -> Result<MeasurePlan, FieldErrors> {
        let mut errors = FieldErrors::default();
        if !(1..=MEASURES).contains(&self.measure) {
            errors.push(Field::Item, Problem::UnknownChoice);
        }
        let state = choice::<MeasureState>(&mut errors, Field::MeasureState, &self.state);
        let reason = text_field(
            &mut errors,
            Field::Reason,
            &self.reason,
            state == Some(MeasureState::NotChosen),
        );
        let owner = short_text(&mut errors, Field::Owner, &self.owner, false);
        let due_on = if self.due_on.trim().is_empty() {
            None
        } else {
            let date = super::dates::parse_iso_date(&self.due_on);
            if date.is_none() {
                errors.push(Field::DueOn, Problem::NotADate);
            }
            date
        };
        match state {
            Some(state) if errors.is_empty() => Ok(MeasurePlan {
                measure: self.measure,
                state,
                reason,
                owner,
                due_on,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measure_not_chosen_needs_a_reason() {
        let input = MeasureInput {
            measure: 9,
            state: "not_chosen".into(),
            ..MeasureInput::default()
        };
        assert_eq!(
            input.validate().unwrap_err().problem(Field::Reason),
            Some(Problem::Required)
        );
        let argued = MeasureInput {
            reason: "The school has no free room.".into(),
            ..input
        };
        assert_eq!(argued.validate().unwrap().state, MeasureState::NotChosen);
    }

    #[test]
    fn a_planned_measure_may_have_an_owner_and_a_date() {
        let plan = MeasureInput {
            measure: 2,
            state: "planned".into(),
            owner: "Head of studies".into(),
            due_on: "2027-09-15".into(),
            ..MeasureInput::default()
        }
        .validate()
        .unwrap();
        assert_eq!(plan.due_on, NaiveDate::from_ymd_opt(2027, 9, 15));
    }

    #[test]
    fn an_unknown_measure_or_a_bad_date_is_refused() {
        let errors = MeasureInput {
            measure: 16,
            state: "planned".into(),
            due_on: "soon".into(),
            ..MeasureInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.problem(Field::Item), Some(Problem::UnknownChoice));
        assert_eq!(errors.problem(Field::DueOn), Some(Problem::NotADate));
    }
}
