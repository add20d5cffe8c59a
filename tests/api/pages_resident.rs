//! The resident's pages: the hub and its search, a listing and its free
//! times, the quote, booking once, my bookings, cancelling with its refund,
//! the calendar file and a weekly series; and what a hostile or careless
//! visitor gets (another hub's ids, unreadable values, HTML in a title).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::catalogue::{aurora, organization, published};
use crate::db_test;
use crate::helpers::*;
use crate::page_client::{PageClient, Shown};

/// Open 09:00–18:00 (Rome) every day, €10.00 an hour, one at a time,
/// 100 % back with 48 hours' notice, 50 % until the start.
fn room(extra: Value) -> Value {
    let mut input = json!({
        "title": "Sala del camino", "description": "Una sala calda con il camino",
        "address": "Via Roma 1, Torino", "capacity": 1,
        "bookingUnit": {"kind": "HOUR"}, "approvalMode": "INSTANT",
        "price": {"kind": "PER_UNIT", "unitPrice": 1000},
        "cancellationPolicy": [{"minNoticeHours": 48, "refundPercent": 100}, {"minNoticeHours": 0, "refundPercent": 50}],
    });
    for (key, value) in extra.as_object().cloned().unwrap_or_default() {
        input[key] = value;
    }
    input
}

/// The path of a quote for `listing` on `date` from `start` to `end` (Rome).
fn quote_path(listing: &str, date: &str, start: &str, end: &str, quantity: &str) -> String {
    format!(
        "/hubs/aurora/listings/{listing}/book?date={date}&start={start}&end={end}&quantity={quantity}"
    )
}

/// The value of the hidden field `name` on `page`.
fn hidden(page: &Shown, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page
        .body
        .find(&marker)
        .map(|i| i + marker.len())
        .unwrap_or_else(|| panic!("no {name} on {}", page.body));
    let rest = &page.body[at..];
    rest[..rest.find('"').unwrap_or(0)].to_owned()
}

/// The fields the confirm form of `quote` posts.
fn confirm_fields(quote: &Shown) -> Vec<(String, String)> {
    ["date", "start", "end", "quantity", "key"]
        .iter()
        .map(|name| ((*name).to_owned(), hidden(quote, name)))
        .collect()
}

async fn post_fields(browser: &mut PageClient, path: &str, fields: &[(String, String)]) -> Shown {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post(path, &borrowed).await
}

/// How many bookings `token` has in aurora.
async fn my_bookings(app: &TestApp, token: &str) -> usize {
    let mine = app
        .gql("{ myBookings(first: 100) { nodes { id status } } }")
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    mine.data()["myBookings"]["nodes"]
        .as_array()
        .map_or(0, Vec::len)
}

db_test!(
    async fn a_member_books_an_instant_room_and_sees_it_confirmed(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;

        let hub = browser.get("/hubs/aurora").await;
        assert_eq!(hub.status, StatusCode::OK, "{}", hub.text());
        assert!(hub.body.contains(&format!("href=\"/hubs/aurora/listings/{id}\"")), "{}", hub.body);
        assert!(hub.text().contains("€10.00 per hour"), "{}", hub.text());
        assert!(hub.text().contains("Cooperativa Aggiusto"), "{}", hub.text());
        assert!(hub.text().contains("One space and no services."), "{}", hub.text());

        let listing = browser.get(&format!("/hubs/aurora/listings/{id}")).await;
        assert_eq!(listing.status, StatusCode::OK, "{}", listing.text());
        let text = listing.text();
        assert!(text.contains("Via Roma 1, Torino"), "{text}");
        assert!(text.contains("At least 48 hours before the start: 100% back."), "{text}");
        assert!(text.contains("Until the start: 50% back."), "{text}");
        // Free times on the hub's clock (Rome), not UTC.
        assert!(text.contains("Wed 25 Nov 2026 : 09:00–18:00"), "{text}");
        assert!(listing.body.contains("data-flow=\"book\""));
        assert!(listing.body.contains("?from=2026-12-07"), "a link to the next weeks");

        let quote = browser.get(&quote_path(&id, "2026-11-25", "10:00", "12:00", "1")).await;
        assert_eq!(quote.status, StatusCode::OK, "{}", quote.text());
        let text = quote.text();
        assert!(text.contains("Wed 25 Nov 2026, 10:00–12:00"), "{text}");
        assert!(text.contains("Total €20.00"), "{text}");
        assert!(text.contains("You pay €20.00 at the desk of"), "{text}");
        assert!(text.contains("If you cancel by Mon 23 Nov 2026, 10:00: 100% back."), "{text}");
        assert!(text.contains("confirmed at once"), "{text}");

        let fields = confirm_fields(&quote);
        let booked = post_fields(&mut browser, &format!("/hubs/aurora/listings/{id}/book"), &fields).await;
        assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.text());
        let location = booked.location.clone().unwrap_or_default();
        assert!(location.starts_with("/hubs/aurora/bookings/"), "{location}");
        let page = browser.follow(booked).await;
        assert!(page.body.contains("data-status=\"CONFIRMED\""), "{}", page.body);
        assert!(page.text().contains("Done: your booking is confirmed."), "{}", page.text());
        assert!(page.text().contains("Still to pay"), "{}", page.text());

        let mine = browser.get("/hubs/aurora/bookings").await;
        assert!(mine.body.contains(&format!("href=\"{location}\"")), "{}", mine.body);
        assert!(mine.text().contains("Confirmed"), "{}", mine.text());

        let ics = browser.get(&format!("{location}.ics")).await;
        assert_eq!(ics.status, StatusCode::OK, "{}", ics.body);
        assert!(ics.body.contains("BEGIN:VCALENDAR"), "{}", ics.body);
        assert!(ics.body.contains("DTSTART:20261125T090000Z"), "{}", ics.body);
    }
);

