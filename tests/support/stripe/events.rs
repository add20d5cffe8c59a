//! Events as Stripe renders them (`evt_…`, `object: "event"`), each holding
//! the object as it was when the change happened.

use serde_json::{Value, json};

use super::state::Event;

/// The event as `GET /v1/events/:id` and a webhook delivery show it.
pub fn event(event: &Event, pending_webhooks: i64) -> Value {
    let mut rendered = json!({
        "id": event.id,
        "object": "event",
        "api_version": stripe_shared::version::VERSION.as_str(),
        "created": event.created,
        "data": {"object": event.object},
        "livemode": false,
        "pending_webhooks": pending_webhooks,
        "request": {
            "id": event.origin.request_id,
            "idempotency_key": event.origin.idempotency_key,
        },
        "type": event.kind,
    });
    // Only events of a connected account name it.
    if let (Some(account), Some(fields)) = (&event.account, rendered.as_object_mut()) {
        fields.insert("account".into(), json!(account));
    }
    rendered
}
