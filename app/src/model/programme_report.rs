//! The programme report (the annex template of the model): every number,
//! table and chart of it worked out from the programme's data, and the
//! narrative sections the coordinator writes. [`compute`] is pure: the
//! server reads the facts ([`ReportFacts`]) and hands them over; the tests
//! build facts by hand.

use super::engagement::MeasureState;
use super::ids::{OrganisationId, ProgrammeId, ReportId};
use super::journey::{DropReason, EndKind};
use super::limits::NARRATIVE_MAX_CHARS;
use super::meeting::MeetingForm;
use super::programme::ProgrammeFormat;
use super::recruitment::{CandidateKind, Employment, Gender, Stage};
use super::report::{
    Answer, Choice, Question, ReportKind, Respondent, CHILD_STATEMENTS, MENTOR_STATEMENTS,
    PARENT_STATEMENTS, PROCESS_STATEMENTS,
};
use super::role::{text_key_enum, TextKey, Typology};
use super::validation::{date_field, is_forbidden_control, Field, FieldErrors, Problem};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

text_key_enum!(
    /// The report's sections the coordinator writes.
    NarrativeSection {
        Introduction = "introduction",
        Context = "context",
        ResultsSummary = "results_summary",
        Challenges = "challenges",
        FinalRemarks = "final_remarks",
    }
);

text_key_enum!(
    /// Age bands of the participants' profile.
    AgeBand {
        Under25 = "under_25",
        From25To34 = "25_34",
        From35To44 = "35_44",
        From45To54 = "45_54",
        From55 = "55_plus",
        NotRecorded = "not_recorded",
    }
);

impl AgeBand {
    pub fn of(age: Option<u32>) -> AgeBand {
        match age {
            None => AgeBand::NotRecorded,
            Some(a) if a < 25 => AgeBand::Under25,
            Some(a) if a < 35 => AgeBand::From25To34,
            Some(a) if a < 45 => AgeBand::From35To44,
            Some(a) if a < 55 => AgeBand::From45To54,
            Some(_) => AgeBand::From55,
        }
    }
}

// ---------------------------------------------------------------- facts

/// The programme's settings the report shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportProgramme {
    pub id: ProgrammeId,
    pub name: String,
    pub format: ProgrammeFormat,
    pub typology: Typology,
    pub duration_months: u32,
    pub country: String,
}

/// A candidate of recruitment: their path through the stages, in order
/// (the stage they were registered at first), and their profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CandidateFacts {
    pub kind: CandidateKind,
    /// Every stage they were moved to, the first one included, in order,
    /// with the reason of each drop-out.
    pub path: Vec<(Stage, Option<String>)>,
    pub gender: Option<Gender>,
    pub age: Option<u32>,
    pub background: String,
    pub employment: Option<Employment>,
}

/// A pair whose time overlaps the report's dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairRecord {
    pub mentor: String,
    pub mentee: String,
    pub manager: String,
    pub confirmed: bool,
    pub end_kind: Option<EndKind>,
    pub drop_reason: Option<DropReason>,
}

/// A report answered within the dates (the latest revision).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRecord {
    pub id: ReportId,
    pub kind: ReportKind,
    pub respondent: Respondent,
    pub answers: BTreeMap<Question, Answer>,
}

/// A meeting held within the dates (withdrawn logs left out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogRecord {
    pub date: NaiveDate,
    pub form: MeetingForm,
    pub minutes: u32,
}

/// Everything the report counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFacts {
    pub programme: ReportProgramme,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The programme's mentor managers (members now).
    pub managers: Vec<String>,
    pub candidates: Vec<CandidateFacts>,
    pub pairs: Vec<PairRecord>,
    pub reports: Vec<ReportRecord>,
    pub logs: Vec<LogRecord>,
    /// The state of each measure of the school engagement plan.
    pub measures: Vec<MeasureState>,
    pub narrative: BTreeMap<NarrativeSection, String>,
    /// The answers marked publishable, with the text marked (a corrected
    /// answer is not publishable until it is marked again).
    pub publishable: BTreeMap<(ReportId, Question), String>,
}

// ---------------------------------------------------------------- report

/// One stage's line of the recruitment table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecruitmentRow {
    pub stage: Option<Stage>,
    /// Candidates who reached the stage.
    pub entered: u32,
    /// Who reached a later stage (or were accepted).
    pub went_on: u32,
    /// Who dropped out from it.
    pub dropped: u32,
    /// Why, each reason as written with how many gave it.
    pub reasons: Vec<(String, u32)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecruitmentTable {
    pub kind: CandidateKind,
    pub rows: Vec<RecruitmentRow>,
    pub accepted: u32,
}

/// How many people of a group have each value of one profile question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleProfile {
    pub people: u32,
    pub gender: Vec<(Option<Gender>, u32)>,
    pub age: Vec<(AgeBand, u32)>,
    pub employment: Vec<(Option<Employment>, u32)>,
    /// The background as written (empty: not recorded).
    pub background: Vec<(String, u32)>,
}

