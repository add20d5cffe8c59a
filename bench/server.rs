//! The real `portineria` binary, started for a benchmark on SQLite in a
//! temporary folder with the demo hub, so its memory is its own to measure.
#![allow(dead_code, reason = "each benchmark uses part of it")]

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};

use anyhow::Context as _;

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
    /// Starts the binary next to this example (`target/<profile>/portineria`),
    /// or `PORTINERIA_BENCH_BIN`. `settings` are passed only to this tree's
    /// own binary: another build may not know them.
    pub fn start(settings: &[(&str, &str)]) -> anyhow::Result<Server> {
        let other = std::env::var("PORTINERIA_BENCH_BIN").ok();
        let binary = match &other {
            Some(path) => path.into(),
            None => std::env::current_exe()?
                .parent()
                .and_then(|examples| examples.parent())
                .context("no target folder")?
                .join("portineria"),
        };
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}/bench.sqlite?mode=rwc", dir.path().display());
        let mut command = Command::new(&binary);
        command
            .current_dir(dir.path())
            .args(["serve", "--demo"])
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
