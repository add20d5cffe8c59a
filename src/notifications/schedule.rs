//! The scheduled step of planning: messages due by the clock rather than
//! caused by a change (the reminder the day before a booking, the
//! managers' daily digest of dead letters). Run for each hub on every
//! pass; each message's dedupe key makes a second pass, or a second
//! process, write nothing new.
//!
//! Both are optional messages: a person who turned their category off is
//! skipped here (nothing is queued), and each queued one carries its own
//! one-click unsubscribe link.

use chrono::{DateTime, Utc};

use crate::accounts::{mail_preferences, unsubscribe};
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::hub;
use crate::error::{AppError, AppResult};
use crate::ids::HubId;
use crate::state::Services;

use super::kinds::Kind;
use super::outbox::{self, NewMessage};
use super::recipients::Recipient;
use super::templates::{self, Facts};
use super::{dead_letter_digest, reminders};

/// Queues the hub's messages that are due by now; how many were queued.
pub async fn plan_hub(services: &Services, hub: &hub::Model) -> AppResult<usize> {
    let now = services.clock.now();
    let public_url = services.settings.public_url.as_str();
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None).await?;
    let mut queued = reminders::plan(&hx, hub, public_url, now).await?;
    queued += dead_letter_digest::plan(&hx, hub, public_url, now).await?;
    hx.commit().await?;
    Ok(queued)
}

/// One optional message to one person.
pub(super) struct Optional<'a> {
    /// What it is (a kind with a category).
    pub kind: Kind,
    /// To whom.
    pub person: &'a Recipient,
    /// The same key twice is one message.
    pub dedupe_key: String,
    /// What it says (the person and the link are filled in here).
    pub facts: Facts,
}

/// Queues `message` unless its person turned its category off or it is
/// already queued, with a fresh unsubscribe link in its footer and its
/// `List-Unsubscribe` header; whether it was queued.
pub(super) async fn enqueue_optional(
    hx: &HubTx,
    hub: &hub::Model,
    message: Optional<'_>,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let Optional {
        kind,
        person,
        dedupe_key,
        mut facts,
    } = message;
    let Some(category) = kind.category() else {
        return Err(AppError::Internal(
            format!("{} is not an optional message", kind.name()).into(),
        ));
    };
    if !mail_preferences::of(hx.conn(), person.user)
        .await?
        .wants(category)
    {
        return Ok(false);
    }
    let secret = unsubscribe::issue(hx.conn(), person.user, category, now).await?;
    let link = format!("{public_url}/unsubscribe/{}", secret.reveal());
    facts.person = person.name.clone();
    facts.unsubscribe = link.clone();
    let rendered = templates::render(kind, person.locale, &facts)?;
    let message = NewMessage {
        tenant: Some(hub.id),
        kind,
        dedupe_key,
        recipient: person.email.clone(),
        locale: person.locale,
        rendered,
        attachments: Vec::new(),
        list_unsubscribe: Some(link),
    };
    outbox::enqueue(hx.conn(), message, now).await
}
