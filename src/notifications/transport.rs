//! The ways an email leaves the server: an SMTP server (TLS from the start,
//! or STARTTLS that the server must offer; plain only to this machine), or
//! an `.eml` file in a folder when no server is configured. What a failed
//! send means for the message (try again later, or never) is decided here,
//! once, for whoever sends.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{ConfigError, MailDelivery, MailSettings, SmtpSecurity, SmtpServer};

/// Sends email the way the settings say; cheap to clone, so a worker can
/// hold one.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    from: Mailbox,
    timeout: Duration,
    message_id_host: String,
}

enum Transport {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// The server, password hidden, for failure reasons.
        server: String,
    },
    Files {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("destination", &self.destination())
            .finish_non_exhaustive()
    }
}

/// Why a message was not sent, and whether sending it again can help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendFailure {
    /// Try again later: the server could not be reached or did not answer
    /// in time, TLS failed, it answered 4xx, or it refused our credentials.
    #[error("transient: {reason}")]
    Transient {
        /// The SMTP reply code, when the server gave one.
        code: Option<u16>,
        /// A short text for logs.
        reason: String,
    },
    /// Do not try again: the server refused this message for good (a 5xx
    /// reply such as an unknown recipient).
    #[error("permanent: {reason}")]
    Permanent {
        /// The SMTP reply code.
        code: u16,
        /// A short text for logs.
        reason: String,
    },
}

impl SendFailure {
    /// Whether the same message may succeed if sent again later.
    pub fn is_transient(&self) -> bool {
        matches!(self, SendFailure::Transient { .. })
    }

    /// The SMTP reply code, when the server gave one.
    pub fn code(&self) -> Option<u16> {
        match self {
            SendFailure::Transient { code, .. } => *code,
            SendFailure::Permanent { code, .. } => Some(*code),
        }
    }

    /// A short text for logs (no password in it).
    pub fn reason(&self) -> &str {
        match self {
            SendFailure::Transient { reason, .. } | SendFailure::Permanent { reason, .. } => reason,
        }
    }
}

/// Replies to `AUTH` that mean our credentials or our TLS are wrong (RFC
/// 4954: 530 authentication required, 534 mechanism too weak, 535
/// credentials invalid, 538 encryption required).
///
/// SMTP calls them permanent, and they are for this attempt, but they are
/// about the server's setting, not about the message: the same message goes
/// through once `PORTINERIA_SMTP_URL` is fixed. Reported as transient, a
/// wrong password keeps the outbox waiting instead of giving up on every
/// message sent while it was wrong.
const AUTHENTICATION_REFUSED: [u16; 4] = [530, 534, 535, 538];

impl Mailer {
    /// A mailer for these settings: reads the extra certificate authority
    /// and creates the mail folder, so a mistake in either stops the start.
    pub fn new(settings: &MailSettings) -> Result<Mailer, ConfigError> {
        let transport = match &settings.delivery {
            MailDelivery::Smtp(server) => Transport::Smtp {
                transport: smtp_transport(server, settings.timeout)?,
                server: server.display_url(),
            },
            MailDelivery::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|err| ConfigError::Invalid {
                    var: "PORTINERIA_MAIL_DIR",
                    problem: format!("'{}' cannot be created: {err}", dir.display()),
                })?;
                Transport::Files {
                    transport: AsyncFileTransport::<Tokio1Executor>::new(dir),
                    dir: dir.clone(),
                }
            }
        };
        Ok(Mailer {
            inner: Arc::new(Inner {
                transport,
                from: settings.from.clone(),
                timeout: settings.timeout,
                message_id_host: settings.message_id_host.clone(),
            }),
        })
    }

    /// The sender every message should carry (`PORTINERIA_MAIL_FROM`).
    pub fn sender(&self) -> &Mailbox {
        &self.inner.from
    }

    /// The host every `Message-ID` names (`PORTINERIA_PUBLIC_URL`'s).
    pub fn message_id_host(&self) -> &str {
        &self.inner.message_id_host
    }

    /// Where email goes, for the log line at start (no password in it).
    pub fn destination(&self) -> String {
        match &self.inner.transport {
            Transport::Smtp { server, .. } => format!("the SMTP server {server}"),
            Transport::Files { dir, .. } => format!("'.eml' files in {}", dir.display()),
        }
    }

    /// Sends `message` to the recipients of its headers, within the
    /// configured timeout.
    pub async fn send(&self, message: Message) -> Result<(), SendFailure> {
        let timeout = self.inner.timeout;
        tokio::time::timeout(timeout, self.deliver(message))
            .await
            .unwrap_or_else(|_| {
                Err(SendFailure::Transient {
                    code: None,
                    reason: format!(
                        "{} did not take it within {} s",
                        self.destination(),
                        timeout.as_secs()
                    ),
                })
            })
    }

    async fn deliver(&self, message: Message) -> Result<(), SendFailure> {
        match &self.inner.transport {
            Transport::Smtp { transport, server } => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|err| smtp_failure(server, &err)),
            Transport::Files { transport, dir } => {
                let failure = |err: &dyn std::fmt::Display| SendFailure::Transient {
                    code: None,
                    reason: format!("writing into {}: {err}", dir.display()),
                };
                // Made again in case someone emptied the folder by deleting it.
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|err| failure(&err))?;
                transport
                    .send(message)
                    .await
                    .map(drop)
                    .map_err(|err| failure(&err))
            }
        }
    }
}

