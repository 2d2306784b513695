//! A phone's outbox for the benchmarks: `count` records of every kind
//! (meeting logs, goals, safeguarding concerns and, one of each per pair
//! and side, reports), made by the app's own `Entry::new`, printed as JSON
//! (one entry per line). The benchmark seals them into a browser's storage
//! and lets the app's sync engine send them.
//!
//!   cargo run --release -p server --example phone_outbox -- COUNT DATE PREFIX PAIR...
//!
//! DATE is the day the records are for (yesterday), PREFIX starts every
//! text (so the benchmark finds its own records), PAIR the mentor's pairs.

use app::model::*;
use app::offline::Entry;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(date), Some(prefix)) = (
        args.first().and_then(|c| c.parse::<usize>().ok()),
        args.get(1).and_then(|d| dates::parse_iso_date(d)),
        args.get(2),
    ) else {
        eprintln!("usage: phone_outbox COUNT yyyy-mm-dd PREFIX PAIR...");
        return ExitCode::from(2);
    };
    let pairs: Vec<PairId> = match args[3..]
        .iter()
        .map(|p| PairId::parse(p))
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(pairs) if !pairs.is_empty() => pairs,
        _ => {
            eprintln!("phone_outbox: name at least one pair, by its id");
            return ExitCode::from(2);
        }
    };
    let ctx = ValidationContext {
        latest_date: date,
        pair: Some(PairDates {
            started_on: chrono::NaiveDate::MIN,
            ended_on: None,
        }),
    };
    let now = chrono::Utc::now();
    let day = dates::format_iso_date(date);
    let mut reports = Vec::new();
    for pair in &pairs {
        for kind in [ReportKind::Midterm, ReportKind::Final] {
            for respondent in [Respondent::Mentor, Respondent::Mentee] {
                reports.push((*pair, kind, respondent));
            }
        }
    }
    let mut entries = Vec::with_capacity(count);
    for n in 0..count {
        let pair = pairs[n % pairs.len()];
        let text = format!("{prefix} {n}: homework routines and the next school visit.");
        // Saved one millisecond apart, in the order made.
        let at = now + chrono::Duration::milliseconds(n as i64);
        let entry = match n % 10 {
            0 => concern(pair, &text).map(|c| Entry::new(ConcernId::new().as_uuid(), 1, &c, at)),
            1 | 5 | 8 if !reports.is_empty() => {
                let (pair, kind, respondent) = reports.remove(0);
                report(pair, kind, respondent, &day, &text, &ctx)
                    .map(|r| Entry::new(ReportId::new().as_uuid(), 1, &r, at))
            }
            2 | 6 => goal(pair, &text, date, &ctx)
                .map(|g| Entry::new(GoalId::new().as_uuid(), 1, &g, at)),
            _ => log(pair, &text, &day, &ctx)
                .map(|l| Entry::new(MeetingLogId::new().as_uuid(), 1, &l, at)),
        };
        match entry {
            Ok(entry) => entries.push(entry),
            Err(why) => {
                eprintln!("phone_outbox: record {n} is not valid: {why}");
                return ExitCode::FAILURE;
            }
        }
    }
    for entry in entries {
        println!(
            "{}",
            serde_json::to_string(&entry).expect("an entry serialises")
        );
    }
    ExitCode::SUCCESS
}

fn log(pair: PairId, text: &str, day: &str, ctx: &ValidationContext) -> Result<MeetingLog, String> {
    MeetingLogInput {
        pair_id: pair.to_string(),
        date: day.into(),
        form: "telephone".into(),
        hours: "0".into(),
        minutes: "45".into(),
        description: text.into(),
        went_well_next_steps: "Yes. Next: the parents' evening.".into(),
        challenge: "no".into(),
        ..MeetingLogInput::default()
    }
    .validate(ctx)
    .map_err(|e| e.to_string())
}

fn goal(
    pair: PairId,
    text: &str,
    date: chrono::NaiveDate,
    ctx: &ValidationContext,
) -> Result<Goal, String> {
    GoalInput {
        pair_id: pair.to_string(),
        what: text.into(),
        why: "So that the school hears from the family.".into(),
        first_steps: "Ask for the teacher's hours.".into(),
        target_date: dates::format_iso_date(date + chrono::Days::new(60)),
        withdrawn_reason: String::new(),
    }
    .validate(ctx)
    .map_err(|e| e.to_string())
}

fn concern(pair: PairId, text: &str) -> Result<Concern, String> {
    ConcernInput {
        pair_id: pair.to_string(),
        about: "child".into(),
        happened: text.into(),
        done: "I told the manager at once.".into(),
        log_id: String::new(),
    }
    .validate()
    .map_err(|e| e.to_string())
}

fn report(
    pair: PairId,
    kind: ReportKind,
    respondent: Respondent,
    day: &str,
    text: &str,
    ctx: &ValidationContext,
) -> Result<Report, String> {
    let answers = items(kind, respondent)
        .into_iter()
        .map(|item| {
            let (choice, words) = match item.scale {
                Scale::Agreement => ("agree", ""),
                Scale::YesNo => ("yes", text),
                Scale::Text => ("", text),
            };
            let answer = AnswerInput {
                choice: choice.into(),
                text: words.into(),
            };
            (item.question.key().to_string(), answer)
        })
        .collect();
    ReportInput {
        pair_id: pair.to_string(),
        kind: kind.key().into(),
        respondent: respondent.key().into(),
        date: day.into(),
        months: "2".into(),
        weeks: "0".into(),
        answers,
        on_paper: false,
    }
    .validate(ctx)
    .map_err(|e| e.to_string())
}
