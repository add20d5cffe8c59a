//! Before serving: is the database where `PORTINERIA_DATABASE_URL` says, and
//! can it be used? Each problem is one line an operator can act on, within
//! seconds, instead of a connection pool retrying for 30 s and then saying
//! "pool timed out".

use std::time::Duration;

use sea_orm::{ConnectOptions, Database};

/// How long each probe waits.
const PROBE: Duration = Duration::from_secs(4);

/// Checks the database of `url`; the error is the one line to show.
pub async fn check_database(url: &str) -> Result<(), String> {
    if url.starts_with("sqlite:") {
        return check_sqlite(url);
    }
    let server = PostgresUrl::parse(url);
    if let Some(server) = &server {
        // A bare TCP connection first: it fails at once where nothing listens,
        // where the pool would retry until its timeout.
        let address = format!("{}:{}", server.host, server.port);
        match tokio::time::timeout(PROBE, tokio::net::TcpStream::connect(&address)).await {
            Ok(Ok(_)) => {}
            Ok(Err(err)) => {
                return Err(format!(
                    "PORTINERIA_DATABASE_URL: nothing answers at {address} ({err}); start PostgreSQL there, or correct the host and port"
                ));
            }
            Err(_) => {
                return Err(format!(
                    "PORTINERIA_DATABASE_URL: {address} did not answer within {} s; check the host, the port and the firewall",
                    PROBE.as_secs()
                ));
            }
        }
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(1)
        .connect_timeout(PROBE)
        .acquire_timeout(PROBE)
        .sqlx_logging(false);
    match Database::connect(options).await {
        Ok(conn) => {
            conn.close().await.ok();
            Ok(())
        }
        Err(err) => {
            let detail = err.to_string();
            let Some(server) = server else {
                return Err(format!("PORTINERIA_DATABASE_URL: cannot connect: {detail}"));
            };
            let PostgresUrl {
                host,
                port,
                user,
                database,
            } = server;
            if detail.contains("does not exist") && detail.contains(&format!("\"{database}\"")) {
                Err(format!(
                    "PORTINERIA_DATABASE_URL: the database '{database}' does not exist on {host}:{port}; create it with: createdb -h {host} -p {port} -U {user} {database}"
                ))
            } else {
                Err(format!(
                    "PORTINERIA_DATABASE_URL: cannot connect to '{database}' on {host}:{port} as {user}: {}",
                    last_cause(&detail)
                ))
            }
        }
    }
}

/// sqlx nests its causes as `a: b: c`; the last is the one that says why.
fn last_cause(detail: &str) -> &str {
    detail.rsplit(": ").next().unwrap_or(detail)
}

fn check_sqlite(url: &str) -> Result<(), String> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    // Opening for append creates the file, as `mode=rwc` would, and fails
    // exactly when SQLite could not write it.
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(drop)
        .map_err(|err| {
            format!(
                "PORTINERIA_DATABASE_URL: cannot write the SQLite file {path} ({err}); check that its folder exists and is writable"
            )
        })
}

/// The parts of a `postgres://USER@HOST:PORT/DB` URL the messages name.
struct PostgresUrl {
    host: String,
    port: u16,
    user: String,
    database: String,
}

impl PostgresUrl {
    fn parse(url: &str) -> Option<PostgresUrl> {
        let rest = url.split_once("://")?.1;
        let rest = rest.split('?').next().unwrap_or(rest);
        let (authority, database) = rest.split_once('/').unwrap_or((rest, ""));
        let (credentials, server) = authority.rsplit_once('@').unwrap_or(("", authority));
        let user = credentials.split(':').next().unwrap_or_default();
        let (host, port) = match server.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || host.starts_with('[') => {
                (host, port.parse().ok()?)
            }
            _ => (server, 5432),
        };
        if host.is_empty() || host.contains(',') {
            return None;
        }
        Some(PostgresUrl {
            host: host.to_owned(),
            port,
            user: if user.is_empty() { "postgres" } else { user }.to_owned(),
            database: if database.is_empty() { user } else { database }.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_name_their_server() {
        let url =
            PostgresUrl::parse("postgres://ada:pw@db.example.org:6543/portineria?sslmode=require")
                .expect("parses");
        assert_eq!(
            (
                url.host.as_str(),
                url.port,
                url.user.as_str(),
                url.database.as_str()
            ),
            ("db.example.org", 6543, "ada", "portineria")
        );
        let url = PostgresUrl::parse("postgresql://127.0.0.1/x").expect("parses");
        assert_eq!((url.port, url.user.as_str()), (5432, "postgres"));
    }

    #[test]
    fn an_unwritable_sqlite_file_is_named() {
        let err = check_sqlite("sqlite:///no/such/folder/portineria.sqlite?mode=rwc")
            .expect_err("cannot be created");
        assert!(err.contains("/no/such/folder/portineria.sqlite"), "{err}");
    }
}
