//! `starttls_server.py` (aiosmtpd): STARTTLS required, then AUTH, on
//! 127.0.0.1 and a port it chose itself; what it received is read back from
//! the JSON summaries it writes, one per message.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use super::process::ServerProcess;
use super::{PASSWORD, TestCertificates, USER, tools, url_credentials, wait_until};

/// A running STARTTLS server, stopped when dropped.
pub struct StartTlsServer {
    port: u16,
    inbox: PathBuf,
    certificates: TestCertificates,
    // The server stops when its standard input closes, even if this test
    // process dies before it could kill it.
    _stdin: ChildStdin,
    _process: ServerProcess,
    _dir: tempfile::TempDir,
}

impl StartTlsServer {
    /// Starts the server with a fresh certificate; `None` when the tools are
    /// not installed (and not required).
    pub async fn start() -> Option<StartTlsServer> {
        let tools = tools()?;
        let certificates = TestCertificates::new();
        let dir = tempfile::tempdir().expect("a folder for the server");
        let inbox = dir.path().join("inbox");
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp/starttls_server.py");
        let mut command = Command::new(tools.python());
        command
            .arg(script)
            .arg("--cert")
            .arg(certificates.cert_file())
            .arg("--key")
            .arg(certificates.key_file())
            .args(["--user", USER, "--password", PASSWORD])
            .arg("--out")
            .arg(&inbox)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped());
        let mut process = ServerProcess::spawn(command, dir.path().join("server.log"), true);
        let stdin = process.child().stdin.take().expect("its standard input");
        let stdout = process.child().stdout.take().expect("its standard output");
        // Its first line names the port, once it accepts connections.
        let first_line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).map(|_| line)
        });
        let port = match tokio::time::timeout(Duration::from_secs(30), first_line).await {
            Ok(Ok(Ok(line))) => line
                .trim()
                .strip_prefix("port ")
                .and_then(|port| port.parse::<u16>().ok()),
            _ => None,
        };
        let Some(port) = port else {
            panic!("the STARTTLS server did not start:\n{}", process.log());
        };
        Some(StartTlsServer {
            port,
            inbox,
            certificates,
            _stdin: stdin,
            _process: process,
            _dir: dir,
        })
    }

    /// `smtp://…?tls=starttls` to `localhost` with the right user and password.
    pub fn smtp_url(&self) -> String {
        self.smtp_url_with_password(PASSWORD)
    }

    /// The same with `password`.
    pub fn smtp_url_with_password(&self, password: &str) -> String {
        format!(
            "smtp://{}@localhost:{}?tls=starttls",
            url_credentials(USER, password),
            self.port
        )
    }

    /// The CA that signed its certificate.
    pub fn ca_file(&self) -> PathBuf {
        self.certificates.ca_file()
    }

    /// Every message it took, oldest first, in maildev's shape (`subject`,
    /// `from`, `to`, `text`, `html`, `attachments` with their `content`),
    /// plus `tls` and `authenticatedAs`.
    pub async fn messages(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.inbox)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|entry| entry.path())
                    .filter(|path| path.extension().is_some_and(|e| e == "json"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).expect("a summary");
                serde_json::from_str(&text).expect("a JSON summary")
            })
            .collect()
    }

    /// The messages, once there are at least `count` of them.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Value> {
        wait_until(count, timeout, || self.messages()).await
    }
}
