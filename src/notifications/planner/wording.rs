//! Amounts and periods as people read them in a message.

use chrono::{DateTime, Utc};

use crate::entities::{booking, hub};
use crate::error::AppResult;
use crate::tenancy::model::hub_time_zone;
use crate::wall_clock::period_text;

/// `amount` minor units of `currency`, as people read it.
pub fn money(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let amount = amount.unsigned_abs();
    format!("{sign}{}.{:02} {currency}", amount / 100, amount % 100)
}

/// The booking's period on the hub's clock, with the time zone named.
pub fn when(hub: &hub::Model, booking: &booking::Model) -> AppResult<String> {
    period(hub, booking.starts_at, booking.ends_at)
}

/// `[start, end)` on the hub's clock, with the time zone named.
pub fn period(hub: &hub::Model, start: DateTime<Utc>, end: DateTime<Utc>) -> AppResult<String> {
    Ok(period_text(hub_time_zone(hub)?, start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_write_them() {
        assert_eq!(money(2000, "EUR"), "20.00 EUR");
        assert_eq!(money(5, "EUR"), "0.05 EUR");
        assert_eq!(money(-150, "EUR"), "-1.50 EUR");
    }
}