db_test!(
    async fn the_calendar_address_is_shown_once_and_a_new_one_replaces_it(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        crate::catalogue::book(&app, &people.member, &id, 10, 12, 1, "feed").await.data();
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        let mine = browser.get("/hubs/aurora/bookings").await;
        assert!(mine.body.contains("action=\"/hubs/aurora/calendar-feed\""), "{}", mine.body);
        assert!(mine.text().contains("Get my calendar address"), "{}", mine.text());

        let address = |page: &Shown| hidden_value(page, "data-feed").replace("&#x2f;", "/");
        // The address names the public URL; the test's server is elsewhere.
        let here = |url: &str| app.url(&url[url.find("/calendar/").unwrap()..]);
        let first = browser.post("/hubs/aurora/calendar-feed", &[]).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text());
        let url = address(&first);
        assert!(url.starts_with("http") && url.contains("/calendar/"), "{url}");
        assert!(first.body.replace("&#x2f;", "/").contains("href=\"webcal://"), "{}", first.body);
        let feed = reqwest::get(here(&url)).await.unwrap();
        assert_eq!(feed.status(), StatusCode::OK);
        let text = feed.text().await.unwrap();
        assert!(text.contains("BEGIN:VCALENDAR") && text.contains("Sala del camino"), "{text}");

        // A new address replaces it: the old one stops working.
        let second = browser.post("/hubs/aurora/calendar-feed", &[]).await;
        let renewed = address(&second);
        assert_ne!(renewed, url);
        assert_eq!(reqwest::get(here(&url)).await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(reqwest::get(here(&renewed)).await.unwrap().status(), StatusCode::OK);

        // Nobody logged in gets the log-in page, and no address.
        let mut nobody = PageClient::new(&app, "en");
        nobody.get("/hubs/aurora").await;
        let refused = nobody.post("/hubs/aurora/calendar-feed", &[]).await;
        assert!(!refused.body.contains("calendar&#x2f;"), "{}", refused.body);
        assert_eq!(reqwest::get(here(&renewed)).await.unwrap().status(), StatusCode::OK);
    }
);

/// The `value` of the input marked with `marker` on `page`.
fn hidden_value(page: &Shown, marker: &str) -> String {
    let at = page
        .body
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} on {}", page.body));
    let input = &page.body[page.body[..at].rfind("<input").unwrap()..at];
    let start = input.find("value=\"").unwrap() + "value=\"".len();
    input[start..start + input[start..].find('"').unwrap()].to_owned()
}

db_test!(
    async fn a_double_post_with_the_same_key_books_once(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"capacity": 3}))).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        let quote = browser.get(&quote_path(&id, "2026-11-25", "10:00", "12:00", "1")).await;
        let fields = confirm_fields(&quote);
        let path = format!("/hubs/aurora/listings/{id}/book");
        let first = post_fields(&mut browser, &path, &fields).await;
        let second = post_fields(&mut browser, &path, &fields).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.text());
        assert_eq!(first.location, second.location, "the same booking");
        assert_eq!(my_bookings(&app, &people.member).await, 1);
        // A quote shown again makes a new key: a second booking on purpose.
        let again = browser.get(&quote_path(&id, "2026-11-25", "10:00", "12:00", "1")).await;
        assert_ne!(hidden(&again, "key"), hidden(&quote, "key"));
    }
);

