//! The links' secrets: made, sent, and redeemed once before they expire.
//! Only the secret's digest is stored.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Set};

use crate::accounts::token::{BearerToken, hash_token};
use crate::db::global;
use crate::entities::sign_in_link::{self, LinkPurpose};
use crate::entities::user;
use crate::error::AppResult;
use crate::locale::Locale;
use crate::notifications::kinds::Kind;
use crate::notifications::outbox::{self, NewMessage};
use crate::notifications::templates::{self, Facts};

/// How long a link works.
pub fn lifetime(purpose: LinkPurpose) -> Duration {
    match purpose {
        LinkPurpose::MagicLink => Duration::minutes(15),
        LinkPurpose::PasswordReset => Duration::minutes(30),
        // Long enough to find the welcome email the next day; the address
        // it proves stays proved, so a longer life risks little.
        LinkPurpose::VerifyEmail => Duration::hours(48),
    }
}

/// The page a link of `purpose` opens, under the public address.
fn page(purpose: LinkPurpose) -> &'static str {
    match purpose {
        LinkPurpose::MagicLink => "sign-in",
        LinkPurpose::PasswordReset => "reset-password",
        LinkPurpose::VerifyEmail => "verify-email",
    }
}

/// The message that carries a link of `purpose` when asked for on its own.
fn message(purpose: LinkPurpose) -> Kind {
    match purpose {
        LinkPurpose::MagicLink => Kind::MagicLink,
        LinkPurpose::PasswordReset => Kind::PasswordReset,
        LinkPurpose::VerifyEmail => Kind::VerifyEmail,
    }
}

/// Makes a link for `user` and puts its email in the outbox, in the
/// caller's transaction.
pub async fn send(
    conn: &impl ConnectionTrait,
    user: &user::Model,
    purpose: LinkPurpose,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    send_in(conn, user, purpose, message(purpose), public_url, now).await
}

/// Makes a link for `user` and puts it in the outbox inside the message
/// `kind` (the welcome email carries a verification link), in the
/// caller's transaction.
pub async fn send_in(
    conn: &impl ConnectionTrait,
    user: &user::Model,
    purpose: LinkPurpose,
    kind: Kind,
    public_url: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let secret = BearerToken::generate();
    let ttl = lifetime(purpose);
    global::insert(
        conn,
        sign_in_link::ActiveModel {
            token_hash: Set(secret.hash()),
            user_id: Set(user.id),
            purpose: Set(purpose),
            expires_at: Set(now + ttl),
            used_at: Set(None),
            created_at: Set(now),
        },
    )
    .await?;
    let locale = Locale::parse(&user.locale).unwrap_or_default();
    let facts = Facts {
        person: user.name.clone(),
        hub: "portineria".to_owned(),
        link: format!("{public_url}/{}?token={}", page(purpose), secret.reveal()),
        minutes: ttl.num_minutes(),
        ..Facts::default()
    };
    let rendered = templates::render(kind, locale, &facts)?;
    outbox::enqueue(
        conn,
        NewMessage {
            tenant: None,
            kind,
            dedupe_key: format!("link:{}", secret.hash()),
            recipient: user.email.clone(),
            locale,
            rendered,
            attachments: Vec::new(),
            list_unsubscribe: None,
        },
        now,
    )
    .await?;
    Ok(())
}

/// Uses the link with secret `token` for `purpose`: the user it was made
/// for, or `None` when it is unknown, used or expired. Once only, even
/// when two requests race: the link is marked used by one update.
pub async fn redeem(
    conn: &impl ConnectionTrait,
    token: &str,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> AppResult<Option<uuid::Uuid>> {
    let digest = hash_token(token);
    let found = global::find::<sign_in_link::Entity>()
        .filter(sign_in_link::Column::TokenHash.eq(&digest))
        .filter(sign_in_link::Column::Purpose.eq(purpose))
        .one(conn)
        .await?;
    let Some(link) = found else {
        return Ok(None);
    };
    let used = global::update_many::<sign_in_link::Entity>()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(now))
        .filter(sign_in_link::Column::TokenHash.eq(&digest))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .filter(sign_in_link::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    Ok((used.rows_affected == 1).then_some(link.user_id))
}
