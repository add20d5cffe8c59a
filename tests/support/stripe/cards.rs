//! Stripe's test payment methods (`pm_card_visa`, …) and how each behaves
//! when a payment intent is confirmed with it.

/// A test card, as the customer's browser would present it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    /// Always succeeds.
    Visa,
    /// Declined by the issuer (`generic_decline`).
    Declined,
    /// Declined for lack of funds (`insufficient_funds`).
    InsufficientFunds,
    /// Asks for 3-D Secure before it can be charged.
    ThreeDSecure,
}

impl Card {
    /// The test token to confirm with.
    pub fn payment_method(self) -> &'static str {
        match self {
            Card::Visa => "pm_card_visa",
            Card::Declined => "pm_card_chargeDeclined",
            Card::InsufficientFunds => "pm_card_chargeDeclinedInsufficientFunds",
            Card::ThreeDSecure => "pm_card_threeDSecure2Required",
        }
    }

    /// The card a test token stands for.
    pub fn from_payment_method(token: &str) -> Option<Card> {
        [
            Card::Visa,
            Card::Declined,
            Card::InsufficientFunds,
            Card::ThreeDSecure,
        ]
        .into_iter()
        .find(|card| card.payment_method() == token)
    }

    /// The last four digits of its number.
    pub fn last4(self) -> &'static str {
        match self {
            Card::Visa => "4242",
            Card::Declined => "0002",
            Card::InsufficientFunds => "9995",
            Card::ThreeDSecure => "3220",
        }
    }

    /// The issuer's refusal, for the cards that are refused.
    pub fn decline_code(self) -> Option<&'static str> {
        match self {
            Card::Declined => Some("generic_decline"),
            Card::InsufficientFunds => Some("insufficient_funds"),
            Card::Visa | Card::ThreeDSecure => None,
        }
    }

    /// What the customer is told when it is refused.
    pub fn decline_message(self) -> &'static str {
        match self {
            Card::InsufficientFunds => "Your card has insufficient funds.",
            _ => "Your card was declined.",
        }
    }
}
