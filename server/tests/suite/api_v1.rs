//! The integration API (/api/v1) over HTTP on SQLite and PostgreSQL: tokens, scopes and
//! agencies; the idempotent batch (sent twice, sent concurrently, changed, refused per
//! entry); the reads (catalog, organisation, scores with ETag and trace); rate limits; the
//! OpenAPI document and its page. Every response is checked against the OpenAPI document.

use crate::common;

use std::collections::HashSet;

use app::models::EntryStatus;
use app::ssr::entities::{api_token, period, period_score, user, work_log_entry as wle};
use app::ssr::services::api_clients;
use app::ssr::services::audit::Actor;
use common::{backends, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

/// The served document, with a validator per (path, method, status).
struct Spec {
    doc: Value,
}

impl Spec {
    async fn fetch(app: &TestApp) -> Spec {
        let res = reqwest::get(app.url("/api/v1/openapi.json"))
            .await
            .expect("openapi.json");
        assert_eq!(res.status(), 200);
        let doc: Value = res.json().await.expect("json");
        assert!(
            doc["openapi"]
                .as_str()
                .is_some_and(|v| v.starts_with("3.1")),
            "an OpenAPI 3.1 document: {}",
            doc["openapi"]
        );
        Spec { doc }
    }

    /// Checks `res` (of `method` on the documented `path`) against the document: its status
    /// is documented, its content type is the documented one, its body matches the schema.
    async fn check(&self, method: &str, path: &str, res: reqwest::Response) -> (u16, Value) {
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = res.text().await.expect("body");
        let pointer = format!(
            "/paths/{}/{method}/responses/{status}",
            path.replace('~', "~0").replace('/', "~1")
        );
        let documented = self.doc.pointer(&pointer).unwrap_or_else(|| {
            panic!("{method} {path}: status {status} is not documented: {text}")
        });
        let Some(content) = documented.get("content").and_then(Value::as_object) else {
            assert!(
                text.is_empty(),
                "{method} {path} {status}: undocumented body {text}"
            );
            return (status, Value::Null);
        };
        let (doc_ct, media) = content.iter().next().expect("a content type");
        assert!(
            ct.starts_with(doc_ct.as_str()),
            "{method} {path} {status}: content type {ct}, documented {doc_ct}"
        );
        let body: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{method} {path} {status}: not JSON ({e}): {text}"));
        let mut schema = media["schema"].clone();
        if let Value::Object(s) = &mut schema {
            s.insert("components".into(), self.doc["components"].clone());
        }
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("{method} {path} {status}: bad schema: {e}"));
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{method} {path} {status}: the body does not match the document:\n{}\n{body}",
            errors.join("\n")
        );
        (status, body)
    }
}

async fn token(app: &TestApp, client: &str, agency: &str, scopes: &str) -> String {
    let actor = Actor::system("test");
    let c = match api_clients::client_by_name(&app.db.db, client).await {
        Ok(c) => c,
        Err(_) => api_clients::create_client(&app.db.db, &actor, client, agency, false)
            .await
            .expect("client"),
    };
    api_clients::issue_token(&app.db.db, &actor, c.id, "test", scopes, 30)
        .await
        .expect("token")
        .token
}

fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
    let r = app.client.get(app.url(&format!("/api/v1{path}")));
    match token {
        Some(t) => r.bearer_auth(t),
        None => r,
    }
}

