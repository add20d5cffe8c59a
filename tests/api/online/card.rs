//! Paying by card on Stripe's own page (a Checkout Session): the session's
//! PaymentIntent becomes the booking's, the old one is called off, and
//! every way the two can cross ends with the booking paid once.

use chrono::Duration;

use super::*;
use crate::db_test;
use crate::stripe_server::{Card, Fault};

pub const BY_CARD: &str = "mutation($b: ID!) { payBookingByCard(bookingId: $b) { url expiresAt } }";

/// The session id in a Checkout page's address.
fn session_of(url: &str) -> String {
    url.rsplit('/')
        .next()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_owned()
}

impl Online {
    /// `token` asks for Stripe's page for `booking`.
    pub async fn by_card(&self, token: &str, booking: &str) -> GqlResponse {
        self.app
            .gql(BY_CARD)
            .vars(json!({"b": booking}))
            .token(token)
            .tenant("aurora")
            .send()
            .await
    }

    /// The session Stripe's page for `booking` belongs to.
    pub async fn session_for(&self, token: &str, booking: &str) -> String {
        let answer = self.by_card(token, booking).await;
        session_of(answer.data()["payBookingByCard"]["url"].as_str().unwrap())
    }

    /// Every intent made for `booking`, oldest first.
    pub fn intents_of(&self, booking: &str) -> Vec<Value> {
        self.stripe
            .intents()
            .into_iter()
            .filter(|i| i["metadata"]["booking"] == booking)
            .collect()
    }
}

db_test! {
    async fn an_instant_booking_is_paid_on_stripes_page_and_confirmed(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k1").await);
        let first = o.by_card(&o.hub.member, &id).await;
        let page = &first.data()["payBookingByCard"];
        let url = page["url"].as_str().unwrap().to_owned();
        assert!(url.starts_with(o.stripe.base_url()), "{url}");
        let session_id = session_of(&url);
        let session = o.stripe.checkout_session(&session_id).expect("the session Stripe holds");
        assert_eq!(session["status"], "open");
        assert_eq!(session["mode"], "payment");
        assert_eq!(session["amount_total"], 2000);
        assert_eq!(session["currency"], "eur");
        assert_eq!(session["metadata"]["booking"], id.as_str());
        assert_eq!(session["customer_email"], "mimma@example.org");
        assert_eq!(session["locale"], "en");
        let back = format!("/hubs/aurora/bookings/{id}");
        assert!(session["success_url"].as_str().unwrap().ends_with(&format!("{back}?card=paid")), "{session}");
        assert!(session["cancel_url"].as_str().unwrap().ends_with(&format!("{back}?card=back")), "{session}");
        // The 15-minute payment window is shorter than Stripe allows: 31 minutes.
        let expires = session["expires_at"].as_i64().unwrap();
        let now = o.app.services.clock.now().timestamp();
        assert!((30 * 60..=31 * 60).contains(&(expires - now)), "{}", expires - now);
        let shown = chrono::DateTime::parse_from_rfc3339(page["expiresAt"].as_str().unwrap()).unwrap();
        assert_eq!(shown.timestamp(), expires);

        // Asking again (a second click, a reload) answers the same page.
        let again = o.by_card(&o.hub.member, &id).await;
        assert_eq!(again.data()["payBookingByCard"]["url"], url.as_str());
        assert_eq!(o.stripe.checkout_sessions().len(), 1);

        let paid = o.stripe.pay_checkout(&session_id, Card::Visa).expect("a good card pays");
        assert_eq!(paid["status"], "complete");
        let new_intent = paid["payment_intent"].as_str().unwrap().to_owned();
        o.deliver().await;
        assert_eq!(o.status(&id).await, "CONFIRMED");
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "PAID", "{p}");
        assert_eq!(p["received"]["amount"], 2000);
        assert_eq!(p["movements"].as_array().unwrap().len(), 1, "{p}");
        assert_eq!(p["movements"][0]["reference"], new_intent.as_str());
        // The intent made with the booking can no longer take money.
        let intents = o.intents_of(&id);
        assert_eq!(intents.len(), 2);
        assert_eq!(intents[0]["status"], "canceled");
        assert_eq!(intents[1]["id"], new_intent.as_str());
        assert_eq!(o.stripe.settlement(&new_intent).unwrap().received, 2000);
        assert!(o.stripe.confirm(intents[0]["id"].as_str().unwrap(), Card::Visa).is_err());

        // Paid: nothing more to pay, by card or otherwise.
        let done = o.by_card(&o.hub.member, &id).await;
        assert_eq!(done.code(), "CONFLICT");
        assert_eq!(o.stripe.checkout_sessions().len(), 1);
        let requests = o.stripe.requests();
        assert!(requests.iter().all(|r| r.idempotency_key.is_some()), "{requests:?}");
    }
}

