//! The names of the database's constraints, stable and public, so the
//! application can turn a violation into a typed error by name (never
//! `INTERNAL`), whichever backend refused the row.
//!
//! PostgreSQL names the constraint in every violation message. SQLite names
//! the rules below too (its triggers raise `CHECK constraint failed: <name>`,
//! SQLite's own wording for a named CHECK), but reports a unique violation by
//! its columns (`UNIQUE constraint failed: hubs.slug`); [`UNIQUE_KEYS`] keeps
//! both spellings and [`violated`] reads either.

/// `bookings.quantity > 0`.
pub const BOOKING_QUANTITY_POSITIVE: &str = "bookings_quantity_positive";
/// `bookings.ends_at > bookings.starts_at`.
pub const BOOKING_ENDS_AFTER_START: &str = "bookings_ends_after_start";
/// `bookings.gross >= 0`.
pub const BOOKING_GROSS_NON_NEGATIVE: &str = "bookings_gross_non_negative";
/// `bookings.commission >= 0`.
pub const BOOKING_COMMISSION_NON_NEGATIVE: &str = "bookings_commission_non_negative";
/// `bookings.provider_net >= 0`.
pub const BOOKING_PROVIDER_NET_NON_NEGATIVE: &str = "bookings_provider_net_non_negative";
/// `bookings.gross = provider_net + commission + tax` (without the tax
/// before migration 000009).
pub const BOOKING_GROSS_ADDS_UP: &str = "bookings_gross_adds_up";
/// `bookings.refund_due` is unset or between 0 and the gross.
pub const BOOKING_REFUND_WITHIN_GROSS: &str = "bookings_refund_within_gross";
/// `bookings.commission_bps` between 0 and 10 000 (100 %).
pub const BOOKING_COMMISSION_BPS_RANGE: &str = "bookings_commission_bps_range";
/// `bookings.price_lines` and `cancellation_policy` hold JSON arrays.
pub const BOOKING_TERMS_RECORDED: &str = "bookings_terms_recorded";
/// `bookings.tax_rate_bps` between 0 and 5000 (50 %).
pub const BOOKING_TAX_RATE_RANGE: &str = "bookings_tax_rate_range";
/// `bookings.tax` is the gross's tax at its rate, rounded half up:
/// `gross × tax_rate_bps / (10 000 + tax_rate_bps)` (so never negative).
pub const BOOKING_TAX_MATCHES_RATE: &str = "bookings_tax_matches_rate";

/// `listings.capacity >= 1`.
pub const LISTING_CAPACITY_POSITIVE: &str = "listings_capacity_positive";
/// `listings.unit_price >= 0`.
pub const LISTING_UNIT_PRICE_NON_NEGATIVE: &str = "listings_unit_price_non_negative";
/// `listings.member_unit_price` is unset or `>= 0`.
pub const LISTING_MEMBER_UNIT_PRICE_NON_NEGATIVE: &str = "listings_member_unit_price_non_negative";
/// `listings.min_units >= 1`.
pub const LISTING_MIN_UNITS_POSITIVE: &str = "listings_min_units_positive";
/// `listings.max_units >= min_units`.
pub const LISTING_MAX_UNITS_AT_LEAST_MIN: &str = "listings_max_units_at_least_min";
/// `listings.buffer_before_minutes` and `buffer_after_minutes >= 0`.
pub const LISTING_BUFFERS_NON_NEGATIVE: &str = "listings_buffers_non_negative";
/// `listings.lead_time_minutes >= 0`.
pub const LISTING_LEAD_TIME_NON_NEGATIVE: &str = "listings_lead_time_non_negative";
/// `listings.horizon_days >= 0`.
pub const LISTING_HORIZON_NON_NEGATIVE: &str = "listings_horizon_non_negative";

/// `listings.tax_rate_bps` between 0 and 5000 (50 %).
pub const LISTING_TAX_RATE_RANGE: &str = "listings_tax_rate_range";

