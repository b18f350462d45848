//! Texts with figures for the dashboard and the reports: the sentence that sums up each
//! chart (read by screen readers and printed with it) and the report's title.

use super::{format_number, format_period, Locale};

fn percent(locale: Locale, part: u32, whole: u32) -> String {
    if whole == 0 {
        return "0 %".into();
    }
    format!(
        "{} %",
        format_number(locale, part as f64 * 100.0 / whole as f64, 1)
    )
}

/// "N officers scored: x % G1, y % G2, …".
pub fn grades_summary(locale: Locale, grades: &[String], counts: &[u32]) -> String {
    let scored: u32 = counts.iter().sum();
    let parts: Vec<String> = grades
        .iter()
        .zip(counts)
        .map(|(g, n)| format!("{} {g}", percent(locale, *n, scored)))
        .collect();
    match locale {
        Locale::Vi => format!("{scored} cán bộ được chấm điểm: {}.", parts.join(", ")),
        Locale::En => format!("{scored} officers scored: {}.", parts.join(", ")),
    }
}

/// How the share of the top grade moved from the first month shown to the last.
pub fn trend_summary(
    locale: Locale,
    first: (&str, u32, u32),
    last: (&str, u32, u32),
    top: &str,
) -> String {
    let (p0, x0, n0) = first;
    let (p1, x1, n1) = last;
    let (a, b) = (format_period(locale, p0), format_period(locale, p1));
    match locale {
        Locale::Vi => format!(
            "Tỷ lệ {top}: {} ở {a}, {} ở {b}.",
            percent(locale, x0, n0),
            percent(locale, x1, n1)
        ),
        Locale::En => format!(
            "Share of {top}: {} in {a}, {} in {b}.",
            percent(locale, x0, n0),
            percent(locale, x1, n1)
        ),
    }
}

/// How many rows are flagged for high hours, and the highest average.
pub fn inflation_summary(
    locale: Locale,
    flagged: usize,
    rows: usize,
    highest: Option<(&str, f64)>,
) -> String {
    let top = highest
        .map(|(name, h)| match locale {
            Locale::Vi => format!(" Cao nhất: {name}, {} giờ.", format_number(locale, h, 1)),
            Locale::En => format!(" Highest: {name}, {} h.", format_number(locale, h, 1)),
        })
        .unwrap_or_default();
    match locale {
        Locale::Vi => format!("{flagged}/{rows} được đánh dấu cần xem lại.{top}"),
        Locale::En => format!("{flagged} of {rows} flagged to look at again.{top}"),
    }
}

/// The monthly report's title.
pub fn report_title(locale: Locale, period: &str) -> String {
    let p = format_period(locale, period);
    match locale {
        Locale::Vi => {
            format!("Báo cáo kết quả theo dõi, đánh giá cán bộ, công chức theo KPI — {p}")
        }
        Locale::En => format!("Report on the KPI evaluation of civil servants — {p}"),
    }
}

/// The title of an agency's classification list for `period`.
pub fn classification_title(locale: Locale, period: &str) -> String {
    let p = format_period(locale, period);
    match locale {
        Locale::Vi => format!("Danh sách kết quả đánh giá, xếp loại cán bộ, công chức — {p}"),
        Locale::En => format!("Civil servants' evaluation and classification list — {p}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grades_summary_gives_shares_with_a_decimal_comma() {
        let g = vec!["HTXSNV".to_string(), "HTTNV".to_string()];
        assert_eq!(
            grades_summary(Locale::Vi, &g, &[1, 2]),
            "3 cán bộ được chấm điểm: 33,3 % HTXSNV, 66,7 % HTTNV."
        );
        assert_eq!(
            grades_summary(Locale::En, &g, &[0, 0]),
            "0 officers scored: 0 % HTXSNV, 0 % HTTNV."
        );
    }
}
