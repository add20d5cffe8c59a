//! Planning: the hub's audit events not yet announced become messages in
//! the outbox, and are marked announced, in one transaction. A change's
//! audit event is written in the change's own transaction, so every
//! committed change is announced exactly once, whatever process dies when.
//! Then the messages due by the clock ([`super::schedule`]).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::accounts::store as accounts_store;
use crate::answers::store::issue as answer_links;
use crate::bookings::store as bookings_store;
use crate::calendar::event::booking_event;
use crate::calendar::identity::Method;
use crate::calendar::issuer::Issuer;
use crate::db::scope::HubTx;
use crate::db::{Access, global};
use crate::entities::{audit_event, booking, hub, listing, notified_event};
use crate::error::AppResult;
use crate::ids::{HubId, UserId};
use crate::listings::store as listings_store;
use crate::payments::engine as payments;
use crate::state::Services;
use crate::tenancy::model::hub_time_zone;
use crate::wall_clock::period_text;

use super::kinds::Kind;
use super::outbox::{self, Attachment, NewMessage};
use super::recipients::{self, Recipient};
use super::schedule;
use super::templates::{self, Facts};

/// Events older than this are not looked at again (they were announced,
/// or predate the outbox).
const LOOK_BACK: Duration = Duration::days(7);

/// Events one pass takes per hub.
const BATCH: u64 = 200;

/// `amount` minor units of `currency`, as people read it.
fn money(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let amount = amount.unsigned_abs();
    format!("{sign}{}.{:02} {currency}", amount / 100, amount % 100)
}

/// The booking's period on the hub's clock, with the time zone named.
pub(super) fn when(hub: &hub::Model, booking: &booking::Model) -> AppResult<String> {
    Ok(period_text(
        hub_time_zone(hub)?,
        booking.starts_at,
        booking.ends_at,
    ))
}

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
    let announced = Query::select()
        .column(notified_event::Column::EventId)
        .from(notified_event::Entity)
        .and_where(notified_event::Column::TenantId.eq(hub.id))
        .to_owned();
    let events = hx
        .find::<audit_event::Entity>()
        .filter(audit_event::Column::At.gte(now - LOOK_BACK))
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
            let public_url = &services.settings.public_url;
            queued += announce(&hx, hub, (&event, kind), public_url, now).await?;
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

/// Queues `kind` about the booking of `event` to whoever it concerns.
async fn announce(
    hx: &HubTx,
    hub: &hub::Model,
    (event, kind): (&audit_event::Model, Kind),
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Some(booking) = bookings_store::find(hx, event.subject_id, false).await? else {
        return Ok(0);
    };
    let Some(listing) = listings_store::find(hx, booking.listing_id, false).await? else {
        return Ok(0);
    };
    let customers = recipients::customer(hx, hub, booking.customer_id).await?;
    let customer = customers
        .first()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let people: Vec<Recipient> = if kind.for_staff() {
        recipients::staff(hx, hub, listing.organization_id).await?
    } else {
        customers
    };
    let amount = match kind {
        Kind::BookingCancelled => booking.refund_due.unwrap_or(0),
        Kind::PaymentRefunded => {
            payments::view(hx, hub, &booking, now)
                .await?
                .totals
                .refunded
        }
        _ => booking.gross,
    };
    let mut facts = Facts {
        hub: hub.name.clone(),
        listing: listing.title.clone(),
        when: when(hub, &booking)?,
        amount: money(amount, &booking.currency),
        reason: booking.reason.clone().unwrap_or_default(),
        customer,
        // The customer's note is for those who answer the request.
        details: if kind.for_staff() {
            booking.note.clone()
        } else {
            String::new()
        },
        ..Facts::default()
    };
    let mut queued = 0;
    for person in people {
        facts.person = person.name.clone();
        if kind == Kind::BookingRequested {
            let links = answer_links(hx, &booking, person.user, public_url, now).await?;
            (facts.approve, facts.decline) =
                links.map(|l| (l.approve, l.decline)).unwrap_or_default();
        }
        let rendered = templates::render(kind, person.locale, &facts)?;
        let attachments =
            calendar_entry(hx, hub, (&listing, &booking), event, (&person, public_url)).await?;
        let message = NewMessage {
            tenant: Some(hub.id),
            kind,
            dedupe_key: format!("{}:{}", event.id, person.user),
            recipient: person.email,
            locale: person.locale,
            rendered,
            attachments,
            list_unsubscribe: None,
        };
        if outbox::enqueue(hx.conn(), message, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// The booking's calendar entry for the customer: added when it is
/// confirmed, removed when a confirmed booking is called off.
async fn calendar_entry(
    hx: &HubTx,
    hub: &hub::Model,
    (listing, booking): (&listing::Model, &booking::Model),
    event: &audit_event::Model,
    (person, public_url): (&Recipient, &str),
) -> AppResult<Vec<Attachment>> {
    let method = match (event.from_status.as_deref(), event.to_status.as_deref()) {
        (_, Some("CONFIRMED")) => Method::Request,
        (Some("CONFIRMED"), Some("CANCELLED")) => Method::Cancel,
        _ => return Ok(Vec::new()),
    };
    if person.user != booking.customer_id {
        return Ok(Vec::new());
    }
    let Some(customer) = accounts_store::find_by_id(hx.conn(), UserId(booking.customer_id)).await?
    else {
        return Ok(Vec::new());
    };
    let issuer = Issuer::new(public_url, person.locale);
    Ok(vec![Attachment {
        name: "booking.ics".to_owned(),
        content_type: format!("text/calendar; charset=utf-8; method={}", method.as_str()),
        content: booking_event(&issuer, hub, listing, booking, &customer, method),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_write_them() {
        assert_eq!(money(2000, "EUR"), "20.00 EUR");
        assert_eq!(money(5, "EUR"), "0.05 EUR");
        assert_eq!(money(-150, "EUR"), "-1.50 EUR");
    }
}
