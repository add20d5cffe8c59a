//! What a rejected listing's audit event keeps: the reason the manager
//! gave. The listing keeps it too (`review_note`) but only until its next
//! step; the event keeps the words of this rejection, so the message to the
//! provider says them even when it is written after a quick resubmission.

use serde::{Deserialize, Serialize};

/// The details of a `rejectListing` audit event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// Why the listing went back to draft, as the manager wrote it.
    pub reason: String,
}
