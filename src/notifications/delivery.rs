//! Delivery: due messages are claimed under a lease, handed to the
//! transport, and their attempt recorded: sent, retried later with a
//! doubling wait, or after too many failures (or a permanent refusal)
//! left as a dead letter for the hub's managers. At least once: a sender
//! that dies between the server's acceptance and the record sends that
//! message again when its lease ends; a message is recorded sent once.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::entities::outbox_message;
use crate::error::AppResult;
use crate::state::Services;

use super::outbox::{self, Outcome};
use super::planner;

/// Why a message could not be handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Try again later (no connection, a timeout, a 4xx reply).
    Transient(String),
    /// Never (a 5xx reply: no such mailbox).
    Permanent(String),
}

/// The future a transport answers with.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Refusal>> + Send + 'a>>;

/// Something that hands messages to a mail server (or a folder).
pub trait Courier: Send + Sync {
    /// Hands over `message`.
    fn deliver<'a>(&'a self, message: &'a outbox_message::Model) -> SendFuture<'a>;
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    /// Accepted by the server.
    pub sent: usize,
    /// Failed, to be tried again.
    pub retried: usize,
    /// Given up on.
    pub dead: usize,
}

/// Messages one pass claims.
const BATCH: u64 = 50;

/// Plans new messages, then delivers what is due, once.
pub async fn pass(services: &Services, courier: &dyn Courier) -> AppResult<Delivered> {
    planner::plan(services).await?;
    let mut done = Delivered::default();
    let mail = &services.settings.mail;
    let claimed_at = services.clock.now();
    let claimed = outbox::claim(&services.db, claimed_at, BATCH, mail.lease).await?;
    // A message is handed over only while its lease still covers a whole
    // send: past that, another process may have taken it again, and both
    // would send it. What is left goes out when the lease ends.
    let hand_over_until = chrono::Duration::from_std(mail.timeout)
        .ok()
        .and_then(|send| (claimed_at + mail.lease).checked_sub_signed(send))
        .unwrap_or(claimed_at);
    for message in claimed {
        if services.clock.now() > hand_over_until {
            tracing::warn!(
                message = %message.id,
                "the batch outlasted its lease: the rest of it goes out when the lease ends"
            );
            break;
        }
        let outcome = match courier.deliver(&message).await {
            Ok(()) => Outcome::Sent,
            Err(Refusal::Transient(why)) => Outcome::Retry(why),
            Err(Refusal::Permanent(why)) => Outcome::Dead(why),
        };
        let counted = match &outcome {
            Outcome::Sent => &mut done.sent,
            Outcome::Retry(_) if message.attempts >= outbox::MAX_ATTEMPTS => &mut done.dead,
            Outcome::Retry(_) => &mut done.retried,
            Outcome::Dead(_) => &mut done.dead,
        };
        if outbox::finish(&services.db, &message, outcome, services.clock.now()).await? {
            *counted += 1;
        }
    }
    Ok(done)
}

/// Runs a pass every `every` until the task is dropped.
pub async fn run(services: Services, courier: Arc<dyn Courier>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match pass(&services, courier.as_ref()).await {
            Ok(done) if done != Delivered::default() => tracing::info!(
                sent = done.sent,
                retried = done.retried,
                dead = done.dead,
                "email delivered"
            ),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err.explain(), "email delivery failed"),
        }
    }
}
