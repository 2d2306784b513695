//! When an office event (a training, a group meeting) starts, how long it
//! lasts and where; and the event as an iCalendar file (RFC 5545) that any
//! calendar opens, in the programme's local time.

use super::validation::{number_field, short_text, Field, FieldErrors, Problem};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The shortest and longest event, in minutes.
pub const EVENT_MINUTES: std::ops::RangeInclusive<u32> = 15..=600;

/// What a calendar shows when no length was given (the model's meetings
/// last one to two hours).
pub const DEFAULT_EVENT_MINUTES: u32 = 120;

/// When and where, as typed: all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScheduleInput {
    /// `hh:mm`, as a time input gives it.
    pub starts_at: String,
    /// Minutes.
    pub minutes: String,
    pub place: String,
}

/// When and where, checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    pub starts_at: Option<NaiveTime>,
    pub minutes: Option<u32>,
    pub place: String,
}

impl ScheduleInput {
    /// Adds its problems to `errors`: a time that is not one, a length out
    /// of [`EVENT_MINUTES`], a place too long.
    pub fn check(&self, errors: &mut FieldErrors) -> Schedule {
        let starts_at = match self.starts_at.trim() {
            "" => None,
            text => match NaiveTime::parse_from_str(text, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            {
                Ok(time) => Some(time),
                Err(_) => {
                    errors.push(Field::StartsAt, Problem::NotATime);
                    None
                }
            },
        };
        let minutes = match number_field(&self.minutes) {
            Ok(0) if self.minutes.trim().is_empty() => None,
            Ok(n) if EVENT_MINUTES.contains(&n) => Some(n),
            Ok(_) => {
                errors.push(Field::Length, Problem::OutOfRange);
                None
            }
            Err(problem) => {
                errors.push(Field::Length, problem);
                None
            }
        };
        let place = short_text(errors, Field::Place, &self.place, false);
        Schedule {
            starts_at,
            minutes,
            place,
        }
    }
}

impl Schedule {
    /// The form's text of a stored schedule, to correct it.
    pub fn input(&self) -> ScheduleInput {
        ScheduleInput {
            starts_at: self
                .starts_at
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            minutes: self.minutes.map(|m| m.to_string()).unwrap_or_default(),
            place: self.place.clone(),
        }
    }
}

/// What a calendar needs of one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across downloads, so a calendar updates the event it has.
    pub uid: String,
    pub title: String,
    pub date: NaiveDate,
    pub schedule: Schedule,
    pub description: String,
}

/// Text as iCalendar writes it: backslash, semicolon, comma and line
/// breaks escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), ended
/// with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// One calendar holding `events`; `stamp` is when it was made.
pub fn ics(events: &[CalendarEvent], stamp: chrono::DateTime<chrono::Utc>) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Parent Bridge//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    for event in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", escape(&event.uid)), &mut out);
        fold(
            &format!("DTSTAMP:{}", stamp.format("%Y%m%dT%H%M%SZ")),
            &mut out,
        );
        match event.schedule.starts_at {
            // Floating local time: the programme's, wherever the phone is.
            Some(time) => {
                let start = event.date.and_time(time);
                let minutes = event.schedule.minutes.unwrap_or(DEFAULT_EVENT_MINUTES);
                let end = start + chrono::Duration::minutes(i64::from(minutes));
                fold(
                    &format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")),
                    &mut out,
                );
                fold(&format!("DTEND:{}", end.format("%Y%m%dT%H%M%S")), &mut out);
            }
            None => {
                let next = event.date.succ_opt().unwrap_or(event.date);
                fold(
                    &format!("DTSTART;VALUE=DATE:{}", event.date.format("%Y%m%d")),
                    &mut out,
                );
                fold(
                    &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
                    &mut out,
                );
            }
        }
        fold(&format!("SUMMARY:{}", escape(&event.title)), &mut out);
        if !event.schedule.place.is_empty() {
            fold(
                &format!("LOCATION:{}", escape(&event.schedule.place)),
                &mut out,
            );
        }
        if !event.description.is_empty() {
            fold(
                &format!("DESCRIPTION:{}", escape(&event.description)),
                &mut out,
            );
        }
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn stamp() -> chrono::DateTime<chrono::Utc> {
        "2027-01-02T08:30:00Z".parse().unwrap()
    }

    #[test]
    fn a_time_a_length_and_a_place_are_checked_and_each_is_optional() {
        let mut errors = FieldErrors::default();
        let none = ScheduleInput::default().check(&mut errors);
        assert!(errors.is_empty());
        assert_eq!(none, Schedule::default());

        let typed = ScheduleInput {
            starts_at: "17:30".into(),
            minutes: "90".into(),
            place: " The school library ".into(),
        }
        .check(&mut errors);
        assert!(errors.is_empty());
        assert_eq!(typed.starts_at, NaiveTime::from_hms_opt(17, 30, 0));
        assert_eq!(typed.minutes, Some(90));
        assert_eq!(typed.place, "The school library");
        assert_eq!(typed.input().starts_at, "17:30");

        let wrong = ScheduleInput {
            starts_at: "25:00".into(),
            minutes: "5".into(),
            place: "x".repeat(300),
        };
        wrong.check(&mut errors);
        assert_eq!(errors.problem(Field::StartsAt), Some(Problem::NotATime));
        assert_eq!(errors.problem(Field::Length), Some(Problem::OutOfRange));
        assert_eq!(errors.problem(Field::Place), Some(Problem::TooLong));
    }

    #[test]
    fn a_timed_event_starts_and_ends_in_local_time_with_its_place_escaped() {
        let event = CalendarEvent {
            uid: "training-1@parent-bridge".into(),
            title: "Training: roles, boundaries".into(),
            date: day("2027-01-10"),
            schedule: Schedule {
                starts_at: NaiveTime::from_hms_opt(23, 0, 0),
                minutes: Some(90),
                place: "Library; room 2".into(),
            },
            description: String::new(),
        };

        let text = ics(&[event], stamp());

        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.contains("\r\nDTSTART:20270110T230000\r\n"));
        assert!(
            text.contains("\r\nDTEND:20270111T003000\r\n"),
            "past midnight: {text}"
        );
        assert!(text.contains("\r\nSUMMARY:Training: roles\\, boundaries\r\n"));
        assert!(text.contains("\r\nLOCATION:Library\\; room 2\r\n"));
        assert!(text.contains("\r\nDTSTAMP:20270102T083000Z\r\n"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }

    #[test]
    fn an_event_without_a_time_is_a_whole_day_and_long_lines_fold_between_characters() {
        let event = CalendarEvent {
            uid: "meeting-2@parent-bridge".into(),
            title: "Întâlnire de grup a mentorilor, în biblioteca școlii din cartier".into(),
            date: day("2027-03-31"),
            schedule: Schedule::default(),
            description: "Line one\nline two".into(),
        };

        let text = ics(&[event], stamp());

        assert!(text.contains("\r\nDTSTART;VALUE=DATE:20270331\r\nDTEND;VALUE=DATE:20270401\r\n"));
        assert!(text.contains("DESCRIPTION:Line one\\nline two"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(
            "SUMMARY:Întâlnire de grup a mentorilor\\, în biblioteca școlii din cartier"
        ));
    }
}
