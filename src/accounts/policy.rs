//! Who may do what in a hub: one pure rule, [`may`], over plain facts about
//! the caller ([`Actor`]) and what they ask to do to what ([`Action`]), in the
//! spirit of crates.io's `AuthCheck`. No database and no GraphQL context: the
//! callers gather the facts, ask, and turn a [`Deny`] into the error the API
//! answers ([`Deny::error`]).
//!
//! A denial says how to answer. A thing the caller may not even see is
//! hidden (`NOT_FOUND`, exactly like a missing one, so ids cannot be probed);
//! a thing they can see but not act on is refused (`FORBIDDEN`).

use crate::entities::listing::{self, ListingStatus, Visibility};
use crate::entities::membership::Role;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::msg;

/// The caller, as plain facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// The logged-in user, if any.
    pub user: Option<UserId>,
    /// Whether that user runs the platform (creates hubs).
    pub platform_admin: bool,
    /// The user's role in the request's hub, if a member.
    pub role: Option<Role>,
    /// The hub's organizations the user acts for.
    pub organizations: Vec<uuid::Uuid>,
}

impl Actor {
    /// Whether the caller manages the hub.
    pub fn manages_hub(&self) -> bool {
        self.role == Some(Role::Manager)
    }

    /// Whether the caller is `user`.
    pub fn is(&self, user: UserId) -> bool {
        self.user == Some(user)
    }

    /// Whether the caller may change what belongs to `organization`: a
    /// manager, or a provider acting for it. Acting for an organization
    /// counts only with the provider role, so a member demoted from provider
    /// keeps no power through a stale organization membership.
    fn may_edit_for(&self, organization: uuid::Uuid) -> bool {
        self.manages_hub()
            || (self.role == Some(Role::Provider) && self.organizations.contains(&organization))
    }

    /// Whether the caller is a manager or provider.
    fn is_staff(&self) -> bool {
        matches!(self.role, Some(Role::Manager | Role::Provider))
    }

    /// Whether the caller may see `listing`: published public listings are
    /// for anyone, published hub-only ones for the hub's members, the rest
    /// (drafts, under review, archived) for those who may change them.
    fn sees(&self, listing: ListingFacts) -> bool {
        match listing.status {
            ListingStatus::Published => {
                listing.visibility == Visibility::Public || self.role.is_some()
            }
            ListingStatus::Draft | ListingStatus::PendingReview | ListingStatus::Archived => {
                self.may_edit_for(listing.organization)
            }
        }
    }
}

/// A listing, as the policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingFacts {
    /// The organization that offers it.
    pub organization: uuid::Uuid,
    /// Where it stands in review.
    pub status: ListingStatus,
    /// Who may see it once published.
    pub visibility: Visibility,
}

impl ListingFacts {
    /// The facts of a stored listing.
    pub fn of(row: &listing::Model) -> ListingFacts {
        ListingFacts {
            organization: row.organization_id,
            status: row.status,
            visibility: row.visibility,
        }
    }
}

/// A booking, as the policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingFacts {
    /// Who made it.
    pub customer: UserId,
    /// The organization of the booked listing.
    pub organization: uuid::Uuid,
}

