//! The notification centre on the demo province, on every backend: each event raises a
//! notification for the right person, the sweep raises waiting queues and coming deadlines
//! once, a person reads and marks only their own; and the daily digest reaches a real SMTP
//! server (aiosmtpd, started by the test) once.

use crate::common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use app::models::{DeadlineStep, EntryStatus, NotificationCentre, NotificationEvent};
use app::ssr::entities::{notification, period_score, work_log_entry as wle};
use app::ssr::services::audit::Actor;
use app::ssr::services::notifications::{self, SweepSettings};
use app::ssr::services::{appeals, seed, work_log};
use chrono::{NaiveDate, TimeZone, Utc};
use common::{backends, call, user_named, TestApp, TestDb};
use reqwest::StatusCode;
use rubric_server::config::NotifyArgs;
use rubric_server::notifier::Mailer;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The events of `user_id`'s notifications, oldest first.
async fn events_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Vec<NotificationEvent> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await
        .expect("notifications")
        .into_iter()
        .map(|n| serde_json::from_str(&n.event).expect("event"))
        .collect()
}

fn unread(answer: common::Answer) -> u64 {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body.trim().parse().expect("a count")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[tokio::test]
async fn events_and_sweeps_notify_the_right_people_once() {
    for backend in backends() {
        let name = backend.name();
        let app = TestApp::spawn(&backend).await;
        let db = &app.db.db;
        seed::seed_demo_if_empty(db, &common::seed_pool())
            .await
            .expect("seed");
        let officer = user_named(db, "cb.snv.tccb.02").await;
        let other = user_named(db, "cb.snv.tccb.03").await;
        let head = user_named(db, "tp.snv.tccb").await;
        let head_actor = Actor::user(head.id, head.username.clone());
        let before = events_of(db, officer.id).await.len();

        // 1. The head returns one of the officer's submitted entries: the officer is told,
        //    with the reason as typed (the page escapes it like any text).
        let entry = wle::Entity::find()
            .filter(wle::Column::OfficerId.eq(officer.id))
            .filter(wle::Column::Status.eq(EntryStatus::Submitted))
            .order_by_asc(wle::Column::Id)
            .one(db)
            .await
            .expect("entries")
            .unwrap_or_else(|| panic!("{name}: the demo officer has a submitted entry"));
        let reason = "Thiếu văn bản <script>alert(1)</script>";
        work_log::return_entry(db, &head_actor, entry.id, entry.lock_version, reason)
            .await
            .unwrap_or_else(|e| panic!("{name}: return: {e:?}"));
        let events = events_of(db, officer.id).await;
        assert_eq!(events.len(), before + 1, "{name}");
        assert_eq!(
            events.last(),
            Some(&NotificationEvent::EntryReturned {
                work_date: entry.work_date,
                reason: reason.into(),
            }),
            "{name}"
        );

        // 2. Through the server functions: the count, the centre, marking read — own only.
        let anonymous = call(&app.browser(), app.addr, "unread_notifications", &[]).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{name}");
        let me = app.signed_in("cb.snv.tccb.02", seed::DEMO_PASSWORD).await;
        let them = app.signed_in("cb.snv.tccb.03", seed::DEMO_PASSWORD).await;
        let count = unread(call(&me, app.addr, "unread_notifications", &[]).await);
        assert_eq!(count as usize, before + 1, "{name}");
        let centre: NotificationCentre = call(&me, app.addr, "my_notifications", &[("page", "1")])
            .await
            .json();
        let newest = &centre.items[0];
        assert!(!newest.read, "{name}");
        assert!(
            matches!(newest.event, NotificationEvent::EntryReturned { .. }),
            "{name}"
        );
        assert!(newest.event.link().starts_with("/can-bo?ky="), "{name}");
        let id = newest.id.to_string();
        let foreign = call(&them, app.addr, "mark_notifications_read", &[("id", &id)]).await;
        assert_eq!(
            foreign.status,
            StatusCode::NOT_FOUND,
            "{name}: {}",
            foreign.body
        );
        let bad = call(&me, app.addr, "mark_notifications_read", &[("id", "x")]).await;
        assert_eq!(
            bad.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            bad.body
        );
        let ok = call(&me, app.addr, "mark_notifications_read", &[("id", &id)]).await;
        assert_eq!(ok.status, StatusCode::OK, "{name}: {}", ok.body);
        let count_after = unread(call(&me, app.addr, "unread_notifications", &[]).await);
        assert_eq!(count_after, count - 1, "{name}");
        let all = call(&me, app.addr, "mark_notifications_read", &[]).await;
        assert_eq!(all.status, StatusCode::OK, "{name}: {}", all.body);
        assert_eq!(
            unread(call(&me, app.addr, "unread_notifications", &[]).await),
            0,
            "{name}"
        );
        // The digest address: checked, kept, removed.
        let refused = call(
            &me,
            app.addr,
            "set_digest_email",
            &[("email", "a@b\r\nBcc: x@y.vn")],
        )
        .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            refused.body
        );
        let saved = call(
            &me,
            app.addr,
            "set_digest_email",
            &[("email", "CB02@SoNoiVu.vn")],
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{name}: {}", saved.body);
        let centre: NotificationCentre = call(&me, app.addr, "my_notifications", &[("page", "9")])
            .await
            .json();
        assert_eq!(
            centre.digest_email.as_deref(),
            Some("CB02@sonoivu.vn"),
            "{name}"
        );
        assert_eq!(
            centre.page, centre.pages,
            "{name}: out of range gives the last page"
        );
        assert!(!centre.mail_enabled, "{name}: no SMTP server in tests");

        // 3. An appeal answered.
        let scored = period_score::Entity::find()
            .filter(period_score::Column::OfficerId.eq(other.id))
            .filter(period_score::Column::SupersededBy.is_null())
            .one(db)
            .await
            .expect("scores")
            .unwrap_or_else(|| panic!("{name}: a demo score"));
        let period = app::ssr::entities::period::Entity::find_by_id(scored.period_id)
            .one(db)
            .await
            .expect("period")
            .expect("period");
        let own = Actor::user(other.id, other.username.clone());
        let appeal = appeals::file(db, &own, other.id, &period.code, None, "Xin xem lại")
            .await
            .unwrap_or_else(|e| panic!("{name}: appeal: {e:?}"));
        appeals::answer(
            db,
            &Default::default(),
            &head_actor,
            appeal.id,
            appeal.lock_version,
            false,
            "Đúng quy định",
            None,
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: answer: {e:?}"));
        assert_eq!(
            events_of(db, other.id).await.last(),
            Some(&NotificationEvent::AppealAnswered {
                period: period.code.clone(),
                accepted: false,
            }),
            "{name}"
        );

        // 4. The sweep on 04/12/2026: November's submit (05/12) and review (10/12) deadlines
        //    are within six days; closing (15/12) is not.
        let settings = SweepSettings {
            queue_days: 3,
            deadline_days: 6,
        };
        let today = day(2026, 12, 4);
        let first = notifications::sweep(db, today, settings)
            .await
            .unwrap_or_else(|e| panic!("{name}: sweep: {e:?}"));
        assert!(first.deadlines > 0, "{name}: {first:?}");
        let head_events = events_of(db, head.id).await;
        assert!(
            head_events.contains(&NotificationEvent::DeadlineApproaching {
                period: "2026-11".into(),
                step: DeadlineStep::Review,
                due: day(2026, 12, 10),
            }),
            "{name}: the head is reminded to approve: {head_events:?}"
        );
        assert!(
            events_of(db, officer.id)
                .await
                .contains(&NotificationEvent::DeadlineApproaching {
                    period: "2026-11".into(),
                    step: DeadlineStep::Submit,
                    due: day(2026, 12, 5),
                })
                == has_unsent(db, officer.id, "2026-11").await,
            "{name}: the officer is reminded exactly when something is unsent"
        );
        let bcd = user_named(db, "bcd").await;
        assert!(
            !events_of(db, bcd.id)
                .await
                .iter()
                .any(|e| matches!(e, NotificationEvent::DeadlineApproaching { .. })),
            "{name}: publishing (25/12) is not near"
        );
        let again = notifications::sweep(db, today, settings)
            .await
            .expect("sweep");
        assert_eq!(
            again,
            Default::default(),
            "{name}: a second sweep adds nothing"
        );

        // 5. A queue waiting: the officer's submitted entries, sent ten days ago.
        let ten_days_ago = Utc::now() - chrono::Duration::days(10);
        wle::Entity::update_many()
            .col_expr(wle::Column::UpdatedAt, Expr::value(ten_days_ago))
            .filter(wle::Column::OfficerId.eq(other.id))
            .filter(wle::Column::Status.eq(EntryStatus::Submitted))
            .exec(db)
            .await
            .expect("age the queue");
        let waiting = wle::Entity::find()
            .filter(wle::Column::Status.eq(EntryStatus::Submitted))
            .filter(wle::Column::UpdatedAt.lte(ten_days_ago))
            .filter(wle::Column::OfficerId.eq(other.id))
            .all(db)
            .await
            .expect("queue")
            .len();
        assert!(
            waiting > 0,
            "{name}: the demo officer has submitted entries"
        );
        let real_today = app::i18n::vietnam_date(Utc::now());
        let swept = notifications::sweep(db, real_today, settings)
            .await
            .expect("sweep");
        assert!(swept.queues >= 1, "{name}: {swept:?}");
        let queue = events_of(db, head.id)
            .await
            .into_iter()
            .find(|e| matches!(e, NotificationEvent::QueueWaiting { .. }));
        let Some(NotificationEvent::QueueWaiting { entries, days, .. }) = queue else {
            panic!("{name}: the head hears of the waiting queue");
        };
        assert!(entries as usize >= waiting, "{name}");
        assert_eq!(days, 3, "{name}");
        let same_day = notifications::sweep(db, real_today, settings)
            .await
            .expect("sweep");
        assert_eq!(same_day.queues, 0, "{name}: once a day");
        assert!(
            !events_of(db, other.id)
                .await
                .iter()
                .any(|e| matches!(e, NotificationEvent::QueueWaiting { .. })),
            "{name}: the officer is not told of the queue"
        );
        app.stop().await;
    }
}

async fn has_unsent<C: ConnectionTrait>(db: &C, officer: i32, month: &str) -> bool {
    let code = app::models::PeriodCode::parse(month).expect("code");
    wle::Entity::find()
        .filter(wle::Column::OfficerId.eq(officer))
        .filter(wle::Column::Status.is_in([EntryStatus::Draft, EntryStatus::Returned]))
        .filter(wle::Column::WorkDate.between(code.starts_on(), code.ends_on()))
        .one(db)
        .await
        .expect("entries")
        .is_some()
}

/// aiosmtpd writing every message it receives into a maildir; killed when dropped.
struct SmtpSink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpSink {
    /// The Python with aiosmtpd: `RUBRIC_SMTP_SINK_PYTHON`, else the one `scripts/setup.sh`
    /// installs. `None` (the test is skipped, loudly) when there is none, unless
    /// `RUBRIC_REQUIRE_SMTP_SINK=1` (the test command sets it).
    fn python() -> Option<PathBuf> {
        let python = std::env::var("RUBRIC_SMTP_SINK_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/py/bin/python")
            });
        let has_it = Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if has_it {
            return Some(python);
        }
        if std::env::var("RUBRIC_REQUIRE_SMTP_SINK").is_ok_and(|v| v == "1") {
            panic!(
                "RUBRIC_REQUIRE_SMTP_SINK=1 but {} cannot import aiosmtpd",
                python.display()
            );
        }
        eprintln!(
            "!!! SKIPPED: no aiosmtpd (run scripts/setup.sh, or set RUBRIC_SMTP_SINK_PYTHON)"
        );
        None
    }

    async fn start() -> Option<SmtpSink> {
        let python = SmtpSink::python()?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = tempfile::tempdir().expect("maildir");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("mail"))
            .stdout(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let sink = SmtpSink { child, port, dir };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Some(sink);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("aiosmtpd did not start on port {port}");
    }

    /// The messages received so far, as text.
    fn messages(&self) -> Vec<String> {
        let new = self.dir.path().join("mail/new");
        let mut out: Vec<String> = std::fs::read_dir(&new)
            .map(|entries| {
                entries
                    .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }
}

fn mail_args(port: u16) -> NotifyArgs {
    NotifyArgs {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        mail_from: "Rubric Khánh Hòa <rubric@sonoivu.khanhhoa.gov.vn>".into(),
        digest_hour: 7,
        public_url: Some("https://kpi.khanhhoa.gov.vn".into()),
        notify_every_minutes: 0,
        ..NotifyArgs::default()
    }
}

#[tokio::test]
async fn the_daily_digest_reaches_an_smtp_server_once() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        seed::seed_demo_if_empty(db, &common::seed_pool())
            .await
            .expect("seed");
        let officer = user_named(db, "cb.snv.tccb.02").await;
        let quiet = user_named(db, "cb.snv.tccb.03").await;
        notification::Entity::delete_many()
            .exec(db)
            .await
            .expect("start empty");
        let published = NotificationEvent::PeriodPublished {
            period: "2026-10".into(),
        };
        notifications::notify(db, &[officer.id, quiet.id], &published)
            .await
            .expect("notify");
        notifications::set_digest_email(db, officer.id, "cb02@sonoivu.khanhhoa.gov.vn")
            .await
            .expect("address");
        // Vietnam is UTC+7: 07:00 there is 00:00 UTC.
        let tomorrow = app::i18n::vietnam_date(Utc::now()) + chrono::Duration::days(1);
        let at = |hour: u32| {
            Utc.from_utc_datetime(&tomorrow.and_hms_opt(hour, 0, 0).expect("time"))
                - chrono::Duration::hours(7)
        };

        // Before the digest hour nothing goes; an unreachable server keeps the notification
        // for the next run.
        let mailer = Mailer::from_args(&mail_args(sink.port))
            .expect("mailer")
            .expect("on");
        assert_eq!(
            mailer.send_due(db, at(6)).await.expect("early"),
            0,
            "{name}"
        );
        let closed_port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        let down = Mailer::from_args(&mail_args(closed_port))
            .expect("mailer")
            .expect("on");
        assert_eq!(down.send_due(db, at(8)).await.expect("down"), 0, "{name}");
        let before = sink.messages().len();
        assert_eq!(mailer.send_due(db, at(8)).await.expect("sent"), 1, "{name}");
        assert_eq!(
            mailer.send_due(db, at(9)).await.expect("again"),
            0,
            "{name}: once"
        );
        let messages = sink.messages();
        assert_eq!(
            messages.len(),
            before + 1,
            "{name}: one message, to the one address"
        );
        let m = messages
            .iter()
            .find(|m| m.contains("cb02@sonoivu.khanhhoa.gov.vn"))
            .unwrap_or_else(|| panic!("{name}: {messages:?}"));
        assert!(m.contains("rubric@sonoivu.khanhhoa.gov.vn"), "{name}: {m}");
        let body = decoded_body(m);
        assert!(
            body.contains("Kết quả tháng 10/2026 đã được công bố chính thức."),
            "{name}: {body}"
        );
        assert!(
            body.contains("https://kpi.khanhhoa.gov.vn/can-bo/diem?ky=2026-10"),
            "{name}: {body}"
        );
        // Read notifications are not sent: a new one, read before the hour, stays out.
        notifications::notify(db, &[officer.id], &published)
            .await
            .expect("notify");
        notifications::mark_read(db, officer.id, None)
            .await
            .expect("read");
        let day_after = at(8) + chrono::Duration::days(1);
        assert_eq!(
            mailer.send_due(db, day_after).await.expect("read"),
            0,
            "{name}"
        );
    }
}

/// The text of a message's body, whatever transfer encoding lettre chose.
fn decoded_body(message: &str) -> String {
    let (headers, body) = message
        .split_once("\r\n\r\n")
        .or_else(|| message.split_once("\n\n"))
        .unwrap_or((message, ""));
    let headers = headers.to_ascii_lowercase();
    if headers.contains("content-transfer-encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        return String::from_utf8(base64_decode(&joined)).unwrap_or_default();
    }
    if headers.contains("content-transfer-encoding: quoted-printable") {
        return quoted_printable(body);
    }
    body.to_string()
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|c| *c != b'=') {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else {
            continue;
        };
        buffer = (buffer << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

fn quoted_printable(text: &str) -> String {
    let text = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
