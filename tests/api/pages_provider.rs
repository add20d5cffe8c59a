//! The provider's pages: organizations and listings, the listing form,
//! opening hours across a change of the clocks, answering requests, the
//! Stripe onboarding button; and everything a member, a stranger, another
//! hub's ids or a form without its token must not reach. Also the two API
//! reads these pages brought: `myOrganizations` and `hubPayments`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::helpers::*;
use crate::online::Online;
use crate::page_client::PageClient;

const LISTING: &str = "query($id: ID!) { listing(id: $id) { id title status capacity
    price { kind unitPrice { amount } } taxRateBps approvalMode visibility
    bookingUnit { kind minutes } cancellationPolicy { minNoticeHours refundPercent }
    openingHours { rules { weekday opens closes } exceptions { date kind opens closes } } } }";

const FREE: &str = "query($id: ID!, $from: DateTime!, $to: DateTime!) { availability(listingId: $id, from: $from, to: $to) { start end } }";

async fn listing(app: &TestApp, token: &str, id: &str) -> Value {
    app.gql(LISTING)
        .vars(json!({"id": id}))
        .token(token)
        .tenant("aurora")
        .send()
        .await
        .data()["listing"]
        .clone()
}

async fn booking_status(app: &TestApp, token: &str, id: &str) -> String {
    let answer = app
        .gql("query($id: ID!) { booking(id: $id) { status } }")
        .vars(json!({"id": id}))
        .token(token)
        .tenant("aurora")
        .send()
        .await;
    answer.data()["booking"]["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The listing form filled in as a person would, `changes` applied.
fn form<'a>(organization: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("organizationId", organization),
        ("kind", "SPACE"),
        ("title", "Sala <b>prove</b>"),
        ("description", "Una sala con il pianoforte."),
        ("category", "room"),
        ("tags", "musica, silenzio"),
        ("capacity", "4"),
        ("bookingUnit", "HOUR"),
        ("minutes", ""),
        ("minUnits", "1"),
        ("maxUnits", "3"),
        ("bufferBeforeMinutes", "0"),
        ("bufferAfterMinutes", "15"),
        ("leadTimeMinutes", "60"),
        ("horizonDays", "365"),
        ("approvalMode", "REQUEST"),
        ("visibility", "HUB"),
        ("price", "PER_UNIT"),
        ("unitPrice", "12,50"),
        ("memberUnitPrice", ""),
        ("taxRateBps", "22"),
        ("address", "Via Roma 1, Torino"),
        ("latitude", "45.07"),
        ("longitude", "7.68"),
        ("tierHours1", "48"),
        ("tierPercent1", "100"),
        ("tierHours2", "24"),
        ("tierPercent2", "50"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

/// Owned form fields as the browser's `post` takes them.
fn send(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}

/// The id at the end of a listing page's address.
fn listing_id(location: &str) -> String {
    location.rsplit('/').next().unwrap().to_owned()
}

db_test!(
    async fn a_provider_writes_a_listing_fixes_a_field_and_asks_for_review(app) {
        let hub = aurora(&app).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("paolo@example.org").await;
        let overview = browser.get("/hubs/aurora/provider").await;
        assert_eq!(overview.status, StatusCode::OK, "{}", overview.text());
        assert!(overview.text().contains("Cooperativa Aggiusto"), "{}", overview.text());
        assert!(overview.text().contains("made at the desk"), "offline hub: {}", overview.text());
        assert!(!overview.body.contains("/payouts"), "no Stripe button on an offline hub");
        assert!(overview.text().contains("No listings yet."));

        let new = browser.get("/hubs/aurora/provider/listings/new").await;
        assert_eq!(new.status, StatusCode::OK);
        assert!(new.body.contains(&format!("<option value=\"{}\" selected>", hub.cooperative)), "{}", new.body);

        // A capacity the API refuses: named next to its field, what was typed kept.
        let refused = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[("capacity", "0")]))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text());
        assert!(refused.body.contains("id=\"f-capacity-error\""), "{}", refused.body);
        assert!(refused.body.contains("value=\"Sala &lt;b&gt;prove&lt;"), "{}", refused.body);
        assert!(refused.body.contains("value=\"12,50\""));
        assert!(!refused.body.contains("<b>prove</b>"));
        // A number nobody could read: the page names it before the API is asked.
        let malformed = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[("unitPrice", "12.345")]))
            .await;
        assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
        assert!(malformed.body.contains("id=\"f-unitPrice-error\""), "{}", malformed.body);
        assert!(malformed.text().contains("at most two decimals"), "{}", malformed.text());
        let tier = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[("tierPercent2", "")]))
            .await;
        assert_eq!(tier.status, StatusCode::BAD_REQUEST);
        assert!(tier.body.contains("fieldset id=\"f-cancellationPolicy\" class=\"wrong\""), "{}", tier.body);
        let none = app
            .gql("{ listings(filter: { status: DRAFT }) { nodes { id } } }")
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(none.data()["listings"]["nodes"], json!([]), "nothing was created");

        let created = browser
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[]))
            .await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
        let location = created.location.clone().unwrap();
        assert!(location.starts_with("/hubs/aurora/provider/listings/"), "{location}");
        let id = listing_id(&location);
        let page = browser.follow(created).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("saved as a draft"), "{}", page.text());
        assert!(page.text().contains("Listing: Sala &lt;b&gt;prove&lt;/b&gt;"), "{}", page.text());
        assert!(!page.body.contains("<b>prove</b>"));
        let saved = listing(&app, &hub.provider, &id).await;
        assert_eq!(saved["capacity"], 4);
        assert_eq!(saved["price"], json!({"kind": "PER_UNIT", "unitPrice": {"amount": 1250}}));
        assert_eq!(saved["taxRateBps"], 2200);
        assert_eq!(
            saved["cancellationPolicy"],
            json!([{"minNoticeHours": 48, "refundPercent": 100}, {"minNoticeHours": 24, "refundPercent": 50}])
        );
        // The form shows what was saved.
        assert!(page.body.contains("id=\"f-unitPrice\" name=\"unitPrice\" type=\"text\" value=\"12.50\""), "{}", page.body);

        let edited = browser
            .post(
                &format!("/hubs/aurora/provider/listings/{id}"),
                &form(&hub.cooperative, &[("title", "Sala prove"), ("capacity", "6"), ("bookingUnit", "MINUTES"), ("minutes", "30"), ("maxUnits", "8")]),
            )
            .await;
        assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.text());
        let page = browser.follow(edited).await;
        assert!(page.text().contains("The changes are saved."), "{}", page.text());
        let saved = listing(&app, &hub.provider, &id).await;
        assert_eq!((saved["title"].as_str(), saved["capacity"].as_i64()), (Some("Sala prove"), Some(6)));
        assert_eq!(saved["bookingUnit"], json!({"kind": "MINUTES", "minutes": 30}));

        // Not yet: a listing without opening hours cannot be reviewed.
        let early = browser.post(&format!("/hubs/aurora/provider/listings/{id}/submit"), &[]).await;
        assert_eq!(early.status, StatusCode::SEE_OTHER);
        let page = browser.follow(early).await;
        assert!(page.body.contains("role=\"alert\""), "{}", page.body);
        assert_eq!(listing(&app, &hub.provider, &id).await["status"], "DRAFT");

        catalogue::every_day(&app, "aurora", &hub.provider, &id, "09:00", "18:00").await;
        let submitted = browser.post(&format!("/hubs/aurora/provider/listings/{id}/submit"), &[]).await;
        assert_eq!(submitted.status, StatusCode::SEE_OTHER);
        let page = browser.follow(submitted).await;
        assert!(page.text().contains("sent to the hub for review"), "{}", page.text());
        assert_eq!(listing(&app, &hub.provider, &id).await["status"], "PENDING_REVIEW");
        let overview = browser.get("/hubs/aurora/provider").await;
        assert!(overview.text().contains("Waiting for review"), "{}", overview.text());
        assert!(overview.body.contains(&format!("/hubs/aurora/provider/listings/{id}/hours")));

        let archived = browser.post(&format!("/hubs/aurora/provider/listings/{id}/archive"), &[]).await;
        assert_eq!(archived.status, StatusCode::SEE_OTHER);
        assert_eq!(listing(&app, &hub.provider, &id).await["status"], "ARCHIVED");
        let overview = browser.get("/hubs/aurora/provider").await;
        assert!(overview.text().contains("Archived"), "{}", overview.text());
    }
);

