//! Who is asking, in which hub, in which language: resolved once per request
//! from its headers, then consulted by every resolver through one set of checks.

use async_graphql::Context;
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};

use crate::accounts::{store as accounts_store, token::hash_token};
use crate::app::Services;
use crate::db::{self, Access};
use crate::entities::{hub, user};
use crate::error::{AppError, AppResult};
use crate::ids::{HubId, UserId};
use crate::locale::Locale;
use crate::msg;
use crate::tenancy::model::{HubSlug, Role};
use crate::tenancy::scope::HubTx;
use crate::tenancy::store as tenancy_store;

/// The header that names the hub of a request.
pub const TENANT_HEADER: &str = "x-tenant";

/// A logged-in user and the session they used.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The account.
    pub user: user::Model,
    /// The session behind the bearer token.
    pub session_id: uuid::Uuid,
    /// When that session ends.
    pub session_expires_at: DateTime<Utc>,
}

impl Viewer {
    /// The user's id.
    pub fn id(&self) -> UserId {
        UserId(self.user.id)
    }
}

/// Everything a resolver may know about the request.
#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    /// The language for messages.
    pub locale: Locale,
    /// The logged-in user, if a valid token came.
    pub viewer: Option<Viewer>,
    /// A token came but was unknown, expired or revoked.
    pub token_rejected: bool,
    /// The hub named by `X-Tenant`.
    pub hub: Option<hub::Model>,
    /// The viewer's role in that hub.
    pub role: Option<Role>,
}

impl RequestContext {
    /// The logged-in user, or `UNAUTHENTICATED`.
    pub fn viewer(&self) -> AppResult<&Viewer> {
        match (&self.viewer, self.token_rejected) {
            (Some(viewer), _) => Ok(viewer),
            (None, true) => Err(AppError::Unauthenticated(msg!("error-session-ended"))),
            (None, false) => Err(AppError::login_required()),
        }
    }

    /// The request's hub, or a `VALIDATION` error on the missing header.
    pub fn hub(&self) -> AppResult<&hub::Model> {
        self.hub
            .as_ref()
            .ok_or_else(|| AppError::validation("X-Tenant", msg!("error-hub-header-missing")))
    }

    /// The request's hub id.
    pub fn hub_id(&self) -> AppResult<HubId> {
        self.hub().map(|h| HubId(h.id))
    }

    /// Opens a transaction in the request's hub, acting for the viewer (if any).
    pub async fn begin_hub(&self, services: &Services, access: Access) -> AppResult<HubTx> {
        HubTx::begin(
            &services.db,
            access,
            self.hub_id()?,
            self.viewer.as_ref().map(Viewer::id),
        )
        .await
    }

    /// The viewer, checked to hold one of `allowed` roles in the request's hub.
    pub fn require_role(&self, allowed: &[Role]) -> AppResult<&Viewer> {
        let viewer = self.viewer()?;
        self.hub()?;
        match self.role {
            Some(role) if allowed.contains(&role) => Ok(viewer),
            _ => Err(AppError::not_allowed()),
        }
    }

    /// The viewer, checked to be a platform administrator.
    pub fn require_platform_admin(&self) -> AppResult<&Viewer> {
        let viewer = self.viewer()?;
        if viewer.user.is_platform_admin {
            Ok(viewer)
        } else {
            Err(AppError::Forbidden(msg!("error-platform-admin-only")))
        }
    }
}

/// Typed access to what every resolver needs from the GraphQL context.
pub trait ContextExt {
    /// The server's shared services.
    fn services(&self) -> AppResult<&Services>;
    /// The request's identity.
    fn request(&self) -> AppResult<&RequestContext>;
}

impl ContextExt for Context<'_> {
    fn services(&self) -> AppResult<&Services> {
        self.data::<Services>()
            .map_err(|e| AppError::Internal(e.message.into()))
    }

    fn request(&self) -> AppResult<&RequestContext> {
        self.data::<RequestContext>()
            .map_err(|e| AppError::Internal(e.message.into()))
    }
}

/// Resolves the request's hub, viewer, role and language from its headers.
/// An unknown hub or a malformed header fails the whole request.
pub async fn identify(
    services: &Services,
    headers: &HeaderMap,
) -> Result<RequestContext, (AppError, Locale)> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let asked = header("accept-language").and_then(Locale::from_accept_language);
    let fail = |err: AppError| (err, asked.unwrap_or_default());
    let now = services.clock.now();

    let tx = services.db.begin(Access::Read, None).await.map_err(fail)?;
    let hub = match header(TENANT_HEADER) {
        None | Some("") => None,
        Some(raw) => {
            let slug = HubSlug::parse(raw, "X-Tenant").map_err(fail)?;
            let found = tenancy_store::find_hub_by_slug(&tx, &slug)
                .await
                .map_err(fail)?;
            Some(found.ok_or_else(|| {
                fail(AppError::NotFound(msg!(
                    "error-hub-unknown",
                    slug = slug.as_str()
                )))
            })?)
        }
    };
    let (viewer, token_rejected) = match header("authorization") {
        None | Some("") => (None, false),
        Some(value) => match value.strip_prefix("Bearer ").map(str::trim) {
            Some(token) if !token.is_empty() => {
                let found = accounts_store::find_live_session(&tx, &hash_token(token), now)
                    .await
                    .map_err(fail)?;
                match found {
                    Some((session, user)) => (
                        Some(Viewer {
                            user,
                            session_id: session.id,
                            session_expires_at: session.expires_at,
                        }),
                        false,
                    ),
                    None => (None, true),
                }
            }
            _ => (None, true),
        },
    };
    // The role is read in the same transaction, confined to the hub from here on.
    let role = match (&hub, &viewer) {
        (Some(hub), Some(viewer)) => {
            let hx = HubTx::enter(tx, HubId(hub.id)).await.map_err(fail)?;
            let role = tenancy_store::role_of(&hx, viewer.id())
                .await
                .map_err(fail)?;
            hx.commit().await.map_err(fail)?;
            role
        }
        _ => {
            db::commit(tx).await.map_err(fail)?;
            None
        }
    };
    let locale = asked
        .or_else(|| viewer.as_ref().and_then(|v| Locale::parse(&v.user.locale)))
        .or_else(|| hub.as_ref().and_then(|h| Locale::parse(&h.locale)))
        .unwrap_or_default();
    Ok(RequestContext {
        locale,
        viewer,
        token_rejected,
        hub,
        role,
    })
}
