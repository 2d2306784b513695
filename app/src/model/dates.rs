//! Dates as forms and the database write them (`yyyy-mm-dd`), and the time
//! where the person is. Written by hand: chrono's general formatter and
//! parser are not needed for one fixed format, and they weigh on the
//! browser's download.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// Reads `yyyy-mm-dd` (what `<input type="date">` gives), strictly.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// Writes `yyyy-mm-dd`.
pub fn format_iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The offset from UTC where the person is, at `at`: the browser's time
/// zone in the browser, the server's on the server.
pub fn local_offset(at: DateTime<Utc>) -> FixedOffset {
    #[cfg(target_arch = "wasm32")]
    let minutes_east = {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        -(date.get_timezone_offset() as i32)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let minutes_east = {
        use chrono::Offset;
        at.with_timezone(&chrono::Local)
            .offset()
            .fix()
            .local_minus_utc()
            / 60
    };
    FixedOffset::east_opt(minutes_east * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero is an offset"))
}

/// A moment where the person is.
pub fn local_time(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&local_offset(at))
}

/// Today where the person is.
pub fn local_today() -> NaiveDate {
    local_time(Utc::now()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iso_date_round_trips() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(format_iso_date(date), "2026-03-07");
        assert_eq!(parse_iso_date(" 2026-03-07 "), Some(date));
    }

    #[test]
    fn anything_but_a_real_yyyy_mm_dd_date_is_refused() {
        for text in [
            "2026-02-30",
            "2026-3-07",
            "07.03.2026",
            "2026-03-0x",
            "+026-03-07",
            "",
            "2026-13-01",
        ] {
            assert_eq!(parse_iso_date(text), None, "{text:?}");
        }
    }
}