/// Every guarded operation of the API, with what it acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `createHub`.
    CreateHub,
    /// `hub { members }`.
    ViewMembers,
    /// `addMember`, `changeMemberRole`, `removeMember` of someone else.
    ManageMembers,
    /// `removeMember` of oneself.
    LeaveHub,
    /// `auditLog`.
    ReadAuditLog,
    /// `markPaid`, `markRefunded`, `paymentsReport` and its CSV export.
    ManagePayments,
    /// `updateHubSettings`.
    ConfigureHub,
    /// `createOrganization`.
    CreateOrganization,
    /// `updateOrganization`.
    EditOrganization(uuid::Uuid),
    /// `organization { members }`.
    ViewOrganizationMembers(uuid::Uuid),
    /// `addOrganizationMember`, `removeOrganizationMember`.
    ManageOrganizationMembers,
    /// An organization's contact email and phone: for the hub's members.
    ViewOrganizationContacts,
    /// Any listing mutation at all: the door before the listing is known.
    EditListings,
    /// `createListing` for an organization.
    CreateListing(uuid::Uuid),
    /// `updateListing` moving a listing to another organization.
    MoveListingTo(uuid::Uuid),
    /// `updateListing`, `setAvailability`, `submitListing`, `archiveListing`.
    EditListing(ListingFacts),
    /// `publishListing`, `rejectListing`.
    ReviewListing(ListingFacts),
    /// `listing`, a search hit, `availability`, `quoteBooking`, `createBooking`.
    ViewListing(ListingFacts),
    /// Searching drafts, listings under review and archived ones as well.
    ViewUnpublishedListings,
    /// `bookings` and `dayView`, the staff's views.
    ViewBookings,
    /// Those views over every listing of the hub, not only one's organizations'.
    ViewAllBookings,
    /// `booking`.
    ViewBooking(BookingFacts),
    /// `approveBooking`.
    ApproveBooking(BookingFacts),
    /// `declineBooking`.
    DeclineBooking(BookingFacts),
    /// `cancelBooking`.
    CancelBooking(BookingFacts),
    /// `markNoShow`.
    MarkNoShow(BookingFacts),
    /// `cancelBookingSeries`, for each booking of the series.
    CancelBookingSeries {
        /// Who made the booking.
        customer: UserId,
    },
    /// `calendarFeed(kind: USER)` and its rotation: one's own bookings in
    /// the hub, for anyone logged in (a public listing can be booked by
    /// someone who is not a member). Asked again each time the feed is read.
    SubscribeOwnCalendar,
    /// `calendarFeed(kind: LISTING)`: a listing's confirmed bookings, for
    /// its organization's providers and the managers.
    SubscribeListingCalendar(ListingFacts),
    /// `calendarFeed(kind: HUB)`: every confirmed booking of the hub, for managers.
    SubscribeHubCalendar,
}

/// What the policy answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Not this caller; the denial says how to answer.
    Deny(Deny),
}

/// Why a caller may not, which decides the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deny {
    /// Nobody is logged in: `UNAUTHENTICATED`.
    LogIn,
    /// The caller may not know the thing exists: `NOT_FOUND`, as if missing.
    Hide,
    /// The caller's role may not do this at all: `FORBIDDEN`.
    Role,
    /// The caller may see the thing, but it is not theirs to do this to: `FORBIDDEN`.
    NotYours,
}

impl Decision {
    /// Whether the caller may go ahead.
    pub fn is_allowed(self) -> bool {
        self == Decision::Allow
    }
}

fn allow_if(allowed: bool, otherwise: Deny) -> Decision {
    if allowed {
        Decision::Allow
    } else {
        Decision::Deny(otherwise)
    }
}

/// Allowed if `allowed`; else refused if the caller `sees` the thing, else hidden.
fn on_something_seen(allowed: bool, sees: bool) -> Decision {
    allow_if(allowed, if sees { Deny::NotYours } else { Deny::Hide })
}

/// Whether `actor` may do `action`.
pub fn may(actor: &Actor, action: Action) -> Decision {
    use Action::*;
    let looking = matches!(
        action,
        ViewListing(_) | ViewUnpublishedListings | ViewOrganizationContacts
    );
    if actor.user.is_none() && !looking {
        return Decision::Deny(Deny::LogIn);
    }
    let manager = actor.manages_hub();
    match action {
        CreateHub => allow_if(actor.platform_admin, Deny::Role),
        ViewMembers
        | ManageMembers
        | ReadAuditLog
        | ManagePayments
        | ConfigureHub
        | CreateOrganization
        | ManageOrganizationMembers => allow_if(manager, Deny::Role),
        LeaveHub => Decision::Allow,
        // A provider reaches these, but only for their own organizations.
        EditOrganization(organization)
        | ViewOrganizationMembers(organization)
        | CreateListing(organization)
        | MoveListingTo(organization) => allow_if(
            actor.may_edit_for(organization),
            if actor.is_staff() {
                Deny::NotYours
            } else {
                Deny::Role
            },
        ),
        ViewOrganizationContacts => allow_if(actor.role.is_some(), Deny::Hide),
        EditListings | ViewBookings => allow_if(actor.is_staff(), Deny::Role),
        EditListing(listing) => on_something_seen(
            actor.may_edit_for(listing.organization),
            actor.sees(listing),
        ),
        ReviewListing(listing) => on_something_seen(manager, actor.sees(listing)),
        ViewListing(listing) => allow_if(actor.sees(listing), Deny::Hide),
        ViewUnpublishedListings => allow_if(
            manager || (actor.is_staff() && !actor.organizations.is_empty()),
            Deny::Hide,
        ),
        // Providers see only their organizations' bookings.
        ViewAllBookings => allow_if(manager, Deny::Hide),
        ViewBooking(booking) => allow_if(
            actor.is(booking.customer) || actor.may_edit_for(booking.organization),
            Deny::Hide,
        ),
        ApproveBooking(booking) | DeclineBooking(booking) => on_something_seen(
            actor.may_edit_for(booking.organization),
            actor.is(booking.customer),
        ),
        CancelBooking(booking) => on_something_seen(
            actor.is(booking.customer) || manager,
            actor.may_edit_for(booking.organization),
        ),
        MarkNoShow(booking) => on_something_seen(
            manager,
            actor.is(booking.customer) || actor.may_edit_for(booking.organization),
        ),
        CancelBookingSeries { customer } => allow_if(actor.is(customer) || manager, Deny::Hide),
        SubscribeOwnCalendar => Decision::Allow,
        SubscribeListingCalendar(listing) => on_something_seen(
            actor.may_edit_for(listing.organization),
            actor.sees(listing),
        ),
        SubscribeHubCalendar => allow_if(manager, Deny::Role),
    }
}

