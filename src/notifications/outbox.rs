//! The outbox's queries: enqueue a rendered message once, claim due ones
//! for delivery under a lease, record each attempt's end, and the
//! managers' dead letters.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::db::{self, Access, Db, global};
use crate::entities::outbox_attempt;
use crate::entities::outbox_message::{self, DeliveryStatus};
use crate::error::{AppError, AppResult};
use crate::locale::Locale;

use super::kinds::Kind;
use super::templates::Rendered;

/// Attempts before a message becomes a dead letter.
pub const MAX_ATTEMPTS: i32 = 6;

/// How long a claimed message is left to its sender before another
/// delivery may take it again (a sender that died), unless
/// `PORTINERIA_MAIL_LEASE_SECONDS` says otherwise.
pub const LEASE: Duration = Duration::minutes(5);

/// The wait before attempt `n + 1` after `n` failed ones: one minute,
/// doubling, at most six hours.
pub fn backoff(failed: i32) -> Duration {
    let exponent = u32::try_from(failed.clamp(1, 10) - 1).unwrap_or(0);
    Duration::minutes(2_i64.pow(exponent)).min(Duration::hours(6))
}

/// A file sent with a message (a booking's `.ics`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// The file's name.
    pub name: String,
    /// Its MIME type (`text/calendar; method=REQUEST`).
    pub content_type: String,
    /// Its text.
    pub content: String,
}

/// The attachments stored with `message`.
pub fn attachments_of(message: &outbox_message::Model) -> AppResult<Vec<Attachment>> {
    serde_json::from_str(&message.attachments).map_err(AppError::internal)
}

/// A message to put in the outbox.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// The hub it concerns, if any.
    pub tenant: Option<uuid::Uuid>,
    /// What it is.
    pub kind: Kind,
    /// The same key twice is one message.
    pub dedupe_key: String,
    /// The address.
    pub recipient: String,
    /// The language it is written in.
    pub locale: Locale,
    /// Its words.
    pub rendered: Rendered,
    /// Files sent with it.
    pub attachments: Vec<Attachment>,
    /// The one-click unsubscribe link of an optional message.
    pub list_unsubscribe: Option<String>,
}

/// Whether a message with `dedupe_key` is already in the outbox.
pub async fn is_queued(conn: &impl ConnectionTrait, dedupe_key: &str) -> AppResult<bool> {
    let existing = global::find::<outbox_message::Entity>()
        .filter(outbox_message::Column::DedupeKey.eq(dedupe_key))
        .one(conn)
        .await?;
    Ok(existing.is_some())
}

/// Which of `dedupe_keys` are already in the outbox, in one query.
pub async fn queued_among(
    conn: &impl ConnectionTrait,
    dedupe_keys: Vec<String>,
) -> AppResult<std::collections::HashSet<String>> {
    if dedupe_keys.is_empty() {
        return Ok(std::collections::HashSet::new());
    }
    let found: Vec<String> = global::find::<outbox_message::Entity>()
        .select_only()
        .column(outbox_message::Column::DedupeKey)
        .filter(outbox_message::Column::DedupeKey.is_in(dedupe_keys))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(found.into_iter().collect())
}

/// Puts `message` in the outbox in the caller's transaction; `false` when
/// a message with its key is already there.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    message: NewMessage,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    if is_queued(conn, &message.dedupe_key).await? {
        return Ok(false);
    }
    global::insert(
        conn,
        outbox_message::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            tenant_id: Set(message.tenant),
            kind: Set(message.kind.name().to_owned()),
            dedupe_key: Set(message.dedupe_key),
            recipient: Set(message.recipient),
            locale: Set(message.locale.tag().to_owned()),
            subject: Set(message.rendered.subject),
            text_body: Set(message.rendered.text),
            html_body: Set(message.rendered.html),
            attachments: Set(
                serde_json::to_string(&message.attachments).map_err(AppError::internal)?
            ),
            status: Set(DeliveryStatus::Pending),
            attempts: Set(0),
            next_attempt_at: Set(now),
            last_error: Set(None),
            sent_at: Set(None),
            created_at: Set(now),
            list_unsubscribe: Set(message.list_unsubscribe),
        },
    )
    .await?;
    Ok(true)
}

/// Claims up to `limit` due messages for one sender: each is leased (not
/// due again until `lease` passes) and its attempt counted, in one short
/// transaction. Several senders never claim the same message: rows are
/// taken `FOR UPDATE SKIP LOCKED` on PostgreSQL, and SQLite's write
/// transactions run one at a time.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    limit: u64,
    lease: Duration,
) -> AppResult<Vec<outbox_message::Model>> {
    let tx = db.begin(Access::Write, None).await?;
    let due = global::find::<outbox_message::Entity>()
        .filter(outbox_message::Column::Status.eq(DeliveryStatus::Pending))
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        // Oldest due first; among equals, in the order they were queued
        // (ids are time-ordered).
        .order_by_asc(outbox_message::Column::NextAttemptAt)
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&tx)
        .await?;
    let ids: Vec<uuid::Uuid> = due.iter().map(|m| m.id).collect();
    if !ids.is_empty() {
        global::update_many::<outbox_message::Entity>()
            .col_expr(
                outbox_message::Column::NextAttemptAt,
                Expr::value(now + lease),
            )
            .col_expr(
                outbox_message::Column::Attempts,
                Expr::col(outbox_message::Column::Attempts).add(1),
            )
            .filter(outbox_message::Column::Id.is_in(ids))
            .exec(&tx)
            .await?;
    }
    db::commit(tx).await?;
    Ok(due
        .into_iter()
        .map(|m| outbox_message::Model {
            attempts: m.attempts + 1,
            ..m
        })
        .collect())
}

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server accepted it.
    Sent,
    /// It failed; try again later.
    Retry(String),
    /// It failed for good (or too often).
    Dead(String),
}

