//! The test harness: every test gets its own server on port 0 and its own
//! database, on SQLite and (when reachable) PostgreSQL, dropped afterwards.

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Once;

use chrono::{DateTime, TimeZone, Utc};
use portineria::app::App;
use portineria::clock::Clock;
use portineria::config::Settings;
use portineria::entities::outbox_message;
use portineria::notifications::delivery::{self, Courier, SendFuture};
use portineria::state::Services;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the PostgreSQL tests create their databases (a maintenance database URL).
const POSTGRES_URL_VAR: &str = "PORTINERIA_TEST_POSTGRES_URL";
/// Set (to anything) to make an unreachable PostgreSQL a failure, not a skip (CI).
const REQUIRE_POSTGRES_VAR: &str = "PORTINERIA_TEST_REQUIRE_POSTGRES";
const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The password every test account uses.
pub const PASSWORD: &str = "a long enough password";

/// The instant every test's clock starts at (a Monday, 10:00 in Rome).
pub fn start_of_test() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("valid instant")
}

/// A running server with its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    /// Where its data lives, for a second server on the same database.
    pub database_url: String,
    pub services: Services,
    /// Online payments, for tests that reconcile by hand.
    pub online: std::sync::Arc<portineria::payments::online::OnlinePayments>,
    client: reqwest::Client,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _database: TestDatabase,
    /// Where the `.eml` files go when no SMTP server is set.
    pub mail_dir: tempfile::TempDir,
    /// The server's email transport, for tests that deliver by hand.
    pub mailer: portineria::notifications::transport::Mailer,
}

enum TestDatabase {
    Sqlite(#[allow(dead_code, reason = "kept for its Drop")] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            let target = name.clone();
            // Drop has no async; a fresh runtime on its own thread may block.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async {
                    let admin = Database::connect(&admin_url)
                        .await
                        .map_err(std::io::Error::other)?;
                    admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{target}\" WITH (FORCE)"
                        ))
                        .await
                        .map_err(std::io::Error::other)?;
                    admin.close().await.map_err(std::io::Error::other)
                })
            })
            .join();
            if !matches!(dropped, Ok(Ok(()))) {
                eprintln!("could not drop test database {name}: {dropped:?}");
            }
        }
    }
}

fn postgres_admin_url() -> String {
    std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned())
}

/// Says once, on the terminal itself (libtest captures `eprintln!`), that the
/// PostgreSQL half of the suite did not run.
fn announce_postgres_skipped(reason: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** PostgreSQL tests SKIPPED: {reason}.\n*** Set {POSTGRES_URL_VAR} to a reachable server to run them (CI sets {REQUIRE_POSTGRES_VAR}=1).\n"
        );
    });
}

/// The URL of database `name` on the server of `admin_url`.
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = admin_url
        .split_once('?')
        .map_or((admin_url, None), |(b, q)| (b, Some(q)));
    let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// Whether PostgreSQL answered the first test that asked (one probe per
/// test process, with a short timeout, so a machine without it does not wait
/// out a connection timeout in every test).
static POSTGRES_REACHABLE: tokio::sync::OnceCell<Result<(), String>> =
    tokio::sync::OnceCell::const_new();

async fn connect_admin(admin_url: &str) -> Result<sea_orm::DatabaseConnection, String> {
    let mut options = sea_orm::ConnectOptions::new(admin_url);
    options
        .max_connections(1)
        .connect_timeout(std::time::Duration::from_secs(3))
        .acquire_timeout(std::time::Duration::from_secs(3))
        .sqlx_logging(false);
    Database::connect(options).await.map_err(|e| e.to_string())
}

async fn create_postgres_database() -> Option<TestDatabase> {
    let admin_url = postgres_admin_url();
    let reachable = POSTGRES_REACHABLE
        .get_or_init(|| async { connect_admin(&admin_url).await.map(|_| ()) })
        .await
        .clone();
    let connected = match reachable {
        Ok(()) => connect_admin(&admin_url).await,
        Err(err) => Err(err),
    };
    let admin = match connected {
        Ok(admin) => admin,
        Err(err) if std::env::var_os(REQUIRE_POSTGRES_VAR).is_some() => {
            panic!(
                "{REQUIRE_POSTGRES_VAR} is set but PostgreSQL at {admin_url} is unreachable: {err}"
            )
        }
        Err(err) => {
            announce_postgres_skipped(&format!("{admin_url} is unreachable ({err})"));
            return None;
        }
    };
    let name = format!("portineria_test_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create test database");
    admin.close().await.ok();
    Some(TestDatabase::Postgres { admin_url, name })
}