/// `Ok` if `actor` may do `action`, else the API's error for the denial.
pub fn check(actor: &Actor, action: Action) -> AppResult<()> {
    match may(actor, action) {
        Decision::Allow => Ok(()),
        Decision::Deny(deny) => Err(deny.error(action)),
    }
}

/// What an action is about, which names what a hidden thing was.
enum Subject {
    Hub,
    Organization,
    Listing,
    Booking,
}

fn subject(action: Action) -> Subject {
    use Action::*;
    match action {
        CreateHub | ViewMembers | ManageMembers | LeaveHub | ReadAuditLog | ManagePayments
        | ConfigureHub | SubscribeOwnCalendar | SubscribeHubCalendar => Subject::Hub,
        CreateOrganization
        | EditOrganization(_)
        | ViewOrganizationMembers(_)
        | ManageOrganizationMembers
        | ViewOrganizationContacts => Subject::Organization,
        EditListings
        | CreateListing(_)
        | MoveListingTo(_)
        | EditListing(_)
        | ReviewListing(_)
        | ViewListing(_)
        | ViewUnpublishedListings
        | SubscribeListingCalendar(_) => Subject::Listing,
        ViewBookings
        | ViewAllBookings
        | ViewBooking(_)
        | ApproveBooking(_)
        | DeclineBooking(_)
        | CancelBooking(_)
        | MarkNoShow(_)
        | CancelBookingSeries { .. } => Subject::Booking,
    }
}

impl Deny {
    /// The error the API answers for this denial of `action`: the codes and
    /// messages it answered before the rules moved here.
    pub fn error(self, action: Action) -> AppError {
        use Action::*;
        match self {
            Deny::LogIn => AppError::login_required(),
            Deny::Hide => AppError::NotFound(match subject(action) {
                // The hub's own rules refuse rather than hide; a person is
                // what a hub-level action could fail to find.
                Subject::Hub => msg!("member-missing"),
                Subject::Organization => msg!("organization-not-found"),
                Subject::Listing => msg!("listing-not-found"),
                Subject::Booking => msg!("booking-not-found"),
            }),
            Deny::Role | Deny::NotYours => AppError::Forbidden(match (action, self) {
                (CreateHub, _) => msg!("error-platform-admin-only"),
                (ManagePayments, _) => msg!("payment-managers-only"),
                (ConfigureHub, _) => msg!("hub-settings-managers-only"),
                (EditOrganization(_) | ViewOrganizationMembers(_), Deny::NotYours) => {
                    msg!("organization-staff-only")
                }
                (CreateListing(_), Deny::NotYours) => msg!("listing-own-organization-only"),
                (EditListing(_), _) => msg!("listing-edit-forbidden"),
                (ReviewListing(_), _) => msg!("listing-review-managers-only"),
                (ApproveBooking(_) | DeclineBooking(_) | CancelBooking(_) | MarkNoShow(_), _) => {
                    msg!("booking-part-not-allowed")
                }
                (SubscribeListingCalendar(_), _) => msg!("calendar-listing-staff-only"),
                (SubscribeHubCalendar, _) => msg!("calendar-hub-managers-only"),
                _ => msg!("error-role-not-allowed"),
            }),
        }
    }
}

#[cfg(test)]
mod tests;
