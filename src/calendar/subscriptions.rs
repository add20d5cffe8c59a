//! Asking for a feed and rotating its secret: who may (the policy), making
//! it on first ask, and replacing its token, audited, in the caller's
//! transaction.
//!
//! Only a token's digest is stored, so a feed's address can be shown once:
//! when the feed is made and each time it is rotated. Asking again for a
//! feed that exists answers it without an address; a person who lost the
//! address rotates, which also stops anyone else who had it.

use chrono::{DateTime, Utc};

use crate::accounts::policy::{Action, ListingFacts};
use crate::audit::store::{self as audit, Change};
use crate::db::scope::HubTx;
use crate::entities::calendar_feed;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::listings::access::{ListingAccess, visible_listing};

use super::model::FeedScope;
use super::store;
use super::token::FeedToken;

/// A feed as its owner gets it back.
#[derive(Debug)]
pub struct Subscription {
    /// The stored feed.
    pub feed: calendar_feed::Model,
    /// Its token, when it was made or replaced just now; `None` afterwards.
    pub token: Option<FeedToken>,
}

/// `Ok` if the caller (`access`) may have a feed of `scope`: their own
/// bookings, a listing their organization offers (or any, for a manager)
/// or, for a manager, the whole hub. A listing they cannot see is
/// `NOT_FOUND`, as if missing.
pub async fn authorize(hx: &HubTx, access: &ListingAccess, scope: FeedScope) -> AppResult<()> {
    match scope {
        FeedScope::Own => access.require(Action::SubscribeOwnCalendar),
        FeedScope::Hub => access.require(Action::SubscribeHubCalendar),
        FeedScope::Listing(id) => {
            let listing = visible_listing(hx, access, id, false).await?;
            access.require(Action::SubscribeListingCalendar(ListingFacts::of(&listing)))
        }
    }
}

/// The feed of `owner` with `scope`, made now (with its token) if it did
/// not exist. The caller has been [`authorize`]d.
pub async fn open(
    hx: &HubTx,
    owner: UserId,
    scope: FeedScope,
    now: DateTime<Utc>,
) -> AppResult<Subscription> {
    if let Some(feed) = store::find_for(hx, owner, scope).await? {
        return Ok(Subscription { feed, token: None });
    }
    let token = FeedToken::generate(hx.hub());
    let made = store::insert(hx, owner, scope, token.hash(), now).await?;
    let feed = stored(hx, owner, scope).await?;
    if made {
        record(hx, owner, &feed, "calendarFeed", now).await?;
    }
    Ok(Subscription {
        feed,
        token: made.then_some(token),
    })
}

/// Gives the feed of `owner` with `scope` a new token (making the feed if
/// it did not exist): the address given before stops working at once.
pub async fn rotate(
    hx: &HubTx,
    owner: UserId,
    scope: FeedScope,
    now: DateTime<Utc>,
) -> AppResult<Subscription> {
    let token = FeedToken::generate(hx.hub());
    let feed = match store::find_for(hx, owner, scope).await? {
        Some(feed) => store::replace_token(hx, feed, token.hash()).await?,
        None => {
            let made = store::insert(hx, owner, scope, token.hash(), now).await?;
            let feed = stored(hx, owner, scope).await?;
            if made {
                feed
            } else {
                // Made meanwhile by another request: its token is replaced too.
                store::replace_token(hx, feed, token.hash()).await?
            }
        }
    };
    record(hx, owner, &feed, "rotateCalendarFeed", now).await?;
    Ok(Subscription {
        feed,
        token: Some(token),
    })
}

/// The feed just written, read back.
async fn stored(hx: &HubTx, owner: UserId, scope: FeedScope) -> AppResult<calendar_feed::Model> {
    store::find_for(hx, owner, scope)
        .await?
        .ok_or_else(|| AppError::Internal("a calendar feed just written is missing".into()))
}

async fn record(
    hx: &HubTx,
    owner: UserId,
    feed: &calendar_feed::Model,
    action: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    audit::record(
        hx,
        Change {
            actor: Some(owner),
            subject: "CALENDAR_FEED",
            subject_id: feed.id,
            action,
            from: None,
            to: None,
        },
        now,
    )
    .await
}
