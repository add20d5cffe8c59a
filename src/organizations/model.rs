//! The vocabulary of organizations.

pub use crate::entities::organization::OrganizationKind;
