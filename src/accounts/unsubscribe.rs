//! One-click unsubscribe links: a random secret per optional message, kept
//! as its digest with the person and the category it turns off. They never
//! expire (an old email's link must keep working) and can only turn mail
//! off, so a leaked link costs at most one category of reminders.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set};

use crate::db::global;
use crate::entities::unsubscribe_token::{self, MailCategory};
use crate::error::AppResult;

use super::mail_preferences;
use super::token::{BearerToken, hash_token, is_well_formed};

/// Makes a link secret for `user` and `category` in the caller's
/// transaction; the secret goes into the email, only its digest is kept.
pub async fn issue(
    conn: &impl ConnectionTrait,
    user: uuid::Uuid,
    category: MailCategory,
    now: DateTime<Utc>,
) -> AppResult<BearerToken> {
    let secret = BearerToken::generate();
    global::insert(
        conn,
        unsubscribe_token::ActiveModel {
            token_hash: Set(secret.hash()),
            user_id: Set(user),
            category: Set(category),
            created_at: Set(now),
        },
    )
    .await?;
    Ok(secret)
}

/// The link with secret `token`, or `None` when there is no such link.
pub async fn find(
    conn: &impl ConnectionTrait,
    token: &str,
) -> AppResult<Option<unsubscribe_token::Model>> {
    if !is_well_formed(token) {
        return Ok(None);
    }
    Ok(global::find::<unsubscribe_token::Entity>()
        .filter(unsubscribe_token::Column::TokenHash.eq(hash_token(token)))
        .one(conn)
        .await?)
}

/// Turns off the category of the link with secret `token`: the link, or
/// `None` when there is no such link. Using it again changes nothing more.
pub async fn apply(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<unsubscribe_token::Model>> {
    let Some(link) = find(conn, token).await? else {
        return Ok(None);
    };
    let off = mail_preferences::Change::turn_off(link.category);
    mail_preferences::change(conn, link.user_id, off, now).await?;
    Ok(Some(link))
}