/// Table 1, the pilot action configuration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table1 {
    pub format: ProgrammeFormat,
    pub typology: Typology,
    pub duration_months: u32,
    pub managers: u32,
    pub managers_completed: u32,
    pub mentors: u32,
    pub mentors_completed: u32,
    pub mentees: u32,
    pub mentees_completed: u32,
    /// Pairs matched within the dates (registrations of pairs).
    pub pairs_matched: u32,
    /// Pairs confirmed after getting to know each other: the mentoring
    /// processes.
    pub processes: u32,
    pub completed: u32,
    pub dropped_out: u32,
    pub not_confirmed: u32,
    pub drop_reasons: Vec<(DropReason, u32)>,
}

/// How many answered Disagree, Agree and Could be improved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub disagree: u32,
    pub agree: u32,
    pub could_be_improved: u32,
}

impl Agreement {
    pub fn total(&self) -> u32 {
        self.disagree + self.agree + self.could_be_improved
    }
}

/// An answer quoted as written, never with a name. Only those marked
/// publishable leave the organisation (the PDF, the Word file, the public
/// page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub report: ReportId,
    pub question: Question,
    pub text: String,
    pub publishable: bool,
}

/// One of the seven statements, per report and respondent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementRow {
    pub question: Question,
    /// Mid-term by mentors, mid-term by mentees, final by mentors, final
    /// by mentees.
    pub answers: [Agreement; 4],
    /// The "in what way" texts (no names).
    pub quotes: Vec<Quote>,
}

/// The order of [`StatementRow::answers`].
pub const STATEMENT_COLUMNS: [(ReportKind, Respondent); 4] = [
    (ReportKind::Midterm, Respondent::Mentor),
    (ReportKind::Midterm, Respondent::Mentee),
    (ReportKind::Final, Respondent::Mentor),
    (ReportKind::Final, Respondent::Mentee),
];

/// A YES / NO question: the counts and the texts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YesNo {
    pub yes: u32,
    pub no: u32,
    pub yes_quotes: Vec<Quote>,
    pub no_quotes: Vec<Quote>,
}

/// The change question and the mentor's influence, per report and side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSummary {
    pub kind: ReportKind,
    pub respondent: Respondent,
    pub reports: u32,
    pub change: YesNo,
    pub mentor_influence: Vec<Quote>,
}

