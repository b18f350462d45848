//! The audit trail as administrators and auditors read it: filtered by kind of object,
//! actor (accents optional) and dates, with each event's before and after — on every
//! backend.

use crate::common;

use app::models::AuditPage;
use app::ssr::services::seed::DEMO_PASSWORD;
use common::{backends, call, TestApp};

async fn page(client: &reqwest::Client, app: &TestApp, filters: &[(&str, &str)]) -> AuditPage {
    let mut form = vec![("page", "0")];
    form.extend_from_slice(filters);
    let answer = call(client, app.addr, "audit_events", &form).await;
    assert!(answer.status.is_success(), "{answer:?}");
    answer.json()
}

#[tokio::test]
async fn the_audit_trail_filters_by_object_actor_and_dates() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let name = backend.name();
        let admin = app.signed_in("admin", DEMO_PASSWORD).await;
        // An officer logs an entry: a work-log event among the demo's import events.
        let officer = app.signed_in("cb.snv.tccb.02", DEMO_PASSWORD).await;
        let day = chrono::Utc::now().date_naive().to_string();
        let added = call(
            &officer,
            app.addr,
            "add_work_entry",
            &[
                ("form[work_date]", &day),
                ("form[quantity]", "1"),
                ("form[off_catalog_description]", "Tiếp đoàn công tác của Bộ"),
                ("form[proposed_minutes]", "90"),
            ],
        )
        .await;
        assert!(added.status.is_success(), "{added:?}");
        let auditor = app.signed_in("thanhtra", DEMO_PASSWORD).await;
        let all = page(&auditor, &app, &[]).await;
        assert!(all.total > 0, "{name}");
        assert!(
            all.entities.contains(&"work_log_entry".to_string()),
            "{name}: {:?}",
            all.entities
        );

        let entries = page(&admin, &app, &[("entity", "work_log_entry")]).await;
        assert!(entries.total > 0 && entries.total < all.total, "{name}");
        assert!(
            entries.events.iter().all(|e| e.entity == "work_log_entry"),
            "{name}"
        );

        // The actor by name without accents or capitals.
        let actor = all.events[0].actor_name.clone();
        let folded = app::text::fold(&actor);
        let by_actor = page(&admin, &app, &[("actor", &folded)]).await;
        assert!(by_actor.total > 0, "{name}: {folded}");
        assert!(
            by_actor.events.iter().all(|e| e.actor_name == actor),
            "{name}"
        );
        let nobody = page(&admin, &app, &[("actor", "khong co nguoi nay")]).await;
        assert_eq!(nobody.total, 0, "{name}");

        // Dates are whole days in Vietnam; tomorrow holds nothing yet.
        let today = (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
        let tomorrow = today.succ_opt().expect("day").to_string();
        let today_s = today.to_string();
        let yesterday = today.pred_opt().expect("day").to_string();
        let future = page(&admin, &app, &[("from", &tomorrow)]).await;
        assert_eq!(future.total, 0, "{name}");
        let until_today = page(&admin, &app, &[("from", &yesterday), ("to", &today_s)]).await;
        assert_eq!(
            until_today.total, all.total,
            "{name}: the demo was seeded just now"
        );
        let bad = call(
            &admin,
            app.addr,
            "audit_events",
            &[("page", "0"), ("from", "31/02")],
        )
        .await;
        assert!(bad.body.contains("DiaryBadDate"), "{name}: {bad:?}");

        // Each event carries its before and after, as indented JSON.
        assert!(
            entries
                .events
                .iter()
                .any(|e| e.after.as_deref().is_some_and(|a| a.contains("\n  \""))),
            "{name}: {:?}",
            entries.events.first()
        );
        app.stop().await;
    }
}
