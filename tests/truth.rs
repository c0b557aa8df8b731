//! The roster as the source of truth (issue 4), end to end with the built `dw`:
//! `sync pagerduty` and `check --pagerduty` against a stateful local PagerDuty
//! mock, `plan` on pairs of roster fixtures and on a git revision, `explain`
//! snapshots, and `who --format env|tsv` read back by a shell.
//!
//! Every run: `env_clear()`, HOME and XDG_CONFIG_HOME in a temporary folder,
//! TZ=UTC, `--roster tests/fixtures/truth-*.toml` (explicit time zones) and a
//! fixed `--at`. The mock keeps the overrides dw creates, so a second run sees
//! what the first one wrote, and `/oncalls` answers what they imply on top of
//! a base layer the test chooses.

mod common;

use std::collections::BTreeSet;
use std::process::{Command as Process, Output};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use common::{run_code, stdout_ok, Run, Sandbox};

/// A distinctive token: it must never show up in anything dw prints.
const TOKEN: &str = "pdtok-TRUTH-51c0ffee";
const PD_ACCEPT: &str = "application/vnd.pagerduty+json;version=2";

/// The team of the sync, check, plan and who tests (America/Chicago).
const TEAM: &str = "truth-team.toml";
/// Tuesday 2026-03-03 12:00 in Chicago: two hours into week 8 (ada, bob, cy, dee).
const AT: &str = "2026-03-03T12:00";
/// `AT` as an instant.
const AT_RFC3339: &str = "2026-03-03T12:00:00-06:00";
/// Thursday of the same week: a later run, as a scheduled job would make it.
const LATER: &str = "2026-03-05T08:00";
const LATER_RFC3339: &str = "2026-03-05T08:00:00-06:00";

const PRIMARY: &str = "PSCHEDP";
const SECONDARY: &str = "PSCHEDS";

/// Weeks 8–11 of truth-team.toml: bounds (local, as dw sends them), primary and
/// secondary PagerDuty users. Week 8 crosses the DST change of March 8.
const WEEKS: [(&str, &str, &str, &str); 4] = [
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

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("not RFC 3339: {s:?} ({e})"))
        .with_timezone(&Utc)
}

/// PagerDuty writes times in UTC with `Z`: dw must compare instants, not strings.
fn zulu(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

// ---------------------------------------------------------------------------
// The stateful PagerDuty mock

/// An override the mock holds.
#[derive(Debug, Clone)]
struct Held {
    schedule: String,
    id: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    user: String,
}

/// A span of a schedule's own layers (below any override).
#[derive(Debug, Clone)]
struct Span {
    schedule: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    user: String,
}

/// One request as the mock saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    accept: Option<String>,
    content_type: Option<String>,
    body: Value,
}

impl Seen {
    fn writes(&self) -> bool {
        self.method != "GET"
    }

