//! The settings of outgoing email: the SMTP server it leaves by (read from
//! one URL), or the folder it is written to as `.eml` files when there is
//! none; who it is from; an extra certificate authority for the server; how
//! long one send may take; the host every `Message-ID` names; and how long a
//! sender holds the messages it took.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use lettre::message::Mailbox;
use percent_encoding::percent_decode_str;

use super::{ConfigError, invalid, number};

/// The validated mail settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// Where email goes.
    pub delivery: MailDelivery,
    /// The sender of every message.
    pub from: Mailbox,
    /// How long one message may take to send before it counts as failed.
    pub timeout: Duration,
    /// The host of `PORTINERIA_PUBLIC_URL`, the right-hand side of every
    /// `Message-ID`: an id made from an outbox message's own id and this
    /// installation's name is the same each time that message is sent, and
    /// no other sender's.
    pub message_id_host: String,
    /// How long a sender holds the messages it took before another process
    /// may send them: longer than one send may take, so a slow send is not
    /// taken over, and short enough that a process that died mid-batch does
    /// not hold its messages back for long.
    pub lease: chrono::Duration,
}

/// Where email goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailDelivery {
    /// To an SMTP server.
    Smtp(SmtpServer),
    /// Into this folder, one `.eml` file per message: the zero-configuration
    /// default, so a newcomer running the demo can open what was sent.
    Files(PathBuf),
}

/// An SMTP server, as `PORTINERIA_SMTP_URL` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpServer {
    /// A host name or an IP address (an IPv6 one without brackets).
    pub host: String,
    /// The TCP port.
    pub port: u16,
    /// How the connection is protected.
    pub security: SmtpSecurity,
    /// The account to log in with, when the server asks for one.
    pub credentials: Option<SmtpCredentials>,
    /// A PEM certificate authority trusted beside the public ones.
    pub ca_file: Option<PathBuf>,
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// TLS from the first byte (`smtps://`, port 465).
    ImplicitTls,
    /// Plain at first, then `STARTTLS`, which the server must offer
    /// (`smtp://`, port 587); nothing is sent before TLS is up.
    StartTls,
    /// No TLS at all (`?tls=none`): only to this machine, for development.
    Plain,
}

/// A user name and password for SMTP `AUTH`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpCredentials {
    /// The user name, decoded.
    pub user: String,
    /// The password, decoded.
    pub password: String,
}

impl std::fmt::Debug for SmtpCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password never reaches a log.
        f.debug_struct("SmtpCredentials")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl SmtpServer {
    /// The server as a URL without its password, for logs and messages.
    pub fn display_url(&self) -> String {
        let scheme = match self.security {
            SmtpSecurity::ImplicitTls => "smtps",
            SmtpSecurity::StartTls | SmtpSecurity::Plain => "smtp",
        };
        let user = self
            .credentials
            .as_ref()
            .map(|c| format!("{}:***@", c.user))
            .unwrap_or_default();
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let tls = match self.security {
            SmtpSecurity::ImplicitTls => "",
            SmtpSecurity::StartTls => "?tls=starttls",
            SmtpSecurity::Plain => "?tls=none",
        };
        format!("{scheme}://{user}{host}:{}{tls}", self.port)
    }

    /// Reads an `smtps://` or `smtp://` URL; the error says what is wrong
    /// without repeating the password.
    pub fn parse(text: &str) -> Result<SmtpServer, String> {
        const SHAPE: &str = "smtps://USER:PASSWORD@HOST:465 or smtp://USER:PASSWORD@HOST:587";
        let url = url::Url::parse(text).map_err(|err| {
            format!("not a URL like {SHAPE} ({err}; a user or password with @ : / ? # % must be URL-encoded)")
        })?;
        let security = match url.scheme() {
            "smtps" => SmtpSecurity::ImplicitTls,
            "smtp" => SmtpSecurity::StartTls,
            other => return Err(format!("starts with '{other}:', not smtps:// or smtp://")),
        };
        if url.fragment().is_some() {
            return Err("has a '#' part: encode a # in the password as %23".into());
        }
        if !matches!(url.path(), "" | "/") {
            return Err(format!(
                "has a path ('{}'): only {SHAPE} is understood",
                url.path()
            ));
        }
        let host = match url.host() {
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Domain(name)) if !name.is_empty() && !name.contains('%') => {
                name.to_ascii_lowercase()
            }
            _ => return Err(format!("names no host: {SHAPE}")),
        };
        let security = tls_mode(&url, security)?;
        if security == SmtpSecurity::Plain && !is_loopback(&host) {
            return Err(format!(
                "tls=none sends the password and the mail unprotected, so it is allowed only to this machine (127.0.0.1, ::1, localhost), not to '{host}': use smtps:// or smtp:// with STARTTLS"
            ));
        }
        let credentials = credentials(&url)?;
        let port = url.port().unwrap_or(match security {
            SmtpSecurity::ImplicitTls => 465,
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Plain => 25,
        });
        Ok(SmtpServer {
            host,
            port,
            security,
            credentials,
            ca_file: None,
        })
    }
}

