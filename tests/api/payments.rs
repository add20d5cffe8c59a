//! Paying at the desk: what a booking owes, `markPaid`, `markRefunded`, the
//! ledger and the status it adds up to, and the managers' report (GraphQL
//! and CSV). The money invariants are checked after every step.

use serde_json::{Value, json};

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::TestApp;

pub const PAYMENT: &str = "query($b: ID!) { bookingPayment(bookingId: $b) { provider status currency gross { amount } commission { amount } tax { amount } providerNet { amount } received { amount } refunded { amount } movements { kind amount { amount currency } method reference at } } }";
pub const MARK_PAID: &str = "mutation($b: ID!, $m: PaymentMethod!, $r: String) { markPaid(bookingId: $b, method: $m, reference: $r) { status received { amount } } }";
pub const MARK_REFUNDED: &str = "mutation($b: ID!, $a: Int!, $r: String) { markRefunded(bookingId: $b, amount: $a, reference: $r) { status refunded { amount } } }";
const CANCEL: &str =
    "mutation($id: ID!) { cancelBooking(id: $id) { status refundDue { amount } } }";
pub const REPORT: &str = "query($f: DateTime!, $t: DateTime!) { paymentsReport(from: $f, to: $t) { organizationId name gross { amount currency } commission { amount } tax { amount } refunds { amount } net { amount } } }";

/// A published instant room of the cooperative at 10 € an hour (members too).
async fn priced_room(app: &TestApp, manager: &str, organization: &str) -> String {
    catalogue::published(
        app,
        "aurora",
        manager,
        organization,
        json!({
        "approvalMode": "INSTANT", "capacity": 4,
        "price": {"kind": "PER_UNIT", "unitPrice": 1000}}),
    )
    .await
}