/// Records how the attempt at `message` ended; `false` when the message
/// was no longer pending (recorded by another sender): it is recorded
/// sent once.
pub async fn finish(
    db: &Db,
    message: &outbox_message::Model,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let outcome = match outcome {
        Outcome::Retry(why) if message.attempts >= MAX_ATTEMPTS => Outcome::Dead(why),
        other => other,
    };
    let tx = db.begin(Access::Write, None).await?;
    let mut update = global::update_many::<outbox_message::Entity>()
        .filter(outbox_message::Column::Id.eq(message.id))
        .filter(outbox_message::Column::Status.eq(DeliveryStatus::Pending));
    let (label, detail) = match &outcome {
        Outcome::Sent => {
            update = update
                .col_expr(outbox_message::Column::Status, DeliveryStatus::Sent.into())
                .col_expr(outbox_message::Column::SentAt, Expr::value(Some(now)))
                .col_expr(
                    outbox_message::Column::LastError,
                    Expr::value(Option::<String>::None),
                );
            ("SENT", None)
        }
        Outcome::Retry(why) => {
            update = update
                .col_expr(
                    outbox_message::Column::NextAttemptAt,
                    Expr::value(now + backoff(message.attempts)),
                )
                .col_expr(
                    outbox_message::Column::LastError,
                    Expr::value(Some(short(why))),
                );
            ("RETRY", Some(short(why)))
        }
        Outcome::Dead(why) => {
            update = update
                .col_expr(outbox_message::Column::Status, DeliveryStatus::Dead.into())
                .col_expr(
                    outbox_message::Column::LastError,
                    Expr::value(Some(short(why))),
                );
            ("DEAD", Some(short(why)))
        }
    };
    let changed = update.exec(&tx).await?.rows_affected == 1;
    if changed {
        global::insert(
            &tx,
            outbox_attempt::ActiveModel {
                id: Set(uuid::Uuid::now_v7()),
                message_id: Set(message.id),
                at: Set(now),
                outcome: Set(label.to_owned()),
                detail: Set(detail),
            },
        )
        .await?;
    }
    db::commit(tx).await?;
    Ok(changed)
}

fn short(text: &str) -> String {
    text.chars().take(500).collect()
}

/// How many dead letters the hub has, and when the oldest was written
/// (two indexed reads on `(tenant_id, status)`).
pub async fn dead_letter_summary(
    conn: &impl ConnectionTrait,
    hub: uuid::Uuid,
) -> AppResult<Option<(u64, DateTime<Utc>)>> {
    let dead = || {
        global::find::<outbox_message::Entity>()
            .filter(outbox_message::Column::TenantId.eq(hub))
            .filter(outbox_message::Column::Status.eq(DeliveryStatus::Dead))
    };
    let Some(oldest) = dead()
        .order_by_asc(outbox_message::Column::CreatedAt)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let count = dead().count(conn).await?;
    Ok(Some((count, oldest.created_at)))
}

/// The hub's dead letters, newest first, at most `limit`.
pub async fn dead_letters(
    conn: &impl ConnectionTrait,
    hub: uuid::Uuid,
    limit: u64,
) -> AppResult<Vec<outbox_message::Model>> {
    Ok(global::find::<outbox_message::Entity>()
        .filter(outbox_message::Column::TenantId.eq(hub))
        .filter(outbox_message::Column::Status.eq(DeliveryStatus::Dead))
        .order_by_desc(outbox_message::Column::CreatedAt)
        .limit(limit)
        .all(conn)
        .await?)
}

/// Puts the hub's dead letter `id` back in line, attempts reset; `false`
/// when the hub has no such dead letter.
pub async fn revive(
    conn: &impl ConnectionTrait,
    hub: uuid::Uuid,
    id: uuid::Uuid,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let changed = global::update_many::<outbox_message::Entity>()
        .col_expr(
            outbox_message::Column::Status,
            DeliveryStatus::Pending.into(),
        )
        .col_expr(outbox_message::Column::Attempts, Expr::value(0))
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::TenantId.eq(hub))
        .filter(outbox_message::Column::Status.eq(DeliveryStatus::Dead))
        .exec(conn)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// The attempts at message `id`, oldest first.
pub async fn attempts(
    conn: &impl ConnectionTrait,
    id: uuid::Uuid,
) -> AppResult<Vec<outbox_attempt::Model>> {
    Ok(global::find::<outbox_attempt::Entity>()
        .filter(outbox_attempt::Column::MessageId.eq(id))
        .order_by_asc(outbox_attempt::Column::At)
        .all(conn)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_a_minute_up_to_six_hours() {
        let waits: Vec<i64> = (1..=12).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(&waits[..6], &[1, 2, 4, 8, 16, 32]);
        assert!(waits.iter().all(|w| *w <= 360));
        assert_eq!(backoff(0).num_minutes(), 1);
    }

    #[test]
    fn the_lease_is_five_minutes_unless_configured() {
        let settings = crate::config::Settings::from_vars([]).expect("defaults are valid");
        assert_eq!(settings.mail.lease, LEASE);
    }
}
