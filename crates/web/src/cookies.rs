//! Reading cookies from a request and writing them with safe flags.

use axum::http::{HeaderMap, HeaderValue, header};

/// The value of cookie `name`, if the request carries it.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when `secure`.
pub fn set(name: &str, value: &str, max_age_s: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_s {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are ASCII")
}
