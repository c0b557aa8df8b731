//! Typed client of the PagerDuty REST API v2. Prints nothing.
//!
//! Field names follow PagerDuty's REST API v2 OpenAPI description.

use reqwest::{Method, Url};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::http::{
    decode_json, endpoint, incomplete, pagerduty_headers, Http, HttpError, ListBudget, Request,
    Secret,
};

mod incidents;
mod schedules;
mod setup;
pub mod types;

pub use schedules::item_outcomes;
pub use types::*;

/// The production API.
pub const DEFAULT_URL: &str = "https://api.pagerduty.com";

/// Page size for list calls (PagerDuty's maximum is 100).
const PAGE: usize = 100;

/// The PagerDuty REST client.
pub struct PagerDuty<'h> {
    http: &'h Http,
    base: Url,
    token: Secret,
    from: Option<String>,
    /// The last 401 or 403 a write answered (0: none), for the batched
    /// writes whose failures become rows rather than errors.
    refused: std::sync::atomic::AtomicU16,
    /// PagerDuty's clock: the latest `Date` of its answers.
    clock: std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>,
}

/// Why a PagerDuty call failed. Turned into the command's error (with its
/// printed message unchanged) in `commands/`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request failed: no answer, an error status, a refused redirect, an
    /// ambiguous failure of a request that is not safe to repeat…
    #[error("PagerDuty {what}: {source}")]
    Http {
        what: String,
        #[source]
        source: Box<HttpError>,
    },
    /// The answer is not what dw expects.
    #[error("PagerDuty {what}: {detail}")]
    Answer { what: String, detail: String },
}

/// The HTTP status of a failure that has one.
pub fn status_of(e: &HttpError) -> Option<u16> {
    match e {
        HttpError::Status { status, .. } => Some(*status),
        HttpError::Ambiguous { status, .. } => *status,
        _ => None,
    }
}

impl ApiError {
    /// The HTTP status PagerDuty answered, when it answered an error status.
    pub fn status(&self) -> Option<u16> {
        self.http().and_then(status_of)
    }

    /// The HTTP failure underneath, if that is what it was.
    pub fn http(&self) -> Option<&HttpError> {
        match self {
            ApiError::Http { source, .. } => Some(source.as_ref()),
            ApiError::Answer { .. } => None,
        }
    }

    /// A request that is not safe to repeat may or may not have taken effect.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self.http(), Some(HttpError::Ambiguous { .. }))
    }
}

/// Results of the PagerDuty client.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

fn service_error(what: &str, e: HttpError) -> ApiError {
    ApiError::Http {
        what: what.to_string(),
        source: Box::new(e),
    }
}

fn answer_error(what: &str, detail: String) -> ApiError {
    ApiError::Answer {
        what: what.to_string(),
        detail,
    }
}

/// Decode a PagerDuty answer into `T`; every string in it is made
/// terminal-safe first (see [`crate::http::decode_json`]).
pub fn decode<T: DeserializeOwned>(what: &str, body: &str) -> Result<T> {
    let wrong = |e: serde_json::Error| {
        answer_error(what, format!("the answer is not the JSON dw expects ({e})"))
    };
    let value = decode_json(body).map_err(wrong)?;
    serde_json::from_value(value).map_err(wrong)
}

impl<'h> PagerDuty<'h> {
    /// A client for `base` (see `DW_PAGERDUTY_URL`); `from` is the requester's email.
    pub fn new(http: &'h Http, base: Url, token: Secret, from: Option<String>) -> Self {
        PagerDuty {
            http,
            base,
            token,
            from,
            refused: std::sync::atomic::AtomicU16::new(0),
            clock: std::sync::Mutex::new(None),
        }
    }

    /// PagerDuty's own clock: the latest `Date` header of its answers so far
    /// (none when it sent none that could be read).
    pub fn server_time(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        *self
            .clock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Remember the `Date` of an answer (RFC 9110's IMF-fixdate).
    fn saw_date(&self, headers: &reqwest::header::HeaderMap) {
        let Some(date) = headers
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok())
        else {
            return;
        };
        let date = date.with_timezone(&chrono::Utc);
        let mut clock = self
            .clock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if clock.is_none_or(|c| c < date) {
            *clock = Some(date);
        }
    }

    /// Remember a 401 or 403 in `e`: PagerDuty refused the token.
    fn note_refusal(&self, e: &HttpError) {
        if let Some(status @ (401 | 403)) = status_of(e) {
            self.refused
                .store(status, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// The 401 or 403 a write of this client got, if any: the key was
    /// rejected, or it may not write (a read-only key).
    pub fn refused(&self) -> Option<u16> {
        match self.refused.load(std::sync::atomic::Ordering::Relaxed) {
            0 => None,
            status => Some(status),
        }
    }

    /// The base URL this client talks to.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    fn request(&self, method: Method, path: &str, query: &[(&str, String)]) -> Request {
        let mut url = endpoint(&self.base, path);
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        let mut req = Request::new(method, url);
        req.headers = pagerduty_headers(self.token.expose());
        req.service = "PagerDuty";
        req
    }

    fn send(&self, what: &str, req: &Request) -> Result<String> {
        self.http
            .send(req)
            .map(|r| {
                self.saw_date(&r.headers);
                r.body
            })
            .map_err(|e| service_error(what, e))
    }

    /// Every item of a paginated list, following `more` to the end or
    /// until the list's budget ([`ListBudget`]) is spent, which is said in a
    /// notice ("this list is incomplete"). Memory stays near the budget: a
    /// page's answer is dropped once its items are decoded, and only a hash
    /// of each page is kept to notice a server answering the same page again.
    fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>> {
        let what = format!("GET {path}");
        let mut items = Vec::new();
        let mut budget = ListBudget::new();
        let mut offset = 0;
        loop {
            if budget.spent() {
                self.http.notice(incomplete("PagerDuty", &what, &budget));
                break;
            }
            let mut q = query.to_vec();
            q.push(("limit", PAGE.to_string()));
            q.push(("offset", offset.to_string()));
            let body = self.send(&what, &self.request(Method::GET, path, &q))?;
            budget.read_page(body.len());
            let mut page: Value = decode(&what, &body)?;
            drop(body);
            let more = page.get("more").and_then(Value::as_bool).unwrap_or(false);
            let list = match page.get_mut(key).map(Value::take) {
                Some(list @ Value::Array(_)) => list,
                _ => {
                    return Err(answer_error(
                        &what,
                        format!("the answer has no `{key}` list"),
                    ))
                }
            };
            drop(page);
            // A server that answers the same page again would loop forever.
            if !budget.first_time(&list) {
                break;
            }
            let Value::Array(list) = list else { break };
            if list.is_empty() {
                break;
            }
            offset += list.len();
            let room = budget.room();
            let cut = list.len() > room;
            budget.keep(list.len().min(room));
            for item in list.into_iter().take(room) {
                items.push(serde_json::from_value(item).map_err(|e| {
                    answer_error(&what, format!("an item is not what dw expects ({e})"))
                })?);
            }
            if cut {
                self.http.notice(incomplete("PagerDuty", &what, &budget));
                break;
            }
            if !more {
                break;
            }
        }
        Ok(items)
    }
}

/// Percent-encode an ID for use as one path segment.
fn path_segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}
