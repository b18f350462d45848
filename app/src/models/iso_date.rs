//! Dates on the wire as ISO 8601 (`2026-10-05`), as chrono writes them, read back by hand.
//!
//! chrono's own `Deserialize` for `NaiveDate` goes through its general parser (every format
//! item, RFC 2822 and 3339 included), which then sat in the browser's main wasm for the
//! diary's dates. The types the diary reads name this module instead
//! (`#[serde(with = "crate::models::iso_date")]`, or `iso_date::option`); what they write
//! is unchanged.

use chrono::NaiveDate;
use serde::{de, Deserializer, Serializer};

/// Reads `yyyy-mm-dd`, with a sign and more digits for the years chrono writes that way
/// (`+10000-01-01`, `-0001-12-31`); `None` for anything else or a date that does not exist.
pub fn parse(text: &str) -> Option<NaiveDate> {
    // chrono writes a sign only for years outside 0..=9999: `+` with five digits or more.
    let (negative, unsigned, years) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..], 5..=6),
        b'-' => (true, &text[1..], 4..=6),
        _ => (false, text, 4..=4),
    };
    let mut parts = unsigned.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some()
        || !digits(year, years)
        || !digits(month, 2..=2)
        || !digits(day, 2..=2)
    {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    NaiveDate::from_ymd_opt(
        if negative { -year } else { year },
        month.parse().ok()?,
        day.parse().ok()?,
    )
}

pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(IsoDate)
}

struct IsoDate;

impl de::Visitor<'_> for IsoDate {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a date written yyyy-mm-dd")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

/// The same for an optional date (`null` when there is none).
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.collect_str(date),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(Optional)
    }

    struct Optional;

    impl<'de> de::Visitor<'de> for Optional {
        type Value = Option<NaiveDate>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date written yyyy-mm-dd, or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            super::deserialize(d).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Dates {
        #[serde(with = "super")]
        day: NaiveDate,
        #[serde(with = "super::option")]
        maybe: Option<NaiveDate>,
    }

    #[test]
    fn writes_what_chrono_writes_and_reads_it_back() {
        let day = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        for maybe in [None, Some(day)] {
            let dates = Dates { day, maybe };
            let json = serde_json::to_string(&dates).unwrap();
            #[derive(serde::Serialize)]
            struct AsChrono {
                day: NaiveDate,
                maybe: Option<NaiveDate>,
            }
            assert_eq!(
                json,
                serde_json::to_string(&AsChrono { day, maybe }).unwrap()
            );
            assert_eq!(serde_json::from_str::<Dates>(&json).unwrap(), dates);
        }
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026-02-28T00:00",
            " 2026-02-28",
            "",
            "+",
            "2026/02/28",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
            let json = format!(r#"{{"day":"{bad}","maybe":null}}"#);
            assert!(serde_json::from_str::<Dates>(&json).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Dates>(r#"{"day":20260228,"maybe":null}"#).is_err());
    }

    proptest! {
        /// Every date chrono can hold reads back from what chrono writes.
        #[test]
        fn any_date_reads_back(days in NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce()) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            prop_assert_eq!(parse(&date.to_string()), Some(date));
        }

        /// What this reads, chrono reads the same way.
        #[test]
        fn reads_nothing_chrono_would_read_otherwise(text in "[+-]?[0-9]{3,7}-[01]?[0-9]-[0-3]?[0-9]") {
            if let Some(date) = parse(&text) {
                prop_assert_eq!(text.parse::<NaiveDate>().ok(), Some(date));
            }
        }
    }
}
