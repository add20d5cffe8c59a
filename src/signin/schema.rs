//! GraphQL: `requestMagicLink`, `signInWithLink`, `requestPasswordReset`,
//! `resetPassword`.

use async_graphql::{Context, Object};

use crate::accounts::email::EmailAddress;
use crate::accounts::password::Password;
use crate::accounts::schema::{LogInPayload, User, client};
use crate::accounts::store;
use crate::api::context::ContextExt;
use crate::db::{self, Access};
use crate::entities::sign_in_link::LinkPurpose;
use crate::error::{AppError, AppResult};
use crate::ids::UserId;
use crate::msg;
use crate::rate_limit::Action;
use crate::state::Services;

use super::links;

/// Sign-in link mutations.
#[derive(Default)]
pub struct SignInMutation;

/// Sends a `purpose` link to `email` if it has an account; the same answer
/// either way.
async fn request(ctx: &Context<'_>, email: &str, purpose: LinkPurpose) -> AppResult<bool> {
    let services = ctx.services()?;
    let email = EmailAddress::parse(email, "email")?;
    services
        .rate_limits
        .check(Action::SendEmail, client(ctx)?, &email.key())?;
    let now = services.clock.now();
    let tx = services.db.begin(Access::Write, None).await?;
    if let Some(user) = store::find_by_email(&tx, &email).await? {
        links::send(&tx, &user, purpose, &services.settings.public_url, now).await?;
    }
    db::commit(tx).await?;
    Ok(true)
}

fn unusable() -> AppError {
    AppError::validation("token", msg!("link-unusable"))
}

async fn sign_in(services: &Services, token: &str) -> AppResult<LogInPayload> {
    let now = services.clock.now();
    let tx = services.db.begin(Access::Write, None).await?;
    let user = links::redeem(&tx, token, LinkPurpose::MagicLink, now)
        .await?
        .ok_or_else(unusable)?;
    // The link reached this mailbox: the address is proved too.
    store::mark_email_verified(&tx, UserId(user), now).await?;
    let user = store::find_by_id(&tx, UserId(user))
        .await?
        .ok_or_else(unusable)?;
    let expires_at = now + services.settings.session_ttl;
    let session = store::create_session(&tx, user.id.into(), now, expires_at).await?;
    db::commit(tx).await?;
    Ok(LogInPayload {
        token: session.reveal().to_owned(),
        expires_at,
        user: User(user),
    })
}

#[Object]
impl SignInMutation {
    /// Emails a link that signs in without a password (once, within 15
    /// minutes). Answers `true` whether or not the address has an account.
    async fn request_magic_link(
        &self,
        ctx: &Context<'_>,
        email: String,
    ) -> async_graphql::Result<bool> {
        Ok(request(ctx, &email, LinkPurpose::MagicLink).await?)
    }

    /// Exchanges a sign-in link's token for a bearer token.
    async fn sign_in_with_link(
        &self,
        ctx: &Context<'_>,
        token: String,
    ) -> async_graphql::Result<LogInPayload> {
        Ok(sign_in(ctx.services()?, &token).await?)
    }

    /// Emails a link to set a new password (once, within 30 minutes).
    /// Answers `true` whether or not the address has an account.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        email: String,
    ) -> async_graphql::Result<bool> {
        Ok(request(ctx, &email, LinkPurpose::PasswordReset).await?)
    }

    /// Sets a new password with a reset link's token and ends every session
    /// of the account.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        token: String,
        password: String,
    ) -> async_graphql::Result<bool> {
        let services = ctx.services()?;
        let password = Password::parse(&password, "password")?;
        let hash = password.hash().await?;
        let now = services.clock.now();
        let tx = services.db.begin(Access::Write, None).await?;
        let user = links::redeem(&tx, &token, LinkPurpose::PasswordReset, now)
            .await?
            .ok_or_else(unusable)?;
        store::replace_password(&tx, UserId(user), hash, now).await?;
        // The link reached this mailbox: the address is proved too.
        store::mark_email_verified(&tx, UserId(user), now).await?;
        db::commit(tx).await?;
        Ok(true)
    }
}
