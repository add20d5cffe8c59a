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
//!
//! Then the demo hub takes payments by card (the Stripe-compatible server
//! of `tests/support/stripe`) and a second run pays a request on Stripe's
//! page: out through our page's link, back to the booking, approved.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

#[path = "api/helpers.rs"]
#[allow(
    dead_code,
    reason = "the API tests' harness: this target uses its servers and databases"
)]
mod helpers;
#[path = "support/stripe/mod.rs"]
#[allow(
    dead_code,
    reason = "the tests' fake Stripe: this target uses its server and hosted page"
)]
mod stripe_server;

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
        let stripe = stripe_server::StripeServer::start(STRIPE_KEY).await;
        // Stripe sends the customer back to the public address: this server's.
        let listen = free_address();
        let public = format!("http://{listen}");
        // The workers on, as in production: emails go out while people click.
        let settings = [
            ("PORTINERIA_WORKER_INTERVAL_SECONDS", "1"),
            ("PORTINERIA_LISTEN", listen.as_str()),
            ("PORTINERIA_PUBLIC_URL", public.as_str()),
            ("PORTINERIA_STRIPE_SECRET_KEY", STRIPE_KEY),
            ("PORTINERIA_STRIPE_WEBHOOK_SECRETS", "whsec_browser"),
            ("PORTINERIA_STRIPE_API_BASE", stripe.base_url()),
            ("PORTINERIA_RECONCILE_INTERVAL_SECONDS", "0"),
        ];
        let Some(app) = TestApp::spawn_with(backend, &settings).await else {
            return;
        };
        stripe.set_time(app.services.clock.now().timestamp());
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
        let summary = run_node(&app, &out, &names, backend).await;
        assert!(summary["pages"].as_array().unwrap().len() > 10, "{summary:#}");
        for shot in ["resident.png", "manager.png"] {
            assert!(out.join(shot).exists(), "{shot} missing");
        }

        // The hub now takes payments by card, on Stripe's page.
        let logged = app
            .gql("mutation($i: LogInInput!) { logIn(input: $i) { token } }")
            .vars(json!({"i": {"email": DEMO_USERS[0].0, "password": DEMO_PASSWORD}}))
            .send()
            .await;
        let manager = logged.data()["logIn"]["token"].as_str().unwrap().to_owned();
        let set = app
            .gql("mutation { setPaymentProvider(provider: STRIPE, stripeMode: MERCHANT) { provider } }")
            .token(&manager)
            .tenant(DEMO_HUB)
            .send()
            .await;
        assert_eq!(set.data()["setPaymentProvider"]["provider"], "STRIPE");
        let mut names = names;
        names["card"] = json!({ "stripeOrigin": stripe.base_url().trim_end_matches('/') });
        let card = run_node(&app, &out, &names, backend).await;
        assert_eq!(card["flows"].as_object().map(|f| f.len()), Some(2), "{card:#}");
        let paid = stripe.checkout_sessions();
        assert_eq!(paid.iter().filter(|s| s["status"] == "complete").count(), 1, "{paid:#?}");
    }
}

const STRIPE_KEY: &str = "sk_test_browser";

/// A free address on 127.0.0.1 for the server to listen on.
fn free_address() -> String {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    probe.local_addr().unwrap().to_string()
}

/// Runs tests/browser/run.mjs against `app` with the demo's `names`; its
/// summary, after asserting it passed.
async fn run_node(
    app: &TestApp,
    out: &std::path::Path,
    names: &serde_json::Value,
    backend: helpers::Backend,
) -> serde_json::Value {
    let modules = browser_modules();
    let card = names.get("card").is_some();
    let summary_file = if card {
        "card-summary.json"
    } else {
        "summary.json"
    };
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/run.mjs");
    let mut node = Command::new("node");
    node.arg(&script)
        .arg(app.url(""))
        .arg(out)
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
    let what = if card { "card run" } else { "browser run" };
    println!(
        "{what} on {backend:?}: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        output.status.success(),
        "the {what} failed on {backend:?} (summary in {}):\n{stdout}\n{stderr}",
        out.join(summary_file).display()
    );
    serde_json::from_slice(&std::fs::read(out.join(summary_file)).unwrap()).unwrap()
}