db_test!(
    async fn opening_hours_follow_the_hub_clock_across_the_change_to_summer_time(app) {
        let hub = aurora(&app).await;
        let id = catalogue::listing(&app, "aurora", &hub.provider, &hub.cooperative, json!({})).await;
        let mut browser = PageClient::new(&app, "it");
        browser.log_in("paolo@example.org").await;
        let hours = format!("/hubs/aurora/provider/listings/{id}/hours");
        let page = browser.get(&hours).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        assert!(page.text().contains("Europe/Rome"), "{}", page.text());
        assert!(page.text().contains("Domenica"));

        let mut week: Vec<(String, String)> = Vec::new();
        for day in ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] {
            week.push((day.into(), "open".into()));
            week.push((format!("{day}-1-opens"), "09:00".into()));
            week.push((format!("{day}-1-closes"), "13:00".into()));
            week.push((format!("{day}-2-opens"), "14:00".into()));
            week.push((format!("{day}-2-closes"), "18:00".into()));
        }
        let post = |extra: &[(&str, &str)]| {
            let mut fields: Vec<(String, String)> = week.clone();
            for (name, value) in extra {
                fields.retain(|(n, _)| n != name);
                fields.push(((*name).into(), (*value).into()));
            }
            fields
        };

        // Half a range: named next to the missing time, in Italian.
        let half = post(&[("MONDAY-2-closes", ""), ("exceptions", "1"), ("ex-0-date", "2027-03-27"), ("ex-0-kind", "closed")]);
        let refused = browser.post(&hours, &send(&half)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.body.contains("id=\"f-MONDAY-2-closes-error\""), "{}", refused.body);
        assert!(refused.text().contains("Scrivi tutti e due gli orari"), "{}", refused.text());
        assert!(refused.body.contains("value=\"2027-03-27\""), "the typed exception is kept");
        // Closing before opening: the API's refusal, put next to its field.
        let backwards = post(&[("TUESDAY-1-closes", "08:00")]);
        let refused = browser.post(&hours, &send(&backwards)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.body.contains("id=\"f-TUESDAY-1-closes-error\""), "{}", refused.body);
        assert_eq!(listing(&app, &hub.provider, &id).await["openingHours"]["rules"], json!([]), "nothing saved");

        // Saturday 27 March 2027 closed; Monday 29 open only 10–12.
        let fields = post(&[
            ("exceptions", "2"),
            ("ex-0-date", "2027-03-27"),
            ("ex-0-kind", "closed"),
            ("ex-1-date", "2027-03-29"),
            ("ex-1-kind", "instead"),
            ("ex-1-opens", "10:00"),
            ("ex-1-closes", "12:00"),
        ]);
        let saved = browser.post(&hours, &send(&fields)).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let page = browser.follow(saved).await;
        assert!(page.text().contains("Gli orari sono salvati."), "{}", page.text());
        assert!(page.body.contains("value=\"2027-03-29\""));
        let stored = listing(&app, &hub.provider, &id).await["openingHours"].clone();
        assert_eq!(stored["rules"].as_array().unwrap().len(), 14);
        assert_eq!(stored["exceptions"].as_array().unwrap().len(), 3, "{stored}");

        catalogue::publish(&app, "aurora", &hub.manager, &id).await;
        let free = |from: &'static str, to: &'static str| {
            let app = &app;
            let token = hub.provider.clone();
            let id = id.clone();
            async move {
                app.gql(FREE)
                    .vars(json!({"id": id, "from": from, "to": to}))
                    .token(&token)
                    .tenant("aurora")
                    .send()
                    .await
                    .data()["availability"]
                    .as_array()
                    .unwrap()
                    .clone()
            }
        };
        // 09:00 on the wall is 08:00 UTC in winter, 07:00 UTC from 28 March.
        let winter = free("2027-03-21T00:00:00Z", "2027-03-22T00:00:00Z").await;
        assert_eq!(winter.first().unwrap()["start"], "2027-03-21T08:00:00+00:00", "{winter:?}");
        let summer = free("2027-03-28T00:00:00Z", "2027-03-29T00:00:00Z").await;
        assert_eq!(summer.first().unwrap()["start"], "2027-03-28T07:00:00+00:00", "{summer:?}");
        assert_eq!(summer.last().unwrap()["end"], "2027-03-28T16:00:00+00:00", "{summer:?}");
        let closed = free("2027-03-27T00:00:00Z", "2027-03-28T00:00:00Z").await;
        assert!(closed.is_empty(), "{closed:?}");
        let other = free("2027-03-29T00:00:00Z", "2027-03-30T00:00:00Z").await;
        assert_eq!(other.first().unwrap()["start"], "2027-03-29T08:00:00+00:00", "{other:?}");
        assert_eq!(other.last().unwrap()["end"], "2027-03-29T10:00:00+00:00", "{other:?}");

        // A request on Wednesday 25 November holds its place: closing
        // Wednesdays is refused with the API's words, nothing saved.
        let booked = catalogue::book(&app, &hub.member, &id, 9, 10, 1, "mercoledi").await;
        assert_eq!(booked.data()["createBooking"]["status"], "REQUESTED");
        let stranding = post(&[("WEDNESDAY", "closed"), ("exceptions", "0")]);
        let refused = browser.post(&hours, &send(&stranding)).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
        assert!(refused.body.contains("role=\"alert\""));
        let after = listing(&app, &hub.provider, &id).await["openingHours"].clone();
        assert_eq!(after, stored, "nothing saved");

        // Removing a special day.
        let removed = post(&[
            ("exceptions", "2"),
            ("ex-0-date", "2027-03-27"),
            ("ex-0-kind", "closed"),
            ("remove", "0"),
            ("ex-1-date", "2027-03-29"),
            ("ex-1-kind", "instead"),
            ("ex-1-opens", "10:00"),
            ("ex-1-closes", "12:00"),
        ]);
        let saved = browser.post(&hours, &send(&removed)).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let after = listing(&app, &hub.provider, &id).await["openingHours"]["exceptions"].clone();
        assert_eq!(after.as_array().unwrap().len(), 2, "{after}");
        assert!(after.as_array().unwrap().iter().all(|e| e["date"] == "2027-03-29"));
    }
);

