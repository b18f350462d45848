//! The closing chain of a period on the demo province, on every backend: a head approves
//! the unit, the director closes the agency, the committee publishes the period; each step
//! locks what is beneath it, each reopening needs a reason, and every step is audited.

use crate::common;

use std::collections::HashSet;

use app::authz::{Grant, Role, Subject};
use app::error::AppError;
use app::i18n::{Locale, Msg, Notice};
use app::models::{EntryStatus, NotificationEvent, PeriodCode, PeriodStatus, WorkLogInput};
use app::ssr::entities::{
    audit_event, notification, period, period_score, unit, user, work_log_entry as wle,
};
use app::ssr::rule_pool::RulePool;
use app::ssr::services::audit::Actor;
use app::ssr::services::{closing, scores, scoring, seed, unit_board, work_log};
use common::{backends, user_named, TestDb};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

async fn unit_coded<C: ConnectionTrait>(db: &C, code: &str) -> unit::Model {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(db)
        .await
        .expect("unit")
        .unwrap_or_else(|| panic!("unit {code} missing"))
}

fn reviewer_of(u: &user::Model, unit_id: i32) -> (Actor, Subject) {
    (
        Actor::user(u.id, u.username.clone()),
        Subject {
            user_id: u.id,
            grants: vec![Grant {
                role: Role::Reviewer,
                unit_id: Some(unit_id),
            }],
            must_change_password: false,
        },
    )
}

/// The notice inside a refusal, or a panic naming what came instead.
fn notice(r: Result<impl std::fmt::Debug, AppError>, what: &str) -> Notice {
    match r {
        Err(AppError::Notice { notice, .. }) => notice,
        other => panic!("{what}: expected a notice, got {other:?}"),
    }
}

fn refusal(r: Result<impl std::fmt::Debug, AppError>, what: &str) -> Msg {
    match r {
        Err(AppError::Refused { msg, .. }) => msg,
        other => panic!("{what}: expected a refusal, got {other:?}"),
    }
}

async fn events<C: ConnectionTrait>(db: &C, action: &str) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(action))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
        .expect("audit")
}

/// The head approves the unit's period through the unit page's service, after reviewing
/// what still waits and scoring again if that changed anything.
async fn head_approves<C: sea_orm::ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    engine: &RulePool,
    head: &(Actor, Subject),
    unit_id: i32,
    period: &str,
) -> usize {
    let code = PeriodCode::parse(period).expect("code");
    let b = unit_board::board(db, &head.1, Some(unit_id), period)
        .await
        .expect("board");
    let officers: Vec<i32> = b.officers.iter().map(|o| o.id).collect();
    let waiting: Vec<(i64, i32)> = wle::Entity::find()
        .filter(wle::Column::OfficerId.is_in(officers))
        .filter(wle::Column::Status.eq(EntryStatus::Submitted))
        .filter(wle::Column::WorkDate.between(code.starts_on(), code.ends_on()))
        .filter(wle::Column::CatalogItemId.is_not_null())
        .all(db)
        .await
        .expect("queue")
        .into_iter()
        .map(|e| (e.id, e.lock_version))
        .collect();
    if !waiting.is_empty() {
        work_log::approve(db, &head.0, &waiting)
            .await
            .expect("review the queue");
    }
    scoring::score_period(db, engine, &head.0, code, None)
        .await
        .expect("score again");
    let b = unit_board::board(db, &head.1, Some(unit_id), period)
        .await
        .expect("board");
    let seen: Vec<i64> = b.officers.iter().filter_map(|o| o.score_id).collect();
    unit_board::approve_unit(db, &head.0, &head.1, unit_id, period, &seen)
        .await
        .unwrap_or_else(|e| panic!("approve unit {unit_id}: {e:?} {:?}", b.approval_blockers()))
}

