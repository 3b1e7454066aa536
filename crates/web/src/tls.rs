//! Built-in HTTPS: a certificate chain and its private key read from PEM files and checked
//! before Phaen listens, so a wrong file stops the start with a sentence naming the file and
//! what is wrong with it rather than failing every browser's handshake later.
//!
//! rustls with the ring provider does the TLS. Only HTTP/1.1 is offered: sign-in compares a
//! form's Origin with the Host header, which HTTP/2 does not send.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::{self, SectionKind};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::CertifiedKey;

/// A certificate and key that rustls accepted: ready to serve with.
#[derive(Clone)]
pub struct TlsConfig {
    config: Arc<ServerConfig>,
}

impl std::fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsConfig").finish_non_exhaustive()
    }
}

/// What is wrong with the certificate or key file, in words an administrator can act on.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot read the TLS {what} file {path}: {error}")]
    Read {
        what: &'static str,
        path: PathBuf,
        error: io::Error,
    },
    #[error("the TLS {what} file {path} is not valid PEM: {detail}")]
    NotPem {
        what: &'static str,
        path: PathBuf,
        detail: String,
    },
    #[error(
        "the TLS certificate file {0} holds a private key but no certificate: are the certificate and key files given the wrong way round?"
    )]
    KeyInCertFile(PathBuf),
    #[error(
        "the TLS certificate file {0} holds no certificate (a PEM block '-----BEGIN CERTIFICATE-----' was expected)"
    )]
    NoCertificate(PathBuf),
    #[error(
        "the TLS key file {0} holds a certificate but no private key: are the certificate and key files given the wrong way round?"
    )]
    CertInKeyFile(PathBuf),
    #[error(
        "the TLS key file {0} holds a private key protected by a passphrase; Phaen needs it unencrypted (openssl pkey -in KEY -out KEY.plain), readable only by the phaen user"
    )]
    EncryptedKey(PathBuf),
    #[error(
        "the TLS key file {0} holds no private key (a PEM block '-----BEGIN PRIVATE KEY-----', 'RSA PRIVATE KEY' or 'EC PRIVATE KEY' was expected)"
    )]
    NoKey(PathBuf),
    #[error("the TLS key file {0} holds {1} private keys; it must hold exactly one")]
    SeveralKeys(PathBuf, usize),
    #[error("the private key in the TLS key file {path} cannot be used: {detail}")]
    BadKey { path: PathBuf, detail: String },
    #[error("the first certificate in the TLS certificate file {path} cannot be read: {detail}")]
    BadCertificate { path: PathBuf, detail: String },
    #[error(
        "the private key in {key} does not belong to the certificate in {cert}: their public keys differ"
    )]
    KeyMismatch { cert: PathBuf, key: PathBuf },
}

/// The PEM sections of one file, sorted by what they are.
#[derive(Default)]
struct Sections {
    certs: Vec<CertificateDer<'static>>,
    keys: Vec<PrivateKeyDer<'static>>,
}

fn read_sections(what: &'static str, path: &Path) -> Result<(Vec<u8>, Sections), TlsError> {
    let bytes = std::fs::read(path).map_err(|error| TlsError::Read {
        what,
        path: path.to_path_buf(),
        error,
    })?;
    let mut reader: &[u8] = &bytes;
    let mut found = Sections::default();
    loop {
        match pem::from_buf(&mut reader) {
            Ok(Some((SectionKind::Certificate, der))) => found.certs.push(der.into()),
            Ok(Some((SectionKind::PrivateKey, der))) => {
                found.keys.push(PrivateKeyDer::Pkcs8(der.into()))
            }
            Ok(Some((SectionKind::RsaPrivateKey, der))) => {
                found.keys.push(PrivateKeyDer::Pkcs1(der.into()))
            }
            Ok(Some((SectionKind::EcPrivateKey, der))) => {
                found.keys.push(PrivateKeyDer::Sec1(der.into()))
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                return Err(TlsError::NotPem {
                    what,
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                });
            }
        }
    }
    Ok((bytes, found))
}

impl TlsConfig {
    /// Reads the certificate chain (the server's certificate first, then any intermediates)
    /// and its private key, and checks that they belong together.
    pub fn from_pem_files(cert: &Path, key: &Path) -> Result<TlsConfig, TlsError> {
        let (_, cert_file) = read_sections("certificate", cert)?;
        if cert_file.certs.is_empty() {
            return Err(if cert_file.keys.is_empty() {
                TlsError::NoCertificate(cert.to_path_buf())
            } else {
                TlsError::KeyInCertFile(cert.to_path_buf())
            });
        }
        let (key_bytes, mut key_file) = read_sections("key", key)?;
        let key_der = match key_file.keys.len() {
            1 => key_file.keys.remove(0),
            0 if contains(&key_bytes, b"ENCRYPTED PRIVATE KEY")
                || contains(&key_bytes, b"Proc-Type: 4,ENCRYPTED") =>
            {
                return Err(TlsError::EncryptedKey(key.to_path_buf()));
            }
            0 if !key_file.certs.is_empty() => {
                return Err(TlsError::CertInKeyFile(key.to_path_buf()));
            }
            0 => return Err(TlsError::NoKey(key.to_path_buf())),
            n => return Err(TlsError::SeveralKeys(key.to_path_buf(), n)),
        };

        let provider = Arc::new(rustls::crypto::ring::default_provider());
        check_pair(&provider, cert, key, &cert_file.certs, key_der.clone_key())?;
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|b| {
                b.with_no_client_auth()
                    .with_single_cert(cert_file.certs, key_der)
            })
            .map_err(|e| TlsError::BadKey {
                path: key.to_path_buf(),
                detail: e.to_string(),
            })?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(TlsConfig {
            config: Arc::new(config),
        })
    }

    /// The rustls configuration, for a server (or a test) that does the handshakes.
    pub fn server_config(&self) -> Arc<ServerConfig> {
        self.config.clone()
    }
}

