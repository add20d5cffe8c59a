//! What the demo hub offers: the hub's own rooms and desks, a cooperative's
//! bike repair service and a startup's 3D printer, each with its opening
//! hours, price and cancellation terms, published and on the public map
//! (around San Salvario, Turin). Made through the API as the hub's manager.

use serde_json::{Value, json};

use crate::error::AppResult;
use crate::listings::schema::Weekday;

use super::acting::Actor;

/// The demo's listings, by what the bookings need of them.
pub struct Catalogue {
    /// The free evening room, confirmed at once.
    pub free_room: String,
    /// The paid evening room the hub approves.
    pub paid_room: String,
    /// Coworking desks by the day.
    pub desks: String,
    /// The cooperative's bike repair service.
    pub bike_repair: String,
    /// The startup's 3D printer, by the hour, on request.
    pub printer: String,
}

/// The titles the demo's listings carry, as the pages show them.
pub const FREE_ROOM: &str = "Sala Lettura";
/// The paid room's title.
pub const PAID_ROOM: &str = "Sala Grande";
/// The desks' title.
pub const DESKS: &str = "Postazioni coworking";
/// The bike repair service's title.
pub const BIKE_REPAIR: &str = "Ciclofficina: riparazione bici";
/// The 3D printer's title.
pub const PRINTER: &str = "Stampante 3D";

const ORGANIZATION: &str =
    "mutation($i: OrganizationInput!) { createOrganization(input: $i) { id } }";
const JOIN: &str = "mutation($o: ID!, $e: String!) { addOrganizationMember(organizationId: $o, email: $e) { id } }";
const LISTING: &str = "mutation($i: ListingInput!) { createListing(input: $i) { id } }";
const HOURS: &str = "mutation($id: ID!, $r: [WeeklyRuleInput!]!) { setAvailability(listingId: $id, rules: $r) { id } }";
const PUBLISH: &str = "mutation($id: ID!) { publishListing(id: $id) { id } }";

const EVERY_DAY: &[&str] = &Weekday::API_NAMES;
const WORKING_DAYS: &[&str] = Weekday::API_NAMES.split_at(5).0;
const REPAIR_DAYS: &[&str] = &["TUESDAY", "THURSDAY", "SATURDAY"];
const PRINTER_DAYS: &[&str] = &[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
];

/// The hub's address; the rooms and desks are there.
const CASA: (&str, f64, f64) = ("Via Morgari 14, 10125 Torino", 45.0567, 7.6801);

/// Full refund up to two days before, half up to one day before, then none.
fn usual_terms() -> Value {
    json!([
        {"minNoticeHours": 48, "refundPercent": 100},
        {"minNoticeHours": 24, "refundPercent": 50},
    ])
}

