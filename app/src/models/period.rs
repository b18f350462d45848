//! Evaluation periods by their codes: `2026-10` (a month), `2026-Q4` (a quarter), `2026`
//! (a year). A [`PeriodCode`] is always valid: it is made by [`PeriodCode::parse`] or from
//! a date, and knows its kind and its first and last days.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The length of a period, stored as `month`, `quarter` or `year`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    pub fn parse(text: &str) -> Option<PeriodKind> {
        match text {
            "month" => Some(PeriodKind::Month),
            "quarter" => Some(PeriodKind::Quarter),
            "year" => Some(PeriodKind::Year),
            _ => None,
        }
    }
}

/// A period's code. Ordered by start, then by length (a month before its quarter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum PeriodCode {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year(i32),
}

/// A text that is not a period code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPeriodCode(pub String);

impl std::fmt::Display for BadPeriodCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a period code: \"{}\"", self.0)
    }
}

impl std::error::Error for BadPeriodCode {}

/// Years a period may fall in: wide enough for any archive, narrow enough that every date
/// arithmetic stays inside chrono's range.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

impl PeriodCode {
    /// Parses `2026-10` (month), `2026-Q4` or `2026-q4` (quarter), `2026` (year); spaces
    /// around are ignored.
    pub fn parse(text: &str) -> Result<PeriodCode, BadPeriodCode> {
        let bad = || BadPeriodCode(text.to_string());
        let code = text.trim();
        let year = |y: &str| -> Result<i32, BadPeriodCode> {
            if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            y.parse().ok().filter(|y| YEARS.contains(y)).ok_or_else(bad)
        };
        let number =
            |n: &str, range: std::ops::RangeInclusive<u32>| -> Result<u32, BadPeriodCode> {
                if n.is_empty() || n.len() > 2 || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                n.parse().ok().filter(|n| range.contains(n)).ok_or_else(bad)
            };
        match code.split_once('-') {
            None => Ok(PeriodCode::Year(year(code)?)),
            Some((y, rest)) => {
                let year = year(y)?;
                match rest.strip_prefix(['Q', 'q']) {
                    Some(q) => Ok(PeriodCode::Quarter {
                        year,
                        quarter: number(q, 1..=4)?,
                    }),
                    None => Ok(PeriodCode::Month {
                        year,
                        month: number(rest, 1..=12)?,
                    }),
                }
            }
        }
    }

