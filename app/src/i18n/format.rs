//! Dates, times and durations as people read them: one format per language,
//! used everywhere. Written by hand (no `strftime`), which keeps chrono's
//! formatting machinery out of the browser's download.

use super::{Lang, Msg};
use crate::model::dates::{local_time, local_today, parse_iso_date};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Utc};

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `20 Nov 2026` in English, `20.11.2026` in Romanian.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            MONTHS_EN[date.month0() as usize],
            date.year()
        ),
        Lang::Ro => format!("{:02}.{:02}.{}", date.day(), date.month(), date.year()),
    }
}

/// `1 h 15 min`, `45 min`, `2 h`.
pub fn format_duration(minutes: u32, lang: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = h.to_string();
    let mins = m.to_string();
    match (h, m) {
        (0, _) => Msg::DurationMinutes.fill(lang, &[("m", &mins)]),
        (_, 0) => Msg::DurationHours.fill(lang, &[("h", &hours)]),
        _ => Msg::DurationValue.fill(lang, &[("h", &hours), ("m", &mins)]),
    }
}

/// A total of many meetings' minutes, as hours and minutes.
pub fn format_total_duration(minutes: i64, lang: Lang) -> String {
    format_duration(minutes.clamp(0, u32::MAX as i64) as u32, lang)
}

fn clock(at: &DateTime<FixedOffset>) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// A moment in the phone's own time zone: `20 Nov 2026, 14:05`.
pub fn format_moment(at: DateTime<Utc>, lang: Lang) -> String {
    let local = local_time(at);
    format!(
        "{}, {}",
        format_date(local.date_naive(), lang),
        clock(&local)
    )
}

/// A moment as short as it can be read: the time alone if it was today.
pub fn format_moment_short(at: DateTime<Utc>, lang: Lang) -> String {
    let local = local_time(at);
    if local.date_naive() == local_today() {
        clock(&local)
    } else {
        format_moment(at, lang)
    }
}

/// A date as typed in a form (`yyyy-mm-dd`), shown in the language's format;
/// shown as typed if it is not a date.
pub fn format_typed_date(typed: &str, lang: Lang) -> String {
    parse_iso_date(typed)
        .map(|d| format_date(d, lang))
        .unwrap_or_else(|| typed.to_string())
}

/// Text made safe to put in HTML, in an element or a quoted attribute.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(format_date(date, Lang::En), "2 Nov 2026");
        assert_eq!(format_date(date, Lang::Ro), "02.11.2026");
    }

    #[test]
    fn durations_show_hours_and_minutes_without_zeros() {
        assert_eq!(format_duration(95, Lang::En), "1 h 35 min");
        assert_eq!(format_duration(45, Lang::En), "45 min");
        assert_eq!(format_duration(120, Lang::Ro), "2 h");
        assert_eq!(format_total_duration(500, Lang::En), "8 h 20 min");
    }

    #[test]
    fn a_typed_date_is_shown_in_the_languages_format() {
        assert_eq!(format_typed_date("2026-11-20", Lang::En), "20 Nov 2026");
        assert_eq!(format_typed_date("not a date", Lang::En), "not a date");
    }
}
