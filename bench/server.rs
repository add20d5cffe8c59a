//! The real `portineria` binary, started for a benchmark as a child process
//! so its memory is its own to measure: on SQLite in a temporary folder with
//! the demo hub, or on a database the benchmark seeded.
#![allow(dead_code, reason = "each benchmark uses part of it")]

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};

use anyhow::Context as _;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

/// A running server process.
pub struct Server {
    /// `http://ADDR/graphql`.
    pub endpoint: String,
    /// `ADDR`.
    pub addr: String,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts `serve --demo` on SQLite in a temporary folder.
    pub fn start(settings: &[(&str, &str)]) -> anyhow::Result<Server> {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}/bench.sqlite?mode=rwc", dir.path().display());
        Server::spawn(&["serve", "--demo"], &url, settings, dir)
    }

    /// Starts `serve` on the database at `url` (already migrated and seeded).
    pub fn start_on(url: &str, settings: &[(&str, &str)]) -> anyhow::Result<Server> {
        Server::spawn(&["serve"], url, settings, tempfile::tempdir()?)
    }

    /// Starts the binary next to this example (`target/<profile>/portineria`),
    /// or `PORTINERIA_BENCH_BIN`. `settings` are passed only to this tree's
    /// own binary: another build may not know them.
    fn spawn(
        args: &[&str],
        url: &str,
        settings: &[(&str, &str)],
        dir: tempfile::TempDir,
    ) -> anyhow::Result<Server> {
        let other = std::env::var("PORTINERIA_BENCH_BIN").ok();
        let binary = match &other {
            Some(path) => path.into(),
            None => std::env::current_exe()?
                .parent()
                .and_then(|examples| examples.parent())
                .context("no target folder")?
                .join("portineria"),
        };
        let mut command = Command::new(&binary);
        command
            .current_dir(dir.path())
            .args(args)
            .stdout(Stdio::piped());
        for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("PORTINERIA_")) {
            command.env_remove(name);
        }
        command
            .env("PORTINERIA_DATABASE_URL", url)
            .env("PORTINERIA_LISTEN", "127.0.0.1:0")
            .env("PORTINERIA_LOG", "warn");
        if other.is_none() {
            command.envs(settings.iter().copied());
        }
        let mut child = command.spawn().with_context(|| {
            format!(
                "starting {} (cargo build --release first)",
                binary.display()
            )
        })?;
        let stdout = child.stdout.take().context("stdout")?;
        let mut lines = std::io::BufReader::new(stdout).lines();
        let addr = loop {
            let line = lines.next().context("server exited early")??;
            if let Some(addr) = line.strip_prefix("portineria is listening on http://") {
                break addr.trim().to_owned();
            }
        };
        // Keep draining its output so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server {
            endpoint: format!("http://{addr}/graphql"),
            addr,
            child,
            _dir: dir,
        })
    }

    /// `VmRSS` and `VmHWM` (peak) of the server, in MB.
    pub fn memory(&self) -> anyhow::Result<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))?;
        let field = |name: &str| -> anyhow::Result<f64> {
            let line = status
                .lines()
                .find(|l| l.starts_with(name))
                .with_context(|| format!("{name} missing"))?;
            let kb: f64 = line.split_whitespace().nth(1).context("value")?.parse()?;
            Ok(kb / 1024.0)
        };
        Ok((field("VmRSS:")?, field("VmHWM:")?))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens `count` keep-alive connections to `addr`, each served one
/// `GET /health/live` and left open; close them by dropping the result.
pub async fn open_connections(addr: &str, count: usize) -> anyhow::Result<Vec<TcpStream>> {
    let mut open = Vec::with_capacity(count);
    for _ in 0..count {
        let mut stream = TcpStream::connect(addr).await?;
        stream
            .write_all(b"GET /health/live HTTP/1.1\r\nHost: bench\r\n\r\n")
            .await?;
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).await?;
        anyhow::ensure!(head.starts_with(b"HTTP/1.1 200"), "connection refused");
        open.push(stream);
    }
    Ok(open)
}

/// Sends a GraphQL document; the parsed answer.
pub async fn post(
    client: &reqwest::Client,
    endpoint: &str,
    query: &str,
    variables: serde_json::Value,
) -> anyhow::Result<serde_json::Value> {
    Ok(client
        .post(endpoint)
        .header("X-Tenant", "demo")
        .json(&serde_json::json!({"query": query, "variables": variables}))
        .send()
        .await?
        .json()
        .await?)
}

/// Fails when an answer carries `errors`.
pub fn no_errors(answer: &serde_json::Value) -> anyhow::Result<()> {
    match answer.get("errors") {
        None => Ok(()),
        Some(errors) => anyhow::bail!("unexpected errors: {errors}"),
    }
}
