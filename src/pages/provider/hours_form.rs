//! The opening-hours form as a person fills it in: each weekday open or
//! closed with its time ranges, and the dated exceptions, one per row
//! (with one empty row to add a new one and a box to remove each). It
//! becomes `setAvailability`'s rules and exceptions; an API error about
//! `rules[3].opens` is put back next to the form field it came from.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Value, json};

use crate::msg;

use super::super::posted::Fields;
use super::listing_form::Wrong;

/// The weekdays, as the API names them, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// The most time ranges a weekday may have on the form.
const MAX_RANGES: usize = 6;
/// How many ranges the form offers for a day at least (one spare).
const SHOWN_RANGES: usize = 2;
/// The most exception rows a form may post (the API allows fewer).
const MAX_ROWS: usize = 400;

/// Kinds of exception rows. `instead`: open only at these hours that day,
/// which the API writes as a whole-day closure plus extra openings.
const ROW_KINDS: [&str; 4] = ["closed", "closed-hours", "open-hours", "instead"];

/// One weekday on the form.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Day {
    pub weekday: &'static str,
    pub open: bool,
    /// `(opens, closes)`, `HH:MM`, at least `SHOWN_RANGES` (spares empty).
    pub ranges: Vec<(String, String)>,
}

/// One exception row on the form.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Row {
    pub date: String,
    pub kind: String,
    pub opens: String,
    pub closes: String,
}

/// The whole form.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HoursForm {
    pub days: Vec<Day>,
    /// The exceptions, then one empty row to add another.
    pub rows: Vec<Row>,
}

/// What `setAvailability` gets, and where each item came from on the form.
#[derive(Debug, Clone)]
pub struct HoursInput {
    pub rules: Vec<Value>,
    pub exceptions: Vec<Value>,
    /// For each rule, the `(opens, closes)` form fields.
    rule_fields: Vec<(String, String)>,
    /// For each exception, its form row.
    exception_rows: Vec<usize>,
}

