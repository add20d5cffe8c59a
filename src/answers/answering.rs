//! Using an answer link: what opening it shows (nothing changes) and what
//! confirming it does (the booking engine's own step, as the link's user).
//!
//! Everything is read inside the hub the token names, by the token's
//! digest. The link's user acts with their standing of today, read again
//! in the transaction that acts: a manager demoted since the email, or a
//! provider who left the organization, is refused.

use chrono::{DateTime, Utc};

use crate::accounts::store as accounts_store;
use crate::bookings::access::visible_booking;
use crate::bookings::checkout::SharedPaymentHook;
use crate::bookings::model::{BookingEvent, BookingStatus};
use crate::bookings::steps::{self, Step};
use crate::bookings::store as bookings_store;
use crate::db::Access;
use crate::db::failure::{Retry, retrying};
use crate::db::scope::HubTx;
use crate::entities::answer_link::{self, AnswerDecision};
use crate::entities::{booking, hub, user};
use crate::error::{AppError, AppResult};
use crate::hub_token::HubToken;
use crate::ids::UserId;
use crate::listings::access::ListingAccess;
use crate::listings::store as listings_store;
use crate::locale::Locale;
use crate::request::{RequestContext, Viewer};
use crate::state::Services;
use crate::tenancy::model::hub_time_zone;
use crate::tenancy::store as tenancy_store;
use crate::wall_clock::period_text;

use super::store;

/// Why a link does not act.
#[derive(Debug)]
pub enum Why {
    /// No link has this token (mistyped, forged, or of nothing we keep).
    Unknown,
    /// It, or its sibling, was used.
    Used,
    /// Its time ran out.
    Expired,
    /// The request is no longer waiting for an answer (answered by someone
    /// else, expired, cancelled).
    Answered,
    /// Its user may no longer answer for this listing.
    NotAllowed,
    /// The booking engine refused the step (the place was taken meanwhile,
    /// the reason is too long, the payment failed): its own words.
    Refused(AppError),
}

/// A link that does not act, and the language to say so in.
#[derive(Debug)]
pub struct Refusal {
    /// Why.
    pub why: Why,
    /// The link's user's language (else the hub's), when the link is known.
    pub locale: Option<Locale>,
}

/// What a link asks, in words its user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The user's language, else the hub's.
    pub locale: Locale,
    /// Approve or decline.
    pub decision: AnswerDecision,
    /// The hub's name.
    pub hub: String,
    /// The listing's title.
    pub listing: String,
    /// The customer's name.
    pub customer: String,
    /// When, on the hub's clock, with its time zone named.
    pub when: String,
}

/// The answer to opening or using a link.
pub type Outcome = Result<Question, Refusal>;

/// A link found usable, with all it needs to act.
struct Usable {
    link: answer_link::Model,
    hub: hub::Model,
    request: RequestContext,
    question: Question,
}

/// What opening the link `token` shows; changes nothing.
pub async fn open(services: &Services, token: &HubToken) -> AppResult<Outcome> {
    Ok(open_usable(services, token)
        .await?
        .map(|usable| usable.question))
}