    fn param(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

#[derive(Debug, Default)]
struct State {
    overrides: Vec<Held>,
    base: Vec<Span>,
    seen: Vec<Seen>,
    next_id: u32,
    /// Answer every POSTed override with PagerDuty's per-item 400.
    reject: bool,
}

/// `wiremock::Respond` over shared state: GET/POST/DELETE overrides, GET /oncalls.
#[derive(Clone)]
struct PagerDutyMock(Arc<Mutex<State>>);

/// Items per page of `/oncalls`: small, so that dw must follow `more`.
const ONCALLS_PAGE: usize = 5;

fn error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": {"message": message}}))
}

fn header(req: &Request, name: &str) -> Option<String> {
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
    fn on_call(&self, schedule: &str, since: DateTime<Utc>, until: DateTime<Utc>) -> Vec<Value> {
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
struct PagerDuty {
    server: MockServer,
    state: Arc<Mutex<State>>,
}

impl PagerDuty {
    async fn start() -> Self {
        let server = MockServer::start().await;
        let state = Arc::new(Mutex::new(State::default()));
        Mock::given(wiremock::matchers::any())
            .respond_with(PagerDutyMock(state.clone()))
            .mount(&server)
            .await;
        PagerDuty { server, state }
    }

    fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// The requests that change something, from request number `from` on.
    fn writes_since(&self, from: usize) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .skip(from)
            .filter(Seen::writes)
            .collect()
    }

    fn overrides(&self) -> Vec<Held> {
        self.state.lock().unwrap().overrides.clone()
    }

    fn set_base(&self, base: Vec<Span>) {
        self.state.lock().unwrap().base = base;
    }
}

// ---------------------------------------------------------------------------
// Running dw

/// The checks only this file makes, on the shared [`Run`].
trait Truth {
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
fn dw(sandbox: &Sandbox, pd: Option<&PagerDuty>, token: bool, args: &[&str]) -> Process {
    let mut cmd = sandbox.dw_std(args);
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
async fn run(mut cmd: Process) -> Run {
    let out: Output = tokio::task::spawn_blocking(move || cmd.output().expect("run dw"))
        .await
        .unwrap();
    Run::from_output(&out)
}

/// Run `dw` with the mock and the token.
async fn sync(sandbox: &Sandbox, pd: &PagerDuty, at: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--at", at, "sync", "pagerduty"];
    args.extend_from_slice(extra);
    run(dw(sandbox, Some(pd), true, &args)).await
}

/// Replace the sandbox's roster with `text`.
fn rewrite_roster(sandbox: &Sandbox, name: &str, text: &str) {
    std::fs::write(sandbox.work().join(name), text).unwrap();
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(common::source(name)).unwrap()
}

/// The roster with one more override appended.
fn with_override(week: &str, role: &str, member: &str, reason: &str) -> String {
    format!(
        "{}\n[[overrides]]\nweek = {week}\nrole = \"{role}\"\nmember = \"{member}\"\nreason = \"{reason}\"\n",
        fixture_text(TEAM)
    )
}

/// The overrides dw should POST to one schedule for weeks 8–11, the current
/// week starting at `now` (PagerDuty's past is not rewritten).
fn expected_items(now: &str, column: usize) -> Vec<Value> {
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
fn agreeing_base() -> Vec<Span> {
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
fn everyone(schedule: &str, user: &str) -> Span {
    Span {
        schedule: schedule.into(),
        start: instant("2020-01-01T00:00:00Z"),
        end: instant("2030-01-01T00:00:00Z"),
        user: user.into(),
    }
}

// ---------------------------------------------------------------------------
// dw sync pagerduty

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_creates_then_changes_nothing_then_replaces_only_the_stale_week() {
    let pd = PagerDuty::start().await;
    // PagerDuty's own layers: someone else on primary, nobody on secondary.
    pd.set_base(vec![everyone(PRIMARY, "PUSERZZ")]);
    let sandbox = Sandbox::empty().roster(TEAM);

    // 1. The first run creates one override per week and role.
    let first = sync(&sandbox, &pd, AT, &[]).await;
    first.exits(0).stdout_has("Wrote 8 override(s).");
    let rows = first.sync_rows();
    assert_eq!(rows.len(), 8, "{}", first.stdout);
    let expected_rows: Vec<(String, String, String, String)> = [
        ("8", "primary", "ada"),
        ("8", "secondary", "bob"),
        ("9", "primary", "bob"),
        ("9", "secondary", "cy"),
        ("10", "primary", "cy"),
        ("10", "secondary", "dee"),
        ("11", "primary", "dee"),
        ("11", "secondary", "ada"),
    ]
    .iter()
    .map(|(w, r, m)| {
        (
            w.to_string(),
            r.to_string(),
            m.to_string(),
            "created".into(),
        )
    })
    .collect();
    assert_eq!(rows, expected_rows);

    let writes = pd.writes_since(0);
    assert_eq!(writes.len(), 2, "one POST per schedule: {writes:#?}");
    for (seen, schedule, column) in [(&writes[0], PRIMARY, 0), (&writes[1], SECONDARY, 1)] {
        assert_eq!(seen.method, "POST");
        assert_eq!(seen.path, format!("/schedules/{schedule}/overrides"));
        assert_eq!(seen.accept.as_deref(), Some(PD_ACCEPT));
        assert!(
            seen.content_type
                .as_deref()
                .is_some_and(|c| c.starts_with("application/json")),
            "{seen:?}"
        );
        assert_eq!(
            seen.body,
            json!({ "overrides": expected_items(AT_RFC3339, column) }),
            "POST body for {schedule}"
        );
    }
    // Reads first: the overrides of each schedule and who is on call, over
    // the span to sync (from now to the end of week 11).
    let seen = pd.seen();
    let reads: Vec<&Seen> = seen.iter().filter(|s| s.method == "GET").collect();
    for schedule in [PRIMARY, SECONDARY] {
        let get = reads
            .iter()
            .find(|s| s.path == format!("/schedules/{schedule}/overrides"))
            .unwrap_or_else(|| panic!("no GET of {schedule}'s overrides: {reads:#?}"));
        assert_eq!(instant(get.param("since")[0]), instant(AT_RFC3339));
        assert_eq!(instant(get.param("until")[0]), instant(WEEKS[3].1));
    }
    let oncalls: Vec<&&Seen> = reads.iter().filter(|s| s.path == "/oncalls").collect();
    assert!(!oncalls.is_empty(), "no GET /oncalls");
    assert_eq!(oncalls[0].param("schedule_ids[]"), [PRIMARY, SECONDARY]);
    assert_eq!(pd.overrides().len(), 8);

    // 2. A second run, later in the same week, changes nothing.
    let before = pd.seen().len();
    let second = sync(&sandbox, &pd, LATER, &[]).await;
    second
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert!(
        second.sync_rows().iter().all(|r| r.3 == "unchanged") && second.sync_rows().len() == 8,
        "{}",
        second.stdout
    );
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);
    let reads = pd.seen().split_off(before);
    let get = reads
        .iter()
        .find(|s| s.path == format!("/schedules/{PRIMARY}/overrides"))
        .expect("the second run read the overrides");
    assert_eq!(instant(get.param("since")[0]), instant(LATER_RFC3339));

    // 3. The roster changes week 9: dee (tertiary) swaps in as primary.
    let week9_primary = pd
        .overrides()
        .into_iter()
        .find(|o| o.schedule == PRIMARY && o.start == instant(WEEKS[1].0))
        .expect("week 9's primary override");
    assert_eq!(week9_primary.user, "PUSERB1");
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-10", "primary", "dee", "dentist on Friday"),
    );
    let before = pd.seen().len();
    let third = sync(&sandbox, &pd, LATER, &[]).await;
    third.exits(0).stdout_has("Wrote 1 override(s).");
    let rows = third.sync_rows();
    assert_eq!(
        rows.iter()
            .filter(|r| r.3 != "unchanged")
            .cloned()
            .collect::<Vec<_>>(),
        [(
            "9".to_string(),
            "primary".to_string(),
            "dee".to_string(),
            "replaced".to_string()
        )],
        "{}",
        third.stdout
    );
    assert_eq!(rows.len(), 8);
    let writes = pd.writes_since(before);
    assert_eq!(writes.len(), 2, "{writes:#?}");
    assert_eq!(writes[0].method, "DELETE");
    assert_eq!(
        writes[0].path,
        format!("/schedules/{PRIMARY}/overrides/{}", week9_primary.id)
    );
    assert_eq!(writes[1].method, "POST");
    assert_eq!(writes[1].path, format!("/schedules/{PRIMARY}/overrides"));
    assert_eq!(
        writes[1].body,
        json!({"overrides": [{
            "start": WEEKS[1].0,
            "end": WEEKS[1].1,
            "user": {"id": "PUSERD1", "type": "user_reference"},
            "time_zone": "America/Chicago",
        }]})
    );
    assert_eq!(pd.overrides().len(), 8);

    // 4. And again: nothing to do.
    let before = pd.seen().len();
    let fourth = sync(&sandbox, &pd, LATER, &[]).await;
    fourth
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);

    // 5. The drift check agrees with what sync made.
    let check = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", LATER, "check", "--pagerduty"],
    ))
    .await;
    check
        .exits(0)
        .stdout_has("PagerDuty agrees with the roster (8 week-and-role pairs compared).");
}

impl PartialEq for Seen {
    fn eq(&self, other: &Self) -> bool {
        self.method == other.method && self.path == other.path && self.body == other.body
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_dry_run_prints_the_plan_and_the_requests_and_sends_no_write() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let dry = sync(&sandbox, &pd, AT, &["--dry-run"]).await;
    dry.exits(0)
        .stdout_has("Dry run: 8 override(s) to write; nothing was changed.")
        .stdout_has("# dry run: not sent")
        .stdout_has(&format!(
            "POST {}/schedules/{PRIMARY}/overrides",
            pd.server.uri()
        ))
        .stdout_has(&format!(
            "POST {}/schedules/{SECONDARY}/overrides",
            pd.server.uri()
        ))
        .stdout_has("Token token=***")
        .stdout_has("\"time_zone\": \"America/Chicago\"")
        .stdout_has(&format!("\"start\": \"{AT_RFC3339}\""));
    assert!(dry.sync_rows().iter().all(|r| r.3 == "would create"));
    assert_eq!(pd.writes_since(0), [] as [Seen; 0]);
    assert!(pd.overrides().is_empty());

    // --json: the plan for scripts.
    let json_run = sync(&sandbox, &pd, AT, &["--dry-run", "--json"]).await;
    json_run.exits(0);
    // One JSON document: the plan and the requests dw would send.
    let plan: Value = serde_json::from_str(&json_run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", json_run.stdout));
    assert_eq!(plan["dry_run"], true);
    let requests = plan["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["method"], "POST");
    assert_eq!(
        requests[0]["url"],
        format!("{}/schedules/{PRIMARY}/overrides", pd.server.uri())
    );
    assert_eq!(
        requests[1]["body"],
        json!({ "overrides": expected_items(AT_RFC3339, 1) })
    );
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 8);
    assert_eq!(steps[0]["week"], 8);
    assert_eq!(steps[0]["role"], "primary");
    assert_eq!(steps[0]["schedule"], PRIMARY);
    assert_eq!(steps[0]["member"], "ada");
    assert_eq!(steps[0]["user"], "PUSERA1");
    assert_eq!(steps[0]["action"], "created");
    assert_eq!(
        instant(steps[0]["start"].as_str().unwrap()),
        instant(WEEKS[0].0)
    );
    assert_eq!(
        instant(steps[0]["from"].as_str().unwrap()),
        instant(AT_RFC3339)
    );
    assert_eq!(
        instant(steps[0]["end"].as_str().unwrap()),
        instant(WEEKS[0].1)
    );
    assert_eq!(pd.writes_since(0), [] as [Seen; 0]);

    // After a real sync and a roster change, the dry run shows the DELETE too.
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let ids: BTreeSet<String> = pd.overrides().into_iter().map(|o| o.id).collect();
    rewrite_roster(
        &sandbox,
        TEAM,
        &with_override("2026-03-17", "secondary", "ada", "trade"),
    );
    let before = pd.seen().len();
    let dry = sync(&sandbox, &pd, AT, &["--dry-run"]).await;
    dry.exits(0)
        .stdout_has("Dry run: 1 override(s) to write; nothing was changed.")
        .stdout_has(&format!(
            "DELETE {}/schedules/{SECONDARY}/overrides/",
            pd.server.uri()
        ));
    let changed: Vec<_> = dry
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    assert_eq!(
        changed,
        [(
            "10".to_string(),
            "secondary".to_string(),
            "ada".to_string(),
            "would replace".to_string()
        )]
    );
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);
    let after: BTreeSet<String> = pd.overrides().into_iter().map(|o| o.id).collect();
    assert_eq!(ids, after, "a dry run changed PagerDuty");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_leaves_weeks_pagerduty_already_has_right() {
    let pd = PagerDuty::start().await;
    let mut base = agreeing_base();
    // Week 10's primary in PagerDuty's own layers is bob, not cy.
    base[4].user = "PUSERB1".into();
    pd.set_base(base);
    let sandbox = Sandbox::empty().roster(TEAM);
    let first = sync(&sandbox, &pd, AT, &[]).await;
    first.exits(0).stdout_has("Wrote 1 override(s).");
    let changed: Vec<_> = first
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    assert_eq!(
        changed,
        [(
            "10".to_string(),
            "primary".to_string(),
            "cy".to_string(),
            "created".to_string()
        )]
    );
    let writes = pd.writes_since(0);
    assert_eq!(writes.len(), 1, "{writes:#?}");
    assert_eq!(
        writes[0].body,
        json!({"overrides": [{
            "start": WEEKS[2].0,
            "end": WEEKS[2].1,
            "user": {"id": "PUSERC1", "type": "user_reference"},
            "time_zone": "America/Chicago",
        }]})
    );
    let before = pd.seen().len();
    sync(&sandbox, &pd, AT, &[])
        .await
        .exits(0)
        .stdout_has("PagerDuty already matches the roster.");
    assert_eq!(pd.writes_since(before), [] as [Seen; 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_needs_pagerduty_ids_for_synced_ranks_only() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    // bob is secondary in week 8: a synced rank without a PagerDuty ID.
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("pagerduty = \"PUSERB1\"\n", ""),
    );
    for extra in [&[][..], &["--dry-run"][..]] {
        sync(&sandbox, &pd, AT, extra)
            .await
            .exits(2)
            .stderr_has("\"bob\"")
            .stderr_has("no PagerDuty user ID");
    }
    assert!(
        pd.seen().is_empty(),
        "dw talked to PagerDuty: {:#?}",
        pd.seen()
    );

    // dee is 4th in week 8, a rank with no schedule: one week syncs fine.
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("pagerduty = \"PUSERD1\"\n", ""),
    );
    sync(&sandbox, &pd, AT, &["--weeks", "1", "--dry-run"])
        .await
        .exits(0)
        .stdout_has("would create");
    // Two weeks do not: dee is primary in week 11, secondary in week 10.
    sync(&sandbox, &pd, AT, &["--weeks", "3", "--dry-run"])
        .await
        .exits(2)
        .stderr_has("\"dee\"");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_a_week_later_adds_only_the_new_week() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    sync(&sandbox, &pd, AT, &[]).await.exits(0);
    let before = pd.seen().len();
    // Wednesday of week 9: weeks 9–11 are synced already, week 12 is new.
    let next = sync(&sandbox, &pd, "2026-03-11T09:00", &[]).await;
    next.exits(0).stdout_has("Wrote 2 override(s).");
    let changed: Vec<_> = next
        .sync_rows()
        .into_iter()
        .filter(|r| r.3 != "unchanged")
        .collect();
    assert_eq!(
        changed,
        [
            (
                "12".into(),
                "primary".into(),
                "ada".into(),
                "created".into()
            ),
            (
                "12".into(),
                "secondary".into(),
                "bob".into(),
                "created".into()
            ),
        ] as [(String, String, String, String); 2]
    );
    let writes = pd.writes_since(before);
    assert_eq!(writes.len(), 2, "{writes:#?}");
    assert!(writes.iter().all(|w| w.method == "POST"));
    assert_eq!(
        writes[0].body["overrides"],
        json!([{
            "start": "2026-03-31T10:00:00-05:00",
            "end": "2026-04-07T10:00:00-05:00",
            "user": {"id": "PUSERA1", "type": "user_reference"},
            "time_zone": "America/Chicago",
        }])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_and_check_need_schedules_in_the_roster() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace(
            "schedules = { primary = \"PSCHEDP\", secondary = \"PSCHEDS\" }\n",
            "",
        ),
    );
    for args in [
        &["--at", AT, "sync", "pagerduty"][..],
        &["--at", AT, "check", "--pagerduty"][..],
    ] {
        run(dw(&sandbox, Some(&pd), true, args))
            .await
            .exits(2)
            .stderr_has("no [pagerduty] schedules");
    }
    assert!(pd.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_and_check_without_a_token_exit_3_and_send_nothing() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    for args in [
        &["--at", AT, "sync", "pagerduty"][..],
        &["--at", AT, "sync", "pagerduty", "--dry-run"][..],
        &["--at", AT, "check", "--pagerduty"][..],
    ] {
        run(dw(&sandbox, Some(&pd), false, args))
            .await
            .exits(3)
            .stderr_has("PAGERDUTY_TOKEN");
    }
    assert!(pd.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_reports_overrides_pagerduty_rejects_item_by_item() {
    let pd = PagerDuty::start().await;
    pd.state.lock().unwrap().reject = true;
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = sync(&sandbox, &pd, AT, &[]).await;
    // Every row says why, and the exit code says something failed.
    out.exits(1)
        .stdout_has("Wrote 0 of 8 override(s); 8 failed.")
        .stdout_has("failed: rejected: Override must end")
        .stderr_has("PagerDuty did not take 8 change(s)");
}

// ---------------------------------------------------------------------------
// dw check --pagerduty

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_agrees_and_ignores_the_past_of_this_week() {
    let pd = PagerDuty::start().await;
    let mut base = agreeing_base();
    // Before --at (12:00) bob covered ada's first two hours: the past is not judged.
    base[0].start = instant("2026-03-03T12:00:00-06:00");
    base.push(Span {
        schedule: PRIMARY.into(),
        start: instant(WEEKS[0].0),
        end: instant(AT_RFC3339),
        user: "PUSERB1".into(),
    });
    pd.set_base(base);
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "check", "--pagerduty"],
    ))
    .await;
    out.exits(0)
        .stdout_has("truth-team.toml: ok: 4 members, weeks 8–11 all have someone on call")
        .stdout_has("PagerDuty agrees with the roster (8 week-and-role pairs compared).");
    assert_eq!(pd.writes_since(0), [] as [Seen; 0]);
    let seen = pd.seen();
    assert!(seen.iter().all(|s| s.path == "/oncalls"), "{seen:#?}");
    assert_eq!(seen[0].param("schedule_ids[]"), [PRIMARY, SECONDARY]);
    assert_eq!(instant(seen[0].param("since")[0]), instant(AT_RFC3339));
    assert_eq!(instant(seen[0].param("until")[0]), instant(WEEKS[3].1));
    // Nine spans, five a page: dw followed `more` to the end.
    let offsets: Vec<&str> = seen.iter().flat_map(|s| s.param("offset")).collect();
    assert_eq!(offsets, ["0", "5"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_drift_exits_4_with_a_table_and_json() {
    let pd = PagerDuty::start().await;
    let mut base = agreeing_base();
    // Week 10 primary: bob, a member, instead of cy.
    base[4].user = "PUSERB1".into();
    // Week 11 secondary: someone PagerDuty knows and the roster does not.
    base[7].user = "PSTRNGR".into();
    // Week 9 secondary: nobody for the second half of the week.
    base[3].end = instant("2026-03-14T00:00:00-05:00");
    pd.set_base(base);
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "check", "--pagerduty"],
    ))
    .await;
    out.exits(4)
        .stdout_has("PagerDuty disagrees with the roster in 3 of 8 week-and-role pairs:")
        .stderr_has("dw sync pagerduty");
    let table: Vec<Vec<String>> = out
        .stdout
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("WEEK"))
        .skip(1)
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    let row = |cols: &[&str]| cols.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        table,
        [
            row(&[
                "9",
                "secondary",
                "cy",
                "cy,",
                "(nobody,",
                "part",
                "of",
                "the",
                "week)"
            ]),
            row(&["10", "primary", "cy", "bob"]),
            row(&["11", "secondary", "ada", "PSTRNGR"]),
        ],
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("check_pagerduty_drift", out.stdout);

    let json_out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "--json", "check", "--pagerduty"],
    ))
    .await;
    json_out.exits(4);
    let report: Value = serde_json::from_str(&json_out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", json_out.stdout));
    assert_eq!(report["ok"], false);
    assert_eq!(report["from_week"], 8);
    assert_eq!(report["to_week"], 11);
    assert_eq!(report["problems"], json!([]));
    assert_eq!(report["pagerduty"]["drift"], true);
    assert_eq!(report["pagerduty"]["compared"], 8);
    assert_eq!(
        report["pagerduty"]["differences"],
        json!([
            {"week": 9, "role": "secondary", "schedule": SECONDARY, "roster": "cy",
             "roster_user": "PUSERC1", "pagerduty": ["PUSERC1"], "gap": true},
            {"week": 10, "role": "primary", "schedule": PRIMARY, "roster": "cy",
             "roster_user": "PUSERC1", "pagerduty": ["PUSERB1"], "gap": false},
            {"week": 11, "role": "secondary", "schedule": SECONDARY, "roster": "ada",
             "roster_user": "PUSERA1", "pagerduty": ["PSTRNGR"], "gap": false},
        ])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_pagerduty_with_nobody_on_call_is_drift_in_every_pair() {
    let pd = PagerDuty::start().await;
    let sandbox = Sandbox::empty().roster(TEAM);
    let out = run(dw(
        &sandbox,
        Some(&pd),
        true,
        &["--at", AT, "check", "--pagerduty", "--weeks", "2"],
    ))
    .await;
    out.exits(4)
        .stdout_has("PagerDuty disagrees with the roster in 4 of 4 week-and-role pairs:");
}

// ---------------------------------------------------------------------------
// dw plan

/// (week, rank, before, after) for every rank that differs, computed from
/// `dw schedule --json` of each roster: an expectation independent of `plan`.
fn expected_changes(
    sandbox: &Sandbox,
    old: &str,
    new: &str,
    weeks: usize,
) -> Vec<(u64, u64, Option<String>, Option<String>)> {
    let schedule = |roster: &str| {
        let mut cmd = sandbox.bare();
        cmd.args([
            "--roster",
            roster,
            "--at",
            AT,
            "--json",
            "schedule",
            "--weeks",
            &weeks.to_string(),
        ]);
        common::json(&mut cmd)["weeks"].as_array().unwrap().clone()
    };
    let ids = |week: &Value| -> Vec<String> {
        week["ranks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (a, b) = (schedule(old), schedule(new));
    assert_eq!(a.len(), weeks);
    let mut out = Vec::new();
    for (wa, wb) in a.iter().zip(&b) {
        assert_eq!(wa["week"], wb["week"]);
        let (ra, rb) = (ids(wa), ids(wb));
        for rank in 0..ra.len().max(rb.len()) {
            let (x, y) = (ra.get(rank).cloned(), rb.get(rank).cloned());
            if x != y {
                out.push((wa["week"].as_u64().unwrap(), rank as u64 + 1, x, y));
            }
        }
    }
    out
}

fn plan_json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut cmd = sandbox.bare();
    cmd.args(["--at", AT, "--json", "plan"]).args(args);
    common::json(&mut cmd)
}

fn changes_of(plan: &Value) -> Vec<(u64, u64, Option<String>, Option<String>)> {
    plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["week"].as_u64().unwrap(),
                c["rank"].as_u64().unwrap(),
                c["before"].as_str().map(str::to_string),
                c["after"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn plan_sandbox() -> Sandbox {
    Sandbox::empty()
        .roster(TEAM)
        .roster("truth-joiner.toml")
        .roster("truth-left.toml")
}

#[test]
fn plan_of_a_joiner_changes_nothing_before_the_join_date() {
    let sandbox = plan_sandbox();
    let plan = plan_json(&sandbox, &[TEAM, "truth-joiner.toml", "--weeks", "30"]);
    assert_eq!(plan["from_week"], 8);
    assert_eq!(plan["to_week"], 37);
    let changes = plan["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        let start = c["start"].as_str().unwrap();
        assert!(
            instant(start) >= instant("2026-04-09T00:00:00-05:00"),
            "a change before eve joins (2026-04-09): {c}"
        );
        assert_eq!(c.as_object().unwrap().len(), 6, "{c}");
    }
    // eve's first week is the first week whose dates all follow the join date.
    assert_eq!(changes[0]["week"], 14);
    assert_eq!(changes[0]["start"], "2026-04-14T10:00:00-05:00");
    assert_eq!(changes[0]["role"], "5th");
    assert_eq!(changes[0]["before"], Value::Null);
    assert_eq!(changes[0]["after"], "eve");
    assert_eq!(
        changes_of(&plan),
        expected_changes(&sandbox, TEAM, "truth-joiner.toml", 30)
    );
    // Seen from before week 14 only, nothing changes at all.
    let early = plan_json(&sandbox, &[TEAM, "truth-joiner.toml", "--weeks", "6"]);
    assert_eq!(early["changes"], json!([]));

    let mut cmd = sandbox.bare();
    cmd.args([
        "--at",
        AT,
        "plan",
        TEAM,
        "truth-joiner.toml",
        "--weeks",
        "8",
        "--markdown",
    ]);
    insta::assert_snapshot!("plan_joiner_markdown", stdout_ok(&mut cmd));
}

#[test]
fn plan_of_a_leaver_shows_exactly_the_changed_weeks() {
    let sandbox = plan_sandbox();
    let plan = plan_json(&sandbox, &[TEAM, "truth-left.toml", "--weeks", "20"]);
    let changes = changes_of(&plan);
    assert_eq!(
        changes,
        expected_changes(&sandbox, TEAM, "truth-left.toml", 20)
    );
    let some = |s: &str| Some(s.to_string());
    // cy's last week is week 11; from week 12 on, everyone behind moves up.
    assert_eq!(
        changes[..5],
        [
            (12, 3, some("cy"), some("dee")),
            (12, 4, some("dee"), None),
            (13, 2, some("cy"), some("dee")),
            (13, 3, some("dee"), some("ada")),
            (13, 4, some("ada"), None),
        ]
    );
    let weeks: BTreeSet<u64> = changes.iter().map(|c| c.0).collect();
    assert_eq!(weeks, (12..28).collect());

    let mut cmd = sandbox.bare();
    cmd.args(["--at", AT, "plan", TEAM, "truth-left.toml", "--weeks", "6"]);
    insta::assert_snapshot!("plan_leaver_table", stdout_ok(&mut cmd));
    let mut cmd = sandbox.bare();
    cmd.args([
        "--at",
        AT,
        "plan",
        TEAM,
        "truth-left.toml",
        "--weeks",
        "6",
        "--markdown",
    ]);
    insta::assert_snapshot!("plan_leaver_markdown", stdout_ok(&mut cmd));
}

#[test]
fn plan_of_a_new_override_changes_only_its_week() {
    let sandbox = plan_sandbox();
    sandbox.write(
        "work/swapped.toml",
        with_override("2026-03-19", "primary", "dee", "trade").as_bytes(),
    );
    let plan = plan_json(&sandbox, &[TEAM, "swapped.toml", "--weeks", "10"]);
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        changes_of(&plan),
        [
            (10, 1, some("cy"), some("dee")),
            (10, 2, some("dee"), some("cy")),
        ]
    );
}

#[test]
fn plan_of_identical_rosters_says_no_changes() {
    let sandbox = plan_sandbox();
    let mut cmd = sandbox.bare();
    cmd.args(["--at", AT, "plan", TEAM, TEAM]);
    assert_eq!(
        stdout_ok(&mut cmd),
        "No changes in weeks 8–59 (truth-team.toml → truth-team.toml).\n"
    );
    let plan = plan_json(&sandbox, &[TEAM, TEAM, "--weeks", "4"]);
    assert_eq!(plan, json!({"from_week": 8, "to_week": 11, "changes": []}));
    // --from picks the first week compared.
    let plan = plan_json(
        &sandbox,
        &[
            TEAM,
            "truth-left.toml",
            "--from",
            "2026-04-02",
            "--weeks",
            "1",
        ],
    );
    assert_eq!(plan["from_week"], 12);
    assert_eq!(plan["changes"].as_array().unwrap().len(), 2);
}

/// Run git in `dir` with a fixed identity and nothing of this machine's config.
fn git(sandbox: &Sandbox, dir: &std::path::Path, args: &[&str]) {
    let out = Process::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.config())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn plan_git_compares_a_revision_with_the_working_copy() {
    let sandbox = Sandbox::empty();
    let work = sandbox.work();
    std::fs::write(work.join("roster.toml"), fixture_text(TEAM)).unwrap();
    git(&sandbox, &work, &["init", "-q"]);
    git(&sandbox, &work, &["add", "roster.toml"]);
    git(&sandbox, &work, &["commit", "-q", "-m", "roster"]);
    std::fs::write(work.join("roster.toml"), fixture_text("truth-joiner.toml")).unwrap();
    std::fs::create_dir_all(work.join("docs")).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();

    // Found by discovery from a subfolder, and named with --roster.
    for (dir, roster) in [
        (work.join("docs"), None),
        (work.clone(), Some("roster.toml")),
    ] {
        let mut cmd = sandbox.bare();
        cmd.current_dir(&dir).env("PATH", &path);
        if let Some(r) = roster {
            cmd.args(["--roster", r]);
        }
        cmd.args(["--at", AT, "plan", "--git", "HEAD", "--weeks", "8"]);
        let out = stdout_ok(&mut cmd);
        assert!(
            out.starts_with("3 assignments change in 2 weeks (HEAD → working copy, weeks 8–15)."),
            "{out}"
        );
        assert!(out.contains(" 14 ") && out.contains("eve"), "{out}");
        assert!(!out.contains(" 13 "), "{out}");
    }

    // After committing, HEAD and the working copy agree.
    git(&sandbox, &work, &["commit", "-q", "-am", "eve joins"]);
    let mut cmd = sandbox.bare();
    cmd.env("PATH", &path)
        .args(["--at", AT, "plan", "--git", "HEAD"]);
    assert_eq!(
        stdout_ok(&mut cmd),
        "No changes in weeks 8–59 (HEAD → working copy).\n"
    );
    // HEAD~1 is the roster before eve.
    let mut cmd = sandbox.bare();
    cmd.env("PATH", &path).args([
        "--at", AT, "--json", "plan", "--git", "HEAD~1", "--weeks", "8",
    ]);
    let plan = common::json(&mut cmd);
    assert_eq!(plan["changes"][0]["week"], 14);

    // A revision without the roster is a usage error naming it.
    let mut cmd = sandbox.bare();
    cmd.env("PATH", &path)
        .args(["--at", AT, "plan", "--git", "no-such-rev"]);
    let (_, stderr) = run_code(&mut cmd, 2);
    assert!(stderr.contains("--git no-such-rev"), "{stderr}");
}

// ---------------------------------------------------------------------------
// dw explain

const EXPLAIN: &str = "truth-explain.toml";

/// Table cells wrap: compare text with its whitespace runs made single spaces.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn explain(at: &str, args: &[&str]) -> String {
    let sandbox = Sandbox::empty().roster(EXPLAIN).at(at);
    let mut cmd = sandbox.dw(&["explain"]);
    cmd.args(args);
    stdout_ok(&mut cmd)
}

#[test]
fn explain_week_0_is_the_queue_in_file_order() {
    let out = explain("2026-01-05T10:00", &[]);
    assert!(!words(&out).contains("joined this week"), "{out}");
    insta::assert_snapshot!("explain_week0_queue", out);
}

#[test]
fn explain_away_member_keeps_their_place() {
    let out = explain("2026-01-13", &[]);
    assert!(
        words(&out).contains("away 2026-01-14 to 2026-01-15 (conference)"),
        "{out}"
    );
    assert!(words(&out).contains("keeps place 1 in the queue"), "{out}");
    insta::assert_snapshot!("explain_week1_away", out);
}

#[test]
fn explain_make_up_turn_and_joiner() {
    let out = explain("2026-01-20", &[]);
    assert!(
        words(&out).contains("make-up turn: skipped while away since week 1"),
        "{out}"
    );
    insta::assert_snapshot!("explain_week2_make_up_and_joined", out);
}

#[test]
fn explain_override_swap_left_and_not_yet_joined() {
    let out = explain("2026-01-27", &[]);
    assert!(
        words(&out).contains("override \"trade for week 5\""),
        "{out}"
    );
    assert!(
        words(&out).contains("swapped from primary to tertiary"),
        "{out}"
    );
    assert!(words(&out).contains("left = 2026-01-26"), "{out}");
    insta::assert_snapshot!("explain_week3_override_left", out);
}

#[test]
fn explain_one_member() {
    let out = explain("2026-01-13", &["ben"]);
    let rows: Vec<&str> = out.lines().skip(2).filter(|l| l.starts_with(' ')).collect();
    assert!(rows[0].starts_with(" ben "), "{out}");
    assert!(!out.contains(" cat "), "{out}");
    insta::assert_snapshot!("explain_week1_ben", out);

    let sandbox = Sandbox::empty().roster(EXPLAIN).at("2026-01-13");
    let (_, stderr) = run_code(&mut sandbox.dw(&["explain", "nobody"]), 2);
    assert!(stderr.contains("\"nobody\""), "{stderr}");
}

#[test]
fn explain_json_has_a_reason_per_member() {
    let sandbox = Sandbox::empty().roster(EXPLAIN).at("2026-01-27");
    let out = common::json(&mut sandbox.dw(&["--json", "explain"]));
    assert_eq!(out["team"], "Explained");
    assert_eq!(out["week"], 3);
    assert_eq!(out["start"], "2026-01-26T09:00:00+01:00");
    assert_eq!(out["end"], "2026-02-02T09:00:00+01:00");
    let members = out["members"].as_array().unwrap();
    let ids: Vec<&str> = members.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["ann", "ben", "cat", "dan", "eli", "fay"],
        "file order"
    );
    let by = |id: &str| members.iter().find(|m| m["id"] == id).unwrap().clone();
    assert_eq!(by("dan")["kind"], "holds");
    assert_eq!(by("dan")["rank"], 1);
    assert_eq!(by("dan")["role"], "primary");
    assert_eq!(by("dan")["queue_rank"], 3);
    assert_eq!(by("dan")["override_reason"], "trade for week 5");
    assert_eq!(by("ann")["rank"], 3);
    assert_eq!(by("ann")["queue_rank"], 1);
    assert_eq!(by("ann")["override_reason"], Value::Null);
    assert_eq!(by("eli")["kind"], "left");
    assert_eq!(by("eli")["left"], "2026-01-26");
    assert_eq!(by("eli")["rank"], Value::Null);
    assert_eq!(by("fay")["kind"], "not_joined_yet");
    assert_eq!(by("fay")["first_week"], 4);
    for m in members {
        assert!(
            m["explanation"].as_str().is_some_and(|s| !s.is_empty()),
            "{m}"
        );
    }
    let sandbox = Sandbox::empty().roster(EXPLAIN).at("2026-01-13");
    let out = common::json(&mut sandbox.dw(&["--json", "explain", "ben"]));
    assert_eq!(
        out["members"],
        json!([{
            "id": "ben", "rank": null, "role": null, "kind": "away",
            "from": "2026-01-14", "to": "2026-01-15", "reason": "conference",
            "queue_position": 1,
            "explanation": "away 2026-01-14 to 2026-01-15 (conference): holds no rank and keeps place 1 in the queue, so takes the first turn they are back for",
        }])
    );
}

// ---------------------------------------------------------------------------
// dw who --format env|tsv

/// `eval "$(dw who --format env)"` in sh, then print the variables asked for.
fn eval_env(sandbox: &Sandbox, vars: &[&str]) -> Vec<String> {
    let dw = assert_cmd::cargo::cargo_bin("dw");
    let mut script =
        String::from("eval \"$(\"$0\" --roster \"$1\" --at \"$2\" who --format env)\" || exit 9\n");
    for v in vars {
        script.push_str(&format!("printf '%s\\n' \"${v}\"\n"));
    }
    let out = Process::new("/bin/sh")
        .env_clear()
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.config())
        .env("TZ", "UTC")
        .current_dir(sandbox.work())
        .args(["-c", &script])
        .arg(&dw)
        .args([TEAM, AT])
        .output()
        .expect("run sh");
    assert!(
        out.status.success(),
        "sh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn who_env_evaluated_by_sh_sets_quoted_variables() {
    let sandbox = Sandbox::empty().roster(TEAM);
    let values = eval_env(
        &sandbox,
        &[
            "DW_PRIMARY_ID",
            "DW_PRIMARY_EMAIL",
            "DW_PRIMARY_PAGERDUTY",
            "DW_SECONDARY_ID",
            "DW_SECONDARY_NAME",
            "DW_TERTIARY_ID",
            "DW_4TH_ID",
            "DW_WEEK",
            "DW_START",
            "DW_END",
        ],
    );
    assert_eq!(
        values,
        [
            "ada",
            "ada@example.com",
            "PUSERA1",
            "bob",
            "Bob O'Brien",
            "cy",
            "dee",
            "8",
            "2026-03-03T10:00:00-06:00",
            "2026-03-10T10:00:00-05:00",
        ]
    );

    // Nothing in a name runs: quotes, $(…), backticks and `;` stay text.
    let evil = "Ada $(touch pwned) `touch pwned2` \\\"x\\\" 'y' ; exit 7";
    rewrite_roster(
        &sandbox,
        TEAM,
        &fixture_text(TEAM).replace("\"Ada Lovelace\"", &format!("\"{evil}\"")),
    );
    let values = eval_env(&sandbox, &["DW_PRIMARY_NAME", "DW_PRIMARY_ID"]);
    assert_eq!(
        values,
        [
            "Ada $(touch pwned) `touch pwned2` \"x\" 'y' ; exit 7",
            "ada"
        ]
    );
    assert!(!sandbox.work().join("pwned").exists());
    assert!(!sandbox.work().join("pwned2").exists());
}

#[test]
fn who_tsv_has_a_header_and_tab_separated_rows() {
    let sandbox = Sandbox::with(TEAM);
    let out = stdout_ok(&mut sandbox.dw(&["who", "--format", "tsv"]));
    assert_eq!(
        out,
        "rank\trole\tid\tname\temail\tslack\tpagerduty\toverride\n\
         1\tprimary\tada\tAda Lovelace\tada@example.com\t\tPUSERA1\t\n\
         2\tsecondary\tbob\tBob O'Brien\tbob@example.com\t\tPUSERB1\t\n\
         3\ttertiary\tcy\tCy Young\tcy@example.com\t\tPUSERC1\t\n\
         4\t4th\tdee\tDee Dee\tdee@example.com\t\tPUSERD1\t\n"
    );
    let out = stdout_ok(&mut sandbox.dw(&["who", "--format", "tsv", "--role", "secondary"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[1].split('\t').nth(2), Some("bob"));
    assert!(lines.iter().all(|l| l.split('\t').count() == 8));
}
