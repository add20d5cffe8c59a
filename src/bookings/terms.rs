//! The terms a booking was sold under: its priced lines and its cancellation
//! policy, copied onto the booking when it is made and read back from there,
//! so a later change to the listing never changes what was agreed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entities::booking;
use crate::error::{AppError, AppResult};
use crate::listings::cancellation::CancellationPolicy;
use crate::listings::pricing::{Quote, QuoteLine, QuoteLineKind};
use crate::listings::stored::policy_from_json;
use crate::money::{Currency, Money};

/// One quote line as the booking stores it (see `bookings.price_lines`).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredLine {
    kind: String,
    quantity: u32,
    unit_amount: i64,
    amount: i64,
}

fn kind_text(kind: QuoteLineKind) -> &'static str {
    match kind {
        QuoteLineKind::Base => "BASE",
        QuoteLineKind::Seats => "SEATS",
        QuoteLineKind::MemberDiscount => "MEMBER_DISCOUNT",
    }
}

fn unreadable(row: &booking::Model, what: &str) -> AppError {
    AppError::Internal(format!("booking {}: stored {what} is unreadable", row.id).into())
}

/// A quote's lines as the booking stores them, JSON.
pub fn lines_to_json(quote: &Quote) -> AppResult<String> {
    let lines: Vec<StoredLine> = quote
        .lines
        .iter()
        .map(|line| StoredLine {
            kind: kind_text(line.kind).to_owned(),
            quantity: line.quantity,
            unit_amount: line.unit_amount,
            amount: line.amount.amount,
        })
        .collect();
    serde_json::to_string(&lines)
        .map_err(|e| AppError::Internal(format!("price lines unwritable: {e}").into()))
}

/// The lines the booking was priced with.
pub fn lines_of(row: &booking::Model) -> AppResult<Vec<QuoteLine>> {
    let currency = Currency::parse(&row.currency).ok_or_else(|| unreadable(row, "currency"))?;
    let stored: Vec<StoredLine> =
        serde_json::from_str(&row.price_lines).map_err(|_| unreadable(row, "price lines"))?;
    stored
        .into_iter()
        .map(|line| {
            let kind = match line.kind.as_str() {
                "BASE" => QuoteLineKind::Base,
                "SEATS" => QuoteLineKind::Seats,
                "MEMBER_DISCOUNT" => QuoteLineKind::MemberDiscount,
                _ => return Err(unreadable(row, "price line kind")),
            };
            Ok(QuoteLine {
                kind,
                quantity: line.quantity,
                unit_amount: line.unit_amount,
                amount: Money::new(line.amount, currency),
            })
        })
        .collect()
}

/// The cancellation policy the booking was sold under.
pub fn policy_of(row: &booking::Model) -> AppResult<CancellationPolicy> {
    policy_from_json(&row.cancellation_policy).ok_or_else(|| unreadable(row, "cancellation policy"))
}

/// What cancelling the booking at `now` refunds, in minor units: all of
/// it when the hub calls it off or nothing was confirmed yet (a request,
/// an unpaid booking), else what its own policy allows for the notice
/// left. The cancellation and its preview both use this, so a preview
/// never promises what the cancellation would not give.
pub fn refund_on_cancel(
    row: &booking::Model,
    for_the_hub: bool,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    if for_the_hub || row.status != booking::BookingStatus::Confirmed {
        return Ok(row.gross);
    }
    // The policy the booking was sold under, never the listing's current
    // one: a later change cannot take a promised refund away.
    let policy = policy_of(row)?;
    let currency = Currency::parse(&row.currency).ok_or_else(|| unreadable(row, "currency"))?;
    Ok(policy
        .refund_due(&Money::new(row.gross, currency), row.starts_at - now)
        .amount)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::bookings::store::stored_quantity;
    use crate::entities::booking::BookingStatus;

    fn booking(quantity: i32, lines: &str, policy: &str) -> booking::Model {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 25, 10, 0, 0)
            .single()
            .expect("instant");
        booking::Model {
            tenant_id: uuid::Uuid::nil(),
            id: uuid::Uuid::nil(),
            listing_id: uuid::Uuid::nil(),
            customer_id: uuid::Uuid::nil(),
            starts_at: at,
            ends_at: at + chrono::Duration::hours(1),
            quantity,
            status: BookingStatus::Confirmed,
            currency: "EUR".to_owned(),
            gross: 1500,
            commission: 150,
            provider_net: 1350,
            refund_due: None,
            idempotency_key: "k".to_owned(),
            fingerprint: String::new(),
            note: String::new(),
            reason: None,
            response_deadline: None,
            series_id: None,
            price_lines: lines.to_owned(),
            cancellation_policy: policy.to_owned(),
            commission_bps: 1000,
            paid_online: false,
            tax_rate_bps: 0,
            tax: 0,
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn the_stored_terms_read_back_and_unreadable_ones_are_faults_not_defaults() {
        let sold = booking(
            2,
            r#"[{"kind":"BASE","quantity":1,"unitAmount":1500,"amount":1500}]"#,
            "[[48,100],[0,50]]",
        );
        let lines = lines_of(&sold).expect("lines");
        assert_eq!((lines.len(), lines[0].amount.amount), (1, 1500));
        assert_eq!(policy_of(&sold).expect("policy").tiers.len(), 2);
        assert_eq!(stored_quantity(&sold).ok(), Some(2));
        let broken = booking(0, "{", "no policy");
        assert!(matches!(lines_of(&broken), Err(AppError::Internal(_))));
        assert!(matches!(policy_of(&broken), Err(AppError::Internal(_))));
        // Counted as zero, a broken quantity would let the overbooking check pass.
        assert!(matches!(
            stored_quantity(&broken),
            Err(AppError::Internal(_))
        ));
        assert!(matches!(
            stored_quantity(&booking(-3, "[]", "[]")),
            Err(AppError::Internal(_))
        ));
    }
}