fn post(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::RequestBuilder {
    app.client
        .post(app.url(&format!("/api/v1{path}")))
        .bearer_auth(token)
        .json(body)
}

/// A demo officer of `unit_prefix` with a position and a person id.
async fn officer(app: &TestApp, unit_code: &str) -> user::Model {
    let unit = app::ssr::services::org::by_code(&app.db.db, unit_code)
        .await
        .expect("unit");
    user::Entity::find()
        .filter(user::Column::UnitId.eq(unit.id))
        .filter(user::Column::PositionId.is_not_null())
        .filter(user::Column::ExternalId.is_not_null())
        .filter(user::Column::IsActive.eq(true))
        .one(&app.db.db)
        .await
        .expect("officer")
        .expect("a demo officer in the unit")
}

fn yesterday() -> chrono::NaiveDate {
    app::i18n::vietnam_date(chrono::Utc::now()) - chrono::Duration::days(1)
}

/// Two task codes of `who`'s catalog in force yesterday, read through the API.
async fn tasks(app: &TestApp, spec: &Spec, token: &str, who: &user::Model) -> Vec<String> {
    let position = app::ssr::entities::position::Entity::find_by_id(who.position_id.expect("pos"))
        .one(&app.db.db)
        .await
        .expect("position")
        .expect("position");
    let path = format!("/positions/{}/catalog?date={}", position.code, yesterday());
    let (status, body) = spec
        .check(
            "get",
            "/positions/{code}/catalog",
            get(app, &path, Some(token)).send().await.expect("catalog"),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let codes: Vec<String> = body["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| t["code"].as_str().expect("code").to_string())
        .collect();
    assert!(codes.len() >= 2, "{body}");
    codes
}

fn entry(ext: &str, person: &str, task: &str, qty: f64) -> Value {
    json!({
        "external_id": ext, "person_id": person, "work_date": yesterday(),
        "task_code": task, "quantity": qty, "document": "12/UBND-VP", "note": "từ e-office",
    })
}

async fn client_entries(app: &TestApp) -> u64 {
    wle::Entity::find()
        .filter(wle::Column::ApiClientId.is_not_null())
        .count(&app.db.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn tokens_are_checked_for_validity_scope_and_agency() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let spec = Spec::fetch(&app).await;
        let org_snv = token(&app, "eoffice-snv", "snv", "org:read").await;
        let scores_stc = token(&app, "eoffice-stc", "stc", "scores:read,org:read").await;

        // No token, a wrong one, a malformed header: 401 problems.
        for (name, t) in [("none", None), ("wrong", Some("rbk_notatoken"))] {
            let (status, body) = spec
                .check(
                    "get",
                    "/units",
                    get(&app, "/units", t).send().await.expect("units"),
                )
                .await;
            assert_eq!(status, 401, "{name}: {body}");
            assert_eq!(body["code"], "unauthenticated");
            assert_eq!(body["type"], "/api/v1/docs#problem-unauthenticated");
        }
        // English on request.
        let (_, body) = spec
            .check(
                "get",
                "/units",
                get(&app, "/units", None)
                    .header("accept-language", "en")
                    .send()
                    .await
                    .expect("units"),
            )
            .await;
        assert!(body["title"].as_str().unwrap().contains("token"), "{body}");

        // The agency's own units only.
        let (status, body) = spec
            .check(
                "get",
                "/units",
                get(&app, "/units", Some(&org_snv))
                    .send()
                    .await
                    .expect("units"),
            )
            .await;
        assert_eq!(status, 200);
        let codes: Vec<&str> = body["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"snv") && codes.contains(&"snv/tccb"),
            "{codes:?}"
        );
        assert!(
            codes.iter().all(|c| *c == "snv" || c.starts_with("snv/")),
            "{codes:?}"
        );
        let (status, body) = spec
            .check(
                "get",
                "/officers",
                get(&app, "/officers?per_page=500", Some(&org_snv))
                    .send()
                    .await
                    .expect("officers"),
            )
            .await;
        assert_eq!(status, 200);
        assert!(body["officers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["unit_code"]
                .as_str()
                .is_some_and(|c| c == "snv" || c.starts_with("snv/"))));
        assert!(body["officers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["person_id"].is_string()));

        // A scope the token lacks: 403.
        let (status, body) = spec
            .check(
                "get",
                "/units/{code}/scores",
                get(&app, "/units/snv/scores?period=2025-05", Some(&org_snv))
                    .send()
                    .await
                    .expect("scores"),
            )
            .await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["code"], "missing-scope");
        assert_eq!(body["detail"], "scores:read");
        // Another agency's unit and officer: 403.
        let (status, body) = spec
            .check(
                "get",
                "/units/{code}/scores",
                get(&app, "/units/snv/scores?period=2025-05", Some(&scores_stc))
                    .send()
                    .await
                    .expect("scores"),
            )
            .await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body["code"], "outside-agency");
        let snv_officer = officer(&app, "snv/tccb").await;
        let path = format!(
            "/officers/{}/scores/2025-05",
            snv_officer.external_id.clone().unwrap()
        );
        let (status, body) = spec
            .check(
                "get",
                "/officers/{person_id}/scores/{period}",
                get(&app, &path, Some(&scores_stc))
                    .send()
                    .await
                    .expect("score"),
            )
            .await;
        assert_eq!(status, 403, "{body}");

        // Expired, then revoked: 401 with their own types.
        let hash = api_clients::token_hash(&org_snv);
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::ExpiresAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
            )
            .filter(api_token::Column::TokenHash.eq(hash.clone()))
            .exec(&app.db.db)
            .await
            .expect("expire");
        let (status, body) = spec
            .check(
                "get",
                "/units",
                get(&app, "/units", Some(&org_snv))
                    .send()
                    .await
                    .expect("units"),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("token-expired"))
        );
        let id = api_clients::find_token(&app.db.db, &scores_stc)
            .await
            .expect("id");
        api_clients::revoke_token(&app.db.db, &Actor::system("test"), id)
            .await
            .expect("revoke");
        let (status, body) = spec
            .check(
                "get",
                "/units",
                get(&app, "/units", Some(&scores_stc))
                    .send()
                    .await
                    .expect("units"),
            )
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("token-revoked"))
        );

        // last_used_at is kept.
        let used = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(hash))
            .one(&app.db.db)
            .await
            .expect("token")
            .expect("token");
        assert!(used.last_used_at.is_some());
        app.stop().await;
    }
}

