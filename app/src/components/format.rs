//! Dates, times and durations as people read them, per language.

use crate::i18n::{Lang, Msg};
use chrono::{DateTime, Local, NaiveDate, Utc};

pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => date.format("%-d %b %Y").to_string(),
        Lang::Ro => date.format("%d.%m.%Y").to_string(),
    }
}

pub fn format_duration(minutes: u32, lang: Lang) -> String {
    Msg::DurationValue.fill(
        lang,
        &[
            ("h", &(minutes / 60).to_string()),
            ("m", &(minutes % 60).to_string()),
        ],
    )
}

/// A moment in the phone's own time zone.
pub fn format_moment(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Local);
    format!(
        "{} {}",
        format_date(local.date_naive(), lang),
        local.format("%H:%M")
    )
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
    fn durations_show_hours_and_minutes() {
        assert_eq!(format_duration(95, Lang::En), "1 h 35 min");
    }
}
