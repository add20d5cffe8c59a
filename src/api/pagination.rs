//! Relay-style pagination arguments, checked the same way everywhere.

use async_graphql::OutputType;
use async_graphql::connection::{Connection, CursorType, Edge, EmptyFields, OpaqueCursor};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{AppError, AppResult};
use crate::msg;

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
            msg!("input-page-size", max = MAX_PAGE),
        )),
    }
}

/// A malformed `after` cursor.
pub fn bad_cursor() -> AppError {
    AppError::validation("after", msg!("input-cursor-invalid"))
}

/// A page of a Relay connection with opaque cursors over keys `K`.
pub type Page<K, N> = Connection<OpaqueCursor<K>, N, EmptyFields, EmptyFields>;

/// Reads an `after` cursor we gave out; a forged one is a `VALIDATION` error.
pub fn decode_after<K: Serialize + DeserializeOwned + Send + Sync>(
    after: Option<String>,
) -> AppResult<Option<K>> {
    after
        .map(|c| {
            OpaqueCursor::<K>::decode_cursor(&c)
                .map(|c| c.0)
                .map_err(|_| bad_cursor())
        })
        .transpose()
}

/// The page of `rows`, which were fetched with `limit + 1` so that the extra
/// row (dropped) tells whether a next page exists; `edge` gives each row's
/// cursor key and node.
pub fn into_page<R, K, N>(
    mut rows: Vec<R>,
    limit: usize,
    after_given: bool,
    edge: impl FnMut(R) -> (K, N),
) -> Page<K, N>
where
    K: Serialize + DeserializeOwned + Send + Sync,
    N: OutputType,
{
    let has_next = rows.len() > limit;
    rows.truncate(limit);
    let mut connection = Connection::new(after_given, has_next);
    connection.edges.extend(
        rows.into_iter()
            .map(edge)
            .map(|(key, node)| Edge::new(OpaqueCursor(key), node)),
    );
    connection
}
