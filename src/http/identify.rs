//! Who is asking: the request's hub, viewer, role and language, resolved from
//! its headers in one read transaction before any resolver runs.

use axum::http::HeaderMap;

use crate::accounts::{store as accounts_store, token::hash_token};
use crate::db::scope::HubTx;
use crate::db::{self, Access};
use crate::error::AppError;
use crate::ids::HubId;
use crate::locale::Locale;
use crate::msg;
use crate::request::{RequestContext, TENANT_HEADER, Viewer};
use crate::state::Services;
use crate::tenancy::model::HubSlug;
use crate::tenancy::store as tenancy_store;

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
