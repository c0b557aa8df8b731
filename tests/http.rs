//! PagerDuty and Slack, end to end: the built `dw` against a local `wiremock`
//! server standing in for both APIs (SPEC §5, issue 3).
//!
//! Every run starts from nothing of this machine: `env_clear()`, HOME and
//! XDG_CONFIG_HOME in a temporary folder, TZ=UTC, an explicit `--roster`
//! (`tests/fixtures/http-*.toml`, a Chicago team) and a fixed `--at`. The
//! binary is blocking, so it runs on `spawn_blocking` while the mock keeps
//! serving on the multi-threaded runtime. Each test checks what the user sees
//! (stdout, stderr, exit code) and what the mock received (method, path,
//! query, headers, JSON body).

mod common;

use std::net::TcpListener;
use std::ops::Deref;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use common::Run;

/// Distinctive tokens: they must never show up in anything dw prints.
const PD_TOKEN: &str = "pdtok-SECRET-3f9a71c2";
const SLACK_TOKEN: &str = "xoxb-SECRET-8d21e6b0";

const USER_AGENT: &str = concat!("dw/", env!("CARGO_PKG_VERSION"));
const PD_ACCEPT: &str = "application/vnd.pagerduty+json;version=2";

/// Tuesday 2026-03-03 12:00 in Chicago: week 8, primary linus (U0000000C),
/// secondary ada (U0000000A), tertiary grace.
const AT: &str = "2026-03-03T12:00";
/// Monday 2026-03-02 12:00 in Chicago: the day before the week 7 → 8 handoff.
const MONDAY: &str = "2026-03-02T12:00";
/// Week 7 began here (the ending shift of the handoff).
const SHIFT_START: &str = "2026-02-24T10:00:00-06:00";
/// `MONDAY` as dw sends it.
const MONDAY_RFC3339: &str = "2026-03-02T12:00:00-06:00";

const TEAM: &str = "http-team.toml";
const GROUP_BY_ID: &str = "http-group-id.toml";

const INCIDENT_URL: &str = "https://relay.pagerduty.com/incidents/PINC001";

// ---------------------------------------------------------------------------
// Running dw

/// A run of `dw` and how long it took (for the retry and timeout tests).
/// Derefs to the shared [`Run`], whose assertions it offers.
#[derive(Debug)]
struct Timed {
    run: Run,
    elapsed: Duration,
}

impl Deref for Timed {
    type Target = Run;

    fn deref(&self) -> &Run {
        &self.run
    }
}

/// The checks only this file makes.
trait Secrets {
    /// Neither token, nor any recognisable part of one, anywhere.
    fn no_secrets(&self) -> &Self;
}

impl Secrets for Run {
    fn no_secrets(&self) -> &Self {
        for token in [PD_TOKEN, SLACK_TOKEN] {
            for (name, text) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
                assert!(
                    !text.contains(token) && !text.contains("SECRET"),
                    "{name} shows a token\n{text}"
                );
            }
        }
        self
    }
}

/// A command line with its environment, run in a fresh sandbox.
#[derive(Clone)]
struct Dw {
    roster: &'static str,
    at: &'static str,
    env: Vec<(String, String)>,
}

impl Dw {
    /// Both services at `server`, both tokens, a known requester, fast retries.
    fn against(server: &MockServer) -> Self {
        Dw::offline()
            .env("DW_PAGERDUTY_URL", &server.uri())
            .env("DW_SLACK_URL", &server.uri())
            .env("PAGERDUTY_TOKEN", PD_TOKEN)
            .env("SLACK_TOKEN", SLACK_TOKEN)
            .env("DW_PAGERDUTY_FROM", "oncall-bot@example.com")
    }

    /// No services, no tokens; only the retry settings.
    fn offline() -> Self {
        Dw {
            roster: TEAM,
            at: AT,
            env: Vec::new(),
        }
        .env("DW_HTTP_BACKOFF_MS", "10")
        .env("DW_HTTP_RETRIES", "2")
        .env("DW_HTTP_TIMEOUT", "5")
    }

    fn env(mut self, name: &str, value: &str) -> Self {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.into(), value.into()));
        self
    }

    fn without(mut self, name: &str) -> Self {
        self.env.retain(|(n, _)| n != name);
        self
    }

    fn roster(mut self, name: &'static str) -> Self {
        self.roster = name;
        self
    }

    fn at(mut self, at: &'static str) -> Self {
        self.at = at;
        self
    }

    /// Run `dw --roster … --at … ARGS` off the runtime, so the mock keeps serving.
    async fn run(&self, args: &[&str]) -> Timed {
        let me = self.clone();
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        tokio::task::spawn_blocking(move || me.run_blocking(&args))
            .await
            .expect("the dw runner thread")
    }

    fn run_blocking(&self, args: &[String]) -> Timed {
        let sandbox = tempfile::Builder::new()
            .prefix("dw-http-")
            .tempdir()
            .expect("a temporary folder");
        let home = sandbox.path().join("home");
        let work = sandbox.path().join("work");
        std::fs::create_dir_all(home.join(".config")).unwrap();
        std::fs::create_dir_all(&work).unwrap();
        let roster: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", self.roster]
            .iter()
            .collect();
        let started = Instant::now();
        let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_dw"))
            .env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("TZ", "UTC")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(&work)
            .arg("--roster")
            .arg(&roster)
            .args(["--at", self.at])
            .args(args)
            .timeout(Duration::from_secs(30))
            .output()
            .expect("run dw");
        Timed {
            run: Run::from_output(&out),
            elapsed: started.elapsed(),
        }
    }
}

// ---------------------------------------------------------------------------
// What the mock received

async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// Requests that would change something (anything but GET).
async fn changes(server: &MockServer) -> Vec<Request> {
    received(server)
        .await
        .into_iter()
        .filter(|r| r.method.as_str() != "GET")
        .collect()
}

