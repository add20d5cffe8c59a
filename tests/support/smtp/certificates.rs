//! A certificate authority made for one test server, and the certificate it
//! signs for `localhost` and `127.0.0.1`; written to a temporary folder
//! that goes with it. Nothing here is ever committed.

use std::path::PathBuf;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

/// The CA certificate a client trusts, and the server's certificate and key.
pub struct TestCertificates {
    dir: tempfile::TempDir,
}

impl TestCertificates {
    /// A fresh CA and a server certificate it signed.
    pub fn new() -> TestCertificates {
        let mut ca = CertificateParams::default();
        ca.distinguished_name
            .push(DnType::CommonName, "portineria test CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().expect("a CA key"))
            .expect("a CA certificate");

        let mut server = CertificateParams::new(vec!["localhost".into(), "127.0.0.1".into()])
            .expect("server names");
        server
            .distinguished_name
            .push(DnType::CommonName, "localhost");
        server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate().expect("a server key");
        let certificate = server.signed_by(&key, &ca).expect("a server certificate");

        let dir = tempfile::tempdir().expect("a folder for certificates");
        let write = |name: &str, text: String| {
            std::fs::write(dir.path().join(name), text).expect("certificate written");
        };
        write("ca.pem", ca.pem());
        write("server.pem", certificate.pem());
        write("server.key", key.serialize_pem());
        TestCertificates { dir }
    }

    /// The CA, PEM: what `PORTINERIA_SMTP_CA_FILE` names.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// The server's certificate, PEM.
    pub fn cert_file(&self) -> PathBuf {
        self.dir.path().join("server.pem")
    }

    /// The server's private key, PEM.
    pub fn key_file(&self) -> PathBuf {
        self.dir.path().join("server.key")
    }
}
