//! sea-orm entities, one per table: columns only, no rules. The rules live in
//! each capability's `model.rs`; hub-owned access goes through `db::scope`,
//! global tables through `db::global`.

pub mod answer_link;
pub mod audit_event;
pub mod booking;
pub mod calendar_feed;
pub mod hub;
pub mod listing;
pub mod listing_tag;
pub mod mail_preference;
pub mod membership;
pub mod notified_event;
pub mod organization;
pub mod organization_member;
pub mod outbox_attempt;
pub mod outbox_message;
pub mod payment;
pub mod payment_movement;
pub mod session;
pub mod sign_in_link;
pub mod stripe_event;
pub mod stripe_intent;
pub mod unsubscribe_token;
pub mod user;
