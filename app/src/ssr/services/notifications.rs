//! The notification centre: what the application tells a person, kept until they read it,
//! and the daily e-mail digest of it for those who gave an address.
//!
//! - **Events** raise notifications inside the transaction of the change they report, so a
//!   change that rolls back tells nobody: an entry returned ([`notify`] from
//!   `work_log::return_entry`), an appeal answered (`appeals::answer`), a period published
//!   (`closing::publish`, every officer with a result in it).
//! - **The sweep** ([`sweep`], run by every serving process every few minutes and by
//!   `rubric notify`) raises what time brings: a review queue waiting [`SweepSettings::queue_days`]
//!   days or more (to the unit's nearest heads, acting heads included, once a day), and a
//!   step of a period's calendar due within [`SweepSettings::deadline_days`] days (once per
//!   person, step and period, to those whose step is not done). A key per person makes a
//!   repeated sweep — or two processes sweeping at once — add nothing.
//! - **The digest** ([`claim_digests`]): once a day after the digest hour, each person with
//!   an address gets one message with their unread notifications raised before that hour.
//!   Notifications are claimed (stamped) before the message is sent and released if sending
//!   fails, so two processes never send the same notification.
//! - Read notifications older than [`KEEP_READ_DAYS`] are deleted by the sweep.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::authz::Role;
use crate::error::AppError;
use crate::i18n::{notification_text, Locale, Msg};
use crate::models::{
    parse_email, DeadlineStep, EntryStatus, NotificationCentre, NotificationEvent,
    NotificationView, PeriodCode, PeriodKind, NOTIFICATIONS_PER_PAGE,
};
use crate::ssr::entities::{
    delegation, notification, notification_setting, user, user_role, work_log_entry as wle,
};
use crate::ssr::services::closing;
use crate::ssr::services::org::UnitTree;

/// Read notifications are kept this many days.
const KEEP_READ_DAYS: i64 = 180;

/// Rows per insert statement (well under both backends' bound-parameter limits).
const INSERT_CHUNK: usize = 500;

fn row(user_id: i32, event: &str, key: Option<String>) -> notification::ActiveModel {
    notification::ActiveModel {
        user_id: Set(user_id),
        event: Set(event.to_string()),
        dedup_key: Set(key),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        emailed_at: Set(None),
        ..Default::default()
    }
}

fn encode(event: &NotificationEvent) -> Result<String, AppError> {
    serde_json::to_string(event).map_err(|e| AppError::internal("notification", e))
}

/// Tells `users` about `event` (call it inside the change's transaction).
pub async fn notify<C: ConnectionTrait>(
    db: &C,
    users: &[i32],
    event: &NotificationEvent,
) -> Result<(), AppError> {
    insert(db, users, None, event).await.map(|_| ())
}

/// Tells `users` about `event` once per person and `key`; returns how many were told now.
async fn notify_once<C: ConnectionTrait>(
    db: &C,
    users: &[i32],
    key: &str,
    event: &NotificationEvent,
) -> Result<u64, AppError> {
    insert(db, users, Some(key), event).await
}

