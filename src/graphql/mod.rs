//! The GraphQL schema: one root per capability, merged, with the limits that
//! keep a single query from exhausting the server.

pub mod limits;
pub mod loaders;

use async_graphql::{EmptySubscription, MergedObject, Schema, SchemaBuilder};

use crate::accounts::schema::{AccountsMutation, AccountsQuery};
use crate::audit::schema::AuditQuery;
use crate::bookings::availability::AvailabilityQuery;
use crate::bookings::mutations::BookingsMutation;
use crate::bookings::queries::BookingsQuery;
use crate::bookings::series_schema::SeriesMutation;
use crate::calendar::schema::CalendarMutation;
use crate::listings::directory::DirectoryQuery;
use crate::listings::mutations::ListingsMutation;
use crate::listings::search::ListingsQuery;
use crate::notifications::schema::{NotificationsMutation, NotificationsQuery};
use crate::organizations::schema::{OrganizationsMutation, OrganizationsQuery};
use crate::payments::online_schema::OnlinePaymentsMutation;
use crate::payments::schema::{PaymentsMutation, PaymentsQuery};
use crate::signin::schema::SignInMutation;
use crate::signin::sign_up::SignUpMutation;
use crate::signin::verification_schema::VerificationMutation;
use crate::tenancy::schema::{TenancyMutation, TenancyQuery};
use crate::tenancy::settings_schema::HubSettingsMutation;

/// Every query.
#[derive(MergedObject, Default)]
pub struct Query(
    AccountsQuery,
    TenancyQuery,
    OrganizationsQuery,
    ListingsQuery,
    DirectoryQuery,
    BookingsQuery,
    AvailabilityQuery,
    AuditQuery,
    PaymentsQuery,
    NotificationsQuery,
);

/// Every mutation.
#[derive(MergedObject, Default)]
pub struct Mutation(
    SignUpMutation,
    AccountsMutation,
    TenancyMutation,
    HubSettingsMutation,
    OrganizationsMutation,
    ListingsMutation,
    BookingsMutation,
    SeriesMutation,
    PaymentsMutation,
    OnlinePaymentsMutation,
    NotificationsMutation,
    SignInMutation,
    VerificationMutation,
    CalendarMutation,
);

/// The executable schema.
pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema without any data attached: enough to print the SDL.
pub fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .limit_depth(12)
        .limit_complexity(2_000)
        .limit_recursive_depth(32)
}

/// The schema's SDL, as committed in `graphql/schema.graphql`.
pub fn sdl() -> String {
    builder().finish().sdl()
}
