//! Instant bookings paid online: the place is held until the payment
//! arrives or its deadline passes.

use chrono::Duration;

use super::*;
use crate::db_test;
use crate::stripe_server::Card;

db_test! {
    async fn an_instant_booking_holds_its_place_until_paid_then_is_confirmed(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let booked = o.book(&o.hub.member, &room, (10, 12), "k1").await;
        assert_eq!(booked.data()["createBooking"]["status"], "AWAITING_PAYMENT");
        let id = booking_id(&booked);
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!((p["provider"].as_str(), p["status"].as_str()), (Some("STRIPE"), Some("DUE")));
        let secret = p["clientSecret"].as_str().expect("the customer gets the client secret").to_owned();
        assert_eq!(o.payment(&o.hub.manager, &id).await["clientSecret"], Value::Null, "the customer's alone");
        assert_eq!(o.payment(&o.hub.provider, &id).await["clientSecret"], Value::Null);

        let intent_id = o.intent_of(&id);
        let intent = o.stripe.intent(&intent_id).unwrap();
        assert_eq!(intent["amount"], 2000);
        assert_eq!(intent["currency"], "eur");
        assert_eq!(intent["capture_method"], "automatic");
        assert_eq!(intent["client_secret"], secret.as_str());

        // Held: nobody else gets the place meanwhile.
        let other = o.book(&o.hub.provider, &room, (10, 12), "k2").await;
        assert_eq!(other.code(), "CONFLICT");

        o.stripe.confirm(&intent_id, Card::Visa).unwrap();
        o.deliver().await;
        assert_eq!(o.status(&id).await, "CONFIRMED");
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "PAID");
        assert_eq!(p["received"]["amount"], 2000);
        assert_eq!(p["movements"].as_array().unwrap().len(), 1, "{p}");
        assert_eq!(p["movements"][0]["kind"], "CAPTURE");

        // Every call carried an idempotency key; one intent, one charge.
        let requests = o.stripe.requests();
        assert!(requests.iter().all(|r| r.idempotency_key.is_some()), "{requests:?}");
        assert_eq!(o.stripe.intents().len(), 1);
        assert_eq!(o.stripe.settlement(&intent_id).unwrap().received, 2000);
    }
}

db_test! {
    async fn an_unpaid_booking_frees_its_place_at_the_deadline_and_a_late_payment_is_given_back(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let late = booking_id(&o.book(&o.hub.member, &room, (10, 12), "late").await);
        let never = booking_id(&o.book(&o.hub.member, &room, (13, 15), "never").await);
        o.app.services.clock.advance(Duration::minutes(16));
        o.stripe.set_time(o.app.services.clock.now().timestamp());
        let swept = portineria::bookings::worker::sweep(&o.app.services).await.map_err(|e| e.explain()).unwrap();
        assert_eq!(swept.expired, 2);
        assert_eq!(o.status(&late).await, "EXPIRED");
        // The place is free again.
        let again = o.book(&o.hub.provider, &room, (10, 12), "again").await;
        assert_eq!(again.data()["createBooking"]["status"], "AWAITING_PAYMENT");

        // The customer's browser still pays the expired one.
        let late_intent = o.intent_of(&late);
        o.stripe.confirm(&late_intent, Card::Visa).unwrap();
        o.deliver().await;
        assert_eq!(o.status(&late).await, "EXPIRED", "a late payment never revives a booking");
        let p = o.payment(&o.hub.member, &late).await;
        assert_eq!(p["status"], "REFUNDED", "{p}");
        assert_eq!(o.stripe.settlement(&late_intent).unwrap().refunded, 2000);

        // The one nobody paid: reconciliation calls its intent off.
        o.reconcile().await;
        let never_intent = o.intent_of(&never);
        assert_eq!(o.stripe.intent(&never_intent).unwrap()["status"], "canceled");
        assert_eq!(o.payment(&o.hub.member, &never).await["status"], "CANCELLED");
        assert!(o.stripe.confirm(&never_intent, Card::Visa).is_err(), "it can no longer be paid");
    }
}

db_test! {
    async fn a_declined_card_fails_and_a_bank_check_is_surfaced_then_passed(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        let intent_id = o.intent_of(&id);
        assert!(o.stripe.confirm(&intent_id, Card::Declined).is_err());
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "FAILED");
        assert!(p["failure"].as_str().is_some_and(|f| !f.is_empty()), "{p}");
        assert_eq!(o.status(&id).await, "AWAITING_PAYMENT", "another card may still pay in time");

        o.stripe.confirm(&intent_id, Card::ThreeDSecure).unwrap();
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "REQUIRES_ACTION");
        assert!(p["clientSecret"].is_string(), "the browser needs it to show the bank's check");

        o.stripe.complete_action(&intent_id);
        o.deliver().await;
        assert_eq!(o.status(&id).await, "CONFIRMED");
        assert_eq!(o.payment(&o.hub.member, &id).await["status"], "PAID");
    }
}