/// Inserts one notification per user; a row whose `(user, key)` exists is skipped (rows
/// without a key never conflict: NULLs are distinct in the unique index on both backends).
async fn insert<C: ConnectionTrait>(
    db: &C,
    users: &[i32],
    key: Option<&str>,
    event: &NotificationEvent,
) -> Result<u64, AppError> {
    let event = encode(event)?;
    let mut added = 0;
    for chunk in users.chunks(INSERT_CHUNK) {
        added += notification::Entity::insert_many(
            chunk
                .iter()
                .map(|u| row(*u, &event, key.map(str::to_string))),
        )
        .on_conflict(
            OnConflict::columns([notification::Column::UserId, notification::Column::DedupKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(added)
}

fn view(n: notification::Model) -> Option<NotificationView> {
    let event = match serde_json::from_str(&n.event) {
        Ok(e) => e,
        Err(e) => {
            // An event this version cannot read (written by a newer one) is left out.
            tracing::warn!(id = n.id, error = %e, "unreadable notification");
            return None;
        }
    };
    Some(NotificationView {
        id: n.id,
        event,
        created_at: n.created_at,
        read: n.read_at.is_some(),
    })
}

/// How many of the person's notifications are unread (the header's count).
pub async fn unread_count<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<u64, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Page `page` (1-based; out of range: the last) of the person's notifications, newest first.
pub async fn centre<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    page: u64,
    mail_enabled: bool,
) -> Result<NotificationCentre, AppError> {
    let total = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .count(db)
        .await?;
    let pages = total.div_ceil(NOTIFICATIONS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let items = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id)
        .offset((page - 1) * NOTIFICATIONS_PER_PAGE)
        .limit(NOTIFICATIONS_PER_PAGE)
        .all(db)
        .await?
        .into_iter()
        .filter_map(view)
        .collect();
    let digest_email = notification_setting::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .map(|s| s.email);
    Ok(NotificationCentre {
        items,
        unread: unread_count(db, user_id).await?,
        total,
        page,
        pages,
        digest_email,
        mail_enabled,
    })
}

/// Marks the person's notification `id` read, or all of them when `id` is `None`. Another
/// person's notification is not found.
pub async fn mark_read<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    id: Option<i32>,
) -> Result<(), AppError> {
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = id {
        update = update.filter(notification::Column::Id.eq(id));
        let mine = notification::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|n| n.user_id == user_id);
        if !mine {
            return Err(AppError::NotFound);
        }
    }
    update.exec(db).await?;
    Ok(())
}

/// Sets (or, with an empty text, removes) the address of the person's daily digest.
pub async fn set_digest_email<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    email: &str,
) -> Result<Option<String>, AppError> {
    if email.trim().is_empty() {
        notification_setting::Entity::delete_by_id(user_id)
            .exec(db)
            .await?;
        return Ok(None);
    }
    let email = parse_email(email).ok_or(AppError::refused("email", Msg::NotifyEmailBad))?;
    notification_setting::Entity::insert(notification_setting::ActiveModel {
        user_id: Set(user_id),
        email: Set(email.clone()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(notification_setting::Column::UserId)
            .update_columns([
                notification_setting::Column::Email,
                notification_setting::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(Some(email))
}

/// What the sweep looks for.
#[derive(Clone, Copy, Debug)]
pub struct SweepSettings {
    /// A submitted entry waiting this many days or more puts its unit's queue in the heads'
    /// notifications.
    pub queue_days: u32,
    /// A step's deadline this many days ahead (or fewer) is announced.
    pub deadline_days: u32,
}

impl Default for SweepSettings {
    fn default() -> Self {
        SweepSettings {
            queue_days: 3,
            deadline_days: 2,
        }
    }
}

/// What one sweep raised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub queues: u64,
    pub deadlines: u64,
}

/// Per unit, the active people who head it today: reviewers by role and acting heads of a
/// running delegation.
async fn heads_by_unit<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
) -> Result<HashMap<i32, Vec<i32>>, AppError> {
    let active: HashSet<i32> = user::Entity::find()
        .filter(user::Column::IsActive.eq(true))
        .select_only()
        .column(user::Column::Id)
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut heads: HashMap<i32, Vec<i32>> = HashMap::new();
    for r in user_role::Entity::find()
        .filter(user_role::Column::Role.eq(Role::Reviewer.code()))
        .filter(user_role::Column::UnitId.is_not_null())
        .all(db)
        .await?
    {
        if let Some(u) = r.unit_id {
            heads.entry(u).or_default().push(r.user_id);
        }
    }
    for d in delegation::Entity::find()
        .filter(delegation::Column::RevokedAt.is_null())
        .filter(delegation::Column::StartsOn.lte(today))
        .filter(delegation::Column::EndsOn.gte(today))
        .all(db)
        .await?
    {
        heads.entry(d.unit_id).or_default().push(d.delegate_id);
    }
    for list in heads.values_mut() {
        list.retain(|u| active.contains(u));
        list.sort_unstable();
        list.dedup();
    }
    heads.retain(|_, list| !list.is_empty());
    Ok(heads)
}

/// The heads of the nearest unit at or above `unit` that has any.
fn nearest_heads<'a>(tree: &UnitTree, heads: &'a HashMap<i32, Vec<i32>>, unit: i32) -> &'a [i32] {
    tree.chain(unit)
        .into_iter()
        .find_map(|u| heads.get(&u))
        .map_or(&[], Vec::as_slice)
}

/// The periods whose calendar may have a step due near `today`: last month, and the
/// quarter and the year it ends.
fn periods_near(today: NaiveDate) -> Vec<PeriodCode> {
    let month = PeriodCode::month_of(today).previous();
    let mut out = vec![month];
    for kind in [PeriodKind::Quarter, PeriodKind::Year] {
        let code = PeriodCode::of_kind(kind, month.starts_on());
        if code.ends_on() == month.ends_on() {
            out.push(code);
        }
    }
    out
}

/// Raises the notifications that time brings, as of `today` (Vietnam's date).
#[tracing::instrument(skip(db), err)]
pub async fn sweep<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    settings: SweepSettings,
) -> Result<SweepReport, AppError> {
    let tree = UnitTree::load(db).await?;
    let heads = heads_by_unit(db, today).await?;
    let mut report = SweepReport {
        queues: queues(db, &tree, &heads, today, settings.queue_days).await?,
        deadlines: 0,
    };
    for code in periods_near(today) {
        report.deadlines += deadlines(db, &tree, &heads, code, today, settings).await?;
    }
    // What was read long ago goes: the centre is a to-do list, the audit trail the record.
    notification::Entity::delete_many()
        .filter(notification::Column::ReadAt.lt(Utc::now() - Duration::days(KEEP_READ_DAYS)))
        .exec(db)
        .await?;
    Ok(report)
}

