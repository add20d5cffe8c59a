//! Fixtures for the listings tests: a hub with a manager, a provider acting
//! for a cooperative, a plain member, and listings made through the API.

use serde_json::{Value, json};

use crate::helpers::TestApp;

pub const CREATE: &str = "mutation($i: ListingInput!) { createListing(input: $i) { id status } }";
pub const HOURS: &str = "mutation($id: ID!, $r: [WeeklyRuleInput!]!, $e: [ExceptionInput!]) { setAvailability(listingId: $id, rules: $r, exceptions: $e) { id } }";

/// The people of hub `aurora`.
pub struct Aurora {
    pub manager: String,
    pub provider: String,
    pub member: String,
    pub cooperative: String,
}

/// Hub `aurora` (Europe/Rome, EUR) with rita (manager), paolo (provider of
/// "Cooperativa Aggiusto") and mimma (member). Their welcome emails are
/// already out of the way.
pub async fn aurora(app: &TestApp) -> Aurora {
    let (_, manager) = app.person("rita@example.org").await;
    let (_, provider) = app.person("paolo@example.org").await;
    let (_, member) = app.person("mimma@example.org").await;
    app.create_hub("aurora", "rita@example.org").await;
    app.add_member("aurora", &manager, "paolo@example.org", "PROVIDER")
        .await;
    app.add_member("aurora", &manager, "mimma@example.org", "MEMBER")
        .await;
    let cooperative = organization(app, "aurora", &manager, "Cooperativa Aggiusto").await;
    let added = app
        .gql("mutation($o: ID!, $e: String!) { addOrganizationMember(organizationId: $o, email: $e) { id } }")
        .vars(json!({"o": cooperative, "e": "paolo@example.org"}))
        .token(&manager)
        .tenant("aurora")
        .send()
        .await;
    added.data();
    app.discard_mail().await;
    Aurora {
        manager,
        provider,
        member,
        cooperative,
    }
}

/// Creates an organization as the hub's manager.
pub async fn organization(app: &TestApp, hub: &str, manager: &str, name: &str) -> String {
    let created = app
        .gql("mutation($i: OrganizationInput!) { createOrganization(input: $i) { id } }")
        .vars(json!({"i": {"name": name, "kind": "COOPERATIVE", "description": "Riparazioni a km zero"}}))
        .token(manager)
        .tenant(hub)
        .send()
        .await;
    created.data()["createOrganization"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Creates a draft listing; `extra` overrides the basic fields.
pub async fn listing(
    app: &TestApp,
    hub: &str,
    token: &str,
    organization: &str,
    extra: Value,
) -> String {
    let mut input = json!({"organizationId": organization, "kind": "SPACE", "title": "Sala del camino", "category": "room"});
    for (key, value) in extra.as_object().unwrap() {
        input[key] = value.clone();
    }
    let created = app
        .gql(CREATE)
        .vars(json!({"i": input}))
        .token(token)
        .tenant(hub)
        .send()
        .await;
    created.data()["createListing"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Opens a listing every day of the week from `opens` to `closes`.
pub async fn every_day(app: &TestApp, hub: &str, token: &str, id: &str, opens: &str, closes: &str) {
    let rules: Vec<Value> = [
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY",
    ]
    .iter()
    .map(|day| json!({"weekday": day, "opens": opens, "closes": closes}))
    .collect();
    app.gql(HOURS)
        .vars(json!({"id": id, "r": rules}))
        .token(token)
        .tenant(hub)
        .send()
        .await
        .data();
}

/// Publishes a listing as the hub's manager.
pub async fn publish(app: &TestApp, hub: &str, manager: &str, id: &str) {
    app.gql("mutation($id: ID!) { publishListing(id: $id) { status } }")
        .vars(json!({"id": id}))
        .token(manager)
        .tenant(hub)
        .send()
        .await
        .data();
}

/// A published listing open 09:00–18:00 every day.
pub async fn published(
    app: &TestApp,
    hub: &str,
    manager: &str,
    organization: &str,
    extra: Value,
) -> String {
    let id = listing(app, hub, manager, organization, extra).await;
    every_day(app, hub, manager, &id, "09:00", "18:00").await;
    publish(app, hub, manager, &id).await;
    id
}

pub const BOOK: &str = "mutation($i: CreateBookingInput!) { createBooking(input: $i) { id status quantity price { gross { amount } commission { amount } providerNet { amount } } responseDeadline } }";

/// Asks to book `listing` on Wednesday 25 November 2026 from `from` to `to`
/// (UTC hours; the listing opens 08:00Z–17:00Z that day).
pub async fn book(
    app: &TestApp,
    token: &str,
    listing: &str,
    from: u32,
    to: u32,
    quantity: i32,
    key: &str,
) -> crate::helpers::GqlResponse {
    app.gql(BOOK)
        .vars(json!({"i": {
            "listingId": listing,
            "start": format!("2026-11-25T{from:02}:00:00Z"),
            "end": format!("2026-11-25T{to:02}:00:00Z"),
            "quantity": quantity,
            "idempotencyKey": key,
        }}))
        .token(token)
        .tenant("aurora")
        .send()
        .await
}
