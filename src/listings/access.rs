//! Who may see and change which listings of a hub: the caller's facts
//! gathered once per transaction, and the policy (`accounts::policy`) asked
//! about each listing. A listing the caller may not see answers
//! `NOT_FOUND`, like a missing one.

use crate::accounts::policy::{self, Action, Actor, ListingFacts};
use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::error::AppResult;
use crate::organizations::acting;
use crate::request::RequestContext;

use super::model::ListingStatus;

/// The caller's standing towards the hub's listings.
#[derive(Debug, Clone)]
pub struct ListingAccess {
    actor: Actor,
}

impl ListingAccess {
    /// Works out the caller's role and organizations in the transaction's hub.
    pub async fn of(request: &RequestContext, hx: &HubTx) -> AppResult<ListingAccess> {
        Ok(ListingAccess {
            actor: acting::actor(request, hx).await?,
        })
    }

    /// The caller, as the policy sees them.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Whether the policy lets the caller do `action`.
    pub fn may(&self, action: Action) -> bool {
        policy::may(&self.actor, action).is_allowed()
    }

    /// `Ok` if the policy lets the caller do `action`, else its error.
    pub fn require(&self, action: Action) -> AppResult<()> {
        policy::check(&self.actor, action)
    }

    /// Whether the caller manages the hub.
    pub fn is_manager(&self) -> bool {
        self.actor.manages_hub()
    }

    /// Whether the caller may change listings of `organization`.
    pub fn may_edit_for(&self, organization: uuid::Uuid) -> bool {
        self.may(Action::CreateListing(organization))
    }

    /// Whether the caller may see `row`.
    pub fn may_view(&self, row: &listing::Model) -> bool {
        self.may_view_listing(ListingFacts::of(row))
    }

    /// Whether the caller may see the listing with these `facts`.
    pub fn may_view_listing(&self, facts: ListingFacts) -> bool {
        self.may(Action::ViewListing(facts))
    }

    /// The statuses whose listings the caller could see in a search.
    pub fn visible_statuses(&self) -> Vec<ListingStatus> {
        if self.may(Action::ViewUnpublishedListings) {
            vec![
                ListingStatus::Draft,
                ListingStatus::PendingReview,
                ListingStatus::Published,
                ListingStatus::Archived,
            ]
        } else {
            vec![ListingStatus::Published]
        }
    }

    /// `Ok` if the caller may change `row`; `FORBIDDEN` if they can see but
    /// not change it; `NOT_FOUND` if they cannot even see it.
    pub fn check_edit(&self, row: &listing::Model) -> AppResult<()> {
        self.require(Action::EditListing(ListingFacts::of(row)))
    }

    /// `Ok` for managers; `FORBIDDEN` for others who can see `row`.
    pub fn check_review(&self, row: &listing::Model) -> AppResult<()> {
        self.require(Action::ReviewListing(ListingFacts::of(row)))
    }
}

/// The one way to load a listing for someone: the listing `id` of the
/// transaction's hub if the caller may see it (locked when `lock`), else
/// `NOT_FOUND`, whether it is missing, in another hub or hidden.
pub async fn visible_listing(
    hx: &HubTx,
    access: &ListingAccess,
    id: uuid::Uuid,
    lock: bool,
) -> AppResult<listing::Model> {
    super::store::find(hx, id, lock)
        .await?
        .filter(|row| access.may_view(row))
        .ok_or_else(super::store::not_found)
}
