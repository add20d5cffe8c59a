//! The outbox's messages handed to the configured [`Mailer`]: the plain
//! text and HTML bodies as alternatives, attachments beside them, and for
//! optional messages the one-click unsubscribe headers.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MailAttachment, MultiPart, SinglePart};

use crate::entities::outbox_message;

use super::delivery::{Courier, Refusal, SendFuture};
use super::outbox::attachments_of;
use super::transport::Mailer;
use super::unsubscribe_headers::{ListUnsubscribe, ListUnsubscribePost};

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
        .subject(message.subject.clone());
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
