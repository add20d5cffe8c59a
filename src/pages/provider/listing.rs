//! Writing a listing: a new one (`createListing`), an existing one
//! (`updateListing`), and the two steps of its life a provider takes:
//! asking the hub to review it (`submitListing`) and withdrawing it
//! (`archiveListing`). A refused form comes back with the typed values and
//! the reason next to the field it names.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::AppState;
use crate::msg;

use super::super::api::{self, Refusal};
use super::super::ask;
use super::super::posted::Posted;
use super::super::render::{Notice, Page, data, login_then, refused, see_other, status_of};
use super::super::visitor::{Identified, Visitor};
use super::listing_form::{self, TIERS, Typed};
use super::{MY_ORGANIZATIONS, acts_for, not_yours};

/// Every field of a listing the form shows.
const LISTING_FIELDS: &str = "id status reviewNote organization { id name } kind title
    description category tags address location { latitude longitude } capacity
    bookingUnit { kind minutes } minUnits maxUnits bufferBeforeMinutes bufferAfterMinutes
    leadTimeMinutes horizonDays approvalMode visibility
    price { kind unitPrice { amount currency } memberUnitPrice { amount currency } }
    taxRateBps cancellationPolicy { minNoticeHours refundPercent }";

#[derive(Debug, Deserialize)]
pub(super) struct NewQuery {
    organization: Option<String>,
}

/// What the form page shows besides the values.
struct Shown<'a> {
    hub: &'a str,
    /// The listing being edited (`None`: a new one).
    listing: Option<&'a Value>,
    /// `hub` and `myOrganizations`, as the API answered.
    context: &'a Value,
    typed: &'a Typed,
    /// The reason and the field it is about, when the form was refused.
    error: Option<(String, Option<String>)>,
}

