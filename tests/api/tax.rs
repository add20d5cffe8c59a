//! Tax where a listing sets a rate: prices include it, a booking keeps the
//! rate and the tax it was sold with, the payment and the report show it,
//! and every figure adds up: gross = provider net + commission + tax.

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

use crate::catalogue::{self, Aurora, aurora, book};
use crate::db_test;
use crate::helpers::TestApp;
use crate::payments::{MARK_PAID, MARK_REFUNDED, REPORT, booking_id, payment, refused};

const LISTING: &str =
    "query($id: ID!) { listing(id: $id) { taxRateBps price { unitPrice { amount } } } }";
const UPDATE: &str =
    "mutation($id: ID!, $i: ListingInput!) { updateListing(id: $id, input: $i) { taxRateBps } }";
const QUOTE: &str = "query($l: ID!) { quoteBooking(listingId: $l, start: \"2026-11-25T10:00:00Z\", end: \"2026-11-25T12:00:00Z\") { bookable total { amount } commission { amount } tax { amount } taxRateBps providerNet { amount } } }";
const BOOKING: &str = "query($id: ID!) { booking(id: $id) { taxRateBps price { gross { amount } commission { amount } tax { amount } providerNet { amount } } } }";

/// Sets the hub's commission, as its creation would have.
async fn commission(app: &TestApp, bps: i32) {
    Database::connect(&app.database_url)
        .await
        .unwrap()
        .execute_unprepared(&format!(
            "UPDATE hubs SET commission_bps = {bps} WHERE slug = 'aurora'"
        ))
        .await
        .unwrap();
}

/// A published instant room of `organization` at `unit_price` an hour, tax
/// included at `tax_rate_bps`.
async fn taxed_room(
    app: &TestApp,
    hub: &Aurora,
    organization: &str,
    unit_price: i64,
    tax_rate_bps: i32,
) -> String {
    catalogue::published(
        app,
        "aurora",
        &hub.manager,
        organization,
        json!({
        "approvalMode": "INSTANT", "capacity": 4, "taxRateBps": tax_rate_bps,
        "price": {"kind": "PER_UNIT", "unitPrice": unit_price}}),
    )
    .await
}

async fn booking(app: &TestApp, token: &str, id: &str) -> Value {
    let answer = app
        .gql(BOOKING)
        .vars(json!({"id": id}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    let booking = answer.data()["booking"].clone();
    let amount = |part: &str| booking["price"][part]["amount"].as_i64().unwrap();
    assert_eq!(
        amount("gross"),
        amount("providerNet") + amount("commission") + amount("tax"),
        "adds up: {booking}"
    );
    assert!(
        amount("providerNet") >= 0 && amount("tax") >= 0,
        "{booking}"
    );
    booking
}

/// (gross, commission, tax, provider net) as a booking's price shows them.
fn figures(booking: &Value) -> [i64; 4] {
    ["gross", "commission", "tax", "providerNet"]
        .map(|part| booking["price"][part]["amount"].as_i64().unwrap())
}

db_test! {
    async fn a_22_percent_room_booked_for_122_euros_shows_22_euros_of_tax_and_adds_up(app) {
        let hub = aurora(&app).await;
        commission(&app, 1000).await;
        let room = taxed_room(&app, &hub, &hub.cooperative, 6100, 2200).await;
        let listing = app.gql(LISTING).vars(json!({"id": room})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(listing.data()["listing"], json!({"taxRateBps": 2200, "price": {"unitPrice": {"amount": 6100}}}));

        let quote = app.gql(QUOTE).vars(json!({"l": room})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(quote.data()["quoteBooking"], json!({
            "bookable": true, "total": {"amount": 12_200}, "commission": {"amount": 1_220},
            "tax": {"amount": 2_200}, "taxRateBps": 2200, "providerNet": {"amount": 8_780}}));

        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "iva").await);
        let sold = booking(&app, &hub.member, &id).await;
        assert_eq!(sold["taxRateBps"], 2200);
        assert_eq!(figures(&sold), [12_200, 1_220, 2_200, 8_780], "122.00 = 87.80 + 12.20 commission + 22.00 IVA");

        let due = payment(&app, &hub.member, &id).await;
        assert_eq!([&due["gross"], &due["commission"], &due["tax"], &due["providerNet"]].map(|m| m["amount"].as_i64().unwrap()), [12_200, 1_220, 2_200, 8_780]);
        app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&hub.manager).tenant("aurora").send().await.data();
        let paid = payment(&app, &hub.manager, &id).await;
        assert_eq!(paid["status"], "PAID");
        assert_eq!((&paid["tax"], &paid["providerNet"]), (&json!({"amount": 2_200}), &json!({"amount": 8_780})), "the stored payment reads as the booking was sold");
    }
}

db_test! {
    async fn changing_the_rate_later_does_not_change_an_existing_booking(app) {
        let hub = aurora(&app).await;
        let room = taxed_room(&app, &hub, &hub.cooperative, 6100, 2200).await;
        let first = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "before").await);
        let before = booking(&app, &hub.member, &first).await;

        let changed = app.gql(UPDATE).vars(json!({"id": room, "i": {"taxRateBps": 1000}})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(changed.data()["updateListing"]["taxRateBps"], 1000);
        assert_eq!(booking(&app, &hub.member, &first).await, before, "sold at 22 %, it stays at 22 %");
        assert_eq!(before["taxRateBps"], 2200);

        // Paid after the change, it is still the tax it was sold with.
        app.gql(MARK_PAID).vars(json!({"b": first, "m": "CASH"})).token(&hub.manager).tenant("aurora").send().await.data();
        assert_eq!(payment(&app, &hub.manager, &first).await["tax"]["amount"], 2_200);

        // A booking made now is sold at 10 %: 122.00 × 1000 / 11 000 = 11.0909 → 11.09.
        let second = booking_id(&book(&app, &hub.member, &room, 13, 15, 1, "after").await);
        let after = booking(&app, &hub.member, &second).await;
        assert_eq!(after["taxRateBps"], 1000);
        assert_eq!(figures(&after), [12_200, 0, 1_109, 11_091]);
    }
}

