//! The binary refuses bad configuration with one line naming the variable.

use std::process::Command;

pub fn portineria(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_portineria"));
    command.current_dir(dir.path()).args(args);
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("PORTINERIA_")) {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    command.output().unwrap()
}

#[test]
fn a_misspelt_setting_stops_the_server_with_one_line() {
    let output = portineria(&[("PORTINERIA_LISTN", "127.0.0.1:0")], &["serve"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("PORTINERIA_LISTN: unknown setting"),
        "{stderr}"
    );
}

#[test]
fn a_malformed_setting_is_named_with_its_value() {
    let output = portineria(&[("PORTINERIA_LISTEN", "localhost")], &["serve"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("PORTINERIA_LISTEN: 'localhost' is not an address with a port"),
        "{stderr}"
    );
}

#[test]
fn create_hub_and_seed_demo_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.sqlite?mode=rwc", dir.path().display());
    let env = [
        ("PORTINERIA_DATABASE_URL", url.as_str()),
        ("PORTINERIA_LOG", "warn"),
    ];
    let created = portineria(
        &env,
        &[
            "create-hub",
            "--slug",
            "casa-aurora",
            "--name",
            "Casa Aurora",
            "--manager-email",
            "rita@example.org",
        ],
    );
    let stdout = String::from_utf8_lossy(&created.stdout);
    assert!(
        created.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(
        stdout.contains("created account rita@example.org with password"),
        "{stdout}"
    );
    assert!(stdout.contains("created hub 'casa-aurora'"), "{stdout}");

    let taken = portineria(
        &env,
        &[
            "create-hub",
            "--slug",
            "casa-aurora",
            "--name",
            "Again",
            "--manager-email",
            "rita@example.org",
        ],
    );
    assert!(!taken.status.success());
    assert!(String::from_utf8_lossy(&taken.stderr).contains("CONFLICT"));

    let bad = portineria(
        &env,
        &[
            "create-hub",
            "--slug",
            "x",
            "--name",
            "X",
            "--manager-email",
            "rita@example.org",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("VALIDATION (--slug)"));

    for expected in ["demo hub 'demo' created", "demo hub 'demo' already there"] {
        let seeded = portineria(&env, &["seed-demo"]);
        assert!(String::from_utf8_lossy(&seeded.stdout).contains(expected));
    }
    let admin = portineria(&env, &["grant-admin", "--email", "RITA@example.org"]);
    assert!(String::from_utf8_lossy(&admin.stdout).contains("can now create hubs"));
    let missing = portineria(&env, &["grant-admin", "--email", "nobody@example.org"]);
    assert!(!missing.status.success());
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/term.sqlite?mode=rwc", dir.path().display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_portineria"))
        .current_dir(dir.path())
        .arg("serve")
        .env("PORTINERIA_DATABASE_URL", &url)
        .env("PORTINERIA_LISTEN", "127.0.0.1:0")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("GraphiQL") {
        line.clear();
        assert!(
            std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() > 0,
            "server exited early"
        );
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(rest.contains("shutting down"), "{rest}");
}

/// One line on standard error, none repeated, naming the setting.
fn one_line_failure(env: &[(&str, &str)]) -> String {
    let output = portineria(env, &["serve"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("PORTINERIA_DATABASE_URL"), "{stderr}");
    stderr
}

#[test]
fn a_postgres_port_where_nothing_listens_is_named_at_once() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let url = format!("postgres://postgres@127.0.0.1:{port}/portineria");
    let stderr = one_line_failure(&[
        ("PORTINERIA_DATABASE_URL", &url),
        ("PORTINERIA_LISTEN", "127.0.0.1:0"),
    ]);
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
}

#[test]
fn a_missing_postgres_database_comes_with_the_createdb_command() {
    let reachable = std::net::TcpStream::connect("127.0.0.1:5432").is_ok();
    if !reachable && std::env::var_os("PORTINERIA_TEST_REQUIRE_POSTGRES").is_none() {
        return;
    }
    let name = format!("portineria_missing_{}", uuid::Uuid::new_v4().simple());
    let url = format!("postgres://postgres@127.0.0.1:5432/{name}");
    let stderr = one_line_failure(&[
        ("PORTINERIA_DATABASE_URL", &url),
        ("PORTINERIA_LISTEN", "127.0.0.1:0"),
    ]);
    assert!(
        stderr.contains(&format!("createdb -h 127.0.0.1 -p 5432 -U postgres {name}")),
        "{stderr}"
    );
}

#[test]
fn an_unwritable_sqlite_file_is_named() {
    let stderr = one_line_failure(&[
        (
            "PORTINERIA_DATABASE_URL",
            "sqlite:///no/such/folder/portineria.sqlite?mode=rwc",
        ),
        ("PORTINERIA_LISTEN", "127.0.0.1:0"),
    ]);
    assert!(
        stderr.contains("/no/such/folder/portineria.sqlite"),
        "{stderr}"
    );
}
