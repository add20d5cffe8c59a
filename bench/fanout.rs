//! How long the server takes to refuse a fragment fan-out document (each
//! fragment spreads the next twice: 2^24 fields once expanded, about 1 KB on
//! the wire), and what it does to a cheap query sent meanwhile, both as
//! ratios to `{ hub { name } }` measured in the same run.
//!
//! `cargo build --release && cargo run --release --example bench_fanout`

mod server;

#[path = "../tests/support/documents.rs"]
mod documents;

use std::time::{Duration, Instant};

use serde_json::json;

use server::{Server, no_errors, post};

const ROUNDS: usize = 30;
const BASELINE: &str = "{ hub { name } }";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let server = Server::start(&[])?;
    let client = reqwest::Client::new();
    let endpoint = server.endpoint.as_str();
    let mut baseline = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        no_errors(&post(&client, endpoint, BASELINE, json!({})).await?)?;
        baseline.push(started.elapsed());
    }
    let baseline = median(baseline);
    println!("{BASELINE}: median {baseline:?}");

    for levels in [24, 31] {
        let document = documents::fan_out(levels);
        let mut refusals = Vec::new();
        for _ in 0..ROUNDS {
            let started = Instant::now();
            let answer = post(&client, endpoint, &document, json!({})).await?;
            refusals.push(started.elapsed());
            let code = &answer["errors"][0]["extensions"]["code"];
            anyhow::ensure!(code == "VALIDATION", "not refused: {answer}");
        }
        let refusal = median(refusals);
        println!(
            "fan-out, {levels} levels ({} bytes): refused in median {refusal:?}, {:.2}× the baseline",
            document.len(),
            refusal.as_secs_f64() / baseline.as_secs_f64()
        );
    }

    // Two clients keep sending 31-level documents; the cheap query meanwhile.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let attackers: Vec<_> = (0..2)
        .map(|_| {
            let (endpoint, stop) = (endpoint.to_owned(), stop.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let document = documents::fan_out(31);
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    post(&client, &endpoint, &document, json!({})).await?;
                }
                anyhow::Ok(())
            })
        })
        .collect();
    let mut meanwhile = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        no_errors(&post(&client, endpoint, BASELINE, json!({})).await?)?;
        meanwhile.push(started.elapsed());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for attacker in attackers {
        attacker.await??;
    }
    let meanwhile = median(meanwhile);
    println!(
        "{BASELINE} while two clients send fan-outs: median {meanwhile:?}, {:.2}× the baseline",
        meanwhile.as_secs_f64() / baseline.as_secs_f64()
    );
    Ok(())
}
