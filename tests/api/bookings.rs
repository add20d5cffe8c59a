//! Quote, book, approve, decline, cancel, expire: every rule and transition.

use chrono::Duration;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::catalogue::{self, aurora, book};
use crate::db_test;

const QUOTE: &str = "query($l: ID!, $s: DateTime!, $e: DateTime!, $q: Int) { quoteBooking(listingId: $l, start: $s, end: $e, quantity: $q) { bookable units total { amount currency } commission { amount } providerNet { amount } lines { kind quantity amount { amount } } problems { code field message } refundSchedule { until refundPercent } } }";
const APPROVE: &str = "mutation($id: ID!) { approveBooking(id: $id) { status } }";
const DECLINE: &str =
    "mutation($id: ID!) { declineBooking(id: $id, reason: \"Sala occupata\") { status reason } }";
const CANCEL: &str = "mutation($id: ID!) { cancelBooking(id: $id, reason: \"Cambio di programma\") { status refundDue { amount } } }";
const NO_SHOW: &str = "mutation($id: ID!) { markNoShow(id: $id) { status } }";
const ONE: &str =
    "query($id: ID!) { booking(id: $id) { status listing { title } customer { email } } }";

fn id(response: &crate::helpers::GqlResponse) -> String {
    response.data()["createBooking"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

db_test! {
    async fn an_instant_booking_is_quoted_confirmed_and_listed(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({
            "approvalMode": "INSTANT", "capacity": 4, "visibility": "PUBLIC",
            "price": {"kind": "PER_UNIT_AND_SEAT", "unitPrice": 1500, "memberUnitPrice": 1000}})).await;
        let quote = app
            .gql(QUOTE)
            .vars(json!({"l": room, "s": "2026-11-25T10:00:00Z", "e": "2026-11-25T12:00:00Z", "q": 2}))
            .token(&hub.member)
            .tenant("aurora")
            .send()
            .await;
        let q = &quote.data()["quoteBooking"];
        assert_eq!(q["bookable"], true);
        assert_eq!(q["units"], 2);
        assert_eq!(q["total"], json!({"amount": 4000, "currency": "EUR"}), "member price: 2 h × 2 seats × 10 €");
        assert_eq!(q["lines"].as_array().unwrap().len(), 3);
        assert_eq!(q["refundSchedule"][0]["refundPercent"], 100);

        let (_, stranger) = app.person("ospite@example.org").await;
        let outsider = app.gql(QUOTE).vars(json!({"l": room, "s": "2026-11-25T10:00:00Z", "e": "2026-11-25T12:00:00Z", "q": 2})).token(&stranger).tenant("aurora").send().await;
        assert_eq!(outsider.data()["quoteBooking"]["total"]["amount"], 6000, "no member price for non-members");

        let booked = book(&app, &hub.member, &room, 10, 12, 2, "k1").await;
        assert_eq!(booked.data()["createBooking"]["status"], "CONFIRMED");
        assert_eq!(booked.data()["createBooking"]["price"]["gross"]["amount"], 4000);
        let mine = app.gql("{ myBookings { edges { node { id status listing { title } } } } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(mine.data()["myBookings"]["edges"][0]["node"]["id"], json!(id(&booked)));

        let full = app.gql(QUOTE).vars(json!({"l": room, "s": "2026-11-25T11:00:00Z", "e": "2026-11-25T12:00:00Z", "q": 3})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(full.data()["quoteBooking"]["bookable"], false);
        assert_eq!(full.data()["quoteBooking"]["problems"][0]["code"], "CONFLICT");
        let slots = app
            .gql("query($l: ID!) { availability(listingId: $l, from: \"2026-11-25T10:00:00Z\", to: \"2026-11-25T12:00:00Z\") { remaining } }")
            .vars(json!({"l": room}))
            .token(&hub.member)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(slots.data()["availability"], json!([{"remaining": 2}, {"remaining": 2}]), "bookings take capacity");
    }
}

db_test! {
    async fn each_booking_rule_is_checked_and_changes_nothing(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({
            "approvalMode": "INSTANT", "capacity": 2, "maxUnits": 3, "leadTimeMinutes": 120, "horizonDays": 30})).await;
        let at = |s: &str, e: &str, q: i32| json!({"i": {"listingId": room, "start": s, "end": e, "quantity": q, "idempotencyKey": format!("{s}{e}{q}")}});
        let cases = [
            (at("2026-11-25T12:00:00Z", "2026-11-25T10:00:00Z", 1), "VALIDATION", Some("input.end")),
            (at("2026-11-25T10:30:00Z", "2026-11-25T11:30:00Z", 1), "VALIDATION", Some("input.start")),
            (at("2026-11-25T06:00:00Z", "2026-11-25T07:00:00Z", 1), "VALIDATION", Some("input.start")),
            (at("2026-11-25T08:00:00Z", "2026-11-25T12:00:00Z", 1), "VALIDATION", Some("input.end")),
            (at("2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", 1), "VALIDATION", Some("input.start")),
            (at("2027-01-13T10:00:00Z", "2027-01-13T11:00:00Z", 1), "VALIDATION", Some("input.start")),
            (at("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", 3), "VALIDATION", Some("input.quantity")),
            (at("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", 0), "VALIDATION", Some("input.quantity")),
        ];
        for (vars, code, field) in cases {
            let answer = app.gql(catalogue::BOOK).vars(vars.clone()).token(&hub.member).tenant("aurora").send().await;
            assert_eq!(answer.code(), code, "{vars}");
            if let Some(field) = field {
                assert_eq!(answer.field(), field, "{vars}");
            }
        }
        let draft = catalogue::listing(&app, "aurora", &hub.manager, &hub.cooperative, json!({})).await;
        assert_eq!(book(&app, &hub.manager, &draft, 10, 11, 1, "d").await.code(), "CONFLICT");
        assert_eq!(book(&app, &hub.member, &draft, 10, 11, 1, "d").await.code(), "NOT_FOUND");
        let anonymous = app.gql(catalogue::BOOK).vars(at("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", 1)).tenant("aurora").send().await;
        assert_eq!(anonymous.code(), "UNAUTHENTICATED");
        let mine = app.gql("{ myBookings { edges { node { id } } } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(mine.data()["myBookings"]["edges"], json!([]), "nothing was booked");
    }
}

db_test! {
    async fn the_same_idempotency_key_returns_the_first_booking(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 3})).await;
        let first = book(&app, &hub.member, &room, 10, 11, 1, "same-key").await;
        let again = book(&app, &hub.member, &room, 10, 11, 1, "same-key").await;
        assert_eq!(id(&first), id(&again));
        let other = book(&app, &hub.member, &room, 10, 11, 2, "same-key").await;
        assert_eq!((other.code(), other.field()), ("VALIDATION", "input.idempotencyKey"));
        // Another customer's key is theirs alone.
        book(&app, &hub.provider, &room, 10, 11, 1, "same-key").await.data();
        let all = app.gql("{ bookings { edges { node { id } } } }").token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(all.data()["bookings"]["edges"].as_array().unwrap().len(), 2);
    }
}

