//! Tools 3 and 4: the mid-term and the final report, each filled by the
//! mentor and by the mentee of a pair. The questions, their answer scales and
//! which report asks which are written once, here; the rules run on the
//! phone (offline) and again on the server.

use super::ids::{PairId, ReportId};
use super::role::{text_key_enum, TextKey};
use super::sync::{hash_json, Kind, Reasons, Record};
use super::validation::ValidationContext;
use super::validation::{number_field, text_field, Field, FieldErrors, Problem};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

text_key_enum!(
    /// Tool 3 (mid-term) or Tool 4 (final).
    ReportKind {
        Midterm = "midterm",
        Final = "final",
    }
);

text_key_enum!(
    /// "I am a: mentee / mentor".
    Respondent {
        Mentor = "mentor",
        Mentee = "mentee",
    }
);

text_key_enum!(
    /// Every question of both reports, and the parts of a report an error
    /// can name (`report` is the report as a whole). The keys are those of
    /// `domain/forms.md`.
    Question {
        Report = "report",
        Pair = "pair",
        Kind = "kind",
        Respondent = "respondent",
        Date = "date",
        TimeMet = "time_met",
        Change = "change",
        MentorInfluence = "mentor_influence",
        SRelationship = "s_relationship",
        SWellbeing = "s_wellbeing",
        SMotivates = "s_motivates",
        SConfidence = "s_confidence",
        SDialogue = "s_dialogue",
        SVoice = "s_voice",
        SAchievement = "s_achievement",
        Comment = "comment",
        WouldChange = "would_change",
        AdviceNewPairs = "advice_new_pairs",
        CConfidence = "c_confidence",
        CFriends = "c_friends",
        CExtracurricular = "c_extracurricular",
        CViewSchool = "c_view_school",
        CBehaviour = "c_behaviour",
        CAttendance = "c_attendance",
        CAcademic = "c_academic",
        PParentalSkills = "p_parental_skills",
        PRelationshipChild = "p_relationship_child",
        PRepresentChild = "p_represent_child",
        PCommunicationSchool = "p_communication_school",
        PCollaborate = "p_collaborate",
        PParticipation = "p_participation",
        PSchoolSafe = "p_school_safe",
        PInvolved = "p_involved",
        PMeetParents = "p_meet_parents",
        PNewSkills = "p_new_skills",
        MUnderstanding = "m_understanding",
        MHelpFamilies = "m_help_families",
        MHelpMentors = "m_help_mentors",
        MSelfKnowledge = "m_self_knowledge",
        MConfidence = "m_confidence",
        MNewSkills = "m_new_skills",
        MSupported = "m_supported",
    }
);

text_key_enum!(
    /// An answer picked from a scale: Disagree / Agree / Could be improved
    /// for the statements, YES / NO for the others.
    Choice {
        Disagree = "disagree",
        Agree = "agree",
        CouldBeImproved = "could_be_improved",
        Yes = "yes",
        No = "no",
    }
);

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Disagree / Agree / Could be improved, and "in what way" unless Agree.
    Agreement,
    /// YES / NO, with a text.
    YesNo,
    /// A text only.
    Text,
}

/// When a question's text must be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRule {
    Optional,
    Required,
    /// "If you choose Disagree or Could be improved, please tell us in what way."
    UnlessAgree,
    /// "If YES, please write what we can do better next time."
    IfYes,
}

/// One question as a report asks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub question: Question,
    pub scale: Scale,
    pub text: TextRule,
}

impl Scale {
    /// The choices a question of this scale offers, in the tool's order.
    pub fn choices(self) -> &'static [Choice] {
        match self {
            Scale::Agreement => &[Choice::Disagree, Choice::Agree, Choice::CouldBeImproved],
            Scale::YesNo => &[Choice::Yes, Choice::No],
            Scale::Text => &[],
        }
    }
}

/// The seven statements of both reports, answered by both.
pub const PROCESS_STATEMENTS: [Question; 7] = [
    Question::SRelationship,
    Question::SWellbeing,
    Question::SMotivates,
    Question::SConfidence,
    Question::SDialogue,
    Question::SVoice,
    Question::SAchievement,
];

/// The final report's statements about the child (answered by the mentee).
pub const CHILD_STATEMENTS: [Question; 7] = [
    Question::CConfidence,
    Question::CFriends,
    Question::CExtracurricular,
    Question::CViewSchool,
    Question::CBehaviour,
    Question::CAttendance,
    Question::CAcademic,
];

/// The final report's statements about the parent (answered by the mentee).
pub const PARENT_STATEMENTS: [Question; 10] = [
    Question::PParentalSkills,
    Question::PRelationshipChild,
    Question::PRepresentChild,
    Question::PCommunicationSchool,
    Question::PCollaborate,
    Question::PParticipation,
    Question::PSchoolSafe,
    Question::PInvolved,
    Question::PMeetParents,
    Question::PNewSkills,
];

