//! Decimal rounding and Vietnamese number formatting.
//!
//! Scores are rounded "half away from zero" on their decimal value, as a person
//! would on paper: 89.995 becomes 90.00 even though the nearest `f64` to 89.995
//! sits a hair below it. We first snap the binary value to nine decimals (far
//! below the precision of any score) and then round that decimal string.

/// Rounds `x` to `decimals` places, half away from zero, on its decimal value.
///
/// A value within half a billionth of a tie (in units of the input) counts as
/// the tie, which is what snapping to nine decimals first amounts to.
/// Non-finite values and magnitudes of 1e15 or more are returned unchanged;
/// `decimals` above 9 is treated as 9.
pub fn round_half_away(x: f64, decimals: u32) -> f64 {
    if !x.is_finite() || x.abs() >= 1e15 {
        return x;
    }
    let scale = 10f64.powi(decimals.min(9) as i32);
    let scaled = x.abs() * scale;
    let whole = scaled.trunc();
    let tie_slack = 0.5e-9 * scale;
    let rounded = if scaled - whole >= 0.5 - tie_slack {
        whole + 1.0
    } else {
        whole
    };
    let magnitude = rounded / scale;
    if x < 0.0 && magnitude != 0.0 {
        -magnitude
    } else {
        magnitude
    }
}

/// Whole hundredths of a value already rounded to two decimals.
pub fn to_cents(x: f64) -> i64 {
    (round_half_away(x, 2) * 100.0).round() as i64
}

/// Formats a number the Vietnamese way: fixed decimals, decimal comma, no grouping
/// below one million (`87,50`, `-3,25`); thousands grouped with dots above it.
pub fn format_vn(x: f64, decimals: u32) -> String {
    if x.is_nan() {
        return "không xác định".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "+vô cùng" } else { "-vô cùng" }.to_string();
    }
    let decimals = decimals.min(9);
    let rounded = round_half_away(x, decimals);
    let scale = 10u64.pow(decimals);
    let scaled = rounded.abs() * scale as f64;
    // Integer arithmetic keeps the common case free of float formatting.
    let (int_part, frac_part) = if scaled < 9e15 {
        let units = scaled.round() as u64;
        let frac = units % scale;
        (
            (units / scale).to_string(),
            format!("{frac:0width$}", width = decimals as usize),
        )
    } else {
        let text = format!("{:.*}", decimals as usize, rounded.abs());
        let (i, f) = text.split_once('.').unwrap_or((&text, ""));
        (i.to_string(), f.to_string())
    };
    let int_part = if int_part.len() > 6 {
        group_thousands(&int_part)
    } else {
        int_part
    };
    let sign = if rounded < 0.0 { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part},{frac_part}")
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero_on_the_decimal_value() {
        assert_eq!(round_half_away(0.285, 2), 0.29);
        assert_eq!(round_half_away(87.125, 2), 87.13);
        assert_eq!(round_half_away(-87.125, 2), -87.13);
        assert_eq!(round_half_away(19.995 + 70.0, 2), 90.0);
        assert_eq!(round_half_away(89.994, 2), 89.99);
        assert_eq!(round_half_away(69.99999999999999, 2), 70.0);
        assert_eq!(round_half_away(2.5, 0), 3.0);
        assert_eq!(round_half_away(-2.5, 0), -3.0);
        assert_eq!(round_half_away(1.0 / 3.0, 2), 0.33);
        assert_eq!(round_half_away(2.675, 2), 2.68);
        assert_eq!(round_half_away(1.005, 2), 1.01);
        assert_eq!(round_half_away(0.1 + 0.2, 2), 0.3);
        assert_eq!(round_half_away(-0.004, 2), 0.0);
        assert!(round_half_away(-0.004, 2).is_sign_positive());
        assert_eq!(round_half_away(123.456_789_4, 4), 123.4568);
    }

    #[test]
    fn leaves_non_finite_and_huge_values_alone() {
        assert!(round_half_away(f64::NAN, 2).is_nan());
        assert_eq!(round_half_away(f64::INFINITY, 2), f64::INFINITY);
        assert_eq!(round_half_away(1e300, 2), 1e300);
    }

    #[test]
    fn formats_with_a_decimal_comma() {
        assert_eq!(format_vn(87.5, 2), "87,50");
        assert_eq!(format_vn(-3.254, 2), "-3,25");
        assert_eq!(format_vn(70.0, 0), "70");
        assert_eq!(format_vn(1_234_567.5, 1), "1.234.567,5");
        assert_eq!(format_vn(f64::NAN, 2), "không xác định");
        assert_eq!(format_vn(0.004, 2), "0,00");
        assert_eq!(format_vn(9.999, 2), "10,00");
        assert_eq!(format_vn(0.05, 1), "0,1");
        assert_eq!(format_vn(1e20, 2), "100.000.000.000.000.000.000,00");
    }

    #[test]
    fn cents_are_exact() {
        assert_eq!(to_cents(89.995), 9000);
        assert_eq!(to_cents(-0.01), -1);
        assert_eq!(to_cents(0.1 + 0.2), 30);
    }
}
