//! The domain error every capability returns, and its one conversion into a
//! GraphQL error with `extensions.code`.
//!
//! `AppError` deliberately does not implement `Display`: async-graphql turns
//! any `Display` error reached by `?` into a client-visible message, so only
//! this file decides what a client sees. Database errors become
//! [`AppError::Internal`], which is logged with a reference and shown as that
//! reference alone.

use std::borrow::Cow;

use async_graphql::ErrorExtensions;

use crate::locale::{Locale, Text};

tokio::task_local! {
    static REQUEST_LOCALE: Locale;
}

/// Runs a request's work with `locale` as the language of its errors.
pub async fn with_locale<F: Future>(locale: Locale, work: F) -> F::Output {
    REQUEST_LOCALE.scope(locale, work).await
}

fn request_locale() -> Locale {
    REQUEST_LOCALE.try_with(|l| *l).unwrap_or_default()
}

/// What went wrong, in terms a client can act on.
#[derive(Debug)]
pub enum AppError {
    /// No valid session: log in (again).
    Unauthenticated(Text),
    /// Logged in, but this role may not do this.
    Forbidden(Text),
    /// Missing, or belonging to another hub: the two are indistinguishable.
    NotFound(Text),
    /// The input is wrong; `field` names the offending input path.
    Validation {
        /// The input field, as the client spelled it (`input.email`).
        field: Cow<'static, str>,
        /// What is wrong with it.
        message: Text,
    },
    /// The request is valid but the state does not allow it now.
    Conflict(Text),
    /// Too many attempts; try again after `retry_after_seconds`.
    RateLimited {
        /// What was refused, and when to try again.
        message: Text,
        /// Seconds to wait (`extensions.retryAfter`, and the HTTP `Retry-After`).
        retry_after_seconds: u64,
    },
    /// The request itself cannot be read (a GraphQL document that does not parse).
    BadRequest(Text),
    /// A fault on our side; the detail goes to the log, never to the client.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

/// The result type of every domain operation.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A validation error on `field`.
    pub fn validation(field: impl Into<Cow<'static, str>>, message: Text) -> AppError {
        AppError::Validation {
            field: field.into(),
            message,
        }
    }

    /// The standard answer when a session is missing or no longer valid.
    pub fn login_required() -> AppError {
        AppError::Unauthenticated(Text::new(
            "Please log in to do this.",
            "Accedi per continuare.",
        ))
    }

    /// The standard answer for a role that may not do something.
    pub fn not_allowed() -> AppError {
        AppError::Forbidden(Text::new(
            "Your role in this hub does not allow this.",
            "Il tuo ruolo in questo hub non lo consente.",
        ))
    }

    /// A fault on our side.
    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> AppError {
        AppError::Internal(Box::new(err))
    }

    /// The `extensions.code` of this error.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated(_) => "UNAUTHENTICATED",
            AppError::Forbidden(_) => "FORBIDDEN",
            AppError::NotFound(_) => "NOT_FOUND",
            AppError::Validation { .. } => "VALIDATION",
            AppError::Conflict(_) => "CONFLICT",
            AppError::RateLimited { .. } => "RATE_LIMITED",
            AppError::BadRequest(_) => "BAD_REQUEST",
            AppError::Internal(_) => "INTERNAL",
        }
    }

    /// The field (for `VALIDATION`) and the message in `locale`; `None` for
    /// an internal error, whose details are not for clients.
    pub fn describe(&self, locale: Locale) -> Option<(Option<&str>, &str)> {
        match self {
            AppError::Internal(_) => None,
            AppError::Validation { field, message } => {
                Some((Some(field.as_ref()), message.in_locale(locale)))
            }
            AppError::Unauthenticated(text)
            | AppError::Forbidden(text)
            | AppError::NotFound(text)
            | AppError::Conflict(text)
            | AppError::BadRequest(text)
            | AppError::RateLimited { message: text, .. } => Some((None, text.in_locale(locale))),
        }
    }

    /// A one-line account for an operator at the command line, internals included.
    pub fn explain(&self) -> String {
        match self {
            AppError::Internal(source) => format!("INTERNAL: {source}"),
            AppError::Validation { field, message } => {
                format!("VALIDATION ({field}): {}", message.in_locale(Locale::En))
            }
            AppError::Unauthenticated(text)
            | AppError::Forbidden(text)
            | AppError::NotFound(text)
            | AppError::Conflict(text)
            | AppError::BadRequest(text)
            | AppError::RateLimited { message: text, .. } => {
                format!("{}: {}", self.code(), text.in_locale(Locale::En))
            }
        }
    }

    /// Turns the error into what the client sees, in `locale`.
    pub fn into_graphql(self, locale: Locale) -> async_graphql::Error {
        let code = self.code();
        let retry_after = match &self {
            AppError::RateLimited {
                retry_after_seconds,
                ..
            } => Some(*retry_after_seconds),
            _ => None,
        };
        let (message, field) = match self {
            AppError::Unauthenticated(text)
            | AppError::Forbidden(text)
            | AppError::NotFound(text)
            | AppError::Conflict(text)
            | AppError::BadRequest(text)
            | AppError::RateLimited { message: text, .. } => {
                (text.in_locale(locale).to_owned(), None)
            }
            AppError::Validation { field, message } => {
                (message.in_locale(locale).to_owned(), Some(field))
            }
            AppError::Internal(source) => {
                let reference = uuid::Uuid::new_v4();
                tracing::error!(%reference, error = %source, "internal error");
                let text = Text::new(
                    format!("Something went wrong on our side (reference {reference})."),
                    format!("Si è verificato un errore da parte nostra (riferimento {reference})."),
                );
                (text.in_locale(locale).to_owned(), None)
            }
        };
        async_graphql::Error::new(message).extend_with(|_, ext| {
            ext.set("code", code);
            if let Some(field) = field {
                ext.set("field", field.as_ref());
            }
            if let Some(seconds) = retry_after {
                ext.set("retryAfter", seconds);
            }
        })
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        err.into_graphql(request_locale())
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal(err)
    }
}