db_test! {
    async fn overlapping_periods_conflict_and_back_to_back_ones_do_not(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        book(&app, &hub.member, &room, 10, 12, 1, "held").await.data();
        for (from, to, what) in [(9, 11, "left"), (11, 13, "right"), (9, 13, "containing"), (10, 12, "exact"), (10, 11, "inside")] {
            let answer = book(&app, &hub.provider, &room, from, to, 1, what).await;
            assert_eq!(answer.code(), "CONFLICT", "{what}");
            assert_eq!(answer.message_id(), "booking-slot-taken", "{what}");
        }
        book(&app, &hub.provider, &room, 9, 10, 1, "before").await.data();
        book(&app, &hub.provider, &room, 12, 13, 1, "after").await.data();

        // Search knows it too: the room is taken 10–12 but free 13–14.
        let search = "query($s: DateTime!, $e: DateTime!) { listings(filter: {freeBetween: {start: $s, end: $e}}) { edges { node { id } } } }";
        let taken = app.gql(search).vars(json!({"s": "2026-11-25T10:00:00Z", "e": "2026-11-25T11:00:00Z"})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(taken.data()["listings"]["edges"], json!([]));
        let free = app.gql(search).vars(json!({"s": "2026-11-25T13:00:00Z", "e": "2026-11-25T14:00:00Z"})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(free.data()["listings"]["edges"][0]["node"]["id"], json!(room));
    }
}

db_test! {
    async fn seats_add_up_to_capacity_and_buffers_keep_their_distance(app) {
        let hub = aurora(&app).await;
        let desks = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 5})).await;
        book(&app, &hub.member, &desks, 10, 12, 3, "a").await.data();
        book(&app, &hub.provider, &desks, 11, 13, 2, "b").await.data();
        assert_eq!(book(&app, &hub.manager, &desks, 11, 12, 1, "c").await.code(), "CONFLICT");
        book(&app, &hub.manager, &desks, 12, 13, 3, "d").await.data();

        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "bufferAfterMinutes": 30})).await;
        book(&app, &hub.member, &room, 10, 11, 1, "e").await.data();
        assert_eq!(book(&app, &hub.provider, &room, 11, 12, 1, "f").await.code(), "CONFLICT", "cleaning time after 11:00");
        book(&app, &hub.provider, &room, 12, 13, 1, "g").await.data();
    }
}

