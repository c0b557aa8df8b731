//! A stateful PagerDuty mock (overrides and on-calls) for `sync pagerduty`
//! and `check --pagerduty`: it keeps the overrides dw creates, and
//! `/oncalls` answers what they imply on top of a base layer the test
//! chooses. Fixtures: `tests/fixtures/truth-*.toml` (America/Chicago).

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::{fixture_text, Dw, Run, Sandbox};

/// A distinctive token: it must never show up in anything dw prints.
pub const TOKEN: &str = "pdtok-TRUTH-51c0ffee";
pub const PD_ACCEPT: &str = "application/vnd.pagerduty+json;version=2";

/// The team of the sync, check, plan and who tests (America/Chicago).
pub const TEAM: &str = "truth-team.toml";
/// Tuesday 2026-03-03 12:00 in Chicago: two hours into week 8 (ada, bob, cy, dee).
pub const AT: &str = "2026-03-03T12:00";
/// `AT` as an instant.
pub const AT_RFC3339: &str = "2026-03-03T12:00:00-06:00";
/// Thursday of the same week: a later run, as a scheduled job would make it.
pub const LATER: &str = "2026-03-05T08:00";
pub const LATER_RFC3339: &str = "2026-03-05T08:00:00-06:00";

pub const PRIMARY: &str = "PSCHEDP";
pub const SECONDARY: &str = "PSCHEDS";

/// Weeks 8–11 of truth-team.toml: bounds (local, as dw sends them), primary and
/// secondary PagerDuty users. Week 8 crosses the DST change of March 8.
pub const WEEKS: [(&str, &str, &str, &str); 4] = [
    (
        "2026-03-03T10:00:00-06:00",
        "2026-03-10T10:00:00-05:00",
        "PUSERA1",
        "PUSERB1",
    ),
    (
        "2026-03-10T10:00:00-05:00",
        "2026-03-17T10:00:00-05:00",
        "PUSERB1",
        "PUSERC1",
    ),
    (
        "2026-03-17T10:00:00-05:00",
        "2026-03-24T10:00:00-05:00",
        "PUSERC1",
        "PUSERD1",
    ),
    (
        "2026-03-24T10:00:00-05:00",
        "2026-03-31T10:00:00-05:00",
        "PUSERD1",
        "PUSERA1",
    ),
];

pub fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("not RFC 3339: {s:?} ({e})"))
        .with_timezone(&Utc)
}

/// PagerDuty writes times in UTC with `Z`: dw must compare instants, not strings.
pub fn zulu(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// An override the mock holds.
#[derive(Debug, Clone)]
pub struct Held {
    pub schedule: String,
    pub id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub user: String,
}

/// A span of a schedule's own layers (below any override).
#[derive(Debug, Clone)]
pub struct Span {
    pub schedule: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub user: String,
}

/// One request as the mock saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub accept: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
}

impl Seen {
    pub fn writes(&self) -> bool {
        self.method != "GET"
    }