/// The final report's statements about the mentor (answered by the mentor).
pub const MENTOR_STATEMENTS: [Question; 7] = [
    Question::MUnderstanding,
    Question::MHelpFamilies,
    Question::MHelpMentors,
    Question::MSelfKnowledge,
    Question::MConfidence,
    Question::MNewSkills,
    Question::MSupported,
];

/// The answered questions of one report, in the order the tool asks them
/// (the date and the time met come first and are not among them).
pub fn items(kind: ReportKind, respondent: Respondent) -> Vec<Item> {
    let item = |question, scale, text| Item {
        question,
        scale,
        text,
    };
    let mut items = vec![
        // "If yes, please tell what it is" / "If no, please write the reasons".
        item(Question::Change, Scale::YesNo, TextRule::Required),
        item(Question::MentorInfluence, Scale::Text, TextRule::Required),
    ];
    items.extend(
        PROCESS_STATEMENTS
            .iter()
            .map(|q| item(*q, Scale::Agreement, TextRule::UnlessAgree)),
    );
    match kind {
        ReportKind::Midterm => items.push(item(Question::Comment, Scale::Text, TextRule::Optional)),
        ReportKind::Final => {
            items.push(item(Question::WouldChange, Scale::YesNo, TextRule::IfYes));
            items.push(item(
                Question::AdviceNewPairs,
                Scale::Text,
                TextRule::Optional,
            ));
            let outcomes: Vec<Question> = match respondent {
                Respondent::Mentee => CHILD_STATEMENTS
                    .iter()
                    .chain(&PARENT_STATEMENTS)
                    .copied()
                    .collect(),
                Respondent::Mentor => MENTOR_STATEMENTS.to_vec(),
            };
            // "Please write in what way": welcome, never required (many
            // mentees answer with the buttons only).
            items.extend(
                outcomes
                    .iter()
                    .map(|q| item(*q, Scale::YesNo, TextRule::Optional)),
            );
        }
    }
    items
}

/// When a report is due: the mid-term at half the pair's planned duration,
/// the final at its planned end.
pub fn due_on(kind: ReportKind, started_on: NaiveDate, planned_end_on: NaiveDate) -> NaiveDate {
    match kind {
        ReportKind::Midterm => {
            started_on + Duration::days((planned_end_on - started_on).num_days().max(0) / 2)
        }
        ReportKind::Final => planned_end_on,
    }
}

/// Each pair's four reports with their due dates; pairs without a planned
/// end (older pairs) have nothing due.
pub fn due_list(
    pairs: &[super::PairSummary],
    answered: &[(PairId, ReportKind, Respondent, chrono::NaiveDate)],
) -> Vec<ReportDue> {
    let mut due = Vec::new();
    for pair in pairs {
        let Some(planned_end_on) = pair.planned_end_on else {
            continue;
        };
        for kind in [ReportKind::Midterm, ReportKind::Final] {
            for respondent in [Respondent::Mentor, Respondent::Mentee] {
                let answered_on = answered
                    .iter()
                    .find(|(p, k, r, _)| *p == pair.id && *k == kind && *r == respondent)
                    .map(|(_, _, _, on)| *on);
                due.push(ReportDue {
                    pair_id: pair.id,
                    mentee_name: pair.mentee_name.clone(),
                    kind,
                    respondent,
                    due_on: due_on(kind, pair.started_on, planned_end_on),
                    answered_on,
                });
            }
        }
    }
    due.sort_by_key(|d| (d.answered_on.is_some(), d.due_on));
    due
}

/// The most months and weeks "for how long have you met" may say.
pub const MAX_MONTHS_MET: u32 = 60;
pub const MAX_WEEKS_MET: u32 = 52;

/// One answer as typed or tapped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerInput {
    /// A [`Choice`] key, empty for a text-only question.
    pub choice: String,
    pub text: String,
}

/// A report exactly as filled in: drafts, the outbox and the sync payload
/// carry this, so nothing typed is lost before it is valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportInput {
    pub pair_id: String,
    /// A [`ReportKind`] key.
    pub kind: String,
    /// A [`Respondent`] key.
    pub respondent: String,
    /// `yyyy-mm-dd`.
    pub date: String,
    pub months: String,
    pub weeks: String,
    /// By question key.
    pub answers: BTreeMap<String, AnswerInput>,
    /// Answered on paper and typed in by a manager of the programme (the
    /// date is the paper's).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_paper: bool,
}

/// One refused answer: which question, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportError {
    pub question: Question,
    pub problem: Problem,
}

