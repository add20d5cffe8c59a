//! Who may see and change which listings of a hub.
//!
//! Published public listings are for anyone; published hub-only listings for
//! the hub's members; drafts, listings under review and archived ones for
//! the hub's managers and the providers acting for the listing's organization.
//! A listing the caller may not see answers `NOT_FOUND`, like a missing one.

use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::error::AppResult;
use crate::organizations::store as organizations_store;
use crate::request::RequestContext;
use crate::tenancy::model::Role;

use super::error::ListingError;
use super::model::{ListingStatus, Visibility};

/// The caller's standing towards the hub's listings.
#[derive(Debug, Clone)]
pub struct ListingAccess {
    role: Option<Role>,
    organizations: Vec<uuid::Uuid>,
}

impl ListingAccess {
    /// Works out the caller's role and organizations in the transaction's hub.
    pub async fn of(request: &RequestContext, hx: &HubTx) -> AppResult<ListingAccess> {
        let organizations = match (&request.viewer, request.role) {
            (Some(viewer), Some(Role::Provider | Role::Manager)) => {
                organizations_store::organizations_of(hx, viewer.id()).await?
            }
            _ => Vec::new(),
        };
        Ok(ListingAccess {
            role: request.role,
            organizations,
        })
    }

    /// Whether the caller manages the hub.
    pub fn is_manager(&self) -> bool {
        self.role == Some(Role::Manager)
    }

    /// Whether the caller may change listings of `organization`.
    pub fn may_edit_for(&self, organization: uuid::Uuid) -> bool {
        self.is_manager() || self.organizations.contains(&organization)
    }

    /// Whether the caller may see `row`.
    pub fn may_view(&self, row: &listing::Model) -> bool {
        match row.status {
            ListingStatus::Published => {
                row.visibility == Visibility::Public
                    || self.role.is_some()
                    || self.may_edit_for(row.organization_id)
            }
            _ => self.may_edit_for(row.organization_id),
        }
    }

    /// The statuses whose listings the caller could see in a search.
    pub fn visible_statuses(&self) -> Vec<ListingStatus> {
        if self.is_manager() || !self.organizations.is_empty() {
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
        if self.may_edit_for(row.organization_id) {
            Ok(())
        } else if self.may_view(row) {
            Err(ListingError::EditForbidden.into())
        } else {
            Err(super::store::not_found())
        }
    }

    /// `Ok` for managers; `FORBIDDEN` for others who can see `row`.
    pub fn check_review(&self, row: &listing::Model) -> AppResult<()> {
        if self.is_manager() {
            Ok(())
        } else if self.may_view(row) {
            Err(ListingError::ReviewManagersOnly.into())
        } else {
            Err(super::store::not_found())
        }
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
