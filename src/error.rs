//! The domain error every capability returns, and its one conversion into a
//! GraphQL error with `extensions.code`.
//!
//! Database errors are turned into `AppError`s in one place, `db::failure`.
//!
//! `AppError` deliberately does not implement `Display`: async-graphql turns
//! any `Display` error reached by `?` into a client-visible message, so only
//! this file decides what a client sees. Database errors become
//! [`AppError::Internal`], which is logged with a reference and shown as that
//! reference alone.

use std::borrow::Cow;

use async_graphql::ErrorExtensions;

use crate::i18n::Message;
use crate::locale::Locale;
use crate::msg;

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
    Unauthenticated(Message),
    /// Logged in, but this role may not do this.
    Forbidden(Message),
    /// Missing, or belonging to another hub: the two are indistinguishable.
    NotFound(Message),
    /// The input is wrong; `field` names the offending input path.
    Validation {
        /// The input field, as the client spelled it (`input.email`).
        field: Cow<'static, str>,
        /// What is wrong with it.
        message: Message,
    },
    /// The request is valid but the state does not allow it now.
    Conflict(Message),
    /// Too many attempts; try again after `retry_after_seconds`.
    RateLimited {
        /// What was refused, and when to try again.
        message: Message,
        /// Seconds to wait (`extensions.retryAfter`, and the HTTP `Retry-After`).
        retry_after_seconds: u64,
    },
    /// The request itself cannot be read (a GraphQL document that does not parse).
    BadRequest(Message),
    /// A service we depend on (the payment provider) did not answer; the
    /// same request may be sent again, safely.
    Unavailable(Message),
    /// A fault on our side; the detail goes to the log, never to the client.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

/// The result type of every domain operation.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A validation error on `field`.
    pub fn validation(field: impl Into<Cow<'static, str>>, message: Message) -> AppError {
        AppError::Validation {
            field: field.into(),
            message,
        }
    }

    /// The standard answer when a session is missing or no longer valid.
    pub fn login_required() -> AppError {
        AppError::Unauthenticated(msg!("error-login-required"))
    }

    /// The standard answer for a role that may not do something.
    pub fn not_allowed() -> AppError {
        AppError::Forbidden(msg!("error-role-not-allowed"))
    }

    /// A fault on our side.
    pub fn internal(err: impl std::error::Error + Send + Sync + 'static) -> AppError {
        AppError::Internal(Box::new(err))
    }

    /// Whether this is the database asking for the transaction to run again
    /// (see `db::failure`).
    pub fn is_contention(&self) -> bool {
        matches!(self, AppError::Conflict(message) if message.id() == "error-retry-exhausted")
    }

    /// The sentence the client reads; `None` for an internal error.
    pub fn message(&self) -> Option<&Message> {
        match self {
            AppError::Internal(_) => None,
            AppError::Validation { message, .. }
            | AppError::Unauthenticated(message)
            | AppError::Forbidden(message)
            | AppError::NotFound(message)
            | AppError::Conflict(message)
            | AppError::BadRequest(message)
            | AppError::Unavailable(message)
            | AppError::RateLimited { message, .. } => Some(message),
        }
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
            AppError::Unavailable(_) => "UNAVAILABLE",
            AppError::Internal(_) => "INTERNAL",
        }
    }

    /// The field (for `VALIDATION`) and the message in `locale`; `None` for
    /// an internal error, whose details are not for clients.
    pub fn describe(&self, locale: Locale) -> Option<(Option<&str>, String)> {
        match self {
            AppError::Internal(_) => None,
            AppError::Validation { field, message } => {
                Some((Some(field.as_ref()), message.render(locale)))
            }
            AppError::Unauthenticated(message)
            | AppError::Forbidden(message)
            | AppError::NotFound(message)
            | AppError::Conflict(message)
            | AppError::BadRequest(message)
            | AppError::Unavailable(message)
            | AppError::RateLimited { message, .. } => Some((None, message.render(locale))),
        }
    }

    /// A one-line account for an operator at the command line, internals included.
    pub fn explain(&self) -> String {
        match self {
            AppError::Internal(source) => format!("INTERNAL: {source}"),
            AppError::Validation { field, message } => {
                format!("VALIDATION ({field}): {}", message.render(Locale::En))
            }
            AppError::Unauthenticated(message)
            | AppError::Forbidden(message)
            | AppError::NotFound(message)
            | AppError::Conflict(message)
            | AppError::BadRequest(message)
            | AppError::Unavailable(message)
            | AppError::RateLimited { message, .. } => {
                format!("{}: {}", self.code(), message.render(Locale::En))
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
            AppError::Unauthenticated(message)
            | AppError::Forbidden(message)
            | AppError::NotFound(message)
            | AppError::Conflict(message)
            | AppError::BadRequest(message)
            | AppError::Unavailable(message)
            | AppError::RateLimited { message, .. } => (message, None),
            AppError::Validation { field, message } => (message, Some(field)),
            AppError::Internal(source) => {
                let reference = uuid::Uuid::new_v4();
                tracing::error!(%reference, error = %source, "internal error");
                (
                    msg!("error-internal", reference = reference.to_string()),
                    None,
                )
            }
        };
        // The catalogue id travels with the sentence: clients (and tests)
        // can tell one conflict from another without reading the words.
        let id = message.id();
        async_graphql::Error::new(message.render(locale)).extend_with(|_, ext| {
            ext.set("code", code);
            ext.set("messageId", id);
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

/// For the tests of each capability's errors: every one answers a code other
/// than `INTERNAL` and a sentence the client may read.
#[cfg(test)]
pub fn assert_typed_and_worded<E: Clone + std::fmt::Debug + Into<AppError>>(errors: &[E]) {
    for err in errors {
        let answer: AppError = err.clone().into();
        assert_ne!(answer.code(), "INTERNAL", "{err:?}");
        assert!(answer.describe(Locale::It).is_some(), "{err:?}");
    }
}