/// An SMTP transport that opens a connection per message and never sends a
/// password or a message before the TLS the settings ask for is up.
fn smtp_transport(
    server: &SmtpServer,
    timeout: Duration,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, ConfigError> {
    let tls = match server.security {
        SmtpSecurity::ImplicitTls => Tls::Wrapper(tls_parameters(server)?),
        SmtpSecurity::StartTls => Tls::Required(tls_parameters(server)?),
        // Only to a loopback address: the settings refuse anything else.
        SmtpSecurity::Plain => Tls::None,
    };
    // lettre names its general builder "dangerous" because it leaves TLS to
    // the caller; `tls` above is always set, and never accepts an invalid
    // certificate.
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(server.host.as_str())
        .port(server.port)
        .tls(tls)
        .timeout(Some(timeout));
    if let Some(credentials) = &server.credentials {
        builder = builder.credentials(Credentials::new(
            credentials.user.clone(),
            credentials.password.clone(),
        ));
    }
    Ok(builder.build())
}

/// Mozilla's public roots, plus `PORTINERIA_SMTP_CA_FILE` when set; the
/// certificate must name the host of `PORTINERIA_SMTP_URL`.
fn tls_parameters(server: &SmtpServer) -> Result<TlsParameters, ConfigError> {
    let mut builder = TlsParameters::builder(server.host.clone());
    if let Some(path) = &server.ca_file {
        let invalid = |problem: String| ConfigError::Invalid {
            var: "PORTINERIA_SMTP_CA_FILE",
            problem,
        };
        let pem = std::fs::read(path)
            .map_err(|err| invalid(format!("'{}' cannot be read: {err}", path.display())))?;
        // lettre accepts a file without any certificate as an empty list.
        if !String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----") {
            return Err(invalid(format!(
                "'{}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                path.display()
            )));
        }
        let certificate = Certificate::from_pem(&pem)
            .map_err(|err| invalid(format!("'{}': {err}", path.display())))?;
        builder = builder.add_root_certificate(certificate);
    }
    builder.build().map_err(|err| ConfigError::Invalid {
        var: "PORTINERIA_SMTP_URL",
        problem: format!("TLS for '{}' cannot be set up: {err}", server.host),
    })
}

/// What a failed SMTP send means for the message.
fn smtp_failure(server: &str, err: &lettre::transport::smtp::Error) -> SendFailure {
    let code = err.status().map(u16::from);
    let reason = format!("{server}: {err}");
    match code {
        Some(code) if err.is_permanent() && !AUTHENTICATION_REFUSED.contains(&code) => {
            SendFailure::Permanent { code, reason }
        }
        Some(code) if AUTHENTICATION_REFUSED.contains(&code) => SendFailure::Transient {
            code: Some(code),
            reason: format!("{reason} (check the user and password in PORTINERIA_SMTP_URL)"),
        },
        // Unreachable, timed out, TLS refused, 4xx, or a reply we could not
        // read: the message itself is not the problem.
        code => SendFailure::Transient { code, reason },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refusal_of_the_message_itself_is_permanent() {
        let permanent = SendFailure::Permanent {
            code: 550,
            reason: "no such user".into(),
        };
        assert!(!permanent.is_transient());
        assert_eq!(permanent.code(), Some(550));
        assert_eq!(permanent.to_string(), "permanent: no such user");
        let transient = SendFailure::Transient {
            code: None,
            reason: "refused".into(),
        };
        assert!(transient.is_transient());
        assert_eq!(transient.code(), None);
        assert_eq!(transient.reason(), "refused");
    }
}
