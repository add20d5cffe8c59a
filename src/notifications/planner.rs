//! Planning: the hub's audit events not yet announced become messages in
//! the outbox, and are marked announced, in one transaction. A change's
//! audit event is written in the change's own transaction, so every
//! committed change is announced once, whatever process dies when.
//! Then the messages due by the clock ([`super::schedule`]).
//!
//! Each subject has its own announcer: [`bookings`] (a booking and its
//! payment), [`listings`] (review) and [`series`] (a recurring booking made
//! in one call). They gather the facts and the people; [`Announcement`]
//! renders and queues one letter each.

mod bookings;
mod calendar_file;
mod listings;
mod series;
pub(super) mod wording;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::bookings::series_record;
use crate::db::scope::HubTx;
use crate::db::{Access, global};
use crate::entities::{audit_event, hub, notified_event};
use crate::error::AppResult;
use crate::ids::HubId;
use crate::state::Services;

use super::kinds::Kind;
use super::outbox::{self, Attachment, NewMessage};
use super::recipients::Recipient;
use super::schedule;
use super::templates::{self, Facts};

/// Events older than this are not looked at again (they were announced,
/// or predate the outbox).
const LOOK_BACK: Duration = Duration::days(7);

/// Events one pass takes per hub.
const BATCH: u64 = 200;

/// Announces the new events of every hub, then queues what the clock
/// calls for; how many messages were queued.
pub async fn plan(services: &Services) -> AppResult<usize> {
    let tx = services.db.begin(Access::Read, None).await?;
    let ids = crate::tenancy::store::all_hub_ids(&tx).await?;
    let hubs = crate::tenancy::store::find_hubs(&tx, &ids).await?;
    crate::db::commit(tx).await?;
    let mut queued = 0;
    for hub in hubs {
        match plan_hub(services, &hub).await {
            Ok(n) => queued += n,
            Err(err) => tracing::error!(
                hub = %hub.id,
                error = %err.explain(),
                "planning the hub's messages failed; the next pass tries again"
            ),
        }
        match schedule::plan_hub(services, &hub).await {
            Ok(n) => queued += n,
            Err(err) => tracing::error!(
                hub = %hub.id,
                error = %err.explain(),
                "planning the hub's reminders and digests failed; the next pass tries again"
            ),
        }
    }
    Ok(queued)
}

async fn plan_hub(services: &Services, hub: &hub::Model) -> AppResult<usize> {
    let now = services.clock.now();
    let hx = HubTx::begin(&services.db, Access::Write, HubId(hub.id), None).await?;
    // An event is marked announced after it happened, so the marks of the
    // events looked at are as recent as they are (a day of margin for the
    // clocks of several servers): neither read goes much further back than
    // the look-back, whatever the hub's history.
    let since = now - LOOK_BACK;
    let announced = Query::select()
        .column(notified_event::Column::EventId)
        .from(notified_event::Entity)
        .and_where(notified_event::Column::TenantId.eq(hub.id))
        .and_where(notified_event::Column::At.gte(since - Duration::days(1)))
        .to_owned();
    let events = hx
        .find::<audit_event::Entity>()
        .filter(audit_event::Column::At.gte(since))
        .filter(audit_event::Column::Id.not_in_subquery(announced))
        .order_by_asc(audit_event::Column::Id)
        .limit(BATCH)
        .all(hx.conn())
        .await?;
    let mut queued = 0;
    for event in events {
        if let Some(kind) =
            Kind::of_change(&event.subject, &event.action, event.to_status.as_deref())
        {
            let announcement = Announcement {
                hx: &hx,
                hub,
                event: &event,
                kind,
                public_url: &services.settings.public_url,
                now,
            };
            queued += announcement.announce().await?;
        }
        global::insert(
            hx.conn(),
            notified_event::ActiveModel {
                event_id: Set(event.id),
                tenant_id: Set(hub.id),
                at: Set(now),
            },
        )
        .await?;
    }
    hx.commit().await?;
    Ok(queued)
}

/// One audited change to announce, and what announcing it needs.
pub(super) struct Announcement<'a> {
    /// The planning transaction, confined to the hub.
    pub hx: &'a HubTx,
    /// The hub.
    pub hub: &'a hub::Model,
    /// The change.
    pub event: &'a audit_event::Model,
    /// The message it calls for.
    pub kind: Kind,
    /// The server as people reach it, for links and calendar identities.
    pub public_url: &'a str,
    /// Now.
    pub now: DateTime<Utc>,
}

/// One message to one person: what it says and what comes with it.
pub(super) struct Letter {
    /// To whom.
    pub person: Recipient,
    /// What it says (the recipient's name is filled in when rendered).
    pub facts: Facts,
    /// Files sent with it.
    pub attachments: Vec<Attachment>,
}

impl Announcement<'_> {
    /// Hands the change to its subject's announcer; how many messages it queued.
    async fn announce(&self) -> AppResult<usize> {
        let letters = match self.event.subject.as_str() {
            "BOOKING" | "PAYMENT" => bookings::letters(self).await?,
            "LISTING" => listings::letters(self).await?,
            series_record::SUBJECT => series::letters(self).await?,
            _ => Vec::new(),
        };
        self.queue(letters).await
    }

    /// Renders each letter in its recipient's language and puts it in the
    /// outbox, once per event and person; how many were new.
    async fn queue(&self, letters: Vec<Letter>) -> AppResult<usize> {
        let mut queued = 0;
        for Letter {
            person,
            mut facts,
            attachments,
        } in letters
        {
            facts.person = person.name.clone();
            let rendered = templates::render(self.kind, person.locale, &facts)?;
            let message = NewMessage {
                tenant: Some(self.hub.id),
                kind: self.kind,
                dedupe_key: format!("{}:{}", self.event.id, person.user),
                recipient: person.email,
                locale: person.locale,
                rendered,
                attachments,
                list_unsubscribe: None,
            };
            if outbox::enqueue(self.hx.conn(), message, self.now).await? {
                queued += 1;
            }
        }
        Ok(queued)
    }
}
