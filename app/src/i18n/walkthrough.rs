//! The words of "how my score is computed" ([`crate::models::Walkthrough`]): each step's
//! title and its sentence with the officer's figures, in Vietnamese and English.

use super::{format_number, Locale};
use crate::models::{Criterion, Step, Threshold};

/// A figure with at most `decimals` decimals and no trailing zeros: "70", "0,25", "12,5".
pub fn figure(locale: Locale, value: f64, decimals: usize) -> String {
    let text = format_number(locale, value, decimals);
    let point = match locale {
        Locale::Vi => ',',
        Locale::En => '.',
    };
    match text.split_once(point) {
        Some((int, frac)) if frac.trim_end_matches('0').is_empty() => int.to_string(),
        Some((int, frac)) => format!("{int}{point}{}", frac.trim_end_matches('0')),
        None => text,
    }
}

fn points(locale: Locale, value: f64) -> String {
    figure(locale, value, 2)
}

/// A ratio as a percentage: 0.875 → "87,5 %".
fn pct(locale: Locale, ratio: f64) -> String {
    format!("{} %", figure(locale, ratio * 100.0, 2))
}

/// The step's title.
pub fn step_title(locale: Locale, step: &Step) -> &'static str {
    let (vi, en) = match step {
        Step::StandardHours { .. } => (
            "Quy đổi công việc ra giờ chuẩn",
            "Work converted to standard hours",
        ),
        Step::Quantity { .. } => ("Số lượng (a)", "Quantity (a)"),
        Step::Quality { .. } => ("Chất lượng (b)", "Quality (b)"),
        Step::Timeliness { .. } => ("Tiến độ (c)", "Timeliness (c)"),
        Step::Task { .. } => ("Điểm kết quả thực hiện nhiệm vụ", "Task points"),
        Step::UnitResult { .. } => (
            "Kết quả của đơn vị phụ trách",
            "Result of the unit you head",
        ),
        Step::Criterion {
            criterion: Criterion::General,
            ..
        } => ("Tiêu chí chung", "General criteria"),
        Step::Criterion {
            criterion: Criterion::ReformIt,
            ..
        } => (
            "Cải cách hành chính, ứng dụng CNTT",
            "Administrative reform and IT",
        ),
        Step::Months { .. } => ("Bình quân các tháng", "Mean of the months"),
        Step::Year { .. } => ("Kết quả năm", "The year's result"),
        Step::Total { .. } => ("Tổng điểm", "Total"),
        Step::Grade { .. } => ("Xếp loại", "Grade"),
        Step::Cap { .. } => ("Giới hạn tỷ lệ Hoàn thành xuất sắc", "Cap on the top grade"),
    };
    match locale {
        Locale::Vi => vi,
        Locale::En => en,
    }
}

