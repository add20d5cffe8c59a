//! A relay on 127.0.0.1 in front of maildev that holds each new connection
//! for a while before passing it on, so a sender takes long enough over a
//! batch for a test to stop it half-way. It forwards the bytes untouched:
//! TLS runs end to end between the sender and maildev, whose certificate
//! names 127.0.0.1 as the relay's address does.

use std::net::Ipv4Addr;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use super::{MailDev, PASSWORD, USER, url_credentials};

/// A running relay; it stops, with every connection through it, when dropped.
pub struct SlowRelay {
    port: u16,
    task: JoinHandle<()>,
}

impl SlowRelay {
    /// Starts a relay to `maildev`'s SMTP port that waits `delay` before
    /// connecting each client through.
    pub async fn start(maildev: &MailDev, delay: Duration) -> SlowRelay {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("a port for the relay");
        let port = listener.local_addr().expect("the relay's address").port();
        let upstream = maildev.smtp_port();
        let task = tokio::spawn(async move {
            // Dropped with the task: every connection it carries ends too.
            let mut connections = JoinSet::new();
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                connections.spawn(async move {
                    tokio::time::sleep(delay).await;
                    if let Ok(mut server) =
                        TcpStream::connect((Ipv4Addr::LOCALHOST, upstream)).await
                    {
                        // Either side closing ends the relay of this connection.
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                // Forget the connections that are over.
                while connections.try_join_next().is_some() {}
            }
        });
        SlowRelay { port, task }
    }

    /// `smtps://` through the relay, with maildev's user and password.
    pub fn smtp_url(&self) -> String {
        format!(
            "smtps://{}@127.0.0.1:{}",
            url_credentials(USER, PASSWORD),
            self.port
        )
    }
}

impl Drop for SlowRelay {
    fn drop(&mut self) {
        self.task.abort();
    }
}