#[tokio::test]
async fn a_batch_is_idempotent_and_answers_each_entry() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let spec = Spec::fetch(&app).await;
        let t = token(&app, "eoffice-snv", "snv", "entries:write,catalog:read").await;
        let who = officer(&app, "snv/tccb").await;
        let person = who.external_id.clone().unwrap();
        let codes = tasks(&app, &spec, &t, &who).await;
        let other_agency = officer(&app, "stc/ns").await;

        let good = vec![
            entry("vb-1", &person, &codes[0], 1.0),
            entry("vb-2", &person, &codes[1], 2.0),
            entry("vb-3", &person, &codes[0], 3.0),
        ];
        let batch = json!({ "entries": good });
        let (status, first) = spec
            .check(
                "post",
                "/entries:batch",
                post(&app, "/entries:batch", &t, &batch)
                    .send()
                    .await
                    .expect("batch"),
            )
            .await;
        assert_eq!(status, 200, "{first}");
        assert_eq!(
            (first["created"].as_u64(), first["refused"].as_u64()),
            (Some(3), Some(0)),
            "{first}"
        );
        let ids: Vec<i64> = first["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(first["results"][0]["entry_status"], "draft");

        // The same batch again: the same ids, nothing new.
        let (_, again) = spec
            .check(
                "post",
                "/entries:batch",
                post(&app, "/entries:batch", &t, &batch)
                    .send()
                    .await
                    .expect("batch"),
            )
            .await;
        assert_eq!(again["unchanged"], 3, "{again}");
        let again_ids: Vec<i64> = again["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, again_ids);
        assert_eq!(client_entries(&app).await, 3);

        // A changed draft is updated; a changed submitted entry is a conflict.
        wle::Entity::update_many()
            .col_expr(
                wle::Column::Status,
                Expr::value(EntryStatus::Submitted.as_str()),
            )
            .filter(wle::Column::Id.eq(ids[2]))
            .exec(&app.db.db)
            .await
            .expect("submit");
        let changed = json!({ "entries": [
            entry("vb-1", &person, &codes[0], 5.0),
            entry("vb-3", &person, &codes[0], 9.0),
            entry("vb-2", &person, &codes[1], 2.0),
        ]});
        let (_, res) = spec
            .check(
                "post",
                "/entries:batch",
                post(&app, "/entries:batch", &t, &changed)
                    .send()
                    .await
                    .expect("batch"),
            )
            .await;
        assert_eq!(res["results"][0]["outcome"], "updated", "{res}");
        assert_eq!(res["results"][1]["outcome"], "refused");
        assert_eq!(res["results"][1]["problem"]["code"], "conflict");
        assert_eq!(res["results"][1]["id"], ids[2]);
        assert_eq!(res["results"][2]["outcome"], "unchanged");
        let kept = wle::Entity::find_by_id(ids[2])
            .one(&app.db.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            kept.assigned_qty, 3.0,
            "a submitted entry keeps what it said"
        );
        let updated = wle::Entity::find_by_id(ids[0])
            .one(&app.db.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(updated.assigned_qty, 5.0);

        // Every kind of bad entry, each answered on its own; the good one still lands.
        let future = app::i18n::vietnam_date(chrono::Utc::now()) + chrono::Duration::days(2);
        let mut future_entry = entry("vb-future", &person, &codes[0], 1.0);
        future_entry["work_date"] = json!(future);
        let mut over = entry("vb-over", &person, &codes[0], 2.0);
        over["completed_quantity"] = json!(3.0);
        let bad = json!({ "entries": [
            entry("vb-4", &person, &codes[0], 1.0),
            entry("vb-4", &person, &codes[0], 1.0),
            entry("vb-x", "KHONG-CO", &codes[0], 1.0),
            entry("vb-y", other_agency.external_id.as_deref().unwrap(), &codes[0], 1.0),
            entry("vb-z", &person, "KHONG-CO-VIEC", 1.0),
            future_entry,
            entry("vb-neg", &person, &codes[0], -1.0),
            entry("", &person, &codes[0], 1.0),
            over,
        ]});
        let (status, res) = spec
            .check(
                "post",
                "/entries:batch",
                post(&app, "/entries:batch", &t, &bad)
                    .send()
                    .await
                    .expect("batch"),
            )
            .await;
        assert_eq!(status, 200, "{res}");
        let codes_of: Vec<(String, Option<String>)> = res["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["outcome"].as_str().unwrap().to_string(),
                    r["problem"]["code"].as_str().map(str::to_string),
                )
            })
            .collect();
        let expected = [
            ("created", None),
            ("refused", Some("duplicate-in-batch")),
            ("refused", Some("unknown-officer")),
            ("refused", Some("unknown-officer")),
            ("refused", Some("unknown-task")),
            ("refused", Some("future-date")),
            ("refused", Some("invalid-entry")),
            ("refused", Some("external-id")),
            ("refused", Some("invalid-entry")),
        ];
        for (i, (outcome, code)) in expected.iter().enumerate() {
            assert_eq!(
                (codes_of[i].0.as_str(), codes_of[i].1.as_deref()),
                (*outcome, *code),
                "entry {i}: {}",
                res["results"][i]
            );
        }
        assert_eq!(client_entries(&app).await, 4);

        // Entries not of the documented shape: the batch is refused whole, each named.
        let shapeless = json!({ "entries": [
            entry("vb-5", &person, &codes[0], 1.0),
            json!({ "external_id": "vb-q", "person_id": person, "work_date": "hôm qua", "task_code": codes[0], "quantity": 1 }),
            json!({ "external_id": "vb-extra", "person_id": person, "work_date": yesterday(), "task_code": codes[0], "quantity": 1, "owner": "x" }),
            json!(42),
            json!({ "external_id": "vb-s", "person_id": person, "work_date": yesterday(), "task_code": codes[0], "quantity": "một" }),
        ]});
        let (status, res) = spec
            .check(
                "post",
                "/entries:batch",
                post(&app, "/entries:batch", &t, &shapeless)
                    .send()
                    .await
                    .expect("batch"),
            )
            .await;
        assert_eq!(
            (status, res["code"].as_str()),
            (400, Some("invalid-body")),
            "{res}"
        );
        let named: Vec<u64> = res["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["index"].as_u64().unwrap())
            .collect();
        assert_eq!(named, [1, 2, 3, 4], "{res}");
        assert_eq!(
            client_entries(&app).await,
            4,
            "nothing of a refused batch is written"
        );

        // Batches that are not batches: problems, nothing written.
        for (body, status, code) in [
            (json!({ "entries": [] }), 422, "batch-size"),
            (
                json!({ "entries": vec![json!(1); 1001] }),
                422,
                "batch-size",
            ),
            (json!({ "items": [] }), 400, "invalid-body"),
        ] {
            let (s, res) = spec
                .check(
                    "post",
                    "/entries:batch",
                    post(&app, "/entries:batch", &t, &body)
                        .send()
                        .await
                        .expect("batch"),
                )
                .await;
            assert_eq!((s, res["code"].as_str()), (status, Some(code)), "{res}");
        }
        let res = app
            .client
            .post(app.url("/api/v1/entries:batch"))
            .bearer_auth(&t)
            .header("content-type", "application/json")
            .body("{\"entries\": [")
            .send()
            .await
            .expect("batch");
        let (s, res) = spec.check("post", "/entries:batch", res).await;
        assert_eq!((s, res["code"].as_str()), (400, Some("invalid-body")));
        let res = app
            .client
            .post(app.url("/api/v1/entries:batch"))
            .bearer_auth(&t)
            .header("content-type", "application/json")
            .body(vec![b' '; 3 * 1024 * 1024])
            .send()
            .await
            .expect("batch");
        let (s, res) = spec.check("post", "/entries:batch", res).await;
        assert_eq!((s, res["code"].as_str()), (413, Some("body-too-large")));
        assert_eq!(client_entries(&app).await, 4);

        // Every write is audited under the client's name.
        let audited = app::ssr::entities::audit_event::Entity::find()
            .filter(app::ssr::entities::audit_event::Column::Action.eq("api.entries_batch"))
            .count(&app.db.db)
            .await
            .expect("audit");
        assert_eq!(audited, 3, "created, updated, created");

        // Once the head approved the officer's month, its entries are closed to the API
        // as to the diary.
        let month = period::Entity::find()
            .filter(period::Column::Kind.eq("month"))
            .order_by_asc(period::Column::StartsOn)
            .one(&app.db.db)
            .await
            .expect("period")
            .expect("the demo's first month");
        period_score::Entity::update_many()
            .col_expr(
                period_score::Column::ApprovedAt,
                Expr::value(chrono::Utc::now()),
            )
            .filter(period_score::Column::PeriodId.eq(month.id))
            .filter(period_score::Column::OfficerId.eq(who.id))
            .exec(&app.db.db)
            .await
            .expect("approve");
        let mut late = entry("vb-late", &person, &codes[0], 1.0);
        late["work_date"] = json!(month.starts_on);
        let (status, res) = spec
            .check(
                "post",
                "/entries:batch",
                post(&app, "/entries:batch", &t, &json!({ "entries": [late] }))
                    .send()
                    .await
                    .expect("batch"),
            )
            .await;
        assert_eq!(status, 200, "{res}");
        assert_eq!(
            res["results"][0]["problem"]["code"], "period-closed",
            "{res}"
        );
        assert_eq!(client_entries(&app).await, 4);
        app.stop().await;
    }
}