/// The key loads, the first certificate parses and the two share a public key; each failure
/// blames the file it comes from.
fn check_pair(
    provider: &CryptoProvider,
    cert: &Path,
    key: &Path,
    chain: &[CertificateDer<'static>],
    key_der: PrivateKeyDer<'static>,
) -> Result<(), TlsError> {
    let signing_key = provider
        .key_provider
        .load_private_key(key_der)
        .map_err(|e| TlsError::BadKey {
            path: key.to_path_buf(),
            detail: e.to_string(),
        })?;
    match CertifiedKey::new(chain.to_vec(), signing_key).keys_match() {
        Ok(()) | Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::Unknown)) => Ok(()),
        Err(rustls::Error::InconsistentKeys(_)) => Err(TlsError::KeyMismatch {
            cert: cert.to_path_buf(),
            key: key.to_path_buf(),
        }),
        Err(e) => Err(TlsError::BadCertificate {
            path: cert.to_path_buf(),
            detail: e.to_string(),
        }),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Files {
        dir: tempfile::TempDir,
    }

    impl Files {
        fn new() -> Files {
            Files {
                dir: tempfile::tempdir().unwrap(),
            }
        }

        fn write(&self, name: &str, text: &str) -> PathBuf {
            let path = self.dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        }
    }

    fn self_signed() -> (String, String) {
        let c = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        (c.cert.pem(), c.signing_key.serialize_pem())
    }

    fn error(cert: &Path, key: &Path) -> String {
        TlsConfig::from_pem_files(cert, key)
            .expect_err("the files should be refused")
            .to_string()
    }

    #[test]
    fn a_matching_certificate_and_key_are_accepted() {
        let f = Files::new();
        let (cert, key) = self_signed();
        let config =
            TlsConfig::from_pem_files(&f.write("cert.pem", &cert), &f.write("key.pem", &key))
                .unwrap();
        assert_eq!(
            config.server_config().alpn_protocols,
            [b"http/1.1".to_vec()]
        );
    }

    #[test]
    fn a_missing_file_is_named() {
        let f = Files::new();
        let (_, key) = self_signed();
        let missing = f.dir.path().join("nowhere.pem");
        let e = error(&missing, &f.write("key.pem", &key));
        assert!(e.contains("certificate file"), "{e}");
        assert!(e.contains("nowhere.pem"), "{e}");
    }

    #[test]
    fn swapped_files_are_called_swapped() {
        let f = Files::new();
        let (cert, key) = self_signed();
        let e = error(&f.write("key.pem", &key), &f.write("cert.pem", &cert));
        assert!(
            e.contains("key.pem") && e.contains("wrong way round"),
            "{e}"
        );
        let e = error(&f.write("cert.pem", &cert), &f.write("cert2.pem", &cert));
        assert!(
            e.contains("cert2.pem") && e.contains("wrong way round"),
            "{e}"
        );
    }

    #[test]
    fn a_file_without_pem_blocks_says_what_was_expected() {
        let f = Files::new();
        let (cert, _) = self_signed();
        let e = error(&f.write("cert.pem", "hello\n"), &f.write("k", "x"));
        assert!(
            e.contains("cert.pem") && e.contains("BEGIN CERTIFICATE"),
            "{e}"
        );
        let e = error(&f.write("cert.pem", &cert), &f.write("key.pem", "x\n"));
        assert!(
            e.contains("key.pem") && e.contains("BEGIN PRIVATE KEY"),
            "{e}"
        );
    }

    #[test]
    fn a_key_of_another_certificate_is_refused_naming_both_files() {
        let f = Files::new();
        let (cert, _) = self_signed();
        let (_, other_key) = self_signed();
        let e = error(
            &f.write("cert.pem", &cert),
            &f.write("other.pem", &other_key),
        );
        assert!(
            e.contains("other.pem") && e.contains("cert.pem") && e.contains("does not belong"),
            "{e}"
        );
    }

    #[test]
    fn a_passphrase_protected_key_is_called_encrypted() {
        let f = Files::new();
        let (cert, _) = self_signed();
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let e = error(&f.write("cert.pem", &cert), &f.write("key.pem", encrypted));
        assert!(e.contains("key.pem") && e.contains("passphrase"), "{e}");
    }

    #[test]
    fn a_damaged_certificate_or_key_is_blamed_on_its_file() {
        let f = Files::new();
        let (cert, key) = self_signed();
        let junk_cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let e = error(&f.write("cert.pem", junk_cert), &f.write("key.pem", &key));
        assert!(
            e.contains("cert.pem") && e.contains("cannot be read"),
            "{e}"
        );
        let junk_key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        let e = error(&f.write("cert.pem", &cert), &f.write("key.pem", junk_key));
        assert!(e.contains("key.pem") && e.contains("cannot be used"), "{e}");
    }
}
