//! The queries of accounts: users and sessions (global tables).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set};

use crate::db::global;
use crate::entities::{session, user};
use crate::error::AppResult;
use crate::ids::UserId;
use crate::locale::Locale;

use super::email::EmailAddress;
use super::token::BearerToken;

/// A new account's details, already validated.
pub struct NewUser {
    /// The login address.
    pub email: EmailAddress,
    /// The name shown to others.
    pub name: String,
    /// The argon2id hash, if the account has a password.
    pub password_hash: Option<String>,
    /// The language of emails and messages.
    pub locale: Locale,
}

/// Creates a user; a taken address (in any letter case) is a `CONFLICT`.
pub async fn create_user(
    conn: &impl ConnectionTrait,
    new: NewUser,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    let model = user::ActiveModel {
        id: Set(UserId::new().0),
        email: Set(new.email.as_str().to_owned()),
        email_key: Set(new.email.key()),
        name: Set(new.name),
        password_hash: Set(new.password_hash),
        locale: Set(new.locale.tag().to_owned()),
        is_platform_admin: Set(false),
        email_verified_at: Set(None),
        created_at: Set(now),
    };
    // A taken address is the unique key `users_email_key_key`, answered
    // as such in `db::failure`.
    Ok(global::insert(conn, model).await?)
}

/// The user with this address, in any letter case.
pub async fn find_by_email(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
) -> AppResult<Option<user::Model>> {
    Ok(global::find::<user::Entity>()
        .filter(user::Column::EmailKey.eq(email.key()))
        .one(conn)
        .await?)
}

/// The user with this id.
pub async fn find_by_id(conn: &impl ConnectionTrait, id: UserId) -> AppResult<Option<user::Model>> {
    Ok(global::find_by_id::<user::Entity>(id.0).one(conn).await?)
}

/// The users with these ids.
pub async fn find_many(
    conn: &impl ConnectionTrait,
    ids: &[uuid::Uuid],
) -> AppResult<Vec<user::Model>> {
    Ok(global::find::<user::Entity>()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?)
}

/// Records that `user` proved their address is theirs, at `now`; the first
/// proof stands, a later one changes nothing.
pub async fn mark_email_verified(
    conn: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
) -> AppResult<()> {
    global::update_many::<user::Entity>()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(user.0))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Grants or withdraws platform administration; `false` if no such user.
pub async fn set_platform_admin(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
    admin: bool,
) -> AppResult<bool> {
    let result = global::update_many::<user::Entity>()
        .col_expr(user::Column::IsPlatformAdmin, Expr::value(admin))
        .filter(user::Column::EmailKey.eq(email.key()))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Starts a session for `user` valid until `expires_at`; returns the token to show once.
pub async fn create_session(
    conn: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> AppResult<BearerToken> {
    let token = BearerToken::generate();
    let model = session::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.0),
        token_hash: Set(token.hash()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    };
    global::insert(conn, model).await?;
    Ok(token)
}

/// The live session with this token hash and its user: not expired at `now`, not revoked.
pub async fn find_live_session(
    conn: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<(session::Model, user::Model)>> {
    let found = global::find::<session::Entity>()
        .filter(session::Column::TokenHash.eq(token_hash))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::RevokedAt.is_null())
        .find_also_related(user::Entity)
        .one(conn)
        .await?;
    Ok(found.and_then(|(session, user)| user.map(|user| (session, user))))
}

/// Revokes one session.
pub async fn revoke_session(
    conn: &impl ConnectionTrait,
    session_id: uuid::Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    global::update_many::<session::Entity>()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Sets `user`'s password and ends every session of theirs.
pub async fn replace_password(
    conn: &impl ConnectionTrait,
    user: UserId,
    password_hash: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    global::update_many::<user::Entity>()
        .col_expr(user::Column::PasswordHash, Expr::value(Some(password_hash)))
        .filter(user::Column::Id.eq(user.0))
        .exec(conn)
        .await?;
    global::update_many::<session::Entity>()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::UserId.eq(user.0))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}
