//! The fault matrix: rate limits, server errors, timeouts, refused
//! connections, malformed answers and Slack's `ok: false`.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use wiremock::{MockServer, ResponseTemplate};

use crate::support::http::*;

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
    mount_announce_reads(&server).await;

    let started = Instant::now();
    let run = against(&server).run_async(&["announce", "--post"]).await;
    let waited = started.elapsed();
    run.code(0)
        .stdout_is("Posted week 8's ranks in #relay-team.\n")
        .no_secrets();
    assert!(
        waited >= Duration::from_secs(1),
        "Retry-After: 1 honoured (backoff alone is 10 ms): {waited:?}"
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

    let started = Instant::now();
    let run = against(&server).at(MONDAY).run_async(&["handoff"]).await;
    let waited = started.elapsed();
    run.code(0)
        .stdout_has("Queue backlog growing")
        .stdout_has("Disk \\<!here\\> & full")
        .stdout_has("Login errors after deploy");
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
    assert_eq!(received(&server).await.len(), 4, "three pages, one retried");
}

/// `GET /incidents` answering `incidents` (the lookup by key after an ambiguous POST).
async fn mount_lookup(server: &MockServer, incidents: Value) {
    mount(
        server,
        "GET",
        "/incidents",
        ResponseTemplate::new(200).set_body_json(
            json!({"incidents": incidents, "limit": 25, "offset": 0, "more": false, "total": null}),
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_500_after_opening_is_not_resent_and_the_incident_is_found_by_its_key() {
    let server = MockServer::start().await;
    // PagerDuty opened the incident, then failed to say so.
    mount(
        &server,
        "POST",
        "/incidents",
        ResponseTemplate::new(500).set_body_string("upstream hiccup"),
    )
    .await;
    let mut open = incident("PINC001", 41, "DB down", "triggered");
    open["incident_key"] = json!(crate::incident::start_key());
    mount_lookup(&server, json!([open])).await;
    // Found by its key: dw looks in the channel before posting (nothing there).
    mount_incident_channel_reads(&server, Vec::new()).await;
    mount_post_message(&server).await;

    let run = against(&server)
        .env("DW_HTTP_RETRIES", "3")
        .run_async(START)
        .await;
    run.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let all = received(&server).await;
    assert_eq!(
        to(&all, "POST", "/incidents").len(),
        1,
        "a POST that may have worked is never sent twice"
    );
    let lookups = to(&all, "GET", "/incidents");
    assert_eq!(lookups.len(), 1);
    let query = lookups[0].url.query().unwrap_or_default().to_string();
    assert!(query.contains("incident_key="), "{query}");
    assert!(query.contains("service_ids"), "{query}");
    assert_eq!(
        to(&all, "POST", "/chat.postMessage").len(),
        1,
        "one Slack post"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagerduty_500_without_an_incident_fails_once_and_says_to_run_again() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/incidents",
        ResponseTemplate::new(500)
            .set_body_json(json!({"error": {"message": "Internal Server Error", "code": 5000}})),
    )
    .await;
    mount_lookup(&server, json!([])).await;
    mount_post_message(&server).await;

    let run = against(&server)
        .env("DW_HTTP_RETRIES", "3")
        .run_async(START)
        .await;
    run.code(1)
        .stdout_is("")
        .stderr_has("answered HTTP 500: Internal Server Error")
        .stderr_has("run the same command again")
        .no_secrets();
    let all = received(&server).await;
    assert_eq!(to(&all, "POST", "/incidents").len(), 1, "never resent");
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
    mount_lookup(&server, json!([])).await;
    mount_post_message(&server).await;

    let run = against(&server)
        .env("DW_HTTP_TIMEOUT", "1")
        .env("DW_HTTP_RETRIES", "1")
        .run_async(START)
        .await;
    run.code(1)
        .stdout_is("")
        .stderr_has("within 1 s")
        .stderr_has("run the same command again")
        .no_secrets();
    // dw gave up at its own 1 s timeout: had it waited for the 6 s answer it
    // would have opened the incident (exit 0), not failed "within 1 s".
    let all = received(&server).await;
    assert_eq!(to(&all, "POST", "/incidents").len(), 1, "never resent");
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

    let run = against(&server)
        .env("DW_HTTP_TIMEOUT", "1")
        .run_async(START)
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
    let closed = ClosedPort::new();
    let slack = MockServer::start().await;
    mount_post_message(&slack).await;

    let run = against(&slack)
        .env("DW_PAGERDUTY_URL", closed.url())
        .run_async(START)
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
    let run = offline()
        .env("DW_PAGERDUTY_URL", closed.url())
        .env("PAGERDUTY_TOKEN", PD_TOKEN)
        .at(MONDAY)
        .run_async(&["handoff"])
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
    mount_announce_reads(&server).await;

    let run = against(&server).run_async(START).await;
    run.code(1)
        .stdout_is("")
        .stderr_has("dw: PagerDuty POST /incidents: the answer is not the JSON dw expects");
    assert!(to(&received(&server).await, "POST", "/chat.postMessage").is_empty());

    let run = against(&server).at(MONDAY).run_async(&["handoff"]).await;
    run.code(1)
        .stdout_has("| primary | Grace Hopper (grace) | Linus Torvalds (linus) |")
        .stdout_has("Incidents were not fetched")
        .stderr_has("dw: PagerDuty GET /incidents: the answer is not the JSON dw expects");

    let run = against(&server).run_async(&["announce", "--post"]).await;
    run.code(1)
        .stdout_is("")
        .stderr_has("dw: Slack chat.postMessage: the answer is not JSON");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_ok_false_fails_with_a_hint() {
    // A rejected token is a credentials error (exit 3), the others a service's (exit 1).
    let cases = [
        (
            "channel_not_found",
            "hint: check the channel name #relay-team in [slack] of the roster",
            1,
            "dw: ",
        ),
        (
            "not_in_channel",
            "hint: invite the bot to #relay-team (/invite @bot in the channel)",
            1,
            "dw: ",
        ),
        (
            "invalid_auth",
            "hint: set SLACK_TOKEN to a valid bot token",
            3,
            "dw: Slack does not accept SLACK_TOKEN (invalid_auth: ",
        ),
    ];
    for (error, hint, code, prefix) in cases {
        let server = MockServer::start().await;
        mount(&server, "POST", "/chat.postMessage", slack_error(error)).await;
        mount_announce_reads(&server).await;
        let run = against(&server).run_async(&["announce", "--post"]).await;
        run.code(code)
            .stdout_is("")
            .stderr_has(&format!("{prefix}Slack chat.postMessage: {error}"))
            .stderr_has(hint)
            .no_secrets();
        assert_eq!(
            to(&received(&server).await, "POST", "/chat.postMessage").len(),
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
    let run = against(&server)
        .run_async(&["--json", "incident", "start", "--title", "DB down", "--yes"])
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

    let run = against(&server).run_async(START).await;
    run.code(1)
        .stdout_is(&format!("{INCIDENT_URL}\n"))
        .stderr_has("dw: the incident is open (URL above), but posting it in Slack failed: Slack chat.postMessage: 127.0.0.1 answered HTTP 503")
        .no_secrets();
    let all = received(&server).await;
    assert_eq!(to(&all, "POST", "/incidents").len(), 1);
    assert_eq!(
        to(&all, "POST", "/chat.postMessage").len(),
        1,
        "a post is never resent after a 5xx: it may have been posted"
    );
}
