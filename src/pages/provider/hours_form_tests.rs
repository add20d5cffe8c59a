//! Tests of the opening-hours form: what a person types, and what the API gets.

use super::*;

fn posted(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn a_week_and_its_exceptions_round_trip() {
    let hours = json!({
        "rules": [
            {"weekday": "MONDAY", "opens": "14:00", "closes": "18:00"},
            {"weekday": "MONDAY", "opens": "09:00", "closes": "12:30"},
            {"weekday": "SUNDAY", "opens": "10:00", "closes": "12:00"},
        ],
        "exceptions": [
            {"date": "2027-03-28", "kind": "CLOSED", "opens": null, "closes": null},
            {"date": "2027-03-28", "kind": "OPEN", "opens": "15:00", "closes": "17:00"},
            {"date": "2027-04-25", "kind": "CLOSED", "opens": null, "closes": null},
        ],
    });
    let form = from_api(&hours);
    assert!(form.days[0].open);
    assert_eq!(form.days[0].ranges[0], ("09:00".into(), "12:30".into()));
    assert!(!form.days[1].open);
    assert_eq!(form.rows.len(), 3, "two rows and the empty one");
    assert_eq!(form.rows[0].kind, "instead");
    assert_eq!(form.rows[1].kind, "closed");
    let input = form.to_input().unwrap();
    assert_eq!(input.rules.len(), 3);
    assert_eq!(
        input.exceptions,
        vec![
            json!({"date": "2027-03-28", "kind": "CLOSED"}),
            json!({"date": "2027-03-28", "kind": "OPEN", "opens": "15:00", "closes": "17:00"}),
            json!({"date": "2027-04-25", "kind": "CLOSED"}),
        ]
    );
    assert_eq!(
        input.form_field("rules[2].closes").as_deref(),
        Some("SUNDAY-1-closes")
    );
    assert_eq!(
        input.form_field("exceptions[1].range").as_deref(),
        Some("ex-0-opens")
    );
    assert_eq!(
        input.form_field("exceptions[2].date").as_deref(),
        Some("ex-1-date")
    );
    assert_eq!(input.form_field("exceptions"), None);
}

#[test]
fn the_posted_form_adds_and_removes_rows() {
    let fields = posted(&[
        ("TUESDAY", "open"),
        ("TUESDAY-1-opens", "09:00"),
        ("TUESDAY-1-closes", "13:00"),
        ("WEDNESDAY", "closed"),
        ("WEDNESDAY-1-opens", "09:00"),
        ("WEDNESDAY-1-closes", "13:00"),
        ("exceptions", "3"),
        ("ex-0-date", "2027-01-06"),
        ("ex-0-kind", "closed"),
        ("ex-1-date", "2027-01-07"),
        ("ex-1-kind", "closed"),
        ("remove", "1"),
        ("ex-2-date", "2027-01-08"),
        ("ex-2-kind", "open-hours"),
        ("ex-2-opens", "08:00"),
        ("ex-2-closes", "09:00"),
    ]);
    let form = from_fields(&fields);
    let input = form.to_input().unwrap();
    assert_eq!(
        input.rules,
        vec![json!({"weekday": "TUESDAY", "opens": "09:00", "closes": "13:00"})]
    );
    assert_eq!(input.exceptions.len(), 2);
    assert_eq!(input.exceptions[1]["kind"], "OPEN");
}

#[test]
fn half_a_range_is_named_before_the_api_is_asked() {
    let fields = posted(&[("FRIDAY", "open"), ("FRIDAY-1-opens", "09:00")]);
    assert_eq!(
        from_fields(&fields).to_input().unwrap_err().field,
        "FRIDAY-1-closes"
    );
    let fields = posted(&[("FRIDAY", "open")]);
    assert_eq!(
        from_fields(&fields).to_input().unwrap_err().field,
        "FRIDAY-1-opens"
    );
    let fields = posted(&[
        ("exceptions", "1"),
        ("ex-0-kind", "open-hours"),
        ("ex-0-opens", "09:00"),
    ]);
    assert_eq!(
        from_fields(&fields).to_input().unwrap_err().field,
        "ex-0-date"
    );
    let fields = posted(&[("exceptions", "999999999999999999999")]);
    assert_eq!(from_fields(&fields).rows.len(), 1);
}
