//! Choosing Stripe, and what the rest of the API refuses around online
//! payments.

use super::*;
use crate::db_test;
use crate::stripe_server::Card;

const MARK_PAID: &str = "mutation($b: ID!) { markPaid(bookingId: $b, method: CASH) { status } }";

db_test! {
    async fn only_managers_choose_stripe_and_a_bad_account_id_is_refused_in_italian(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let by = |token: &str, vars: Value| o.app.gql(SET_PROVIDER).vars(vars).token(token).tenant("aurora");
        let refused = by(&o.hub.provider, json!({"p": "OFFLINE"})).send().await;
        assert_eq!(refused.code(), "FORBIDDEN");
        let bad = by(&o.hub.manager, json!({"p": "STRIPE", "m": "MERCHANT", "a": "acct_1'; DROP TABLE hubs"})).language("it").send().await;
        assert_eq!(bad.code(), "VALIDATION");
        assert_eq!(bad.field(), "stripeAccountId");
        assert!(bad.message().contains("account Stripe"), "{}", bad.message());
        // Still on Stripe as before.
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        assert_eq!(o.status(&id).await, "AWAITING_PAYMENT");
        // Paid online: never at the desk.
        let desk = o.app.gql(MARK_PAID).vars(json!({"b": id})).token(&o.hub.manager).tenant("aurora").send().await;
        assert_eq!(desk.message_id(), "payment-paid-online");
        o.stripe.confirm(&o.intent_of(&id), Card::Visa).unwrap();
        o.deliver().await;

        // Back to the desk: new bookings are confirmed at once, the paid one keeps its payment.
        let back = by(&o.hub.manager, json!({"p": "OFFLINE"})).send().await;
        assert_eq!(back.data()["setPaymentProvider"], json!({"provider": "OFFLINE", "stripeMode": null}));
        let other = booking_id(&o.book(&o.hub.member, &room, (13, 15), "k2").await);
        assert_eq!(o.status(&other).await, "CONFIRMED");
        assert_eq!(o.payment(&o.hub.member, &other).await["provider"], "OFFLINE");
        assert_eq!(o.payment(&o.hub.member, &id).await["status"], "PAID");
        // Called off by a manager: the online payment is given back through Stripe all the same.
        let cancelled = o.on(CANCEL, &o.hub.manager, &id).await;
        assert_eq!(cancelled.data()["cancelBooking"]["refundDue"]["amount"], 2000);
        assert_eq!(o.payment(&o.hub.member, &id).await["status"], "REFUNDED");
        assert_eq!(o.stripe.settlement(&o.intent_of(&id)).unwrap().refunded, 2000);
        // A free listing never waits for a payment.
        let free = catalogue::published(&o.app, "aurora", &o.hub.manager, &o.hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 1})).await;
        by(&o.hub.manager, json!({"p": "STRIPE"})).send().await.data();
        let gratis = booking_id(&o.book(&o.hub.member, &free, (10, 12), "free").await);
        assert_eq!(o.status(&gratis).await, "CONFIRMED");
        assert_eq!(o.payment(&o.hub.member, &gratis).await["status"], "NOT_REQUIRED");
    }
}

db_test! {
    async fn without_a_stripe_key_a_hub_cannot_choose_stripe_and_webhooks_are_not_served(app) {
        let hub = aurora(&app).await;
        let refused = app.gql(SET_PROVIDER).vars(json!({"p": "STRIPE"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(refused.code(), "VALIDATION");
        assert_eq!(refused.message_id(), "payment-stripe-not-configured");
        let webhook = app.http().post(app.url("/webhooks/stripe")).body("{}").send().await.unwrap();
        assert_eq!(webhook.status(), 404);
    }
}
