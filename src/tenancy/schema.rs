//! GraphQL for hubs and memberships: `hub`, `myHubs`, `createHub`,
//! `addMember`, `changeMemberRole`, `removeMember` (`updateHubSettings`
//! is in `settings_schema`).

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::accounts::email::EmailAddress;
use crate::accounts::guard::Authorize;
use crate::accounts::policy::Action;
use crate::accounts::schema::User;
use crate::accounts::store as accounts_store;
use crate::api::context::ContextExt;
use crate::api::id::parse_id;
use crate::api::pagination::{Page, decode_after, into_page, page_size};
use crate::db::{self, Access};
use crate::entities::{hub, membership};
use crate::error::{AppError, AppResult};
use crate::ids::{HubId, UserId};
use crate::locale::Locale;
use crate::name::parse_name;

use super::error::HubError;
use super::model::{HubSlug, Role, parse_commission_bps, parse_currency, parse_time_zone};
use super::store::{self, NewHub};
use crate::db::scope::HubTx;

/// A community hub.
pub struct Hub(pub hub::Model);

#[Object]
impl Hub {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The address used in the `X-Tenant` header.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The IANA time zone in which the hub's hours and bookings are shown.
    async fn time_zone(&self) -> &str {
        &self.0.time_zone
    }
    /// ISO 4217 code of the hub's prices.
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    /// The hub's default language.
    async fn locale(&self) -> Locale {
        Locale::parse(&self.0.locale).unwrap_or_default()
    }
    /// Whether only people who confirmed their email address may book here.
    async fn require_verified_email(&self) -> bool {
        self.0.require_verified_email
    }
    /// The hub's cut of paid bookings, in basis points (850 = 8.5 %).
    async fn commission_basis_points(&self) -> i32 {
        self.0.commission_bps
    }
    /// How new bookings here are paid: `OFFLINE` at the hub's desk, or
    /// `STRIPE` online (bookings already made keep the way they were made).
    async fn payment_provider(&self) -> hub::PaymentProvider {
        self.0.payment_provider
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// The caller's role here, if a member (known for the request's hub).
    async fn viewer_role(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Role>> {
        let request = ctx.request()?;
        Ok(match &request.hub {
            Some(hub) if hub.id == self.0.id => request.role,
            _ => None,
        })
    }
    /// The members, by email address. Managers of this hub only; the hub must
    /// be the one named in `X-Tenant`.
    async fn members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<String, Member>> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let viewer = request.require(Action::ViewMembers)?;
        if request.hub_id()? != HubId(self.0.id) {
            return Err(AppError::not_allowed().into());
        }
        let limit = page_size(first)?;
        let after = decode_after::<String>(after)?;
        let hx = HubTx::begin(
            &services.db,
            Access::Read,
            HubId(self.0.id),
            Some(viewer.id()),
        )
        .await?;
        let rows = store::members_page(&hx, after.as_deref(), limit as u64 + 1).await?;
        hx.commit().await?;
        Ok(into_page(
            rows,
            limit,
            after.is_some(),
            |(membership, user)| {
                (
                    user.email_key.clone(),
                    Member {
                        membership,
                        user: User(user),
                    },
                )
            },
        ))
    }
}

/// A person's membership of the request's hub.
pub struct Member {
    membership: membership::Model,
    user: User,
}

#[Object]
impl Member {
    async fn user(&self) -> &User {
        &self.user
    }
    async fn role(&self) -> Role {
        self.membership.role
    }
    /// When the person joined the hub.
    async fn since(&self) -> DateTime<Utc> {
        self.membership.created_at
    }
}

/// One of the caller's hubs.
#[derive(SimpleObject)]
pub struct HubMembership {
    hub: Hub,
    role: Role,
    since: DateTime<Utc>,
}

/// What `createHub` needs.
#[derive(InputObject)]
pub struct CreateHubInput {
    /// 3 to 40 lower-case letters, digits and hyphens; used in `X-Tenant`.
    pub slug: String,
    pub name: String,
    /// An IANA time zone, e.g. `Europe/Rome`.
    pub time_zone: String,
    /// An ISO 4217 code, e.g. `EUR`.
    pub currency: String,
    pub locale: Locale,
    /// The hub's cut of paid bookings in basis points; 0 when absent.
    pub commission_basis_points: Option<i32>,
    /// The email of an existing account that becomes the first manager.
    pub manager_email: String,
}

/// What `addMember` needs.
#[derive(InputObject)]
pub struct AddMemberInput {
    /// The email of an existing account.
    pub email: String,
    pub role: Role,
}

/// Hub queries.
#[derive(Default)]
pub struct TenancyQuery;

#[Object]
impl TenancyQuery {
    /// The hub named in the `X-Tenant` header.
    async fn hub(&self, ctx: &Context<'_>) -> async_graphql::Result<Hub> {
        Ok(Hub(ctx.request()?.hub()?.clone()))
    }