/// The step's sentence, with the officer's figures.
pub fn step_text(locale: Locale, step: &Step) -> String {
    let n = |v: f64| points(locale, v);
    let p = |v: f64| pct(locale, v);
    let vi = locale == Locale::Vi;
    match step {
        Step::StandardHours {
            entries,
            assigned,
            completed,
        } => {
            if vi {
                format!("Mỗi công việc được quy đổi: giờ chuẩn = định mức (phút) ÷ 60 × hệ số phức tạp × số lượng. Trong kỳ, {entries} công việc đã xác nhận của ông/bà cho {} giờ chuẩn được giao và {} giờ chuẩn hoàn thành.", n(*assigned), n(*completed))
            } else {
                format!("Each task is converted: standard hours = norm (minutes) ÷ 60 × complexity × quantity. In the period, your {entries} confirmed entries give {} standard hours assigned and {} completed.", n(*assigned), n(*completed))
            }
        }
        Step::Quantity { hours, a } => {
            match (vi, hours) {
                (true, Some((completed, assigned))) => format!("a = giờ chuẩn hoàn thành ÷ giờ chuẩn được giao = {} ÷ {} = {} (tính tối đa 100 %).", n(*completed), n(*assigned), p(*a)),
                (true, None) => format!("a = giờ chuẩn hoàn thành ÷ giờ chuẩn được giao, tính tối đa 100 %: a = {} (nhật ký đã thay đổi sau khi chấm; xem giải thích chi tiết bên dưới).", p(*a)),
                (false, Some((completed, assigned))) => format!("a = standard hours completed ÷ assigned = {} ÷ {} = {} (at most 100 %).", n(*completed), n(*assigned), p(*a)),
                (false, None) => format!("a = standard hours completed ÷ assigned, at most 100 %: a = {} (the diary changed after scoring; see the detailed explanation below).", p(*a)),
            }
        }
        Step::Quality {
            penalty,
            failures,
            b,
        } => {
            if vi {
                format!("Mỗi lỗi chất lượng lớn trừ {} khối lượng của công việc đó, trừ khi có nguyên nhân khách quan được xác nhận. Ông/bà có {failures} lỗi bị tính: b = {}.", p(*penalty), p(*b))
            } else {
                format!("Each major quality failure takes {} of that task's volume, unless an objective cause was confirmed. You have {failures} counted: b = {}.", p(*penalty), p(*b))
            }
        }
        Step::Timeliness { penalty, delays, c } => {
            if vi {
                format!("Mỗi lần trễ hạn (kể cả hoàn thành sau hạn) trừ {} khối lượng của công việc đó, trừ khi có nguyên nhân khách quan được xác nhận. Ông/bà có {delays} lần bị tính: c = {}.", p(*penalty), p(*c))
            } else {
                format!("Each delay (finishing after the deadline included) takes {} of that task's volume, unless an objective cause was confirmed. You have {delays} counted: c = {}.", p(*penalty), p(*c))
            }
        }
        Step::Task {
            a,
            b,
            c,
            formula,
            task,
        } => match formula {
            Some(f) => {
                let [wa, wb, wc] = f.weights;
                let weights = n(wa + wb + wc);
                let sum = format!(
                    "({} × {} + {} × {} + {} × {}) ÷ {weights} × {}",
                    n(wa),
                    p(*a),
                    n(wb),
                    p(*b),
                    n(wc),
                    p(*c),
                    n(f.task_max)
                );
                if vi {
                    format!("Điểm nhiệm vụ = (trọng số a × a + trọng số b × b + trọng số c × c) ÷ tổng trọng số × {} điểm tối đa = {sum} = {} điểm.", n(f.task_max), n(*task))
                } else {
                    format!("Task points = (weight a × a + weight b × b + weight c × c) ÷ sum of weights × {} points at most = {sum} = {} points.", n(f.task_max), n(*task))
                }
            }
            None => {
                if vi {
                    format!("Từ a = {}, b = {}, c = {}, công thức của ông/bà cho {} điểm nhiệm vụ; từng phần được nêu trong giải thích chi tiết bên dưới.", p(*a), p(*b), p(*c), n(*task))
                } else {
                    format!("From a = {}, b = {}, c = {}, your formula gives {} task points; each part is in the detailed explanation below.", p(*a), p(*b), p(*c), n(*task))
                }
            }
        },
        Step::UnitResult {
            weight,
            ratio,
            task_max,
            points,
        } => {
            if vi {
                format!("Một phần điểm nhiệm vụ theo kết quả của đơn vị ông/bà phụ trách: {} × tỷ lệ hoàn thành của đơn vị {} × {} = {} điểm.", p(*weight), p(*ratio), n(*task_max), n(*points))
            } else {
                format!("Part of the task points follows the unit you head: {} × the unit's completion ratio {} × {} = {} points.", p(*weight), p(*ratio), n(*task_max), n(*points))
            }
        }
        Step::Criterion {
            given, max, points, ..
        } => match (vi, given) {
            (true, Some(g)) => format!(
                "Thủ trưởng đơn vị chấm {} điểm, tính tối đa {}: {} điểm.",
                n(*g),
                n(*max),
                n(*points)
            ),
            (true, None) => format!(
                "Điểm do thủ trưởng đơn vị chấm, tính tối đa {}: {} điểm.",
                n(*max),
                n(*points)
            ),
            (false, Some(g)) => format!(
                "Your head gave {} points, counted up to {}: {} points.",
                n(*g),
                n(*max),
                n(*points)
            ),
            (false, None) => format!(
                "Points given by your head, counted up to {}: {} points.",
                n(*max),
                n(*points)
            ),
        },
        Step::Months { scored, average } => {
            if vi {
                format!("Kết quả kỳ là bình quân của {scored} tháng đã chấm: {} điểm. Tháng chưa có điểm không tính là 0.", n(*average))
            } else {
                format!("The period's result is the mean of {scored} scored months: {} points. A month without a score does not count as zero.", n(*average))
            }
        }
        Step::Year {
            share_percent,
            scored,
            average,
            assessment,
        } => {
            let rest = 100.0 - share_percent;
            if vi {
                format!("Kết quả năm = {} % × bình quân {scored} tháng đã chấm ({}) + {} % × điểm đánh giá cuối năm của thủ trưởng ({}).", n(*share_percent), n(*average), n(rest), n(*assessment))
            } else {
                format!("The year's result = {} % × the mean of {scored} scored months ({}) + {} % × the head's year-end assessment ({}).", n(*share_percent), n(*average), n(rest), n(*assessment))
            }
        }
        Step::Total { parts, total } => {
            if parts.is_empty() {
                return if vi {
                    format!("Tổng điểm: {} điểm.", n(*total))
                } else {
                    format!("Total: {} points.", n(*total))
                };
            }
            let names: Vec<String> = parts
                .iter()
                .map(|(k, v)| format!("{} ({})", part_name(locale, k), n(*v)))
                .collect();
            if vi {
                format!("Tổng điểm = {} = {} điểm.", names.join(" + "), n(*total))
            } else {
                format!("Total = {} = {} points.", names.join(" + "), n(*total))
            }
        }
        Step::Grade {
            thresholds,
            total,
            grade,
            disqualified,
        } => {
            let rules: Vec<String> = thresholds
                .iter()
                .map(|t| threshold_text(locale, t))
                .collect();
            let mut text = if vi {
                format!(
                    "Theo công thức: {}; thấp hơn là KHTNV. Tổng {} điểm → {grade}.",
                    rules.join("; "),
                    n(*total)
                )
            } else {
                format!(
                    "By the formula: {}; below that, KHTNV. Total {} points → {grade}.",
                    rules.join("; "),
                    n(*total)
                )
            };
            if *disqualified {
                text.push_str(if vi {
                    " Ông/bà thuộc trường hợp xếp loại Không hoàn thành nhiệm vụ bất kể tổng điểm."
                } else {
                    " You fall under a case graded KHTNV whatever the total."
                });
            }
            text
        }
        Step::Cap { percent, applied } => {
            let mut text = if vi {
                format!("Trong mỗi nhóm, số người Hoàn thành xuất sắc nhiệm vụ không vượt quá {} % số người Hoàn thành tốt nhiệm vụ; người điểm thấp hơn trong số vượt được xếp Hoàn thành tốt.", n(*percent))
            } else {
                format!("In each group, those graded HTXSNV may not exceed {} % of those graded HTTNV; the lower totals beyond that are graded HTTNV.", n(*percent))
            };
            text.push_str(match (vi, applied) {
                (true, true) => " Giới hạn này đã áp dụng với ông/bà.",
                (true, false) => " Giới hạn này không làm thay đổi xếp loại của ông/bà.",
                (false, true) => " The cap lowered your grade.",
                (false, false) => " The cap did not change your grade.",
            });
            text
        }
    }
}

