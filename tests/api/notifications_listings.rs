//! Messages about listings under review: a submission reaches every
//! manager of the hub once; the answer (published, or sent back with the
//! reason) reaches the providers acting for the listing's organization, in
//! each one's language; no one else, and never another hub's people.

use serde_json::json;

use crate::catalogue::{self, aurora};
use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};
use crate::notifications::{Recorder, pass};

/// Signs up `email` speaking Italian and logs in; the token.
async fn italian(app: &TestApp, email: &str, name: &str) -> String {
    app.gql("mutation($i: SignUpInput!) { signUp(input: $i) { id } }")
        .vars(json!({"i": {"email": email, "password": PASSWORD, "name": name, "locale": "IT"}}))
        .send()
        .await
        .data();
    app.log_in(email).await
}

async fn step(app: &TestApp, token: &str, mutation: &str, id: &str) {
    app.gql(&format!(
        "mutation($id: ID!) {{ {mutation}(id: $id) {{ status }} }}"
    ))
    .vars(json!({"id": id}))
    .token(token)
    .tenant("aurora")
    .send()
    .await
    .data();
}

/// Who got a message of `kind` in this pass, sorted.
fn to(courier: &Recorder, kind: &str) -> Vec<String> {
    let mut to: Vec<String> = courier
        .sent()
        .into_iter()
        .filter(|m| m.0 == kind)
        .map(|m| m.1)
        .collect();
    to.sort();
    to
}

