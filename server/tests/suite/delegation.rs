//! Delegation of review, black-box on the demo province and on every backend: a head names
//! an acting head for a few days; the acting head reviews the unit during those days and is
//! refused after them or once the delegation is revoked; only a head by role delegates, to
//! an active user of the same agency, for dates in order; each step is audited.

use crate::common;

use app::error::AppError;
use app::i18n::Msg;
use app::models::DelegationView;
use app::ssr::entities::{audit_event, delegation, unit, user, user_role};
use app::ssr::services::seed::DEMO_PASSWORD;
use chrono::Duration;
use common::{backends, call, Answer, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn id_of_unit(app: &TestApp, code: &str) -> String {
    unit::Entity::find()
        .filter(unit::Column::Code.eq(code))
        .one(&app.db.db)
        .await
        .expect("unit")
        .expect("unit exists")
        .id
        .to_string()
}

fn refusal(a: &Answer) -> Msg {
    match a.json::<AppError>() {
        AppError::Refused { msg, .. } => msg,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn an_acting_head_reviews_during_the_delegation_and_not_after() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let tccb = id_of_unit(&app, "snv/tccb").await;
        let head = app.signed_in("tp.snv.tccb", DEMO_PASSWORD).await;
        let deputy = app.signed_in("cb.snv.tccb.05", DEMO_PASSWORD).await;
        let today = app::i18n::vietnam_date(chrono::Utc::now());
        let day = |d: i64| (today + Duration::days(d)).format("%d/%m/%Y").to_string();
        let board = |client: reqwest::Client| {
            let (tccb, addr) = (tccb.clone(), app.addr);
            async move {
                call(
                    &client,
                    addr,
                    "unit_board",
                    &[("unit", tccb.as_str()), ("period", "")],
                )
                .await
            }
        };
        let delegate = |username: &'static str, from: String, to: String| {
            let (head, tccb, addr) = (head.clone(), tccb.clone(), app.addr);
            async move {
                call(
                    &head,
                    addr,
                    "delegate_unit",
                    &[
                        ("form[unit]", tccb.as_str()),
                        ("form[username]", username),
                        ("form[starts_on]", &from),
                        ("form[ends_on]", &to),
                        ("form[note]", "Nghỉ phép năm"),
                    ],
                )
                .await
            }
        };

        // Before: the officer is no reviewer.
        assert!(board(deputy.clone()).await.refused(), "{name}");

        // Refused: dates out of order or past, too long, oneself, another agency's officer.
        for (who, from, to, expected) in [
            ("cb.snv.tccb.05", day(3), day(1), Msg::DelegationDates),
            ("cb.snv.tccb.05", day(-10), day(-1), Msg::DelegationDates),
            ("cb.snv.tccb.05", day(0), day(200), Msg::DelegationDates),
            (
                "cb.snv.tccb.05",
                "hôm nay".to_string(),
                day(1),
                Msg::DeadlineBadDate,
            ),
            ("tp.snv.tccb", day(0), day(3), Msg::DelegationSelf),
            ("cb.stc.vp.03", day(0), day(3), Msg::DelegationUnknownUser),
            ("khong.co.ai", day(0), day(3), Msg::DelegationUnknownUser),
        ] {
            let a = delegate(who, from, to).await;
            assert_eq!(refusal(&a), expected, "{name}: {who}: {a:?}");
        }
        assert_eq!(
            delegation::Entity::find()
                .count(&app.db.db)
                .await
                .expect("count"),
            0,
            "{name}"
        );

        // During the delegation the deputy reviews the unit (a new request, no new sign-in).
        let a = delegate("cb.snv.tccb.05", day(0), day(6)).await;
        assert!(a.status.is_success(), "{name}: {a:?}");
        let during = board(deputy.clone()).await;
        assert!(during.status.is_success(), "{name}: {during:?}");
        // The acting head does not delegate further.
        let further = call(
            &deputy,
            app.addr,
            "delegate_unit",
            &[
                ("form[unit]", tccb.as_str()),
                ("form[username]", "cb.snv.tccb.06"),
                ("form[starts_on]", &day(0)),
                ("form[ends_on]", &day(2)),
            ],
        )
        .await;
        assert_eq!(refusal(&further), Msg::DelegationOnlyHead, "{name}");
        let listed: Vec<DelegationView> = call(
            &head,
            app.addr,
            "unit_delegations",
            &[("unit", tccb.as_str())],
        )
        .await
        .json();
        assert_eq!(listed.len(), 1, "{name}");
        assert!(
            listed[0].running && listed[0].can_revoke,
            "{name}: {listed:?}"
        );
        assert_eq!(listed[0].delegate_username, "cb.snv.tccb.05");

        // A delegator who no longer heads the unit (by role) gives nothing: the deputy is
        // refused on the next request, and reviews again once the role is back.
        let head_id = user::Entity::find()
            .filter(user::Column::Username.eq("tp.snv.tccb"))
            .one(&app.db.db)
            .await
            .expect("read")
            .expect("the head")
            .id;
        let head_role = user_role::Entity::find()
            .filter(user_role::Column::UserId.eq(head_id))
            .filter(user_role::Column::Role.eq("reviewer"))
            .filter(user_role::Column::UnitId.eq(tccb.parse::<i32>().expect("unit id")))
            .one(&app.db.db)
            .await
            .expect("read")
            .expect("the head's role");
        user_role::Entity::delete_by_id(head_role.id)
            .exec(&app.db.db)
            .await
            .expect("the head steps down");
        assert!(
            board(deputy.clone()).await.refused(),
            "{name}: the delegator no longer heads the unit"
        );
        user_role::Entity::insert(user_role::ActiveModel {
            user_id: sea_orm::Set(head_role.user_id),
            role: sea_orm::Set(head_role.role.clone()),
            unit_id: sea_orm::Set(head_role.unit_id),
            ..Default::default()
        })
        .exec(&app.db.db)
        .await
        .expect("the head is back");
        assert!(
            board(deputy.clone()).await.status.is_success(),
            "{name}: the delegation runs again"
        );

        // After its last day, refused.
        delegation::Entity::update_many()
            .col_expr(
                delegation::Column::StartsOn,
                Expr::value(today - Duration::days(8)),
            )
            .col_expr(
                delegation::Column::EndsOn,
                Expr::value(today - Duration::days(1)),
            )
            .exec(&app.db.db)
            .await
            .expect("time passes");
        assert!(
            board(deputy.clone()).await.refused(),
            "{name}: after its dates"
        );

        // A new delegation, revoked: refused at once.
        assert!(delegate("cb.snv.tccb.05", day(0), day(2))
            .await
            .status
            .is_success());
        assert!(board(deputy.clone()).await.status.is_success(), "{name}");
        let running = delegation::Entity::find()
            .filter(delegation::Column::EndsOn.gte(today))
            .one(&app.db.db)
            .await
            .expect("load")
            .expect("running");
        let id = running.id.to_string();
        let revoked = call(
            &head,
            app.addr,
            "revoke_delegation",
            &[("unit", tccb.as_str()), ("id", id.as_str())],
        )
        .await;
        assert!(revoked.status.is_success(), "{name}: {revoked:?}");
        assert!(
            board(deputy.clone()).await.refused(),
            "{name}: once revoked"
        );
        let again = call(
            &head,
            app.addr,
            "revoke_delegation",
            &[("unit", tccb.as_str()), ("id", id.as_str())],
        )
        .await;
        assert_eq!(refusal(&again), Msg::DelegationRevoked, "{name}");
        // Another unit's head cannot revoke it (the delegation is checked against the unit).
        let other = app.signed_in("tp.snv.vp", DEMO_PASSWORD).await;
        let vp = id_of_unit(&app, "snv/vp").await;
        let elsewhere = call(
            &other,
            app.addr,
            "revoke_delegation",
            &[("unit", vp.as_str()), ("id", id.as_str())],
        )
        .await;
        assert_eq!(elsewhere.status.as_u16(), 404, "{name}: {elsewhere:?}");

        for (action, count) in [("delegation.create", 2), ("delegation.revoke", 1)] {
            let n = audit_event::Entity::find()
                .filter(audit_event::Column::Action.eq(action))
                .count(&app.db.db)
                .await
                .expect("audit");
            assert_eq!(n, count, "{name}: {action}");
        }
        app.stop().await;
    }
}
