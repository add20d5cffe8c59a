//! Notifications end to end through real mail: planned from a booking's
//! change, delivered by the server's transport to maildev over implicit
//! TLS with a password, read back through its REST API, the calendar entry
//! parsed; without an SMTP server, `.eml` files in the mail folder.

use std::time::Duration;

use serde_json::{Value, json};

use crate::calendar::{parse, value};
use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::helpers::TestApp;
use crate::smtp_server::MailDev;

async fn deliver(app: &TestApp) -> portineria::notifications::delivery::Delivered {
    portineria::notifications::delivery::pass(&app.services, &app.mailer)
        .await
        .map_err(|e| e.explain())
        .unwrap()
}

/// The `.ics` attached to maildev's message `message`.
async fn calendar_of(maildev: &MailDev, message: &Value) -> String {
    let attachment = &message["attachments"][0];
    assert!(
        attachment["contentType"]
            .as_str()
            .unwrap()
            .starts_with("text/calendar"),
        "{attachment}"
    );
    let id = message["id"].as_str().unwrap();
    let file = attachment["generatedFileName"].as_str().unwrap();
    maildev.attachment(id, file).await
}

db_test! {
    async fn a_confirmation_and_its_cancellation_arrive_with_their_calendar_entries(backend: Backend) {
        let Some(maildev) = MailDev::start().await else { return };
        let ca = maildev.ca_file().display().to_string();
        let url = maildev.smtp_url();
        let Some(app) = TestApp::spawn_with(backend, &[("PORTINERIA_SMTP_URL", &url), ("PORTINERIA_SMTP_CA_FILE", &ca)]).await else { return };
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        app.discard_mail().await;
        let booked = book(&app, &hub.member, &room, 10, 12, 1, "k").await;
        let id = booked.data()["createBooking"]["id"].as_str().unwrap().to_owned();
        assert_eq!(deliver(&app).await.sent, 1);
        let messages = maildev.wait_for(1, Duration::from_secs(10)).await;
        let confirmed = &messages[0];
        assert_eq!(confirmed["to"][0]["address"], "mimma@example.org");
        let subject = confirmed["subject"].as_str().unwrap();
        assert!(["Your booking is confirmed", "La tua prenotazione è confermata"].contains(&subject), "{subject}");
        assert!(confirmed["text"].as_str().unwrap().contains("2026-11-25 11:00–13:00 (Europe/Rome)"), "{confirmed}");
        assert!(confirmed["html"].as_str().unwrap().contains("Hub aurora"));
        let entry = parse(&calendar_of(&maildev, confirmed).await);
        assert_eq!(value(&entry.properties, "METHOD"), "REQUEST");
        assert!(value(&entry.events[0].properties, "UID").contains(&id));

        let cancelled = app.gql("mutation($id: ID!) { cancelBooking(id: $id) { status } }").vars(json!({"id": id})).token(&hub.member).tenant("aurora").send().await;
        assert_eq!(cancelled.data()["cancelBooking"]["status"], "CANCELLED");
        assert_eq!(deliver(&app).await.sent, 1);
        let messages = maildev.wait_for(2, Duration::from_secs(10)).await;
        let cancellation = messages.iter().find(|m| m["id"] != confirmed["id"]).unwrap();
        let entry = parse(&calendar_of(&maildev, cancellation).await);
        assert_eq!(value(&entry.properties, "METHOD"), "CANCEL");
        assert!(value(&entry.events[0].properties, "UID").contains(&id), "the same event, removed");
        // Nothing is sent twice.
        assert_eq!(deliver(&app).await.sent, 0);
        assert_eq!(maildev.messages().await.len(), 2);
    }
}

db_test! {
    async fn without_an_smtp_server_the_messages_land_in_the_mail_folder(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "REQUEST", "capacity": 2})).await;
        app.discard_mail().await;
        book(&app, &hub.member, &room, 10, 12, 1, "k").await.data();
        assert_eq!(deliver(&app).await.sent, 2, "the manager and the provider");
        let files: Vec<_> = std::fs::read_dir(app.mail_dir.path()).unwrap().flatten().map(|e| e.path()).collect();
        assert_eq!(files.len(), 2, "{files:?}");
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(text.contains("Subject:"), "{text}");
        assert!(files.iter().all(|f| f.extension().is_some_and(|e| e == "eml")));
    }
}
