//! A `wiremock` server standing in for PagerDuty and Slack: the sandbox
//! that talks to it, what it received, and canned answers. Fixtures:
//! `tests/fixtures/http-*.toml` (a Chicago team).

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{Run, Sandbox};

/// Distinctive tokens: they must never show up in anything dw prints.
pub const PD_TOKEN: &str = "pdtok-SECRET-3f9a71c2";
pub const SLACK_TOKEN: &str = "xoxb-SECRET-8d21e6b0";

pub const USER_AGENT: &str = concat!("dw/", env!("CARGO_PKG_VERSION"));
pub const PD_ACCEPT: &str = "application/vnd.pagerduty+json;version=2";

/// Tuesday 2026-03-03 12:00 in Chicago: week 8, primary linus (U0000000C),
/// secondary ada (U0000000A), tertiary grace.
pub const AT: &str = "2026-03-03T12:00";
/// Monday 2026-03-02 12:00 in Chicago: the day before the week 7 → 8 handoff.
pub const MONDAY: &str = "2026-03-02T12:00";
/// Week 7 began here (the ending shift of the handoff).
pub const SHIFT_START: &str = "2026-02-24T10:00:00-06:00";
/// Where `dw handoff` starts its list of the shift's incidents: 30 days
/// before the shift began (incidents created before it, resolved during it).
pub const SHIFT_SINCE: &str = "2026-01-25T10:00:00-06:00";
/// `MONDAY` as dw sends it.
pub const MONDAY_RFC3339: &str = "2026-03-02T12:00:00-06:00";

pub const TEAM: &str = "http-team.toml";
pub const GROUP_BY_ID: &str = "http-group-id.toml";

pub const INCIDENT_URL: &str = "https://relay.pagerduty.com/incidents/PINC001";

/// The checks only this file makes.
pub trait Secrets {
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

pub async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// Requests that would change something (anything but GET).
pub async fn changes(server: &MockServer) -> Vec<Request> {
    received(server)
        .await
        .into_iter()
        .filter(|r| r.method.as_str() != "GET")
        .collect()
}

pub fn to(requests: &[Request], verb: &str, p: &str) -> Vec<Request> {
    requests
        .iter()
        .filter(|r| r.method.as_str() == verb && r.url.path() == p)
        .cloned()
        .collect()
}

pub fn header<'a>(r: &'a Request, name: &str) -> &'a str {
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

pub fn body(r: &Request) -> Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("{} {} has no JSON body ({e})", r.method, r.url))
}

/// All values of one query parameter, in order.
pub fn query(r: &Request, name: &str) -> Vec<String> {
    r.url
        .query_pairs()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .collect()
}

/// The query parameters' names, sorted, without repeats.
pub fn query_names(r: &Request) -> Vec<String> {
    let mut names: Vec<String> = r.url.query_pairs().map(|(k, _)| k.into_owned()).collect();
    names.sort();
    names.dedup();
    names
}

/// Every PagerDuty request: REST v2 Accept, JSON, the token, dw's User-Agent.
pub fn assert_pagerduty_headers(r: &Request) {
    assert_eq!(header(r, "accept"), PD_ACCEPT, "{} {}", r.method, r.url);
    assert_eq!(header(r, "content-type"), "application/json");
    assert_eq!(
        header(r, "authorization"),
        format!("Token token={PD_TOKEN}")
    );
    assert_eq!(header(r, "user-agent"), USER_AGENT);
}

/// Every Slack request: the bot token as Bearer, JSON, dw's User-Agent.
pub fn assert_slack_headers(r: &Request) {
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

pub fn incident(id: &str, number: u64, title: &str, status: &str) -> Value {
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

pub fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({
        "incident": incident("PINC001", 41, "DB down", "triggered")
    }))
}

pub fn slack_ok(extra: Value) -> ResponseTemplate {
    let mut body = json!({"ok": true});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    ResponseTemplate::new(200).set_body_json(body)
}

pub fn slack_error(error: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"ok": false, "error": error}))
}

pub async fn mount(server: &MockServer, verb: &str, p: &str, answer: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(p))
        .respond_with(answer)
        .mount(server)
        .await;
}