#[tokio::test]
async fn a_period_closes_unit_by_unit_agency_by_agency_then_is_published_and_reopened() {
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let summary = match seed::seed_demo_if_empty(db, &engine).await.expect("seed") {
            seed::SeedOutcome::Seeded(s) => s,
            other => panic!("{name}: {other:?}"),
        };
        let month = summary.months[0].clone();
        let code = PeriodCode::parse(&month).expect("code");
        let p = period::Entity::find()
            .filter(period::Column::Code.eq(month.clone()))
            .one(db)
            .await
            .expect("period")
            .expect("the demo scores its first month");
        let snv = unit_coded(db, "snv").await;
        let tccb = unit_coded(db, "snv/tccb").await;
        let head = reviewer_of(&user_named(db, "tp.snv.tccb").await, tccb.id);
        let director = reviewer_of(&user_named(db, "gd.snv").await, snv.id);
        let committee = Actor::user(user_named(db, "bcd").await.id, "bcd");
        let officer = user_named(db, "cb.snv.tccb.02").await;

        // 1. The head approves the department; the officer's month is closed to entries.
        let approved = head_approves(db, &engine, &head, tccb.id, &month).await;
        assert!(approved > 0, "{name}");
        let entry = WorkLogInput {
            work_date: code.starts_on(),
            catalog_item_id: None,
            off_catalog_description: Some("Họp đột xuất".into()),
            proposed_minutes: Some(30.0),
            quantity: 1.0,
            completed_qty: None,
            assigned_on: None,
            deadline: None,
            completed_on: None,
            source_document: None,
            note: None,
        };
        let own = Actor::user(officer.id, officer.username.clone());
        let refused = notice(
            work_log::create(db, &own, officer.id, &entry).await,
            "an entry in an approved month",
        );
        assert!(
            matches!(refused, Notice::MonthApprovedForEntries { .. }),
            "{name}: {refused:?}"
        );
        assert!(
            refused.render(Locale::Vi).contains(&format!(
                "tháng {:02}/{}",
                code.starts_on().format("%m"),
                code.year()
            )),
            "{name}: {}",
            refused.render(Locale::Vi)
        );

        // 2. The director cannot close the agency while units wait: the other departments,
        //    and the head's own score (the director approves it on the department's page).
        let waiting = notice(
            closing::close_agency(db, &director.0, snv.id, &month).await,
            "close with units waiting",
        );
        let Notice::UnitsNotApproved { units } = &waiting else {
            panic!("{name}: {waiting:?}");
        };
        assert!(units.contains(&tccb.name), "{name}: {units:?}");
        // The other heads approve their units (stamped here: their pages are tested
        // elsewhere), then the director approves the head of the department.
        let tree_officers = unit_board::active_officers(db).await.expect("officers");
        let tccb_head = head.1.user_id;
        let others: Vec<i32> = tree_officers
            .iter()
            .filter(|o| o.id != tccb_head && o.unit_id != Some(tccb.id))
            .map(|o| o.id)
            .collect();
        for chunk in others.chunks(300) {
            period_score::Entity::update_many()
                .col_expr(
                    period_score::Column::ApprovedAt,
                    Expr::value(chrono::Utc::now()),
                )
                .filter(period_score::Column::PeriodId.eq(p.id))
                .filter(period_score::Column::OfficerId.is_in(chunk.iter().copied()))
                .filter(period_score::Column::SupersededBy.is_null())
                .exec(db)
                .await
                .expect("other units approved");
        }
        let still = notice(
            closing::close_agency(db, &director.0, snv.id, &month).await,
            "close with the head's own score waiting",
        );
        assert_eq!(
            still,
            Notice::UnitsNotApproved {
                units: vec![tccb.name.clone()]
            },
            "{name}"
        );
        assert_eq!(
            head_approves(db, &engine, &director, tccb.id, &month).await,
            approved + 1,
            "{name}: the department with its head"
        );
        // The head reopening the department while the director closes the agency: the
        // second to run sees the first's result, so exactly one of them succeeds and a closed
        // agency never holds a reopened unit.
        let (closed, reopened) = tokio::join!(
            closing::close_agency(db, &director.0, snv.id, &month),
            closing::reopen_unit(db, &head.0, &head.1, tccb.id, &month, "Bổ sung"),
        );
        assert!(
            closed.is_ok() != reopened.is_ok(),
            "{name}: close {closed:?}, reopen {reopened:?}"
        );
        if reopened.is_ok() {
            head_approves(db, &engine, &head, tccb.id, &month).await;
            closing::close_agency(db, &director.0, snv.id, &month)
                .await
                .unwrap_or_else(|e| panic!("{name}: close: {e:?}"));
        }
        assert_eq!(
            refusal(
                closing::close_agency(db, &director.0, snv.id, &month).await,
                "close twice"
            ),
            Msg::AgencyAlreadyClosed,
            "{name}"
        );
        // Under the closed agency, the unit cannot be reopened.
        let locked = notice(
            closing::reopen_unit(db, &head.0, &head.1, tccb.id, &month, "Sai sót").await,
            "reopen a unit of a closed agency",
        );
        assert!(
            matches!(locked, Notice::AgencyClosedForUnit { .. }),
            "{name}: {locked:?}"
        );

        // 3. Publishing waits for every agency; then the results are final.
        let open = notice(
            closing::publish(db, &committee, &month, p.lock_version).await,
            "publish with agencies open",
        );
        let Notice::AgenciesNotClosed { agencies } = &open else {
            panic!("{name}: {open:?}");
        };
        assert!(!agencies.contains(&snv.name), "{name}: {agencies:?}");
        assert_eq!(agencies.len(), 2, "{name}: {agencies:?}");
        for code in ["stc", "xcr"] {
            let a = unit_coded(db, code).await;
            let director = user_named(db, &format!("gd.{code}")).await;
            closing::close_agency(db, &reviewer_of(&director, a.id).0, a.id, &month)
                .await
                .unwrap_or_else(|e| panic!("{name}: close {code}: {e:?}"));
        }
        let explained = scores::explanation(db, officer.id, &month)
            .await
            .expect("explanation");
        assert!(
            !explained.published,
            "{name}: provisional before publication"
        );
        let board = closing::board(db, &head.1, &month).await.expect("board");
        assert!(
            board.agencies.iter().all(|a| a.code == "snv"),
            "{name}: a head sees their own agency"
        );
        assert!(!board.can_publish && !board.agencies[0].can_close, "{name}");
        let p = closing::publish(db, &committee, &month, p.lock_version)
            .await
            .unwrap_or_else(|e| panic!("{name}: publish: {e:?}"));
        assert_eq!(p.status, PeriodStatus::Published, "{name}");
        let explained = scores::explanation(db, officer.id, &month)
            .await
            .expect("explanation");
        assert!(explained.published, "{name}: final after publication");
        // Every officer with a result in the period is told, in the same change.
        let told: Vec<NotificationEvent> = notification::Entity::find()
            .filter(notification::Column::UserId.eq(officer.id))
            .all(db)
            .await
            .expect("notifications")
            .into_iter()
            .filter_map(|n| serde_json::from_str(&n.event).ok())
            .collect();
        assert!(
            told.contains(&NotificationEvent::PeriodPublished {
                period: month.clone()
            }),
            "{name}: {told:?}"
        );
        let unpublished = period_score::Entity::find()
            .filter(period_score::Column::PeriodId.eq(p.id))
            .filter(period_score::Column::SupersededBy.is_null())
            .filter(period_score::Column::PublishedAt.is_null())
            .one(db)
            .await
            .expect("scores");
        assert!(unpublished.is_none(), "{name}: every current score stamped");
        let after_publish = notice(
            closing::reopen_agency(db, &director.0, snv.id, &month, "Sai sót").await,
            "reopen an agency of a published period",
        );
        assert!(
            matches!(after_publish, Notice::PeriodPublishedLocked { .. }),
            "{name}: {after_publish:?}"
        );

        // 4. Reopening goes from the top down, each with a reason.
        assert_eq!(
            refusal(
                closing::reopen_period(db, &committee, &month, p.lock_version, "   ").await,
                "reopen without a reason"
            ),
            Msg::ClosingReasonRequired,
            "{name}"
        );
        let p = closing::reopen_period(
            db,
            &committee,
            &month,
            p.lock_version,
            "Thanh tra phát hiện sai sót ở Sở Nội vụ",
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: reopen period: {e:?}"));
        assert_eq!(p.status, PeriodStatus::Scored, "{name}");
        assert!(
            !scores::explanation(db, officer.id, &month)
                .await
                .expect("explanation")
                .published,
            "{name}: provisional again"
        );
        closing::reopen_agency(db, &director.0, snv.id, &month, "Phòng TCCB xem lại")
            .await
            .unwrap_or_else(|e| panic!("{name}: reopen agency: {e:?}"));
        let reopened = closing::reopen_unit(
            db,
            &head.0,
            &head.1,
            tccb.id,
            &month,
            "Bổ sung nhật ký còn thiếu",
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: reopen unit: {e:?}"));
        assert_eq!(
            reopened, approved,
            "{name}: the head's own score stays approved"
        );
        let still_locked = wle::Entity::find()
            .filter(wle::Column::OfficerId.eq(officer.id))
            .filter(wle::Column::Status.eq(EntryStatus::Locked))
            .filter(wle::Column::WorkDate.between(code.starts_on(), code.ends_on()))
            .one(db)
            .await
            .expect("entries");
        assert!(
            still_locked.is_none(),
            "{name}: the officer's entries unlocked"
        );
        work_log::create(db, &own, officer.id, &entry)
            .await
            .unwrap_or_else(|e| panic!("{name}: an entry once reopened: {e:?}"));

        // Every step is in the audit trail, the reopenings with their reasons.
        let closed = events(db, "period.close_agency").await;
        assert_eq!(closed.len(), 3, "{name}");
        for (action, reason) in [
            ("period.scored", "Thanh tra phát hiện sai sót ở Sở Nội vụ"),
            ("period.reopen_agency", "Phòng TCCB xem lại"),
            ("period.reopen_unit", "Bổ sung nhật ký còn thiếu"),
        ] {
            let e = events(db, action).await;
            assert!(
                e.iter()
                    .any(|e| e.after_json.as_deref().is_some_and(|a| a.contains(reason))),
                "{name}: {action} with its reason: {e:?}"
            );
        }
        assert_eq!(events(db, "period.published").await.len(), 1, "{name}");
        let approvals: HashSet<String> = events(db, "period.approve_unit")
            .await
            .into_iter()
            .map(|e| e.actor_name)
            .collect();
        assert!(
            approvals.contains("tp.snv.tccb") && approvals.contains("gd.snv"),
            "{name}: {approvals:?}"
        );
        t.cleanup().await;
    }
}

#[tokio::test]
async fn a_period_calendar_is_set_in_order_and_marks_who_is_late() {
    use app::models::{Deadlines, DeadlinesForm};
    let engine = RulePool::default();
    for backend in backends() {
        let name = backend.name();
        let t = TestDb::new(&backend).await;
        let db = &t.db;
        let summary = match seed::seed_demo_if_empty(db, &engine).await.expect("seed") {
            seed::SeedOutcome::Seeded(s) => s,
            other => panic!("{name}: {other:?}"),
        };
        let month = summary.months[0].clone();
        let code = PeriodCode::parse(&month).expect("code");
        let admin = Actor::user(user_named(db, "admin").await.id, "admin");
        let committee = user_named(db, "bcd").await;
        let committee = Subject {
            user_id: committee.id,
            grants: vec![Grant {
                role: Role::Committee,
                unit_id: None,
            }],
            must_change_password: false,
        };

        // The default calendar: the 5th, 10th, 15th and 25th of the next month. The demo's
        // first month ended more than a month ago: every unit is late, and so is the period.
        let b = closing::board(db, &committee, &month).await.expect("board");
        assert!(!b.deadlines_set, "{name}");
        assert_eq!(b.deadlines, Deadlines::default_for(code), "{name}");
        assert_eq!(
            b.deadlines.publish_by.format("%d").to_string(),
            "25",
            "{name}"
        );
        assert!(b.late, "{name}");
        assert!(
            b.agencies
                .iter()
                .all(|a| a.late && a.units.iter().all(|u| u.late)),
            "{name}"
        );
        assert!(
            !b.can_set_deadlines,
            "{name}: the committee does not set the calendar"
        );

        let form = |submit: &str, review: &str, close: &str, publish: &str| DeadlinesForm {
            period: month.clone(),
            submit_by: submit.into(),
            review_by: review.into(),
            close_by: close.into(),
            publish_by: publish.into(),
        };
        let after = |days: i64| (code.ends_on() + chrono::Duration::days(days)).to_string();
        let far = |days: i64| {
            (chrono::Utc::now().date_naive() + chrono::Duration::days(days))
                .format("%d/%m/%Y")
                .to_string()
        };
        // Out of order, inside the period, not a date: refused, nothing stored.
        for (bad, expected) in [
            (
                form(&after(10), &after(5), &after(15), &after(20)),
                Msg::DeadlineOrder,
            ),
            (
                form(
                    &code.ends_on().to_string(),
                    &after(5),
                    &after(15),
                    &after(20),
                ),
                Msg::DeadlineOrder,
            ),
            (
                form("31/02/2026", &after(5), &after(15), &after(20)),
                Msg::DeadlineBadDate,
            ),
        ] {
            assert_eq!(
                refusal(
                    closing::set_deadlines(db, &admin, &bad).await,
                    "bad calendar"
                ),
                expected,
                "{name}"
            );
        }
        assert!(
            !closing::board(db, &committee, &month)
                .await
                .expect("board")
                .deadlines_set
        );

        // Days still to come (dd/mm/yyyy as typed): nobody is late any more.
        closing::set_deadlines(db, &admin, &form(&after(3), &far(10), &far(20), &far(30)))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let b = closing::board(db, &committee, &month).await.expect("board");
        assert!(b.deadlines_set, "{name}");
        assert!(!b.late, "{name}");
        assert!(
            b.agencies
                .iter()
                .all(|a| !a.late && a.units.iter().all(|u| !u.late)),
            "{name}"
        );
        // Set again: one calendar per period, each change audited.
        closing::set_deadlines(db, &admin, &form(&after(3), &far(11), &far(21), &far(31)))
            .await
            .expect("again");
        assert_eq!(events(db, "period.deadlines").await.len(), 2, "{name}");
        t.cleanup().await;
    }
}
