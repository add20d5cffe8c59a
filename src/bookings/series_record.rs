//! What a `createBookingSeries` call leaves in the audit log: one `SERIES`
//! event (subject id: the series) with the bookings the call made and the
//! dates it skipped, with why. Nothing else keeps the skipped dates, and
//! this event is what the customer's single message about the series is
//! written from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::store::{self as audit, Change};
use crate::db::scope::HubTx;
use crate::error::AppResult;
use crate::i18n::StoredMessage;
use crate::ids::UserId;

/// The audit subject of a series.
pub const SUBJECT: &str = "SERIES";

/// The audit action of a series' creation.
pub const CREATED: &str = "createBookingSeries";

/// An occurrence the series did not book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedDate {
    /// Its first instant.
    pub start: DateTime<Utc>,
    /// The first instant after it.
    pub end: DateTime<Utc>,
    /// Why, as the booking would have been refused; worded when read, in
    /// the reader's language.
    pub reason: StoredMessage,
}

/// The details of a series' creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesRecord {
    /// The bookings this call made, in the series' order (a retry that
    /// finds them made already lists none).
    pub booked: Vec<uuid::Uuid>,
    /// The occurrences it skipped, in the series' order.
    pub skipped: Vec<SkippedDate>,
}

/// Records the creation of `series` by `customer`, in the series' transaction.
pub async fn record(
    hx: &HubTx,
    series: uuid::Uuid,
    customer: UserId,
    details: &SeriesRecord,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let change = Change {
        actor: Some(customer),
        subject: SUBJECT,
        subject_id: series,
        action: CREATED,
        from: None,
        to: None,
    };
    audit::record_with_details(hx, change, details, now).await
}
