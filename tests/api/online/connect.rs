//! A marketplace hub (Stripe Connect): organizations onboard, charges go to
//! their accounts with the hub's commission as an application fee, and
//! refunds take back each party's share.

use chrono::Duration;

use super::*;
use crate::db_test;
use crate::stripe_server::Card;

const CONNECT_ACCOUNT: &str =
    "mutation($o: ID!) { connectPayoutAccount(organizationId: $o) { url ready } }";
const MARK_REFUNDED: &str = "mutation($b: ID!, $a: Int!) { markRefunded(bookingId: $b, amount: $a) { status refunded { amount } } }";

pub(super) async fn onboard(o: &Online) -> String {
    let link = o
        .app
        .gql(CONNECT_ACCOUNT)
        .vars(json!({"o": o.hub.cooperative}))
        .token(&o.hub.provider)
        .tenant("aurora")
        .send()
        .await;
    assert_eq!(link.data()["connectPayoutAccount"]["ready"], false);
    assert!(
        link.data()["connectPayoutAccount"]["url"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
    let accounts = o.stripe.accounts();
    assert_eq!(accounts.len(), 1);
    accounts[0]["id"].as_str().unwrap().to_owned()
}

db_test! {
    async fn an_organization_is_paid_once_onboarded_and_the_hub_keeps_its_fee(backend: Backend) {
        let Some(o) = Online::start(backend, "CONNECT").await else { return };
        // The hub keeps 10 %.
        let db = sea_orm::Database::connect(&o.app.database_url).await.unwrap();
        sea_orm::ConnectionTrait::execute_unprepared(&db, "UPDATE hubs SET commission_bps = 1000").await.unwrap();
        db.close().await.unwrap();
        let stranger = o.app.person("sandro@example.org").await.1;
        let refused = o.app.gql(CONNECT_ACCOUNT).vars(json!({"o": o.hub.cooperative})).token(&stranger).tenant("aurora").send().await;
        assert!(["FORBIDDEN", "NOT_FOUND"].contains(&refused.code()), "{:?}", refused.0);
        let room = o.room("INSTANT").await;
        let account = onboard(&o).await;
        // Asking again reuses the account.
        onboard(&o).await;

        let early = o.book(&o.hub.member, &room, (10, 12), "early").await;
        assert_eq!(early.code(), "CONFLICT");
        assert_eq!(early.message_id(), "booking-payouts-not-ready");

        o.stripe.complete_onboarding(&account);
        o.deliver().await;
        let id = booking_id(&o.book(&o.hub.member, &room, (10, 12), "k").await);
        let intent_id = o.intent_of(&id);
        let intent = o.stripe.intent(&intent_id).unwrap();
        let commission = o.payment(&o.hub.member, &id).await["commission"]["amount"].as_i64().unwrap();
        assert_eq!(intent["transfer_data"]["destination"], account.as_str());
        assert_eq!(commission, 200);
        assert_eq!(intent["application_fee_amount"], commission);

        o.stripe.confirm(&intent_id, Card::Visa).unwrap();
        o.deliver().await;
        assert_eq!(o.payment(&o.hub.member, &id).await["status"], "PAID");
        let settlement = o.stripe.settlement(&intent_id).unwrap();
        assert_eq!((settlement.application_fee, settlement.transferred), (200, 1800));

        // Inside 48 hours the policy gives back half; each party returns its share.
        o.app.services.clock.advance(Duration::hours(24));
        o.stripe.set_time(o.app.services.clock.now().timestamp());
        let cancelled = o.on(CANCEL, &o.hub.member, &id).await;
        assert_eq!(cancelled.data()["cancelBooking"]["refundDue"]["amount"], 1000);
        let p = o.payment(&o.hub.member, &id).await;
        assert_eq!(p["status"], "PARTIALLY_REFUNDED", "{p}");
        assert_eq!(p["refunded"]["amount"], 1000);
        let settlement = o.stripe.settlement(&intent_id).unwrap();
        assert_eq!(settlement.refunded, 1000);
        let sum = |kind: &str| -> i64 {
            p["movements"].as_array().unwrap().iter().filter(|m| m["kind"] == kind).map(|m| m["amount"]["amount"].as_i64().unwrap()).sum()
        };
        assert_eq!(settlement.application_fee_refunded, sum("FEE_REFUND"));
        assert_eq!(settlement.transfer_reversed, sum("TRANSFER_REVERSAL"));
        assert_eq!((sum("FEE_REFUND"), sum("TRANSFER_REVERSAL")), (100, 900));

        // A manager gives back part of the rest, online.
        let more = o.app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 400})).token(&o.hub.manager).tenant("aurora").send().await;
        assert_eq!(more.data()["markRefunded"]["refunded"]["amount"], 1400);
        let too_much = o.app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 601})).token(&o.hub.manager).tenant("aurora").send().await;
        assert_eq!(too_much.code(), "VALIDATION");
        assert_eq!(o.stripe.settlement(&intent_id).unwrap().refunded, 1400);
        o.payment(&o.hub.member, &id).await;
    }
}