    /// The month containing `date`.
    pub fn month_of(date: NaiveDate) -> PeriodCode {
        PeriodCode::Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The quarter containing `date`.
    pub fn quarter_of(date: NaiveDate) -> PeriodCode {
        PeriodCode::Quarter {
            year: date.year(),
            quarter: (date.month() - 1) / 3 + 1,
        }
    }

    /// The period of `kind` containing `date`.
    pub fn of_kind(kind: PeriodKind, date: NaiveDate) -> PeriodCode {
        match kind {
            PeriodKind::Month => PeriodCode::month_of(date),
            PeriodKind::Quarter => PeriodCode::quarter_of(date),
            PeriodKind::Year => PeriodCode::Year(date.year()),
        }
    }

    pub fn kind(self) -> PeriodKind {
        match self {
            PeriodCode::Month { .. } => PeriodKind::Month,
            PeriodCode::Quarter { .. } => PeriodKind::Quarter,
            PeriodCode::Year(_) => PeriodKind::Year,
        }
    }

    pub fn year(self) -> i32 {
        match self {
            PeriodCode::Month { year, .. } | PeriodCode::Quarter { year, .. } => year,
            PeriodCode::Year(year) => year,
        }
    }

    /// The first day of the period.
    pub fn starts_on(self) -> NaiveDate {
        let (y, m) = match self {
            PeriodCode::Month { year, month } => (year, month),
            PeriodCode::Quarter { year, quarter } => (year, (quarter - 1) * 3 + 1),
            PeriodCode::Year(year) => (year, 1),
        };
        first_of(y, m)
    }

    /// The last day of the period.
    pub fn ends_on(self) -> NaiveDate {
        let (y, m) = match self {
            PeriodCode::Month { year, month } => (year, month),
            PeriodCode::Quarter { year, quarter } => (year, quarter * 3),
            PeriodCode::Year(year) => (year, 12),
        };
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        first_of(ny, nm).pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` falls in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        (self.starts_on()..=self.ends_on()).contains(&date)
    }

    /// The period of the same kind just before this one.
    pub fn previous(self) -> PeriodCode {
        match self.starts_on().pred_opt() {
            Some(day) => PeriodCode::of_kind(self.kind(), day),
            None => self,
        }
    }
}

/// The first day of a month of a year in [`YEARS`] (or the next year, for a period's end).
fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

impl std::fmt::Display for PeriodCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PeriodCode::Month { year, month } => write!(f, "{year}-{month:02}"),
            PeriodCode::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            PeriodCode::Year(year) => write!(f, "{year}"),
        }
    }
}

impl std::str::FromStr for PeriodCode {
    type Err = BadPeriodCode;
    fn from_str(text: &str) -> Result<PeriodCode, BadPeriodCode> {
        PeriodCode::parse(text)
    }
}

impl TryFrom<String> for PeriodCode {
    type Error = BadPeriodCode;
    fn try_from(text: String) -> Result<PeriodCode, BadPeriodCode> {
        PeriodCode::parse(&text)
    }
}

impl From<PeriodCode> for String {
    fn from(code: PeriodCode) -> String {
        code.to_string()
    }
}

impl PartialOrd for PeriodCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PeriodCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.starts_on(), self.kind()).cmp(&(other.starts_on(), other.kind()))
    }
}

/// Monday-to-Friday days from `start` to `end` inclusive (public holidays are not known to
/// Rubric; they make the averages look a little lower than they are, never higher).
pub fn working_days(start: NaiveDate, end: NaiveDate) -> u32 {
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| d.weekday().num_days_from_monday() < 5)
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn codes_and_their_dates() {
        let m = PeriodCode::parse("2025-05").expect("month");
        assert_eq!(
            (m.kind(), m.starts_on(), m.ends_on()),
            (PeriodKind::Month, d("2025-05-01"), d("2025-05-31"))
        );
        let q = PeriodCode::parse(" 2025-q1 ").expect("quarter");
        assert_eq!(
            (q.kind(), q.starts_on(), q.ends_on()),
            (PeriodKind::Quarter, d("2025-01-01"), d("2025-03-31"))
        );
        assert_eq!(q.to_string(), "2025-Q1");
        let y = PeriodCode::parse("2024").expect("year");
        assert_eq!((y.kind(), y.ends_on()), (PeriodKind::Year, d("2024-12-31")));
        assert_eq!(
            PeriodCode::parse("2024-02").expect("leap").ends_on(),
            d("2024-02-29")
        );
        assert_eq!(
            PeriodCode::parse("2025-5").expect("one digit").to_string(),
            "2025-05"
        );
        assert_eq!(
            PeriodCode::parse("2025-12").expect("dec").ends_on(),
            d("2025-12-31")
        );
        assert_eq!(
            PeriodCode::parse("2026-01")
                .expect("jan")
                .previous()
                .to_string(),
            "2025-12"
        );
        assert_eq!(
            PeriodCode::quarter_of(d("2026-11-30")).to_string(),
            "2026-Q4"
        );
        for bad in [
            "2025-13", "2025-00", "2025-Q5", "2025-Q0", "abc", "2025-", "", "-2025", "20250",
            "+2025", "2025-Q", "2025-1x", "2025-001", "0000", "2025--1",
        ] {
            assert!(PeriodCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_as_the_code() {
        let q: PeriodCode = serde_json::from_str("\"2026-Q4\"").expect("json");
        assert_eq!(serde_json::to_string(&q).expect("json"), "\"2026-Q4\"");
        assert!(serde_json::from_str::<PeriodCode>("\"2026-Q9\"").is_err());
    }

    proptest::proptest! {
        /// Every text either is refused or parses into a code that prints back to a text
        /// parsing into the same code, whose dates are in order; no text panics.
        #[test]
        fn any_text_parses_or_is_refused(text in "[0-9Qq -]{0,9}|\\PC{0,12}") {
            if let Ok(code) = PeriodCode::parse(&text) {
                let again = PeriodCode::parse(&code.to_string()).expect("printed code parses");
                proptest::prop_assert_eq!(again, code);
                proptest::prop_assert!(code.starts_on() <= code.ends_on());
                proptest::prop_assert!(code.contains(code.starts_on()) && code.contains(code.ends_on()));
                proptest::prop_assert_eq!(code.previous().ends_on().succ_opt(), Some(code.starts_on()));
            }
        }
    }

    #[test]
    fn working_days_count_mondays_to_fridays() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // November 2026 starts on a Sunday: 21 weekdays.
        assert_eq!(working_days(d(2026, 11, 1), d(2026, 11, 30)), 21);
        assert_eq!(working_days(d(2026, 11, 7), d(2026, 11, 8)), 0);
        assert_eq!(working_days(d(2026, 11, 9), d(2026, 11, 9)), 1);
        assert_eq!(working_days(d(2026, 11, 9), d(2026, 11, 8)), 0);
    }
}
