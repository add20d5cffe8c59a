//! GraphQL: `verifyEmail`, `resendVerificationEmail`.

use async_graphql::{Context, Object};

use crate::accounts::schema::{User, client};
use crate::api::context::ContextExt;
use crate::db::{self, Access};
use crate::error::AppError;
use crate::msg;
use crate::rate_limit::Action;

use super::verification;

/// Email verification mutations.
#[derive(Default)]
pub struct VerificationMutation;

#[Object]
impl VerificationMutation {
    /// Confirms the account's email address with the token of the link in
    /// the welcome email (or a newer one). Works once; needs no session,
    /// the link is the proof. Answers the account.
    async fn verify_email(&self, ctx: &Context<'_>, token: String) -> async_graphql::Result<User> {
        let services = ctx.services()?;
        let now = services.clock.now();
        let tx = services.db.begin(Access::Write, None).await?;
        let user = verification::verify(&tx, &token, now)
            .await?
            .ok_or_else(|| AppError::validation("token", msg!("verify-link-unusable")))?;
        db::commit(tx).await?;
        Ok(User(user))
    }

    /// Emails the signed-in person a new link that confirms their address
    /// (once, within 48 hours). Answers `true`, and sends nothing, when the
    /// address is already confirmed.
    async fn resend_verification_email(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let services = ctx.services()?;
        let viewer = ctx.request()?.viewer()?;
        // Counted whether or not a link goes out: the answer is the same.
        services
            .rate_limits
            .check(Action::SendEmail, client(ctx)?, &viewer.user.email_key)?;
        let now = services.clock.now();
        let tx = services.db.begin(Access::Write, Some(viewer.id())).await?;
        verification::resend(&tx, viewer.id(), &services.settings.public_url, now).await?;
        db::commit(tx).await?;
        Ok(true)
    }
}