db_test!(
    async fn a_request_listing_waits_for_the_hub(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"approvalMode": "REQUEST"}))).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        let listing = browser.get(&format!("/hubs/aurora/listings/{id}")).await;
        assert!(listing.text().contains("The hub says yes or no to each request"), "{}", listing.text());
        let quote = browser.get(&quote_path(&id, "2026-11-25", "10:00", "12:00", "1")).await;
        let text = quote.text();
        assert!(text.contains("waiting for the hub to answer"), "{text}");
        assert!(text.contains("You pay only if the hub says yes."), "{text}");
        assert!(quote.body.contains("Send the request"));
        let booked = post_fields(&mut browser, &format!("/hubs/aurora/listings/{id}/book"), &confirm_fields(&quote)).await;
        let page = browser.follow(booked).await;
        assert!(page.body.contains("data-status=\"REQUESTED\""), "{}", page.body);
        assert!(page.text().contains("Waiting for the hub to answer"), "{}", page.text());
        assert!(page.text().contains("The hub answers by"), "{}", page.text());
    }
);

db_test!(
    async fn cancelling_shows_the_refund_the_policy_gives(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        // Tomorrow: 24 hours' notice, half of it back.
        let quote = browser.get(&quote_path(&id, "2026-11-24", "10:00", "12:00", "1")).await;
        let booked = post_fields(&mut browser, &format!("/hubs/aurora/listings/{id}/book"), &confirm_fields(&quote)).await;
        let location = booked.location.clone().unwrap_or_default();
        let page = browser.follow(booked).await;
        assert!(page.body.contains("data-refund=\"1000\""), "{}", page.body);
        assert!(page.text().contains("If you cancel now, you get back €10.00 of €20.00."), "{}", page.text());
        assert!(page.body.contains("data-flow=\"cancel\""));
        let booking_id = location.rsplit('/').next().unwrap_or_default().to_owned();

        // Without the form token nothing is cancelled.
        let forged = browser.post_raw(&format!("{location}/cancel"), &[("reason", "x")], None).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let still = browser.get(&location).await;
        assert!(still.body.contains("data-status=\"CONFIRMED\""));

        let cancelled = browser.post(&format!("{location}/cancel"), &[("reason", "Ho la febbre")]).await;
        assert_eq!(cancelled.status, StatusCode::SEE_OTHER, "{}", cancelled.text());
        assert_eq!(cancelled.location.as_deref(), Some(location.as_str()));
        let page = browser.follow(cancelled).await;
        assert!(page.body.contains("data-status=\"CANCELLED\""), "{}", page.body);
        assert!(page.body.contains("data-refund=\"1000\""), "{}", page.body);
        assert!(page.text().contains("Your booking is cancelled. You get back €10.00."), "{}", page.text());
        assert!(page.text().contains("Ho la febbre"), "{}", page.text());
        assert!(!page.body.contains("data-flow=\"cancel\""), "nothing more to cancel");
        let api = app
            .gql("query($id: ID!) { booking(id: $id) { status refundDue { amount } refundIfCancelledNow { amount } } }")
            .vars(json!({"id": booking_id}))
            .token(&people.member)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(api.data()["booking"]["refundDue"]["amount"], 1000);
        assert_eq!(api.data()["booking"]["refundIfCancelledNow"], Value::Null);
    }
);

db_test!(
    async fn the_refund_preview_follows_the_booked_policy_and_the_clock(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        let booked = crate::catalogue::book(&app, &people.member, &id, 9, 11, 1, "preview").await;
        let booking = booked.data()["createBooking"]["id"].as_str().unwrap_or_default().to_owned();
        let preview = |token: String| {
            let app = &app;
            let booking = booking.clone();
            async move {
                app.gql("query($id: ID!) { booking(id: $id) { refundIfCancelledNow { amount currency } } }")
                    .vars(json!({"id": booking}))
                    .token(&token)
                    .tenant("aurora")
                    .send()
                    .await
                    .data()["booking"]["refundIfCancelledNow"]
                    .clone()
            }
        };
        // Wednesday 10:00 in Rome, seen on Monday 10:00: 48 hours, all back.
        assert_eq!(preview(people.member.clone()).await, json!({"amount": 2000, "currency": "EUR"}));
        // A later change of the listing's policy does not change the booking's.
        app.gql("mutation($id: ID!, $i: ListingInput!) { updateListing(id: $id, input: $i) { id } }")
            .vars(json!({"id": id, "i": {"cancellationPolicy": [{"minNoticeHours": 0, "refundPercent": 0}]}}))
            .token(&people.manager)
            .tenant("aurora")
            .send()
            .await
            .data();
        assert_eq!(preview(people.member.clone()).await["amount"], 2000);
        // One hour later the notice is short of 48 hours: half back.
        app.services.clock.advance(chrono::Duration::hours(1));
        assert_eq!(preview(people.member.clone()).await["amount"], 1000);
        // Others see nothing of it.
        let (_, stranger) = app.person("zeno@example.org").await;
        let hidden = app
            .gql("query($id: ID!) { booking(id: $id) { refundIfCancelledNow { amount } } }")
            .vars(json!({"id": booking}))
            .token(&stranger)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(hidden.code(), "NOT_FOUND");
    }
);