db_test! {
    async fn an_invalid_rate_is_refused_in_the_callers_language_and_changes_nothing(app) {
        let hub = aurora(&app).await;
        let create = |rate: i32, language: &'static str| {
            let input = json!({"organizationId": hub.cooperative, "kind": "SPACE", "title": "Sala tassata", "category": "room", "taxRateBps": rate});
            app.gql(catalogue::CREATE).vars(json!({"i": input})).token(&hub.manager).tenant("aurora").language(language).send()
        };
        for rate in [5001, -1, 22_000] {
            let refused = create(rate, "it").await;
            assert_eq!(refused.code(), "VALIDATION", "{rate}");
            assert_eq!(refused.field(), "input.taxRateBps");
            assert_eq!(refused.message_id(), "listing-tax-rate-range");
            assert!(refused.message().contains("punti base") && refused.message().contains("5000"), "{}", refused.message());
        }
        let english = create(5001, "en").await;
        assert!(english.message().starts_with("The tax rate is in basis points"), "{}", english.message());
        let listings = app.gql("{ listings(filter: {status: DRAFT}) { edges { node { id } } } }").token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(listings.data()["listings"]["edges"], json!([]), "nothing was created");

        let room = taxed_room(&app, &hub, &hub.cooperative, 6100, 400).await;
        let update = app.gql(UPDATE).vars(json!({"id": room, "i": {"taxRateBps": 5001, "title": "Altro titolo"}})).token(&hub.provider).tenant("aurora").language("it").send().await;
        assert_eq!(update.code(), "VALIDATION");
        assert_eq!(update.field(), "input.taxRateBps");
        let unchanged = app.gql("query($id: ID!) { listing(id: $id) { title taxRateBps } }").vars(json!({"id": room})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(unchanged.data()["listing"], json!({"title": "Sala del camino", "taxRateBps": 400}));
        // The highest rate is allowed, and so is none.
        for rate in [5000, 0] {
            let set = app.gql(UPDATE).vars(json!({"id": room, "i": {"taxRateBps": rate}})).token(&hub.provider).tenant("aurora").send().await;
            assert_eq!(set.data()["updateListing"]["taxRateBps"], rate);
        }
    }
}

db_test! {
    async fn a_rate_that_could_leave_the_provider_less_than_nothing_beside_the_hubs_commission_is_refused(app) {
        let hub = aurora(&app).await;
        // A 90 % commission and 22 % IVA: 109.80 + 22.00 of 122.00.
        commission(&app, 9000).await;
        let input = json!({"organizationId": hub.cooperative, "kind": "SPACE", "title": "Sala", "category": "room", "taxRateBps": 2200});
        let refused = app.gql(catalogue::CREATE).vars(json!({"i": input})).token(&hub.provider).tenant("aurora").language("it").send().await;
        assert_eq!(refused.code(), "VALIDATION");
        assert_eq!(refused.field(), "input.taxRateBps");
        assert_eq!(refused.message_id(), "listing-tax-beside-commission");
        assert!(refused.message().contains("9000") && refused.message().contains("al massimo 1111"), "{}", refused.message());

        // The highest rate that fits leaves the provider nothing, never less.
        let room = taxed_room(&app, &hub, &hub.cooperative, 6100, 1111).await;
        let raise = app.gql(UPDATE).vars(json!({"id": room, "i": {"taxRateBps": 1112}})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(raise.message_id(), "listing-tax-beside-commission");
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "fits").await);
        assert_eq!(figures(&booking(&app, &hub.member, &id).await), [12_200, 10_980, 1_220, 0]);

        // Should the hub's commission rise past the rate afterwards, the tax
        // is still owed in full and the hub's commission gives way to it.
        commission(&app, 10_000).await;
        let id = booking_id(&book(&app, &hub.member, &room, 13, 15, 1, "raised").await);
        assert_eq!(figures(&booking(&app, &hub.member, &id).await), [12_200, 10_980, 1_220, 0]);
        // The listing can still be edited; only a new rate is checked.
        let retitled = app.gql("mutation($id: ID!) { updateListing(id: $id, input: {title: \"Sala grande\"}) { taxRateBps } }").vars(json!({"id": room})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(retitled.data()["updateListing"]["taxRateBps"], 1111);
    }
}

