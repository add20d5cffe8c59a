//! GraphQL for organizations: `organizations`, `organization`,
//! `createOrganization`, `updateOrganization`, `addOrganizationMember`,
//! `removeOrganizationMember`.

use async_graphql::{Context, ID, InputObject, Object};
use chrono::{DateTime, Utc};

use crate::accounts::email::EmailAddress;
use crate::accounts::guard::Authorize;
use crate::accounts::policy::{self, Action, Decision};
use crate::accounts::schema::User;
use crate::accounts::store as accounts_store;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::pagination::{Page, decode_after, into_page, page_size};
use crate::db::Access;
use crate::entities::organization;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::msg;
use crate::name::parse_name;
use crate::tenancy::model::Role;
use crate::tenancy::store as tenancy_store;

use super::acting;
use super::error::OrganizationError;
use super::model::OrganizationKind;
use super::store::{self, OrganizationDetails};

/// A business, cooperative, startup, association or the hub itself.
pub struct Organization(pub organization::Model);

impl Organization {
    /// Whether the caller has a role in the organization's hub. Anyone may
    /// name a hub in `X-Tenant`, so outsiders and anonymous callers see only
    /// what the public directory shows (name, kind); the rest is for members.
    fn for_members<T>(&self, ctx: &Context<'_>, detail: T) -> AppResult<Option<T>> {
        let request = ctx.request()?;
        let same_hub = request
            .hub
            .as_ref()
            .is_some_and(|hub| hub.id == self.0.tenant_id);
        let member = same_hub
            && policy::may(&request.actor(), Action::ViewOrganizationContacts) == Decision::Allow;
        Ok(member.then_some(detail))
    }
}

#[Object]
impl Organization {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn kind(&self) -> OrganizationKind {
        self.0.kind
    }
    /// What it does: for the hub's members, null for others.
    async fn description(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(self.for_members(ctx, self.0.description.as_str())?)
    }
    /// For the hub's members, null for others.
    async fn contact_email(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(self
            .for_members(ctx, self.0.contact_email.as_deref())?
            .flatten())
    }
    /// For the hub's members, null for others.
    async fn contact_phone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(self
            .for_members(ctx, self.0.contact_phone.as_deref())?
            .flatten())
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The providers who act for it: for managers and those providers.
    async fn members(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let hx = request.begin_hub(services, Access::Read).await?;
        acting::require(request, &hx, Action::ViewOrganizationMembers(self.0.id)).await?;
        let users = store::members(&hx, self.0.id).await?;
        hx.commit().await?;
        Ok(users.into_iter().map(User).collect())
    }
}

/// An organization's details.
#[derive(InputObject)]
pub struct OrganizationInput {
    pub name: String,
    pub kind: OrganizationKind,
    #[graphql(default)]
    pub description: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

fn parse_details(input: OrganizationInput) -> AppResult<OrganizationDetails> {
    let description = input.description.trim().to_owned();
    if description.chars().count() > 4000 {
        return Err(AppError::validation(
            "input.description",
            msg!("input-too-long", max = 4000),
        ));
    }
    let contact_email = input
        .contact_email
        .filter(|e| !e.trim().is_empty())
        .map(|e| EmailAddress::parse(&e, "input.contactEmail").map(|e| e.as_str().to_owned()))
        .transpose()?;
    let contact_phone = input
        .contact_phone
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim().to_owned());
    if let Some(phone) = &contact_phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !(5..=20).contains(&digits)
            || !phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        {
            return Err(AppError::validation(
                "input.contactPhone",
                msg!("organization-phone-invalid"),
            ));
        }
    }
    Ok(OrganizationDetails {
        name: parse_name(&input.name, "input.name", 120)?,
        kind: input.kind,
        description,
        contact_email,
        contact_phone,
    })
}

/// Organization queries.
#[derive(Default)]
pub struct OrganizationsQuery;

