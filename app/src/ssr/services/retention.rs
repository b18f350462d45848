//! Retention: what is kept only for a while, purged by every serving process's sweeper
//! (every ten minutes) and by `rubric purge` (for a cron job).
//!
//! - Sign-in sessions end after their idle or absolute limit and are deleted once expired
//!   (the session store's sweep, beside this one).
//! - Failed sign-ins (user name key, client address, time) are kept `sign_in_failures_hours`
//!   (default a day: the throttle's window).
//! - Entries a head returned and the officer never corrected are deleted after
//!   `returned_drafts_days` (default 0: kept), unless an appeal names them. Returned entries
//!   never count in a score. The deletion is one audited event listing the entries.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect, TransactionTrait,
};

use crate::models::EntryStatus;
use crate::ssr::entities::{appeal, sign_in_failure as sif, work_log_entry as wle};
use crate::ssr::services::audit::{self, Actor, Change};

/// How long each kind of data is kept.
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    pub sign_in_failures_hours: u32,
    /// 0: returned entries are kept.
    pub returned_drafts_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            sign_in_failures_hours: 24,
            returned_drafts_days: 0,
        }
    }
}

/// What one purge deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub sign_in_failures: u64,
    pub returned_drafts: u64,
}

/// Deletes what is past its retention at `now`.
pub async fn purge(
    db: &DatabaseConnection,
    retention: &Retention,
    now: DateTime<Utc>,
) -> Result<Purged, DbErr> {
    let mut purged = Purged::default();
    let failures_before = now - Duration::hours(i64::from(retention.sign_in_failures_hours));
    purged.sign_in_failures = sif::Entity::delete_many()
        .filter(sif::Column::At.lt(failures_before))
        .exec(db)
        .await?
        .rows_affected;
    if retention.returned_drafts_days > 0 {
        let before = now - Duration::days(i64::from(retention.returned_drafts_days));
        let txn = db.begin().await?;
        let appealed = appeal::Entity::find()
            .select_only()
            .column(appeal::Column::EntryId)
            .filter(appeal::Column::EntryId.is_not_null())
            .into_tuple::<Option<i64>>()
            .all(&txn)
            .await?;
        let appealed: Vec<i64> = appealed.into_iter().flatten().collect();
        let stale: Vec<(i64, i32)> = wle::Entity::find()
            .select_only()
            .column(wle::Column::Id)
            .column(wle::Column::OfficerId)
            .filter(wle::Column::Status.eq(EntryStatus::Returned))
            .filter(wle::Column::UpdatedAt.lt(before))
            .filter(wle::Column::Id.is_not_in(appealed))
            .into_tuple()
            .all(&txn)
            .await?;
        if !stale.is_empty() {
            let ids: Vec<i64> = stale.iter().map(|(id, _)| *id).collect();
            let mut deleted = 0;
            for chunk in ids.chunks(500) {
                deleted += wle::Entity::delete_many()
                    .filter(wle::Column::Id.is_in(chunk.to_vec()))
                    .filter(wle::Column::Status.eq(EntryStatus::Returned))
                    .exec(&txn)
                    .await?
                    .rows_affected;
            }
            let entries: Vec<serde_json::Value> = stale
                .iter()
                .map(|(id, officer)| serde_json::json!({ "id": id, "officer_id": officer }))
                .collect();
            audit::record(
                &txn,
                &Actor::system("retention"),
                Change::new("retention.purge_returned", "work_log_entry", "*").after(
                    &serde_json::json!({
                        "deleted": deleted,
                        "returned_before": before.to_rfc3339(),
                        "entries": entries,
                    }),
                ),
            )
            .await?;
            purged.returned_drafts = deleted;
        }
        txn.commit().await?;
    }
    Ok(purged)
}