/// Per unit with submitted entries waiting `days` days or more: one notification a day to
/// its nearest heads.
async fn queues<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    heads: &HashMap<i32, Vec<i32>>,
    today: NaiveDate,
    days: u32,
) -> Result<u64, AppError> {
    let before = crate::i18n::vietnam_day_start(today - Duration::days(i64::from(days) - 1))
        .ok_or_else(|| AppError::internal("sweep", "no day start"))?;
    let waiting: Vec<i32> = wle::Entity::find()
        .filter(wle::Column::Status.eq(EntryStatus::Submitted))
        .filter(wle::Column::UpdatedAt.lt(before))
        .select_only()
        .column(wle::Column::OfficerId)
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let units: HashMap<i32, Option<i32>> = user::Entity::find()
        .filter(user::Column::Id.is_in(waiting.iter().copied().collect::<HashSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.unit_id))
        .collect();
    let mut per_unit: HashMap<i32, u32> = HashMap::new();
    for officer in waiting {
        if let Some(Some(unit)) = units.get(&officer) {
            *per_unit.entry(*unit).or_default() += 1;
        }
    }
    let mut added = 0;
    for (unit, entries) in per_unit {
        let to = nearest_heads(tree, heads, unit);
        let Some(u) = tree.get(unit) else { continue };
        let event = NotificationEvent::QueueWaiting {
            unit: u.name.clone(),
            entries,
            days,
        };
        added += notify_once(db, to, &format!("queue:{unit}:{today}"), &event).await?;
    }
    Ok(added)
}

