//! The PagerDuty stand-in's HTTP side: the responder that counts requests,
//! answers rate limits and faults, checks the token and routes on method and
//! path; classic pagination; PagerDuty's error shape and time rendering; the
//! setters for requests seen, rate limits, faults, latency and endless pages.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::{json, Value};
use wiremock::{Request, Respond, ResponseTemplate};

use super::super::{Answer, Fault, Seen};
use super::{lock, PagerDuty, State};

impl PagerDuty {
    pub fn requests(&self) -> Vec<Seen> {
        self.state().seen.clone()
    }

    /// Answer 429 to the next `n` requests, with `ratelimit-reset: reset_secs`.
    pub fn rate_limit(&self, n: u32, reset_secs: u64) {
        let mut s = self.state();
        s.rate_limited = n;
        s.rate_reset = reset_secs;
    }

    /// A one-shot fault for the next request matching `method` and `path`.
    pub fn fault(&self, method: &str, path: &str, fault: Fault) {
        self.state().faults.push(method, path, fault);
    }

    /// Answer every request after `latency` (a far-away API), unless a fault says otherwise.
    pub fn set_latency(&self, latency: Option<std::time::Duration>) {
        self.state().latency = latency;
    }

    /// Every list answers `more: true`, forever (pages past the end are empty).
    pub fn set_endless_pages(&self, on: bool) {
        self.state().endless_pages = on;
    }
}

#[derive(Clone)]
pub(super) struct Responder(pub(super) Arc<Mutex<State>>);

pub(super) fn error(status: u16, message: &str, code: u32, errors: &[&str]) -> Answer {
    let mut e = json!({"message": message, "code": code});
    if !errors.is_empty() {
        e["errors"] = json!(errors);
    }
    Answer::json(status, json!({ "error": e }))
}

pub(super) fn invalid(detail: &str) -> Answer {
    error(400, "Invalid Input Provided", 2001, &[detail])
}

pub(super) fn not_found() -> Answer {
    error(404, "Not Found", 2100, &[])
}

pub(super) fn zulu(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn render(t: DateTime<Utc>, tz: Option<Tz>) -> String {
    match tz {
        Some(tz) => t
            .with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        None => zulu(t),
    }
}

pub(super) fn is_true(seen: &Seen, name: &str) -> bool {
    seen.param(name) == Some("true")
}

impl Respond for Responder {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let seen = Seen::from_request(req);
        let mut state = lock(&self.0);
        state.seen.push(seen.clone());
        if state.rate_limited > 0 {
            state.rate_limited -= 1;
            return error(429, "Rate Limit Exceeded", 2020, &[])
                .header("ratelimit-limit", 960)
                .header("ratelimit-remaining", 0)
                .header("ratelimit-reset", state.rate_reset)
                .template(None);
        }
        let fault = state.faults.take(&seen.method, &seen.path);
        // PagerDuty's clock, as every HTTP server sends it: the stand-in's.
        let date = state.now.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        let (answer, delay) = match fault {
            Some(Fault::Reply(status, body)) => (Answer::raw(status, body), None),
            Some(Fault::AppliedThen(status, body)) => {
                state.handle(&seen);
                (Answer::raw(status, body), None)
            }
            Some(Fault::Delay(d)) => (state.handle(&seen), Some(d)),
            Some(Fault::Hold(true)) => (state.handle(&seen), Some(super::super::HOLD)),
            Some(Fault::Hold(false)) => (
                error(504, "Gateway Timeout (stand-in hold)", 0, &[]),
                Some(super::super::HOLD),
            ),
            None => {
                let latency = state.latency;
                (state.handle(&seen), latency)
            }
        };
        answer.header("date", date).template(delay)
    }
}

impl State {
    fn handle(&mut self, seen: &Seen) -> Answer {
        if seen.header("authorization") != Some(&format!("Token token={}", self.token)) {
            return error(401, "Unauthorized", 2006, &[]);
        }
        let path = seen.path.trim_matches('/').to_string();
        let segments: Vec<&str> = path.split('/').collect();
        match (seen.method.as_str(), segments.as_slice()) {
            ("GET", ["schedules", id]) => self.get_schedule(seen, id),
            ("GET", ["schedules", id, "overrides"]) => self.list_overrides(seen, id),
            ("POST", ["schedules", id, "overrides"]) => self.create_overrides(seen, id),
            ("DELETE", ["schedules", id, "overrides", oid]) => self.delete_override(id, oid),
            ("GET", ["oncalls"]) => self.oncalls(seen),
            ("POST", ["incidents"]) => self.create_incident(seen),
            ("GET", ["incidents"]) => self.list_incidents(seen),
            ("GET", ["incidents", id]) => self.get_incident(id),
            ("GET", ["incidents", id, "log_entries"]) => self.log_entries(seen, id),
            ("GET", ["services"]) => self.list_services(seen),
            ("GET", ["escalation_policies", id]) => self.escalation_policy(id),
            ("GET", ["users", id]) => self.user(id),
            ("GET", ["services", id]) => self.get_service(id),
            _ => not_found(),
        }
    }

    /// Classic pagination over `all`.
    pub(super) fn page(&self, seen: &Seen, key: &str, all: Vec<Value>) -> Answer {
        let limit = match seen.param("limit").map(str::parse::<usize>) {
            None => 25,
            Some(Ok(n)) if n > 0 => n.min(100),
            Some(_) => return invalid("limit must be a positive integer"),
        };
        let offset = match seen.param("offset").map(str::parse::<usize>) {
            None => 0,
            Some(Ok(n)) => n,
            Some(Err(_)) => return invalid("offset must be a non-negative integer"),
        };
        let page: Vec<Value> = all.iter().skip(offset).take(limit).cloned().collect();
        let more = self.endless_pages || offset + page.len() < all.len();
        let total = if is_true(seen, "total") {
            json!(all.len())
        } else {
            Value::Null
        };
        Answer::json(
            200,
            json!({ key: page, "limit": limit, "offset": offset, "more": more, "total": total }),
        )
    }
}
