//! Real SMTP servers for the tests, on 127.0.0.1 and free ports, each with
//! its own throwaway certificate authority: maildev (npm) for TLS from the
//! first byte with AUTH, read back through its REST API, and an aiosmtpd
//! (PyPI) server, `starttls_server.py`, for required STARTTLS with AUTH.
//!
//! `.ci/install-test-tools` (run by `.ci/run`) installs both into
//! `.ci/tools`, or where `PORTINERIA_TEST_TOOLS` says. Without them a
//! developer's run skips these tests and says so once; CI
//! (`PORTINERIA_TEST_REQUIRE_POSTGRES` set) fails instead.

mod certificates;
mod maildev;
mod process;
mod slow_relay;
mod starttls;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::time::Duration;

use serde_json::Value;

pub use certificates::TestCertificates;
pub use maildev::MailDev;
pub use process::ServerProcess;
pub use slow_relay::SlowRelay;
pub use starttls::StartTlsServer;

/// The account both servers accept.
pub const USER: &str = "portineria";
/// Its password, with what a URL must encode in it.
pub const PASSWORD: &str = "p@ss w/rd:%#?";

/// Where `.ci/run` says the tools are.
const TOOLS_VAR: &str = "PORTINERIA_TEST_TOOLS";
/// Set by CI: missing tools are then a failure, not a skip.
const REQUIRE_VAR: &str = "PORTINERIA_TEST_REQUIRE_POSTGRES";

/// The installed test servers.
pub struct Tools {
    root: PathBuf,
}

impl Tools {
    /// maildev's command-line entry point, run with `node`.
    fn maildev(&self) -> PathBuf {
        self.root.join("node_modules/maildev/dist/bin/maildev.js")
    }

    /// The Python of the virtualenv that holds aiosmtpd.
    fn python(&self) -> PathBuf {
        self.root.join("python/bin/python")
    }
}

/// The tools, or `None` (said once) on a machine that has not installed
/// them; panics under CI.
pub fn tools() -> Option<Tools> {
    let root = std::env::var_os(TOOLS_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/tools"));
    let tools = Tools { root };
    let missing: Vec<String> = [tools.maildev(), tools.python()]
        .into_iter()
        .filter(|path| !path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if missing.is_empty() {
        return Some(tools);
    }
    assert!(
        std::env::var_os(REQUIRE_VAR).is_none(),
        "{REQUIRE_VAR} is set but the test SMTP servers are missing ({}): .ci/install-test-tools installs them",
        missing.join(", ")
    );
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Straight to the terminal: libtest captures `eprintln!`.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SMTP tests SKIPPED: run .ci/run once (or .ci/install-test-tools) to install maildev and aiosmtpd into .ci/tools.\n"
        );
    });
    None
}

/// The user and password as they go into a URL.
pub fn url_credentials(user: &str, password: &str) -> String {
    let encode = |text: &str| {
        percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    format!("{}:{}", encode(user), encode(password))
}

/// Polls `read` until it holds at least `count` messages, or panics after `timeout`.
async fn wait_until<F, Fut>(count: usize, timeout: Duration, mut read: F) -> Vec<Value>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Vec<Value>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let messages = read().await;
        if messages.len() >= count {
            return messages;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{count} message(s) expected within {timeout:?}, {} arrived: {messages:#?}",
            messages.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
