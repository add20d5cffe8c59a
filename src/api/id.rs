//! Ids as clients send them: UUID text, checked once at the edge.

use crate::error::{AppError, AppResult};
use crate::msg;

/// Parses an id argument; `field` names it in the error.
pub fn parse_id(id: &async_graphql::ID, field: &'static str) -> AppResult<uuid::Uuid> {
    uuid::Uuid::parse_str(id.as_str())
        .map_err(|_| AppError::validation(field, msg!("input-not-an-id", value = id.as_str())))
}
