//! The outbox's messages handed to the configured [`Mailer`]: the plain
//! text and HTML bodies as alternatives, attachments beside them, for
//! optional messages the one-click unsubscribe headers, and a
//! `Message-ID` made from the outbox message's id, so a message sent again
//! (its sender died before recording it sent) is recognisably the same one
//! and a receiver can drop the second copy.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MailAttachment, MultiPart, SinglePart};

use crate::entities::outbox_message;

use super::delivery::{Courier, Refusal, SendFuture};
use super::outbox::attachments_of;
use super::transport::Mailer;
use super::unsubscribe_headers::{ListUnsubscribe, ListUnsubscribePost};

/// The `Message-ID` of the outbox message `id`: the same at every attempt.
fn message_id(id: uuid::Uuid, host: &str) -> String {
    format!("<outbox-{id}@{host}>")
}

/// The email of `message`, from `mailer`'s sender.
fn email(mailer: &Mailer, message: &outbox_message::Model) -> Result<Message, Refusal> {
    let to = message
        .recipient
        .parse()
        .map_err(|e| Refusal::Permanent(format!("recipient {}: {e}", message.recipient)))?;
    let attachments = attachments_of(message).map_err(|e| Refusal::Permanent(e.explain()))?;
    let bodies =
        MultiPart::alternative_plain_html(message.text_body.clone(), message.html_body.clone());
    let body = attachments
        .into_iter()
        .fold(MultiPart::mixed().multipart(bodies), |mixed, file| {
            let kind = ContentType::parse(&file.content_type).unwrap_or(ContentType::TEXT_PLAIN);
            let part: SinglePart = MailAttachment::new(file.name).body(file.content, kind);
            mixed.singlepart(part)
        });
    let mut builder = Message::builder()
        .from(mailer.sender().clone())
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(message_id(message.id, mailer.message_id_host())));
    if let Some(link) = &message.list_unsubscribe {
        builder = builder
            .header(ListUnsubscribe(link.clone()))
            .header(ListUnsubscribePost);
    }
    builder
        .multipart(body)
        .map_err(|e| Refusal::Permanent(format!("message {}: {e}", message.id)))
}

impl Courier for Mailer {
    fn deliver<'a>(&'a self, message: &'a outbox_message::Model) -> SendFuture<'a> {
        Box::pin(async move {
            let email = email(self, message)?;
            self.send(email).await.map_err(|failure| {
                if failure.is_transient() {
                    Refusal::Transient(failure.reason().to_owned())
                } else {
                    Refusal::Permanent(failure.reason().to_owned())
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::config::Settings;
    use crate::entities::outbox_message::DeliveryStatus;

    fn mailer(public_url: &str) -> Mailer {
        let settings = Settings::from_vars([
            (
                "PORTINERIA_SMTP_URL".to_owned(),
                "smtp://127.0.0.1:2525?tls=none".to_owned(),
            ),
            ("PORTINERIA_PUBLIC_URL".to_owned(), public_url.to_owned()),
        ])
        .expect("valid settings");
        Mailer::new(&settings.mail).expect("a mailer")
    }

    fn outbox_message(id: uuid::Uuid) -> outbox_message::Model {
        let now = Utc::now();
        outbox_message::Model {
            id,
            tenant_id: None,
            kind: "booking-confirmed".into(),
            dedupe_key: format!("key-{id}"),
            recipient: "ada@example.org".into(),
            locale: "it".into(),
            subject: "La tua prenotazione è confermata".into(),
            text_body: "Ciao Ada".into(),
            html_body: "<p>Ciao Ada</p>".into(),
            attachments: "[]".into(),
            status: DeliveryStatus::Pending,
            attempts: 1,
            next_attempt_at: now,
            last_error: None,
            sent_at: None,
            created_at: now,
            list_unsubscribe: None,
        }
    }

    fn header(email: &Message) -> Option<String> {
        email.headers().get_raw("Message-ID").map(str::to_owned)
    }

    #[test]
    fn every_attempt_at_a_message_carries_the_same_message_id() {
        let mailer = mailer("https://portineria.example.org/");
        let id = uuid::Uuid::now_v7();
        let first = email(&mailer, &outbox_message(id)).expect("an email");
        let again = email(
            &mailer,
            &outbox_message::Model {
                attempts: 2,
                ..outbox_message(id)
            },
        )
        .expect("an email");
        let expected = format!("<outbox-{id}@portineria.example.org>");
        assert_eq!(header(&first).as_deref(), Some(expected.as_str()));
        assert_eq!(header(&again), header(&first));
        let sent = String::from_utf8(first.formatted()).expect("UTF-8");
        assert!(
            sent.contains(&format!("Message-ID: {expected}\r\n")),
            "{sent}"
        );
    }

    #[test]
    fn different_messages_and_installations_have_different_ids() {
        let (one, two) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        let here = mailer("https://portineria.example.org");
        let there = mailer("http://127.0.0.1:8080");
        let of =
            |mailer: &Mailer, id| header(&email(mailer, &outbox_message(id)).expect("an email"));
        assert_ne!(of(&here, one), of(&here, two));
        assert_ne!(of(&here, one), of(&there, one));
        assert_eq!(of(&there, one), Some(format!("<outbox-{one}@127.0.0.1>")));
    }
}