db_test!(
    async fn another_hubs_ids_are_not_found_and_nothing_changes(app) {
        let people = aurora(&app).await;
        let (_, other_manager) = app.person("bruno@example.org").await;
        app.create_hub("borgo", "bruno@example.org").await;
        let theirs_org = organization(&app, "borgo", &other_manager, "Bottega").await;
        let theirs = published(&app, "borgo", &other_manager, &theirs_org, room(json!({"title": "Sala del borgo"}))).await;
        let theirs_booking = app
            .gql(crate::catalogue::BOOK)
            .vars(json!({"i": {"listingId": theirs, "start": "2026-11-25T09:00:00Z", "end": "2026-11-25T10:00:00Z", "idempotencyKey": "b1"}}))
            .token(&other_manager)
            .tenant("borgo")
            .send()
            .await;
        let theirs_booking = theirs_booking.data()["createBooking"]["id"].as_str().unwrap_or_default().to_owned();

        let mut browser = PageClient::new(&app, "it");
        browser.log_in("mimma@example.org").await;
        let listing = browser.get(&format!("/hubs/aurora/listings/{theirs}")).await;
        assert_eq!(listing.status, StatusCode::NOT_FOUND, "{}", listing.text());
        assert!(!listing.text().contains("Sala del borgo"));
        let quote = browser.get(&quote_path(&theirs, "2026-11-25", "10:00", "12:00", "1")).await;
        assert_eq!(quote.status, StatusCode::NOT_FOUND);
        let series = browser.get(&format!("/hubs/aurora/listings/{theirs}/series")).await;
        assert_eq!(series.status, StatusCode::NOT_FOUND);
        browser.get("/hubs/aurora").await;
        let key = uuid::Uuid::new_v4().to_string();
        let posted = browser
            .post(
                &format!("/hubs/aurora/listings/{theirs}/book"),
                &[("date", "2026-11-25"), ("start", "10:00"), ("end", "12:00"), ("quantity", "1"), ("key", &key)],
            )
            .await;
        assert_eq!(posted.status, StatusCode::NOT_FOUND, "{}", posted.text());
        assert_eq!(my_bookings(&app, &people.member).await, 0);

        let booking = browser.get(&format!("/hubs/aurora/bookings/{theirs_booking}")).await;
        assert_eq!(booking.status, StatusCode::NOT_FOUND);
        let ics = browser.get(&format!("/hubs/aurora/bookings/{theirs_booking}.ics")).await;
        assert_eq!(ics.status, StatusCode::NOT_FOUND);
        assert!(!ics.body.contains("VCALENDAR"));
        let cancel = browser.post(&format!("/hubs/aurora/bookings/{theirs_booking}/cancel"), &[]).await;
        assert_eq!(cancel.status, StatusCode::NOT_FOUND, "{}", cancel.text());
        // The card step of another hub's booking: not found (this hub pays
        // at the desk, and the booking is not here anyway).
        let card = browser.post(&format!("/hubs/aurora/bookings/{theirs_booking}/card"), &[]).await;
        assert_eq!(card.status, StatusCode::NOT_FOUND, "{}", card.text());
        let still = app
            .gql("query($id: ID!) { booking(id: $id) { status } }")
            .vars(json!({"id": theirs_booking}))
            .token(&other_manager)
            .tenant("borgo")
            .send()
            .await;
        assert_eq!(still.data()["booking"]["status"], "CONFIRMED");

        // Someone else's booking in the same hub is not found either.
        let aurora_room = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        let ritas = crate::catalogue::book(&app, &people.provider, &aurora_room, 9, 10, 1, "p1").await;
        let ritas = ritas.data()["createBooking"]["id"].as_str().unwrap_or_default().to_owned();
        let foreign = browser.get(&format!("/hubs/aurora/bookings/{ritas}")).await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);
        let unknown_hub = browser.get("/hubs/nessuno").await;
        assert_eq!(unknown_hub.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    async fn unreadable_days_times_and_seats_say_why_and_book_nothing(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"capacity": 4}))).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        for (date, start, end, quantity, says) in [
            ("2026-02-30", "10:00", "12:00", "1", "This day does not exist"),
            ("", "10:00", "12:00", "1", "Choose a day."),
            ("2026-11-25", "25:00", "12:00", "1", "This time does not exist"),
            ("2026-11-25", "10:00", "", "1", "Write a time."),
            ("2026-11-25", "12:00", "10:00", "1", "The end must come after the start"),
            ("2026-11-25", "10:00", "12:00", "zero", "Write a whole number from 1"),
            ("2026-11-25", "10:00", "12:00", "0", "Write a whole number from 1"),
            ("2026-11-25", "10:00", "12:00", "-3", "Write a whole number from 1"),
            ("2026-11-25", "10:00", "12:00", "2.5", "Write a whole number from 1"),
        ] {
            let quote = browser.get(&quote_path(&id, date, start, end, quantity)).await;
            assert_eq!(quote.status, StatusCode::BAD_REQUEST, "{date} {start} {end} {quantity}");
            assert!(quote.text().contains(says), "{says}: {}", quote.text());
            assert!(!quote.body.contains("data-flow=\"confirm\""), "no booking form");
            let posted = browser
                .post(
                    &format!("/hubs/aurora/listings/{id}/book"),
                    &[("date", date), ("start", start), ("end", end), ("quantity", quantity), ("key", &uuid::Uuid::new_v4().to_string())],
                )
                .await;
            assert_eq!(posted.status, StatusCode::BAD_REQUEST, "{}", posted.text());
            assert!(posted.text().contains(says), "{says}: {}", posted.text());
        }
        // A form without its key, or without its token, books nothing.
        let no_key = browser
            .post(&format!("/hubs/aurora/listings/{id}/book"), &[("date", "2026-11-25"), ("start", "10:00"), ("end", "12:00"), ("quantity", "1")])
            .await;
        assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
        assert!(no_key.text().contains("This form is not complete"), "{}", no_key.text());
        let key = uuid::Uuid::new_v4().to_string();
        let no_token = browser
            .post_raw(
                &format!("/hubs/aurora/listings/{id}/book"),
                &[("date", "2026-11-25"), ("start", "10:00"), ("end", "12:00"), ("quantity", "1"), ("key", &key)],
                None,
            )
            .await;
        assert_eq!(no_token.status, StatusCode::FORBIDDEN);
        // The search and the listing's weeks refuse what they cannot read.
        let search = browser.get("/hubs/aurora?date=2026-11-31&from=10:00&to=12:00").await;
        assert_eq!(search.status, StatusCode::BAD_REQUEST);
        assert!(search.text().contains("This day does not exist"), "{}", search.text());
        let kind = browser.get("/hubs/aurora?kind=CASTLE").await;
        assert_eq!(kind.status, StatusCode::BAD_REQUEST);
        let weeks = browser.get(&format!("/hubs/aurora/listings/{id}?from=yesterday")).await;
        assert_eq!(weeks.status, StatusCode::BAD_REQUEST);
        assert!(weeks.text().contains("Sala del camino"), "the listing still shows");
        let far = browser.get(&format!("/hubs/aurora/listings/{id}?from=9999-12-31")).await;
        assert_ne!(far.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", far.text());
        let not_an_id = browser.get("/hubs/aurora/listings/not-an-id").await;
        assert!(not_an_id.status.is_client_error(), "{}", not_an_id.status);
        let not_a_booking = browser.get("/hubs/aurora/bookings/nope.ics").await;
        assert_eq!(not_a_booking.status, StatusCode::NOT_FOUND);
        assert_eq!(my_bookings(&app, &people.member).await, 0);
    }
);