#[tokio::test]
async fn identical_batches_sent_at_once_insert_each_entry_once() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let spec = Spec::fetch(&app).await;
        let t = token(&app, "eoffice-snv", "snv", "entries:write,catalog:read").await;
        let who = officer(&app, "snv/tccb").await;
        let person = who.external_id.clone().unwrap();
        let codes = tasks(&app, &spec, &t, &who).await;
        let entries: Vec<Value> = (0..200)
            .map(|i| {
                entry(
                    &format!("cc-{i:04}"),
                    &person,
                    &codes[i % 2],
                    1.0 + (i % 3) as f64,
                )
            })
            .collect();
        let batch = json!({ "entries": entries });
        let mut sends = Vec::new();
        for _ in 0..4 {
            let req = post(&app, "/entries:batch", &t, &batch);
            sends.push(tokio::spawn(
                async move { req.send().await.expect("batch") },
            ));
        }
        let mut answers = Vec::new();
        for s in sends {
            let res = s.await.expect("join");
            answers.push(spec.check("post", "/entries:batch", res).await);
        }
        let mut id_sets = HashSet::new();
        let mut created = 0;
        for (status, body) in &answers {
            if *status == 503 {
                continue; // a lost write race, answered as "send again"
            }
            assert_eq!(*status, 200, "{body}");
            assert_eq!(body["refused"], 0, "{body}");
            created += body["created"].as_u64().unwrap();
            let ids: Vec<i64> = body["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap())
                .collect();
            id_sets.insert(ids);
        }
        assert_eq!(id_sets.len(), 1, "every answer names the same entries");
        assert_eq!(created, 200, "each entry created once in all");
        assert_eq!(client_entries(&app).await, 200, "{}", backend.name());
        app.stop().await;
    }
}