pub fn booking_id(response: &crate::helpers::GqlResponse) -> String {
    response.data()["createBooking"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn payment(app: &TestApp, token: &str, booking: &str) -> Value {
    let payment = fetch(app, PAYMENT, token, booking).await;
    assert_invariants(&payment);
    payment
}

/// `bookingPayment` of `booking` as `token` asks for it with `query`.
pub async fn fetch(app: &TestApp, query: &str, token: &str, booking: &str) -> Value {
    app.gql(query)
        .vars(json!({"b": booking}))
        .token(token)
        .tenant("aurora")
        .send()
        .await
        .data()["bookingPayment"]
        .clone()
}

/// gross = provider net + commission + tax; refunded ≤ received; the
/// ledger sums to the totals shown and to the status.
fn assert_invariants(payment: &Value) {
    let amount = |v: &Value| v["amount"].as_i64().unwrap();
    let (gross, commission, tax, net) = (
        amount(&payment["gross"]),
        amount(&payment["commission"]),
        amount(&payment["tax"]),
        amount(&payment["providerNet"]),
    );
    assert_eq!(
        gross,
        net + commission + tax,
        "gross = net + commission + tax: {payment}"
    );
    assert!(commission >= 0 && tax >= 0 && net >= 0, "{payment}");
    let (received, refunded) = (amount(&payment["received"]), amount(&payment["refunded"]));
    assert!(refunded <= received, "refunded ≤ received: {payment}");
    let sum = |kind: &str| -> i64 {
        payment["movements"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] == kind)
            .map(|m| amount(&m["amount"]))
            .sum()
    };
    assert_eq!(sum("OFFLINE_RECEIPT"), received, "{payment}");
    assert_eq!(sum("REFUND"), refunded, "{payment}");
    let status = payment["status"].as_str().unwrap();
    let expected: &[&str] = match (received, refunded) {
        (0, _) if gross == 0 => &["NOT_REQUIRED"],
        (0, _) => &["DUE", "CANCELLED"],
        (r, 0) if r > 0 => &["PAID"],
        (r, f) if f < r => &["PARTIALLY_REFUNDED"],
        _ => &["REFUNDED"],
    };
    assert!(expected.contains(&status), "{status} for {payment}");
    if received > 0 {
        assert_eq!(
            received, gross,
            "the desk takes the whole amount due: {payment}"
        );
    }
}

db_test! {
    async fn a_free_booking_needs_no_payment_and_a_priced_one_is_due(app) {
        let hub = aurora(&app).await;
        let free = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 4})).await;
        let booked = book(&app, &hub.member, &free, 10, 11, 1, "free").await;
        let p = payment(&app, &hub.member, &booking_id(&booked)).await;
        assert_eq!(p["status"], "NOT_REQUIRED");
        assert_eq!(p["provider"], "OFFLINE");
        assert_eq!(p["gross"]["amount"], 0);
        let nothing = app.gql(MARK_PAID).vars(json!({"b": booking_id(&booked), "m": "CASH"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(nothing.code(), "CONFLICT");
        assert_eq!(nothing.message_id(), "payment-not-required");

        let room = priced_room(&app, &hub.manager, &hub.cooperative).await;
        let booked = book(&app, &hub.member, &room, 10, 12, 1, "priced").await;
        let p = payment(&app, &hub.member, &booking_id(&booked)).await;
        assert_eq!(p["status"], "DUE");
        assert_eq!(p["currency"], "EUR");
        assert_eq!(p["gross"]["amount"], 2000);
        assert_eq!(p["movements"], json!([]));
        assert_eq!(payment(&app, &hub.provider, &booking_id(&booked)).await["status"], "DUE", "the listing's provider sees it too");
    }
}

db_test! {
    async fn a_manager_marks_a_booking_paid_once_and_the_receipt_is_audited(app) {
        let hub = aurora(&app).await;
        let room = priced_room(&app, &hub.manager, &hub.cooperative).await;
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "k").await);

        let refused = app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(refused.code(), "FORBIDDEN", "a member cannot mark their own booking paid");
        assert_eq!(refused.message_id(), "payment-managers-only");
        let refused = app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(refused.code(), "FORBIDDEN");
        assert_eq!(payment(&app, &hub.member, &id).await["status"], "DUE");

        let paid = app.gql(MARK_PAID).vars(json!({"b": id, "m": "BANK_TRANSFER", "r": "CRO 0042"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(paid.data()["markPaid"], json!({"status": "PAID", "received": {"amount": 2000}}));
        let p = payment(&app, &hub.member, &id).await;
        assert_eq!(p["status"], "PAID");
        assert_eq!(p["movements"].as_array().unwrap().len(), 1);
        assert_eq!(p["movements"][0]["kind"], "OFFLINE_RECEIPT");
        assert_eq!(p["movements"][0]["method"], "BANK_TRANSFER");
        assert_eq!(p["movements"][0]["reference"], "CRO 0042");
        assert_eq!(p["movements"][0]["amount"], json!({"amount": 2000, "currency": "EUR"}));

        let twice = app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&hub.manager).tenant("aurora").language("it").send().await;
        assert_eq!(twice.code(), "CONFLICT");
        assert_eq!(twice.message_id(), "payment-already-paid");
        assert!(twice.message().contains("già pagata"), "{}", twice.message());
        assert_eq!(payment(&app, &hub.member, &id).await["movements"].as_array().unwrap().len(), 1, "no second receipt");

        let log = app
            .gql("query($s: ID) { auditLog(subjectId: $s) { edges { node { subject action fromStatus toStatus } } } }")
            .vars(json!({"s": id}))
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        let events = log.data()["auditLog"]["edges"].as_array().unwrap().clone();
        assert!(events.iter().any(|e| e["node"] == json!({"subject": "PAYMENT", "action": "markPaid", "fromStatus": "DUE", "toStatus": "PAID"})), "{events:?}");
    }
}

db_test! {
    async fn another_hubs_booking_is_not_found(app) {
        let hub = aurora(&app).await;
        let room = priced_room(&app, &hub.manager, &hub.cooperative).await;
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "k").await);
        let (_, other_manager) = app.person("bruno@example.org").await;
        app.create_hub("borealis", "bruno@example.org").await;
        let foreign = app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&other_manager).tenant("borealis").send().await;
        assert_eq!(foreign.code(), "NOT_FOUND");
        let read = app.gql(PAYMENT).vars(json!({"b": id})).token(&other_manager).tenant("borealis").send().await;
        assert_eq!(read.code(), "NOT_FOUND");
        let (_, stranger) = app.person("ospite@example.org").await;
        let hidden = app.gql(PAYMENT).vars(json!({"b": id})).token(&stranger).tenant("aurora").send().await;
        assert_eq!(hidden.code(), "NOT_FOUND", "not the stranger's booking to see");
        assert_eq!(payment(&app, &hub.member, &id).await["status"], "DUE");
    }
}

