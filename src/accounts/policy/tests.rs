//! The policy written out as a table: every action (with each kind of
//! subject it can meet) against every kind of caller.

use super::*;

const ME: UserId = UserId(uuid::Uuid::from_u128(1));
const SOMEONE_ELSE: UserId = UserId(uuid::Uuid::from_u128(2));
/// The organization the action is about.
const ORG: uuid::Uuid = uuid::Uuid::from_u128(10);
/// Another organization of the hub.
const OTHER_ORG: uuid::Uuid = uuid::Uuid::from_u128(11);

/// The callers, in the table's column order: nobody logged in, then for a
/// user who is not (left) or is (right) a platform administrator, each role
/// (none, member, provider, manager) twice: `-` acting for another
/// organization of the hub only, `+` acting for the action's organization too.
fn callers() -> Vec<(String, Actor)> {
    let mut callers = vec![("anonymous".to_owned(), Actor::default())];
    for platform_admin in [false, true] {
        for role in [
            None,
            Some(Role::Member),
            Some(Role::Provider),
            Some(Role::Manager),
        ] {
            for acting in [false, true] {
                let organizations = if acting {
                    vec![OTHER_ORG, ORG]
                } else {
                    vec![OTHER_ORG]
                };
                let name = format!(
                    "{}{}{}",
                    role.map_or("no role", Role::as_str),
                    if acting { "+" } else { "-" },
                    if platform_admin { " admin" } else { "" }
                );
                callers.push((
                    name,
                    Actor {
                        user: Some(ME),
                        platform_admin,
                        role,
                        organizations,
                    },
                ));
            }
        }
    }
    callers
}

fn listing(status: ListingStatus, visibility: Visibility) -> ListingFacts {
    ListingFacts {
        organization: ORG,
        status,
        visibility,
    }
}

fn booking(customer: UserId) -> BookingFacts {
    BookingFacts {
        customer,
        organization: ORG,
    }
}

