//! The accept loop: how many connections are served at once, how long one
//! may take to send its headers or sit idle, and the graceful stop.
//!
//! `axum::serve` has no header-read timeout, no idle timeout and no cap, so a
//! client that opens connections and sends nothing (or half a header) holds
//! them forever. This loop serves HTTP/1.1 with hyper directly (HTTP/2 is
//! left to a reverse proxy in front), and watches each connection:
//!
//! - a new connection must finish its first request's headers within the
//!   header-read timeout, or it is closed;
//! - after a response, the next request's headers must arrive within the
//!   keep-alive timeout, or it is closed;
//! - at most `max_connections` are served; further ones wait in the kernel's
//!   accept queue until one closes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;
use tower::ServiceExt as _;

/// How long a stop waits for requests in flight (the request timeout).
const DRAIN: Duration = Duration::from_secs(30);

/// The limits on connections.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Time from opening to the end of the first request's headers.
    pub header_read_timeout: Duration,
    /// Time from a response to the end of the next request's headers.
    pub keep_alive_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
}

/// Serves `router` on `listener` until `shutdown` completes, then lets
/// requests in flight finish (up to [`DRAIN`]).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let max = limits.max_connections.clamp(1, Semaphore::MAX_PERMITS);
    let slots = Arc::new(Semaphore::new(max));
    let (stop, stopping) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // A free slot first: beyond the cap, connections wait unaccepted.
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = Arc::clone(&slots).acquire_owned() => slot.map_err(std::io::Error::other)?,
        };
        let (stream, remote) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: transient, so
                    // wait a little rather than spin or stop serving.
                    tracing::warn!(error = %err, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        tokio::spawn(connection(
            stream,
            remote,
            router.clone(),
            limits,
            stopping.clone(),
            slot,
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    // Every connection holds a slot until it ends: all slots back means done.
    let max = u32::try_from(max).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(DRAIN, slots.acquire_many(max)).await;
    Ok(())
}

/// What the watchdog knows of one connection.
struct Activity {
    opened: Instant,
    in_flight: AtomicUsize,
    served: AtomicBool,
    /// Milliseconds after `opened` when the last response was handed over.
    last_done_ms: AtomicU64,
    changed: Notify,
}

impl Activity {
    /// When the connection is due to close if nothing happens; `None` while
    /// a request is being answered (the request timeout bounds that).
    fn deadline(&self, limits: &ConnectionLimits) -> Option<Instant> {
        if self.in_flight.load(Ordering::SeqCst) > 0 {
            None
        } else if self.served.load(Ordering::SeqCst) {
            let last = Duration::from_millis(self.last_done_ms.load(Ordering::SeqCst));
            Some(self.opened + last + limits.keep_alive_timeout)
        } else {
            Some(self.opened + limits.header_read_timeout)
        }
    }
}

/// Counts a request in flight; on drop, records when it was answered.
struct InFlight(Arc<Activity>);

impl InFlight {
    fn start(activity: &Arc<Activity>) -> InFlight {
        activity.in_flight.fetch_add(1, Ordering::SeqCst);
        activity.served.store(true, Ordering::SeqCst);
        activity.changed.notify_one();
        InFlight(Arc::clone(activity))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let elapsed = u64::try_from(self.0.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.0.last_done_ms.store(elapsed, Ordering::SeqCst);
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.changed.notify_one();
    }
}

async fn connection(
    stream: TcpStream,
    remote: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    mut stopping: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let _ = stream.set_nodelay(true);
    let activity = Arc::new(Activity {
        opened: Instant::now(),
        in_flight: AtomicUsize::new(0),
        served: AtomicBool::new(false),
        last_done_ms: AtomicU64::new(0),
        changed: Notify::new(),
    });
    let watched = Arc::clone(&activity);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        let in_flight = InFlight::start(&watched);
        request.extensions_mut().insert(ConnectInfo(remote));
        let router = router.clone();
        async move {
            let response = router.oneshot(request.map(axum::body::Body::new)).await;
            drop(in_flight);
            response
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    // hyper's own header timer is a backstop; the watchdog below decides.
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout.max(limits.keep_alive_timeout))
        .keep_alive(true);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    let mut closing_since: Option<Instant> = None;
    loop {
        let deadline = match closing_since {
            // A graceful close lets a response being written finish, for a while.
            Some(since) => Some(since + limits.keep_alive_timeout),
            None => activity.deadline(&limits),
        };
        let expired = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = conn.as_mut() => break,
            () = activity.changed.notified() => {}
            changed = stopping.changed(), if closing_since.is_none() => {
                if changed.is_err() || !activity.served.load(Ordering::SeqCst) {
                    break;
                }
                conn.as_mut().graceful_shutdown();
                closing_since = Some(Instant::now());
            }
            () = expired => {
                let idle = activity.in_flight.load(Ordering::SeqCst) == 0;
                if closing_since.is_some() || (idle && !activity.served.load(Ordering::SeqCst)) {
                    // Nothing was ever asked, or the close took too long.
                    break;
                }
                if idle {
                    conn.as_mut().graceful_shutdown();
                    closing_since = Some(Instant::now());
                }
            }
        }
    }
}
