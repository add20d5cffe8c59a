//! The delivery worker killed with SIGKILL in the middle of a batch: the
//! real server binary sends the outbox to maildev through a relay that
//! slows every message down, is killed once some have arrived, and a second
//! process finishes the work. Nothing is lost, nothing recorded sent before
//! the kill arrives twice, and every copy is recognised by its
//! `Message-ID`; on SQLite (one file, two processes) and PostgreSQL.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::Duration;

use portineria::entities::outbox_message::{self, DeliveryStatus};
use portineria::notifications::{outbox, planner};
use serde_json::{Value, json};

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::TestApp;
use crate::notifications::all_messages;
use crate::smtp_server::{MailDev, ServerProcess, SlowRelay};

/// The messages queued before the first worker starts.
const QUEUED: usize = 40;
/// The host of the workers' `PORTINERIA_PUBLIC_URL`, in every `Message-ID`.
const HOST: &str = "portineria.test";
/// How long the relay holds each message: 40 of them take several seconds,
/// time enough to kill the worker half-way.
const SLOW: Duration = Duration::from_millis(150);
/// The lease the workers take messages under: the shortest allowed.
const LEASE_SECONDS: &str = "10";
/// How long one send may take: less than the lease.
const SEND_SECONDS: &str = "5";

/// Starts `portineria serve` on the test's database, sending every second
/// through `relay`; its log is `name.log` in `logs`.
fn worker(
    app: &TestApp,
    relay: &SlowRelay,
    maildev: &MailDev,
    logs: &tempfile::TempDir,
    name: &str,
) -> ServerProcess {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portineria"));
    command
        .arg("serve")
        .env("PORTINERIA_DATABASE_URL", &app.database_url)
        .env("PORTINERIA_LISTEN", "127.0.0.1:0")
        .env("PORTINERIA_PUBLIC_URL", format!("https://{HOST}"))
        .env("PORTINERIA_AUTO_MIGRATE", "false")
        .env("PORTINERIA_WORKER_INTERVAL_SECONDS", "1")
        .env("PORTINERIA_MAIL_LEASE_SECONDS", LEASE_SECONDS)
        .env("PORTINERIA_SMTP_TIMEOUT_SECONDS", SEND_SECONDS)
        .env("PORTINERIA_SMTP_URL", relay.smtp_url())
        .env("PORTINERIA_SMTP_CA_FILE", maildev.ca_file())
        .env("PORTINERIA_LOG", "info");
    ServerProcess::spawn(command, logs.path().join(format!("{name}.log")), false)
}

/// The outbox id a received message's `Message-ID` names, if it is ours.
fn outbox_id(received: &Value) -> Option<uuid::Uuid> {
    let header = received["headers"]["message-id"].as_str()?;
    let id = header
        .trim()
        .strip_prefix("<outbox-")?
        .strip_suffix(&format!("@{HOST}>"))?;
    id.parse().ok()
}

/// How many times each outbox id arrived; panics on a message that names none.
fn arrivals(received: &[Value]) -> BTreeMap<uuid::Uuid, usize> {
    let mut counts = BTreeMap::new();
    for message in received {
        let id = outbox_id(message).unwrap_or_else(|| {
            panic!(
                "a message without an outbox Message-ID arrived: {:#}",
                message["headers"]
            )
        });
        *counts.entry(id).or_default() += 1;
    }
    counts
}