db_test! {
    async fn a_request_is_held_on_the_card_from_stripes_page_and_taken_on_approval(backend: Backend) {
        let Some(o) = Online::start(backend, "CONNECT").await else { return };
        let db = sea_orm::Database::connect(&o.app.database_url).await.unwrap();
        sea_orm::ConnectionTrait::execute_unprepared(&db, "UPDATE hubs SET commission_bps = 1000").await.unwrap();
        db.close().await.unwrap();
        let account = super::connect::onboard(&o).await;
        o.stripe.complete_onboarding(&account);
        o.deliver().await;
        let room = o.room("REQUEST").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "r1").await);
        assert_eq!(o.status(&id).await, "REQUESTED");
        let session_id = o.session_for(&o.hub.member, &id).await;
        let session = o.stripe.checkout_session(&session_id).unwrap();
        // A request waits days for its answer: Stripe's longest, a day.
        let now = o.app.services.clock.now().timestamp();
        let expires = session["expires_at"].as_i64().unwrap();
        assert!((23 * 3600..=24 * 3600).contains(&(expires - now)), "{}", expires - now);

        let paid = o.stripe.pay_checkout(&session_id, Card::Visa).unwrap();
        assert_eq!(paid["payment_status"], "unpaid", "only authorised");
        let new_intent = paid["payment_intent"].as_str().unwrap().to_owned();
        let intent = o.stripe.intent(&new_intent).unwrap();
        assert_eq!(intent["status"], "requires_capture");
        assert_eq!(intent["transfer_data"]["destination"], account.as_str());
        assert_eq!(intent["application_fee_amount"], 200, "the hub's commission");
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "AUTHORIZED", "{p}");

        let approved = o.on(APPROVE, &o.hub.manager, &id).await;
        assert_eq!(approved.data()["approveBooking"]["status"], "CONFIRMED");
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "PAID", "{p}");
        assert_eq!(o.stripe.settlement(&new_intent).unwrap().received, 2000);
    }
}

db_test! {
    async fn a_payment_whose_message_was_lost_is_read_when_the_customer_comes_back(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k1").await);
        let session_id = o.session_for(&o.hub.member, &id).await;
        o.stripe.pay_checkout(&session_id, Card::Visa).unwrap();
        assert!(!o.stripe.drop_pending().is_empty());
        assert_eq!(o.status(&id).await, "AWAITING_PAYMENT");
        // Back on the booking's page (`?card=paid`), the payment is read.
        let mut browser = crate::page_client::PageClient::new(&o.app, "en");
        browser.log_in("mimma@example.org").await;
        let page = browser.get(&format!("/hubs/aurora/bookings/{id}?card=paid")).await;
        assert_eq!(page.status, reqwest::StatusCode::OK);
        assert!(page.body.contains("data-status=\"CONFIRMED\""), "{}", page.text());
        assert!(page.body.contains("data-payment=\"PAID\""), "{}", page.text());
        assert_eq!(o.status(&id).await, "CONFIRMED");

        // Another booking, nobody back on the page: reconciliation finds it.
        let other = booking_id(&o.book(&o.hub.member, &room, (13, 15), "k2").await);
        let session_id = o.session_for(&o.hub.member, &other).await;
        o.stripe.pay_checkout(&session_id, Card::Visa).unwrap();
        o.stripe.drop_pending();
        o.reconcile().await;
        assert_eq!(o.status(&other).await, "CONFIRMED");
        assert_eq!(o.payment(&o.hub.member, &other).await["status"], "PAID");
    }
}

