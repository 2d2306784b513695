//! The office's search of meeting logs: what a manager typed in the filters
//! (every field may be left empty), its rules, and a page of what it found.
//! Pages follow each other by a cursor (the last log shown), never by an
//! offset, so a page costs the same at the first log as at the millionth
//! and a log written meanwhile neither repeats nor hides another.

use super::dates::parse_iso_date;
use super::ids::{MeetingLogId, PairId, UserId};
use super::limits::MAX_SEARCH_WORDS;
use super::meeting::MeetingForm;
use super::programme::choice;
use super::validation::{short_text, Field, FieldErrors, Problem};
use super::MeetingLogView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The search as typed, as it stands in the page's address
/// (`/manager/logs?mentor=…&words=…`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogQuery {
    pub pair: String,
    pub mentor: String,
    pub mentee: String,
    /// `yyyy-mm-dd`, both included.
    pub from: String,
    pub to: String,
    /// A [`MeetingForm`] key.
    pub form: String,
    /// `"yes"`: only logs that name a challenge.
    pub challenge: String,
    /// Words of the description, what went well or the challenge; each
    /// word found at the start of a word ("scoal" finds "școală").
    pub words: String,
    /// The page after this cursor (from [`LogPage::next`]).
    pub after: String,
}

/// A search of meeting logs that passed every rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub pair: Option<PairId>,
    pub mentor: Option<UserId>,
    pub mentee: Option<UserId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub form: Option<MeetingForm>,
    pub challenge: bool,
    /// The words looked for, each letters and digits only.
    pub words: Vec<String>,
    pub after: Option<LogCursor>,
}

/// Where a page ended: the last log shown, in the list's order (newest
/// meeting first, then newest written, then id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogCursor {
    pub date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub id: MeetingLogId,
}

impl LogCursor {
    pub fn of(log: &MeetingLogView) -> Self {
        Self {
            date: log.date,
            created_at: log.created_at,
            id: log.id,
        }
    }

    /// `date~microseconds~id`: short, and safe in an address.
    pub fn encode(&self) -> String {
        format!(
            "{}~{}~{}",
            super::dates::format_iso_date(self.date),
            self.created_at.timestamp_micros(),
            self.id
        )
    }

    pub fn decode(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('~');
        let date = parse_iso_date(parts.next()?)?;
        let micros: i64 = parts.next()?.parse().ok()?;
        let created_at = DateTime::from_timestamp_micros(micros)?;
        let id = MeetingLogId::parse(parts.next()?).ok()?;
        parts.next().is_none().then_some(Self {
            date,
            created_at,
            id,
        })
    }
}

/// The words a search looks for: split at everything that is not a letter
/// or a digit, lower case, each at most once, at most [`MAX_SEARCH_WORDS`].
/// Both engines' indexes split the logs' texts the same way.
pub fn search_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
        if words.len() == MAX_SEARCH_WORDS {
            break;
        }
    }
    words
}

fn id_field<T: std::str::FromStr>(errors: &mut FieldErrors, field: Field, text: &str) -> Option<T> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let id = text.parse().ok();
    if id.is_none() {
        errors.push(field, Problem::UnknownChoice);
    }
    id
}

impl LogQuery {
    /// Every problem of the search, or the filter it stands for.
    pub fn validate(&self) -> Result<LogFilter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let pair = id_field(&mut errors, Field::Pair, &self.pair);
        let mentor = id_field(&mut errors, Field::Mentor, &self.mentor);
        let mentee = id_field(&mut errors, Field::Mentee, &self.mentee);
        let from = super::validation::date_field(&mut errors, Field::From, &self.from, false);
        let to = super::validation::date_field(&mut errors, Field::To, &self.to, false);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(Field::To, Problem::EndBeforeStart);
            }
        }
        let form = if self.form.trim().is_empty() {
            None
        } else {
            choice::<MeetingForm>(&mut errors, Field::Form, &self.form)
        };
        let challenge = match self.challenge.trim() {
            "" | "no" => false,
            "yes" => true,
            _ => {
                errors.push(Field::Challenge, Problem::UnknownChoice);
                false
            }
        };
        let words = search_words(&short_text(&mut errors, Field::Words, &self.words, false));
        let after = if self.after.trim().is_empty() {
            None
        } else {
            let cursor = LogCursor::decode(&self.after);
            if cursor.is_none() {
                errors.push(Field::After, Problem::Unreadable);
            }
            cursor
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(LogFilter {
            pair,
            mentor,
            mentee,
            from,
            to,
            form,
            challenge,
            words,
            after,
        })
    }

    /// Nothing to filter by: the whole list.
    pub fn is_everything(&self) -> bool {
        Self {
            after: String::new(),
            ..self.clone()
        } == Self::default()
    }
}

