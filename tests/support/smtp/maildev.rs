//! maildev 3 with TLS from the first byte and AUTH, on 127.0.0.1; what it
//! received is read back through its REST API (`GET /api/email`, emptied
//! with `DELETE /api/email/all`, ready when `GET /api/healthz` answers).

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use super::process::{ServerProcess, free_port};
use super::{PASSWORD, TestCertificates, USER, tools, url_credentials, wait_until};

/// A running maildev, stopped when dropped.
pub struct MailDev {
    smtp_port: u16,
    web_port: u16,
    http: reqwest::Client,
    certificates: TestCertificates,
    // Dropped after the process: its mail store and log live here.
    _process: ServerProcess,
    _dir: tempfile::TempDir,
}

impl MailDev {
    /// Starts maildev on free ports with a fresh certificate; `None` when
    /// the tools are not installed (and not required).
    pub async fn start() -> Option<MailDev> {
        let tools = tools()?;
        let certificates = TestCertificates::new();
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("an HTTP client");
        let mut failures = Vec::new();
        // Another process may take a free port before maildev binds it.
        for _ in 0..3 {
            let dir = tempfile::tempdir().expect("a folder for maildev");
            let (smtp_port, web_port) = (free_port(), free_port());
            let mut command = Command::new("node");
            command
                .arg(tools.maildev())
                .args(["--ip", "127.0.0.1", "--web-ip", "127.0.0.1"])
                .args(["--smtp", &smtp_port.to_string()])
                .args(["--web", &web_port.to_string()])
                .arg("--incoming-secure")
                .arg("--incoming-cert")
                .arg(certificates.cert_file())
                .arg("--incoming-key")
                .arg(certificates.key_file())
                .args(["--incoming-user", USER, "--incoming-pass", PASSWORD])
                .arg("--mail-directory")
                .arg(dir.path().join("store"))
                // maildev reads a configuration file from the working folder
                // and its parents, and MAILDEV_* variables: neither applies.
                .current_dir(dir.path())
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", dir.path());
            let mut process = ServerProcess::spawn(command, dir.path().join("maildev.log"), false);
            match ready(&http, &mut process, smtp_port, web_port).await {
                Ok(()) => {
                    return Some(MailDev {
                        smtp_port,
                        web_port,
                        http,
                        certificates,
                        _process: process,
                        _dir: dir,
                    });
                }
                Err(problem) => failures.push(format!("{problem}\n{}", process.log())),
            }
        }
        panic!("maildev did not start:\n{}", failures.join("\n---\n"));
    }

    /// `smtps://` with the right user and password.
    pub fn smtp_url(&self) -> String {
        self.smtp_url_with_password(PASSWORD)
    }

    /// `smtps://` with the right user and `password`.
    pub fn smtp_url_with_password(&self, password: &str) -> String {
        format!(
            "smtps://{}@127.0.0.1:{}",
            url_credentials(USER, password),
            self.smtp_port
        )
    }

    /// The port it takes mail on (TLS from the first byte).
    pub fn smtp_port(&self) -> u16 {
        self.smtp_port
    }

    /// The CA that signed its certificate.
    pub fn ca_file(&self) -> PathBuf {
        self.certificates.ca_file()
    }

    fn api(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/api{path}", self.web_port)
    }

    /// Every message it holds, oldest first, as its REST API gives them
    /// (`subject`, `from`/`to` as `[{address, name}]`, `text`, `html`,
    /// `attachments` as `[{filename, contentType, size, …}]`).
    pub async fn messages(&self) -> Vec<Value> {
        let response = self
            .http
            .get(self.api("/email"))
            .send()
            .await
            .expect("maildev answers");
        assert!(
            response.status().is_success(),
            "GET /api/email: {response:?}"
        );
        response.json().await.expect("a JSON list of emails")
    }

    /// The messages, once there are at least `count` of them.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Value> {
        wait_until(count, timeout, || self.messages()).await
    }

    /// The bytes of attachment `filename` of message `id`.
    pub async fn attachment(&self, id: &str, filename: &str) -> String {
        let response = self
            .http
            .get(self.api(&format!("/email/{id}/attachment/{filename}")))
            .send()
            .await
            .expect("maildev answers");
        assert!(response.status().is_success(), "attachment: {response:?}");
        response.text().await.expect("the attachment")
    }

    /// The raw text of message `id`, headers as they came over SMTP.
    pub async fn source(&self, id: &str) -> String {
        let response = self
            .http
            .get(self.api(&format!("/email/{id}/source")))
            .send()
            .await
            .expect("maildev answers");
        assert!(response.status().is_success(), "source: {response:?}");
        response.text().await.expect("the message's source")
    }

    /// Forgets every message.
    pub async fn clear(&self) {
        let response = self
            .http
            .delete(self.api("/email/all"))
            .send()
            .await
            .expect("maildev answers");
        assert!(
            response.status().is_success(),
            "DELETE /api/email/all: {response:?}"
        );
    }
}

/// Waits until the REST API answers and the SMTP port accepts.
async fn ready(
    http: &reqwest::Client,
    process: &mut ServerProcess,
    smtp_port: u16,
    web_port: u16,
) -> Result<(), String> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let health = format!("http://127.0.0.1:{web_port}/api/healthz");
    loop {
        if process.exited() {
            return Err("maildev exited".into());
        }
        let web = http
            .get(&health)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if web
            && tokio::net::TcpStream::connect(("127.0.0.1", smtp_port))
                .await
                .is_ok()
        {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            return Err("maildev did not answer within 30 s".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
