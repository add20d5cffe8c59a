//! The demo hub's life so far: bookings made by its people at times
//! relative to the clock's "now" (in the hub's time zone), so the hub looks
//! busy whenever the demo is seeded: confirmed bookings coming up, one
//! approved by the hub, and one request still waiting for an answer.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde_json::json;

use crate::error::{AppError, AppResult};
use crate::wall_clock;

use super::acting::{Actor, StepRefused};
use super::catalogue::Catalogue;

const BOOK: &str = "mutation($i: CreateBookingInput!) { createBooking(input: $i) { id status } }";
const APPROVE: &str = "mutation($id: ID!) { approveBooking(id: $id) { id status } }";
const FREE: &str = "query($l: ID!, $f: DateTime!, $t: DateTime!) { availability(listingId: $l, from: $f, to: $t) { start end } }";

/// The people who book, and the hub's manager who answers.
pub struct People<'a, 'b> {
    /// The hub's manager.
    pub manager: &'b Actor<'a>,
    /// The provider, booking a desk for a day of work.
    pub provider: &'b Actor<'a>,
    /// The resident.
    pub member: &'b Actor<'a>,
}

/// Makes the demo's bookings, `now` being the clock's.
pub async fn fill(
    people: &People<'_, '_>,
    listings: &Catalogue,
    tz: Tz,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let today = now.with_timezone(&tz).date_naive();
    let day = |days: u64, on: &[Weekday]| next(today, days, on);
    let every_day = &[
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let working_day = &[
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    // The free room, the day after tomorrow: confirmed at once.
    let evening = day(2, every_day);
    book(
        people.member,
        &listings.free_room,
        at(tz, evening, 18, 0)?,
        at(tz, evening, 20, 0)?,
        1,
        "demo-reading-group",
        "Gruppo di lettura del giovedì",
    )
    .await?;

    // Two desks on the next working day, by the member and by the provider.
    let desk_day = day(1, working_day);
    let (start, end) = first_free(
        people.member,
        &listings.desks,
        at(tz, desk_day, 0, 0)?,
        at(tz, desk_day + Days::new(1), 0, 0)?,
    )
    .await?;
    book(
        people.member,
        &listings.desks,
        start,
        end,
        1,
        "demo-desk-member",
        "",
    )
    .await?;
    book(
        people.provider,
        &listings.desks,
        start,
        end,
        1,
        "demo-desk-provider",
        "",
    )
    .await?;

    // A bike repair on the next repair afternoon.
    let repair_day = day(1, &[Weekday::Tue, Weekday::Thu, Weekday::Sat]);
    book(
        people.member,
        &listings.bike_repair,
        at(tz, repair_day, 16, 0)?,
        at(tz, repair_day, 16, 30)?,
        1,
        "demo-bike",
        "Il freno posteriore non tiene",
    )
    .await?;

    // The big room for a party in three days: asked, then approved by the hub.
    let party = day(3, every_day);
    let asked = book(
        people.member,
        &listings.paid_room,
        at(tz, party, 19, 0)?,
        at(tz, party, 22, 0)?,
        1,
        "demo-party",
        "Festa di compleanno, circa 40 persone",
    )
    .await?;
    people
        .manager
        .run("approving the party", APPROVE, json!({"id": asked}))
        .await?;

    // The request still waiting: the 3D printer, for the startup to answer.
    let printing = day(
        2,
        &[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
        ],
    );
    book(
        people.member,
        &listings.printer,
        at(tz, printing, 10, 0)?,
        at(tz, printing, 12, 0)?,
        1,
        "demo-printer",
        "Un supporto per il telefono, file STL già pronto",
    )
    .await?;
    Ok(())
}

/// The first date at least `days` after `today` that falls on one of `on`.
fn next(today: NaiveDate, days: u64, on: &[Weekday]) -> NaiveDate {
    let mut date = today + Days::new(days);
    while !on.contains(&date.weekday()) {
        date = date + Days::new(1);
    }
    date
}

/// The instant of `hour:minute` on `date` on the hub's wall clock.
fn at(tz: Tz, date: NaiveDate, hour: u32, minute: u32) -> AppResult<DateTime<Utc>> {
    NaiveTime::from_hms_opt(hour, minute, 0)
        .and_then(|time| wall_clock::instant(tz, date.and_time(time)))
        .ok_or_else(|| refused("a time", format!("{date} {hour:02}:{minute:02} in {tz}")))
}

/// The first free slot of `listing` between `from` and `to`.
async fn first_free(
    actor: &Actor<'_>,
    listing: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<(DateTime<Utc>, DateTime<Utc>)> {
    let free = actor
        .run(
            "free slots",
            FREE,
            json!({"l": listing, "f": from.to_rfc3339(), "t": to.to_rfc3339()}),
        )
        .await?;
    let slot = &free["availability"][0];
    let instant = |field: &str| {
        slot[field]
            .as_str()
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    match (instant("start"), instant("end")) {
        (Some(start), Some(end)) => Ok((start, end)),
        _ => Err(refused(
            "free slots",
            format!("none for {listing} from {from}"),
        )),
    }
}

/// Books as `actor`; the booking's id.
async fn book(
    actor: &Actor<'_>,
    listing: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    quantity: i32,
    key: &str,
    note: &str,
) -> AppResult<String> {
    let note = (!note.is_empty()).then_some(note);
    actor
        .create(
            key,
            "createBooking",
            BOOK,
            json!({"i": {
                "listingId": listing, "start": start.to_rfc3339(), "end": end.to_rfc3339(),
                "quantity": quantity, "idempotencyKey": key, "note": note,
            }}),
        )
        .await
}

fn refused(step: &str, answer: String) -> AppError {
    AppError::internal(StepRefused::new(step, answer))
}
