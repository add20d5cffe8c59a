//! `GET /hubs/{slug}`: the hub, what it offers, and the search of its
//! listings (by kind, category, words, and free on a day between two
//! times for a number of seats). The API decides what the visitor sees:
//! public listings for everyone, the hub's own for its members.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::http::AppState;

use super::super::ask;
use super::super::render::{Page, data};
use super::super::visitor::Visitor;
use super::input::{self, Unreadable};
use super::{Asked, tz_of, unreadable_page};
use crate::msg;

/// How many results a page of the search shows.
const PAGE_SIZE: i64 = 30;

const HUB: &str = "query($filter: ListingFilter, $first: Int, $after: String, $readable: Boolean!) {
    offer: listings(first: 100) { nodes { kind category } }
    found: listings(filter: $filter, first: $first, after: $after) @include(if: $readable) {
        pageInfo { hasNextPage endCursor }
        nodes { id title kind category organization { name }
                bookingUnit { kind minutes }
                price { kind unitPrice { amount currency } memberUnitPrice { amount currency } } } } }";

/// What the search form asked, as typed (to show it again).
#[derive(Debug, serde::Serialize)]
struct Search {
    kind: String,
    category: String,
    text: String,
    date: String,
    from: String,
    to: String,
    seats: String,
    searching: bool,
}

impl Search {
    fn of(asked: &Asked) -> Search {
        let text = |name| asked.get(name).to_owned();
        let mut search = Search {
            kind: text("kind"),
            category: text("category"),
            text: text("text"),
            date: text("date"),
            from: text("from"),
            to: text("to"),
            seats: text("seats"),
            searching: false,
        };
        search.searching = [
            &search.kind,
            &search.category,
            &search.text,
            &search.date,
            &search.from,
            &search.to,
        ]
        .iter()
        .any(|v| !v.is_empty());
        search
    }

    /// The API's `ListingFilter`, or the field that cannot be read.
    fn filter(&self, tz: chrono_tz::Tz) -> Result<Value, Unreadable> {
        let mut filter = Map::new();
        match self.kind.as_str() {
            "" => {}
            "SPACE" | "SERVICE" => {
                filter.insert("kind".into(), json!(self.kind));
            }
            _ => {
                return Err(Unreadable {
                    field: "kind",
                    message: msg!("page-resident-kind-wrong"),
                });
            }
        }
        if !self.category.is_empty() {
            filter.insert("category".into(), json!(self.category));
        }
        if !self.text.is_empty() {
            filter.insert("text".into(), json!(self.text));
        }
        let timed = !self.date.is_empty() || !self.from.is_empty() || !self.to.is_empty();
        if timed {
            let period =
                input::booking_period(tz, &self.date, &self.from, &self.to).map_err(|wrong| {
                    Unreadable {
                        // The search form names its times `from` and `to`.
                        field: match wrong.field {
                            "start" => "from",
                            "end" => "to",
                            other => other,
                        },
                        message: wrong.message,
                    }
                })?;
            let seats = input::seats("seats", &self.seats)?;
            filter.insert(
                "freeBetween".into(),
                json!({ "start": period.start, "end": period.end, "quantity": seats }),
            );
        }
        Ok(Value::Object(filter))
    }
}

/// The kinds and categories the hub offers, for its introduction and
/// the search form's choices.
fn offer(nodes: &Value) -> Value {
    let nodes = nodes.as_array().map(Vec::as_slice).unwrap_or_default();
    let count = |kind: &str| nodes.iter().filter(|n| n["kind"] == kind).count();
    let mut categories: Vec<&str> = nodes
        .iter()
        .filter_map(|n| n["category"].as_str())
        .filter(|c| !c.is_empty())
        .collect();
    categories.sort_unstable();
    categories.dedup();
    json!({ "spaces": count("SPACE"), "services": count("SERVICE"), "categories": categories })
}

/// `GET /hubs/{slug}`.
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
    visitor: Visitor,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&slug)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let asked = Asked::read(raw.as_deref());
    let search = Search::of(&asked);
    let (filter, wrong) = match search.filter(tz_of(&who)) {
        Ok(filter) => (filter, None),
        Err(wrong) => (Value::Null, Some(wrong)),
    };
    let after = Some(asked.get("after")).filter(|a| !a.is_empty());
    // With a search that cannot be read, only the hub is shown, never
    // results for some other search.
    let variables = json!({ "filter": filter, "first": PAGE_SIZE, "after": after,
                            "readable": wrong.is_none() });
    let answer = match ask::read(&state, &visitor, &who, HUB, variables).await {
        Ok(answer) => answer,
        Err(page) => return page,
    };
    let next = answer["found"]["pageInfo"]["hasNextPage"]
        .as_bool()
        .filter(|more| *more)
        .and_then(|_| answer["found"]["pageInfo"]["endCursor"].as_str())
        .map(|cursor| next_page(&asked, cursor));
    let values = minijinja::context! {
        offer => data(offer(&answer["offer"]["nodes"])),
        found => data(&answer["found"]["nodes"]),
        search => data(&search),
        next => next,
    };
    match wrong {
        Some(wrong) => unreadable_page("resident/hub.html", values, &wrong, &visitor, &who),
        None => Page::new("resident/hub.html", values).show(&visitor, Some(&who)),
    }
}

/// The query string of the next page: the same search, after `cursor`.
fn next_page(asked: &Asked, cursor: &str) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in &asked.0 {
        if key != "after" {
            query.append_pair(key, value);
        }
    }
    query.append_pair("after", cursor);
    format!("?{}", query.finish())
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Rome;

    use super::*;

    fn search(query: &str) -> Search {
        Search::of(&Asked::read(Some(query)))
    }

    #[test]
    fn a_search_becomes_the_apis_filter() {
        let filter = search("kind=SPACE&text=sala&date=2026-11-25&from=10:00&to=12:00&seats=3")
            .filter(Rome)
            .map_err(|w| w.field);
        assert_eq!(
            filter,
            Ok(json!({ "kind": "SPACE", "text": "sala", "freeBetween": {
                "start": "2026-11-25T09:00:00Z", "end": "2026-11-25T11:00:00Z", "quantity": 3 } }))
        );
        assert_eq!(search("").filter(Rome).map_err(|w| w.field), Ok(json!({})));
        assert!(!search("seats=2").searching);
    }

    #[test]
    fn a_search_that_cannot_be_read_names_its_field() {
        let field = |q: &str| search(q).filter(Rome).err().map(|w| w.field);
        assert_eq!(field("kind=ROOM"), Some("kind"));
        assert_eq!(field("date=2026-13-01&from=10:00&to=11:00"), Some("date"));
        assert_eq!(field("date=2026-11-25&from=10:00"), Some("to"));
        assert_eq!(field("from=10:00&to=11:00"), Some("date"));
        assert_eq!(
            field("date=2026-11-25&from=10:00&to=11:00&seats=0"),
            Some("seats")
        );
    }

    #[test]
    fn the_next_page_keeps_the_search() {
        let asked = Asked::read(Some("text=a+b&after=old"));
        assert_eq!(next_page(&asked, "c1"), "?text=a+b&after=c1");
    }
}