/// Waits until `ready` says yes, or panics after `timeout` with `worker`'s log.
async fn wait_for<F, Fut>(what: &str, timeout: Duration, worker: &mut ServerProcess, mut ready: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if ready().await {
            return;
        }
        assert!(
            !worker.exited(),
            "the worker stopped before {what}:\n{}",
            worker.log()
        );
        assert!(
            tokio::time::Instant::now() < deadline,
            "not {what} within {timeout:?}; the worker's log:\n{}",
            worker.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The ids of the outbox messages recorded sent.
/// The bookings' confirmations (setting up announced a listing before).
async fn confirmations(app: &TestApp) -> Vec<outbox_message::Model> {
    all_messages(app)
        .await
        .into_iter()
        .filter(|m| m.kind == "booking-confirmed")
        .collect()
}

async fn recorded_sent(app: &TestApp) -> BTreeSet<uuid::Uuid> {
    confirmations(app)
        .await
        .into_iter()
        .filter(|m| m.status == DeliveryStatus::Sent)
        .map(|m| m.id)
        .collect()
}

db_test! {
    async fn a_worker_killed_mid_batch_loses_nothing_and_resends_nothing_recorded_sent(backend: Backend) {
        let Some(maildev) = MailDev::start().await else { return };
        let Some(app) = TestApp::spawn(backend).await else { return };
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 10})).await;
        app.discard_mail().await;
        for n in 0..QUEUED {
            let hour = 10 + u32::try_from(n / 10).unwrap();
            book(&app, &hub.member, &room, hour, hour + 1, 1, &format!("k{n}")).await.data();
        }
        planner::plan(&app.services).await.map_err(|e| e.explain()).unwrap();
        let queued = confirmations(&app).await;
        assert_eq!(queued.len(), QUEUED, "one confirmation per booking");
        assert!(queued.iter().all(|m| m.status == DeliveryStatus::Pending));

        let relay = SlowRelay::start(&maildev, SLOW).await;
        let logs = tempfile::tempdir().unwrap();
        let mut first = worker(&app, &relay, &maildev, &logs, "first");
        let inbox = &maildev;
        wait_for("some messages arrived", Duration::from_secs(60), &mut first, || async move {
            inbox.messages().await.len() >= 5
        })
        .await;
        first.kill();
        let sent_before_kill = recorded_sent(&app).await;
        let arrived_before_kill = maildev.messages().await.len();
        assert!(arrived_before_kill < QUEUED, "the worker finished before it was killed: slow the relay down");
        assert!(sent_before_kill.len() < QUEUED, "killed mid-batch");
        // One message at a time: all that arrived but the last were recorded.
        assert!(
            sent_before_kill.len() + 1 >= arrived_before_kill,
            "{} arrived, {} recorded sent",
            arrived_before_kill,
            sent_before_kill.len()
        );

        // The rest waits out the dead worker's lease, then goes out.
        let mut second = worker(&app, &relay, &maildev, &logs, "second");
        let database = &app;
        wait_for("every message recorded sent", Duration::from_secs(120), &mut second, || async move {
            recorded_sent(database).await.len() == QUEUED
        })
        .await;
        second.kill();

        let outbox = confirmations(&app).await;
        let ids: BTreeSet<uuid::Uuid> = outbox.iter().map(|m| m.id).collect();
        assert_eq!(ids.len(), QUEUED, "nothing new was queued");
        let received = maildev.wait_for(QUEUED, Duration::from_secs(10)).await;
        let counts = arrivals(&received);
        let strangers: Vec<_> = counts.keys().filter(|id| !ids.contains(id)).collect();
        assert!(strangers.is_empty(), "arrived but not in the outbox: {strangers:?}");
        let lost: Vec<_> = ids.iter().filter(|id| !counts.contains_key(id)).collect();
        assert!(lost.is_empty(), "never arrived: {lost:?}");
        for id in &sent_before_kill {
            assert_eq!(counts[id], 1, "{id} was recorded sent before the kill, then sent again");
        }
        // A copy can only be of a message handed over but not yet recorded
        // when the worker died: at most the one in flight.
        let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.len() <= 1, "sent twice: {twice:?}");
        assert!(twice.iter().all(|(_, n)| **n == 2), "{twice:?}");

        let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
        for message in &outbox {
            let attempts = outbox::attempts(&db, message.id).await.map_err(|e| e.explain()).unwrap();
            let outcomes: Vec<&str> = attempts.iter().map(|a| a.outcome.as_str()).collect();
            assert_eq!(outcomes, ["SENT"], "the attempts recorded for {}", message.id);
            assert!(message.sent_at.is_some());
        }
        db.close().await.unwrap();
    }
}