    pub fn param(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl PartialEq for Seen {
    fn eq(&self, other: &Self) -> bool {
        self.method == other.method && self.path == other.path && self.body == other.body
    }
}

#[derive(Debug, Default)]
pub struct State {
    pub overrides: Vec<Held>,
    pub base: Vec<Span>,
    pub seen: Vec<Seen>,
    pub next_id: u32,
    /// Answer every POSTed override with PagerDuty's per-item 400.
    pub reject: bool,
}

/// `wiremock::Respond` over shared state: GET/POST/DELETE overrides, GET /oncalls.
#[derive(Clone)]
pub struct PagerDutyMock(pub Arc<Mutex<State>>);

/// Items per page of `/oncalls`: small, so that dw must follow `more`.
pub const ONCALLS_PAGE: usize = 5;

pub fn error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": {"message": message}}))
}

pub fn header(req: &Request, name: &str) -> Option<String> {
    req.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

impl Respond for PagerDutyMock {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let mut state = self.0.lock().unwrap();
        let query: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        state.seen.push(Seen {
            method: req.method.to_string(),
            path: req.url.path().to_string(),
            query: query.clone(),
            accept: header(req, "accept"),
            content_type: header(req, "content-type"),
            body: body.clone(),
        });
        if header(req, "authorization").as_deref() != Some(&format!("Token token={TOKEN}")) {
            return error(401, "Unauthorized");
        }
        let param = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| DateTime::parse_from_rfc3339(v).ok())
                .map(|t| t.with_timezone(&Utc))
        };
        let path = req.url.path().trim_matches('/').to_string();
        let segments: Vec<&str> = path.split('/').collect();
        match (req.method.as_str(), segments.as_slice()) {
            ("GET", ["schedules", schedule, "overrides"]) => {
                let (Some(since), Some(until)) = (param("since"), param("until")) else {
                    return error(400, "since and until are required");
                };
                let list: Vec<Value> = state
                    .overrides
                    .iter()
                    .filter(|o| o.schedule == *schedule && o.start < until && o.end > since)
                    .map(|o| {
                        json!({
                            "id": o.id,
                            "start": zulu(o.start),
                            "end": zulu(o.end),
                            "user": {"id": o.user, "type": "user_reference", "summary": o.user},
                        })
                    })
                    .collect();
                ResponseTemplate::new(200).set_body_json(json!({ "overrides": list }))
            }
            ("POST", ["schedules", schedule, "overrides"]) => {
                let Some(items) = body.get("overrides").and_then(Value::as_array) else {
                    return error(400, "overrides is required");
                };
                let mut answers = Vec::new();
                for item in items.clone() {
                    let start = item["start"].as_str().map(instant);
                    let end = item["end"].as_str().map(instant);
                    let user = item["user"]["id"].as_str().map(str::to_string);
                    let valid = item["user"]["type"] == "user_reference"
                        && item["time_zone"].is_string()
                        && matches!((start, end), (Some(s), Some(e)) if s < e);
                    match (start, end, user) {
                        (Some(start), Some(end), Some(user)) if valid && !state.reject => {
                            state.next_id += 1;
                            let id = format!("POVR{:03}", state.next_id);
                            state.overrides.push(Held {
                                schedule: schedule.to_string(),
                                id: id.clone(),
                                start,
                                end,
                                user: user.clone(),
                            });
                            answers.push(json!({"status": 201, "override": {
                                "id": id,
                                "start": zulu(start),
                                "end": zulu(end),
                                "user": {"id": user, "type": "user_reference"},
                            }}));
                        }
                        _ => answers.push(json!({
                            "status": 400,
                            "errors": ["Override must end after its start"],
                        })),
                    }
                }
                ResponseTemplate::new(201).set_body_json(Value::Array(answers))
            }
            ("DELETE", ["schedules", schedule, "overrides", id]) => {
                let before = state.overrides.len();
                state
                    .overrides
                    .retain(|o| !(o.schedule == *schedule && o.id == *id));
                if state.overrides.len() == before {
                    error(404, "Not Found")
                } else {
                    ResponseTemplate::new(204)
                }
            }
            ("GET", ["oncalls"]) => {
                let (Some(since), Some(until)) = (param("since"), param("until")) else {
                    return error(400, "since and until are required");
                };
                let schedules: Vec<String> = query
                    .iter()
                    .filter(|(k, _)| k == "schedule_ids[]")
                    .map(|(_, v)| v.clone())
                    .collect();
                let all: Vec<Value> = schedules
                    .iter()
                    .flat_map(|s| state.on_call(s, since, until))
                    .collect();
                let offset: usize = query
                    .iter()
                    .find(|(k, _)| k == "offset")
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                let page: Vec<Value> = all
                    .iter()
                    .skip(offset)
                    .take(ONCALLS_PAGE)
                    .cloned()
                    .collect();
                ResponseTemplate::new(200).set_body_json(json!({
                    "oncalls": page,
                    "limit": ONCALLS_PAGE,
                    "offset": offset,
                    "more": offset + ONCALLS_PAGE < all.len(),
                }))
            }
            _ => error(404, "Not Found"),
        }
    }
}

impl State {
    /// Who is on call for `schedule` in `[since, until)`: the latest override
    /// covering a moment wins, else the base layer; adjacent equal spans merge.
    pub fn on_call(
        &self,
        schedule: &str,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Vec<Value> {
        let overrides: Vec<&Held> = self
            .overrides
            .iter()
            .filter(|o| o.schedule == schedule)
            .collect();
        let base: Vec<&Span> = self
            .base
            .iter()
            .filter(|b| b.schedule == schedule)
            .collect();
        let mut cuts: Vec<DateTime<Utc>> = vec![since, until];
        cuts.extend(overrides.iter().flat_map(|o| [o.start, o.end]));
        cuts.extend(base.iter().flat_map(|b| [b.start, b.end]));
        cuts.retain(|t| since <= *t && *t <= until);
        cuts.sort();
        cuts.dedup();
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>, String)> = Vec::new();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let user = overrides
                .iter()
                .rev()
                .find(|o| o.start <= a && a < o.end)
                .map(|o| o.user.clone())
                .or_else(|| {
                    base.iter()
                        .find(|s| s.start <= a && a < s.end)
                        .map(|s| s.user.clone())
                });
            let Some(user) = user else { continue };
            match spans.last_mut() {
                Some(last) if last.1 == a && last.2 == user => last.1 = b,
                _ => spans.push((a, b, user)),
            }
        }
        spans
            .into_iter()
            .map(|(a, b, user)| {
                json!({
                    "escalation_level": 1,
                    "schedule": {"id": schedule, "type": "schedule_reference"},
                    "user": {"id": user, "type": "user_reference", "summary": user},
                    "start": zulu(a),
                    "end": zulu(b),
                })
            })
            .collect()
    }
}

