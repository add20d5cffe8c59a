//! The managers' daily digest of dead letters: once per manager per day on
//! the hub's clock, from 08:00 there, only while dead letters wait.

use portineria::notifications::delivery::Refusal;
use serde_json::json;

use crate::catalogue::{self, aurora, book};
use crate::db_test;
use crate::notifications::{Recorder, pass};
use crate::reminders::{of_kind, travel_to, utc};

db_test! {
    async fn each_manager_hears_of_dead_letters_once_a_day_from_eight_on_the_hubs_clock(app) {
        let hub = aurora(&app).await;
        let (_, nadia) = app.person("nadia@example.org").await;
        app.add_member("aurora", &hub.manager, "nadia@example.org", "MANAGER").await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"approvalMode": "INSTANT", "capacity": 2})).await;
        book(&app, &hub.member, &room, 10, 12, 1, "k").await.data();
        let up = Recorder::default();
        // Monday 10:00 in Rome: nothing is dead yet, so no digest.
        pass(&app, &up).await;
        assert!(of_kind(&app, "dead-letters-waiting").await.is_empty());

        book(&app, &hub.member, &room, 13, 15, 1, "second").await.data();
        let refusing = Recorder::refusing(Refusal::Permanent("550 no such mailbox".into()));
        assert_eq!(pass(&app, &refusing).await.dead, 1);
        pass(&app, &up).await;
        let digests = of_kind(&app, "dead-letters-waiting").await;
        let mut to: Vec<&str> = digests.iter().map(|m| m.recipient.as_str()).collect();
        to.sort_unstable();
        assert_eq!(to, ["nadia@example.org", "rita@example.org"], "each manager, not the provider");
        let digest = &digests[0];
        assert_eq!(digest.subject, "An email could not be delivered");
        assert!(digest.text_body.contains("One email from Hub aurora could not be delivered. The oldest has been waiting for less than an hour."), "{}", digest.text_body);
        assert!(digest.text_body.contains("/hubs/aurora/manage/dead-letters"), "where to see them: {}", digest.text_body);
        assert!(digest.dedupe_key.starts_with("dead-letters:") && digest.dedupe_key.contains(":2026-11-23:"), "the hub's local date: {}", digest.dedupe_key);
        assert!(digest.list_unsubscribe.is_some());

        // Not again the same day, nor before 08:00 the next.
        pass(&app, &up).await;
        travel_to(&app, utc(2026, 11, 23, 22, 59)); // 23:59 in Rome
        pass(&app, &up).await;
        travel_to(&app, utc(2026, 11, 24, 6, 59)); // 07:59 in Rome
        pass(&app, &up).await;
        assert_eq!(of_kind(&app, "dead-letters-waiting").await.len(), 2);

        // Nadia turns the digest off; rita still hears on Tuesday at 08:00.
        let off = app.gql("mutation { setMailPreferences(digests: false) { reminders digests } }").token(&nadia).send().await;
        assert_eq!(off.data()["setMailPreferences"], json!({"reminders": true, "digests": false}));
        travel_to(&app, utc(2026, 11, 24, 7, 0));
        pass(&app, &up).await;
        let digests = of_kind(&app, "dead-letters-waiting").await;
        let tuesday: Vec<_> = digests.iter().filter(|m| m.dedupe_key.contains(":2026-11-24:")).collect();
        assert_eq!(tuesday.len(), 1, "{tuesday:?}");
        assert_eq!(tuesday[0].recipient, "rita@example.org");
        assert!(tuesday[0].text_body.contains("waiting for 22 hours"), "{}", tuesday[0].text_body);

        // Once sent again, nothing waits, and Wednesday brings no digest.
        let letters = app.gql("{ deadLetters { id kind } }").token(&hub.manager).tenant("aurora").send().await;
        let id = letters.data()["deadLetters"][0]["id"].as_str().unwrap().to_owned();
        let retried = app.gql("mutation($id: ID!) { retryDeadLetter(id: $id) }").vars(json!({"id": id})).token(&hub.manager).tenant("aurora").send().await;
        assert_eq!(retried.data()["retryDeadLetter"], true);
        pass(&app, &up).await;
        travel_to(&app, utc(2026, 11, 25, 9, 0));
        pass(&app, &up).await;
        assert_eq!(of_kind(&app, "dead-letters-waiting").await.len(), 3);
    }
}
