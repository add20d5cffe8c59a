//! Calendars people can use: a booking's `.ics` and the subscribable feeds,
//! read back with an independent iCalendar parser.

use std::collections::BTreeSet;
use std::io::BufReader;

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Rome;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;
use serde_json::{Value, json};

use crate::catalogue::{self, Aurora, aurora};
use crate::db_test;
use crate::helpers::{GqlResponse, TestApp};

const FEED: &str = "mutation($k: CalendarFeedKind!, $l: ID) { calendarFeed(kind: $k, listingId: $l) { kind listingId url createdAt } }";
const ROTATE: &str = "mutation($k: CalendarFeedKind!, $l: ID) { rotateCalendarFeed(kind: $k, listingId: $l) { kind listingId url } }";
const CANCEL: &str = "mutation($id: ID!) { cancelBooking(id: $id) { status } }";

/// Books `listing` in hub `hub` from `start` to `end` (RFC 3339) as `token`; the booking's id.
async fn book_at(
    app: &TestApp,
    hub: &str,
    token: &str,
    listing: &str,
    (start, end): (&str, &str),
    key: &str,
) -> String {
    let booked = app
        .gql(catalogue::BOOK)
        .vars(
            json!({"i": {"listingId": listing, "start": start, "end": end, "idempotencyKey": key}}),
        )
        .token(token)
        .tenant(hub)
        .send()
        .await;
    booked.data()["createBooking"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A published instant listing of `organization` in `hub`, open 09:00–18:00.
async fn instant(
    app: &TestApp,
    hub: &str,
    manager: &str,
    organization: &str,
    title: &str,
) -> String {
    catalogue::published(
        app,
        hub,
        manager,
        organization,
        json!({"title": title, "approvalMode": "INSTANT", "horizonDays": 730, "capacity": 10,
               "address": "Via Cigna 14, Torino", "visibility": "PUBLIC"}),
    )
    .await
}

/// Asks for a feed of `kind` (and `listing`) as `token` in hub `hub`.
async fn ask_feed(
    app: &TestApp,
    query: &str,
    hub: &str,
    token: &str,
    kind: &str,
    listing: Option<&str>,
) -> GqlResponse {
    app.gql(query)
        .vars(json!({"k": kind, "l": listing}))
        .token(token)
        .tenant(hub)
        .send()
        .await
}

/// The feed's address, asked for the first time (so it comes with its address).
async fn feed_url(
    app: &TestApp,
    hub: &str,
    token: &str,
    kind: &str,
    listing: Option<&str>,
) -> String {
    let answer = ask_feed(app, FEED, hub, token, kind, listing).await;
    answer.data()["calendarFeed"]["url"]
        .as_str()
        .expect("a new feed comes with its address")
        .to_owned()
}

/// The path of a feed's address on the test server (its public URL says port 0).
fn path_of(url: &str) -> String {
    let at = url.find("/calendar/").expect("a feed address");
    url[at..].to_owned()
}

/// GETs `path`: status, content type, cache control and body.
pub async fn get(
    app: &TestApp,
    path: &str,
    auth: Option<(&str, &str)>,
) -> (u16, String, String, String) {
    let mut request = app.http().get(app.url(path));
    if let Some((token, hub)) = auth {
        request = request.bearer_auth(token).header("X-Tenant", hub);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, cache) = (header("content-type"), header("cache-control"));
    let status = response.status().as_u16();
    (status, content_type, cache, response.text().await.unwrap())
}

/// Parses iCalendar text with the `ical` crate (not the one that wrote it).
pub fn parse(text: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("it parses");
    assert!(parser.next().is_none(), "exactly one calendar");
    calendar
}

pub fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("{name} in {properties:#?}"))
}

fn instant_of(event: &IcalEvent, name: &str) -> DateTime<Utc> {
    let raw = value(&event.properties, name);
    let naive = NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%SZ")
        .unwrap_or_else(|_| panic!("{name} is a UTC time: {raw}"));
    Utc.from_utc_datetime(&naive)
}

