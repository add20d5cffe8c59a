//! GraphQL for accounts: `logIn`, `logOut`, `me`, and the `User` type.
//! `signUp` lives with the welcome email it sends, in `signin`.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::api::context::ContextExt;
use crate::db::{self, Access};
use crate::entities::user;
use crate::error::AppError;
use crate::locale::Locale;
use crate::msg;
use crate::rate_limit::{Action, ClientAddr};

use super::email::EmailAddress;
use super::mail_preferences::{self, Change};
use super::password;
use super::store;

/// A person's account, as they (or their hub's managers) see it.
pub struct User(pub user::Model);

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The login address, as the person typed it.
    async fn email(&self) -> &str {
        &self.0.email
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The language of the person's messages and emails.
    async fn locale(&self) -> Locale {
        Locale::parse(&self.0.locale).unwrap_or_default()
    }
    /// Whether the person proved the address is theirs, by the link in the
    /// welcome email or by signing in with an emailed link.
    async fn email_verified(&self) -> bool {
        self.0.email_verified_at.is_some()
    }
    /// Whether the person may create hubs.
    async fn is_platform_admin(&self) -> bool {
        self.0.is_platform_admin
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Which optional mail the person gets. Only they may see it.
    async fn mail_preferences(&self, ctx: &Context<'_>) -> async_graphql::Result<MailPreferences> {
        let services = ctx.services()?;
        if ctx.request()?.viewer()?.user.id != self.0.id {
            return Err(AppError::Forbidden(msg!("error-mail-preferences-not-yours")).into());
        }
        let tx = services.db.begin(Access::Read, None).await?;
        let choices = mail_preferences::of(&tx, self.0.id).await?;
        db::commit(tx).await?;
        Ok(choices.into())
    }
}

/// Which optional mail a person gets; messages about their bookings and
/// payments always go.
#[derive(SimpleObject)]
pub struct MailPreferences {
    /// A reminder the day before each booking.
    pub reminders: bool,
    /// For managers: a daily note when messages could not be delivered.
    pub digests: bool,
}

impl From<mail_preferences::MailPreferences> for MailPreferences {
    fn from(choices: mail_preferences::MailPreferences) -> MailPreferences {
        MailPreferences {
            reminders: choices.reminders,
            digests: choices.digests,
        }
    }
}

/// What `signUp` needs.
#[derive(InputObject)]
pub struct SignUpInput {
    /// The login address; unique whatever its letter case.
    pub email: String,
    /// At least 10 characters.
    pub password: String,
    /// The name others see.
    pub name: String,
    /// Defaults to the request's language.
    pub locale: Option<Locale>,
}

/// What `logIn` needs.
#[derive(InputObject)]
pub struct LogInInput {
    /// The login address.
    pub email: String,
    /// The password.
    pub password: String,
}

/// A new session.
#[derive(SimpleObject)]
pub struct LogInPayload {
    /// Send it as `Authorization: Bearer <token>`; it is shown only this once.
    pub token: String,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
    /// Who logged in.
    pub user: User,
}

/// Account queries.
#[derive(Default)]
pub struct AccountsQuery;

#[Object]
impl AccountsQuery {
    /// The logged-in user.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<User> {
        Ok(User(ctx.request()?.viewer()?.user.clone()))
    }
}

/// Account mutations.
#[derive(Default)]
pub struct AccountsMutation;

#[Object]
impl AccountsMutation {
    /// Turns the signed-in person's optional mail on or off; a choice left
    /// out stays as it is.
    async fn set_mail_preferences(
        &self,
        ctx: &Context<'_>,
        reminders: Option<bool>,
        digests: Option<bool>,
    ) -> async_graphql::Result<MailPreferences> {
        let services = ctx.services()?;
        let user = ctx.request()?.viewer()?.user.id;
        let tx = services.db.begin(Access::Write, None).await?;
        let change = Change { reminders, digests };
        mail_preferences::change(&tx, user, change, services.clock.now()).await?;
        let choices = mail_preferences::of(&tx, user).await?;
        db::commit(tx).await?;
        Ok(choices.into())
    }

    /// Exchanges an email and password for a bearer token. A wrong password and
    /// an unknown address get the same answer, in the same time.
    async fn log_in(
        &self,
        ctx: &Context<'_>,
        input: LogInInput,
    ) -> async_graphql::Result<LogInPayload> {
        let services = ctx.services()?;
        let email = EmailAddress::parse(&input.email, "input.email")?;
        services
            .rate_limits
            .check(Action::LogIn, client(ctx)?, &email.key())?;
        let now = services.clock.now();
        let tx = services.db.begin(Access::Write, None).await?;
        let user = store::find_by_email(&tx, &email).await?;
        let stored = user.as_ref().and_then(|u| u.password_hash.clone());
        let user = match (password::verify(input.password, stored).await?, user) {
            (true, Some(user)) => user,
            _ => {
                return Err(AppError::Unauthenticated(msg!("login-wrong")).into());
            }
        };
        let expires_at = now + services.settings.session_ttl;
        let token = store::create_session(&tx, user.id.into(), now, expires_at).await?;
        db::commit(tx).await?;
        Ok(LogInPayload {
            token: token.reveal().to_owned(),
            expires_at,
            user: User(user),
        })
    }

    /// Ends the session whose token made this request.
    async fn log_out(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let services = ctx.services()?;
        let viewer = ctx.request()?.viewer()?;
        let tx = services.db.begin(Access::Write, Some(viewer.id())).await?;
        store::revoke_session(&tx, viewer.session_id, services.clock.now()).await?;
        db::commit(tx).await?;
        Ok(true)
    }
}

/// The client's address, as the HTTP edge resolved it.
pub fn client(ctx: &Context<'_>) -> Result<std::net::IpAddr, AppError> {
    ctx.data::<ClientAddr>()
        .map(|client| client.0)
        .map_err(|e| AppError::Internal(e.message.into()))
}