db_test! {
    async fn a_cancelled_paid_booking_is_refunded_what_its_terms_allow_and_never_more(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({
            "approvalMode": "INSTANT", "capacity": 4,
            "price": {"kind": "PER_UNIT", "unitPrice": 1000},
            "cancellationPolicy": [{"minNoticeHours": 72, "refundPercent": 100}, {"minNoticeHours": 0, "refundPercent": 50}]})).await;
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "k").await);

        let nothing_yet = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 100})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(nothing_yet.code(), "VALIDATION", "nothing received yet");
        assert_eq!(nothing_yet.field(), "amount");

        app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&hub.manager).tenant("aurora").send().await.data();
        let cancelled = app.gql(CANCEL).vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(cancelled.data()["cancelBooking"]["status"], "CANCELLED");
        let due = cancelled.data()["cancelBooking"]["refundDue"]["amount"].as_i64().unwrap();
        assert_eq!(due, 1000, "two days' notice: half back");
        assert_eq!(payment(&app, &hub.member, &id).await["status"], "PAID", "cancelling gives nothing back by itself");

        let too_much = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 2001})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(too_much.code(), "VALIDATION");
        assert_eq!(too_much.field(), "amount");
        let zero = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 0})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(zero.code(), "VALIDATION");
        let by_member = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": due})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(by_member.code(), "FORBIDDEN");

        let refunded = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": due, "r": "contanti"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(refunded.data()["markRefunded"], json!({"status": "PARTIALLY_REFUNDED", "refunded": {"amount": 1000}}));
        payment(&app, &hub.member, &id).await;

        let beyond = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 1001})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(beyond.code(), "VALIDATION", "only 10 € are left to give back");
        let rest = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 1000})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(rest.data()["markRefunded"]["status"], "REFUNDED");
        let p = payment(&app, &hub.member, &id).await;
        assert_eq!(p["movements"].as_array().unwrap().iter().map(|m| m["kind"].as_str().unwrap()).collect::<Vec<_>>(), ["OFFLINE_RECEIPT", "REFUND", "REFUND"]);
        let again = app.gql(MARK_REFUNDED).vars(json!({"b": id, "a": 1})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(again.code(), "VALIDATION");
        assert_eq!(again.message_id(), "payment-refund-too-much");
    }
}

db_test! {
    async fn a_booking_called_off_before_paying_owes_nothing(app) {
        let hub = aurora(&app).await;
        let room = priced_room(&app, &hub.manager, &hub.cooperative).await;
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "k").await);
        app.gql(CANCEL).vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await.data();
        assert_eq!(payment(&app, &hub.member, &id).await["status"], "CANCELLED");
        let late = app.gql(MARK_PAID).vars(json!({"b": id, "m": "CASH"})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(late.code(), "CONFLICT");
        assert_eq!(late.message_id(), "payment-booking-closed");
    }
}

