//! One redaction function over every string that leaves the process: token
//! values and URL passwords become `***`, in our own messages and in text a
//! server sends back (which may echo the token it was given).

use std::sync::{Mutex, PoisonError};

/// Secrets registered so far (tokens, URL passwords), each with its
/// percent-encoded form when that differs. Few, short-lived: one process
/// runs one command.
static SECRETS: Mutex<Vec<(String, Option<String>)>> = Mutex::new(Vec::new());

/// The shortest token dw accepts: anything shorter is refused where it is
/// read (naming the variable) as no real token, and could not be removed
/// from texts without mangling ordinary words.
pub const MIN_SECRET_CHARS: usize = 4;

/// Remember `secret` so [`clean`] removes it from every printed text,
/// whatever its length (the variables refuse secrets shorter than
/// [`MIN_SECRET_CHARS`] before they get here).
pub fn register(secret: &str) {
    if secret.is_empty() {
        return;
    }
    let mut secrets = SECRETS.lock().unwrap_or_else(PoisonError::into_inner);
    if !secrets.iter().any(|(s, _)| s == secret) {
        let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let encoded = (encoded != secret).then_some(encoded);
        secrets.push((secret.to_string(), encoded));
        // Longest first, so a secret containing another is removed whole.
        secrets.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    }
}

/// `text` with every registered secret and every URL password (`//user:pass@`)
/// replaced by `***`.
pub fn clean(text: &str) -> String {
    let mut out = url_passwords(text);
    let secrets = SECRETS.lock().unwrap_or_else(PoisonError::into_inner);
    for (secret, _) in secrets.iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), "***");
        }
    }
    // Percent-encoded forms (a token in a query string or a URL).
    for encoded in secrets.iter().filter_map(|(_, e)| e.as_deref()) {
        if out.contains(encoded) {
            out = out.replace(encoded, "***");
        }
    }
    out
}

/// [`clean`], or `None` when `text` holds nothing to remove (the common
/// case, without copying it).
pub fn cleaned(text: &str) -> Option<String> {
    let has_secret = {
        let secrets = SECRETS.lock().unwrap_or_else(PoisonError::into_inner);
        secrets.iter().any(|(s, e)| {
            text.contains(s.as_str()) || e.as_deref().is_some_and(|e| text.contains(e))
        })
    };
    if !has_secret && !has_url_password(text) {
        return None;
    }
    let out = clean(text);
    (out != text).then_some(out)
}

/// Whether some `scheme://user:password@host` in `text` has a password.
fn has_url_password(text: &str) -> bool {
    text.match_indices("://").any(|(at, _)| {
        let tail = &text[at + 3..];
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace() || c == '"')
            .unwrap_or(tail.len());
        tail[..end]
            .rfind('@')
            .is_some_and(|at_sign| tail[..at_sign].contains(':'))
    })
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
    fn short_secrets_are_registered_too() {
        register("Q7z");
        assert_eq!(clean("pw Q7z."), "pw ***.");
    }

    #[test]
    fn registered_secrets_are_removed_everywhere() {
        register("s3cr3t-token/+x");
        let shown = clean("Bad token Token token=s3cr3t-token/+x; q=s3cr3t-token%2F%2Bx; ab");
        assert_eq!(shown, "Bad token Token token=***; q=***; ab");
        assert_eq!(cleaned("nothing here"), None);
        assert_eq!(cleaned("see https://h/p?a=b@c:d"), None);
        assert_eq!(
            cleaned("GET http://u:pw12@h/x").as_deref(),
            Some("GET http://u:***@h/x")
        );
        assert_eq!(cleaned("t=s3cr3t-token/+x").as_deref(), Some("t=***"));
    }
}