db_test!(
    async fn a_provider_approves_and_declines_requests_from_the_requests_page(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(
            &app,
            "aurora",
            &hub.manager,
            &hub.cooperative,
            json!({"title": "Officina <script>x</script>", "capacity": 2}),
        )
        .await;
        let first = catalogue::book(&app, &hub.member, &room, 9, 10, 1, "uno").await;
        let first = first.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        let second = catalogue::book(&app, &hub.member, &room, 11, 12, 1, "due").await;
        let second = second.data()["createBooking"]["id"].as_str().unwrap().to_owned();

        let mut browser = PageClient::new(&app, "en");
        browser.log_in("paolo@example.org").await;
        let page = browser.get("/hubs/aurora/provider/requests").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        assert!(page.body.contains(&format!("/hubs/aurora/requests/{first}/approve")), "{}", page.body);
        assert!(page.body.contains(&format!("/hubs/aurora/requests/{second}/decline")));
        assert!(page.body.contains("Officina &lt;script&gt;"), "{}", page.body);
        assert!(!page.body.contains("<script>"));
        assert!(page.text().contains("No confirmed bookings ahead."));
        // 10:00–11:00 on the hub's clock.
        assert!(page.text().contains("10:00"), "{}", page.text());

        let back = "/hubs/aurora/provider/requests";
        let forged = browser
            .post_raw(&format!("/hubs/aurora/requests/{first}/approve"), &[("back", back)], None)
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert_eq!(booking_status(&app, &hub.provider, &first).await, "REQUESTED");

        let approved = browser.post(&format!("/hubs/aurora/requests/{first}/approve"), &[("back", back)]).await;
        assert_eq!(approved.status, StatusCode::SEE_OTHER);
        assert_eq!(approved.location.as_deref(), Some(back));
        let page = browser.follow(approved).await;
        assert!(page.text().contains("The request is approved"), "{}", page.text());
        assert_eq!(booking_status(&app, &hub.provider, &first).await, "CONFIRMED");
        assert!(page.text().contains("Confirmed"), "{}", page.text());
        assert!(!page.body.contains(&format!("/hubs/aurora/requests/{first}/approve")));

        let declined = browser
            .post(&format!("/hubs/aurora/requests/{second}/decline"), &[("back", back), ("reason", "Chiuso per lavori")])
            .await;
        assert_eq!(declined.status, StatusCode::SEE_OTHER);
        let page = browser.follow(declined).await;
        assert!(page.text().contains("The request is declined"), "{}", page.text());
        assert_eq!(booking_status(&app, &hub.provider, &second).await, "DECLINED");
        assert!(page.text().contains("No request is waiting for an answer."), "{}", page.text());
    }
);

