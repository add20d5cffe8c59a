//! Builds the server from settings: used by `main` and by the tests, so the
//! tests run the very same server.

use std::sync::Arc;

use tokio::net::TcpListener;

use crate::bookings::availability::EngineView;
use crate::bookings::checkout::SharedPaymentHook;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::graphql;
use crate::http::AppState;
use crate::http::connections::{self, ConnectionLimits};
use crate::listings::bookings_view::SharedBookingsView;
use crate::notifications::delivery::Courier;
use crate::notifications::transport::Mailer;
use crate::payments::online::OnlinePayments;
use crate::state::Services;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database is not where the configuration says, or cannot be used;
    /// the text is the one line an operator reads.
    #[error("{0}")]
    Unusable(String),
    /// The database could not be migrated or connected.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// A built server, bound to its port, not yet serving.
pub struct App {
    /// The state the handlers see.
    pub state: AppState,
    listener: TcpListener,
    /// Where email goes (the delivery worker's transport).
    pub mailer: Mailer,
}

impl App {
    /// Connects (and migrates, when configured) the database and binds the port.
    pub async fn build(settings: Settings, clock: Clock) -> Result<App, StartError> {
        crate::startup::check_database(&settings.database_url)
            .await
            .map_err(StartError::Unusable)?;
        if settings.auto_migrate {
            Db::migrate(&settings.database_url).await?;
        }
        let db = Db::connect(&settings.database_url, settings.db_max_connections).await?;
        let listener =
            TcpListener::bind(settings.listen)
                .await
                .map_err(|source| StartError::Bind {
                    addr: settings.listen,
                    source,
                })?;
        let mailer =
            Mailer::new(&settings.mail).map_err(|err| StartError::Unusable(err.to_string()))?;
        tracing::info!(destination = %mailer.destination(), "email goes to");
        let online = OnlinePayments::new(&settings.payments)
            .map_err(|err| StartError::Unusable(format!("online payments: {}", err.explain())))?;
        let services = Services::new(db, clock, settings);
        let schema = schema(&services, &online);
        Ok(App {
            state: AppState {
                services,
                schema,
                online,
                metrics: crate::telemetry::metrics_handle(),
            },
            listener,
            mailer,
        })
    }

    /// The bound address (useful with port 0).
    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let router = crate::http::router(self.state.clone(), crate::pages::routes());
        let worker = self.state.services.settings.worker_interval.map(|every| {
            tokio::spawn(crate::bookings::worker::run(
                self.state.services.clone(),
                every,
            ))
        });
        let courier: Arc<dyn Courier> = Arc::new(self.mailer.clone());
        let mail = self.state.services.settings.worker_interval.map(|every| {
            tokio::spawn(crate::notifications::delivery::run(
                self.state.services.clone(),
                courier,
                every,
            ))
        });
        let reconciler = self
            .state
            .services
            .settings
            .payments
            .reconcile_interval
            .filter(|_| self.state.online.api.is_some())
            .map(|every| {
                tokio::spawn(crate::payments::reconcile::run(
                    self.state.online.clone(),
                    self.state.services.clone(),
                    every,
                ))
            });
        let edge = &self.state.services.settings.edge;
        let limits = ConnectionLimits {
            header_read_timeout: edge.header_read_timeout,
            keep_alive_timeout: edge.keep_alive_timeout,
            max_connections: edge.max_connections,
        };
        let served = connections::serve(self.listener, router, limits, shutdown).await;
        // A sweep or reconciliation cut short rolls back; the next pass redoes it.
        for task in [worker, mail, reconciler].into_iter().flatten() {
            task.abort();
        }
        served?;
        self.state.services.db.close().await.ok();
        Ok(())
    }
}

/// The executable schema over `services`: the server's, and the one
/// `seed-demo` acts through without serving.
pub fn schema(services: &Services, online: &Arc<OnlinePayments>) -> graphql::AppSchema {
    let hook: SharedPaymentHook = online.clone();
    let mut schema = graphql::builder()
        .data(services.clone())
        .data(SharedBookingsView(Arc::new(EngineView)))
        .data(hook)
        .data(online.clone());
    if !services.settings.edge.introspection {
        schema = schema.disable_introspection();
    }
    schema.finish()
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
///
/// The handlers are installed when this is called, not when the future is
/// first polled, so a signal that arrives while the server is still starting
/// is not lost to the default action (which would kill the process).
#[cfg(unix)]
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    use tokio::signal::unix::{SignalKind, signal};
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    async move {
        let wait = |signal: Option<tokio::signal::unix::Signal>| async move {
            match signal {
                Some(mut signal) => {
                    signal.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = wait(interrupt) => {},
            () = wait(terminate) => {},
        }
        tracing::info!("shutting down: finishing requests in flight");
    }
}

/// Completes on Ctrl-C.
#[cfg(not(unix))]
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing requests in flight");
    }
}
