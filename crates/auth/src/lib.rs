//! Phaen's credentials, shared by the web server and the `phaen admin` commands so both hash
//! and check the same way: argon2id password hashes (PHC strings with the crate's default
//! parameters), random tokens for sessions, CSRF and API use, and the SHA-256 digest under
//! which a token is stored (the database never holds a token itself).

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The most bytes a password may have; longer input is refused before any hashing work.
pub const MAX_PASSWORD_BYTES: usize = 1024;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Errors of this crate. Policy: the messages a person sees (a weak password) are in Thai and
/// English; the others name the failing part and carry no secret.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    #[error(
        "รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD_CHARS} ตัวอักษร / a password needs at least {MIN_PASSWORD_CHARS} characters"
    )]
    PasswordTooShort,
    #[error(
        "รหัสผ่านยาวเกิน {MAX_PASSWORD_BYTES} ไบต์ / a password may have at most {MAX_PASSWORD_BYTES} bytes"
    )]
    PasswordTooLong,
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

/// Checks the password policy: at least [`MIN_PASSWORD_CHARS`] characters (Thai characters
/// count one each, combining marks included), at most [`MAX_PASSWORD_BYTES`] bytes.
pub fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(Error::PasswordTooShort)
    } else if password.len() > MAX_PASSWORD_BYTES {
        Err(Error::PasswordTooLong)
    } else {
        Ok(())
    }
}

/// The argon2id PHC string (`$argon2id$v=19$...`) of a password that meets the policy, with a
/// fresh random salt.
pub fn hash_password(password: &str) -> Result<String> {
    check_password(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Hash(e.to_string()))
}

/// Whether `password` matches the PHC string `hash`; a malformed hash never matches. The
/// parameters come from the hash, so hashes made with older settings keep working.
pub fn verify_password(password: &str, hash: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Does the work of one verification against a hash no password matches and returns false.
/// Sign-in calls it when the username is unknown, so the answer takes as long as for a known
/// user with a wrong password and does not tell which usernames exist.
pub fn verify_unknown_user(password: &str) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let hash = DUMMY.get_or_init(|| {
        hash_password(&new_token()).expect("a random token meets the password policy")
    });
    verify_password(password, hash);
    false
}

/// A new secret token: 32 bytes from the operating system's random source, base64url without
/// padding (43 characters). Used for session cookies, CSRF tokens and API tokens.
pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// A new strong password for an account an administrator creates: 18 random bytes as 24
/// base64url characters.
pub fn new_password() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<18>())
}

/// The lowercase hex SHA-256 of a token: the key under which sessions and API tokens are
/// stored, so a copy of the database does not hold a usable token.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    let mut out = String::with_capacity(digest.len() * 2);
    for b in digest.iter() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// Compares two secrets (a CSRF token from a form with the session's) in time that does not
/// depend on where they first differ.
pub fn tokens_equal(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // Without a working random source no secret can be made safely: stop rather than go on.
    getrandom::fill(&mut buf).expect("the operating system's random source is available");
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_another_does_not() {
        let hash = hash_password("รหัสผ่านยาวพอแล้ว").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert!(verify_password("รหัสผ่านยาวพอแล้ว", &hash));
        assert!(!verify_password("รหัสผ่านยาวพอแล้ว!", &hash));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert_ne!(a, b, "a fresh salt each time");
    }

    #[test]
    fn a_short_password_is_refused_in_thai_and_english() {
        let err = hash_password("short").unwrap_err();
        assert_eq!(err, Error::PasswordTooShort);
        let msg = err.to_string();
        assert!(
            msg.contains("อย่างน้อย 10") && msg.contains("at least 10"),
            "{msg}"
        );
        assert!(check_password("ก".repeat(10).as_str()).is_ok());
        assert!(check_password(&"a".repeat(MAX_PASSWORD_BYTES + 1)).is_err());
    }

    #[test]
    fn a_malformed_hash_never_matches() {
        assert!(!verify_password("anything at all", "not a hash"));
        assert!(!verify_password("anything at all", ""));
        assert!(!verify_unknown_user("anything at all"));
    }

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(a, new_token());
        assert_eq!(new_password().len(), 24);
    }

    #[test]
    fn a_token_hash_is_the_sha256_hex_of_the_token() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(token_hash(&new_token()), token_hash(&new_token()));
    }

    #[test]
    fn tokens_compare_equal_only_when_identical() {
        assert!(tokens_equal("abc", "abc"));
        assert!(!tokens_equal("abc", "abd"));
        assert!(!tokens_equal("abc", "abcd"));
    }
}