/// A mock server and its state.
pub struct PagerDuty {
    pub server: MockServer,
    pub state: Arc<Mutex<State>>,
}

impl PagerDuty {
    pub async fn start() -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State::default()));
        Mock::given(wiremock::matchers::any())
            .respond_with(PagerDutyMock(state.clone()))
            .mount(&server)
            .await;
        PagerDuty { server, state }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// The requests that change something, from request number `from` on.
    pub fn writes_since(&self, from: usize) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .skip(from)
            .filter(Seen::writes)
            .collect()
    }

    pub fn overrides(&self) -> Vec<Held> {
        self.state.lock().unwrap().overrides.clone()
    }

    pub fn set_base(&self, base: Vec<Span>) {
        self.state.lock().unwrap().base = base;
    }
}

/// The checks only this file makes, on the shared [`Run`].
pub trait Truth {
    /// [`Run::code`], and neither a panic nor the token in what dw printed.
    fn exits(&self, code: i32) -> &Run;
    /// The rows of the sync report: (week, role, member, action).
    fn sync_rows(&self) -> Vec<(String, String, String, String)>;
}

impl Truth for Run {
    fn exits(&self, code: i32) -> &Run {
        self.code(code);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(
            !self.stdout.contains(TOKEN) && !self.stderr.contains(TOKEN),
            "the token was printed"
        );
        self
    }

    fn sync_rows(&self) -> Vec<(String, String, String, String)> {
        self.stdout
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("WEEK"))
            .skip(1)
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                // week, day, date, role, member, action (one or two words)
                (
                    cols[0].to_string(),
                    cols[3].to_string(),
                    cols[4].to_string(),
                    cols[5..].join(" "),
                )
            })
            .collect()
    }
}

/// `dw --roster … --at WHEN ARGS…` with the mock's URL and (optionally) the token.
pub fn dw(sandbox: &Sandbox, pd: Option<&PagerDuty>, token: bool, args: &[&str]) -> Dw {
    let mut cmd = sandbox.dw(args);
    cmd.env("DW_HTTP_BACKOFF_MS", "1")
        .env("DW_HTTP_RETRIES", "1")
        .env("DW_HTTP_TIMEOUT", "10");
    if let Some(pd) = pd {
        cmd.env("DW_PAGERDUTY_URL", pd.server.uri());
    }
    if token {
        cmd.env("PAGERDUTY_TOKEN", TOKEN);
    }
    cmd
}

/// Run a blocking `dw` while the mock keeps serving on the runtime.
pub async fn run(cmd: Dw) -> Run {
    cmd.run_async().await
}

/// Run `dw` with the mock and the token.
pub async fn sync(sandbox: &Sandbox, pd: &PagerDuty, at: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--at", at, "sync", "pagerduty"];
    args.extend_from_slice(extra);
    run(dw(sandbox, Some(pd), true, &args)).await
}

/// Replace the sandbox's roster with `text`.
pub fn rewrite_roster(sandbox: &Sandbox, name: &str, text: &str) {
    std::fs::write(sandbox.work().join(name), text).unwrap();
}

/// The roster with one more override appended.
pub fn with_override(week: &str, role: &str, member: &str, reason: &str) -> String {
    format!(
        "{}\n[[overrides]]\nweek = {week}\nrole = \"{role}\"\nmember = \"{member}\"\nreason = \"{reason}\"\n",
        fixture_text(TEAM)
    )
}

/// The overrides dw should POST to one schedule for weeks 8–11, the current
/// week starting at `now` (PagerDuty's past is not rewritten).
pub fn expected_items(now: &str, column: usize) -> Vec<Value> {
    WEEKS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let user = if column == 0 { w.2 } else { w.3 };
            json!({
                "start": if i == 0 { now } else { w.0 },
                "end": w.1,
                "user": {"id": user, "type": "user_reference"},
                "time_zone": "America/Chicago",
            })
        })
        .collect()
}

/// A base layer that agrees with the roster for weeks 8–11 on both schedules.
pub fn agreeing_base() -> Vec<Span> {
    WEEKS
        .iter()
        .flat_map(|w| {
            [
                Span {
                    schedule: PRIMARY.into(),
                    start: instant(w.0),
                    end: instant(w.1),
                    user: w.2.into(),
                },
                Span {
                    schedule: SECONDARY.into(),
                    start: instant(w.0),
                    end: instant(w.1),
                    user: w.3.into(),
                },
            ]
        })
        .collect()
}

/// A base layer of one user on a schedule, forever.
pub fn everyone(schedule: &str, user: &str) -> Span {
    Span {
        schedule: schedule.into(),
        start: instant("2020-01-01T00:00:00Z"),
        end: instant("2030-01-01T00:00:00Z"),
        user: user.into(),
    }
}
