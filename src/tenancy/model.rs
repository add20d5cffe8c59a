//! The rules of hubs and roles, free of storage.

use std::str::FromStr;

use crate::error::{AppError, AppResult};
use crate::money::BPS_PER_WHOLE;
use crate::msg;

/// A hub's address in the `X-Tenant` header and in host names: 3 to 40
/// lower-case letters, digits and inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubSlug(String);

impl HubSlug {
    /// Checks `raw` (surrounding space is ignored, case is not).
    pub fn parse(raw: &str, field: &'static str) -> AppResult<HubSlug> {
        let slug = raw.trim();
        let ok = (3..=40).contains(&slug.len())
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !slug.starts_with('-')
            && !slug.ends_with('-');
        if !ok {
            return Err(AppError::validation(
                field,
                msg!("hub-slug-invalid", slug = slug),
            ));
        }
        Ok(HubSlug(slug.to_owned()))
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks an IANA time zone name (`Europe/Rome`).
pub fn parse_time_zone(raw: &str, field: &'static str) -> AppResult<chrono_tz::Tz> {
    chrono_tz::Tz::from_str(raw.trim())
        .map_err(|_| AppError::validation(field, msg!("hub-time-zone-unknown", value = raw)))
}

/// A hub's stored time zone. One that cannot be read is a fault (logged,
/// `INTERNAL`), never the caller's input to correct.
pub fn hub_time_zone(hub: &crate::entities::hub::Model) -> AppResult<chrono_tz::Tz> {
    chrono_tz::Tz::from_str(&hub.time_zone).map_err(|_| {
        AppError::Internal(format!("hub {}: stored time zone is unreadable", hub.id).into())
    })
}

/// A hub's stored commission in basis points (0 to 10 000). One that cannot
/// be read is a fault, never a default: a default would price every booking.
pub fn hub_commission_bps(hub: &crate::entities::hub::Model) -> AppResult<u32> {
    u32::try_from(hub.commission_bps)
        .ok()
        .filter(|bps| *bps <= BPS_PER_WHOLE)
        .ok_or_else(|| {
            AppError::Internal(format!("hub {}: stored commission is unreadable", hub.id).into())
        })
}

/// Checks an ISO 4217 currency code with two decimal places, the ones our
/// minor-unit arithmetic assumes.
pub fn parse_currency(raw: &str, field: &'static str) -> AppResult<String> {
    // Hubs so far trade in these; a currency with 0 or 3 decimals (JPY, BHD)
    // needs its exponent in the money type before it can be added here.
    const SUPPORTED: &[&str] = &[
        "EUR", "CHF", "GBP", "USD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "CAD",
        "AUD",
    ];
    let code = raw.trim().to_ascii_uppercase();
    if SUPPORTED.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(AppError::validation(
            field,
            msg!(
                "hub-currency-unsupported",
                value = raw,
                supported = SUPPORTED.join(", ")
            ),
        ))
    }
}

/// Checks a commission in basis points: 0 (none) to 10 000 (all of it).
pub fn parse_commission_bps(raw: i32, field: &'static str) -> AppResult<i32> {
    if (0..=10_000).contains(&raw) {
        Ok(raw)
    } else {
        Err(AppError::validation(field, msg!("hub-commission-range")))
    }
}

pub use crate::entities::membership::Role;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert_eq!(
            HubSlug::parse(" casa-quartiere-2 ", "slug")
                .unwrap()
                .as_str(),
            "casa-quartiere-2"
        );
        for bad in [
            "ab",
            "Casa",
            "casa_quartiere",
            "-casa",
            "casa-",
            "casa quartiere",
            &"a".repeat(41),
        ] {
            assert!(HubSlug::parse(bad, "slug").is_err(), "{bad}");
        }
    }

    #[test]
    fn time_zones_must_be_iana_names() {
        assert_eq!(
            parse_time_zone("Europe/Rome", "tz").unwrap(),
            chrono_tz::Europe::Rome
        );
        assert!(parse_time_zone("Mars/Olympus", "tz").is_err());
        assert!(parse_time_zone("CEST", "tz").is_err());
    }

    #[test]
    fn currencies_are_upper_cased_and_checked() {
        assert_eq!(parse_currency("eur", "c").unwrap(), "EUR");
        assert!(parse_currency("JPY", "c").is_err());
        assert!(parse_currency("EURO", "c").is_err());
    }

    #[test]
    fn roles_round_trip_through_storage() {
        use sea_orm::ActiveEnum;
        for role in [Role::Manager, Role::Provider, Role::Member] {
            assert_eq!(
                Role::try_from_value(&role.as_str().to_owned()).ok(),
                Some(role)
            );
        }
        assert!(Role::try_from_value(&"ADMIN".to_owned()).is_err());
        assert!(parse_commission_bps(-1, "c").is_err());
        assert!(parse_commission_bps(10_001, "c").is_err());
        assert_eq!(parse_commission_bps(850, "c").unwrap(), 850);
    }
}
