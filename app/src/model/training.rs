//! Mentor training: sessions (date, face-to-face or online, topic), who
//! attended, and the self-assessment each mentor fills before and after the
//! training, on a 1-5 scale over items the coordinator can edit.

use super::ids::{CandidateId, SelfAssessmentItemId, TrainingId};
use super::programme::choice;
use super::role::text_key_enum;
use super::validation::{number_in, short_text, Field, FieldErrors, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

text_key_enum!(
    TrainingFormat {
        FaceToFace = "face_to_face",
        Online = "online",
    }
);

text_key_enum!(
    /// When a self-assessment is filled.
    Moment {
        Before = "before",
        After = "after",
    }
);

/// The lowest and highest score of a self-assessment item.
pub const MIN_SCORE: u32 = 1;
pub const MAX_SCORE: u32 = 5;

/// The self-assessment items every programme starts with, from the
/// mentor's role in the model (seed 002): the coordinator may edit them.
pub const DEFAULT_SELF_ASSESSMENT: [(&str, &str); 5] = [
    (
        "I listen to a parent without judging.",
        "Ascult un părinte fără să-l judec.",
    ),
    (
        "I keep what a parent tells me confidential.",
        "Păstrez confidențial ce îmi spune un părinte.",
    ),
    (
        "I know how the school works and whom to ask there.",
        "Știu cum funcționează școala și pe cine să întreb acolo.",
    ),
    (
        "I support the mentee in reaching their own goals, not mine.",
        "Îl sprijin pe mentorat să-și atingă propriile obiective, nu pe ale mele.",
    ),
    (
        "I ask my mentor manager for help when I need it.",
        "Cer ajutorul managerului de mentori atunci când am nevoie.",
    ),
];

/// A training session as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainingInput {
    pub held_on: String,
    pub format: String,
    pub topic: String,
    #[serde(flatten)]
    pub schedule: super::schedule::ScheduleInput,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSession {
    #[serde(with = "super::dates::iso_date")]
    pub held_on: NaiveDate,
    pub format: TrainingFormat,
    pub topic: String,
    #[serde(default)]
    pub schedule: super::schedule::Schedule,
}

impl TrainingInput {
    pub fn validate(&self) -> Result<TrainingSession, FieldErrors> {
        let mut errors = FieldErrors::default();
        let held_on = match super::dates::parse_iso_date(&self.held_on) {
            Some(date) => Some(date),
            None if self.held_on.trim().is_empty() => {
                errors.push(Field::HeldOn, Problem::Required);
                None
            }
            None => {
                errors.push(Field::HeldOn, Problem::NotADate);
                None
            }
        };
        let format = choice::<TrainingFormat>(&mut errors, Field::TrainingFormat, &self.format);
        let topic = short_text(&mut errors, Field::Topic, &self.topic, true);
        let schedule = self.schedule.check(&mut errors);
        match (held_on, format) {
            (Some(held_on), Some(format)) if errors.is_empty() => Ok(TrainingSession {
                held_on,
                format,
                topic,
                schedule,
            }),
            _ => Err(errors),
        }
    }
}

/// A training with who attended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingView {
    pub id: TrainingId,
    pub session: TrainingSession,
    pub attended: Vec<CandidateId>,
}

/// One item of the self-assessment questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessmentItem {
    pub id: SelfAssessmentItemId,
    pub position: u32,
    pub text: String,
}

/// A mentor's answers, as typed: `(item, score)` pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfAssessmentInput {
    pub moment: String,
    pub scores: Vec<(SelfAssessmentItemId, String)>,
}

impl SelfAssessmentInput {
    /// Every item of the questionnaire answered once, 1 to 5.
    pub fn validate(
        &self,
        items: &[SelfAssessmentItem],
    ) -> Result<(Moment, Vec<(SelfAssessmentItemId, u32)>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let moment = choice::<Moment>(&mut errors, Field::Item, &self.moment);
        let mut scores = Vec::new();
        for item in items {
            let typed = self
                .scores
                .iter()
                .find(|(id, _)| *id == item.id)
                .map(|(_, s)| s.as_str())
                .unwrap_or("");
            if let Some(score) = number_in(&mut errors, Field::Score, typed, MIN_SCORE..=MAX_SCORE)
            {
                scores.push((item.id, score));
            }
        }
        if self
            .scores
            .iter()
            .any(|(id, _)| !items.iter().any(|i| i.id == *id))
        {
            errors.push(Field::Item, Problem::UnknownChoice);
        }
        match moment {
            Some(moment) if errors.is_empty() => Ok((moment, scores)),
            _ => Err(errors),
        }
    }
}

/// A mentor's scores before and after the training, item by item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessmentRow {
    pub candidate: CandidateId,
    pub name: String,
    /// Per item of the questionnaire, in order: before, after.
    pub scores: Vec<(Option<u32>, Option<u32>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<SelfAssessmentItem> {
        (1..=2)
            .map(|n| SelfAssessmentItem {
                id: SelfAssessmentItemId::new(),
                position: n,
                text: format!("Item {n}"),
            })
            .collect()
    }

    #[test]
    fn a_training_needs_a_date_a_format_and_a_topic() {
        let errors = TrainingInput::default().validate().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![Field::HeldOn, Field::TrainingFormat, Field::Topic]
        );
        let ok = TrainingInput {
            held_on: "2027-02-01".into(),
            format: "online".into(),
            topic: "Listening and confidentiality".into(),
            ..TrainingInput::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.format, TrainingFormat::Online);
    }

    #[test]
    fn every_item_is_scored_once_from_one_to_five() {
        let items = items();
        let answers = SelfAssessmentInput {
            moment: "before".into(),
            scores: vec![(items[0].id, "4".into()), (items[1].id, "6".into())],
        };
        assert_eq!(
            answers.validate(&items).unwrap_err().problem(Field::Score),
            Some(Problem::OutOfRange)
        );
        let missing = SelfAssessmentInput {
            moment: "after".into(),
            scores: vec![(items[0].id, "4".into())],
        };
        assert_eq!(
            missing.validate(&items).unwrap_err().problem(Field::Score),
            Some(Problem::Required)
        );
        let ok = SelfAssessmentInput {
            moment: "after".into(),
            scores: vec![(items[1].id, "5".into()), (items[0].id, "3".into())],
        }
        .validate(&items)
        .unwrap();
        assert_eq!(
            ok,
            (Moment::After, vec![(items[0].id, 3), (items[1].id, 5)])
        );
    }
}
