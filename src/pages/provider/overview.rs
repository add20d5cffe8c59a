//! The provider's first page: the organizations they act for, each with
//! its listings by status and, when the hub is a marketplace (Stripe
//! Connect), the button that takes them to Stripe to set up their payouts.

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{Value, json};

use crate::http::AppState;
use crate::msg;

use super::super::api::{self, Refusal};
use super::super::ask;
use super::super::onward::{Onward, onward};
use super::super::posted::Posted;
use super::super::render::{Page, data, refused};
use super::super::visitor::{Identified, Visitor};
use super::MY_ORGANIZATIONS;

/// The statuses a provider's listings can have, in the order shown.
const STATUSES: [&str; 4] = ["DRAFT", "PENDING_REVIEW", "PUBLISHED", "ARCHIVED"];

/// How many pages of 100 listings of one status the page reads at most.
const LISTING_PAGES: usize = 10;

const LISTINGS: &str = "query($status: ListingStatus!, $after: String) {
    listings(filter: { status: $status }, first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id title kind category status reviewNote organization { id } } } }";

/// Every listing of `status` the visitor may see (for statuses other than
/// published, the API answers only those they may edit).
async fn listings_of(
    state: &AppState,
    who: &Identified,
    status: &str,
) -> Result<Vec<Value>, Refusal> {
    let mut found = Vec::new();
    let mut after = Value::Null;
    for _ in 0..LISTING_PAGES {
        let variables = json!({ "status": status, "after": after });
        let data = api::ask(state, who, LISTINGS, variables).await?;
        let page = &data["listings"];
        found.extend(page["nodes"].as_array().cloned().unwrap_or_default());
        if page["pageInfo"]["hasNextPage"] != Value::Bool(true) {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    Ok(found)
}

/// `GET /hubs/{hub}/provider`.
pub(super) async fn show(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    visitor: Visitor,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&hub)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let document = format!("{{ {MY_ORGANIZATIONS} hubPayments {{ provider stripeMode }} }}");
    let context = match ask::read(&state, &visitor, &who, &document, json!({})).await {
        Ok(context) => context,
        Err(page) => return page,
    };
    let mut listings = Vec::new();
    for status in STATUSES {
        match listings_of(&state, &who, status).await {
            Ok(found) => listings.extend(found),
            Err(refusal) => return refused(&visitor, Some(&who), refusal),
        }
    }
    // Each organization with its own listings; published listings of
    // other organizations of the hub are not the visitor's to show here.
    let organizations: Vec<Value> = context["myOrganizations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut organization| {
            let own: Vec<&Value> = listings
                .iter()
                .filter(|l| l["organization"]["id"] == organization["id"])
                .collect();
            organization["listings"] = json!(own);
            organization
        })
        .collect();
    let payments = &context["hubPayments"];
    let payouts = match (
        payments["provider"].as_str(),
        payments["stripeMode"].as_str(),
    ) {
        (Some("STRIPE"), Some("CONNECT")) => "connect",
        (Some("STRIPE"), _) => "merchant",
        _ => "offline",
    };
    Page::new(
        "provider/overview.html",
        minijinja::context! {
            section => "overview",
            organizations => data(&organizations),
            payouts => payouts,
        },
    )
    .show(&visitor, Some(&who))
}

/// `POST /hubs/{hub}/provider/organizations/{id}/payouts`: a fresh link to
/// Stripe's onboarding (`connectPayoutAccount`), on a page to follow it
/// from at once: Stripe wants it opened once, soon.
pub(super) async fn connect_payouts(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&hub)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let back = format!("/hubs/{hub}/provider");
    let document = "mutation($id: ID!) { connectPayoutAccount(organizationId: $id) { url ready } }";
    let done = match ask::act(&state, &visitor, &who, document, json!({ "id": id }), &back).await {
        Ok(done) => done,
        Err(page) => return page,
    };
    let url = done["connectPayoutAccount"]["url"]
        .as_str()
        .unwrap_or_default();
    let locale = who.locale();
    onward(
        &visitor,
        &who,
        Onward {
            url,
            title: msg!("page-provider-payouts-onward-title").render(locale),
            text: msg!("page-provider-payouts-onward").render(locale),
            link: msg!("page-provider-payouts-onward-link").render(locale),
            back: &back,
            unusable: msg!("page-provider-payouts-no-link").render(locale),
        },
    )
}
