//! Notifications through the outbox: each change that concerns someone is
//! announced once, in their language, and delivered with retries; what
//! cannot be delivered waits as a dead letter for the hub's managers.

use std::sync::Mutex;

use chrono::Duration;
use portineria::entities::outbox_message;
use portineria::notifications::delivery::{self, Courier, Refusal, SendFuture};
use portineria::notifications::outbox;
use serde_json::json;

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::TestApp;

/// A transport that keeps what it is given, refusing while `refuse` says so.
#[derive(Default)]
pub struct Recorder {
    pub sent: Mutex<Vec<outbox_message::Model>>,
    refuse: Mutex<Option<Refusal>>,
}

impl Recorder {
    pub(crate) fn refusing(refusal: Refusal) -> Recorder {
        Recorder {
            refuse: Mutex::new(Some(refusal)),
            ..Recorder::default()
        }
    }

    pub fn sent(&self) -> Vec<(String, String, String)> {
        self.sent
            .lock()
            .unwrap()
            .iter()
            .map(|m| (m.kind.clone(), m.recipient.clone(), m.subject.clone()))
            .collect()
    }
}

impl Courier for Recorder {
    fn deliver<'a>(&'a self, message: &'a outbox_message::Model) -> SendFuture<'a> {
        Box::pin(async move {
            if let Some(refusal) = self.refuse.lock().unwrap().clone() {
                return Err(refusal);
            }
            self.sent.lock().unwrap().push(message.clone());
            Ok(())
        })
    }
}

/// Plans and delivers once through `courier`.
pub async fn pass(app: &TestApp, courier: &Recorder) -> delivery::Delivered {
    delivery::pass(&app.services, courier)
        .await
        .map_err(|e| e.explain())
        .unwrap()
}

/// The outbox's messages about bookings (not what setting up announced).
async fn booking_messages(app: &TestApp) -> Vec<outbox_message::Model> {
    all_messages(app)
        .await
        .into_iter()
        .filter(|m| m.kind.starts_with("booking-"))
        .collect()
}

/// Every message of a hub (the people's welcome emails belong to none).
pub async fn all_messages(app: &TestApp) -> Vec<outbox_message::Model> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
    let rows = portineria::db::global::find::<outbox_message::Entity>()
        .filter(outbox_message::Column::TenantId.is_not_null())
        .all(&db)
        .await
        .unwrap();
    db.close().await.unwrap();
    rows
}

db_test! {
    async fn a_confirmed_booking_is_announced_once_to_its_customer(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        app.discard_mail().await;
        book(&app, &hub.member, &room, 10, 12, 1, "k").await.data();
        let courier = Recorder::default();
        let first = pass(&app, &courier).await;
        assert_eq!(first.sent, 1, "{first:?}");
        let sent = courier.sent();
        assert_eq!(sent[0].0, "booking-confirmed");
        assert_eq!(sent[0].1, "mimma@example.org");
        let message = &courier.sent.lock().unwrap()[0].clone();
        assert!(message.text_body.contains("Hub aurora"), "{}", message.text_body);
        assert!(message.text_body.contains("2026-11-25 11:00–13:00 (Europe/Rome)"), "the hub's clock: {}", message.text_body);
        // Nothing more to say, nothing said twice.
        assert_eq!(pass(&app, &courier).await, delivery::Delivered::default());
        assert_eq!(courier.sent().len(), 1);
        let rows = booking_messages(&app).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].status, outbox_message::DeliveryStatus::Sent);
    }
}

