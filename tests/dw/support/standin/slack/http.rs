//! The Slack stand-in's HTTP side: the responder that counts requests,
//! answers rate limits and faults, checks the token and routes on the
//! method name; arguments from query, form or JSON; Slack's `ok`/error
//! answers, `missing_scope`, and cursor pagination; the setters for scopes,
//! page sizes, rate limits and faults, and the requests seen.

use std::sync::{Arc, Mutex};

use serde_json::{json, Map, Value};
use wiremock::{Request, Respond, ResponseTemplate};

use super::super::{Answer, Fault, Seen};
use super::{lock, Slack, State, SCOPES, WRITE_METHODS};

impl Slack {
    /// The token lacks `scope`: the methods that need it answer `missing_scope`.
    pub fn without_scope(&self, scope: &str) {
        self.state().missing_scopes.push(scope.into());
    }

    /// Return at most `n` items per page whatever the `limit` (Slack may).
    pub fn set_max_page(&self, n: Option<usize>) {
        self.state().max_page = n;
    }

    /// The requests that change something in Slack, in arrival order
    /// (whatever the HTTP method: Slack takes a POST or a GET for any method).
    pub fn write_calls(&self) -> Vec<Seen> {
        self.state()
            .seen
            .iter()
            .filter(|s| {
                let method = s.path.rsplit('/').next().unwrap_or_default();
                WRITE_METHODS.contains(&method)
            })
            .cloned()
            .collect()
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.state().seen.clone()
    }

    /// Answer 429 to the next `n` requests, with `Retry-After: retry_after`.
    pub fn rate_limit(&self, n: u32, retry_after: u64) {
        let mut s = self.state();
        s.rate_limited = n;
        s.retry_after = retry_after;
    }

    /// A one-shot fault for the next request matching `method` and `path`
    /// (the path as requested, e.g. `/api/chat.postMessage`).
    pub fn fault(&self, method: &str, path: &str, fault: Fault) {
        self.state().faults.push(method, path, fault);
    }
}

#[derive(Clone)]
pub(super) struct Responder(pub(super) Arc<Mutex<State>>);

/// Slack's answer to a token without `needed`.
pub(super) fn missing_scope(needed: &str, missing: &[String]) -> Answer {
    let provided: Vec<&str> = SCOPES
        .iter()
        .copied()
        .filter(|s| !missing.iter().any(|m| m == s))
        .collect();
    Answer::json(
        200,
        json!({"ok": false, "error": "missing_scope", "needed": needed,
               "provided": provided.join(",")}),
    )
}

pub(super) fn fail(error: &str) -> Answer {
    Answer::json(200, json!({"ok": false, "error": error}))
}

pub(super) fn ok(mut body: Value) -> Answer {
    body["ok"] = json!(true);
    Answer::json(200, body)
}

/// Query, form and JSON arguments, merged.
pub(super) fn args(seen: &Seen) -> Map<String, Value> {
    let mut out: Map<String, Value> = seen
        .query
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    if let Value::Object(body) = &seen.body {
        out.extend(body.clone());
    }
    out
}

pub(super) fn arg<'a>(args: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    args.get(name).and_then(Value::as_str)
}

pub(super) fn flag(args: &Map<String, Value>, name: &str) -> bool {
    matches!(args.get(name), Some(Value::Bool(true)))
        || matches!(arg(args, name), Some("true" | "1"))
}

impl Respond for Responder {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let seen = Seen::from_request(req);
        let mut state = lock(&self.0);
        state.seen.push(seen.clone());
        if state.rate_limited > 0 {
            state.rate_limited -= 1;
            return Answer::json(429, json!({"ok": false, "error": "ratelimited"}))
                .header("retry-after", state.retry_after)
                .template(None);
        }
        match state.faults.take(&seen.method, &seen.path) {
            Some(Fault::Reply(status, body)) => Answer::raw(status, body).template(None),
            Some(Fault::AppliedThen(status, body)) => {
                state.handle(&seen);
                Answer::raw(status, body).template(None)
            }
            Some(Fault::Delay(d)) => state.handle(&seen).template(Some(d)),
            Some(Fault::Hold(true)) => state.handle(&seen).template(Some(super::super::HOLD)),
            Some(Fault::Hold(false)) => {
                Answer::raw(504, "Gateway Timeout".into()).template(Some(super::super::HOLD))
            }
            None => state.handle(&seen).template(None),
        }
    }
}

/// A cursor for `offset` (opaque to clients, like Slack's).
fn cursor(offset: usize) -> String {
    format!("bmV4dF9pZDo{offset:x}")
}

fn offset(cursor: &str) -> Option<usize> {
    usize::from_str_radix(cursor.strip_prefix("bmV4dF9pZDo")?, 16).ok()
}

impl State {
    fn handle(&mut self, seen: &Seen) -> Answer {
        let args = args(seen);
        let bearer = seen
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::to_string)
            .or_else(|| arg(&args, "token").map(str::to_string));
        match bearer {
            None => return fail("not_authed"),
            Some(t) if t != self.token => return fail("invalid_auth"),
            Some(_) => {}
        }
        let method = seen.path.rsplit('/').next().unwrap_or_default();
        match method {
            "auth.test" => ok(json!({
                "url": "https://standin.slack.com/", "team": "Stand-in", "user": "dw",
                "team_id": "T0STANDIN", "user_id": "U0DWBOT", "bot_id": "B0DWBOT",
            })),
            "chat.postMessage" => self.post_message(&args),
            "conversations.list" => self.list_channels(&args),
            "conversations.setTopic" => self.set_topic(&args),
            "conversations.history" => self.history(&args),
            "conversations.info" => self.info(&args),
            "usergroups.users.list" => self.group_users(&args),
            "conversations.open" => self.open(&args),
            "users.lookupByEmail" => self.lookup_by_email(&args),
            "usergroups.list" => self.list_groups(&args),
            "usergroups.users.update" => self.update_group(&args),
            _ => Answer::json(404, json!({"ok": false, "error": "unknown_method"})),
        }
    }

    /// Cursor pagination: (page, next_cursor) or a Slack error.
    pub(super) fn paginate(
        &self,
        args: &Map<String, Value>,
        all: Vec<Value>,
    ) -> Result<(Vec<Value>, String), Answer> {
        let limit = match args.get("limit") {
            None => 100,
            Some(v) => match v
                .as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            {
                Some(n) if (1..=1000).contains(&n) => n as usize,
                _ => return Err(fail("invalid_limit")),
            },
        };
        let start = match arg(args, "cursor").filter(|c| !c.is_empty()) {
            None => 0,
            Some(c) => match offset(c) {
                Some(n) if n <= all.len() => n,
                _ => return Err(fail("invalid_cursor")),
            },
        };
        let take = self.max_page.map_or(limit, |m| m.min(limit));
        let page: Vec<Value> = all.iter().skip(start).take(take).cloned().collect();
        let end = start + page.len();
        let next = if end < all.len() {
            cursor(end)
        } else {
            String::new()
        };
        Ok((page, next))
    }

    /// `missing_scope` when the token lacks `needed`.
    pub(super) fn lacks(&self, needed: &str) -> Option<Answer> {
        self.missing_scopes
            .iter()
            .any(|s| s == needed)
            .then(|| missing_scope(needed, &self.missing_scopes))
    }
}
