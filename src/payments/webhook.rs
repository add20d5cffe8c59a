//! `POST /webhooks/stripe`: Stripe tells us something changed.
//!
//! - The `Stripe-Signature` header is checked first: HMAC-SHA256 with the
//!   endpoint's signing secret over `<t>.<body>`, `t` within five minutes
//!   of our clock. Any configured secret and any `v1` entry may match,
//!   so a secret can be rotated without losing events. A forged or stale
//!   delivery is refused and changes nothing.
//! - Each event id is applied once; a redelivery is acknowledged as is.
//! - An event is a nudge, not a fact: the intent, Checkout Session or
//!   account it names is read back from Stripe and settled, so events
//!   applied late, twice or out of order all end in the same place.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::Access;
use crate::entities::{hub, stripe_event};
use crate::error::AppResult;
use crate::ids::HubId;
use crate::state::Services;

use super::connect;
use super::online::OnlinePayments;
use super::settle;

/// How far a signature's time may be from ours.
pub const TOLERANCE_SECONDS: i64 = 300;

/// Why a delivery is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No readable `t=` and `v1=` in the header.
    Unreadable,
    /// Signed too long ago (or ahead): a replay, or a clock far off.
    Stale,
    /// No signature matches any secret.
    Forged,
    /// Signed, but not an event we can read.
    NotAnEvent,
}

/// Checks the `Stripe-Signature` `header` of `payload` against `secrets` at `now`.
pub fn verify(
    payload: &[u8],
    header: &str,
    secrets: &[String],
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.extend(hex::decode(value).ok()),
            _ => {}
        }
    }
    let (Some(timestamp), false) = (timestamp, signatures.is_empty()) else {
        return Err(Refusal::Unreadable);
    };
    if (now.timestamp() - timestamp).abs() > TOLERANCE_SECONDS {
        return Err(Refusal::Stale);
    }
    let signed = secrets.iter().any(|secret| {
        signatures.iter().any(|signature| {
            let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
                return false;
            };
            mac.update(timestamp.to_string().as_bytes());
            mac.update(b".");
            mac.update(payload);
            mac.verify_slice(signature).is_ok()
        })
    });
    if signed { Ok(()) } else { Err(Refusal::Forged) }
}

/// What we read of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `evt_…`.
    pub id: String,
    /// `payment_intent.succeeded`, `account.updated`, …
    pub kind: String,
    /// The connected account it happened on, if any.
    pub account: Option<String>,
    /// The object's id (`pi_…`, `acct_…`).
    pub object: String,
    /// The object's metadata.
    pub metadata: HashMap<String, String>,
}

/// Reads the event in `payload`.
pub fn parse(payload: &[u8]) -> Result<Event, Refusal> {
    let value: serde_json::Value =
        serde_json::from_slice(payload).map_err(|_| Refusal::NotAnEvent)?;
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let object = &value["data"]["object"];
    let metadata = object["metadata"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), text(v)?)))
                .collect()
        })
        .unwrap_or_default();
    Ok(Event {
        id: text(&value["id"]).ok_or(Refusal::NotAnEvent)?,
        kind: text(&value["type"]).ok_or(Refusal::NotAnEvent)?,
        account: text(&value["account"]),
        object: text(&object["id"]).ok_or(Refusal::NotAnEvent)?,
        metadata,
    })
}

/// What became of a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Applied now.
    Applied,
    /// Seen before: nothing done.
    Duplicate,
    /// Not for us (another kind of event, or not one of our objects).
    Ignored,
}

/// The hub and the id of ours that `event`'s metadata names under `key`.
async fn named(
    services: &Services,
    event: &Event,
    key: &str,
) -> AppResult<Option<(hub::Model, uuid::Uuid)>> {
    let parse = |name: &str| {
        event
            .metadata
            .get(name)
            .and_then(|v| uuid::Uuid::parse_str(v).ok())
    };
    let (Some(hub), Some(id)) = (parse("hub"), parse(key)) else {
        return Ok(None);
    };
    let tx = services.db.begin(Access::Read, None).await?;
    let hubs = crate::tenancy::store::find_hubs(&tx, &[HubId(hub)]).await?;
    crate::db::commit(tx).await?;
    Ok(hubs.into_iter().next().map(|hub| (hub, id)))
}

async fn seen(services: &Services, id: &str) -> AppResult<bool> {
    let tx = services.db.begin(Access::Read, None).await?;
    let found = crate::db::global::find_by_id::<stripe_event::Entity>(id.to_owned())
        .one(&tx)
        .await?;
    crate::db::commit(tx).await?;
    Ok(found.is_some())
}