impl TestApp {
    /// Starts a server on `backend`; `None` when PostgreSQL is not available
    /// (and not required).
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        TestApp::spawn_with(backend, &[]).await
    }

    /// Starts a server on `backend` with `extra` settings on top of the tests' own.
    pub async fn spawn_with(backend: Backend, extra: &[(&str, &str)]) -> Option<TestApp> {
        let (database, url) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/test.sqlite?mode=rwc", dir.path().display());
                (TestDatabase::Sqlite(dir), url)
            }
            Backend::Postgres => {
                let database = create_postgres_database().await?;
                let TestDatabase::Postgres { admin_url, name } = &database else {
                    unreachable!()
                };
                let url = with_database(admin_url, name);
                (database, url)
            }
        };
        let mail_dir = tempfile::tempdir().expect("temp dir");
        let smtp = extra.iter().any(|(k, _)| *k == "PORTINERIA_SMTP_URL");
        let mail_setting = (!smtp).then(|| {
            (
                "PORTINERIA_MAIL_DIR".to_owned(),
                mail_dir.path().display().to_string(),
            )
        });
        let settings = Settings::from_vars(
            [
                ("PORTINERIA_DATABASE_URL".to_owned(), url.clone()),
                ("PORTINERIA_LISTEN".to_owned(), "127.0.0.1:0".to_owned()),
                ("PORTINERIA_DB_MAX_CONNECTIONS".to_owned(), "8".to_owned()),
                ("PORTINERIA_LOG".to_owned(), "warn".to_owned()),
                // Tests run the sweep themselves, when they choose.
                (
                    "PORTINERIA_WORKER_INTERVAL_SECONDS".to_owned(),
                    "0".to_owned(),
                ),
                // Every test client is 127.0.0.1: the per-address limits would
                // stop a test that signs up a crowd. Per-account limits stay.
                (
                    "PORTINERIA_RATE_SIGN_UP_PER_ADDRESS".to_owned(),
                    "100000/1m".to_owned(),
                ),
                (
                    "PORTINERIA_RATE_LOG_IN_PER_ADDRESS".to_owned(),
                    "100000/1m".to_owned(),
                ),
            ]
            .into_iter()
            .chain(mail_setting)
            .chain(
                extra
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
            ),
        )
        .expect("test settings");
        let app = App::build(settings, Clock::manual(start_of_test()))
            .await
            .expect("server starts");
        let addr = app.local_addr().expect("bound");
        let services = app.state.services.clone();
        let online = app.state.online.clone();
        let mailer = app.mailer.clone();
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app.serve(async move {
            let _ = stop.await;
        }));
        Some(TestApp {
            addr,
            database_url: url,
            services,
            online,
            client: reqwest::Client::new(),
            shutdown: Some(shutdown),
            server: Some(server),
            _database: database,
            mail_dir,
            mailer,
        })
    }

    /// A full URL on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// An HTTP client for raw requests.
    pub fn http(&self) -> &reqwest::Client {
        &self.client
    }

    /// A GraphQL call to build up and send.
    pub fn gql<'a>(&'a self, query: &'a str) -> GqlCall<'a> {
        GqlCall {
            app: self,
            query,
            variables: json!({}),
            token: None,
            tenant: None,
            language: None,
        }
    }

    /// Signs up an account with [`PASSWORD`]; returns its id.
    pub async fn sign_up(&self, email: &str, name: &str) -> String {
        let body = self
            .gql("mutation($i: SignUpInput!) { signUp(input: $i) { id } }")
            .vars(json!({"i": {"email": email, "password": PASSWORD, "name": name}}))
            .send()
            .await;
        body.data()["signUp"]["id"].as_str().expect("id").to_owned()
    }

    /// Logs in with [`PASSWORD`]; returns the token.
    pub async fn log_in(&self, email: &str) -> String {
        let body = self
            .gql("mutation($i: LogInInput!) { logIn(input: $i) { token } }")
            .vars(json!({"i": {"email": email, "password": PASSWORD}}))
            .send()
            .await;
        body.data()["logIn"]["token"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    /// Signs up and logs in; returns (id, token).
    pub async fn person(&self, email: &str) -> (String, String) {
        let id = self
            .sign_up(email, email.split('@').next().unwrap_or("someone"))
            .await;
        (id, self.log_in(email).await)
    }

    /// Delivers the mail waiting in the outbox to nowhere: a fixture's
    /// welcome emails, so that a test counts only the mail it causes.
    pub async fn discard_mail(&self) {
        struct Nowhere;
        impl Courier for Nowhere {
            fn deliver<'a>(&'a self, _: &'a outbox_message::Model) -> SendFuture<'a> {
                Box::pin(async { Ok(()) })
            }
        }
        delivery::pass(&self.services, &Nowhere)
            .await
            .map_err(|e| e.explain())
            .expect("the outbox drains");
    }

    /// Makes an account a platform administrator, as the CLI does.
    pub async fn make_platform_admin(&self, email: &str) {
        let tx = self
            .services
            .db
            .begin(portineria::db::Access::Write, None)
            .await
            .map_err(|e| e.explain())
            .expect("begin");
        let email = portineria::accounts::email::EmailAddress::parse(email, "email")
            .map_err(|e| e.explain())
            .expect("email");
        assert!(
            portineria::accounts::store::set_platform_admin(&tx, &email, true)
                .await
                .map_err(|e| e.explain())
                .expect("grant")
        );
        portineria::db::commit(tx)
            .await
            .map_err(|e| e.explain())
            .expect("commit");
    }

    /// Creates hub `slug` (in Rome) managed by the account `manager_email`,
    /// through the API as a platform administrator would.
    pub async fn create_hub(&self, slug: &str, manager_email: &str) -> String {
        self.create_hub_in(slug, manager_email, "Europe/Rome").await
    }

    /// Creates hub `slug` in the IANA time zone `time_zone`, as [`Self::create_hub`].
    pub async fn create_hub_in(&self, slug: &str, manager_email: &str, time_zone: &str) -> String {
        let admin = format!("admin-{slug}@platform.test");
        let (_, token) = self.person(&admin).await;
        self.make_platform_admin(&admin).await;
        let body = self
            .gql("mutation($i: CreateHubInput!) { createHub(input: $i) { id } }")
            .vars(json!({"i": {
                "slug": slug, "name": format!("Hub {slug}"), "timeZone": time_zone,
                "currency": "EUR", "locale": "IT", "managerEmail": manager_email
            }}))
            .token(&token)
            .send()
            .await;
        body.data()["createHub"]["id"]
            .as_str()
            .expect("hub id")
            .to_owned()
    }

    /// Adds an existing account to a hub with a role, as its manager.
    pub async fn add_member(&self, slug: &str, manager_token: &str, email: &str, role: &str) {
        self.gql("mutation($i: AddMemberInput!) { addMember(input: $i) { role } }")
            .vars(json!({"i": {"email": email, "role": role}}))
            .token(manager_token)
            .tenant(slug)
            .send()
            .await
            .data();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// A GraphQL request under construction.
pub struct GqlCall<'a> {
    app: &'a TestApp,
    query: &'a str,
    variables: Value,
    token: Option<String>,
    tenant: Option<String>,
    language: Option<String>,
}

impl GqlCall<'_> {
    pub fn vars(mut self, variables: Value) -> Self {
        self.variables = variables;
        self
    }
    pub fn token(mut self, token: &str) -> Self {
        self.token = Some(token.to_owned());
        self
    }
    pub fn tenant(mut self, slug: &str) -> Self {
        self.tenant = Some(slug.to_owned());
        self
    }
    pub fn language(mut self, accept_language: &str) -> Self {
        self.language = Some(accept_language.to_owned());
        self
    }
    pub async fn send(self) -> GqlResponse {
        let mut request = self
            .app
            .client
            .post(self.app.url("/graphql"))
            .json(&json!({"query": self.query, "variables": self.variables}));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(slug) = &self.tenant {
            request = request.header("X-Tenant", slug);
        }
        if let Some(language) = &self.language {
            request = request.header("Accept-Language", language);
        }
        let response = request.send().await.expect("request sent");
        assert_eq!(response.status(), 200, "GraphQL answers 200");
        GqlResponse(response.json().await.expect("JSON body"))
    }
}

/// A GraphQL response.
pub struct GqlResponse(pub Value);

impl GqlResponse {
    /// The data, asserting there were no errors.
    pub fn data(&self) -> &Value {
        assert!(
            self.0.get("errors").is_none(),
            "unexpected errors: {:#}",
            self.0
        );
        &self.0["data"]
    }

    /// The first error, asserting there was one.
    pub fn error(&self) -> &Value {
        let error = &self.0["errors"][0];
        assert!(error.is_object(), "expected an error, got {:#}", self.0);
        error
    }

    /// The first error's `extensions.code`.
    pub fn code(&self) -> &str {
        self.error()["extensions"]["code"].as_str().expect("code")
    }

    /// The first error's message.
    pub fn message(&self) -> &str {
        self.error()["message"].as_str().expect("message")
    }

    /// The first error's `extensions.messageId` (its catalogue id).
    pub fn message_id(&self) -> &str {
        self.error()["extensions"]["messageId"]
            .as_str()
            .expect("messageId")
    }

    /// The first error's `extensions.field`.
    pub fn field(&self) -> &str {
        self.error()["extensions"]["field"].as_str().expect("field")
    }
}

/// Runs a test body once on SQLite and once on PostgreSQL (skipped, and said
/// so once, when PostgreSQL is unreachable and not required).
#[macro_export]
macro_rules! db_test {
    // A test that starts its own server(s) on the backend it is given.
    ($(#[$meta:meta])* async fn $name:ident($backend:ident: Backend) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $backend = $crate::helpers::Backend::Sqlite;
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $backend = $crate::helpers::Backend::Postgres;
                $body
            }
        }
    };
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite)
                    .await
                    .expect("SQLite always runs");
                $body
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($app) =
                    $crate::helpers::TestApp::spawn($crate::helpers::Backend::Postgres).await
                else {
                    return;
                };
                $body
            }
        }
    };
}