/// An event's start and end on the wall clock in Rome.
fn in_rome(event: &IcalEvent) -> (String, String) {
    let local = |name| {
        instant_of(event, name)
            .with_timezone(&Rome)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    (local("DTSTART"), local("DTEND"))
}

fn uids(calendar: &IcalCalendar) -> BTreeSet<String> {
    calendar
        .events
        .iter()
        .map(|e| value(&e.properties, "UID").to_owned())
        .collect()
}

/// The `UID` of the booking `booking`'s event.
pub fn uid(booking: &str) -> String {
    format!("booking-{booking}@127.0.0.1")
}

/// The booking's `.ics` as `token` sees it, parsed, with its content type.
async fn booking_ics(app: &TestApp, token: &str, booking: &str) -> (IcalCalendar, String) {
    let (status, content_type, cache, body) = get(
        app,
        &format!("/bookings/{booking}.ics"),
        Some((token, "aurora")),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(cache.contains("no-store"), "{cache}");
    (parse(&body), content_type)
}

db_test! {
    async fn a_confirmed_bookings_ics_shows_the_wall_clock_time_on_a_dst_day_and_an_ordinary_one(app) {
        let hub = aurora(&app).await;
        let room = instant(&app, "aurora", &hub.manager, &hub.cooperative, "Sala del camino").await;
        // Wednesday 25 November 2026, 10:00–12:00 in Rome (CET, +01:00).
        let ordinary = book_at(&app, "aurora", &hub.member, &room, ("2026-11-25T09:00:00Z", "2026-11-25T11:00:00Z"), "nov").await;
        app.services.clock.advance(-Duration::days(250));
        // Sunday 29 March 2026, clocks go 02:00 → 03:00: 09:00–12:00 CEST is 07:00Z–10:00Z.
        let dst = book_at(&app, "aurora", &hub.member, &room, ("2026-03-29T07:00:00Z", "2026-03-29T10:00:00Z"), "dst").await;

        for (booking, start, end) in [
            (&dst, "2026-03-29 09:00", "2026-03-29 12:00"),
            (&ordinary, "2026-11-25 10:00", "2026-11-25 12:00"),
        ] {
            let (calendar, content_type) = booking_ics(&app, &hub.member, booking).await;
            assert_eq!(content_type, "text/calendar; charset=utf-8; method=REQUEST");
            assert_eq!(value(&calendar.properties, "METHOD"), "REQUEST");
            assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
            let [event] = calendar.events.as_slice() else { panic!("one event: {calendar:#?}") };
            assert_eq!(value(&event.properties, "UID"), uid(booking));
            assert_eq!(value(&event.properties, "STATUS"), "CONFIRMED");
            assert_eq!(value(&event.properties, "SEQUENCE"), "1");
            assert_eq!(value(&event.properties, "SUMMARY"), "Sala del camino");
            assert_eq!(value(&event.properties, "LOCATION"), "Via Cigna 14\\, Torino");
            assert!(value(&event.properties, "DESCRIPTION").starts_with("Hub aurora"));
            assert!(value(&event.properties, "ATTENDEE").ends_with("mimma@example.org"));
            assert_eq!(in_rome(event), (start.to_owned(), end.to_owned()), "{booking}");
        }

        // The listing's provider and the hub's manager get the same event;
        // another member of the hub does not even learn that it exists.
        let (as_provider, _) = booking_ics(&app, &hub.provider, &dst).await;
        assert_eq!(uids(&as_provider), BTreeSet::from([uid(&dst)]));
        let (_, stranger) = app.person("ugo@example.org").await;
        app.add_member("aurora", &hub.manager, "ugo@example.org", "MEMBER").await;
        let (status, _, _, _) = get(&app, &format!("/bookings/{dst}.ics"), Some((&stranger, "aurora"))).await;
        assert_eq!(status, 404);
        let (status, _, _, _) = get(&app, &format!("/bookings/{dst}.ics"), None).await;
        assert_eq!(status, 401);
    }
}

db_test! {
    async fn cancelling_answers_a_cancel_with_the_same_uid_and_a_higher_sequence(app) {
        let hub = aurora(&app).await;
        let room = instant(&app, "aurora", &hub.manager, &hub.cooperative, "Sala del camino").await;
        let booking = book_at(&app, "aurora", &hub.member, &room, ("2026-11-25T09:00:00Z", "2026-11-25T11:00:00Z"), "k").await;
        let (before, _) = booking_ics(&app, &hub.member, &booking).await;
        let sequence = |c: &IcalCalendar| value(&c.events[0].properties, "SEQUENCE").parse::<u32>().unwrap();

        // The same instant on the server's clock: the sequence does not need time to pass.
        app.gql(CANCEL).vars(json!({"id": booking})).token(&hub.member).tenant("aurora").send().await.data();
        let (after, content_type) = booking_ics(&app, &hub.member, &booking).await;
        assert_eq!(content_type, "text/calendar; charset=utf-8; method=CANCEL");
        assert_eq!(value(&after.properties, "METHOD"), "CANCEL");
        assert_eq!(value(&after.events[0].properties, "STATUS"), "CANCELLED");
        assert_eq!(uids(&after), uids(&before));
        assert_eq!(uids(&after), BTreeSet::from([uid(&booking)]));
        assert!(sequence(&after) > sequence(&before), "{} then {}", sequence(&before), sequence(&after));
        assert_eq!(in_rome(&after.events[0]), in_rome(&before.events[0]));
    }
}

/// Hub `aurora` with bookings of two members on three listings of two
/// organizations: what each feed should show.
struct Bookings {
    hub: Aurora,
    ugo: String,
    room: String,
    mimma_room: String,
    mimma_hall_requested: String,
    ugo_room: String,
    ugo_desk: String,
    ugo_room_cancelled: String,
}

async fn bookings(app: &TestApp) -> Bookings {
    let hub = aurora(app).await;
    let (_, ugo) = app.person("ugo@example.org").await;
    app.add_member("aurora", &hub.manager, "ugo@example.org", "MEMBER")
        .await;
    let room = instant(
        app,
        "aurora",
        &hub.manager,
        &hub.cooperative,
        "Sala del camino",
    )
    .await;
    let hall = catalogue::published(
        app,
        "aurora",
        &hub.manager,
        &hub.cooperative,
        json!({"title": "Salone", "approvalMode": "REQUEST", "horizonDays": 730}),
    )
    .await;
    let casa = catalogue::organization(app, "aurora", &hub.manager, "Casa del Quartiere").await;
    let desk = instant(app, "aurora", &hub.manager, &casa, "Postazione").await;
    let day = |from: u32, to: u32| {
        (
            format!("2026-11-25T{from:02}:00:00Z"),
            format!("2026-11-25T{to:02}:00:00Z"),
        )
    };
    let at = |(a, b): &(String, String)| (a.clone(), b.clone());
    let (a, b) = at(&day(9, 11));
    let mimma_room = book_at(app, "aurora", &hub.member, &room, (&a, &b), "m1").await;
    let (a, b) = at(&day(12, 13));
    let mimma_hall_requested = book_at(app, "aurora", &hub.member, &hall, (&a, &b), "m2").await;
    let (a, b) = at(&day(13, 14));
    let ugo_room = book_at(app, "aurora", &ugo, &room, (&a, &b), "u1").await;
    let (a, b) = at(&day(9, 10));
    let ugo_desk = book_at(app, "aurora", &ugo, &desk, (&a, &b), "u2").await;
    let (a, b) = at(&day(14, 15));
    let ugo_room_cancelled = book_at(app, "aurora", &ugo, &room, (&a, &b), "u3").await;
    app.gql(CANCEL)
        .vars(json!({"id": ugo_room_cancelled}))
        .token(&ugo)
        .tenant("aurora")
        .send()
        .await
        .data();
    Bookings {
        hub,
        ugo,
        room,
        mimma_room,
        mimma_hall_requested,
        ugo_room,
        ugo_desk,
        ugo_room_cancelled,
    }
}

/// Reads a feed: its parsed calendar, after checking the answer's headers.
async fn read_feed(app: &TestApp, url: &str) -> IcalCalendar {
    let (status, content_type, cache, body) = get(app, &path_of(url), None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "text/calendar; charset=utf-8");
    assert_eq!(cache, "private, max-age=300");
    parse(&body)
}

db_test! {
    async fn each_feed_shows_its_own_bookings_and_no_others(app) {
        let b = bookings(&app).await;
        let set = |ids: &[&String]| ids.iter().map(|id| uid(id)).collect::<BTreeSet<_>>();

        // A member's own: theirs only, a request they wait on included.
        let mine = read_feed(&app, &feed_url(&app, "aurora", &b.hub.member, "USER", None).await).await;
        assert_eq!(uids(&mine), set(&[&b.mimma_room, &b.mimma_hall_requested]));
        assert_eq!(value(&mine.properties, "METHOD"), "PUBLISH");
        assert_eq!(value(&mine.properties, "X-WR-CALNAME"), "My bookings · Hub aurora");
        assert_eq!(value(&mine.properties, "X-WR-TIMEZONE"), "Europe/Rome");
        let requested = mine.events.iter().find(|e| value(&e.properties, "UID") == uid(&b.mimma_hall_requested)).unwrap();
        assert_eq!(value(&requested.properties, "STATUS"), "TENTATIVE");
        let ugos = read_feed(&app, &feed_url(&app, "aurora", &b.ugo, "USER", None).await).await;
        assert_eq!(uids(&ugos), set(&[&b.ugo_room, &b.ugo_desk]), "the cancelled one is gone");

        // The room's, for its organization's provider: its confirmed bookings only.
        let room = read_feed(&app, &feed_url(&app, "aurora", &b.hub.provider, "LISTING", Some(&b.room)).await).await;
        assert_eq!(uids(&room), set(&[&b.mimma_room, &b.ugo_room]));
        assert!(room.events.iter().all(|e| value(&e.properties, "STATUS") == "CONFIRMED"));
        assert_eq!(value(&room.properties, "X-WR-CALNAME"), "Sala del camino · Hub aurora");

        // The hub's, for its manager: every confirmed booking.
        let all = read_feed(&app, &feed_url(&app, "aurora", &b.hub.manager, "HUB", None).await).await;
        assert_eq!(uids(&all), set(&[&b.mimma_room, &b.ugo_room, &b.ugo_desk]));
        assert!(!uids(&all).contains(&uid(&b.ugo_room_cancelled)));
        let event = all.events.iter().find(|e| value(&e.properties, "UID") == uid(&b.mimma_room)).unwrap();
        assert_eq!(in_rome(event), ("2026-11-25 10:00".to_owned(), "2026-11-25 12:00".to_owned()));

        // Bookings move out of the window with time: 30 days after, they are gone.
        app.services.clock.advance(Duration::days(33));
        let manager = app.log_in("rita@example.org").await;
        let later = read_feed(&app, &feed_url(&app, "aurora", &manager, "LISTING", Some(&b.room)).await).await;
        assert!(later.events.is_empty(), "{later:#?}");
    }
}

db_test! {
    async fn only_those_who_may_see_a_feed_get_one(app) {
        let b = bookings(&app).await;
        // A provider of another organization: refused, in the caller's language.
        let (_, other) = app.person("olga@example.org").await;
        app.add_member("aurora", &b.hub.manager, "olga@example.org", "PROVIDER").await;
        let altra = catalogue::organization(&app, "aurora", &b.hub.manager, "Altra Cooperativa").await;
        app.gql("mutation($o: ID!, $e: String!) { addOrganizationMember(organizationId: $o, email: $e) { id } }")
            .vars(json!({"o": altra, "e": "olga@example.org"}))
            .token(&b.hub.manager).tenant("aurora").send().await.data();
        let refused = app.gql(FEED).vars(json!({"k": "LISTING", "l": b.room})).token(&other).tenant("aurora").language("it").send().await;
        assert_eq!(refused.code(), "FORBIDDEN");
        assert_eq!(refused.message_id(), "calendar-listing-staff-only");
        assert!(refused.message().starts_with("Solo le persone dell'organizzazione"), "{}", refused.message());
        let in_english = app.gql(FEED).vars(json!({"k": "LISTING", "l": b.room})).token(&other).tenant("aurora").language("en").send().await;
        assert!(in_english.message().starts_with("Only the people of the organization"), "{}", in_english.message());

        // A member: not the hub's feed, nor a listing's.
        let hub_feed = ask_feed(&app, FEED, "aurora", &b.hub.member, "HUB", None).await;
        assert_eq!((hub_feed.code(), hub_feed.message_id()), ("FORBIDDEN", "calendar-hub-managers-only"));
        let rotated = ask_feed(&app, ROTATE, "aurora", &b.hub.member, "HUB", None).await;
        assert_eq!(rotated.code(), "FORBIDDEN");
        let listing = ask_feed(&app, FEED, "aurora", &b.hub.member, "LISTING", Some(&b.room)).await;
        assert_eq!(listing.code(), "FORBIDDEN");
        // A provider: not the hub's either.
        assert_eq!(ask_feed(&app, FEED, "aurora", &b.hub.provider, "HUB", None).await.code(), "FORBIDDEN");

        // Asked wrongly or by nobody.
        let anonymous = app.gql(FEED).vars(json!({"k": "USER"})).tenant("aurora").send().await;
        assert_eq!(anonymous.code(), "UNAUTHENTICATED");
        let no_listing = ask_feed(&app, FEED, "aurora", &b.hub.provider, "LISTING", None).await;
        assert_eq!((no_listing.code(), no_listing.field()), ("VALIDATION", "listingId"));
        let stray = ask_feed(&app, FEED, "aurora", &b.hub.manager, "HUB", Some(&b.room)).await;
        assert_eq!((stray.code(), stray.message_id()), ("VALIDATION", "calendar-listing-not-expected"));
        let missing = ask_feed(&app, FEED, "aurora", &b.hub.manager, "LISTING", Some(&uuid::Uuid::new_v4().to_string())).await;
        assert_eq!(missing.code(), "NOT_FOUND");
        // Nothing was made by the refusals: the manager's first ask is the first.
        let first = ask_feed(&app, FEED, "aurora", &b.hub.manager, "HUB", None).await;
        assert!(first.data()["calendarFeed"]["url"].is_string());
    }
}

db_test! {
    async fn rotating_kills_the_old_address_and_the_new_one_works(app) {
        let b = bookings(&app).await;
        let first = feed_url(&app, "aurora", &b.hub.member, "USER", None).await;
        assert_eq!(read_feed(&app, &first).await.events.len(), 2);

        // Asked again, the feed is the same one and its address is not shown again.
        let again = ask_feed(&app, FEED, "aurora", &b.hub.member, "USER", None).await;
        assert_eq!(again.data()["calendarFeed"]["url"], Value::Null);
        assert_eq!(again.data()["calendarFeed"]["kind"], "USER");
        assert_eq!(read_feed(&app, &first).await.events.len(), 2, "asking again changes nothing");

        let rotated = ask_feed(&app, ROTATE, "aurora", &b.hub.member, "USER", None).await;
        let second = rotated.data()["rotateCalendarFeed"]["url"].as_str().unwrap().to_owned();
        assert_ne!(second, first);
        let (status, _, cache, body) = get(&app, &path_of(&first), None).await;
        assert_eq!((status, body.as_str(), cache.as_str()), (404, "not found\n", "no-store"));
        let (_, _, _, once) = get(&app, &path_of(&second), None).await;
        let (_, _, _, twice) = get(&app, &path_of(&second), None).await;
        assert_eq!(once, twice, "the same bookings give the same text");
        assert_eq!(read_feed(&app, &second).await.events.len(), 2);

        // Rotating a listing feed leaves the member's own alone.
        let room = feed_url(&app, "aurora", &b.hub.provider, "LISTING", Some(&b.room)).await;
        let rotated_room = ask_feed(&app, ROTATE, "aurora", &b.hub.provider, "LISTING", Some(&b.room)).await;
        assert_eq!(rotated_room.data()["rotateCalendarFeed"]["listingId"], json!(b.room));
        assert_eq!(get(&app, &path_of(&room), None).await.0, 404);
        assert_eq!(read_feed(&app, &second).await.events.len(), 2);
    }
}

db_test! {
    async fn a_provider_who_leaves_the_organization_loses_its_listing_feed(app) {
        let b = bookings(&app).await;
        let url = feed_url(&app, "aurora", &b.hub.provider, "LISTING", Some(&b.room)).await;
        assert_eq!(read_feed(&app, &url).await.events.len(), 2);
        let me = app.gql("{ me { id } }").token(&b.hub.provider).send().await;
        let paolo = me.data()["me"]["id"].as_str().unwrap().to_owned();
        app.gql("mutation($o: ID!, $u: ID!) { removeOrganizationMember(organizationId: $o, userId: $u) { id } }")
            .vars(json!({"o": b.hub.cooperative, "u": paolo}))
            .token(&b.hub.manager).tenant("aurora").send().await.data();
        assert_eq!(get(&app, &path_of(&url), None).await.0, 404, "the feed follows what its owner may see today");
    }
}

db_test! {
    async fn a_token_of_one_hub_never_shows_another_hubs_bookings(app) {
        let b = bookings(&app).await;
        // Hub borgo, with a booking of its own.
        let (_, bruno) = app.person("bruno@example.org").await;
        app.create_hub("borgo", "bruno@example.org").await;
        let coop = catalogue::organization(&app, "borgo", &bruno, "Cooperativa Borgo").await;
        let shed = instant(&app, "borgo", &bruno, &coop, "Laboratorio").await;
        let borgo_booking = book_at(&app, "borgo", &bruno, &shed, ("2026-11-25T09:00:00Z", "2026-11-25T11:00:00Z"), "b1").await;

        let aurora_url = feed_url(&app, "aurora", &b.hub.manager, "HUB", None).await;
        let borgo_url = feed_url(&app, "borgo", &bruno, "HUB", None).await;
        let aurora = uids(&read_feed(&app, &aurora_url).await);
        let borgo = uids(&read_feed(&app, &borgo_url).await);
        assert_eq!(borgo, BTreeSet::from([uid(&borgo_booking)]));
        assert!(!aurora.contains(&uid(&borgo_booking)) && aurora.len() == 3);

        // A token names its hub: a secret moved to the other hub opens nothing.
        let token = |url: &str| path_of(url).trim_start_matches("/calendar/").trim_end_matches(".ics").to_owned();
        let (aurora_token, borgo_token) = (token(&aurora_url), token(&borgo_url));
        let (aurora_hub, aurora_secret) = aurora_token.split_once('-').unwrap();
        let (borgo_hub, borgo_secret) = borgo_token.split_once('-').unwrap();
        assert_ne!(aurora_hub, borgo_hub);
        for forged in [format!("{borgo_hub}-{aurora_secret}"), format!("{aurora_hub}-{borgo_secret}")] {
            let (status, _, _, body) = get(&app, &format!("/calendar/{forged}.ics"), None).await;
            assert_eq!((status, body.as_str()), (404, "not found\n"), "{forged}");
        }
        // Another hub's feed of the same kind by the same person is another feed.
        app.add_member("borgo", &bruno, "rita@example.org", "MANAGER").await;
        let ritas_borgo = read_feed(&app, &feed_url(&app, "borgo", &b.hub.manager, "HUB", None).await).await;
        assert_eq!(uids(&ritas_borgo), borgo);
    }
}

db_test! {
    async fn garbage_tokens_get_the_same_bare_404(app) {
        let b = bookings(&app).await;
        let url = feed_url(&app, "aurora", &b.hub.member, "USER", None).await;
        let good = path_of(&url);
        let token = good.trim_start_matches("/calendar/").trim_end_matches(".ics").to_owned();
        let made_up = format!("{}-{}", uuid::Uuid::new_v4().simple(), "0".repeat(64));
        for path in [
            "/calendar/garbage.ics".to_owned(),
            "/calendar/.ics".to_owned(),
            format!("/calendar/{token}"),
            format!("/calendar/{}.ics", token.to_uppercase()),
            format!("/calendar/{made_up}.ics"),
            format!("/calendar/{}0.ics", token),
            format!("/calendar/{}.ics", &token[..token.len() - 1]),
            format!("/calendar/{}%20.ics", token),
        ] {
            let (status, content_type, cache, body) = get(&app, &path, None).await;
            assert_eq!((status, body.as_str(), cache.as_str()), (404, "not found\n", "no-store"), "{path}");
            assert!(!content_type.contains("calendar"), "{path}");
        }
        assert_eq!(get(&app, &good, None).await.0, 200);
    }
}

db_test! {
    async fn asking_for_a_feed_many_times_at_once_makes_one(app) {
        let hub = aurora(&app).await;
        let mut asks = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let request = app
                .http()
                .post(app.url("/graphql"))
                .bearer_auth(&hub.member)
                .header("X-Tenant", "aurora")
                .json(&json!({"query": FEED, "variables": {"k": "USER"}}));
            asks.spawn(async move { request.send().await.unwrap().json::<Value>().await.unwrap() });
        }
        let mut feeds = Vec::new();
        while let Some(answer) = asks.join_next().await {
            let answer = answer.unwrap();
            assert!(answer.get("errors").is_none(), "{answer:#}");
            feeds.push(answer["data"]["calendarFeed"].clone());
        }
        let shown: Vec<&str> = feeds.iter().filter_map(|f| f["url"].as_str()).collect();
        assert_eq!(shown.len(), 1, "one feed, its address shown once: {feeds:?}");
        assert!(feeds.iter().all(|f| f["createdAt"] == feeds[0]["createdAt"]), "{feeds:?}");
        assert!(read_feed(&app, shown[0]).await.events.is_empty());
    }
}
