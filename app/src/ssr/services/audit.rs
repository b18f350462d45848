//! The audit trail: every edit and transition appends one event in the same transaction,
//! chained by hash so that an edited, deleted or reordered row is detected.
//!
//! `hash = sha256(prev_hash, seq, at, actor, action, entity, id, before, after)`. Writers
//! first bump the single `audit_head` row, which locks it until their transaction ends, so
//! two concurrent writers never chain onto the same predecessor.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ssr::entities::{audit_event, audit_head};

/// Who did something: a user, or the system acting for a command-line operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: Option<i32>,
    pub name: String,
}

impl Actor {
    pub fn user(id: i32, name: impl Into<String>) -> Actor {
        Actor {
            id: Some(id),
            name: name.into(),
        }
    }

    pub fn system(name: impl Into<String>) -> Actor {
        Actor {
            id: None,
            name: name.into(),
        }
    }
}

/// What changed, as JSON snapshots.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Change<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: impl ToString) -> Self {
        Change {
            action,
            entity,
            entity_id: entity_id.to_string(),
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.before = serde_json::to_value(value).ok();
        self
    }

    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.after = serde_json::to_value(value).ok();
        self
    }
}

/// Whether `user` wrote or changed a record: an event of theirs on it whose action is one
/// of `actions` (read from the chained trail, so nobody's edit can be forgotten).
pub async fn has_acted_on<C: ConnectionTrait>(
    db: &C,
    user: i32,
    entity: &str,
    entity_id: impl ToString,
    actions: &[&str],
) -> Result<bool, DbErr> {
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::ActorId.eq(user))
        .filter(audit_event::Column::Entity.eq(entity))
        .filter(audit_event::Column::EntityId.eq(entity_id.to_string()))
        .filter(audit_event::Column::Action.is_in(actions.iter().copied()))
        .one(db)
        .await?
        .is_some())
}

fn canonical_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

#[allow(clippy::too_many_arguments)]
fn event_hash(
    prev_hash: &str,
    seq: i64,
    at: &DateTime<Utc>,
    actor_id: Option<i32>,
    actor_name: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    let actor = actor_id.map(|i| i.to_string()).unwrap_or_default();
    let at = canonical_time(*at);
    for part in [
        prev_hash,
        &seq.to_string(),
        &at,
        &actor,
        actor_name,
        action,
        entity,
        entity_id,
        before.unwrap_or("\u{0}"),
        after.unwrap_or("\u{0}"),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends one event. Call it inside the transaction that makes the change.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    change: Change<'_>,
) -> Result<(), DbErr> {
    // Taking the row lock first serializes writers (PostgreSQL row lock; SQLite's single writer).
    audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::Seq,
            Expr::col(audit_head::Column::Seq).add(1),
        )
        .filter(audit_head::Column::Id.eq(1))
        .exec(db)
        .await?;
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("audit_head row is missing".into()))?;
    let seq = head.seq;
    let at = Utc::now().trunc_subsecs(6);
    let before = change.before.as_ref().map(|v| v.to_string());
    let after = change.after.as_ref().map(|v| v.to_string());
    let hash = event_hash(
        &head.hash,
        seq,
        &at,
        actor.id,
        &actor.name,
        change.action,
        change.entity,
        &change.entity_id,
        before.as_deref(),
        after.as_deref(),
    );
    audit_event::ActiveModel {
        seq: Set(seq),
        at: Set(at),
        actor_id: Set(actor.id),
        actor_name: Set(actor.name.clone()),
        action: Set(change.action.to_string()),
        entity: Set(change.entity.to_string()),
        entity_id: Set(change.entity_id.clone()),
        before_json: Set(before),
        after_json: Set(after),
        prev_hash: Set(head.hash.clone()),
        hash: Set(hash.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(hash))
        .filter(audit_head::Column::Id.eq(1))
        .exec(db)
        .await?;
    Ok(())
}

/// Records that `actor` read officer `officer_id`'s score for `period` with its trace (in
/// its own transaction: a read changes nothing else).
pub async fn record_score_access(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    officer_id: i32,
    officer_name: &str,
    period: &str,
) -> Result<(), DbErr> {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    record(
        &txn,
        actor,
        Change::new("score.read", SCORE_ACCESS, officer_id)
            .after(&serde_json::json!({ "officer": officer_name, "period": period })),
    )
    .await?;
    txn.commit().await
}

/// The trail's kind of object for a read of someone else's score.
pub const SCORE_ACCESS: &str = "score_access";

