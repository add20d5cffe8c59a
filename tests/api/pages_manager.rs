//! The hub manager's desk through a browser: answering requests, the
//! calendar (on a day the clocks change), one booking, the listings to
//! review, members and roles, the activity log, the payments report and
//! its spreadsheet, the emails not delivered; and everyone else kept out.

use chrono::Duration;
use portineria::notifications::delivery::Refusal;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::*;
use crate::notifications::{Recorder, pass};
use crate::page_client::PageClient;

/// A published listing of the cooperative whose bookings wait for an answer.
async fn by_request(app: &TestApp, manager: &str, cooperative: &str, title: &str) -> String {
    catalogue::published(
        app,
        "aurora",
        manager,
        cooperative,
        json!({"approvalMode": "REQUEST", "title": title, "capacity": 4,
               "price": {"kind": "PER_UNIT", "unitPrice": 1000}}),
    )
    .await
}

/// The booking `id` as its hub's manager reads it through the API.
async fn booking(app: &TestApp, manager: &str, hub: &str, id: &str) -> Value {
    app.gql("query($id: ID!) { booking(id: $id) { status reason } }")
        .vars(json!({"id": id}))
        .token(manager)
        .tenant(hub)
        .send()
        .await
        .data()["booking"]
        .clone()
}

/// A listing of the cooperative, written by its provider and sent for review.
async fn under_review(app: &TestApp, provider: &str, cooperative: &str, title: &str) -> String {
    let id = catalogue::listing(
        app,
        "aurora",
        provider,
        cooperative,
        json!({"title": title}),
    )
    .await;
    catalogue::every_day(app, "aurora", provider, &id, "09:00", "18:00").await;
    app.gql("mutation($id: ID!) { submitListing(id: $id) { status } }")
        .vars(json!({"id": id}))
        .token(provider)
        .tenant("aurora")
        .send()
        .await
        .data();
    id
}