db_test! {
    async fn a_request_goes_to_managers_and_providers_and_its_answer_to_the_customer(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST", "capacity": 2})).await;
        app.discard_mail().await;
        let asked = book(&app, &hub.member, &room, 10, 12, 1, "k").await;
        let id = asked.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        let courier = Recorder::default();
        pass(&app, &courier).await;
        let mut to: Vec<String> = courier.sent().into_iter().filter(|m| m.0 == "booking-requested").map(|m| m.1).collect();
        to.sort();
        assert_eq!(to, ["paolo@example.org", "rita@example.org"]);
        let declined = app.gql("mutation($id: ID!) { declineBooking(id: $id, reason: \"Sala già occupata\") { status } }").vars(json!({"id": id})).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(declined.data()["declineBooking"]["status"], "DECLINED");
        pass(&app, &courier).await;
        let messages = courier.sent.lock().unwrap().clone();
        let answer = messages.iter().find(|m| m.kind == "booking-declined").expect("the customer hears back");
        assert_eq!(answer.recipient, "mimma@example.org");
        assert!(answer.text_body.contains("Sala già occupata"), "{}", answer.text_body);
        assert!(answer.html_body.contains("<p>"), "{}", answer.html_body);
    }
}

db_test! {
    async fn a_failing_server_is_retried_with_a_growing_wait_then_the_message_waits_for_a_manager(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        app.discard_mail().await;
        book(&app, &hub.member, &room, 10, 12, 1, "k").await.data();
        let down = Recorder::refusing(Refusal::Transient("421 try later".into()));
        let first = pass(&app, &down).await;
        assert_eq!(first.retried, 1);
        // Not due again at once: the wait grows.
        assert_eq!(pass(&app, &down).await, delivery::Delivered::default());
        for attempt in 2..=outbox::MAX_ATTEMPTS {
            app.services.clock.advance(outbox::backoff(attempt - 1) + Duration::seconds(1));
            let done = pass(&app, &down).await;
            let expected = if attempt == outbox::MAX_ATTEMPTS { (0, 1) } else { (1, 0) };
            assert_eq!((done.retried, done.dead), expected, "attempt {attempt}");
        }
        let rows = booking_messages(&app).await;
        assert_eq!(rows[0].status, outbox_message::DeliveryStatus::Dead);
        assert_eq!(rows[0].last_error.as_deref(), Some("421 try later"));

        const DEAD: &str = "{ deadLetters { id kind recipient attempts lastError } }";
        let refused = app.gql(DEAD).token(&hub.provider).tenant("aurora").send().await;
        assert_eq!(refused.code(), "FORBIDDEN");
        let letters = app.gql(DEAD).token(&hub.manager).tenant("aurora").send().await;
        let letter = &letters.data()["deadLetters"][0];
        assert_eq!(letter["kind"], "booking-confirmed");
        assert_eq!(letter["attempts"], outbox::MAX_ATTEMPTS);
        let id = letter["id"].as_str().unwrap().to_owned();
        // Another hub's manager cannot touch it.
        let (_, other) = app.person("nadia@example.org").await;
        app.create_hub("borgo", "nadia@example.org").await;
        app.discard_mail().await;
        let foreign = app.gql("mutation($id: ID!) { retryDeadLetter(id: $id) }").vars(json!({"id": id})).token(&other).tenant("borgo").send().await;
        assert_eq!(foreign.code(), "NOT_FOUND");
        let retried = app.gql("mutation($id: ID!) { retryDeadLetter(id: $id) }").vars(json!({"id": id})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(retried.data()["retryDeadLetter"], true);
        let up = Recorder::default();
        assert_eq!(pass(&app, &up).await.sent, 1);
        assert_eq!(app.gql(DEAD).token(&hub.manager).tenant("aurora").send().await.data()["deadLetters"], json!([]));
    }
}

db_test! {
    async fn a_permanent_refusal_is_not_retried(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        app.discard_mail().await;
        book(&app, &hub.member, &room, 10, 12, 1, "k").await.data();
        let refusing = Recorder::refusing(Refusal::Permanent("550 no such mailbox".into()));
        assert_eq!(pass(&app, &refusing).await.dead, 1);
        let rows = booking_messages(&app).await;
        assert_eq!(rows[0].status, outbox_message::DeliveryStatus::Dead);
        assert_eq!(rows[0].attempts, 1);
    }
}

db_test! {
    async fn a_sender_that_dies_mid_batch_loses_nothing_and_two_senders_never_send_one_message_twice(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 10})).await;
        app.discard_mail().await;
        for n in 0..6 {
            book(&app, &hub.member, &room, 10, 11, 1, &format!("k{n}")).await.data();
        }
        portineria::notifications::planner::plan(&app.services).await.map_err(|e| e.explain()).unwrap();
        // A sender claims everything, then dies before sending.
        let claimed = outbox::claim(&app.services.db, app.services.clock.now(), 50, outbox::LEASE).await.map_err(|e| e.explain()).unwrap();
        assert_eq!(claimed.len(), 6);
        let courier = Recorder::default();
        assert_eq!(pass(&app, &courier).await.sent, 0, "leased to the dead sender");
        app.services.clock.advance(outbox::LEASE + Duration::seconds(1));
        // Two senders at once: each message goes out once.
        let (a, b) = tokio::join!(
            delivery::pass(&app.services, &courier),
            delivery::pass(&app.services, &courier)
        );
        let sent = a.map_err(|e| e.explain()).unwrap().sent + b.map_err(|e| e.explain()).unwrap().sent;
        assert_eq!(sent, 6);
        let mut ids: Vec<uuid::Uuid> = courier.sent.lock().unwrap().iter().map(|m| m.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 6, "none twice");
        // The dead sender's late report changes nothing: recorded sent once.
        let late = outbox::finish(&app.services.db, &claimed[0], outbox::Outcome::Sent, app.services.clock.now()).await.map_err(|e| e.explain()).unwrap();
        assert!(!late);
        let attempts = {
            let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
            let n = outbox::attempts(&db, claimed[0].id).await.map_err(|e| e.explain()).unwrap();
            db.close().await.unwrap();
            n
        };
        assert_eq!(attempts.iter().filter(|a| a.outcome == "SENT").count(), 1);
    }
}