#[tokio::test]
async fn scores_come_paged_with_an_etag_and_explained() {
    for backend in backends() {
        let app = TestApp::demo(&backend).await;
        let spec = Spec::fetch(&app).await;
        let t = token(&app, "eoffice-snv", "snv", "scores:read").await;
        let who = officer(&app, "snv/tccb").await;
        let score = period_score::Entity::find()
            .filter(period_score::Column::OfficerId.eq(who.id))
            .filter(period_score::Column::SupersededBy.is_null())
            .one(&app.db.db)
            .await
            .expect("score")
            .expect("the demo scores its officers");
        let p = period::Entity::find_by_id(score.period_id)
            .one(&app.db.db)
            .await
            .unwrap()
            .unwrap();

        let path = format!("/units/snv/scores?period={}&per_page=2", p.code);
        let res = get(&app, &path, Some(&t)).send().await.expect("scores");
        let etag = res
            .headers()
            .get("etag")
            .expect("an ETag")
            .to_str()
            .unwrap()
            .to_string();
        let (status, body) = spec.check("get", "/units/{code}/scores", res).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["scores"].as_array().unwrap().len(), 2);
        assert!(body["total"].as_u64().unwrap() > 2);
        let res = get(&app, &path, Some(&t))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("scores");
        assert_eq!(res.status(), 304);
        let page2 = format!("/units/snv/scores?period={}&per_page=2&page=2", p.code);
        let res = get(&app, &page2, Some(&t)).send().await.expect("scores");
        assert_ne!(res.headers().get("etag").unwrap().to_str().unwrap(), etag);
        spec.check("get", "/units/{code}/scores", res).await;
        for bad in [
            "/units/snv/scores",
            "/units/snv/scores?period=2025-05&page=0",
            "/units/snv/scores?period=2025-05&per_page=501",
        ] {
            let (status, body) = spec
                .check(
                    "get",
                    "/units/{code}/scores",
                    get(&app, bad, Some(&t)).send().await.expect("bad"),
                )
                .await;
            assert_eq!(
                (status, body["code"].as_str()),
                (400, Some("invalid-parameter")),
                "{bad}"
            );
        }
        let (status, _) = spec
            .check(
                "get",
                "/units/{code}/scores",
                get(&app, "/units/snv/scores?period=1999-01", Some(&t))
                    .send()
                    .await
                    .expect("x"),
            )
            .await;
        assert_eq!(status, 404);

        let path = format!(
            "/officers/{}/scores/{}",
            who.external_id.clone().unwrap(),
            p.code
        );
        let (status, body) = spec
            .check(
                "get",
                "/officers/{person_id}/scores/{period}",
                get(&app, &path, Some(&t)).send().await.expect("score"),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["formula"]["hash"], score.rule_version_hash);
        assert_eq!(body["score_version"], score.score_version);
        assert!(!body["trace"].as_array().unwrap().is_empty(), "{body}");
        // The integration's read is in the audit trail as a score access.
        let accesses = app::ssr::entities::audit_event::Entity::find()
            .filter(app::ssr::entities::audit_event::Column::Entity.eq("score_access"))
            .filter(app::ssr::entities::audit_event::Column::EntityId.eq(who.id.to_string()))
            .all(&app.db.db)
            .await
            .expect("audit");
        assert_eq!(accesses.len(), 1, "{accesses:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn each_token_has_its_rate_limit() {
    let backend = backends().remove(0);
    let app = TestApp::spawn_opts(&backend, false, 10).await;
    app::ssr::services::seed::seed_demo_if_empty(&app.db.db, &common::seed_pool())
        .await
        .expect("seed");
    let spec = Spec::fetch(&app).await;
    let a = token(&app, "eoffice-snv", "snv", "org:read").await;
    let b = token(&app, "eoffice-snv", "snv", "org:read").await;
    let (first, _) = spec
        .check(
            "get",
            "/units",
            get(&app, "/units", Some(&a)).send().await.unwrap(),
        )
        .await;
    assert_eq!(first, 200);
    let res = get(&app, "/units", Some(&a)).send().await.unwrap();
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    let (status, body) = spec.check("get", "/units", res).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("rate-limited")));
    // Another token of the same client is not held back.
    let (status, _) = spec
        .check(
            "get",
            "/units",
            get(&app, "/units", Some(&b)).send().await.unwrap(),
        )
        .await;
    assert_eq!(status, 200);
    app.stop().await;
}