/// The security the URL's `?tls=` asks for; any other parameter is refused,
/// so a misspelt `?tsl=none` is not silently ignored.
fn tls_mode(url: &url::Url, scheme_default: SmtpSecurity) -> Result<SmtpSecurity, String> {
    let mut security = scheme_default;
    for (key, value) in url.query_pairs() {
        match (key.as_ref(), scheme_default) {
            ("tls", SmtpSecurity::ImplicitTls) => {
                return Err("smtps:// is TLS from the start: drop ?tls=".into());
            }
            ("tls", _) => {
                security = match value.as_ref() {
                    "starttls" => SmtpSecurity::StartTls,
                    "none" => SmtpSecurity::Plain,
                    other => {
                        return Err(format!(
                            "tls={other} is not one of: starttls (the default), none"
                        ));
                    }
                };
            }
            (other, _) => {
                return Err(format!(
                    "has an unknown parameter '{other}' (only tls= is understood)"
                ));
            }
        }
    }
    Ok(security)
}

fn credentials(url: &url::Url) -> Result<Option<SmtpCredentials>, String> {
    let decode = |part: &str, what: &str| {
        percent_decode_str(part)
            .decode_utf8()
            .map(|text| text.into_owned())
            .map_err(|_| format!("its {what} is not UTF-8 once URL-decoded"))
    };
    let user = decode(url.username(), "user")?;
    let password = url.password().map(|p| decode(p, "password")).transpose()?;
    match (user.is_empty(), password) {
        (true, None) => Ok(None),
        (true, Some(_)) => Err("has a password but no user".into()),
        (false, None) => Err(format!("names the user '{user}' but no password")),
        (false, Some(password)) => Ok(Some(SmtpCredentials { user, password })),
    }
}

/// Whether `host` is this machine, the only place plain SMTP may go.
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip: IpAddr| ip.is_loopback())
}

