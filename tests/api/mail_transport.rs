//! The email transports, against real servers on 127.0.0.1: maildev (TLS
//! from the first byte, AUTH), aiosmtpd (STARTTLS required, AUTH), and a
//! few hand-made ones that misbehave; and the `.eml` folder used when no
//! server is configured. No database is involved.

use std::path::Path;
use std::time::{Duration, Instant};

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart};
use portineria::config::Settings;
use portineria::notifications::transport::{Mailer, SendFailure};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpListener;

use crate::smtp_server::{MailDev, StartTlsServer, USER};

const SUBJECT: &str = "La prenotazione è confermata: Sala del camino";
const TEXT: &str = "Ciao Ada,\nla Sala del camino è tua lunedì 1 novembre dalle 17 alle 19.\n";
const HTML: &str = "<p>Ciao Ada,<br>la <b>Sala del camino</b> è tua.</p>";
const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//portineria//test//IT\r\nBEGIN:VEVENT\r\nUID:booking-1@portineria.test\r\nDTSTAMP:20271025T090000Z\r\nDTSTART:20271101T160000Z\r\nDTEND:20271101T180000Z\r\nSUMMARY:Sala del camino\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const WRONG_PASSWORD: &str = "not-the-password-7431";
const WAIT: Duration = Duration::from_secs(10);

/// A mailer for these settings, read as the server reads them.
fn mailer(vars: &[(&str, &str)]) -> Mailer {
    let settings = Settings::from_vars(
        vars.iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned())),
    )
    .expect("valid mail settings");
    Mailer::new(&settings.mail).expect("a mailer")
}

/// A mailer for the SMTP server at `url`, trusting `ca_file`.
fn smtp_mailer(url: &str, ca_file: &Path) -> Mailer {
    let ca_file = ca_file.display().to_string();
    mailer(&[
        ("PORTINERIA_SMTP_URL", url),
        ("PORTINERIA_SMTP_CA_FILE", &ca_file),
        // Generous: the whole suite shares two cores with these servers.
        ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "60"),
    ])
}

/// A confirmation as the outbox will send it: text and HTML, and the
/// booking's calendar entry attached.
fn confirmation(mailer: &Mailer, to: &str) -> Message {
    Message::builder()
        .from(mailer.sender().clone())
        .to(to.parse().expect("a recipient"))
        .subject(SUBJECT)
        .multipart(
            MultiPart::mixed()
                .multipart(MultiPart::alternative_plain_html(
                    TEXT.to_owned(),
                    HTML.to_owned(),
                ))
                .singlepart(
                    Attachment::new("prenotazione.ics".to_owned()).body(
                        ICS.to_owned(),
                        ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                            .expect("a content type"),
                    ),
                ),
        )
        .expect("a message")
}

