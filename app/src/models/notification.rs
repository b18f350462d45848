//! Notifications as the notification centre shows them, and the e-mail address of the daily
//! digest. The text of a notification is rendered in the reader's language from its event
//! (`i18n::notification_text`); its link is built here from the event, so it is always a
//! path of this site.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::models::PeriodCode;

/// A step of a period's closing whose deadline comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStep {
    /// Officers submit their entries.
    Submit,
    /// Heads approve their units.
    Review,
    /// Directors close their agencies.
    Close,
    /// The committee publishes the period.
    Publish,
}

impl DeadlineStep {
    pub const ALL: [DeadlineStep; 4] = [
        DeadlineStep::Submit,
        DeadlineStep::Review,
        DeadlineStep::Close,
        DeadlineStep::Publish,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DeadlineStep::Submit => "submit",
            DeadlineStep::Review => "review",
            DeadlineStep::Close => "close",
            DeadlineStep::Publish => "publish",
        }
    }
}

/// What happened, with what the text needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotificationEvent {
    /// The head returned the reader's entry of `work_date`.
    EntryReturned {
        work_date: NaiveDate,
        reason: String,
    },
    /// The reader's appeal on `period` was answered.
    AppealAnswered { period: String, accepted: bool },
    /// The committee published `period`: the reader's result is official.
    PeriodPublished { period: String },
    /// `entries` entries of `unit` have waited for the reader's review `days` days or more.
    QueueWaiting {
        unit: String,
        entries: u32,
        days: u32,
    },
    /// The reader's step of `period` is due on `due`.
    DeadlineApproaching {
        period: String,
        step: DeadlineStep,
        due: NaiveDate,
    },
}

impl NotificationEvent {
    /// Where the notification leads: a fixed path of this site, with the period as a query
    /// only when it is a valid period code (so nothing stored can point elsewhere).
    pub fn link(&self) -> String {
        let with_period = |path: &str, period: &str| match PeriodCode::parse(period) {
            Ok(code) => format!("{path}?ky={code}"),
            Err(_) => path.to_string(),
        };
        match self {
            NotificationEvent::EntryReturned { work_date, .. } => {
                format!("/can-bo?ky={}", PeriodCode::month_of(*work_date))
            }
            NotificationEvent::AppealAnswered { period, .. }
            | NotificationEvent::PeriodPublished { period } => with_period("/can-bo/diem", period),
            NotificationEvent::QueueWaiting { .. } => "/duyet".to_string(),
            NotificationEvent::DeadlineApproaching { period, step, .. } => match step {
                DeadlineStep::Submit => with_period("/can-bo", period),
                DeadlineStep::Review => with_period("/don-vi", period),
                DeadlineStep::Close | DeadlineStep::Publish => with_period("/chot-ky", period),
            },
        }
    }
}

/// One notification of the centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i32,
    pub event: NotificationEvent,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A page of the reader's notifications, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationCentre {
    pub items: Vec<NotificationView>,
    pub unread: u64,
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub pages: u64,
    /// Where the daily digest goes; `None`: no e-mail.
    pub digest_email: Option<String>,
    /// The server sends e-mail at all (an SMTP server is configured).
    pub mail_enabled: bool,
}

/// Notifications per page of the centre.
pub const NOTIFICATIONS_PER_PAGE: u64 = 20;

/// An e-mail address as a person types it for their digest: one `@`; a local part of 1 to
/// 64 printable ASCII characters without spaces, quotes, brackets or separators; a domain of
/// two or more labels (letters, digits, inner hyphens, 1 to 63 each); 254 characters at most.
/// The domain is lower-cased. Anything else is refused rather than guessed at: the address
/// goes into a mail header.
pub fn parse_email(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() > 254 {
        return None;
    }
    let (local, domain) = text.split_once('@')?;
    let local_ok = (1..=64).contains(&local.len())
        && local
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"(),:;<>@[\\]".contains(&b))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    (local_ok && domain_ok).then(|| format!("{local}@{}", domain.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn addresses() {
        assert_eq!(
            parse_email(" Nguyen.Van-A+kpi@SoNoiVu.KhanhHoa.gov.vn "),
            Some("Nguyen.Van-A+kpi@sonoivu.khanhhoa.gov.vn".into())
        );
        for bad in [
            "",
            "a",
            "a@b",
            "@b.vn",
            "a@@b.vn",
            "a@b..vn",
            "a b@c.vn",
            "a@-b.vn",
            "a@b-.vn",
            "a.@b.vn",
            "a..b@c.vn",
            "a@b.vn\r\nBcc: x@y.vn",
            "<a@b.vn>",
            "\"a\"@b.vn",
            "nguyễn@b.vn",
            "a@bộ.vn",
        ] {
            assert_eq!(parse_email(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn links_stay_on_site() {
        let e = NotificationEvent::PeriodPublished {
            period: "//evil.example".into(),
        };
        assert_eq!(e.link(), "/can-bo/diem");
        let e = NotificationEvent::DeadlineApproaching {
            period: "2026-10".into(),
            step: DeadlineStep::Close,
            due: NaiveDate::from_ymd_opt(2026, 11, 15).expect("date"),
        };
        assert_eq!(e.link(), "/chot-ky?ky=2026-10");
    }

    proptest! {
        /// What is accepted has no byte a header could be split on, and parses to itself.
        #[test]
        fn accepted_addresses_are_safe_and_stable(s in "\\PC{0,80}") {
            if let Some(a) = parse_email(&s) {
                prop_assert!(a.bytes().all(|b| b.is_ascii_graphic()));
                prop_assert_eq!(a.matches('@').count(), 1);
                prop_assert_eq!(parse_email(&a), Some(a.clone()));
            }
        }

        #[test]
        fn plain_addresses_are_accepted(
            local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]",
            labels in proptest::collection::vec("[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", 2..4),
        ) {
            prop_assume!(!local.contains(".."));
            let address = format!("{local}@{}", labels.join("."));
            prop_assert_eq!(parse_email(&address), Some(address.clone()));
        }

        #[test]
        fn links_are_paths_of_this_site(period in "\\PC{0,20}", unit in "\\PC{0,20}") {
            for e in [
                NotificationEvent::PeriodPublished { period: period.clone() },
                NotificationEvent::AppealAnswered { period: period.clone(), accepted: true },
                NotificationEvent::QueueWaiting { unit: unit.clone(), entries: 1, days: 3 },
            ] {
                let link = e.link();
                prop_assert!(link.starts_with('/') && !link.starts_with("//"));
                prop_assert!(link.bytes().all(|b| b.is_ascii_graphic()));
            }
        }
    }
}