impl MailSettings {
    /// Reads the mail variables through `get` (trimmed, non-empty values);
    /// `public_url` is the validated `PORTINERIA_PUBLIC_URL`.
    pub(super) fn read<'a>(
        get: impl Fn(&'static str) -> Option<&'a str>,
        public_url: &str,
    ) -> Result<MailSettings, ConfigError> {
        let ca_file = get("PORTINERIA_SMTP_CA_FILE").map(PathBuf::from);
        let delivery = match get("PORTINERIA_SMTP_URL") {
            Some(text) => {
                let mut server = SmtpServer::parse(text)
                    .map_err(|problem| invalid("PORTINERIA_SMTP_URL", problem))?;
                if get("PORTINERIA_MAIL_DIR").is_some() {
                    return Err(invalid(
                        "PORTINERIA_MAIL_DIR",
                        "email goes to PORTINERIA_SMTP_URL, so no folder is written: unset one of the two".into(),
                    ));
                }
                if ca_file.is_some() && server.security == SmtpSecurity::Plain {
                    return Err(invalid(
                        "PORTINERIA_SMTP_CA_FILE",
                        "PORTINERIA_SMTP_URL asks for no TLS (tls=none), so no certificate is checked".into(),
                    ));
                }
                server.ca_file = ca_file;
                MailDelivery::Smtp(server)
            }
            None if ca_file.is_some() => {
                return Err(invalid(
                    "PORTINERIA_SMTP_CA_FILE",
                    "trusts a certificate for the SMTP server, but PORTINERIA_SMTP_URL names none"
                        .into(),
                ));
            }
            None => {
                MailDelivery::Files(PathBuf::from(get("PORTINERIA_MAIL_DIR").unwrap_or("mail")))
            }
        };
        let from_text = get("PORTINERIA_MAIL_FROM").unwrap_or("Portineria <noreply@localhost>");
        let from = from_text.parse::<Mailbox>().map_err(|_| {
            invalid(
                "PORTINERIA_MAIL_FROM",
                format!("'{from_text}' is not a mailbox like Portineria <noreply@example.org>"),
            )
        })?;
        let timeout = number(
            get("PORTINERIA_SMTP_TIMEOUT_SECONDS"),
            "PORTINERIA_SMTP_TIMEOUT_SECONDS",
            10,
            1..=300,
        )?;
        let message_id_host = url::Url::parse(public_url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned))
            .ok_or_else(|| {
                invalid(
                    "PORTINERIA_PUBLIC_URL",
                    format!("'{public_url}' names no host, like https://portineria.example.org"),
                )
            })?;
        let lease = number(
            get("PORTINERIA_MAIL_LEASE_SECONDS"),
            "PORTINERIA_MAIL_LEASE_SECONDS",
            300,
            10..=3600,
        )?;
        if lease <= timeout {
            return Err(invalid(
                "PORTINERIA_MAIL_LEASE_SECONDS",
                format!(
                    "'{lease}' is not longer than PORTINERIA_SMTP_TIMEOUT_SECONDS ({timeout}): a sender must have time to send an email before another process may take it"
                ),
            ));
        }
        Ok(MailSettings {
            delivery,
            from,
            timeout: Duration::from_secs(u64::from(timeout)),
            message_id_host,
            lease: chrono::Duration::seconds(i64::from(lease)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(url: &str) -> SmtpServer {
        SmtpServer::parse(url).unwrap_or_else(|problem| panic!("{url}: {problem}"))
    }

    fn refused(url: &str) -> String {
        match SmtpServer::parse(url) {
            Ok(server) => panic!("{url} was accepted as {server:?}"),
            Err(problem) => problem,
        }
    }

    fn settings(pairs: &[(&'static str, &str)]) -> Result<MailSettings, ConfigError> {
        MailSettings::read(
            |var| {
                pairs
                    .iter()
                    .find(|(name, _)| *name == var)
                    .map(|(_, value)| *value)
            },
            "https://portineria.example.org",
        )
    }

    #[test]
    fn smtps_is_tls_from_the_start_on_465() {
        let s = server("smtps://ada:secret@mail.example.org");
        assert_eq!(s.security, SmtpSecurity::ImplicitTls);
        assert_eq!((s.host.as_str(), s.port), ("mail.example.org", 465));
        let credentials = s.credentials.expect("credentials");
        assert_eq!(
            (credentials.user.as_str(), credentials.password.as_str()),
            ("ada", "secret")
        );
        assert_eq!(
            server("smtps://ada:secret@mail.example.org:2465").port,
            2465
        );
    }

    #[test]
    fn smtp_requires_starttls_unless_told_otherwise() {
        for url in [
            "smtp://ada:secret@mail.example.org:587",
            "smtp://ada:secret@mail.example.org",
            "smtp://ada:secret@mail.example.org/?tls=starttls",
            "smtp://mail.example.org:587?tls=starttls",
        ] {
            let s = server(url);
            assert_eq!(s.security, SmtpSecurity::StartTls, "{url}");
            assert_eq!(s.port, 587, "{url}");
        }
        assert_eq!(server("smtp://mail.example.org").credentials, None);
    }

    #[test]
    fn user_and_password_are_url_decoded() {
        let s = server("smtps://ada%40example.org:p%40ss%3Aw%2Frd%23%25%20x@mail.example.org");
        let credentials = s.credentials.expect("credentials");
        assert_eq!(credentials.user, "ada@example.org");
        assert_eq!(credentials.password, "p@ss:w/rd#% x");
    }

    #[test]
    fn plain_smtp_goes_only_to_this_machine() {
        for url in [
            "smtp://localhost:1025?tls=none",
            "smtp://127.0.0.1:1025?tls=none",
            "smtp://127.8.9.10?tls=none",
            "smtp://[::1]:1025?tls=none",
            "smtp://LocalHost:1025?tls=none",
        ] {
            assert_eq!(server(url).security, SmtpSecurity::Plain, "{url}");
        }
        assert_eq!(server("smtp://localhost?tls=none").port, 25);
        assert_eq!(server("smtp://[::1]:1025?tls=none").host, "::1");
        for url in [
            "smtp://mail.example.org:25?tls=none",
            "smtp://10.0.0.5:25?tls=none",
            "smtp://[2001:db8::1]:25?tls=none",
            "smtp://localhost.example.org?tls=none",
        ] {
            assert!(refused(url).contains("only to this machine"), "{url}");
        }
    }

    #[test]
    fn malformed_urls_are_refused_with_a_reason() {
        let cases = [
            ("mail.example.org:465", "not smtps:// or smtp://"),
            ("https://mail.example.org", "not smtps:// or smtp://"),
            ("smtps://ada:secret@", "URL"),
            (
                "smtps://ada:secret@mail.example.org:465?tls=starttls",
                "drop ?tls=",
            ),
            (
                "smtp://mail.example.org?tls=required",
                "tls=required is not one of",
            ),
            (
                "smtp://mail.example.org?tsl=none",
                "unknown parameter 'tsl'",
            ),
            ("smtps://mail.example.org/relay", "has a path"),
            ("smtps://ada:se#cret@mail.example.org", "URL"),
            ("smtps://ada@mail.example.org", "no password"),
            ("smtps://:secret@mail.example.org", "no user"),
            ("smtps://ada:secret@mail.example.org:99999", "URL"),
            ("smtps://ada:%FF@mail.example.org", "not UTF-8"),
        ];
        for (url, reason) in cases {
            let problem = refused(url);
            assert!(problem.contains(reason), "{url}: {problem}");
            assert!(
                !problem.contains("secret"),
                "{url} leaks its password: {problem}"
            );
        }
    }

    #[test]
    fn the_display_url_hides_the_password() {
        let s = server("smtp://ada:secret@[::1]:2525?tls=none");
        assert_eq!(s.display_url(), "smtp://ada:***@[::1]:2525?tls=none");
        assert!(!format!("{s:?}").contains("secret"));
        let s = server("smtps://mail.example.org");
        assert_eq!(s.display_url(), "smtps://mail.example.org:465");
    }

    #[test]
    fn no_configuration_writes_eml_files_into_mail() {
        let mail = settings(&[]).expect("defaults are valid");
        assert_eq!(mail.delivery, MailDelivery::Files(PathBuf::from("mail")));
        assert_eq!(mail.from.to_string(), "Portineria <noreply@localhost>");
        assert_eq!(mail.timeout, Duration::from_secs(10));
        let mail = settings(&[("PORTINERIA_MAIL_DIR", "/var/spool/portineria")]).expect("valid");
        assert_eq!(
            mail.delivery,
            MailDelivery::Files(PathBuf::from("/var/spool/portineria"))
        );
    }

    #[test]
    fn the_ca_file_belongs_to_a_tls_server() {
        let mail = settings(&[
            ("PORTINERIA_SMTP_URL", "smtps://ada:secret@mail.example.org"),
            ("PORTINERIA_SMTP_CA_FILE", "/etc/portineria/ca.pem"),
            ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "30"),
        ])
        .expect("valid");
        let MailDelivery::Smtp(server) = mail.delivery else {
            panic!("SMTP was configured");
        };
        assert_eq!(
            server.ca_file,
            Some(PathBuf::from("/etc/portineria/ca.pem"))
        );
        assert_eq!(mail.timeout, Duration::from_secs(30));
        for pairs in [
            &[("PORTINERIA_SMTP_CA_FILE", "/ca.pem")][..],
            &[
                ("PORTINERIA_SMTP_URL", "smtp://localhost?tls=none"),
                ("PORTINERIA_SMTP_CA_FILE", "/ca.pem"),
            ][..],
        ] {
            let err = settings(pairs).expect_err("a CA file with no TLS");
            assert!(
                err.to_string().starts_with("PORTINERIA_SMTP_CA_FILE: "),
                "{err}"
            );
        }
    }

    #[test]
    fn bad_values_name_their_variable() {
        let cases = [
            ("PORTINERIA_SMTP_URL", "smtp://mail.example.org?tls=none"),
            ("PORTINERIA_SMTP_URL", "mail.example.org"),
            ("PORTINERIA_MAIL_FROM", "not a mailbox"),
            ("PORTINERIA_MAIL_FROM", "Portineria <noreply>"),
            ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "0"),
            ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "ten"),
            ("PORTINERIA_MAIL_LEASE_SECONDS", "9"),
            ("PORTINERIA_MAIL_LEASE_SECONDS", "3601"),
            ("PORTINERIA_MAIL_LEASE_SECONDS", "five minutes"),
        ];
        for (var, value) in cases {
            let err = settings(&[(var, value)]).expect_err(value);
            assert!(err.to_string().starts_with(&format!("{var}: ")), "{err}");
        }
        let err = settings(&[
            ("PORTINERIA_SMTP_URL", "smtps://mail.example.org"),
            ("PORTINERIA_MAIL_DIR", "mail"),
        ])
        .expect_err("a folder that would never be written");
        assert!(
            err.to_string().starts_with("PORTINERIA_MAIL_DIR: "),
            "{err}"
        );
    }

    #[test]
    fn a_sender_holds_its_emails_five_minutes_unless_told_otherwise() {
        assert_eq!(
            settings(&[]).expect("valid").lease,
            chrono::Duration::minutes(5)
        );
        let mail = settings(&[
            ("PORTINERIA_MAIL_LEASE_SECONDS", "10"),
            ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "5"),
        ])
        .expect("valid");
        assert_eq!(mail.lease, chrono::Duration::seconds(10));
        let mail = settings(&[("PORTINERIA_MAIL_LEASE_SECONDS", "3600")]).expect("valid");
        assert_eq!(mail.lease, chrono::Duration::hours(1));
    }

    #[test]
    fn the_lease_outlasts_one_send() {
        let err = settings(&[
            ("PORTINERIA_MAIL_LEASE_SECONDS", "30"),
            ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "30"),
        ])
        .expect_err("a lease no longer than a send");
        assert!(
            err.to_string()
                .starts_with("PORTINERIA_MAIL_LEASE_SECONDS: '30' is not longer than"),
            "{err}"
        );
        let mail = settings(&[
            ("PORTINERIA_MAIL_LEASE_SECONDS", "31"),
            ("PORTINERIA_SMTP_TIMEOUT_SECONDS", "30"),
        ])
        .expect("valid");
        assert_eq!(mail.lease, chrono::Duration::seconds(31));
    }

    #[test]
    fn message_ids_name_the_public_host() {
        let read = |public_url: &str| MailSettings::read(|_| None, public_url);
        assert_eq!(
            read("https://Portineria.Example.org/")
                .expect("valid")
                .message_id_host,
            "portineria.example.org"
        );
        assert_eq!(
            read("http://127.0.0.1:8080")
                .expect("valid")
                .message_id_host,
            "127.0.0.1"
        );
        assert_eq!(
            read("http://[::1]:8080").expect("valid").message_id_host,
            "[::1]"
        );
        let err = read("http://").expect_err("no host");
        assert!(
            err.to_string()
                .starts_with("PORTINERIA_PUBLIC_URL: 'http://' names no host"),
            "{err}"
        );
    }
}