/// The steps of `code` due within the notice, to those whose step is not done.
async fn deadlines<C: ConnectionTrait>(
    db: &C,
    tree: &UnitTree,
    heads: &HashMap<i32, Vec<i32>>,
    code: PeriodCode,
    today: NaiveDate,
    settings: SweepSettings,
) -> Result<u64, AppError> {
    let (calendar, _) = closing::deadlines_of(db, code).await?;
    let notice = Duration::days(i64::from(settings.deadline_days));
    let due_soon: Vec<(DeadlineStep, NaiveDate)> = DeadlineStep::ALL
        .into_iter()
        .map(|s| (s, calendar.of(s)))
        .filter(|(_, due)| today <= *due && *due - today <= notice)
        .collect();
    if due_soon.is_empty() {
        return Ok(0);
    }
    let Some(outstanding) = closing::outstanding(db, tree, code).await? else {
        return Ok(0);
    };
    let mut added = 0;
    for (step, due) in due_soon {
        let mut to: Vec<i32> = match step {
            DeadlineStep::Submit => unsent_officers(db, code).await?,
            DeadlineStep::Review => outstanding
                .units
                .iter()
                .flat_map(|u| nearest_heads(tree, heads, *u).iter().copied())
                .collect(),
            DeadlineStep::Close => outstanding
                .agencies
                .iter()
                .flat_map(|a| heads.get(a).into_iter().flatten().copied())
                .collect(),
            DeadlineStep::Publish => holders_of(db, Role::Committee).await?,
        };
        to.sort_unstable();
        to.dedup();
        let event = NotificationEvent::DeadlineApproaching {
            period: code.to_string(),
            step,
            due,
        };
        let key = format!("deadline:{code}:{}", step.code());
        added += notify_once(db, &to, &key, &event).await?;
    }
    Ok(added)
}

/// Active officers with entries of the period not yet submitted (drafts, returned ones).
async fn unsent_officers<C: ConnectionTrait>(
    db: &C,
    code: PeriodCode,
) -> Result<Vec<i32>, AppError> {
    let officers: Vec<i32> = wle::Entity::find()
        .filter(wle::Column::Status.is_in([EntryStatus::Draft, EntryStatus::Returned]))
        .filter(wle::Column::WorkDate.gte(code.starts_on()))
        .filter(wle::Column::WorkDate.lte(code.ends_on()))
        .select_only()
        .column(wle::Column::OfficerId)
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?;
    active_among(db, officers).await
}

async fn holders_of<C: ConnectionTrait>(db: &C, role: Role) -> Result<Vec<i32>, AppError> {
    let ids = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(role.code()))
        .select_only()
        .column(user_role::Column::UserId)
        .into_tuple::<i32>()
        .all(db)
        .await?;
    active_among(db, ids).await
}

async fn active_among<C: ConnectionTrait>(db: &C, ids: Vec<i32>) -> Result<Vec<i32>, AppError> {
    let mut out = Vec::new();
    for chunk in ids.chunks(INSERT_CHUNK) {
        out.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(chunk.iter().copied()))
                .filter(user::Column::IsActive.eq(true))
                .select_only()
                .column(user::Column::Id)
                .into_tuple::<i32>()
                .all(db)
                .await?,
        );
    }
    Ok(out)
}

/// One person's digest: where it goes and what it says.
#[derive(Clone, Debug)]
pub struct Digest {
    pub user_id: i32,
    pub full_name: String,
    pub email: String,
    pub items: Vec<NotificationView>,
    /// The claimed notifications (released if the message cannot be sent).
    pub ids: Vec<i32>,
}

impl Digest {
    /// Subject and plain-text body: Vietnamese, then English; links made absolute with
    /// `base_url` when given.
    pub fn compose(&self, base_url: Option<&str>) -> (String, String) {
        let n = self.items.len();
        let subject = format!("Rubric: {n} thông báo mới / {n} new notifications");
        let base = base_url.map(|b| b.trim_end_matches('/')).unwrap_or("");
        let mut body = String::new();
        for locale in Locale::ALL {
            let (greeting, intro) = match locale {
                Locale::Vi => ("Kính gửi", "Các thông báo chưa đọc của bạn trên Rubric:"),
                Locale::En => ("Dear", "Your unread notifications on Rubric:"),
            };
            body.push_str(&format!("{greeting} {},\n\n{intro}\n\n", self.full_name));
            for item in &self.items {
                let when =
                    crate::i18n::format_date(locale, crate::i18n::vietnam_date(item.created_at));
                body.push_str(&format!(
                    "- {when}: {}\n  {base}{}\n",
                    notification_text(locale, &item.event),
                    item.event.link()
                ));
            }
            body.push_str("\n--\n\n");
        }
        body.push_str(&format!(
            "Thư này được gửi mỗi ngày một lần khi có thông báo mới; tắt tại {base}/thong-bao.\nSent once a day when there is something new; turn it off at {base}/thong-bao.\n"
        ));
        (subject, body)
    }
}

