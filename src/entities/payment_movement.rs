//! `payment_movements`: the append-only ledger of money received and given
//! back for a booking. Hub-owned.

use sea_orm::entity::prelude::*;

use crate::stored_enum::stored_enum;

stored_enum!(
    /// What a movement of money was.
    MovementKind {
        /// Money taken at the desk.
        OfflineReceipt = "OFFLINE_RECEIPT",
        /// A card authorised for the amount, not yet taken.
        Authorization = "AUTHORIZATION",
        /// Money taken from the card.
        Capture = "CAPTURE",
        /// Money given back.
        Refund = "REFUND",
        /// The part of a refund taken back from the hub's commission.
        FeeRefund = "FEE_REFUND",
        /// The part of a refund taken back from the organization's payout.
        TransferReversal = "TRANSFER_REVERSAL",
    }
);

stored_enum!(
    /// How money changed hands at the desk.
    PaymentMethod {
        /// Notes and coins.
        Cash = "CASH",
        /// A bank transfer.
        BankTransfer = "BANK_TRANSFER",
        /// A card terminal at the desk.
        CardAtDesk = "CARD_AT_DESK",
        /// Any other way.
        Other = "OTHER",
    }
);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_movements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub booking_id: Uuid,
    pub kind: MovementKind,
    /// Minor units, always positive; the kind says which way it went.
    pub amount: i64,
    pub method: Option<PaymentMethod>,
    pub reference: String,
    pub actor_id: Option<Uuid>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