db_test! {
    async fn a_declined_card_leaves_the_page_open_and_a_called_off_booking_closes_it(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k1").await);
        let session_id = o.session_for(&o.hub.member, &id).await;
        assert!(o.stripe.pay_checkout(&session_id, Card::Declined).is_err());
        o.deliver().await;
        assert_eq!(o.status(&id).await, "AWAITING_PAYMENT");
        assert_eq!(o.stripe.checkout_session(&session_id).unwrap()["status"], "open");

        // The customer calls it off: Stripe's page stops taking the card.
        let cancelled = o.on(CANCEL, &o.hub.member, &id).await;
        assert_eq!(cancelled.data()["cancelBooking"]["status"], "CANCELLED");
        assert_eq!(o.stripe.checkout_session(&session_id).unwrap()["status"], "expired");
        assert!(o.stripe.pay_checkout(&session_id, Card::Visa).is_err());
        assert_eq!(o.by_card(&o.hub.member, &id).await.code(), "CONFLICT");

        // A booking that lapses unpaid: reconciliation expires its page.
        let lapsing = booking_id(&o.book(&o.hub.member, &room, (13, 15), "k2").await);
        let session_id = o.session_for(&o.hub.member, &lapsing).await;
        o.app.services.clock.advance(Duration::minutes(16));
        o.stripe.set_time(o.app.services.clock.now().timestamp());
        // Past its deadline, before the sweep: no longer paid for.
        assert_eq!(o.by_card(&o.hub.member, &lapsing).await.code(), "CONFLICT");
        portineria::bookings::worker::sweep(&o.app.services).await.map_err(|e| e.explain()).unwrap();
        assert_eq!(o.status(&lapsing).await, "EXPIRED");
        o.reconcile().await;
        assert_eq!(o.stripe.checkout_session(&session_id).unwrap()["status"], "expired");
        for intent in o.intents_of(&lapsing) {
            assert_eq!(intent["status"], "canceled", "{intent}");
        }
    }
}

db_test! {
    async fn paid_on_stripes_page_as_the_booking_was_called_off_is_given_back(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k1").await);
        let session_id = o.session_for(&o.hub.member, &id).await;
        // The card goes through on Stripe's page; before its message
        // arrives the manager cancels the booking.
        let paid = o.stripe.pay_checkout(&session_id, Card::Visa).unwrap();
        let new_intent = paid["payment_intent"].as_str().unwrap().to_owned();
        let cancelled = o.on(CANCEL, &o.hub.manager, &id).await;
        assert_eq!(cancelled.data()["cancelBooking"]["status"], "CANCELLED");
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "REFUNDED", "{p}");
        assert_eq!(o.stripe.settlement(&new_intent).unwrap().refunded, 2000);
        assert_eq!(o.status(&id).await, "CANCELLED");
    }
}

db_test! {
    async fn paid_both_ways_is_kept_once_and_the_other_given_back(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k1").await);
        let first_intent = o.intent_of(&id);
        let session_id = o.session_for(&o.hub.member, &id).await;
        // An API client pays with the client secret, and the customer also
        // pays on Stripe's page.
        o.stripe.confirm(&first_intent, Card::Visa).unwrap();
        let paid = o.stripe.pay_checkout(&session_id, Card::Visa).unwrap();
        let second = paid["payment_intent"].as_str().unwrap().to_owned();
        o.deliver().await;
        o.reconcile().await;
        assert_eq!(o.status(&id).await, "CONFIRMED");
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "PAID", "{p}");
        assert_eq!(p["received"]["amount"], 2000);
        let kept = o.stripe.settlement(&first_intent).unwrap();
        let returned = o.stripe.settlement(&second).unwrap();
        assert_eq!((kept.received, kept.refunded), (2000, 0));
        assert_eq!((returned.received, returned.refunded), (2000, 2000), "the second payment is given back whole");
    }
}

