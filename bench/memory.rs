//! Resident memory of the server after a burst of sign-ups (40, from 8
//! clients at once) and with 1,000 open keep-alive connections, read from
//! `/proc/<pid>/status`.
//!
//! `cargo build --release && cargo run --release --example bench_memory`;
//! `PORTINERIA_BENCH_BIN=/path/to/portineria` measures another build, and
//! the allocator can be tuned from the environment (`MALLOC_ARENA_MAX=2`,
//! `MALLOC_MMAP_THRESHOLD_=131072`), which the server inherits.

mod server;

use std::time::Duration;

use serde_json::json;
use server::{Server, no_errors, open_connections, post};

const CLIENTS: usize = 8;
const SIGN_UPS_EACH: usize = 5;
const CONNECTIONS: usize = 1_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let server = Server::start(&[
        // The burst comes from one address: lift the sign-up limit for it.
        ("PORTINERIA_RATE_SIGN_UP_PER_ADDRESS", "100000/1m"),
    ])?;
    let client = reqwest::Client::new();
    no_errors(&post(&client, &server.endpoint, "{ hub { name } }", json!({})).await?)?;
    let (idle, _) = server.memory()?;
    println!("idle:                         VmRSS {idle:6.1} MB");

    let burst: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let endpoint = server.endpoint.clone();
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                for n in 0..SIGN_UPS_EACH {
                    let answer = post(
                        &client,
                        &endpoint,
                        "mutation($i: SignUpInput!) { signUp(input: $i) { id } }",
                        json!({"i": {"email": format!("burst-{c}-{n}@example.org"),
                                     "password": "a long enough password", "name": "Burst"}}),
                    )
                    .await?;
                    no_errors(&answer)?;
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for task in burst {
        task.await??;
    }
    let (right_after, peak) = server.memory()?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (settled, _) = server.memory()?;
    println!(
        "after {} sign-ups ({CLIENTS} clients): VmRSS {right_after:6.1} MB, 2 s later {settled:6.1} MB, peak (VmHWM) {peak:6.1} MB",
        CLIENTS * SIGN_UPS_EACH
    );

    let open = open_connections(&server.addr, CONNECTIONS).await?;
    let (with_connections, peak) = server.memory()?;
    no_errors(&post(&client, &server.endpoint, "{ hub { name } }", json!({})).await?)?;
    println!(
        "with {CONNECTIONS} open connections:   VmRSS {with_connections:6.1} MB, peak (VmHWM) {peak:6.1} MB"
    );
    drop(open);
    Ok(())
}
