//! A listing's opening hours: the weekly rules and the dated exceptions,
//! in the hub's time zone, saved together with `setAvailability`. A
//! refusal (hours that would leave bookings outside them) shows the API's
//! words above the form as it was typed, and nothing is saved.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use crate::http::AppState;
use crate::msg;

use super::super::api::{self, Refusal};
use super::super::ask;
use super::super::posted::Posted;
use super::super::render::{Notice, Page, data, login_then, refused, see_other, status_of};
use super::super::visitor::{Identified, Visitor};
use super::hours_form::{self, HoursForm};
use super::{MY_ORGANIZATIONS, acts_for, not_yours};

fn document() -> String {
    format!(
        "query($id: ID!) {{ listing(id: $id) {{ id title status organization {{ id name }}
            openingHours {{ rules {{ weekday opens closes }} exceptions {{ date kind opens closes }} }} }}
            hub {{ timeZone }} {MY_ORGANIZATIONS} }}"
    )
}

fn hours_page(
    visitor: &Visitor,
    who: &Identified,
    hub: &str,
    context: &Value,
    form: &HoursForm,
    error: Option<(String, Option<String>)>,
    status: StatusCode,
) -> Response {
    let (error, error_field) = error.unwrap_or_default();
    let listing = &context["listing"];
    Page::new(
        "provider/hours.html",
        minijinja::context! {
            section => "listing",
            listing => data(listing),
            time_zone => context["hub"]["timeZone"].as_str().unwrap_or_default(),
            form => data(form),
            action => format!(
                "/hubs/{hub}/provider/listings/{}/hours",
                listing["id"].as_str().unwrap_or_default()
            ),
            error => error,
            error_field => error_field.unwrap_or_default(),
        },
    )
    .status(status)
    .show(visitor, Some(who))
}

/// `GET /hubs/{hub}/provider/listings/{id}/hours`.
pub(super) async fn show(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    visitor: Visitor,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&hub)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let context = match ask::read(&state, &visitor, &who, &document(), json!({ "id": id })).await {
        Ok(context) => context,
        Err(page) => return page,
    };
    if !acts_for(&context, &context["listing"]["organization"]["id"]) {
        return not_yours(&visitor, &who);
    }
    let form = hours_form::from_api(&context["listing"]["openingHours"]);
    hours_page(&visitor, &who, &hub, &context, &form, None, StatusCode::OK)
}

/// `POST /hubs/{hub}/provider/listings/{id}/hours`.
pub(super) async fn save(
    State(state): State<AppState>,
    Path((hub, id)): Path<(String, String)>,
    Posted(visitor, fields): Posted,
) -> Response {
    let who = match ask::identified(&state, &visitor, Some(&hub)).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    let form = hours_form::from_fields(&fields);
    let refusal = match form.to_input() {
        Err(wrong) => Refusal {
            code: "VALIDATION".to_owned(),
            message: wrong.message.render(who.locale()),
            field: Some(wrong.field),
        },
        Ok(input) => {
            let document =
                "mutation($id: ID!, $rules: [WeeklyRuleInput!]!, $exceptions: [ExceptionInput!]) {
                setAvailability(listingId: $id, rules: $rules, exceptions: $exceptions) { id } }";
            let variables =
                json!({ "id": id, "rules": input.rules, "exceptions": input.exceptions });
            match api::ask(&state, &who, document, variables).await {
                Ok(_) => {
                    let said = msg!("page-provider-hours-saved").render(who.locale());
                    return see_other(
                        &format!("/hubs/{hub}/provider/listings/{id}/hours"),
                        &visitor,
                        Some(Notice::Done(&said)),
                    );
                }
                Err(mut refusal) => {
                    refusal.field = refusal.field.and_then(|f| input.form_field(&f));
                    refusal
                }
            }
        }
    };
    if refusal.code == "UNAUTHENTICATED" {
        return login_then(&visitor.here, &visitor);
    }
    let context = match api::ask(&state, &who, &document(), json!({ "id": id })).await {
        Ok(context) => context,
        Err(again) => return refused(&visitor, Some(&who), again),
    };
    let status = status_of(&refusal.code);
    let error = Some((refusal.message, refusal.field));
    hours_page(&visitor, &who, &hub, &context, &form, error, status)
}