db_test!(
    async fn html_in_a_title_is_shown_as_text(app) {
        let people = aurora(&app).await;
        let title = "<script>alert('x')</script> Sala";
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"title": title, "description": "<b>bold</b>"}))).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        for path in [
            "/hubs/aurora".to_owned(),
            format!("/hubs/aurora/listings/{id}"),
            quote_path(&id, "2026-11-25", "10:00", "12:00", "1"),
            format!("/hubs/aurora/listings/{id}/series"),
        ] {
            let page = browser.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.text());
            assert!(!page.body.contains("<script>"), "{path}: {}", page.body);
            assert!(page.body.contains("&lt;script&gt;"), "{path}: {}", page.body);
        }
        let listing = browser.get(&format!("/hubs/aurora/listings/{id}")).await;
        assert!(!listing.body.contains("<b>bold"), "{}", listing.body);
    }
);

db_test!(
    async fn a_weekly_series_books_the_free_weeks_and_says_which_were_skipped(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        // Someone already has the room on the second Wednesday.
        app.gql(crate::catalogue::BOOK)
            .vars(json!({"i": {"listingId": id, "start": "2026-12-02T09:00:00Z", "end": "2026-12-02T11:00:00Z", "idempotencyKey": "taken"}}))
            .token(&people.provider)
            .tenant("aurora")
            .send()
            .await
            .data();
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        let form = browser.get(&format!("/hubs/aurora/listings/{id}/series")).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.text());
        let key = hidden(&form, "key");
        let fields = [
            ("weekday", "WEDNESDAY"),
            ("start", "10:00"),
            ("end", "12:00"),
            ("first", "2026-11-24"),
            ("weeks", "4"),
            ("quantity", "1"),
            ("key", key.as_str()),
        ];
        let path = format!("/hubs/aurora/listings/{id}/series");
        let done = browser.post(&path, &fields).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        let text = done.text();
        assert!(text.contains("3 bookings made"), "{text}");
        assert!(text.contains("One time left out"), "{text}");
        assert!(text.contains("Wed 2 Dec 2026, 10:00–12:00"), "{text}");
        assert_eq!(done.body.matches("data-status=\"CONFIRMED\"").count(), 3);
        assert_eq!(done.body.matches("data-skipped").count(), 1);
        // Sent again (a reload): the same series, nothing more booked.
        let again = browser.post(&path, &fields).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.text());
        assert_eq!(my_bookings(&app, &people.member).await, 3);
        let wrong = browser
            .post(&path, &[("weekday", "FUNDAY"), ("start", "10:00"), ("end", "12:00"), ("first", "2026-11-24"), ("weeks", "4"), ("key", key.as_str())])
            .await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.text().contains("Choose at least one day of the week."), "{}", wrong.text());
        let too_many = browser
            .post(&path, &[("weekday", "MONDAY"), ("start", "10:00"), ("end", "12:00"), ("first", "2026-11-24"), ("weeks", "500"), ("key", key.as_str())])
            .await;
        assert_eq!(too_many.status, StatusCode::BAD_REQUEST);
        assert_eq!(my_bookings(&app, &people.member).await, 3);
    }
);

