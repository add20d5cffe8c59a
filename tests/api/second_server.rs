//! A second `portineria serve` process on a test's database: what one
//! process changes, the other must see.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::helpers::TestApp;

/// A second `portineria serve` process on the test's database.
pub struct SecondServer {
    child: Child,
    /// Its GraphQL endpoint.
    pub url: String,
}

impl SecondServer {
    /// Starts it; the test's own server already migrated the database.
    pub fn start(app: &TestApp) -> SecondServer {
        let mut child = Command::new(env!("CARGO_BIN_EXE_portineria"))
            .arg("serve")
            .env("PORTINERIA_DATABASE_URL", &app.database_url)
            .env("PORTINERIA_LISTEN", "127.0.0.1:0")
            .env("PORTINERIA_AUTO_MIGRATE", "false")
            .env("PORTINERIA_WORKER_INTERVAL_SECONDS", "0")
            .env("PORTINERIA_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("second server starts");
        let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("server printed its address")
                .expect("readable");
            if let Some(address) = line.strip_prefix("portineria is listening on ") {
                break format!("{address}/graphql");
            }
        };
        // Keep reading, so the server never writes into a closed pipe.
        std::thread::spawn(move || lines.for_each(drop));
        SecondServer { child, url }
    }
}

impl Drop for SecondServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `body` to the GraphQL endpoint `url`, in hub aurora, as `token`.
pub async fn post(client: reqwest::Client, url: String, token: String, body: Value) -> Value {
    client
        .post(url)
        .bearer_auth(token)
        .header("X-Tenant", "aurora")
        .json(&body)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON")
}
