//! What each movement of money carries of the hub's commission and of the
//! tax, pure. A receipt of the whole gross carries all of both; a refund
//! gives back its share of both (as a marketplace refund returns the
//! application fee, and a refunded sale owes no tax).
//!
//! A refund's shares are counted on the payment's whole ledger, as the
//! difference of the shares of the refunds so far, so refunds adding up to
//! the gross give back exactly the commission and the tax, whatever the
//! rounding. The tax of the refunds so far is their share of it, rounded
//! down; the commission is their share of commission and tax together,
//! rounded down, less that tax. So what the refunds take from the
//! organization, the rest, is their share of its net rounded up, never more
//! than that net: however a payment is refunded, the organization is never
//! left owing the hub, even when its net is zero.

use crate::entities::payment_movement::{self, MovementKind};

/// The hub's commission and the tax within some money, in minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shares {
    /// The hub's share.
    pub commission: i64,
    /// The tax within it.
    pub tax: i64,
}

/// What a payment of `gross` carries: `commission` and `tax` within it.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    /// What the customer pays.
    pub gross: i64,
    /// The hub's share of it.
    pub commission: i64,
    /// The tax within it.
    pub tax: i64,
}

/// `part × amount / gross`, rounded down: all of `part` for the whole gross.
fn part_of(amount: i64, gross: i64, part: i64) -> i64 {
    if gross == 0 {
        return 0;
    }
    let share = i128::from(part) * i128::from(amount) / i128::from(gross);
    i64::try_from(share).unwrap_or(part)
}

impl Split {
    /// The shares within `amount` of the gross.
    fn within(&self, amount: i64) -> Shares {
        let tax = part_of(amount, self.gross, self.tax);
        let both = part_of(amount, self.gross, self.commission + self.tax);
        Shares {
            commission: both - tax,
            tax,
        }
    }

    /// The shares a refund of `amount` gives back after `before` was
    /// already given back: the difference of the shares of the refunds so
    /// far, so refunds adding up to the gross give back exactly each share.
    pub fn refunded(&self, before: i64, amount: i64) -> Shares {
        let (was, now) = (self.within(before), self.within(before + amount));
        Shares {
            commission: now.commission - was.commission,
            tax: now.tax - was.tax,
        }
    }

    /// The shares each movement of one payment's whole `ledger` (in order)
    /// carries: a receipt's, and for a refund those it gives back.
    pub fn of_each(&self, ledger: &[&payment_movement::Model]) -> Vec<Shares> {
        let mut refunded = 0;
        ledger
            .iter()
            .map(|movement| match movement.kind {
                MovementKind::OfflineReceipt | MovementKind::Capture => {
                    self.within(movement.amount)
                }
                MovementKind::Refund => {
                    let shares = self.refunded(refunded, movement.amount);
                    refunded += movement.amount;
                    shares
                }
                // Not money in or out of the booking: an authorisation holds
                // the card; fee refunds and transfer reversals split a refund
                // already counted.
                MovementKind::Authorization
                | MovementKind::FeeRefund
                | MovementKind::TransferReversal => Shares::default(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::payment_movement::Model;

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

    fn split(gross: i64, commission: i64, tax: i64) -> Split {
        Split {
            gross,
            commission,
            tax,
        }
    }

    fn paid_then_refunded(gross: i64, refunds: &[i64]) -> Vec<Model> {
        std::iter::once(movement(MovementKind::OfflineReceipt, gross))
            .chain(refunds.iter().map(|r| movement(MovementKind::Refund, *r)))
            .collect()
    }

    #[test]
    fn a_whole_receipt_carries_the_whole_commission_and_tax() {
        let ledger = paid_then_refunded(12_200, &[]);
        let ledger: Vec<&Model> = ledger.iter().collect();
        let shares = split(12_200, 1_220, 2_200).of_each(&ledger);
        assert_eq!(
            shares,
            [Shares {
                commission: 1_220,
                tax: 2_200
            }]
        );
        assert_eq!(split(0, 0, 0).within(0), Shares::default());
    }

    #[test]
    fn refunds_adding_up_to_the_gross_give_back_the_whole_commission_and_tax() {
        let ledger = paid_then_refunded(3000, &[1000, 1000, 1000]);
        let ledger: Vec<&Model> = ledger.iter().collect();
        let commission = |s: &[Shares]| s.iter().map(|s| s.commission).collect::<Vec<_>>();
        let tax = |s: &[Shares]| s.iter().map(|s| s.tax).collect::<Vec<_>>();
        let untaxed = split(3000, 100, 0).of_each(&ledger);
        assert_eq!(commission(&untaxed), [100, 33, 33, 34]);
        assert_eq!(tax(&untaxed), [0, 0, 0, 0]);
        // 30.00 at 22 % includes 5.41 of tax, given back as 1.80, 1.80, 1.81.
        let taxed = split(3000, 100, 541).of_each(&ledger);
        assert_eq!(tax(&taxed), [541, 180, 180, 181]);
        assert_eq!(commission(&taxed), [100, 33, 34, 33]);
    }

    #[test]
    fn however_a_payment_is_refunded_the_organization_never_owes_the_hub() {
        // Net 0 (commission and tax take the whole gross), net 1, and an
        // ordinary split; refunds of every size, one cent at a time too.
        for (gross, commission, tax) in [(3, 1, 2), (7, 3, 3), (12_200, 1_220, 2_200)] {
            let net = gross - commission - tax;
            for step in [1, 2, 3, 5, gross / 3 + 1] {
                let mut refunds = vec![step; usize::try_from(gross / step).unwrap()];
                refunds.push(gross % step);
                refunds.retain(|r| *r > 0);
                let ledger = paid_then_refunded(gross, &refunds);
                let ledger: Vec<&Model> = ledger.iter().collect();
                let shares = split(gross, commission, tax).of_each(&ledger);
                let mut kept = Shares {
                    commission: shares[0].commission,
                    tax: shares[0].tax,
                };
                let mut received = gross;
                for (refund, back) in refunds.iter().zip(&shares[1..]) {
                    received -= refund;
                    kept.commission -= back.commission;
                    kept.tax -= back.tax;
                    let left = received - kept.commission - kept.tax;
                    let ctx = format!("{gross} {commission} {tax} step {step}");
                    assert!(back.tax >= 0, "{ctx}");
                    assert!((0..=net).contains(&left), "{left} of {net}: {ctx}");
                }
                assert_eq!(kept, Shares::default(), "all given back");
            }
        }
    }
}