/// Uses the link `token`: takes its step with `reason` (a decline's
/// optional words for the customer), spending the link and its sibling in
/// the same transaction. Refused, nothing changes.
pub async fn act(
    services: &Services,
    payments: &SharedPaymentHook,
    token: &HubToken,
    reason: Option<&str>,
) -> AppResult<Outcome> {
    // Read first: a dead link never reaches the payment.
    let usable = match open_usable(services, token).await? {
        Ok(usable) => usable,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let locale = Some(usable.question.locale);
    let refuse = |err: AppError| -> AppResult<Outcome> {
        Ok(Err(Refusal {
            why: classify(err)?,
            locale,
        }))
    };
    let event = event_of(usable.link.decision);
    let reason = reason.filter(|r| !r.trim().is_empty());
    let step = match Step::new(usable.link.booking_id, event, reason) {
        Ok(step) => step,
        Err(err) => return refuse(err),
    };
    if let Err(err) = steps::prepare(services, &usable.request, payments, &step).await {
        let refusal = Refusal {
            why: classify(err)?,
            locale,
        };
        return Ok(Err(plainest(services, token, refusal).await?));
    }
    let user = UserId(usable.link.user_id);
    let done = retrying(|| async {
        let now = services.clock.now();
        let hx = HubTx::begin(&services.db, Access::Write, token.hub(), Some(user)).await?;
        let usable = match inspect(&hx, token, now).await? {
            Ok(usable) => usable,
            Err(refusal) => return Ok(Err(refusal)),
        };
        if !store::spend(&hx, &usable.link, now).await? {
            return Ok(Err(Refusal {
                why: Why::Used,
                locale,
            }));
        }
        match steps::apply(&hx, &usable.request, &step, now).await {
            Ok(_) => {}
            Err(err) if err.is_contention() => return Err(Retry::Transient),
            Err(err) => {
                return Ok(Err(Refusal {
                    why: classify(err)?,
                    locale,
                }));
            }
        }
        hx.commit().await?;
        Ok(Ok(usable.question))
    })
    .await;
    // Still contended after every retry: a refusal to try again, not a failure.
    let done = match done {
        Ok(Err(refusal)) => Err(plainest(services, token, refusal).await?),
        Ok(done) => done,
        Err(err) => return refuse(err),
    };
    if done.is_ok() {
        payments
            .after(services, &usable.hub, &[usable.link.booking_id])
            .await;
    }
    Ok(done)
}

/// `refusal`, unless the link itself was used meanwhile (a double click
/// racing itself: the second may read the link before the first commits
/// and the booking after), which is then the plainer answer.
async fn plainest(services: &Services, token: &HubToken, refusal: Refusal) -> AppResult<Refusal> {
    Ok(match open_usable(services, token).await? {
        Err(now) if matches!(now.why, Why::Used) => now,
        _ => refusal,
    })
}

/// The link `token` if it can act now, read in a transaction of its own.
async fn open_usable(services: &Services, token: &HubToken) -> AppResult<Result<Usable, Refusal>> {
    let now = services.clock.now();
    let hx = HubTx::begin(&services.db, Access::Read, token.hub(), None).await?;
    let found = inspect(&hx, token, now).await?;
    hx.commit().await?;
    Ok(found)
}

/// The booking's step a decision takes.
fn event_of(decision: AnswerDecision) -> BookingEvent {
    match decision {
        AnswerDecision::Approve => BookingEvent::Approve,
        AnswerDecision::Decline => BookingEvent::Decline,
    }
}

/// The engine's refusal as the page says it; an internal failure stays one.
fn classify(err: AppError) -> AppResult<Why> {
    match err {
        AppError::NotFound(_) | AppError::Forbidden(_) | AppError::Unauthenticated(_) => {
            Ok(Why::NotAllowed)
        }
        AppError::Internal(_) => Err(err),
        other => Ok(Why::Refused(other)),
    }
}

/// The link `token` and everything about it, if it can act at `now`.
async fn inspect(
    hx: &HubTx,
    token: &HubToken,
    now: DateTime<Utc>,
) -> AppResult<Result<Usable, Refusal>> {
    let refuse = |why, locale| Ok(Err(Refusal { why, locale }));
    let Some(link) = store::find(hx, &token.hash()).await? else {
        return refuse(Why::Unknown, None);
    };
    let hub = tenancy_store::find_hubs(hx.conn(), &[hx.hub()])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::Internal("an answer link without its hub".into()))?;
    let Some(person) = accounts_store::find_by_id(hx.conn(), UserId(link.user_id)).await? else {
        return refuse(Why::Unknown, None);
    };
    let locale = Locale::parse(&person.locale)
        .or_else(|| Locale::parse(&hub.locale))
        .unwrap_or_default();
    let known = Some(locale);
    if link.used_at.is_some() {
        return refuse(Why::Used, known);
    }
    if link.expires_at <= now {
        return refuse(Why::Expired, known);
    }
    let Some(booking) = bookings_store::find(hx, link.booking_id, false).await? else {
        return refuse(Why::Unknown, known);
    };
    if booking.status != BookingStatus::Requested {
        return refuse(Why::Answered, known);
    }
    let request = acting_as(hx, &hub, person, &link, locale).await?;
    let event = event_of(link.decision);
    let access = ListingAccess::of(&request, hx).await?;
    let allowed = match visible_booking(hx, &access, booking.id, false).await {
        Ok((_, standing)) => standing.require(event),
        Err(err) => Err(err),
    };
    if let Err(err) = allowed {
        return refuse(classify(err)?, known);
    }
    let question = describe(hx, &hub, &booking, link.decision, locale).await?;
    Ok(Ok(Usable {
        link,
        hub,
        request,
        question,
    }))
}

/// The request as if the link's user had signed in to the hub: their role
/// of now, read in the transaction that uses it. The link stands in for a
/// session (its id and expiry), and there is no other credential.
async fn acting_as(
    hx: &HubTx,
    hub: &hub::Model,
    person: user::Model,
    link: &answer_link::Model,
    locale: Locale,
) -> AppResult<RequestContext> {
    let role = tenancy_store::role_of(hx, UserId(person.id)).await?;
    Ok(RequestContext {
        locale,
        viewer: Some(Viewer {
            user: person,
            session_id: link.id,
            session_expires_at: link.expires_at,
        }),
        token_rejected: false,
        hub: Some(hub.clone()),
        role,
    })
}

/// The request in words.
async fn describe(
    hx: &HubTx,
    hub: &hub::Model,
    booking: &booking::Model,
    decision: AnswerDecision,
    locale: Locale,
) -> AppResult<Question> {
    let listing = listings_store::find(hx, booking.listing_id, false)
        .await?
        .ok_or_else(listings_store::not_found)?;
    let customer = accounts_store::find_by_id(hx.conn(), UserId(booking.customer_id))
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    Ok(Question {
        locale,
        decision,
        hub: hub.name.clone(),
        listing: listing.title,
        customer,
        when: period_text(hub_time_zone(hub)?, booking.starts_at, booking.ends_at),
    })
}