/// `hubs.commission_bps` between 0 and 10 000 (100 %).
pub const HUB_COMMISSION_BPS_RANGE: &str = "hubs_commission_bps_range";

/// `payments.gross`, `commission` and `provider_net` are `>= 0`.
pub const PAYMENT_AMOUNTS_NON_NEGATIVE: &str = "payments_amounts_non_negative";
/// `payments.gross = provider_net + commission`, where `provider_net` is
/// what is left after the commission: the provider's net and the tax.
pub const PAYMENT_GROSS_ADDS_UP: &str = "payments_gross_adds_up";
/// `payments.tax` between 0 and `provider_net`: with the rule above, the
/// gross is the provider's net (`provider_net − tax`), the commission and
/// the tax, none of them negative.
pub const PAYMENT_TAX_WITHIN_SHARE: &str = "payments_tax_within_share";
/// `payment_movements.amount > 0`.
pub const PAYMENT_MOVEMENT_AMOUNT_POSITIVE: &str = "payment_movements_amount_positive";

/// Every row rule above, for matching error messages.
pub const CHECKS: &[&str] = &[
    BOOKING_QUANTITY_POSITIVE,
    BOOKING_ENDS_AFTER_START,
    BOOKING_GROSS_NON_NEGATIVE,
    BOOKING_COMMISSION_NON_NEGATIVE,
    BOOKING_PROVIDER_NET_NON_NEGATIVE,
    BOOKING_GROSS_ADDS_UP,
    BOOKING_REFUND_WITHIN_GROSS,
    BOOKING_COMMISSION_BPS_RANGE,
    BOOKING_TERMS_RECORDED,
    BOOKING_TAX_RATE_RANGE,
    BOOKING_TAX_MATCHES_RATE,
    LISTING_CAPACITY_POSITIVE,
    LISTING_UNIT_PRICE_NON_NEGATIVE,
    LISTING_MEMBER_UNIT_PRICE_NON_NEGATIVE,
    LISTING_MIN_UNITS_POSITIVE,
    LISTING_MAX_UNITS_AT_LEAST_MIN,
    LISTING_BUFFERS_NON_NEGATIVE,
    LISTING_LEAD_TIME_NON_NEGATIVE,
    LISTING_HORIZON_NON_NEGATIVE,
    LISTING_TAX_RATE_RANGE,
    HUB_COMMISSION_BPS_RANGE,
];

/// The payment tables' rules, kept apart from [`CHECKS`] (the rules of
/// bookings, listings and hubs): the first three are CHECKs declared with
/// the tables, the tax's a row rule added with the tax.
pub const PAYMENT_CHECKS: &[&str] = &[
    PAYMENT_AMOUNTS_NON_NEGATIVE,
    PAYMENT_GROSS_ADDS_UP,
    PAYMENT_MOVEMENT_AMOUNT_POSITIVE,
    PAYMENT_TAX_WITHIN_SHARE,
];

/// One booking per (hub, customer, idempotency key): the retry guard.
pub const BOOKING_IDEMPOTENCY_UNIQUE: &str = "ux_bookings_idempotency";
/// One membership per (hub, user).
pub const MEMBERSHIP_UNIQUE: &str = "memberships_pkey";
/// One membership per (hub, organization, user).
pub const ORGANIZATION_MEMBER_UNIQUE: &str = "organization_members_pkey";
/// A tag once per listing.
pub const LISTING_TAG_UNIQUE: &str = "listing_tags_pkey";
/// One account per folded email address.
pub const USER_EMAIL_UNIQUE: &str = "users_email_key_key";
/// One hub per slug.
pub const HUB_SLUG_UNIQUE: &str = "hubs_slug_key";
/// One session per token digest.
pub const SESSION_TOKEN_UNIQUE: &str = "sessions_token_hash_key";

/// A unique key: PostgreSQL's name for it and the columns SQLite names instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniqueKey {
    /// The stable name (PostgreSQL's).
    pub name: &'static str,
    /// Its table.
    pub table: &'static str,
    /// Its columns, in key order.
    pub columns: &'static [&'static str],
}