db_test! {
    async fn the_report_and_the_csv_carry_the_tax_of_each_organization(app) {
        let hub = aurora(&app).await;
        commission(&app, 1000).await;
        let room = taxed_room(&app, &hub, &hub.cooperative, 6100, 2200).await;
        let studio = catalogue::organization(&app, "aurora", &hub.manager, "Studio Verde").await;
        let desk = taxed_room(&app, &hub, &studio, 1100, 1000).await;
        let untaxed = taxed_room(&app, &hub, &studio, 500, 0).await;
        let paid = [
            booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "a").await),
            booking_id(&book(&app, &hub.member, &desk, 10, 13, 1, "b").await),
            booking_id(&book(&app, &hub.member, &untaxed, 10, 12, 1, "c").await),
        ];
        for id in &paid {
            app.gql(MARK_PAID).vars(json!({"b": id, "m": "CARD_AT_DESK"})).token(&hub.manager).tenant("aurora").send().await.data();
        }
        // Half the room given back: half its commission and half its tax with it.
        app.gql(MARK_REFUNDED).vars(json!({"b": paid[0], "a": 6_100})).token(&hub.manager).tenant("aurora").send().await.data();
        payment(&app, &hub.manager, &paid[0]).await;

        let (from, to) = ("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
        let report = app.gql(REPORT).vars(json!({"f": from, "t": to})).token(&hub.manager).tenant("aurora").send().await;
        let lines = report.data()["paymentsReport"].clone();
        let amounts = |line: &Value| ["gross", "commission", "tax", "refunds", "net"].map(|part| line[part]["amount"].as_i64().unwrap());
        assert_eq!(lines[0]["name"], "Cooperativa Aggiusto");
        // 122.00 taken, 61.00 back: 6.10 commission, 11.00 IVA, 43.90 left.
        assert_eq!(amounts(&lines[0]), [12_200, 610, 1_100, 6_100, 4_390]);
        // 33.00 at 10 % (3.00 tax) and 10.00 untaxed: 4.30 commission, 38.70 left.
        assert_eq!(lines[1]["name"], "Studio Verde");
        assert_eq!(amounts(&lines[1]), [4_300, 430, 300, 0, 3_570]);
        for line in lines.as_array().unwrap() {
            let [gross, commission, tax, refunds, net] = amounts(line);
            assert_eq!(net, gross - commission - tax - refunds, "{line}");
        }

        let url = app.url(&format!("/payments/report.csv?from={from}&to={to}"));
        let csv = app.http().get(&url).header("X-Tenant", "aurora").bearer_auth(&hub.manager).send().await.unwrap();
        assert_eq!(csv.status(), 200);
        let text = csv.text().await.unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[0], "organization_id,organization,currency,gross,commission,tax,refunds,net");
        assert_eq!(rows[1], format!("{},Cooperativa Aggiusto,EUR,12200,610,1100,6100,4390", hub.cooperative));
        assert_eq!(rows[2], format!("{studio},Studio Verde,EUR,4300,430,300,0,3570"));
        assert_eq!(rows.len(), 3);
    }
}

db_test! {
    async fn the_database_refuses_a_taxed_booking_whose_amounts_do_not_add_up(app) {
        use migration::constraints as rule;
        let hub = aurora(&app).await;
        let room = taxed_room(&app, &hub, &hub.cooperative, 6100, 2200).await;
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "k").await);
        app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&hub.manager).tenant("aurora").send().await.data();
        let db = Database::connect(&app.database_url).await.unwrap();
        // The provider's net before tax, as bookings were read before rates.
        refused(&db, "UPDATE bookings SET provider_net = provider_net + tax", rule::BOOKING_GROSS_ADDS_UP).await;
        refused(&db, "UPDATE bookings SET provider_net = provider_net + tax, tax = 0", rule::BOOKING_TAX_MATCHES_RATE).await;
        refused(&db, "UPDATE bookings SET tax = tax - 1, provider_net = provider_net + 1", rule::BOOKING_TAX_MATCHES_RATE).await;
        refused(&db, "UPDATE bookings SET tax_rate_bps = 1000", rule::BOOKING_TAX_MATCHES_RATE).await;
        refused(&db, "UPDATE bookings SET tax_rate_bps = 5001", rule::BOOKING_TAX_RATE_RANGE).await;
        refused(&db, "UPDATE listings SET tax_rate_bps = 5001", rule::LISTING_TAX_RATE_RANGE).await;
        refused(&db, "UPDATE payments SET tax = provider_net + 1", rule::PAYMENT_TAX_WITHIN_SHARE).await;
        let sold = booking(&app, &hub.member, &id).await;
        assert_eq!(figures(&sold), [12_200, 0, 2_200, 10_000], "nothing changed");
        assert_eq!(payment(&app, &hub.member, &id).await["providerNet"]["amount"], 10_000);
    }
}