/// A YES / NO statement of the final report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceRow {
    pub question: Question,
    pub answers: YesNo,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Satisfaction {
    /// "Would you change something": by mentors and mentees together.
    pub would_change: YesNo,
    pub advice: Vec<Quote>,
    pub comments: Vec<Quote>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthMeetings {
    /// `yyyy-mm`.
    pub month: String,
    pub meetings: u32,
    pub minutes: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meetings {
    pub meetings: u32,
    pub minutes: u32,
    pub by_form: Vec<(MeetingForm, u32)>,
    pub by_month: Vec<MonthMeetings>,
}

/// A chart drawn on the server: the SVG carries its title; the page shows
/// the same numbers in a table beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    pub id: String,
    pub svg: String,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeReport {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub country: String,
    #[serde(with = "super::dates::iso_date")]
    pub from: NaiveDate,
    #[serde(with = "super::dates::iso_date")]
    pub to: NaiveDate,
    pub recruitment: Vec<RecruitmentTable>,
    /// Mentors, then mentees.
    pub profiles: Vec<(CandidateKind, PeopleProfile)>,
    pub table1: Table1,
    pub change: Vec<ChangeSummary>,
    pub statements: Vec<StatementRow>,
    /// The child's and the parent's statements (mentees), then the
    /// mentor's (mentors).
    pub competences: Vec<CompetenceRow>,
    pub satisfaction: Satisfaction,
    pub meetings: Meetings,
    pub measures: Vec<(MeasureState, u32)>,
    pub narrative: Vec<(NarrativeSection, String)>,
    pub charts: Vec<Chart>,
    /// The person may write the narrative.
    pub can_write: bool,
}

impl ProgrammeReport {
    pub fn chart(&self, id: &str) -> Option<&Chart> {
        self.charts.iter().find(|c| c.id == id)
    }

    pub fn narrative(&self, section: NarrativeSection) -> &str {
        self.narrative
            .iter()
            .find(|(s, _)| *s == section)
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
    }
}

/// The narrative as typed, checked before it is stored: trimmed, line
/// breaks written `\n`, at most [`NARRATIVE_MAX_CHARS`], no invisible
/// control characters.
pub fn check_narrative(text: &str) -> Result<String, FieldErrors> {
    let text = text.trim().replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().count() > NARRATIVE_MAX_CHARS {
        return Err(FieldErrors::one(Field::Narrative, Problem::TooLong));
    }
    if text.chars().any(is_forbidden_control) {
        return Err(FieldErrors::one(
            Field::Narrative,
            Problem::ControlCharacter,
        ));
    }
    Ok(text)
}

/// The report's dates as typed (`yyyy-mm-dd`; empty: from the programme's
/// start, or today if it starts later, to today), checked: every problem
/// at once.
pub fn report_period(
    from: &str,
    to: &str,
    starts_on: NaiveDate,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), FieldErrors> {
    let mut errors = FieldErrors::default();
    let from_date = date_field(&mut errors, Field::From, from, false);
    let to_date = date_field(&mut errors, Field::To, to, false);
    if !errors.is_empty() {
        return Err(errors);
    }
    let from = from_date.unwrap_or(starts_on.min(today));
    let to = to_date.unwrap_or(today);
    if from > to {
        return Err(FieldErrors::one(Field::To, Problem::EndBeforeStart));
    }
    Ok((from, to))
}

fn count<K: Ord + Clone>(values: impl IntoIterator<Item = K>) -> Vec<(K, u32)> {
    let mut map: BTreeMap<K, u32> = BTreeMap::new();
    for v in values {
        *map.entry(v).or_default() += 1;
    }
    map.into_iter().collect()
}

fn recruitment(kind: CandidateKind, candidates: &[CandidateFacts]) -> RecruitmentTable {
    let mine: Vec<&CandidateFacts> = candidates.iter().filter(|c| c.kind == kind).collect();
    let rows = Stage::TABLE
        .iter()
        .map(|stage| {
            let mut row = RecruitmentRow {
                stage: Some(*stage),
                ..Default::default()
            };
            let mut reasons = Vec::new();
            for c in &mine {
                let Some(at) = c.path.iter().position(|(s, _)| s == stage) else {
                    continue;
                };
                row.entered += 1;
                let later = &c.path[at + 1..];
                if later
                    .iter()
                    .any(|(s, _)| *s != Stage::Dropped && s.order() > stage.order())
                {
                    row.went_on += 1;
                }
                // Dropped out from this stage (the move right after it).
                for (i, (s, _)) in c.path.iter().enumerate() {
                    if s == stage {
                        if let Some((Stage::Dropped, reason)) = c.path.get(i + 1) {
                            row.dropped += 1;
                            reasons.push(reason.clone().unwrap_or_default().trim().to_string());
                        }
                    }
                }
            }
            row.reasons = count(reasons);
            row.reasons
                .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            row
        })
        .collect();
    let accepted = mine
        .iter()
        .filter(|c| c.path.last().map(|(s, _)| *s) == Some(Stage::Accepted))
        .count() as u32;
    RecruitmentTable {
        kind,
        rows,
        accepted,
    }
}

fn profile(kind: CandidateKind, candidates: &[CandidateFacts]) -> PeopleProfile {
    let mine: Vec<&CandidateFacts> = candidates.iter().filter(|c| c.kind == kind).collect();
    let mut background = count(mine.iter().map(|c| c.background.trim().to_string()));
    background.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    PeopleProfile {
        people: mine.len() as u32,
        gender: count(mine.iter().map(|c| c.gender)),
        age: count(mine.iter().map(|c| AgeBand::of(c.age))),
        employment: count(mine.iter().map(|c| c.employment)),
        background,
    }
}

fn table1(facts: &ReportFacts) -> Table1 {
    use std::collections::BTreeSet;
    let pairs = &facts.pairs;
    let completed = |p: &&PairRecord| p.end_kind == Some(EndKind::Completed);
    let distinct = |f: fn(&PairRecord) -> &String, only_completed: bool| {
        pairs
            .iter()
            .filter(|p| !only_completed || completed(p))
            .map(f)
            .collect::<BTreeSet<_>>()
            .len() as u32
    };
    let managers: BTreeSet<&String> = facts
        .managers
        .iter()
        .chain(pairs.iter().map(|p| &p.manager))
        .collect();
    Table1 {
        format: facts.programme.format,
        typology: facts.programme.typology,
        duration_months: facts.programme.duration_months,
        managers: managers.len() as u32,
        managers_completed: distinct(|p| &p.manager, true),
        mentors: distinct(|p| &p.mentor, false),
        mentors_completed: distinct(|p| &p.mentor, true),
        mentees: distinct(|p| &p.mentee, false),
        mentees_completed: distinct(|p| &p.mentee, true),
        pairs_matched: pairs.len() as u32,
        processes: pairs.iter().filter(|p| p.confirmed).count() as u32,
        completed: pairs.iter().filter(completed).count() as u32,
        dropped_out: pairs
            .iter()
            .filter(|p| p.end_kind == Some(EndKind::DroppedOut))
            .count() as u32,
        not_confirmed: pairs
            .iter()
            .filter(|p| p.end_kind == Some(EndKind::NotConfirmed))
            .count() as u32,
        drop_reasons: count(pairs.iter().filter_map(|p| p.drop_reason)),
    }
}

/// An answer to one question of one report.
type Said<'a> = (ReportId, Question, &'a Answer);

fn quote(facts: &ReportFacts, (report, question, answer): Said) -> Option<Quote> {
    let text = answer.text.trim();
    (!text.is_empty()).then(|| Quote {
        report,
        question,
        text: text.to_string(),
        publishable: facts
            .publishable
            .get(&(report, question))
            .is_some_and(|marked| marked.trim() == text),
    })
}

fn yes_no<'a>(facts: &ReportFacts, answers: impl Iterator<Item = Said<'a>>) -> YesNo {
    let mut out = YesNo::default();
    for said in answers {
        match said.2.choice {
            Some(Choice::Yes) => {
                out.yes += 1;
                out.yes_quotes.extend(quote(facts, said));
            }
            Some(Choice::No) => {
                out.no += 1;
                out.no_quotes.extend(quote(facts, said));
            }
            _ => {}
        }
    }
    out
}

