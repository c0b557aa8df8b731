//! The one HTTP client: timeouts, an overall deadline, bounded answers,
//! same-origin redirects only, the retry policy of [`retry`], loopback-only
//! plain HTTP, and requests that can be shown with their secrets redacted.

mod body;
mod budget;
mod error;
pub mod redact;
mod request;
pub(crate) mod retry;
mod secret;

use body::problem_detail;
pub use body::{decode_json, terminal_safe_json, MAX_TEXT_CHARS};
pub use budget::{incomplete, ListBudget, MAX_LIST_BYTES, MAX_LIST_ITEMS, MAX_LIST_PAGES};
pub use error::{seconds, HttpError, Waited};
pub use request::{
    base_url, endpoint, pagerduty_headers, redact, shown_url, slack_headers, Request,
};
pub use secret::Secret;

use std::io::Read;
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use reqwest::header::{HeaderMap, LOCATION};
use reqwest::{StatusCode, Url};

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
    /// How long an answer may take before dw says it is still waiting.
    pub slow: Duration,
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
            slow: Duration::from_secs(3),
        }
    }
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
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
            let outcome = self.attempt_saying_when_slow(req, timeout, &service);
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

    /// [`Self::attempt`], and when no answer has come after `settings.slow`
    /// (and the timeout is longer), one notice that dw is still waiting: a person
    /// at 3 a.m. must not stare at a silent terminal.
    fn attempt_saying_when_slow(
        &self,
        req: &Request,
        timeout: Duration,
        service: &str,
    ) -> Result<Response, Failure> {
        let slow = self.settings.slow;
        if timeout <= slow {
            return self.attempt(req, timeout);
        }
        let (done, wait) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(slow) {
                    self.observe(&Event::Waiting {
                        notice: format!(
                            "{service} has not answered after {}; waiting up to {}",
                            seconds(slow),
                            seconds(timeout)
                        ),
                    });
                }
            });
            let outcome = self.attempt(req, timeout);
            // Wakes the watcher at once; it says nothing when the answer was quick.
            let _ = done.send(());
            outcome
        })
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
                        crate::text::terminal_safe(&shown)
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
