//! The load generator: a fixed set of clients, each with its own keep-alive
//! HTTP/1 connection, sending one request after another for a warm-up and
//! then a measured period; every request's latency is recorded.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How one request went.
pub enum Outcome {
    /// HTTP 200 and no `errors`.
    Success,
    /// Refused with `CONFLICT` only, where the phase expects it.
    Conflict,
    /// Anything else, with what came back.
    Failure(String),
}

/// What a phase measured.
pub struct Stats {
    /// Requests answered in the measured period (conflicts included).
    pub requests: u64,
    /// Answers that were `CONFLICT`.
    pub conflicts: u64,
    /// Answers that were failures.
    pub failures: u64,
    /// The first failure's answer.
    pub first_failure: Option<String>,
    /// Requests per second.
    pub rate: f64,
    /// Median latency.
    pub p50: Duration,
    /// 99th-percentile latency.
    pub p99: Duration,
}

/// The benchmark's clients: one keep-alive connection each.
pub fn clients(count: usize) -> anyhow::Result<Vec<reqwest::Client>> {
    (0..count)
        .map(|_| {
            Ok(reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .http1_only()
                .build()?)
        })
        .collect()
}

/// Runs `op(client, n)` from every client at once (`n` counts requests
/// across clients) for `warmup`, then for `measured`, recording the latter.
pub async fn run<F, Fut>(
    clients: &[reqwest::Client],
    warmup: Duration,
    measured: Duration,
    op: F,
) -> anyhow::Result<Stats>
where
    F: Fn(reqwest::Client, u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Outcome> + Send + 'static,
{
    let op = Arc::new(op);
    let counter = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let from = started + warmup;
    let until = from + measured;
    let mut tasks = tokio::task::JoinSet::new();
    for client in clients {
        let (op, counter, client) = (Arc::clone(&op), Arc::clone(&counter), client.clone());
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            let (mut conflicts, mut failures, mut first_failure) = (0u64, 0u64, None);
            loop {
                let sent = Instant::now();
                if sent >= until {
                    break;
                }
                let n = counter.fetch_add(1, Ordering::Relaxed);
                let outcome = op(client.clone(), n).await;
                if sent < from {
                    continue;
                }
                latencies.push(sent.elapsed());
                match outcome {
                    Outcome::Success => {}
                    Outcome::Conflict => conflicts += 1,
                    Outcome::Failure(answer) => {
                        failures += 1;
                        first_failure.get_or_insert(answer);
                    }
                }
            }
            (latencies, conflicts, failures, first_failure)
        });
    }
    let mut latencies = Vec::new();
    let (mut conflicts, mut failures, mut first_failure) = (0, 0, None);
    while let Some(done) = tasks.join_next().await {
        let (mine, c, f, first) = done?;
        latencies.extend(mine);
        conflicts += c;
        failures += f;
        if first_failure.is_none() {
            first_failure = first;
        }
    }
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Ok(Stats {
        requests: latencies.len() as u64,
        conflicts,
        failures,
        first_failure,
        rate: latencies.len() as f64 / measured.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
    })
}

/// A GraphQL request as a hub member.
#[derive(Clone)]
pub struct Caller {
    /// `http://ADDR/graphql`.
    pub endpoint: String,
    /// The hub's slug (`X-Tenant`).
    pub tenant: String,
    /// The member's bearer token.
    pub token: String,
}

impl Caller {
    /// Sends `query` with `variables`; `CONFLICT`-only answers count as
    /// conflicts when `conflicts_expected`, as failures otherwise.
    pub async fn call(
        &self,
        client: &reqwest::Client,
        query: &str,
        variables: Value,
        conflicts_expected: bool,
    ) -> Outcome {
        let sent = client
            .post(&self.endpoint)
            .header("X-Tenant", &self.tenant)
            .bearer_auth(&self.token)
            .json(&serde_json::json!({"query": query, "variables": variables}))
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(err) => return Outcome::Failure(format!("request failed: {err}")),
        };
        let status = response.status();
        let body = match response.text().await {
            Ok(body) => body,
            Err(err) => return Outcome::Failure(format!("HTTP {status}, body unreadable: {err}")),
        };
        if status != reqwest::StatusCode::OK {
            return Outcome::Failure(format!("HTTP {status}: {body}"));
        }
        classify(&body, conflicts_expected)
    }
}

/// `GET url`, a success on HTTP 200.
pub async fn get(client: &reqwest::Client, url: &str) -> Outcome {
    match client.get(url).send().await {
        Ok(response) if response.status() == reqwest::StatusCode::OK => {
            match response.bytes().await {
                Ok(_) => Outcome::Success,
                Err(err) => Outcome::Failure(format!("body unreadable: {err}")),
            }
        }
        Ok(response) => Outcome::Failure(format!("HTTP {}", response.status())),
        Err(err) => Outcome::Failure(format!("request failed: {err}")),
    }
}

fn classify(body: &str, conflicts_expected: bool) -> Outcome {
    let answer: Value = match serde_json::from_str(body) {
        Ok(answer) => answer,
        Err(_) => return Outcome::Failure(format!("not JSON: {body}")),
    };
    let Some(errors) = answer.get("errors") else {
        return Outcome::Success;
    };
    let all_conflicts = errors.as_array().is_some_and(|errors| {
        !errors.is_empty()
            && errors
                .iter()
                .all(|e| e["extensions"]["code"].as_str() == Some("CONFLICT"))
    });
    if conflicts_expected && all_conflicts {
        Outcome::Conflict
    } else {
        Outcome::Failure(body.to_owned())
    }
}
