//! Calls whose answer is lost, and lost webhooks: nothing is charged
//! twice and nothing is lost.

use super::*;
use crate::db_test;
use crate::stripe_server::{Card, Fault};

db_test! {
    async fn a_lost_answer_is_retried_under_the_same_key_and_charges_once(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        o.stripe.fail_next("/v1/payment_intents", Fault::DropAfterProcessing);
        let booked = o.book(&o.hub.member, &room, (10, 12), "k").await;
        assert_eq!(booked.data()["createBooking"]["status"], "AWAITING_PAYMENT");
        let id = booking_id(&booked);
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["clientSecret"], Value::Null, "the answer was lost");
        assert_eq!(o.stripe.intents().len(), 1, "Stripe made it all the same");

        // The customer's page asks again: the same intent, replayed.
        let paid = o.app.gql(PAY).vars(json!({"b": id})).token(&o.hub.member).tenant("aurora").send().await;
        assert!(paid.data()["payBooking"]["clientSecret"].is_string());
        assert_eq!(o.stripe.intents().len(), 1, "never a second intent");
        assert!(o.stripe.requests().iter().any(|r| r.replayed), "answered from the idempotency store");
        let other = o.app.gql(PAY).vars(json!({"b": id})).token(&o.hub.provider).tenant("aurora").send().await;
        assert!(["FORBIDDEN", "NOT_FOUND"].contains(&other.code()), "only the customer pays");

        // A capture whose answer is lost: the approval is refused, then retried.
        let request_room = o.room("REQUEST").await;
        let asked = booking_id(&o.book(&o.hub.member, &request_room, (13, 15), "r").await);
        let asked_intent = o.intent_of(&asked);
        o.stripe.confirm(&asked_intent, Card::Visa).unwrap();
        o.deliver().await;
        o.stripe.fail_next(&format!("/v1/payment_intents/{asked_intent}/capture"), Fault::DropAfterProcessing);
        let first = o.on(APPROVE, &o.hub.manager, &asked).await;
        assert_eq!(first.code(), "UNAVAILABLE", "{:?}", first.0);
        assert_eq!(o.status(&asked).await, "REQUESTED");
        let second = o.on(APPROVE, &o.hub.manager, &asked).await;
        assert_eq!(second.data()["approveBooking"]["status"], "CONFIRMED");
        let settlement = o.stripe.settlement(&asked_intent).unwrap();
        assert_eq!(settlement.received, 2000, "taken once");
        let p = o.payment(&o.hub.member, &asked).await;
        assert_eq!(p["status"], "PAID");
    }
}

db_test! {
    async fn reconciliation_settles_what_a_lost_webhook_left_behind(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        let intent_id = o.intent_of(&id);
        o.stripe.confirm(&intent_id, Card::Visa).unwrap();
        assert!(!o.stripe.drop_pending().is_empty());
        assert_eq!(o.status(&id).await, "AWAITING_PAYMENT");
        let done = o.reconcile().await;
        assert_eq!(done.failed, 0);
        assert_eq!(o.status(&id).await, "CONFIRMED");
        assert_eq!(o.payment(&o.hub.member, &id).await["status"], "PAID");
        // Nothing left to do: a second pass reads nothing.
        let again = o.reconcile().await;
        assert_eq!(again.settled, 0);
    }
}

db_test! {
    async fn stripe_failing_leaves_the_booking_and_reconciliation_finishes_the_job(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        o.stripe.fail_next("/v1/payment_intents", Fault::ServerError);
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        assert!(o.stripe.intents().is_empty());
        o.reconcile().await;
        let intent_id = o.intent_of(&id);
        assert!(o.payment(&o.hub.member, &id).await["clientSecret"].is_string());
        o.stripe.confirm(&intent_id, Card::Visa).unwrap();
        o.deliver().await;
        assert_eq!(o.status(&id).await, "CONFIRMED");
    }
}

db_test! {
    async fn the_reconcile_command_settles_a_payment_whose_webhook_was_lost(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        o.stripe.confirm(&o.intent_of(&id), Card::Visa).unwrap();
        o.stripe.drop_pending();
        let env = [
            ("PORTINERIA_DATABASE_URL".to_owned(), o.app.database_url.clone()),
            ("PORTINERIA_STRIPE_SECRET_KEY".to_owned(), SECRET_KEY.to_owned()),
            ("PORTINERIA_STRIPE_WEBHOOK_SECRETS".to_owned(), WEBHOOK_SECRET.to_owned()),
            ("PORTINERIA_STRIPE_API_BASE".to_owned(), o.stripe.base_url().to_owned()),
            ("PORTINERIA_LOG".to_owned(), "error".to_owned()),
        ];
        let output = tokio::task::spawn_blocking(move || {
            let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            crate::cli::portineria(&env, &["reconcile-payments"])
        })
        .await
        .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{stdout} {}", String::from_utf8_lossy(&output.stderr));
        assert!(stdout.contains("1 payment(s) settled, 0 could not be"), "{stdout}");
        assert_eq!(o.status(&id).await, "CONFIRMED");
        assert_eq!(o.payment(&o.hub.member, &id).await["status"], "PAID");
    }
}