/// Every refused answer of one report, in the order of the questions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReportErrors(Vec<ReportError>);

impl ReportErrors {
    pub fn one(question: Question, problem: Problem) -> Self {
        Self(vec![ReportError { question, problem }])
    }
    pub fn push(&mut self, question: Question, problem: Problem) {
        self.0.push(ReportError { question, problem });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &ReportError> {
        self.0.iter()
    }
    /// The first problem of one question, to show next to it.
    pub fn problem(&self, question: Question) -> Option<Problem> {
        self.0
            .iter()
            .find(|e| e.question == question)
            .map(|e| e.problem)
    }
}

impl std::fmt::Display for ReportErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.question, e.problem))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// A checked answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<Choice>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// A report that passed every rule. Its fields can only be set by
/// [`ReportInput::validate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pair_id: PairId,
    kind: ReportKind,
    respondent: Respondent,
    date: NaiveDate,
    months: u32,
    weeks: u32,
    answers: BTreeMap<Question, Answer>,
    /// Left out of the content hash when false, so every report made
    /// before paper answers existed keeps its hash.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    on_paper: bool,
}

impl Report {
    /// Typed in by a manager from a paper answer.
    pub fn on_paper(&self) -> bool {
        self.on_paper
    }
    pub fn pair_id(&self) -> PairId {
        self.pair_id
    }
    pub fn kind(&self) -> ReportKind {
        self.kind
    }
    pub fn respondent(&self) -> Respondent {
        self.respondent
    }
    pub fn date(&self) -> NaiveDate {
        self.date
    }
    pub fn months(&self) -> u32 {
        self.months
    }
    pub fn weeks(&self) -> u32 {
        self.weeks
    }
    pub fn answers(&self) -> &BTreeMap<Question, Answer> {
        &self.answers
    }
}

impl Record for Report {
    const KIND: Kind = Kind::Report;
    type Input = ReportInput;

    fn pair_of(input: &ReportInput) -> &str {
        input.pair_id.trim()
    }

    fn check(input: &ReportInput, ctx: &ValidationContext) -> Result<Self, Reasons> {
        input.validate(ctx).map_err(Reasons::from)
    }

    /// Two sends of one report carry the same hash, a changed one does not.
    fn content_hash(&self) -> String {
        hash_json(Self::KIND, self)
    }

    /// The mentee's answers leave the mentor's phone once the server has
    /// them: the phone keeps which report it was, and its date.
    fn once_sent(input: &ReportInput) -> Option<ReportInput> {
        if input.respondent.trim() != Respondent::Mentee.key() {
            return Some(input.clone());
        }
        Some(ReportInput {
            pair_id: input.pair_id.clone(),
            kind: input.kind.clone(),
            respondent: input.respondent.clone(),
            date: input.date.clone(),
            ..ReportInput::default()
        })
    }
}

impl From<ReportErrors> for Reasons {
    fn from(errors: ReportErrors) -> Reasons {
        let mut reasons = Reasons::default();
        for error in errors.iter() {
            let at = match error.question {
                Question::Report => "",
                question => question.key(),
            };
            reasons.push(at, error.problem);
        }
        reasons
    }
}

impl From<&Reasons> for ReportErrors {
    /// The reasons a refused report came back with, by question (those of
    /// the report as a whole on the report).
    fn from(reasons: &Reasons) -> ReportErrors {
        let mut errors = ReportErrors::default();
        for reason in reasons.iter() {
            let question = Question::from_key(&reason.at).unwrap_or(Question::Report);
            errors.push(question, reason.problem);
        }
        errors
    }
}

/// Checks a free text with the rules of every form's texts; the problem, if
/// any, and the text as it would be stored.
fn check_text(value: &str, required: bool) -> (String, Option<Problem>) {
    let mut errors = FieldErrors::default();
    let text = text_field(&mut errors, Field::Description, value, required);
    let problem = errors.iter().next().map(|e| e.problem);
    (text, problem)
}

/// A key of a closed set, required.
fn pick<T: TextKey>(errors: &mut ReportErrors, question: Question, text: &str) -> Option<T> {
    match text.trim() {
        "" => {
            errors.push(question, Problem::Required);
            None
        }
        key => {
            let found = T::from_key(key);
            if found.is_none() {
                errors.push(question, Problem::UnknownChoice);
            }
            found
        }
    }
}

