//! The vocabulary of listings and organizations, and the review workflow's
//! state machine. Pure; stored as upper-case text.

pub use crate::entities::listing::{ApprovalMode, ListingKind, ListingStatus, Visibility};

/// A step of the review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStep {
    /// The provider asks for review.
    Submit,
    /// A manager publishes.
    Publish,
    /// A manager sends it back with a reason.
    Reject,
    /// Withdrawn for good.
    Archive,
}

impl ListingStatus {
    /// The status after `step`, or `None` when the workflow does not allow
    /// it from here. Managers may publish a draft directly: the hub's own
    /// listings need no one else's review.
    pub fn after(self, step: ReviewStep) -> Option<ListingStatus> {
        use ListingStatus::*;
        match (self, step) {
            (Draft, ReviewStep::Submit) => Some(PendingReview),
            (Draft | PendingReview, ReviewStep::Publish) => Some(Published),
            (PendingReview, ReviewStep::Reject) => Some(Draft),
            (Draft | PendingReview | Published, ReviewStep::Archive) => Some(Archived),
            _ => None,
        }
    }
}

impl ReviewStep {
    /// The step's name, as the catalogue selects on it.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStep::Submit => "SUBMIT",
            ReviewStep::Publish => "PUBLISH",
            ReviewStep::Reject => "REJECT",
            ReviewStep::Archive => "ARCHIVE",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ListingStatus::*;
    use super::*;

    #[test]
    fn the_review_workflow_allows_only_its_own_steps() {
        assert_eq!(Draft.after(ReviewStep::Submit).unwrap(), PendingReview);
        assert_eq!(PendingReview.after(ReviewStep::Publish).unwrap(), Published);
        assert_eq!(PendingReview.after(ReviewStep::Reject).unwrap(), Draft);
        assert_eq!(Published.after(ReviewStep::Archive).unwrap(), Archived);
        for (from, step) in [
            (PendingReview, ReviewStep::Submit),
            (Published, ReviewStep::Submit),
            (Published, ReviewStep::Publish),
            (Draft, ReviewStep::Reject),
            (Archived, ReviewStep::Publish),
            (Archived, ReviewStep::Archive),
        ] {
            assert!(from.after(step).is_none(), "{from:?} {step:?}");
        }
    }

    #[test]
    fn stored_forms_round_trip_and_unknown_text_is_refused() {
        use sea_orm::ActiveEnum;
        for status in [Draft, PendingReview, Published, Archived] {
            assert_eq!(
                ListingStatus::try_from_value(&status.as_str().to_owned()).ok(),
                Some(status)
            );
        }
        assert!(Visibility::try_from_value(&"SECRET".to_owned()).is_err());
    }
}