db_test!(
    async fn the_pages_speak_italian_and_english_on_the_hubs_clock(app) {
        let people = aurora(&app).await;
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        let mut italian = PageClient::new(&app, "it");
        italian.log_in("mimma@example.org").await;
        let hub = italian.get("/hubs/aurora").await;
        assert!(hub.body.contains("<html lang=\"it\">"));
        assert!(hub.text().contains("Cosa puoi prenotare qui"), "{}", hub.text());
        assert!(hub.text().contains("10,00 € ogni ora"), "{}", hub.text());
        let listing = italian.get(&format!("/hubs/aurora/listings/{id}")).await;
        assert!(listing.text().contains("mer 25 nov 2026 : 09:00–18:00"), "{}", listing.text());
        assert!(listing.text().contains("Almeno 48 ore prima dell'inizio"), "{}", listing.text());
        let quote = italian.get(&quote_path(&id, "2026-11-25", "10:00", "12:00", "1")).await;
        assert!(quote.text().contains("Totale 20,00 €"), "{}", quote.text());
        assert!(quote.text().contains("Paghi 20,00 € allo sportello"), "{}", quote.text());
        let booked = post_fields(&mut italian, &format!("/hubs/aurora/listings/{id}/book"), &confirm_fields(&quote)).await;
        let page = italian.follow(booked).await;
        assert!(page.text().contains("Fatto: la tua prenotazione è confermata."), "{}", page.text());
        assert!(page.text().contains("Confermata"), "{}", page.text());
        let mine = italian.get("/hubs/aurora/bookings").await;
        assert!(mine.text().contains("Le mie prenotazioni"), "{}", mine.text());
        assert!(mine.text().contains("mer 25 nov 2026, 10:00–12:00"), "{}", mine.text());

        let mut english = PageClient::new(&app, "en");
        english.log_in("mimma@example.org").await;
        let mine = english.get("/hubs/aurora/bookings").await;
        assert!(mine.text().contains("My bookings"), "{}", mine.text());
        assert!(mine.text().contains("Wed 25 Nov 2026, 10:00–12:00"), "{}", mine.text());
        let wrong = english.get(&quote_path(&id, "2026-11-25", "9", "12:00", "1")).await;
        assert!(wrong.text().contains("This time does not exist"), "{}", wrong.text());
        let sbagliato = italian.get(&quote_path(&id, "2026-11-25", "9", "12:00", "1")).await;
        assert!(sbagliato.text().contains("Questo orario non esiste"), "{}", sbagliato.text());
    }
);