/// Works out the whole report from the facts (without the charts: see
/// [`charts`], which needs the language).
pub fn compute(facts: &ReportFacts, can_write: bool) -> ProgrammeReport {
    let answers_to = |kind: Option<ReportKind>, respondent: Option<Respondent>, q: Question| {
        facts
            .reports
            .iter()
            .filter(move |r| kind.is_none_or(|k| r.kind == k))
            .filter(move |r| respondent.is_none_or(|x| r.respondent == x))
            .filter_map(move |r| r.answers.get(&q).map(|a| (r.id, q, a)))
    };
    let quote = |said| quote(facts, said);

    let change = STATEMENT_COLUMNS
        .iter()
        .map(|(kind, respondent)| ChangeSummary {
            kind: *kind,
            respondent: *respondent,
            reports: facts
                .reports
                .iter()
                .filter(|r| r.kind == *kind && r.respondent == *respondent)
                .count() as u32,
            change: yes_no(
                facts,
                answers_to(Some(*kind), Some(*respondent), Question::Change),
            ),
            mentor_influence: answers_to(Some(*kind), Some(*respondent), Question::MentorInfluence)
                .filter_map(quote)
                .collect(),
        })
        .collect();

    let statements = PROCESS_STATEMENTS
        .iter()
        .map(|q| {
            let mut answers = [Agreement::default(); 4];
            for (i, (kind, respondent)) in STATEMENT_COLUMNS.iter().enumerate() {
                for (_, _, a) in answers_to(Some(*kind), Some(*respondent), *q) {
                    match a.choice {
                        Some(Choice::Disagree) => answers[i].disagree += 1,
                        Some(Choice::Agree) => answers[i].agree += 1,
                        Some(Choice::CouldBeImproved) => answers[i].could_be_improved += 1,
                        _ => {}
                    }
                }
            }
            StatementRow {
                question: *q,
                answers,
                quotes: answers_to(None, None, *q).filter_map(quote).collect(),
            }
        })
        .collect();

    let competences = CHILD_STATEMENTS
        .iter()
        .chain(PARENT_STATEMENTS.iter())
        .map(|q| (q, Respondent::Mentee))
        .chain(MENTOR_STATEMENTS.iter().map(|q| (q, Respondent::Mentor)))
        .map(|(q, respondent)| CompetenceRow {
            question: *q,
            answers: yes_no(
                facts,
                answers_to(Some(ReportKind::Final), Some(respondent), *q),
            ),
        })
        .collect();

    let satisfaction = Satisfaction {
        would_change: yes_no(
            facts,
            answers_to(Some(ReportKind::Final), None, Question::WouldChange),
        ),
        advice: answers_to(Some(ReportKind::Final), None, Question::AdviceNewPairs)
            .filter_map(quote)
            .collect(),
        comments: answers_to(Some(ReportKind::Midterm), None, Question::Comment)
            .filter_map(quote)
            .collect(),
    };

    let mut months: BTreeMap<String, MonthMeetings> = BTreeMap::new();
    for log in &facts.logs {
        let month = format!("{:04}-{:02}", log.date.year(), log.date.month());
        let entry = months.entry(month.clone()).or_insert(MonthMeetings {
            month,
            ..Default::default()
        });
        entry.meetings += 1;
        entry.minutes += log.minutes;
    }
    let meetings = Meetings {
        meetings: facts.logs.len() as u32,
        minutes: facts.logs.iter().map(|l| l.minutes).sum(),
        by_form: count(facts.logs.iter().map(|l| l.form)),
        by_month: months.into_values().collect(),
    };

    ProgrammeReport {
        programme_id: facts.programme.id,
        programme_name: facts.programme.name.clone(),
        country: facts.programme.country.clone(),
        from: facts.from,
        to: facts.to,
        recruitment: [CandidateKind::Mentor, CandidateKind::Mentee]
            .iter()
            .map(|k| recruitment(*k, &facts.candidates))
            .collect(),
        profiles: [CandidateKind::Mentor, CandidateKind::Mentee]
            .iter()
            .map(|k| (*k, profile(*k, &facts.candidates)))
            .collect(),
        table1: table1(facts),
        change,
        statements,
        competences,
        satisfaction,
        meetings,
        measures: count(facts.measures.iter().copied()),
        narrative: NarrativeSection::ALL
            .iter()
            .map(|s| (*s, facts.narrative.get(s).cloned().unwrap_or_default()))
            .collect(),
        charts: Vec::new(),
        can_write,
    }
}

// ------------------------------------------------------------ comparison

/// One programme's main figures, beside the others of the organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeFigures {
    pub id: ProgrammeId,
    pub name: String,
    pub country: String,
    pub year: i32,
    /// Pairs matched; those confirmed (mentoring processes); completed.
    pub pairs: u32,
    pub processes: u32,
    pub completed: u32,
    pub meetings: u32,
    pub minutes: u32,
    /// Per statement (in the order of the seven): the share who agree in
    /// the final reports, mentors and mentees together; none without an
    /// answer.
    pub agree: Vec<(Question, Option<u32>)>,
}

impl ProgrammeFigures {
    pub fn of(report: &ProgrammeReport, year: i32) -> ProgrammeFigures {
        let t = &report.table1;
        ProgrammeFigures {
            id: report.programme_id,
            name: report.programme_name.clone(),
            country: report.country.clone(),
            year,
            pairs: t.pairs_matched,
            processes: t.processes,
            completed: t.completed,
            meetings: report.meetings.meetings,
            minutes: report.meetings.minutes,
            agree: report
                .statements
                .iter()
                .map(|row| {
                    // The final reports: mentors (2) and mentees (3).
                    let agree = row.answers[2].agree + row.answers[3].agree;
                    let all = row.answers[2].total() + row.answers[3].total();
                    (row.question, (all > 0).then(|| percent(agree, all)))
                })
                .collect(),
        }
    }