/// A transport on which every message takes `step` of the test's clock.
struct Slow {
    clock: portineria::clock::Clock,
    step: Duration,
    sent: Mutex<Vec<uuid::Uuid>>,
}

impl Courier for Slow {
    fn deliver<'a>(&'a self, message: &'a outbox_message::Model) -> SendFuture<'a> {
        Box::pin(async move {
            self.sent.lock().unwrap().push(message.id);
            self.clock.advance(self.step);
            Ok(())
        })
    }
}

db_test! {
    async fn a_batch_that_outlasts_its_lease_hands_over_nothing_another_sender_may_have_taken(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 10})).await;
        app.discard_mail().await;
        for n in 0..6 {
            book(&app, &hub.member, &room, 10, 11, 1, &format!("k{n}")).await.data();
        }
        // Five minutes of lease, ten seconds a send at most: a send may start
        // until 4 min 50 s after the claim. At 100 s a message, the fourth
        // would start at 5 min.
        let slow = Slow { clock: app.services.clock.clone(), step: Duration::seconds(100), sent: Mutex::default() };
        let first = delivery::pass(&app.services, &slow).await.map_err(|e| e.explain()).unwrap();
        assert_eq!(first.sent, 3, "{first:?}");
        let waiting: Vec<_> = all_messages(&app).await.into_iter().filter(|m| m.status == outbox_message::DeliveryStatus::Pending).collect();
        assert_eq!(waiting.len(), 3);
        // The lease has ended: the rest goes out now, each message once.
        let courier = Recorder::default();
        assert_eq!(pass(&app, &courier).await.sent, 3);
        let mut ids: Vec<uuid::Uuid> = slow.sent.lock().unwrap().clone();
        ids.extend(courier.sent.lock().unwrap().iter().map(|m| m.id));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 6, "none twice");
        assert!(all_messages(&app).await.iter().all(|m| m.status == outbox_message::DeliveryStatus::Sent));
    }
}