db_test! {
    async fn a_cancellation_frees_the_place_and_refunds_by_policy(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({
            "approvalMode": "INSTANT", "price": {"kind": "PER_UNIT", "unitPrice": 1999}})).await;
        // Wednesday 10:00Z is 49 hours away: a full refund; at 30 hours, half.
        let early = book(&app, &hub.member, &room, 10, 11, 1, "early").await;
        let late = book(&app, &hub.member, &room, 14, 15, 1, "late").await;
        let cancelled = app.gql(CANCEL).vars(json!({"id": id(&early)})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(cancelled.data()["cancelBooking"], json!({"status": "CANCELLED", "refundDue": {"amount": 1999}}));
        app.services.clock.advance(Duration::hours(23));
        let half = app.gql(CANCEL).vars(json!({"id": id(&late)})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(half.data()["cancelBooking"]["refundDue"]["amount"], 999);
        assert_eq!(app.gql(CANCEL).vars(json!({"id": id(&late)})).token(&hub.member).tenant("aurora").send().await.code(), "CONFLICT");
        // The places are free again.
        book(&app, &hub.provider, &room, 10, 11, 1, "again").await.data();
        // A manager's cancellation refunds everything, whatever the notice.
        let by_hub = book(&app, &hub.provider, &room, 16, 17, 1, "hub").await;
        let cancelled = app.gql(CANCEL).vars(json!({"id": id(&by_hub)})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(cancelled.data()["cancelBooking"]["refundDue"]["amount"], 1999);
    }
}

db_test! {
    async fn requests_are_approved_or_declined_by_the_provider_side_only(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST", "capacity": 2})).await;
        let asked = book(&app, &hub.member, &room, 10, 11, 1, "r1").await;
        assert_eq!(asked.data()["createBooking"]["status"], "REQUESTED");
        assert_eq!(asked.data()["createBooking"]["responseDeadline"], "2026-11-25T09:00:00+00:00", "48 hours");
        let request = id(&asked);
        assert_eq!(app.gql(APPROVE).vars(json!({"id": request})).token(&hub.member).tenant("aurora").send().await.code(), "FORBIDDEN");
        let (_, stranger) = app.person("curioso@example.org").await;
        assert_eq!(app.gql(ONE).vars(json!({"id": request})).token(&stranger).tenant("aurora").send().await.code(), "NOT_FOUND");
        let seen = app.gql(ONE).vars(json!({"id": request})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(seen.data()["booking"]["customer"]["email"], "mimma@example.org");

        let approved = app.gql(APPROVE).vars(json!({"id": request})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(approved.data()["approveBooking"]["status"], "CONFIRMED");
        assert_eq!(app.gql(APPROVE).vars(json!({"id": request})).token(&hub.provider).tenant("aurora").send().await.code(), "CONFLICT");
        assert_eq!(app.gql(DECLINE).vars(json!({"id": request})).token(&hub.manager).tenant("aurora").send().await.code(), "CONFLICT");

        let other = id(&book(&app, &hub.member, &room, 12, 13, 1, "r2").await);
        let declined = app.gql(DECLINE).vars(json!({"id": other})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(declined.data()["declineBooking"], json!({"status": "DECLINED", "reason": "Sala occupata"}));
        assert_eq!(app.gql(CANCEL).vars(json!({"id": other})).token(&hub.member).tenant("aurora").send().await.code(), "CONFLICT");

        let log = app
            .gql("query($s: ID) { auditLog(subjectId: $s) { edges { node { action fromStatus toStatus } } } }")
            .vars(json!({"s": request}))
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(
            log.data()["auditLog"]["edges"],
            json!([
                {"node": {"action": "approveBooking", "fromStatus": "REQUESTED", "toStatus": "CONFIRMED"}},
                {"node": {"action": "createBooking", "fromStatus": null, "toStatus": "REQUESTED"}},
            ])
        );
        assert_eq!(app.gql("{ auditLog { edges { node { action } } } }").token(&hub.provider).tenant("aurora").send().await.code(), "FORBIDDEN");
    }
}

db_test! {
    async fn unanswered_requests_expire_and_past_bookings_complete(app) {
        let hub = aurora(&app).await;
        let asks = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST"})).await;
        let instant = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let request = id(&book(&app, &hub.member, &asks, 10, 11, 1, "x").await);
        let confirmed = id(&book(&app, &hub.member, &instant, 10, 11, 1, "y").await);

        let nothing = portineria::bookings::worker::sweep(&app.services).await.map_err(|e| e.explain()).unwrap();
        assert_eq!((nothing.expired, nothing.completed), (0, 0));
        let early = app.gql(NO_SHOW).vars(json!({"id": confirmed})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(early.code(), "CONFLICT", "not started yet");

        app.services.clock.advance(Duration::hours(48));
        let swept = portineria::bookings::worker::sweep(&app.services).await.map_err(|e| e.explain()).unwrap();
        assert_eq!((swept.expired, swept.completed), (1, 0));
        let expired = app.gql(ONE).vars(json!({"id": request})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(expired.data()["booking"]["status"], "EXPIRED");
        assert_eq!(app.gql(APPROVE).vars(json!({"id": request})).token(&hub.manager).tenant("aurora").send().await.code(), "CONFLICT");

        app.services.clock.advance(Duration::hours(1) + Duration::minutes(30));
        let refused = app.gql(NO_SHOW).vars(json!({"id": confirmed})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(refused.code(), "FORBIDDEN", "managers only");
        app.services.clock.advance(Duration::hours(1));
        let swept = portineria::bookings::worker::sweep(&app.services).await.map_err(|e| e.explain()).unwrap();
        assert_eq!((swept.expired, swept.completed), (0, 1));
        let done = app.gql(ONE).vars(json!({"id": confirmed})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(done.data()["booking"]["status"], "COMPLETED");
        assert_eq!(app.gql(NO_SHOW).vars(json!({"id": confirmed})).token(&hub.manager).tenant("aurora").send().await.code(), "CONFLICT");
    }
}

/// Makes every write to a booking whose note is `note` fail, as a broken
/// row or a failing disk would, on either backend.
async fn jam_bookings_noted(app: &crate::helpers::TestApp, note: &str) {
    let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => vec![format!(
            "CREATE TRIGGER jammed BEFORE UPDATE ON bookings WHEN OLD.note = '{note}' BEGIN SELECT RAISE(ABORT, 'jammed'); END"
        )],
        _ => vec![
            "CREATE FUNCTION jammed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'jammed'; END $$".to_owned(),
            format!("CREATE TRIGGER jammed BEFORE UPDATE ON bookings FOR EACH ROW WHEN (OLD.note = '{note}') EXECUTE FUNCTION jammed()"),
        ],
    };
    for statement in sql {
        db.execute_unprepared(&statement).await.unwrap();
    }
    db.close().await.unwrap();
}

async fn unjam_bookings(app: &crate::helpers::TestApp) {
    let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => "DROP TRIGGER jammed",
        _ => "DROP TRIGGER jammed ON bookings",
    };
    db.execute_unprepared(sql).await.unwrap();
    db.close().await.unwrap();
}

db_test! {
    async fn one_hubs_failing_sweep_does_not_stop_the_other_hubs(app) {
        let hub = aurora(&app).await;
        let (_, bea) = app.person("bea@example.org").await;
        app.sign_up("bruno@example.org", "Bruno").await;
        let aurora_id = app.gql("{ hub { id } }").token(&hub.manager).tenant("aurora").send().await.data()["hub"]["id"].as_str().unwrap().to_owned();
        let borgo_id = app.create_hub("borgo", "bea@example.org").await;
        app.add_member("borgo", &bea, "bruno@example.org", "MEMBER").await;
        let bruno = app.log_in("bruno@example.org").await;
        let borgo_org = catalogue::organization(&app, "borgo", &bea, "Borgo Coop").await;
        let rooms = [
            (hub.member.clone(), "aurora", catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST"})).await),
            (bruno, "borgo", catalogue::published(&app, "borgo", &bea, &borgo_org, json!({"approvalMode": "REQUEST"})).await),
        ];
        // Hubs are swept in id order: break the first, so the sweep must go on after it.
        let aurora_first = aurora_id.parse::<uuid::Uuid>().unwrap() < borgo_id.parse::<uuid::Uuid>().unwrap();
        let (broken, working) = if aurora_first { (0, 1) } else { (1, 0) };
        let mut requests = Vec::new();
        for (n, (token, slug, room)) in rooms.iter().enumerate() {
            let note = if n == broken { "jammed" } else { "" };
            let asked = app
                .gql("mutation($i: CreateBookingInput!) { createBooking(input: $i) { id } }")
                .vars(json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "2026-11-25T11:00:00Z", "idempotencyKey": "ask", "note": note}}))
                .token(token)
                .tenant(slug)
                .send()
                .await;
            requests.push(asked.data()["createBooking"]["id"].as_str().unwrap().to_owned());
        }
        let status = async |n: usize| {
            let (token, slug, _) = &rooms[n];
            let answer = app.gql(ONE).vars(json!({"id": requests[n]})).token(token).tenant(slug).send().await;
            answer.data()["booking"]["status"].as_str().unwrap().to_owned()
        };
        jam_bookings_noted(&app, "jammed").await;

        app.services.clock.advance(Duration::hours(49));
        let swept = portineria::bookings::worker::sweep(&app.services).await.map_err(|e| e.explain()).unwrap();
        assert_eq!((swept.expired, swept.failed_hubs), (1, 1));
        assert_eq!(status(broken).await, "REQUESTED", "the broken hub's sweep rolls back");
        assert_eq!(status(working).await, "EXPIRED", "the hub after it is still swept");

        // Mended, the broken hub is swept the next time round.
        unjam_bookings(&app).await;
        let again = portineria::bookings::worker::sweep(&app.services).await.map_err(|e| e.explain()).unwrap();
        assert_eq!((again.expired, again.failed_hubs), (1, 0));
        assert_eq!(status(broken).await, "EXPIRED");
    }
}

db_test! {
    async fn a_booking_on_a_dst_day_lasts_what_the_wall_clock_says(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({
            "approvalMode": "INSTANT", "horizonDays": 730, "price": {"kind": "PER_UNIT", "unitPrice": 1000}})).await;
        app.services.clock.advance(-Duration::days(250));
        // 29 March 2026, 09:00–12:00 in Rome (CEST since 02:00) is 07:00Z–10:00Z: three hours.
        let booked = app
            .gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-03-29T07:00:00Z", "end": "2026-03-29T10:00:00Z", "idempotencyKey": "dst"}}))
            .token(&hub.member)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(booked.data()["createBooking"]["price"]["gross"]["amount"], 3000);
        let calendar = app
            .gql("{ dayView(date: \"2026-03-29\") { listing { id } bookings { start end } } }")
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(calendar.data()["dayView"][0]["bookings"], json!([{"start": "2026-03-29T07:00:00+00:00", "end": "2026-03-29T10:00:00+00:00"}]));
        let next_day = app.gql("{ dayView(date: \"2026-03-30\") { listing { id } } }").token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(next_day.data()["dayView"], json!([]));
        assert_eq!(app.gql("{ dayView(date: \"2026-03-29\") { listing { id } } }").token(&hub.member).tenant("aurora").send().await.code(), "FORBIDDEN");
    }
}

db_test! {
    async fn day_view_shows_a_santiago_day_whose_midnight_never_happens(app) {
        let (_, sofia) = app.person("sofia@example.org").await;
        app.sign_up("mimma@example.org", "Mimma").await;
        app.create_hub_in("andes", "sofia@example.org", "America/Santiago").await;
        app.add_member("andes", &sofia, "mimma@example.org", "MEMBER").await;
        let mimma = app.log_in("mimma@example.org").await;
        let coop = catalogue::organization(&app, "andes", &sofia, "Cooperativa Cordillera").await;
        let room = catalogue::listing(&app, "andes", &sofia, &coop, json!({"approvalMode": "INSTANT", "horizonDays": 730})).await;
        catalogue::every_day(&app, "andes", &sofia, &room, "00:00", "24:00").await;
        catalogue::publish(&app, "andes", &sofia, &room).await;
        app.services.clock.advance(-Duration::days(90));

        // On 6 September 2026 Santiago's clocks jump from 00:00 (-04) to 01:00 (-03):
        // the day starts at 01:00, 04:00Z. The evening before ends at 04:00Z too.
        let book_at = |start: &'static str, end: &'static str, key: &'static str| {
            app.gql(catalogue::BOOK)
                .vars(json!({"i": {"listingId": room, "start": start, "end": end, "idempotencyKey": key}}))
                .token(&mimma)
                .tenant("andes")
                .send()
        };
        book_at("2026-09-06T04:00:00Z", "2026-09-06T05:00:00Z", "first-hour").await.data();
        book_at("2026-09-06T02:00:00Z", "2026-09-06T03:00:00Z", "evening-before").await.data();

        let day = |date: &'static str| {
            app.gql("query($d: String!) { dayView(date: $d) { listing { id } bookings { start end } } }")
                .vars(json!({"d": date}))
                .token(&sofia)
                .tenant("andes")
                .send()
        };
        let changeover = day("2026-09-06").await;
        assert_eq!(
            changeover.data()["dayView"],
            json!([{"listing": {"id": room}, "bookings": [{"start": "2026-09-06T04:00:00+00:00", "end": "2026-09-06T05:00:00+00:00"}]}])
        );
        let before = day("2026-09-05").await;
        assert_eq!(
            before.data()["dayView"][0]["bookings"],
            json!([{"start": "2026-09-06T02:00:00+00:00", "end": "2026-09-06T03:00:00+00:00"}])
        );
    }
}

db_test! {
    async fn providers_see_only_their_organizations_bookings(app) {
        let hub = aurora(&app).await;
        let other = catalogue::organization(&app, "aurora", &hub.manager, "Bottega Altrui").await;
        let ours = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "title": "Nostra"})).await;
        let theirs = catalogue::published(&app, "aurora", &hub.manager, &other, json!({"approvalMode": "INSTANT", "title": "Altrui"})).await;
        book(&app, &hub.member, &ours, 10, 11, 1, "o").await.data();
        let foreign = id(&book(&app, &hub.member, &theirs, 10, 11, 1, "t").await);
        let query = "query($f: BookingFilter) { bookings(filter: $f) { edges { node { listing { title } } } } }";
        let provider = app.gql(query).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(provider.data()["bookings"]["edges"], json!([{"node": {"listing": {"title": "Nostra"}}}]));
        let manager = app.gql(query).vars(json!({"f": {"organizationId": other}})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(manager.data()["bookings"]["edges"], json!([{"node": {"listing": {"title": "Altrui"}}}]));
        assert_eq!(app.gql(query).token(&hub.member).tenant("aurora").send().await.code(), "FORBIDDEN");
        assert_eq!(app.gql(APPROVE).vars(json!({"id": foreign})).token(&hub.provider).tenant("aurora").send().await.code(), "NOT_FOUND");
    }
}