fn part_name(locale: Locale, key: &str) -> &'static str {
    match (locale, key) {
        (Locale::Vi, "general") => "tiêu chí chung",
        (Locale::Vi, "reform_it") => "cải cách hành chính, CNTT",
        (Locale::Vi, _) => "nhiệm vụ",
        (Locale::En, "general") => "general criteria",
        (Locale::En, "reform_it") => "reform and IT",
        (Locale::En, _) => "tasks",
    }
}

fn threshold_text(locale: Locale, t: &Threshold) -> String {
    let value = points(locale, t.value);
    match (locale, t.strict) {
        (Locale::Vi, false) => format!("{} từ {value} điểm", t.grade),
        (Locale::Vi, true) => format!("{} trên {value} điểm", t.grade),
        (Locale::En, false) => format!("{} from {value} points", t.grade),
        (Locale::En, true) => format!("{} above {value} points", t.grade),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::TaskFormula;

    #[test]
    fn figures_drop_trailing_zeros_and_keep_the_decimal_comma() {
        assert_eq!(figure(Locale::Vi, 70.0, 2), "70");
        assert_eq!(figure(Locale::Vi, 0.25, 2), "0,25");
        assert_eq!(figure(Locale::En, 12.5, 2), "12.5");
        assert_eq!(pct(Locale::Vi, 0.875), "87,5 %");
    }

    #[test]
    fn the_task_step_reads_with_the_officers_own_numbers() {
        let step = Step::Task {
            a: 1.0,
            b: 0.75,
            c: 0.5,
            formula: Some(TaskFormula {
                weights: [1.0, 1.0, 1.0],
                task_max: 70.0,
            }),
            task: 52.5,
        };
        let vi = step_text(Locale::Vi, &step);
        assert!(
            vi.contains("(1 × 100 % + 1 × 75 % + 1 × 50 %) ÷ 3 × 70 = 52,5 điểm"),
            "{vi}"
        );
        let en = step_text(Locale::En, &step);
        assert!(en.contains("= 52.5 points"), "{en}");
    }
}
