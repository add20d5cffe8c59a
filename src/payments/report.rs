//! The payments report: per organization, the money that moved in a period
//! (receipts and refunds by the day they were recorded), the hub's
//! commission on it, and what is left for the organization.
//!
//! The commission is the hub's share of each receipt, as the booking was
//! sold; a refund gives back the hub's share of it too (as a marketplace
//! refund returns the application fee), so a booking refunded in full
//! leaves the hub nothing and the organization nothing. The hub's share of
//! a refund is counted on the payment's whole ledger, so partial refunds
//! that add up to the gross return exactly the commission, whatever the
//! rounding. So `net = received - commission - refunds` is what the hub
//! owes the organization for the period.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use crate::accounts::policy::Action;
use crate::db::Access;
use crate::db::scope::HubTx;
use crate::entities::payment_movement::{self, MovementKind};
use crate::error::{AppError, AppResult};
use crate::listings::access::ListingAccess;
use crate::listings::store as listings_store;
use crate::organizations::store as organizations_store;
use crate::request::RequestContext;
use crate::state::Services;

use super::error::PaymentError;
use super::model::{commission_refunded, commission_share};
use super::store;

/// One organization's line of the report, in minor units of the hub's currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationLine {
    /// The organization.
    pub organization: uuid::Uuid,
    /// Its name.
    pub name: String,
    /// Money taken for its bookings.
    pub received: i64,
    /// The hub's share of that.
    pub commission: i64,
    /// Money given back for its bookings.
    pub refunds: i64,
    /// What is left for the organization.
    pub net: i64,
}

/// The hub's share of each movement of one payment's whole `ledger` (in
/// order): a receipt's share, and for a refund the share it gives back,
/// taken as the difference of the shares of the refunds so far, so that
/// refunds adding up to the gross give back exactly the commission.
fn commission_moves(ledger: &[&payment_movement::Model], gross: i64, commission: i64) -> Vec<i64> {
    let mut refunded = 0;
    ledger
        .iter()
        .map(|movement| match movement.kind {
            MovementKind::OfflineReceipt | MovementKind::Capture => {
                commission_share(movement.amount, gross, commission)
            }
            MovementKind::Refund => {
                let share = commission_refunded(refunded, movement.amount, gross, commission);
                refunded += movement.amount;
                share
            }
            // Not money in or out of the booking: an authorisation holds
            // the card; fee refunds and transfer reversals split a refund
            // already counted.
            MovementKind::Authorization
            | MovementKind::FeeRefund
            | MovementKind::TransferReversal => 0,
        })
        .collect()
}

/// The report for `[from, to)`, one line per organization that had money
/// move, by name.
pub async fn report(
    hx: &HubTx,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<Vec<OrganizationLine>> {
    if to <= from {
        return Err(PaymentError::ReportEndBeforeStart.into());
    }
    let in_period = store::movements_between(hx, from, to).await?;
    let booking_ids: Vec<uuid::Uuid> = in_period
        .iter()
        .map(|m| m.booking_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    // Whole ledgers: a refund's share of the commission depends on the
    // refunds before it, which may fall before the period.
    let ledgers = store::movements_of(hx, &booking_ids).await?;
    let payments: BTreeMap<uuid::Uuid, _> = store::find_many(hx, &booking_ids)
        .await?
        .into_iter()
        .map(|p| (p.booking_id, p))
        .collect();
    let bookings = store::bookings(hx, &booking_ids).await?;
    let listing_ids: Vec<uuid::Uuid> = bookings.iter().map(|b| b.listing_id).collect();
    let organization_of_listing: BTreeMap<uuid::Uuid, uuid::Uuid> =
        listings_store::find_many(hx, &listing_ids)
            .await?
            .into_iter()
            .map(|l| (l.id, l.organization_id))
            .collect();
    let organization_of_booking: BTreeMap<uuid::Uuid, uuid::Uuid> = bookings
        .iter()
        .filter_map(|b| Some((b.id, *organization_of_listing.get(&b.listing_id)?)))
        .collect();
    let missing = || AppError::Internal("a payment movement without its booking".into());
    let mut lines: BTreeMap<uuid::Uuid, OrganizationLine> = BTreeMap::new();
    for booking in &booking_ids {
        let organization = *organization_of_booking.get(booking).ok_or_else(missing)?;
        let payment = payments.get(booking).ok_or_else(missing)?;
        let ledger: Vec<&payment_movement::Model> = ledgers
            .iter()
            .filter(|m| m.booking_id == *booking)
            .collect();
        let shares = commission_moves(&ledger, payment.gross, payment.commission);
        let line = lines
            .entry(organization)
            .or_insert_with(|| OrganizationLine {
                organization,
                ..OrganizationLine::default()
            });
        for (movement, share) in ledger.iter().zip(shares) {
            if movement.at < from || movement.at >= to {
                continue;
            }
            match movement.kind {
                MovementKind::OfflineReceipt | MovementKind::Capture => {
                    line.received += movement.amount;
                    line.commission += share;
                }
                MovementKind::Refund => {
                    line.refunds += movement.amount;
                    line.commission -= share;
                }
                MovementKind::Authorization
                | MovementKind::FeeRefund
                | MovementKind::TransferReversal => {}
            }
        }
    }
    let ids: Vec<uuid::Uuid> = lines.keys().copied().collect();
    for organization in organizations_store::find_many(hx, &ids).await? {
        if let Some(line) = lines.get_mut(&organization.id) {
            line.name = organization.name;
        }
    }
    let mut lines: Vec<OrganizationLine> = lines
        .into_values()
        .map(|line| OrganizationLine {
            net: line.received - line.commission - line.refunds,
            ..line
        })
        .collect();
    lines.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.organization.cmp(&b.organization))
    });
    Ok(lines)
}

