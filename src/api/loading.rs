//! What every batch loader shares: its error, and grouping keys by hub so a
//! batch reads inside one hub's scope (keys always carry the hub).

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::AppError;
use crate::ids::HubId;

/// A loader's failure: a database fault, reported once per batch.
#[derive(Debug, Clone)]
pub struct LoadFailed(pub Arc<str>);

impl From<AppError> for LoadFailed {
    fn from(err: AppError) -> Self {
        LoadFailed(err.explain().into())
    }
}

impl From<LoadFailed> for AppError {
    fn from(err: LoadFailed) -> Self {
        AppError::Internal(err.0.to_string().into())
    }
}

/// Groups keys by their hub.
pub fn by_hub<K: Copy>(keys: &[(HubId, K)]) -> HashMap<HubId, Vec<K>> {
    let mut grouped: HashMap<HubId, Vec<K>> = HashMap::new();
    for (hub, key) in keys {
        grouped.entry(*hub).or_default().push(*key);
    }
    grouped
}
