//! Verifying an email address: a single-use link proves the mailbox is the
//! account holder's. The welcome email carries the first link; a signed-in
//! person may ask for another.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::accounts::store;
use crate::entities::sign_in_link::LinkPurpose;
use crate::entities::user;
use crate::error::AppResult;
use crate::ids::UserId;

use super::links;

/// Uses the verification link with secret `token` and marks its account's
/// address verified: the account, or `None` when the link is unknown, used
/// or expired. Once only, even when two requests race.
pub async fn verify(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<user::Model>> {
    let Some(user) = links::redeem(conn, token, LinkPurpose::VerifyEmail, now).await? else {
        return Ok(None);
    };
    store::mark_email_verified(conn, UserId(user), now).await?;
    store::find_by_id(conn, UserId(user)).await
}

/// Emails `user` a new verification link, unless the address is verified
/// already (read again here, so a link used a moment ago counts).
pub async fn resend(
    conn: &impl ConnectionTrait,
    user: UserId,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    match store::find_by_id(conn, user).await? {
        Some(account) if account.email_verified_at.is_none() => {
            links::send(conn, &account, LinkPurpose::VerifyEmail, public_url, now).await
        }
        _ => Ok(()),
    }
}