    /// The hubs the caller belongs to, by name, with the caller's role in each.
    async fn my_hubs(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<HubMembership>> {
        let services = ctx.services()?;
        let viewer = ctx.request()?.viewer()?;
        let tx = services.db.begin(Access::Read, Some(viewer.id())).await?;
        let rows = store::hubs_of(&tx, viewer.id()).await?;
        db::commit(tx).await?;
        Ok(rows
            .into_iter()
            .map(|(m, h)| HubMembership {
                role: m.role,
                since: m.created_at,
                hub: Hub(h),
            })
            .collect())
    }
}

/// Hub mutations.
#[derive(Default)]
pub struct TenancyMutation;

fn no_such_account(email: &EmailAddress) -> AppError {
    HubError::UnknownAccount {
        email: email.as_str().to_owned(),
    }
    .into()
}

/// Checks a `createHub` input.
fn parse_new_hub(input: &CreateHubInput) -> AppResult<NewHub> {
    Ok(NewHub {
        slug: HubSlug::parse(&input.slug, "input.slug")?,
        name: parse_name(&input.name, "input.name", 120)?,
        time_zone: parse_time_zone(&input.time_zone, "input.timeZone")?,
        currency: parse_currency(&input.currency, "input.currency")?,
        locale: input.locale,
        commission_bps: parse_commission_bps(
            input.commission_basis_points.unwrap_or(0),
            "input.commissionBasisPoints",
        )?,
    })
}

#[Object]
impl TenancyMutation {
    /// Creates a hub with its first manager. Platform administrators only.
    async fn create_hub(
        &self,
        ctx: &Context<'_>,
        input: CreateHubInput,
    ) -> async_graphql::Result<Hub> {
        let services = ctx.services()?;
        let viewer = ctx.request()?.require(Action::CreateHub)?;
        let new = parse_new_hub(&input)?;
        let manager_email = EmailAddress::parse(&input.manager_email, "input.managerEmail")?;
        let tx = services.db.begin(Access::Write, Some(viewer.id())).await?;
        let manager = accounts_store::find_by_email(&tx, &manager_email)
            .await?
            .ok_or_else(|| no_such_account(&manager_email))?;
        let hub = store::create_hub(tx, new, UserId(manager.id), services.clock.now()).await?;
        Ok(Hub(hub))
    }

    /// Gives an existing account a role in the request's hub. Managers only.
    async fn add_member(
        &self,
        ctx: &Context<'_>,
        input: AddMemberInput,
    ) -> async_graphql::Result<Member> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ManageMembers)?;
        let email = EmailAddress::parse(&input.email, "input.email")?;
        let hx = request.begin_hub(services, Access::Write).await?;
        let user = accounts_store::find_by_email(hx.conn(), &email)
            .await?
            .ok_or_else(|| no_such_account(&email))?;
        let membership =
            store::add_member(&hx, UserId(user.id), input.role, services.clock.now()).await?;
        hx.commit().await?;
        Ok(Member {
            membership,
            user: User(user),
        })
    }

    /// Changes a member's role; a hub always keeps one manager. Managers only.
    async fn change_member_role(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        role: Role,
    ) -> async_graphql::Result<Member> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        request.require(Action::ManageMembers)?;
        let user_id = UserId(parse_id(&user_id, "userId")?);
        let hx = request.begin_hub(services, Access::Write).await?;
        let membership = store::change_role(&hx, user_id, role).await?;
        let user = accounts_store::find_by_id(hx.conn(), user_id)
            .await?
            .ok_or_else(|| AppError::Internal("membership without its user".into()))?;
        hx.commit().await?;
        Ok(Member {
            membership,
            user: User(user),
        })
    }

    /// Removes a member from the request's hub; a hub always keeps one
    /// manager. Managers, or members removing themselves. Returns the user's id.
    async fn remove_member(&self, ctx: &Context<'_>, user_id: ID) -> async_graphql::Result<ID> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let target = UserId(parse_id(&user_id, "userId")?);
        let viewer = request.viewer()?;
        request.require(if viewer.id() == target {
            Action::LeaveHub
        } else {
            Action::ManageMembers
        })?;
        let hx = request.begin_hub(services, Access::Write).await?;
        store::remove_member(&hx, target).await?;
        hx.commit().await?;
        Ok(user_id)
    }
}
