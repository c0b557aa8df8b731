//! The one HTTP client: timeouts, an overall deadline, bounded answers,
//! same-origin redirects only, the retry policy of [`retry`], loopback-only
//! plain HTTP, and requests that can be shown with their secrets redacted.

mod body;
pub mod redact;
pub mod retry;

use body::problem_detail;
pub use body::{decode_json, terminal_safe_json, MAX_TEXT_CHARS};

use std::fmt;
use std::io::Read;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION};
use reqwest::{Method, StatusCode, Url};

use retry::{Decision, Outcome, Why};

/// The most bytes dw reads of one answer: far more than any real PagerDuty
/// or Slack page, and small enough that a broken proxy cannot fill memory.
pub const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

/// How the client behaves; `Default` is what users get.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Per-request timeout (connect + read).
    pub timeout: Duration,
    /// Retries after the first attempt (see [`retry`] for which failures).
    pub retries: u32,
    /// First backoff delay; doubles with each retry, plus jitter.
    pub backoff: Duration,
    /// The longest `Retry-After` / `ratelimit-reset` dw is willing to wait.
    pub max_wait: Duration,
    /// All requests of one command together, waits included, end by then.
    pub deadline: Duration,
    /// The most bytes read of one answer.
    pub max_body: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(15),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
            deadline: Duration::from_secs(120),
            max_body: MAX_BODY_BYTES,
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
    redact::clean(shown.as_str())
}

/// Authorization values are shown as their scheme and `***`.
pub fn redact(name: &str, value: &str) -> String {
    if !name.eq_ignore_ascii_case("authorization") {
        return redact::clean(value);
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
            writeln!(f, "{}", redact::clean(&text))?;
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

/// Why a request failed, after the retries it was allowed. Every text in it
/// has been through [`redact::clean`].
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot connect to {host}: {detail}{waited}")]
    Connect {
        host: String,
        detail: String,
        waited: Waited,
    },
    #[error("no answer from {host} within {seconds} s{waited}")]
    Timeout {
        host: String,
        seconds: f64,
        waited: Waited,
    },
    #[error("rate limited by {host}; it asks to wait {seconds} s, longer than the {max} s dw waits{waited}")]
    RateLimited {
        host: String,
        seconds: u64,
        max: u64,
        waited: Waited,
    },
    #[error("{host} answered HTTP {status}{detail}{waited}")]
    Status {
        host: String,
        status: u16,
        detail: String,
        body: String,
        waited: Waited,
    },
    /// A request that is not safe to repeat got a 5xx or no answer: it may or
    /// may not have taken effect. The caller re-reads the state.
    #[error("{what}; the request may or may not have taken effect, and dw does not send it twice")]
    Ambiguous {
        host: String,
        what: String,
        status: Option<u16>,
    },
    #[error("{host} redirected the request (HTTP {status}) to {location}; dw follows redirects only within the same origin, and never from https to http")]
    Redirect {
        host: String,
        status: u16,
        location: String,
    },
    #[error("the answer from {host} is larger than {cap} bytes; dw stops reading there")]
    TooLarge { host: String, cap: u64 },
    #[error("{host}: the command's deadline of {limit} passed (DW_DEADLINE){waited}")]
    Deadline {
        host: String,
        /// The deadline, as shown (`120 s`).
        limit: String,
        waited: Waited,
    },
    #[error("request to {host} failed: {detail}")]
    Other { host: String, detail: String },
}

/// The time spent waiting between attempts, shown at the end of an error.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Waited {
    pub attempts: u32,
    pub total: Duration,
}

impl fmt::Display for Waited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.attempts <= 1 {
            return Ok(());
        }
        write!(
            f,
            " (after {} attempts, {} waited)",
            self.attempts,
            seconds(self.total)
        )
    }
}

/// `3 s`, `0.5 s`.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if (s - s.round()).abs() < 0.05 {
        format!("{} s", s.round())
    } else {
        format!("{s:.1} s")
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

/// What the client tells its observer (printing is the caller's business).
#[derive(Debug)]
pub enum Event<'a> {
    /// About to send `request`; `attempt` counts from 1, of at most `of`.
    Sending {
        request: &'a Request,
        attempt: u32,
        of: u32,
    },
    /// An answer came.
    Answered { status: u16, bytes: usize },
    /// dw waits before trying again; the text says why, for stderr.
    Waiting { notice: String },
    /// Something the person should know, from a client (e.g. a list that was
    /// cut short); for stderr.
    Notice { text: String },
}

