//! Who is asking: the request's hub, viewer, role and language, resolved from
//! its headers before any resolver runs: from what earlier requests found
//! while the identity generation has not moved (`identity_cache`), else in
//! one read transaction.

use axum::http::HeaderMap;
use chrono::{DateTime, Utc};

use crate::accounts::{store as accounts_store, token::hash_token};
use crate::db::scope::HubTx;
use crate::db::{self, Access};
use crate::error::{AppError, AppResult};
use crate::identity_cache::{Asked, Known};
use crate::ids::{HubId, UserId};
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

    let slug = match header(TENANT_HEADER) {
        None | Some("") => None,
        Some(raw) => Some(HubSlug::parse(raw, "X-Tenant").map_err(fail)?),
    };
    let token_hash = match header("authorization") {
        None | Some("") => Token::None,
        Some(value) => match value.strip_prefix("Bearer ").map(str::trim) {
            Some(token) if !token.is_empty() => Token::Hash(hash_token(token)),
            _ => Token::Malformed,
        },
    };
    let ask = Asked {
        slug: slug.as_ref().map(HubSlug::as_str),
        token_hash: match &token_hash {
            Token::Hash(hash) => Some(hash.as_str()),
            Token::None | Token::Malformed => None,
        },
    };
    let known = if ask.slug.is_none() && ask.token_hash.is_none() {
        // Nobody in no hub: nothing to read.
        Known {
            hub: None,
            session: None,
            role: None,
        }
    } else {
        // Read first: whatever is read after it is at least this new.
        let generation = services.db.identity_generation().await.map_err(fail)?;
        match services.identities.known(generation, ask, now) {
            Some(known) => known,
            None => {
                let known = read(services, ask, slug.as_ref(), now)
                    .await
                    .map_err(fail)?;
                services.identities.remember(generation, ask, &known);
                known
            }
        }
    };
    let hub = match (known.hub, &slug) {
        (Some(hub), _) => Some(hub),
        (None, Some(slug)) => {
            return Err(fail(AppError::NotFound(msg!(
                "error-hub-unknown",
                slug = slug.as_str()
            ))));
        }
        (None, None) => None,
    };
    let viewer = known.session.map(|(session, user)| Viewer {
        user,
        session_id: session.id,
        session_expires_at: session.expires_at,
    });
    let token_rejected = match token_hash {
        Token::None => false,
        Token::Malformed => true,
        Token::Hash(_) => viewer.is_none(),
    };
    let role = known.role;
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

/// The bearer token of a request.
enum Token {
    None,
    Malformed,
    Hash(String),
}

/// Reads what `asked` names from the database, in one read transaction:
/// the hub, the live session and its user, and the role (confined to the
/// hub for that read).
async fn read(
    services: &Services,
    asked: Asked<'_>,
    slug: Option<&HubSlug>,
    now: DateTime<Utc>,
) -> AppResult<Known> {
    let tx = services.db.begin(Access::Read, None).await?;
    let hub = match slug {
        Some(slug) => tenancy_store::find_hub_by_slug(&tx, slug).await?,
        None => None,
    };
    let session = match asked.token_hash {
        Some(hash) => accounts_store::find_live_session(&tx, hash, now).await?,
        None => None,
    };
    let role = match (&hub, &session) {
        (Some(hub), Some((_, user))) => {
            let hx = HubTx::enter(tx, HubId(hub.id)).await?;
            let role = tenancy_store::role_of(&hx, UserId(user.id)).await?;
            hx.commit().await?;
            role
        }
        _ => {
            db::commit(tx).await?;
            None
        }
    };
    Ok(Known { hub, session, role })
}