db_test!(
    async fn a_visitor_not_logged_in_sees_the_public_listings_and_logs_in_to_book(app) {
        let people = aurora(&app).await;
        let public = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"title": "Sala aperta", "visibility": "PUBLIC"}))).await;
        let members = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"title": "Sala dei soci", "visibility": "HUB"}))).await;
        let mut browser = PageClient::new(&app, "en");
        let hub = browser.get("/hubs/aurora").await;
        assert_eq!(hub.status, StatusCode::OK, "{}", hub.text());
        assert!(hub.text().contains("Sala aperta"), "{}", hub.text());
        assert!(!hub.text().contains("Sala dei soci"), "{}", hub.text());
        let open = browser.get(&format!("/hubs/aurora/listings/{public}")).await;
        assert_eq!(open.status, StatusCode::OK, "{}", open.text());
        assert!(open.body.contains("data-flow=\"book\""), "{}", open.body);
        assert!(!open.text().contains("Book the same time every week"), "the series needs a log-in");
        let hidden_page = browser.get(&format!("/hubs/aurora/listings/{members}")).await;
        assert_eq!(hidden_page.status, StatusCode::NOT_FOUND);
        let quote = quote_path(&public, "2026-11-25", "10:00", "12:00", "1");
        let asked = browser.get(&quote).await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER);
        let login = asked.location.clone().unwrap_or_default();
        assert!(login.starts_with("/login?next="), "{login}");
        let next = url::form_urlencoded::parse(login.split_once('?').map_or("", |(_, q)| q).as_bytes())
            .find(|(k, _)| k == "next")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        assert_eq!(next, quote);
        browser.get(&login).await;
        let done = browser
            .post("/login", &[("email", "mimma@example.org"), ("password", PASSWORD), ("next", next.as_str())])
            .await;
        assert_eq!(done.location.as_deref(), Some(quote.as_str()));
        let back = browser.follow(done).await;
        assert!(back.body.contains("data-flow=\"confirm\""), "{}", back.body);
        let hub = browser.get("/hubs/aurora?kind=SPACE&text=soci").await;
        assert!(hub.text().contains("Sala dei soci"), "{}", hub.text());
        assert!(!hub.text().contains("Sala aperta"), "{}", hub.text());
        let mine = PageClient::new(&app, "en").get("/hubs/aurora/bookings").await;
        assert_eq!(mine.status, StatusCode::SEE_OTHER, "my bookings need a log-in");
    }
);

db_test!(
    async fn the_search_finds_what_is_free_at_a_time_for_the_seats_asked(app) {
        let people = aurora(&app).await;
        let small = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"title": "Saletta", "capacity": 2}))).await;
        let big = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({"title": "Salone", "capacity": 10}))).await;
        crate::catalogue::book(&app, &people.provider, &small, 9, 11, 1, "one").await.data();
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("mimma@example.org").await;
        // 10:00–12:00 in Rome is 09:00–11:00 UTC: the small room keeps one seat.
        let two = browser.get("/hubs/aurora?date=2026-11-25&from=10:00&to=12:00&seats=2").await;
        assert_eq!(two.status, StatusCode::OK, "{}", two.text());
        assert!(two.text().contains("Salone"), "{}", two.text());
        assert!(!two.text().contains("Saletta"), "{}", two.text());
        let one = browser.get("/hubs/aurora?date=2026-11-25&from=10:00&to=12:00&seats=1").await;
        assert!(one.text().contains("Saletta"), "{}", one.text());
        // Later that day both are free for two.
        let later = browser.get("/hubs/aurora?date=2026-11-25&from=14:00&to=16:00&seats=2").await;
        assert!(later.text().contains("Saletta") && later.text().contains("Salone"), "{}", later.text());
        assert!(later.body.contains(&format!("/hubs/aurora/listings/{big}")));
    }
);

