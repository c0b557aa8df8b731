//! The one HTTP client: timeouts, bounded retries with backoff, loopback-only
//! plain HTTP, and requests that can be shown with their secrets redacted.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::blocking::Client;
use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, StatusCode, Url};

/// How the client behaves; `Default` is what users get.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Per-request timeout (connect + read).
    pub timeout: Duration,
    /// Retries after the first attempt, for 429, 5xx and failed connections.
    pub retries: u32,
    /// First backoff delay; doubles with each retry.
    pub backoff: Duration,
    /// The longest `Retry-After` / `ratelimit-reset` dw is willing to wait.
    pub max_wait: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(15),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
        }
    }
}

/// A request as dw means to send it: shown by `--dry-run` and `-v`, then sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    pub url: Url,
    /// Headers besides User-Agent, including Authorization (redacted when shown).
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<serde_json::Value>,
    /// Safe to send twice (reads, deletes, keyed incident creation): a timed-out
    /// attempt is retried only when this is true.
    pub idempotent: bool,
}

impl Request {
    /// A request with no headers and no body.
    pub fn new(method: Method, url: Url) -> Self {
        let idempotent = method == Method::GET || method == Method::DELETE || method == Method::PUT;
        Request {
            method,
            url,
            headers: Vec::new(),
            body: None,
            idempotent,
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
}

/// Authorization values are shown as their scheme and `***`.
pub fn redact(name: &str, value: &str) -> String {
    if !name.eq_ignore_ascii_case("authorization") {
        return value.to_string();
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
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {}", redact(name, value))?;
        }
        if let Some(body) = &self.body {
            let text = serde_json::to_string_pretty(body).map_err(|_| fmt::Error)?;
            writeln!(f)?;
            writeln!(f, "{text}")?;
        }
        Ok(())
    }
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

/// Why a request failed, after the retries it was allowed.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot connect to {host}: {detail}")]
    Connect { host: String, detail: String },
    #[error("no answer from {host} within {seconds} s")]
    Timeout { host: String, seconds: f64 },
    #[error("rate limited by {host}; it asks to wait {seconds} s, longer than dw waits")]
    RateLimited { host: String, seconds: u64 },
    #[error("{host} answered HTTP {status}{detail}")]
    Status {
        host: String,
        status: u16,
        detail: String,
        body: String,
    },
    #[error("request to {host} failed: {detail}")]
    Other { host: String, detail: String },
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

/// Called with each request as it is sent and each answer as it comes (for `-v`).
pub type Observer = dyn Fn(&str) + Send + Sync;

/// The one HTTP client of dw.
pub struct Http {
    client: Client,
    settings: Settings,
    observer: Option<Box<Observer>>,
}

impl Http {
    /// Build the client. Fails only if the TLS backend cannot start.
    pub fn new(settings: Settings, observer: Option<Box<Observer>>) -> Result<Self, HttpError> {
        let client = Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .user_agent(concat!("dw/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HttpError::Other {
                host: String::new(),
                detail: e.to_string(),
            })?;
        Ok(Http {
            client,
            settings,
            observer,
        })
    }

    fn observe(&self, text: &str) {
        if let Some(o) = &self.observer {
            o(text);
        }
    }

    /// Send a request, retrying 429, 5xx and failed connections with backoff.
    /// Any status below 400 is returned; 4xx and exhausted retries are errors.
    pub fn send(&self, req: &Request) -> Result<Response, HttpError> {
        let host = req.url.host_str().unwrap_or("the server").to_string();
        let mut attempt = 0;
        loop {
            self.observe(&format!("> {req}"));
            let outcome = self.attempt(req);
            let retry_in = match &outcome {
                Ok(resp) if resp.status == StatusCode::TOO_MANY_REQUESTS => {
                    let wait = wait_hint(&resp.headers).unwrap_or(self.backoff(attempt));
                    if wait > self.settings.max_wait {
                        return Err(HttpError::RateLimited {
                            host,
                            seconds: wait.as_secs(),
                        });
                    }
                    Some(wait)
                }
                // A 5xx may come after the server acted: resend only what is safe twice.
                Ok(resp) if resp.status.is_server_error() && req.idempotent => Some(
                    wait_hint(&resp.headers)
                        .filter(|w| *w <= self.settings.max_wait)
                        .unwrap_or(self.backoff(attempt)),
                ),
                Ok(_) => None,
                Err(e) if e.is_connect() => Some(self.backoff(attempt)),
                Err(e) if e.is_timeout() && req.idempotent => Some(self.backoff(attempt)),
                Err(_) => None,
            };
            if let Ok(resp) = &outcome {
                self.observe(&format!(
                    "< HTTP {} ({} bytes)",
                    resp.status,
                    resp.body.len()
                ));
            }
            match retry_in {
                Some(wait) if attempt < self.settings.retries => {
                    self.observe(&format!("  retrying in {} ms", wait.as_millis()));
                    std::thread::sleep(wait);
                    attempt += 1;
                }
                _ => return self.finish(outcome, host),
            }
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        self.settings
            .backoff
            .saturating_mul(1 << attempt.min(16))
            .min(self.settings.max_wait)
    }

    fn attempt(&self, req: &Request) -> Result<Response, reqwest::Error> {
        let mut builder = self.client.request(req.method.clone(), req.url.clone());
        for (name, value) in &req.headers {
            builder = builder.header(*name, value.as_str());
        }
        if let Some(body) = &req.body {
            builder = builder.body(body.to_string());
        }
        let resp = builder.send()?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.text()?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }

    fn finish(
        &self,
        outcome: Result<Response, reqwest::Error>,
        host: String,
    ) -> Result<Response, HttpError> {
        let seconds = self.settings.timeout.as_secs_f64();
        match outcome {
            Ok(resp) if resp.status.as_u16() < 400 => Ok(resp),
            Ok(resp) => {
                let detail = problem_detail(&resp);
                Err(HttpError::Status {
                    host,
                    status: resp.status.as_u16(),
                    detail,
                    body: resp.body,
                })
            }
            Err(e) if e.is_timeout() => Err(HttpError::Timeout { host, seconds }),
            Err(e) if e.is_connect() => Err(HttpError::Connect {
                host,
                detail: root_cause(&e),
            }),
            Err(e) => Err(HttpError::Other {
                host,
                detail: root_cause(&e),
            }),
        }
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// A short reason from an error answer: PagerDuty's error message, Slack's
/// `error`, or the mock's `sl-violations` header.
fn problem_detail(resp: &Response) -> String {
    let mut parts = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&resp.body) {
        if let Some(m) = v.pointer("/error/message").and_then(|m| m.as_str()) {
            parts.push(m.to_string());
        }
        if let Some(errors) = v.pointer("/error/errors").and_then(|e| e.as_array()) {
            parts.extend(errors.iter().filter_map(|e| e.as_str()).map(String::from));
        }
        if let Some(m) = v.get("error").and_then(|m| m.as_str()) {
            parts.push(m.to_string());
        }
    }
    if let Some(v) = resp
        .headers
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
    {
        parts.push(format!("sl-violations: {v}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(": {}", parts.join("; "))
    }
}

/// `Retry-After` (seconds; Slack and others) or PagerDuty's `ratelimit-reset`.
fn wait_hint(headers: &HeaderMap) -> Option<Duration> {
    ["retry-after", "ratelimit-reset"]
        .iter()
        .filter_map(|h| headers.get(*h))
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.trim().parse::<f64>().ok())
        .find(|s| s.is_finite() && *s >= 0.0)
        .map(|s| Duration::from_secs_f64(s.min(86_400.0)))
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
    use reqwest::header::HeaderValue;

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

    #[test]
    fn wait_hint_reads_both_headers() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(wait_hint(&h), Some(Duration::from_secs(2)));
        let mut h = HeaderMap::new();
        h.insert("ratelimit-reset", HeaderValue::from_static("1.5"));
        assert_eq!(wait_hint(&h), Some(Duration::from_millis(1500)));
        let mut h = HeaderMap::new();
        h.insert(
            "retry-after",
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(wait_hint(&h), None);
    }
}
