//! Stand-ins for PagerDuty's REST API and Slack's Web API: local
//! `wiremock` servers with state, that answer the way the real services do
//! (pagination, limits, ordering, error shapes, rate limits), so that tests
//! check dw against the services and not against our idea of them.
//!
//! Each stand-in is one `MockServer` with one catch-all `Respond` that routes
//! on method and path over shared state (`Arc<Mutex<…>>`).
//!
//! Common API (both stand-ins):
//! - `async fn start() -> Self`; `fn url(&self) -> String` (the base URL to
//!   give dw: `DW_PAGERDUTY_URL`, `DW_SLACK_URL`);
//! - `fn requests(&self) -> Vec<Seen>`: every request in arrival order, also
//!   those answered with a fault or a 429; `Seen { method, path, query, body,
//!   headers }` (header names lower-case; `body` is the JSON, or the form
//!   fields as an object, or `Value::String` of the raw text, or `Null`);
//! - `fn set_now(&self, DateTime<Utc>)`: the stand-in's clock (never the
//!   machine's); default [`DEFAULT_NOW`];
//! - `fn rate_limit(&self, n, …)`: answer 429 to the next `n` requests;
//! - `fn fault(&self, method, path, Fault)`: a one-shot fault for the next
//!   request that matches (`method` `"*"` = any; `path` exact, or a prefix
//!   when it ends with `*`); several queued faults are used in order.
//!
//! See `pagerduty/` and `slack/` for each service's state and setters.
#![allow(dead_code)]

pub mod pagerduty;
pub mod slack;

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;
use wiremock::{Request, ResponseTemplate};

/// The clock of a stand-in until a test sets it: Thursday 2026-01-01 00:00 UTC.
pub const DEFAULT_NOW: &str = "2026-01-01T00:00:00Z";

/// One request as a stand-in saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Value,
    /// (lower-case name, value)
    pub headers: Vec<(String, String)>,
}

impl Seen {
    fn from_request(req: &Request) -> Seen {
        let headers: Vec<(String, String)> = req
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_ascii_lowercase(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let text = String::from_utf8_lossy(&req.body).into_owned();
        let form = headers.iter().any(|(k, v)| {
            k == "content-type" && v.starts_with("application/x-www-form-urlencoded")
        });
        let body = if text.is_empty() {
            Value::Null
        } else if form {
            Value::Object(
                url::form_urlencoded::parse(text.as_bytes())
                    .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                    .collect(),
            )
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Seen {
            method: req.method.to_string(),
            path: req.url.path().to_string(),
            query: req.url.query_pairs().into_owned().collect(),
            body,
            headers,
        }
    }

    /// A request that changes something (not GET).
    pub fn writes(&self) -> bool {
        self.method != "GET"
    }

    /// The first value of a query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a (repeated) query parameter, e.g. `schedule_ids[]`.
    pub fn params(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A header's value (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A one-shot misbehaviour for the next matching request.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Do the request (the write IS applied), then answer `status` with `body`
    /// (e.g. 502 and an HTML error page, as a gateway would).
    AppliedThen(u16, String),
    /// Answer `status` with `body` and do NOT apply the request: a failing
    /// DELETE (500), a 503, or a bogus 2xx (`200 {"error":…}`, `201 []`,
    /// truncated JSON).
    Reply(u16, String),
    /// Answer normally, after this delay (for concurrency tests).
    Delay(Duration),
    /// Hold the answer (for [`HOLD`]) so that a test can kill dw while it
    /// waits: `true` applies the request first (PagerDuty holds the answer),
    /// `false` does not (as if dw was killed before sending it). A dw that
    /// waited the whole hold would get the answer, or a 504.
    Hold(bool),
}

/// How long [`Fault::Hold`] holds an answer: far longer than any test waits.
pub const HOLD: Duration = Duration::from_secs(600);

#[derive(Debug, Default)]
pub(crate) struct Faults(Vec<(String, String, Fault)>);

impl Faults {
    pub(crate) fn push(&mut self, method: &str, path: &str, fault: Fault) {
        self.0
            .push((method.to_ascii_uppercase(), path.to_string(), fault));
    }

    /// The first queued fault that matches, removed from the queue.
    pub(crate) fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let i = self.0.iter().position(|(m, p, _)| {
            (m == "*" || m == method)
                && match p.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix),
                    None => p == path,
                }
        })?;
        Some(self.0.remove(i).2)
    }
}

/// An answer before it becomes a `ResponseTemplate`.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Option<String>,
    pub headers: Vec<(String, String)>,
}

impl Answer {
    pub(crate) fn json(status: u16, body: Value) -> Answer {
        Answer {
            status,
            body: Some(body.to_string()),
            headers: Vec::new(),
        }
    }

    pub(crate) fn empty(status: u16) -> Answer {
        Answer {
            status,
            body: None,
            headers: Vec::new(),
        }
    }

    pub(crate) fn raw(status: u16, body: String) -> Answer {
        Answer {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    pub(crate) fn header(mut self, name: &str, value: impl ToString) -> Answer {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub(crate) fn template(self, delay: Option<Duration>) -> ResponseTemplate {
        let mut t = ResponseTemplate::new(self.status);
        if let Some(body) = self.body {
            t = t.set_body_raw(body, "application/json");
        }
        for (k, v) in self.headers {
            t = t.insert_header(k.as_str(), v.as_str());
        }
        if let Some(d) = delay {
            t = t.set_delay(d);
        }
        t
    }
}

/// An RFC 3339 instant (with any offset) as UTC.
pub(crate) fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `s` as an instant; panics (test set-up only).
pub fn at(s: &str) -> DateTime<Utc> {
    parse_instant(s).unwrap_or_else(|| panic!("not RFC 3339: {s:?}"))
}