impl ReportInput {
    /// Applies every rule of the report. Returns the valid report, or every
    /// problem found, each tied to its question. The pair's dates come from
    /// `ctx` (`None`: the pair is not one the author may answer for). A
    /// report may be dated after the pair ended (a final report often is).
    pub fn validate(&self, ctx: &ValidationContext) -> Result<Report, ReportErrors> {
        let mut errors = ReportErrors::default();
        let pair_id = match PairId::parse(self.pair_id.trim()) {
            Ok(_) if ctx.pair.is_none() => {
                errors.push(Question::Pair, Problem::NotYourPair);
                None
            }
            Ok(id) => Some(id),
            Err(_) if self.pair_id.trim().is_empty() => {
                errors.push(Question::Pair, Problem::Required);
                None
            }
            Err(_) => {
                errors.push(Question::Pair, Problem::UnknownPair);
                None
            }
        };
        let kind: Option<ReportKind> = pick(&mut errors, Question::Kind, &self.kind);
        let respondent: Option<Respondent> =
            pick(&mut errors, Question::Respondent, &self.respondent);

        let date = match self.date.trim() {
            "" => {
                errors.push(Question::Date, Problem::Required);
                None
            }
            text => match super::dates::parse_iso_date(text) {
                None => {
                    errors.push(Question::Date, Problem::NotADate);
                    None
                }
                Some(date) if date > ctx.latest_date => {
                    errors.push(Question::Date, Problem::DateInFuture);
                    None
                }
                Some(date) if ctx.pair.is_some_and(|p| date < p.started_on) => {
                    errors.push(Question::Date, Problem::DateBeforePairStart);
                    None
                }
                Some(date) => Some(date),
            },
        };

        let time_met = if self.months.trim().is_empty() && self.weeks.trim().is_empty() {
            errors.push(Question::TimeMet, Problem::Required);
            None
        } else {
            match (number_field(&self.months), number_field(&self.weeks)) {
                (Err(problem), _) | (_, Err(problem)) => {
                    errors.push(Question::TimeMet, problem);
                    None
                }
                (Ok(months), Ok(weeks))
                    if months > MAX_MONTHS_MET || weeks > MAX_WEEKS_MET || months + weeks == 0 =>
                {
                    errors.push(Question::TimeMet, Problem::OutOfRange);
                    None
                }
                (Ok(months), Ok(weeks)) => Some((months, weeks)),
            }
        };

        // Answers to questions this report does not ask are refused, not
        // dropped: nothing typed disappears without a word.
        let asked = match (kind, respondent) {
            (Some(kind), Some(respondent)) => items(kind, respondent),
            _ => Vec::new(),
        };
        for key in self.answers.keys() {
            match Question::from_key(key) {
                Some(q) if asked.iter().any(|i| i.question == q) => {}
                Some(q) if kind.is_some() && respondent.is_some() => {
                    errors.push(q, Problem::UnknownChoice)
                }
                Some(_) => {}
                None => errors.push(Question::Report, Problem::UnknownChoice),
            }
        }

        let empty = AnswerInput::default();
        let mut answers = BTreeMap::new();
        for item in &asked {
            let input = self.answers.get(item.question.key()).unwrap_or(&empty);
            let choice = match item.scale {
                Scale::Text => {
                    if !input.choice.trim().is_empty() {
                        errors.push(item.question, Problem::UnknownChoice);
                    }
                    None
                }
                Scale::Agreement | Scale::YesNo => {
                    let allowed = item.scale.choices();
                    match Choice::from_key(input.choice.trim()) {
                        _ if input.choice.trim().is_empty() => {
                            errors.push(item.question, Problem::Required);
                            None
                        }
                        Some(choice) if allowed.contains(&choice) => Some(choice),
                        _ => {
                            errors.push(item.question, Problem::UnknownChoice);
                            None
                        }
                    }
                }
            };
            let required = match item.text {
                TextRule::Optional => false,
                TextRule::Required => true,
                TextRule::UnlessAgree => choice.is_some_and(|c| c != Choice::Agree),
                TextRule::IfYes => choice == Some(Choice::Yes),
            };
            let (text, problem) = check_text(&input.text, required);
            // A missing choice was named already; its text waits for it.
            if let Some(problem) = problem {
                if choice.is_some() || item.scale == Scale::Text || problem != Problem::Required {
                    errors.push(item.question, problem);
                }
            }
            answers.insert(item.question, Answer { choice, text });
        }

        match (pair_id, kind, respondent, date, time_met) {
            (Some(pair_id), Some(kind), Some(respondent), Some(date), Some((months, weeks)))
                if errors.is_empty() =>
            {
                Ok(Report {
                    pair_id,
                    kind,
                    respondent,
                    date,
                    months,
                    weeks,
                    answers,
                    on_paper: self.on_paper,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Checked answers back in the form's shape.
fn answers_input(answers: &BTreeMap<Question, Answer>) -> BTreeMap<String, AnswerInput> {
    answers
        .iter()
        .map(|(q, a)| {
            let input = AnswerInput {
                choice: a.choice.map(|c| c.key().to_string()).unwrap_or_default(),
                text: a.text.clone(),
            };
            (q.key().to_string(), input)
        })
        .collect()
}

impl From<&Report> for ReportInput {
    fn from(report: &Report) -> Self {
        Self {
            pair_id: report.pair_id.to_string(),
            kind: report.kind.key().to_string(),
            respondent: report.respondent.key().to_string(),
            date: super::dates::format_iso_date(report.date),
            months: report.months.to_string(),
            weeks: report.weeks.to_string(),
            answers: answers_input(&report.answers),
            on_paper: report.on_paper,
        }
    }
}

/// A stored report as its readers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: ReportId,
    pub pair_id: PairId,
    pub kind: ReportKind,
    pub respondent: Respondent,
    #[serde(with = "crate::model::dates::iso_date")]
    pub date: NaiveDate,
    pub months: u32,
    pub weeks: u32,
    pub answers: BTreeMap<Question, Answer>,
    /// 1 as first sent, one more for each correction.
    #[serde(default = "super::first_revision")]
    pub revision: u32,
    /// Answered on paper: the manager who typed it in.
    #[serde(default)]
    pub on_paper_by: Option<String>,
}

impl ReportView {
    /// The form of this report as stored, to correct it.
    pub fn input(&self) -> ReportInput {
        ReportInput {
            pair_id: self.pair_id.to_string(),
            kind: self.kind.key().to_string(),
            respondent: self.respondent.key().to_string(),
            date: super::dates::format_iso_date(self.date),
            months: self.months.to_string(),
            weeks: self.weeks.to_string(),
            answers: answers_input(&self.answers),
            // A correction is its answerer's own, not a paper answer.
            on_paper: false,
        }
    }
}

/// An earlier version of a corrected report, for its manager.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRevisionView {
    pub author_name: String,
    #[serde(with = "crate::model::dates::moment")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The report as this version said it (its `revision` says which).
    pub report: ReportView,
}

/// Where one report of a pair stands, for someone who may know *that* it was
/// answered but not always *what* (the mentor, of the mentee's report).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDue {
    pub pair_id: PairId,
    pub mentee_name: String,
    pub kind: ReportKind,
    pub respondent: Respondent,
    #[serde(with = "crate::model::dates::iso_date")]
    pub due_on: NaiveDate,
    #[serde(with = "crate::model::dates::iso_date::option")]
    pub answered_on: Option<NaiveDate>,
}

/// The mirror view of a pair: the mentor's and the mentee's answers to the
/// same questions side by side, mid-term beside final.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mirror {
    pub pair_id: PairId,
    pub mentor_name: String,
    pub mentee_name: String,
    /// The pair's dates, for a paper answer typed in (its date falls
    /// between).
    #[serde(with = "crate::model::dates::iso_date")]
    pub started_on: NaiveDate,
    #[serde(default, with = "crate::model::dates::iso_date::option")]
    pub ended_on: Option<NaiveDate>,
    pub reports: Vec<ReportView>,
    /// The earlier versions of the reports that were corrected, oldest
    /// first.
    #[serde(default)]
    pub earlier: Vec<ReportRevisionView>,
}

/// One row of the mirror: a question and each side's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MirrorRow<'a> {
    pub question: Question,
    pub mentor: Option<&'a Answer>,
    pub mentee: Option<&'a Answer>,
    /// Both answered with a choice, and the choices differ.
    pub differs: bool,
}

impl Mirror {
    pub fn report(&self, kind: ReportKind, respondent: Respondent) -> Option<&ReportView> {
        self.reports
            .iter()
            .find(|r| r.kind == kind && r.respondent == respondent)
    }

