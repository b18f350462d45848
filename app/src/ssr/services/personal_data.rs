//! Everything Rubric holds about one person, as one JSON document they download themselves
//! (`GET /api/du-lieu-ca-nhan`; Decree 13/2023 on personal data protection, the data
//! subject's right of access).
//!
//! What it holds: the account (without its password hash), roles, unit, every work-log and
//! practice entry, the general-criteria points, every score version with its components and
//! trace, appeals, simulated scores, notifications and their settings, delegations given or
//! received, activation codes and password resets (without their hashes), when their
//! sessions end (not the sessions' secrets), the audit events about them in full (who read
//! their score and trace among them), and their own actions in the audit trail as time,
//! action and record only (those events' content is often another person's data).
//!
//! Every row is chosen by the person's id through a fixed list of columns that name the
//! person (never a column naming who reviewed or entered something: a head's download does
//! not carry their officers' entries).

use sea_orm::ConnectionTrait;

use crate::ssr::rows::{stmt, JsonRows};

/// (table, condition on the person's id `{id}`, columns left out).
const SECTIONS: &[(&str, &str, &[&str])] = &[
    ("users", "id = {id}", &["password_hash"]),
    ("user_roles", "user_id = {id}", &[]),
    (
        "units",
        "id = (SELECT unit_id FROM users WHERE id = {id})",
        &[],
    ),
    ("work_log_entries", "officer_id = {id}", &[]),
    ("practice_entries", "officer_id = {id}", &[]),
    ("criteria_points", "officer_id = {id}", &[]),
    ("period_scores", "officer_id = {id}", &[]),
    ("appeals", "officer_id = {id}", &[]),
    ("simulation_results", "officer_id = {id}", &[]),
    ("notifications", "user_id = {id}", &[]),
    ("notification_settings", "user_id = {id}", &[]),
    ("user_guides", "user_id = {id}", &[]),
    (
        "delegations",
        "delegator_id = {id} OR delegate_id = {id}",
        &[],
    ),
    ("activation_codes", "user_id = {id}", &["code_hash"]),
    ("password_reset_requests", "user_id = {id}", &["password_hash"]),
    ("sessions", "user_id = {id}", &["id", "data"]),
    (
        "audit_events",
        "(entity IN ('user', 'score_access') AND entity_id = '{id}') \
         OR (entity = 'work_log_entry' AND entity_id IN (SELECT CAST(id AS TEXT) FROM work_log_entries WHERE officer_id = {id})) \
         OR (entity = 'appeal' AND entity_id IN (SELECT CAST(id AS TEXT) FROM appeals WHERE officer_id = {id})) \
         OR (entity = 'criteria_points' AND entity_id IN (SELECT CAST(id AS TEXT) FROM criteria_points WHERE officer_id = {id}))",
        &[],
    ),
];

/// The person's own actions: what, when and on which record, not the content.
const OWN_ACTIONS: &str =
    "SELECT seq, at, action, entity, entity_id FROM audit_events WHERE actor_id = {id} ORDER BY seq";

/// The download: its file name and its JSON text.
pub struct Download {
    pub file_name: String,
    pub json: String,
}

/// Everything held about user `id` (the caller themself: the route passes the signed-in
/// user's id, never one from the request).
pub async fn download<C: ConnectionTrait>(db: &C, id: i32) -> Result<Download, sea_orm::DbErr> {
    let id_text = id.to_string();
    let mut json = String::with_capacity(64 * 1024);
    json.push_str("{\"format\":\"rubric-personal-data/1\",\"generated_at\":");
    json.push_str(&serde_json::to_string(&chrono::Utc::now().to_rfc3339()).unwrap_or_default());
    json.push_str(",\"notice\":");
    json.push_str(&serde_json::to_string(NOTICE).unwrap_or_default());
    json.push_str(",\"tables\":{");
    let mut username = String::new();
    for (i, (table, filter, without)) in SECTIONS.iter().enumerate() {
        let rows = JsonRows::matching(table, filter.replace("{id}", &id_text), without)
            .read(db)
            .await?;
        if *table == "users" {
            username = rows
                .first()
                .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok())
                .and_then(|v| v["username"].as_str().map(str::to_string))
                .unwrap_or_default();
        }
        if i > 0 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(table).unwrap_or_default());
        json.push_str(":[");
        json.push_str(&rows.join(","));
        json.push(']');
    }
    json.push_str("},\"own_actions\":[");
    let actions = db
        .query_all_raw(stmt(db, OWN_ACTIONS.replace("{id}", &id_text)))
        .await?;
    for (i, r) in actions.iter().enumerate() {
        let at: chrono::DateTime<chrono::Utc> = r.try_get_by_index(1)?;
        let action = serde_json::json!({
            "seq": r.try_get_by_index::<i64>(0)?,
            "at": at.to_rfc3339(),
            "action": r.try_get_by_index::<String>(2)?,
            "entity": r.try_get_by_index::<String>(3)?,
            "entity_id": r.try_get_by_index::<String>(4)?,
        });
        if i > 0 {
            json.push(',');
        }
        json.push_str(&action.to_string());
    }
    json.push_str("]}");
    let safe: String = username
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(Download {
        file_name: format!(
            "du-lieu-ca-nhan-{}-{}.json",
            if safe.is_empty() { id_text } else { safe },
            chrono::Utc::now().format("%Y%m%d")
        ),
        json,
    })
}

const NOTICE: &str = "Dữ liệu cá nhân Rubric lưu về bạn (Nghị định 13/2023/NĐ-CP). \
Personal data Rubric holds about you (Decree 13/2023). tables: every record naming you; \
own_actions: what you did, without its content.";