db_test! {
    async fn the_report_sums_per_organization_and_the_csv_matches_it(app) {
        use sea_orm::ConnectionTrait;
        let hub = aurora(&app).await;
        // A 7 % commission (hubs choose it when they are created).
        sea_orm::Database::connect(&app.database_url).await.unwrap()
            .execute_unprepared("UPDATE hubs SET commission_bps = 700 WHERE slug = 'aurora'").await.unwrap();
        let room = priced_room(&app, &hub.manager, &hub.cooperative).await;
        let studio = catalogue::organization(&app, "aurora", &hub.manager, "Studio Verde").await;
        let desk = priced_room(&app, &hub.manager, &studio).await;
        let first = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "a").await);
        let second = booking_id(&book(&app, &hub.member, &room, 13, 14, 1, "b").await);
        let third = booking_id(&book(&app, &hub.member, &desk, 10, 13, 1, "c").await);
        let _unpaid = booking_id(&book(&app, &hub.member, &desk, 14, 15, 1, "d").await);
        let mut expected: std::collections::BTreeMap<String, (i64, i64, i64)> = Default::default();
        for (id, organization) in [(&first, &hub.cooperative), (&second, &hub.cooperative), (&third, &studio)] {
            app.gql(MARK_PAID).vars(json!({"b": id, "m": "CARD_AT_DESK"})).token(&hub.manager).tenant("aurora").send().await.data();
            let p = payment(&app, &hub.manager, id).await;
            let entry = expected.entry(organization.clone()).or_default();
            entry.0 += p["gross"]["amount"].as_i64().unwrap();
            entry.1 += p["commission"]["amount"].as_i64().unwrap();
        }
        app.gql(MARK_REFUNDED).vars(json!({"b": second, "a": 300})).token(&hub.manager).tenant("aurora").send().await.data();
        let refunded = payment(&app, &hub.manager, &second).await;
        let (gross, commission) = (refunded["gross"]["amount"].as_i64().unwrap(), refunded["commission"]["amount"].as_i64().unwrap());
        let cooperative = expected.get_mut(&hub.cooperative).unwrap();
        cooperative.2 += 300;
        cooperative.1 -= commission * 300 / gross;

        let (from, to) = ("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
        let report = app.gql(REPORT).vars(json!({"f": from, "t": to})).token(&hub.manager).tenant("aurora").send().await;
        let lines = report.data()["paymentsReport"].as_array().unwrap().clone();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0]["name"], "Cooperativa Aggiusto", "by name");
        assert_eq!(lines[0]["gross"], json!({"amount": 3000, "currency": "EUR"}));
        for line in &lines {
            let (gross, commission, refunds) = expected[line["organizationId"].as_str().unwrap()];
            assert_eq!(line["gross"]["amount"], gross);
            assert_eq!(line["commission"]["amount"], commission);
            assert_eq!(line["refunds"]["amount"], refunds);
            assert_eq!(line["tax"]["amount"], 0, "no listing sets a tax rate");
            assert_eq!(line["net"]["amount"], gross - commission - refunds);
        }
        assert!(lines.iter().all(|l| l["commission"]["amount"].as_i64().unwrap() > 0), "the hub takes a commission: {lines:?}");
        let before = app.gql(REPORT).vars(json!({"f": "2026-10-01T00:00:00Z", "t": from})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(before.data()["paymentsReport"], json!([]), "nothing moved in October");
        let backwards = app.gql(REPORT).vars(json!({"f": to, "t": from})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(backwards.code(), "VALIDATION");
        let member = app.gql(REPORT).vars(json!({"f": from, "t": to})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(member.code(), "FORBIDDEN");

        let url = app.url(&format!("/payments/report.csv?from={from}&to={to}"));
        let csv = app.http().get(&url).header("X-Tenant", "aurora").bearer_auth(&hub.manager).send().await.unwrap();
        assert_eq!(csv.status(), 200);
        assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = csv.text().await.unwrap();
        let mut rows = text.lines();
        assert_eq!(rows.next(), Some("organization_id,organization,currency,gross,commission,tax,refunds,net"));
        let rows: Vec<&str> = rows.collect();
        assert_eq!(rows.len(), lines.len());
        for (row, line) in rows.iter().zip(&lines) {
            let amount = |field: &str| line[field]["amount"].as_i64().unwrap().to_string();
            assert_eq!(*row, [line["organizationId"].as_str().unwrap(), line["name"].as_str().unwrap(), "EUR", &amount("gross"), &amount("commission"), &amount("tax"), &amount("refunds"), &amount("net")].join(","));
        }

        let as_member = app.http().get(&url).header("X-Tenant", "aurora").bearer_auth(&hub.member).send().await.unwrap();
        assert_eq!(as_member.status(), 403);
        let anonymous = app.http().get(&url).header("X-Tenant", "aurora").send().await.unwrap();
        assert_eq!(anonymous.status(), 401);
        let no_dates = app.http().get(app.url("/payments/report.csv")).header("X-Tenant", "aurora").bearer_auth(&hub.manager).send().await.unwrap();
        assert_eq!(no_dates.status(), 400);
    }
}

/// Runs `sql` as the database's owner, expecting it refused naming `rule`.
pub async fn refused(db: &sea_orm::DatabaseConnection, sql: &str, rule: &str) {
    use sea_orm::ConnectionTrait;
    let message = db.execute_unprepared(sql).await.expect_err(sql).to_string();
    assert_eq!(
        migration::constraints::violated(&message),
        Some(rule),
        "{sql}: {message}"
    );
}

db_test! {
    async fn the_database_refuses_payment_figures_that_do_not_add_up(app) {
        use migration::constraints as rule;
        let hub = aurora(&app).await;
        let room = priced_room(&app, &hub.manager, &hub.cooperative).await;
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "k").await);
        app.gql(MARK_PAID).vars(json!({"b": id, "m": "OTHER"})).token(&hub.manager).tenant("aurora").send().await.data();
        let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
        // A negative commission alone: a negative net would break the tax's rule too.
        refused(&db, "UPDATE payments SET commission = -1, provider_net = gross + 1", rule::PAYMENT_AMOUNTS_NON_NEGATIVE).await;
        refused(&db, "UPDATE payments SET gross = gross + 1", rule::PAYMENT_GROSS_ADDS_UP).await;
        refused(&db, "UPDATE payments SET tax = provider_net + 1", rule::PAYMENT_TAX_WITHIN_SHARE).await;
        refused(&db, "UPDATE payments SET tax = -1", rule::PAYMENT_TAX_WITHIN_SHARE).await;
        refused(&db, "UPDATE payment_movements SET amount = 0", rule::PAYMENT_MOVEMENT_AMOUNT_POSITIVE).await;
        refused(&db, "UPDATE payment_movements SET amount = -5", rule::PAYMENT_MOVEMENT_AMOUNT_POSITIVE).await;
        assert_eq!(payment(&app, &hub.member, &id).await["status"], "PAID", "nothing changed");
    }
}

db_test! {
    async fn two_desks_marking_the_same_booking_paid_at_once_record_one_receipt(app) {
        let hub = aurora(&app).await;
        let room = priced_room(&app, &hub.manager, &hub.cooperative).await;
        let id = booking_id(&book(&app, &hub.member, &room, 10, 12, 1, "k").await);
        let mark = |method: &'static str| {
            app.gql(MARK_PAID).vars(json!({"b": id, "m": method})).token(&hub.manager).tenant("aurora").send()
        };
        let (first, second) = tokio::join!(mark("CASH"), mark("CARD_AT_DESK"));
        let mut codes = [
            if first.0["errors"].is_null() { "OK".to_owned() } else { first.code().to_owned() },
            if second.0["errors"].is_null() { "OK".to_owned() } else { second.code().to_owned() },
        ];
        codes.sort();
        assert_eq!(codes, ["CONFLICT", "OK"]);
        let p = payment(&app, &hub.member, &id).await;
        assert_eq!(p["status"], "PAID");
        assert_eq!(p["movements"].as_array().unwrap().len(), 1);
    }
}
