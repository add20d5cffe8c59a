//! The use cases of listings: create, update, move through review, set
//! opening hours. Each loads what it changes (locked), checks the caller's
//! standing and the rules, writes, and audits, inside the caller's
//! transaction; resolvers only parse input and map the result.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::audit::store::{self as audit, Change};
use crate::db::scope::HubTx;
use crate::entities::listing;
use crate::error::AppResult;
use crate::ids::UserId;
use crate::organizations::store as organizations_store;

use super::access::{ListingAccess, visible_listing};
use super::bookings_view::{BookingsView, ProposedRules};
use super::error::ListingError;
use super::hours::OpeningHours;
use super::model::{ListingStatus, ReviewStep};
use super::rejection::Rejection;
use super::spec::ListingSpec;
use super::store;
use super::stored::{hours_from_row, spec_from_row};
use super::tax::TaxRate;

/// Who changes listings, where and when: the plain facts every command needs.
pub struct Editor<'a> {
    /// The transaction, confined to the hub.
    pub hx: &'a HubTx,
    /// The caller's standing towards the hub's listings.
    pub access: &'a ListingAccess,
    /// The caller, for the audit log.
    pub actor: Option<UserId>,
    /// The hub's time zone.
    pub tz: Tz,
    /// The hub's commission on the gross, in basis points: a listing's tax
    /// rate must leave its provider something beside it.
    pub commission_bps: u32,
    /// Now.
    pub now: DateTime<Utc>,
    /// The booking engine, for changes that bookings may stand in the way of.
    pub bookings: &'a dyn BookingsView,
}

impl Editor<'_> {
    /// Records the change of `row`, with the rejection's reason when it is one.
    async fn audited(
        &self,
        row: &listing::Model,
        action: &str,
        from: Option<ListingStatus>,
        rejection: Option<Rejection>,
    ) -> AppResult<()> {
        let change = Change {
            actor: self.actor,
            subject: "LISTING",
            subject_id: row.id,
            action,
            from: from.map(ListingStatus::as_str),
            to: Some(row.status.as_str()),
        };
        match rejection {
            Some(rejection) => {
                audit::record_with_details(self.hx, change, &rejection, self.now).await
            }
            None => audit::record(self.hx, change, self.now).await,
        }
    }

    /// The listing `id`, locked, if the caller may change it.
    async fn editable(&self, id: uuid::Uuid) -> AppResult<listing::Model> {
        let row = visible_listing(self.hx, self.access, id, true).await?;
        self.access.check_edit(&row)?;
        Ok(row)
    }

    /// `NOT_FOUND` unless `organization` is one of the hub's, like every
    /// other id of another hub; `FORBIDDEN` unless the caller acts for it.
    async fn require_organization(&self, organization: uuid::Uuid) -> AppResult<()> {
        organizations_store::find(self.hx, organization)
            .await?
            .ok_or(ListingError::OrganizationNotFound)?;
        if self.access.may_edit_for(organization) {
            Ok(())
        } else {
            Err(ListingError::OwnOrganizationOnly.into())
        }
    }

    /// `VALIDATION` on the tax rate when, beside the hub's commission, it
    /// could leave the provider less than nothing (see `tax`): refused here,
    /// where the provider can choose another rate, rather than found out
    /// by a customer at the desk.
    fn check_tax(&self, spec: &ListingSpec) -> AppResult<()> {
        if spec.tax.fits_beside(self.commission_bps) {
            Ok(())
        } else {
            Err(ListingError::TaxBesideCommission {
                commission_bps: self.commission_bps,
                highest_bps: TaxRate::highest_beside(self.commission_bps).bps(),
            }
            .into())
        }
    }

    /// `CONFLICT`, naming how many bookings stand in the way and the first,
    /// when `row` with the capacity and booking length of `spec` and with
    /// `hours` would leave future bookings without room, outside its hours or
    /// longer than it allows.
    async fn refuse_stranding(
        &self,
        row: &listing::Model,
        spec: &ListingSpec,
        hours: &OpeningHours,
        what: &'static str,
    ) -> AppResult<()> {
        let proposed = ProposedRules {
            row,
            capacity: spec.capacity,
            unit: spec.unit,
            max_units: spec.max_units,
            hours,
            tz: self.tz,
        };
        match self.bookings.stranded(self.hx, proposed, self.now).await? {
            None => Ok(()),
            Some(stranded) => {
                let first = stranded
                    .first
                    .with_timezone(&self.tz)
                    .format("%Y-%m-%d %H:%M");
                Err(ListingError::StrandsBookings {
                    count: stranded.count,
                    first: first.to_string(),
                    what,
                }
                .into())
            }
        }
    }
}

