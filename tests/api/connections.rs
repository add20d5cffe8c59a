//! Connections that send nothing, half a header, or sit idle are closed, and
//! beyond the cap new connections wait.

use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::helpers::{Backend, TestApp};

/// Bounds each wait so a regression fails the test instead of hanging it.
const PATIENCE: Duration = Duration::from_secs(20);

async fn short_timeouts(extra: &[(&str, &str)]) -> TestApp {
    let mut settings = vec![
        ("PORTINERIA_HEADER_READ_TIMEOUT_SECONDS", "1"),
        ("PORTINERIA_KEEP_ALIVE_TIMEOUT_SECONDS", "1"),
    ];
    settings.extend_from_slice(extra);
    TestApp::spawn_with(Backend::Sqlite, &settings)
        .await
        .expect("SQLite always runs")
}

/// Reads until the server closes the connection; what it sent meanwhile.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let read = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut received)).await;
    assert!(read.is_ok(), "the server kept the connection open");
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_sends_nothing_is_closed() {
    let app = short_timeouts(&[]).await;
    let mut silent = TcpStream::connect(app.addr).await.unwrap();
    assert_eq!(until_closed(&mut silent).await, "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_header_is_closed() {
    let app = short_timeouts(&[]).await;
    let mut slow = TcpStream::connect(app.addr).await.unwrap();
    slow.write_all(b"POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Ty")
        .await
        .unwrap();
    until_closed(&mut slow).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed_after_its_answer() {
    let app = short_timeouts(&[]).await;
    let mut client = TcpStream::connect(app.addr).await.unwrap();
    client
        .write_all(b"GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let received = until_closed(&mut client).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received}");
    assert!(
        received.ends_with("ok"),
        "the answer came whole: {received}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_the_cap_connections_wait_for_a_free_one() {
    let app = TestApp::spawn_with(
        Backend::Sqlite,
        &[
            ("PORTINERIA_MAX_CONNECTIONS", "2"),
            ("PORTINERIA_HEADER_READ_TIMEOUT_SECONDS", "60"),
        ],
    )
    .await
    .expect("SQLite always runs");
    let holders = [
        TcpStream::connect(app.addr).await.unwrap(),
        TcpStream::connect(app.addr).await.unwrap(),
    ];
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(1_500))
        .build()
        .unwrap();
    let waited = impatient.get(app.url("/health/live")).send().await;
    assert!(waited.is_err(), "a third connection was served: {waited:?}");
    drop(holders);
    let served = tokio::time::timeout(PATIENCE, app.http().get(app.url("/health/live")).send())
        .await
        .expect("served once a slot is free")
        .unwrap();
    assert_eq!(served.status(), 200);
}
