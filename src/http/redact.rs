//! One redaction function over every string that leaves the process: token
//! values and URL passwords become `***`, in our own messages and in text a
//! server sends back (which may echo the token it was given).

use std::sync::{Mutex, PoisonError};

/// Secrets registered so far (tokens, URL passwords). Few, short-lived: one
/// process runs one command.
static SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Remember `secret` so [`clean`] removes it from every printed text. Values
/// shorter than 4 characters are not registered: redacting them would mangle
/// ordinary words without protecting anything.
pub fn register(secret: &str) {
    if secret.chars().count() < 4 {
        return;
    }
    let mut secrets = SECRETS.lock().unwrap_or_else(PoisonError::into_inner);
    if !secrets.iter().any(|s| s == secret) {
        secrets.push(secret.to_string());
        // Longest first, so a secret containing another is removed whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

/// `text` with every registered secret and every URL password (`//user:pass@`)
/// replaced by `***`.
pub fn clean(text: &str) -> String {
    let mut out = url_passwords(text);
    let secrets = SECRETS.lock().unwrap_or_else(PoisonError::into_inner);
    for secret in secrets.iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), "***");
        }
    }
    // Percent-encoded forms (a token in a query string or a URL).
    for secret in secrets.iter() {
        let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        if encoded != *secret && out.contains(encoded.as_str()) {
            out = out.replace(encoded.as_str(), "***");
        }
    }
    out
}

/// Replace the password of every `scheme://user:password@host` in `text`.
fn url_passwords(text: &str) -> String {
    if !text.contains("://") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        // The authority ends at the first `/`, `?`, `#` or whitespace.
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace() || c == '"')
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match authority.rfind('@') {
            Some(at_sign) => {
                let userinfo = &authority[..at_sign];
                match userinfo.find(':') {
                    Some(colon) => {
                        out.push_str(&userinfo[..colon]);
                        out.push_str(":***");
                    }
                    None => out.push_str(userinfo),
                }
                out.push_str(&authority[at_sign..]);
            }
            None => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_passwords_are_removed() {
        assert_eq!(
            url_passwords("GET http://u:hunter2@127.0.0.1:4010/x?a=b and https://h/p"),
            "GET http://u:***@127.0.0.1:4010/x?a=b and https://h/p"
        );
        assert_eq!(url_passwords("http://user@h/"), "http://user@h/");
        assert_eq!(url_passwords("no urls: a@b"), "no urls: a@b");
    }

    #[test]
    fn registered_secrets_are_removed_everywhere() {
        register("s3cr3t-token/+x");
        register("ab");
        let shown = clean("Bad token Token token=s3cr3t-token/+x; q=s3cr3t-token%2F%2Bx; ab");
        assert_eq!(shown, "Bad token Token token=***; q=***; ab");
    }
}
