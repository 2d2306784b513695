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

/// Reads an RFC 3339 moment as chrono writes them (`2026-11-23T09:05:00Z`,
/// `2026-11-23T09:05:00.123+02:00`).
pub fn parse_moment(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.len() < 20 || text.as_bytes()[10] != b'T' || !text.is_char_boundary(19) {
        return None;
    }
    let date = parse_iso_date(&text[..10])?;
    let part = |range: std::ops::Range<usize>, max: u32| -> Option<u32> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    let b = text.as_bytes();
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (part(11..13, 23)?, part(14..16, 59)?, part(17..19, 59)?);
    let mut rest = &text[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        for (i, b) in fraction.bytes().take(9).take(digits).enumerate() {
            nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
        }
        rest = &fraction[digits..];
    }
    let offset_seconds = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6
            && (rest.starts_with('+') || rest.starts_with('-'))
            && &rest[3..4] == ":" =>
        {
            let hours: i32 = rest[1..3].parse().ok()?;
            let minutes: i32 = rest[4..6].parse().ok()?;
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return None,
    };
    let local = date.and_hms_nano_opt(hour, minute, second, nanos)?;
    let offset = FixedOffset::east_opt(offset_seconds)?;
    Some(
        local
            .and_local_timezone(offset)
            .single()?
            .with_timezone(&Utc),
    )
}

/// Writes a moment in RFC 3339, UTC, to the millisecond
/// (`2026-11-23T09:05:07.123Z`).
pub fn format_moment_iso(at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}Z",
        format_iso_date(at.date_naive()),
        at.hour(),
        at.minute(),
        at.second(),
        at.timestamp_subsec_millis().min(999)
    )
}

/// Serde for dates written `yyyy-mm-dd`, without chrono's general parser.
pub mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_iso_date(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse_iso_date(&text)
            .ok_or_else(|| serde::de::Error::custom("not a yyyy-mm-dd date"))
    }

    /// The same for an optional date.
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            date: &Option<NaiveDate>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => super::serialize(date, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<NaiveDate>, D::Error> {
            let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
            text.map(|t| {
                super::super::parse_iso_date(&t)
                    .ok_or_else(|| serde::de::Error::custom("not a yyyy-mm-dd date"))
            })
            .transpose()
        }
    }
}

/// Serde for moments in RFC 3339 (chrono writes them; read by hand).
pub mod moment {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_moment_iso(*at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::parse_moment(&text).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 moment"))
    }

    /// Serde for an optional moment (`with = "moment::option"`).
    pub mod option {
        use chrono::{DateTime, Utc};
        use serde::{Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            at: &Option<DateTime<Utc>>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => super::serialize(at, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            super::deserialize_option(deserializer)
        }
    }

    /// The same for a field that may be missing.
    pub fn deserialize_option<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        text.map(|t| {
            super::parse_moment(&t)
                .ok_or_else(|| serde::de::Error::custom("not an RFC 3339 moment"))
        })
        .transpose()
    }
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
    fn a_moment_written_by_chrono_is_read_back() {
        for at in [
            "2026-11-23T09:05:07Z",
            "2026-11-23T09:05:07.123Z",
            "2026-11-23T09:05:07.123456789Z",
        ] {
            let expected = DateTime::parse_from_rfc3339(at)
                .unwrap()
                .with_timezone(&Utc);
            assert_eq!(parse_moment(at), Some(expected), "{at}");
            let written = serde_json::to_string(&expected).unwrap();
            assert_eq!(parse_moment(written.trim_matches('"')), Some(expected));
        }
        let offset = parse_moment("2026-11-23T11:05:07+02:00").unwrap();
        assert_eq!(offset, parse_moment("2026-11-23T09:05:07Z").unwrap());
    }

    #[test]
    fn a_moment_is_written_to_the_millisecond_and_read_back() {
        let at = parse_moment("2026-11-23T09:05:07.123456Z").unwrap();
        assert_eq!(format_moment_iso(at), "2026-11-23T09:05:07.123Z");
        let ms = parse_moment("2026-11-23T09:05:07.123Z").unwrap();
        assert_eq!(parse_moment(&format_moment_iso(ms)), Some(ms));
    }

    #[test]
    fn anything_but_a_moment_is_refused() {
        for text in [
            "2026-11-23 09:05:07Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T09:05:07",
            "2026-11-23T09:05:07.Z",
            "",
        ] {
            assert_eq!(parse_moment(text), None, "{text:?}");
        }
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