    /// The questions both sides were asked in one kind of report, each with
    /// both answers; the statements only one side answers (child, parent,
    /// mentor) follow with one side empty.
    pub fn rows(&self, kind: ReportKind) -> Vec<MirrorRow<'_>> {
        let mentor = self.report(kind, Respondent::Mentor);
        let mentee = self.report(kind, Respondent::Mentee);
        let mut questions: Vec<Question> = items(kind, Respondent::Mentor)
            .into_iter()
            .map(|i| i.question)
            .collect();
        for item in items(kind, Respondent::Mentee) {
            if !questions.contains(&item.question) {
                questions.push(item.question);
            }
        }
        questions
            .into_iter()
            .map(|question| {
                let mentor = mentor.and_then(|r| r.answers.get(&question));
                let mentee = mentee.and_then(|r| r.answers.get(&question));
                let differs = match (mentor.and_then(|a| a.choice), mentee.and_then(|a| a.choice)) {
                    (Some(a), Some(b)) => a != b,
                    _ => false,
                };
                MirrorRow {
                    question,
                    mentor,
                    mentee,
                    differs,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PairDates;

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

    /// A complete report: every choice the first allowed one that needs no
    /// text, every required text given.
    pub(crate) fn complete(kind: ReportKind, respondent: Respondent) -> ReportInput {
        let answers = items(kind, respondent)
            .into_iter()
            .map(|item| {
                let (choice, text) = match item.scale {
                    Scale::Agreement => ("agree", ""),
                    Scale::YesNo => ("no", "Not yet, we only started."),
                    Scale::Text => ("", "She showed me how the school's app works."),
                };
                let answer = AnswerInput {
                    choice: choice.into(),
                    text: text.into(),
                };
                (item.question.key().to_string(), answer)
            })
            .collect();
        ReportInput {
            pair_id: PairId::new().to_string(),
            kind: kind.key().into(),
            respondent: respondent.key().into(),
            date: "2026-11-20".into(),
            months: "2".into(),
            weeks: "3".into(),
            answers,
            on_paper: false,
        }
    }

    fn problems(input: &ReportInput) -> Vec<(Question, Problem)> {
        input
            .validate(&ctx())
            .unwrap_err()
            .iter()
            .map(|e| (e.question, e.problem))
            .collect()
    }

    fn answer(input: &mut ReportInput, question: Question, choice: &str, text: &str) {
        input.answers.insert(
            question.key().into(),
            AnswerInput {
                choice: choice.into(),
                text: text.into(),
            },
        );
    }

    #[test]
    fn every_kind_of_report_by_either_side_can_be_complete() {
        for kind in [ReportKind::Midterm, ReportKind::Final] {
            for respondent in [Respondent::Mentor, Respondent::Mentee] {
                let report = complete(kind, respondent).validate(&ctx()).unwrap();
                assert_eq!(report.answers().len(), items(kind, respondent).len());
            }
        }
    }

    #[test]
    fn the_mid_term_asks_the_common_part_and_a_comment() {
        let asked: Vec<Question> = items(ReportKind::Midterm, Respondent::Mentee)
            .iter()
            .map(|i| i.question)
            .collect();
        assert_eq!(asked.len(), 2 + 7 + 1);
        assert_eq!(asked.last(), Some(&Question::Comment));
    }

    #[test]
    fn the_final_asks_the_mentee_about_child_and_parent_and_the_mentor_about_themselves() {
        let mentee: Vec<Question> = items(ReportKind::Final, Respondent::Mentee)
            .iter()
            .map(|i| i.question)
            .collect();
        let mentor: Vec<Question> = items(ReportKind::Final, Respondent::Mentor)
            .iter()
            .map(|i| i.question)
            .collect();
        assert_eq!(mentee.len(), 2 + 7 + 2 + 7 + 10);
        assert_eq!(mentor.len(), 2 + 7 + 2 + 7);
        assert!(mentee.contains(&Question::PNewSkills) && !mentee.contains(&Question::MSupported));
        assert!(mentor.contains(&Question::MSupported) && !mentor.contains(&Question::CFriends));
    }

    #[test]
    fn an_empty_report_names_every_missing_answer_at_once() {
        let input = ReportInput {
            kind: "midterm".into(),
            respondent: "mentee".into(),
            ..ReportInput::default()
        };
        let found = problems(&input);
        assert!(found.contains(&(Question::Pair, Problem::Required)));
        assert!(found.contains(&(Question::Date, Problem::Required)));
        assert!(found.contains(&(Question::TimeMet, Problem::Required)));
        assert!(found.contains(&(Question::Change, Problem::Required)));
        assert!(found.contains(&(Question::MentorInfluence, Problem::Required)));
        for statement in PROCESS_STATEMENTS {
            assert!(
                found.contains(&(statement, Problem::Required)),
                "{statement}"
            );
        }
        assert!(!found.iter().any(|(q, _)| *q == Question::Comment));
    }

    #[test]
    fn disagree_or_could_be_improved_needs_in_what_way_and_agree_does_not() {
        let mut input = complete(ReportKind::Midterm, Respondent::Mentor);
        answer(&mut input, Question::SVoice, "disagree", "");
        answer(&mut input, Question::SDialogue, "could_be_improved", " ");
        answer(&mut input, Question::SWellbeing, "agree", "");
        assert_eq!(
            problems(&input),
            vec![
                (Question::SDialogue, Problem::Required),
                (Question::SVoice, Problem::Required)
            ]
        );
        answer(
            &mut input,
            Question::SVoice,
            "disagree",
            "We hardly talk about school.",
        );
        answer(
            &mut input,
            Question::SDialogue,
            "could_be_improved",
            "More meetings.",
        );
        assert!(input.validate(&ctx()).is_ok());
    }

    #[test]
    fn the_change_question_needs_its_text_both_ways() {
        let mut input = complete(ReportKind::Midterm, Respondent::Mentee);
        answer(&mut input, Question::Change, "yes", "");
        assert_eq!(
            problems(&input),
            vec![(Question::Change, Problem::Required)]
        );
    }

    #[test]
    fn would_change_needs_what_only_when_yes() {
        let mut input = complete(ReportKind::Final, Respondent::Mentor);
        answer(&mut input, Question::WouldChange, "no", "");
        assert!(input.validate(&ctx()).is_ok());
        answer(&mut input, Question::WouldChange, "yes", "");
        assert_eq!(
            problems(&input),
            vec![(Question::WouldChange, Problem::Required)]
        );
    }

    #[test]
    fn a_choice_from_the_other_scale_is_refused() {
        let mut input = complete(ReportKind::Final, Respondent::Mentee);
        answer(&mut input, Question::SVoice, "yes", "");
        answer(&mut input, Question::CFriends, "agree", "");
        answer(&mut input, Question::MentorInfluence, "yes", "Much.");
        let found = problems(&input);
        assert!(found.contains(&(Question::SVoice, Problem::UnknownChoice)));
        assert!(found.contains(&(Question::CFriends, Problem::UnknownChoice)));
        assert!(found.contains(&(Question::MentorInfluence, Problem::UnknownChoice)));
    }

    #[test]
    fn an_answer_to_a_question_this_report_does_not_ask_is_refused_not_dropped() {
        let mut input = complete(ReportKind::Final, Respondent::Mentee);
        answer(&mut input, Question::MSupported, "yes", "");
        input
            .answers
            .insert("favourite_colour".into(), AnswerInput::default());
        let found = problems(&input);
        assert!(found.contains(&(Question::MSupported, Problem::UnknownChoice)));
        assert!(found.contains(&(Question::Report, Problem::UnknownChoice)));
    }

    #[test]
    fn time_met_must_be_numbers_in_range_and_not_nothing() {
        for (months, weeks, problem) in [
            ("", "", Problem::Required),
            ("two", "", Problem::NotANumber),
            ("0", "0", Problem::OutOfRange),
            ("61", "", Problem::OutOfRange),
            ("", "53", Problem::OutOfRange),
        ] {
            let input = ReportInput {
                months: months.into(),
                weeks: weeks.into(),
                ..complete(ReportKind::Midterm, Respondent::Mentor)
            };
            assert_eq!(
                problems(&input),
                vec![(Question::TimeMet, problem)],
                "{months}/{weeks}"
            );
        }
    }

    #[test]
    fn the_date_is_checked_against_today_and_the_pair_start_but_not_its_end() {
        let at = |date: &str| ReportInput {
            date: date.into(),
            ..complete(ReportKind::Final, Respondent::Mentor)
        };
        assert_eq!(
            problems(&at("2026-11-23")),
            vec![(Question::Date, Problem::DateInFuture)]
        );
        assert_eq!(
            problems(&at("2026-08-31")),
            vec![(Question::Date, Problem::DateBeforePairStart)]
        );
        assert_eq!(
            problems(&at("31/08/2026")),
            vec![(Question::Date, Problem::NotADate)]
        );
        let ended = ValidationContext {
            pair: Some(PairDates {
                started_on: day("2026-09-01"),
                ended_on: Some(day("2026-11-01")),
            }),
            ..ctx()
        };
        assert!(at("2026-11-20").validate(&ended).is_ok());
    }

    #[test]
    fn a_pair_the_author_may_not_answer_for_is_refused() {
        let input = complete(ReportKind::Midterm, Respondent::Mentor);
        let ctx = ValidationContext {
            pair: None,
            ..ctx()
        };
        let found: Vec<_> = input.validate(&ctx).unwrap_err().iter().copied().collect();
        assert_eq!(
            found,
            vec![ReportError {
                question: Question::Pair,
                problem: Problem::NotYourPair
            }]
        );
    }

    #[test]
    fn unknown_kind_and_respondent_are_refused() {
        let input = ReportInput {
            kind: "weekly".into(),
            respondent: "teacher".into(),
            ..complete(ReportKind::Midterm, Respondent::Mentor)
        };
        let found = problems(&input);
        assert!(found.contains(&(Question::Kind, Problem::UnknownChoice)));
        assert!(found.contains(&(Question::Respondent, Problem::UnknownChoice)));
    }

    #[test]
    fn texts_follow_the_rules_of_every_form() {
        let mut input = complete(ReportKind::Midterm, Respondent::Mentor);
        answer(&mut input, Question::Comment, "", "a\u{7}b");
        answer(
            &mut input,
            Question::MentorInfluence,
            "",
            &"x".repeat(crate::model::limits::MAX_TEXT_CHARS + 1),
        );
        let found = problems(&input);
        assert!(found.contains(&(Question::Comment, Problem::ControlCharacter)));
        assert!(found.contains(&(Question::MentorInfluence, Problem::TooLong)));
    }

    #[test]
    fn the_hash_follows_the_content_not_the_spacing() {
        let input = complete(ReportKind::Midterm, Respondent::Mentee);
        let mut spaced = input.clone();
        answer(
            &mut spaced,
            Question::MentorInfluence,
            "",
            "  She showed me how the school's app works.  ",
        );
        let mut changed = input.clone();
        answer(&mut changed, Question::SVoice, "disagree", "Not yet.");
        let hash = |i: &ReportInput| i.validate(&ctx()).unwrap().content_hash();
        assert_eq!(hash(&input), hash(&spaced));
        assert_ne!(hash(&input), hash(&changed));
    }

    #[test]
    fn a_valid_report_reads_back_as_the_same_input() {
        let report = complete(ReportKind::Final, Respondent::Mentee)
            .validate(&ctx())
            .unwrap();
        let again = ReportInput::from(&report).validate(&ctx()).unwrap();
        assert_eq!(report, again);
    }

    #[test]
    fn the_mid_term_is_due_half_way_and_the_final_at_the_planned_end() {
        let (start, end) = (day("2026-01-01"), day("2026-07-01"));
        assert_eq!(due_on(ReportKind::Midterm, start, end), day("2026-04-01"));
        assert_eq!(due_on(ReportKind::Final, start, end), end);
        assert_eq!(due_on(ReportKind::Midterm, end, start), end);
    }

    #[test]
    fn a_paper_answer_is_its_own_content_and_every_other_report_keeps_its_hash() {
        let input = complete(ReportKind::Midterm, Respondent::Mentee);
        let paper = ReportInput {
            on_paper: true,
            ..input.clone()
        };

        let phone = input.validate(&ctx()).unwrap();
        let typed_in = paper.validate(&ctx()).unwrap();

        // The hash is of the record as JSON: without the flag when false,
        // so reports of phones that never heard of paper hash as before.
        assert!(!serde_json::to_string(&phone).unwrap().contains("on_paper"));
        assert!(typed_in.on_paper());
        assert_ne!(phone.content_hash(), typed_in.content_hash());
        assert!(!serde_json::to_string(&input).unwrap().contains("on_paper"));
    }

    #[test]
    fn a_stored_report_reads_back_into_the_form_unchanged_for_a_correction() {
        let report = complete(ReportKind::Final, Respondent::Mentor)
            .validate(&ctx())
            .unwrap();
        let stored = ReportView {
            id: ReportId::new(),
            pair_id: report.pair_id(),
            kind: report.kind(),
            respondent: report.respondent(),
            date: report.date(),
            months: report.months(),
            weeks: report.weeks(),
            answers: report.answers().clone(),
            revision: 1,
            on_paper_by: None,
        };

        let again = stored.input().validate(&ctx()).unwrap();

        assert_eq!(again.content_hash(), report.content_hash());
    }

    #[test]
    fn the_mirror_puts_both_answers_side_by_side_and_marks_differences() {
        let view = |respondent, voice: &str| {
            let mut input = complete(ReportKind::Midterm, respondent);
            answer(&mut input, Question::SVoice, voice, "Not really.");
            let report = input.validate(&ctx()).unwrap();
            ReportView {
                id: ReportId::new(),
                pair_id: report.pair_id(),
                kind: report.kind(),
                respondent,
                date: report.date(),
                months: 2,
                weeks: 3,
                answers: report.answers().clone(),
                revision: 1,
                on_paper_by: None,
            }
        };
        let mirror = Mirror {
            started_on: ctx().pair.unwrap().started_on,
            ended_on: None,
            pair_id: PairId::new(),
            mentor_name: "Ana".into(),
            mentee_name: "Bianca".into(),
            reports: vec![
                view(Respondent::Mentor, "agree"),
                view(Respondent::Mentee, "disagree"),
            ],
            earlier: Vec::new(),
        };
        let rows = mirror.rows(ReportKind::Midterm);
        let voice = rows
            .iter()
            .find(|r| r.question == Question::SVoice)
            .unwrap();
        assert!(voice.differs);
        let wellbeing = rows
            .iter()
            .find(|r| r.question == Question::SWellbeing)
            .unwrap();
        assert!(!wellbeing.differs && wellbeing.mentor.is_some() && wellbeing.mentee.is_some());
        assert!(mirror
            .rows(ReportKind::Final)
            .iter()
            .all(|r| r.mentor.is_none()));
    }
}