    /// Completed pairs in per cent of the mentoring processes.
    pub fn completion(&self) -> Option<u32> {
        (self.processes > 0).then(|| percent(self.completed, self.processes))
    }

    /// Meetings per pair matched, with one decimal.
    pub fn meetings_per_pair(&self) -> Option<String> {
        (self.pairs > 0).then(|| format!("{:.1}", self.meetings as f64 / self.pairs as f64))
    }
}

/// The organisation's programmes side by side, with the filters used and
/// the values they can take.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub programmes: Vec<ProgrammeFigures>,
    pub years: Vec<i32>,
    pub countries: Vec<String>,
    pub year: Option<i32>,
    pub country: Option<String>,
    /// The organisations the person coordinates, and whether each
    /// publishes its public impact page.
    pub organisations: Vec<(OrganisationId, String, bool)>,
}

/// Reads the comparison's filters: a year (empty: every year) and a
/// country (empty: every country).
pub fn comparison_filters(
    year: &str,
    country: &str,
) -> Result<(Option<i32>, Option<String>), FieldErrors> {
    let year = year.trim();
    let year = if year.is_empty() {
        None
    } else {
        match year.parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => Some(y),
            _ => return Err(FieldErrors::one(Field::StartsOn, Problem::NotANumber)),
        }
    };
    let country = Some(country.trim().to_string()).filter(|c| !c.is_empty());
    Ok((year, country))
}

/// Keeps the programmes the filters ask for, and lists the years and
/// countries there are to choose from (of all the programmes).
pub fn compare(
    all: Vec<ProgrammeFigures>,
    year: Option<i32>,
    country: Option<String>,
) -> Comparison {
    let mut years: Vec<i32> = all.iter().map(|p| p.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let mut countries: Vec<String> = all
        .iter()
        .map(|p| p.country.clone())
        .filter(|c| !c.trim().is_empty())
        .collect();
    countries.sort();
    countries.dedup();
    let programmes = all
        .into_iter()
        .filter(|p| year.is_none_or(|y| p.year == y))
        .filter(|p| country.as_ref().is_none_or(|c| &p.country == c))
        .collect();
    Comparison {
        programmes,
        years,
        countries,
        year,
        country,
        organisations: Vec::new(),
    }
}

// ---------------------------------------------------------- public page

/// An organisation's results for its public page: sums over its
/// programmes, and only the quotes marked publishable. What is shown of
/// each count is decided by [`public_count`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impact {
    pub organisation: String,
    pub programmes: u32,
    pub pairs: u32,
    pub completed: u32,
    pub meetings: u32,
    pub minutes: u32,
    /// Per statement: answers in the final reports and how many agree.
    pub agree: Vec<(Question, u32, u32)>,
    pub quotes: Vec<String>,
}

/// A count as the public page may show it: none below
/// [`super::limits::PUBLIC_MIN_COUNT`].
pub fn public_count(n: u32) -> Option<u32> {
    (n >= super::limits::PUBLIC_MIN_COUNT).then_some(n)
}

impl Impact {
    pub fn of(organisation: &str, reports: &[ProgrammeReport]) -> Impact {
        let mut impact = Impact {
            organisation: organisation.to_string(),
            programmes: reports.len() as u32,
            agree: PROCESS_STATEMENTS.iter().map(|q| (*q, 0, 0)).collect(),
            ..Impact::default()
        };
        for r in reports {
            impact.pairs += r.table1.pairs_matched;
            impact.completed += r.table1.completed;
            impact.meetings += r.meetings.meetings;
            impact.minutes += r.meetings.minutes;
            for row in &r.statements {
                if let Some(entry) = impact.agree.iter_mut().find(|(q, _, _)| *q == row.question) {
                    entry.1 += row.answers[2].total() + row.answers[3].total();
                    entry.2 += row.answers[2].agree + row.answers[3].agree;
                }
            }
            let all_quotes = r
                .statements
                .iter()
                .flat_map(|s| s.quotes.iter())
                .chain(
                    r.change
                        .iter()
                        .flat_map(|c| c.change.yes_quotes.iter().chain(c.mentor_influence.iter())),
                )
                .chain(r.satisfaction.advice.iter());
            impact
                .quotes
                .extend(all_quotes.filter(|q| q.publishable).map(|q| q.text.clone()));
        }
        impact
    }
}

/// The share of `agree` in `answers` as the public page may show it: in
/// tens of per cent, and none unless at least
/// [`super::limits::PUBLIC_MIN_COUNT`] agree and as many do not (so no
/// share singles out the one or two who answered otherwise, and two pages
/// a month apart differ by whole tens).
pub fn public_share(agree: u32, answers: u32) -> Option<u32> {
    let min = super::limits::PUBLIC_MIN_COUNT;
    let others = answers.saturating_sub(agree);
    (agree >= min && others >= min).then(|| (percent(agree, answers) + 5) / 10 * 10)
}