/// What every server must have received of [`confirmation`].
fn assert_is_the_confirmation(message: &Value, to: &str) {
    assert_eq!(message["subject"], SUBJECT, "{message:#}");
    assert_eq!(message["from"][0]["address"], "noreply@localhost");
    assert_eq!(message["from"][0]["name"], "Portineria");
    assert_eq!(message["to"][0]["address"], to);
    let text = message["text"].as_str().expect("a text body");
    assert!(text.contains("la Sala del camino è tua"), "{text:?}");
    let html = message["html"].as_str().expect("an HTML body");
    assert!(html.contains("<b>Sala del camino</b>"), "{html:?}");
    let attachments = message["attachments"].as_array().expect("attachments");
    assert_eq!(attachments.len(), 1, "{attachments:#?}");
    assert_eq!(attachments[0]["filename"], "prenotazione.ics");
    assert_eq!(attachments[0]["contentType"], "text/calendar");
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

#[tokio::test]
async fn a_confirmation_reaches_maildev_over_implicit_tls_with_auth() {
    let Some(maildev) = MailDev::start().await else {
        return;
    };
    let mailer = smtp_mailer(&maildev.smtp_url(), &maildev.ca_file());
    assert!(
        mailer
            .destination()
            .starts_with("the SMTP server smtps://portineria:***@")
    );

    mailer
        .send(confirmation(&mailer, "ada@example.org"))
        .await
        .expect("maildev takes it");

    let messages = maildev.wait_for(1, WAIT).await;
    assert_eq!(messages.len(), 1);
    assert_is_the_confirmation(&messages[0], "ada@example.org");
    let attachment = &messages[0]["attachments"][0];
    let id = messages[0]["id"].as_str().expect("an id");
    let stored_name = attachment["generatedFileName"]
        .as_str()
        .expect("a stored name");
    assert_eq!(maildev.attachment(id, stored_name).await, ICS);

    maildev.clear().await;
    assert!(maildev.messages().await.is_empty());
}

#[tokio::test]
async fn a_confirmation_reaches_a_starttls_server_only_after_tls_and_auth() {
    let Some(server) = StartTlsServer::start().await else {
        return;
    };
    let mailer = smtp_mailer(&server.smtp_url(), &server.ca_file());

    mailer
        .send(confirmation(&mailer, "ada@example.org"))
        .await
        .expect("the server takes it");

    let messages = server.wait_for(1, WAIT).await;
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_is_the_confirmation(message, "ada@example.org");
    assert_eq!(message["tls"], true, "sent inside STARTTLS");
    assert_eq!(message["authenticatedAs"], USER);
    assert_eq!(message["envelope"]["to"][0]["address"], "ada@example.org");
    assert_eq!(message["attachments"][0]["content"], ICS);
}

/// A refused password is the server's setting, not the message's fault:
/// the message waits (transient) for the setting to be fixed.
#[tokio::test]
async fn a_wrong_password_is_transient_and_delivers_nothing() {
    let Some(maildev) = MailDev::start().await else {
        return;
    };
    let mailer = smtp_mailer(
        &maildev.smtp_url_with_password(WRONG_PASSWORD),
        &maildev.ca_file(),
    );

    let failure = mailer
        .send(confirmation(&mailer, "ada@example.org"))
        .await
        .expect_err("the password is wrong");

    assert!(failure.is_transient(), "{failure}");
    assert_eq!(failure.code(), Some(535), "{failure}");
    assert!(
        failure.reason().contains("PORTINERIA_SMTP_URL"),
        "{failure}"
    );
    assert!(
        !failure.reason().contains(WRONG_PASSWORD),
        "no password in logs: {failure}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(maildev.messages().await.is_empty());
}

#[tokio::test]
async fn a_wrong_password_over_starttls_is_transient_too() {
    let Some(server) = StartTlsServer::start().await else {
        return;
    };
    let mailer = smtp_mailer(
        &server.smtp_url_with_password(WRONG_PASSWORD),
        &server.ca_file(),
    );

    let failure = mailer
        .send(confirmation(&mailer, "ada@example.org"))
        .await
        .expect_err("the password is wrong");

    assert!(failure.is_transient(), "{failure}");
    assert_eq!(failure.code(), Some(535), "{failure}");
}

#[tokio::test]
async fn an_unknown_recipient_is_permanent() {
    let Some(server) = StartTlsServer::start().await else {
        return;
    };
    let mailer = smtp_mailer(&server.smtp_url(), &server.ca_file());

    let failure = mailer
        .send(confirmation(&mailer, "ghost@nowhere.invalid"))
        .await
        .expect_err("no such user");

    assert!(
        matches!(failure, SendFailure::Permanent { code: 550, .. }),
        "{failure:?}"
    );
    assert!(failure.reason().contains("No such user"), "{failure}");
    assert!(server.messages().await.is_empty());
}

#[tokio::test]
async fn a_certificate_from_an_untrusted_authority_is_refused() {
    let Some(maildev) = MailDev::start().await else {
        return;
    };
    // No PORTINERIA_SMTP_CA_FILE: maildev's test CA is no public root.
    let mailer = mailer(&[("PORTINERIA_SMTP_URL", &maildev.smtp_url())]);

    let failure = mailer
        .send(confirmation(&mailer, "ada@example.org"))
        .await
        .expect_err("an unknown certificate authority");

    assert!(failure.is_transient(), "{failure}");
    assert_eq!(failure.code(), None);
    assert!(failure.reason().contains("certificate"), "{failure}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(maildev.messages().await.is_empty());
}

#[tokio::test]
async fn a_closed_port_is_transient() {
    let port = closed_port();
    for url in [
        format!("smtps://ada:secret@127.0.0.1:{port}"),
        format!("smtp://ada:secret@localhost:{port}"),
    ] {
        let mailer = mailer(&[("PORTINERIA_SMTP_URL", &url)]);

        let failure = mailer
            .send(confirmation(&mailer, "ada@example.org"))
            .await
            .expect_err("nothing listens there");

        assert!(failure.is_transient(), "{url}: {failure}");
        assert_eq!(failure.code(), None);
        assert!(!failure.reason().contains("secret"), "{failure}");
    }
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_as_transient() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("an address").port();
    // Accepts, then says nothing.
    let silent = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let mailer = mailer(&[
        (
            "PORTINERIA_SMTP_URL",
            &format!("smtps://ada:secret@127.0.0.1:{port}"),
        ),
        ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "1"),
    ]);

    let started = Instant::now();
    let failure = mailer
        .send(confirmation(&mailer, "ada@example.org"))
        .await
        .expect_err("no answer");

    assert!(failure.is_transient(), "{failure}");
    // Ours, or lettre's own timeout on the greeting, whichever fires first.
    let reason = failure.reason();
    assert!(
        reason.contains("within 1 s") || reason.contains("timed out"),
        "{failure}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    silent.abort();
}

/// STARTTLS is required: a server (or someone in between) that does not
/// offer it never sees the password or the message.
#[tokio::test]
async fn without_starttls_on_offer_nothing_is_sent_in_the_clear() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = listener.local_addr().expect("an address").port();
    let heard = tokio::spawn(async move {
        let (socket, _) = listener.accept().await.expect("a connection");
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        let mut heard = Vec::new();
        write
            .write_all(b"220 plain.test ESMTP\r\n")
            .await
            .expect("greeting");
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_ascii_uppercase();
            heard.push(line);
            let reply: &[u8] = match verb.as_str() {
                "EHLO" => b"250-plain.test\r\n250 AUTH PLAIN LOGIN\r\n",
                "QUIT" => b"221 bye\r\n",
                _ => b"250 ok\r\n",
            };
            if write.write_all(reply).await.is_err() || verb == "QUIT" {
                break;
            }
        }
        heard
    });
    let mailer = mailer(&[(
        "PORTINERIA_SMTP_URL",
        &format!("smtp://ada:secret@127.0.0.1:{port}?tls=starttls"),
    )]);

    let failure = mailer
        .send(confirmation(&mailer, "ada@example.org"))
        .await
        .expect_err("no STARTTLS on offer");

    assert!(failure.is_transient(), "{failure}");
    assert!(failure.reason().contains("STARTTLS"), "{failure}");
    let heard = tokio::time::timeout(WAIT, heard)
        .await
        .expect("the connection ends")
        .expect("the fake server");
    assert!(
        heard
            .iter()
            .all(|line| line.starts_with("EHLO") || line == "QUIT"),
        "only a greeting may go out in the clear: {heard:?}"
    );
}

#[tokio::test]
async fn without_an_smtp_server_each_message_is_an_eml_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("mail");
    let folder_text = folder.display().to_string();
    let mailer = mailer(&[("PORTINERIA_MAIL_DIR", &folder_text)]);
    assert!(folder.is_dir(), "created when the mailer is");
    assert_eq!(
        mailer.destination(),
        format!("'.eml' files in {folder_text}")
    );

    for to in ["ada@example.org", "bruno@example.org"] {
        mailer
            .send(confirmation(&mailer, to))
            .await
            .expect("written");
    }

    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .expect("the mail folder")
        .map(|entry| {
            let path = entry.expect("an entry").path();
            assert_eq!(path.extension().and_then(|e| e.to_str()), Some("eml"));
            std::fs::read_to_string(path).expect("a message")
        })
        .collect();
    files.sort();
    assert_eq!(files.len(), 2);
    assert!(files[0].contains("To: ada@example.org") ^ files[1].contains("To: ada@example.org"));
    for eml in &files {
        assert!(
            eml.contains("From: Portineria <noreply@localhost>"),
            "{eml}"
        );
        assert!(
            eml.contains("Subject: La prenotazione =?utf-8?"),
            "the è is encoded: {eml}"
        );
        assert!(eml.contains("filename=\"prenotazione.ics\""), "{eml}");
    }
}