/// Claims the digests due at `now`: for each person with an address, their unread
/// notifications raised before today's digest hour (Vietnam time) and not yet sent. None
/// before the hour. The claimed notifications are stamped as sent; call [`release`] for a
/// digest that could not be sent.
pub async fn claim_digests<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    digest_hour: u32,
) -> Result<Vec<Digest>, AppError> {
    let today = crate::i18n::vietnam_date(now);
    let Some(cutoff) = crate::i18n::vietnam_day_start(today)
        .map(|start| start + Duration::hours(i64::from(digest_hour.min(23))))
    else {
        return Ok(Vec::new());
    };
    if now < cutoff {
        return Ok(Vec::new());
    }
    let settings = notification_setting::Entity::find().all(db).await?;
    let mut out = Vec::new();
    for s in settings {
        let due = notification::Entity::find()
            .filter(notification::Column::UserId.eq(s.user_id))
            .filter(notification::Column::ReadAt.is_null())
            .filter(notification::Column::EmailedAt.is_null())
            .filter(notification::Column::CreatedAt.lt(cutoff))
            .order_by_asc(notification::Column::CreatedAt)
            .order_by_asc(notification::Column::Id)
            .all(db)
            .await?;
        if due.is_empty() {
            continue;
        }
        let Some(person) = user::Entity::find_by_id(s.user_id)
            .one(db)
            .await?
            .filter(|u| u.is_active)
        else {
            continue;
        };
        // The claim: only the rows still unsent are stamped, so of two processes claiming at
        // once each sends only what it stamped.
        let mut claimed = Vec::new();
        for n in due {
            let stamped = notification::Entity::update_many()
                .col_expr(notification::Column::EmailedAt, Expr::value(now))
                .filter(notification::Column::Id.eq(n.id))
                .filter(notification::Column::EmailedAt.is_null())
                .exec(db)
                .await?;
            if stamped.rows_affected == 1 {
                claimed.push(n);
            }
        }
        let ids: Vec<i32> = claimed.iter().map(|n| n.id).collect();
        let items: Vec<NotificationView> = claimed.into_iter().filter_map(view).collect();
        if !items.is_empty() {
            out.push(Digest {
                user_id: s.user_id,
                full_name: person.full_name,
                email: s.email,
                items,
                ids,
            });
        }
    }
    Ok(out)
}

/// Gives back a digest's notifications that could not be sent: the next run tries again.
pub async fn release<C: ConnectionTrait>(db: &C, digest: &Digest) -> Result<(), AppError> {
    notification::Entity::update_many()
        .col_expr(
            notification::Column::EmailedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(notification::Column::Id.is_in(digest.ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn periods_near_a_day() {
        let codes = |d| {
            periods_near(d)
                .into_iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(day(2026, 11, 8)), ["2026-10"]);
        assert_eq!(codes(day(2026, 10, 8)), ["2026-09", "2026-Q3"]);
        assert_eq!(codes(day(2027, 1, 3)), ["2026-12", "2026-Q4", "2026"]);
    }

    #[test]
    fn digest_text_has_both_languages_and_site_links() {
        let d = Digest {
            user_id: 1,
            full_name: "Nguyễn Văn A".into(),
            email: "a@b.vn".into(),
            items: vec![NotificationView {
                id: 1,
                event: NotificationEvent::PeriodPublished {
                    period: "2026-10".into(),
                },
                created_at: Utc::now(),
                read: false,
            }],
            ids: vec![1],
        };
        let (subject, body) = d.compose(Some("https://kpi.khanhhoa.gov.vn/"));
        assert!(subject.contains("1 thông báo mới"));
        assert!(body.contains("Kết quả tháng 10/2026 đã được công bố chính thức."));
        assert!(body.contains("The results of month 10/2026 are published"));
        assert!(body.contains("https://kpi.khanhhoa.gov.vn/can-bo/diem?ky=2026-10"));
    }
}
