//! Requests paid online: the card is authorised with the request, taken
//! on approval, released on decline or expiry.

use super::*;
use crate::db_test;
use crate::stripe_server::Card;

/// A request of the member's whose card is authorised: (room, booking, intent).
async fn authorised_request(o: &Online) -> (String, String, String) {
    let room = o.room("REQUEST").await;
    let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
    let intent_id = o.intent_of(&id);
    o.stripe.confirm(&intent_id, Card::Visa).unwrap();
    o.deliver().await;
    (room, id, intent_id)
}

db_test! {
    async fn a_request_is_authorised_then_taken_on_approval(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("REQUEST").await;
        let booked = o.book(&o.hub.member, &room, (10, 12), "k").await;
        assert_eq!(booked.data()["createBooking"]["status"], "REQUESTED");
        let id = booking_id(&booked);
        let intent_id = o.intent_of(&id);
        assert_eq!(o.stripe.intent(&intent_id).unwrap()["capture_method"], "manual");

        let early = o.on(APPROVE, &o.hub.provider, &id).await;
        assert_eq!(early.code(), "CONFLICT");
        assert_eq!(early.message_id(), "payment-not-authorized");
        assert_eq!(o.status(&id).await, "REQUESTED");

        o.stripe.confirm(&intent_id, Card::Visa).unwrap();
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "AUTHORIZED");
        assert_eq!(p["authorized"]["amount"], 2000);

        let approved = o.on(APPROVE, &o.hub.provider, &id).await;
        assert_eq!(approved.data()["approveBooking"]["status"], "CONFIRMED");
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "PAID");
        assert_eq!(p["received"]["amount"], 2000);
        let settlement = o.stripe.settlement(&intent_id).unwrap();
        assert_eq!((settlement.received, settlement.capturable), (2000, 0));
        let captures = o.stripe.requests().into_iter().filter(|r| r.path.ends_with("/capture") && !r.replayed).count();
        assert_eq!(captures, 1, "taken once");
    }
}

db_test! {
    async fn a_declined_request_releases_the_authorisation(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let (_, id, intent_id) = authorised_request(&o).await;
        let declined = o.on(DECLINE, &o.hub.provider, &id).await;
        assert_eq!(declined.data()["declineBooking"]["status"], "DECLINED");
        assert_eq!(o.stripe.intent(&intent_id).unwrap()["status"], "canceled");
        o.deliver().await;
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "CANCELLED", "{p}");
        assert_eq!(o.stripe.settlement(&intent_id).unwrap().received, 0, "nothing taken");
    }
}

db_test! {
    async fn an_authorisation_that_lapses_expires_the_request_and_frees_the_place(backend: Backend) {
        let Some(o) = Online::start(backend, "MERCHANT").await else { return };
        let (room, id, intent_id) = authorised_request(&o).await;
        o.stripe.lapse_authorization(&intent_id);
        o.deliver().await;
        assert_eq!(o.status(&id).await, "EXPIRED");
        assert_eq!(o.payment(&o.hub.member, &id).await["status"], "CANCELLED");
        let again = o.book(&o.hub.provider, &room, (10, 12), "again").await;
        assert_eq!(again.data()["createBooking"]["status"], "REQUESTED");
        let approve = o.on(APPROVE, &o.hub.manager, &id).await;
        assert_eq!(approve.code(), "CONFLICT", "an expired request cannot be approved");
    }
}
