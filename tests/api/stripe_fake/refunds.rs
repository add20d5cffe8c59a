//! Destination charges and their refunds: the fee and the transfer come
//! back in proportion, and never more than was paid.

use stripe::ApiErrorsCode;
use stripe_core::payment_intent::{
    ConfirmPaymentIntent, CreatePaymentIntent, CreatePaymentIntentTransferData,
    RetrievePaymentIntent,
};
use stripe_core::refund::CreateRefund;
use stripe_types::{Currency, Expandable};

use super::{code, start, stripe_error};
use crate::stripe_server::{Card, Settlement};

#[tokio::test]
async fn a_destination_must_be_able_to_receive_transfers() {
    let (server, client) = start().await;
    let account = super::express_account(&client).await;
    let destination_charge = || {
        CreatePaymentIntent::new(10_000, Currency::EUR)
            .application_fee_amount(1_500)
            .transfer_data(CreatePaymentIntentTransferData::new(account.id.as_str()))
    };
    let (error, status) = stripe_error(destination_charge().send(&client).await);
    assert_eq!(status, 400);
    assert_eq!(code(&error), Some("insufficient_capabilities_for_transfer"));
    assert_eq!(error.param.as_deref(), Some("transfer_data[destination]"));

    let (error, _) = stripe_error(
        CreatePaymentIntent::new(10_000, Currency::EUR)
            .transfer_data(CreatePaymentIntentTransferData::new("acct_1Nobody"))
            .send(&client)
            .await,
    );
    assert_eq!(error.code, Some(ApiErrorsCode::ResourceMissing));

    server.complete_onboarding(account.id.as_str());
    let intent = destination_charge().send(&client).await.expect("created");
    let transfer = intent.transfer_data.expect("a destination charge");
    assert_eq!(transfer.destination.id(), &account.id);
    assert_eq!(intent.application_fee_amount, Some(1_500));
}

#[tokio::test]
async fn refunds_return_the_fee_and_the_transfer_in_proportion() {
    let (server, client) = start().await;
    let account = super::express_account(&client).await;
    server.complete_onboarding(account.id.as_str());
    let intent = CreatePaymentIntent::new(10_000, Currency::EUR)
        .application_fee_amount(1_500)
        .transfer_data(CreatePaymentIntentTransferData::new(account.id.as_str()))
        .send(&client)
        .await
        .expect("created");
    let (error, _) = stripe_error(
        CreateRefund::new()
            .payment_intent(intent.id.as_str())
            .send(&client)
            .await,
    );
    assert_eq!(
        error.code,
        Some(ApiErrorsCode::PaymentIntentUnexpectedState)
    );

    ConfirmPaymentIntent::new(intent.id.clone())
        .payment_method(Card::Visa.payment_method())
        .send(&client)
        .await
        .expect("paid");
    let settlement = |server: &crate::stripe_server::StripeServer| {
        server.settlement(intent.id.as_str()).expect("an intent")
    };
    assert_eq!(settlement(&server).transferred, 8_500);

    let refund = CreateRefund::new()
        .payment_intent(intent.id.as_str())
        .amount(3_000)
        .refund_application_fee(true)
        .reverse_transfer(true)
        .send(&client)
        .await
        .expect("refunded");
    assert_eq!(refund.amount, 3_000);
    assert_eq!(refund.status.as_deref(), Some("succeeded"));
    assert!(refund.transfer_reversal.is_some());
    let now = settlement(&server);
    assert_eq!(
        (
            now.refunded,
            now.application_fee_refunded,
            now.transfer_reversed
        ),
        (3_000, 450, 2_550)
    );

    // Without the flags the platform keeps its fee and the destination its
    // transfer.
    CreateRefund::new()
        .payment_intent(intent.id.as_str())
        .amount(1_000)
        .send(&client)
        .await
        .expect("refunded");
    let (error, _) = stripe_error(
        CreateRefund::new()
            .payment_intent(intent.id.as_str())
            .amount(7_000)
            .send(&client)
            .await,
    );
    assert_eq!(error.code, Some(ApiErrorsCode::AmountTooLarge));

    // The rest, whatever it is.
    CreateRefund::new()
        .payment_intent(intent.id.as_str())
        .refund_application_fee(true)
        .reverse_transfer(true)
        .send(&client)
        .await
        .expect("refunded");
    assert_eq!(
        settlement(&server),
        Settlement {
            amount: 10_000,
            capturable: 0,
            received: 10_000,
            refunded: 10_000,
            application_fee: 1_500,
            application_fee_refunded: 1_350,
            transferred: 8_500,
            transfer_reversed: 7_650,
        }
    );
    let (error, _) = stripe_error(
        CreateRefund::new()
            .payment_intent(intent.id.as_str())
            .send(&client)
            .await,
    );
    assert_eq!(error.code, Some(ApiErrorsCode::ChargeAlreadyRefunded));

    assert_eq!(server.refunds(intent.id.as_str()).len(), 3);
    assert_eq!(server.events_of("charge.refunded").len(), 3);
    let read = RetrievePaymentIntent::new(intent.id.clone())
        .expand(vec!["latest_charge".to_owned()])
        .send(&client)
        .await
        .expect("read");
    let Some(Expandable::Object(charge)) = read.latest_charge else {
        panic!("the charge is expanded");
    };
    assert!(charge.refunded);
    assert_eq!(charge.amount_refunded, 10_000);
    assert_eq!(charge.refunds.map(|refunds| refunds.data.len()), Some(3));
}