#[tokio::test]
async fn the_reference_page_documents_every_operation_and_problem() {
    let backend = backends().remove(0);
    let app = TestApp::spawn(&backend).await;
    let spec = Spec::fetch(&app).await;
    let res = reqwest::get(app.url("/api/v1/docs")).await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    let page = res.text().await.unwrap();
    assert!(!page.contains("<script") && !page.contains("http://") && !page.contains("https://"));
    for (path, item) in spec.doc["paths"].as_object().unwrap() {
        assert!(
            page.contains(&format!("/api/v1{path}")),
            "{path} missing from the page"
        );
        for op in item.as_object().unwrap().values() {
            assert!(page.contains(op["operationId"].as_str().unwrap()));
        }
    }
    for k in app::ssr::api_v1::problem::Kind::ALL {
        assert!(page.contains(&format!("id=\"problem-{}\"", k.code())));
    }
    // An unknown path under /api/v1 is a problem too, never a page.
    let res = reqwest::get(app.url("/api/v1/khong-co")).await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    app.stop().await;
}

#[tokio::test]
async fn the_cli_prints_a_token_alone_on_its_last_line() {
    let backend = backends().remove(0);
    let app = TestApp::demo(&backend).await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rubric"))
        .args([
            "api-token",
            "create",
            "--client",
            "eoffice-snv",
            "--agency",
            "snv",
            "--scopes",
            "entries:write,scores:read",
            "--days",
            "90",
        ])
        .env("RUBRIC_DATABASE_URL", &app.db.url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run rubric");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last = stdout.lines().last().expect("a line");
    assert!(last.starts_with("rbk_") && !last.contains(' '), "{stdout}");
    let spec = Spec::fetch(&app).await;
    let (status, _) = spec
        .check(
            "get",
            "/units/{code}/scores",
            get(&app, "/units/snv/scores?period=1999-01", Some(last))
                .send()
                .await
                .unwrap(),
        )
        .await;
    assert_eq!(
        status, 404,
        "the token works: the period is what is missing"
    );
    // A scope that does not exist is refused, nothing issued.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rubric"))
        .args([
            "api-token",
            "create",
            "--client",
            "eoffice-snv",
            "--agency",
            "snv",
            "--scopes",
            "admin",
        ])
        .env("RUBRIC_DATABASE_URL", &app.db.url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run rubric");
    assert!(!out.status.success());
    assert_eq!(
        api_token::Entity::find().count(&app.db.db).await.unwrap(),
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn a_server_killed_during_ingestion_keeps_every_acknowledged_batch_whole() {
    for backend in backends() {
        let db = common::TestDb::new(&backend).await;
        app::ssr::services::seed::seed_demo_if_empty(&db.db, &common::seed_pool())
            .await
            .expect("seed");
        let actor = Actor::system("test");
        let client = api_clients::create_client(&db.db, &actor, "eoffice-snv", "snv", false)
            .await
            .expect("client");
        let t = api_clients::issue_token(&db.db, &actor, client.id, "kill", "entries:write", 1)
            .await
            .expect("token")
            .token;
        let unit = app::ssr::services::org::by_code(&db.db, "snv/tccb")
            .await
            .expect("unit");
        let who = user::Entity::find()
            .filter(user::Column::UnitId.eq(unit.id))
            .filter(user::Column::PositionId.is_not_null())
            .one(&db.db)
            .await
            .unwrap()
            .unwrap();
        let version = app::ssr::services::job_descriptions::version_in_force(
            &db.db,
            who.position_id.unwrap(),
            yesterday(),
        )
        .await
        .unwrap()
        .expect("a catalog in force");
        let task = app::ssr::services::job_descriptions::catalog_of(&db.db, version.id)
            .await
            .unwrap()
            .remove(0)
            .code;
        let person = who.external_id.clone().unwrap();
        let mut server = common::RubricProcess::start(&db).await;
        let url = format!("http://{}/api/v1/entries:batch", server.addr);

        // Two clients send batches of 500 one after another; the server is killed while
        // they are at it.
        const BATCH: usize = 500;
        let (acks_tx, mut acks_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let mut senders = Vec::new();
        for sender in 0..2 {
            let (url, t, person, task, acks) = (
                url.clone(),
                t.clone(),
                person.clone(),
                task.clone(),
                acks_tx.clone(),
            );
            senders.push(tokio::spawn(async move {
                let http = reqwest::Client::new();
                for b in 0..40 {
                    let prefix = format!("k{sender}-{b:02}");
                    let entries: Vec<Value> = (0..BATCH)
                        .map(|i| entry(&format!("{prefix}-{i:03}"), &person, &task, 1.0))
                        .collect();
                    match http
                        .post(&url)
                        .bearer_auth(&t)
                        .json(&json!({ "entries": entries }))
                        .send()
                        .await
                    {
                        Ok(res) if res.status() == 200 => {
                            let body: Value = res.json().await.expect("json");
                            assert_eq!(body["created"], BATCH, "{body}");
                            let _ = acks.send(prefix);
                        }
                        Ok(res) if res.status() == 503 => {}
                        _ => return,
                    }
                }
            }));
        }
        drop(acks_tx);
        let mut acked = Vec::new();
        while acked.len() < 3 {
            acked.push(acks_rx.recv().await.expect("three batches acknowledged"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        server.kill();
        for s in senders {
            let _ = s.await;
        }
        while let Ok(p) = acks_rx.try_recv() {
            acked.push(p);
        }

        let stored = wle::Entity::find()
            .filter(wle::Column::ApiClientId.eq(client.id))
            .all(&db.db)
            .await
            .expect("entries");
        let mut per_batch: std::collections::HashMap<String, usize> = Default::default();
        for e in &stored {
            let ext = e.external_id.clone().unwrap();
            *per_batch
                .entry(ext[..ext.rfind('-').unwrap()].to_string())
                .or_default() += 1;
        }
        for (prefix, n) in &per_batch {
            assert_eq!(
                *n,
                BATCH,
                "{}: batch {prefix} is half-written",
                backend.name()
            );
        }
        for prefix in &acked {
            assert_eq!(
                per_batch.get(prefix),
                Some(&BATCH),
                "{}: acknowledged batch {prefix} is missing",
                backend.name()
            );
        }
        drop(server);
        db.cleanup().await;
    }
}
