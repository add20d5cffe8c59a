//! The public front: the hubs that show listings to everyone, and the open
//! map of those listings (the public directory), drawn by the server as an
//! SVG with no map tiles from elsewhere, with the same listings as a list.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;
use serde_json::{Value, json};

use crate::http::AppState;

use super::api;
use super::render::{Page, data, page_templates, refused};
use super::visitor::Visitor;

/// This area's templates.
pub(super) const TEMPLATES: &[(&str, &str)] = page_templates!("home/hubs.html", "home/map.html");

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/", get(hubs)).route("/map", get(map))
}

/// How many directory pages of 100 the front reads at most.
const DIRECTORY_PAGES: usize = 5;

const DIRECTORY: &str = "query($after: String) { directory(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id title kind category location { latitude longitude } hub { slug name } } } }";

const MY_HUBS: &str = "{ myHubs { hub { slug name } role } }";

/// The public listings of every hub, up to `DIRECTORY_PAGES` pages.
async fn directory(
    state: &AppState,
    who: &super::visitor::Identified,
) -> Result<Vec<Value>, api::Refusal> {
    let mut entries = Vec::new();
    let mut after = Value::Null;
    for _ in 0..DIRECTORY_PAGES {
        let data = api::ask(state, who, DIRECTORY, json!({ "after": after })).await?;
        let page = &data["directory"];
        entries.extend(page["nodes"].as_array().cloned().unwrap_or_default());
        if page["pageInfo"]["hasNextPage"] != Value::Bool(true) {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    Ok(entries)
}

#[derive(Debug, Serialize)]
struct HubLine {
    slug: String,
    name: String,
    listings: usize,
}

async fn hubs(State(state): State<AppState>, visitor: Visitor) -> Response {
    let who = match super::ask::identified(&state, &visitor, None).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let entries = match directory(&state, &who).await {
        Ok(entries) => entries,
        Err(refusal) => return refused(&visitor, Some(&who), refusal),
    };
    let mut by_hub: BTreeMap<String, HubLine> = BTreeMap::new();
    for entry in &entries {
        let slug = entry["hub"]["slug"].as_str().unwrap_or_default().to_owned();
        by_hub
            .entry(slug.clone())
            .or_insert_with(|| HubLine {
                slug,
                name: entry["hub"]["name"].as_str().unwrap_or_default().to_owned(),
                listings: 0,
            })
            .listings += 1;
    }
    let mine = if who.context.viewer.is_some() {
        match api::ask(&state, &who, MY_HUBS, json!({})).await {
            Ok(data) => data["myHubs"].clone(),
            Err(refusal) => return refused(&visitor, Some(&who), refusal),
        }
    } else {
        Value::Array(Vec::new())
    };
    Page::new(
        "home/hubs.html",
        minijinja::context! {
            hubs => data(by_hub.into_values().collect::<Vec<_>>()),
            mine => data(mine),
        },
    )
    .show(&visitor, Some(&who))
}

/// A listing placed on the drawing: `x`, `y` in a 1000 × 600 box.
#[derive(Debug, Serialize)]
struct Pin {
    id: String,
    title: String,
    kind: String,
    category: String,
    hub_slug: String,
    hub_name: String,
    x: i64,
    y: i64,
}

/// Places `entries` in a 1000 × 600 box around them (north up; longitude
/// scaled by the cosine of the middle latitude so distances look right).
fn pins(entries: &[Value]) -> Vec<Pin> {
    let located: Vec<(&Value, f64, f64)> = entries
        .iter()
        .filter_map(|e| {
            let at = &e["location"];
            Some((e, at["latitude"].as_f64()?, at["longitude"].as_f64()?))
        })
        .collect();
    let (mut south, mut north, mut west, mut east) = (90.0_f64, -90.0_f64, 180.0_f64, -180.0_f64);
    for (_, lat, lon) in &located {
        south = south.min(*lat);
        north = north.max(*lat);
        west = west.min(*lon);
        east = east.max(*lon);
    }
    let squeeze = ((south + north) / 2.0).to_radians().cos().max(0.1);
    let width = ((east - west) * squeeze).max(0.002);
    let height = (north - south).max(0.002);
    let scale = (900.0 / width).min(500.0 / height);
    let (middle_x, middle_y) = ((west + east) / 2.0 * squeeze, (south + north) / 2.0);
    located
        .into_iter()
        .map(|(entry, lat, lon)| {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
            // Rounded to whole units of a 1000-wide drawing: well inside i64.
            let x = (500.0 + (lon * squeeze - middle_x) * scale).round() as i64;
            let y = (300.0 - (lat - middle_y) * scale).round() as i64;
            Pin {
                id: text(&entry["id"]),
                title: text(&entry["title"]),
                kind: text(&entry["kind"]),
                category: text(&entry["category"]),
                hub_slug: text(&entry["hub"]["slug"]),
                hub_name: text(&entry["hub"]["name"]),
                x,
                y,
            }
        })
        .collect()
}

async fn map(State(state): State<AppState>, visitor: Visitor) -> Response {
    let who = match super::ask::identified(&state, &visitor, None).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    match directory(&state, &who).await {
        Ok(entries) => Page::new(
            "home/map.html",
            minijinja::context! { pins => data(pins(&entries)) },
        )
        .show(&visitor, Some(&who)),
        Err(refusal) => refused(&visitor, Some(&who), refusal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_stay_inside_the_drawing_and_north_is_up() {
        let entry = |lat: f64, lon: f64| {
            json!({ "id": "x", "title": "t", "kind": "SPACE", "category": "room",
                    "location": { "latitude": lat, "longitude": lon },
                    "hub": { "slug": "h", "name": "H" } })
        };
        let placed = pins(&[
            entry(45.07, 7.68),
            entry(45.08, 7.70),
            entry(45.06, 7.66),
            json!({}),
        ]);
        assert_eq!(placed.len(), 3, "an entry without a place is not drawn");
        for pin in &placed {
            assert!(
                (0..=1000).contains(&pin.x) && (0..=600).contains(&pin.y),
                "{pin:?}"
            );
        }
        assert!(placed[1].y < placed[0].y, "further north is higher up");
        assert!(placed[1].x > placed[0].x, "further east is to the right");
        let one = pins(&[entry(45.07, 7.68)]);
        assert_eq!((one[0].x, one[0].y), (500, 300));
    }
}