db_test! {
    async fn a_hub_paid_by_card_says_so_and_loads_nothing_from_elsewhere(backend: Backend) {
        let Some(o) = crate::online::Online::start(backend, "MERCHANT").await else { return };
        let room = o.room("INSTANT").await;
        let hub = o.app.gql("{ hub { paymentProvider } }").tenant("aurora").send().await;
        assert_eq!(hub.data()["hub"]["paymentProvider"], "STRIPE");
        let mut browser = PageClient::new(&o.app, "en");
        browser.log_in("mimma@example.org").await;
        let quote = browser.get(&quote_path(&room, "2026-11-25", "10:00", "12:00", "1")).await;
        assert_eq!(quote.status, StatusCode::OK, "{}", quote.text());
        let text = quote.text();
        assert!(text.contains("This hub takes payments by card: €20.00."), "{text}");
        assert!(text.contains("After you confirm, you pay by card on Stripe's secure page."), "{text}");
        assert!(!quote.body.contains("<script"), "no script, from here or elsewhere");
        let booked = post_fields(&mut browser, &format!("/hubs/aurora/listings/{room}/book"), &confirm_fields(&quote)).await;
        let booking = booked.location.clone().expect("sent to the booking");
        let page = browser.follow(booked).await;
        assert!(page.body.contains("data-status=\"AWAITING_PAYMENT\""), "{}", page.body);
        let text = page.text();
        assert!(text.contains("Your place is held until you pay."), "{text}");
        assert!(text.contains("Online, by card"), "{text}");
        assert!(text.contains("Still to pay"), "{text}");
        assert!(!page.body.contains("<script"));
        assert!(!page.body.contains("stripe.com"), "nothing of Stripe's on our page");
        assert!(text.contains("Pay €20.00 by card on Stripe's secure page."), "{text}");

        // A card refused through the API's client secret: the page says so
        // and still offers the card on Stripe's page.
        let id = booking.rsplit('/').next().unwrap().to_owned();
        o.stripe.confirm(&o.intent_of(&id), crate::stripe_server::Card::Declined).unwrap_err();
        o.deliver().await;
        let failed = browser.get(&booking).await;
        assert!(failed.body.contains("data-payment=\"FAILED\""), "{}", failed.text());
        assert!(failed.body.contains(&format!("action=\"{booking}/card\"")), "{}", failed.body);

        // The card step: the button posts here, and the answer is a page
        // whose one link leads to Stripe's page for this booking.
        let onward = browser.post(&format!("{booking}/card"), &[]).await;
        assert_eq!(onward.status, StatusCode::OK, "{}", onward.text());
        let link = format!("href=\"{}c/pay/", o.stripe.base_url());
        assert!(onward.body.replace("&#x2f;", "/").contains(&link), "{}", onward.body);
        assert!(!onward.body.contains("<script"));
        let sessions = o.stripe.checkout_sessions();
        assert_eq!(sessions.len(), 1);
        let session = sessions[0]["id"].as_str().unwrap().to_owned();
        // A second click leads to the same page.
        let again = browser.post(&format!("{booking}/card"), &[]).await;
        assert!(again.body.contains(&session), "{}", again.body);
        assert_eq!(o.stripe.checkout_sessions().len(), 1);

        // Back without paying: the page says so and offers the card again.
        let back = browser.get(&format!("{booking}?card=back")).await;
        assert!(back.text().contains("You came back without paying."), "{}", back.text());
        assert!(back.body.contains(&format!("action=\"{booking}/card\"")));

        // Paid on Stripe's page: back on ours, the booking is confirmed.
        o.stripe.pay_checkout(&session, crate::stripe_server::Card::Visa).unwrap();
        let paid = browser.get(&format!("{booking}?card=paid")).await;
        assert!(paid.body.contains("data-status=\"CONFIRMED\""), "{}", paid.text());
        assert!(paid.body.contains("data-payment=\"PAID\""), "{}", paid.text());
        assert!(!paid.body.contains(&format!("{booking}/card")), "nothing left to pay");
        o.deliver().await;

        // Someone else's booking: refused, no page opened for it.
        let mut other = PageClient::new(&o.app, "en");
        other.log_in("paolo@example.org").await;
        other.get("/hubs/aurora").await;
        let refused = other.post(&format!("{booking}/card"), &[]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());
        assert_eq!(o.stripe.checkout_sessions().len(), 1);
    }
}

db_test!(
    async fn a_new_hub_is_paid_at_the_desk(app) {
        let people = aurora(&app).await;
        let hub = app.gql("{ hub { paymentProvider } }").tenant("aurora").send().await;
        assert_eq!(hub.data()["hub"]["paymentProvider"], "OFFLINE");
        // Nothing to pay by card: the desk takes the money.
        let id = published(&app, "aurora", &people.manager, &people.cooperative, room(json!({}))).await;
        let booked = crate::catalogue::book(&app, &people.member, &id, 10, 12, 1, "desk").await;
        let booking = booked.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        let by_card = app
            .gql(crate::online::card::BY_CARD)
            .vars(json!({"b": booking}))
            .token(&people.member)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(by_card.code(), "CONFLICT");
        assert_eq!(by_card.message_id(), "payment-not-required");
    }
);
