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
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::HtmlEscape;

use crate::accounts::{store as accounts_store, unsubscribe};
use crate::db::{self, Access};
use crate::entities::unsubscribe_token::{self, MailCategory};
use crate::error::AppResult;
use crate::i18n::Message;
use crate::ids::UserId;
use crate::locale::Locale;
use crate::msg;
use crate::state::Services;

/// `GET /unsubscribe/{token}`.
pub async fn ask(
    State(services): State<Services>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let asked = browser_locale(&headers);
    let found = async {
        let tx = services.db.begin(Access::Read, None).await?;
        let link = unsubscribe::find(&tx, &token).await?;
        let locale = match &link {
            Some(link) => recipient_locale(&tx, link, asked).await?,
            None => asked,
        };
        db::commit(tx).await?;
        AppResult::Ok(link.map(|l| (l.category, locale)))
    }
    .await;
    match found {
        Ok(Some((category, locale))) => {
            let question = match category {
                MailCategory::Reminders => msg!("unsubscribe-ask-reminders"),
                MailCategory::Digests => msg!("unsubscribe-ask-digests"),
            };
            let body = format!(
                "<p>{}</p>\n<form method=\"post\">\
                 <input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\
                 <button type=\"submit\">{}</button></form>",
                text(&question, locale),
                text(&msg!("unsubscribe-button"), locale),
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
    let done = async {
        let tx = services.db.begin(Access::Write, None).await?;
        let link = unsubscribe::apply(&tx, &token, services.clock.now()).await?;
        let locale = match &link {
            Some(link) => recipient_locale(&tx, link, asked).await?,
            None => asked,
        };
        db::commit(tx).await?;
        AppResult::Ok(link.map(|l| (l.category, locale)))
    }
    .await;
    match done {
        Ok(Some((category, locale))) => {
            let said = match category {
                MailCategory::Reminders => msg!("unsubscribe-done-reminders"),
                MailCategory::Digests => msg!("unsubscribe-done-digests"),
            };
            let body = format!("<p>{}</p>", text(&said, locale));
            page(StatusCode::OK, locale, &msg!("unsubscribe-title"), &body)
        }
        Ok(None) => not_found(asked),
        Err(err) => failed(err, asked),
    }
}

/// The language the browser asks for, else the default.
fn browser_locale(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language)
        .unwrap_or_default()
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

/// A catalogue sentence, HTML-escaped.
fn text(message: &Message, locale: Locale) -> String {
    HtmlEscape(&message.render(locale)).to_string()
}

fn page(status: StatusCode, locale: Locale, title: &Message, body: &str) -> Response {
    let title = text(title, locale);
    let html = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\">\
         <title>{title}</title></head>\n<body>\n<main>\n<h1>{title}</h1>\n{body}\n</main>\n</body>\n</html>\n",
        locale.tag()
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

fn not_found(locale: Locale) -> Response {
    let body = format!("<p>{}</p>", text(&msg!("unsubscribe-not-found"), locale));
    page(
        StatusCode::NOT_FOUND,
        locale,
        &msg!("unsubscribe-not-found-title"),
        &body,
    )
}

fn failed(err: crate::error::AppError, locale: Locale) -> Response {
    tracing::error!(error = %err.explain(), "unsubscribe failed");
    let body = format!("<p>{}</p>", text(&msg!("unsubscribe-failed"), locale));
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
        assert_eq!(
            text(&msg!("unsubscribe-title"), Locale::It),
            "Non ricevere più queste email"
        );
        let asked = text(&msg!("unsubscribe-ask-digests"), Locale::It);
        assert!(asked.contains("l&#x27;avviso"), "{asked}");
        assert!(!asked.contains('\''), "{asked}");
    }
}