db_test! {
    async fn a_listing_under_review_is_announced_to_managers_and_its_answer_to_the_organizations_providers(app) {
        let hub = aurora(&app).await;
        // A second manager, an Italian provider of the same cooperative, a
        // provider of another organization, and another hub's manager.
        app.person("gianni@example.org").await;
        app.add_member("aurora", &hub.manager, "gianni@example.org", "MANAGER").await;
        italian(&app, "lucia@example.org", "Lucia").await;
        app.add_member("aurora", &hub.manager, "lucia@example.org", "PROVIDER").await;
        app.gql("mutation($o: ID!, $e: String!) { addOrganizationMember(organizationId: $o, email: $e) { id } }")
            .vars(json!({"o": hub.cooperative, "e": "lucia@example.org"}))
            .token(&hub.manager).tenant("aurora").send().await.data();
        app.person("marco@example.org").await;
        app.add_member("aurora", &hub.manager, "marco@example.org", "PROVIDER").await;
        let other = catalogue::organization(&app, "aurora", &hub.manager, "Bottega Altrove").await;
        app.gql("mutation($o: ID!, $e: String!) { addOrganizationMember(organizationId: $o, email: $e) { id } }")
            .vars(json!({"o": other, "e": "marco@example.org"}))
            .token(&hub.manager).tenant("aurora").send().await.data();
        let (_, nadia) = app.person("nadia@example.org").await;
        app.create_hub("borgo", "nadia@example.org").await;
        app.person("bruno@example.org").await;
        app.add_member("borgo", &nadia, "bruno@example.org", "MANAGER").await;
        let borgo_org = catalogue::organization(&app, "borgo", &nadia, "Borgo").await;
        app.discard_mail().await;
        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(courier.sent(), [], "setting up says nothing more");

        let id = catalogue::listing(&app, "aurora", &hub.provider, &hub.cooperative, json!({"title": "Laboratorio <bici>", "visibility": "PUBLIC", "latitude": 45.07, "longitude": 7.68})).await;
        catalogue::every_day(&app, "aurora", &hub.provider, &id, "09:00", "18:00").await;
        step(&app, &hub.provider, "submitListing", &id).await;
        // Another hub's listing under review concerns only that hub.
        let theirs = catalogue::listing(&app, "borgo", &nadia, &borgo_org, json!({})).await;
        catalogue::every_day(&app, "borgo", &nadia, &theirs, "09:00", "18:00").await;
        app.gql("mutation($id: ID!) { submitListing(id: $id) { status } }").vars(json!({"id": theirs})).token(&nadia).tenant("borgo").send().await.data();
        pass(&app, &courier).await;
        // Who submits is not told; nadia submitted hers.
        assert_eq!(to(&courier, "listing-submitted"), ["bruno@example.org", "gianni@example.org", "rita@example.org"]);
        let messages = courier.sent.lock().unwrap().clone();
        let to_rita = messages.iter().find(|m| m.recipient == "rita@example.org").unwrap();
        assert!(to_rita.subject.contains("Laboratorio <bici>"), "{}", to_rita.subject);
        assert!(to_rita.text_body.contains("Cooperativa Aggiusto"), "{}", to_rita.text_body);
        assert!(to_rita.html_body.contains("Laboratorio &lt;bici&gt;"), "{}", to_rita.html_body);
        let to_bruno = messages.iter().find(|m| m.recipient == "bruno@example.org").unwrap();
        assert!(to_bruno.text_body.contains("Sala del camino") && !to_bruno.text_body.contains("Laboratorio"), "each hub's own listing: {}", to_bruno.text_body);
        assert!(!to_rita.text_body.contains("Sala del camino"), "{}", to_rita.text_body);
        // Said once.
        assert_eq!(pass(&app, &courier).await.sent, 0);

        // Sent back with a reason, and resubmitted before anything is
        // written: the rejection still says its reason.
        let reason = "Mancano le foto e l'indirizzo esatto.";
        app.gql("mutation($id: ID!, $r: String!) { rejectListing(id: $id, reason: $r) { status } }")
            .vars(json!({"id": id, "r": reason})).token(&hub.manager).tenant("aurora").send().await.data();
        step(&app, &hub.provider, "submitListing", &id).await;
        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(to(&courier, "listing-rejected"), ["lucia@example.org", "paolo@example.org"]);
        assert_eq!(to(&courier, "listing-submitted"), ["gianni@example.org", "rita@example.org"]);
        let messages = courier.sent.lock().unwrap().clone();
        let to_lucia = messages.iter().find(|m| m.recipient == "lucia@example.org").unwrap();
        assert_eq!(to_lucia.locale, "it");
        assert_eq!(to_lucia.subject, "Il tuo annuncio va modificato: Laboratorio <bici>");
        assert!(to_lucia.text_body.contains("Il motivo:"), "{}", to_lucia.text_body);
        assert!(to_lucia.text_body.contains(reason), "{}", to_lucia.text_body);
        assert!(to_lucia.text_body.contains("Hub aurora"), "{}", to_lucia.text_body);
        assert!(to_lucia.html_body.contains("Mancano le foto e l&#x27;indirizzo esatto."), "{}", to_lucia.html_body);
        let to_paolo = messages.iter().find(|m| m.kind == "listing-rejected" && m.recipient == "paolo@example.org").unwrap();
        assert!(to_paolo.text_body.contains("The reason given:") && to_paolo.text_body.contains(reason), "{}", to_paolo.text_body);

        step(&app, &hub.manager, "publishListing", &id).await;
        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(to(&courier, "listing-published"), ["lucia@example.org", "paolo@example.org"]);
        assert_eq!(courier.sent().len(), 2, "the managers know already: {:?}", courier.sent());
        let messages = courier.sent.lock().unwrap().clone();
        let link = format!("/directory/aurora/{id}");
        for message in &messages {
            assert!(message.text_body.contains("Hub aurora"), "{}", message.text_body);
            assert!(message.text_body.contains("Laboratorio <bici>"), "{}", message.text_body);
            assert!(message.text_body.contains(&link), "{}", message.text_body);
            // HTML escapes the slashes; a browser reads them back.
            let escaped = link.replace('/', "&#x2f;");
            assert!(message.html_body.contains(&format!("{escaped}\">")), "{}", message.html_body);
        }
        // The public page the message links to is there.
        let (status, _, _, _) = crate::calendar::get(&app, &link, None).await;
        assert_eq!(status, 200);
    }
}

db_test! {
    async fn a_listing_without_a_public_page_is_announced_without_a_link(app) {
        let hub = aurora(&app).await;
        let room = catalogue::published(&app, "aurora", &hub.manager, &hub.cooperative, json!({"visibility": "PUBLIC"})).await;
        // Public, but with no place on the map: not in the directory.
        let courier = Recorder::default();
        pass(&app, &courier).await;
        assert_eq!(to(&courier, "listing-published"), ["paolo@example.org"]);
        let message = courier.sent.lock().unwrap()[0].clone();
        assert!(!message.text_body.contains("/directory/"), "{}", message.text_body);
        assert!(!message.html_body.contains("<a "), "{}", message.html_body);
        assert!(message.text_body.contains("Sala del camino"), "{room}: {}", message.text_body);
        // Archiving and editing say nothing.
        app.gql("mutation($id: ID!) { archiveListing(id: $id) { status } }").vars(json!({"id": room})).token(&hub.manager).tenant("aurora").send().await.data();
        assert_eq!(pass(&app, &courier).await.sent, 0);
    }
}
