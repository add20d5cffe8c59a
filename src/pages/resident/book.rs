//! Booking a listing: `GET …/book?date=&start=&end=&quantity=` shows the
//! API's quote (the period, the price, how it is paid, the refunds if
//! cancelled, whether it is confirmed at once), and its form posts back
//! to the same address to make the booking. The form carries a key made
//! when the quote was shown, so a second click books nothing more.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};

use crate::http::AppState;
use crate::msg;

use super::super::ask;
use super::super::posted::{Fields, Posted};
use super::super::render::{Notice, Page, data, see_other};
use super::super::visitor::{Identified, Visitor};
use super::input::{self, Unreadable};
use super::listing::LISTING_FIELDS;
use super::{Asked, tz_of, unreadable_page};

const QUOTE: &str = "query($id: ID!, $start: DateTime!, $end: DateTime!, $quantity: Int) {
    quoteBooking(listingId: $id, start: $start, end: $end, quantity: $quantity) {
        bookable problems { code field message } units
        lines { kind quantity unitAmount { amount currency } amount { amount currency } }
        total { amount currency } tax { amount currency } taxRateBps
        refundSchedule { until refundPercent } } }";

const CREATE: &str =
    "mutation($input: CreateBookingInput!) { createBooking(input: $input) { id status } }";

/// What the booking form sent, as typed.
#[derive(Debug, Clone, serde::Serialize)]
struct Wanted {
    date: String,
    start: String,
    end: String,
    quantity: String,
}

impl Wanted {
    fn new(get: impl Fn(&str) -> String) -> Wanted {
        Wanted {
            date: get("date"),
            start: get("start"),
            end: get("end"),
            quantity: get("quantity"),
        }
    }

    /// The API's `start`, `end` and `quantity`, or the field that cannot be read.
    fn read(&self, who: &Identified) -> Result<(input::Period, u32), Unreadable> {
        let period = input::booking_period(tz_of(who), &self.date, &self.start, &self.end)?;
        let quantity = input::seats("quantity", &self.quantity)?;
        Ok((period, quantity))
    }

    /// This quote's address.
    fn path(&self, slug: &str, id: &str) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("date", &self.date)
            .append_pair("start", &self.start)
            .append_pair("end", &self.end)
            .append_pair("quantity", &self.quantity)
            .finish();
        format!("/hubs/{slug}/listings/{id}/book?{query}")
    }
}

/// The listing and how the hub is paid, or the page that says why not.
async fn listing(
    state: &AppState,
    visitor: &Visitor,
    who: &Identified,
    id: &str,
) -> Result<Value, Response> {
    let document = format!(
        "query($id: ID!) {{ hub {{ paymentProvider }} listing(id: $id) {{ {LISTING_FIELDS} }} }}"
    );
    ask::read(state, visitor, who, &document, json!({ "id": id })).await
}

/// `GET /hubs/{slug}/listings/{id}/book`.
pub async fn quote(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    visitor: Visitor,
) -> Response {
    let who = match ask::logged_in(&state, &visitor, &slug).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let asked = Asked::read(raw.as_deref());
    let wanted = Wanted::new(|name| asked.get(name).to_owned());
    show(&state, &visitor, &who, &id, &wanted).await
}

/// The quote page for `wanted`: the quote, or what cannot be read (`400`).
async fn show(
    state: &AppState,
    visitor: &Visitor,
    who: &Identified,
    id: &str,
    wanted: &Wanted,
) -> Response {
    let about = match listing(state, visitor, who, id).await {
        Ok(about) => about,
        Err(page) => return page,
    };
    let values = |quote: Value| {
        minijinja::context! {
            payment_provider => about["hub"]["paymentProvider"].as_str().unwrap_or_default().to_owned(),
            listing => data(&about["listing"]),
            wanted => data(wanted),
            quote => data(quote),
            // New at each showing: the booking it confirms is made once.
            key => uuid::Uuid::new_v4().to_string(),
        }
    };
    let (period, quantity) = match wanted.read(who) {
        Ok(read) => read,
        Err(wrong) => {
            return unreadable_page(
                "resident/quote.html",
                values(Value::Null),
                &wrong,
                visitor,
                who,
            );
        }
    };
    let variables =
        json!({ "id": id, "start": period.start, "end": period.end, "quantity": quantity });
    let answer = match ask::read(state, visitor, who, QUOTE, variables).await {
        Ok(answer) => answer,
        Err(page) => return page,
    };
    let mut quote = answer["quoteBooking"].clone();
    quote["start"] = json!(period.start);
    quote["end"] = json!(period.end);
    quote["quantity"] = json!(quantity);
    Page::new("resident/quote.html", values(quote)).show(visitor, Some(who))
}

/// The idempotency key the quote page made, if it is one.
fn key_of(fields: &Fields) -> Result<String, Unreadable> {
    uuid::Uuid::try_parse(fields.get("key"))
        .map(|key| key.to_string())
        .map_err(|_| Unreadable {
            field: "key",
            message: msg!("page-resident-key-wrong"),
        })
}

/// `POST /hubs/{slug}/listings/{id}/book`: books what the quote showed.
pub async fn confirm(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let wanted = Wanted::new(|name| fields.get(name).to_owned());
    let back = wanted.path(&slug, &id);
    let read = wanted
        .read(&who)
        .and_then(|(period, quantity)| Ok((period, quantity, key_of(&fields)?)));
    let (period, quantity, key) = match read {
        Ok(read) => read,
        Err(wrong) => {
            let about = match listing(&state, &visitor, &who, &id).await {
                Ok(about) => about,
                Err(page) => return page,
            };
            let values = minijinja::context! {
                payment_provider => about["hub"]["paymentProvider"].as_str().unwrap_or_default().to_owned(),
                listing => data(&about["listing"]),
                wanted => data(&wanted),
                key => uuid::Uuid::new_v4().to_string(),
            };
            return unreadable_page("resident/quote.html", values, &wrong, &visitor, &who);
        }
    };
    let input = json!({
        "listingId": id,
        "start": period.start,
        "end": period.end,
        "quantity": quantity,
        "idempotencyKey": key,
        "note": fields.optional("note"),
    });
    let made = super::act(
        &state,
        &visitor,
        &who,
        CREATE,
        json!({ "input": input }),
        &back,
    )
    .await;
    match made {
        Ok(made) => {
            let booking = &made["createBooking"];
            let said = match booking["status"].as_str() {
                Some("REQUESTED") => msg!("page-resident-booked-requested"),
                Some("AWAITING_PAYMENT") => msg!("page-resident-booked-awaiting-payment"),
                _ => msg!("page-resident-booked-confirmed"),
            }
            .render(who.locale());
            let booking_id = booking["id"].as_str().unwrap_or_default();
            see_other(
                &format!("/hubs/{slug}/bookings/{booking_id}"),
                &visitor,
                Some(Notice::Done(&said)),
            )
        }
        Err(page) => page,
    }
}