/// Creates a draft listing for an organization the caller acts for.
pub async fn create(editor: &Editor<'_>, spec: &ListingSpec) -> AppResult<listing::Model> {
    editor.require_organization(spec.organization_id).await?;
    editor.check_tax(spec)?;
    let row = store::insert(editor.hx, spec, editor.now).await?;
    editor.audited(&row, "createListing", None, None).await?;
    Ok(row)
}

/// Changes a listing with `patch`, which receives its current content. A
/// provider may move a listing only to another organization of their own;
/// a smaller capacity may not leave future bookings without room.
pub async fn update(
    editor: &Editor<'_>,
    id: uuid::Uuid,
    patch: impl FnOnce(ListingSpec) -> AppResult<ListingSpec>,
) -> AppResult<listing::Model> {
    let row = editor.editable(id).await?;
    if row.status == ListingStatus::Archived {
        return Err(ListingError::Archived.into());
    }
    let mut current = spec_from_row(&row)?;
    current.tags = store::tags_of(editor.hx, &[row.id])
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    let (old_capacity, old_tax) = (current.capacity, current.tax);
    let (old_unit, old_max_units) = (current.unit, current.max_units);
    let spec = patch(current)?;
    // A rate set before the hub's commission rose stays until changed: the
    // quote already keeps such bookings whole (see `pricing`), and blocking
    // every other edit of the listing over it would help no one.
    if spec.tax != old_tax {
        editor.check_tax(&spec)?;
    }
    if spec.organization_id != row.organization_id {
        editor.require_organization(spec.organization_id).await?;
    }
    // A booking longer than the listing now allows would also fall out of
    // sight of the capacity check, which looks back only as far as the
    // longest booking the listing allows.
    let what = if spec.capacity < old_capacity {
        Some("capacity")
    } else if spec.unit != old_unit || spec.max_units < old_max_units {
        Some("length")
    } else {
        None
    };
    if let Some(what) = what {
        let hours = hours_from_row(&row)?;
        editor.refuse_stranding(&row, &spec, &hours, what).await?;
    }
    let row = store::update_spec(editor.hx, row, &spec, editor.now).await?;
    editor
        .audited(&row, "updateListing", Some(row.status), None)
        .await?;
    Ok(row)
}

/// Moves a listing one step through review: managers publish and reject;
/// whoever may edit it submits and archives.
pub async fn review(
    editor: &Editor<'_>,
    id: uuid::Uuid,
    step: ReviewStep,
    note: Option<String>,
) -> AppResult<listing::Model> {
    let row = visible_listing(editor.hx, editor.access, id, true).await?;
    match step {
        ReviewStep::Publish | ReviewStep::Reject => editor.access.check_review(&row)?,
        ReviewStep::Submit | ReviewStep::Archive => editor.access.check_edit(&row)?,
    }
    let next = row.status.after(step).ok_or(ListingError::StepNotAllowed {
        status: row.status,
        step,
    })?;
    if next == ListingStatus::PendingReview || next == ListingStatus::Published {
        // Nothing without opening hours can be booked: catch it before review.
        let hours = hours_from_row(&row)?;
        if hours.rules.is_empty() && hours.exceptions.is_empty() {
            return Err(ListingError::HoursNeeded.into());
        }
    }
    let from = row.status;
    let rejection = match (step, &note) {
        (ReviewStep::Reject, Some(reason)) => Some(Rejection {
            reason: reason.clone(),
        }),
        _ => None,
    };
    let row = store::set_status(editor.hx, row, next, note, editor.now).await?;
    let action = match step {
        ReviewStep::Submit => "submitListing",
        ReviewStep::Publish => "publishListing",
        ReviewStep::Reject => "rejectListing",
        ReviewStep::Archive => "archiveListing",
    };
    editor.audited(&row, action, Some(from), rejection).await?;
    Ok(row)
}

/// Replaces a listing's opening hours, unless that would leave future
/// bookings outside them.
pub async fn set_hours(
    editor: &Editor<'_>,
    id: uuid::Uuid,
    hours: &OpeningHours,
) -> AppResult<listing::Model> {
    let row = editor.editable(id).await?;
    let spec = spec_from_row(&row)?;
    editor.refuse_stranding(&row, &spec, hours, "hours").await?;
    let row = store::set_hours(editor.hx, row, hours, editor.now).await?;
    editor
        .audited(&row, "setAvailability", Some(row.status), None)
        .await?;
    Ok(row)
}