db_test! {
    async fn another_hubs_booking_is_not_found(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let booking = id(&book(&app, &hub.member, &room, 10, 11, 1, "mine").await);
        let (_, bea) = app.person("bea@example.org").await;
        app.create_hub("borgo", "bea@example.org").await;
        for query in [ONE, CANCEL, APPROVE] {
            let answer = app.gql(query).vars(json!({"id": booking})).token(&bea).tenant("borgo").send().await;
            assert_eq!(answer.code(), "NOT_FOUND", "{query}");
        }
        let foreign = app
            .gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-11-25T12:00:00Z", "end": "2026-11-25T13:00:00Z", "idempotencyKey": "x"}}))
            .token(&bea)
            .tenant("borgo")
            .send()
            .await;
        assert_eq!(foreign.code(), "NOT_FOUND");
    }
}

db_test! {
    async fn a_period_of_thousands_of_years_is_refused_at_once_not_timed_out(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        let answer = app
            .gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-11-25T10:00:00Z", "end": "9999-11-25T10:00:00Z", "idempotencyKey": "forever"}}))
            .token(&hub.member)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!((answer.code(), answer.field()), ("VALIDATION", "input.end"));
        let quote = app
            .gql(QUOTE)
            .vars(json!({"l": room, "s": "2026-11-25T10:00:00Z", "e": "9999-11-25T10:00:00Z", "q": 1}))
            .token(&hub.member)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(quote.data()["quoteBooking"]["problems"][0]["field"], "input.end");
    }
}
