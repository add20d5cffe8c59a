//! Who is asking, in which hub, in which language: plain facts resolved once
//! per request at the edge (`http::identify`), then read by every resolver.
//! What the caller may do is the policy's to say (`accounts::policy`).

use chrono::{DateTime, Utc};

use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::membership::Role;
use crate::entities::{hub, user};
use crate::error::{AppError, AppResult};
use crate::ids::{HubId, UserId};
use crate::locale::Locale;
use crate::msg;
use crate::state::Services;

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
}
