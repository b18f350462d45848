//! Locale-aware formatting of scores, numbers and dates.

use super::Locale;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

/// Vietnam's clock: UTC+7 all year (no daylight saving).
const VIETNAM_UTC_OFFSET: i64 = 7;

/// A moment as read on a clock in Vietnam.
pub fn vietnam_time(at: DateTime<Utc>) -> NaiveDateTime {
    (at + Duration::hours(VIETNAM_UTC_OFFSET)).naive_utc()
}

/// The date of a moment in Vietnam.
pub fn vietnam_date(at: DateTime<Utc>) -> NaiveDate {
    vietnam_time(at).date()
}

/// The moment a day starts in Vietnam.
pub fn vietnam_day_start(day: NaiveDate) -> Option<DateTime<Utc>> {
    day.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() - Duration::hours(VIETNAM_UTC_OFFSET))
}

/// A number with `decimals` places: `87,50` in Vietnamese, `87.50` in English.
/// Thousands are grouped (`20.000` / `20,000`).
pub fn format_number(locale: Locale, value: f64, decimals: usize) -> String {
    let (group, point) = match locale {
        Locale::Vi => ('.', ','),
        Locale::En => (',', '.'),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(frac) = frac_part {
        out.push(point);
        out.push_str(&frac);
    }
    out
}

/// A score: two decimals.
pub fn format_score(locale: Locale, value: f64) -> String {
    format_number(locale, value, 2)
}

/// dd/mm/yyyy in Vietnamese (the official form), ISO-like dd/mm/yyyy in English too:
/// Vietnamese users of the English UI still expect day first.
/// Written by hand: chrono's `format` brings its whole strftime interpreter into the
/// browser's main wasm, for this one pattern.
pub fn format_date(_locale: Locale, date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// A date as typed in a form: `yyyy-mm-dd` (what a date input sends) or `dd/mm/yyyy` (what
/// people write); spaces around are ignored.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

/// A period's code as people write it: `tháng 11/2026`, `quý 4/2026`, `năm 2026` (English:
/// `month 11/2026`, `Q4 2026`, `year 2026`); a text that is no period code as it is.
pub fn format_period(locale: Locale, code: &str) -> String {
    use crate::models::PeriodCode;
    let vi = locale == Locale::Vi;
    match PeriodCode::parse(code) {
        Ok(PeriodCode::Month { year, month }) if vi => format!("tháng {month:02}/{year}"),
        Ok(PeriodCode::Month { year, month }) => format!("month {month:02}/{year}"),
        Ok(PeriodCode::Quarter { year, quarter }) if vi => format!("quý {quarter}/{year}"),
        Ok(PeriodCode::Quarter { year, quarter }) => format!("Q{quarter} {year}"),
        Ok(PeriodCode::Year(year)) if vi => format!("năm {year}"),
        Ok(PeriodCode::Year(year)) => format!("year {year}"),
        Err(_) => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 9);
        assert_eq!(parse_date("2026-03-09"), d);
        assert_eq!(parse_date(" 09/03/2026 "), d);
        assert_eq!(parse_date("31/02/2026"), None);
        assert_eq!(parse_date("hôm nay"), None);
        assert_eq!(parse_date(""), None);
    }

    proptest::proptest! {
        #[test]
        fn any_date_reads_back_in_both_forms(days in 0i64..2_900_000) {
            let d = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date") + chrono::Duration::days(days);
            proptest::prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Some(d));
            proptest::prop_assert_eq!(parse_date(&d.format("%d/%m/%Y").to_string()), Some(d));
        }

        #[test]
        fn any_date_is_written_as_strftime_writes_it(days in 0i64..2_900_000) {
            let d = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date") + chrono::Duration::days(days);
            proptest::prop_assert_eq!(format_date(Locale::Vi, d), d.format("%d/%m/%Y").to_string());
            proptest::prop_assert_eq!(d.to_string(), d.format("%Y-%m-%d").to_string());
        }

        #[test]
        fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,40}") {
            let _ = parse_date(&text);
        }
    }

    #[test]
    fn periods_read_as_people_write_them() {
        assert_eq!(format_period(Locale::Vi, "2026-03"), "tháng 03/2026");
        assert_eq!(format_period(Locale::En, "2026-Q4"), "Q4 2026");
        assert_eq!(format_period(Locale::Vi, "2026"), "năm 2026");
        assert_eq!(format_period(Locale::Vi, "<b>"), "<b>");
    }

    #[test]
    fn scores_use_decimal_comma_in_vietnamese() {
        assert_eq!(format_score(Locale::Vi, 87.5), "87,50");
        assert_eq!(format_score(Locale::En, 87.5), "87.50");
        assert_eq!(format_score(Locale::Vi, -0.004), "0,00");
        assert_eq!(format_score(Locale::Vi, -3.25), "-3,25");
    }

    #[test]
    fn numbers_group_thousands() {
        assert_eq!(format_number(Locale::Vi, 20000.0, 0), "20.000");
        assert_eq!(format_number(Locale::En, 2_200_000.0, 0), "2,200,000");
        assert_eq!(format_number(Locale::Vi, 999.0, 0), "999");
        assert_eq!(format_number(Locale::Vi, 1234.567, 1), "1.234,6");
    }

    #[test]
    fn dates_are_day_first() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 1).expect("valid date");
        assert_eq!(format_date(Locale::Vi, d), "01/04/2025");
    }
}

/// Reads a number typed by a user: Vietnamese writes 1,5 for 1.5; a dot is accepted too.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || t.matches([',', '.']).count() > 1 {
        return None;
    }
    t.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod vietnam_tests {
    use super::*;

    #[test]
    fn vietnam_is_seven_hours_ahead_and_its_days_start_at_17_utc() {
        let at = "2026-11-30T18:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            vietnam_date(at),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(vietnam_time(at).format("%H:%M").to_string(), "01:30");
        let start = vietnam_day_start(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-11-30T17:00:00+00:00");
        assert_eq!(
            vietnam_date(start),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
    }
}

#[cfg(test)]
mod parse_tests {
    use super::parse_number;

    #[test]
    fn numbers_with_a_decimal_comma_or_dot() {
        assert_eq!(parse_number(" 27,5 "), Some(27.5));
        assert_eq!(parse_number("27.5"), Some(27.5));
        assert_eq!(parse_number("30"), Some(30.0));
        for bad in ["", "abc", "1,2,3", "1.234,5", "NaN", "inf"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