fn id_of(answer: &GqlResponse) -> String {
    answer.data()["createBooking"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Every page of the desk.
const DESK: [&str; 7] = [
    "/hubs/aurora/manage",
    "/hubs/aurora/manage/calendar",
    "/hubs/aurora/manage/review",
    "/hubs/aurora/manage/members",
    "/hubs/aurora/manage/audit",
    "/hubs/aurora/manage/payments",
    "/hubs/aurora/manage/dead-letters",
];

db_test!(
    async fn a_manager_approves_one_request_in_one_click_and_declines_another_with_a_reason(app) {
        let hub = aurora(&app).await;
        let room = by_request(&app, &hub.manager, &hub.cooperative, "<b>Sala</b> del camino").await;
        let first = id_of(&book(&app, &hub.member, &room, 9, 11, 2, "first").await);
        let second = id_of(&book(&app, &hub.member, &room, 13, 14, 1, "second").await);

        let mut browser = PageClient::new(&app, "en");
        browser.log_in("rita@example.org").await;
        let inbox = browser.get("/hubs/aurora/manage").await;
        assert_eq!(inbox.status, StatusCode::OK);
        let text = inbox.text();
        assert!(text.contains("2 requests wait for your answer"), "{text}");
        assert!(text.contains("mimma (mimma@example.org)"), "{text}");
        // 09:00Z on Wednesday 25 November is 10:00 in Rome.
        assert!(text.contains("Wed 25 Nov 2026, 10:00–12:00"), "{text}");
        assert!(text.contains("€20.00"), "two places at €10: {text}");
        assert!(inbox.body.contains("&lt;b&gt;Sala&lt;&#x2f;b&gt; del camino"), "the title is escaped");
        assert!(!inbox.body.contains("<b>Sala</b>"));
        assert_eq!(inbox.body.matches("data-flow=\"approve\"").count(), 2);
        assert_eq!(inbox.body.matches("data-flow=\"decline\"").count(), 2);
        assert!(inbox.body.contains("aria-current=\"page\""), "the desk's navigation marks the inbox");

        let approved = browser
            .post(&format!("/hubs/aurora/requests/{first}/approve"), &[("back", "/hubs/aurora/manage")])
            .await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        assert_eq!(approved.location.as_deref(), Some("/hubs/aurora/manage"));
        let inbox = browser.follow(approved).await;
        assert!(inbox.text().contains("The request is approved"), "{}", inbox.text());
        assert!(inbox.text().contains("One request waits for your answer"), "{}", inbox.text());
        assert_eq!(booking(&app, &hub.manager, "aurora", &first).await["status"], "CONFIRMED");

        // Declining needs a reason: without one nothing changes.
        let bare = browser
            .post(&format!("/hubs/aurora/requests/{second}/decline"), &[("back", "/hubs/aurora/manage"), ("reason", " ")])
            .await;
        assert_eq!(bare.status, StatusCode::SEE_OTHER);
        let shown = browser.follow(bare).await;
        assert!(shown.body.contains("role=\"alert\""), "{}", shown.text());
        assert_eq!(booking(&app, &hub.manager, "aurora", &second).await["status"], "REQUESTED");

        let declined = browser
            .post(&format!("/hubs/aurora/requests/{second}/decline"), &[("back", "/hubs/aurora/manage"), ("reason", "The room is being painted")])
            .await;
        let inbox = browser.follow(declined).await;
        assert!(inbox.text().contains("The request is declined"), "{}", inbox.text());
        assert!(inbox.text().contains("No request is waiting for an answer"), "{}", inbox.text());
        let now = booking(&app, &hub.manager, "aurora", &second).await;
        assert_eq!(now["status"], "DECLINED");
        assert_eq!(now["reason"], "The room is being painted");

        // The activity log shows the approval, by whom, newest first.
        let audit = browser.get("/hubs/aurora/manage/audit").await;
        assert_eq!(audit.status, StatusCode::OK);
        let text = audit.text();
        let declined_at = text.find("Declined a request").expect("the decline is logged");
        let approved_at = text.find("Approved a request").expect("the approval is logged");
        assert!(declined_at < approved_at, "newest first: {text}");
        assert!(text.contains("rita Approved a request (Waiting for an answer → Confirmed)"), "{text}");
        assert!(audit.body.contains(&format!("/hubs/aurora/manage/bookings/{first}")));
    }
);

db_test!(
    async fn members_providers_and_strangers_get_no_desk_and_change_nothing(app) {
        let hub = aurora(&app).await;
        let room = by_request(&app, &hub.manager, &hub.cooperative, "Sala").await;
        let asked = id_of(&book(&app, &hub.member, &room, 9, 11, 1, "asked").await);
        let draft = under_review(&app, &hub.provider, &hub.cooperative, "Bici cargo").await;

        let mut nobody = PageClient::new(&app, "en");
        for page in DESK {
            let shown = nobody.get(page).await;
            assert_eq!(shown.status, StatusCode::SEE_OTHER, "{page}");
            let location = shown.location.unwrap_or_default();
            assert!(location.starts_with("/login?next=%2Fhubs%2Faurora%2Fmanage"), "{page}: {location}");
        }

        for (email, language, words) in [("mimma@example.org", "en", "This desk is for the hub's managers"), ("paolo@example.org", "it", "Questa scrivania è per chi gestisce l'hub")] {
            let mut browser = PageClient::new(&app, language);
            browser.log_in(email).await;
            let mut pages: Vec<String> = DESK.iter().map(|p| (*p).to_owned()).collect();
            pages.push(format!("/hubs/aurora/manage/bookings/{asked}"));
            pages.push("/hubs/aurora/manage/payments.csv".to_owned());
            for page in &pages {
                let shown = browser.get(page).await;
                assert_eq!(shown.status, StatusCode::FORBIDDEN, "{email} {page}");
                assert!(shown.text().contains(words), "{email} {page}: {}", shown.text());
            }
            let tries = [
                (format!("/hubs/aurora/manage/bookings/{asked}/cancel"), vec![]),
                (format!("/hubs/aurora/manage/bookings/{asked}/no-show"), vec![]),
                (format!("/hubs/aurora/manage/review/{draft}/publish"), vec![]),
                ("/hubs/aurora/manage/members".to_owned(), vec![("email", "paolo@example.org"), ("role", "MANAGER")]),
            ];
            for (path, fields) in &tries {
                let shown = browser.post(path, fields).await;
                assert_eq!(shown.status, StatusCode::FORBIDDEN, "{email} {path}");
            }
        }
        assert_eq!(booking(&app, &hub.manager, "aurora", &asked).await["status"], "REQUESTED");
        let roles = app.gql("{ myHubs { role } }").token(&hub.provider).send().await;
        assert_eq!(roles.data()["myHubs"][0]["role"], "PROVIDER");
        let listing = app.gql("query($id: ID!) { listing(id: $id) { status } }")
            .vars(json!({"id": draft})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(listing.data()["listing"]["status"], "PENDING_REVIEW");
    }
);

db_test!(
    async fn another_hubs_booking_is_not_found_and_a_post_without_the_form_token_is_refused(app) {
        let hub = aurora(&app).await;
        let (_, bruno) = app.person("bruno@example.org").await;
        app.create_hub("borgo", "bruno@example.org").await;
        app.add_member("borgo", &bruno, "mimma@example.org", "MEMBER").await;
        let coop = catalogue::organization(&app, "borgo", &bruno, "Forno del Borgo").await;
        let oven = catalogue::published(&app, "borgo", &bruno, &coop, json!({"approvalMode": "INSTANT"})).await;
        let theirs = app.gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": oven, "start": "2026-11-25T09:00:00Z", "end": "2026-11-25T10:00:00Z", "idempotencyKey": "b"}}))
            .token(&hub.member).tenant("borgo").send().await;
        let theirs = id_of(&theirs);
        let room = by_request(&app, &hub.manager, &hub.cooperative, "Sala").await;
        let ours = id_of(&book(&app, &hub.member, &room, 9, 11, 1, "ours").await);

        let mut browser = PageClient::new(&app, "it");
        browser.log_in("rita@example.org").await;
        let shown = browser.get(&format!("/hubs/aurora/manage/bookings/{theirs}")).await;
        assert_eq!(shown.status, StatusCode::NOT_FOUND, "{}", shown.text());
        let cancel = browser.post(&format!("/hubs/aurora/manage/bookings/{theirs}/cancel"), &[("reason", "no")]).await;
        assert_eq!(cancel.status, StatusCode::SEE_OTHER);
        let back = browser.follow(cancel).await;
        assert!(back.body.contains("role=\"alert\""), "{}", back.text());
        assert_eq!(booking(&app, &bruno, "borgo", &theirs).await["status"], "CONFIRMED");
        let approve = browser.post(&format!("/hubs/aurora/requests/{theirs}/approve"), &[("back", "/hubs/aurora/manage")]).await;
        let back = browser.follow(approve).await;
        assert!(back.body.contains("role=\"alert\""), "{}", back.text());
        // The other hub's desk is not rita's.
        assert_eq!(browser.get("/hubs/borgo/manage").await.status, StatusCode::FORBIDDEN);
        // A malformed id, an unknown hub.
        assert_eq!(browser.get("/hubs/aurora/manage/bookings/not-an-id").await.status, StatusCode::BAD_REQUEST);
        assert_eq!(browser.get("/hubs/nowhere/manage").await.status, StatusCode::NOT_FOUND);

        // Forms without the page's token change nothing.
        browser.get(&format!("/hubs/aurora/manage/bookings/{ours}")).await;
        for path in [
            format!("/hubs/aurora/manage/bookings/{ours}/cancel"),
            format!("/hubs/aurora/requests/{ours}/approve"),
            "/hubs/aurora/manage/members".to_owned(),
        ] {
            let missing = browser.post_raw(&path, &[("email", "paolo@example.org"), ("role", "MANAGER")], None).await;
            assert_eq!(missing.status, StatusCode::FORBIDDEN, "{path}");
            let forged = browser.post_raw(&path, &[], Some(&"0".repeat(64))).await;
            assert_eq!(forged.status, StatusCode::FORBIDDEN, "{path}");
        }
        assert_eq!(booking(&app, &hub.manager, "aurora", &ours).await["status"], "REQUESTED");
    }
);

db_test!(
    async fn the_calendar_shows_a_booking_on_its_local_day_when_the_clocks_go_back(app) {
        let hub = aurora(&app).await;
        let room = catalogue::listing(&app, "aurora", &hub.manager, &hub.cooperative,
            json!({"approvalMode": "INSTANT", "title": "Sala notturna", "horizonDays": 730, "maxUnits": 8})).await;
        catalogue::every_day(&app, "aurora", &hub.manager, &room, "00:00", "24:00").await;
        catalogue::publish(&app, "aurora", &hub.manager, &room).await;
        // Logged in first: a session cookie's lifetime is counted on the
        // browser's own clock, not the server's test clock.
        let mut browser = PageClient::new(&app, "it");
        browser.log_in("rita@example.org").await;
        let mut english = PageClient::new(&app, "en");
        english.log_in("rita@example.org").await;
        app.services.clock.advance(-Duration::days(40)); // mid October 2026
        // 25 October 2026, 00:00 (CEST) to 04:00 (CET) in Rome: five hours,
        // starting on 24 October in UTC.
        let night = app.gql(catalogue::BOOK)
            .vars(json!({"i": {"listingId": room, "start": "2026-10-24T22:00:00Z", "end": "2026-10-25T03:00:00Z", "idempotencyKey": "night"}}))
            .token(&hub.member).tenant("aurora").send().await;
        let night = id_of(&night);

        let day = browser.get("/hubs/aurora/manage/calendar?date=2026-10-25&view=day").await;
        assert_eq!(day.status, StatusCode::OK);
        let text = day.text();
        assert!(text.contains("Una prenotazione dom 25 ott 2026"), "{text}");
        assert!(text.contains("Sala notturna"), "{text}");
        assert!(text.contains("dom 25 ott 2026 Sala notturna 00:00–04:00 mimma 1 Confermata"), "one row, five hours on the wall clock: {text}");
        assert!(text.contains("Confermata"), "the status in words: {text}");
        assert!(day.body.contains("<caption id=\"calendar-caption\">"), "a table with a caption");
        assert!(day.body.contains("aria-labelledby=\"calendar-caption\""), "its scrolling region named by it");
        assert!(day.body.contains(&format!("/hubs/aurora/manage/bookings/{night}")));
        assert!(day.body.contains("date=2026-10-24&amp;view=day"), "the previous day");
        assert!(day.body.contains("date=2026-10-26&amp;view=day"), "the next day");
        assert!(day.body.contains("date=2026-10-14&amp;view=day"), "today on the hub's clock");

        let before = browser.get("/hubs/aurora/manage/calendar?date=2026-10-24").await;
        assert!(before.text().contains("Nessuna prenotazione sab 24 ott 2026"), "{}", before.text());
        assert!(!before.text().contains("Sala notturna"));

        let week = browser.get("/hubs/aurora/manage/calendar?date=2026-10-21&view=week").await;
        let text = week.text();
        assert!(text.contains("Una prenotazione da lun 19 ott 2026 a dom 25 ott 2026"), "{text}");
        assert_eq!(week.body.matches("<th scope=\"row\">").count(), 7, "a row for each day");
        assert!(week.body.contains("date=2026-10-14&amp;view=week") && week.body.contains("date=2026-10-28&amp;view=week"));

        let day = english.get("/hubs/aurora/manage/calendar?date=2026-10-25&view=day").await;
        assert!(day.text().contains("One booking on Sun 25 Oct 2026"), "{}", day.text());
        assert!(day.text().contains("Confirmed"));

        let wrong = browser.get("/hubs/aurora/manage/calendar?date=25%2F10%2F2026").await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.text().contains("non è un giorno"), "{}", wrong.text());
        let far = browser.get("/hubs/aurora/manage/calendar?date=99999-01-01").await;
        assert_eq!(far.status, StatusCode::BAD_REQUEST);
    }
);

db_test!(
    async fn from_a_booking_the_manager_records_the_payment_a_no_show_or_cancels(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative,
            json!({"approvalMode": "INSTANT", "capacity": 3, "price": {"kind": "PER_UNIT", "unitPrice": 1000}})).await;
        let paid = id_of(&book(&app, &hub.member, &room, 9, 11, 1, "paid").await);
        let cancelled = id_of(&book(&app, &hub.member, &room, 12, 13, 1, "cancelled").await);

        let mut browser = PageClient::new(&app, "en");
        browser.log_in("rita@example.org").await;
        let page = browser.get(&format!("/hubs/aurora/manage/bookings/{paid}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("To be paid"), "{}", page.text());
        assert!(page.body.contains("data-flow=\"mark-paid\""));
        assert!(page.body.contains("data-flow=\"cancel\""));
        assert!(page.text().contains("Booked"), "its history: {}", page.text());

        let odd = browser.post(&format!("/hubs/aurora/manage/bookings/{paid}/paid"), &[("method", "GOLD")]).await;
        let back = browser.follow(odd).await;
        assert!(back.text().contains("Choose how the customer paid"), "{}", back.text());
        let recorded = browser.post(&format!("/hubs/aurora/manage/bookings/{paid}/paid"), &[("method", "CASH"), ("reference", "R-12")]).await;
        assert_eq!(recorded.location.as_deref(), Some(format!("/hubs/aurora/manage/bookings/{paid}").as_str()));
        let back = browser.follow(recorded).await;
        assert!(back.text().contains("The payment is recorded."), "{}", back.text());
        assert!(back.text().contains("Paid"), "{}", back.text());
        assert!(!back.body.contains("data-flow=\"mark-paid\""), "once");
        let payment = app.gql("query($id: ID!) { bookingPayment(bookingId: $id) { status received { amount } } }")
            .vars(json!({"id": paid})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(payment.data()["bookingPayment"], json!({"status": "PAID", "received": {"amount": 2000}}));

        // Not yet started: the API refuses a no-show, in plain words.
        let early = browser.post(&format!("/hubs/aurora/manage/bookings/{paid}/no-show"), &[]).await;
        let back = browser.follow(early).await;
        assert!(back.body.contains("role=\"alert\""), "{}", back.text());
        assert_eq!(booking(&app, &hub.manager, "aurora", &paid).await["status"], "CONFIRMED");
        app.services.clock.advance(Duration::hours(48));
        let late = browser.post(&format!("/hubs/aurora/manage/bookings/{paid}/no-show"), &[]).await;
        let back = browser.follow(late).await;
        assert!(back.text().contains("Recorded: nobody came"), "{}", back.text());
        assert_eq!(booking(&app, &hub.manager, "aurora", &paid).await["status"], "NO_SHOW");

        // Money given back at the desk: typed as people write it, never
        // more than was received.
        let page = browser.get(&format!("/hubs/aurora/manage/bookings/{paid}")).await;
        assert!(page.body.contains("data-flow=\"mark-refunded\""), "{}", page.text());
        let refund = format!("/hubs/aurora/manage/bookings/{paid}/refunded");
        let odd = browser.post(&refund, &[("amount", "five euros")]).await;
        let back = browser.follow(odd).await;
        assert!(back.text().contains("Write the amount given back as a number"), "{}", back.text());
        let too_much = browser.post(&refund, &[("amount", "25")]).await;
        let back = browser.follow(too_much).await;
        assert!(back.body.contains("role=\"alert\""), "{}", back.text());
        let given = browser.post(&refund, &[("amount", "5,50"), ("reference", "R-13")]).await;
        let back = browser.follow(given).await;
        assert!(back.text().contains("The refund is recorded."), "{}", back.text());
        let payment = app.gql("query($id: ID!) { bookingPayment(bookingId: $id) { status refunded { amount } } }")
            .vars(json!({"id": paid})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(payment.data()["bookingPayment"], json!({"status": "PARTIALLY_REFUNDED", "refunded": {"amount": 550}}));

        let gone = browser.post(&format!("/hubs/aurora/manage/bookings/{cancelled}/cancel"), &[("reason", "Heating broken")]).await;
        let back = browser.follow(gone).await;
        assert!(back.text().contains("The booking is cancelled"), "{}", back.text());
        assert!(!back.body.contains("data-flow=\"cancel\""));
        let now = booking(&app, &hub.manager, "aurora", &cancelled).await;
        assert_eq!(now["status"], "CANCELLED");
        assert_eq!(now["reason"], "Heating broken");
    }
);

db_test!(
    async fn listings_under_review_are_published_or_sent_back_with_a_reason(app) {
        let hub = aurora(&app).await;
        let bike = under_review(&app, &hub.provider, &hub.cooperative, "<script>Bici</script> cargo").await;
        let drill = under_review(&app, &hub.provider, &hub.cooperative, "Trapano").await;

        let mut browser = PageClient::new(&app, "it");
        browser.log_in("rita@example.org").await;
        let queue = browser.get("/hubs/aurora/manage/review").await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.text().contains("2 annunci aspettano il tuo controllo"), "{}", queue.text());
        assert!(queue.text().contains("Cooperativa Aggiusto"));
        assert!(!queue.body.contains("<script>"), "the title is escaped");
        assert!(queue.body.contains("&lt;script&gt;Bici"));

        let empty = browser.post(&format!("/hubs/aurora/manage/review/{drill}/reject"), &[("reason", "")]).await;
        let back = browser.follow(empty).await;
        assert!(back.body.contains("role=\"alert\""), "a reason is needed: {}", back.text());
        let rejected = browser.post(&format!("/hubs/aurora/manage/review/{drill}/reject"), &[("reason", "Aggiungi una foto")]).await;
        let back = browser.follow(rejected).await;
        assert!(back.text().contains("L'annuncio è tornato all'organizzazione"), "{}", back.text());
        let published = browser.post(&format!("/hubs/aurora/manage/review/{bike}/publish"), &[]).await;
        let back = browser.follow(published).await;
        assert!(back.text().contains("L'annuncio è pubblicato"), "{}", back.text());
        assert!(back.text().contains("Nessun annuncio aspetta"), "{}", back.text());

        let read = |id: String| {
            let app = &app;
            let manager = hub.manager.clone();
            async move {
                app.gql("query($id: ID!) { listing(id: $id) { status reviewNote } }")
                    .vars(json!({"id": id})).token(&manager).tenant("aurora").send().await.data()["listing"].clone()
            }
        };
        assert_eq!(read(bike).await["status"], "PUBLISHED");
        assert_eq!(read(drill).await, json!({"status": "DRAFT", "reviewNote": "Aggiungi una foto"}));
    }
);

db_test!(
    async fn members_are_added_by_email_given_another_role_and_removed(app) {
        let hub = aurora(&app).await;
        app.sign_up("nadia@example.org", "<i>Nadia</i>").await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("rita@example.org").await;
        let page = browser.get("/hubs/aurora/manage/members").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("3 people"), "{}", page.text());
        assert!(page.text().contains("Leave the hub yourself"), "{}", page.text());
        assert!(page.text().contains("Remove mimma from the hub"), "{}", page.text());

        let odd = browser.post("/hubs/aurora/manage/members", &[("email", "nadia@example.org"), ("role", "QUEEN")]).await;
        let back = browser.follow(odd).await;
        assert!(back.text().contains("Choose a role from the list"), "{}", back.text());
        let unknown = browser.post("/hubs/aurora/manage/members", &[("email", "nobody@example.org"), ("role", "MEMBER")]).await;
        let back = browser.follow(unknown).await;
        assert!(back.body.contains("role=\"alert\""), "{}", back.text());
        assert!(back.text().contains("3 people"));

        let added = browser.post("/hubs/aurora/manage/members", &[("email", "nadia@example.org"), ("role", "PROVIDER")]).await;
        let back = browser.follow(added).await;
        assert!(back.text().contains("nadia@example.org is now in the hub."), "{}", back.text());
        assert!(back.body.contains("&lt;i&gt;Nadia&lt;&#x2f;i&gt;"), "the name is escaped");
        let members = || async {
            app.gql("{ hub { members(first: 10) { nodes { role user { id email } } } } }")
                .token(&hub.manager).tenant("aurora").send().await.data()["hub"]["members"]["nodes"].clone()
        };
        let nadia = members().await.as_array().unwrap().iter()
            .find(|m| m["user"]["email"] == "nadia@example.org").cloned().unwrap();
        assert_eq!(nadia["role"], "PROVIDER");
        let nadia_id = nadia["user"]["id"].as_str().unwrap().to_owned();

        let changed = browser.post(&format!("/hubs/aurora/manage/members/{nadia_id}/role"), &[("role", "MANAGER")]).await;
        let back = browser.follow(changed).await;
        assert!(back.text().contains("The role is changed."), "{}", back.text());
        let role = members().await.as_array().unwrap().iter()
            .find(|m| m["user"]["id"] == nadia_id.as_str()).map(|m| m["role"].clone());
        assert_eq!(role, Some(json!("MANAGER")));

        let removed = browser.post(&format!("/hubs/aurora/manage/members/{nadia_id}/remove"), &[]).await;
        let back = browser.follow(removed).await;
        assert!(back.text().contains("The person is no longer in the hub."), "{}", back.text());
        assert!(!back.text().contains("nadia@example.org"));

        // Rita is the only manager left: the API keeps her.
        let me = members().await.as_array().unwrap().iter()
            .find(|m| m["user"]["email"] == "rita@example.org").cloned().unwrap();
        let rita_id = me["user"]["id"].as_str().unwrap().to_owned();
        let leave = browser.post(&format!("/hubs/aurora/manage/members/{rita_id}/remove"), &[]).await;
        let back = browser.follow(leave).await;
        assert!(back.body.contains("role=\"alert\""), "{}", back.text());
        assert_eq!(members().await.as_array().unwrap().len(), 3);
    }
);

db_test!(
    async fn the_payments_report_shows_this_month_and_downloads_with_the_session(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative,
            json!({"approvalMode": "INSTANT", "price": {"kind": "PER_UNIT", "unitPrice": 1000}})).await;
        let paid = id_of(&book(&app, &hub.member, &room, 9, 11, 1, "paid").await);
        app.gql("mutation($id: ID!) { markPaid(bookingId: $id, method: CASH) { status } }")
            .vars(json!({"id": paid})).token(&hub.manager).tenant("aurora").send().await.data();

        let mut browser = PageClient::new(&app, "en");
        browser.log_in("rita@example.org").await;
        let report = browser.get("/hubs/aurora/manage/payments").await;
        assert_eq!(report.status, StatusCode::OK);
        let text = report.text();
        assert!(text.contains("Money per organization, from Sun 1 Nov 2026 to Mon 30 Nov 2026"), "{text}");
        assert!(text.contains("Cooperativa Aggiusto €20.00"), "{text}");
        assert!(report.body.contains("/hubs/aurora/manage/payments.csv?from=2026-11-01&amp;to=2026-11-30"));
        let october = browser.get("/hubs/aurora/manage/payments?from=2026-10-01&to=2026-10-31").await;
        assert!(october.text().contains("No money moved from Thu 1 Oct 2026 to Sat 31 Oct 2026"), "{}", october.text());

        let csv = browser.get("/hubs/aurora/manage/payments.csv?from=2026-11-01&to=2026-11-30").await;
        assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
        let mut rows = csv.body.lines();
        assert_eq!(rows.next(), Some("organization_id,organization,currency,gross,commission,tax,refunds,net"));
        let row = rows.next().unwrap_or_default();
        assert!(row.starts_with(&format!("{},Cooperativa Aggiusto,EUR,2000,", hub.cooperative)), "{row}");
        let empty = browser.get("/hubs/aurora/manage/payments.csv?from=2026-10-01&to=2026-10-31").await;
        assert_eq!(empty.body.lines().count(), 1, "October: the header only");

        for wrong in ["?from=1%2F11%2F2026", "?from=2026-11-30&to=2026-11-01"] {
            let page = browser.get(&format!("/hubs/aurora/manage/payments{wrong}")).await;
            assert_eq!(page.status, StatusCode::BAD_REQUEST, "{wrong}");
            let file = browser.get(&format!("/hubs/aurora/manage/payments.csv{wrong}")).await;
            assert_eq!(file.status, StatusCode::BAD_REQUEST, "{wrong}");
        }
        let mut nobody = PageClient::new(&app, "en");
        let file = nobody.get("/hubs/aurora/manage/payments.csv").await;
        assert_eq!(file.status, StatusCode::SEE_OTHER, "to the log-in");
    }
);

db_test!(
    async fn an_email_that_could_not_be_delivered_is_sent_again(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT"})).await;
        book(&app, &hub.member, &room, 9, 10, 1, "k").await.data();
        let refusing = Recorder::refusing(Refusal::Permanent("550 no such mailbox".into()));
        // The confirmation to mimma, and the news to the cooperative.
        let dead = pass(&app, &refusing).await.dead;
        assert!(dead >= 1);

        let mut browser = PageClient::new(&app, "it");
        browser.log_in("rita@example.org").await;
        let page = browser.get("/hubs/aurora/manage/dead-letters").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("mimma@example.org"), "{}", page.text());
        assert!(page.text().contains("550 no such mailbox"), "{}", page.text());
        assert_eq!(page.body.matches("data-flow=\"retry\"").count(), dead);
        let letters = app.gql("{ deadLetters { id recipient } }").token(&hub.manager).tenant("aurora").send().await;
        let letters = letters.data()["deadLetters"].as_array().unwrap().clone();
        let to_mimma = letters.iter().find(|l| l["recipient"] == "mimma@example.org").unwrap();
        let id = to_mimma["id"].as_str().unwrap().to_owned();

        let retried = browser.post(&format!("/hubs/aurora/manage/dead-letters/{id}/retry"), &[]).await;
        let back = browser.follow(retried).await;
        assert!(back.text().contains("L'email sarà inviata di nuovo"), "{}", back.text());
        assert_eq!(back.body.matches("data-flow=\"retry\"").count(), dead - 1);
        let up = Recorder::default();
        pass(&app, &up).await;
        assert!(up.sent().iter().any(|(_, to, _)| to == "mimma@example.org"), "{:?}", up.sent());
        let again = browser.post(&format!("/hubs/aurora/manage/dead-letters/{id}/retry"), &[]).await;
        let back = browser.follow(again).await;
        assert!(back.body.contains("role=\"alert\""), "once only: {}", back.text());
    }
);
