//! The queries of answer links, all through the hub's transaction: made in
//! pairs, looked up by digest, spent together.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, QueryFilter, Set};

use crate::db::scope::HubTx;
use crate::entities::answer_link::{self, AnswerDecision};
use crate::entities::booking;
use crate::error::AppResult;
use crate::hub_token::HubToken;

use super::lifetime::expiry;

/// The two addresses a recipient of a request's email answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerLinks {
    /// Follow to approve.
    pub approve: String,
    /// Follow to decline.
    pub decline: String,
}

/// The address of an answer link with `token`.
pub fn address(public_url: &str, token: &HubToken) -> String {
    format!("{public_url}/answer/{}", token.reveal())
}

/// Makes the pair of links with which `user` answers the request
/// `booking`, in the caller's transaction; `None` when the request can no
/// longer be answered (then the email carries no links).
pub async fn issue(
    hx: &HubTx,
    booking: &booking::Model,
    user: uuid::Uuid,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<AnswerLinks>> {
    let Some(expires_at) = expiry(now, booking.response_deadline, booking.starts_at) else {
        return Ok(None);
    };
    let link = |decision| insert(hx, booking.id, user, decision, (expires_at, now));
    let approve = link(AnswerDecision::Approve).await?;
    let decline = link(AnswerDecision::Decline).await?;
    Ok(Some(AnswerLinks {
        approve: address(public_url, &approve),
        decline: address(public_url, &decline),
    }))
}

/// Stores one link of `user` for `booking`; its secret, to send.
async fn insert(
    hx: &HubTx,
    booking: uuid::Uuid,
    user: uuid::Uuid,
    decision: AnswerDecision,
    (expires_at, now): (DateTime<Utc>, DateTime<Utc>),
) -> AppResult<HubToken> {
    let token = HubToken::generate(hx.hub());
    hx.insert(answer_link::ActiveModel {
        tenant_id: Set(hx.hub().0),
        id: Set(uuid::Uuid::now_v7()),
        booking_id: Set(booking),
        user_id: Set(user),
        decision: Set(decision),
        token_hash: Set(token.hash()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
    })
    .await?;
    Ok(token)
}

/// The link whose token has the digest `token_hash`, in the hub.
pub async fn find(hx: &HubTx, token_hash: &str) -> AppResult<Option<answer_link::Model>> {
    Ok(hx
        .find::<answer_link::Entity>()
        .filter(answer_link::Column::TokenHash.eq(token_hash))
        .one(hx.conn())
        .await?)
}

/// Spends `link` and its sibling (the same user's other answer to the same
/// request): `false` when it was spent or expired meanwhile. One `UPDATE`
/// of the link decides, so of two requests racing exactly one wins (on
/// PostgreSQL the second waits for the first's row lock, then finds the
/// link spent).
pub async fn spend(hx: &HubTx, link: &answer_link::Model, now: DateTime<Utc>) -> AppResult<bool> {
    let won = hx
        .update_many::<answer_link::Entity>()
        .col_expr(answer_link::Column::UsedAt, Expr::value(now))
        .filter(answer_link::Column::Id.eq(link.id))
        .filter(answer_link::Column::UsedAt.is_null())
        .filter(answer_link::Column::ExpiresAt.gt(now))
        .exec(hx.conn())
        .await?;
    if won.rows_affected != 1 {
        return Ok(false);
    }
    hx.update_many::<answer_link::Entity>()
        .col_expr(answer_link::Column::UsedAt, Expr::value(now))
        .filter(answer_link::Column::BookingId.eq(link.booking_id))
        .filter(answer_link::Column::UserId.eq(link.user_id))
        .filter(answer_link::Column::UsedAt.is_null())
        .exec(hx.conn())
        .await?;
    Ok(true)
}
