//! The payments report: per organization, the money that moved in a period
//! (receipts and refunds by the day they were recorded), the hub's
//! commission on it, the tax it includes, and what is left for the
//! organization.
//!
//! The commission and the tax are each receipt's, as the booking was sold;
//! a refund gives back its share of both (see `shares`), so a booking
//! refunded in full leaves the hub nothing, no tax, and the organization
//! nothing. So `net = received − commission − tax − refunds` is what the
//! hub owes the organization for the period, the tax being the
//! organization's to pass on.

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
use super::shares::Split;
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
    /// The tax within it.
    pub tax: i64,
    /// Money given back for its bookings.
    pub refunds: i64,
    /// What is left for the organization.
    pub net: i64,
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
        let split = Split {
            gross: payment.gross,
            commission: payment.commission,
            tax: payment.tax,
        };
        let shares = split.of_each(&ledger);
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
                    line.commission += share.commission;
                    line.tax += share.tax;
                }
                MovementKind::Refund => {
                    line.refunds += movement.amount;
                    line.commission -= share.commission;
                    line.tax -= share.tax;
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
            net: line.received - line.commission - line.tax - line.refunds,
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
            "tax",
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
                line.tax.to_string(),
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
    use super::{OrganizationLine, spreadsheet_safe, to_csv};

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
            tax: 721,
            refunds: 1000,
            net: 1879,
        };
        let text = String::from_utf8(to_csv(&[line], "EUR").unwrap()).unwrap();
        assert_eq!(
            text,
            "organization_id,organization,currency,gross,commission,tax,refunds,net\n\
             00000000-0000-0000-0000-000000000000,\"Cooperativa \"\"Aggiusto\"\", Bologna\",EUR,4000,400,721,1000,1879\n"
        );
    }
}
