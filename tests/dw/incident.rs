//! `dw incident start` against a `wiremock` PagerDuty and Slack.

use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::http::*;

/// The key `START` sends at `AT`: service PSVC001, "DB down", 2026-03-03.
pub fn start_key() -> String {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 3).expect("a date");
    dw::incident::default_key("PSVC001", "DB down", day)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_start_opens_the_incident_and_posts_in_the_incident_channel() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;

    let run = against(&server)
        .without("DW_PAGERDUTY_FROM")
        .env("DW_ME", "ada")
        .run_async(&[
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

    let dw = against(&server);
    let first = dw
        .run_async(&["--json", "incident", "start", "--title", "DB down", "--yes"])
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
    let again = against(&server)
        .at("2026-03-03T23:00")
        .run_async(&["incident", "start", "--title", "  db DOWN ", "--yes"])
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
    // PagerDuty's copy carries the key dw sent: only then is it this incident.
    let mut open = incident("PINC001", 41, "DB down", "triggered");
    open["incident_key"] = json!(start_key());
    mount(&server, "GET", "/incidents", page(vec![open], 0, false)).await;
    mount_post_message(&server).await;
    // The first run's post, as the incident channel's history shows it.
    mount_incident_channel_reads(
        &server,
        vec![
            json!({"type": "message", "ts": "1772560000.000100", "text": "DB down",
            "metadata": {"event_type": "dw_incident",
                "event_payload": {"incident_id": "PINC001", "incident_key": start_key()}}}),
        ],
    )
    .await;

    let dw = against(&server);
    let first = dw.run_async(START).await;
    first.code(0).stdout_is(&format!("{INCIDENT_URL}\n"));
    let second = dw.run_async(START).await;
    second
        .code(0)
        .stdout_is(&format!("{INCIDENT_URL}\n"))
        .stderr_has("already open in PagerDuty (same key dw-")
        .stderr_has("not opening a second one")
        .stderr_has(
            "already announced in #relay-incidents (at 1772560000.000100): not posted again",
        )
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
    assert_eq!(
        query(lookup, "service_ids[]"),
        ["PSVC001"],
        "the key is per service"
    );
    // Only the first run tells the incident channel, marking its post.
    let slack = to(&all, "POST", "/chat.postMessage");
    assert_eq!(slack.len(), 1);
    assert_eq!(
        body(&slack[0])["metadata"],
        json!({"event_type": "dw_incident",
            "event_payload": {"incident_id": "PINC001", "incident_key": key}})
    );
    let read = to(&all, "GET", "/conversations.history");
    assert_eq!(read.len(), 1, "the rerun reads the channel once");
    assert_eq!(query(&read[0], "channel"), ["C0RELAYINC"]);
    assert_eq!(query(&read[0], "include_all_metadata"), ["true"]);
    for s in &slack {
        assert!(body(s)["text"]
            .as_str()
            .unwrap()
            .contains("<https://relay.pagerduty.com/incidents/PINC001|PagerDuty incident #41>"));
    }
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
    let run = against(&server)
        .run_async(&[
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incident_during_a_cover_pings_the_covering_member() {
    let server = MockServer::start().await;
    mount(&server, "POST", "/incidents", created()).await;
    mount_post_message(&server).await;
    let sandbox = against(&server);
    // At AT (week 8) linus holds the primary; grace covers it around AT.
    let roster = sandbox.work().join(TEAM);
    let mut text = std::fs::read_to_string(&roster).expect("the roster");
    text.push_str(
        "\n[[covers]]\nrole = \"primary\"\nmember = \"grace\"\nfrom = 2026-03-03T11:00\nto = 2026-03-03T13:00\n",
    );
    std::fs::write(&roster, text).expect("write the roster");
    sandbox
        .run_async(&[
            "incident", "start", "--title", "DB down", "--yes", "--as", "ada",
        ])
        .await
        .code(0);
    let all = received(&server).await;
    let slack = to(&all, "POST", "/chat.postMessage");
    assert_eq!(slack.len(), 1);
    let text = body(&slack[0])["text"].as_str().unwrap().to_string();
    assert!(text.contains("primary <@U0000000B>"), "{text}");
    assert!(!text.contains("<@U0000000C>"), "linus is covered: {text}");
}

/// `dw incident analysis --incident` fills the template's timeline from
/// PagerDuty's log, which the API lists in no documented order: oldest
/// first, ties by id, whatever order the answer had.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analysis_timeline_is_in_time_order_whatever_order_pagerduty_lists_it() {
    use crate::support::standin::at;
    use crate::support::standin::pagerduty::{LogOrder, PagerDuty, TOKEN};
    let pd = PagerDuty::start().await;
    pd.add_service("PSVC001", "Relay API");
    pd.set_now(at("2026-03-02T10:00:00Z"));
    let id = pd.add_incident("PSVC001", "Checkout down");
    pd.set_now(at("2026-03-02T10:05:00Z"));
    pd.set_incident_status(&id, "acknowledged");
    // Two notes at the same second: their ids order them.
    let noon = at("2026-03-02T10:20:00Z");
    pd.add_log_entry(&id, "annotate_log_entry", "Rolled back to v41", noon);
    pd.add_log_entry(&id, "annotate_log_entry", "Status page updated", noon);
    pd.set_now(at("2026-03-02T11:00:00Z"));
    pd.set_incident_status(&id, "resolved");
    pd.set_log_order(LogOrder::Newest);

    let sandbox = crate::support::Sandbox::with(crate::support::BUNDLED)
        .env("DW_PAGERDUTY_URL", pd.url())
        .env("PAGERDUTY_TOKEN", TOKEN);
    sandbox
        .run_async(&[
            "incident",
            "analysis",
            "--incident",
            &id,
            "--rolled-back",
            "--write",
            "analysis.md",
        ])
        .await
        .code(0)
        .stdout_has("Template written to analysis.md.");
    let text = std::fs::read_to_string(sandbox.work().join("analysis.md")).expect("the template");
    let timeline: Vec<&str> = text
        .split("## Timeline")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a timeline section")
        .lines()
        .filter(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        timeline,
        [
            "- 2026-03-02T10:00:00Z: Triggered",
            "- 2026-03-02T10:05:00Z: acknowledged by the stand-in",
            "- 2026-03-02T10:20:00Z: Rolled back to v41",
            "- 2026-03-02T10:20:00Z: Status page updated",
            "- 2026-03-02T11:00:00Z: resolved by the stand-in",
        ],
        "{text}"
    );
}

// ------------------------------------------- against the stateful stand-ins

mod standins {
    use crate::support::http::START;
    use crate::support::scenes::{against_both as sandbox, incident_services};
    use crate::support::standin::pagerduty::PagerDuty;
    use crate::support::standin::slack::Slack;
    use crate::support::standin::Fault;

    /// PagerDuty with the roster's service (and another), Slack with the
    /// incident channel; both clocks at `AT` (2026-03-03 12:00 Chicago).
    async fn services() -> (PagerDuty, Slack) {
        let (pd, slack) = incident_services().await;
        pd.add_service("PSVC002", "Billing");
        (pd, slack)
    }

    /// Incidents a lookup by key must not take for dw's: another incident of
    /// the service, one with the key on another service, and a resolved one
    /// with the key. Returns their ids.
    fn noise(pd: &PagerDuty, key: &str) -> Vec<String> {
        let other = pd.add_incident("PSVC001", "Queue backlog growing");
        let elsewhere = pd.add_incident("PSVC002", "DB down");
        pd.set_incident_key(&elsewhere, key);
        let old = pd.add_incident("PSVC001", "DB down");
        pd.set_incident_key(&old, key);
        pd.set_incident_status(&old, "resolved");
        vec![other, elsewhere, old]
    }

    fn gets_of_incidents(pd: &PagerDuty) -> usize {
        pd.requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path == "/incidents")
            .count()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_lookup_that_ignores_its_filter_never_announces_another_incident() {
        let (pd, slack) = services().await;
        let key = super::start_key();
        noise(&pd, &key);
        pd.set_ignore_incident_filters(true);
        // The POST fails without opening anything (a gateway's 502).
        pd.fault(
            "POST",
            "/incidents",
            Fault::Reply(502, "Bad Gateway".into()),
        );

        let run = sandbox(&pd, &slack).run_async(START).await;
        run.code(1)
            .stdout_is("")
            .stderr_has(&format!(
                "no open incident with key {key} was found afterwards, so it was probably not opened"
            ))
            .stderr_has("run the same command again");
        assert_eq!(gets_of_incidents(&pd), 1, "one lookup by key");
        assert!(
            slack.posts().is_empty(),
            "another incident is never announced: {:?}",
            slack.posts()
        );
        assert_eq!(pd.incidents().len(), 3, "nothing opened");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn after_a_failed_answer_the_incident_is_found_among_others_by_key_and_service() {
        let (pd, slack) = services().await;
        let key = super::start_key();
        noise(&pd, &key);
        pd.set_ignore_incident_filters(true);
        // PagerDuty opens it, then the gateway fails the answer.
        pd.fault(
            "POST",
            "/incidents",
            Fault::AppliedThen(502, "Bad Gateway".into()),
        );

        let run = sandbox(&pd, &slack).run_async(START).await;
        let mine = pd
            .incidents()
            .into_iter()
            .find(|i| i.title == "DB down" && i.service == "PSVC001" && i.status == "triggered")
            .expect("the incident dw opened");
        let url = format!("https://standin.pagerduty.com/incidents/{}", mine.id);
        run.code(0).stdout_is(&format!("{url}\n"));
        let posts = slack.posts();
        assert_eq!(posts.len(), 1, "{posts:?}");
        assert!(
            posts[0]
                .text
                .contains(&format!("<{url}|PagerDuty incident #{}>", mine.number)),
            "{}",
            posts[0].text
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_repeated_start_finds_its_incident_among_others_and_does_not_announce_it_again() {
        let (pd, slack) = services().await;
        let key = super::start_key();
        noise(&pd, &key);
        let dw = sandbox(&pd, &slack);
        let first = dw.run_async(&[&["--json"][..], START].concat()).await;
        first.code(0);
        let first: serde_json::Value = serde_json::from_str(&first.stdout).expect("JSON");
        assert_eq!(first["incident"]["existing"], false);

        pd.set_ignore_incident_filters(true);
        let again = dw.run_async(&[&["--json"][..], START].concat()).await;
        again
            .code(0)
            .stderr_has("already open in PagerDuty (same key");
        let again: serde_json::Value = serde_json::from_str(&again.stdout).expect("JSON");
        assert_eq!(again["incident"]["existing"], true);
        assert_eq!(again["incident"]["id"], first["incident"]["id"], "{again}");
        assert_eq!(again["incident"]["url"], first["incident"]["url"]);
        assert_eq!(again["slack"]["posted"], false);
        assert_eq!(slack.posts().len(), 1, "announced once");
        assert_eq!(pd.incidents().len(), 4, "three others and dw's one");
    }
}
