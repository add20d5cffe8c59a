//! The vocabulary of organizations.

use crate::stored_enum::stored_enum;

stored_enum!(
    /// What kind of body offers listings.
    OrganizationKind {
        /// A shop or a firm.
        Business = "BUSINESS",
        /// A cooperative.
        Cooperative = "COOPERATIVE",
        /// A startup.
        Startup = "STARTUP",
        /// A non-profit association.
        Association = "ASSOCIATION",
        /// The hub itself.
        Hub = "HUB",
    }
);
