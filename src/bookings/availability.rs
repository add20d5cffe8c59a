//! When a listing has room: the `availability` query (free slots), and the
//! booking engine's answers to listings' own questions ([`BookingsView`]):
//! which search candidates have room in a window, and which bookings a
//! change of capacity or hours would leave without room.

use std::collections::HashSet;

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Duration, Utc};

use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::quantity::parse_quantity;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::error::AppResult;
use crate::listings::access::{ListingAccess, visible_listing};
use crate::listings::bookings_view::{
    BookingsView, ProposedRules, RoomFacts, Stranded, ViewFuture,
};
use crate::listings::hours::{BookingUnit, Interval, checked_window, open_intervals};
use crate::listings::slot_grid::is_on_grid;
use crate::listings::spec::ListingSpec;
use crate::listings::stored::{hours_from_row, spec_from_row};
use crate::tenancy::model::hub_time_zone;

use super::capacity::holdings_around;
use super::period::longest_span;
use super::slots::{SlotRules, free_slots};
use super::store::{self, Against};
use super::usage::{Holding, peak_usage, usage_steps};

/// A slot that can still be booked.
#[derive(SimpleObject)]
pub struct FreeSlotOutput {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    /// Seats or units still free for the whole slot.
    remaining: i32,
}

/// How `spec` sells its time.
pub fn slot_rules(spec: &ListingSpec) -> SlotRules {
    SlotRules {
        unit: spec.unit,
        capacity: spec.capacity,
        buffer_before: Duration::minutes(i64::from(spec.buffer_before_minutes)),
        buffer_after: Duration::minutes(i64::from(spec.buffer_after_minutes)),
        lead_time: Duration::minutes(i64::from(spec.lead_time_minutes)),
        horizon: Duration::days(i64::from(spec.horizon_days)),
    }
}

/// The `availability` query.
#[derive(Default)]
pub struct AvailabilityQuery;

#[Object]
impl AvailabilityQuery {
    /// The free bookable slots of a listing in [from, to) for `quantity`
    /// seats (1 when absent), cut to its booking unit (at most 62 days at a time).
    async fn availability(
        &self,
        ctx: &Context<'_>,
        listing_id: ID,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        quantity: Option<i32>,
    ) -> async_graphql::Result<Vec<FreeSlotOutput>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let window = checked_window(from, to, "to", 62)?;
        let quantity = parse_quantity(quantity, "quantity")?;
        let id = parse_id(&listing_id, "listingId")?;
        let tz = hub_time_zone(request.hub()?)?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let access = ListingAccess::of(request, &hx).await?;
        let row = visible_listing(&hx, &access, id, false).await?;
        let spec = spec_from_row(&row)?;
        let held = holdings_around(
            &hx,
            row.id,
            &spec,
            window.start,
            window.end,
            Against::Holding,
        )
        .await?;
        hx.commit().await?;
        let slots = free_slots(
            &hours_from_row(&row)?,
            tz,
            &slot_rules(&spec),
            &held,
            services.clock.now(),
            window.start,
            window.end,
            quantity,
        );
        Ok(slots
            .into_iter()
            .map(|s| FreeSlotOutput {
                start: s.start,
                end: s.end,
                remaining: i32::try_from(s.remaining).unwrap_or(i32::MAX),
            })
            .collect())
    }
}

/// The booking engine as listings see it.
pub struct EngineView;

impl BookingsView for EngineView {
    fn with_room<'a>(
        &'a self,
        hx: &'a HubTx,
        rows: &'a [RoomFacts],
        window: Interval,
        quantity: u32,
    ) -> ViewFuture<'a, HashSet<uuid::Uuid>> {
        Box::pin(with_room(hx, rows, window, quantity))
    }

    fn stranded<'a>(
        &'a self,
        hx: &'a HubTx,
        proposed: ProposedRules<'a>,
        now: DateTime<Utc>,
    ) -> ViewFuture<'a, Option<Stranded>> {
        Box::pin(stranded(hx, proposed, now))
    }
}

async fn with_room(
    hx: &HubTx,
    rows: &[RoomFacts],
    window: Interval,
    quantity: u32,
) -> AppResult<HashSet<uuid::Uuid>> {
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    // One query for the bookings around the window of every candidate: the
    // widest pair of buffers bounds how far around to look, and each
    // candidate's longest booking how long before the window one of its
    // bookings that still overlaps it can have started (as `holdings_around`
    // does for one listing).
    let minutes = |m: u32| Duration::minutes(i64::from(m));
    let reach = rows
        .iter()
        .map(|r| minutes(r.buffer_before_minutes) + minutes(r.buffer_after_minutes))
        .max()
        .unwrap_or_else(Duration::zero);
    let listings: Vec<(uuid::Uuid, Duration)> = rows
        .iter()
        .map(|r| (r.id, longest_span(r.unit, r.max_units) + reach))
        .collect();
    let held = store::holding_many(hx, &listings, window.start - reach, window.end + reach).await?;
    let mut roomy = HashSet::new();
    for row in rows {
        let holdings = held.get(&row.id).map_or(&[][..], Vec::as_slice);
        let used = peak_usage(
            holdings,
            &window,
            minutes(row.buffer_before_minutes),
            minutes(row.buffer_after_minutes),
        );
        if row.capacity.saturating_sub(used) >= quantity {
            roomy.insert(row.id);
        }
    }
    Ok(roomy)
}

/// Whether a booking of `unit` over `[start, end)` still fits `hours`: inside
/// the opening for slots of minutes and hours; on a day (or month) that
/// still opens for days and months, which are sold whole.
fn fits_hours(
    proposed: &ProposedRules<'_>,
    unit: BookingUnit,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> bool {
    match unit {
        BookingUnit::Day | BookingUnit::Month => {
            is_on_grid(proposed.hours, proposed.tz, &unit, start, end)
        }
        BookingUnit::Minutes(_) | BookingUnit::Hour => {
            let open = open_intervals(proposed.hours, proposed.tz, start, end);
            matches!(open.as_slice(), [only] if only.start == start && only.end == end)
        }
    }
}

async fn stranded(
    hx: &HubTx,
    proposed: ProposedRules<'_>,
    now: DateTime<Utc>,
) -> AppResult<Option<Stranded>> {
    let spec = spec_from_row(proposed.row)?;
    let future = store::future_holding(hx, proposed.row.id, now).await?;
    let before = Duration::minutes(i64::from(spec.buffer_before_minutes));
    let after = Duration::minutes(i64::from(spec.buffer_after_minutes));
    let holdings: Vec<Holding> = future.iter().map(|(h, _)| *h).collect();
    // The instants where the held quantity would exceed the new capacity.
    let steps = usage_steps(&holdings, before, after);
    let over: Vec<(DateTime<Utc>, DateTime<Utc>)> = steps
        .iter()
        .zip(steps.iter().skip(1))
        .filter(|(step, _)| step.1 > i64::from(proposed.capacity))
        .map(|(step, next)| (step.0, next.0))
        .collect();
    let longest = longest_span(proposed.unit, proposed.max_units);
    let mut in_the_way: Vec<DateTime<Utc>> = Vec::new();
    for (holding, _) in &future {
        let (start, end) = (holding.start - before, holding.end + after);
        let crowded = over.iter().any(|(s, e)| *s < end && start < *e);
        let too_long = holding.end - holding.start > longest;
        if crowded || too_long || !fits_hours(&proposed, spec.unit, holding.start, holding.end) {
            in_the_way.push(holding.start);
        }
    }
    Ok(in_the_way.iter().min().map(|first| Stranded {
        count: in_the_way.len(),
        first: *first,
    }))
}