db_test!(
    async fn members_strangers_and_other_hubs_ids_reach_nothing(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({})).await;
        let other_org = catalogue::organization(&app, "aurora", &hub.manager, "Bottega Altrui").await;
        let others = catalogue::published(&app, "aurora", &hub.manager, &other_org, json!({"title": "Banco altrui"})).await;
        let (_, borgo_manager) = app.person("bruno@example.org").await;
        app.create_hub("borgo", "bruno@example.org").await;
        let borgo_org = catalogue::organization(&app, "borgo", &borgo_manager, "Borgo Coop").await;
        let borgo_room = catalogue::listing(&app, "borgo", &borgo_manager, &borgo_org, json!({"title": "Sala del borgo"})).await;

        // Nobody logged in: to the log-in page, coming back here.
        let mut stranger = PageClient::new(&app, "en");
        let away = stranger.get("/hubs/aurora/provider").await;
        assert_eq!(away.status, StatusCode::SEE_OTHER);
        assert_eq!(away.location.as_deref(), Some("/login?next=%2Fhubs%2Faurora%2Fprovider"));

        // A plain member: refused everywhere, nothing changed.
        let mut member = PageClient::new(&app, "it");
        member.log_in("mimma@example.org").await;
        for path in [
            "/hubs/aurora/provider".to_owned(),
            "/hubs/aurora/provider/requests".to_owned(),
            "/hubs/aurora/provider/listings/new".to_owned(),
            format!("/hubs/aurora/provider/listings/{room}"),
            format!("/hubs/aurora/provider/listings/{room}/hours"),
        ] {
            let page = member.get(&path).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}: {}", page.text());
            assert!(page.body.contains("<html lang=\"it\">"));
        }
        let tried = member
            .post("/hubs/aurora/provider/listings/new", &form(&hub.cooperative, &[]))
            .await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN, "{}", tried.text());
        let tried = member
            .post(&format!("/hubs/aurora/provider/listings/{room}"), &form(&hub.cooperative, &[("title", "Mia")]))
            .await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN, "{}", tried.text());
        let tried = member
            .post(&format!("/hubs/aurora/provider/listings/{room}/hours"), &[("MONDAY", "closed")])
            .await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN, "{}", tried.text());
        let tried = member.post(&format!("/hubs/aurora/provider/listings/{room}/archive"), &[]).await;
        assert_eq!(tried.status, StatusCode::SEE_OTHER);
        let unchanged = listing(&app, &hub.manager, &room).await;
        assert_eq!((unchanged["title"].as_str(), unchanged["status"].as_str()), (Some("Sala del camino"), Some("PUBLISHED")));
        assert_eq!(unchanged["openingHours"]["rules"].as_array().unwrap().len(), 7);
        let drafts = app
            .gql("{ listings(filter: { status: DRAFT }) { nodes { id } } }")
            .token(&hub.manager)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(drafts.data()["listings"]["nodes"], json!([]), "the member created nothing");

        // The provider: another organization's listing is not theirs to edit.
        let mut provider = PageClient::new(&app, "en");
        provider.log_in("paolo@example.org").await;
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{others}")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.text());
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{others}/hours")).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        let overview = provider.get("/hubs/aurora/provider").await;
        assert!(!overview.text().contains("Banco altrui"), "{}", overview.text());
        assert!(!overview.text().contains("Bottega Altrui"));

        // Another hub's listing: not found, and left as it was.
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{borgo_room}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", page.text());
        let page = provider.get(&format!("/hubs/aurora/provider/listings/{borgo_room}/hours")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        let tried = provider
            .post(&format!("/hubs/aurora/provider/listings/{borgo_room}"), &form(&hub.cooperative, &[("title", "Presa")]))
            .await;
        assert_eq!(tried.status, StatusCode::NOT_FOUND, "{}", tried.text());
        let tried = provider
            .post(&format!("/hubs/aurora/provider/listings/{borgo_room}/hours"), &[("MONDAY", "open"), ("MONDAY-1-opens", "09:00"), ("MONDAY-1-closes", "10:00")])
            .await;
        assert_eq!(tried.status, StatusCode::NOT_FOUND, "{}", tried.text());
        let tried = provider.post(&format!("/hubs/aurora/provider/listings/{borgo_room}/archive"), &[]).await;
        assert_eq!(tried.status, StatusCode::SEE_OTHER);
        let borgo = app
            .gql(LISTING)
            .vars(json!({"id": borgo_room}))
            .token(&borgo_manager)
            .tenant("borgo")
            .send()
            .await;
        let borgo = &borgo.data()["listing"];
        assert_eq!((borgo["title"].as_str(), borgo["status"].as_str()), (Some("Sala del borgo"), Some("DRAFT")));
        assert_eq!(borgo["openingHours"]["rules"], json!([]));
        // Ids that are no ids: a page with the reason, never a failure.
        let page = provider.get("/hubs/aurora/provider/listings/not-an-id").await;
        assert!(page.status.is_client_error(), "{}", page.status);

        // The manager acts for every organization.
        let mut manager = PageClient::new(&app, "en");
        manager.log_in("rita@example.org").await;
        let overview = manager.get("/hubs/aurora/provider").await;
        assert_eq!(overview.status, StatusCode::OK);
        assert!(overview.text().contains("Banco altrui") && overview.text().contains("Sala del camino"), "{}", overview.text());
    }
);

