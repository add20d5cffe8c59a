//! Tests of the listing form: what a person types, and what the API gets.

use super::*;

#[test]
fn amounts_are_read_as_people_write_them() {
    assert_eq!(minor_units("12"), Some(1200));
    assert_eq!(minor_units("12.5"), Some(1250));
    assert_eq!(minor_units("12,50"), Some(1250));
    assert_eq!(minor_units("0,05"), Some(5));
    for bad in [
        "",
        "12.",
        ",5",
        "-3",
        "1.234,50",
        "12.345",
        "dodici",
        "1e3",
        "99999999999999",
    ] {
        assert_eq!(minor_units(bad), None, "{bad:?}");
    }
    assert_eq!(decimal(1250), "12.50");
    assert_eq!(decimal(2200), "22");
    assert_eq!(minor_units(&decimal(550)), Some(550));
}

fn filled() -> Typed {
    let mut typed = for_new(Some("org"));
    typed.insert("title".into(), "Sala".into());
    typed.insert("category".into(), "room".into());
    typed
}

#[test]
fn a_malformed_number_is_named_by_its_field() {
    let mut typed = filled();
    typed.insert("capacity".into(), "tre".into());
    let refused = to_input(&typed, true).unwrap_err();
    assert_eq!(refused.field, "capacity");
    let mut typed = filled();
    typed.insert("unitPrice".into(), "12.345".into());
    assert_eq!(to_input(&typed, true).unwrap_err().field, "unitPrice");
    let mut typed = filled();
    typed.insert("tierHours1".into(), "48".into());
    assert_eq!(
        to_input(&typed, true).unwrap_err().field,
        "cancellationPolicy"
    );
    let mut typed = filled();
    typed.insert("kind".into(), "CASTLE".into());
    assert_eq!(to_input(&typed, true).unwrap_err().field, "kind");
}

#[test]
fn the_input_carries_what_was_typed_and_leaves_defaults_to_the_api() {
    let mut typed = filled();
    typed.insert("capacity".into(), "8".into());
    typed.insert("price".into(), "PER_UNIT".into());
    typed.insert("unitPrice".into(), "12,50".into());
    typed.insert("taxRateBps".into(), "22".into());
    typed.insert("tags".into(), "wifi, , quiet".into());
    typed.insert("bookingUnit".into(), "MINUTES".into());
    typed.insert("minutes".into(), "30".into());
    let input = to_input(&typed, true).unwrap();
    assert_eq!(input["capacity"], 8);
    assert_eq!(
        input["price"],
        json!({"kind": "PER_UNIT", "unitPrice": 1250})
    );
    assert_eq!(input["taxRateBps"], 2200);
    assert_eq!(input["tags"], json!(["wifi", "quiet"]));
    assert_eq!(
        input["bookingUnit"],
        json!({"kind": "MINUTES", "minutes": 30})
    );
    assert!(input.get("minUnits").is_none());
    assert!(input.get("cancellationPolicy").is_none());
    assert_eq!(
        to_input(&typed, false).unwrap()["cancellationPolicy"],
        json!([])
    );
}

#[test]
fn a_listing_read_back_gives_the_same_input() {
    let listing = json!({
        "organization": {"id": "org"}, "kind": "SERVICE", "title": "Riparo bici",
        "description": "", "category": "repair", "address": "Via Roma 1",
        "tags": ["bici"], "location": {"latitude": 45.07, "longitude": 7.68},
        "capacity": 2, "bookingUnit": {"kind": "HOUR", "minutes": 60},
        "minUnits": 1, "maxUnits": 4, "bufferBeforeMinutes": 0, "bufferAfterMinutes": 15,
        "leadTimeMinutes": 60, "horizonDays": 90, "approvalMode": "INSTANT",
        "visibility": "PUBLIC", "price": {"kind": "PER_UNIT", "unitPrice": {"amount": 1500}, "memberUnitPrice": null},
        "taxRateBps": 2200,
        "cancellationPolicy": [{"minNoticeHours": 48, "refundPercent": 100}],
    });
    let input = to_input(&from_listing(&listing), false).unwrap();
    assert_eq!(input["bufferAfterMinutes"], 15);
    assert_eq!(input["latitude"], 45.07);
    assert_eq!(input["price"]["unitPrice"], 1500);
    assert_eq!(input["taxRateBps"], 2200);
    assert_eq!(
        input["cancellationPolicy"],
        json!([{"minNoticeHours": 48, "refundPercent": 100}])
    );
}
