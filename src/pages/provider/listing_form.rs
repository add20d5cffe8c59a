//! The listing form as a person fills it in: the values it shows (typed,
//! or read from the listing), and the `ListingInput` they become. Numbers
//! and amounts are read here, so a malformed one is named next to its
//! field, in the visitor's language, before the API is asked; every rule
//! about what a listing may be stays the API's.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::i18n::Message;
use crate::msg;

use super::super::format::minor_units;
use super::super::posted::Fields;

/// What the form shows, by field name. The names are the API's own input
/// names, so an API error's `extensions.field` (`input.capacity`,
/// `input.price.unitPrice`) lands next to the field it is about.
pub type Typed = BTreeMap<String, String>;

/// How many refund steps the form offers.
pub const TIERS: usize = 4;

const TEXTS: &[&str] = &[
    "organizationId",
    "kind",
    "title",
    "description",
    "category",
    "tags",
    "address",
    "latitude",
    "longitude",
    "capacity",
    "bookingUnit",
    "minutes",
    "minUnits",
    "maxUnits",
    "bufferBeforeMinutes",
    "bufferAfterMinutes",
    "leadTimeMinutes",
    "horizonDays",
    "approvalMode",
    "visibility",
    "price",
    "unitPrice",
    "memberUnitPrice",
    "taxRateBps",
];

/// The whole numbers of `ListingInput` a person types.
const COUNTS: &[&str] = &[
    "capacity",
    "minUnits",
    "maxUnits",
    "bufferBeforeMinutes",
    "bufferAfterMinutes",
    "leadTimeMinutes",
    "horizonDays",
];

/// A field the page refused, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrong {
    /// The form field.
    pub field: String,
    /// Why.
    pub message: Message,
}

fn wrong(field: &str, message: Message) -> Wrong {
    Wrong {
        field: field.to_owned(),
        message,
    }
}

/// The values as the form posted them.
pub fn from_fields(fields: &Fields) -> Typed {
    let mut typed: Typed = TEXTS
        .iter()
        .map(|name| ((*name).to_owned(), fields.get(name).to_owned()))
        .collect();
    for i in 1..=TIERS {
        for name in [format!("tierHours{i}"), format!("tierPercent{i}")] {
            let value = fields.get(&name).to_owned();
            typed.insert(name, value);
        }
    }
    typed
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// `1250` as `12.50`, `2200` as `22`: minor units as a person writes them.
pub fn decimal(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let (whole, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    if cents == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{cents:02}")
    }
}

/// The values of a listing the API answered (see `LISTING_FIELDS`).
pub fn from_listing(listing: &Value) -> Typed {
    let mut typed = Typed::new();
    let mut put = |name: &str, value: String| {
        typed.insert(name.to_owned(), value);
    };
    put("organizationId", text(&listing["organization"]["id"]));
    for name in [
        "kind",
        "title",
        "description",
        "category",
        "address",
        "capacity",
        "minUnits",
        "maxUnits",
        "bufferBeforeMinutes",
        "bufferAfterMinutes",
        "leadTimeMinutes",
        "horizonDays",
        "approvalMode",
        "visibility",
    ] {
        put(name, text(&listing[name]));
    }
    let tags: Vec<String> = listing["tags"]
        .as_array()
        .map(|tags| tags.iter().map(text).collect())
        .unwrap_or_default();
    put("tags", tags.join(", "));
    put("latitude", text(&listing["location"]["latitude"]));
    put("longitude", text(&listing["location"]["longitude"]));
    put("bookingUnit", text(&listing["bookingUnit"]["kind"]));
    let minutes = if listing["bookingUnit"]["kind"] == "MINUTES" {
        text(&listing["bookingUnit"]["minutes"])
    } else {
        String::new()
    };
    put("minutes", minutes);
    put("price", text(&listing["price"]["kind"]));
    let amount = |v: &Value| v["amount"].as_i64().map(decimal).unwrap_or_default();
    put("unitPrice", amount(&listing["price"]["unitPrice"]));
    put(
        "memberUnitPrice",
        amount(&listing["price"]["memberUnitPrice"]),
    );
    put(
        "taxRateBps",
        listing["taxRateBps"]
            .as_i64()
            .map(decimal)
            .unwrap_or_default(),
    );
    let tiers = listing["cancellationPolicy"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for i in 1..=TIERS {
        let tier = tiers.get(i - 1).cloned().unwrap_or(Value::Null);
        put(&format!("tierHours{i}"), text(&tier["minNoticeHours"]));
        put(&format!("tierPercent{i}"), text(&tier["refundPercent"]));
    }
    typed
}

/// What a new listing's form starts with: the API's own defaults are
/// left empty, so the API applies them.
pub fn for_new(organization: Option<&str>) -> Typed {
    let mut typed: Typed = TEXTS
        .iter()
        .map(|name| ((*name).to_owned(), String::new()))
        .collect();
    typed.insert(
        "organizationId".to_owned(),
        organization.unwrap_or_default().to_owned(),
    );
    typed.insert("kind".to_owned(), "SPACE".to_owned());
    typed.insert("bookingUnit".to_owned(), "HOUR".to_owned());
    typed.insert("approvalMode".to_owned(), "REQUEST".to_owned());
    typed.insert("visibility".to_owned(), "HUB".to_owned());
    typed.insert("price".to_owned(), "FREE".to_owned());
    for i in 1..=TIERS {
        typed.insert(format!("tierHours{i}"), String::new());
        typed.insert(format!("tierPercent{i}"), String::new());
    }
    typed
}

fn get<'a>(typed: &'a Typed, name: &str) -> &'a str {
    typed.get(name).map_or("", |v| v.trim())
}

