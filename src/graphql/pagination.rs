//! Relay-style pagination arguments, checked the same way everywhere.

use crate::error::{AppError, AppResult};
use crate::locale::Text;

/// Page size when the client names none.
pub const DEFAULT_PAGE: usize = 20;
/// The largest page a client may ask for.
pub const MAX_PAGE: usize = 100;

/// Checks `first`: 1 to [`MAX_PAGE`], [`DEFAULT_PAGE`] when absent.
pub fn page_size(first: Option<i32>) -> AppResult<usize> {
    match first {
        None => Ok(DEFAULT_PAGE),
        Some(n) if n >= 1 && (n as usize) <= MAX_PAGE => Ok(n as usize),
        Some(_) => Err(AppError::validation(
            "first",
            Text::new(
                format!("Ask for 1 to {MAX_PAGE} items at a time."),
                format!("Chiedi da 1 a {MAX_PAGE} elementi alla volta."),
            ),
        )),
    }
}

/// A malformed `after` cursor.
pub fn bad_cursor() -> AppError {
    AppError::validation(
        "after",
        Text::new(
            "This cursor is not one we gave out; start again from the first page.",
            "Questo cursore non è valido; ricomincia dalla prima pagina.",
        ),
    )
}

/// Parses an id argument.
pub fn parse_id(id: &async_graphql::ID, field: &'static str) -> AppResult<uuid::Uuid> {
    uuid::Uuid::parse_str(id.as_str()).map_err(|_| {
        AppError::validation(
            field,
            Text::new(
                format!("'{}' is not an id.", id.as_str()),
                format!("'{}' non è un identificativo.", id.as_str()),
            ),
        )
    })
}
