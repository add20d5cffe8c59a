//! The terms a booking was sold under: its priced lines and its cancellation
//! policy, copied onto the booking when it is made and read back from there,
//! so a later change to the listing never changes what was agreed.

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
