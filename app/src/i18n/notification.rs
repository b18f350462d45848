//! The text of a notification in the reader's language, in the centre and in the digest.

use super::{format_date, format_period, Locale};
use crate::models::{DeadlineStep, NotificationEvent};

/// One sentence saying what happened and, where it matters, what to do.
pub fn notification_text(locale: Locale, event: &NotificationEvent) -> String {
    let vi = locale == Locale::Vi;
    match event {
        NotificationEvent::EntryReturned { work_date, reason } => {
            let day = format_date(locale, *work_date);
            if vi {
                format!("Mục nhật ký ngày {day} bị trả lại: {reason}. Hãy sửa và gửi lại.")
            } else {
                format!(
                    "Your entry of {day} was returned: {reason}. Correct it and submit it again."
                )
            }
        }
        NotificationEvent::AppealAnswered { period, accepted } => {
            let p = format_period(locale, period);
            match (vi, accepted) {
                (true, true) => format!("Kiến nghị của bạn về {p} đã được chấp nhận."),
                (true, false) => {
                    format!("Kiến nghị của bạn về {p} đã được trả lời: không chấp nhận.")
                }
                (false, true) => format!("Your appeal on {p} was accepted."),
                (false, false) => format!("Your appeal on {p} was answered: not accepted."),
            }
        }
        NotificationEvent::PeriodPublished { period } => {
            let p = format_period(locale, period);
            if vi {
                format!("Kết quả {p} đã được công bố chính thức.")
            } else {
                format!("The results of {p} are published: they are official.")
            }
        }
        NotificationEvent::QueueWaiting {
            unit,
            entries,
            days,
        } => {
            if vi {
                format!("{entries} mục nhật ký của {unit} đã chờ duyệt từ {days} ngày trở lên.")
            } else {
                format!("{entries} entries of {unit} have waited for review {days} days or more.")
            }
        }
        NotificationEvent::DeadlineApproaching { period, step, due } => {
            let p = format_period(locale, period);
            let d = format_date(locale, *due);
            let (vi_step, en_step) = match step {
                DeadlineStep::Submit => ("gửi nhật ký công việc", "submit your work-log entries"),
                DeadlineStep::Review => ("duyệt kết quả của đơn vị", "approve your unit's results"),
                DeadlineStep::Close => ("chốt kỳ của cơ quan", "close your agency's period"),
                DeadlineStep::Publish => (
                    "công bố kết quả toàn tỉnh",
                    "publish the province's results",
                ),
            };
            if vi {
                format!("Hạn {vi_step} {p} là ngày {d}.")
            } else {
                format!("The deadline to {en_step} for {p} is {d}.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn both_languages() {
        let due = NaiveDate::from_ymd_opt(2026, 11, 10).expect("date");
        let e = NotificationEvent::DeadlineApproaching {
            period: "2026-10".into(),
            step: DeadlineStep::Review,
            due,
        };
        assert_eq!(
            notification_text(Locale::Vi, &e),
            "Hạn duyệt kết quả của đơn vị tháng 10/2026 là ngày 10/11/2026."
        );
        assert!(notification_text(Locale::En, &e).contains("10/11/2026"));
    }
}
