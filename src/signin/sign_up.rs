//! GraphQL: `signUp`. A new account and its welcome email, with the link
//! that verifies the address, are written in one transaction: the account
//! never exists without its welcome on the way, and a refused sign-up
//! sends nothing.

use async_graphql::{Context, Object};

use crate::accounts::email::EmailAddress;
use crate::accounts::password::Password;
use crate::accounts::schema::{SignUpInput, User, client};
use crate::accounts::store::{self, NewUser};
use crate::api::context::ContextExt;
use crate::db::{self, Access};
use crate::entities::sign_in_link::LinkPurpose;
use crate::name::parse_name;
use crate::notifications::kinds::Kind;
use crate::rate_limit::Action;

use super::links;

/// The sign-up mutation.
#[derive(Default)]
pub struct SignUpMutation;

#[Object]
impl SignUpMutation {
    /// Creates an account with a password and emails a welcome with a link
    /// that confirms the address (once, within 48 hours); log in afterwards.
    async fn sign_up(&self, ctx: &Context<'_>, input: SignUpInput) -> async_graphql::Result<User> {
        let services = ctx.services()?;
        let request = ctx.request()?;
        let email = EmailAddress::parse(&input.email, "input.email")?;
        let name = parse_name(&input.name, "input.name", 100)?;
        let password = Password::parse(&input.password, "input.password")?;
        // Counted once the input is valid: a typo costs no attempt.
        services
            .rate_limits
            .check(Action::SignUp, client(ctx)?, &email.key())?;
        let password_hash = password.hash().await?;
        let now = services.clock.now();
        let tx = services.db.begin(Access::Write, None).await?;
        let new = NewUser {
            email,
            name,
            password_hash: Some(password_hash),
            locale: input.locale.unwrap_or(request.locale),
        };
        let user = store::create_user(&tx, new, now).await?;
        links::send_in(
            &tx,
            &user,
            LinkPurpose::VerifyEmail,
            Kind::Welcome,
            &services.settings.public_url,
            now,
        )
        .await?;
        db::commit(tx).await?;
        Ok(User(user))
    }
}