db_test!(
    async fn posts_without_the_form_token_change_nothing(app) {
        let hub = aurora(&app).await;
        let id = catalogue::listing(&app, "aurora", &hub.provider, &hub.cooperative, json!({})).await;
        let mut browser = PageClient::new(&app, "en");
        browser.log_in("paolo@example.org").await;
        browser.get("/hubs/aurora/provider").await;
        let tries = [
            ("/hubs/aurora/provider/listings/new".to_owned(), form(&hub.cooperative, &[])),
            (format!("/hubs/aurora/provider/listings/{id}"), form(&hub.cooperative, &[("title", "Cambiato")])),
            (format!("/hubs/aurora/provider/listings/{id}/hours"), vec![("MONDAY", "open"), ("MONDAY-1-opens", "09:00"), ("MONDAY-1-closes", "10:00")]),
            (format!("/hubs/aurora/provider/listings/{id}/archive"), vec![]),
            (format!("/hubs/aurora/provider/organizations/{}/payouts", hub.cooperative), vec![]),
        ];
        for (path, fields) in &tries {
            let refused = browser.post_raw(path, fields, None).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
            let forged = browser.post_raw(path, fields, Some(&"f".repeat(64))).await;
            assert_eq!(forged.status, StatusCode::FORBIDDEN, "{path}");
        }
        let after = listing(&app, &hub.provider, &id).await;
        assert_eq!((after["title"].as_str(), after["status"].as_str()), (Some("Sala del camino"), Some("DRAFT")));
        assert_eq!(after["openingHours"]["rules"], json!([]));
        let drafts = app
            .gql("{ listings(filter: { status: DRAFT }) { nodes { id } } }")
            .token(&hub.provider)
            .tenant("aurora")
            .send()
            .await;
        assert_eq!(drafts.data()["listings"]["nodes"].as_array().unwrap().len(), 1);
    }
);

