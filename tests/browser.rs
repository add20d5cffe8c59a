//! The pages in a real browser (tests/browser/run.mjs: Playwright on
//! Debian's chromium, axe on every page, the people's flows), against the
//! very server `serve` runs, with the demo hub seeded on the server's clock,
//! on SQLite and on PostgreSQL.
//!
//! Needs `/usr/bin/chromium` and the npm packages `.ci/install-test-tools`
//! puts in `.ci/tools/browser`; without them it says it was skipped and
//! passes, unless `PORTINERIA_TEST_REQUIRE_BROWSER` is set (CI).
//! Screenshots go to `PORTINERIA_SCREENSHOTS_DIR` when set (to refresh
//! `docs/screenshots/`), else to a temporary folder.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

#[path = "api/helpers.rs"]
#[allow(
    dead_code,
    reason = "the API tests' harness: this target uses its servers and databases"
)]
mod helpers;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use helpers::TestApp;
use portineria::demo::{self, DEMO_HUB, DEMO_PASSWORD, DEMO_USERS, Seeded};
use serde_json::json;

const REQUIRE_BROWSER_VAR: &str = "PORTINERIA_TEST_REQUIRE_BROWSER";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether the skip was said (once for both databases).
static SKIP_SAID: std::sync::Once = std::sync::Once::new();

/// One browser at a time: the SQLite and PostgreSQL runs would otherwise
/// share the machine's cores, and each would take twice as long.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// `node_modules` holding playwright-core and @axe-core/playwright.
fn browser_modules() -> PathBuf {
    let tools = std::env::var_os("PORTINERIA_TEST_TOOLS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/tools"),
        PathBuf::from,
    );
    tools.join("browser/node_modules")
}

/// Why the browser tests cannot run here, if they cannot.
fn missing_tools(modules: &std::path::Path) -> Option<String> {
    if !std::path::Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is missing"));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|out| out.status.success()) {
        return Some("node is missing".to_owned());
    }
    for package in ["playwright-core", "@axe-core/playwright", "axe-core"] {
        if !modules.join(package).join("package.json").exists() {
            return Some(format!("{package} is not in {}", modules.display()));
        }
    }
    None
}

db_test! {
    async fn people_book_approve_and_cancel_and_every_page_passes_axe(backend: Backend) {
        let modules = browser_modules();
        if let Some(reason) = missing_tools(&modules) {
            assert!(
                std::env::var_os(REQUIRE_BROWSER_VAR).is_none(),
                "{REQUIRE_BROWSER_VAR} is set but {reason}: run .ci/install-test-tools"
            );
            // Once, on the terminal itself (libtest captures `eprintln!`).
            SKIP_SAID.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** browser tests SKIPPED ({reason}; run .ci/install-test-tools, CI sets {REQUIRE_BROWSER_VAR}=1)\n"
                );
            });
            return;
        }
        let _turn = ONE_BROWSER.lock().await;
        // The workers on, as in production: emails go out while people click.
        let Some(app) =
            TestApp::spawn_with(backend, &[("PORTINERIA_WORKER_INTERVAL_SECONDS", "1")]).await
        else {
            return;
        };
        let schema = portineria::app::schema(&app.services, &app.online);
        let seeded = demo::seed_demo(&app.services, &schema)
            .await
            .map_err(|e| e.explain())
            .expect("the demo seeds");
        assert_eq!(seeded, Seeded::Created);

        let scratch = tempfile::tempdir().unwrap();
        let out = std::env::var_os("PORTINERIA_SCREENSHOTS_DIR")
            .map_or_else(|| scratch.path().to_owned(), PathBuf::from);
        // The names the flows look for, from the demo itself.
        let names = json!({
            "hub": DEMO_HUB,
            "timeZone": demo::TIME_ZONE.name(),
            "password": DEMO_PASSWORD,
            "accounts": {
                "manager": DEMO_USERS[0].0,
                "provider": DEMO_USERS[1].0,
                "member": DEMO_USERS[2].0,
            },
            "instantRoom": demo::FREE_ROOM,
            "approvalRoom": demo::PAID_ROOM,
            "now": app.services.clock.now().to_rfc3339(),
        });
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/run.mjs");
        let mut node = Command::new("node");
        node.arg(&script)
            .arg(app.url(""))
            .arg(&out)
            .current_dir(modules.parent().unwrap())
            .env("NODE_PATH", &modules)
            .env("PORTINERIA_BROWSER_DEMO", names.to_string());
        let started = Instant::now();
        // The server answers on this runtime's workers while node runs.
        let output = tokio::task::spawn_blocking(move || node.output())
            .await
            .unwrap()
            .expect("node runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        println!("{stdout}");
        println!("browser run on {backend:?}: {:.1} s", started.elapsed().as_secs_f64());
        assert!(
            output.status.success(),
            "the browser run failed on {backend:?} (summary in {}):\n{stdout}\n{stderr}",
            out.join("summary.json").display()
        );
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        assert!(summary["pages"].as_array().unwrap().len() > 10, "{summary:#}");
        for shot in ["resident.png", "manager.png"] {
            assert!(out.join(shot).exists(), "{shot} missing");
        }
    }
}