fn to(requests: &[Request], verb: &str, p: &str) -> Vec<Request> {
    requests
        .iter()
        .filter(|r| r.method.as_str() == verb && r.url.path() == p)
        .cloned()
        .collect()
}

fn header<'a>(r: &'a Request, name: &str) -> &'a str {
    let values: Vec<_> = r.headers.get_all(name).iter().collect();
    assert_eq!(
        values.len(),
        1,
        "{} {} has {} {name} headers",
        r.method,
        r.url,
        values.len()
    );
    values[0].to_str().expect("an ASCII header")
}

fn body(r: &Request) -> Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{} {} has no JSON body ({e})", r.method, r.url))
}

/// All values of one query parameter, in order.
fn query(r: &Request, name: &str) -> Vec<String> {
    r.url
        .query_pairs()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .collect()
}

/// The query parameters' names, sorted, without repeats.
fn query_names(r: &Request) -> Vec<String> {
    let mut names: Vec<String> = r.url.query_pairs().map(|(k, _)| k.into_owned()).collect();
    names.sort();
    names.dedup();
    names
}

/// Every PagerDuty request: REST v2 Accept, JSON, the token, dw's User-Agent.
fn assert_pagerduty_headers(r: &Request) {
    assert_eq!(header(r, "accept"), PD_ACCEPT, "{} {}", r.method, r.url);
    assert_eq!(header(r, "content-type"), "application/json");
    assert_eq!(
        header(r, "authorization"),
        format!("Token token={PD_TOKEN}")
    );
    assert_eq!(header(r, "user-agent"), USER_AGENT);
}

/// Every Slack request: the bot token as Bearer, JSON, dw's User-Agent.
fn assert_slack_headers(r: &Request) {
    assert_eq!(
        header(r, "authorization"),
        format!("Bearer {SLACK_TOKEN}"),
        "{} {}",
        r.method,
        r.url
    );
    assert!(header(r, "content-type").starts_with("application/json"));
    assert_eq!(header(r, "user-agent"), USER_AGENT);
}

// ---------------------------------------------------------------------------
// Canned answers

fn incident(id: &str, number: u64, title: &str, status: &str) -> Value {
    json!({
        "id": id,
        "type": "incident",
        "incident_number": number,
        "title": title,
        "status": status,
        "urgency": "high",
        "html_url": format!("https://relay.pagerduty.com/incidents/{id}"),
        "created_at": "2026-03-01T18:00:00Z",
        "incident_key": format!("key-{id}"),
        "service": {"id": "PSVC001", "type": "service_reference", "summary": "Relay API"},
        "assignments": [{"assignee": {"id": "PUSER0B", "type": "user_reference", "summary": "Grace Hopper"}}],
    })
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({
        "incident": incident("PINC001", 41, "DB down", "triggered")
    }))
}

fn slack_ok(extra: Value) -> ResponseTemplate {
    let mut body = json!({"ok": true});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    ResponseTemplate::new(200).set_body_json(body)
}

fn slack_error(error: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"ok": false, "error": error}))
}

async fn mount(server: &MockServer, verb: &str, p: &str, answer: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(p))
        .respond_with(answer)
        .mount(server)
        .await;
}

/// `answer` for the first `times` calls, then whatever else is mounted.
async fn mount_first(
    server: &MockServer,
    verb: &str,
    p: &str,
    times: u64,
    answer: ResponseTemplate,
) {
    Mock::given(method(verb))
        .and(path(p))
        .respond_with(answer)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
}

async fn mount_post_message(server: &MockServer) {
    mount(
        server,
        "POST",
        "/chat.postMessage",
        slack_ok(json!({"channel": "C0RELAYINC", "ts": "1772560000.000100"})),
    )
    .await;
}

/// A PagerDuty list page.
fn page(incidents: Vec<Value>, offset: usize, more: bool) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "incidents": incidents,
        "limit": 100,
        "offset": offset,
        "more": more,
        "total": null,
    }))
}

/// The handoff's two lists: open incidents on two pages, the shift's on one.
async fn mount_handoff_incidents(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/incidents"))
        .and(query_param("statuses[]", "triggered"))
        .and(query_param("offset", "0"))
        .respond_with(page(
            vec![incident(
                "PINC007",
                7,
                "Queue backlog growing",
                "acknowledged",
            )],
            0,
            true,
        ))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/incidents"))
        .and(query_param("statuses[]", "triggered"))
        .and(query_param("offset", "1"))
        .respond_with(page(
            vec![incident("PINC008", 8, "Disk <!here> & full", "triggered")],
            1,
            false,
        ))
        .mount(server)
        .await;
    let mut resolved = incident("PINC005", 5, "Login errors after deploy", "resolved");
    resolved["resolved_at"] = json!("2026-02-26T15:00:00Z");
    Mock::given(method("GET"))
        .and(path("/incidents"))
        .and(query_param("since", SHIFT_START))
        .and(query_param("offset", "0"))
        .respond_with(page(vec![resolved], 0, false))
        .mount(server)
        .await;
}

/// Slack's lookups for `announce --topic --group`: the channel on the second
/// page of `conversations.list`, the group in `usergroups.list`.
async fn mount_announce(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/conversations.list"))
        .and(query_param("cursor", "dXNlcjpVMDYxTkZUVDI="))
        .respond_with(slack_ok(json!({
            "channels": [
                {"id": "C0OTHER01", "name": "general"},
                {"id": "C0RELAY01", "name": "relay-team"},
            ],
            "response_metadata": {"next_cursor": ""},
        })))
        .mount(server)
        .await;
    mount(
        server,
        "GET",
        "/conversations.list",
        slack_ok(json!({
            "channels": [{"id": "C0RANDOM1", "name": "random"}],
            "response_metadata": {"next_cursor": "dXNlcjpVMDYxTkZUVDI="},
        })),
    )
    .await;
    mount(
        server,
        "GET",
        "/usergroups.list",
        slack_ok(json!({"usergroups": [
            {"id": "S0OTHER01", "handle": "other"},
            {"id": "S0RELAY01", "handle": "relay-oncall"},
        ]})),
    )
    .await;
    mount(
        server,
        "POST",
        "/conversations.setTopic",
        slack_ok(json!({"channel": {"id": "C0RELAY01"}})),
    )
    .await;
    mount(
        server,
        "POST",
        "/usergroups.users.update",
        slack_ok(json!({"usergroup": {"id": "S0RELAY01"}})),
    )
    .await;
    mount_post_message(server).await;
}