/// `answer` for the first `times` calls, then whatever else is mounted.
pub async fn mount_first(
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

pub async fn mount_post_message(server: &MockServer) {
    mount(
        server,
        "POST",
        "/chat.postMessage",
        slack_ok(json!({"channel": "C0RELAYINC", "ts": "1772560000.000100"})),
    )
    .await;
}

/// What `incident start` reads before it posts an incident found by its key:
/// the incident channel's ID (`conversations.list`) and its history,
/// holding `messages`.
pub async fn mount_incident_channel_reads(server: &MockServer, messages: Vec<Value>) {
    mount(
        server,
        "GET",
        "/conversations.list",
        slack_ok(json!({
            "channels": [{"id": "C0RELAYINC", "name": "relay-incidents"}],
            "response_metadata": {"next_cursor": ""},
        })),
    )
    .await;
    mount(
        server,
        "GET",
        "/conversations.history",
        slack_ok(json!({"messages": messages, "has_more": false,
            "response_metadata": {"next_cursor": ""}})),
    )
    .await;
}

/// A PagerDuty list page.
pub fn page(incidents: Vec<Value>, offset: usize, more: bool) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "incidents": incidents,
        "limit": 100,
        "offset": offset,
        "more": more,
        "total": null,
    }))
}

/// The handoff's two lists: open incidents on two pages, the shift's on one.
pub async fn mount_handoff_incidents(server: &MockServer) {
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
        .and(query_param("since", SHIFT_SINCE))
        .and(query_param("offset", "0"))
        .respond_with(page(vec![resolved], 0, false))
        .mount(server)
        .await;
}

/// Slack's lookups for `announce --topic --group`: the channel on the second
/// page of `conversations.list`, the group in `usergroups.list`.
/// What `announce --post` reads before it posts: the team channel's ID
/// (`conversations.list`) and its history, where this week is not posted yet.
pub async fn mount_announce_reads(server: &MockServer) {
    mount(
        server,
        "GET",
        "/conversations.list",
        slack_ok(json!({
            "channels": [{"id": "C0RELAY01", "name": "relay-team"}],
            "response_metadata": {"next_cursor": ""},
        })),
    )
    .await;
    mount(
        server,
        "GET",
        "/conversations.history",
        slack_ok(json!({"messages": [], "has_more": false,
            "response_metadata": {"next_cursor": ""}})),
    )
    .await;
}

pub async fn mount_announce(server: &MockServer) {
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
    // Nothing announced yet, and the group holds last week's people.
    mount(
        server,
        "GET",
        "/conversations.history",
        slack_ok(json!({"messages": [], "has_more": false,
            "response_metadata": {"next_cursor": ""}})),
    )
    .await;
    mount(
        server,
        "GET",
        "/usergroups.users.list",
        slack_ok(json!({"users": ["U0000000B"]})),
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
///
/// The port stays bound (but not listening) while the value lives, so no
/// other test or program can take it in the meantime: connecting is refused.
pub struct ClosedPort(socket2::Socket);

impl ClosedPort {
    pub fn new() -> Self {
        let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)
            .expect("a TCP socket");
        let any: std::net::SocketAddr = "127.0.0.1:0".parse().unwrap();
        socket.bind(&any.into()).expect("bind a free port");
        ClosedPort(socket)
    }

    pub fn port(&self) -> u16 {
        self.0
            .local_addr()
            .ok()
            .and_then(|a| a.as_socket())
            .expect("a bound address")
            .port()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port())
    }
}

/// A sandbox whose `dw` finds both services at `server`, with both tokens,
/// a known requester and fast retries (`--roster http-team.toml --at AT`).
pub fn against(server: &MockServer) -> Sandbox {
    offline()
        .env("DW_PAGERDUTY_URL", server.uri())
        .env("DW_SLACK_URL", server.uri())
        .env("PAGERDUTY_TOKEN", PD_TOKEN)
        .env("SLACK_TOKEN", SLACK_TOKEN)
        .env("DW_PAGERDUTY_FROM", "oncall-bot@example.com")
}

/// No services, no tokens; only fast retry settings.
pub fn offline() -> Sandbox {
    Sandbox::with(TEAM)
        .at(AT)
        .env("DW_HTTP_BACKOFF_MS", "10")
        .env("DW_HTTP_RETRIES", "2")
        .env("DW_HTTP_TIMEOUT", "5")
}

pub const START: &[&str] = &["incident", "start", "--title", "DB down", "--yes"];
