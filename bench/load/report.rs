//! The results table, printed and written into `BENCHMARKS.md` between the
//! backend's markers, with the date, the machine and the database version.

use std::fmt::Write as _;
use std::time::Duration;

use crate::CLIENTS;
use crate::driver::Stats;

/// The p99 every read should stay under.
pub const P99_TARGET: Duration = Duration::from_millis(10);

/// One measured phase.
pub struct Line {
    /// What was measured.
    pub phase: String,
    /// The figures.
    pub stats: Stats,
    /// The ceiling its throughput is compared to (name, requests per second).
    pub ceiling: Option<(&'static str, f64)>,
    /// Whether its p99 is held to `P99_TARGET`.
    pub p99_target: bool,
}

/// Everything else the section says.
pub struct Context {
    pub backend: &'static str,
    pub version: String,
    pub command: String,
    pub seconds: u64,
    pub clients: usize,
    pub bookings: u64,
    pub seeding: String,
    pub cold_start: Duration,
    pub peak_rss: f64,
    pub rss_connections: f64,
    pub connections: usize,
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// The table as Markdown.
pub fn table(lines: &[Line]) -> String {
    let mut out = String::from(
        "| phase | requests | requests/s | p50 ms | p99 ms | ratio to ceiling | p99 / 10 ms | conflicts | failures |\n\
         | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n",
    );
    for line in lines {
        let s = &line.stats;
        let ratio = match line.ceiling {
            Some((name, rate)) if rate > 0.0 => format!("{:.2}× {name}", s.rate / rate),
            _ => "(ceiling)".to_owned(),
        };
        let target = if line.p99_target {
            format!(
                "{:.2}{}",
                s.p99.as_secs_f64() / P99_TARGET.as_secs_f64(),
                if s.p99 < P99_TARGET { "" } else { " (over)" }
            )
        } else {
            String::new()
        };
        let failures = if s.failures > 0 {
            format!("**FAILED {}**", s.failures)
        } else {
            "0".to_owned()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {:.0} | {} | {} | {ratio} | {target} | {} | {failures} |",
            line.phase,
            s.requests,
            s.rate,
            ms(s.p50),
            ms(s.p99),
            s.conflicts
        );
    }
    out
}

/// The machine: cores, CPU model, memory.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim())
        .to_owned();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or("unknown memory".to_owned(), |kb| {
            format!("{:.0} GiB", kb / 1_048_576.0)
        });
    format!("{cores} cores ({model}), {memory}")
}

/// The section for one backend.
pub fn section(context: &Context, lines: &[Line]) -> String {
    let date = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC");
    format!(
        "### {backend}\n\n\
         Measured {date} on {machine}; {version}.\n\
         `{command}`: {clients} connections, {seconds} s per phase after a warm-up; \
         {bookings} bookings of history in the big hub.\n\n\
         - seeding: {seeding}\n\
         - cold start (spawn to first `GET /health/live` 200): {cold:.0} ms\n\
         - server peak RSS (VmHWM) after the phases: {peak:.1} MB\n\
         - server RSS with {connections} open connections: {rss:.1} MB\n\n\
         {table}",
        backend = context.backend,
        machine = machine(),
        version = context.version,
        command = context.command,
        clients = context.clients,
        seconds = context.seconds,
        bookings = context.bookings,
        seeding = context.seeding,
        cold = context.cold_start.as_secs_f64() * 1e3,
        peak = context.peak_rss,
        connections = context.connections,
        rss = context.rss_connections,
        table = table(lines),
    )
}

const BEGIN: &str = "<!-- load:begin -->";
const END: &str = "<!-- load:end -->";

/// Replaces the backend's section of `BENCHMARKS.md` (made after the title
/// when missing).
pub fn write(backend: &str, section: &str) -> anyhow::Result<()> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/BENCHMARKS.md");
    let mut text = std::fs::read_to_string(path)?;
    let key = backend.to_lowercase();
    let (begin, end) = (
        format!("<!-- load:{key}:begin -->"),
        format!("<!-- load:{key}:end -->"),
    );
    if !text.contains(BEGIN) {
        let block = format!(
            "\n{BEGIN}\n## Load (`bench/load.rs`)\n\n\
             `bench/run` seeds each backend and drives the real server with the same \
             client; throughput ratios are to the ceilings measured in the same run. With {CLIENTS} \
             requests always in flight a phase's median latency is about {CLIENTS} ÷ its \
             throughput.\n\n\
             <!-- load:postgresql:begin -->\n<!-- load:postgresql:end -->\n\n\
             <!-- load:sqlite:begin -->\n<!-- load:sqlite:end -->\n{END}\n"
        );
        let after_title = text.find('\n').map_or(text.len(), |i| i + 1);
        text.insert_str(after_title, &block);
    }
    let start = text
        .find(&begin)
        .ok_or_else(|| anyhow::anyhow!("{begin} missing"))?
        + begin.len();
    let stop = text[start..]
        .find(&end)
        .ok_or_else(|| anyhow::anyhow!("{end} missing"))?
        + start;
    text.replace_range(start..stop, &format!("\n{section}"));
    std::fs::write(path, text)?;
    Ok(())
}
