//! A booking keeps the terms it was sold under: later changes to the
//! listing's price or cancellation policy never change its price or refund.

use serde_json::json;

use crate::catalogue::{self, aurora, book};
use crate::db_test;

const UPDATE: &str =
    "mutation($id: ID!, $i: ListingInput!) { updateListing(id: $id, input: $i) { id } }";
const CANCEL: &str = "mutation($id: ID!) { cancelBooking(id: $id) { status refundDue { amount } price { gross { amount } } } }";
const TERMS: &str = "query($id: ID!) { booking(id: $id) { price { gross { amount } commission { amount } } lines { kind quantity amount { amount } } refundSchedule { until refundPercent } } }";

db_test! {
    async fn a_later_no_refund_policy_and_price_rise_do_not_touch_an_existing_booking(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({
            "approvalMode": "INSTANT", "price": {"kind": "PER_UNIT", "unitPrice": 2000},
            "cancellationPolicy": [{"minNoticeHours": 24, "refundPercent": 100}]})).await;
        let made = book(&app, &hub.member, &room, 10, 12, 1, "sold").await;
        let id = made.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        let before = app.gql(TERMS).vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await;
        let before = before.data()["booking"].clone();
        assert_eq!(before["price"]["gross"]["amount"], 4000);
        assert_eq!(before["lines"], json!([{"kind": "BASE", "quantity": 2, "amount": {"amount": 4000}}]));
        assert_eq!(before["refundSchedule"][0]["refundPercent"], 100);

        // The manager turns the room into "no refunds" and doubles the price.
        app.gql(UPDATE)
            .vars(json!({"id": room, "i": {"cancellationPolicy": [], "price": {"kind": "PER_UNIT", "unitPrice": 4000}}}))
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await
            .data();
        let after = app.gql(TERMS).vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(after.data()["booking"], before, "the booking's terms are its own");

        // Cancelled 49 hours ahead: the full refund it was sold with.
        let cancelled = app.gql(CANCEL).vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(cancelled.data()["cancelBooking"], json!({"status": "CANCELLED", "refundDue": {"amount": 4000}, "price": {"gross": {"amount": 4000}}}));

        // A booking made now is sold under the new terms.
        let new = book(&app, &hub.member, &room, 14, 15, 1, "new").await;
        assert_eq!(new.data()["createBooking"]["price"]["gross"]["amount"], 4000);
        let new_id = new.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        let cancelled = app.gql(CANCEL).vars(json!({"id": new_id})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(cancelled.data()["cancelBooking"]["refundDue"]["amount"], 0);
    }
}
