//! The provider's pages: organizations and listings, the listing form,
//! opening hours across a change of the clocks, answering requests, the
//! Stripe onboarding button; and everything a member, a stranger, another
//! hub's ids or a form without its token must not reach. Also the two API
//! reads these pages brought: `myOrganizations` and `hubPayments`.

use serde_json::{Value, json};

use crate::helpers::*;

mod hours;
mod listing_form;
mod payouts;
mod refusals;
mod requests;

pub const LISTING: &str = "query($id: ID!) { listing(id: $id) { id title status capacity
    price { kind unitPrice { amount } } taxRateBps approvalMode visibility
    bookingUnit { kind minutes } cancellationPolicy { minNoticeHours refundPercent }
    openingHours { rules { weekday opens closes } exceptions { date kind opens closes } } } }";

pub const FREE: &str = "query($id: ID!, $from: DateTime!, $to: DateTime!) { availability(listingId: $id, from: $from, to: $to) { start end } }";

pub async fn listing(app: &TestApp, token: &str, id: &str) -> Value {
    app.gql(LISTING)
        .vars(json!({"id": id}))
        .token(token)
        .tenant("aurora")
        .send()
        .await
        .data()["listing"]
        .clone()
}

pub async fn booking_status(app: &TestApp, token: &str, id: &str) -> String {
    let answer = app
        .gql("query($id: ID!) { booking(id: $id) { status } }")
        .vars(json!({"id": id}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    answer.data()["booking"]["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The listing form filled in as a person would, `changes` applied.
pub fn form<'a>(organization: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("organizationId", organization),
        ("kind", "SPACE"),
        ("title", "Sala <b>prove</b>"),
        ("description", "Una sala con il pianoforte."),
        ("category", "room"),
        ("tags", "musica, silenzio"),
        ("capacity", "4"),
        ("bookingUnit", "HOUR"),
        ("minutes", ""),
        ("minUnits", "1"),
        ("maxUnits", "3"),
        ("bufferBeforeMinutes", "0"),
        ("bufferAfterMinutes", "15"),
        ("leadTimeMinutes", "60"),
        ("horizonDays", "365"),
        ("approvalMode", "REQUEST"),
        ("visibility", "HUB"),
        ("price", "PER_UNIT"),
        ("unitPrice", "12,50"),
        ("memberUnitPrice", ""),
        ("taxRateBps", "22"),
        ("address", "Via Roma 1, Torino"),
        ("latitude", "45.07"),
        ("longitude", "7.68"),
        ("tierHours1", "48"),
        ("tierPercent1", "100"),
        ("tierHours2", "24"),
        ("tierPercent2", "50"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

/// Owned form fields as the browser's `post` takes them.
pub fn send(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

/// The id at the end of a listing page's address.
pub fn listing_id(location: &str) -> String {
    location.rsplit('/').next().unwrap().to_owned()
}
