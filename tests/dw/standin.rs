//! The stand-ins of `support/standin/` behave as the real services document:
//! checked over HTTP, without dw. This file holds the HTTP helpers and the
//! PagerDuty stand-in's checks; the Slack stand-in's are in `standin_slack.rs`.

use chrono::TimeDelta;
use serde_json::{json, Value};

use crate::support::standin;

use crate::support::standin::pagerduty::{Base, PagerDuty, Schedule, Span};
use crate::support::standin::{at, Fault};

/// An HTTP answer.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) async fn call(
    method: &str,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Option<Value>,
) -> Reply {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    tokio::task::spawn_blocking(move || {
        let client = reqwest::blocking::Client::new();
        let mut req = client.request(method, url);
        for (k, v) in headers {
            req = req.header(k, v);
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let resp = req.send().expect("the stand-in answers");
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let body = resp.text().expect("a body");
        Reply {
            status,
            headers,
            body,
        }
    })
    .await
    .expect("the request task")
}

/// A PagerDuty request with the right token and a `From` header.
async fn pd(server: &PagerDuty, method: &str, path: &str, body: Option<Value>) -> Reply {
    let headers = vec![
        (
            "authorization",
            format!("Token token={}", standin::pagerduty::TOKEN),
        ),
        ("accept", "application/vnd.pagerduty+json;version=2".into()),
        ("from", "dw@example.com".into()),
    ];
    call(method, format!("{}{path}", server.url()), headers, body).await
}

/// Weekly turns of ada then bob from Monday 2026-01-05 00:00 UTC.
async fn team() -> PagerDuty {
    let server = PagerDuty::start().await;
    server.set_now(at("2026-01-05T00:00:00Z"));
    server.add_schedule(Schedule {
        id: "PSCHED1".into(),
        name: "Primary".into(),
        time_zone: "America/Chicago".into(),
        on_escalation_policy: true,
        base: Base::Rotation {
            start: at("2026-01-05T00:00:00Z"),
            length: TimeDelta::days(7),
            users: vec!["PADA".into(), "PBOB".into()],
        },
    });
    server.add_schedule(Schedule {
        id: "PLOOSE".into(),
        name: "Not on any policy".into(),
        time_zone: "UTC".into(),
        on_escalation_policy: false,
        base: Base::Spans(vec![Span {
            start: at("2026-01-01T00:00:00Z"),
            end: at("2026-03-01T00:00:00Z"),
            user: "PBOB".into(),
        }]),
    });
    server.add_user("PCY", "Cy");
    server.add_user("PDEE", "Dee");
    server
}

fn entries(schedule: &Value, key: &str) -> Vec<(String, String, String)> {
    schedule["schedule"][key]["rendered_schedule_entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["start"].as_str().unwrap_or_default().to_string(),
                e["end"].as_str().unwrap_or_default().to_string(),
                e["user"]["id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn row(a: &str, b: &str, u: &str) -> (String, String, String) {
    (a.into(), b.into(), u.into())
}

#[tokio::test]
async fn the_last_created_override_wins_and_entries_are_clipped_unless_overflow() {
    let server = team().await;
    let created = pd(
        &server,
        "POST",
        "/schedules/PSCHED1/overrides",
        Some(json!({"overrides": [
            {"start": "2026-01-06T00:00:00Z", "end": "2026-01-09T00:00:00Z",
             "user": {"id": "PCY", "type": "user_reference"}, "time_zone": "UTC"},
            {"start": "2026-01-07T00:00:00Z", "end": "2026-01-10T00:00:00Z",
             "user": {"id": "PDEE", "type": "user_reference"}, "time_zone": "UTC"},
            {"start": "2026-01-08T00:00:00Z", "end": "2026-01-08T00:00:00Z",
             "user": {"id": "PDEE", "type": "user_reference"}, "time_zone": "UTC"},
            {"start": "2026-01-08T00:00:00Z", "end": "2026-01-09T00:00:00Z",
             "user": {"id": "PNOBODY", "type": "user_reference"}, "time_zone": "UTC"},
        ]})),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let items = created.json();
    let statuses: Vec<u64> = items
        .as_array()
        .expect("an array of results")
        .iter()
        .map(|i| i["status"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(statuses, [201, 201, 400, 400]);
    assert_eq!(items[2]["errors"][0], "Override must end after its start");
    assert_eq!(server.overrides().len(), 2);

    let week = pd(
        &server,
        "GET",
        "/schedules/PSCHED1?since=2026-01-05T00:00:00Z&until=2026-01-12T00:00:00Z&time_zone=UTC",
        None,
    )
    .await
    .json();
    assert_eq!(
        entries(&week, "final_schedule"),
        [
            row("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z", "PADA"),
            row("2026-01-06T00:00:00Z", "2026-01-07T00:00:00Z", "PCY"),
            row("2026-01-07T00:00:00Z", "2026-01-10T00:00:00Z", "PDEE"),
            row("2026-01-10T00:00:00Z", "2026-01-12T00:00:00Z", "PADA"),
        ]
    );
    assert_eq!(week["schedule"]["final_schedule"]["name"], "Final Schedule");

    // A window inside Dee's override: clipped, or whole with overflow=true.
    let inside = "/schedules/PSCHED1?since=2026-01-08T12:00:00Z&until=2026-01-09T00:00:00Z";
    let clipped = pd(&server, "GET", &format!("{inside}&time_zone=UTC"), None)
        .await
        .json();
    assert_eq!(
        entries(&clipped, "final_schedule"),
        [row("2026-01-08T12:00:00Z", "2026-01-09T00:00:00Z", "PDEE")]
    );
    let whole = pd(&server, "GET", &format!("{inside}&overflow=true"), None)
        .await
        .json();
    // By default in the schedule's own time zone (Chicago, UTC-6 in January).
    assert_eq!(
        entries(&whole, "final_schedule"),
        [row(
            "2026-01-06T18:00:00-06:00",
            "2026-01-09T18:00:00-06:00",
            "PDEE"
        )]
    );

    // The overrides list: ordered by start, truncated unless overflow=true.
    let list = "/schedules/PSCHED1/overrides?since=2026-01-08T00:00:00Z&until=2026-01-09T12:00:00Z";
    let short = pd(&server, "GET", list, None).await.json();
    let spans: Vec<(&str, &str)> = short["overrides"]
        .as_array()
        .expect("overrides")
        .iter()
        .map(|o| {
            (
                o["start"].as_str().unwrap_or(""),
                o["end"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("2026-01-08T00:00:00Z", "2026-01-09T00:00:00Z"),
            ("2026-01-08T00:00:00Z", "2026-01-09T12:00:00Z"),
        ]
    );
    let long = pd(&server, "GET", &format!("{list}&overflow=true"), None)
        .await
        .json();
    assert_eq!(long["overrides"][0]["start"], "2026-01-06T00:00:00Z");
    assert_eq!(long["overrides"][1]["end"], "2026-01-10T00:00:00Z");
    let missing = pd(&server, "GET", "/schedules/PSCHED1/overrides", None).await;
    assert_eq!(missing.status, 400);
    assert!(missing.json()["error"]["message"].is_string());
}

#[tokio::test]
async fn deleting_overrides_follows_the_clock() {
    let server = team().await;
    server.set_now(at("2026-01-10T00:00:00Z"));
    let past = server.add_override(
        "PSCHED1",
        at("2026-01-06T00:00:00Z"),
        at("2026-01-07T00:00:00Z"),
        "PCY",
    );
    let running = server.add_override(
        "PSCHED1",
        at("2026-01-09T00:00:00Z"),
        at("2026-01-11T00:00:00Z"),
        "PCY",
    );
    let future = server.add_override(
        "PSCHED1",
        at("2026-01-12T00:00:00Z"),
        at("2026-01-13T00:00:00Z"),
        "PCY",
    );
    let path = |id: &str| format!("/schedules/PSCHED1/overrides/{id}");
    assert_eq!(pd(&server, "DELETE", &path(&past), None).await.status, 400);
    assert_eq!(
        pd(&server, "DELETE", &path(&running), None).await.status,
        200
    );
    assert_eq!(
        pd(&server, "DELETE", &path(&future), None).await.status,
        204
    );
    assert_eq!(
        pd(&server, "DELETE", &path("QNONE"), None).await.status,
        404
    );
    let left = server.overrides();
    assert_eq!(left.len(), 2);
    assert_eq!(left[1].end, at("2026-01-10T00:00:00Z"), "truncated to now");

    // A failing DELETE changes nothing; an applied-then-502 POST does.
    server.fault(
        "DELETE",
        "/schedules/PSCHED1/overrides/*",
        Fault::Reply(500, "{}".into()),
    );
    assert_eq!(
        pd(&server, "DELETE", &path(&running), None).await.status,
        500
    );
    server.fault(
        "POST",
        "/schedules/PSCHED1/overrides",
        Fault::AppliedThen(502, "<html>Bad Gateway</html>".into()),
    );
    let body = json!({"override": {"start": "2026-01-20T00:00:00Z", "end": "2026-01-21T00:00:00Z",
        "user": {"id": "PDEE", "type": "user_reference"}}});
    assert_eq!(
        pd(
            &server,
            "POST",
            "/schedules/PSCHED1/overrides",
            Some(body.clone())
        )
        .await
        .status,
        502
    );
    assert_eq!(server.overrides().len(), 3);
    let single = pd(&server, "POST", "/schedules/PSCHED1/overrides", Some(body)).await;
    assert_eq!(single.status, 201);
    assert_eq!(single.json()["override"]["user"]["id"], "PDEE");
}

#[tokio::test]
async fn oncalls_cover_policies_only_page_and_stop_at_90_days() {
    let server = team().await;
    let q = "/oncalls?since=2026-01-05T00:00:00Z&until=2026-02-02T00:00:00Z";
    let first = pd(&server, "GET", &format!("{q}&limit=3"), None)
        .await
        .json();
    assert_eq!(first["oncalls"].as_array().map(Vec::len), Some(3));
    assert_eq!(first["more"], true);
    assert_eq!(first["total"], Value::Null);
    let rest = pd(
        &server,
        "GET",
        &format!("{q}&limit=3&offset=3&total=true"),
        None,
    )
    .await
    .json();
    assert_eq!(rest["more"], false);
    assert_eq!(rest["total"], 4);
    for page in [&first, &rest] {
        for o in page["oncalls"].as_array().into_iter().flatten() {
            assert_eq!(o["schedule"]["id"], "PSCHED1", "no policy, no on-call");
        }
    }
    // A whole span, not clipped to the window.
    let now = pd(
        &server,
        "GET",
        "/oncalls?since=2026-01-08T00:00:00Z&until=2026-01-08T00:00:00Z",
        None,
    )
    .await
    .json();
    assert_eq!(now["oncalls"][0]["start"], "2026-01-05T00:00:00Z");
    assert_eq!(now["oncalls"][0]["end"], "2026-01-12T00:00:00Z");
    let far = pd(
        &server,
        "GET",
        "/oncalls?since=2026-01-05T00:00:00Z&until=2026-04-06T00:00:01Z",
        None,
    )
    .await;
    assert_eq!(far.status, 400);
    let error = &far.json()["error"];
    assert_eq!(error["code"], 2001);
    assert!(error["errors"][0]
        .as_str()
        .unwrap_or("")
        .contains("90 days"));
}

#[tokio::test]
async fn a_second_open_incident_with_the_same_key_is_refused() {
    let server = PagerDuty::start().await;
    server.add_service("PSVC1", "Payments");
    server.add_service("PSVC2", "Search");
    let new = |service: &str| {
        json!({"incident": {"type": "incident", "title": "Disk full",
            "service": {"id": service, "type": "service_reference"},
            "incident_key": "dw-disk"}})
    };
    let no_from = call(
        "POST",
        format!("{}/incidents", server.url()),
        vec![(
            "authorization",
            format!("Token token={}", standin::pagerduty::TOKEN),
        )],
        Some(new("PSVC1")),
    )
    .await;
    assert_eq!(no_from.status, 400);
    let first = pd(&server, "POST", "/incidents", Some(new("PSVC1"))).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.json()["incident"]["status"], "triggered");
    let again = pd(&server, "POST", "/incidents", Some(new("PSVC1"))).await;
    assert_eq!(again.status, 400);
    assert_eq!(
        again.json()["error"]["errors"][0],
        "Open incident with matching dedup key already exists on this service"
    );
    assert_eq!(
        pd(&server, "POST", "/incidents", Some(new("PSVC2")))
            .await
            .status,
        201
    );
    let open = pd(
        &server,
        "GET",
        "/incidents?incident_key=dw-disk&statuses[]=triggered&date_range=all",
        None,
    )
    .await
    .json();
    assert_eq!(open["incidents"].as_array().map(Vec::len), Some(2));
    let id = first.json()["incident"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    server.set_incident_status(&id, "resolved");
    assert_eq!(
        pd(&server, "POST", "/incidents", Some(new("PSVC1")))
            .await
            .status,
        201
    );
    let log = pd(
        &server,
        "GET",
        &format!("/incidents/{id}/log_entries"),
        None,
    )
    .await
    .json();
    assert_eq!(log["log_entries"][0]["type"], "trigger_log_entry");
    assert_eq!(log["log_entries"][1]["type"], "resolve_log_entry");
}

#[tokio::test]
async fn pagerduty_rate_limits_and_auth_errors_have_the_documented_shapes() {
    let server = team().await;
    server.rate_limit(1, 2);
    let limited = pd(&server, "GET", "/schedules/PSCHED1", None).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("ratelimit-reset"), Some("2"));
    assert_eq!(limited.header("ratelimit-remaining"), Some("0"));
    assert!(limited.header("ratelimit-limit").is_some());
    assert_eq!(limited.header("retry-after"), None);
    assert_eq!(
        pd(&server, "GET", "/schedules/PSCHED1", None).await.status,
        200
    );
    let anonymous = call(
        "GET",
        format!("{}/schedules/PSCHED1", server.url()),
        vec![],
        None,
    )
    .await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.json()["error"]["code"], 2006);
    assert_eq!(server.requests().len(), 3);

    server.set_endless_pages(true);
    let page = pd(&server, "GET", "/oncalls?offset=500", None).await.json();
    assert_eq!(page["more"], true);
}