fn form_page(
    visitor: &Visitor,
    who: &Identified,
    shown: Shown<'_>,
    status: StatusCode,
) -> Response {
    let (error, error_field) = shown.error.unwrap_or_default();
    let action = match shown.listing {
        Some(listing) => format!(
            "/hubs/{}/provider/listings/{}",
            shown.hub,
            listing["id"].as_str().unwrap_or_default()
        ),
        None => format!("/hubs/{}/provider/listings/new", shown.hub),
    };
    let organization_options: Vec<[String; 2]> = shown.context["myOrganizations"]
        .as_array()
        .map(|mine| {
            mine.iter()
                .map(|o| {
                    [
                        o["id"].as_str().unwrap_or_default().to_owned(),
                        o["name"].as_str().unwrap_or_default().to_owned(),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    Page::new(
        "provider/listing.html",
        minijinja::context! {
            section => if shown.listing.is_some() { "listing" } else { "new" },
            listing => data(shown.listing),
            organizations => data(&shown.context["myOrganizations"]),
            organization_options => organization_options,
            currency => shown.context["hub"]["currency"].as_str().unwrap_or_default(),
            v => data(shown.typed),
            tiers => (1..=TIERS).collect::<Vec<_>>(),
            action => action,
            error => error,
            error_field => error_field.unwrap_or_default(),
        },
    )
    .status(status)
    .show(visitor, Some(who))
}

async fn identified(
    state: &AppState,
    visitor: &Visitor,
    hub: &str,
) -> Result<Identified, Response> {
    ask::identified(state, visitor, Some(hub)).await
}

/// `GET /hubs/{hub}/provider/listings/new`.
pub(super) async fn new_form(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Query(query): Query<NewQuery>,
    visitor: Visitor,
) -> Response {
    let who = match identified(&state, &visitor, &hub).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let document = format!("{{ hub {{ currency }} {MY_ORGANIZATIONS} }}");
    let context = match ask::read(&state, &visitor, &who, &document, json!({})).await {
        Ok(context) => context,
        Err(page) => return page,
    };
    // The organization asked for when it is one of the visitor's, else the
    // first of theirs.
    let chosen = query
        .organization
        .filter(|id| acts_for(&context, &json!(id)))
        .or_else(|| {
            context["myOrganizations"][0]["id"]
                .as_str()
                .map(str::to_owned)
        });
    let typed = listing_form::for_new(chosen.as_deref());
    let shown = Shown {
        hub: &hub,
        listing: None,
        context: &context,
        typed: &typed,
        error: None,
    };
    form_page(&visitor, &who, shown, StatusCode::OK)
}

/// The form again after a refusal, `typed` kept.
async fn refused_form(
    state: &AppState,
    visitor: &Visitor,
    who: &Identified,
    hub: &str,
    listing_id: Option<&str>,
    typed: &Typed,
    refusal: Refusal,
) -> Response {
    if refusal.code == "UNAUTHENTICATED" {
        return login_then(&visitor.here, visitor);
    }
    let document = match listing_id {
        Some(_) => format!(
            "query($id: ID!) {{ listing(id: $id) {{ {LISTING_FIELDS} }} hub {{ currency }} {MY_ORGANIZATIONS} }}"
        ),
        None => format!("{{ hub {{ currency }} {MY_ORGANIZATIONS} }}"),
    };
    let context = match api::ask(state, who, &document, json!({ "id": listing_id })).await {
        Ok(context) => context,
        Err(again) => return refused(visitor, Some(who), again),
    };
    let shown = Shown {
        hub,
        listing: listing_id.map(|_| &context["listing"]),
        context: &context,
        typed,
        error: Some((refusal.message, refusal.field)),
    };
    form_page(visitor, who, shown, status_of(&refusal.code))
}

/// A refusal of the page itself (a malformed number), worded for `who`.
fn page_refusal(wrong: listing_form::Wrong, who: &Identified) -> Refusal {
    Refusal {
        code: "VALIDATION".to_owned(),
        message: wrong.message.render(who.locale()),
        field: Some(wrong.field),
    }
}

/// `POST /hubs/{hub}/provider/listings/new`.
pub(super) async fn create(
    State(state): State<AppState>,
    Path(hub): Path<String>,
    Posted(visitor, fields): Posted,
) -> Response {
    let who = match identified(&state, &visitor, &hub).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let typed = listing_form::from_fields(&fields);
    let refusal = match listing_form::to_input(&typed, true) {
        Err(wrong) => page_refusal(wrong, &who),
        Ok(input) => {
            let document =
                "mutation($input: ListingInput!) { createListing(input: $input) { id } }";
            match api::ask(&state, &who, document, json!({ "input": input })).await {
                Ok(done) => {
                    let id = done["createListing"]["id"].as_str().unwrap_or_default();
                    let said = msg!("page-provider-listing-created").render(who.locale());
                    return see_other(
                        &format!("/hubs/{hub}/provider/listings/{id}"),
                        &visitor,
                        Some(Notice::Done(&said)),
                    );
                }
                Err(refusal) => refusal,
            }
        }
    };
    refused_form(&state, &visitor, &who, &hub, None, &typed, refusal).await
}

/// `GET /hubs/{hub}/provider/listings/{id}`.
pub(super) async fn edit_form(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    visitor: Visitor,
) -> Response {
    let who = match identified(&state, &visitor, &hub).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let document = format!(
        "query($id: ID!) {{ listing(id: $id) {{ {LISTING_FIELDS} }} hub {{ currency }} {MY_ORGANIZATIONS} }}"
    );
    let context = match ask::read(&state, &visitor, &who, &document, json!({ "id": id })).await {
        Ok(context) => context,
        Err(page) => return page,
    };
    if !acts_for(&context, &context["listing"]["organization"]["id"]) {
        return not_yours(&visitor, &who);
    }
    let typed = listing_form::from_listing(&context["listing"]);
    let shown = Shown {
        hub: &hub,
        listing: Some(&context["listing"]),
        context: &context,
        typed: &typed,
        error: None,
    };
    form_page(&visitor, &who, shown, StatusCode::OK)
}

/// `POST /hubs/{hub}/provider/listings/{id}`.
pub(super) async fn update(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let who = match identified(&state, &visitor, &hub).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let typed = listing_form::from_fields(&fields);
    let refusal = match listing_form::to_input(&typed, false) {
        Err(wrong) => page_refusal(wrong, &who),
        Ok(input) => {
            let document = "mutation($id: ID!, $input: ListingInput!) { updateListing(id: $id, input: $input) { id } }";
            match api::ask(&state, &who, document, json!({ "id": id, "input": input })).await {
                Ok(_) => {
                    let said = msg!("page-provider-listing-saved").render(who.locale());
                    return see_other(
                        &format!("/hubs/{hub}/provider/listings/{id}"),
                        &visitor,
                        Some(Notice::Done(&said)),
                    );
                }
                Err(refusal) => refusal,
            }
        }
    };
    refused_form(&state, &visitor, &who, &hub, Some(&id), &typed, refusal).await
}

/// A one-button step of the listing's life, then back to its page.
async fn step(
    state: &AppState,
    visitor: &Visitor,
    hub: &str,
    id: &str,
    document: &str,
    done: crate::i18n::Message,
) -> Response {
    let who = match identified(state, visitor, hub).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let back = format!("/hubs/{hub}/provider/listings/{id}");
    match ask::act(state, visitor, &who, document, json!({ "id": id }), &back).await {
        Ok(_) => see_other(
            &back,
            visitor,
            Some(Notice::Done(&done.render(who.locale()))),
        ),
        Err(page) => page,
    }
}

/// `POST /hubs/{hub}/provider/listings/{id}/submit`.
pub(super) async fn submit(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let document = "mutation($id: ID!) { submitListing(id: $id) { id status } }";
    let done = msg!("page-provider-listing-submitted");
    step(&state, &visitor, &hub, &id, document, done).await
}

/// `POST /hubs/{hub}/provider/listings/{id}/archive`.
pub(super) async fn archive(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, _): Posted,
) -> Response {
    let document = "mutation($id: ID!) { archiveListing(id: $id) { id status } }";
    let done = msg!("page-provider-listing-archived");
    step(&state, &visitor, &hub, &id, document, done).await
}