/// A whole number, not negative.
fn count(value: &str, field: &str) -> Result<i64, Wrong> {
    value
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=i64::from(i32::MAX)).contains(n))
        .ok_or_else(|| wrong(field, msg!("page-provider-whole-number")))
}

fn amount(value: &str, field: &str) -> Result<i64, Wrong> {
    minor_units(value).ok_or_else(|| wrong(field, msg!("page-provider-amount")))
}

fn coordinate(value: &str, field: &str) -> Result<f64, Wrong> {
    value
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| wrong(field, msg!("page-provider-coordinate")))
}

fn choice(typed: &Typed, field: &str, options: &[&str]) -> Result<String, Wrong> {
    let value = get(typed, field);
    if options.contains(&value) {
        Ok(value.to_owned())
    } else {
        Err(wrong(field, msg!("page-provider-choose")))
    }
}

/// The `ListingInput` the values make. `new`: a listing being created,
/// where a field left empty takes the API's default (refund steps too);
/// editing, empty refund steps mean no refund.
pub fn to_input(typed: &Typed, new: bool) -> Result<Value, Wrong> {
    let mut input = json!({
        "kind": choice(typed, "kind", &["SPACE", "SERVICE"])?,
        "title": get(typed, "title"),
        "description": get(typed, "description"),
        "category": get(typed, "category"),
        "address": get(typed, "address"),
        "approvalMode": choice(typed, "approvalMode", &["INSTANT", "REQUEST"])?,
        "visibility": choice(typed, "visibility", &["HUB", "PUBLIC"])?,
    });
    let organization = get(typed, "organizationId");
    if !organization.is_empty() {
        input["organizationId"] = json!(organization);
    }
    let tags: Vec<&str> = get(typed, "tags")
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    input["tags"] = json!(tags);
    for name in COUNTS {
        let value = get(typed, name);
        if !value.is_empty() {
            input[*name] = json!(count(value, name)?);
        }
    }
    let unit = choice(typed, "bookingUnit", &["MINUTES", "HOUR", "DAY", "MONTH"])?;
    let minutes = get(typed, "minutes");
    input["bookingUnit"] = if unit == "MINUTES" && !minutes.is_empty() {
        json!({ "kind": unit, "minutes": count(minutes, "minutes")? })
    } else {
        json!({ "kind": unit })
    };
    let kind = choice(typed, "price", &["FREE", "PER_UNIT", "PER_UNIT_AND_SEAT"])?;
    let unit_price = match get(typed, "unitPrice") {
        "" => 0,
        value => amount(value, "unitPrice")?,
    };
    let mut price = json!({ "kind": kind, "unitPrice": unit_price });
    let member_price = get(typed, "memberUnitPrice");
    if !member_price.is_empty() {
        price["memberUnitPrice"] = json!(amount(member_price, "memberUnitPrice")?);
    }
    input["price"] = price;
    input["taxRateBps"] = match get(typed, "taxRateBps") {
        "" => json!(0),
        value => json!(amount(value, "taxRateBps")?),
    };
    match (get(typed, "latitude"), get(typed, "longitude")) {
        ("", "") => {}
        (latitude, longitude) => {
            input["latitude"] = json!(coordinate(latitude, "latitude")?);
            input["longitude"] = json!(coordinate(longitude, "longitude")?);
        }
    }
    let mut tiers = Vec::new();
    for i in 1..=TIERS {
        let hours = get(typed, &format!("tierHours{i}"));
        let percent = get(typed, &format!("tierPercent{i}"));
        match (hours, percent) {
            ("", "") => {}
            ("", _) | (_, "") => {
                return Err(wrong(
                    "cancellationPolicy",
                    msg!("page-provider-tier-incomplete"),
                ));
            }
            (hours, percent) => tiers.push(json!({
                "minNoticeHours": count(hours, "cancellationPolicy")?,
                "refundPercent": count(percent, "cancellationPolicy")?,
            })),
        }
    }
    if !(new && tiers.is_empty()) {
        input["cancellationPolicy"] = json!(tiers);
    }
    Ok(input)
}

#[cfg(test)]
#[path = "listing_form_tests.rs"]
mod tests;