/// Creates the organizations and listings, opens and publishes them.
pub async fn stock(manager: &Actor<'_>, provider_email: &str) -> AppResult<Catalogue> {
    let organization = |name: &str, kind: &str, description: &str| json!({"i": {"name": name, "kind": kind, "description": description}});
    let hub = manager
        .create(
            "the hub as an organization",
            "createOrganization",
            ORGANIZATION,
            organization(
                "Casa del Quartiere San Salvario",
                "HUB",
                "La casa del quartiere: sale per le serate e scrivanie per lavorare.",
            ),
        )
        .await?;
    let cooperative = manager
        .create(
            "the cooperative",
            "createOrganization",
            ORGANIZATION,
            organization(
                "Cooperativa Ruota Libera",
                "COOPERATIVE",
                "Ciclofficina di quartiere: ripariamo bici e insegniamo a farlo.",
            ),
        )
        .await?;
    let startup = manager
        .create(
            "the startup",
            "createOrganization",
            ORGANIZATION,
            organization(
                "Filo Stampa 3D",
                "STARTUP",
                "Una startup che stampa in 3D prototipi e pezzi di ricambio.",
            ),
        )
        .await?;
    // The demo's provider acts for both businesses, so their pages show
    // a service and a request to answer.
    for organization in [&cooperative, &startup] {
        manager
            .run(
                "the provider joins an organization",
                JOIN,
                json!({"o": organization, "e": provider_email}),
            )
            .await?;
    }

    let free_room = offer(
        manager,
        json!({
            "organizationId": hub, "kind": "SPACE", "category": "room", "title": FREE_ROOM,
            "description": "Una sala tranquilla per 20 persone, con tavoli e sedie: riunioni di condominio, gruppi di lettura, corsi serali. Gratuita per chi abita nel quartiere.",
            "tags": ["sala", "riunioni", "gratis"],
            "address": CASA.0, "latitude": CASA.1, "longitude": CASA.2,
            "bookingUnit": {"kind": "HOUR"}, "minUnits": 1, "maxUnits": 4,
            "approvalMode": "INSTANT", "price": {"kind": "FREE"}, "visibility": "PUBLIC",
        }),
        EVERY_DAY,
        ("18:00", "23:00"),
    )
    .await?;
    let paid_room = offer(
        manager,
        json!({
            "organizationId": hub, "kind": "SPACE", "category": "room", "title": PAID_ROOM,
            "description": "La sala più grande della casa, fino a 80 persone, con proiettore e impianto audio: feste, spettacoli, assemblee. La casa conferma ogni richiesta.",
            "tags": ["sala", "feste", "proiettore"],
            "address": CASA.0, "latitude": CASA.1, "longitude": CASA.2,
            "bookingUnit": {"kind": "HOUR"}, "minUnits": 2, "maxUnits": 5,
            "bufferAfterMinutes": 30,
            "approvalMode": "REQUEST",
            "price": {"kind": "PER_UNIT", "unitPrice": 2500, "memberUnitPrice": 1800},
            "taxRateBps": 2200, "cancellationPolicy": usual_terms(), "visibility": "PUBLIC",
        }),
        EVERY_DAY,
        ("18:00", "23:00"),
    )
    .await?;
    let desks = offer(
        manager,
        json!({
            "organizationId": hub, "kind": "SPACE", "category": "desk", "title": DESKS,
            "description": "Otto scrivanie con wi-fi, prese e caffè, in una stanza luminosa al primo piano. Si prenota a giornata e si paga alla reception.",
            "tags": ["coworking", "scrivania", "wi-fi"],
            "address": CASA.0, "latitude": 45.0569, "longitude": 7.6804,
            "capacity": 8, "bookingUnit": {"kind": "DAY"}, "minUnits": 1, "maxUnits": 5,
            "approvalMode": "INSTANT",
            "price": {"kind": "PER_UNIT_AND_SEAT", "unitPrice": 1200, "memberUnitPrice": 900},
            "taxRateBps": 2200, "cancellationPolicy": usual_terms(), "visibility": "PUBLIC",
        }),
        WORKING_DAYS,
        ("09:00", "19:00"),
    )
    .await?;
    let bike_repair = offer(
        manager,
        json!({
            "organizationId": cooperative, "kind": "SERVICE", "category": "repair",
            "title": BIKE_REPAIR,
            "description": "Porta la tua bici: in mezz'ora sistemiamo freni, cambio, ruote e luci, e ti mostriamo come farlo da solo. Due meccanici al lavoro.",
            "tags": ["bici", "riparazioni", "km zero"],
            "address": "Largo Saluzzo 25, 10125 Torino", "latitude": 45.0553, "longitude": 7.6776,
            "capacity": 2, "bookingUnit": {"kind": "MINUTES", "minutes": 30},
            "minUnits": 1, "maxUnits": 2, "leadTimeMinutes": 120,
            "approvalMode": "INSTANT",
            "price": {"kind": "PER_UNIT", "unitPrice": 800},
            "cancellationPolicy": [{"minNoticeHours": 12, "refundPercent": 100}],
            "visibility": "PUBLIC",
        }),
        REPAIR_DAYS,
        ("15:00", "19:00"),
    )
    .await?;
    let printer = offer(
        manager,
        json!({
            "organizationId": startup, "kind": "SPACE", "category": "equipment",
            "title": PRINTER,
            "description": "Una stampante 3D a filamento (PLA e PETG) con piatto 25 × 21 cm. La prima volta ti aiuta qualcuno della startup, che conferma la richiesta.",
            "tags": ["stampa 3D", "maker", "prototipi"],
            "address": "Via Nizza 150, 10126 Torino", "latitude": 45.0402, "longitude": 7.6671,
            "bookingUnit": {"kind": "HOUR"}, "minUnits": 1, "maxUnits": 6,
            "approvalMode": "REQUEST",
            "price": {"kind": "PER_UNIT", "unitPrice": 600},
            "taxRateBps": 2200, "cancellationPolicy": usual_terms(), "visibility": "PUBLIC",
        }),
        PRINTER_DAYS,
        ("10:00", "18:00"),
    )
    .await?;
    Ok(Catalogue {
        free_room,
        paid_room,
        desks,
        bike_repair,
        printer,
    })
}

/// Creates a listing, opens it on `days` from `hours.0` to `hours.1` and
/// publishes it.
async fn offer(
    manager: &Actor<'_>,
    input: Value,
    days: &[&str],
    hours: (&str, &str),
) -> AppResult<String> {
    let id = manager
        .create("a listing", "createListing", LISTING, json!({ "i": input }))
        .await?;
    let rules: Vec<Value> = days
        .iter()
        .map(|day| json!({"weekday": day, "opens": hours.0, "closes": hours.1}))
        .collect();
    manager
        .run("opening hours", HOURS, json!({"id": id, "r": rules}))
        .await?;
    manager
        .run("publishing", PUBLISH, json!({"id": id}))
        .await?;
    Ok(id)
}