/// The result of checking the whole chain.
#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    Intact {
        events: u64,
    },
    Broken {
        seq: i64,
        id: Option<i64>,
        problem: String,
    },
}

const VERIFY_BATCH: u64 = 5_000;

/// Walks the chain in order, in batches, and names the first broken event.
pub async fn verify<C: ConnectionTrait>(db: &C) -> Result<Verification, DbErr> {
    let mut prev_hash = "0".repeat(64);
    let mut expected_seq = 1i64;
    let mut count = 0u64;
    loop {
        let batch = audit_event::Entity::find()
            .filter(audit_event::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_event::Column::Seq)
            .limit(VERIFY_BATCH)
            .all(db)
            .await?;
        if batch.is_empty() {
            break;
        }
        for ev in &batch {
            if ev.seq != expected_seq {
                return Ok(Verification::Broken {
                    seq: expected_seq,
                    id: None,
                    problem: format!("event {expected_seq} is missing (next is {})", ev.seq),
                });
            }
            if ev.prev_hash != prev_hash {
                return Ok(Verification::Broken {
                    seq: ev.seq,
                    id: Some(ev.id),
                    problem: "its link to the previous event does not match".into(),
                });
            }
            let recomputed = event_hash(
                &ev.prev_hash,
                ev.seq,
                &ev.at,
                ev.actor_id,
                &ev.actor_name,
                &ev.action,
                &ev.entity,
                &ev.entity_id,
                ev.before_json.as_deref(),
                ev.after_json.as_deref(),
            );
            if recomputed != ev.hash {
                return Ok(Verification::Broken {
                    seq: ev.seq,
                    id: Some(ev.id),
                    problem: "its content does not match its hash (edited after it was written)"
                        .into(),
                });
            }
            prev_hash = ev.hash.clone();
            expected_seq += 1;
            count += 1;
        }
    }
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom("audit_head row is missing".into()))?;
    if head.seq != expected_seq - 1 || head.hash != prev_hash {
        return Ok(Verification::Broken {
            seq: expected_seq,
            id: None,
            problem: format!(
                "the chain ends at event {} but its head records event {}: events were deleted",
                expected_seq - 1,
                head.seq
            ),
        });
    }
    Ok(Verification::Intact { events: count })
}

fn pretty(json: Option<String>) -> Option<String> {
    let json = json?;
    Some(
        serde_json::from_str::<serde_json::Value>(&json)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or(json),
    )
}

/// The events `query` asks for, newest first, one page at a time, with the kinds of object
/// the trail holds. Days are Vietnam's (UTC+7).
pub async fn recent<C: ConnectionTrait>(
    db: &C,
    query: &crate::models::AuditQuery,
    page: u64,
    per_page: u64,
) -> Result<crate::models::AuditPage, DbErr> {
    use sea_orm::{PaginatorTrait, QuerySelect};
    let vietnam = crate::i18n::vietnam_day_start;
    let mut select = audit_event::Entity::find().order_by_desc(audit_event::Column::Seq);
    if let Some(entity) = query.entity.as_deref().filter(|e| !e.is_empty()) {
        select = select.filter(audit_event::Column::Entity.eq(entity));
    }
    if let Some(from) = query.from.and_then(vietnam) {
        select = select.filter(audit_event::Column::At.gte(from));
    }
    if let Some(to) = query.to.and_then(|d| d.succ_opt()).and_then(vietnam) {
        select = select.filter(audit_event::Column::At.lt(to));
    }
    if let Some(actor) = query
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        // Names are matched without accents, so the candidates are picked in Rust.
        let names: Vec<String> = audit_event::Entity::find()
            .select_only()
            .column(audit_event::Column::ActorName)
            .distinct()
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .filter(|n| crate::text::matches(n, actor))
            .collect();
        select = select.filter(audit_event::Column::ActorName.is_in(names));
    }
    let paginator = select.paginate(db, per_page);
    let total = paginator.num_items().await?;
    let events = paginator
        .fetch_page(page)
        .await?
        .into_iter()
        .map(|e| crate::models::AuditEventView {
            seq: e.seq,
            at: e.at,
            actor_name: e.actor_name,
            action: e.action,
            entity: e.entity,
            entity_id: e.entity_id,
            before: pretty(e.before_json),
            after: pretty(e.after_json),
        })
        .collect();
    let mut entities: Vec<String> = audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::Entity)
        .distinct()
        .into_tuple::<String>()
        .all(db)
        .await?;
    entities.sort();
    Ok(crate::models::AuditPage {
        events,
        total,
        page,
        per_page,
        entities,
    })
}