/// A = allow, L = log in (UNAUTHENTICATED), H = hide (NOT_FOUND),
/// R = refused for the role, N = refused: not theirs (both FORBIDDEN).
#[rustfmt::skip]
fn table() -> Vec<(&'static str, Action, &'static str)> {
    use Action::*;
    use ListingStatus::*;
    use Visibility::{Hub, Public};
    vec![
        //                                                                               |      not a platform admin      |        platform admin          |
        //                                                                          anon | none  member provider manager  | none  member provider manager  |
        //                                                                               | -  +  -  +   -  +     -  +     | -  +  -  +   -  +     -  +     |
        ("create a hub", CreateHub,                                                 "L  | R  R  R  R   R  R     R  R     | A  A  A  A   A  A     A  A"),
        ("view the members", ViewMembers,                                           "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
        ("manage the members", ManageMembers,                                       "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
        ("leave the hub", LeaveHub,                                                 "L  | A  A  A  A   A  A     A  A     | A  A  A  A   A  A     A  A"),
        ("read the audit log", ReadAuditLog,                                        "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
        ("manage payments", ManagePayments,                                         "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
        ("change the hub's settings", ConfigureHub,                                 "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
        ("create an organization", CreateOrganization,                              "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
        ("edit an organization", EditOrganization(ORG),                             "L  | R  R  R  R   N  A     A  A     | R  R  R  R   N  A     A  A"),
        ("view an organization's members", ViewOrganizationMembers(ORG),            "L  | R  R  R  R   N  A     A  A     | R  R  R  R   N  A     A  A"),
        ("manage an organization's members", ManageOrganizationMembers,             "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
        ("view organizations' contacts", ViewOrganizationContacts,                  "H  | H  H  A  A   A  A     A  A     | H  H  A  A   A  A     A  A"),
        ("edit listings at all", EditListings,                                      "L  | R  R  R  R   A  A     A  A     | R  R  R  R   A  A     A  A"),
        ("create a listing", CreateListing(ORG),                                    "L  | R  R  R  R   N  A     A  A     | R  R  R  R   N  A     A  A"),
        ("move a listing to an organization", MoveListingTo(ORG),                   "L  | R  R  R  R   N  A     A  A     | R  R  R  R   N  A     A  A"),
        ("edit a published public listing", EditListing(listing(Published, Public)),"L  | N  N  N  N   N  A     A  A     | N  N  N  N   N  A     A  A"),
        ("edit a published hub listing", EditListing(listing(Published, Hub)),      "L  | H  H  N  N   N  A     A  A     | H  H  N  N   N  A     A  A"),
        ("edit a draft", EditListing(listing(Draft, Public)),                       "L  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("edit a listing under review", EditListing(listing(PendingReview, Public)),"L  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("edit an archived listing", EditListing(listing(Archived, Public)),        "L  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("review a published public listing", ReviewListing(listing(Published, Public)), "L | N N  N  N   N  N     A  A     | N  N  N  N   N  N     A  A"),
        ("review a published hub listing", ReviewListing(listing(Published, Hub)),  "L  | H  H  N  N   N  N     A  A     | H  H  N  N   N  N     A  A"),
        ("review a draft", ReviewListing(listing(Draft, Hub)),                      "L  | H  H  H  H   H  N     A  A     | H  H  H  H   H  N     A  A"),
        ("review a listing under review", ReviewListing(listing(PendingReview, Hub)), "L | H  H  H  H   H  N     A  A     | H  H  H  H   H  N     A  A"),
        ("view a published public listing", ViewListing(listing(Published, Public)),"A  | A  A  A  A   A  A     A  A     | A  A  A  A   A  A     A  A"),
        ("view a published hub listing", ViewListing(listing(Published, Hub)),      "H  | H  H  A  A   A  A     A  A     | H  H  A  A   A  A     A  A"),
        ("view a draft", ViewListing(listing(Draft, Public)),                       "H  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("view a listing under review", ViewListing(listing(PendingReview, Public)),"H  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("view an archived listing", ViewListing(listing(Archived, Hub)),           "H  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("search unpublished listings", ViewUnpublishedListings,                    "H  | H  H  H  H   A  A     A  A     | H  H  H  H   A  A     A  A"),
        ("view the staff's bookings", ViewBookings,                                 "L  | R  R  R  R   A  A     A  A     | R  R  R  R   A  A     A  A"),
        ("view every listing's bookings", ViewAllBookings,                          "L  | H  H  H  H   H  H     A  A     | H  H  H  H   H  H     A  A"),
        ("view someone's booking", ViewBooking(booking(SOMEONE_ELSE)),              "L  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("view my booking", ViewBooking(booking(ME)),                               "L  | A  A  A  A   A  A     A  A     | A  A  A  A   A  A     A  A"),
        ("approve someone's booking", ApproveBooking(booking(SOMEONE_ELSE)),        "L  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("approve my booking", ApproveBooking(booking(ME)),                         "L  | N  N  N  N   N  A     A  A     | N  N  N  N   N  A     A  A"),
        ("decline someone's booking", DeclineBooking(booking(SOMEONE_ELSE)),        "L  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("decline my booking", DeclineBooking(booking(ME)),                         "L  | N  N  N  N   N  A     A  A     | N  N  N  N   N  A     A  A"),
        ("cancel someone's booking", CancelBooking(booking(SOMEONE_ELSE)),          "L  | H  H  H  H   H  N     A  A     | H  H  H  H   H  N     A  A"),
        ("cancel my booking", CancelBooking(booking(ME)),                           "L  | A  A  A  A   A  A     A  A     | A  A  A  A   A  A     A  A"),
        ("mark someone's booking a no-show", MarkNoShow(booking(SOMEONE_ELSE)),     "L  | H  H  H  H   H  N     A  A     | H  H  H  H   H  N     A  A"),
        ("mark my booking a no-show", MarkNoShow(booking(ME)),                      "L  | N  N  N  N   N  N     A  A     | N  N  N  N   N  N     A  A"),
        ("cancel someone's series", CancelBookingSeries { customer: SOMEONE_ELSE }, "L  | H  H  H  H   H  H     A  A     | H  H  H  H   H  H     A  A"),
        ("cancel my series", CancelBookingSeries { customer: ME },                  "L  | A  A  A  A   A  A     A  A     | A  A  A  A   A  A     A  A"),
        ("subscribe to my bookings", SubscribeOwnCalendar,                          "L  | A  A  A  A   A  A     A  A     | A  A  A  A   A  A     A  A"),
        ("subscribe to a published public listing", SubscribeListingCalendar(listing(Published, Public)), "L | N N N  N   N  A     A  A     | N  N  N  N   N  A     A  A"),
        ("subscribe to a published hub listing", SubscribeListingCalendar(listing(Published, Hub)), "L | H H N  N   N  A     A  A     | H  H  N  N   N  A     A  A"),
        ("subscribe to a draft", SubscribeListingCalendar(listing(Draft, Hub)),     "L  | H  H  H  H   H  A     A  A     | H  H  H  H   H  A     A  A"),
        ("subscribe to the hub", SubscribeHubCalendar,                              "L  | R  R  R  R   R  R     A  A     | R  R  R  R   R  R     A  A"),
    ]
}

fn cell(decision: Decision) -> char {
    match decision {
        Decision::Allow => 'A',
        Decision::Deny(Deny::LogIn) => 'L',
        Decision::Deny(Deny::Hide) => 'H',
        Decision::Deny(Deny::Role) => 'R',
        Decision::Deny(Deny::NotYours) => 'N',
    }
}

fn expected_code(cell: char) -> &'static str {
    match cell {
        'L' => "UNAUTHENTICATED",
        'H' => "NOT_FOUND",
        _ => "FORBIDDEN",
    }
}

#[test]
fn every_caller_against_every_action_decides_as_the_table_says() {
    let callers = callers();
    let mut wrong = Vec::new();
    for (name, action, row) in table() {
        let expected: Vec<char> = row.chars().filter(char::is_ascii_alphabetic).collect();
        assert_eq!(
            expected.len(),
            callers.len(),
            "row {name:?} has a cell per caller"
        );
        for ((caller, actor), want) in callers.iter().zip(expected) {
            let decision = may(actor, action);
            if cell(decision) != want {
                wrong.push(format!("{name} by {caller}: {decision:?}, want {want}"));
            }
            if let Decision::Deny(deny) = decision {
                assert_eq!(
                    deny.error(action).code(),
                    expected_code(want),
                    "{name} by {caller}"
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The table's actions by name; a new action fails to compile here until
/// it is named, and then the test below until the table has a row for it.
fn name(action: Action) -> &'static str {
    use Action::*;
    match action {
        CreateHub => "CreateHub",
        ViewMembers => "ViewMembers",
        ManageMembers => "ManageMembers",
        LeaveHub => "LeaveHub",
        ReadAuditLog => "ReadAuditLog",
        ManagePayments => "ManagePayments",
        ConfigureHub => "ConfigureHub",
        CreateOrganization => "CreateOrganization",
        EditOrganization(_) => "EditOrganization",
        ViewOrganizationMembers(_) => "ViewOrganizationMembers",
        ManageOrganizationMembers => "ManageOrganizationMembers",
        ViewOrganizationContacts => "ViewOrganizationContacts",
        EditListings => "EditListings",
        CreateListing(_) => "CreateListing",
        MoveListingTo(_) => "MoveListingTo",
        EditListing(_) => "EditListing",
        ReviewListing(_) => "ReviewListing",
        ViewListing(_) => "ViewListing",
        ViewUnpublishedListings => "ViewUnpublishedListings",
        ViewBookings => "ViewBookings",
        ViewAllBookings => "ViewAllBookings",
        ViewBooking(_) => "ViewBooking",
        ApproveBooking(_) => "ApproveBooking",
        DeclineBooking(_) => "DeclineBooking",
        CancelBooking(_) => "CancelBooking",
        MarkNoShow(_) => "MarkNoShow",
        CancelBookingSeries { .. } => "CancelBookingSeries",
        SubscribeOwnCalendar => "SubscribeOwnCalendar",
        SubscribeListingCalendar(_) => "SubscribeListingCalendar",
        SubscribeHubCalendar => "SubscribeHubCalendar",
    }
}

const EVERY_ACTION: [&str; 30] = [
    "CreateHub",
    "ViewMembers",
    "ManageMembers",
    "LeaveHub",
    "ReadAuditLog",
    "ManagePayments",
    "ConfigureHub",
    "CreateOrganization",
    "EditOrganization",
    "ViewOrganizationMembers",
    "ManageOrganizationMembers",
    "ViewOrganizationContacts",
    "EditListings",
    "CreateListing",
    "MoveListingTo",
    "EditListing",
    "ReviewListing",
    "ViewListing",
    "ViewUnpublishedListings",
    "ViewBookings",
    "ViewAllBookings",
    "ViewBooking",
    "ApproveBooking",
    "DeclineBooking",
    "CancelBooking",
    "MarkNoShow",
    "CancelBookingSeries",
    "SubscribeOwnCalendar",
    "SubscribeListingCalendar",
    "SubscribeHubCalendar",
];

#[test]
fn the_table_has_rows_for_every_action() {
    let named: std::collections::BTreeSet<&str> =
        table().into_iter().map(|(_, a, _)| name(a)).collect();
    let every: std::collections::BTreeSet<&str> = EVERY_ACTION.into_iter().collect();
    assert_eq!(named, every);
}

fn message_id(err: &AppError) -> &'static str {
    match err {
        AppError::Unauthenticated(m) | AppError::Forbidden(m) | AppError::NotFound(m) => m.id(),
        _ => "",
    }
}

fn caller(role: Option<Role>, organizations: &[uuid::Uuid]) -> Actor {
    Actor {
        user: Some(ME),
        platform_admin: false,
        role,
        organizations: organizations.to_vec(),
    }
}

#[test]
fn denials_answer_the_messages_the_api_always_answered() {
    use Action::*;
    let member = caller(Some(Role::Member), &[]);
    let provider_elsewhere = caller(Some(Role::Provider), &[OTHER_ORG]);
    let provider = caller(Some(Role::Provider), &[ORG]);
    let public = listing(ListingStatus::Published, Visibility::Public);
    let draft = listing(ListingStatus::Draft, Visibility::Public);
    let cases = [
        (Actor::default(), ViewMembers, "error-login-required"),
        (member.clone(), CreateHub, "error-platform-admin-only"),
        (member.clone(), ViewMembers, "error-role-not-allowed"),
        (provider.clone(), ReadAuditLog, "error-role-not-allowed"),
        (provider.clone(), ManagePayments, "payment-managers-only"),
        (
            member.clone(),
            EditOrganization(ORG),
            "error-role-not-allowed",
        ),
        (
            provider_elsewhere.clone(),
            EditOrganization(ORG),
            "organization-staff-only",
        ),
        (
            provider_elsewhere.clone(),
            ViewOrganizationMembers(ORG),
            "organization-staff-only",
        ),
        (member.clone(), EditListings, "error-role-not-allowed"),
        (
            provider_elsewhere.clone(),
            CreateListing(ORG),
            "listing-own-organization-only",
        ),
        (
            provider_elsewhere.clone(),
            MoveListingTo(ORG),
            "error-role-not-allowed",
        ),
        (
            member.clone(),
            EditListing(public),
            "listing-edit-forbidden",
        ),
        (
            provider_elsewhere.clone(),
            EditListing(public),
            "listing-edit-forbidden",
        ),
        (member.clone(), EditListing(draft), "listing-not-found"),
        (
            provider.clone(),
            ReviewListing(draft),
            "listing-review-managers-only",
        ),
        (member.clone(), ViewListing(draft), "listing-not-found"),
        (member.clone(), ViewBookings, "error-role-not-allowed"),
        (
            member.clone(),
            ViewBooking(booking(SOMEONE_ELSE)),
            "booking-not-found",
        ),
        (
            member.clone(),
            ApproveBooking(booking(ME)),
            "booking-part-not-allowed",
        ),
        (
            provider.clone(),
            CancelBooking(booking(SOMEONE_ELSE)),
            "booking-part-not-allowed",
        ),
        (
            member.clone(),
            MarkNoShow(booking(ME)),
            "booking-part-not-allowed",
        ),
        (
            member.clone(),
            CancelBookingSeries {
                customer: SOMEONE_ELSE,
            },
            "booking-not-found",
        ),
        (
            provider_elsewhere.clone(),
            SubscribeListingCalendar(public),
            "calendar-listing-staff-only",
        ),
        (
            member.clone(),
            SubscribeListingCalendar(public),
            "calendar-listing-staff-only",
        ),
        (
            member.clone(),
            SubscribeListingCalendar(draft),
            "listing-not-found",
        ),
        (
            provider.clone(),
            SubscribeHubCalendar,
            "calendar-hub-managers-only",
        ),
    ];
    for (actor, action, id) in cases {
        let err = check(&actor, action).expect_err("a denial");
        assert_eq!(message_id(&err), id, "{action:?} by {actor:?}");
    }
}

#[test]
fn a_provider_of_no_organization_searches_only_published_listings() {
    let provider = caller(Some(Role::Provider), &[]);
    assert_eq!(
        may(&provider, Action::ViewUnpublishedListings),
        Decision::Deny(Deny::Hide)
    );
}

#[test]
fn acting_for_an_organization_needs_the_provider_role() {
    // A member demoted from provider may still be listed for an organization.
    let demoted = caller(Some(Role::Member), &[ORG]);
    assert!(!may(&demoted, Action::CreateListing(ORG)).is_allowed());
    assert!(!may(&demoted, Action::ViewUnpublishedListings).is_allowed());
    assert!(!may(&demoted, Action::ViewBooking(booking(SOMEONE_ELSE))).is_allowed());
}