fn padded(mut ranges: Vec<(String, String)>) -> Vec<(String, String)> {
    while ranges.len() < SHOWN_RANGES {
        ranges.push((String::new(), String::new()));
    }
    ranges
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// The form for the hours the API answered (`openingHours`).
pub fn from_api(hours: &Value) -> HoursForm {
    let rules = hours["rules"].as_array().cloned().unwrap_or_default();
    let days = WEEKDAYS
        .iter()
        .map(|weekday| {
            let ranges: Vec<(String, String)> = rules
                .iter()
                .filter(|r| r["weekday"] == *weekday)
                .map(|r| (text(&r["opens"]), text(&r["closes"])))
                .collect();
            let mut ranges = ranges;
            ranges.sort();
            Day {
                weekday,
                open: !ranges.is_empty(),
                ranges: padded(ranges),
            }
        })
        .collect();
    let exceptions = hours["exceptions"].as_array().cloned().unwrap_or_default();
    // A date closed all day with extra openings is "open only at these hours".
    let replaced: BTreeSet<String> = exceptions
        .iter()
        .filter(|e| e["kind"] == "CLOSED" && e["opens"].is_null())
        .map(|e| text(&e["date"]))
        .filter(|date| {
            exceptions
                .iter()
                .any(|o| o["kind"] == "OPEN" && text(&o["date"]) == *date)
        })
        .collect();
    let mut rows: Vec<Row> = exceptions
        .iter()
        .filter_map(|e| {
            let date = text(&e["date"]);
            let ranged = !e["opens"].is_null();
            let kind = match (e["kind"].as_str(), ranged) {
                (Some("CLOSED"), false) if replaced.contains(&date) => return None,
                (Some("CLOSED"), false) => "closed",
                (Some("CLOSED"), true) => "closed-hours",
                (Some("OPEN"), _) if replaced.contains(&date) => "instead",
                _ => "open-hours",
            };
            Some(Row {
                date,
                kind: kind.to_owned(),
                opens: text(&e["opens"]),
                closes: text(&e["closes"]),
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.date, &a.opens).cmp(&(&b.date, &b.opens)));
    rows.push(Row::default());
    HoursForm { days, rows }
}

/// The form as posted; removed rows are left out.
pub fn from_fields(fields: &Fields) -> HoursForm {
    let days = WEEKDAYS
        .iter()
        .map(|weekday| {
            let mut ranges: Vec<(String, String)> = (1..=MAX_RANGES)
                .map(|n| {
                    (
                        fields.get(&format!("{weekday}-{n}-opens")).to_owned(),
                        fields.get(&format!("{weekday}-{n}-closes")).to_owned(),
                    )
                })
                .collect();
            while ranges
                .last()
                .is_some_and(|(o, c)| o.is_empty() && c.is_empty())
            {
                ranges.pop();
            }
            Day {
                weekday,
                open: fields.get(weekday) == "open",
                ranges: padded(ranges),
            }
        })
        .collect();
    let count = fields
        .get("exceptions")
        .parse::<usize>()
        .unwrap_or(0)
        .min(MAX_ROWS);
    // Each row's "remove" box posts the row's number.
    let removed: BTreeSet<usize> = fields
        .all("remove")
        .into_iter()
        .filter_map(|i| i.parse().ok())
        .collect();
    let mut rows: Vec<Row> = (0..count)
        .filter(|i| !removed.contains(i))
        .map(|i| Row {
            date: fields.get(&format!("ex-{i}-date")).to_owned(),
            kind: fields.get(&format!("ex-{i}-kind")).to_owned(),
            opens: fields.get(&format!("ex-{i}-opens")).to_owned(),
            closes: fields.get(&format!("ex-{i}-closes")).to_owned(),
        })
        .filter(|row| !(row.date.is_empty() && row.opens.is_empty() && row.closes.is_empty()))
        .collect();
    rows.push(Row::default());
    HoursForm { days, rows }
}

fn wrong(field: String, message: crate::i18n::Message) -> Wrong {
    Wrong { field, message }
}

impl HoursForm {
    /// The rules and exceptions the form says, or the first field a person
    /// must fix before the API can judge them.
    pub fn to_input(&self) -> Result<HoursInput, Wrong> {
        let mut input = HoursInput {
            rules: Vec::new(),
            exceptions: Vec::new(),
            rule_fields: Vec::new(),
            exception_rows: Vec::new(),
        };
        for day in self.days.iter().filter(|d| d.open) {
            let weekday = day.weekday;
            let mut any = false;
            for (n, (opens, closes)) in day.ranges.iter().enumerate() {
                let n = n + 1;
                let fields = (
                    format!("{weekday}-{n}-opens"),
                    format!("{weekday}-{n}-closes"),
                );
                match (opens.as_str(), closes.as_str()) {
                    ("", "") => continue,
                    ("", _) => return Err(wrong(fields.0, msg!("page-provider-hours-both"))),
                    (_, "") => return Err(wrong(fields.1, msg!("page-provider-hours-both"))),
                    _ => {}
                }
                any = true;
                input
                    .rules
                    .push(json!({ "weekday": weekday, "opens": opens, "closes": closes }));
                input.rule_fields.push(fields);
            }
            if !any {
                return Err(wrong(
                    format!("{weekday}-1-opens"),
                    msg!("page-provider-hours-open-needs-range"),
                ));
            }
        }
        let mut closed_all_day = BTreeSet::new();
        // The last row is the empty one for adding; it was skipped when empty.
        for (i, row) in self.rows.iter().enumerate() {
            if row.date.is_empty() && row.opens.is_empty() && row.closes.is_empty() {
                continue;
            }
            if row.date.is_empty() {
                return Err(wrong(
                    format!("ex-{i}-date"),
                    msg!("page-provider-hours-date-needed"),
                ));
            }
            if !ROW_KINDS.contains(&row.kind.as_str()) {
                return Err(wrong(format!("ex-{i}-kind"), msg!("page-provider-choose")));
            }
            let ranged = row.kind != "closed";
            if ranged {
                if row.opens.is_empty() {
                    return Err(wrong(
                        format!("ex-{i}-opens"),
                        msg!("page-provider-hours-both"),
                    ));
                }
                if row.closes.is_empty() {
                    return Err(wrong(
                        format!("ex-{i}-closes"),
                        msg!("page-provider-hours-both"),
                    ));
                }
            }
            let mut push = |exception: Value| {
                input.exceptions.push(exception);
                input.exception_rows.push(i);
            };
            match row.kind.as_str() {
                "closed" => {
                    if closed_all_day.insert(row.date.clone()) {
                        push(json!({ "date": row.date, "kind": "CLOSED" }));
                    }
                }
                "closed-hours" => push(
                    json!({ "date": row.date, "kind": "CLOSED", "opens": row.opens, "closes": row.closes }),
                ),
                kind => {
                    if kind == "instead" && closed_all_day.insert(row.date.clone()) {
                        push(json!({ "date": row.date, "kind": "CLOSED" }));
                    }
                    push(
                        json!({ "date": row.date, "kind": "OPEN", "opens": row.opens, "closes": row.closes }),
                    );
                }
            }
        }
        Ok(input)
    }
}

impl HoursInput {
    /// The form field an API error's `extensions.field` is about
    /// (`rules[3].opens`, `exceptions[0].range`), if it names one.
    pub fn form_field(&self, api_field: &str) -> Option<String> {
        let (list, rest) = api_field.split_once('[')?;
        let (index, part) = rest.split_once("].")?;
        let index: usize = index.parse().ok()?;
        match list {
            "rules" => {
                let (opens, closes) = self.rule_fields.get(index)?;
                Some(if part == "closes" { closes } else { opens }.clone())
            }
            "exceptions" => {
                let row = self.exception_rows.get(index)?;
                let part = match part {
                    "date" | "kind" | "closes" => part,
                    _ => "opens",
                };
                Some(format!("ex-{row}-{part}"))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
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
}
