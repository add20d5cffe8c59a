//! The hub manager's desk, under `/hubs/{slug}/manage`: the requests
//! waiting for an answer, the calendar of every listing and one booking,
//! the listings to review, the members and their roles, the audit log,
//! the payments report (and its spreadsheet) and the emails that could not
//! be delivered. Every page and form is for the hub's managers; what each
//! one may do is still the API's decision, asked as the visitor.

mod audit;
mod booking;
mod calendar;
mod dead_letters;
mod inbox;
mod members;
mod payments;
mod review;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use crate::entities::membership::Role;
use crate::http::AppState;
use crate::i18n::Message;
use crate::msg;

use super::ask;
use super::render::{Notice, Page, login_then, message, page_templates, see_other};
use super::visitor::{Identified, Visitor};

/// This area's templates.
pub(super) const TEMPLATES: &[(&str, &str)] = page_templates!(
    "manager/desk.html",
    "manager/inbox.html",
    "manager/calendar.html",
    "manager/booking.html",
    "manager/review.html",
    "manager/members.html",
    "manager/audit.html",
    "manager/payments.html",
    "manager/dead-letters.html",
);

/// This area's routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .merge(inbox::routes())
        .merge(calendar::routes())
        .merge(booking::routes())
        .merge(review::routes())
        .merge(members::routes())
        .merge(audit::routes())
        .merge(payments::routes())
        .merge(dead_letters::routes())
}

/// The visitor, identified in hub `slug` as one of its managers; else the
/// log-in (coming back to `back`) or a page saying the desk is not theirs.
/// The desk is one place for one role: a provider, whom the API lets see
/// their own listings' bookings, is sent to their own pages instead.
async fn manager(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    back: &str,
) -> Result<Identified, Response> {
    let who = ask::identified(state, visitor, Some(slug)).await?;
    if who.context.viewer.is_none() {
        return Err(login_then(back, visitor));
    }
    if who.context.role != Some(Role::Manager) {
        let locale = who.locale();
        return Err(message(
            &msg!("page-forbidden-title").render(locale),
            &msg!("page-manager-only").render(locale),
            StatusCode::FORBIDDEN,
        )
        .show(visitor, Some(&who)));
    }
    Ok(who)
}

/// Which page of a desk list to show: after the cursor `after`.
#[derive(Debug, serde::Deserialize)]
struct Paging {
    after: Option<String>,
}

impl Paging {
    /// `document` asked for `first` rows after the cursor (its variables
    /// `$first` and `$after`), and whether this is a later page than the first.
    fn read(self, document: &'static str, first: i32) -> ((&'static str, Value), bool) {
        let after = self.after.filter(|a| !a.is_empty());
        let paged = after.is_some();
        (
            (
                document,
                serde_json::json!({ "first": first, "after": after }),
            ),
            paged,
        )
    }
}

/// A desk page that shows what `document` reads: the manager identified,
/// the answer read, then `template` with the values `show` takes from the
/// answer (and from who is looking).
async fn desk_page(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    (document, variables): (&str, Value),
    template: &'static str,
    show: impl FnOnce(&Value, &Identified) -> minijinja::Value,
) -> Response {
    let who = match manager(state, visitor, slug, &visitor.here).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    match ask::read(state, visitor, &who, document, variables).await {
        Ok(answer) => Page::new(template, show(&answer, &who)).show(visitor, Some(&who)),
        Err(page) => page,
    }
}

/// Carries out a desk form's `document` as the manager, then back to
/// `back` saying `done` (or, refused, why not).
async fn act(
    state: &AppState,
    visitor: &Visitor,
    slug: &str,
    back: &str,
    document: &str,
    variables: Value,
    done: Message,
) -> Response {
    let who = match manager(state, visitor, slug, back).await {
        Ok(who) => who,
        Err(page) => return page,
    };
    match ask::act(state, visitor, &who, document, variables, back).await {
        Ok(_) => {
            let said = done.render(who.locale());
            see_other(back, visitor, Some(Notice::Done(&said)))
        }
        Err(page) => page,
    }
}

/// The path of the desk page `page` of hub `slug` (`""` is the inbox).
fn desk_path(slug: &str, page: &str) -> String {
    if page.is_empty() {
        format!("/hubs/{slug}/manage")
    } else {
        format!("/hubs/{slug}/manage/{page}")
    }
}