/// Called with each event (for `-v` and the waiting notices). Every text an
/// event carries is already redacted.
pub type Observer = dyn Fn(&Event<'_>) + Send + Sync;

/// The one HTTP client of dw.
pub struct Http {
    client: Client,
    settings: Settings,
    observer: Option<Box<Observer>>,
    started: Instant,
    notices: std::sync::Mutex<Vec<String>>,
}

/// An attempt's failure before an answer was read.
enum Failure {
    Reqwest(reqwest::Error),
    ReadTimeout,
    Read(String),
    TooLarge,
}

impl Http {
    /// Build the client. Fails only if the TLS backend cannot start.
    pub fn new(settings: Settings, observer: Option<Box<Observer>>) -> Result<Self, HttpError> {
        let client = Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .redirect(same_origin_redirects())
            .user_agent(concat!("dw/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HttpError::Other {
                host: String::new(),
                detail: redact::clean(&e.to_string()),
            })?;
        Ok(Http {
            client,
            settings,
            observer,
            started: Instant::now(),
            notices: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// Tell the observer something for the person (clients print nothing),
    /// and keep it for [`Http::notices`].
    pub fn notice(&self, text: String) {
        let text = redact::clean(&text);
        self.observe(&Event::Notice { text: text.clone() });
        self.notices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(text);
    }

    /// Every notice so far (e.g. lists cut short), for a command's JSON output.
    pub fn notices(&self) -> Vec<String> {
        self.notices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn observe(&self, event: &Event<'_>) {
        if let Some(o) = &self.observer {
            o(event);
        }
    }

    /// Send a request under the retry policy of [`retry`]. Any status below
    /// 300 is returned; redirects to another origin, 4xx, 5xx after the
    /// retries and ambiguous failures are errors.
    pub fn send(&self, req: &Request) -> Result<Response, HttpError> {
        let host = req.url.host_str().unwrap_or("the server").to_string();
        let service = req.service_name();
        let mut waited = Waited::default();
        let mut attempt = 0;
        loop {
            let Some(left) = self.settings.deadline.checked_sub(self.started.elapsed()) else {
                return Err(self.deadline(host, waited));
            };
            waited.attempts = attempt + 1;
            self.observe(&Event::Sending {
                request: req,
                attempt: attempt + 1,
                of: self.settings.retries + 1,
            });
            let timeout = self.settings.timeout.min(left);
            let outcome = self.attempt(req, timeout);
            let (kind, hint) = match &outcome {
                Ok(resp) => {
                    self.observe(&Event::Answered {
                        status: resp.status.as_u16(),
                        bytes: resp.body.len(),
                    });
                    (
                        Outcome::Status(resp.status.as_u16()),
                        retry::wait_hint(&resp.headers),
                    )
                }
                Err(Failure::Reqwest(e)) if e.is_timeout() => (Outcome::TimedOut, None),
                Err(Failure::ReadTimeout) => (Outcome::TimedOut, None),
                Err(Failure::Reqwest(e)) if e.is_connect() => (Outcome::NotConnected, None),
                Err(_) => (Outcome::Failed, None),
            };
            if kind == Outcome::TimedOut && timeout < self.settings.timeout {
                return Err(self.deadline(host, waited));
            }
            match retry::decide(
                kind,
                req.idempotent,
                attempt,
                &self.settings,
                hint,
                retry::jitter(),
            ) {
                Decision::Done => return self.finish(outcome, host, timeout, waited),
                Decision::TooLong { asked } => {
                    return Err(HttpError::RateLimited {
                        host,
                        seconds: asked.as_secs(),
                        max: self.settings.max_wait.as_secs(),
                        waited,
                    })
                }
                Decision::Ambiguous => {
                    let (what, status) = match &outcome {
                        Ok(resp) => (
                            format!(
                                "{host} answered HTTP {}{}",
                                resp.status.as_u16(),
                                redact::clean(&problem_detail(resp))
                            ),
                            Some(resp.status.as_u16()),
                        ),
                        Err(_) => (
                            format!("no answer from {host} within {}", seconds(timeout)),
                            None,
                        ),
                    };
                    return Err(HttpError::Ambiguous { host, what, status });
                }
                Decision::Retry { wait, why } => {
                    if self.started.elapsed() + wait >= self.settings.deadline {
                        return Err(self.deadline(host, waited));
                    }
                    let next = format!("{} of {}", attempt + 2, self.settings.retries + 1);
                    let notice = match why {
                        Why::RateLimited => format!(
                            "{service} asks to wait {} (rate limited); waiting",
                            seconds(wait)
                        ),
                        Why::ServerError(status) => format!(
                            "{service} answered HTTP {status}; trying again in {} ({next})",
                            seconds(wait)
                        ),
                        Why::TimedOut => format!(
                            "{service} did not answer in {}; trying again ({next})",
                            seconds(timeout)
                        ),
                        Why::NotConnected => format!(
                            "cannot connect to {service}; trying again in {} ({next})",
                            seconds(wait)
                        ),
                    };
                    self.observe(&Event::Waiting { notice });
                    std::thread::sleep(wait);
                    waited.total += wait;
                    attempt += 1;
                }
            }
        }
    }

    fn deadline(&self, host: String, waited: Waited) -> HttpError {
        HttpError::Deadline {
            host,
            limit: seconds(self.settings.deadline),
            waited,
        }
    }

    fn attempt(&self, req: &Request, timeout: Duration) -> Result<Response, Failure> {
        let mut builder = self
            .client
            .request(req.method.clone(), req.url.clone())
            .timeout(timeout);
        for (name, value) in &req.headers {
            builder = builder.header(*name, value.as_str());
        }
        if let Some(body) = &req.body {
            builder = builder.body(body.to_string());
        }
        let resp = builder.send().map_err(Failure::Reqwest)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let cap = self.settings.max_body;
        if resp.content_length().is_some_and(|n| n > cap) {
            return Err(Failure::TooLarge);
        }
        // Read incrementally, at most cap + 1 bytes, whatever the headers say.
        let mut bytes = Vec::new();
        resp.take(cap.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| {
                let timed_out = e.kind() == std::io::ErrorKind::TimedOut;
                match e.into_inner().map(|i| i.downcast::<reqwest::Error>()) {
                    Some(Ok(re)) => Failure::Reqwest(*re),
                    _ if timed_out => Failure::ReadTimeout,
                    Some(Err(other)) => Failure::Read(other.to_string()),
                    None => Failure::Read("the answer broke off".into()),
                }
            })?;
        if bytes.len() as u64 > cap {
            return Err(Failure::TooLarge);
        }
        Ok(Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    fn finish(
        &self,
        outcome: Result<Response, Failure>,
        host: String,
        timeout: Duration,
        waited: Waited,
    ) -> Result<Response, HttpError> {
        match outcome {
            Ok(resp) if resp.status.is_redirection() => Err(HttpError::Redirect {
                host,
                status: resp.status.as_u16(),
                location: resp
                    .headers
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .map(|l| {
                        let shown = match Url::parse(l) {
                            Ok(u) => shown_url(&u),
                            Err(_) => redact::clean(l),
                        };
                        crate::render::terminal_safe(&shown)
                    })
                    .unwrap_or_else(|| "(no Location)".into()),
            }),
            Ok(resp) if resp.status.as_u16() < 400 => Ok(resp),
            Ok(resp) => {
                let detail = redact::clean(&problem_detail(&resp));
                Err(HttpError::Status {
                    host,
                    status: resp.status.as_u16(),
                    detail,
                    body: resp.body,
                    waited,
                })
            }
            Err(Failure::TooLarge) => Err(HttpError::TooLarge {
                host,
                cap: self.settings.max_body,
            }),
            Err(Failure::ReadTimeout) => Err(HttpError::Timeout {
                host,
                seconds: timeout.as_secs_f64(),
                waited,
            }),
            Err(Failure::Read(detail)) => Err(HttpError::Other {
                host,
                detail: redact::clean(&detail),
            }),
            Err(Failure::Reqwest(e)) if e.is_timeout() => Err(HttpError::Timeout {
                host,
                seconds: timeout.as_secs_f64(),
                waited,
            }),
            Err(Failure::Reqwest(e)) if e.is_connect() => Err(HttpError::Connect {
                host,
                detail: redact::clean(&root_cause(&e)),
                waited,
            }),
            Err(Failure::Reqwest(e)) => Err(HttpError::Other {
                host,
                detail: redact::clean(&root_cause(&e)),
            }),
        }
    }
}

/// Follow a redirect only to the same origin (scheme, host, port) as the
/// request, at most 5 times; anything else stops, and the 3xx itself is
/// returned (and reported by [`Http::send`]).
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same && attempt.previous().len() <= 5 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
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
