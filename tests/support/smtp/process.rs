//! A server process a test started: its output goes to a log file (shown
//! when it fails to start), and it is killed when the handle is dropped, or
//! earlier when a test kills it on purpose.

use std::fs::File;
use std::net::{Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A running child process and its log.
pub struct ServerProcess {
    child: Child,
    log: PathBuf,
}

impl ServerProcess {
    /// Starts `command` with its errors in `log`, and its output too unless
    /// the test reads it (`pipe_stdout`); standard input is the caller's.
    pub fn spawn(mut command: Command, log: PathBuf, pipe_stdout: bool) -> ServerProcess {
        let file = File::create(&log).expect("a log file");
        if pipe_stdout {
            command.stdout(Stdio::piped());
        } else {
            command.stdout(file.try_clone().expect("the log file, twice"));
        }
        command.stderr(file);
        let child = command
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {:?}: {err}", command.get_program()));
        ServerProcess { child, log }
    }

    /// The child, for its pipes.
    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Whether it has stopped already.
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Kills it at once (SIGKILL on unix: no chance to finish anything)
    /// and waits until it is gone.
    pub fn kill(&mut self) {
        self.child.kill().expect("the process can be killed");
        self.child.wait().expect("the killed process is reaped");
    }

    /// What it wrote so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now (another process may take it before
/// ours does: callers retry on a fresh one).
pub fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}