db_test! {
    async fn the_stripe_button_goes_to_the_onboarding_page_stripe_gave(backend: Backend) {
        let Some(o) = Online::start(backend, "CONNECT").await else { return };
        let mut browser = PageClient::new(&o.app, "it");
        browser.log_in("paolo@example.org").await;
        let overview = browser.get("/hubs/aurora/provider").await;
        assert_eq!(overview.status, StatusCode::OK);
        let action = format!("/hubs/aurora/provider/organizations/{}/payouts", o.hub.cooperative);
        assert!(overview.body.contains(&action), "{}", overview.body);
        assert!(overview.text().contains("Configura i pagamenti per Cooperativa Aggiusto su Stripe"), "{}", overview.text());
        assert!(o.stripe.accounts().is_empty());
        let sent = browser.post(&action, &[]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        let location = sent.location.unwrap();
        assert!(location.starts_with(o.stripe.base_url()), "{location}");
        let accounts = o.stripe.accounts();
        assert_eq!(accounts.len(), 1, "the organization's account was opened");
        assert_eq!(accounts[0]["metadata"]["organization"], o.hub.cooperative.as_str());

        // A member cannot open one for the cooperative.
        let mut member = PageClient::new(&o.app, "en");
        member.log_in("mimma@example.org").await;
        member.get("/").await;
        let refused = member.post(&action, &[]).await;
        assert_eq!(refused.status, StatusCode::SEE_OTHER);
        assert_eq!(refused.location.as_deref(), Some("/hubs/aurora/provider"));
        assert_eq!(o.stripe.accounts().len(), 1);

        // A hub paid on its own account has nothing for providers to set up.
        let merchant = o
            .app
            .gql(crate::online::SET_PROVIDER)
            .vars(json!({"p": "STRIPE", "m": "MERCHANT"}))
            .token(&o.hub.manager)
            .tenant("aurora")
            .send()
            .await;
        merchant.data();
        let overview = browser.get("/hubs/aurora/provider").await;
        assert!(!overview.body.contains(&action));
        assert!(overview.text().contains("sul proprio conto"), "{}", overview.text());
    }
}

db_test!(
    async fn the_api_tells_a_provider_their_organizations_and_how_the_hub_is_paid(app) {
        let hub = aurora(&app).await;
        let other = catalogue::organization(&app, "aurora", &hub.manager, "Altra Bottega").await;
        const MINE: &str = "{ myOrganizations { id name } hubPayments { provider stripeMode } }";
        let provider = app.gql(MINE).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(provider.data()["myOrganizations"], json!([{"id": hub.cooperative, "name": "Cooperativa Aggiusto"}]));
        assert_eq!(provider.data()["hubPayments"], json!({"provider": "OFFLINE", "stripeMode": null}));
        let manager = app.gql(MINE).token(&hub.manager).tenant("aurora").send().await;
        let names: Vec<&str> = manager.data()["myOrganizations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Altra Bottega", "Cooperativa Aggiusto"]);
        assert!(manager.data()["myOrganizations"].to_string().contains(&other));
        let member = app.gql("{ myOrganizations { id } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(member.code(), "FORBIDDEN");
        let member = app.gql("{ hubPayments { provider } }").token(&hub.member).tenant("aurora").send().await;
        assert_eq!(member.code(), "FORBIDDEN");
        let nobody = app.gql("{ myOrganizations { id } }").tenant("aurora").send().await;
        assert_eq!(nobody.code(), "UNAUTHENTICATED");
        // In another hub the provider acts for nothing.
        app.create_hub("borgo", "rita@example.org").await;
        app.add_member("borgo", &hub.manager, "paolo@example.org", "PROVIDER").await;
        let elsewhere = app.gql(MINE).token(&hub.provider).tenant("borgo").send().await;
        assert_eq!(elsewhere.data()["myOrganizations"], json!([]));
    }
);