/// A count of people too small to show outside the organisation: from 1
/// to [`super::limits::PUBLIC_MIN_COUNT`] − 1 (one of three known people
/// could be recognised by it; none, or many, can not).
pub fn is_small_count(n: u32) -> bool {
    (1..super::limits::PUBLIC_MIN_COUNT).contains(&n)
}

/// A count as a document for outside readers writes it: a small one as
/// "< 5".
pub fn outside_count(n: u32) -> String {
    if is_small_count(n) {
        format!("< {}", super::limits::PUBLIC_MIN_COUNT)
    } else {
        n.to_string()
    }
}

/// The share of `part` in `whole`, in whole per cent (0 when nothing).
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part as u64 * 100 + whole as u64 / 2) / whole as u64) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TextKey;

    fn candidate(kind: CandidateKind, path: &[(Stage, Option<&str>)]) -> CandidateFacts {
        CandidateFacts {
            kind,
            path: path
                .iter()
                .map(|(s, r)| (*s, r.map(str::to_string)))
                .collect(),
            gender: None,
            age: None,
            background: String::new(),
            employment: None,
        }
    }

    fn facts() -> ReportFacts {
        ReportFacts {
            programme: ReportProgramme {
                id: ProgrammeId::new(),
                name: "Pilot".into(),
                format: ProgrammeFormat::Blended,
                typology: Typology::Peer,
                duration_months: 6,
                country: "RO".into(),
            },
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            managers: vec!["m1".into()],
            candidates: vec![],
            pairs: vec![],
            reports: vec![],
            logs: vec![],
            measures: vec![],
            narrative: BTreeMap::new(),
            publishable: BTreeMap::new(),
        }
    }

    fn answer(choice: Option<Choice>, text: &str) -> Answer {
        Answer {
            choice,
            text: text.into(),
        }
    }

    #[test]
    fn the_recruitment_table_counts_who_reached_went_on_from_and_dropped_out_of_each_stage() {
        use Stage::*;
        let mut f = facts();
        f.candidates = vec![
            candidate(
                CandidateKind::Mentee,
                &[(Disclosure, None), (Interest, None), (Accepted, None)],
            ),
            candidate(
                CandidateKind::Mentee,
                &[(Disclosure, None), (Dropped, Some("Moved away"))],
            ),
            candidate(
                CandidateKind::Mentee,
                &[
                    (Referral, None),
                    (Dropped, Some("Moved away")),
                    (Referral, None),
                    (Interview, None),
                ],
            ),
            candidate(CandidateKind::Mentor, &[(Disclosure, None)]),
        ];

        let report = compute(&f, false);

        let mentees = &report.recruitment[1];
        assert_eq!(mentees.kind, CandidateKind::Mentee);
        let row = |s: Stage| mentees.rows.iter().find(|r| r.stage == Some(s)).unwrap();
        assert_eq!(
            (
                row(Disclosure).entered,
                row(Disclosure).went_on,
                row(Disclosure).dropped
            ),
            (2, 1, 1)
        );
        assert_eq!(row(Disclosure).reasons, vec![("Moved away".to_string(), 1)]);
        assert_eq!(
            (
                row(Referral).entered,
                row(Referral).went_on,
                row(Referral).dropped
            ),
            (1, 1, 1)
        );
        assert_eq!((row(Interest).entered, row(Interest).went_on), (1, 1));
        assert_eq!((row(Interview).entered, row(Interview).went_on), (1, 0));
        assert_eq!(mentees.accepted, 1);
        assert_eq!(report.recruitment[0].rows[0].entered, 1);
    }

    #[test]
    fn table_1_counts_people_once_and_completion_by_completed_pairs() {
        let mut f = facts();
        let pair = |mentor: &str, mentee: &str, confirmed, end| PairRecord {
            mentor: mentor.into(),
            mentee: mentee.into(),
            manager: "m1".into(),
            confirmed,
            end_kind: end,
            drop_reason: (end == Some(EndKind::DroppedOut)).then_some(DropReason::Moved),
        };
        f.managers = vec!["m1".into(), "m2".into()];
        f.pairs = vec![
            pair("a", "x", true, Some(EndKind::Completed)),
            pair("a", "y", true, Some(EndKind::DroppedOut)),
            pair("b", "z", false, Some(EndKind::NotConfirmed)),
            pair("c", "z", true, None),
        ];

        let t = compute(&f, false).table1;

        assert_eq!((t.managers, t.managers_completed), (2, 1));
        assert_eq!((t.mentors, t.mentors_completed), (3, 1));
        assert_eq!((t.mentees, t.mentees_completed), (3, 1));
        assert_eq!((t.pairs_matched, t.processes), (4, 3));
        assert_eq!((t.completed, t.dropped_out, t.not_confirmed), (1, 1, 1));
        assert_eq!(t.drop_reasons, vec![(DropReason::Moved, 1)]);
        assert_eq!(
            (t.format, t.typology, t.duration_months),
            (ProgrammeFormat::Blended, Typology::Peer, 6)
        );
    }

    #[test]
    fn statements_are_counted_per_report_and_side_with_their_texts_and_no_author() {
        let mut f = facts();
        let report = |kind, respondent, choice, text: &str| ReportRecord {
            id: ReportId::new(),
            kind,
            respondent,
            answers: [
                (Question::SVoice, answer(Some(choice), text)),
                (
                    Question::Change,
                    answer(Some(Choice::Yes), "Talks to the teacher"),
                ),
            ]
            .into_iter()
            .collect(),
        };
        f.reports = vec![
            report(ReportKind::Midterm, Respondent::Mentor, Choice::Agree, ""),
            report(
                ReportKind::Midterm,
                Respondent::Mentee,
                Choice::Disagree,
                "Too short",
            ),
            report(
                ReportKind::Final,
                Respondent::Mentee,
                Choice::CouldBeImproved,
                "More time",
            ),
            report(ReportKind::Final, Respondent::Mentee, Choice::Agree, ""),
        ];

        let r = compute(&f, false);

        let voice = r
            .statements
            .iter()
            .find(|s| s.question == Question::SVoice)
            .unwrap();
        assert_eq!(
            voice.answers[0],
            Agreement {
                agree: 1,
                ..Default::default()
            }
        );
        assert_eq!(
            voice.answers[1],
            Agreement {
                disagree: 1,
                ..Default::default()
            }
        );
        assert_eq!(voice.answers[2].total(), 0);
        assert_eq!(
            voice.answers[3],
            Agreement {
                agree: 1,
                could_be_improved: 1,
                ..Default::default()
            }
        );
        let texts: Vec<&str> = voice.quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["Too short", "More time"]);
        assert!(voice.quotes.iter().all(|q| !q.publishable));
        let final_mentees = r
            .change
            .iter()
            .find(|c| c.kind == ReportKind::Final && c.respondent == Respondent::Mentee)
            .unwrap();
        assert_eq!(
            (
                final_mentees.reports,
                final_mentees.change.yes,
                final_mentees.change.no
            ),
            (2, 2, 0)
        );
    }

    #[test]
    fn meetings_are_summed_per_month_and_form() {
        let mut f = facts();
        let log = |d: u32, m: u32, form, minutes| LogRecord {
            date: NaiveDate::from_ymd_opt(2026, m, d).unwrap(),
            form,
            minutes,
        };
        f.logs = vec![
            log(3, 2, MeetingForm::FaceToFace, 60),
            log(20, 2, MeetingForm::Telephone, 30),
            log(1, 3, MeetingForm::FaceToFace, 90),
        ];

        let m = compute(&f, false).meetings;

        assert_eq!((m.meetings, m.minutes), (3, 180));
        assert_eq!(
            m.by_form,
            vec![(MeetingForm::FaceToFace, 2), (MeetingForm::Telephone, 1)]
        );
        assert_eq!(
            m.by_month
                .iter()
                .map(|x| (x.month.as_str(), x.meetings, x.minutes))
                .collect::<Vec<_>>(),
            vec![("2026-02", 2, 90), ("2026-03", 1, 90)]
        );
    }

    #[test]
    fn age_bands_have_stable_keys_and_edges() {
        assert_eq!(AgeBand::of(Some(24)), AgeBand::Under25);
        assert_eq!(AgeBand::of(Some(25)), AgeBand::From25To34);
        assert_eq!(AgeBand::of(Some(55)), AgeBand::From55);
        assert_eq!(AgeBand::of(None).key(), "not_recorded");
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
    }

    #[test]
    fn counts_from_one_to_four_are_small_and_written_as_fewer_than_five() {
        assert!(!is_small_count(0));
        assert!(is_small_count(1) && is_small_count(4));
        assert!(!is_small_count(5));
        assert_eq!(outside_count(3), "< 5");
        assert_eq!(outside_count(0), "0");
        assert_eq!(outside_count(12), "12");
    }

    #[test]
    fn a_public_share_is_in_tens_and_hidden_unless_five_agree_and_five_do_not() {
        assert_eq!(public_share(5, 10), Some(50));
        assert_eq!(public_share(7, 13), Some(50), "54 % shows as 50 %");
        assert_eq!(public_share(11, 16), Some(70), "69 % shows as 70 %");
        assert_eq!(public_share(4, 20), None, "fewer than 5 agree");
        assert_eq!(public_share(16, 20), None, "fewer than 5 do not");
        assert_eq!(
            public_share(20, 20),
            None,
            "all agree: nobody may be singled out either way"
        );
        assert_eq!(public_share(0, 0), None);
    }

    #[test]
    fn a_narrative_too_long_or_with_control_characters_is_refused_and_one_typed_is_trimmed() {
        assert_eq!(check_narrative("  one\r\ntwo \n").unwrap(), "one\ntwo");
        assert_eq!(
            check_narrative(&"a".repeat(NARRATIVE_MAX_CHARS + 1))
                .unwrap_err()
                .problem(Field::Narrative),
            Some(Problem::TooLong)
        );
        assert_eq!(
            check_narrative("a\u{0007}b")
                .unwrap_err()
                .problem(Field::Narrative),
            Some(Problem::ControlCharacter)
        );
    }

    #[test]
    fn the_period_defaults_to_the_programme_so_far_and_refuses_bad_dates_all_at_once() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (start, today) = (d("2026-02-01"), d("2026-12-05"));
        assert_eq!(report_period("", "", start, today).unwrap(), (start, today));
        assert_eq!(
            report_period("", "", d("2027-01-01"), today).unwrap(),
            (today, today)
        );
        assert_eq!(
            report_period("2026-03-01", "2026-04-30", start, today).unwrap(),
            (d("2026-03-01"), d("2026-04-30"))
        );
        let both = report_period("march", "2026-13-01", start, today).unwrap_err();
        assert_eq!(
            (both.problem(Field::From), both.problem(Field::To)),
            (Some(Problem::NotADate), Some(Problem::NotADate))
        );
        assert_eq!(
            report_period("2026-05-01", "2026-04-01", start, today)
                .unwrap_err()
                .problem(Field::To),
            Some(Problem::EndBeforeStart)
        );
    }

    #[test]
    fn a_quote_is_publishable_only_as_marked_and_not_once_its_answer_changed() {
        let mut f = facts();
        let report = |text: &str| ReportRecord {
            id: ReportId::new(),
            kind: ReportKind::Final,
            respondent: Respondent::Mentee,
            answers: [(Question::AdviceNewPairs, answer(None, text))]
                .into_iter()
                .collect(),
        };
        let (marked, changed, unmarked) =
            (report("Be patient"), report("Call often"), report("Ask"));
        f.publishable
            .insert((marked.id, Question::AdviceNewPairs), "Be patient".into());
        f.publishable.insert(
            (changed.id, Question::AdviceNewPairs),
            "Call the school".into(),
        );
        f.reports = vec![marked, changed, unmarked];

        let advice = compute(&f, false).satisfaction.advice;

        let states: Vec<(&str, bool)> = advice
            .iter()
            .map(|q| (q.text.as_str(), q.publishable))
            .collect();
        assert_eq!(
            states,
            [("Be patient", true), ("Call often", false), ("Ask", false)]
        );
    }

    fn figures(name: &str, year: i32, country: &str) -> ProgrammeFigures {
        ProgrammeFigures {
            id: ProgrammeId::new(),
            name: name.into(),
            country: country.into(),
            year,
            pairs: 4,
            processes: 3,
            completed: 2,
            meetings: 10,
            minutes: 600,
            agree: Vec::new(),
        }
    }

    #[test]
    fn the_comparison_keeps_the_programmes_of_the_year_and_country_asked_for() {
        let all = vec![
            figures("A", 2025, "Romania"),
            figures("B", 2026, "Romania"),
            figures("C", 2026, "Portugal"),
        ];

        let c = compare(all, Some(2026), Some("Romania".into()));

        let names: Vec<&str> = c.programmes.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["B"]);
        assert_eq!(c.years, [2026, 2025]);
        assert_eq!(c.countries, ["Portugal", "Romania"]);
        assert_eq!(c.programmes[0].completion(), Some(67));
        assert_eq!(c.programmes[0].meetings_per_pair().as_deref(), Some("2.5"));
    }

    #[test]
    fn comparison_filters_refuse_a_year_that_is_not_one() {
        assert_eq!(comparison_filters("", " "), Ok((None, None)));
        assert_eq!(
            comparison_filters("2026", "Romania"),
            Ok((Some(2026), Some("Romania".to_string())))
        );
        for bad in ["twenty", "26", "2026-01"] {
            assert_eq!(
                comparison_filters(bad, ""),
                Err(FieldErrors::one(Field::StartsOn, Problem::NotANumber))
            );
        }
    }

    #[test]
    fn agree_shares_come_from_the_final_reports_of_both_sides() {
        let mut f = facts();
        let report = |kind, respondent, choice| ReportRecord {
            id: ReportId::new(),
            kind,
            respondent,
            answers: [(Question::SVoice, answer(Some(choice), ""))]
                .into_iter()
                .collect(),
        };
        f.reports = vec![
            report(ReportKind::Midterm, Respondent::Mentor, Choice::Disagree),
            report(ReportKind::Final, Respondent::Mentor, Choice::Agree),
            report(ReportKind::Final, Respondent::Mentee, Choice::Agree),
            report(ReportKind::Final, Respondent::Mentee, Choice::Disagree),
        ];

        let p = ProgrammeFigures::of(&compute(&f, false), 2026);

        let share = |q| p.agree.iter().find(|(x, _)| *x == q).unwrap().1;
        assert_eq!(share(Question::SVoice), Some(67));
        assert_eq!(share(Question::SWellbeing), None);
        assert_eq!(p.completion(), None);
    }

    #[test]
    fn the_public_page_sums_the_programmes_and_keeps_only_quotes_marked_publishable() {
        let mut f = facts();
        let said = |text: &str| answer(Some(Choice::Agree), text);
        let (marked, unmarked) = (ReportId::new(), ReportId::new());
        f.reports = [marked, unmarked]
            .iter()
            .map(|id| ReportRecord {
                id: *id,
                kind: ReportKind::Final,
                respondent: Respondent::Mentee,
                answers: [(
                    Question::SVoice,
                    said(if *id == marked { "Shared" } else { "Private" }),
                )]
                .into_iter()
                .collect(),
            })
            .collect();
        f.publishable
            .insert((marked, Question::SVoice), "Shared".into());
        let report = compute(&f, false);

        let impact = Impact::of("School", &[report.clone(), report]);

        assert_eq!(impact.programmes, 2);
        assert_eq!(impact.quotes, ["Shared", "Shared"]);
        let voice = impact
            .agree
            .iter()
            .find(|(q, _, _)| *q == Question::SVoice)
            .unwrap();
        assert_eq!((voice.1, voice.2), (4, 4));
        assert_eq!(public_count(4), None);
        assert_eq!(public_count(5), Some(5));
    }
}
