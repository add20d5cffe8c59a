//! One-click unsubscribe over HTTP (RFC 8058), for the link every optional
//! email carries in its footer and its `List-Unsubscribe` header.
//!
//! - `GET /unsubscribe/{token}`: a small page in the recipient's language
//!   asking to confirm with a button. It changes nothing: mail scanners
//!   and link previews follow links.
//! - `POST /unsubscribe/{token}`: turns that link's category off and says
//!   so. The body is whatever the form or the mail program sends (RFC 8058
//!   sends `List-Unsubscribe=One-Click`); the secret in the address is the
//!   credential, and it can only turn mail off. A second `POST` changes
//!   nothing more and answers the same.
//!
//! An unknown or malformed link gets a plain 404 page in the language the
//! browser asks for. The pages are plain HTML: no script, no style sheet,
//! every catalogue sentence escaped.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use sea_orm::DatabaseTransaction;

use crate::accounts::{store as accounts_store, unsubscribe};
use crate::db::{self, Access};
use crate::entities::unsubscribe_token::{self, MailCategory};
use crate::error::AppResult;
use crate::i18n::Message;
use crate::ids::UserId;
use crate::locale::Locale;
use crate::msg;
use crate::plain_page::{document, escape, paragraph};
use crate::state::Services;

use super::plain_response::{browser_locale, html};

/// `GET /unsubscribe/{token}`.
pub async fn ask(
    State(services): State<Services>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let asked = browser_locale(&headers);
    let found = with_link(&services, Access::Read, asked, async |tx| {
        unsubscribe::find(tx, &token).await
    })
    .await;
    match found {
        Ok(Some((category, locale))) => {
            let question = match category {
                MailCategory::Reminders => msg!("unsubscribe-ask-reminders"),
                MailCategory::Digests => msg!("unsubscribe-ask-digests"),
            };
            let body = format!(
                "{}<form method=\"post\">\
                 <input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\
                 <button type=\"submit\">{}</button></form>\n",
                paragraph(question, locale),
                escape(&msg!("unsubscribe-button").render(locale)),
            );
            page(StatusCode::OK, locale, &msg!("unsubscribe-title"), &body)
        }
        Ok(None) => not_found(asked),
        Err(err) => failed(err, asked),
    }
}

/// `POST /unsubscribe/{token}`.
pub async fn confirm(
    State(services): State<Services>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let asked = browser_locale(&headers);
    let now = services.clock.now();
    let done = with_link(&services, Access::Write, asked, async |tx| {
        unsubscribe::apply(tx, &token, now).await
    })
    .await;
    match done {
        Ok(Some((category, locale))) => {
            let said = match category {
                MailCategory::Reminders => msg!("unsubscribe-done-reminders"),
                MailCategory::Digests => msg!("unsubscribe-done-digests"),
            };
            let body = paragraph(said, locale);
            page(StatusCode::OK, locale, &msg!("unsubscribe-title"), &body)
        }
        Ok(None) => not_found(asked),
        Err(err) => failed(err, asked),
    }
}

/// The link `find` finds (or applies) in one transaction, its category,
/// and the language to answer in: its person's, else the browser's.
async fn with_link(
    services: &Services,
    access: Access,
    asked: Locale,
    find: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<Option<unsubscribe_token::Model>>,
) -> AppResult<Option<(MailCategory, Locale)>> {
    let tx = services.db.begin(access, None).await?;
    let link = find(&tx).await?;
    let locale = match &link {
        Some(link) => recipient_locale(&tx, link, asked).await?,
        None => asked,
    };
    db::commit(tx).await?;
    Ok(link.map(|l| (l.category, locale)))
}

/// The recipient's own language (the email's), else the browser's.
async fn recipient_locale(
    conn: &impl sea_orm::ConnectionTrait,
    link: &unsubscribe_token::Model,
    asked: Locale,
) -> AppResult<Locale> {
    let user = accounts_store::find_by_id(conn, UserId(link.user_id)).await?;
    Ok(user.and_then(|u| Locale::parse(&u.locale)).unwrap_or(asked))
}

/// `body` under `title`, in `locale`.
fn page(status: StatusCode, locale: Locale, title: &Message, body: &str) -> Response {
    html(status, document(locale, &title.render(locale), body))
}

fn not_found(locale: Locale) -> Response {
    let body = paragraph(msg!("unsubscribe-not-found"), locale);
    page(
        StatusCode::NOT_FOUND,
        locale,
        &msg!("unsubscribe-not-found-title"),
        &body,
    )
}

fn failed(err: crate::error::AppError, locale: Locale) -> Response {
    tracing::error!(error = %err.explain(), "unsubscribe failed");
    let body = paragraph(msg!("unsubscribe-failed"), locale);
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        locale,
        &msg!("unsubscribe-title"),
        &body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_sentences_are_escaped_in_the_readers_language() {
        let response = page(
            StatusCode::NOT_FOUND,
            Locale::It,
            &msg!("unsubscribe-not-found-title"),
            "<p>x</p>",
        );
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let asked = paragraph(msg!("unsubscribe-ask-digests"), Locale::It);
        assert!(asked.contains("l&#39;avviso"), "{asked}");
        assert!(!asked.contains('\''), "{asked}");
    }
}