/// Every unique key a client's input can collide with.
pub const UNIQUE_KEYS: &[UniqueKey] = &[
    UniqueKey {
        name: BOOKING_IDEMPOTENCY_UNIQUE,
        table: "bookings",
        columns: &["tenant_id", "customer_id", "idempotency_key"],
    },
    UniqueKey {
        name: MEMBERSHIP_UNIQUE,
        table: "memberships",
        columns: &["tenant_id", "user_id"],
    },
    UniqueKey {
        name: ORGANIZATION_MEMBER_UNIQUE,
        table: "organization_members",
        columns: &["tenant_id", "organization_id", "user_id"],
    },
    UniqueKey {
        name: LISTING_TAG_UNIQUE,
        table: "listing_tags",
        columns: &["tenant_id", "listing_id", "tag"],
    },
    UniqueKey {
        name: USER_EMAIL_UNIQUE,
        table: "users",
        columns: &["email_key"],
    },
    UniqueKey {
        name: HUB_SLUG_UNIQUE,
        table: "hubs",
        columns: &["slug"],
    },
    UniqueKey {
        name: SESSION_TOKEN_UNIQUE,
        table: "sessions",
        columns: &["token_hash"],
    },
];

const SQLITE_UNIQUE: &str = "UNIQUE constraint failed: ";

/// The constraint that a database error `message` reports as violated, on
/// either backend; `None` when it names none of the constants above.
pub fn violated(message: &str) -> Option<&'static str> {
    // Whole words only: one name may be the start of another.
    let named = |name: &str| {
        message
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|word| word == name)
    };
    if let Some(found) = CHECKS
        .iter()
        .chain(PAYMENT_CHECKS)
        .copied()
        .find(|name| named(name))
    {
        return Some(found);
    }
    if let Some(found) = UNIQUE_KEYS.iter().find(|key| named(key.name)) {
        return Some(found.name);
    }
    let columns = message.split_once(SQLITE_UNIQUE)?.1.trim_end();
    UNIQUE_KEYS
        .iter()
        .find(|key| {
            let spelled: Vec<String> = key
                .columns
                .iter()
                .map(|column| format!("{}.{column}", key.table))
                .collect();
            columns == spelled.join(", ")
        })
        .map(|key| key.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_messages_name_checks_and_keys() {
        assert_eq!(
            violated(
                r#"error returned from database: new row for relation "bookings" violates check constraint "bookings_gross_adds_up""#
            ),
            Some(BOOKING_GROSS_ADDS_UP)
        );
        assert_eq!(
            violated(r#"duplicate key value violates unique constraint "ux_bookings_idempotency""#),
            Some(BOOKING_IDEMPOTENCY_UNIQUE)
        );
    }

    #[test]
    fn sqlite_messages_name_checks_or_columns() {
        assert_eq!(
            violated(
                "error returned from database: (code: 1811) CHECK constraint failed: listings_capacity_positive"
            ),
            Some(LISTING_CAPACITY_POSITIVE)
        );
        assert_eq!(
            violated(
                "error returned from database: (code: 2067) UNIQUE constraint failed: bookings.tenant_id, bookings.customer_id, bookings.idempotency_key"
            ),
            Some(BOOKING_IDEMPOTENCY_UNIQUE)
        );
        assert_eq!(
            violated("UNIQUE constraint failed: hubs.slug"),
            Some(HUB_SLUG_UNIQUE)
        );
    }

    #[test]
    fn other_messages_name_nothing() {
        assert_eq!(violated("UNIQUE constraint failed: hubs.name"), None);
        assert_eq!(violated("bookings_quantity_positive_extra"), None);
        assert_eq!(violated("connection reset"), None);
    }

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<&str> = CHECKS
            .iter()
            .chain(PAYMENT_CHECKS)
            .copied()
            .chain(UNIQUE_KEYS.iter().map(|k| k.name))
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
