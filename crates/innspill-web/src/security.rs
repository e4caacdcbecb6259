//! Who may use the app and which writes are genuine: the access token (for a non-loopback
//! address), the Origin check and the CSRF token of every POST, and the response headers
//! that keep a page from running what it shows.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::app::App;
use crate::pages::error_page;

/// Name of the cookie that carries the access token.
pub(crate) const TOKEN_COOKIE: &str = "innspill_token";

/// 32 hex digits from the system's random source (a CSRF token per server start).
pub(crate) fn random_token() -> String {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .is_ok();
    if !ok {
        // No /dev/urandom: the time and the process id, hashed.
        use sha2::{Digest, Sha256};
        let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
        bytes.copy_from_slice(&Sha256::digest(seed.as_bytes())[..16]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Equal in time independent of where the strings differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The access check (when the app has a token) and the security headers of every answer.
///
/// With a token, a request passes with the cookie [`TOKEN_COOKIE`]; a visit with
/// `?token=T` sets the cookie and redirects to the same path without it.
pub(crate) async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    if let Some(token) = app.token() {
        let by_cookie = cookie(req.headers(), TOKEN_COOKIE).is_some_and(|c| same(&c, token));
        if !by_cookie {
            let given = req.uri().query().and_then(|q| {
                q.split('&')
                    .filter_map(|kv| kv.split_once('='))
                    .find(|(k, _)| *k == "token")
                    .map(|(_, v)| v.to_string())
            });
            if given.as_deref().is_some_and(|g| same(g, token)) {
                let mut res = Redirect::to(req.uri().path()).into_response();
                if let Ok(v) = HeaderValue::from_str(&format!(
                    "{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
                )) {
                    res.headers_mut().insert(header::SET_COOKIE, v);
                }
                return secured(res);
            }
            return secured(error_page(
                StatusCode::UNAUTHORIZED,
                "Ingen tilgang",
                "Denne arbeidsflaten krever tilgangsnøkkel: åpne lenken med ?token=… som serveren skrev ut.",
            ));
        }
    }
    secured(next.run(req).await)
}

fn secured(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    res
}

/// Whether a POST comes from a page of this app: its Origin (or, without one, its
/// Referer) is this host.
pub(crate) fn same_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let ours = [format!("http://{host}"), format!("https://{host}")];
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok()) {
        return ours.iter().any(|o| o == origin);
    }
    headers
        .get(header::REFERER)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|r| ours.iter().any(|o| r.starts_with(&format!("{o}/"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_must_be_this_host() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:7878"));
        assert!(!same_origin(&h), "neither Origin nor Referer");
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:7878"),
        );
        assert!(same_origin(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://evil.example"),
        );
        assert!(!same_origin(&h));
        h.remove(header::ORIGIN);
        h.insert(
            header::REFERER,
            HeaderValue::from_static("http://127.0.0.1:7878.evil.example/x"),
        );
        assert!(!same_origin(&h));
        h.insert(
            header::REFERER,
            HeaderValue::from_static("http://127.0.0.1:7878/dokument/x"),
        );
        assert!(same_origin(&h));
    }

    #[test]
    fn tokens_are_random_hex_and_compared_whole() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..31]));
    }
}