async fn remember(services: &Services, event: &Event, now: DateTime<Utc>) -> AppResult<()> {
    let tx = services.db.begin(Access::Write, None).await?;
    let stored = crate::db::global::insert(
        &tx,
        stripe_event::ActiveModel {
            id: sea_orm::Set(event.id.clone()),
            kind: sea_orm::Set(event.kind.chars().take(100).collect()),
            account_id: sea_orm::Set(event.account.clone()),
            received_at: sea_orm::Set(now),
        },
    )
    .await;
    match stored {
        Ok(_) => Ok(crate::db::commit(tx).await?),
        // Applied at the same time by a concurrent delivery: fine, applying is idempotent.
        Err(_) if seen(services, &event.id).await? => Ok(()),
        Err(err) => Err(err.into()),
    }
}

/// Applies a verified `event`.
pub async fn apply(
    online: &OnlinePayments,
    services: &Services,
    event: &Event,
) -> AppResult<Outcome> {
    if seen(services, &event.id).await? {
        return Ok(Outcome::Duplicate);
    }
    let Some(api) = online.api.as_ref() else {
        return Ok(Outcome::Ignored);
    };
    let paying =
        event.kind.starts_with("payment_intent.") || event.kind.starts_with("checkout.session.");
    let outcome = if paying {
        match named(services, event, "booking").await? {
            Some((hub, booking)) => {
                settle::settle(api, services, &hub, booking).await?;
                Outcome::Applied
            }
            None => Outcome::Ignored,
        }
    } else if event.kind == "account.updated" {
        match named(services, event, "organization").await? {
            Some((hub, organization)) => {
                connect::refresh(api, services, &hub, organization, &event.object).await?;
                Outcome::Applied
            }
            None => Outcome::Ignored,
        }
    } else {
        Outcome::Ignored
    };
    remember(services, event, services.clock.now()).await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign(secret: &str, t: i64, payload: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
        mac.update(format!("{t}.").as_bytes());
        mac.update(payload);
        hex::encode(mac.finalize().into_bytes())
    }

    fn at(t: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(t, 0).expect("a valid instant")
    }

    #[test]
    fn a_signature_of_any_current_secret_within_five_minutes_is_accepted() {
        let body = br#"{"id":"evt_1"}"#;
        let secrets = vec!["whsec_old".to_owned(), "whsec_new".to_owned()];
        let t = 1_800_000_000;
        let good = format!("t={t},v1={}", sign("whsec_new", t, body));
        assert_eq!(verify(body, &good, &secrets, at(t + 300)), Ok(()));
        assert_eq!(verify(body, &good, &secrets, at(t - 300)), Ok(()));
        // During a rotation Stripe signs with both; either secret matches.
        let both = format!(
            "t={t},v1={},v1={}",
            sign("whsec_gone", t, body),
            sign("whsec_old", t, body)
        );
        assert_eq!(verify(body, &both, &secrets, at(t)), Ok(()));
    }

    #[test]
    fn forged_stale_tampered_and_unreadable_signatures_are_refused() {
        let body = br#"{"id":"evt_1"}"#;
        let secrets = vec!["whsec_real".to_owned()];
        let t = 1_800_000_000;
        let forged = format!("t={t},v1={}", sign("whsec_guess", t, body));
        assert_eq!(verify(body, &forged, &secrets, at(t)), Err(Refusal::Forged));
        let good = format!("t={t},v1={}", sign("whsec_real", t, body));
        assert_eq!(
            verify(body, &good, &secrets, at(t + 301)),
            Err(Refusal::Stale)
        );
        assert_eq!(
            verify(br#"{"id":"evt_2"}"#, &good, &secrets, at(t)),
            Err(Refusal::Forged)
        );
        // The time is part of what is signed: moving it breaks the signature.
        let moved = good.replace(&format!("t={t}"), &format!("t={}", t + 1));
        assert_eq!(verify(body, &moved, &secrets, at(t)), Err(Refusal::Forged));
        for header in ["", "t=abc,v1=00", "v1=00", &format!("t={t}"), "t=1,v1=zz"] {
            assert_eq!(
                verify(body, header, &secrets, at(t)),
                Err(Refusal::Unreadable),
                "{header}"
            );
        }
    }

    #[test]
    fn an_event_names_its_object_and_metadata() {
        let body = br#"{"id":"evt_1","type":"payment_intent.succeeded","account":null,
            "data":{"object":{"id":"pi_1","metadata":{"hub":"h","booking":"b"}}}}"#;
        let event = parse(body).expect("an event");
        assert_eq!(event.kind, "payment_intent.succeeded");
        assert_eq!(event.object, "pi_1");
        assert_eq!(event.metadata.get("booking").map(String::as_str), Some("b"));
        assert_eq!(parse(b"not json"), Err(Refusal::NotAnEvent));
        assert_eq!(parse(br#"{"id":"evt_1"}"#), Err(Refusal::NotAnEvent));
    }
}