/// The report as a manager of the request's hub asks for it, with the
/// hub's currency; anyone else is refused.
pub async fn for_manager(
    services: &Services,
    request: &RequestContext,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<(Vec<OrganizationLine>, String)> {
    request.viewer()?;
    let currency = request.hub()?.currency.clone();
    let hx = request.begin_hub(services, Access::Read).await?;
    let access = ListingAccess::of(request, &hx).await?;
    access.require(Action::ManagePayments)?;
    let lines = report(&hx, from, to).await?;
    hx.commit().await?;
    Ok((lines, currency))
}

/// `text` as a cell no spreadsheet runs as a formula: names are typed by
/// people, and one starting with `=`, `+`, `-` or `@` would be evaluated when
/// a manager opens the export.
fn spreadsheet_safe(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// The report as CSV: a header, then one row per organization, amounts in
/// minor units of `currency`.
pub fn to_csv(lines: &[OrganizationLine], currency: &str) -> AppResult<Vec<u8>> {
    let unwritable = |e: csv::Error| AppError::Internal(format!("report unwritable: {e}").into());
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "organization_id",
            "organization",
            "currency",
            "gross",
            "commission",
            "refunds",
            "net",
        ])
        .map_err(unwritable)?;
    for line in lines {
        writer
            .write_record([
                line.organization.to_string(),
                spreadsheet_safe(&line.name),
                currency.to_owned(),
                line.received.to_string(),
                line.commission.to_string(),
                line.refunds.to_string(),
                line.net.to_string(),
            ])
            .map_err(unwritable)?;
    }
    writer
        .into_inner()
        .map_err(|e| AppError::Internal(format!("report unwritable: {e}").into()))
}

#[cfg(test)]
mod tests {
    use super::{OrganizationLine, commission_moves, commission_share, spreadsheet_safe, to_csv};
    use crate::entities::payment_movement::{Model, MovementKind};

    #[test]
    fn names_that_look_like_formulas_are_kept_as_text() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("-1+1"), "'-1+1");
        assert_eq!(spreadsheet_safe("Casa del Quartiere"), "Casa del Quartiere");
    }

    #[test]
    fn the_csv_has_a_header_and_a_row_per_organization() {
        let line = OrganizationLine {
            organization: uuid::Uuid::nil(),
            name: "Cooperativa \"Aggiusto\", Bologna".into(),
            received: 4000,
            commission: 400,
            refunds: 1000,
            net: 2600,
        };
        let text = String::from_utf8(to_csv(&[line], "EUR").unwrap()).unwrap();
        assert_eq!(
            text,
            "organization_id,organization,currency,gross,commission,refunds,net\n\
             00000000-0000-0000-0000-000000000000,\"Cooperativa \"\"Aggiusto\"\", Bologna\",EUR,4000,400,1000,2600\n"
        );
    }

    #[test]
    fn a_whole_receipt_carries_the_whole_commission() {
        assert_eq!(commission_share(4000, 4000, 400), 400);
        assert_eq!(commission_share(1000, 3000, 100), 33);
        assert_eq!(commission_share(0, 0, 0), 0);
    }

    fn movement(kind: MovementKind, amount: i64) -> Model {
        Model {
            tenant_id: uuid::Uuid::nil(),
            id: uuid::Uuid::nil(),
            booking_id: uuid::Uuid::nil(),
            kind,
            amount,
            method: None,
            reference: String::new(),
            actor_id: None,
            at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn refunds_adding_up_to_the_gross_give_back_the_whole_commission() {
        let ledger = [
            movement(MovementKind::OfflineReceipt, 3000),
            movement(MovementKind::Refund, 1000),
            movement(MovementKind::Refund, 1000),
            movement(MovementKind::Refund, 1000),
        ];
        let ledger: Vec<&Model> = ledger.iter().collect();
        let shares = commission_moves(&ledger, 3000, 100);
        assert_eq!(shares, [100, 33, 33, 34]);
        assert_eq!(shares[1..].iter().sum::<i64>(), shares[0]);
    }
}
