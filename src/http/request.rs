//! A request as dw shows and sends it, and the URLs it may go to: https, or
//! plain http to a loopback host only.

use std::fmt;
use std::net::IpAddr;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, Url};

/// A request as dw means to send it: shown by `--dry-run` and `-v`, then sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    pub url: Url,
    /// Headers besides User-Agent, including Authorization (redacted when shown).
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<serde_json::Value>,
    /// Safe to send twice (reads, deletes, keyed incident creation): a 5xx or
    /// a timed-out attempt is retried only when this is true.
    pub idempotent: bool,
    /// Who answers, for messages: `PagerDuty`, `Slack` (else the host).
    pub service: &'static str,
}

impl Request {
    /// A request with no headers and no body; GET, PUT and DELETE are idempotent.
    pub fn new(method: Method, url: Url) -> Self {
        let idempotent = method == Method::GET || method == Method::DELETE || method == Method::PUT;
        Request {
            method,
            url,
            headers: Vec::new(),
            body: None,
            idempotent,
            service: "",
        }
    }

    /// Add a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Set the JSON body.
    pub fn json(mut self, body: serde_json::Value) -> Self {
        self.body = Some(body);
        self
    }

    /// The service name for messages, or the host.
    pub fn service_name(&self) -> String {
        if self.service.is_empty() {
            self.url.host_str().unwrap_or("the server").to_string()
        } else {
            self.service.to_string()
        }
    }

    /// The URL as shown: without a password.
    pub fn shown_url(&self) -> String {
        shown_url(&self.url)
    }
}

/// A URL as dw shows it: a password in it is replaced by `***`.
pub fn shown_url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("***"));
    }
    super::redact::clean(shown.as_str())
}

/// Authorization values are shown as their scheme and `***`.
pub fn redact(name: &str, value: &str) -> String {
    if !name.eq_ignore_ascii_case("authorization") {
        return super::redact::clean(value);
    }
    if value.starts_with("Token token=") {
        "Token token=***".into()
    } else if value.starts_with("Bearer ") {
        "Bearer ***".into()
    } else {
        "***".into()
    }
}

impl fmt::Display for Request {
    /// `POST https://…` then headers and the pretty JSON body, secrets redacted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.shown_url())?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {}", redact(name, value))?;
        }
        if let Some(body) = &self.body {
            let text = serde_json::to_string_pretty(body).map_err(|_| fmt::Error)?;
            writeln!(f)?;
            writeln!(f, "{}", super::redact::clean(&text))?;
        }
        Ok(())
    }
}

/// Check a base URL from the environment: https, or http to a loopback host.
pub fn base_url(raw: &str, variable: &str) -> Result<Url, String> {
    let url = Url::parse(raw.trim()).map_err(|e| format!("{variable}={raw} is not a URL ({e})"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "{variable}={raw} uses plain http:// to a host that is not loopback; tokens would cross the network unencrypted. Use https://"
            ))
        }
        other => return Err(format!("{variable}={raw}: unsupported scheme {other}://; use https://")),
    }
    if url.cannot_be_a_base() {
        return Err(format!("{variable}={raw} cannot be a base URL"));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Join `path` (e.g. `/incidents`) onto a base URL that may have a path of its own.
pub fn endpoint(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!(
        "{}/{}",
        base.path().trim_end_matches('/'),
        path.trim_start_matches('/')
    );
    url.set_path(&joined);
    url
}

/// Headers every PagerDuty REST request carries.
pub fn pagerduty_headers(token: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            ACCEPT.as_str(),
            "application/vnd.pagerduty+json;version=2".into(),
        ),
        (CONTENT_TYPE.as_str(), "application/json".into()),
        (AUTHORIZATION.as_str(), format!("Token token={token}")),
    ]
}

/// Headers every Slack Web API request carries.
pub fn slack_headers(token: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            CONTENT_TYPE.as_str(),
            "application/json; charset=utf-8".into(),
        ),
        (AUTHORIZATION.as_str(), format!("Bearer {token}")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(base_url("http://127.0.0.1:4010", "X").is_ok());
        assert!(base_url("http://localhost:1", "X").is_ok());
        assert!(base_url("http://[::1]:1/api", "X").is_ok());
        assert!(base_url("https://api.pagerduty.com", "X").is_ok());
        assert!(base_url("http://api.pagerduty.com", "X")
            .unwrap_err()
            .contains("not loopback"));
        assert!(base_url("http://10.0.0.1", "X").is_err());
        assert!(base_url("ftp://127.0.0.1", "X").is_err());
        assert!(base_url("not a url", "X").is_err());
    }

    #[test]
    fn endpoint_keeps_the_base_path() {
        let base = Url::parse("https://slack.com/api").unwrap();
        assert_eq!(
            endpoint(&base, "/chat.postMessage").as_str(),
            "https://slack.com/api/chat.postMessage"
        );
        let base = Url::parse("http://127.0.0.1:4010/").unwrap();
        assert_eq!(
            endpoint(&base, "/incidents").as_str(),
            "http://127.0.0.1:4010/incidents"
        );
    }

    #[test]
    fn display_redacts_tokens() {
        let req = Request::new(Method::POST, Url::parse("https://x.test/a").unwrap())
            .header("Authorization", "Token token=s3cret")
            .json(serde_json::json!({"a": 1}));
        let shown = req.to_string();
        assert!(!shown.contains("s3cret"));
        assert!(shown.contains("Authorization: Token token=***"));
        assert_eq!(redact("authorization", "Bearer xoxb-1"), "Bearer ***");
    }
}
