//! The webhook endpoint: signatures, staleness, rotation, duplicates and
//! order.

use super::*;
use crate::db_test;
use crate::stripe_server::{Card, Signature};

db_test! {
    async fn forged_stale_and_unsigned_deliveries_are_refused_and_change_nothing(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        let intent_id = o.intent_of(&id);
        o.stripe.confirm(&intent_id, Card::Visa).unwrap();
        let succeeded = o.stripe.events_of("payment_intent.succeeded")[0]["id"].as_str().unwrap().to_owned();
        for signature in [
            Signature::forged("whsec_guess"),
            Signature::genuine().stale(),
            Signature::missing(),
            Signature::raw("t=abc,v1=zz"),
        ] {
            let delivery = o.stripe.deliver_with(&succeeded, signature).await;
            assert_eq!(delivery.status, Some(400), "{delivery:?}");
        }
        assert_eq!(o.status(&id).await, "AWAITING_PAYMENT", "nothing changed");
        // During a rotation Stripe signs with the old and the new secret.
        let rotated = o.stripe.deliver_with(&succeeded, Signature::rotated(["whsec_old", WEBHOOK_SECRET])).await;
        assert_eq!(rotated.status, Some(200));
        assert_eq!(o.status(&id).await, "CONFIRMED");
        // The same event again: acknowledged, applied once.
        let again = o.stripe.deliver(&succeeded).await;
        assert_eq!(again.status, Some(200));
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["movements"].as_array().unwrap().len(), 1, "{p}");
    }
}

db_test! {
    async fn events_out_of_order_and_repeated_end_in_the_same_place(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("REQUEST").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        let intent_id = o.intent_of(&id);
        o.stripe.confirm(&intent_id, Card::Visa).unwrap();
        let approved = o.on(APPROVE, &o.hub.manager, &id).await;
        assert_eq!(approved.data()["approveBooking"]["status"], "CONFIRMED");
        // Newest first, each twice.
        let mut events: Vec<String> = o.stripe.events().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
        events.reverse();
        for event in events.iter().chain(events.iter()) {
            assert_eq!(o.stripe.deliver(event).await.status, Some(200));
        }
        assert_eq!(o.status(&id).await, "CONFIRMED");
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "PAID");
        let kinds: Vec<&str> = p["movements"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "CAPTURE").count(), 1, "{p}");
    }
}