#[Object]
impl OrganizationsQuery {
    /// The hub's organizations, oldest first.
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<uuid::Uuid, Organization>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let limit = page_size(first)?;
        let after = decode_after::<uuid::Uuid>(after)?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let rows = store::page(&hx, after, limit as u64 + 1).await?;
        hx.commit().await?;
        Ok(into_page(rows, limit, after.is_some(), |o| {
            (o.id, Organization(o))
        }))
    }

    /// The organizations the caller acts for, by name: a provider's own,
    /// every one for a manager. Providers and managers only.
    async fn my_organizations(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Organization>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::EditListings)?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let mut rows = if request.role == Some(Role::Manager) {
            store::all(&hx).await?
        } else {
            let actor = acting::actor(request, &hx).await?;
            store::find_many(&hx, &actor.organizations).await?
        };
        hx.commit().await?;
        rows.sort_by_key(|o| o.name.to_lowercase());
        Ok(rows.into_iter().map(Organization).collect())
    }

    /// One organization of the hub.
    async fn organization(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Organization> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let id = parse_id(&id, "id")?;
        let hx = request.begin_hub(services, Access::Read).await?;
        let found = store::find(&hx, id).await?.ok_or_else(store::not_found)?;
        hx.commit().await?;
        Ok(Organization(found))
    }
}

/// Organization mutations.
#[derive(Default)]
pub struct OrganizationsMutation;

#[Object]
impl OrganizationsMutation {
    /// Registers an organization in the hub. Managers only.
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        input: OrganizationInput,
    ) -> async_graphql::Result<Organization> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::CreateOrganization)?;
        let details = parse_details(input)?;
        let hx = request.begin_hub(services, Access::Write).await?;
        let created = store::insert(&hx, details, services.clock.now()).await?;
        hx.commit().await?;
        Ok(Organization(created))
    }

    /// Replaces an organization's details. Managers, and its own providers.
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: OrganizationInput,
    ) -> async_graphql::Result<Organization> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.viewer()?;
        let id = parse_id(&id, "id")?;
        let details = parse_details(input)?;
        let hx = request.begin_hub(services, Access::Write).await?;
        store::find(&hx, id).await?.ok_or_else(store::not_found)?;
        acting::require(request, &hx, Action::EditOrganization(id)).await?;
        let updated = store::update(&hx, id, details).await?;
        hx.commit().await?;
        Ok(Organization(updated))
    }

    /// Lets a provider (or manager) of the hub act for an organization. Managers only.
    async fn add_organization_member(
        &self,
        ctx: &Context<'_>,
        organization_id: ID,
        email: String,
    ) -> async_graphql::Result<Organization> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ManageOrganizationMembers)?;
        let id = parse_id(&organization_id, "organizationId")?;
        let email = EmailAddress::parse(&email, "email")?;
        let hx = request.begin_hub(services, Access::Write).await?;
        let organization = store::find(&hx, id).await?.ok_or_else(store::not_found)?;
        let user = accounts_store::find_by_email(hx.conn(), &email).await?;
        let role = match &user {
            Some(user) => tenancy_store::role_of(&hx, UserId(user.id)).await?,
            None => None,
        };
        let user = match (user, role) {
            (Some(user), Some(Role::Provider | Role::Manager)) => user,
            (Some(_), Some(Role::Member)) => {
                return Err(AppError::from(OrganizationError::ProvidersOnly).into());
            }
            _ => {
                return Err(AppError::from(OrganizationError::NotAMember {
                    email: email.as_str().to_owned(),
                })
                .into());
            }
        };
        store::add_member(&hx, id, UserId(user.id), services.clock.now()).await?;
        hx.commit().await?;
        Ok(Organization(organization))
    }

    /// Stops someone acting for an organization. Managers only.
    async fn remove_organization_member(
        &self,
        ctx: &Context<'_>,
        organization_id: ID,
        user_id: ID,
    ) -> async_graphql::Result<Organization> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ManageOrganizationMembers)?;
        let id = parse_id(&organization_id, "organizationId")?;
        let user = UserId(parse_id(&user_id, "userId")?);
        let hx = request.begin_hub(services, Access::Write).await?;
        let organization = store::find(&hx, id).await?.ok_or_else(store::not_found)?;
        if !store::remove_member(&hx, id, user).await? {
            return Err(AppError::from(OrganizationError::NotActing).into());
        }
        hx.commit().await?;
        Ok(Organization(organization))
    }
}