/// A loopback port nobody listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

const START: &[&str] = &["incident", "start", "--title", "DB down", "--yes"];

// ---------------------------------------------------------------------------
// Every call dw makes

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_opens_the_incident_and_posts_in_the_incident_channel() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    let run = Dw::against(&server)
        .without("DW_PAGERDUTY_FROM")
        .env("DW_ME", "ada")
        .run(&[
            "incident",
            "start",
            "--title",
            "DB down",
            "--urgency",
            "low",
            "--impact",
            "many",
            "--details",
            "p99 latency 30 s on the primary",
            "--incident-key",
            "relay-db-2026-03-03",
            "--yes",
        ])
        .await;
    run.code(0)
        .stdout_is(&format!("{INCIDENT_URL}\n"))
        .stderr_has("posted in #relay-incidents")
        .no_secrets();

    let all = received(&server).await;
    assert_eq!(all.len(), 2, "one incident, one Slack post: {all:?}");

    let post = &all[0];
    assert_eq!(
        (post.method.as_str(), post.url.path()),
        ("POST", "/incidents")
    );
    assert_pagerduty_headers(post);
    assert_eq!(header(post, "from"), "ada@example.com", "DW_ME's email");
    assert_eq!(
        body(post),
        json!({"incident": {
            "type": "incident",
            "title": "DB down",
            "service": {"id": "PSVC001", "type": "service_reference"},
            "urgency": "low",
            "incident_key": "relay-db-2026-03-03",
            "body": {
                "type": "incident_body",
                "details": "p99 latency 30 s on the primary\n\nImpact: many customers.",
            },
            "escalation_policy": {"id": "PESC001", "type": "escalation_policy_reference"},
        }})
    );

    let slack = &all[1];
    assert_eq!(
        (slack.method.as_str(), slack.url.path()),
        ("POST", "/chat.postMessage")
    );
    assert_slack_headers(slack);
    let sent = body(slack);
    assert_eq!(sent["channel"], "#relay-incidents");
    let text = sent["text"].as_str().expect("a text");
    for part in [
        "DB down",
        "many customers",
        "<https://relay.pagerduty.com/incidents/PINC001|PagerDuty incident #41>",
        "Started by Ada Lovelace",
        "primary <@U0000000C>",
        "secondary <@U0000000A>",
    ] {
        assert!(text.contains(part), "Slack text lacks {part:?}: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_default_key_is_stable_and_json_reports_both_sides() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    let dw = Dw::against(&server);
    let first = dw
        .run(&["--json", "incident", "start", "--title", "DB down", "--yes"])
        .await;
    first.code(0).no_secrets();
    let out: Value = serde_json::from_str(&first.stdout).expect("JSON on stdout");
    assert_eq!(out["incident"]["url"], INCIDENT_URL);
    assert_eq!(out["incident"]["number"], 41);
    assert_eq!(out["incident"]["existing"], false);
    assert_eq!(out["slack"]["posted"], true);
    assert_eq!(out["slack"]["channel"], "#relay-incidents");
    assert_eq!(out["slack"]["ts"], "1772560000.000100");

    // The same title later the same day, in other case and spacing: same key.
    let again = dw
        .clone()
        .at("2026-03-03T23:00")
        .run(&["incident", "start", "--title", "  db DOWN ", "--yes"])
        .await;
    again.code(0);
    let posts = to(&received(&server).await, "POST", "/incidents");
    assert_eq!(posts.len(), 2);
    let keys: Vec<Value> = posts
        .iter()
        .map(|p| body(p)["incident"]["incident_key"].clone())
        .collect();
    assert!(
        keys[0].as_str().is_some_and(|k| k.starts_with("dw-")),
        "{keys:?}"
    );
    assert_eq!(keys[0], keys[1]);
    assert_eq!(header(&posts[0], "from"), "oncall-bot@example.com");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_fetches_open_and_shift_incidents_following_pagination() {
    let server = MockServer::start().await;
    mount_handoff_incidents(&server).await;

    let run = Dw::against(&server).at(MONDAY).run(&["handoff"]).await;
    run.code(0)
        .stdout_has("# Relay handoff: Tue 2026-03-03 10:00 CST")
        .stdout_has("| primary | Grace Hopper (grace) | Linus Torvalds (linus) |")
        .stdout_has("| secondary | Linus Torvalds (linus) | Ada Lovelace (ada) |")
        // Page 1 and page 2 of the open incidents.
        .stdout_has("[#7 Queue backlog growing](https://relay.pagerduty.com/incidents/PINC007): acknowledged, high urgency, opened 1d 0h ago, assigned to Grace Hopper")
        .stdout_has("[#8 Disk <!here> & full](https://relay.pagerduty.com/incidents/PINC008): triggered")
        .stdout_has("## Incidents of the ending shift (since Tue 2026-02-24 10:00 CST)")
        .stdout_has("[#5 Login errors after deploy](https://relay.pagerduty.com/incidents/PINC005): resolved, high urgency, resolved 2026-02-26T15:00:00Z")
        .stdout_has("analysis required?")
        .stdout_has("dw incident analysis --incident PINC005")
        .stdout_has("## Customer issues to carry over")
        .no_secrets();
    assert!(!run.stdout.contains("not fetched"), "{}", run.stdout);

    let all = received(&server).await;
    assert_eq!(
        all.len(),
        3,
        "two pages of open incidents, one of the shift's"
    );
    assert!(changes(&server).await.is_empty(), "handoff only reads");
    for r in &all {
        assert_eq!((r.method.as_str(), r.url.path()), ("GET", "/incidents"));
        assert_pagerduty_headers(r);
        assert!(r.headers.get("from").is_none(), "reads need no From");
        assert_eq!(query(r, "service_ids[]"), ["PSVC001"]);
        assert_eq!(query(r, "limit"), ["100"]);
    }
    let mut open: Vec<&Request> = all
        .iter()
        .filter(|r| !query(r, "statuses[]").is_empty())
        .collect();
    open.sort_by_key(|r| query(r, "offset"));
    assert_eq!(open.len(), 2);
    for (r, offset) in open.iter().zip(["0", "1"]) {
        assert_eq!(query(r, "statuses[]"), ["triggered", "acknowledged"]);
        assert_eq!(query(r, "offset"), [offset], "`more` followed by offset");
        // Open incidents of any age, not only those of PagerDuty's default month.
        assert_eq!(query(r, "date_range"), ["all"]);
        assert_eq!(
            query_names(r),
            [
                "date_range",
                "limit",
                "offset",
                "service_ids[]",
                "statuses[]"
            ]
        );
    }
    let shift: Vec<&Request> = all
        .iter()
        .filter(|r| !query(r, "since").is_empty())
        .collect();
    assert_eq!(shift.len(), 1);
    assert_eq!(query(shift[0], "since"), [SHIFT_START]);
    assert_eq!(query(shift[0], "until"), [MONDAY_RFC3339]);
    assert_eq!(query(shift[0], "offset"), ["0"]);
    assert_eq!(
        query_names(shift[0]),
        ["limit", "offset", "service_ids[]", "since", "until"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_post_sends_the_notes_to_the_team_channel_escaped() {
    let server = MockServer::start().await;
    mount_handoff_incidents(&server).await;
    mount_post_message(&server).await;

    let run = Dw::against(&server)
        .at(MONDAY)
        .run(&["handoff", "--post"])
        .await;
    run.code(0)
        .stdout_has("# Relay handoff")
        .stdout_has("Queue backlog growing")
        .stderr_has("handoff notes posted in #relay-team")
        .no_secrets();

    let posts = changes(&server).await;
    assert_eq!(posts.len(), 1, "{posts:?}");
    let post = &posts[0];
    assert_eq!(post.url.path(), "/chat.postMessage");
    assert_slack_headers(post);
    let sent = body(post);
    assert_eq!(sent["channel"], "#relay-team");
    let text = sent["text"].as_str().unwrap();
    for part in [
        "*Relay handoff: Tue 2026-03-03 10:00 CST* (week 7 → week 8)",
        "primary: Grace Hopper → Linus Torvalds",
        "<https://relay.pagerduty.com/incidents/PINC007|#7 Queue backlog growing>",
        // A PagerDuty title is user text too: it cannot ping the channel.
        "#8 Disk &lt;!here&gt; &amp; full",
        "<https://relay.pagerduty.com/incidents/PINC005|#5 Login errors after deploy>",
        "Analysis required?",
    ] {
        assert!(text.contains(part), "Slack text lacks {part:?}: {text}");
    }
    assert!(!text.contains("<!here>"), "{text}");
    assert_eq!(to(&received(&server).await, "GET", "/incidents").len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announce_posts_sets_the_topic_and_updates_the_group_by_handle() {
    let server = MockServer::start().await;
    mount_announce(&server).await;

    let run = Dw::against(&server)
        .run(&["announce", "--post", "--topic", "--group"])
        .await;
    run.code(0)
        .stdout_is(
            "Posted week 8's ranks in #relay-team.\n\
             Topic of #relay-team set to \"primary: Linus Torvalds, secondary: Ada Lovelace\".\n\
             @relay-oncall is now U0000000C, U0000000A.\n",
        )
        .no_secrets();

    let all = received(&server).await;
    for r in &all {
        assert_slack_headers(r);
    }
    // conversations.list: name → ID, following the cursor to the second page.
    let lists = to(&all, "GET", "/conversations.list");
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert_eq!(query(&lists[0], "cursor"), Vec::<String>::new());
    assert_eq!(query(&lists[1], "cursor"), ["dXNlcjpVMDYxTkZUVDI="]);
    for l in &lists {
        assert_eq!(query(l, "types"), ["public_channel,private_channel"]);
        assert_eq!(query(l, "exclude_archived"), ["true"]);
    }
    assert_eq!(to(&all, "GET", "/usergroups.list").len(), 1);

    let post = to(&all, "POST", "/chat.postMessage");
    assert_eq!(post.len(), 1);
    let sent = body(&post[0]);
    assert_eq!(sent["channel"], "#relay-team");
    let text = sent["text"].as_str().unwrap();
    assert!(text.contains("*Relay on-call, week 8*"), "{text}");
    assert!(
        text.contains("primary: <@U0000000C> (Linus Torvalds)"),
        "{text}"
    );
    assert!(
        text.contains("secondary: <@U0000000A> (Ada Lovelace)"),
        "{text}"
    );
    assert!(
        text.contains("tertiary: <@U0000000B> (Grace Hopper)"),
        "{text}"
    );

    let topic = to(&all, "POST", "/conversations.setTopic");
    assert_eq!(topic.len(), 1);
    assert_eq!(
        body(&topic[0]),
        json!({"channel": "C0RELAY01", "topic": "primary: Linus Torvalds, secondary: Ada Lovelace"})
    );

    let group = to(&all, "POST", "/usergroups.users.update");
    assert_eq!(group.len(), 1);
    assert_eq!(
        body(&group[0]),
        json!({"usergroup": "S0RELAY01", "users": "U0000000C,U0000000A"})
    );
    assert_eq!(all.len(), 6, "{all:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announce_group_given_as_an_id_is_used_directly() {
    let server = MockServer::start().await;
    mount_announce(&server).await;

    let run = Dw::against(&server)
        .roster(GROUP_BY_ID)
        .run(&["--json", "announce", "--group"])
        .await;
    run.code(0).no_secrets();
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        out,
        json!({"posted": null, "topic": null, "group": ["U0000000C", "U0000000A"]})
    );
    let all = received(&server).await;
    assert_eq!(all.len(), 1, "no usergroups.list, no post: {all:?}");
    assert_eq!(all[0].url.path(), "/usergroups.users.update");
    assert_eq!(
        body(&all[0]),
        json!({"usergroup": "S0RELAY001", "users": "U0000000C,U0000000A"})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announce_without_flags_is_a_preview_that_sends_nothing() {
    let server = MockServer::start().await;
    let run = Dw::against(&server).run(&["announce"]).await;
    run.code(0)
        .stdout_has("primary: <@U0000000C> (Linus Torvalds)")
        .stderr_has("preview only");
    assert!(received(&server).await.is_empty());
}

// ---------------------------------------------------------------------------
// The fault matrix

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_429_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    mount_first(
        &server,
        "POST",
        "/chat.postMessage",
        1,
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "1")
            .set_body_json(json!({"ok": false, "error": "ratelimited"})),
    )
    .await;
    mount_post_message(&server).await;

    let run = Dw::against(&server).run(&["announce", "--post"]).await;
    run.code(0)
        .stdout_is("Posted week 8's ranks in #relay-team.\n")
        .no_secrets();
    assert!(
        run.elapsed >= Duration::from_secs(1),
        "Retry-After: 1 honoured (backoff alone is 10 ms): {:?}",
        run.elapsed
    );
    let posts = to(&received(&server).await, "POST", "/chat.postMessage");
    assert_eq!(posts.len(), 2, "the post was retried once");
    assert_eq!(body(&posts[0]), body(&posts[1]), "the same message again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_429_waits_for_ratelimit_reset_then_succeeds() {
    let server = MockServer::start().await;
    mount_first(
        &server,
        "GET",
        "/incidents",
        1,
        ResponseTemplate::new(429)
            .insert_header("ratelimit-reset", "1")
            .set_body_json(json!({"error": {"message": "Rate Limit Exceeded", "code": 2020}})),
    )
    .await;
    mount_handoff_incidents(&server).await;

    let run = Dw::against(&server).at(MONDAY).run(&["handoff"]).await;
    run.code(0)
        .stdout_has("Queue backlog growing")
        .stdout_has("Disk <!here> & full")
        .stdout_has("Login errors after deploy");
    assert!(run.elapsed >= Duration::from_secs(1), "{:?}", run.elapsed);
    assert_eq!(received(&server).await.len(), 4, "three pages, one retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_500_then_success_opens_one_incident() {
    let server = MockServer::start().await;
    mount_first(
        &server,
        "POST",
        "/incidents",
        1,
        ResponseTemplate::new(500).set_body_string("upstream hiccup"),
    )
    .await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    let run = Dw::against(&server).run(START).await;
    run.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let all = received(&server).await;
    let posts = to(&all, "POST", "/incidents");
    assert_eq!(posts.len(), 2);
    assert_eq!(
        body(&posts[0]),
        body(&posts[1]),
        "same incident_key both times"
    );
    assert_eq!(
        to(&all, "POST", "/chat.postMessage").len(),
        1,
        "one Slack post"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_500_forever_gives_up_after_the_bounded_retries() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/incidents",
        ResponseTemplate::new(500)
            .set_body_json(json!({"error": {"message": "Internal Server Error", "code": 5000}})),
    )
    .await;
    mount_post_message(&server).await;

    let run = Dw::against(&server)
        .env("DW_HTTP_RETRIES", "3")
        .run(START)
        .await;
    run.code(1)
        .stdout_is("")
        .stderr_has(
            "dw: PagerDuty POST /incidents: 127.0.0.1 answered HTTP 500: Internal Server Error",
        )
        .no_secrets();
    let all = received(&server).await;
    assert_eq!(
        to(&all, "POST", "/incidents").len(),
        4,
        "1 + DW_HTTP_RETRIES attempts"
    );
    assert!(
        to(&all, "POST", "/chat.postMessage").is_empty(),
        "no Slack post without an incident"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_timeout_is_a_clear_failure() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/incidents",
        created().set_delay(Duration::from_secs(6)),
    )
    .await;
    mount_post_message(&server).await;

    let run = Dw::against(&server)
        .env("DW_HTTP_TIMEOUT", "1")
        .env("DW_HTTP_RETRIES", "1")
        .run(START)
        .await;
    run.code(1)
        .stdout_is("")
        .stderr_has("dw: PagerDuty POST /incidents: no answer from 127.0.0.1 within 1 s")
        .no_secrets();
    assert!(
        run.elapsed < Duration::from_secs(5),
        "dw gave up at its own timeout: {:?}",
        run.elapsed
    );
    let all = received(&server).await;
    // The keyed POST is safe to repeat, so a timed-out attempt is retried once.
    let posts = to(&all, "POST", "/incidents");
    assert_eq!(posts.len(), 2);
    assert_eq!(body(&posts[0]), body(&posts[1]));
    assert!(to(&all, "POST", "/chat.postMessage").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_timeout_is_not_retried_and_the_url_is_still_printed() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount(
        &server,
        "POST",
        "/chat.postMessage",
        slack_ok(json!({"ts": "1"})).set_delay(Duration::from_secs(6)),
    )
    .await;

    let run = Dw::against(&server)
        .env("DW_HTTP_TIMEOUT", "1")
        .run(START)
        .await;
    run.code(1)
        .stdout_is(&format!("{INCIDENT_URL}\n"))
        .stderr_has("the incident is open (URL above), but posting it in Slack failed")
        .stderr_has("no answer from 127.0.0.1 within 1 s");
    // A message may have been posted even though the answer never came:
    // posting it again could post it twice.
    assert_eq!(
        to(&received(&server).await, "POST", "/chat.postMessage").len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_refused_is_retried_then_a_clear_failure() {
    let port = closed_port();
    let slack = MockServer::start().await;
    mount_post_message(&slack).await;

    let run = Dw::against(&slack)
        .env("DW_PAGERDUTY_URL", &format!("http://127.0.0.1:{port}"))
        .run(START)
        .await;
    run.code(1)
        .stdout_is("")
        .stderr_has("dw: PagerDuty POST /incidents: cannot connect to 127.0.0.1")
        .no_secrets();
    assert!(
        received(&slack).await.is_empty(),
        "no incident, no Slack post"
    );

    // Handoff: the rotation is still printed; the incidents are not.
    let run = Dw::offline()
        .env("DW_PAGERDUTY_URL", &format!("http://127.0.0.1:{port}"))
        .env("PAGERDUTY_TOKEN", PD_TOKEN)
        .at(MONDAY)
        .run(&["handoff"])
        .await;
    run.code(1)
        .stdout_has("| primary | Grace Hopper (grace) | Linus Torvalds (linus) |")
        .stdout_has(
            "Incidents were not fetched: PagerDuty GET /incidents: cannot connect to 127.0.0.1",
        )
        .stderr_has("cannot connect to 127.0.0.1")
        .no_secrets();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_answers_fail_clearly() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/incidents",
        ResponseTemplate::new(201).set_body_raw("{\"incident\": {\"id\": ", "application/json"),
    )
    .await;
    mount(
        &server,
        "GET",
        "/incidents",
        ResponseTemplate::new(200).set_body_raw("<html>maintenance</html>", "text/html"),
    )
    .await;
    mount(
        &server,
        "POST",
        "/chat.postMessage",
        ResponseTemplate::new(200).set_body_raw("ok", "text/plain"),
    )
    .await;

    let run = Dw::against(&server).run(START).await;
    run.code(1)
        .stdout_is("")
        .stderr_has("dw: PagerDuty POST /incidents: the answer is not the JSON dw expects");
    assert!(to(&received(&server).await, "POST", "/chat.postMessage").is_empty());

    let run = Dw::against(&server).at(MONDAY).run(&["handoff"]).await;
    run.code(1)
        .stdout_has("| primary | Grace Hopper (grace) | Linus Torvalds (linus) |")
        .stdout_has("Incidents were not fetched")
        .stderr_has("dw: PagerDuty GET /incidents: the answer is not the JSON dw expects");

    let run = Dw::against(&server).run(&["announce", "--post"]).await;
    run.code(1)
        .stdout_is("")
        .stderr_has("dw: Slack chat.postMessage: the answer is not JSON");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_ok_false_fails_with_a_hint() {
    let cases = [
        (
            "channel_not_found",
            "hint: check the channel name #relay-team in [slack] of the roster",
        ),
        (
            "not_in_channel",
            "hint: invite the bot to #relay-team (/invite @bot in the channel)",
        ),
        (
            "invalid_auth",
            "hint: SLACK_TOKEN is not accepted: set a valid bot token",
        ),
    ];
    for (error, hint) in cases {
        let server = MockServer::start().await;
        mount(&server, "POST", "/chat.postMessage", slack_error(error)).await;
        let run = Dw::against(&server).run(&["announce", "--post"]).await;
        run.code(1)
            .stdout_is("")
            .stderr_has(&format!("dw: Slack chat.postMessage: {error}"))
            .stderr_has(hint)
            .no_secrets();
        assert_eq!(
            received(&server).await.len(),
            1,
            "{error}: an answer, not a fault: no retry"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_ok_false_after_pagerduty_keeps_the_incident_url() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount(
        &server,
        "POST",
        "/chat.postMessage",
        slack_error("not_in_channel"),
    )
    .await;
    let run = Dw::against(&server)
        .run(&["--json", "incident", "start", "--title", "DB down", "--yes"])
        .await;
    run.code(1)
        .stderr_has("the incident is open (URL above), but posting it in Slack failed")
        .stderr_has("invite the bot to #relay-incidents");
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON even on failure");
    assert_eq!(out["incident"]["url"], INCIDENT_URL);
    assert_eq!(out["slack"]["posted"], false);
    assert!(out["slack"]["error"]
        .as_str()
        .is_some_and(|e| e.contains("not_in_channel")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_ok_and_slack_down_still_prints_the_incident_url() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount(
        &server,
        "POST",
        "/chat.postMessage",
        ResponseTemplate::new(503).set_body_string("Service Unavailable"),
    )
    .await;

    let run = Dw::against(&server).run(START).await;
    run.code(1)
        .stdout_is(&format!("{INCIDENT_URL}\n"))
        .stderr_has("dw: the incident is open (URL above), but posting it in Slack failed: Slack chat.postMessage: 127.0.0.1 answered HTTP 503")
        .no_secrets();
    let all = received(&server).await;
    assert_eq!(to(&all, "POST", "/incidents").len(), 1);
    assert_eq!(
        to(&all, "POST", "/chat.postMessage").len(),
        3,
        "1 + DW_HTTP_RETRIES attempts"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_start_with_the_same_key_opens_no_second_incident() {
    let server = MockServer::start().await;
    mount_first(&server, "POST", "/incidents", 1, created()).await;
    mount(
        &server,
        "POST",
        "/incidents",
        ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "Incident Already Exists",
            "code": 2001,
            "errors": ["Open incident with matching dedup key already exists on this service"],
        }})),
    )
    .await;
    mount(
        &server,
        "GET",
        "/incidents",
        page(
            vec![incident("PINC001", 41, "DB down", "triggered")],
            0,
            false,
        ),
    )
    .await;
    mount_post_message(&server).await;

    let dw = Dw::against(&server);
    let first = dw.run(START).await;
    first.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let second = dw.run(START).await;
    second
        .code(0)
        .stdout_is(&format!("{INCIDENT_URL}\n"))
        .stderr_has("PagerDuty already has this incident open (key dw-")
        .stderr_has("not opening a second one")
        .no_secrets();

    let all = received(&server).await;
    let posts = to(&all, "POST", "/incidents");
    assert_eq!(posts.len(), 2);
    let key = body(&posts[0])["incident"]["incident_key"].clone();
    assert_eq!(body(&posts[1])["incident"]["incident_key"], key);

    let lookups = to(&all, "GET", "/incidents");
    assert_eq!(lookups.len(), 1, "one lookup of the open incident");
    let lookup = &lookups[0];
    assert_pagerduty_headers(lookup);
    assert_eq!(query(lookup, "incident_key"), [key.as_str().unwrap()]);
    assert_eq!(query(lookup, "statuses[]"), ["triggered", "acknowledged"]);
    assert_eq!(query(lookup, "date_range"), ["all"]);
    // Both runs tell the incident channel, with the same link.
    let slack = to(&all, "POST", "/chat.postMessage");
    assert_eq!(slack.len(), 2);
    for s in &slack {
        assert!(body(s)["text"]
            .as_str()
            .unwrap()
            .contains("<https://relay.pagerduty.com/incidents/PINC001|PagerDuty incident #41>"));
    }
}

// ---------------------------------------------------------------------------
// Credentials and base URLs

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_credentials_exit_3_naming_the_variable() {
    let server = MockServer::start().await;
    let dw = Dw::against(&server);

    let run = dw.clone().without("PAGERDUTY_TOKEN").run(START).await;
    run.code(3)
        .stdout_is("")
        .stderr_has("dw: PAGERDUTY_TOKEN is not set")
        .stderr_has("hint: export PAGERDUTY_TOKEN=");

    let run = dw.clone().without("SLACK_TOKEN").run(START).await;
    run.code(3)
        .stderr_has("dw: SLACK_TOKEN is not set")
        .stderr_has("--no-slack");

    let run = dw.clone().without("DW_PAGERDUTY_FROM").run(START).await;
    run.code(3)
        .stderr_has("From header")
        .stderr_has("DW_PAGERDUTY_FROM")
        .stderr_has("DW_ME");

    let run = dw
        .clone()
        .without("SLACK_TOKEN")
        .run(&["announce", "--post", "--topic", "--group"])
        .await;
    run.code(3)
        .stdout_is("")
        .stderr_has("dw: SLACK_TOKEN is not set");

    let run = dw
        .clone()
        .without("SLACK_TOKEN")
        .at(MONDAY)
        .run(&["handoff", "--post"])
        .await;
    run.code(3).stderr_has("dw: SLACK_TOKEN is not set");

    assert!(
        received(&server).await.is_empty(),
        "nothing is sent when a credential is missing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_from_files_are_trimmed_and_no_slack_needs_no_slack_token() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    // `export SLACK_TOKEN="$(cat file)"` style values with stray whitespace.
    let run = Dw::against(&server)
        .env("PAGERDUTY_TOKEN", &format!(" {PD_TOKEN}\n"))
        .env("SLACK_TOKEN", &format!("{SLACK_TOKEN}\r\n"))
        .run(START)
        .await;
    run.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let all = received(&server).await;
    assert_eq!(all.len(), 2);
    assert_pagerduty_headers(&all[0]);
    assert_slack_headers(&all[1]);

    let run = Dw::against(&server)
        .without("SLACK_TOKEN")
        .run(&[START, &["--no-slack"][..]].concat())
        .await;
    run.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let all = received(&server).await;
    assert_eq!(all.len(), 3, "only the incident: {all:?}");
    assert_eq!(all[2].url.path(), "/incidents");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_to_a_remote_host_is_refused() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    let run = Dw::against(&server)
        .env("DW_PAGERDUTY_URL", "http://api.pagerduty.example.com")
        .run(START)
        .await;
    run.code(2)
        .stdout_is("")
        .stderr_has("DW_PAGERDUTY_URL=http://api.pagerduty.example.com uses plain http:// to a host that is not loopback")
        .stderr_has("hint: fix or unset DW_PAGERDUTY_URL");

    let run = Dw::against(&server)
        .env("DW_SLACK_URL", "http://10.1.2.3:8080/api")
        .run(&["announce", "--post"])
        .await;
    run.code(2)
        .stdout_is("")
        .stderr_has("DW_SLACK_URL=http://10.1.2.3:8080/api uses plain http://");

    let run = Dw::against(&server)
        .env("DW_SLACK_URL", "http://slack.example.com/api")
        .at(MONDAY)
        .run(&["handoff", "--post"])
        .await;
    run.code(2)
        .stderr_has("DW_SLACK_URL=http://slack.example.com/api uses plain http://");

    assert!(received(&server).await.is_empty(), "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_without_a_pagerduty_token_prints_the_rotation() {
    let server = MockServer::start().await;
    let run = Dw::against(&server)
        .without("PAGERDUTY_TOKEN")
        .at(MONDAY)
        .run(&["handoff"])
        .await;
    run.code(0)
        .stdout_has("| primary | Grace Hopper (grace) | Linus Torvalds (linus) |")
        .stdout_has("| tertiary | Ada Lovelace (ada) | Grace Hopper (grace) |")
        .stdout_has("Incidents were not fetched: PAGERDUTY_TOKEN is not set.")
        .stdout_has("## Customer issues to carry over");
    assert!(received(&server).await.is_empty());
}

// ---------------------------------------------------------------------------
// Tokens never leak; user text reaches Slack escaped

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_never_appear_in_verbose_or_dry_run_output() {
    let commands: [&[&str]; 3] = [
        START,
        &["handoff", "--post"],
        &["announce", "--post", "--topic", "--group"],
    ];

    // -v: every request is shown, redacted, and really sent.
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_handoff_incidents(&server).await;
    mount_announce(&server).await;
    for args in commands {
        let mut argv = vec!["-v"];
        argv.extend_from_slice(args);
        let run = Dw::against(&server).at(MONDAY).run(&argv).await;
        run.code(0).no_secrets().stderr_has("authorization: ");
        assert!(
            run.stderr.contains("Token token=***") || run.stderr.contains("Bearer ***"),
            "{argv:?}: the Authorization header is shown redacted\n{}",
            run.stderr
        );
    }
    let all = received(&server).await;
    assert!(to(&all, "POST", "/incidents").len() == 1);
    assert!(to(&all, "POST", "/usergroups.users.update").len() == 1);

    // -v on failures too: an error path must not print a token either.
    let failing = MockServer::start().await;
    mount(
        &failing,
        "POST",
        "/incidents",
        ResponseTemplate::new(401)
            .set_body_json(json!({"error": {"message": "Unauthorized", "code": 2006}})),
    )
    .await;
    mount(
        &failing,
        "POST",
        "/chat.postMessage",
        slack_error("invalid_auth"),
    )
    .await;
    let run = Dw::against(&failing)
        .run(&["-v", "incident", "start", "--title", "x", "--yes"])
        .await;
    run.code(1).stderr_has("HTTP 401").no_secrets();
    let run = Dw::against(&failing)
        .run(&["-v", "announce", "--post"])
        .await;
    run.code(1).stderr_has("invalid_auth").no_secrets();

    // --dry-run: the requests are printed with the secrets redacted, and
    // nothing that changes anything is sent (handoff still reads incidents).
    let dry = MockServer::start().await;
    mount_handoff_incidents(&dry).await;
    mount_announce(&dry).await;
    for args in commands {
        for verbose in [false, true] {
            let mut argv = if verbose { vec!["-v"] } else { vec![] };
            argv.extend_from_slice(args);
            argv.push("--dry-run");
            let run = Dw::against(&dry).at(MONDAY).run(&argv).await;
            run.code(0).no_secrets().stdout_has("# dry run: not sent");
        }
    }
    assert!(
        changes(&dry).await.is_empty(),
        "--dry-run changed something"
    );
    // Reads only: the handoff's incidents, and the IDs announce looks up so
    // that the printed requests are exact.
    let reads = received(&dry).await;
    assert!(
        reads.iter().all(|r| r.method.as_str() == "GET"
            && ["/incidents", "/conversations.list", "/usergroups.list"].contains(&r.url.path())),
        "only reads: {reads:?}"
    );

    let run = Dw::against(&dry)
        .run(&[START, &["--dry-run"][..]].concat())
        .await;
    run.stdout_has("POST http://127.0.0.1:")
        .stdout_has("/incidents\n")
        .stdout_has("authorization: Token token=***\n")
        .stdout_has("From: oncall-bot@example.com\n")
        .stdout_has("\"incident_key\": \"dw-")
        .stdout_has("/chat.postMessage\n")
        .stdout_has("authorization: Bearer ***\n")
        .stdout_has("\"channel\": \"#relay-incidents\"");
    let run = Dw::against(&dry)
        .run(&["announce", "--post", "--topic", "--group", "--dry-run"])
        .await;
    run.stdout_has("/conversations.setTopic\n")
        .stdout_has("\"topic\": \"primary: Linus Torvalds, secondary: Ada Lovelace\"")
        .stdout_has("/usergroups.users.update\n")
        .stdout_has("\"users\": \"U0000000C,U0000000A\"")
        .stdout_has("authorization: Bearer ***\n");
    assert!(changes(&dry).await.is_empty());

    // Without any token, --dry-run still shows what would be sent.
    let run = Dw::against(&dry)
        .without("PAGERDUTY_TOKEN")
        .without("SLACK_TOKEN")
        .run(&[START, &["--dry-run"][..]].concat())
        .await;
    run.code(0)
        .stdout_has("Token token=***")
        .stdout_has("Bearer ***");
    assert!(changes(&dry).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_title_cannot_ping_or_forge_links_in_slack() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    Mock::given(method("POST"))
        .and(path("/chat.postMessage"))
        .and(body_partial_json(json!({"channel": "#relay-incidents"})))
        .respond_with(slack_ok(json!({"ts": "1"})))
        .mount(&server)
        .await;

    let title = "<!channel> <@U123> <https://evil|click>";
    let run = Dw::against(&server)
        .run(&[
            "incident", "start", "--title", title, "--yes", "--as", "ada",
        ])
        .await;
    run.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));

    let all = received(&server).await;
    // PagerDuty is not Slack: it gets the title as typed.
    let pd = to(&all, "POST", "/incidents");
    assert_eq!(body(&pd[0])["incident"]["title"], title);

    let slack = to(&all, "POST", "/chat.postMessage");
    assert_eq!(slack.len(), 1);
    let raw = String::from_utf8(slack[0].body.clone()).unwrap();
    let text = body(&slack[0])["text"].as_str().unwrap().to_string();
    assert!(
        text.contains("*Incident: &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt;*"),
        "{text}"
    );
    for forbidden in ["<!channel>", "<@U123>", "<https://evil", "evil|click>"] {
        assert!(
            !text.contains(forbidden),
            "{forbidden:?} reached Slack: {text}"
        );
        assert!(
            !raw.contains(forbidden),
            "{forbidden:?} in the raw body: {raw}"
        );
    }
    // The only mentions are dw's own, of the people on call.
    let mentions: Vec<&str> = text
        .match_indices("<@")
        .map(|(i, _)| &text[i..i + 12])
        .collect();
    assert_eq!(mentions, ["<@U0000000C>", "<@U0000000A>"], "{text}");
}