db_test! {
    async fn a_lost_answer_or_a_double_click_opens_one_page(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k1").await);
        // Stripe made the session but its answer was lost: try again.
        o.stripe.fail_next("/v1/checkout/sessions", Fault::DropAfterProcessing);
        assert_eq!(o.by_card(&o.hub.member, &id).await.code(), "UNAVAILABLE");
        assert_eq!(o.stripe.checkout_sessions().len(), 1);
        // The same click again (the same key) is answered with that session.
        let again = o.by_card(&o.hub.member, &id).await;
        let url = again.data()["payBookingByCard"]["url"].as_str().unwrap().to_owned();
        assert_eq!(session_of(&url), o.stripe.checkout_sessions()[0]["id"].as_str().unwrap());
        assert!(o.stripe.requests().iter().any(|r| r.replayed), "answered from the key");

        // A second click reaching Stripe while the first runs: try again.
        let other = booking_id(&o.book(&o.hub.member, &room, (13, 15), "k2").await);
        o.stripe.fail_next("/v1/checkout/sessions", Fault::KeyInUse);
        let busy = o.by_card(&o.hub.member, &other).await;
        assert_eq!(busy.code(), "UNAVAILABLE", "{:?}", busy.0);
        assert_eq!(o.stripe.checkout_sessions().len(), 1);
        o.by_card(&o.hub.member, &other).await.data();
        assert_eq!(o.stripe.checkout_sessions().len(), 2);

        // Two clicks at once: one page for both.
        let third = booking_id(&o.book(&o.hub.member, &room, (15, 17), "k3").await);
        let (a, b) = tokio::join!(o.by_card(&o.hub.member, &third), o.by_card(&o.hub.member, &third));
        assert_eq!(a.data()["payBookingByCard"]["url"], b.data()["payBookingByCard"]["url"]);
        assert_eq!(o.stripe.checkout_sessions().len(), 3);
    }
}

db_test! {
    async fn only_the_customer_pays_a_waiting_priced_booking_by_card(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k1").await);
        for (token, code) in [(&o.hub.manager, "FORBIDDEN"), (&o.hub.provider, "FORBIDDEN")] {
            let refused = o.by_card(token, &id).await;
            assert_eq!(refused.code(), code, "{:?}", refused.0);
        }
        let nobody = o.app.gql(BY_CARD).vars(json!({"b": id})).tenant("aurora").send().await;
        assert_eq!(nobody.code(), "UNAUTHENTICATED");
        for bad in ["", "not-an-id", "00000000-0000-0000-0000-000000000000"] {
            let refused = o.by_card(&o.hub.member, bad).await;
            assert!(["VALIDATION", "NOT_FOUND"].contains(&refused.code()), "{bad}: {:?}", refused.0);
        }
        // From another hub the booking does not exist.
        o.app.create_hub("borgo", "rita@example.org").await;
        let elsewhere = o
            .app
            .gql(BY_CARD)
            .vars(json!({"b": id}))
            .token(&o.hub.member)
            .tenant("borgo")
            .send()
            .await;
        assert!(["NOT_FOUND", "FORBIDDEN"].contains(&elsewhere.code()), "{:?}", elsewhere.0);
        assert!(o.stripe.checkout_sessions().is_empty(), "no page was opened");

        // A free listing has nothing to pay.
        let free = catalogue::published(&o.app, "aurora", &o.hub.manager, &o.hub.cooperative,
            json!({"approvalMode": "INSTANT", "capacity": 1})).await;
        let free_id = booking_id(&o.book(&o.hub.member, &free, (10, 12), "free").await);
        assert_eq!(o.by_card(&o.hub.member, &free_id).await.code(), "CONFLICT");
        assert!(o.stripe.checkout_sessions().is_empty());
    }
}