/// A pair the search can be narrowed to, with its people's names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PairChoice {
    pub id: PairId,
    pub mentor_id: UserId,
    pub mentor_name: String,
    pub mentee_id: UserId,
    pub mentee_name: String,
}

/// A page of the search, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPage {
    pub logs: Vec<MeetingLogView>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_search_finds_everything() {
        let filter = LogQuery::default().validate().unwrap();
        assert_eq!(filter, LogFilter::default());
        assert!(LogQuery::default().is_everything());
    }

    #[test]
    fn every_problem_of_a_search_is_named() {
        let query = LogQuery {
            pair: "not-an-id".into(),
            mentor: "x".into(),
            from: "2026-13-01".into(),
            form: "letter".into(),
            challenge: "maybe".into(),
            words: "a\u{7}b".into(),
            after: "nonsense".into(),
            ..LogQuery::default()
        };
        let errors = query.validate().unwrap_err();
        assert_eq!(errors.problem(Field::Pair), Some(Problem::UnknownChoice));
        assert_eq!(errors.problem(Field::Mentor), Some(Problem::UnknownChoice));
        assert_eq!(errors.problem(Field::From), Some(Problem::NotADate));
        assert_eq!(errors.problem(Field::Form), Some(Problem::UnknownChoice));
        assert_eq!(
            errors.problem(Field::Challenge),
            Some(Problem::UnknownChoice)
        );
        assert_eq!(
            errors.problem(Field::Words),
            Some(Problem::ControlCharacter)
        );
        assert_eq!(errors.problem(Field::After), Some(Problem::Unreadable));
        assert_eq!(errors.len(), 7);
    }

    #[test]
    fn a_search_ending_before_it_starts_is_refused() {
        let query = LogQuery {
            from: "2026-03-10".into(),
            to: "2026-03-09".into(),
            ..LogQuery::default()
        };
        let errors = query.validate().unwrap_err();
        assert_eq!(errors.problem(Field::To), Some(Problem::EndBeforeStart));
    }

    #[test]
    fn too_many_typed_characters_are_refused_not_cut() {
        let query = LogQuery {
            words: "a".repeat(201),
            ..LogQuery::default()
        };
        let errors = query.validate().unwrap_err();
        assert_eq!(errors.problem(Field::Words), Some(Problem::TooLong));
    }

    #[test]
    fn the_words_are_split_at_punctuation_lowered_and_counted_once() {
        assert_eq!(
            search_words("  Școală, e-mail; ȘCOALĂ 2026!  "),
            vec!["școală", "e", "mail", "2026"]
        );
        assert!(search_words(" ,;-* \"").is_empty());
        let many = (0..20)
            .map(|n| format!("w{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(search_words(&many).len(), MAX_SEARCH_WORDS);
    }

    #[test]
    fn a_cursor_survives_its_trip_through_an_address() {
        let cursor = LogCursor {
            date: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            created_at: DateTime::from_timestamp_micros(1_773_000_000_123_456).unwrap(),
            id: MeetingLogId::new(),
        };
        let text = cursor.encode();
        assert_eq!(LogCursor::decode(&text), Some(cursor));
        let query = LogQuery {
            after: text,
            ..LogQuery::default()
        };
        assert_eq!(query.validate().unwrap().after, Some(cursor));
        assert!(LogCursor::decode("2026-03-09~1~x").is_none());
        assert!(LogCursor::decode(&format!("{}~extra", cursor.encode())).is_none());
    }
}
