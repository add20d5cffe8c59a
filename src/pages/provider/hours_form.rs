//! The opening-hours form as a person fills it in: each weekday open or
//! closed with its time ranges, and the dated exceptions, one per row
//! (with one empty row to add a new one and a box to remove each). It
//! becomes `setAvailability`'s rules and exceptions; an API error about
//! `rules[3].opens` is put back next to the form field it came from.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Value, json};

use crate::listings::schema::Weekday;
use crate::msg;

use super::super::posted::Fields;
use super::listing_form::Wrong;

/// The weekdays, as the API names them, Monday first.
pub const WEEKDAYS: [&str; 7] = Weekday::API_NAMES;

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
#[path = "hours_form_tests.rs"]
mod tests;
