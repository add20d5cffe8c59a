//! Messages about a listing's review: a submission to the hub's managers,
//! the answer (published, or sent back with the reason) to the providers
//! acting for the listing's organization.
//!
//! The answer goes to the organization's providers rather than to whoever
//! created the listing: listings record no author, the organization is who
//! offers and maintains it, and someone who left it should not hear of it.
//! The person who made the change is left out: they know already.

use crate::audit::store as audit;
use crate::error::AppResult;
use crate::listings::directory::{has_public_page, public_link};
use crate::listings::rejection::Rejection;
use crate::listings::store as listings_store;
use crate::organizations::store as organizations_store;

use super::super::kinds::Kind;
use super::super::recipients;
use super::super::templates::Facts;
use super::{Announcement, Letter};

/// The letters the review step of the listing `event.subject_id` calls for.
pub async fn letters(announcement: &Announcement<'_>) -> AppResult<Vec<Letter>> {
    let Announcement {
        hx,
        hub,
        event,
        kind,
        public_url,
        ..
    } = *announcement;
    let Some(listing) = listings_store::find(hx, event.subject_id, false).await? else {
        return Ok(Vec::new());
    };
    let organization = organizations_store::find(hx, listing.organization_id)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let people = match kind {
        Kind::ListingSubmitted => recipients::managers(hx, hub).await?,
        _ => recipients::providers(hx, hub, listing.organization_id).await?,
    };
    let reason = match (kind, &event.details) {
        (Kind::ListingRejected, Some(_)) => audit::details_of::<Rejection>(event)?.reason,
        // Rejected by a server that kept the reason on the listing only.
        (Kind::ListingRejected, None) => listing.review_note.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let link = if kind == Kind::ListingPublished && has_public_page(&listing) {
        public_link(public_url, &hub.slug, listing.id)
    } else {
        String::new()
    };
    let facts = Facts {
        hub: hub.name.clone(),
        listing: listing.title.clone(),
        organization,
        reason,
        link,
        ..Facts::default()
    };
    Ok(people
        .into_iter()
        .filter(|person| Some(person.user) != event.actor_id)
        .map(|person| Letter {
            person,
            facts: facts.clone(),
            attachments: Vec::new(),
        })
        .collect())
}
